"""What a translation reports: issues in the partner's terms, statistics, and the result itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from referentiel.namespaces import REFD
from referentiel.provenance import SourceLocation
from referentiel.translation.emit import _gc_paused, _ntriples
from referentiel.translation.messages import Msg, location, word
from referentiel.translation.profile import Profile

# The same words as validation and the intake summary: a "violation" refuses the export (unless forced).
ERROR, WARNING, INFO = "violation", "warning", "info"
SEVERITY_ORDER = {INFO: 0, WARNING: 1, ERROR: 2}


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

    #: the distinct triples are the distinct lines (N-Triples, as made: see :mod:`.emit`)
    triples: list[str]
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
            import pyoxigraph as ox

            from referentiel.store.base import to_rdflib

            with _gc_paused():
                graph = to_rdflib(ox.parse(_ntriples(self.triples), format=ox.RdfFormat.N_TRIPLES))
            for prefix, namespace in self.prefixes.items():
                graph.bind(prefix, namespace)
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
