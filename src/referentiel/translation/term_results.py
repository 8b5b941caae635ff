"""What translating or looking up a term answers (:class:`TranslationResult`, :class:`LookupResult`)
and how the terminal shows it in the user's language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from referentiel.privacy import scrub, shown
from referentiel.translation.messages import Msg, render
from referentiel.translation.term_relations import EXACT, RELATION_PREDICATE


@dataclass
class Step:
    """One step of a translation path: ``subject predicate object`` and where it is stated."""

    subject: str
    predicate: str
    object: str
    source: str  # an organisation slug, or "framework"
    line: int | None = None
    confidence: float | None = None


@dataclass
class Translation:
    """One answer: the target term or concept and how it relates to the source term."""

    target: str  # "framework" or an organisation slug
    id: str  # concept CURIE or the organisation's subject_id
    label: str  # the organisation's term, or the concept's French label
    relation: str  # exact, close, broad, narrow, related, unknown
    approximate: bool
    confidence: float | None
    path: list[Step]
    labels: dict[str, str] = field(default_factory=dict)  # a concept's label per language

    def label_in(self, lang: str) -> str:
        """The concept's label in ``lang`` (an organisation's term is shown as the organisation wrote it)."""
        return self.labels.get(lang) or self.label

    @property
    def exact(self) -> bool:
        """True only for an equivalence derived from exact matches all along the path."""
        return self.relation == EXACT and not self.approximate

    @property
    def predicate(self) -> str | None:
        """The SKOS predicate from the source term to the target (``None`` when unknown)."""
        return RELATION_PREDICATE.get(self.relation)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """A JSON-ready dict; ``label`` in ``lang`` (``labels`` has every language)."""
        data = asdict(self)
        data["label"] = self.label_in(lang)
        data["exact"] = self.exact
        data["predicate"] = self.predicate
        return data


@dataclass
class TranslationResult:
    """The answers for one term."""

    term: str
    source: str
    target: str
    translations: list[Translation] = field(default_factory=list)
    source_mappings: list[Step] = field(default_factory=list)
    no_equivalent: bool = False
    message: Msg | None = None
    did_you_mean: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)  # target organisations with no translation

    @property
    def found(self) -> bool:
        """True when at least one translation was found."""
        return bool(self.translations)

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """A JSON-ready dict; the message and the concepts' labels in ``lang``, keys and relations in
        English."""
        return {
            "term": shown(self.term),
            "source": self.source,
            "target": self.target,
            "found": self.found,
            "no_equivalent": self.no_equivalent,
            "message": scrub(self.message.text(lang)) if self.message else None,
            "did_you_mean": self.did_you_mean,
            "organisations_without_translation": self.without,
            "source_mappings": [asdict(s) for s in self.source_mappings],
            "translations": [t.to_dict(lang) for t in self.translations],
        }


@dataclass
class TermEntry:
    """An organisation's term linked to a framework concept."""

    organisation: str
    term: str
    id: str
    relation: str  # relation of the organisation's term to the looked-up concept
    via: str  # the concept the mapping points to (the looked-up one, or one above/below it)
    confidence: float | None
    line: int | None
    approximate: bool = False


@dataclass
class LookupResult:
    """Each organisation's terms for one framework concept."""

    concept: str
    labels: dict[str, str]
    entries: list[TermEntry] = field(default_factory=list)
    without_term: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "concept": self.concept,
            "labels": self.labels,
            "entries": [asdict(e) for e in self.entries],
            "organisations_without_term": self.without_term,
        }


# ------------------------------------------------------------------------------------- rendering


def render_translations(result: TranslationResult, lang: str = "fr") -> str:
    """A human-readable answer in ``lang``, saying how exact each translation is."""

    def say(message_id: str, **params: Any) -> str:
        return render(message_id, params, lang)

    # The term is echoed: mask anything that looks like personal data typed by mistake.
    lines = [f"{shown(result.term)!r} ({result.source}) -> {result.target}"]
    if result.message:
        lines.append(f"  {scrub(result.message.text(lang))}")
    if result.did_you_mean:
        lines.append(say("terms.did-you-mean", terms=", ".join(repr(t) for t in result.did_you_mean)))
    if (
        not result.translations
        and not result.no_equivalent
        and result.source != "framework"
        and not result.source_mappings
    ):
        lines.append(say("terms.hint-suggest", organisation=result.source))
    for t in result.translations:
        relation = say(f"terms.flag.{t.relation}")
        flag = relation if t.exact else (say("terms.approximate") + " " if t.approximate else "") + relation
        conf = say("terms.confidence", confidence=f"{t.confidence:g}") if t.confidence is not None else ""
        where = "" if t.target == "framework" or result.target != "all" else f" [{t.target}]"
        lines.append(f"  {flag}: {t.label_in(lang)!r} ({t.id}){where}{conf}")
        lines.append(
            f"    {say(f'terms.relation.{t.relation}')}"
            + (say("terms.approximate-note") if t.approximate else "")
        )
        via = " ; ".join(
            f"{s.subject} {s.predicate} {s.object} ({s.source}"
            + (say("terms.line", line=s.line) if s.line else "")
            + ")"
            for s in t.path
        )
        lines.append(say("terms.via", path=via))
    if result.without:
        lines.append(say("terms.without", organisations=", ".join(result.without)))
    return "\n".join(lines) + "\n"


def render_lookup(result: LookupResult, lang: str = "fr") -> str:
    """A human-readable list of each organisation's terms for a concept, in ``lang``."""
    label = result.labels.get(lang) or next(iter(result.labels.values()), "")
    lines = [f"{result.concept} ({label})"]
    current = None
    for e in result.entries:
        if e.organisation != current:
            current = e.organisation
            lines.append(f"  {current}:")
        via = "" if e.via == result.concept else render("terms.lookup-via", {"concept": e.via}, lang)
        approx = render("terms.lookup-approximate", {}, lang) if e.approximate else ""
        relation = render(f"terms.flag.{e.relation}", {}, lang).lower()
        lines.append(f"    {e.term!r} ({e.id}): {relation}{approx}{via}")
    for slug in result.without_term:
        lines.append(render("terms.lookup-none", {"organisation": slug}, lang))
    return "\n".join(lines) + "\n"
