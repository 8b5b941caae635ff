"""Loading an ontology file for checking: the rdflib graph, its header, its own namespaces."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from referentiel import resources
from referentiel.errors import InputError
from referentiel.namespaces import ONTOLOGY_IRI, PREFIXES, REF, REFC
from referentiel.rdfio import load_graph

VANN_PREFERRED_NAMESPACE_URI = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")
LABEL_LANGS = ("fr", "en", "nl")

# Vocabularies the framework reuses: never "own" terms, even when an ontology has no header to tell.
_EXTERNAL = tuple(
    iri for prefix, iri in PREFIXES.items() if not prefix.startswith("ref")
) + (
    "http://purl.org/dc/elements/1.1/", "http://purl.org/vocab/vann/", "http://creativecommons.org/ns#",
    "http://schema.org/", "http://purl.obolibrary.org/obo/", "http://www.w3.org/ns/",
)


@dataclass
class LoadedOntology:
    """An ontology parsed with rdflib, with what the checks need to know about it."""

    graph: Graph
    source: str
    path: Path
    bundled: bool
    ontology_iri: str | None
    version_iri: str | None
    version_info: str | None


def load_ontology(path: str | Path | None = None, fmt: str | None = None) -> LoadedOntology:
    """Parse ``path`` (default: the bundled ontology) with clear errors (file, line, column).

    ``fmt`` is an RDF format name (turtle, xml, nt, json-ld...) when the extension does not tell it.
    """
    if path is None:
        with resources.as_path(resources.ontology_file()) as bundled_path:
            if not bundled_path.exists():
                raise InputError.of(
                    "the bundled ontology is missing", file=str(bundled_path),
                    hint="reinstall referentiel, or give an ontology with --ontology FILE",
                )
            return _load(bundled_path, "bundled ontology/referentiel.ttl", bundled=True)
    path = Path(path)
    if not path.exists():
        raise InputError.of("file not found", file=str(path), hint="check the path given with --ontology")
    if path.is_dir():
        raise InputError.of("is a folder, not an ontology file", file=str(path),
                            hint="give the ontology file itself, e.g. ontology/referentiel.ttl")
    return _load(path, str(path), bundled=False, fmt=fmt)


def _load(path: Path, source: str, *, bundled: bool, fmt: str | None = None) -> LoadedOntology:
    # rdflib logs a traceback and warns for every ill-typed literal; the ill-typed-literal check
    # reports them properly, so they must not spill onto the terminal.
    term_logger = logging.getLogger("rdflib.term")
    disabled = term_logger.disabled
    term_logger.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            graph = load_graph(path, fmt=fmt)
    finally:
        term_logger.disabled = disabled
    if len(graph) == 0:
        raise InputError.of(
            "the file holds no RDF triples (only prefixes or comments)", file=str(path),
            hint="give the ontology file itself (Turtle, RDF/XML, N-Triples or JSON-LD)",
        )
    ontologies = sorted(str(s) for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    iri = ONTOLOGY_IRI if ONTOLOGY_IRI in ontologies else (ontologies[0] if ontologies else None)
    version_iri = version_info = None
    if iri:
        node = URIRef(iri)
        version_iri = next((str(o) for o in graph.objects(node, OWL.versionIRI)), None)
        version_info = next((str(o) for o in graph.objects(node, OWL.versionInfo)), None)
    return LoadedOntology(graph, source, path, bundled, iri, version_iri, version_info)


def own_namespaces(loaded: LoadedOntology) -> list[str]:
    """The namespaces whose terms are "the project's own" for ``scope: own`` checks.

    From the ontology's ``vann:preferredNamespaceUri`` when present, else from its ontology IRI
    (``IRI#`` and ``IRI/``); the framework's ontology (bundled, or a copy with the same IRI) adds
    ``refc:`` (its concept schemes) and ``ref:``. Without any header, the namespaces of the declared
    terms that are not a known reused vocabulary.
    """
    graph = loaded.graph
    found: list[str] = []

    def add(namespace: str) -> None:
        if namespace and namespace not in found:
            found.append(namespace)

    for value in graph.objects(None, VANN_PREFERRED_NAMESPACE_URI):
        if isinstance(value, URIRef | Literal):
            add(str(value))
    iri = loaded.ontology_iri
    if iri and not found and iri != ONTOLOGY_IRI:
        if iri.endswith(("#", "/")):
            add(iri)
        else:
            add(iri + "#")
            add(iri + "/")
    if loaded.bundled or iri == ONTOLOGY_IRI:
        add(str(REF))
        add(str(REFC))
    if not found:
        for subject in set(graph.subjects(RDF.type, None)):
            if isinstance(subject, URIRef):
                text = str(subject)
                cut = max(text.rfind("#"), text.rfind("/"))
                namespace = text[: cut + 1]
                if cut > 0 and not namespace.startswith(_EXTERNAL):
                    add(namespace)
        found.sort()
    return found


def best_label(graph: Graph, term: URIRef, langs: tuple[str, ...] = LABEL_LANGS) -> tuple[str, str] | None:
    """The term's label in the first available language of ``langs`` (skos:prefLabel, then rdfs:label)."""
    labels = [o for p in (SKOS.prefLabel, RDFS.label) for o in graph.objects(term, p)
              if isinstance(o, Literal)]
    for lang in langs:
        for label in labels:
            if (label.language or "").lower().startswith(lang):
                return str(label), label.language or ""
    if labels:
        return str(labels[0]), labels[0].language or ""
    return None


def to_ntriples(graph: Graph, *, drop_imports: bool = True) -> bytes:
    """N-Triples of ``graph``; ``owl:imports`` dropped so that no tool tries to fetch them from the web."""
    if drop_imports and (None, OWL.imports, None) in graph:
        copy = Graph()
        for triple in graph:
            if triple[1] != OWL.imports:
                copy.add(triple)
        graph = copy
    return graph.serialize(format="nt", encoding="utf-8")


def prefix_map(graph: Graph) -> dict[str, str]:
    """Prefix -> namespace: the framework's prefixes, then the file's own bindings (for short names)."""
    found = dict(PREFIXES)
    for prefix, namespace in graph.namespaces():
        if prefix and prefix not in found and str(namespace) not in found.values():
            found[prefix] = str(namespace)
    return found
