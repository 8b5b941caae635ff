"""`referentiel ontology check` from the command line: exit codes 0/1/2, text and JSON reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.ontology.catalogue import all_checks

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "clean.ttl"

CHECK_EN = ["ontology", "check", "--lang", "en"]  # the report in English (the default is French)


def broken(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.ttl"
    target.write_text(CLEAN.read_text(encoding="utf-8") + "\n"
                      + (FIXTURES / "broken" / f"{name}.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def clean_json() -> dict:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [*CHECK_EN, "--ontology", str(CLEAN), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_clean_ontology_exits_0_and_says_hermit_ran(runner) -> None:
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(CLEAN)])
    assert result.exit_code == 0, result.output
    assert "HermiT 1.3" in result.stdout and " ran in " in result.stdout
    assert "0 ERROR, 0 WARN, 0 INFO: passed" in result.stdout


def test_error_finding_exits_1_grouped_with_its_hint_once(runner, tmp_path: Path) -> None:
    ontology = broken(tmp_path, "multiple-labels")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner"])
    assert result.exit_code == 1, result.output
    text = result.stdout
    assert "== ERROR (1) ==" in text
    assert "[multiple-labels] More than one preferred label in one language (1)" in text
    assert "ex:Family" in text and "lang=fr" in text and "famille" in text and "ménage" in text
    assert text.count("how to fix:") == 1
    assert "NOT run (--no-reasoner)" in text


def test_warnings_only_exit_0(runner, tmp_path: Path) -> None:
    ontology = broken(tmp_path, "missing-domain")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner"])
    assert result.exit_code == 0, result.output
    assert "== WARN (1) ==" in result.stdout


def test_severity_groups_come_in_order(runner, tmp_path: Path) -> None:
    ontology = tmp_path / "mixed.ttl"
    ontology.write_text(broken(tmp_path, "missing-domain").read_text(encoding="utf-8") + "\n"
                        + (FIXTURES / "broken" / "scheme-without-top-concept.ttl").read_text(encoding="utf-8")
                        + "\n" + (FIXTURES / "broken" / "non-owl-property.ttl").read_text(encoding="utf-8"),
                        encoding="utf-8")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner"])
    assert result.exit_code == 1
    text = result.stdout
    assert text.index("== ERROR") < text.index("== WARN") < text.index("== INFO")


def test_malformed_turtle_exits_2_with_file_and_line(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n",
                   encoding="utf-8")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "line 3" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content, words", [
    (None, "file not found"),
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
])
def test_unreadable_input_exits_2(runner, tmp_path: Path, content: bytes | None, words: str) -> None:
    target = tmp_path / "input.ttl"
    if content is not None:
        target.write_bytes(content)
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(target)])
    assert result.exit_code == 2
    assert words in result.stderr and str(target) in result.stderr


def test_missing_java_exits_2_and_says_so(runner, monkeypatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(CLEAN)])
    assert result.exit_code == 2
    assert "Java was not found" in result.stdout and "NOT CHECKED" in result.stdout
    assert "the reasoner could not run" in result.stderr
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(CLEAN), "--no-reasoner"])
    assert result.exit_code == 0


def test_json_report_structure(clean_json: dict) -> None:
    report = clean_json
    assert report["format"] == "referentiel-ontology-report" and report["formatVersion"] == 1
    assert set(report) == {"format", "formatVersion", "source", "ontology", "reasoner", "summary", "checks",
                           "findings"}
    assert report["ontology"] == {
        "iri": "https://example.org/fixture", "versionIRI": "https://example.org/fixture/1.0.0",
        "versionInfo": "1.0.0", "triples": 102,
        "ownNamespaces": ["https://example.org/fixture#", "https://example.org/fixture/concept/"],
    }
    reasoner = report["reasoner"]
    assert reasoner["name"] == "HermiT" and reasoner["status"] == "ran" and reasoner["consistent"] is True
    assert reasoner["seconds"] > 0 and reasoner["version"].startswith("1.3")
    assert reasoner["unsatisfiableClasses"] == []
    assert report["summary"]["counts"] == {"ERROR": 0, "WARN": 0, "INFO": 0}
    assert report["summary"]["passed"] is True and report["summary"]["exitCode"] == 0
    assert report["summary"]["checksRun"] == len(all_checks()) == len(report["checks"])
    for check in report["checks"]:
        assert set(check) == {"id", "title", "severity", "scope", "kind", "description", "hint", "source",
                              "findings"}
    assert report["findings"] == []


def test_json_findings_match_the_counts(runner, tmp_path: Path) -> None:
    ontology = broken(tmp_path, "duplicate-label")
    out = tmp_path / "report.json"
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner",
                                 "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["reasoner"]["status"] == "skipped"
    assert report["summary"]["counts"]["ERROR"] == len(report["findings"]) == 2
    by_id = {c["id"]: c["findings"] for c in report["checks"]}
    assert by_id["duplicate-label"] == 2
    finding = report["findings"][0]
    assert set(finding) == {"check", "severity", "term", "label", "labelLang", "property", "value", "lang",
                            "other", "message"}
    assert finding["check"] == "duplicate-label" and finding["severity"] == "ERROR"
    assert finding["lang"] == "fr" and finding["value"].lower() == "personne"


def test_namespace_option(runner, tmp_path: Path) -> None:
    ontology = broken(tmp_path, "missing-label")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner",
                                 "--namespace", "https://elsewhere.org/"])
    assert result.exit_code == 0
    assert "Own namespaces: https://elsewhere.org/" in result.stdout


# --- docs/ontology.md, "Quality checks", is executed -----------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "ontology.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index("## Quality checks"):text.index("## HTML documentation")]


def _block(section: str, lang: str, nth: int = 0) -> str:
    return section.split(f"```{lang}\n")[nth + 1].split("```", 1)[0]


def test_doc_table_lists_every_check_with_its_severity_and_scope() -> None:
    table = _section().split("### The checks", 1)[1].split("**Adding a check.**", 1)[0]
    rows = [line.split("|") for line in table.splitlines() if line.startswith("| `")]
    documented = {row[1].strip().strip("`"): (row[2].strip(), row[3].strip()) for row in rows}
    assert documented == {c.id: (c.severity, c.scope) for c in all_checks()}


def test_doc_text_example_is_what_the_command_prints(runner, tmp_path: Path) -> None:
    ontology = broken(tmp_path, "multiple-labels")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(ontology), "--no-reasoner"])
    example = _block(_section(), "text")
    tail = example[example.index("== ERROR"):]
    printed = result.stdout[result.stdout.index("== ERROR"):]
    assert printed.replace("'ménage | famille'", "'famille | ménage'") == tail  # GROUP_CONCAT order is free
    assert "Checks:   27 run" in example and "Checks:   27 run" in result.stdout


def test_doc_json_example_has_the_real_keys(clean_json: dict) -> None:
    example = json.loads(_block(_section(), "json"))
    assert set(example) == set(clean_json)
    for key in ("ontology", "reasoner", "summary"):
        assert set(example[key]) == set(clean_json[key]), key
    assert set(example["summary"]["counts"]) == set(clean_json["summary"]["counts"])
    assert set(example["checks"][0]) == set(clean_json["checks"][0])
    from referentiel.ontology.report import Finding

    assert set(example["findings"][0]) == set(Finding(check="x", severity="WARN").to_dict())


def test_other_rdf_syntaxes_and_explicit_input_format(runner, tmp_path: Path) -> None:
    from rdflib import Graph

    graph = Graph().parse(CLEAN)
    rdfxml = tmp_path / "clean.owl"
    graph.serialize(rdfxml, format="xml")
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(rdfxml), "--no-reasoner"])
    assert result.exit_code == 0 and "0 ERROR, 0 WARN, 0 INFO" in result.stdout
    unnamed = tmp_path / "export.txt"
    unnamed.write_bytes(rdfxml.read_bytes())
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(unnamed), "--no-reasoner"])
    assert result.exit_code == 2 and "--input-format" in result.stderr
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(unnamed), "--input-format", "xml",
                                 "--no-reasoner"])
    assert result.exit_code == 0


def test_a_folder_is_not_an_ontology(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, [*CHECK_EN, "--ontology", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr


# --- languages ------------------------------------------------------------------------------------

# English words of the report's frame, titles and fixes that must not appear in French or Dutch.
ENGLISH = ("how to fix", "Source:", "Own namespaces", "Reasoner:", "Checks:", "Summary", "passed",
           "FAILED", "NOT run", "consistency", " run in ", "More than one", "keep one", "turn the others",
           "Property without", "not a valid", "add rdfs:domain (a class")
SAID = {
    "fr": ("comment corriger", "Plus d'un libellé préféré dans une langue", "Bilan : 1 ERROR",
           "ÉCHEC (sortie 1)", "NON exécuté (--no-reasoner)", "Propriété sans domaine"),
    "nl": ("hoe op te lossen", "Meer dan één voorkeurslabel in één taal", "Samenvatting: 1 ERROR",
           "MISLUKT (exit 1)", "NIET uitgevoerd (--no-reasoner)", "Eigenschap zonder domein"),
    "en": ("how to fix", "More than one preferred label in one language", "Summary: 1 ERROR",
           "FAILED (exit 1)", "NOT run (--no-reasoner)", "Property without a domain"),
}


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_report_speaks_the_chosen_language(runner, tmp_path: Path, lang: str) -> None:
    ontology = tmp_path / "mixed.ttl"
    ontology.write_text(broken(tmp_path, "multiple-labels").read_text(encoding="utf-8") + "\n"
                        + (FIXTURES / "broken" / "missing-domain.ttl").read_text(encoding="utf-8"),
                        encoding="utf-8")
    command = ["ontology", "check", "--lang", lang, "--ontology", str(ontology), "--no-reasoner"]
    result = runner.invoke(cli, command)
    assert result.exit_code == 1, result.output
    for words in SAID[lang]:
        assert words in result.stdout, (words, result.stdout)
    if lang != "en":
        text = result.stdout.replace(str(ontology), "FILE")
        assert not [word for word in ENGLISH if word in text], text
    report = json.loads(runner.invoke(cli, [*command, "--format", "json"]).stdout)
    titles = {check["id"]: check["title"] for check in report["checks"]}
    assert titles["multiple-labels"] == SAID[lang][1]
    skipped = {"fr": "omis à la demande de l'utilisateur (--no-reasoner)",
               "nl": "overgeslagen op vraag van de gebruiker (--no-reasoner)",
               "en": "skipped at the user's request (--no-reasoner)"}
    assert report["reasoner"]["message"] == skipped[lang]


def test_every_check_and_message_has_french_and_dutch() -> None:
    import string

    from referentiel.ontology import check as check_module
    from referentiel.ontology import reasoner, report
    from referentiel.ontology.catalogue import all_checks
    from referentiel.ontology.messages import MESSAGES

    for check in all_checks():
        for lang in ("fr", "nl"):
            assert check.title_in(lang) != check.title and check.hint_in(lang) != check.hint, (check.id, lang)
    used = set()
    for module in (check_module, reasoner, report):
        source = Path(module.__file__).read_text(encoding="utf-8")
        used |= {text for text in MESSAGES if f'"{text}"' in source}
    assert len(used) >= 25

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    for template, texts in MESSAGES.items():
        assert names(texts["fr"]) == names(template) == names(texts["nl"]), template


def test_missing_java_is_said_in_the_chosen_language(runner, monkeypatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    result = runner.invoke(cli, ["ontology", "check", "--lang", "nl", "--ontology", str(CLEAN)])
    assert result.exit_code == 2
    assert "Java werd niet gevonden" in result.stdout
    assert "HermiT heeft Java 8 of later nodig" in result.stdout
    assert "de redeneerder kon niet draaien" in result.stderr and "Java was not found" not in result.output
