"""How two terms relate through mapping sets: SKOS mapping predicates as relations, their inverse
and their composition along a path (the table of :mod:`referentiel.translation.terms`).
"""

from __future__ import annotations

from collections.abc import Iterable

EXACT, CLOSE, BROAD, NARROW, RELATED, UNKNOWN = "exact", "close", "broad", "narrow", "related", "unknown"
RELATIONS = (EXACT, CLOSE, BROAD, NARROW, RELATED, UNKNOWN)
_PREDICATE_RELATION = {
    "skos:exactMatch": EXACT,
    "skos:closeMatch": CLOSE,
    "skos:broadMatch": BROAD,
    "skos:narrowMatch": NARROW,
    "skos:relatedMatch": RELATED,
}
RELATION_PREDICATE = {v: k for k, v in _PREDICATE_RELATION.items()}
_INVERSE = {EXACT: EXACT, CLOSE: CLOSE, BROAD: NARROW, NARROW: BROAD, RELATED: RELATED, UNKNOWN: UNKNOWN}
_STRENGTH = {EXACT: 0, CLOSE: 1, BROAD: 2, NARROW: 2, RELATED: 3, UNKNOWN: 4}


def relation_of(predicate: str) -> str:
    """The relation name of a SKOS mapping predicate (``skos:broadMatch`` -> ``broad``)."""
    return _PREDICATE_RELATION.get(predicate, UNKNOWN)


def inverse(relation: str) -> str:
    """The inverse relation (broad <-> narrow; the others are symmetric)."""
    return _INVERSE[relation]


def compose(first: str, second: str) -> tuple[str, bool]:
    """Compose two relations (``a first x``, ``x second b``) -> (relation of a to b, approximate?).

    See the table in the module docstring.
    """
    if UNKNOWN in (first, second):
        return UNKNOWN, False
    if first == EXACT:
        return second, False
    if second == EXACT:
        return first, False
    if CLOSE in (first, second):
        other = second if first == CLOSE else first
        return other, True
    if first == second and first in (BROAD, NARROW):
        return first, False
    if first == NARROW and second == BROAD:
        return RELATED, False
    return UNKNOWN, False


def compose_path(relations: Iterable[str]) -> tuple[str, bool]:
    """Compose a chain of relations left to right -> (relation, approximate?)."""
    result, approximate = EXACT, False
    for relation in relations:
        result, approx = compose(result, relation)
        approximate = approximate or approx
    return result, approximate
