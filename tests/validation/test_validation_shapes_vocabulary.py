"""The shapes speak the framework's words: every framework term quoted in a French or Dutch message is
one of the ontology's labels in that language, and every shape named after a class carries that class's
labels (issue 12: "shapes' nl messages use the ontology's words")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS

from referentiel.resources import ontology_file

ROOT = Path(__file__).resolve().parents[2]
SHAPES = sorted((ROOT / "shapes").glob("*.ttl"))
LANGUAGES = ("fr", "nl")
REF_FIX_HINT = URIRef("https://w3id.org/referentiel/ontology#fixHint")

# Quoted words that are not framework terms, and where their wording lives instead.
NOT_FRAMEWORK_TERMS = {
    # the report's finding kinds (referentiel.validation.messages)
    "terme non traduit", "niet vertaalde term",
    # the roles a profile gives a column (docs/translation.md)
    "personnelle", "persoonlijk", "à exclure", "weglaten",
}
QUOTED = re.compile(r"«\s*([^»]+?)\s*»|\"([^\"]+)\"")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    for path in SHAPES:
        g.parse(path, format="turtle")
    return g


def _labels(ontology: Graph, lang: str) -> set[str]:
    return {
        str(o).casefold()
        for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
        for o in ontology.objects(None, p)
        if isinstance(o, Literal) and o.language == lang
    }


def _quoted_terms(shapes: Graph, lang: str) -> list[tuple[str, str]]:
    found = []
    for predicate in (SH.message, REF_FIX_HINT):
        for subject, text in shapes.subject_objects(predicate):
            if isinstance(text, Literal) and text.language == lang:
                for a, b in QUOTED.findall(str(text)):
                    term = a or b
                    # placeholders ({?value}) and separators (";") are not words
                    if re.search(r"[^\W\d_]{3,}", term) and "{" not in term:
                        found.append((str(subject).rsplit("#", 1)[-1], term))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_terms_quoted_in_messages_are_ontology_labels(ontology: Graph, shapes: Graph, lang: str) -> None:
    labels = _labels(ontology, lang)
    quoted = _quoted_terms(shapes, lang)
    assert len(quoted) >= 10, "the shapes quote the framework's lists by name"
    unknown = [(s, t) for s, t in quoted if t.casefold() not in labels and t not in NOT_FRAMEWORK_TERMS]
    assert not unknown, f"quoted in {lang} messages but not an ontology label in {lang}: {unknown}"


@pytest.mark.parametrize("lang", (*LANGUAGES, "en"))
def test_class_shapes_carry_their_class_label(ontology: Graph, shapes: Graph, lang: str) -> None:
    checked = 0
    for shape, cls in shapes.subject_objects(SH.targetClass):
        expected = {str(o) for o in ontology.objects(cls, SKOS.prefLabel) if o.language == lang}
        actual = {str(o) for o in shapes.objects(shape, RDFS.label) if o.language == lang}
        assert expected, f"{cls} has no {lang} label in the ontology"
        assert actual == expected, (shape, lang, actual, expected)
        checked += 1
    assert checked >= 9


def test_the_check_catches_a_word_that_is_not_the_ontologys(ontology: Graph) -> None:
    """The rule fails on the wording issue 12 found (nl "soorten vergaderingen" for "soorten overleg")."""
    bad = Graph()
    bad.add((URIRef("urn:x"), SH.message, Literal('Uit de lijst "soorten vergaderingen".', lang="nl")))
    quoted = _quoted_terms(bad, "nl")
    assert quoted == [("urn:x", "soorten vergaderingen")]
    assert "soorten vergaderingen" not in _labels(ontology, "nl")
    assert "soorten overleg" in _labels(ontology, "nl")
