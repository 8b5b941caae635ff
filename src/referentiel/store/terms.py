"""RDF terms for the store layer: parsing, serialising and binding values as proper RDF terms.

Everything that reaches a SPARQL text (INSERT DATA, VALUES) goes through :func:`to_sparql`, which
writes pyoxigraph's own N-Triples serialisation of a term: quotes, backslashes and newlines are
escaped by the RDF library, never by string pasting.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from referentiel.errors import ConfigError
from referentiel.privacy import shown

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def xsd(name: str) -> ox.NamedNode:
    """``xsd:name`` as a pyoxigraph IRI."""
    return ox.NamedNode(XSD + name)


def to_sparql(term: Term | ox.Triple) -> str:
    """The SPARQL/N-Triples text of a term (escaped by pyoxigraph)."""
    return str(term)


_DATE = re.compile(r"^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_GYEAR = re.compile(r"^-?\d{4,}(Z|[+-]\d{2}:\d{2})?$")

# Declared parameter types -> a checker returning the canonical lexical form (or raising ValueError).


def _integer(text: str) -> str:
    return str(int(text.strip()))


def _decimal(text: str) -> str:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return format(value, "f")


def _double(text: str) -> str:
    return repr(float(text.strip()))


def _boolean(text: str) -> str:
    low = text.strip().lower()
    if low in ("true", "1", "yes", "oui", "ja"):
        return "true"
    if low in ("false", "0", "no", "non", "nee"):
        return "false"
    raise ValueError(text)


def _pattern(regex: re.Pattern[str]) -> Any:
    def check(text: str) -> str:
        if not regex.match(text.strip()):
            raise ValueError(text)
        return text.strip()

    return check


def _date(text: str) -> str:
    """An xsd:date that exists in the calendar (2023-02-30 does not)."""
    from datetime import date

    value = _pattern(_DATE)(text)
    digits = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if digits:
        date(int(digits[1]), int(digits[2]), int(digits[3]))  # ValueError when it does not exist
    return value


PARAM_TYPES: dict[str, Any] = {
    "xsd:integer": _integer,
    "xsd:decimal": _decimal,
    "xsd:double": _double,
    "xsd:boolean": _boolean,
    "xsd:date": _date,
    "xsd:dateTime": _pattern(_DATETIME),
    "xsd:gYear": _pattern(_GYEAR),
    "xsd:string": lambda text: text,
    "iri": None,
}

_TYPE_EXAMPLES = {
    "xsd:integer": "5",
    "xsd:decimal": "0.5",
    "xsd:double": "1.5e3",
    "xsd:boolean": "true",
    "xsd:date": "2024-01-31",
    "xsd:dateTime": "2024-01-31T12:00:00",
    "xsd:gYear": "2024",
    "xsd:string": "any text",
    "iri": "https://w3id.org/referentiel/concept/sector-health",
}


def param_term(name: str, type_name: str, text: str) -> Term:
    """The RDF term for a parameter value given as text, typed from its declared type.

    Raises :class:`ConfigError` (exit 2) when the text is not a valid value of that type.
    """
    if type_name not in PARAM_TYPES:
        raise ConfigError.of(
            "parameter {name!r} declares an unknown type {type_name!r}",
            name=name,
            type_name=type_name,
            hint="use one of: {types}",
            types=", ".join(PARAM_TYPES),
        )
    if type_name == "iri":
        value = text.strip()
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        try:
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$", value):
                raise ValueError(value)
            return ox.NamedNode(value)
        except ValueError:
            raise ConfigError.of(
                "parameter {name!r}: not an absolute IRI",
                name=name,
                example=_TYPE_EXAMPLES["iri"],
                hint="give a full IRI, e.g. {name}={example}",
            ) from None
    try:
        lexical = PARAM_TYPES[type_name](text)
    except (ValueError, TypeError):
        raise ConfigError.of(
            "parameter {name!r}: {value!r} is not a valid {type_name}",
            name=name,
            value=shown(text[:40]),
            type_name=type_name,
            example=_TYPE_EXAMPLES[type_name],
            hint="give a value like {name}={example}",
        ) from None
    return ox.Literal(lexical, datatype=xsd(type_name.split(":", 1)[1]))


def python_value(term: Term | None) -> Any:
    """A plain Python value for a result term (int, float, Decimal, bool, str) — for tests and tables."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        text = term.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
                return int(text)
            if dt == XSD + "decimal":
                return Decimal(text)
            if dt in (XSD + "double", XSD + "float"):
                return float(text)
            if dt == XSD + "boolean":
                return text in ("true", "1")
        except ValueError:
            return text
        return text
    return term.value
