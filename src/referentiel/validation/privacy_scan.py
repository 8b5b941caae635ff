"""The privacy scan: every national number, phone and e-mail in every literal, whichever engine ran.

The privacy shape ``refsh:NoIdentifyingLiteral`` states the rule "no literal anywhere holds a Belgian
national register number, a phone number or an e-mail address" with SPARQL constraints
(``refsh:NoNationalNumber``, ``refsh:NoPhone``, ``refsh:NoEmail``, shapes/privacy.ttl). SPARQL 1.1
has no loop and ASCII-minded regular expressions: the national-number query looks at the first
three 11-digit candidates of a literal only, and none of them sees a number written with
non-breaking or thin spaces, en dashes or full-width digits, nor an e-mail written
"jan [at] example [dot] be". The scan completes the shape with the recognisers the translation
screen uses (:mod:`referentiel.privacy`: every candidate, any separator, libphonenumber's rules,
obfuscated e-mails):

1. a cheap regular expression per kind keeps the literals that may hold one (a few literals in a
   real export), each distinct literal looked at once;
2. the recogniser runs on those;
3. a literal it catches that the engine did not report gets a result in the engine's own report
   graph, the very result the SPARQL constraint gives (same focus node, path, value, source shape
   and constraint, messages, severity), so that reports, counts, masking and exit codes are those of
   the shape;
4. a result of those constraints whose value the recogniser does not confirm is taken out of the
   report: the SPARQL patterns are pre-filters (``refsh:NoPhone``'s also matches a date followed
   by a number, "05/01/2023 9"), the recognisers decide (:func:`settle`).

It runs only when the shapes graph holds those constraints (the bundled shapes, or a copy of them),
so your own shapes are validated as they are written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from referentiel import privacy
from referentiel.namespaces import RDF, REFSH, SH

SHAPE = REFSH.NoIdentifyingLiteral
CONSTRAINT = REFSH.NoNationalNumber


@dataclass(frozen=True)
class Kind:
    """One kind of personal value the scan looks for: its constraint, pre-filter and recogniser."""

    constraint: URIRef
    candidate: str  # a regular expression both Python and the store (Rust) read alike
    find: Callable[[str], list[str]]
    flags: str = ""


# Pre-filters, loose enough for every spelling the recognisers accept after normalisation (a
# non-breaking space, another dash, a zero-width space are one character each; full-width digits
# are \d in both engines). National number: ten digits (an integer lost its leading zero) with at
# most four other characters between two. Phone: a "+", "(" or "0" prefix then eight more digits
# (a date or a file number "2023/0400" does not start so). E-mail: an "@" or an "at" word.
# The recognisers leave pseudonymous (hexadecimal) identifiers, blank-node labels and dates aside
# themselves (referentiel.privacy.recognisers.find_phones), as the translation's screen does.


# full-width "+", "(", "0" and "@" as characters, not escapes: SPARQL reads "\\u" escapes itself
_WIDE_PLUS, _WIDE_PAREN, _WIDE_ZERO, _WIDE_AT = "\uff0b", "\uff08", "\uff10", "\uff20"
_AT_WORD = r"(?:at|arobase|apenstaart(?:je)?)"
KINDS = (
    Kind(CONSTRAINT, r"\d(?:\D{0,4}\d){9}", privacy.find_niss),
    Kind(
        REFSH.NoPhone,
        rf"(?:[+({_WIDE_PLUS}{_WIDE_PAREN}]|(?:^|\D)[0{_WIDE_ZERO}])\D{{0,4}}(?:\d\D{{0,4}}){{7}}\d",
        privacy.find_phones,
    ),
    Kind(
        REFSH.NoEmail,
        rf"[@{_WIDE_AT}]|[\[({{<]\s*(?:{_AT_WORD}|a)\s*[\])}}>]|\s{_AT_WORD}\s",
        privacy.find_emails,
        "i",
    ),
)


def applies(shapes: Graph) -> bool:
    """True when ``shapes`` holds the national-number constraint of the privacy shape."""
    return (SHAPE, SH.sparql, CONSTRAINT) in shapes


def _store_query(kinds: tuple[Kind, ...]) -> str:
    # the same filters in SPARQL, run by the store itself (Rust regular expressions): only the
    # literals that pass one are converted into Python objects
    tests = " || ".join(
        f"REGEX(STR(?o), {_sparql_string(k.candidate)}" + (f', "{k.flags}")' if k.flags else ")")
        for k in kinds
    )
    return f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . FILTER (isLiteral(?o) && ({tests})) }}"


def _sparql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _candidates(data: Any, kinds: tuple[Kind, ...], select: Any = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples whose object may hold a personal value: every triple of an rdflib graph, or,
    with the SPARQL engine's ``select`` (a store or an endpoint), the pre-filtered answer of the data
    themselves, so that the data never become Python objects."""
    if select is None:
        yield from data.triples((None, None, None))
        return
    from referentiel.validation.sparql.api import to_rdflib

    for s, p, o in select(_store_query(kinds), ("s", "p", "o")):
        yield to_rdflib(s), to_rdflib(p), _as_written(o, to_rdflib)


def _as_written(term: Any, convert: Callable[[Any], Any]) -> Any:
    """A store literal as an rdflib literal with its lexical form kept: rdflib would otherwise
    rewrite ``"0472123456"^^xsd:integer`` (a literal as a file writes it, :func:`prefetched`'s
    ``written``) as ``"472123456"`` outside ``validate``'s exact mode."""
    converted = convert(term)
    if isinstance(converted, Literal) and converted.datatype is not None:
        lexical_form = term.value  # the store's (or the file's) form, before rdflib's normalisation
        return Literal(lexical_form, datatype=converted.datatype, normalize=False)
    return converted


def find_personal_values(
    data: Any, select: Any = None, kinds: tuple[Kind, ...] = KINDS
) -> dict[URIRef, list[tuple[Node, Node, Literal]]]:
    """For each kind's constraint, the triples of ``data`` (an rdflib graph, or the data behind the
    SPARQL engine's ``select``) whose literal object holds a value of that kind."""
    filters = [(k, re.compile(k.candidate, re.IGNORECASE if "i" in k.flags else 0)) for k in kinds]
    verdicts: dict[str, tuple[URIRef, ...]] = {}
    found: dict[URIRef, list[tuple[Node, Node, Literal]]] = {k.constraint: [] for k in kinds}
    for s, p, o in _candidates(data, kinds, select):
        if not isinstance(o, Literal):
            continue
        text = str(o)
        verdict = verdicts.get(text)
        if verdict is None:
            verdict = verdicts[text] = tuple(
                k.constraint for k, pattern in filters if pattern.search(text) and k.find(text)
            )
        for constraint in verdict:
            found[constraint].append((s, p, o))
    return found


def find_national_numbers(data: Any, select: Any = None) -> list[tuple[Node, Node, Literal]]:
    """Every triple of ``data`` whose literal object holds a valid national (or bis) number."""
    return find_personal_values(data, select, KINDS[:1])[CONSTRAINT]


def _kinds(shapes: Graph) -> tuple[Kind, ...]:
    return tuple(k for k in KINDS if (SHAPE, SH.sparql, k.constraint) in shapes)


def prefetched(shapes: Graph, select: Any, written: Sequence[tuple[Any, Any, Any]] = ()) -> Any:
    """``select`` (the SPARQL engine's query function), with the scan's pre-filter already running.

    ``written``: triples whose literal the store holds rewritten, as the files write them
    (:func:`referentiel.validation.privacy_written.written_values`): the scan looks at them too.

    The pre-filter reads every literal of the data (about a second per million triples). Started on
    a thread of its own before the engine's queries, it runs while they do (pyoxigraph releases the
    GIL; a remote endpoint answers two requests at once): the returned function answers the scan's
    query with its rows when asked, and passes every other query to ``select``. The same rows as
    running it later: the data do not change during a validation.
    """
    if select is None or not applies(shapes):
        return select
    query = _store_query(_kinds(shapes))
    answer: dict[str, Any] = {}

    def fetch() -> None:
        try:
            answer["rows"] = select(query, ("s", "p", "o"))
        except BaseException as exc:  # handed to the caller, which asks for the rows
            answer["error"] = exc

    thread = threading.Thread(target=fetch, name="privacy-scan", daemon=True)
    thread.start()

    def select_with_scan(text: str, names: Any, this: Any = None) -> Any:
        if text != query or this is not None or tuple(names) != ("s", "p", "o"):
            return select(text, names, this)
        thread.join()
        if "error" in answer:
            raise answer["error"]
        return [*answer["rows"], *written] if written else answer["rows"]

    return select_with_scan


def settle(data: Any, shapes: Graph, report: Graph, conforms: bool, select: Any = None) -> bool:
    """Make the privacy results of ``report`` those of the recognisers; whether the data conform now.

    The engine's results the recognisers do not confirm are removed (:func:`drop_unconfirmed`), the
    values they find that the engine missed are added (:func:`add_missed_results`). ``conforms``:
    the engine's verdict; it turns true when the only results were unconfirmed ones.
    """
    dropped = drop_unconfirmed(shapes, report)
    if add_missed_results(data, shapes, report, select):
        return False
    if dropped and not conforms and next(report.objects(None, SH.result), None) is None:
        root = next(report.subjects(RDF.type, SH.ValidationReport), None)
        if root is not None:
            report.set((root, SH.conforms, Literal(True)))
        return True
    return conforms


def drop_unconfirmed(shapes: Graph, report: Graph) -> int:
    """Remove from ``report`` the national-number, phone and e-mail results whose value the
    recogniser of their kind does not confirm; how many.

    The SPARQL constraints are written with the ASCII-minded regular expressions of SPARQL 1.1:
    ``refsh:NoPhone``'s pattern cannot tell a phone from a date followed by a number ("05/01/2023 9",
    "2023-04-22 12345") or from decimals ("0.25 0.50 0.75"). What a validation reports is what the
    translation's screen would refuse (tests/validation/test_validation_phone_shape.py).
    """
    if not applies(shapes):
        return 0
    finders = {k.constraint: k.find for k in _kinds(shapes)}
    dropped = 0
    for node in list(report.subjects(SH.sourceShape, SHAPE)):
        find = finders.get(report.value(node, SH.sourceConstraint))  # type: ignore[arg-type]
        value = report.value(node, SH.value)
        if find is None or not isinstance(value, Literal) or find(str(value)):
            continue
        report.remove((None, SH.result, node))
        report.remove((node, None, None))
        dropped += 1
    return dropped


def add_missed_results(data: Any, shapes: Graph, report: Graph, select: Any = None) -> int:
    """Add to ``report`` the national-number, phone and e-mail results the engine missed; how many.

    ``data``: the rdflib data graph, unless ``select`` (the SPARQL engine's query function over a store
    or an endpoint) gives access to the data.

    The report graph is the engine's W3C validation report: its ``sh:conforms`` becomes false when a
    result is added.
    """
    if not applies(shapes):
        return 0
    kinds = _kinds(shapes)
    hits = find_personal_values(data, select, kinds)
    if not any(hits.values()):
        return 0
    root = next(report.subjects(RDF.type, SH.ValidationReport), None)
    if root is None:
        root = BNode()
        report.add((root, RDF.type, SH.ValidationReport))
    severity = shapes.value(SHAPE, SH.severity) or SH.Violation
    added = 0
    for constraint, triples in hits.items():
        reported = {
            (
                report.value(node, SH.focusNode),
                report.value(node, SH.resultPath),
                report.value(node, SH.value),
            )
            for node in report.subjects(SH.sourceConstraint, constraint)
        }
        messages = [m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)]
        for s, p, o in dict.fromkeys(triples):
            if (s, p, o) in reported:
                continue
            node = BNode()
            report.add((root, SH.result, node))
            report.add((node, RDF.type, SH.ValidationResult))
            report.add((node, SH.focusNode, s))
            report.add((node, SH.resultPath, p))
            report.add((node, SH.value, o))
            report.add((node, SH.sourceShape, SHAPE))
            report.add((node, SH.sourceConstraint, constraint))
            report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            report.add((node, SH.resultSeverity, severity))
            for message in messages:
                report.add((node, SH.resultMessage, message))
            added += 1
    if added:
        report.set((root, SH.conforms, Literal(False)))
    return added
