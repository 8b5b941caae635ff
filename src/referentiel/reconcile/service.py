"""The Reconciliation API 0.2 protocol over the framework, as pure functions (no HTTP here).

Entities are the framework's SKOS concepts, identified by their local name (``role-nurse``; the
identifier space is ``https://w3id.org/referentiel/concept/``). Types are the concept schemes
(``refc:scheme-role``...) and the concept classes (``ref:ProfessionalRole``...). A query is ranked by
the same matcher as ``referentiel mappings suggest`` (the embedding method by default) within its
types, and ``match`` is the decision ``mappings suggest`` takes on the first candidate
(:mod:`referentiel.reconcile.decision`): true only when its calibrated confidence reaches the
calibration's match threshold and it is not a "no good candidate", measured on a ranking at least
five deep whatever ``limit`` the query asks for. Query properties
narrow the candidates: ``scheme`` (a scheme), ``organisation`` (the concepts an organisation's
mapping set maps onto) and ``broader`` (the concepts below a concept).

Data extension gives the labels (fr, nl, en), the definition, the scheme, the broader concepts and,
per organisation, the organisation's terms mapped onto the concept with their SKOS predicate.

Every public method takes and returns plain data; bad input raises :class:`ReconcileError` (HTTP 400
in the web layer) with a message in the request's language.
"""

from __future__ import annotations

import html
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referentiel import __version__
from referentiel.namespaces import REFC
from referentiel.reconcile.decision import Decision
from referentiel.reconcile.messages import render
from referentiel.translation.framework import LANGS, Concept, Framework, Grouping, load_framework
from referentiel.translation.suggest import fold

IDENTIFIER_SPACE = str(REFC)
SCHEMA_SPACE = "https://w3id.org/referentiel/ontology#"
QUERY_FIELDS = {"query", "type", "limit", "properties", "type_strict"}
FILTER_PROPERTIES = ("scheme", "organisation", "broader")


@dataclass(frozen=True)
class Limits:
    """Request limits: a reconciliation service is often exposed to a whole team."""

    max_batch: int = 100
    max_query_length: int = 200
    max_limit: int = 25
    max_ids: int = 500
    max_prefix_length: int = 100
    default_limit: int = 5


class ReconcileError(Exception):
    """A request the service cannot answer (HTTP 400): ``message_id`` and its parameters."""

    def __init__(self, message_id: str, status: int = 400, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.status = status
        self.params = params

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        params = dict(self.params)
        reason = params.pop("reason", None)
        if isinstance(reason, tuple):
            params["reason"] = render(reason[0], lang, **reason[1])
        return render(self.message_id, lang, **params)


@dataclass
class _Property:
    id: str
    names: dict[str, str]
    description: str = ""


_FILTERS = (
    _Property("scheme", {"en": "scheme", "fr": "liste", "nl": "lijst"}, "a concept scheme or class id"),
    _Property(
        "organisation",
        {"en": "organisation", "fr": "organisation", "nl": "organisatie"},
        "an organisation slug: the concepts its mapping set maps onto",
    ),
    _Property(
        "broader",
        {"en": "broader concept", "fr": "concept plus large", "nl": "ruimer begrip"},
        "a concept id: the concepts below it",
    ),
)


@dataclass
class ReconciliationService:
    """The framework's concepts as a reconciliation service (see the module docstring)."""

    framework: Framework
    organisations: dict[str, Any] = field(default_factory=dict)  # slug -> terms.Organisation
    method: str | None = None
    limits: Limits = field(default_factory=Limits)
    name: str = "referentiel: shared framework of network-based social work"

    def __post_init__(self) -> None:
        from referentiel.translation.calibration import load_calibration
        from referentiel.translation.suggest import resolve_method

        self.method, _ = resolve_method(self.method)
        self.calibration = load_calibration(self.method)
        self._types: dict[str, Grouping] = {}
        for grouping in list(self.framework.schemes.values()) + list(self.framework.classes.values()):
            self._types[grouping.curie] = grouping
        self._match = None

    @classmethod
    def create(
        cls,
        ontology: str | Path | None = None,
        mappings: str | Path | None = None,
        method: str | None = None,
        limits: Limits | None = None,
    ) -> ReconciliationService:
        """A service over ``ontology`` (default: bundled) with the organisations of ``mappings``."""
        from referentiel.translation.terms import discover_organisations

        return cls(
            framework=load_framework(ontology),
            organisations=discover_organisations(mappings),
            method=method,
            limits=limits or Limits(),
        )

    # ------------------------------------------------------------------------------- manifest

    def manifest(self, base_url: str) -> dict[str, Any]:
        """The service manifest; ``base_url`` is where the service is reachable (no trailing slash)."""
        base = base_url.rstrip("/")
        return {
            "versions": ["0.2"],
            "name": self.name,
            "identifierSpace": IDENTIFIER_SPACE,
            "schemaSpace": SCHEMA_SPACE,
            "serviceVersion": __version__,
            "view": {"url": IDENTIFIER_SPACE + "{{id}}"},
            "defaultTypes": [self._type_ref(g) for g in self.framework.schemes.values()],
            "preview": {"url": base + "/preview?id={{id}}", "width": 430, "height": 160},
            "suggest": {
                "entity": {"service_url": base, "service_path": "/suggest/entity"},
                "type": {"service_url": base, "service_path": "/suggest/type"},
                "property": {"service_url": base, "service_path": "/suggest/property"},
            },
            "extend": {
                "propose_properties": {"service_url": base, "service_path": "/properties"},
                "property_settings": [],
            },
        }

    def _type_ref(self, grouping: Grouping, lang: str = "en") -> dict[str, str]:
        return {"id": grouping.curie, "name": grouping.label(lang)}

    # ------------------------------------------------------------------------------ reconcile

    def reconcile(self, queries: Any, lang: str | None = None) -> dict[str, Any]:
        """Answer a batch ``{key: query}``; every key gets ``{"result": [...]}``.

        ``lang`` chooses the language of the candidates' names; without it, each candidate is named
        in the language of the label that matched (a Dutch query gets Dutch names).
        """
        if not isinstance(queries, MappingABC):
            raise ReconcileError("not-object", param="queries")
        if len(queries) > self.limits.max_batch:
            raise ReconcileError("batch-too-large", count=len(queries), limit=self.limits.max_batch)
        checked = {str(key): self._check_query(str(key), q) for key, q in queries.items()}
        return {key: {"result": self._reconcile_one(q, lang)} for key, q in checked.items()}

    def _check_query(self, key: str, query: Any) -> dict[str, Any]:
        if isinstance(query, str):  # the 0.1 shorthand: a bare string
            query = {"query": query}
        if not isinstance(query, MappingABC):
            raise ReconcileError("not-object", param=f"queries.{key}")
        unknown = sorted(set(query) - QUERY_FIELDS)
        if unknown:
            raise ReconcileError("bad-query", key=key, reason=("reason.bad-field", {"field": unknown[0]}))
        text = query.get("query", "")
        if not isinstance(text, str):
            raise ReconcileError("bad-query", key=key, reason=("reason.bad-field", {"field": "query"}))
        if len(text) > self.limits.max_query_length:
            raise ReconcileError(
                "query-too-long", key=key, length=len(text), limit=self.limits.max_query_length
            )
        props = query.get("properties") or []
        if not isinstance(props, list) or not all(isinstance(p, MappingABC) and "pid" in p for p in props):
            raise ReconcileError("bad-query", key=key, reason=("reason.bad-field", {"field": "properties"}))
        if not text.strip() and not props:
            raise ReconcileError("bad-query", key=key, reason=("reason.no-query", {}))
        limit = query.get("limit", self.limits.default_limit)
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int | float)
            or not 1 <= limit <= self.limits.max_limit
        ):
            raise ReconcileError(
                "bad-query", key=key, reason=("reason.bad-limit", {"limit": self.limits.max_limit})
            )
        types = query.get("type")
        types = [types] if isinstance(types, str) else types or []
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise ReconcileError("bad-query", key=key, reason=("reason.bad-field", {"field": "type"}))
        for t in types:
            if self._grouping(t) is None:
                raise ReconcileError("bad-query", key=key, reason=("reason.unknown-type", {"type": t[:80]}))
        for p in props:
            if p["pid"] not in FILTER_PROPERTIES:
                raise ReconcileError(
                    "bad-query", key=key, reason=("reason.unknown-property", {"pid": str(p["pid"])[:80]})
                )
        return {"query": text, "types": types, "limit": int(limit), "properties": props}

    def _grouping(self, ref: str) -> Grouping | None:
        ref = ref.strip()
        if ref in self._types:
            return self._types[ref]
        for grouping in self._types.values():
            if ref in (grouping.iri, grouping.iri.rsplit("/", 1)[-1], grouping.iri.rsplit("#", 1)[-1]):
                return grouping
        return None

    def _allowed(self, types: list[str], properties: list[Any]) -> set[str] | None:
        """The concept IRIs a query may return, or None for every concept."""
        allowed: set[str] | None = None

        def narrow(keep: set[str]) -> None:
            nonlocal allowed
            allowed = keep if allowed is None else allowed & keep

        if types:
            groupings = [self._grouping(t) for t in types]
            narrow({c.iri for c in self.framework for g in groupings if g and _belongs(c, g)})
        for prop in properties:
            values = prop["v"] if isinstance(prop["v"], list) else [prop["v"]]
            refs = [str(v.get("id", "")) if isinstance(v, MappingABC) else str(v) for v in values]
            if prop["pid"] == "scheme":
                groupings = [g for g in (self._grouping(r) for r in refs) if g is not None]
                narrow({c.iri for c in self.framework for g in groupings if _belongs(c, g)})
            elif prop["pid"] == "organisation":
                narrow(set().union(*(self._mapped_by(r) for r in refs)) if refs else set())
            elif prop["pid"] == "broader":
                below: set[str] = set()
                for r in refs:
                    concept = self.framework.get(r)
                    if concept is not None:
                        below |= self.framework.descendants(concept.iri)
                narrow(below)
        return allowed

    def _mapped_by(self, slug: str) -> set[str]:
        org = self.organisations.get(slug.strip())
        if org is None:
            return set()
        out = set()
        for m in org.mapping_set.mappings:
            if m.negated or m.no_equivalent:
                continue
            concept = self.framework.get(m.object_id)
            if concept is not None:
                out.add(concept.iri)
        return out

    def matcher(self) -> Any:
        """The suggester's matcher (built on first use: the embedding model loads in seconds)."""
        if self._match is None:
            from referentiel.translation.suggest import matcher

            self._match = matcher(self.method, self.framework)
        return self._match

    def _reconcile_one(self, query: dict[str, Any], lang: str | None) -> list[dict[str, Any]]:
        from referentiel.reconcile.decision import rank_and_decide
        from referentiel.translation.suggest import TermToMap

        allowed = self._allowed(query["types"], query["properties"])
        if allowed is not None and not allowed:
            return []
        text = query["query"].strip()
        if not text:  # properties only: every allowed concept, in label order
            concepts = sorted(
                (self.framework.concepts[i] for i in allowed or ()), key=lambda c: c.label("fr")
            )
            return [self._candidate(c, 0.0, lang or "fr") for c in concepts[: query["limit"]]]
        ranked, decision = rank_and_decide(
            TermToMap(text), self.matcher(), self.calibration, query["limit"], allowed=allowed
        )
        out = []
        for position, candidate in enumerate(ranked):
            concept = self.framework.concepts[candidate.concept]
            name_lang = lang or _label_lang(concept, candidate.matched)
            out.append(
                self._candidate(concept, candidate.score, name_lang, decision if position == 0 else None)
            )
        return out

    def _candidate(
        self, concept: Concept, score: float, lang: str, decision: Decision | None = None
    ) -> dict[str, Any]:
        """A result entry; the first candidate carries the decision (its confidence, match or not)."""
        features: list[dict[str, Any]] = [{"id": "similarity", "value": round(score, 4)}]
        if decision is not None and decision.confidence is not None:
            features.append({"id": "confidence", "value": decision.confidence})
            features.append({"id": "no_good_candidate", "value": decision.no_match})
        match = decision is not None and decision.match
        out: dict[str, Any] = {
            "id": _local(concept.iri),
            "name": concept.label(lang),
            "score": round(100 * score, 2),
            "match": match,
            "type": [self._type_ref(g, lang) for g in self._groupings_of(concept)],
            "features": features,
        }
        definition = _in_lang(concept.definitions, lang)
        if definition:
            out["description"] = definition
        return out

    def _groupings_of(self, concept: Concept) -> list[Grouping]:
        found = [self.framework.schemes[s] for s in concept.schemes if s in self.framework.schemes]
        return found + [self.framework.classes[t] for t in concept.classes if t in self.framework.classes]

    # -------------------------------------------------------------------------------- suggest

    def suggest_entity(
        self, prefix: str, lang: str = "fr", cursor: int = 0, types: list[str] | None = None
    ) -> dict:
        """Concepts with a label starting with (else containing) ``prefix``, folded as the suggester folds."""
        self._check_prefix(prefix)
        wanted = fold(prefix)
        groupings = [g for g in (self._grouping(t) for t in types or []) if g is not None]
        starts, contains = [], []
        for concept in self.framework:
            if concept.deprecated or (groupings and not any(_belongs(concept, g) for g in groupings)):
                continue
            folded = [fold(text) for text, _, kind in concept.all_labels() if kind != "notation"]
            if any(f.startswith(wanted) for f in folded):
                starts.append(concept)
            elif any(wanted in f for f in folded):
                contains.append(concept)
        ordered = sorted(starts, key=lambda c: c.label(lang)) + sorted(contains, key=lambda c: c.label(lang))
        page = ordered[max(cursor, 0) : max(cursor, 0) + self.limits.max_limit]
        return {
            "result": [
                {
                    "id": _local(c.iri),
                    "name": c.label(lang),
                    **({"description": d} if (d := _in_lang(c.definitions, lang)) else {}),
                    "notable": [self._type_ref(g, lang) for g in self._groupings_of(c)],
                }
                for c in page
            ]
        }

    def suggest_type(self, prefix: str, lang: str = "fr") -> dict[str, Any]:
        """Schemes and classes whose label (any language) or CURIE starts with or contains ``prefix``."""
        self._check_prefix(prefix)
        wanted = fold(prefix)
        out = []
        for grouping in self._types.values():
            names = [fold(v) for v in grouping.labels.values()] + [fold(grouping.curie)]
            if not wanted or any(wanted in n for n in names):
                entry = self._type_ref(grouping, lang)
                definition = _in_lang(grouping.definitions, lang)
                if definition:
                    entry["description"] = definition
                out.append(entry)
        return {"result": out[: self.limits.max_limit]}

    def suggest_property(self, prefix: str, lang: str = "fr") -> dict[str, Any]:
        """Query properties (``scheme``, ``organisation``, ``broader``) whose id or name contains ``prefix``.

        OpenRefine offers these when the user adds "details from other columns" to a reconciliation;
        data extension properties are proposed by :meth:`propose_properties` instead.
        """
        self._check_prefix(prefix)
        wanted = fold(prefix)
        out = [
            {"id": p.id, "name": p.names.get(lang, p.names["en"]), "description": p.description}
            for p in _FILTERS
            if not wanted or wanted in fold(p.id) or any(wanted in fold(n) for n in p.names.values())
        ]
        return {"result": out[: self.limits.max_limit]}

    def _check_prefix(self, prefix: str) -> None:
        if len(prefix) > self.limits.max_prefix_length:
            raise ReconcileError("param-too-long", param="prefix", limit=self.limits.max_prefix_length)

    # -------------------------------------------------------------------------------- preview

    def preview(self, entity_id: str, lang: str = "fr") -> str:
        """A small HTML card of a concept: its labels, definition and schemes (escaped)."""
        concept = self._concept(entity_id)
        labels = " · ".join(
            f'<span lang="{code}">{html.escape(concept.pref_labels[code])}</span>'
            for code in LANGS
            if concept.pref_labels.get(code)
        )
        definition = html.escape(_in_lang(concept.definitions, lang) or "")
        types = ", ".join(html.escape(g.label(lang)) for g in self._groupings_of(concept))
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
            f"{html.escape(concept.label(lang))}</title></head>"
            '<body style="font-family:sans-serif;font-size:13px;margin:6px">'
            f"<strong>{html.escape(concept.label(lang))}</strong> "
            f"<code>{html.escape(_local(concept.iri))}</code>"
            f"<div>{labels}</div><p>{definition}</p><div><em>{types}</em></div></body></html>"
        )

    def _concept(self, entity_id: str) -> Concept:
        concept = self.framework.get(entity_id) if entity_id.strip() else None
        if concept is None:
            raise ReconcileError("unknown-entity", status=404, id=entity_id[:80])
        return concept

    # ------------------------------------------------------------------------------ extension

    def _properties(self) -> list[_Property]:
        props = [
            _Property(
                f"label-{code}",
                {"en": f"label ({code})", "fr": f"libellé ({code})", "nl": f"label ({code})"},
                f"skos:prefLabel in {code}",
            )
            for code in LANGS
        ]
        props += [
            _Property(
                f"definition-{code}",
                {"en": f"definition ({code})", "fr": f"définition ({code})", "nl": f"definitie ({code})"},
                f"skos:definition in {code}",
            )
            for code in ("fr", "en")
        ]
        props.append(_Property("scheme", {"en": "scheme", "fr": "liste", "nl": "lijst"}, "skos:inScheme"))
        props.append(
            _Property("broader", {"en": "broader", "fr": "plus large", "nl": "ruimer"}, "skos:broader")
        )
        for slug in sorted(self.organisations):
            props.append(
                _Property(
                    f"mapping@{slug}",
                    {"en": f"term of {slug}", "fr": f"terme de {slug}", "nl": f"term van {slug}"},
                    f"the terms of {slug} mapped onto the concept, with the SKOS mapping predicate",
                )
            )
        return props

    def propose_properties(
        self, type_id: str | None, lang: str = "fr", limit: int | None = None
    ) -> dict[str, Any]:
        """The properties data extension offers for ``type_id`` (the same for every type)."""
        props = self._properties()
        if limit is not None:
            props = props[: max(limit, 0)]
        out: dict[str, Any] = {
            "properties": [{"id": p.id, "name": p.names.get(lang, p.names["en"])} for p in props]
        }
        if type_id:
            out["type"] = type_id
        if limit is not None:
            out["limit"] = limit
        return out

    def extend(self, request: Any, lang: str = "fr") -> dict[str, Any]:
        """Answer a data extension request ``{"ids": [...], "properties": [{"id": ...}]}``."""
        if not isinstance(request, MappingABC):
            raise ReconcileError("bad-extend")
        ids, props = request.get("ids"), request.get("properties")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ReconcileError("bad-extend")
        if not isinstance(props, list) or not all(
            isinstance(p, MappingABC) and isinstance(p.get("id"), str) for p in props
        ):
            raise ReconcileError("bad-extend")
        if len(ids) > self.limits.max_ids:
            raise ReconcileError("too-many-ids", count=len(ids), limit=self.limits.max_ids)
        known = {p.id: p for p in self._properties()}
        for p in props:
            if p["id"] not in known:
                raise ReconcileError("unknown-extend-property", pid=p["id"][:80])
        meta = []
        for p in props:
            entry: dict[str, Any] = {
                "id": p["id"],
                "name": known[p["id"]].names.get(lang, known[p["id"]].names["en"]),
            }
            if p["id"] == "broader":
                entry["type"] = {"id": "skos:Concept", "name": "concept"}
            meta.append(entry)
        rows = {}
        for entity_id in ids:
            concept = self.framework.get(entity_id) if entity_id.strip() else None
            rows[entity_id] = {
                p["id"]: self._values(concept, p["id"], lang) if concept else [] for p in props
            }
        return {"meta": meta, "rows": rows}

    def _values(self, concept: Concept, pid: str, lang: str) -> list[dict[str, Any]]:
        if pid.startswith("label-"):
            text = concept.pref_labels.get(pid.removeprefix("label-"))
            return [{"str": text}] if text else []
        if pid.startswith("definition-"):
            text = concept.definitions.get(pid.removeprefix("definition-"))
            return [{"str": text}] if text else []
        if pid == "scheme":
            return [
                {"id": g.curie, "name": g.label(lang)}
                for s in concept.schemes
                if (g := self.framework.schemes.get(s)) is not None
            ]
        if pid == "broader":
            return [
                {"id": _local(b), "name": self.framework.concepts[b].label(lang)}
                for b in concept.broader
                if b in self.framework.concepts
            ]
        if pid.startswith("mapping@"):
            org = self.organisations.get(pid.removeprefix("mapping@"))
            out = []
            for m in org.mapping_set.mappings if org else []:
                if m.negated or m.no_equivalent:
                    continue
                target = self.framework.get(m.object_id)
                if target is not None and target.iri == concept.iri:
                    out.append({"str": f"{m.subject_label or m.subject_id} ({m.predicate_id})"})
            return out
        return []


def _belongs(concept: Concept, grouping: Grouping) -> bool:
    return grouping.iri in concept.schemes or grouping.iri in concept.classes


def _local(iri: str) -> str:
    return iri.removeprefix(IDENTIFIER_SPACE)


def _in_lang(texts: dict[str, str], lang: str) -> str | None:
    for code in (lang, "fr", "en", "nl", ""):
        if texts.get(code):
            return texts[code]
    return None


def _label_lang(concept: Concept, matched: str) -> str:
    """The language of the label that matched (a Dutch term is answered with Dutch names)."""
    for text, code, _kind in concept.all_labels():
        if text == matched and code in LANGS:
            return code
    return "fr"
