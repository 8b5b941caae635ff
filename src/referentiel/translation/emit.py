"""Triples of a translation, written as N-Triples lines: IRIs, literals, source records and columns,
original values, withheld cells.

Every term is kept in its N-Triples form (``<iri>``, ``"text"``, ``"text"^^<datatype>``) and each
triple is one line made by joining three of them: no rdflib term is built on the hot path (building
``URIRef``/``Literal`` objects and writing them out again cost more than the translation itself,
docs/performance.md). The lines are what the store's bulk loader reads; :attr:`TranslationResult.graph`
parses them back when an rdflib graph is wanted.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Literal
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import XSD as _XSD

from referentiel.namespaces import REF as _REF
from referentiel.namespaces import REFC as _REFC
from referentiel.namespaces import REFD
from referentiel.privacy import Screening
from referentiel.translation.messages import LANGS, Msg
from referentiel.translation.profile import ColumnSpec
from referentiel.translation.readers import Table
from referentiel.translation.resolve import MAPPED, WITHHELD


class _Terms:
    """The terms of a namespace in N-Triples form (``<iri>``), each made once."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> str:
        term = f"<{self._namespace}{name}>"
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


REF, RDF, PROV, REFC = _Terms(_REF), _Terms(_RDF), _Terms(_PROV), _Terms(_REFC)
XSD_DATE, XSD_GYEAR, XSD_ANYURI = str(_XSD.date), str(_XSD.gYear), str(_XSD.anyURI)
_XSD_INTEGER, _XSD_STRING = str(_XSD.integer), str(_XSD.string)


def nt_iri(iri: Any) -> str:
    """An IRI in N-Triples form (IRIs made here are percent-encoded; those of the mapping set and the
    model are checked where they are read)."""
    return f"<{iri}>"


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal in N-Triples form; a plain string when neither ``datatype`` nor ``lang`` is given."""
    quoted = '"' + text.translate(_NT_ESCAPES) + '"'
    if lang:
        return f"{quoted}@{lang}"
    if datatype:
        return f"{quoted}^^<{datatype}>"
    return quoted


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Every tuple and string container made is tracked by the collector, and each full collection walks
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
            if gc.get_freeze_count() == 0:
                # What was allocated meanwhile and lives on is long-lived: put it in the oldest
                # generation directly, as a collection would, without the collection over all of it
                # that the count of those allocations would set off at once when enabled (20 to 70 ms
                # an export at 10,000 families). Cyclic garbage, if any, waits for the next full
                # collection. (Skipped if the process froze objects on purpose: unfreeze would undo it.)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_NO_BUILD = "<urn:referentiel:not-built>"  # stands for a resource when no RDF is built
# the middle of the lines of an original value (" <predicate> "), made once
_ORIGINAL_VALUE, _VALUE, _STATUS = (f" {p} " for p in (REF.originalValue, RDF.value, REF.mappingStatus))


def _rdflib_line(triple: tuple[Any, Any, Any]) -> str:
    """One triple of rdflib terms as an N-Triples line."""
    return " ".join(_rdflib_term(node) for node in triple) + " .\n"


def _rdflib_term(node: Any) -> str:
    if isinstance(node, Literal):
        datatype = None if node.datatype is None or str(node.datatype) == _XSD_STRING else str(node.datatype)
        return nt_literal(str(node), datatype, node.language)
    if isinstance(node, BNode):
        return f"_:{node}"
    return f"<{node}>"


def _ntriples(lines: list[Any]) -> bytes:
    """The distinct N-Triples lines, in the order first made, as UTF-8.

    The translator makes lines; a triple of rdflib terms (what other callers of a
    :class:`~referentiel.store.staging.BulkSink` may hand it) is written as a line first.
    """
    if any(line.__class__ is not str for line in lines):
        lines = [line if line.__class__ is str else _rdflib_line(line) for line in lines]
    return "".join(dict.fromkeys(lines)).encode("utf-8")


def _id_token(text: str) -> str:
    """``text`` as a segment of an IRI: trimmed, NFC, percent-encoded but for ``-._~`` and ASCII
    letters and digits."""
    text = text.strip()
    if _UNRESERVED.fullmatch(text):
        return text  # what quote() and NFC would give back unchanged (most identifiers: "F-1001")
    return quote(unicodedata.normalize("NFC", text), safe="-._~")


_UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]*")


class Column:
    """A column of a table as the provenance describes it (``ref:SourceColumn``): once per export,
    on the first original value that refers to it."""

    __slots__ = ("iri", "in_column", "lines", "prop", "terms")

    def __init__(self, table: Table, index: int, title: str, prop: str, base: str) -> None:
        self.iri = f"<{base}{index + 1}>"
        self.in_column = f" {REF.inColumn} {self.iri} .\n"  # the end of each original value's line
        self.prop = prop  # the property the column feeds (N-Triples form)
        self.terms: dict[str, tuple[Any, ...]] = {}  # a term column's distinct terms, as the rows use them
        s = self.iri
        self.lines: list[str] | None = [
            f"{s} {RDF.type} {REF.SourceColumn} .\n",
            f"{s} {REF.sourceColumn} {nt_literal(title)} .\n",
            f"{s} {REF.sourceFile} {nt_literal(table.file)} .\n",
            f"{s} {REF.forProperty} {prop} .\n",
        ]
        if table.sheet:
            self.lines.append(f"{s} {REF.sourceSheet} {nt_literal(table.sheet)} .\n")


def column_base(org_base: str, table: Table) -> str:
    """The IRI prefix of the columns of ``table`` (``…/column/{file}/[{sheet}/]``; the number follows)."""
    base = f"{org_base}column/{_id_token(table.file)}/"
    return base + f"{_id_token(table.sheet)}/" if table.sheet else base


class _Emitter:
    """The triples of a run (a mixin of :class:`referentiel.translation.rows._Run`, whose state it uses):
    IRIs, literals, the partner organisation, original values and withheld cells."""

    def finish(self) -> None:
        """Describe the organisations referred to but not described by a row of an organisations table.

        A reference states that its target is an organisation; its name is the partner's wording
        (first seen), derived from the row that first referred to it.
        """
        t = self.triples.append
        for org, (text, record) in self._org_refs.items():
            if org in self._org_described:
                continue
            t(f"{org} {RDF.type} {REF.Organisation} .\n")
            t(f"{org} {REF.name} {self.literal(text)} .\n")
            t(f"{org} {PROV.wasDerivedFrom} {record} .\n")
            slug = org[1:-1].removeprefix(f"{REFD}organisation/")
            info = self.profile.organisation_info.get(slug, {})
            if "sector" in info:
                t(f"{org} {REF.sector} {REFC[info['sector']]} .\n")
            if "serviceType" in info:
                t(f"{org} {REF.serviceType} {REFC[info['serviceType']]} .\n")

    # ---- IRIs
    def org_iri(self, value: str) -> str:
        key = " ".join(value.split()).casefold()
        found = self._org_iris.get(key)
        if found is None:
            slug = self.profile.organisations.get(key)
            found = (
                f"<{REFD}organisation/{slug}>"
                if slug
                else f"<{self.org_base}organisation/{_id_token(value)}>"
            )
            self._org_iris[key] = found
        return found

    def entity_iri(self, entity: str, value: str, personal: bool) -> str:
        """The IRI of the ``entity`` a cell identifies or refers to (made once per distinct value)."""
        key = (entity, value, personal)
        found = self._iris.get(key)
        if found is None:
            found = self._entity_iri(entity, value, personal)
            if len(self._iris) < 500_000:
                self._iris[key] = found
        return found

    def _entity_iri(self, entity: str, value: str, personal: bool) -> str:
        if entity == "family":
            return f"<{REFD}family/{self.pseudo.pseudonym('family', value)}>"  # type: ignore[union-attr]
        if personal:
            return f"<{self.org_base}{entity}/{self.pseudonym(entity, value)}>"
        if entity == "organisation":
            return self.org_iri(value)
        return f"<{self.org_base}{entity}/{_id_token(value)}>"

    def pseudonym(self, entity: str, value: str) -> str:
        if entity == "family":
            return self.pseudo.pseudonym("family", value)  # type: ignore[union-attr]
        return self.pseudo.pseudonym(f"{self.profile.slug}/{entity}", value)  # type: ignore[union-attr]

    def literal(self, text: str, datatype: str | None = None) -> str:
        """``text`` as an N-Triples literal (``datatype``: an XSD IRI; None for a plain string)."""
        if datatype is None:  # most literals: a cache keyed by the text alone
            found = self._plain_cache.get(text)
            if found is None:
                found = '"' + text.translate(_NT_ESCAPES) + '"'
                if len(self._plain_cache) < 200_000:
                    self._plain_cache[text] = found
            return found
        key = (text, datatype)
        found = self._lit_cache.get(key)
        if found is None:
            found = nt_literal(text, datatype)
            if len(self._lit_cache) < 200_000:
                self._lit_cache[key] = found
        return found

    def integer(self, number: int) -> str:
        return f'"{number}"^^<{_XSD_INTEGER}>'

    # ---- the partner organisation itself
    def own_organisation(self) -> None:
        p, s, t = self.profile, self.own_org, self.triples.append
        record = f"<{self.org_base}record/profile>"
        t(f"{s} {RDF.type} {REF.Organisation} .\n")
        t(f"{s} {REF.localId} {nt_literal(p.slug)} .\n")
        t(f"{s} {REF.name} {nt_literal(p.name)} .\n")
        if p.commune:
            t(f"{s} {REF.commune} {nt_literal(p.commune)} .\n")
        if p.sector:
            t(f"{s} {REF.sector} {REFC[p.sector]} .\n")
        if p.service_type:
            t(f"{s} {REF.serviceType} {REFC[p.service_type]} .\n")
        t(f"{s} {PROV.wasDerivedFrom} {record} .\n")
        t(f"{record} {RDF.type} {REF.SourceRecord} .\n")
        t(f"{record} {REF.sourceFile} {nt_literal(p.path.name)} .\n")

    def withhold(
        self,
        table: Table,
        row_no: int,
        col: ColumnSpec,
        subject: str | None,
        ov: str | None,
        column: Column | None,
        found: Screening,
        severity: str,
        expected: str | Msg,
    ) -> None:
        """A cell the screen caught: reported by its location and shape; in RDF, an original value with
        status ``withheld``, the shape in each language and no ``rdf:value``."""
        expected_msg = Msg.of(expected) if isinstance(expected, str) else expected
        message = Msg.of("withheld", shape=found, expected=expected_msg)
        self.issue("withheld", severity, table, message, row=row_no, column=col.title)
        if self.build and subject is not None and ov is not None and column is not None:
            self._original(subject, ov, column, None, WITHHELD)
            for lang in LANGS:
                self.triples.append(f"{ov} {REF.valueShape} {nt_literal(found.text(lang), lang=lang)} .\n")

    def _describe(self, column: Column) -> None:
        """The lines of ``column`` itself, before its first original value (once per export)."""
        for line in column.lines or ():
            self.triples.append(line)
        column.lines = None

    def _original(self, subject: str, ov: str, column: Column, value: str | None, status: str) -> None:
        """The cell ``ov`` of ``subject``: its column (described once), its text as written unless
        withheld, and its status unless ``mapped`` (the usual case: the absence says it)."""
        t = self.triples.append
        if column.lines is not None:
            self._describe(column)
        t(f"{subject}{_ORIGINAL_VALUE}{ov} .\n")
        t(ov + column.in_column)
        if value is not None:
            t(f"{ov}{_VALUE}{value} .\n")
        if status != MAPPED:
            t(f"{ov}{_STATUS}{self.literal(status)} .\n")
