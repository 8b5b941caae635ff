"""Triples of a translation: cached terms, IRIs, literals, original values, N-Triples output."""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import XSD as _XSD

from referentiel.namespaces import REF as _REF
from referentiel.namespaces import REFC, REFD
from referentiel.privacy import Screening
from referentiel.translation.messages import LANGS, Msg
from referentiel.translation.profile import ColumnSpec
from referentiel.translation.readers import Table
from referentiel.translation.resolve import WITHHELD


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


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NO_BUILD = URIRef("urn:referentiel:not-built")  # stands for a resource when no RDF is built


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
    nodes, e.g. each original value's IRI, occur in only a few triples.) Subjects and predicates are
    always IRIs, and so are most objects: those are written in place, which costs less than a lookup;
    only literals go through the cache.
    """
    cache: dict[int, str] = {}
    get = cache.get
    iri = URIRef

    def term(node: Any) -> str:
        found = cache[id(node)] = _nt_term(node)
        return found

    lines = dict.fromkeys(
        [
            f"<{s}> <{p}> <{o}> .\n" if type(o) is iri else f"<{s}> <{p}> {get(id(o)) or term(o)} .\n"
            for s, p, o in triples
        ]
    )
    return "".join(lines).encode("utf-8")


def _id_token(text: str) -> str:
    return quote(unicodedata.normalize("NFC", text.strip()), safe="-._~")


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
