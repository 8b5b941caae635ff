"""The XML of a workbook's sheets and shared strings, read in one streaming pass with expat.

openpyxl builds an ElementTree element for every cell and converts it in Python, and its read-only
worksheets parse a sheet once more on opening when it has no ``<dimension>``: reading the sheets of
a 10,000-family workbook cost four fifths of its translation (docs/performance.md). Here expat calls
back for the few elements that matter (rows, cells, their value or inline text) and nothing is kept
but the values, row by row, as they are read (chunks of :data:`CHUNK` bytes: memory is that of the
rows, not of the XML).

The values are those openpyxl gives with ``data_only=True`` (the same rules, in the same order, as
``openpyxl.worksheet._reader.WorkSheetParser.parse_cell`` and ``reader.strings.read_string_table``:
numbers, dates by cell style, shared and inline strings, booleans, ISO dates, cached formula values).
The parsers are defused as defusedxml defuses openpyxl's: a declared entity or an external reference
raises defusedxml's own exception (:func:`referentiel.translation.xlsx._xml_error` names it), and a
text longer than the ``cell`` limit is refused while it is being read, not after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, Any
from xml.parsers import expat

from referentiel import limits

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SEP = "}"  # expat's namespace separator: a name arrives as "namespace}local"
ROW, VALUE, INLINE, TEXT, SI = (f"{NS}{_SEP}{name}" for name in ("row", "v", "is", "t", "si"))
CHUNK = 1 << 16
_DIGITS = "0123456789"


def _forbid_entities(name: Any, *args: Any) -> None:
    from defusedxml import EntitiesForbidden

    raise EntitiesForbidden(name, None, None, None, None, None)


def _forbid_external(context: Any, base: Any, sysid: Any, pubid: Any) -> None:
    from defusedxml import ExternalReferenceForbidden

    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _parser() -> Any:
    """An expat parser with namespaces, defused like defusedxml's (no entity declared, nothing external)."""
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.EntityDeclHandler = _forbid_entities
    parser.UnparsedEntityDeclHandler = _forbid_entities
    parser.ExternalEntityRefHandler = _forbid_external
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    return parser


def _feed(parser: Any, source: IO[bytes], done: list[Any]) -> Iterator[Any]:
    """Parse ``source`` chunk by chunk, yielding what the handlers put in ``done`` as it comes."""
    while True:
        chunk = source.read(CHUNK)
        parser.Parse(chunk, not chunk)
        if done:
            yield from done
            done.clear()
        if not chunk:
            return


def _local(name: str) -> str:
    return name[name.rfind(_SEP) + 1 :]


class _Text:
    """The text of a rich-text element (``<is>``, ``<si>``) as openpyxl's ``Text.content`` gives it:
    its last ``<t>`` child, then the last ``<t>`` of each ``<r>`` run; phonetic runs (``<rPh>``) are
    left out. An element's text is what precedes its first child (ElementTree's ``.text``)."""

    __slots__ = ("plain", "runs", "child", "parts", "reading", "size", "limit", "too_long")

    def __init__(self, limit: int, too_long: Callable[[], Exception]) -> None:
        self.plain: str | None = None
        self.runs: list[str | None] = []
        self.child = ""  # local name of the current child of the text element
        self.parts: list[str] = []
        self.reading = False
        self.size = 0
        self.limit = limit
        self.too_long = too_long

    def start(self, level: int, name: str) -> None:
        """An element starts ``level`` levels below the text element."""
        self.reading = False
        if level == 1:
            self.child = local = _local(name)
            if local == "t":
                self.parts, self.reading = [], True
            elif local == "r":
                self.runs.append(None)
        elif level == 2 and self.child == "r" and _local(name) == "t":
            self.parts, self.reading = [], True

    def end(self, level: int, name: str) -> None:
        self.reading = False
        if level == 1:
            if self.child == "t":
                self.plain = "".join(self.parts)
            self.child = ""
        elif level == 2 and self.child == "r" and _local(name) == "t":
            self.runs[-1] = "".join(self.parts)

    def data(self, text: str) -> None:
        if self.reading:
            self.size += len(text)
            if self.size > self.limit:
                raise self.too_long()
            self.parts.append(text)

    def content(self) -> str:
        out = [self.plain] if self.plain is not None else []
        out.extend(run for run in self.runs if run is not None)
        return "".join(out)


def shared_strings(source: IO[bytes], limit: int, too_long: Callable[[], Exception]) -> list[str]:
    """The shared strings of a workbook (``xl/sharedStrings.xml``), as openpyxl reads them."""
    parser = _parser()
    strings: list[str] = []
    level = 0  # depth below the current <si> (0: not in one)
    text = _Text(limit, too_long)

    def start(name: str, attrs: Any) -> None:
        nonlocal level, text
        if level:
            level += 1
            text.start(level - 1, name)
        elif name == SI:
            level, text = 1, _Text(limit, too_long)

    def end(name: str) -> None:
        nonlocal level
        if level == 1:
            strings.append(text.content().replace("x005F_", ""))
        elif level:
            text.end(level - 1, name)
        level = max(level - 1, 0)

    def data(chunk: str) -> None:
        if level:
            text.data(chunk)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    for _ in _feed(parser, source, []):
        pass
    return strings


def _cast_number(value: str) -> int | float:
    # openpyxl's rule: a point or an exponent makes a float
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


class SheetReader:
    """The rows of one sheet: ``(row number, {column: value})``, only the cells holding a value."""

    def __init__(
        self,
        strings: Callable[[], list[str]],
        epoch: Any,
        date_formats: Any,
        timedelta_formats: Any,
        where: str,
    ) -> None:
        self.strings = strings  # called on the first shared-string cell (most exports write none)
        self.epoch = epoch
        self.date_formats = date_formats
        self.timedelta_formats = timedelta_formats
        self.where = where
        self.limit = limits.current().cell

    def rows(self, source: IO[bytes]) -> Iterator[tuple[int, dict[int, Any]]]:
        """Every ``<row>`` of the sheet in the file's order, whatever its ``<dimension>`` says."""
        from openpyxl.utils import column_index_from_string, get_column_letter
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        parser = _parser()
        done: list[tuple[int, dict[int, Any]]] = []
        columns: dict[str, int] = {}
        date_formats, timedelta_formats, epoch, limit = (
            self.date_formats,
            self.timedelta_formats,
            self.epoch,
            self.limit,
        )
        shared: list[str] | None = None
        # depth below the current <row> (0: not in one; 1: the row; 2: a cell; 3: its children...)
        depth = 0
        row_no = col_no = 0
        values: dict[int, Any] = {}
        kind: str = "n"
        style: Any = 0
        parts: list[str] = []  # the text of the cell's first <v>
        reading = False  # in that <v>, before any child of it
        in_value = seen_value = False
        value: str | None = None
        inline: _Text | None = None  # the cell's first <is>, while it is read (inline strings)
        inline_done = False
        size = 0

        def too_long() -> Exception:
            return limits.too_large("cell", self.where, line=row_no, column=get_column_letter(col_no or 1))

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal depth, row_no, col_no, values, kind, style, parts, reading, value
            nonlocal inline, inline_done, size, in_value, seen_value
            reading = False  # an element's text is what precedes its first child
            if depth == 0:
                if name == ROW:
                    depth = 1
                    number = attrs.get("r")
                    if number is None:
                        row_no += 1
                    else:
                        try:
                            row_no = int(number)
                        except ValueError:
                            real = float(number)
                            if not real.is_integer():
                                raise ValueError(f"{number} is not a valid row number") from None
                            row_no = int(real)
                    col_no = 0
                    values = {}
                return
            depth += 1
            if depth == 2:  # a cell: every child of a row is one, as openpyxl reads them
                kind = attrs.get("t", "n")
                style = attrs.get("s", 0)
                coordinate = attrs.get("r")
                if coordinate:
                    letters = coordinate.rstrip(_DIGITS)
                    column = columns.get(letters)
                    if column is None:
                        if letters == coordinate or not letters.isupper():
                            raise ValueError(f"{coordinate} is not a cell reference")
                        column = columns[letters] = column_index_from_string(letters)
                    col_no = column
                else:
                    col_no += 1
                value = inline = None
                inline_done = in_value = seen_value = False
                size = 0
            elif depth == 3:
                if name == VALUE and not seen_value:
                    parts, reading, in_value, seen_value = [], True, True, True  # findtext: the first <v>
                elif name == INLINE and kind == "inlineStr" and not inline_done:
                    inline = _Text(limit, too_long)
            elif inline is not None and not inline_done:
                if depth == 4 and name == TEXT:  # the usual inline string: <is><t>text</t></is>
                    inline.child, inline.parts, inline.reading = "t", [], True
                else:
                    inline.start(depth - 3, name)

        def end(name: str) -> None:
            nonlocal depth, reading, value, inline, inline_done, in_value
            reading = False
            if depth == 0:
                return
            if depth == 1:
                done.append((row_no, values))
            elif depth == 2:
                cell = _cell()
                if cell is not None:
                    values[col_no] = cell
            elif depth == 3:
                if in_value:
                    value, in_value = "".join(parts), False
                if inline is not None:
                    inline_done = True
            elif inline is not None and not inline_done:
                if depth == 4 and inline.child == "t":
                    inline.plain, inline.child, inline.reading = "".join(inline.parts), "", False
                else:
                    inline.end(depth - 3, name)
            depth -= 1

        def data(text: str) -> None:
            nonlocal size
            if reading:
                size += len(text)
                if size > limit:
                    raise too_long()
                parts.append(text)
            elif inline is not None and inline.reading and not inline_done:
                inline.data(text)

        def _cell() -> Any:
            nonlocal shared
            if kind == "inlineStr":
                if inline is None:
                    return None
                return inline.content() if inline.runs else (inline.plain or "")
            if not value:  # openpyxl: ``findtext(...) or None``
                return None
            if kind == "n":
                number = _cast_number(value)
                style_id = int(style) if style else style  # openpyxl's: "0" and 0 are 0, "" stays ""
                if style_id in date_formats:
                    try:
                        return from_excel(number, epoch, timedelta=style_id in timedelta_formats)
                    except (OverflowError, ValueError):
                        return "#VALUE!"  # openpyxl's value for a date out of range
                return number
            if kind == "s":
                if shared is None:
                    shared = self.strings()
                text = shared[int(value)]
                if len(text) > limit:
                    raise too_long()
                return text
            if kind == "b":
                return bool(int(value))
            if kind == "d":
                return from_ISO8601(value)
            return value  # "str" (a formula's cached text), "e" (an error), anything else as written

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = data
        yield from _feed(parser, source, done)
