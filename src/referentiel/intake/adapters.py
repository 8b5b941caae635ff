"""The seam between intake and the capabilities it drives: translation, validation, store, queries.

Intake owns no translation, validation or storage logic: it calls the public functions of those
packages. This module is the only place that knows their signatures and turns their results
(translation issues, validation results) into the summary's :class:`Finding` objects with one
vocabulary of kinds, so that a change in another package is absorbed here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from referentiel.errors import ConfigError
from referentiel.intake.summary import Finding, safe_text

PROFILE_STEM = "profile"
PROFILE_SUFFIXES = (".yaml", ".yml")
EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json")
SCHEME_PREFIXES = (
    "sector-",
    "service-type-",
    "role-",
    "intervention-type-",
    "meeting-kind-",
    "need-",
    "competence-",
    "resource-",
    "age-band-",
    "actor-kind-",
    "link-kind-",
    "trust-status-",
)

# translation issue kind -> summary kind (the generator's defect kinds are the canonical ones)
TRANSLATION_KINDS = {
    "missing-value": "missing-field",
    "missing-column": "missing-column",
    "unmapped-term": "unmapped-term",
    "personal-data": "personal-data",
    "rejected-row": "rejected-row",
    "unknown-column": "unknown-column",
    "unknown-file": "unknown-file",
    "duplicate-id": "duplicate-id",
}
SEVERITIES = {"violation": "violation", "warning": "warning", "info": "info"}

# SHACL constraint component (local name) -> summary kind
COMPONENT_KINDS = {
    "MinCountConstraintComponent": "missing-field",
    "MaxCountConstraintComponent": "too-many-values",
    "DatatypeConstraintComponent": "wrong-datatype",
    "ClassConstraintComponent": "unknown-reference",
    "NodeConstraintComponent": "wrong-concept",
    "InConstraintComponent": "wrong-concept",
    "HasValueConstraintComponent": "wrong-concept",
    "LessThanConstraintComponent": "end-before-start",
    "LessThanOrEqualsConstraintComponent": "end-before-start",
    "MinLengthConstraintComponent": "missing-field",
    "PatternConstraintComponent": "wrong-format",
    "SPARQLConstraintComponent": "rule",
}


def is_auxiliary(path: Path) -> bool:
    """Files that sit next to the exports but are not exports (mapping sets, keys, notes)."""
    name = path.name.lower()
    return name.endswith((".sssom.tsv", ".key", ".md")) or name in ("expected-defects.json",)


def asserting_predicates() -> set[str]:
    """The SKOS predicates whose mappings translate (assert) the framework concept."""
    from referentiel.translation.model import ASSERTING_PREDICATES

    return {p for p, asserted in ASSERTING_PREDICATES.items() if asserted}


def read_key_file(path: Path) -> bytes:
    """A key file's content (stripped); ConfigError when missing or empty."""
    from referentiel.translation.pseudonym import resolve_key

    key = resolve_key(None, path)
    if not key:  # pragma: no cover - resolve_key raises first
        raise ConfigError("the key file is empty", file=str(path))
    return key


def check_lang(lang: str) -> str:
    """``lang`` lower-cased (fr, en, nl), or a ConfigError naming the languages there are."""
    from referentiel.translation.messages import check_lang as check

    return check(lang)


# ------------------------------------------------------------------ translation


def load_profile(path: Path) -> Any:
    """An organisation profile (:func:`referentiel.translation.profile.load_profile`)."""
    from referentiel.translation.profile import load_profile as load

    return load(path)


def profile_label(profile: Any) -> str:
    """The organisation's name as its profile gives it."""
    return getattr(profile, "name", "") or ""


def translate(export: Any, profile: Any, *, key: bytes, progress: Any = None, sink: Any = None) -> Any:
    """Translate one export's files with :func:`referentiel.translation.translate`; with ``sink``
    (:meth:`Staging.sink <referentiel.store.staging.Staging.sink>`) the triples stream into it."""
    from referentiel.translation import translate as run

    return run(list(export.files), profile, key=key, progress=progress, sink=sink)


def translation_stats(result: Any) -> dict[str, int]:
    """Rows read, vocabulary terms (cells) mapped and tables refused whole, from a TranslationResult."""
    rows = sum(f.rows_read for f in result.files)
    refused = sum(1 for f in result.files if f.refused)
    total = mapped = 0
    for column in result.columns:
        for klass, number in column.cells.items():
            total += number
            if klass in ("exact", "non-exact"):
                mapped += number
    return {"rows": rows, "terms_total": total, "terms_mapped": mapped, "tables_refused": refused}


def _column_spec(profile: Any, file: str | None, sheet: str | None, column: str | None) -> Any:
    if profile is None or file is None or column is None:
        return None
    for table in profile.tables:
        if table.matches(Path(file)) and (table.sheet or None) == (sheet or None):
            found = table.column(column)
            if found is not None:
                return found
    return None


def translation_findings(result: Any, lang: str = "en") -> list[Finding]:
    """The translation issues as findings (same location, canonical kind, personal data masked), with
    their messages in ``lang``."""
    findings = []
    for issue in result.issues:
        kind = TRANSLATION_KINDS.get(issue.kind, issue.kind)
        if issue.kind == "unparsable":
            spec = _column_spec(result.profile, issue.file, issue.sheet, issue.column)
            kind = "impossible-date" if spec is not None and spec.datatype == "date" else "unparsable-value"
        findings.append(
            Finding(
                severity=SEVERITIES.get(issue.severity, "violation"),
                kind=kind,
                stage="translation",
                # Built from the catalogue (values masked or never quoted): shown whole, as a
                # personal-data finding's rows and advice come after 300 characters.
                message=safe_text(issue.text(lang), limit=2000),
                file=issue.file,
                sheet=issue.sheet,
                row=issue.row,
                column=issue.column,
                term=safe_text(issue.term, 80) if issue.term else None,
            )
        )
    return findings


# ------------------------------------------------------------------ validation


def organisation_context(profiles: Iterable[Any]) -> Any:
    """The organisations described by the profiles of this intake (IRIs as the data contract gives them)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from referentiel.namespaces import REF, REFC, REFD

    graph = Graph()
    for profile in profiles:
        node = URIRef(f"{REFD}organisation/{profile.slug}")
        graph.add((node, RDF.type, REF.Organisation))
        graph.add((node, REF.name, Literal(profile.name)))
        if getattr(profile, "sector", None):
            graph.add((node, REF.sector, REFC[profile.sector]))
        if getattr(profile, "service_type", None):
            graph.add((node, REF.serviceType, REFC[profile.service_type]))
    return graph


def validate_staged(staging: Any, context: Any = None, lang: str = "en", prefixes: Any = None) -> Any:
    """Validate a staged export (with the relevant part of ``context``) where it is staged.

    The one seam between the pipeline and the validation engine: the export is in a pyoxigraph
    store (:class:`~referentiel.store.staging.Staging`: its in-memory twin when it has one, else
    the staged graph on disk), never in an rdflib graph. The SPARQL engine
    (:func:`referentiel.validation.sparql.validate_store`) runs the shapes as queries in that store;
    what validation reads beside the export (the other partners' organisations, the ontology's
    structure) goes into the staging area's context graph, which is never committed.
    ``prefixes`` is kept for the seam's callers; the SPARQL engine writes terms with the shapes' own.
    """
    import pyoxigraph as ox

    from referentiel.validation.api import ontology_ntriples
    from referentiel.validation.sparql import validate_store

    store = staging.validated_store  # the in-memory twin when the export was fed into one
    if context is not None and len(context):
        staging.add_context(_relevant_staged(context, staging))
    context_graph = ox.NamedNode(staging.context)
    store.load(ontology_ntriples(), format=ox.RdfFormat.N_TRIPLES, to_graph=context_graph)
    graphs = [ox.NamedNode(staging.staged), context_graph]
    return validate_store(store, graph=graphs, lang=lang)


def _relevant_staged(context: Any, staging: Any) -> list[Any]:
    """The part of ``context`` about organisations the staged export refers to, adding nothing it
    already says (pyoxigraph triples)."""
    import pyoxigraph as ox
    from rdflib import Literal

    from referentiel.namespaces import REF

    store, graph = staging.validated_store, ox.NamedNode(staging.staged)
    name = ox.NamedNode(str(REF.name))

    def term(node: Any) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        return ox.NamedNode(str(node))

    out = []
    for node in set(context.subjects()):
        subject = term(node)
        if next(iter(store.quads_for_pattern(None, None, subject, graph)), None) is None:
            continue
        named = next(iter(store.quads_for_pattern(subject, name, None, graph)), None) is not None
        for _, predicate, value in context.triples((node, None, None)):
            if predicate == REF.name and named:
                continue
            out.append(ox.Triple(subject, term(predicate), term(value)))
    return out


def validate_files(files: Iterable[Path]) -> Any:
    """Validate RDF files with the bundled shapes."""
    from referentiel.validation import validate as run

    return run([Path(f) for f in files], lang="en")


def _local(iri: Any) -> str:
    text = str(iri or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def validation_findings(report: Any, graph: Any = None, profile: Any = None) -> list[Finding]:
    """Validation results as findings, located in the partner's files through the provenance."""
    findings = []
    for result in report.results:
        source = result.source
        column = source.column if source else None
        path_local = _local(result.path_node) if result.path_node is not None else None
        if source is not None and column is None and path_local and profile is not None:
            # The cell was empty or absent: name the column the profile says feeds that property.
            for table in profile.tables:
                if table.matches(Path(source.file)) and (table.sheet or None) == (source.sheet or None):
                    for col in table.columns:
                        if col.property is not None and col.property.name == path_local:
                            column = col.title
                            break
        kind = COMPONENT_KINDS.get(_local(result.component), _local(result.component) or "rule")
        if kind == "rule" and result.source_shape is not None:
            kind = _kebab(_local(result.source_shape))
        message = result.message
        if kind == "end-before-start" and result.fix_hint:
            # Located at the end cell, the finding must still say which of the two dates to check.
            message = f"{message} {result.fix_hint}"
        findings.append(
            Finding(
                severity=result.severity.label,
                kind=kind,
                stage="validation",
                message=safe_text(message),
                file=source.file if source else None,
                sheet=source.sheet if source else None,
                row=source.row if source else None,
                column=column,
            )
        )
    return findings


def _kebab(name: str) -> str:
    out = []
    for index, ch in enumerate(name):
        if ch.isupper() and index:
            out.append("-")
        out.append(ch.lower())
    return "".join(out).removesuffix("-shape")


def merge(translation: list[Finding], validation: list[Finding]) -> list[Finding]:
    """Findings of both stages, one per problem.

    A validation result at a cell the translation already reported (same file, sheet, row, column)
    is the consequence of that problem (a date that could not be read is also a missing date), so
    it is folded into the translation finding instead of being counted twice.
    """
    rank = {"info": 0, "warning": 1, "violation": 2}
    seen = {(f.file, f.sheet, f.row, f.column): f for f in translation if f.row is not None}
    refused_tables = {(f.file, f.sheet) for f in translation if f.kind == "personal-data" and f.row is None}
    out = list(translation)
    keys = set()
    for finding in validation:
        location = (finding.file, finding.sheet, finding.row, finding.column)
        cause = seen.get(location) if finding.row is not None else None
        if cause is not None:
            # One problem, reported once, at the highest severity either stage gave it.
            if rank.get(finding.severity, 2) > rank.get(cause.severity, 2):
                cause.severity = finding.severity
                cause.raised_by = finding.message
            if finding.message not in cause.also:
                cause.also.append(finding.message)
            continue
        if (finding.file, finding.sheet) in refused_tables:
            continue
        key = (*location, finding.kind, finding.severity, finding.message)
        if key in keys:
            continue
        keys.add(key)
        out.append(finding)
    out.sort(key=lambda f: (f.file or "", f.sheet or "", f.row or 0, f.column or "", f.kind))
    return out


# ------------------------------------------------------------------ store


def open_target(store: str | Path | None = None, endpoint: str | None = None) -> Any:
    """The store to load into: an embedded store folder or a SPARQL endpoint (referentiel.store)."""
    from referentiel.store import open_store

    if endpoint:
        return open_store(endpoint=endpoint)
    return open_store(Path(store) if store else None)


def target_description(target: Any, store: str | Path | None, endpoint: str | None) -> tuple[str, str]:
    """``("store", folder)`` or ``("endpoint", url)`` for the summary."""
    if endpoint:
        return "endpoint", endpoint
    location = getattr(target, "path", None) or store or ".referentiel-store"
    return "store", str(location)


def close_target(target: Any) -> None:
    """Release the store (flush and close the embedded database)."""
    close = getattr(target, "close", None)
    if callable(close):
        close()


def graph_iri(organisation: str) -> str:
    """The named graph holding one organisation's data (the store's own naming)."""
    from referentiel.store import default_graph_iri

    return default_graph_iri(organisation, [])


def other_key_graphs(target: Any, fingerprint: str) -> list[dict]:
    """The data graphs of the store recorded with another key's fingerprint than ``fingerprint``
    (``graph``, ``organisation``, ``loaded_at``, ``key_fingerprint``): their families cannot link with
    those of this key. Graphs loaded before fingerprints were recorded are not counted (unknown)."""
    return [
        {
            "graph": g.iri,
            "organisation": g.organisation,
            "loaded_at": g.loaded_at,
            "key_fingerprint": g.key_fingerprint,
        }
        for g in target.graphs()
        if g.kind == "data" and g.key_fingerprint and g.key_fingerprint != fingerprint
    ]


def previous_graph(target: Any, organisation: str) -> dict | None:
    """The organisation's graph already in the store (``triples``, ``loaded_at``, ``sources``), or None."""
    iri = graph_iri(organisation)
    for info in target.graphs():
        if info.iri == iri:
            return {"triples": info.triples, "loaded_at": info.loaded_at, "sources": list(info.sources)}
    return None


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stage(target: Any, organisation: str) -> Any:
    """A staging area in ``target`` for the organisation's graph (:meth:`referentiel.store.Store.stage`);
    without a target (``--dry-run``: no store opened), in a scratch store deleted afterwards."""
    if target is None:
        from referentiel.store.staging import Staging

        return Staging.scratch_store(graph_iri(organisation))
    return target.stage(graph_iri(organisation))


def commit(target: Any, staging: Any, export: Any, *, profile: Any, report: Any, force: bool) -> str:
    """Make a staged export visible as its organisation's graph, atomically, with its provenance.

    The validation already done (``report``) is recorded; ``force`` records a load of non-conforming
    data as forced. Raises :class:`~referentiel.store.LoadRefused` as :func:`load` does.
    """
    from referentiel.store import ValidationOutcome

    target.commit(
        staging,
        files=[],
        validation=ValidationOutcome.of(report),
        force=force,
        context=_load_context(export, profile),
    )
    return staging.graph


def _load_context(export: Any, profile: Any) -> Any:
    from referentiel.store import LoadContext

    return LoadContext(
        organisation=export.organisation,
        profile=export.profile.name if export.profile else None,
        mapping_set=profile.mappings.name if getattr(profile, "mappings", None) else None,
        original_files=[(f.name, _sha256(f)) for f in export.files],
        key_fingerprint=export.key_fingerprint,
    )


def remove_tree(path: Path) -> None:
    """Delete a folder if it exists (benchmarks start from an empty store)."""
    if path.exists():
        shutil.rmtree(path)


def bench_load(store_dir: Path, files: list[Path]) -> int:
    """Load N-Triples files into a new embedded store as ``ingest`` loads an export (staged with the
    bulk loader, committed in one update; one named graph each, not validated): triples."""
    from referentiel.store import ValidationOutcome, open_store

    total = 0
    with open_store(store_dir) as store:
        for path in files:
            organisation = path.stem.removeprefix("ref-")
            staging = store.stage(graph_iri(organisation))
            staging.load_file(path)
            result = store.commit(
                staging,
                files=[],
                validation=ValidationOutcome(False, None),
                force=False,
                context=_load_context_of(organisation),
            )
            total += result.triples
    return total


def _load_context_of(organisation: str) -> Any:
    from referentiel.store import LoadContext

    return LoadContext(organisation=organisation)
