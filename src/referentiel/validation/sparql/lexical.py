"""Literals kept exactly as written in a store that would rewrite them.

Oxigraph's parser keeps lexical forms (``pyoxigraph.parse`` gives ``"4.0"^^xsd:decimal``), but its
storage encodes literals of the XSD value types (numbers, booleans, dates and times, durations)
by value: ``"4.0"^^xsd:decimal`` comes back as ``"4"``, ``"01"^^xsd:integer`` as ``"1"``,
``"1"^^xsd:boolean`` as ``"true"``, and every integer-derived type (``"3"^^xsd:byte``,
``"300"^^xsd:byte``) as ``xsd:integer``. SHACL compares RDF terms and reports them as written.

When data are parsed for validation, each literal the store would not give back unchanged is
stored under a *lexical datatype* instead: ``"4.0"^^<urn:referentiel:lexical:…#decimal>``, which
the store keeps verbatim (it does not know the datatype). Term equality (``sh:in``,
``sh:hasValue``, ``sh:equals``, counts) is then exact; the compiled queries read a value through
:func:`value` and a datatype through :func:`datatype` where SHACL compares values; reported terms
are turned back by :func:`original`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

PREFIX = "urn:referentiel:lexical:"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_KEEP = frozenset({_XSD + "string"})
_PROBE = ox.NamedNode("urn:referentiel:probe")


class Probe:
    """Which literals the store would rewrite, asked of a scratch store (cached by term)."""

    def __init__(self) -> None:
        self._changed: dict[ox.Literal, bool] = {}

    def changed(self, literals: Iterable[ox.Literal]) -> set[ox.Literal]:
        """The literals among ``literals`` that a store would not give back as they are."""
        literals = list(literals)
        unknown = [lit for lit in dict.fromkeys(literals) if lit not in self._changed]
        if unknown:
            scratch = ox.Store()
            subjects = [ox.NamedNode(f"urn:referentiel:probe:{i}") for i in range(len(unknown))]
            scratch.extend(ox.Quad(s, _PROBE, lit) for s, lit in zip(subjects, unknown, strict=True))
            index = {subject: i for i, subject in enumerate(subjects)}
            for quad in scratch:  # one pass over the scratch store (a look-up each: 40x slower)
                lit = unknown[index[quad.subject]]
                self._changed[lit] = quad.object != lit
            if len(self._changed) > 2_000_000:  # bounded: a cache, not a copy of the data
                self._changed.clear()
        return {lit for lit in literals if self._changed.get(lit)}


PROBE = Probe()  # the shapes' constants, shared by every compilation in the process


def constant(literal: ox.Literal) -> ox.Literal:
    """A shapes graph's literal as the data hold it when written under lexical datatypes."""
    return lexical(literal) if candidate(literal) and PROBE.changed([literal]) else literal


def candidate(term: object) -> bool:
    """Whether the store may rewrite ``term`` (a literal with an XSD datatype other than string)."""
    if not isinstance(term, ox.Literal) or term.language:
        return False
    datatype = term.datatype.value
    return datatype.startswith(_XSD) and datatype not in _KEEP


def exact(quads: Iterable[ox.Quad], probe: Probe, found: list[int], chunk: int = 50_000) -> Iterator[ox.Quad]:
    """``quads`` with each literal the store would rewrite under its lexical datatype.

    ``found[0]`` counts the literals so kept.
    """
    batch: list[ox.Quad] = []
    for quad in quads:
        batch.append(quad)
        if len(batch) >= chunk:
            yield from _rewrite(batch, probe, found)
            batch = []
    yield from _rewrite(batch, probe, found)


def _rewrite(batch: list[ox.Quad], probe: Probe, found: list[int]) -> Iterator[ox.Quad]:
    changed = probe.changed(q.object for q in batch if candidate(q.object))
    if not changed:
        yield from batch
        return
    for quad in batch:
        if quad.object in changed:
            found[0] += 1
            yield ox.Quad(quad.subject, quad.predicate, lexical(quad.object), quad.graph_name)
        else:
            yield quad


def lexical(literal: ox.Literal) -> ox.Literal:
    """``literal`` under its lexical datatype (kept verbatim by the store)."""
    return ox.Literal(literal.value, datatype=ox.NamedNode(PREFIX + literal.datatype.value))


def original(term: object) -> object:
    """The literal as written, for a literal under a lexical datatype; any other term unchanged."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value.startswith(PREFIX):
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype.value[len(PREFIX) :]))
    return term


def datatype(variable: str) -> str:
    """SPARQL: the datatype of ``variable`` as written (the lexical datatype's original)."""
    raw = f"STR(DATATYPE({variable}))"
    return f'IF(STRSTARTS({raw}, "{PREFIX}"), IRI(STRAFTER({raw}, "{PREFIX}")), DATATYPE({variable}))'


def value(variable: str, ranges: dict[str, tuple[int | None, int | None]] | None = None) -> str:
    """SPARQL: the value of ``variable`` (a literal under a lexical datatype is read as its original).

    ``ranges``: the integer-derived datatypes (IRI -> bounds): the store reads ``"300"^^xsd:byte``
    as 300, where it is ill-formed and has no value; out of its range, the expression is an error.
    """
    typed = f"STRDT(STR({variable}), {datatype(variable)})"
    if ranges:
        number = f"<{_XSD}integer>(STR({variable}))"
        checks = []
        for iri, (low, high) in ranges.items():
            bounds = [
                f"{number} >= {low}" if low is not None else "",
                f"{number} <= {high}" if high is not None else "",
            ]
            inside = " && ".join(b for b in bounds if b)
            checks.append(f"(sameTerm({datatype(variable)}, <{iri}>) && !({inside}))")
        typed = f'IF(COALESCE({" || ".join(checks)}, true), <{_XSD}integer>(""), {typed})'
    return (
        f'IF(isLiteral({variable}) && STRSTARTS(STR(DATATYPE({variable})), "{PREFIX}"), {typed}, {variable})'
    )
