"""Reading RDF files with errors a person can act on (file, line, column, what is wrong).

rdflib is the reference parser for small files (ontology, shapes, reports). Large data goes through
pyoxigraph (about 12x faster to parse, see docs/performance.md) in the store and validation layers.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Dataset, Graph

from referentiel import guards, limits
from referentiel.errors import InputError, input_error

# Extension -> (rdflib format, pyoxigraph media type)
FORMATS: dict[str, tuple[str, str]] = {
    ".ttl": ("turtle", "text/turtle"),
    ".turtle": ("turtle", "text/turtle"),
    ".nt": ("nt", "application/n-triples"),
    ".ntriples": ("nt", "application/n-triples"),
    ".nq": ("nquads", "application/n-quads"),
    ".trig": ("trig", "application/trig"),
    ".jsonld": ("json-ld", "application/ld+json"),
    ".json": ("json-ld", "application/ld+json"),
    ".rdf": ("xml", "application/rdf+xml"),
    ".owl": ("xml", "application/rdf+xml"),
    ".xml": ("xml", "application/rdf+xml"),
}
FORMAT_NAMES = {
    "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "nquads": "nquads", "nq": "nquads", "n-quads": "nquads", "trig": "trig",
    "json-ld": "json-ld", "jsonld": "json-ld", "xml": "xml", "rdfxml": "xml", "rdf/xml": "xml",
}
QUAD_FORMATS = {"nquads", "trig"}
PARTNER_EXPORTS = {".csv", ".tsv", ".xlsx", ".xlsm", ".xls"}  # not .txt: it may be any syntax


def guess_format(name: str, explicit: str | None = None) -> str:
    """The rdflib format name for a file, from ``explicit`` or from its extension."""
    if explicit:
        key = explicit.lower()
        if key not in FORMAT_NAMES:
            raise InputError.of(
                "unknown RDF format {format!r}",
                hint="use one of: {formats}",
                format=explicit,
                formats=", ".join(sorted(set(FORMAT_NAMES.values()))),
            )
        return FORMAT_NAMES[key]
    suffix = Path(name).suffix.lower()
    if suffix in PARTNER_EXPORTS:
        # A partner's table is not RDF: renaming it would not help, translating it does.
        raise InputError.of(
            "a {suffix} file is a partner export, not RDF",
            suffix=suffix,
            file=name,
            hint="translate it with its organisation's profile first: `referentiel translate FILE --profile "
            "PROFILE -o out.ttl`, or check it in one go with `referentiel validate FILE --profile PROFILE` "
            "(or `referentiel ingest` for a whole folder)",
        )
    if suffix not in FORMATS:
        raise InputError.of(
            "cannot tell the RDF format from the extension {suffix!r}",
            suffix=suffix or "(none)",
            file=name,
            hint="rename the file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) or give --input-format",
        )
    return FORMATS[suffix][0]


def read_bytes(source: str | Path) -> tuple[str, bytes]:
    """Read a file (or ``-`` for stdin) as bytes; clear errors for missing, empty, binary files."""
    name = str(source)
    if name == "-":
        name = "<stdin>"
        data = sys.stdin.buffer.read(limits.current().file + 1)
        if len(data) > limits.current().file:
            raise limits.too_large("file", name, size=len(data))
    else:
        path = Path(name)
        if not path.exists():
            raise InputError.of("file not found", file=name, hint="check the path")
        if path.is_dir():
            raise InputError.of("is a directory, not a file", file=name)
        try:
            limits.check_file_size(path, name)
            data = path.read_bytes()
        except OSError as exc:
            raise InputError.of("cannot be read ({why})", file=name, why=exc.strerror) from None
    if not data.strip():
        raise InputError.of("the file is empty", file=name, hint="export the data again")
    if b"\x00" in data[:4096]:
        raise InputError.of(
            "this is a binary file, not RDF text", file=name,
            hint="export as Turtle, N-Triples, JSON-LD or RDF/XML (a spreadsheet goes through `translate`)",
        )
    return name, data


def check_payload(name: str, data: bytes, rdf_format: str) -> None:
    """Refuse, before any parser runs, what a parser would expand or fetch without bound.

    RDF/XML: external DTDs and entity declarations beyond plain text (:func:`guards.check_xml`);
    JSON-LD: nesting depth and any context that would be fetched (:func:`guards.check_jsonld`).
    """
    if rdf_format == "xml":
        guards.check_xml(data, name)
    elif rdf_format == "json-ld":
        guards.check_jsonld(data, name)


_LINE_PATTERNS = (
    re.compile(r"at line (\d+)(?:,? column (\d+))?", re.I),
    re.compile(r"line[: ]+(\d+)(?:[,:]? ?(?:col(?:umn)?|char)[: ]+(\d+))?", re.I),
    re.compile(r":(\d+):(\d+):"),
)


def locate(message: str) -> tuple[int | None, int | None]:
    """Line and column from a parser's error message, when it gives them."""
    for pattern in _LINE_PATTERNS:
        found = pattern.search(message)
        if found:
            line = int(found.group(1))
            col = int(found.group(2)) if found.lastindex and found.lastindex >= 2 and found.group(2) else None
            return line, col
    return None, None


def _parse_error(name: str, fmt: str, exc: Exception) -> InputError:
    raw = str(exc)
    line, col = locate(raw)
    if line is None and isinstance(getattr(exc, "lines", None), int):
        line = exc.lines + 1  # rdflib's BadSyntax counts lines from 0
    return syntax_error(name, fmt, raw, line, col)


def syntax_error(name: str, fmt: str, message: str, line: int | None, column: int | None) -> InputError:
    """The error for a parser's ``message``: its kind and place only, since parsers quote the text
    they could not read and that text may be a name (see :func:`guards.syntax_kind`)."""
    from referentiel.translation.messages import Msg

    kind = Msg.of(f"syntax.{guards.syntax_kind(message)}")
    return input_error("syntax.malformed", file=name, line=line, column=column, format=fmt, kind=kind)


def parse_into(graph: Graph | Dataset, source: str | Path, fmt: str | None = None) -> str:
    """Parse one file into ``graph``; returns the rdflib format used."""
    name, data = read_bytes(source)
    rdf_format = guess_format(name if name != "<stdin>" else "x.ttl", fmt)
    check_payload(name, data, rdf_format)
    try:
        graph.parse(data=data, format=rdf_format, publicID=Path(name).absolute().as_uri()
                    if name != "<stdin>" else "urn:referentiel:stdin")
    except Exception as exc:  # noqa: BLE001 - parsers raise many types; all mean "malformed"
        raise _parse_error(name, rdf_format, exc) from None
    return rdf_format


def load_graph(*sources: str | Path, fmt: str | None = None) -> Graph:
    """Parse RDF files into one rdflib graph (the named graphs of quad formats are merged)."""
    graph = Graph()
    for source in sources:
        name = str(source)
        rdf_format = guess_format(name if name != "-" else "x.ttl", fmt)
        if rdf_format in QUAD_FORMATS:
            dataset = Dataset()
            parse_into(dataset, source, fmt)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            for prefix, ns in dataset.namespaces():
                graph.bind(prefix, ns, override=False)
        else:
            parse_into(graph, source, fmt)
    return graph
