"""The translation's messages in French, English and Dutch: a complete catalogue, the same parameters
in every language, every issue made from it, and nothing personal in any language."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.privacy import find_niss, is_valid_niss
from referentiel.translation import translate
from referentiel.translation.messages import (
    LANGS,
    MESSAGES,
    Items,
    Msg,
    check_lang,
    fields,
    location,
    reader_reason,
    render,
)

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
SRC = ROOT / "src" / "referentiel"
KEY = "0123456789abcdef0123456789abcdef"
NOTE = "la maman dit que le papa boit le soir"  # a free-text note typed in the wrong column


def _niss() -> str:
    body = 850730033
    value = f"{body:09d}{97 - body % 97:02d}"
    assert is_valid_niss(value)
    return value


# ------------------------------------------------------------------------------------ the catalogue


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_every_entry_has_the_three_languages_with_the_same_parameters(message_id: str) -> None:
    templates = MESSAGES[message_id]
    assert set(templates) == set(LANGS), f"{message_id}: languages {sorted(templates)}"
    assert all(templates[lang].strip() for lang in LANGS), message_id
    expected = fields(templates["en"])
    for lang in LANGS:
        assert fields(templates[lang]) == expected, f"{message_id} [{lang}]: {fields(templates[lang])}"


def test_the_check_of_the_catalogue_can_fail() -> None:
    """The test above is real: a missing language or another parameter name is seen."""
    broken = {"en": "the column {column!r} is empty", "fr": "la colonne {colonne!r} est vide"}
    assert set(broken) != set(LANGS)
    assert fields(broken["en"]) != fields(broken["fr"])


def test_every_message_id_of_the_translator_is_in_the_catalogue() -> None:
    used = set()
    for name in (
        "translator.py",
        "tables.py",
        "rows.py",
        "resolve.py",
        "emit.py",
        "report.py",
        "commands_translate.py",
        "mapping_coverage.py",
        "messages.py",
    ):
        text = (SRC / "translation" / name).read_text(encoding="utf-8")
        used |= set(re.findall(r'Msg\.of\(\s*"([a-z0-9.\-]+)"', text))
        used |= set(re.findall(r'^\s*"([a-z]+(?:[.-][a-z0-9]+)+)"\s*$', text, re.M))  # ids on their own line
        used |= {f"coverage.{m}" for m in re.findall(r'say\(\s*"([a-z\-]+)"', text)}
        used |= set(re.findall(r'render\(\s*"([a-z.\-]+)"', text))
    assert used, "no message id found: the pattern no longer matches the code"
    assert used - set(MESSAGES) == set()


def test_render_fragments_lists_and_locations() -> None:
    message = Msg.of("rejected-row", why=reader_reason("is not a JSON object (record)"))
    assert message.text("en") == "the row was rejected: it is not a JSON object (record)"
    assert message.text("fr") == "la ligne a été rejetée : elle n'est pas un objet JSON (un enregistrement)"
    assert message.text("nl") == "de rij werd geweigerd: ze is geen JSON-object (record)"
    kinds = Items((Msg.of("personal-value.national-number"), Msg.of("personal-value.e-mail")), True)
    assert render("personal.values", {"kinds": kinds}, "en") == (
        "it holds values that look like national numbers and e-mails"
    )
    assert render("personal.values", {"kinds": kinds}, "fr").endswith(
        "des numéros de registre national et des adresses e-mail"
    )
    assert location("a.xlsx", "Feuil1", 3, "date", "nl") == "a.xlsx, blad Feuil1, rij 3, kolom date"
    assert location("a.csv", None, 3, None, "fr") == "a.csv, ligne 3"
    assert reader_reason("something new") == Msg.of("text", text="something new")
    with pytest.raises(ConfigError):
        check_lang("de")
    assert check_lang("NL") == "nl"


# ------------------------------------------------------------------------ issues of real translations


@pytest.fixture(scope="module")
def one():
    org = ORGS / "one-consultation-anderlecht"
    return translate([org / "export"], org / "profile.yaml", key=KEY)


def test_issues_speak_the_three_languages_and_keep_english_as_message(one) -> None:
    assert one.issues
    for issue in one.issues:
        assert issue.message_id in MESSAGES and issue.message_id != "text", issue
        assert issue.text() == issue.text("en") == issue.message
        french, dutch = issue.text("fr"), issue.text("nl")
        assert french != issue.message and dutch != issue.message and french != dutch, issue
        for text in (french, dutch):
            assert "{" not in text and "}" not in text
        assert issue.as_dict("nl")["message"] == dutch and issue.as_dict()["message"] == issue.message
        assert issue.as_dict("fr")["message_id"] == issue.message_id
    rejected = next(i for i in one.issues if i.kind == "rejected-row")
    assert rejected.located("fr") == (
        "activites.csv, ligne 42 : la ligne a été rejetée : elle a 4 champs alors que l'en-tête en a 7 "
        "(un séparateur ou un guillemet dans une cellule ?)"
    )
    assert str(rejected) == rejected.located("en")
    report = one.report(lang="nl")
    assert report["lang"] == "nl"
    assert [i["message"] for i in report["issues"]] == [i.text("nl") for i in one.issues]


def test_translate_in_french_from_the_cli(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    org = ORGS / "one-consultation-anderlecht"
    profile, output = str(org / "profile.yaml"), str(tmp_path / "o.ttl")
    args = ["translate", str(org / "export"), "--profile", profile, "-o", output]
    res = runner.invoke(cli, [*args, "--report", str(tmp_path / "r.json"), "--lang", "fr"])
    assert res.exit_code == 1
    assert "activites.csv (intervention) : 58 lignes lues, 57 traduite(s), 1 rejetée(s)" in res.stderr
    assert (
        "violation : activites.csv, ligne 31, colonne date : '2024-13-05' n'est pas une date dans le ou les "
        "formats attendus (yyyy-MM-dd)"
    ) in res.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    unmapped = [i for i in report["issues"] if i["kind"] == "unmapped-term"]
    assert unmapped and all(i["message_id"] == "unmapped-term" for i in unmapped)
    assert {i["message"] for i in unmapped} == {
        "'Visite à dom.' n'a pas de correspondance dans le référentiel",
        "'Pesée' n'a pas de correspondance dans le référentiel",
    }
    assert report["issues_by_severity"]["violation"] == 2  # counts and keys do not change with the language
    dutch = runner.invoke(cli, [*args, "--lang", "nl"])
    assert "schending: activites.csv, rij 42: de rij werd geweigerd" in dutch.stderr
    assert runner.invoke(cli, [*args, "--lang", "de"]).exit_code == 2


def test_validate_export_gives_the_translation_issues_in_the_chosen_language() -> None:
    from referentiel.translation.validate_export import validate_export

    org = ORGS / "one-consultation-anderlecht"
    report = validate_export([org / "export"], org / "profile.yaml", key=KEY, lang="nl")
    profile_results = [r for r in report.results if str(r.source_shape).endswith("-profile")]
    rejected = next(r for r in profile_results if r.message.startswith("de rij werd geweigerd: ze heeft 4"))
    assert rejected.fix_hint == MESSAGES["fix.rejected-row"]["nl"]


def test_fix_hints_are_the_english_ones_in_three_languages() -> None:
    from referentiel.translation.validate_export import HINTS, fix_hint

    for kind, english in HINTS.items():
        assert MESSAGES[f"fix.{kind}"]["en"] == english == fix_hint(kind)
        assert fix_hint(kind, "fr") != english and fix_hint(kind, "nl") != english


# ------------------------------------------------------------------------- no personal data, any language


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="cp1252", newline=""), delimiter=";"))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)


def test_no_personal_data_in_any_language(tmp_path: Path) -> None:
    """Notes in a vocabulary and a date column, a family code shifted into a date, a national number
    and an e-mail in an undeclared column: every message, in every language, masks them the same way."""
    cpas = tmp_path / "cpas"
    shutil.copytree(ORGS / "cpas-ixelles", cpas)
    interventions = cpas / "export" / "interventions.csv"
    rows = _rows(interventions)
    head = rows[0]
    rows[1][head.index("type_action")] = NOTE
    rows[2][head.index("date")] = NOTE
    rows[3][head.index("date")] = "F-1001"
    rows[4] = rows[4][:2]  # a cut row
    _write(interventions, rows)
    workers = cpas / "export" / "travailleurs.csv"
    rows = _rows(workers)
    rows = [rows[0] + ["contact"]] + [r + [f"{_niss()} jean.dupont@example.org"] for r in rows[1:]]
    _write(workers, rows)

    result = translate([cpas / "export"], cpas / "profile.yaml", key=KEY)
    kinds = {i.kind for i in result.issues}
    # the notes are withheld (the screen caught them); the family code in a date is only unreadable
    assert {"withheld", "unparsable", "rejected-row", "personal-data"} <= kinds
    texts = []
    for lang in LANGS:
        for issue in result.issues:
            texts += [issue.located(lang), json.dumps(issue.as_dict(lang), ensure_ascii=False)]
        texts.append(json.dumps(result.report(lang=lang), ensure_ascii=False))
    text = "\n".join(texts)
    for secret in ("maman", "papa", "F-1001", _niss(), "jean.dupont", "example.org"):
        assert secret not in text, secret
    assert not find_niss(text)
    personal = next(i for i in result.issues if i.kind == "personal-data")
    assert "numéros de registre national" in personal.text("fr")
    assert "rijksregisternummers" in personal.text("nl")
    withheld = [i for i in result.issues if i.kind == "withheld"]
    assert {(i.row, i.column) for i in withheld} == {(2, "type_action"), (3, "date")}
    for issue in withheld:  # its shape, in each language, not the note
        assert issue.term is None and f"{len(NOTE)} " in issue.text("en")
        assert "looks like a sentence" in issue.text("en") and "ressemble à une phrase" in issue.text("fr")
        assert "lijkt op een zin" in issue.text("nl")


def test_every_kind_of_personal_data_and_every_reader_reason_has_its_message(tmp_path: Path) -> None:
    """Fragments chosen at run time (what a header suggests, what values look like, why a reader
    rejected a row, an encoding note) all have entries: none falls back to English text."""
    from referentiel.privacy import personal_data_kinds
    from referentiel.translation.messages import personal_kind
    from referentiel.translation.readers import read_table
    from referentiel.translation.translator import _PERSONAL_HEADERS

    for kind in set(_PERSONAL_HEADERS.values()):
        assert personal_kind(kind, header=True).id != "text", kind
    seen = personal_data_kinds(f"{_niss()} jean@example.org +32 470 12 34 56")
    assert len(seen) == 3
    for kind in seen:
        assert personal_kind(kind, header=False).id != "text", kind

    (tmp_path / "a.csv").write_bytes("id;type\nA1;Pes\xe9e\nA2;x;y\n".encode("latin-1"))
    (tmp_path / "b.json").write_text('[{"id": "A1"}, 3]', encoding="utf-8")
    reasons = []
    for name in ("a.csv", "b.json"):
        table = read_table(tmp_path / name)
        reasons += [why for _, why in table.bad_rows] + ([table.encoding_note] if table.encoding_note else [])
    assert len(reasons) == 3
    ids = {reader_reason(why).id for why in reasons}
    assert ids == {"row.fields", "row.not-an-object", "encoding.cp1252"}
    others = ("cannot be read as CSV (line contains NUL)", "has values beyond the last column of the header")
    for why in others:
        assert reader_reason(why).id != "text"
        assert Msg.of("rejected-row", why=reader_reason(why)).text("en") == f"the row was rejected: it {why}"


def test_translate_and_ingest_name_severities_alike(runner, tmp_path: Path, monkeypatch) -> None:
    """One vocabulary: what refuses an export is a "violation" in translate, validate and ingest;
    `--fail-on error` (translate's former word) still works."""
    monkeypatch.setenv("REFERENTIEL_PSEUDONYM_KEY", KEY)
    org = ORGS / "one-consultation-anderlecht"
    profile, output = str(org / "profile.yaml"), str(tmp_path / "o.ttl")
    args = ["translate", str(org / "export"), "--profile", profile, "-o", output]
    english = runner.invoke(cli, [*args, "--lang", "en"])
    assert "violation: activites.csv, row 31" in english.stderr and "2 violation(s)" in english.stderr
    assert "error" not in english.stderr.lower()
    for fail_on in ("violation", "error"):
        assert runner.invoke(cli, [*args, "--fail-on", fail_on]).exit_code == 1
    assert runner.invoke(cli, [*args, "--fail-on", "never"]).exit_code == 0
