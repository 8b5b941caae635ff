"""Personal values in typed literals as they are written, before the store rewrites them.

Oxigraph's storage keeps the literals of XSD value types by value: ``"0472123456"^^xsd:integer``
comes back as ``"472123456"``, ``+32472123456`` (a bare Turtle integer) as ``"32472123456"``. The
privacy constraints and scan read the store, where the trunk "0" or the "+" is gone, so a phone
typed as a number would pass ``validate`` (SPARQL engine) and ``load``. This module reads the files
themselves: a regular expression over the bytes finds whether a file may hold such a literal (a
quoted form of digits beginning with "0", "+" or "(" followed by ``^^``, not ``xsd:string``; or, in
Turtle, a bare number of eight digits or more beginning with "0" or "+"); only such a file is parsed
again, and each typed literal the store would rewrite whose written form a recogniser of the privacy
scan confirms is returned as a triple, for the scan to report as written (the data are not changed).
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Two searches, not one alternation: each starts with a fixed character (a quote; a blank, comma or
# bracket), which Python's engine scans for fast (7 MB of Turtle: 2 ms and 63 ms, against 342 ms
# for one alternation with look-behinds)
_QUOTED = re.compile(
    rb'"[+(0][0-9 ./()+-]{7,}"\s*\^\^(?!\s*(?:xsd:string|<http://www\.w3\.org/2001/XMLSchema#string>))'
)
_BARE = re.compile(rb"[\s,(\[][+0][0-9]{7,}(?![\w.:/-])")
_TURTLE = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)


def may_hold(payload: bytes | mmap.mmap, rdf_format: Any) -> bool:
    """Whether the text of a file may hold a typed literal whose written form the store would lose."""
    return bool(_QUOTED.search(payload) or (rdf_format in _TURTLE and _BARE.search(payload)))


def written_values(sources: Iterable[tuple[Path | bytes, Any, str]]) -> list[tuple[Any, Any, Any]]:
    """The triples (pyoxigraph terms, literals as written) of ``sources`` — ``(path or bytes,
    pyoxigraph format, base IRI)`` — whose typed literal the store would rewrite and whose written
    form holds a national number, a phone or an e-mail address for the privacy scan's recognisers.

    Blank nodes get the parser's labels, not the store's: a result on one counts, its focus is "_:".
    RDF/XML and JSON-LD are not looked at (no typed literal is written with "^^" there).
    """
    from referentiel.validation.privacy_scan import KINDS
    from referentiel.validation.sparql.lexical import PROBE

    filters = [(k, re.compile(k.candidate, re.IGNORECASE if "i" in k.flags else 0)) for k in KINDS]
    found: list[tuple[Any, Any, Any]] = []
    for source, rdf_format, base in sources:
        if rdf_format not in (*_TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            continue
        if not _may_hold_source(source, rdf_format):
            continue
        where = {"path": str(source)} if isinstance(source, Path) else {"input": source}
        candidates = []
        for quad in ox.parse(format=rdf_format, base_iri=base, **where):
            term = quad.object
            if not isinstance(term, ox.Literal) or term.language:
                continue
            datatype = term.datatype.value
            if not datatype.startswith(_XSD) or datatype == _XSD + "string":
                continue
            text = term.value
            if any(pattern.search(text) and kind.find(text) for kind, pattern in filters):
                candidates.append((quad.subject, quad.predicate, term))
        changed = PROBE.changed(o for _, _, o in candidates)
        found += [triple for triple in candidates if triple[2] in changed]
    return found


def _may_hold_source(source: Path | bytes, rdf_format: Any) -> bool:
    if not isinstance(source, Path):
        return may_hold(source, rdf_format)
    with source.open("rb") as handle:
        if source.stat().st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:  # never read whole
            return may_hold(view, rdf_format)
