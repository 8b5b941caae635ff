"""Privacy shapes: each rule has a positive and a negative case; the SPARQL NISS check agrees with
referentiel.privacy; no output format ever shows the personal values."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from referentiel import privacy
from referentiel.namespaces import REFSH
from referentiel.validation import validate
from referentiel.validation.api import _bundled_shapes, _parent_shape
from referentiel.validation.render import RENDERERS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rdf"

# (case, turtle, rule that must fire on <case> / must not fire when None, focus)
CASES = [
    ("name-on-parent", "<p/name-on-parent> a ref:Parent ; foaf:givenName \"Aïcha\" .",
     "NoPersonalDataOnPersons"),
    ("no-name-on-parent", "<p/no-name-on-parent> a ref:Parent .", None),
    ("schema-name-on-professional", "<p/schema-name-on-professional> a ref:Professional ; "
     "schema:name \"Dupont\" .", "NoPersonalDataOnPersons"),
    ("org-name-allowed", "<p/org-name-allowed> a ref:Organisation ; ref:name \"CPAS de Forest\" .", None),
    ("vcard-on-relative", "<p/vcard-on-relative> a ref:Relative ; vcard:fn \"Tante Mina\" .",
     "NoContactCard"),
    ("comment-on-child", "<p/comment-on-child> a ref:Child ; rdfs:comment \"très agité\" .",
     "NoPersonalDataOnPersons"),
    ("note-on-intervention", "<p/note-on-intervention> a ref:Intervention ; skos:note \"vu la mère\" .",
     "NoFreeTextNotes"),
    ("comment-on-organisation-allowed", "<p/comment-on-organisation-allowed> a ref:Organisation ; "
     "rdfs:comment \"Service ouvert le mercredi\" .", None),
    ("birthdate-on-parent",
     "<p/birthdate-on-parent> a ref:Parent ; schema:birthDate \"1990-04-02\"^^xsd:date .",
     "NoPersonalDataOnPersons"),
    ("full-date-on-child", "<p/full-date-on-child> a ref:Child ; ref:birthYear \"2021-04-02\"^^xsd:date .",
     "NoFullBirthDate"),
    ("birth-year-allowed", "<p/birth-year-allowed> a ref:Child ; ref:birthYear \"2021\"^^xsd:gYear .", None),
    ("street-on-family", "<p/street-on-family> a ref:Family ; schema:streetAddress \"Rue Haute 3\" .",
     "NoAddressBelowCommune"),
    ("locn-on-situation", "<p/locn-on-situation> a ref:Situation ; locn:thoroughfare \"Rue Haute\" .",
     "NoContactCard"),
    ("commune-allowed",
     "<p/commune-allowed> a ref:Situation ; ref:commune \"Saint-Josse-ten-Noode\" .", None),
    ("commune-with-street", "<p/commune-with-street> a ref:Situation ; "
     "ref:commune \"Rue Haute 3, 1000 Bruxelles\" .", "CommuneOnlyPattern"),
    ("niss-in-id", "<p/niss-in-id> a ref:Situation ; ref:localId \"85073003328\" .", "NoNationalNumber"),
    ("niss-anywhere",
     "<p/niss-anywhere> ex:whatever \"dossier 85.07.30-033.28 (mère)\" .", "NoNationalNumber"),
    ("niss-2000", "<p/niss-2000> ex:whatever \"05-03-12 123-60\" .", "NoNationalNumber"),
    ("niss-bad-check", "<p/niss-bad-check> ex:whatever \"85073003329\" .", None),
    ("email-anywhere", "<p/email-anywhere> ex:whatever \"écrire à a.b-c@cpas-forest.be svp\" .", "NoEmail"),
    ("not-an-email", "<p/not-an-email> ex:whatever \"réunion @ONE, salle 2\" .", None),
    ("phone-landline", "<p/phone-landline> ex:whatever \"+32 2 123 45 67\" .", "NoPhone"),
    ("phone-mobile", "<p/phone-mobile> ex:whatever \"0470/12.34.56\" .", "NoPhone"),
    ("not-a-phone", "<p/not-a-phone> ex:whatever \"2023-02-20, dossier 1234\" .", None),
]
PRIVACY_RULES = {
    "NoPersonalDataOnPersons", "NoFreeTextNotes", "NoFullBirthDate", "NoAddressBelowCommune",
    "CommuneOnlyPattern", "NoNationalNumber", "NoEmail", "NoPhone", "NoContactCard",
}


def _rules(result) -> set[str]:
    """The privacy rules a result comes from: its SPARQL constraint, its shape, or the node shape
    holding its (blank) property shape."""
    shapes = _bundled_shapes()[0]
    names = set()
    for node in (result.source_constraint, result.source_shape, _parent_shape(shapes, result.source_shape)):
        if isinstance(node, URIRef) and str(node).startswith(str(REFSH)):
            names.add(str(node)[len(str(REFSH)):])
    return names & PRIVACY_RULES


@pytest.fixture(scope="module", params=["pyshacl", "pyshacl-turbo"])
def fired(tmp_path_factory, request) -> dict[str, set[str]]:
    path = tmp_path_factory.mktemp("privacy") / "cases.ttl"
    path.write_text(_PREFIXES + "\n".join(turtle for _, turtle, _ in CASES), encoding="utf-8")
    report = validate(path, engine=request.param)
    found: dict[str, set[str]] = {}
    for result in report.results:
        found.setdefault(str(result.focus_node).rsplit("/", 1)[-1], set()).update(_rules(result))
    return found


_CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
_PREFIXES = _CONFTEST.split('PREFIXES = """\\\n')[1].split('"""')[0]


@pytest.mark.parametrize("case,turtle,rule", CASES, ids=[c[0] for c in CASES])
def test_privacy_rule(fired: dict[str, set[str]], case: str, turtle: str, rule: str | None) -> None:
    if rule is None:
        assert not fired.get(case), f"{case}: unexpected {fired.get(case)}"
    else:
        assert rule in fired.get(case, set()), f"{case}: {fired.get(case)}"


def test_every_privacy_rule_has_a_positive_and_a_negative_case():
    positives = {rule for _, _, rule in CASES if rule}
    assert positives == PRIVACY_RULES
    assert sum(rule is None for _, _, rule in CASES) >= 8


def _niss(rng: random.Random, valid: bool) -> str:
    body = rng.randrange(0, 10**9)
    check = 97 - (body % 97 if rng.random() < 0.5 else (2_000_000_000 + body) % 97)
    if not valid:
        check = (check + rng.randrange(1, 97)) % 100
    digits = f"{body:09d}{check:02d}"
    style = rng.randrange(4)
    if style == 1:
        digits = f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
    elif style == 2:
        sep = rng.choice(" -/.")
        digits = sep.join([digits[:2], digits[2:4], digits[4:6], digits[6:9], digits[9:]])
    return rng.choice(["", "NISS ", "n° ", "(", "x"]) + digits + rng.choice(["", " ", ")", "a", "."])


def test_sparql_niss_check_agrees_with_python(tmp_path: Path) -> None:
    rng = random.Random(20261126)
    values = [_niss(rng, rng.random() < 0.5) for _ in range(160)]
    values += ["85073003328", "85073003328 et 85073003329", "12345678901 puis 85.07.30-033.28",
               "1850730033281", "85073003328.5", "a85073003328"]
    graph = Graph()
    for i, value in enumerate(values):
        graph.add((URIRef(f"urn:niss:{i}"), URIRef("urn:p"), Literal(value)))
    report = validate(graph)
    flagged = {str(r.focus_node) for r in report.results if r.source_constraint == REFSH.NoNationalNumber}
    disagree = [v for i, v in enumerate(values) if bool(privacy.find_niss(v)) != (f"urn:niss:{i}" in flagged)]
    assert not disagree
    assert 40 < len(flagged) < len(values)  # both valid and invalid numbers were generated


def test_no_personal_value_in_any_output() -> None:
    report = validate(EXAMPLES / "invalid-privacy.ttl")
    secrets = ["Aïcha", "85.07.30-033.28", "aicha.test@example.org", "0470 12 34 56", "Rue du Tilleul",
               "2022-03-14"]
    for fmt, render in RENDERERS.items():
        output = render(report)
        for secret in secrets:
            assert secret not in output, (fmt, secret)
    assert all(r.value_masked for r in report.results if r.value is not None and _rules(r))


def test_free_text_typed_as_a_term_is_never_echoed(tmp_path: Path) -> None:
    note = "la maman a dit que le père était violent hier soir"
    path = tmp_path / "ov.ttl"
    path.write_text(
        "@prefix ref: <https://w3id.org/referentiel/ontology#> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        f'<urn:ov1> a ref:OriginalValue ; ref:mappingStatus "unmapped" ; rdf:value "{note}" .\n'
        '<urn:ov2> a ref:OriginalValue ; ref:mappingStatus "unmapped" ; rdf:value "VAD" .\n',
        encoding="utf-8")
    report = validate(path, lang="en")
    assert report.counts["warning"] == 2
    for render in RENDERERS.values():
        output = render(report)
        assert "violent" not in output and "maman" not in output
        assert "VAD" in output  # a vocabulary term is quoted, so that the steward can map it


@pytest.mark.parametrize(
    ("value", "needle"),
    [("Marie Quxwell", "quxwell"), ("J. Quxtelle", "quxtelle"), ("rue Quxbrook 17", "quxbrook"),
     ("(+32) 470 12 34 56", "470 12 34 56"), ("quxmail at skynet dot be", "quxmail"),
     ("BE71 0961 2345 6769", "0961 2345"), ("85\u00a007\u00a030\u00a0033\u00a028", "85 07 30 033 28"),
     ("il boit quxalcool", "quxalcool")],
)
def test_values_the_privacy_screen_finds_are_masked_in_every_format(
    tmp_path: Path, value: str, needle: str
) -> None:
    """Names, addresses, obfuscated e-mails, IBANs, numbers with non-breaking spaces, short notes:
    a result quoting such a value shows its mask in the four formats."""
    path = tmp_path / "ov.ttl"
    path.write_text(
        "@prefix ref: <https://w3id.org/referentiel/ontology#> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        f'<urn:ov1> a ref:OriginalValue ; ref:mappingStatus "unmapped" ; rdf:value "{value}" .\n',
        encoding="utf-8")
    report = validate(path, lang="en")
    for fmt, render in RENDERERS.items():
        output = privacy.normalise(render(report)).text.casefold()
        assert needle not in output, fmt
