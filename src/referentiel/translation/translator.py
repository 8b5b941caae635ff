"""Translate a partner's tabular export into RDF in the framework, losing nothing.

For each row of each table the profile describes, one resource of the entity's class is made
(``refd:{org}/{entity}/{id}``), derived from a ``ref:SourceRecord`` (file, sheet, row). Each cell
that feeds a property is kept beside its translation as a ``ref:OriginalValue`` (column, text as
written, property, concept, SKOS predicate, status), so that a validation report can speak in the
partner's terms and nothing the partner wrote is lost:

- a term that maps is translated; the SKOS predicate of the mapping is kept. ``exactMatch``,
  ``closeMatch`` and ``broadMatch`` assert the concept property (the partner's term is then an
  instance of the framework concept); ``narrowMatch`` and ``relatedMatch`` do not (that would
  over-claim), the concept is recorded on the OriginalValue only;
- a term the mapping set says has no equivalent (``sssom:NoTermFound``) is kept with status
  ``no-equivalent``; a term absent from the mapping set is kept with status ``unmapped`` and reported;
- a cell that cannot be parsed (a bad date) is kept with status ``unparsable`` and reported;
- a cell that is not what its column declares (an unmapped term, an unreadable date, an organisation
  not in the profile, a commune) passes the personal-data screen (:func:`referentiel.privacy.screen`)
  first: when the screen finds anything, the value is neither kept nor shown; the report gives its
  location and shape, and the OriginalValue keeps status ``withheld``, its shape and no ``rdf:value``;
- suppressed columns, and columns the profile does not describe, are screened too: what the screen
  finds there is reported (kind, rows), never kept;
- a row that cannot be read at all (wrong number of fields, no id) is rejected and reported with its
  row number; the other rows go on.

Personal identifiers are pseudonymised (:mod:`referentiel.translation.pseudonym`); a column that looks
personal and is not declared refuses its table (nothing of it is translated).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import SKOS
from rdflib.namespace import XSD as _XSD

from referentiel.errors import ConfigError, InputError
from referentiel.namespaces import PREFIXES, REFC, REFD, REFO
from referentiel.namespaces import REF as _REF
from referentiel.privacy import (
    Screening,
    looks_like_a_name,
    personal_data_kinds,
    screen,
    shown,
)
from referentiel.progress import NullProgress, Progress
from referentiel.provenance import SourceLocation
from referentiel.translation.messages import LANGS, Items, Msg, location, personal_kind, reader_reason, word
from referentiel.translation.model import (
    ASSERTING_PREDICATES,
    CONCEPT,
    DEFAULT_ORGANISATION_PROPERTY,
    ENTITY_CLASSES,
    EXACT_PREDICATES,
    REFERENCE,
)
from referentiel.translation.profile import ISO8601, ColumnSpec, Profile, TableSpec, load_profile
from referentiel.translation.pseudonym import KEY_ENV, Pseudonymiser, check_key_use, resolve_key
from referentiel.translation.readers import Table, close_workbooks, read_table


class _Cached:
    """A namespace whose terms are made once: rdflib builds (and validates) a new URIRef on every
    attribute access, which dominated the translation's hot loop."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = self._namespace[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


REF, RDF, PROV, XSD = _Cached(_REF), _Cached(_RDF), _Cached(_PROV), _Cached(_XSD)


def _iri(text: str) -> URIRef:
    """A URIRef without rdflib's validity check: only for IRIs built here from percent-encoded ids."""
    return str.__new__(URIRef, text)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Every tuple, URIRef and Literal made is tracked by the collector, and each full collection walks
    all of them: with the triples of a large export in memory, the collections it triggers took more
    time than the translation itself (and grew with the heap). Nothing made here forms a cycle
    worth collecting; reference counting frees the rest. The collector is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The same words as validation and the intake summary: a "violation" refuses the export (unless forced).
ERROR, WARNING, INFO = "violation", "warning", "info"
SEVERITY_ORDER = {INFO: 0, WARNING: 1, ERROR: 2}

# statuses of ref:mappingStatus (docs/architecture.md)
MAPPED, UNMAPPED, NO_EQUIVALENT, UNPARSABLE = "mapped", "unmapped", "no-equivalent", "unparsable"
WITHHELD = "withheld"  # the screen found personal data: no rdf:value, a ref:valueShape instead

# Header words that announce personal data (fr, nl, en), compared without accents, as whole words.
_PERSONAL_HEADERS: dict[str, str] = {
    "nom": "names",
    "prenom": "names",
    "naam": "names",
    "voornaam": "names",
    "achternaam": "names",
    "name": "names",
    "surname": "names",
    "firstname": "names",
    "lastname": "names",
    "nom de famille": "names",
    "adresse": "addresses",
    "address": "addresses",
    "adres": "addresses",
    "rue": "addresses",
    "straat": "addresses",
    "street": "addresses",
    "domicile": "addresses",
    "niss": "national numbers",
    "inss": "national numbers",
    "rijksregister": "national numbers",
    "rijksregisternummer": "national numbers",
    "registre national": "national numbers",
    "numero national": "national numbers",
    "national number": "national numbers",
    "nn": "national numbers",
    "email": "e-mail addresses",
    "e mail": "e-mail addresses",
    "mail": "e-mail addresses",
    "courriel": "e-mail addresses",
    "telephone": "phone numbers",
    "tel": "phone numbers",
    "gsm": "phone numbers",
    "phone": "phone numbers",
    "telefoon": "phone numbers",
    "date de naissance": "birth dates",
    "geboortedatum": "birth dates",
    "birth date": "birth dates",
    "remarque": "free-text notes",
    "remarques": "free-text notes",
    "commentaire": "free-text notes",
    "commentaires": "free-text notes",
    "notes": "free-text notes",
    "note": "free-text notes",
    "observation": "free-text notes",
    "observations": "free-text notes",
    "opmerking": "free-text notes",
    "opmerkingen": "free-text notes",
    "comment": "free-text notes",
    "comments": "free-text notes",
}
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NO_BUILD = URIRef("urn:referentiel:not-built")  # stands for a resource when no RDF is built
# cheap test before the formatted recognisers: 8 digits with any separators, an "@" or an "at"
_PREFILTER = re.compile(r"@|\d(?:\W{0,2}\d){7}|(?i:\bat\b|arobase)")


@dataclass(frozen=True)
class TranslationIssue:
    """Something the translation met, located in the partner's terms (never quoting personal data).

    :attr:`message` is the English text; :attr:`message_id` and :attr:`params` name the entry of
    :mod:`referentiel.translation.messages` it was made from, so that :meth:`text` can give it in
    French or Dutch (the parameters are already masked: every language shows the same of the data).
    """

    kind: str
    severity: str
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    term: str | None = None
    message_id: str | None = None
    params: tuple[tuple[str, Any], ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, kind: str, severity: str, file: str, message: Msg, **kw: Any) -> TranslationIssue:
        """An issue whose message comes from the catalogue (the English text is kept in :attr:`message`)."""
        return cls(
            kind, severity, file, message.text("en"), message_id=message.id, params=message.params, **kw
        )

    @property
    def location(self) -> str:
        """``file, sheet S, row R, column C`` (the known parts)."""
        return str(SourceLocation(self.file, row=self.row, column=self.column, sheet=self.sheet))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``fr``, ``en``, ``nl``); English for an issue made without an id."""
        if self.message_id is None or lang == "en":
            return self.message
        return Msg(self.message_id, self.params).text(lang)

    def where(self, lang: str = "en") -> str:
        """:attr:`location` in ``lang`` (``fichier, feuille S, ligne R, colonne C``)."""
        return location(self.file, self.sheet, self.row, self.column, lang)

    def located(self, lang: str = "en") -> str:
        """``where: message`` in ``lang`` (``str(issue)`` is the English one)."""
        return self.where(lang) + word("colon", lang) + self.text(lang)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """JSON-ready form; ``message`` in ``lang``, ``message_id`` stable across languages."""
        out: dict[str, Any] = {"kind": self.kind, "severity": self.severity, "file": self.file}
        out["message"] = self.text(lang)
        for name in ("sheet", "row", "column", "term", "message_id"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass
class ColumnStats:
    """What happened to the terms of one vocabulary column."""

    file: str
    column: str
    property: str
    sheet: str | None = None
    cells: Counter = field(default_factory=Counter)  # status class -> number of cells (items)
    terms: dict[str, str] = field(default_factory=dict)  # term as first written -> status class
    frequency: Counter = field(default_factory=Counter)  # term -> number of cells

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (terms are vocabulary, not personal data)."""
        unmapped = [(t, n) for t, n in self.frequency.most_common() if self.terms[t] == "unmapped"]
        return {
            "file": self.file,
            "sheet": self.sheet,
            "column": self.column,
            "property": self.property,
            "cells": dict(self.cells),
            "distinct_terms": dict(Counter(self.terms.values())),
            "unmapped_terms": [{"term": t, "rows": n} for t, n in unmapped],
        }


@dataclass
class FileStats:
    """Rows read, translated and rejected for one table."""

    file: str
    entity: str
    sheet: str | None = None
    rows_read: int = 0
    rows_translated: int = 0
    rows_rejected: int = 0
    refused: bool = False
    encoding: str | None = None
    delimiter: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


@dataclass
class TranslationResult:
    """The translated triples, the issues met (in the partner's terms) and the counts.

    :attr:`graph` (an rdflib Graph, what validation and most users want) is built on first use;
    :meth:`serialize` writes the triples with pyoxigraph without building it, which is what makes
    ``referentiel translate`` fast on large exports (see docs/performance.md, "Translation").
    """

    triples: list[tuple[Any, Any, Any]]
    issues: list[TranslationIssue]
    files: list[FileStats]
    columns: list[ColumnStats]
    profile: Profile
    prefixes: dict[str, str] = field(default_factory=dict)
    _graph: Graph | None = field(default=None, repr=False)
    #: where the triples went instead of ``triples`` (``translate(..., sink=...)``)
    sink: Any = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The translation as an rdflib Graph (built once, on first use)."""
        if self._graph is None:
            graph = Graph()
            for prefix, namespace in self.prefixes.items():
                graph.bind(prefix, namespace)
            with _gc_paused():
                graph.addN((s, p, o, graph) for s, p, o in self.triples)
            self._graph = graph
        return self._graph

    def __len__(self) -> int:
        """Number of distinct triples."""
        if self.sink is not None:
            return len(self.sink)
        return len(self._graph) if self._graph is not None else len(set(self.triples))

    def serialize(self, fmt: str = "turtle") -> bytes:
        """The triples as Turtle (``turtle``/``ttl``), N-Triples (``nt``) or JSON-LD (``json-ld``/``jsonld``).

        N-Triples lines are written straight from the tuples (every IRI made here is percent-encoded,
        every literal is escaped as N-Triples requires); for the other formats pyoxigraph loads them
        (which checks them) and writes Turtle or JSON-LD: no Python object per triple on the way.
        """
        import pyoxigraph as ox

        formats = {
            "turtle": ox.RdfFormat.TURTLE,
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "json-ld": ox.RdfFormat.JSON_LD,
            "jsonld": ox.RdfFormat.JSON_LD,
        }
        if fmt not in formats:
            raise ValueError(f"unknown RDF format {fmt!r}")
        with _gc_paused():
            data = _ntriples(self.triples)
        if formats[fmt] == ox.RdfFormat.N_TRIPLES:
            return data  # the tests parse it back and compare graphs
        store = ox.Store()
        try:
            store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as exc:  # a bug of ours, not of the user's data: say so
            raise RuntimeError(f"the translator produced invalid N-Triples ({exc})") from None
        # refd: is left out: data IRIs hold "/" which Turtle would escape in every prefixed name
        prefixes = {k: v for k, v in self.prefixes.items() if v != str(REFD)}
        return store.dump(format=formats[fmt], from_graph=ox.DefaultGraph(), prefixes=prefixes)

    @property
    def stats(self) -> dict[str, Any]:
        """Rows read/translated/rejected per file, terms per status per column."""
        return {"files": [f.as_dict() for f in self.files], "columns": [c.as_dict() for c in self.columns]}

    def count(self, severity: str) -> int:
        """Number of issues of ``severity``."""
        return sum(1 for i in self.issues if i.severity == severity)

    @property
    def worst(self) -> str | None:
        """The highest severity met, or None when there is no issue."""
        if not self.issues:
            return None
        return max((i.severity for i in self.issues), key=lambda s: SEVERITY_ORDER[s])

    def report(self, lang: str = "en") -> dict[str, Any]:
        """The JSON report (``--report``): counts, stats and issues; never the key nor personal values.

        Issue messages are in ``lang``; keys, kinds, severities and ``message_id`` do not change with it.
        """
        return {
            "profile": str(self.profile.path),
            "organisation": self.profile.slug,
            "triples": len(self),
            "issues_by_severity": {s: self.count(s) for s in (ERROR, WARNING, INFO)},
            **self.stats,
            "lang": lang,
            "issues": [i.as_dict(lang) for i in self.issues],
        }


def _nt_term(node: Any) -> str:
    """One node in N-Triples syntax (IRIs made here are percent-encoded; literals are escaped)."""
    if isinstance(node, Literal):
        text = '"' + str(node).translate(_NT_ESCAPES) + '"'
        if node.language:
            return text + "@" + node.language
        if node.datatype is not None and node.datatype != _XSD.string:
            return text + f"^^<{node.datatype}>"
        return text
    return f"<{node}>"


def _ntriples(triples: list[tuple[Any, Any, Any]]) -> bytes:
    """The distinct triples as N-Triples, in the order first made.

    Each distinct node object is written once, keyed by ``id()``: every node stays alive in
    ``triples`` meanwhile, and rdflib's own ``__hash__`` (Python code) would cost more than the
    writing. (A variant doing the per-triple work with ``map``/``zip`` was measured slower: most
    nodes, e.g. each original value's IRI, occur in only a few triples.)
    """
    cache: dict[int, str] = {}
    get = cache.get

    def term(node: Any) -> str:
        found = cache[id(node)] = _nt_term(node)
        return found

    lines = dict.fromkeys(
        f"{get(id(s)) or term(s)} {get(id(p)) or term(p)} {get(id(o)) or term(o)} .\n" for s, p, o in triples
    )
    return "".join(lines).encode("utf-8")


# --------------------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Resolution:
    """How one term of a vocabulary column translates."""

    status: str  # MAPPED, UNMAPPED, NO_EQUIVALENT
    klass: str  # "exact", "non-exact", "no-equivalent", "unmapped", "wrong-scheme"
    concept: URIRef | None = None
    predicate: str | None = None  # CURIE, e.g. skos:closeMatch
    asserted: bool = False
    mapping_line: int | None = None


class TermResolver:
    """Looks terms up in the organisation's mapping set, per concept scheme, caching each distinct term."""

    def __init__(self, mapping_path: Path | None) -> None:
        self.index = None
        self.mapping_set = None
        if mapping_path is not None:
            from referentiel.translation.sssom import MappingIndex, read_mapping_set

            self.mapping_set = read_mapping_set(mapping_path)
            self.index = MappingIndex(self.mapping_set)
        self._cache: dict[tuple[str, str], Resolution] = {}

    def resolve(self, term: str, scheme_prefix: str) -> Resolution:
        """The resolution of ``term`` for a property whose concepts start with ``scheme_prefix``."""
        key = (term, scheme_prefix)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(term, scheme_prefix)
        return found

    def _resolve(self, term: str, scheme_prefix: str) -> Resolution:
        if self.index is None:
            return Resolution(UNMAPPED, "unmapped")
        candidates = self.index.candidates(term)
        if not candidates:
            return Resolution(UNMAPPED, "unmapped")
        namespace = str(REFC) + scheme_prefix
        in_scheme, no_equivalent, elsewhere = [], [], []
        for mapping in candidates:
            if mapping.no_equivalent:
                no_equivalent.append(mapping)
                continue
            try:
                iri = self.mapping_set.expand(mapping.object_id)  # type: ignore[union-attr]
            except ConfigError:
                elsewhere.append(mapping)
                continue
            (in_scheme if iri.startswith(namespace) else elsewhere).append((mapping, iri))
        if in_scheme:
            rank = {p: i for i, p in enumerate(ASSERTING_PREDICATES)}
            mapping, iri = min(
                in_scheme, key=lambda mi: (rank.get(mi[0].predicate_id, 99), -(mi[0].confidence or 0.0))
            )
            predicate = mapping.predicate_id
            return Resolution(
                MAPPED,
                "exact" if predicate in EXACT_PREDICATES else "non-exact",
                URIRef(iri),
                predicate,
                ASSERTING_PREDICATES.get(predicate, False),
                mapping.line,
            )
        if no_equivalent:
            return Resolution(NO_EQUIVALENT, "no-equivalent", None, None, False, no_equivalent[0].line)
        return Resolution(
            UNMAPPED,
            "wrong-scheme",
            None,
            None,
            False,
            elsewhere[0][0].line if elsewhere and isinstance(elsewhere[0], tuple) else None,
        )


# ------------------------------------------------------------------------------------------ values


def cell_text(value: Any) -> str:
    """A cell as text: XLSX numbers without a spurious ``.0``, dates as ISO, None as empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any, formats: Sequence[str]) -> date | None:
    """A date from a cell: XLSX date, Excel serial number, or text in one of the strptime ``formats``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A number in a date column of a workbook is an Excel serial day (1900 system).
        return _EXCEL_EPOCH + timedelta(days=int(value)) if 1 <= value < 2958466 else None
    text = str(value).strip()
    for fmt in formats:
        if fmt == "excel":
            if text.isdigit() and 1 <= int(text) < 2958466:
                return _EXCEL_EPOCH + timedelta(days=int(text))
            continue
        if fmt == ISO8601:
            # fromisoformat also reads week dates and compact forms; a profile that says ISO 8601
            # means the usual extended forms, which all start with yyyy-MM-dd.
            if len(text) >= 10 and text[4] == "-" and text[7] == "-":
                try:
                    return datetime.fromisoformat(text).date()
                except ValueError:
                    pass
            continue
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _id_token(text: str) -> str:
    return quote(unicodedata.normalize("NFC", text.strip()), safe="-._~")


def _identifies_people(col: ColumnSpec, spec: TableSpec) -> bool:
    """Whether ``col`` holds identifiers of people, families or their records (not of organisations).

    Organisations are legitimately identified by their names ("ONE Anderlecht"), which look like
    people's names; everything else (situations, professionals, interventions...) is not.
    """
    if col.is_key:
        return spec.entity != "organisation"
    return col.references is not None and col.references != "organisation"


def _identifier_verdict(text: str, items: list[str], people: bool) -> Msg | None:
    """What an identifier cell holds that must not become an IRI: a note, a name, other personal data."""
    kinds = {k for item in items for k in screen(item).kinds}
    if len(items) > 1:  # "DUPONT, Marie" split into two harmless words
        kinds |= {k for k in screen(text).kinds if k != "free text"}
    if "free text" in kinds:
        # a note typed where the id goes ("Madame X a peur de son mari")
        return Msg.of("personal.notes")
    if "name" in kinds or (people and any(looks_like_a_name(item) for item in items)):
        return Msg.of("personal.names")
    if kinds:
        return Msg.of(
            "personal.values",
            kinds=Items(tuple(personal_kind(k, header=False) for k in sorted(kinds)), conjunction=True),
        )
    return None


def _personal_message(
    header: str, col: ColumnSpec | None, spec: TableSpec, what: Msg, rows: list[int]
) -> Msg:
    """The personal-data finding of one column: its rows, and advice by the column's declared role."""
    shown_rows: Msg | str = ""
    if rows:
        listed = ", ".join(str(r) for r in rows[:5])
        shown_rows = Msg.of("personal.rows.more", rows=listed, count=len(rows) - 5) if len(rows) > 5 \
            else Msg.of("personal.rows", rows=listed)
    if col is None:
        return Msg.of("personal-data", column=header, what=what, rows=shown_rows)
    identifier = col.is_key or _identifies_people(col, spec)
    name = col.property.name if col.property is not None else (col.composition or header)
    role = Msg.of("personal.role.identifier" if identifier else "personal.role.value", property=name)
    advice = Msg.of("personal.advice.identifier" if identifier else "personal.advice.value", property=name)
    return Msg.of(
        "personal-data.declared", column=header, role=role, what=what, rows=shown_rows, advice=advice
    )


def _header_kind(header: str) -> str | None:
    folded = "".join(
        c for c in unicodedata.normalize("NFD", header.casefold()) if not unicodedata.combining(c)
    )
    words = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    if words in _PERSONAL_HEADERS:
        return _PERSONAL_HEADERS[words]
    tokens = words.split()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            found = _PERSONAL_HEADERS.get(" ".join(tokens[i : i + size]))
            if found and not (size == 1 and tokens[i] == "nn" and len(tokens) > 1):
                return found
    return None


def _whole_cell(raw: Any, text: str, terms: bool) -> Screening | None:
    """The screening of a list cell as a whole (what the screen finds only there: "DUPONT, Marie" split
    on ","). For a list of ``terms``, length alone does not make a note: only the recognisers count."""
    found = screen(", ".join(cell_text(item) for item in raw) if isinstance(raw, list) else text)
    return found if found and not (terms and found.kinds == ("free text",)) else None


def _show(value: str) -> str:
    """A value as it may appear in a message: personal data and free text masked (privacy.shown)."""
    return shown(value)


_NUMBER_LIKE = re.compile(r"^[\d\s./:,\-+TZ]{1,30}$")


def _show_number(value: str) -> str | Msg:
    """A cell of a date or number column, for a message: quoted when it is made of digits and
    separators (a typo the user must see: '2023-13-45'), else only its length, since text there is
    a shifted column or a note (a family code, a name...)."""
    text = shown(value)
    if text == value and _NUMBER_LIKE.match(value):
        return repr(value)
    return Msg.of("value.length", length=len(value)) if text == value else repr(text)


def _header_hint(table: Table, spec: TableSpec) -> Msg:
    """Why a column may be "missing": another delimiter, or the header as it was found."""
    header = [h for h in table.header if h]
    if table.delimiter and len(header) == 1:
        others = [d for d in (";", ",", "\t", "|") if d != table.delimiter and d in header[0]]
        if others:
            return Msg.of("hint.delimiter", found=others[0], declared=table.delimiter)
    if not header:
        return Msg.of("hint.no-names")
    if not any(spec.column(h) for h in header):
        # No name of the profile at all: most likely the export has no header row, and its first
        # row holds data (identifiers, perhaps personal): nothing of it is echoed.
        return Msg.of("hint.no-header-row", count=len(header))
    found = ", ".join(repr(_show(h)) for h in header[:12]) + (", …" if len(header) > 12 else "")
    return Msg.of("hint.header", found=found)


# ------------------------------------------------------------------------------------------- engine


class _Run:
    """One translation run over the export files of one profile."""

    def __init__(
        self,
        profile: Profile,
        pseudonymiser: Pseudonymiser | None,
        build: bool,
        progress: Progress | None = None,
    ) -> None:
        self.profile = profile
        self.progress = progress or NullProgress()
        self.pseudo = pseudonymiser
        self.build = build
        self.triples: list[tuple[Any, Any, Any]] = []
        self.issues: list[TranslationIssue] = []
        self.files: list[FileStats] = []
        self.columns: list[ColumnStats] = []
        self.resolver = TermResolver(profile.mappings)
        self.org_base = f"{REFD}{profile.slug}/"
        self.own_org = _iri(f"{REFD}organisation/{profile.slug}")
        self._org_iris: dict[str, URIRef] = {}
        self._lit_cache: dict[tuple[str, str], Literal] = {}
        self._int_cache: dict[int, Literal] = {}
        self._org_refs: dict[URIRef, tuple[str, URIRef]] = {}
        self._org_described: set[URIRef | None] = set()
        self.workbooks: dict[Path, Any] = {}  # open once per run however many of their sheets are read

    def finish(self) -> None:
        """Describe the organisations referred to but not described by a row of an organisations table.

        A reference states that its target is an organisation; its name is the partner's wording
        (first seen), derived from the row that first referred to it.
        """
        t = self.triples.append
        for org, (text, record) in self._org_refs.items():
            if org in self._org_described:
                continue
            t((org, RDF.type, REF.Organisation))
            t((org, REF.name, self.literal(text)))
            t((org, PROV.wasDerivedFrom, record))
            slug = str(org).removeprefix(f"{REFD}organisation/")
            info = self.profile.organisation_info.get(slug, {})
            if "sector" in info:
                t((org, REF.sector, REFC[info["sector"]]))
            if "serviceType" in info:
                t((org, REF.serviceType, REFC[info["serviceType"]]))

    # ---- IRIs
    def org_iri(self, value: str) -> URIRef:
        key = " ".join(value.split()).casefold()
        found = self._org_iris.get(key)
        if found is None:
            slug = self.profile.organisations.get(key)
            found = (
                _iri(f"{REFD}organisation/{slug}")
                if slug
                else _iri(f"{self.org_base}organisation/{_id_token(value)}")
            )
            self._org_iris[key] = found
        return found

    def entity_iri(self, entity: str, value: str, personal: bool) -> URIRef:
        if entity == "family":
            return _iri(f"{REFD}family/{self.pseudo.pseudonym('family', value)}")  # type: ignore[union-attr]
        if personal:
            return _iri(f"{self.org_base}{entity}/{self.pseudonym(entity, value)}")
        if entity == "organisation":
            return self.org_iri(value)
        return _iri(f"{self.org_base}{entity}/{_id_token(value)}")

    def pseudonym(self, entity: str, value: str) -> str:
        if entity == "family":
            return self.pseudo.pseudonym("family", value)  # type: ignore[union-attr]
        return self.pseudo.pseudonym(f"{self.profile.slug}/{entity}", value)  # type: ignore[union-attr]

    def literal(self, text: str, datatype: URIRef | None = None) -> Literal:
        key = (text, str(datatype) if datatype else "")
        found = self._lit_cache.get(key)
        if found is None:
            found = Literal(text, datatype=datatype)
            if len(self._lit_cache) < 200_000:
                self._lit_cache[key] = found
        return found

    def integer(self, number: int) -> Literal:
        found = self._int_cache.get(number)
        if found is None:
            found = self._int_cache[number] = Literal(number)
        return found

    def issue(self, kind: str, severity: str, table: Table | TableSpec, message: Msg, **kw: Any) -> None:
        file = table.file if isinstance(table, Table) else table.url
        self.issues.append(TranslationIssue.of(kind, severity, file, message, sheet=table.sheet, **kw))

    # ---- the partner organisation itself
    def own_organisation(self) -> None:
        p, s, t = self.profile, self.own_org, self.triples.append
        record = _iri(f"{self.org_base}record/profile")
        t((s, RDF.type, REF.Organisation))
        t((s, REF.localId, Literal(p.slug)))
        t((s, REF.name, Literal(p.name)))
        if p.commune:
            t((s, REF.commune, Literal(p.commune)))
        if p.sector:
            t((s, REF.sector, REFC[p.sector]))
        if p.service_type:
            t((s, REF.serviceType, REFC[p.service_type]))
        t((s, PROV.wasDerivedFrom, record))
        t((record, RDF.type, REF.SourceRecord))
        t((record, REF.sourceFile, Literal(p.path.name)))

    # ---- one table
    def run_table(self, path: Path, spec: TableSpec) -> None:
        table = read_table(
            path,
            sheet=spec.sheet,
            delimiter=spec.delimiter,
            encoding=spec.encoding,
            quotechar=spec.quotechar,
            json_path=spec.json_path,
            workbooks=self.workbooks,
        )
        stats = FileStats(
            file=table.file,
            entity=spec.entity,
            sheet=table.sheet,
            encoding=table.encoding,
            delimiter=table.delimiter,
        )
        self.files.append(stats)
        stats.rows_read = len(table.rows) + len(table.bad_rows)
        self.progress.stage(f"translate {table.file}", total=len(table.rows), unit="rows")
        if table.encoding_note:
            self.issue("encoding", INFO, table, reader_reason(table.encoding_note))

        # which column of the header is which description
        slots: list[ColumnSpec | None] = [spec.column(h) if h else None for h in table.header]
        present = {id(c) for c in slots if c is not None}
        is_json = table.file.lower().endswith(".json")
        for col in spec.columns:
            if id(col) not in present and not (col.required or col.is_key) and not is_json:
                # An optional column the profile describes but the export lacks: said, not silent.
                # (JSON records routinely omit keys whose value is null: not worth a warning.)
                self.issue(
                    "missing-column",
                    WARNING,
                    table,
                    Msg.of("missing-column.optional", column=col.title, hint=_header_hint(table, spec)),
                    column=col.title,
                )
            if id(col) not in present and (col.required or col.is_key):
                self.issue(
                    "missing-column",
                    ERROR,
                    table,
                    Msg.of("missing-column.required", column=col.title, hint=_header_hint(table, spec)),
                    column=col.title,
                )
                if col.is_key:
                    stats.rows_rejected = stats.rows_read
                    stats.refused = True
                    self.progress.done()  # else the summary is written on the progress line
                    return
        if self._refuse_personal(table, spec, slots, stats):
            self.progress.done()
            return

        for index, header in enumerate(table.header):
            if slots[index] is None:
                filled = sum(1 for _, cells in table.rows if cell_text(cells[index]).strip())
                self.issue(
                    "unknown-column",
                    WARNING,
                    table,
                    Msg.of("unknown-column", column=header or Msg.of("no-header"), count=filled),
                    column=header or f"#{index + 1}",
                )

        self._screen_ignored_columns(table, slots)

        for row_no, why in table.bad_rows:
            message = Msg.of("rejected-row", why=reader_reason(why))
            self.issue("rejected-row", ERROR, table, message, row=row_no)
            stats.rows_rejected += 1

        col_stats: dict[int, ColumnStats] = {}
        for index, col in enumerate(slots):
            if col is not None and col.vocabulary:
                cs = ColumnStats(
                    file=table.file, sheet=table.sheet, column=table.header[index], property=col.property.name
                )  # type: ignore[union-attr]
                col_stats[index] = cs
                self.columns.append(cs)
        self._rows(table, spec, slots, stats, col_stats)

    def _refuse_personal(
        self, table: Table, spec: TableSpec, slots: list[ColumnSpec | None], stats: FileStats
    ) -> bool:
        """Refuse the table when a column not declared personal looks like personal data.

        Every such column of the table is reported (not only the first), with the rows where its
        values were found, and advice according to what the profile declares the column to be.
        """
        refused = False
        for index, header in enumerate(table.header):
            col = slots[index]
            if col is not None and (col.personal or col.suppress):
                continue
            what: Msg | None = None
            rows: list[int] = []
            if col is None:
                kind = _header_kind(header)
                if kind:
                    what = Msg.of("personal.header", kind=personal_kind(kind, header=True))
            if what is None:
                kinds_of: dict[str, tuple[str, ...]] = {}  # each distinct value is looked at once
                found: list[str] = []
                for row_no, cells in table.rows:
                    text = cell_text(cells[index])
                    if not _PREFILTER.search(text):
                        continue
                    if text not in kinds_of:
                        kinds_of[text] = tuple(personal_data_kinds(text))
                    if kinds_of[text]:
                        rows.append(row_no)
                        found.extend(k for k in kinds_of[text] if k not in found)
                if found:
                    what = Msg.of(
                        "personal.values",
                        kinds=Items(tuple(personal_kind(k, header=False) for k in found), conjunction=True),
                    )
            # Identifiers go into IRIs and ref:localId; an organisation's own code too (organisations
            # are identified by their names, so only the screen's stricter name rules apply there).
            people = col is not None and _identifies_people(col, spec)
            if what is None and col is not None and (people or col.is_key):
                # An identifier goes into IRIs and ref:localId: a name typed there would be published.
                # A list of references ("Marie Dupont/pep-01", a JSON array) is checked item by item.
                verdicts: dict[str, Msg | None] = {}  # each distinct value is screened once
                for row_no, cells in table.rows:
                    raw = cells[index]
                    text = cell_text(raw)
                    if text not in verdicts:
                        if isinstance(raw, list):
                            items = [cell_text(item) for item in raw]
                        else:
                            items = text.split(col.separator) if col.separator else [text]
                        verdicts[text] = _identifier_verdict(text, items, people)
                    if verdicts[text]:
                        what = what or verdicts[text]
                        rows.append(row_no)
            if what:
                self.issue("personal-data", ERROR, table, _personal_message(header, col, spec, what, rows),
                           column=header)
                refused = True
        if refused:
            stats.refused = True
            stats.rows_rejected = stats.rows_read
        return refused

    def _rows(
        self,
        table: Table,
        spec: TableSpec,
        slots: list[ColumnSpec | None],
        stats: FileStats,
        col_stats: dict[int, ColumnStats],
    ) -> None:
        build = self.build
        t = self.triples.append
        klass = ENTITY_CLASSES[spec.entity]
        key_idx = [i for i, c in enumerate(slots) if c is not None and c.is_key]
        key_personal = any(slots[i].personal for i in key_idx)  # type: ignore[union-attr]
        active = [(i, c) for i, c in enumerate(slots) if c is not None and not c.suppress and not c.is_key]
        default_prop = DEFAULT_ORGANISATION_PROPERTY.get(spec.entity)
        if default_prop and any(
            c.property is not None and c.property.name == default_prop for _, c in active
        ):
            default_prop = None
        record_base = f"{self.org_base}record/{_id_token(table.file)}/"
        if table.sheet:
            record_base += f"{_id_token(table.sheet)}/"
        file_lit, sheet_lit = Literal(table.file), Literal(table.sheet) if table.sheet else None
        stem = _id_token(Path(table.file).stem + (f"-{table.sheet}" if table.sheet else ""))
        seen_ids: dict[str, int] = {}
        date_cache: dict[tuple[int, Any], date | None] = {}

        for row_no, cells in _reporting(table.rows, self.progress):
            # ---- identity
            if key_idx:
                parts = [cell_text(cells[i]).strip() for i in key_idx]
                if not all(parts):
                    missing = [slots[i].title for i, p in zip(key_idx, parts, strict=True) if not p]  # type: ignore[union-attr]
                    self.issue(
                        "rejected-row",
                        ERROR,
                        table,
                        Msg.of("rejected-row.empty-id", column=missing[0]),
                        row=row_no,
                        column=missing[0],
                    )
                    stats.rows_rejected += 1
                    continue
                raw_id = " | ".join(parts)
                if raw_id in seen_ids:
                    self.issue(
                        "duplicate-id",
                        WARNING,
                        table,
                        Msg.of("duplicate-id", first=seen_ids[raw_id]),
                        row=row_no,
                        column=slots[key_idx[0]].title,
                    )  # type: ignore[union-attr]
                else:
                    seen_ids[raw_id] = row_no
                local_id = self.pseudonym(spec.entity, raw_id) if (key_personal and build) else raw_id
                subject = (
                    (
                        _iri(f"{self.org_base}{spec.entity}/{local_id}")
                        if key_personal
                        else self.entity_iri(spec.entity, raw_id, False)
                    )
                    if build
                    else None
                )
            else:
                local_id = None
                subject = _iri(f"{self.org_base}{spec.entity}/{stem}-{row_no}") if build else None
            stats.rows_translated += 1
            record = _iri(f"{record_base}{row_no}") if build else None
            if spec.entity == "organisation":
                self._org_described.add(subject)
            if build:
                t((subject, RDF.type, klass))
                if local_id is not None:
                    t((subject, REF.localId, self.literal(local_id)))
                t((subject, PROV.wasDerivedFrom, record))
                t((record, RDF.type, REF.SourceRecord))
                t((record, REF.sourceFile, file_lit))
                if sheet_lit is not None:
                    t((record, REF.sourceSheet, sheet_lit))
                t((record, REF.sourceRow, self.integer(row_no)))
                if default_prop:
                    t((subject, REF[default_prop], self.own_org))
            family: URIRef | None = None
            compositions: list[tuple[int, ColumnSpec, Any]] = []

            # ---- cells
            for index, col in active:
                raw = cells[index]
                if col.composition:
                    compositions.append((index, col, raw))
                    continue
                prop = col.property
                if prop is None:
                    continue
                if isinstance(raw, list):
                    items = [cell_text(v).strip() for v in raw]
                    items = [v for v in items if v not in col.null]
                    raw_items: list[Any] = items
                    text = ""  # a JSON array: _whole_cell joins its items
                else:
                    text = cell_text(raw)
                    stripped = text.strip()
                    if stripped in col.null:
                        if col.required:
                            self.issue(
                                "missing-value",
                                ERROR,
                                table,
                                Msg.of("missing-value", column=col.title),
                                row=row_no,
                                column=col.title,
                            )
                        continue
                    if col.separator:
                        raw_items = [v.strip() for v in text.split(col.separator)]
                        raw_items = [v for v in raw_items if v not in col.null]
                    else:
                        # a single cell is kept verbatim (spaces included); list items are trimmed
                        raw_items = [raw if not isinstance(raw, str) else text]
                many = len(raw_items) > 1
                # "DUPONT, Marie" split on a "," separator is two harmless words: the screen sees the
                # whole cell too, and an item that is not what the column declares takes its finding
                whole = _whole_cell(raw, text, prop.kind == CONCEPT) if many and not col.personal else None
                for k, item in enumerate(raw_items):
                    ov = _iri(f"{record}/{index + 1}" + (f"-{k + 1}" if many else "")) if build else None
                    if prop.kind == CONCEPT:
                        term = cell_text(item)
                        res = self.resolver.resolve(term, prop.scheme or "")
                        cs = col_stats[index]
                        found = (screen(term) or whole) if res.status == UNMAPPED else None
                        if found:
                            # not a term of the mapping set, and personal: neither kept nor counted
                            cs.cells[WITHHELD] += 1
                            self.withhold(
                                table, row_no, col, subject, ov, prop.iri, found, WARNING, "expected.term"
                            )
                            continue
                        cs.cells[res.klass] += 1
                        # The statistics feed reports, coverage and suggestions: they keep the
                        # term as it may be shown (a note typed in the column is masked).
                        cs.frequency[_show(term)] += 1
                        cs.terms.setdefault(_show(term), res.klass)
                        if res.status == UNMAPPED:
                            self.issue(
                                "unmapped-term",
                                WARNING,
                                table,
                                Msg.of(
                                    "unmapped-term.wrong-scheme"
                                    if res.klass == "wrong-scheme"
                                    else "unmapped-term",
                                    term=_show(term),
                                ),
                                row=row_no,
                                column=col.title,
                                term=_show(term),
                            )
                        elif res.status == NO_EQUIVALENT:
                            self.issue(
                                "no-equivalent",
                                INFO,
                                table,
                                Msg.of("no-equivalent", term=_show(term)),
                                row=row_no,
                                column=col.title,
                                term=_show(term),
                            )
                        elif not res.asserted:
                            self.issue(
                                "not-asserted",
                                INFO,
                                table,
                                Msg.of(
                                    "not-asserted",
                                    term=_show(term),
                                    predicate=res.predicate,
                                    concept=res.concept.n3(_NM),  # type: ignore[union-attr]
                                    property=prop.name,
                                ),
                                row=row_no,
                                column=col.title,
                                term=_show(term),
                            )
                        if build:
                            if res.asserted:
                                t((subject, prop.iri, res.concept))
                            self._original(subject, ov, col, prop.iri, self.literal(term), res.status)
                            if res.concept is not None:
                                t((ov, REF.mappedTo, res.concept))
                                t(
                                    (
                                        ov,
                                        REF.mappingPredicate,
                                        self.literal(str(SKOS) + res.predicate.split(":", 1)[1], XSD.anyURI),
                                    )
                                )  # type: ignore[union-attr]
                    elif prop.kind == REFERENCE:
                        written = cell_text(item)
                        value = written.strip()
                        target = col.references or prop.target or ""
                        if not build:
                            if target == "family":
                                family = _NO_BUILD
                            elif target == "organisation" and not col.personal and value:
                                found = self._unknown_organisation(value, whole)
                                if found:
                                    self.withhold(
                                        table,
                                        row_no,
                                        col,
                                        None,
                                        None,
                                        prop.iri,
                                        found,
                                        WARNING,
                                        "expected.organisation",
                                    )
                            continue
                        if target == "organisation" and not col.personal and value:
                            found = self._unknown_organisation(value, whole)
                            if found:
                                # a name or a note where an organisation goes: no organisation is made of it
                                self.withhold(
                                    table,
                                    row_no,
                                    col,
                                    subject,
                                    ov,
                                    prop.iri,
                                    found,
                                    WARNING,
                                    "expected.organisation",
                                )
                                continue
                        obj = self.entity_iri(target, value, col.personal)
                        t((subject, prop.iri, obj))
                        if target == "organisation" and obj != self.own_org:
                            self._org_refs.setdefault(obj, (value, record))
                        elif target == "family":
                            family = obj
                            t((obj, RDF.type, REF.Family))
                            t((obj, PROV.wasDerivedFrom, record))
                        if not col.personal:
                            self._original(subject, ov, col, prop.iri, self.literal(written), MAPPED)
                        else:
                            self._original(subject, ov, col, prop.iri, None, MAPPED)
                    elif col.datatype == "date":
                        cache_key = (index, item)
                        if cache_key in date_cache:
                            parsed = date_cache[cache_key]
                        else:
                            parsed = date_cache[cache_key] = parse_date(item, col.formats)
                        written = cell_text(item)
                        text = written.strip()
                        found = (screen(text) or whole) if parsed is None else None
                        if found:
                            self.withhold(
                                table, row_no, col, subject, ov, prop.iri, found, ERROR, "expected.date"
                            )
                            continue
                        if parsed is None:
                            self.issue(
                                "unparsable",
                                ERROR,
                                table,
                                Msg.of(
                                    "unparsable.date",
                                    value=_show_number(text),
                                    formats=Items(tuple(_pattern(f) for f in col.formats)),
                                    property=prop.name,
                                ),
                                row=row_no,
                                column=col.title,
                            )
                        if build:
                            if parsed is not None:
                                t((subject, prop.iri, self.literal(parsed.isoformat(), XSD.date)))
                            self._original(
                                subject,
                                ov,
                                col,
                                prop.iri,
                                self.literal(written),
                                MAPPED if parsed is not None else UNPARSABLE,
                            )
                    else:
                        text = cell_text(item).strip()
                        # every literal but a declared organisation name is screened (communes, codes...)
                        declared_name = spec.entity == "organisation" and prop.name == "name"
                        found = None if col.personal or declared_name else (screen(text) or whole)
                        if found:
                            expected = Msg.of("expected.text", property=prop.name)
                            self.withhold(table, row_no, col, subject, ov, prop.iri, found, WARNING, expected)
                            continue
                        if build:
                            if col.personal:
                                t((subject, prop.iri, self.literal(self.pseudonym(spec.entity, text))))
                            else:
                                t((subject, prop.iri, self.literal(text)))
            if compositions:
                self._compositions(table, row_no, record, family, compositions)

    def withhold(
        self,
        table: Table,
        row_no: int,
        col: ColumnSpec,
        subject: URIRef | None,
        ov: URIRef | None,
        prop: URIRef,
        found: Screening,
        severity: str,
        expected: str | Msg,
    ) -> None:
        """A cell the screen caught: reported by its location and shape; in RDF, an OriginalValue with
        status ``withheld``, the shape in each language and no ``rdf:value``."""
        expected_msg = Msg.of(expected) if isinstance(expected, str) else expected
        message = Msg.of("withheld", shape=found, expected=expected_msg)
        self.issue("withheld", severity, table, message, row=row_no, column=col.title)
        if self.build and subject is not None and ov is not None:
            self._original(subject, ov, col, prop, None, WITHHELD)
            for lang in LANGS:
                self.triples.append((ov, REF.valueShape, Literal(found.text(lang), lang=lang)))

    def _unknown_organisation(self, value: str, whole: Screening | None) -> Screening | None:
        """The screening of an organisation reference the profile does not name (None when it does);
        ``whole``: the screening of the whole cell the value is an item of."""
        if " ".join(value.split()).casefold() in self.profile.organisations:
            return None
        return screen(value) or whole or None

    def _screen_ignored_columns(self, table: Table, slots: list[ColumnSpec | None]) -> None:
        """Report the personal values of the columns nothing is taken from (suppressed or unknown):
        their kinds and rows, never the values, so that the partner can stop sending them."""
        for index, header in enumerate(table.header):
            col = slots[index]
            if col is not None and not col.suppress:
                continue
            rows: dict[str, list[int]] = {}
            for row_no, cells in table.rows:
                raw = cells[index]
                text = " ".join(cell_text(v) for v in raw) if isinstance(raw, list) else cell_text(raw)
                if text.strip():
                    for kind in screen(text).kinds:
                        rows.setdefault(kind, []).append(row_no)
            if not rows:
                continue
            every = sorted({r for found in rows.values() for r in found})
            message = Msg.of(
                "ignored-column.personal",
                column=header or Msg.of("no-header"),
                state=Msg.of("ignored-column.suppressed" if col is not None else "ignored-column.unknown"),
                kinds=Items(tuple(personal_kind(k, header=False) for k in rows), conjunction=True),
                rows=", ".join(str(r) for r in every[:5]),
                more=Msg.of("ignored-column.more", count=len(every) - 5) if len(every) > 5 else "",
            )
            self.issue(
                "personal-in-column", WARNING, table, message, row=every[0], column=header or f"#{index + 1}"
            )

    def _original(
        self, subject: URIRef, ov: URIRef, col: ColumnSpec, prop: URIRef, value: Literal | None, status: str
    ) -> None:
        t = self.triples.append
        t((subject, REF.originalValue, ov))
        t((ov, RDF.type, REF.OriginalValue))
        t((ov, REF.sourceColumn, self.literal(col.title)))
        if value is not None:
            t((ov, RDF.value, value))
        t((ov, REF.forProperty, prop))
        t((ov, REF.mappingStatus, self.literal(status)))

    def _compositions(
        self,
        table: Table,
        row_no: int,
        record: URIRef | None,
        family: URIRef | None,
        compositions: list[tuple[int, ColumnSpec, Any]],
    ) -> None:
        t = self.triples.append
        for index, col, raw in compositions:
            text = cell_text(raw).strip()
            if text in col.null:
                continue
            if family is None:
                self.issue(
                    "missing-value",
                    ERROR,
                    table,
                    Msg.of("missing-value.composition", column=col.title),
                    row=row_no,
                    column=col.title,
                )
                continue
            if col.composition == "childrenBirthYears":
                items = raw if isinstance(raw, list) else text.split(col.separator or ",")
                whole = _whole_cell(raw, text, terms=False) if len(items) > 1 else None
                years: Counter = Counter()
                for k, item in enumerate(items):
                    year = cell_text(item).strip()
                    ov = _iri(f"{record}/{index + 1}-{k + 1}") if self.build else None
                    ok = len(year) == 4 and year.isdigit() and 1900 <= int(year) <= 2100
                    found = None if ok else (screen(year) or whole)
                    if found:
                        child = _iri(f"{family}/child/withheld-{k + 1}") if self.build else None
                        self.withhold(
                            table, row_no, col, child, ov, REF.birthYear, found, ERROR, "expected.year"
                        )
                        continue
                    if not ok:
                        self.issue(
                            "unparsable",
                            ERROR,
                            table,
                            Msg.of("unparsable.birth-year", value=_show_number(year)),
                            row=row_no,
                            column=col.title,
                        )
                    if not self.build:
                        continue
                    # An unreadable year (a name, a note typed there) must not become part of an IRI.
                    key = year if ok else "unparsable"
                    years[key] += 1
                    child = _iri(f"{family}/child/{key}-{years[key]}")
                    t((family, REF.hasMember, child))
                    t((child, RDF.type, REF.Child))
                    t((child, PROV.wasDerivedFrom, record))
                    if ok:
                        t((child, REF.birthYear, self.literal(year, XSD.gYear)))
                    self._original(
                        child, ov, col, REF.birthYear, self.literal(year), MAPPED if ok else UNPARSABLE
                    )
            elif col.composition == "parentsCount":
                ok = text.isdigit() and int(text) <= 10
                found = None if ok else screen(text)
                if found:
                    ov = _iri(f"{record}/{index + 1}") if self.build else None
                    self.withhold(
                        table, row_no, col, family, ov, REF.hasMember, found, ERROR, "expected.number"
                    )
                    continue
                if not ok:
                    self.issue(
                        "unparsable",
                        ERROR,
                        table,
                        Msg.of("unparsable.parents", value=_show_number(text)),
                        row=row_no,
                        column=col.title,
                    )
                if not self.build:
                    continue
                # the count itself is kept on the family, beside the members it made
                self._original(
                    family,
                    _iri(f"{record}/{index + 1}"),
                    col,
                    REF.hasMember,
                    self.literal(cell_text(raw)),
                    MAPPED if ok else UNPARSABLE,
                )
                for k in range(1, int(text) + 1 if ok else 0):
                    parent = _iri(f"{family}/parent/{k}")
                    t((family, REF.hasMember, parent))
                    t((parent, RDF.type, REF.Parent))
                    t((parent, PROV.wasDerivedFrom, record))


class _NM:
    """Minimal namespace manager for messages: refc:xxx instead of full IRIs."""

    @staticmethod
    def normalizeUri(iri: str) -> str:  # noqa: N802 - rdflib's protocol
        return "refc:" + iri[len(str(REFC)) :] if iri.startswith(str(REFC)) else f"<{iri}>"


_NM = _NM()  # type: ignore[misc,assignment]


_PATTERN_LETTERS = {
    "%Y": "yyyy", "%y": "yy", "%m": "MM", "%d": "dd", "%H": "HH", "%M": "mm", "%S": "ss", "%f": "SSS",
    "%z": "XXX", "%%": "%",
}


def _pattern(fmt: str) -> str | Msg:
    """A strptime format shown to the user as the UAX-35 pattern of the profile (``dd/MM/yyyy HH:mm``)."""
    if fmt == "excel":
        return Msg.of("format.excel")
    if fmt == ISO8601:
        return "ISO 8601"
    return re.sub(r"%.", lambda m: _PATTERN_LETTERS.get(m.group(0), m.group(0)), fmt)


# --------------------------------------------------------------------------------------- public API


def expand_exports(exports: Iterable[str | Path]) -> list[Path]:
    """The export files: files as given, folders expanded to their files (sorted)."""
    out: list[Path] = []
    for item in exports:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


def _plan(paths: list[Path], profile: Profile) -> tuple[list[tuple[Path, TableSpec]], list[TranslationIssue]]:
    plan, issues = [], []
    for path in paths:
        if not path.exists():
            raise InputError.of("export file not found", file=str(path), hint="check the path")
        tables = profile.table_for(path)
        if not tables:
            if path.suffix.lower() in (".yaml", ".yml", ".tsv") and path.resolve() in (
                profile.path.resolve(),
                profile.mappings,
            ):
                continue  # a folder holding the profile and its mapping set
            issues.append(
                TranslationIssue.of(
                    "unknown-file",
                    ERROR,
                    path.name,
                    Msg.of("unknown-file", expected=", ".join(sorted({t.url for t in profile.tables}))),
                )
            )
            continue
        plan.extend((path, t) for t in tables)
    if not plan and not issues:
        raise InputError.of("no export file given", hint="give the export's files (or its folder)")
    return plan, issues


_PROGRESS_EVERY = 500  # rows between two progress reports: cheap next to the rows themselves


def _reporting(rows: list[tuple[int, Any]], progress: Progress) -> Iterator[tuple[int, Any]]:
    """Yield ``rows``, telling ``progress`` every few hundred of them and when the table is done."""
    for done, row in enumerate(rows, 1):
        yield row
        if done % _PROGRESS_EVERY == 0:
            progress.advance(_PROGRESS_EVERY)
    progress.advance(len(rows) % _PROGRESS_EVERY)
    progress.done()


def _run(
    exports: Iterable[str | Path],
    profile: Profile | str | Path,
    *,
    key: bytes | str | None,
    key_file: str | Path | None,
    build: bool,
    progress: Progress | None = None,
    sink: Any = None,
) -> _Run:
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    plan, early = _plan(expand_exports(exports), profile)
    pseudonymiser = None
    if build and profile.personal_columns:
        secret = resolve_key(key, key_file)
        if secret is None:
            table, col = profile.personal_columns[0]
            raise ConfigError.of(
                "the profile declares personal columns (e.g. {title!r} in {table}) but no "
                "pseudonymisation key was given",
                file=str(profile.path),
                line=col.line,
                hint="set the environment variable {variable} or give --key-file FILE "
                "(the same key for every partner, so that families link up)",
                title=col.title,
                table=table.url,
                variable=KEY_ENV,
            )
        check_key_use(secret, [path for path, _ in plan])
        pseudonymiser = Pseudonymiser(secret)
    run = _Run(profile, pseudonymiser, build, progress)
    if sink is not None:
        run.triples = sink  # streamed out as made (only ``append`` is used)
    run.issues.extend(early)
    with _gc_paused():
        if build:
            run.own_organisation()
        try:
            for path, spec in plan:
                run.run_table(path, spec)
        finally:
            close_workbooks(run.workbooks)
        if build:
            run.finish()
    return run


def translate(
    exports: Iterable[str | Path] | str | Path,
    profile: Profile | str | Path,
    *,
    key: bytes | str | None = None,
    key_file: str | Path | None = None,
    progress: Progress | None = None,
    sink: Any = None,
) -> TranslationResult:
    """Translate a partner's export files into an RDF graph of the framework.

    ``exports``: files (CSV, XLSX, JSON) or folders; each file is matched to the profile's tables by
    name. ``profile``: a :class:`Profile` or the path of its YAML file. ``key``: the pseudonymisation
    key (else ``key_file``, else ``$REFERENTIEL_PSEUDONYM_KEY``); required when the profile declares
    personal columns. ``progress``: a :class:`~referentiel.progress.Progress` told of each file
    (one stage per table, counted in rows). Raises ConfigError/InputError for a broken profile or
    unusable file; problems in rows and cells become :attr:`TranslationResult.issues`.
    ``sink``: an object whose ``append`` receives each triple as it is made instead of keeping them
    in memory (e.g. :class:`referentiel.store.staging.BulkSink`, which bulk-loads them into a store);
    ``triples`` is then empty and ``len(result)`` is ``len(sink)``.
    """
    if isinstance(exports, (str, Path)):
        exports = [exports]
    run = _run(exports, profile, key=key, key_file=key_file, build=True, progress=progress, sink=sink)
    prefixes = {p: PREFIXES[p] for p in ("ref", "refc", "refd", "prov", "rdf", "xsd", "skos")}
    prefixes[run.profile.slug.replace("-", "")] = str(REFO[f"{run.profile.slug}/"])
    return TranslationResult(
        triples=run.triples if sink is None else [],
        issues=run.issues,
        files=run.files,
        columns=run.columns,
        profile=run.profile,
        prefixes=prefixes,
        sink=sink,
    )


def analyse(exports: Iterable[str | Path] | str | Path, profile: Profile | str | Path) -> TranslationResult:
    """Read and look up an export like :func:`translate` without building RDF nor needing the key.

    Used by ``mappings coverage``: the issues and the column statistics are the same as a translation's.
    """
    if isinstance(exports, (str, Path)):
        exports = [exports]
    run = _run(exports, profile, key=None, key_file=None, build=False)
    return TranslationResult(
        triples=[], issues=run.issues, files=run.files, columns=run.columns, profile=run.profile
    )
