"""The personal-data screen: each recogniser, Unicode normalisation, every candidate, the shape, and
the figures on the labelled set (recall on personal values, no false refusal of a real term)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from referentiel import privacy
from referentiel.privacy import screen

ROOT = Path(__file__).resolve().parents[2]


def _load_eval():  # noqa: ANN202 - the benchmark module, loaded by path (benchmarks/ is no package)
    spec = importlib.util.spec_from_file_location(
        "eval_privacy_screen", ROOT / "benchmarks" / "eval_privacy_screen.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _niss(body: str, after_2000: bool = False) -> str:
    return f"{body}{97 - int(('2' if after_2000 else '') + body) % 97:02d}"


NISS = _niss("850730033")


def test_recall_and_no_false_refusal_on_the_labelled_set() -> None:
    evaluation = _load_eval()
    rows = evaluation.load()
    personal = [r for r in rows if r["label"] == "personal"]
    terms = [r for r in rows if r["label"] == "term"]
    assert len(rows) >= 300 and {r["lang"] for r in personal} == {"fr", "nl"}
    assert {r["kind"] for r in personal} == set(privacy.KINDS)
    assert len({r["source"] for r in terms}) > 5  # mapping sets, profiles, exports, generated, framework
    result = evaluation.evaluate(rows)
    assert result["recall"] >= 0.99, [r["value"] for r in result["misses"]]
    assert not result["refusals"], result["refusals"]


@pytest.mark.parametrize(
    "spelling",
    [
        NISS,
        f"{NISS[:2]}.{NISS[2:4]}.{NISS[4:6]}-{NISS[6:9]}.{NISS[9:]}",
        f"{NISS[:2]}\u00a0{NISS[2:4]}\u00a0{NISS[4:6]}\u00a0{NISS[6:9]}\u00a0{NISS[9:]}",
        f"{NISS[:6]}\u2009{NISS[6:9]}\u2009{NISS[9:]}",
        f"{NISS[:6]}\u2013{NISS[6:9]}\u2013{NISS[9:]}",
        "".join(chr(0xFF10 + int(d)) for d in NISS),  # full-width digits (NFKC)
        f"{NISS[:4]}\u200b{NISS[4:]}",  # a zero-width space inside
    ],
)
def test_national_numbers_with_any_separator(spelling: str) -> None:
    assert screen(spelling).kinds == ("national number",)


def test_national_number_whose_leading_zero_was_lost() -> None:
    niss = _niss("051204117", after_2000=True)
    assert niss.startswith("0") and "national number" in screen(niss[1:]).kinds
    assert "national number" in screen(str(int(niss))).kinds


def test_every_candidate_is_checked_not_the_first_three() -> None:
    decoys = " ".join(f"{d}" * 11 for d in "1234567")
    text = f"{decoys} {NISS}"
    assert "national number" in screen(text).kinds
    assert privacy.find_niss(text) == [NISS]
    assert privacy.find_niss(f"{NISS} et {_niss('910101123')}") == [NISS, _niss("910101123")]


def test_bis_numbers() -> None:
    bis = _niss("854730033")  # month + 40: a bis number
    assert "national number" in screen(bis).kinds


@pytest.mark.parametrize(
    "phone",
    [
        "(+32) 470 12 34 56",
        "0032 470 12 34 56",
        "0470/12.34.56",
        "04 70 12 34 56",
        "+32470123456",
        "02 512 34 56",
        "+32 (0)2 512 34 56",
        "00 32 2 512 34 56",
        "+33 6 12 34 56 78",
        "0470\u00a012\u00a034\u00a056",
        "03 123 45 67",  # possible, not valid (a range not allocated): built as a land line
        "+39 06 1234 5678",  # valid with the "0" Italian numbers keep after the country code
    ],
)
def test_phones_in_belgian_and_international_forms(phone: str) -> None:
    assert "phone" in screen(phone).kinds


@pytest.mark.parametrize(
    "email",
    [
        "jean.dupont@example.be",
        "jean at mail dot be",
        "jean[at]mail[dot]be",
        "jean (at) mail (punt) be",
        "jean arobase skynet point be",
    ],
)
def test_emails_plain_and_obfuscated(email: str) -> None:
    assert "e-mail" in screen(email).kinds


def test_ibans() -> None:
    assert screen("BE71 0961 2345 6769").kinds == ("IBAN",)
    assert screen("BE71096123456769").kinds == ("IBAN",)
    assert not screen("BE71 0961 2345 6768")  # wrong check digits


@pytest.mark.parametrize(
    "address",
    [
        "rue de la Loi 16",
        "16, rue de la Loi",
        "Chée de Wavre 12, 1050 Ixelles",
        "Kerkstraat 12 bus 3",
        "avenue Louise 231 bte 4",
        "Meir 117 bus 19, 2000 Antwerpen",
        "Brusselsesteenweg 5",
    ],
)
def test_street_addresses(address: str) -> None:
    assert "address" in screen(address).kinds


@pytest.mark.parametrize(
    "name",
    [
        "Madame Dupont",
        "Monsieur X",
        "Mme Janssens",
        "M. Peeters",
        "Mevrouw Claes",
        "Meneer Maes",
        "Dhr. Willems",
        "Mevr. De Smet",
        "Marie Dupont",
        "DUPONT, Marie",
        "Van den Bossche Marie-Claire",
        "J. Dupontelle",
        "Aïcha Benali",
        "Dupontelle J.",
    ],
)
def test_names(name: str) -> None:
    assert "name" in screen(name).kinds


@pytest.mark.parametrize(
    "note",
    [
        "Madame X a peur de son mari violent",
        "la maman dit que le papa boit le soir",
        "il boit",
        "hij drinkt veel",
        "moeder zwanger, vader weg",
    ],
)
def test_sentence_like_notes(note: str) -> None:
    found = screen(note)
    assert found and ("free text" in found.kinds or "name" in found.kinds)


@pytest.mark.parametrize(
    "term",
    [
        "place en crèche",
        "Aide administrative",
        "gère ses papiers",
        "6 ans et plus",
        "Octroi RIS",
        "directrice de la protection de la jeunesse",
        "Kinderopvang De Dreef",
        "Maison médicale du Midi",
        "SAJ Bruxelles",
        "Crèche Les Lucioles",
        "2023/0400",
        "F-1001",
        "26/05/2022",
        "TS02",
        "2015,2016,2022",
        "Saint-Gilles",
        "Sint-Jans-Molenbeek",
        "Hôpital Saint-Pierre",
        "réunion de concertation",
    ],
)
def test_real_terms_and_codes_are_not_refused(term: str) -> None:
    assert not screen(term), screen(term).kinds


def test_no_framework_label_is_refused() -> None:
    """Partners' terms are translated into these labels: "centre de soutien de l'aide à la jeunesse
    (OCJ, Flandre)" once had six content words, its qualifier counted as a note's."""
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    framework = Graph().parse(ROOT / "ontology" / "referentiel.ttl")
    labels = [
        str(label)
        for concept in framework.subjects(RDF.type, SKOS.Concept)
        for predicate in (SKOS.prefLabel, SKOS.altLabel)
        for label in framework.objects(concept, predicate)
        if getattr(label, "language", None) in ("fr", "nl")
    ]
    assert len(labels) > 500
    assert [(label, screen(label).kinds) for label in labels if screen(label)] == []


@pytest.mark.parametrize(
    "note",
    [
        "il a frappé sa mère hier soir (Marie, Paul)",
        "maman ne vient plus aux rendez-vous depuis (Noël)",
        "de moeder komt niet meer naar de afspraken sinds januari (Jan)",
    ],
)
def test_a_closing_qualifier_does_not_hide_a_note(note: str) -> None:
    assert "free text" in screen(note).kinds


def test_the_shape_names_kinds_and_length_never_the_value() -> None:
    note = "Madame Quxworth a peur de son mari"
    found = screen(note)
    assert found.text("en") == f"text of {len(note)} characters, looks like a sentence with a name"
    for lang in ("fr", "en", "nl"):
        assert "Quxworth" not in found.text(lang) and str(len(note)) in found.text(lang)
    assert found.text("fr").startswith("texte de") and found.text("nl").startswith("tekst van")


def test_shown_and_scrub_mask_every_kind() -> None:
    message = f"rows with {NISS}, Marie Quxwell, rue Quxbrook 17 and 0470 12 34 56"
    scrubbed = privacy.scrub(message)
    for secret in (NISS, "Quxwell", "Quxbrook", "0470 12 34 56"):
        assert secret not in scrubbed
    assert scrubbed.startswith("rows with ")
    assert privacy.is_masked(privacy.shown("Marie Quxwell")) and "Quxwell" not in privacy.shown(
        "Marie Quxwell"
    )
    assert privacy.shown("Aide administrative") == "Aide administrative"


def test_first_names_come_from_the_shipped_list() -> None:
    names = privacy.first_names()
    assert len(names) > 5000 and {"marie", "jan", "fatima", "mohamed", "aicha", "femke"} <= names


@pytest.mark.parametrize(
    ("text", "phones", "emails"),
    [
        ("appeler le 0487\u00a012\u00a034\u00a056 le soir", ["0487\u00a012\u00a034\u00a056"], []),
        ("+32\u20092\u2009555\u200912\u200912", ["+32\u20092\u2009555\u200912\u200912"], []),
        ("jan [at] example [dot] be ou marie@mail.fr", [], ["jan [at] example [dot] be", "marie@mail.fr"]),
        ("dossier 2023/0400 du 20/02/2023, code postal 1000", [], []),
    ],
)
def test_phones_and_emails_are_given_as_written(text: str, phones: list[str], emails: list[str]) -> None:
    # the validation's privacy scan uses these: the substrings of the original text, any spacing
    assert privacy.find_phones(text) == phones
    assert sorted(privacy.find_emails(text)) == sorted(emails)


# Blank nodes as rdflib and Oxigraph name them: their digit runs read as Belgian phone numbers
# ("N...0498014113...", "_:b0123456789"), and error messages quote them.
RDFLIB_BNODE = "Nb3f0123456789abcdef0123456789ab0"  # rdflib: "N" + uuid4().hex
OXIGRAPH_BNODE = "_:0472123456abcdef0123456789abcdef"  # Oxigraph: "_:" + random hex


@pytest.mark.parametrize(
    "message",
    [
        f"focus node {RDFLIB_BNODE} has no value for ref:role",
        f"focus node _:{RDFLIB_BNODE}: no label.",
        f"{OXIGRAPH_BNODE} is not a valid object",
        "blank node _:b0123456789 twice in the file.",
        "<_:genid0472123456x>",
    ],
)
def test_scrub_leaves_blank_node_labels_alone(message: str) -> None:
    from rdflib import BNode

    assert privacy.find_phones(message) == []
    assert privacy.scrub(message) == message
    # rdflib's own labels, whatever their digits (one in ~70 held a "phone" before)
    labels = [str(BNode()) for _ in range(500)]
    assert all(privacy.scrub(f"node {b} and _:{b}.") == f"node {b} and _:{b}." for b in labels)


@pytest.mark.parametrize(
    ("message", "phone"),
    [
        (f"focus node {RDFLIB_BNODE}: call 0472 12 34 56", "0472 12 34 56"),
        (f"_:b1 has 0470/12.34.56 and _:{RDFLIB_BNODE}", "0470/12.34.56"),
        (f"{OXIGRAPH_BNODE} +32 470 12 34 56", "+32 470 12 34 56"),
        ("_:0472123456 as a whole label", "0472123456"),  # a label that is a phone number is one
        ("_:tel-0472-12-34-56", "0472-12-34-56"),  # written apart from the label's other characters
    ],
)
def test_scrub_still_masks_a_phone_beside_a_blank_node(message: str, phone: str) -> None:
    assert privacy.find_phones(message) == [phone]
    scrubbed = privacy.scrub(message)
    assert phone not in scrubbed and "[phone masked: " in scrubbed
