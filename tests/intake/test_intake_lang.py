"""`referentiel ingest --lang fr|en|nl`: the steward's summary and report in French, English or Dutch.

The words of the summary, the reasons, the translation's messages and the shapes' messages follow
the language; keys, statuses, severities and kinds of the JSON report do not.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from referentiel.cli import cli
from referentiel.errors import ConfigError
from referentiel.intake import adapters, ingest
from referentiel.intake.generator import generate
from referentiel.intake.pipeline import discover, resolve_key
from referentiel.intake.summary import LANGS, REFUSED, WORDS, to_html, to_json, to_text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_summary_words_exist_in_every_language_with_the_same_parameters() -> None:
    assert set(WORDS) == set(LANGS)
    for lang in LANGS:
        assert set(WORDS[lang]) == set(WORDS["en"]), lang
        for key, template in WORDS["en"].items():
            assert WORDS[lang][key].strip(), (lang, key)
            assert _fields(WORDS[lang][key]) == _fields(template), (lang, key)


@pytest.fixture(scope="module")
def dutch(tmp_path_factory):
    """The bundled examples ingested in Dutch through the Python API."""
    root = tmp_path_factory.mktemp("dutch")
    return ingest(store=root / "store", lang="nl")


def test_dutch_statuses_reasons_and_words(dutch) -> None:
    text = to_text(dutch)
    assert text.startswith("Ontvangst van de exports: de meegeleverde voorbeeldorganisaties\n")
    assert "DEMO-ONLY" in text
    refused = [e for e in dutch.exports if e.status == REFUSED]
    assert refused, "the ONE example is refused on purpose"
    for export in refused:
        assert f"[{export.organisation}]: GEWEIGERD" in text
        expected = r"geweigerd: \d+ schending\(en\); verbeter ze en stuur de export opnieuw"
        assert re.fullmatch(expected, export.reason)
    assert "[cpas-ixelles]: geladen" in text
    assert "rijen gelezen" in text and "vertaalde termen" in text and "  schending " in text
    assert "rows read" not in text and "violation " not in text


def test_dutch_messages_of_both_stages(dutch) -> None:
    findings = [f for e in dutch.exports for f in e.findings]
    translation = [f for f in findings if f.stage == "translation"]
    validation = [f for f in findings if f.stage == "validation"]
    assert translation and validation
    unmapped = [f for f in translation if f.kind == "unmapped-term"]
    assert unmapped
    assert all(f.message.endswith("heeft geen overeenkomst in het referentiekader") for f in unmapped)
    # the shapes' messages in Dutch (sh:message @nl), as findings and folded into translation findings
    also = [m for f in translation for m in f.also]
    assert "Een interventie moet precies één soort interventie uit het referentiekader hebben." in also
    assert any(f.message.startswith("Nog geen eerste contact voor deze doorverwijzing") for f in validation)
    english = ("must", "has no", "is not", "the row was")
    for message in [f.message for f in findings] + also:
        assert not any(word in message for word in english), message


def test_dutch_html_and_stable_json(dutch) -> None:
    page = to_html(dutch)
    assert '<html lang="nl">' in page and "<h1>Ontvangstrapport: " in page
    assert "<th class=num>Schendingen</th>" in page and "Geen probleem gevonden." in page
    assert "<script" not in page
    document = json.loads(to_json(dutch))
    assert document["lang"] == "nl"
    assert {e["status"] for e in document["exports"]} <= {"loaded", "refused"}  # never translated
    kinds = {f["kind"] for e in document["exports"] for f in e["findings"]}
    assert {"unmapped-term", "rejected-row"} <= kinds
    severities = {f["severity"] for e in document["exports"] for f in e["findings"]}
    assert severities <= {"violation", "warning", "info"}


def test_cli_lang_option(runner, code_of, tmp_path: Path) -> None:
    (tmp_path / "empty" / "org").mkdir(parents=True)
    args = ["ingest", str(tmp_path / "empty"), "--store", str(tmp_path / "s")]
    said = {
        "fr": "aucun export trouvé",
        "en": "no export found",
        "nl": "geen export gevonden",
    }
    for lang, words in said.items():
        result = runner.invoke(cli, [*args, "--lang", lang])
        assert code_of(result) == 2 and words in result.output, result.output
    assert "aucun export trouvé" in runner.invoke(cli, args).output  # French by default
    assert code_of(runner.invoke(cli, [*args, "--lang", "de"])) == 2
    with pytest.raises(ConfigError, match="unknown language"):
        ingest(tmp_path / "empty", store=tmp_path / "s", lang="de")


def test_cli_no_profile_in_dutch(runner, code_of, tmp_path: Path) -> None:
    org = tmp_path / "in" / "maison-medicale"
    org.mkdir(parents=True)
    (org / "patients.csv").write_text("id;type\nA1;consultation\n", encoding="utf-8")
    key = tmp_path / "k.key"
    key.write_text("a-test-key-of-sufficient-length-0001")
    report = tmp_path / "r.html"
    result = runner.invoke(
        cli,
        ["ingest", str(tmp_path / "in"), "--store", str(tmp_path / "s"), "--key-file", str(key)]
        + ["--report", str(report), "--lang", "nl"],
    )
    assert code_of(result) == 2
    assert "[maison-medicale]: GEEN PROFIEL" in result.output
    assert "geen profiel gevonden voor deze organisatie" in result.output
    assert f"rapport: {report}" in result.output
    page = report.read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and "GEEN PROFIEL" in page


def test_no_personal_data_in_any_language(tmp_path: Path) -> None:
    """Generated exports with injected defects (leaks included): the findings of every export, in
    every language, carry neither a national number nor a family code."""
    from referentiel.privacy import find_niss

    data = tmp_path / "exports"
    generate(data, families=30, seed=5, defect_rate=0.06)
    key, _ = resolve_key(data, key_file=data / "SYNTHETIC-ONLY.key")
    texts = []
    for export in discover(data):
        profile = adapters.load_profile(export.profile)
        result = adapters.translate(export, profile, key=key)
        for lang in LANGS:
            findings = adapters.translation_findings(result, lang)
            texts += [f"{f.where(lang)}: {f.message} {f.term or ''}" for f in findings]
    text = "\n".join(texts)
    assert "personal-data" not in text  # (kinds are not in the texts, the messages are)
    assert "données personnelles" in text and "persoonsgegevens" in text and "personal data" in text
    assert find_niss(text) == []
    assert re.findall(r"\bF\d{7}\b", text) == []
