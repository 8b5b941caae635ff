"""Mapping coverage: how much of an organisation's vocabulary, as used in its export, maps to the framework.

For each translated (vocabulary) column: the share of distinct terms and of cells that map exactly,
map with a non-exact SKOS predicate, are declared without equivalent (``sssom:NoTermFound``), or are
not in the mapping set at all; and the unmapped terms by frequency, the agency's to-do list.
It reads the export like ``translate`` but builds no RDF and needs no pseudonymisation key.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referentiel.spreadsheet import SafeWriter
from referentiel.translation.messages import check_lang, location, render, word
from referentiel.translation.profile import Profile
from referentiel.translation.translator import TranslationIssue, analyse

CLASSES = ("exact", "non-exact", "no-equivalent", "unmapped")


@dataclass
class ColumnCoverage:
    """Coverage of one vocabulary column."""

    file: str
    column: str
    property: str
    sheet: str | None
    terms: Counter  # class -> number of distinct terms
    cells: Counter  # class -> number of cells (list items count one each)
    unmapped: list[tuple[str, int]]  # (term, cells), most frequent first

    @staticmethod
    def _share(counter: Counter, key: str) -> float:
        total = sum(counter.values())
        return counter[key] / total if total else 0.0

    def share(self, key: str, *, by: str = "terms") -> float:
        """Share (0..1) of terms or cells in class ``key``."""
        return self._share(self.terms if by == "terms" else self.cells, key)

    @property
    def mapped_share(self) -> float:
        """Share of cells whose term maps (exact or not)."""
        return self.share("exact", by="cells") + self.share("non-exact", by="cells")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "column": self.column,
            "property": self.property,
            "distinct_terms": {k: self.terms[k] for k in CLASSES},
            "cells": {k: self.cells[k] for k in CLASSES},
            "share_of_terms": {k: round(self.share(k), 4) for k in CLASSES},
            "share_of_cells": {k: round(self.share(k, by="cells"), 4) for k in CLASSES},
            "unmapped_terms": [{"term": t, "cells": n} for t, n in self.unmapped],
        }


@dataclass
class CoverageReport:
    """Coverage of every vocabulary column of an export, plus the problems met while reading it."""

    organisation: str
    columns: list[ColumnCoverage]
    issues: list[TranslationIssue] = field(default_factory=list)
    refused_tables: list[str] = field(default_factory=list)  # "file" or "file, sheet S": not counted
    # the same tables as (file, sheet), so that the text names them in its own language
    refused_sheets: list[tuple[str, str | None]] = field(default_factory=list)

    def total(self, by: str = "cells") -> Counter:
        """Counts per class over all columns (distinct terms counted per column)."""
        out: Counter = Counter()
        for col in self.columns:
            out.update(col.cells if by == "cells" else col.terms)
        return out

    def share(self, key: str, *, by: str = "cells") -> float:
        """Overall share of ``key`` (cells or terms)."""
        total = self.total(by)
        n = sum(total.values())
        return total[key] / n if n else 0.0

    @property
    def mapped_share(self) -> float:
        """Overall share of cells whose term maps (exact or not)."""
        return self.share("exact") + self.share("non-exact")

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """JSON-ready form (the problems' messages in ``lang``; keys and classes stay English)."""
        terms, cells = self.total("terms"), self.total("cells")
        return {
            "organisation": self.organisation,
            "complete": not self.refused_tables,
            "refused_tables": list(self.refused_tables),
            "total": {
                "distinct_terms": {k: terms[k] for k in CLASSES},
                "cells": {k: cells[k] for k in CLASSES},
                "share_of_terms": {k: round(self.share(k, by="terms"), 4) for k in CLASSES},
                "share_of_cells": {k: round(self.share(k), 4) for k in CLASSES},
            },
            "columns": [c.as_dict() for c in self.columns],
            "problems": [
                i.as_dict(lang)
                for i in self.issues
                if i.kind not in ("unmapped-term", "no-equivalent", "not-asserted")
            ],
        }


def _class(klass: str) -> str:
    return "unmapped" if klass == "wrong-scheme" else klass


def coverage(exports: Iterable[str | Path] | str | Path, profile: Profile | str | Path) -> CoverageReport:
    """The mapping coverage of an export under its profile (no RDF built, no key needed)."""
    result = analyse(exports, profile)
    columns = []
    for stats in result.columns:
        terms: Counter = Counter()
        for klass in stats.terms.values():
            terms[_class(klass)] += 1
        cells: Counter = Counter()
        for klass, n in stats.cells.items():
            cells[_class(klass)] += n
        unmapped = [(t, n) for t, n in stats.frequency.most_common() if _class(stats.terms[t]) == "unmapped"]
        columns.append(
            ColumnCoverage(stats.file, stats.column, stats.property, stats.sheet, terms, cells, unmapped)
        )
    refused = [(f.file, f.sheet) for f in result.files if f.refused]
    return CoverageReport(
        result.profile.slug,
        columns,
        result.issues,
        [location(file, sheet, None, None) for file, sheet in refused],
        refused,
    )


def _pct(x: float) -> str:
    return f"{100 * x:5.1f} %"


def render_text(report: CoverageReport, lang: str = "fr") -> str:
    """Human-readable coverage in ``lang`` (fr, en, nl): one block per column, then the to-do list.

    The classes (``exact``, ``non-exact``, ``no-equivalent``, ``unmapped``) are shown as the JSON and
    CSV outputs name them, in every language: they are the report's vocabulary, documented once.
    """
    lang = check_lang(lang)

    def say(message_id: str, **params: Any) -> str:
        return render(f"coverage.{message_id}", params, lang)

    lines = [say("title", organisation=report.organisation), ""]
    if report.refused_tables:
        # Said first: the shares below would otherwise read as the coverage of the whole export.
        tables = [location(file, sheet, None, None, lang) for file, sheet in report.refused_sheets]
        tables = tables or report.refused_tables  # a report made without the pairs
        lines += [say("incomplete", count=len(tables), tables="; ".join(tables)), ""]
    terms_word, share_word, cells_word = say("terms"), say("share"), say("cells")
    for col in report.columns:
        where = location(col.file, col.sheet, None, col.column, lang)
        lines.append(f"{where} -> ref:{col.property}")
        n_terms, n_cells = sum(col.terms.values()), sum(col.cells.values())
        lines.append(f"  {'':15} {terms_word:>8} {share_word:>8}   {cells_word:>7} {share_word:>8}")
        for klass in CLASSES:
            lines.append(
                f"  {klass:15} {col.terms[klass]:>8} {_pct(col.share(klass)):>8}   "
                f"{col.cells[klass]:>7} {_pct(col.share(klass, by='cells')):>8}"
            )
        lines.append(f"  {say('total'):15} {n_terms:>8} {'':>8}   {n_cells:>7}")
        if col.unmapped:
            lines.append(
                "  " + say("unmapped-terms", terms=", ".join(f"{t!r} ({n})" for t, n in col.unmapped))
            )
        lines.append("")
    terms, cells = report.total("terms"), report.total("cells")
    lines.append(
        say(
            "overall",
            cells=_pct(report.mapped_share).strip(),
            terms=_pct(report.share("exact", by="terms") + report.share("non-exact", by="terms")).strip(),
            exact=cells["exact"],
            non_exact=cells["non-exact"],
            no_equivalent=cells["no-equivalent"],
            unmapped=cells["unmapped"],
            distinct=sum(terms.values()),
        )
    )
    todo = Counter()
    for col in report.columns:
        for term, n in col.unmapped:
            todo[(term, f"{col.file}:{col.column}")] += n
    if todo:
        lines += ["", say("todo")]
        for (term, where), n in todo.most_common():
            lines.append(f"  {n:>5}  {term!r}  ({where})")
    problems = [i for i in report.issues if i.kind not in ("unmapped-term", "no-equivalent", "not-asserted")]
    if problems:
        lines += ["", say("problems", count=len(problems))]
        lines += [f"  {word(i.severity, lang)}{word('colon', lang)}{i.located(lang)}" for i in problems[:50]]
        if len(problems) > 50:
            lines.append("  " + say("more", count=len(problems) - 50))
    return "\n".join(lines) + "\n"


def render_json(report: CoverageReport, lang: str = "fr") -> str:
    """The coverage as JSON (the problems' messages in ``lang``)."""
    return json.dumps(report.as_dict(check_lang(lang)), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: CoverageReport) -> str:
    """One CSV row per (column, class): easy to chart in a spreadsheet; unmapped terms in a last column."""
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")  # unmapped terms are partners' free text
    writer.writerow(
        [
            "organisation",
            "file",
            "sheet",
            "column",
            "property",
            "class",
            "distinct_terms",
            "share_of_terms",
            "cells",
            "share_of_cells",
            "unmapped_terms",
        ]
    )
    for col in report.columns:
        for klass in CLASSES:
            writer.writerow(
                [
                    report.organisation,
                    col.file,
                    col.sheet or "",
                    col.column,
                    col.property,
                    klass,
                    col.terms[klass],
                    f"{col.share(klass):.4f}",
                    col.cells[klass],
                    f"{col.share(klass, by='cells'):.4f}",
                    "; ".join(f"{t} ({n})" for t, n in col.unmapped) if klass == "unmapped" else "",
                ]
            )
    return out.getvalue()
