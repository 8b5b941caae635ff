"""`referentiel mappings check`: each check fires on a broken fixture; good mapping sets pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.cli import cli, main
from referentiel.translation.framework import load_framework
from referentiel.translation.mapping_checks import CHECKS, ERROR, check_mapping_set
from referentiel.translation.sssom import parse_mapping_set

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini_framework.ttl")
ORGS = sorted((DATA / "orgs").glob("*/mappings.sssom.tsv"))

HEADER = (
    "#curie_map:\n"
    "#  cpasx: https://w3id.org/referentiel/org/cpas-x/\n"
    "#  refc: https://w3id.org/referentiel/concept/\n"
    "#mapping_set_id: https://w3id.org/referentiel/org/cpas-x/mappings\n"
    "#license: https://creativecommons.org/licenses/by/4.0/\n"
)
COLS = (
    "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence"
    "\tmapping_date\tmapping_cardinality\tpredicate_modifier\n"
)
GOOD = (
    "cpasx:role-as\tAS\tskos:exactMatch\trefc:role-social-worker\t\tsemapv:ManualMappingCuration"
    "\t1\t2026-11-20\t\t\n"
)


def row(
    subject: str = "cpasx:role-as",
    label: str = "AS",
    predicate: str = "skos:exactMatch",
    obj: str = "refc:role-social-worker",
    object_label: str = "",
    justification: str = "semapv:ManualMappingCuration",
    confidence: str = "1",
    date: str = "2026-11-20",
    cardinality: str = "",
    modifier: str = "",
) -> str:
    return (
        "\t".join(
            (
                subject,
                label,
                predicate,
                obj,
                object_label,
                justification,
                confidence,
                date,
                cardinality,
                modifier,
            )
        )
        + "\n"
    )


# check id -> (header, rows) of a mapping set on which that check (and no ERROR it does not expect) fires.
BROKEN: dict[str, tuple[str, str]] = {
    "metadata-missing": (
        "#curie_map:\n#  cpasx: https://w3id.org/referentiel/org/cpas-x/\n"
        "#  refc: https://w3id.org/referentiel/concept/\n",
        GOOD,
    ),
    "value-missing": (HEADER, row(obj="")),
    "curie-malformed": (HEADER, row(obj="refc role social worker")),
    "prefix-undeclared": (HEADER, row(obj="eurovoc:4564")),
    "justification-unknown": (HEADER, row(justification="semapv:GutFeeling")),
    "predicate-not-skos": (HEADER, row(predicate="owl:equivalentClass")),
    "predicate-unknown": (HEADER, row(predicate="skos:sameish")),
    "confidence-invalid": (HEADER, row(confidence="1.5")),
    "date-invalid": (HEADER, row(date="20/11/2026")),
    "modifier-invalid": (HEADER, row(modifier="Maybe")),
    "cardinality-invalid": (HEADER, row(cardinality="1:many")),
    "duplicate-mapping": (HEADER, GOOD + GOOD),
    "subject-label-missing": (HEADER, row(label="")),
    "label-ambiguous": (HEADER, GOOD + row(subject="cpasx:role-as-bis", obj="refc:role-nurse")),
    "subject-outside-org-namespace": (
        HEADER,
        row(subject="refc:role-nurse", label="infirmière", obj="refc:role-nurse"),
    ),
    "exact-with-hierarchical": (HEADER, GOOD + row(predicate="skos:broadMatch")),
    "related-on-hierarchy": (
        HEADER,
        row("cpasx:mk-pluri", "Pluri", "skos:exactMatch", "refc:meeting-kind-multidisciplinary-concertation")
        + row("cpasx:mk-pluri", "Pluri", "skos:relatedMatch", "refc:meeting-kind-concertation"),
    ),
    "broad-cycle": (
        HEADER,
        row("cpasx:mk-c", "C", "skos:exactMatch", "refc:meeting-kind-concertation")
        + row("cpasx:mk-c", "C", "skos:broadMatch", "refc:meeting-kind-multidisciplinary-concertation"),
    ),
    "object-not-in-framework": (HEADER, row(obj="refc:role-social-wroker")),
    "object-deprecated": (HEADER, row(obj="refc:role-old-visitor")),
    "one-to-one-violated": (
        HEADER,
        row(cardinality="1:1") + row(subject="cpasx:role-ts", label="TS", cardinality="1:1"),
    ),
    "exact-to-several": (HEADER, GOOD + row(obj="refc:role-educator")),
    "no-term-found-contradicted": (HEADER, GOOD + row(obj="sssom:NoTermFound")),
    "object-label-mismatch": (HEADER, row(object_label="infirmière")),
}


def test_every_check_has_a_broken_fixture() -> None:
    assert set(BROKEN) == set(CHECKS)


@pytest.mark.parametrize("check_id", sorted(BROKEN))
def test_check_fires_on_its_fixture(check_id: str) -> None:
    header, rows = BROKEN[check_id]
    ms = parse_mapping_set(header + COLS + rows, source="broken.sssom.tsv", strict=False)
    findings = check_mapping_set(ms, load_framework(MINI))
    fired = [f for f in findings if f.check == check_id]
    assert fired, f"{check_id} did not fire; got {[f.check for f in findings]}"
    assert all(f.file == "broken.sssom.tsv" and f.line for f in fired)
    assert fired[0].severity == CHECKS[check_id].severity
    assert fired[0].hint == CHECKS[check_id].hint
    # A fixture breaks one thing: no unrelated ERROR.
    unrelated = {f.check for f in findings if f.severity == ERROR} - {check_id}
    allowed = {"one-to-one-violated": {"label-ambiguous"}, "label-ambiguous": set()}
    assert unrelated <= allowed.get(check_id, set()), unrelated


def test_good_set_has_no_finding() -> None:
    ms = parse_mapping_set(HEADER + COLS + GOOD, source="good.sssom.tsv", strict=False)
    assert check_mapping_set(ms, load_framework(MINI)) == []


def test_negated_mapping_is_not_a_conflict() -> None:
    ms = parse_mapping_set(
        HEADER + COLS + GOOD + row(predicate="skos:broadMatch", modifier="Not"), source="x", strict=False
    )
    assert check_mapping_set(ms, load_framework(MINI)) == []


@pytest.mark.parametrize("path", ORGS, ids=lambda p: p.parent.name)
def test_fixture_orgs_pass(path: Path, runner) -> None:
    result = runner.invoke(cli, ["mappings", "check", str(path), "--ontology", MINI, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_cli_exit_codes_and_json(tmp_path: Path, runner) -> None:
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(
        HEADER + COLS + row(date="20/11/2026") + row(subject="cpasx:x", label="X", obj="refc:nope"),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["mappings", "check", str(bad), "--ontology", MINI, "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["conforms"] is False
    assert {f["check"] for f in report["findings"]} == {"date-invalid", "object-not-in-framework"}
    assert {f["line"] for f in report["findings"]} == {7, 8}
    text = runner.invoke(cli, ["mappings", "check", str(bad), "--ontology", MINI, "--lang", "en"])
    assert "bad.sssom.tsv, line 7, column mapping_date" in text.output
    assert "how to fix" in text.output


def _main(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    return info.value.code, capsys.readouterr().err


def test_cli_unusable_file_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text(HEADER + "subject_id\tobject_id\ncpasx:a\trefc:b\n", encoding="utf-8")
    code, err = _main(["mappings", "check", str(bad), "--ontology", MINI], capsys)
    assert code == 2
    assert "bad.sssom.tsv, line 6, column predicate_id: missing required column(s)" in err
    assert "Traceback" not in err
    code, err = _main(["mappings", "check", str(tmp_path / "none.sssom.tsv"), "--ontology", MINI], capsys)
    assert code == 2 and "not found" in err


# ------------------------------------------------------------------------------- languages

# English words of the report's frame and findings that must not appear in a French or Dutch report.
ENGLISH = (
    "how to fix",
    " line ",
    "column ",
    " is not ",
    "mapping set(s)",
    "error(s)",
    "warning(s)",
    "FAILED",
    " is empty",
    "repeats",
    "claimed",
    "deprecated (",
    " is also ",
    "declared without",
    " names ",
    "did you mean",
    "closes",
    " both ",
    " has no ",
    "not declared",
    "outside",
)
SAID = {
    "fr": ("comment corriger", "erreur(s)", "jeu(x) de correspondances", "ligne"),
    "nl": ("hoe op te lossen", "fout(en)", "mappingset(s)", "regel"),
    "en": ("how to fix", "error(s)", "mapping set(s)", "line"),
}


def _placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_check_text_has_french_and_dutch_with_the_same_placeholders() -> None:
    import ast

    from referentiel.translation import mapping_check_rules, mapping_check_skos
    from referentiel.translation.mapping_check_messages import MESSAGES

    templates = {text for spec in CHECKS.values() for text in (spec.title, spec.hint)}
    used = {
        node.args[0].value
        for module in (mapping_check_rules, mapping_check_skos)
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "phrase"
    }
    assert len(used) >= 25  # every finding of the rules is a phrase of the catalogue
    for template in templates | used:
        assert template in MESSAGES, template
        for lang in ("fr", "nl"):
            assert _placeholders(MESSAGES[template][lang]) == _placeholders(template), (lang, template)


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_check_report_speaks_the_chosen_language(lang: str, tmp_path: Path, runner) -> None:
    for check_id, (header, rows) in BROKEN.items():
        path = tmp_path / f"{check_id}.sssom.tsv"
        path.write_text(header + COLS + rows, encoding="utf-8")
        result = runner.invoke(cli, ["mappings", "check", str(path), "--ontology", MINI, "--lang", lang])
        assert result.exit_code in (0, 1), result.output
        assert f"[{check_id}]" in result.output
        if CHECKS[check_id].severity != "INFO" and check_id != "metadata-missing":
            assert all(word in result.output for word in SAID[lang]), (check_id, result.output)
        if lang != "en":
            text = result.output.replace(str(path), "FILE").replace(f"[{check_id}]", "[ID]")
            leaks = [word for word in ENGLISH if word in text]
            assert not leaks, (check_id, leaks, text)
        report = json.loads(
            runner.invoke(
                cli, ["mappings", "check", str(path), "--ontology", MINI, "--lang", lang, "--format", "json"]
            ).output
        )
        finding = next(f for f in report["findings"] if f["check"] == check_id)
        assert finding["message"] in result.output
        assert finding["hint"] in result.output or finding["severity"] == "INFO"  # INFO gives no how-to-fix


def test_translated_findings_keep_the_values_they_quote(tmp_path: Path, runner) -> None:
    path = tmp_path / "bad.sssom.tsv"
    path.write_text(HEADER + COLS + row(date="20/11/2026"), encoding="utf-8")
    said = {
        lang: runner.invoke(cli, ["mappings", "check", str(path), "--ontology", MINI, "--lang", lang]).output
        for lang in ("fr", "nl", "en")
    }
    assert "mapping_date '20/11/2026' n'est pas au format AAAA-MM-JJ" in said["fr"]
    assert "mapping_date '20/11/2026' is niet JJJJ-MM-DD" in said["nl"]
    assert "mapping_date '20/11/2026' is not YYYY-MM-DD" in said["en"]
    assert "ÉCHEC : 1 jeu(x)" in said["fr"] and "MISLUKT: 1 mappingset(s)" in said["nl"]
