"""Recording a reviewer's decision on a candidate mapping in the organisation's own mapping set.

``mappings suggest`` proposes candidates; a reviewer (an agency's data steward) accepts one, rejects
one, or picks another concept. :func:`record_decision` writes that decision into the organisation's
SSSOM mapping set as a manually curated row (``semapv:ManualMappingCuration``, the reviewer's id as
``author_id``, the day as ``mapping_date``); a rejection is a negated row (``predicate_modifier:
Not``), so the same candidate is not proposed as new again. The set is checked with
:func:`referentiel.translation.mapping_checks.check_mapping_set` (the checks of ``mappings check``)
**before** it is saved: a set with an ERROR is not written, and the findings say why.

The command ``referentiel mappings review`` and the workbench's vocabulary page both call it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from referentiel.errors import InputError
from referentiel.translation.framework import Framework
from referentiel.translation.mapping_check_registry import ERROR, Finding
from referentiel.translation.mapping_check_rules import check_mapping_set
from referentiel.translation.sssom import (
    SKOS_PREDICATES,
    Mapping,
    MappingSet,
    normalise_term,
    read_mapping_set,
    write_mapping_set,
)
from referentiel.translation.suggest import slugify

ACCEPT = "accept"
REJECT = "reject"
PREDICATES = SKOS_PREDICATES  # the predicates a reviewer may choose: SKOS's five
JUSTIFICATION = "semapv:ManualMappingCuration"


@dataclass
class ReviewResult:
    """The mapping set after the decision, the row written, and the checks' findings."""

    mapping_set: MappingSet
    mapping: Mapping
    findings: list[Finding] = field(default_factory=list)
    saved: bool = False

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity ERROR (any of them prevents saving)."""
        return [f for f in self.findings if f.severity == ERROR]


def organisation_prefix(ms: MappingSet) -> str:
    """The CURIE prefix of the organisation's own terms (the one whose namespace is under ``/org/``)."""
    for prefix, namespace in ms.curie_map.items():
        if "/org/" in namespace:
            return prefix
    raise InputError.of(
        "the mapping set declares no prefix for the organisation's terms",
        file=ms.path,
        hint="add a curie_map entry such as 'myorg: https://w3id.org/referentiel/org/my-org/'",
    )


def _subject_id(ms: MappingSet, term: str, scheme: str | None, prefix: str) -> str:
    wanted = normalise_term(term)
    for mapping in ms.mappings:
        if mapping.subject_label and normalise_term(mapping.subject_label) == wanted:
            return mapping.subject_id
    kind = (scheme or "term").removeprefix("refc:").removeprefix("scheme-").rstrip("-")
    return f"{prefix}:{kind}-{slugify(term)}"


def _author_id(author: str, prefix: str, ms: MappingSet) -> str:
    author = author.strip()
    if not author:
        raise InputError.of(
            "a reviewed mapping needs its reviewer",
            hint="give the reviewer's identifier (a role, or an ORCID such as orcid:0000-0002-...), "
            "not a name",
        )
    if ":" in author and " " not in author:
        declared = author.split(":", 1)[0]
        if declared == "orcid" and declared not in ms.prefixes:
            ms.curie_map["orcid"] = "https://orcid.org/"
        if declared in ms.prefixes:
            return author
    return f"{prefix}:{slugify(author)}"


def record_decision(
    path: str | Path,
    *,
    term: str,
    concept: str,
    author: str,
    decision: str = ACCEPT,
    predicate: str = "skos:exactMatch",
    scheme: str | None = None,
    framework: Framework | None = None,
    today: _dt.date | None = None,
    save: bool = True,
) -> ReviewResult:
    """Record that the organisation's ``term`` matches (``accept``) or does not match (``reject``)
    the framework ``concept`` (a CURIE, IRI or local name) in the mapping set at ``path``.

    The new row replaces any earlier decision on the same term and concept. The set is checked
    against ``framework`` (default: the bundled one) and written only when no ERROR is found (and
    ``save``). Raises :class:`~referentiel.errors.InputError` for an unknown concept or predicate.
    """
    from referentiel.translation.framework import load_framework

    if decision not in (ACCEPT, REJECT):
        raise InputError.of("unknown decision {decision!r}", decision=decision, hint="use accept or reject")
    if predicate not in PREDICATES:
        raise InputError.of(
            "unknown mapping predicate {predicate!r}",
            predicate=predicate,
            hint="use one of {predicates}",
            predicates=", ".join(PREDICATES),
        )
    framework = framework or load_framework()
    found = framework.get(concept) or framework.get(f"refc:{concept}")
    if found is None:
        raise InputError.of(
            "the framework has no concept {concept!r}",
            concept=concept,
            hint="give a concept of the framework, e.g. refc:role-midwife (see `referentiel terms lookup`)",
        )
    ms = read_mapping_set(path)
    prefix = organisation_prefix(ms)
    if "refc" not in ms.curie_map:
        ms.curie_map["refc"] = "https://w3id.org/referentiel/concept/"
    day = (today or _dt.date.today()).isoformat()
    subject_id = _subject_id(ms, term, scheme, prefix)
    object_id = ms.compress(found.iri)
    mapping = Mapping(
        subject_id=subject_id,
        subject_label=term,
        predicate_id=predicate,
        object_id=object_id,
        object_label=found.label("fr"),
        mapping_justification=JUSTIFICATION,
        author_id=_author_id(author, prefix, ms),
        mapping_date=day,
        predicate_modifier="Not" if decision == REJECT else None,
        comment="rejected in review" if decision == REJECT else None,
    )
    ms.mappings = [
        m for m in ms.mappings if not (m.subject_id == subject_id and m.object_id == object_id)
    ] + [mapping]
    result = ReviewResult(ms, mapping, check_mapping_set(ms, framework))
    if save and not result.errors:
        write_mapping_set(ms, path)
        result.saved = True
    return result
