"""Running research queries with statistical disclosure control, and presenting their answers.

Disclosure control: a catalogue query declares (``# count:``) the column(s) holding the number of
distinct families behind each row. A row where such a count is between 1 and k-1 (k = ``min_count``,
default 5) is removed, and the answer says how many rows were removed (``suppressed``). An unbound
count is treated as unknown, hence suppressed. Zero counts reveal nobody and are kept. Ad-hoc
queries (a file or stdin) get the same control when their header declares ``# count:``; otherwise
they are the researcher's own responsibility and the answer says so. Under disclosure control
(``min_count`` >= 2) dates are also coarsened to quarters, family counts rounded and minima/maxima
withheld, so that two answers cannot be subtracted (:mod:`referentiel.queries.disclosure`);
``min_count`` = 1 gives the exact answer, and the note says it is not for publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from referentiel.errors import ConfigError
from referentiel.queries.catalogue import CatalogueQuery
from referentiel.queries.disclosure import (
    ROUNDING_BASE,
    Controls,
    coarsen_dates,
    extreme_columns,
    round_counts,
    withhold,
)
from referentiel.store.base import Store
from referentiel.store.sparql import QueryResult, serialise
from referentiel.store.terms import Term, python_value

DEFAULT_MIN_COUNT = 5

NOTES = {
    "suppressed": {
        "en": "{n} row(s) about fewer than {k} families suppressed (statistical disclosure control, "
        "column(s) {cols}; --min-count {k}).",
        "fr": "{n} ligne(s) portant sur moins de {k} familles supprimée(s) (contrôle de divulgation "
        "statistique, colonne(s) {cols} ; --min-count {k}).",
        "nl": "{n} rij(en) over minder dan {k} gezinnen weggelaten (statistische geheimhouding, "
        "kolom(men) {cols}; --min-count {k}).",
    },
    "checked": {
        "en": "Disclosure control applied: no row about fewer than {k} families (column(s) {cols}).",
        "fr": "Contrôle de divulgation appliqué : aucune ligne ne porte sur moins de {k} familles "
        "(colonne(s) {cols}).",
        "nl": "Statistische geheimhouding toegepast: geen rij over minder dan {k} gezinnen "
        "(kolom(men) {cols}).",
    },
    "not-applicable": {
        "en": "No disclosure control: {why}",
        "fr": "Pas de contrôle de divulgation : {why}",
        "nl": "Geen statistische geheimhouding: {why}",
    },
    "coarsened": {
        "en": "Dates coarsened to calendar quarters: {changes}.",
        "fr": "Dates arrondies au trimestre : {changes}.",
        "nl": "Datums afgerond op kwartalen: {changes}.",
    },
    "rounded": {
        "en": "Family counts ({cols}) rounded to the nearest multiple of {base}.",
        "fr": "Nombres de familles ({cols}) arrondis au multiple de {base} le plus proche.",
        "nl": "Aantallen gezinnen ({cols}) afgerond op het dichtstbijzijnde veelvoud van {base}.",
    },
    "withheld": {
        "en": "Minimum and maximum column(s) withheld (one family's value): {cols}.",
        "fr": "Colonne(s) de minimum et de maximum masquée(s) (valeur d'une seule famille) : {cols}.",
        "nl": "Minimum- en maximumkolom(men) weggelaten (waarde van één gezin): {cols}.",
    },
    "exact": {
        "en": "--min-count 1: exact answer, no disclosure control (not for publication).",
        "fr": "--min-count 1 : réponse exacte, sans contrôle de divulgation (pas pour publication).",
        "nl": "--min-count 1: exact antwoord, zonder statistische geheimhouding (niet om te publiceren).",
    },
    "ad-hoc": {
        "en": "Ad-hoc query: no disclosure control was applied (declare `# count: COLUMN` in its header to "
        "get it); publishing its output is the researcher's responsibility.",
        "fr": "Requête ad hoc : aucun contrôle de divulgation appliqué (déclarez `# count: COLONNE` dans "
        "son en-tête pour l'obtenir) ; la publication du résultat relève du ou de la chercheur·e.",
        "nl": "Ad-hocquery: geen statistische geheimhouding toegepast (declareer `# count: KOLOM` in de "
        "kop); publicatie van het resultaat is de verantwoordelijkheid van de onderzoeker.",
    },
}


@dataclass
class ResearchResult:
    """A research query's answer after disclosure control."""

    query: CatalogueQuery
    result: QueryResult
    min_count: int
    suppressed: int
    controlled: bool  # True when disclosure control was applied
    controls: Controls = field(default_factory=Controls)

    def note(self, lang: str = "en") -> str:
        """The disclosure notice in ``lang``."""
        lang = lang if lang in ("fr", "en", "nl") else "en"
        cols = ", ".join(self.query.count_columns)
        extra = self._controls_note(lang)
        if self.controlled and self.min_count == 1:
            return NOTES["exact"][lang]
        if self.controlled:
            key = "suppressed" if self.suppressed else "checked"
            return " ".join([NOTES[key][lang].format(n=self.suppressed, k=self.min_count, cols=cols), *extra])
        if self.query.disclosure:
            why = (
                self.query.disclosure.split("—", 1)[-1].strip()
                if "—" in self.query.disclosure
                else self.query.disclosure
            )
            return " ".join([NOTES["not-applicable"][lang].format(why=why), *extra])
        return " ".join([NOTES["ad-hoc"][lang], *extra])

    def _controls_note(self, lang: str) -> list[str]:
        c = self.controls
        out = []
        if c.coarsened:
            changes = ", ".join(f"{k} {asked} → {used}" for k, (asked, used) in c.coarsened.items())
            out.append(NOTES["coarsened"][lang].format(changes=changes))
        if c.rounded:
            out.append(NOTES["rounded"][lang].format(cols=", ".join(c.rounded), base=ROUNDING_BASE))
        if c.withheld:
            out.append(NOTES["withheld"][lang].format(cols=", ".join(c.withheld)))
        return out

    def disclosure(self) -> dict[str, Any]:
        """The notice as the extra top-level JSON member ``disclosure``."""
        return {
            "controlled": self.controlled,
            "minCount": self.min_count,
            "countColumns": self.query.count_columns,
            "suppressedRows": self.suppressed,
            **self.controls.as_dict(),
            "note": self.note("en"),
        }

    @property
    def rows(self) -> list[list[Any]]:
        """The result rows (pyoxigraph terms, None when unbound), after disclosure control."""
        return self.result.rows

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries of plain Python values (for tests and notebooks)."""
        return [{k: python_value(v) for k, v in rec.items()} for rec in self.result.records()]


def suppress(result: QueryResult, count_columns: list[str], min_count: int) -> int:
    """Remove, in place, the rows where a family count is between 1 and ``min_count`` - 1."""
    missing = [c for c in count_columns if c not in result.variables]
    if missing:
        raise ConfigError.of(
            "the declared count column(s) {columns} are not in the query's result",
            columns=", ".join(missing),
            hint="fix the `# count:` line of the query header",
        )
    idx = [result.variables.index(c) for c in count_columns]
    kept, removed = [], 0
    for row in result.rows:
        risky = False
        for i in idx:
            value = python_value(row[i])
            if not isinstance(value, int | float) or 0 < value < min_count:
                risky = True
        if risky:
            removed += 1
        else:
            kept.append(row)
    result.rows = kept
    return removed


def run(
    query: CatalogueQuery | str,
    store: Store,
    params: dict[str, str] | None = None,
    *,
    lang: str = "fr",
    min_count: int = DEFAULT_MIN_COUNT,
) -> ResearchResult:
    """Run a research query (a :class:`CatalogueQuery`, or a catalogue name / ``.rq`` path) on
    ``store`` with its parameters (text, typed from the header) bound as RDF terms, then apply
    disclosure control. Bad parameters raise :class:`ConfigError` (exit 2)."""
    if isinstance(query, str):
        from referentiel.queries.catalogue import get_query

        query = get_query(query)
    if min_count < 1:
        raise ConfigError.of("--min-count must be at least 1", hint="the default is 5 families")
    values = dict(params or {})
    controls = Controls()
    if min_count > 1:
        controls.coarsened = coarsen_dates(query, values)
    bindings = query.bindings(values, lang)
    try:
        result = store.query(query.text, bindings)
    except ConfigError as exc:
        if query.ad_hoc and exc.file is None:
            # A syntax error in the researcher's own query: point at the file, line and column.
            exc.file = query.source
            where = re.search(r"error at (\d+):(\d+)", exc.message)
            if where:
                exc.line, exc.column = int(where[1]), int(where[2])
        raise
    controlled = bool(query.count_columns) and result.kind == "select"
    removed = suppress(result, query.count_columns, min_count) if controlled else 0
    if controlled and min_count > 1:
        controls.withheld = extreme_columns(query, result)
        withhold(result, controls.withheld)
        controls.rounded = list(query.count_columns)
        round_counts(result, controls.rounded)
    return ResearchResult(query, result, min_count, removed, controlled, controls)


# ----------------------------------------------------------------------------------------- presentation


def _compact(term: Term | None, labels: dict[str, str]) -> str:
    if term is None:
        return ""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        if term.value in labels:
            return labels[term.value]
        from referentiel.namespaces import PREFIXES

        best = max((ns for ns in PREFIXES.values() if term.value.startswith(ns)), key=len, default=None)
        if best:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{term.value[len(best) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    value = python_value(term)
    if isinstance(value, float):
        return f"{value:.3g}"
    if hasattr(value, "quantize"):
        return f"{float(value):.3f}".rstrip("0").rstrip(".")
    return str(term.value)


def cells(research: ResearchResult, labels: dict[str, str] | None = None) -> list[list[str]]:
    """The rows of a SELECT answer as people read them (concepts by their label, numbers rounded)."""
    labels = labels or {}
    return [[_compact(t, labels) for t in row] for row in research.result.rows]


def table(research: ResearchResult, lang: str = "fr", labels: dict[str, str] | None = None) -> str:
    """A plain-text table for people, with the disclosure notice as a footer."""
    result = research.result
    labels = labels or {}
    if result.kind == "ask":
        body = "true" if result.boolean else "false"
    elif result.kind == "graph":
        body = serialise(result, "turtle")
    else:
        rows = [[_compact(t, labels) for t in row] for row in result.rows]
        widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
        lines = [
            "  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        count = {"fr": "ligne(s)", "en": "row(s)", "nl": "rij(en)"}.get(lang, "row(s)")
        lines.append(f"({len(rows)} {count})")
        body = "\n".join(lines)
    return f"{research.query.title(lang)}\n\n{body}\n\n{research.note(lang)}\n"


def render(research: ResearchResult, fmt: str, lang: str = "fr", labels: dict[str, str] | None = None) -> str:
    """The answer in ``text`` (a table), ``json`` (SPARQL JSON + a ``disclosure`` member), ``csv``, ``tsv``,
    ``xml``; graph results (CONSTRUCT) in ``turtle`` whatever the tabular format asked."""
    if fmt == "text":
        return table(research, lang, labels)
    if research.result.kind == "graph":
        return serialise(research.result, "nt" if fmt in ("tsv", "csv") else "turtle")
    extra = {"disclosure": research.disclosure()} if fmt == "json" else None
    return serialise(research.result, fmt, extra)


def concept_labels(store: Store, lang: str) -> dict[str, str]:
    """``skos:prefLabel`` of every concept in the store, in ``lang`` (for table output)."""
    import pyoxigraph as ox

    res = store.query(
        "SELECT ?c ?l WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
        "FILTER(LANGMATCHES(LANG(?l), ?lang)) }",
        {"lang": ox.Literal(lang)},
    )
    return {row[0].value: row[1].value for row in res.rows if row[0] is not None and row[1] is not None}
