"""The harmonised store: one interface over the embedded pyoxigraph store and any SPARQL 1.1 server.

Design (see docs/store.md):

- each partner export lives in its own named graph (``https://w3id.org/referentiel/graph/{slug}``);
- a metadata graph describes every loaded graph with DCAT / PROV-O / SPDX / VoID (source files and
  their SHA-256, organisation, profile and mapping-set versions, time, validation outcome, forced);
- the bundled ontology and concept schemes live in ``https://w3id.org/referentiel/graph/ontology``
  and are reloaded when their checksum changes;
- a load is parsed and validated completely first, then written in ONE transaction
  (:meth:`Store._replace_graph`): on a server, one SPARQL Update request (``DROP SILENT GRAPH``,
  metadata ``DELETE``, ``INSERT DATA``), which Oxigraph / Fuseki apply atomically; in the embedded
  store, one ``Store.extend`` of data + metadata quads when the graph is new (faster: no update
  text to build and parse, no ``DROP``; see docs/performance.md), and when it is reloaded, one
  update holding only the difference (``DELETE DATA`` of the statements that disappeared,
  ``INSERT DATA`` of the new ones, and the metadata replaced), or the server's full replacement
  when blank nodes make a difference impossible to express or the difference is larger than the
  new export (:attr:`EmbeddedStore.diff_limit`). Both pyoxigraph calls are
  transactions, so a failure or a kill half-way leaves the store as it was;
- queries see the union of the graphs (the embedded store's union default graph; on a server, the
  registered graphs passed as ``default-graph-uri``), and parameters are bound with injected
  ``BIND (term AS ?var)`` of serialised RDF terms (see :mod:`referentiel.store.sparql`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from referentiel import __version__
from referentiel.errors import InputError, ReferentielError, StoreError
from referentiel.store.sparql import QueryResult, bind_parameters
from referentiel.store.terms import Term, to_sparql, xsd

GRAPH_BASE = "https://w3id.org/referentiel/graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
METADATA_GRAPH = GRAPH_BASE + "metadata"
# Vocabulary of the store metadata that no standard vocabulary covers (documented in docs/store.md).
STORE_NS = "https://w3id.org/referentiel/store#"
SOFTWARE_IRI = f"https://w3id.org/referentiel/software/referentiel/{__version__}"

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_NS = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "spdx": "http://spdx.org/rdf/terms#",
    "void": "http://rdfs.org/ns/void#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "refstore": STORE_NS,
    "refd": "https://w3id.org/referentiel/data/",
}


def iri(curie: str) -> ox.NamedNode:
    """A pyoxigraph IRI from a ``prefix:local`` name of the metadata vocabularies."""
    prefix, local = curie.split(":", 1)
    return ox.NamedNode(_NS[prefix] + local)


def slugify(text: str) -> str:
    """A lowercase ASCII slug for graph IRIs (``CPAS Namur`` -> ``cpas-namur``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "export"


def default_graph_iri(organisation: str | None, sources: Sequence[str | Path]) -> str:
    """The named graph of an export: from the organisation, else from the first file's stem."""
    if organisation:
        return GRAPH_BASE + slugify(organisation)
    if not sources or str(sources[0]) == "-":
        raise InputError.of(
            "cannot name the graph of data read from standard input",
            hint="give --graph IRI or --organisation ORG",
        )
    return GRAPH_BASE + slugify(Path(str(sources[0])).name.split(".")[0])


@dataclass
class LoadContext:
    """What the caller knows about an export beyond its RDF (the intake pipeline fills it in).

    ``original_files`` are the partner's own files (CSV/XLSX...) the RDF was translated from, as
    ``(file name, sha256 hex)`` pairs; they are recorded beside the RDF files.
    """

    organisation: str | None = None
    profile: str | None = None
    profile_version: str | None = None
    mapping_set: str | None = None
    mapping_set_version: str | None = None
    original_files: Sequence[tuple[str, str]] = ()
    key_fingerprint: str | None = None
    """The fingerprint of the pseudonym key the export was translated with (never the key itself):
    graphs with different fingerprints hold families that cannot be linked."""


@dataclass
class SourceFile:
    """One RDF file of a load: its name (never its content), checksum, size and triple count."""

    name: str
    sha256: str
    size: int
    triples: int


@dataclass
class ValidationOutcome:
    """The summary of SHACL validation recorded in the metadata."""

    validated: bool
    conforms: bool | None
    results: int = 0
    violations: int = 0
    warnings: int = 0
    report: Any = None
    passed: bool | None = None  # no result at or above "violation": what decides whether a load is refused

    @classmethod
    def of(cls, report: Any) -> ValidationOutcome:
        """The summary of a :class:`~referentiel.validation.ValidationReport` already made."""
        counts = getattr(report, "counts", {}) or {}
        return cls(
            True,
            bool(report.conforms),
            len(getattr(report, "results", []) or []),
            counts.get("violation", 0),
            counts.get("warning", 0),
            report,
            passed=bool(getattr(report, "passed", report.conforms)),
        )


@dataclass
class GraphWrite:
    """How a graph was written (one transaction in every case).

    ``mode``: ``"insert"`` (a graph the store did not hold), ``"diff"`` (a reload writing only the
    statements that disappeared and the new ones) or ``"replace"`` (the graph dropped and written
    again: servers, and reloads involving blank nodes). ``removed`` / ``added`` count the data
    statements deleted and inserted; None when unknown (a full replacement).
    """

    mode: str
    removed: int | None = None
    added: int | None = None


@dataclass
class LoadResult:
    """What a load did (``write``: how the graph was written, see :class:`GraphWrite`)."""

    graph: str
    triples: int
    replaced: bool
    forced: bool
    sources: list[SourceFile]
    validation: ValidationOutcome
    ontology_reloaded: bool = False
    loaded_at: str = ""
    write: GraphWrite | None = None


@dataclass
class GraphInfo:
    """A named graph of the store as described in the metadata graph."""

    iri: str
    kind: str  # "data" or "ontology"
    triples: int | None = None
    organisation: str | None = None
    loaded_at: str | None = None
    conforms: bool | None = None
    forced: bool | None = None
    violations: int | None = None
    sources: list[str] = field(default_factory=list)
    version: str | None = None
    key_fingerprint: str | None = None


class LoadRefused(ReferentielError):
    """The data does not conform to the shapes and ``force`` was not given (exit 1)."""

    def __post_init__(self) -> None:
        self.exit_code = 1
        super().__post_init__()


# ------------------------------------------------------------------------------------------ rdflib terms


def to_rdflib(triples: Iterable[ox.Triple]) -> Any:
    """An rdflib Graph with the same triples (for the SHACL engine).

    RDF 1.1 simple literals (pyoxigraph gives them the datatype xsd:string) become rdflib plain
    literals, which is what rdflib-based tools (``sh:in``, ``sh:hasValue``) compare against.
    """
    import logging

    from rdflib import BNode, Graph, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    # IRIs and many literals repeat across triples: converting each distinct term once (a dict
    # lookup instead of rdflib's term constructors) halves the conversion time.
    cache: dict[Term, Any] = {}

    def conv(term: Term) -> Any:
        done = cache.get(term)
        if done is not None:
            return done
        if isinstance(term, ox.NamedNode):
            done = URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            done = BNode(term.value)
        elif term.language:
            done = Literal(term.value, lang=term.language)
        elif term.datatype.value == xsd_string:
            done = Literal(term.value)
        else:
            done = Literal(term.value, datatype=URIRef(term.datatype.value))
        cache[term] = done
        return done

    graph = Graph()
    # rdflib logs a traceback for every ill-typed literal (e.g. 2024-02-30); SHACL reports them anyway.
    term_logger = logging.getLogger("rdflib.term")
    level = term_logger.level
    term_logger.setLevel(logging.CRITICAL)
    try:
        for t in triples:
            graph.add((conv(t.subject), conv(t.predicate), conv(t.object)))
    finally:
        term_logger.setLevel(level)
    return graph


def check_graph_name(graph: str) -> None:
    """Refuse graph names that are not absolute IRIs or that the store reserves for itself."""
    from referentiel.privacy import shown

    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$", graph):
        raise InputError.of(
            "the graph name {graph!r} is not an absolute IRI",
            hint="give --graph https://example.org/graph/name",
            graph=shown(graph),
        )
    if graph in (ONTOLOGY_GRAPH, METADATA_GRAPH):
        raise InputError.of(
            "the graph {graph} is reserved for the store itself", hint="give another --graph IRI", graph=graph
        )


def from_rdflib(graph: Any) -> list[ox.Triple]:
    """pyoxigraph triples from an rdflib graph (quads of a Dataset are merged)."""
    from rdflib import BNode, Literal, URIRef

    # Each distinct rdflib term is converted once (terms repeat: predicates, classes, concepts).
    cache: dict[Any, Term] = {}

    def conv(term: Any) -> Term:
        done = cache.get(term)
        if done is not None:
            return done
        if isinstance(term, URIRef):
            done = ox.NamedNode(str(term))
        elif isinstance(term, BNode):
            done = ox.BlankNode(str(term))
        elif isinstance(term, Literal):
            if term.language:
                done = ox.Literal(str(term), language=term.language)
            elif term.datatype:
                done = ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            else:
                done = ox.Literal(str(term))
        else:
            raise InputError.of("unsupported RDF term {kind} in the graph", kind=type(term).__name__)
        # rdflib Literals compare by value ("01"^^xsd:integer == "1"^^xsd:integer): caching them
        # would rewrite a lexical form, so only IRIs and blank nodes are cached.
        if isinstance(term, Literal):
            return done
        cache[term] = done
        return done

    return [ox.Triple(conv(s), conv(p), conv(o)) for s, p, o in graph.triples((None, None, None))]


def run_validation(triples: list[ox.Triple], shapes: Any = None) -> ValidationOutcome:
    """SHACL validation through :func:`referentiel.validation.validate`, summarised."""
    try:
        from referentiel.validation import validate
    except ImportError:
        raise StoreError.of(
            "SHACL validation is not available in this installation (referentiel.validation.validate)",
            hint="reinstall referentiel; nothing was loaded",
        ) from None
    report = validate(to_rdflib(triples), shapes=shapes)
    counts = getattr(report, "counts", None) or {}
    results = list(getattr(report, "results", []) or [])
    passed = getattr(report, "passed", report.conforms)
    return ValidationOutcome(
        True,
        bool(report.conforms),
        len(results),
        counts.get("violation", 0),
        counts.get("warning", 0),
        report,
        passed=bool(passed),
    )


# ---------------------------------------------------------------------------------------------- metadata


def _lit(value: Any, dt: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=xsd("boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=xsd("integer"))
    return ox.Literal(str(value), datatype=xsd(dt)) if dt else ox.Literal(str(value))


def metadata_node_base(graph: str) -> str:
    """Prefix of the IRIs of the metadata nodes describing ``graph`` (load, sources, report)."""
    return f"{METADATA_GRAPH}/{hashlib.sha1(graph.encode()).hexdigest()[:16]}/"


def describe_load(
    graph: str,
    files: Sequence[SourceFile],
    triples: int,
    validation: ValidationOutcome,
    forced: bool,
    context: LoadContext,
    started: str,
    ended: str,
) -> list[ox.Triple]:
    """The DCAT / PROV-O / SPDX / VoID description of one load, as triples for the metadata graph."""
    g = ox.NamedNode(graph)
    base = metadata_node_base(graph)
    load = ox.NamedNode(base + "load")
    report = ox.NamedNode(base + "validation")
    software = ox.NamedNode(SOFTWARE_IRI)
    out = [
        ox.Triple(g, RDF_TYPE, iri("dcat:Dataset")),
        ox.Triple(g, RDF_TYPE, iri("prov:Entity")),
        ox.Triple(g, iri("dcterms:type"), ox.Literal("data")),
        ox.Triple(g, iri("void:triples"), _lit(triples)),
        ox.Triple(g, iri("dcterms:modified"), _lit(ended, "dateTime")),
        ox.Triple(g, iri("prov:wasGeneratedBy"), load),
        ox.Triple(load, RDF_TYPE, iri("prov:Activity")),
        ox.Triple(load, iri("prov:startedAtTime"), _lit(started, "dateTime")),
        ox.Triple(load, iri("prov:endedAtTime"), _lit(ended, "dateTime")),
        ox.Triple(load, iri("prov:wasAssociatedWith"), software),
        ox.Triple(load, iri("refstore:forced"), _lit(forced)),
        ox.Triple(software, RDF_TYPE, iri("prov:SoftwareAgent")),
        ox.Triple(software, iri("owl:versionInfo"), ox.Literal(__version__)),
        ox.Triple(g, iri("refstore:validation"), report),
        ox.Triple(
            report, RDF_TYPE, iri("sh:ValidationReport") if validation.validated else iri("prov:Entity")
        ),
        ox.Triple(report, iri("refstore:validated"), _lit(validation.validated)),
        ox.Triple(report, iri("refstore:resultCount"), _lit(validation.results)),
        ox.Triple(report, iri("refstore:violationCount"), _lit(validation.violations)),
        ox.Triple(report, iri("refstore:warningCount"), _lit(validation.warnings)),
    ]
    if validation.conforms is not None:
        out.append(ox.Triple(report, iri("sh:conforms"), _lit(validation.conforms)))
    if context.key_fingerprint:
        out.append(ox.Triple(load, iri("refstore:keyFingerprint"), ox.Literal(context.key_fingerprint)))
    if context.organisation:
        org = ox.NamedNode(_NS["refd"] + "organisation/" + slugify(context.organisation))
        out += [
            ox.Triple(g, iri("prov:wasAttributedTo"), org),
            ox.Triple(g, iri("dcterms:publisher"), org),
            ox.Triple(org, iri("dcterms:identifier"), ox.Literal(slugify(context.organisation))),
        ]
    all_files = [(f.name, f.sha256, f.size, "rdf") for f in files]
    all_files += [(name, digest, None, "original") for name, digest in context.original_files]
    for i, (name, digest, size, kind) in enumerate(all_files, 1):
        dist = ox.NamedNode(f"{base}source-{i}")
        checksum = ox.NamedNode(f"{base}source-{i}-checksum")
        out += [
            ox.Triple(g, iri("dcat:distribution"), dist),
            ox.Triple(load, iri("prov:used"), dist),
            ox.Triple(dist, RDF_TYPE, iri("dcat:Distribution")),
            ox.Triple(dist, iri("dcterms:title"), ox.Literal(name)),
            ox.Triple(dist, iri("dcterms:type"), ox.Literal(kind)),
            ox.Triple(dist, iri("spdx:checksum"), checksum),
            ox.Triple(checksum, RDF_TYPE, iri("spdx:Checksum")),
            ox.Triple(checksum, iri("spdx:algorithm"), iri("spdx:checksumAlgorithm_sha256")),
            ox.Triple(checksum, iri("spdx:checksumValue"), _lit(digest, "hexBinary")),
        ]
        if size is not None:
            out.append(ox.Triple(dist, iri("dcat:byteSize"), _lit(size)))
    for key, name, version in (
        ("profile", context.profile, context.profile_version),
        ("mapping-set", context.mapping_set, context.mapping_set_version),
    ):
        if name or version:
            node = ox.NamedNode(base + key)
            out += [
                ox.Triple(load, iri("prov:used"), node),
                ox.Triple(node, RDF_TYPE, iri("prov:Entity")),
                ox.Triple(node, iri("dcterms:type"), ox.Literal(key)),
            ]
            if name:
                out.append(ox.Triple(node, iri("dcterms:title"), ox.Literal(name)))
            if version:
                out.append(ox.Triple(node, iri("owl:versionInfo"), ox.Literal(version)))
    return out


def _delete_metadata(graph: str) -> list[str]:
    """The operations deleting the description of ``graph`` (its own statements and its nodes')."""
    g = ox.NamedNode(graph)
    meta = ox.NamedNode(METADATA_GRAPH)
    prefix = to_sparql(ox.Literal(metadata_node_base(graph)))
    return [
        f"DELETE WHERE {{ GRAPH {meta} {{ {g} ?p ?o }} }} ;\n",
        f"DELETE {{ GRAPH {meta} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {meta} {{ ?s ?p ?o "
        f"FILTER(STRSTARTS(STR(?s), {prefix})) }} }} ;\n",
    ]


def _insert_data(graph: str, data: Iterable[ox.Triple], metadata: Iterable[ox.Triple]) -> list[str]:
    parts = [f"INSERT DATA {{\nGRAPH {ox.NamedNode(graph)} {{\n"]
    parts.extend(f"{t.subject} {t.predicate} {t.object} .\n" for t in data)
    parts.append(f"}}\nGRAPH {ox.NamedNode(METADATA_GRAPH)} {{\n")
    parts.extend(f"{t.subject} {t.predicate} {t.object} .\n" for t in metadata)
    parts.append("}\n}\n")
    return parts


def replace_graph_update(graph: str, data: Iterable[ox.Triple], metadata: Iterable[ox.Triple]) -> str:
    """ONE SPARQL Update request replacing ``graph`` and its metadata (applied atomically)."""
    parts = [f"DROP SILENT GRAPH {ox.NamedNode(graph)} ;\n"]
    parts += _delete_metadata(graph)
    parts += _insert_data(graph, data, metadata)
    return "".join(parts)


def diff_graph_update(
    graph: str,
    removed: Iterable[ox.Triple],
    added: Iterable[ox.Triple],
    metadata: Iterable[ox.Triple],
) -> str:
    """ONE SPARQL Update request turning ``graph`` into its new version, given the difference.

    ``removed``: statements of the graph that are not in the new version; ``added``: statements of
    the new version that are not in the graph. The metadata is replaced exactly as
    :func:`replace_graph_update` replaces it. ``DELETE DATA`` cannot hold blank nodes (SPARQL 1.1
    Update, section 3.1.2), and blank node labels mean nothing across two parses anyway: the
    caller uses this only when neither version has any.
    """
    parts = _delete_metadata(graph)
    removed = list(removed)
    if removed:
        parts.append(f"DELETE DATA {{\nGRAPH {ox.NamedNode(graph)} {{\n")
        parts.extend(f"{t.subject} {t.predicate} {t.object} .\n" for t in removed)
        parts.append("}\n} ;\n")
    parts += _insert_data(graph, added, metadata)
    return "".join(parts)


def now() -> str:
    """The current UTC time as an xsd:dateTime lexical form."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# ---------------------------------------------------------------------------------------------- ontology


_ONTOLOGY_CACHE: dict[tuple[Any, ...], tuple[list[ox.Triple], str, str | None, list[str]]] = {}


def bundled_ontology() -> tuple[list[ox.Triple], str, str | None, list[str]]:
    """Triples, combined SHA-256, version IRI and file names of the bundled ontology and concept schemes.

    Parsed once per process and file state (name, size, modification time): every load checks the
    ontology graph, and parsing the bundled files each time was a visible share of a small load.
    """
    from referentiel.resources import bundled

    folder = bundled("ontology")
    files = (
        sorted((f for f in folder.iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)
        if folder.is_dir()
        else []
    )
    key = tuple(_file_state(f) for f in files)
    if key not in _ONTOLOGY_CACHE:
        _ONTOLOGY_CACHE.clear()
        _ONTOLOGY_CACHE[key] = _parse_ontology(files)
    triples, checksum, version, names = _ONTOLOGY_CACHE[key]
    return list(triples), checksum, version, list(names)


def _file_state(f: Any) -> tuple[Any, ...]:
    try:
        stat = f.stat()
        return (f.name, stat.st_size, stat.st_mtime_ns)
    except (AttributeError, OSError):  # a resource that is not a plain file: key by its content
        return (f.name, hashlib.sha256(f.read_bytes()).hexdigest())


def _parse_ontology(files: Sequence[Any]) -> tuple[list[ox.Triple], str, str | None, list[str]]:
    digest = hashlib.sha256()
    triples: list[ox.Triple] = []
    for f in files:
        data = f.read_bytes()
        digest.update(f.name.encode() + b"\0" + data)
        triples.extend(
            q.triple
            for q in ox.parse(
                data, format=ox.RdfFormat.TURTLE, base_iri="https://w3id.org/referentiel/ontology"
            )
        )
    version = next((t.object.value for t in triples if t.predicate.value == _NS["owl"] + "versionIRI"), None)
    return triples, digest.hexdigest(), version, [f.name for f in files]


def describe_ontology(
    checksum: str, version: str | None, names: Sequence[str], triples: int
) -> list[ox.Triple]:
    """Metadata of the ontology graph."""
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    out = [
        ox.Triple(g, RDF_TYPE, iri("dcat:Dataset")),
        ox.Triple(g, iri("dcterms:type"), ox.Literal("ontology")),
        ox.Triple(g, iri("void:triples"), _lit(triples)),
        ox.Triple(g, iri("dcterms:modified"), _lit(now(), "dateTime")),
        ox.Triple(g, iri("refstore:checksum"), _lit(checksum, "hexBinary")),
    ]
    if version:
        out.append(ox.Triple(g, iri("owl:versionIRI"), ox.NamedNode(version)))
    out += [ox.Triple(g, iri("dcterms:source"), ox.Literal(n)) for n in names]
    return out


# ---------------------------------------------------------------------------------------------- the store

_GRAPHS_QUERY = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX spdx: <http://spdx.org/rdf/terms#>
PREFIX refstore: <https://w3id.org/referentiel/store#>
SELECT ?g ?kind ?triples ?org ?modified ?conforms ?forced ?violations ?version ?fingerprint
       (GROUP_CONCAT(?source; separator="\\n") AS ?sources)
WHERE { GRAPH <METADATA_GRAPH> {
  ?g a dcat:Dataset ; dcterms:type ?kind .
  OPTIONAL { ?g void:triples ?triples }
  OPTIONAL { ?g dcterms:modified ?modified }
  OPTIONAL { ?g owl:versionIRI ?version }
  OPTIONAL { ?g dcterms:publisher/dcterms:identifier ?org }
  OPTIONAL { ?g refstore:validation ?r . OPTIONAL { ?r sh:conforms ?conforms }
             OPTIONAL { ?r refstore:violationCount ?violations } }
  OPTIONAL { ?g prov:wasGeneratedBy/refstore:forced ?forced }
  OPTIONAL { ?g prov:wasGeneratedBy/refstore:keyFingerprint ?fingerprint }
  OPTIONAL { ?g dcat:distribution/dcterms:title ?source }
} }
GROUP BY ?g ?kind ?triples ?org ?modified ?conforms ?forced ?violations ?version ?fingerprint
ORDER BY ?g
""".replace("METADATA_GRAPH", METADATA_GRAPH)


class Store(ABC):
    """The harmonised store (embedded or remote). Use :func:`referentiel.store.open_store`."""

    location: str

    # -- primitives each backend implements
    @abstractmethod
    def _update(self, update: str) -> None:
        """Apply one SPARQL Update request atomically."""

    @abstractmethod
    def _query(self, sparql: str, union: bool) -> QueryResult:
        """Run a query over the union of the store's graphs (``union``) or its plain default graph."""

    def _replace_graph(self, graph: str, data: list[ox.Triple], metadata: list[ox.Triple]) -> GraphWrite:
        """Replace ``graph`` by ``data`` and its description by ``metadata``, in ONE transaction.

        Default (servers): one SPARQL Update request, the full replacement. A difference-based
        reload would first have to download the server's current graph (a ``CONSTRUCT`` of the
        whole graph over HTTP, as costly as sending it), and another client could change the graph
        between that read and the update, which would then be wrong; so servers are not sent one.
        The embedded store overrides this with faster pyoxigraph calls that are transactions too.
        """
        self._update(replace_graph_update(graph, data, metadata))
        return GraphWrite("replace")

    def close(self) -> None:  # noqa: B027 - nothing to release for a remote store
        """Release the store (embedded: the on-disk lock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public API
    def query(self, sparql: str, bindings: dict[str, Term] | None = None, union: bool = True) -> QueryResult:
        """Run a SPARQL 1.1 query; ``bindings`` are bound as RDF terms (injected ``BIND``).

        With ``union`` (the default) the query's default graph is the union of all loaded graphs.
        """
        text = bind_parameters(sparql, bindings or {})
        return self._query(text, union)

    def update(self, update: str) -> None:
        """Apply a SPARQL 1.1 Update request atomically (for administrators; ``load`` is preferred)."""
        self._update(update)

    def graphs(self) -> list[GraphInfo]:
        """Every graph described in the metadata graph (data exports and the ontology)."""
        result = self._query(_GRAPHS_QUERY, union=False)
        out = []
        names = result.variables
        for row in result.rows:
            rec = dict(zip(names, row, strict=True))

            def val(key: str, rec: dict[str, Any] = rec) -> Any:
                term = rec.get(key)
                return None if term is None else term.value

            out.append(
                GraphInfo(
                    iri=val("g"),
                    key_fingerprint=val("fingerprint"),
                    kind=val("kind"),
                    triples=int(val("triples")) if val("triples") else None,
                    organisation=val("org"),
                    loaded_at=val("modified"),
                    # Virtuoso answers xsd:boolean values in their other lexical form, "1" / "0"
                    conforms=None if val("conforms") is None else val("conforms") in ("true", "1"),
                    forced=None if val("forced") is None else val("forced") in ("true", "1"),
                    violations=int(val("violations")) if val("violations") else None,
                    sources=sorted(s for s in (val("sources") or "").split("\n") if s),
                    version=val("version"),
                )
            )
        return out

    def ontology_state(self) -> str | None:
        """Checksum of the ontology currently in the store (None when not loaded)."""
        res = self._query(
            f"SELECT ?c WHERE {{ GRAPH <{METADATA_GRAPH}> "
            f"{{ <{ONTOLOGY_GRAPH}> <{STORE_NS}checksum> ?c }} }}",
            union=False,
        )
        return res.rows[0][0].value if res.rows else None

    def ensure_ontology(self, force: bool = False) -> bool:
        """Load the bundled ontology and concept schemes into their graph if absent or changed.

        Returns True when it was (re)loaded.
        """
        triples, checksum, version, names = bundled_ontology()
        if not triples:
            return False
        if not force and self.ontology_state() == checksum:
            return False
        triples = list(dict.fromkeys(triples))
        self._replace_graph(
            ONTOLOGY_GRAPH, triples, describe_ontology(checksum, version, names, len(triples))
        )
        return True

    def load(
        self,
        sources: Sequence[str | Path],
        graph: str | None = None,
        *,
        organisation: str | None = None,
        force: bool = False,
        context: LoadContext | None = None,
        rdf_format: str | None = None,
        validate: bool = True,
        shapes: Any = None,
    ) -> LoadResult:
        """Load RDF files as ONE export into its own named graph, replacing that graph atomically.

        The files are streamed into a staging graph no query sees (Oxigraph's bulk loader) and
        validated there; data that does not conform is refused (:class:`LoadRefused`, exit 1)
        unless ``force``, and a forced load is recorded as such; the export is then made visible in
        one step (:mod:`referentiel.store.loading`). ``validate=False`` (Python API only, e.g. for
        benchmarks) records "not validated".
        """
        from referentiel.store.loading import load_files

        context = context or LoadContext()
        if organisation:
            context = dataclasses.replace(context, organisation=organisation)
        return load_files(
            self,
            sources,
            graph,
            context=context,
            force=force,
            rdf_format=rdf_format,
            validate=validate,
            shapes=shapes,
        )

    def load_graph(
        self,
        data: Any,
        graph: str,
        *,
        sources: Sequence[SourceFile] = (),
        force: bool = False,
        context: LoadContext | None = None,
        report: Any = None,
        validate: bool = True,
        shapes: Any = None,
    ) -> LoadResult:
        """Load an in-memory graph (rdflib ``Graph`` or pyoxigraph triples) as one export.

        For pipelines that already validated it (the intake): pass its
        :class:`~referentiel.validation.ValidationReport` as ``report`` and it is recorded instead of
        validating again.
        """
        started = now()
        check_graph_name(graph)
        triples = from_rdflib(data) if not isinstance(data, list) else data
        if report is not None:
            outcome = ValidationOutcome.of(report)
        elif validate:
            outcome = run_validation(triples, shapes)
        else:
            outcome = ValidationOutcome(False, None)
        return self.load_triples(
            triples,
            graph,
            files=list(sources),
            validation=outcome,
            force=force,
            context=context or LoadContext(),
            started=started,
        )

    def stage(self, graph: str) -> Any:
        """A :class:`~referentiel.store.staging.Staging` area for an export to be committed as ``graph``.

        Default (servers): a scratch pyoxigraph store on disk, validated locally and sent by
        :meth:`commit` as ONE update request. The embedded store stages in itself (bulk loader).
        """
        from referentiel.store.staging import Staging

        check_graph_name(graph)
        return Staging.scratch_store(graph)

    def commit(
        self,
        staging: Any,
        *,
        files: list[SourceFile],
        validation: ValidationOutcome,
        force: bool,
        context: LoadContext,
        started: str | None = None,
    ) -> LoadResult:
        """Make a staged export visible as its graph, with its description, in ONE transaction.

        Refused (:class:`LoadRefused`) as :meth:`load_triples` refuses; the staging area is
        discarded in every case.
        """
        try:
            self._refuse(validation, force)
            ontology_reloaded = self.ensure_ontology()
            graph = staging.graph
            replaced = any(g.iri == graph for g in self.graphs())
            triples = staging.triples()
            ended = now()
            forced = bool(force and validation.validated and not validation.passed)
            meta = describe_load(graph, files, triples, validation, forced, context, started or ended, ended)
            write = self._commit_staged(staging, meta)
        except BaseException:
            staging.discard()
            raise
        staging.close()
        return LoadResult(
            graph, triples, replaced, forced, files, validation, ontology_reloaded, ended, write
        )

    def _commit_staged(self, staging: Any, metadata: list[ox.Triple]) -> GraphWrite:
        """Default (servers): the staged triples sent as ONE full-replacement update."""
        return self._replace_graph(staging.graph, list(staging.staged_triples()), metadata)

    @staticmethod
    def _refuse(validation: ValidationOutcome, force: bool) -> None:
        if validation.validated and not validation.passed and not force:
            raise LoadRefused.of(
                "the data does not conform to the framework's shapes ({violations} violation(s), "
                "{results} result(s)); nothing was loaded",
                hint="run `referentiel validate` on the files to see the problems and fix them, "
                "or load anyway with --force (recorded in the store's metadata)",
                violations=validation.violations,
                results=validation.results,
            )

    def load_triples(
        self,
        triples: list[ox.Triple],
        graph: str,
        *,
        files: list[SourceFile],
        validation: ValidationOutcome,
        force: bool,
        context: LoadContext,
        started: str | None = None,
    ) -> LoadResult:
        """The common end of every load: refuse or record, then replace the graph in ONE update."""
        check_graph_name(graph)
        triples = list(dict.fromkeys(triples))  # a graph is a set: repeated statements count once
        self._refuse(validation, force)
        ontology_reloaded = self.ensure_ontology()
        replaced = any(g.iri == graph for g in self.graphs())
        ended = now()
        forced = bool(force and validation.validated and not validation.passed)
        meta = describe_load(graph, files, len(triples), validation, forced, context, started or ended, ended)
        write = self._replace_graph(graph, triples, meta)
        return LoadResult(
            graph, len(triples), replaced, forced, files, validation, ontology_reloaded, ended, write
        )

    def drop(self, graph: str) -> bool:
        """Remove one export's graph and its metadata (atomically); False when it was not there."""
        if not any(g.iri == graph for g in self.graphs()):
            return False
        self._update(replace_graph_update(graph, [], []))
        return True
