"""Term translation between organisations and the framework (referentiel.translation.terms)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referentiel.cli import cli, main
from referentiel.errors import ConfigError, InputError
from referentiel.translation.terms import (
    BROAD,
    CLOSE,
    EXACT,
    NARROW,
    RELATED,
    UNKNOWN,
    TermTranslator,
    compose,
    compose_path,
    discover_organisations,
    inverse,
)

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini_framework.ttl")
ORGS = DATA / "orgs"


@pytest.fixture(scope="module")
def translator() -> TermTranslator:
    return TermTranslator.from_directory(ORGS, ontology=MINI)


# The composition table of docs/translation.md, row = first step, column = second step.
TABLE = {
    EXACT: {EXACT: EXACT, CLOSE: CLOSE, BROAD: BROAD, NARROW: NARROW, RELATED: RELATED},
    CLOSE: {EXACT: CLOSE, CLOSE: CLOSE, BROAD: BROAD, NARROW: NARROW, RELATED: RELATED},
    BROAD: {EXACT: BROAD, CLOSE: BROAD, BROAD: BROAD, NARROW: UNKNOWN, RELATED: UNKNOWN},
    NARROW: {EXACT: NARROW, CLOSE: NARROW, BROAD: RELATED, NARROW: NARROW, RELATED: UNKNOWN},
    RELATED: {EXACT: RELATED, CLOSE: RELATED, BROAD: UNKNOWN, NARROW: UNKNOWN, RELATED: UNKNOWN},
}


@pytest.mark.parametrize("first", list(TABLE))
@pytest.mark.parametrize("second", list(TABLE))
def test_composition_table(first: str, second: str) -> None:
    relation, approximate = compose(first, second)
    assert relation == TABLE[first][second]
    assert approximate == (CLOSE in (first, second) and EXACT not in (first, second))


def test_composition_properties() -> None:
    assert compose_path([EXACT, EXACT, EXACT]) == (EXACT, False)
    assert compose_path([BROAD, EXACT, BROAD]) == (BROAD, False)
    assert compose_path([CLOSE, CLOSE]) == (CLOSE, True)
    assert compose_path([UNKNOWN, EXACT]) == (UNKNOWN, False)
    for r in (EXACT, CLOSE, BROAD, NARROW, RELATED):
        assert inverse(inverse(r)) == r
        # Reading a path backwards gives the inverse relation.
        for s in (EXACT, CLOSE, BROAD, NARROW, RELATED):
            forward, _ = compose(r, s)
            backward, _ = compose(inverse(s), inverse(r))
            assert backward == inverse(forward)


def test_discover_organisations() -> None:
    orgs = discover_organisations(ORGS)
    assert sorted(orgs) == ["cpas-nord", "one-sud"]
    assert orgs["cpas-nord"].prefix == "cpasnord"
    with pytest.raises(InputError):
        discover_organisations(ORGS / "nope")


def test_org_to_framework(translator: TermTranslator) -> None:
    result = translator.translate("  as ", source="cpas-nord")
    assert result.found
    [t] = result.translations
    assert (t.id, t.relation, t.exact) == ("refc:role-social-worker", EXACT, True)
    assert t.path[0].line == 9


def test_org_to_org_exact(translator: TermTranslator) -> None:
    result = translator.translate("AS", source="cpas-nord", target="one-sud")
    [t] = result.translations
    assert (t.label, t.relation, t.exact) == ("Assistante sociale", EXACT, True)
    assert [s.source for s in t.path] == ["cpas-nord", "one-sud"]


def test_org_to_org_not_pretending(translator: TermTranslator) -> None:
    broad = translator.translate("Éducatrice de rue", source="cpas-nord", target="one-sud").translations[0]
    assert (broad.label, broad.relation, broad.exact, broad.predicate) == (
        "Éducateur",
        BROAD,
        False,
        "skos:broadMatch",
    )
    close = translator.translate("Suivi social", source="cpas-nord", target="one-sud").translations[0]
    assert (close.relation, close.approximate, close.exact) == (CLOSE, False, False)


def test_org_to_org_through_the_hierarchy(translator: TermTranslator) -> None:
    # cpas-nord's "Concertation" is the general concept; one-sud only has the multidisciplinary one below it.
    t = translator.translate("Concertation", source="cpas-nord", target="one-sud").translations[0]
    assert (t.label, t.relation) == ("Concertation pluri", NARROW)
    assert any(s.source == "framework" for s in t.path)
    back = translator.translate("Concertation pluri", source="one-sud", target="cpas-nord").translations[0]
    assert (back.label, back.relation) == ("Concertation", BROAD)


def test_budget_guidance_has_no_one_sud_term_but_a_broader_one(translator: TermTranslator) -> None:
    # Médiation de dettes broadMatch budget-guidance; one-sud only maps accompaniment (above it):
    # broad ∘ broad = broad.
    t = translator.translate("Médiation de dettes", source="cpas-nord", target="one-sud").translations[0]
    assert (t.label, t.relation, t.exact) == ("Accompagnement", BROAD, False)


def test_no_equivalent_and_unknown_terms(translator: TermTranslator) -> None:
    none = translator.translate("Cellule logement", source="cpas-nord", target="one-sud")
    assert not none.found and none.no_equivalent
    unknown = translator.translate("Cellule logment", source="cpas-nord")
    assert not unknown.found and unknown.did_you_mean == ["Cellule logement"]
    with pytest.raises(ConfigError, match="unknown organisation"):
        translator.translate("AS", source="cpas-sud")


def test_framework_to_organisations(translator: TermTranslator) -> None:
    result = translator.translate("visite à domicile", source="framework", target="all")
    assert sorted((t.target, t.label, t.relation) for t in result.translations) == [
        ("cpas-nord", "VAD", EXACT),
        ("one-sud", "Visite à domicile", EXACT),
    ]
    educ = translator.translate("refc:role-educator", source="framework", target="cpas-nord")
    # "Éducatrice de rue" broadMatch educator: from the concept, the organisation's term is narrower.
    assert [(t.label, t.relation) for t in educ.translations] == [("Éducatrice de rue", NARROW)]


def test_lookup(translator: TermTranslator) -> None:
    result = translator.lookup("meeting-kind-concertation")
    assert [(e.organisation, e.term, e.relation) for e in result.entries] == [
        ("cpas-nord", "Concertation", EXACT)
    ]
    assert result.without_term == ["one-sud"]
    wide = translator.lookup("meeting-kind-concertation", hierarchy=True)
    assert ("one-sud", "Concertation pluri", BROAD) in [
        (e.organisation, e.term, e.relation) for e in wide.entries
    ]
    with pytest.raises(ConfigError, match="did you mean"):
        translator.lookup("meeting-kind-concertaton")


def test_cli_translate_and_lookup(runner) -> None:
    base = ["--mappings", str(ORGS), "--ontology", MINI]
    term = ["terms", "translate", "Éducatrice de rue", "--from", "cpas-nord", "--to", "one-sud"]
    out = runner.invoke(cli, [*term, *base, "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "BROAD: 'Éducateur'" in out.output and "broader" in out.output
    french = runner.invoke(cli, [*term, *base])
    assert "PLUS LARGE: 'Éducateur'" in french.output and "plus large" in french.output
    js = runner.invoke(
        cli, ["terms", "translate", "VAD", "--from", "cpasnord", "--to", "all", "--format", "json", *base]
    )
    data = json.loads(js.output)
    assert data["translations"][0]["exact"] is True
    missing = runner.invoke(cli, ["terms", "translate", "Inconnu", "--from", "cpas-nord", *base])
    assert missing.exit_code == 1
    assert "mappings suggest --from cpas-nord" in missing.output
    look = runner.invoke(cli, ["terms", "lookup", "refc:role-social-worker", *base])
    assert look.exit_code == 0 and "'AS'" in look.output and "'Assistante sociale'" in look.output


def test_cli_unknown_org_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["terms", "translate", "AS", "--from", "nope", "--mappings", str(ORGS), "--ontology", MINI])
    assert info.value.code == 2
    assert "known organisations: cpas-nord, one-sud" in capsys.readouterr().err


@pytest.mark.parametrize(
    "lang,label,words",
    [
        ("nl", "maatschappelijk werker", ("zelfde betekenis", "betrouwbaarheid")),
        ("en", "social worker", ("same meaning", "confidence")),
        ("fr", "assistant·e social·e", ("même sens", "confiance")),
    ],
)
def test_terms_translate_speaks_the_language_asked(runner, lang: str, label: str, words: tuple) -> None:
    result = runner.invoke(cli, ["terms", "translate", "AS", "--from", "cpas-ixelles", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert f"'{label}'" in result.stdout
    assert all(w in result.stdout for w in words)
    as_json = runner.invoke(
        cli, ["terms", "translate", "AS", "--from", "cpas-ixelles", "--lang", lang, "--format", "json"]
    )
    [translation] = json.loads(as_json.stdout)["translations"]
    assert translation["label"] == label and translation["relation"] == "exact"  # enums stay English
    assert set(translation["labels"]) == {"fr", "nl", "en"}


def test_terms_messages_and_lookup_in_dutch(runner) -> None:
    missing = runner.invoke(cli, ["terms", "translate", "Zzz", "--from", "cpas-ixelles", "--lang", "nl"])
    assert missing.exit_code == 1
    assert "staat niet in de mappingtabel van cpas-ixelles" in missing.stdout
    assert "tip: voer `referentiel mappings suggest --from cpas-ixelles`" in missing.stdout
    as_json = runner.invoke(
        cli, ["terms", "translate", "Zzz", "--from", "cpas-ixelles", "--lang", "nl", "--format", "json"]
    )
    assert "staat niet in de mappingtabel" in json.loads(as_json.stdout)["message"]
    lookup = runner.invoke(cli, ["terms", "lookup", "refc:role-social-worker", "--lang", "nl"])
    assert lookup.stdout.startswith("refc:role-social-worker (maatschappelijk werker)")
    assert ": exact" in lookup.stdout
