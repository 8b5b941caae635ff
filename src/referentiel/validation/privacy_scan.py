"""The privacy scan: every national number in every literal, whichever SHACL engine ran.

The privacy shape ``refsh:NoIdentifyingLiteral`` states the rule "no literal anywhere holds a Belgian
national register number" with a SPARQL constraint (``refsh:NoNationalNumber``, shapes/privacy.ttl).
SPARQL 1.1 has no loop: that query can only look at the first three 11-digit candidates of a literal,
and its separators are ASCII only, so a valid number written after three decoys, or with non-breaking
spaces, passes it. The scan completes the shape with the Python recogniser
(:func:`referentiel.privacy.find_niss`: every candidate, any separator, leading zero lost):

1. a cheap regular expression keeps the literals that hold ten digits or more close together (a few
   literals in a real export), each distinct literal looked at once;
2. the recogniser runs on those;
3. a literal it catches that the engine did not report gets a result in the engine's own report graph,
   the very result the SPARQL constraint gives (same focus node, path, value, source shape and
   constraint, messages, severity), so that reports, counts, masking and exit codes are those of the
   shape.

It runs only when the shapes graph holds that constraint (the bundled shapes, or a copy of them), so
your own shapes are validated as they are written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from referentiel import privacy
from referentiel.namespaces import RDF, REFSH, SH

SHAPE = REFSH.NoIdentifyingLiteral
CONSTRAINT = REFSH.NoNationalNumber

# Ten digits (a number read as an integer lost its leading zero) with at most four other characters
# between two of them: every spelling the recogniser accepts, after normalisation (a non-breaking
# space, a dash of another kind, a zero-width space are one character each; full-width digits are \d).
_CANDIDATE = re.compile(r"\d(?:\D{0,4}\d){9}")


def applies(shapes: Graph) -> bool:
    """True when ``shapes`` holds the national-number constraint of the privacy shape."""
    return (SHAPE, SH.sparql, CONSTRAINT) in shapes


# The same filter in SPARQL, run by the store itself (Rust regular expressions): only the literals
# that pass it are converted into Python objects.
_STORE_QUERY = (
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o . "
    'FILTER (isLiteral(?o) && REGEX(STR(?o), "\\\\d(\\\\D{0,4}\\\\d){9}")) }'
)


def _candidates(data: Any, select: Any = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples whose object may hold a national number: every triple of an rdflib graph, or,
    with the SPARQL engine's ``select`` (a store or an endpoint), the pre-filtered answer of the data
    themselves, so that the data never become Python objects."""
    if select is None:
        yield from data.triples((None, None, None))
        return
    from referentiel.validation.sparql.api import to_rdflib

    for s, p, o in select(_STORE_QUERY, ("s", "p", "o")):
        yield to_rdflib(s), to_rdflib(p), to_rdflib(o)


def find_national_numbers(data: Any, select: Any = None) -> list[tuple[Node, Node, Literal]]:
    """Every triple of ``data`` (an rdflib graph), or of the data behind the SPARQL engine's
    ``select``, whose literal object holds a valid national (or bis) number."""
    verdicts: dict[str, bool] = {}
    search = _CANDIDATE.search
    found = []
    for s, p, o in _candidates(data, select):
        if not isinstance(o, Literal):
            continue
        text = str(o)
        verdict = verdicts.get(text)
        if verdict is None:
            verdict = verdicts[text] = search(text) is not None and bool(privacy.find_niss(text))
        if verdict:
            found.append((s, p, o))
    return found


def add_missed_results(data: Any, shapes: Graph, report: Graph, select: Any = None) -> int:
    """Add to ``report`` the national-number results the engine missed; returns how many.

    ``data``: the rdflib data graph, unless ``select`` (the SPARQL engine's query function over a store
    or an endpoint) gives access to the data.

    The report graph is the engine's W3C validation report: its ``sh:conforms`` becomes false when a
    result is added.
    """
    if not applies(shapes):
        return 0
    hits = find_national_numbers(data, select)
    if not hits:
        return 0
    reported = {
        (report.value(node, SH.focusNode), report.value(node, SH.resultPath), report.value(node, SH.value))
        for node in report.subjects(SH.sourceConstraint, CONSTRAINT)
    }
    root = next(report.subjects(RDF.type, SH.ValidationReport), None)
    if root is None:
        root = BNode()
        report.add((root, RDF.type, SH.ValidationReport))
    severity = shapes.value(SHAPE, SH.severity) or SH.Violation
    messages = [m for m in shapes.objects(CONSTRAINT, SH.message) if isinstance(m, Literal)]
    added = 0
    for s, p, o in hits:
        if (s, p, o) in reported:
            continue
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, s))
        report.add((node, SH.resultPath, p))
        report.add((node, SH.value, o))
        report.add((node, SH.sourceShape, SHAPE))
        report.add((node, SH.sourceConstraint, CONSTRAINT))
        report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        report.add((node, SH.resultSeverity, severity))
        for message in messages:
            report.add((node, SH.resultMessage, message))
        added += 1
    if added:
        report.set((root, SH.conforms, Literal(False)))
    return added
