"""The framework as entries to browse: its concept schemes with their concepts, and its classes.

Each entry carries its labels and definitions per language and the sources it cites
(``dcterms:source``), as in the multilingual term table of ``referentiel ontology docs``; the
workbench's framework page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

from referentiel.ontology.load import LoadedOntology, load_ontology, own_namespaces

LANGS = ("fr", "nl", "en")


@dataclass
class Entry:
    """A class, concept scheme or concept of the framework."""

    iri: str
    local: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)

    def label(self, lang: str) -> str:
        """The label in ``lang``, else French, else English, else the local name."""
        return self.labels.get(lang) or self.labels.get("fr") or self.labels.get("en") or self.local

    def definition(self, lang: str) -> str:
        """The definition in ``lang``, else French, else English (empty when none)."""
        return self.definitions.get(lang) or self.definitions.get("fr") or self.definitions.get("en") or ""


@dataclass
class Scheme:
    """A concept scheme and its concepts."""

    entry: Entry
    concepts: list[Entry]


@dataclass
class FrameworkIndex:
    """The framework's schemes and classes, and every entry by local name."""

    schemes: list[Scheme]
    classes: list[Entry]
    by_local: dict[str, Entry]


def _texts(graph, node: URIRef, prop: URIRef) -> dict[str, str]:  # noqa: ANN001 - rdflib Graph
    out: dict[str, str] = {}
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and value.language in LANGS:
            out.setdefault(value.language, str(value))
    return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _entry(graph, node: URIRef) -> Entry:  # noqa: ANN001 - rdflib Graph
    labels = _texts(graph, node, SKOS.prefLabel) or _texts(graph, node, RDFS.label)
    definitions = _texts(graph, node, SKOS.definition) or _texts(graph, node, RDFS.comment)
    sources = []
    for source in graph.objects(node, DCTERMS.source):
        names = _texts(graph, source, RDFS.label) or _texts(graph, source, DCTERMS.title)
        sources.append(names.get("fr") or names.get("en") or _local(str(source)))
    broader = sorted(_local(str(b)) for b in graph.objects(node, SKOS.broader))
    return Entry(str(node), _local(str(node)), labels, definitions, sorted(sources), broader)


def framework_index(loaded: LoadedOntology | None = None) -> FrameworkIndex:
    """Every own concept scheme (with its concepts) and own class of the ontology."""
    loaded = loaded or load_ontology()
    graph, own = loaded.graph, own_namespaces(loaded)

    def is_own(node: object) -> bool:
        return isinstance(node, URIRef) and any(str(node).startswith(ns) for ns in own)

    by_local: dict[str, Entry] = {}
    schemes = []
    for scheme in sorted(filter(is_own, graph.subjects(RDF.type, SKOS.ConceptScheme))):
        members = {s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef)}
        members |= {s for s in graph.subjects(SKOS.topConceptOf, scheme) if isinstance(s, URIRef)}
        concepts = [_entry(graph, c) for c in sorted(members)]
        for concept in concepts:
            by_local[concept.local] = concept
        entry = _entry(graph, scheme)
        by_local[entry.local] = entry
        schemes.append(Scheme(entry, sorted(concepts, key=lambda e: e.label("fr").casefold())))
    classes = [
        _entry(graph, c)
        for c in sorted(filter(is_own, graph.subjects(RDF.type, OWL.Class)))
        if (c, RDF.type, SKOS.Concept) not in graph
    ]
    for entry in classes:
        by_local.setdefault(entry.local, entry)
    return FrameworkIndex(schemes, classes, by_local)


@lru_cache(maxsize=1)
def bundled_index() -> FrameworkIndex:
    """:func:`framework_index` of the bundled ontology, parsed once per process."""
    return framework_index()
