"""Renderers of a :class:`ValidationReport`: text, JSON, Turtle (W3C report graph) and HTML.

Every renderer shows values through ``ValidationResult.value_text`` (masked when personal) and
messages already scrubbed by :mod:`referentiel.validation.api`; none reads raw data values.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any

from referentiel.validation.report import Severity, ValidationReport, ValidationResult, compact

JSON_SCHEMA_VERSION = 1

_WORDS = {
    "fr": {
        "conforms": "Les données sont conformes.", "not": "Les données ne sont pas conformes.",
        "advice": "Aucune violation ni avertissement : des conseils seulement "
        "(au sens strict de SHACL, tout résultat rend les données non conformes).",
        "passed": "aucun problème au niveau « {t} » ou au-dessus",
        "failed": "problèmes au niveau « {t} » ou au-dessus",
        "violation": "violation", "warning": "avertissement", "info": "info",
        "violations": "violations", "warnings": "avertissements", "infos": "infos",
        "shape": "Forme", "value": "valeur", "fix": "comment corriger", "node": "nœud", "colon": " :",
        "title": "Rapport de validation", "files": "Fichiers", "triples": "triplets",
    },
    "en": {
        "conforms": "The data conform.", "not": "The data do not conform.",
        "advice": "No violation and no warning: advice only "
        "(strictly, in SHACL any result makes the data non-conforming).",
        "passed": "no problem at level \"{t}\" or above", "failed": "problems at level \"{t}\" or above",
        "violation": "violation", "warning": "warning", "info": "info",
        "violations": "violations", "warnings": "warnings", "infos": "infos",
        "shape": "Shape", "value": "value", "fix": "how to fix", "node": "node", "colon": ":",
        "title": "Validation report", "files": "Files", "triples": "triples",
    },
    "nl": {
        "conforms": "De gegevens zijn conform.", "not": "De gegevens zijn niet conform.",
        "advice": "Geen schending en geen waarschuwing: enkel advies "
        "(strikt genomen maakt in SHACL elk resultaat de gegevens niet-conform).",
        "passed": "geen probleem op niveau \"{t}\" of hoger",
        "failed": "problemen op niveau \"{t}\" of hoger",
        "violation": "schending", "warning": "waarschuwing", "info": "info",
        "violations": "schendingen", "warnings": "waarschuwingen", "infos": "infos",
        "shape": "Vorm", "value": "waarde", "fix": "hoe te verbeteren", "node": "knooppunt", "colon": ":",
        "title": "Validatierapport", "files": "Bestanden", "triples": "triples",
    },
}


def _counts_line(report: ValidationReport) -> str:
    w = _WORDS[report.lang]
    counts = report.counts
    return ", ".join(
        f"{counts[s]} {w[s + 's'] if counts[s] != 1 else w[s]}" for s in ("violation", "warning", "info")
    )


def _headline(report: ValidationReport) -> str:
    """Conforms / does not conform; with only Info results, says that nothing is wrong as such."""
    w = _WORDS[report.lang]
    if report.conforms:
        return w["conforms"]
    counts = report.counts
    return w["advice"] if not counts["violation"] and not counts["warning"] else w["not"]


def _where(result: ValidationResult, lang: str = "en") -> str:
    """``file, row R, column C (node)`` in ``lang`` (the partner's terms, then the node)."""
    node = compact(result.focus_node) or "?"
    source = result.source
    if source is None:
        return node
    return f"{source.text(lang)} ({node})"


def _grouped(report: ValidationReport) -> dict[str, dict[str, list[ValidationResult]]]:
    groups: dict[str, dict[str, list[ValidationResult]]] = defaultdict(lambda: defaultdict(list))
    for result in report.results:
        groups[compact(result.source_shape) or "?"][_where(result, report.lang)].append(result)
    return groups


def render_text(report: ValidationReport) -> str:
    """Grouped by shape and focus node, one sentence per problem, counts per severity."""
    w = _WORDS[report.lang]
    lines = [_headline(report)]
    status = (w["passed"] if report.passed else w["failed"]).format(t=w[report.fail_on.label])
    lines.append(f"{_counts_line(report)} ({status}).")
    lines.extend(report.notes)
    for shape, nodes in _grouped(report).items():
        lines.append("")
        lines.append(f"{w['shape']} {shape}")
        for where, results in nodes.items():
            lines.append(f"  {where}")
            for r in results:
                path = f"{r.path}: " if r.path else ""
                text = f"    [{w[r.severity.label].upper()}] {path}{r.message}"
                if r.value_text is not None:
                    text += f" ({w['value']}{w['colon']} {r.value_text})"
                lines.append(text)
                if r.fix_hint:
                    lines.append(f"      {w['fix']}{w['colon']} {r.fix_hint}")
    return "\n".join(lines) + "\n"


def result_dict(result: ValidationResult) -> dict[str, Any]:
    """The JSON form of one result (see docs/validation.md, "JSON output")."""
    return {
        "severity": result.severity.label,
        "focus_node": _term(result.focus_node),
        "path": result.path,
        "value": result.value_text,
        "value_masked": result.value_masked,
        "constraint_component": _term(result.component),
        "source_shape": _term(result.source_shape),
        "message": result.message,
        "fix_hint": result.fix_hint,
        "source": None if result.source is None else {
            "file": result.source.file, "sheet": result.source.sheet, "row": result.source.row,
            "column": result.source.column,
        },
        "details": [result_dict(d) for d in result.details],
    }


def _term(node: Any) -> str | None:
    if node is None:
        return None
    from rdflib import BNode

    return f"_:{node}" if isinstance(node, BNode) else str(node)


def render_json(report: ValidationReport) -> str:
    """A stable JSON document: ``conforms``, ``passed``, ``counts``, ``results``..."""
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "conforms": report.conforms,
        "passed": report.passed,
        "fail_on": report.fail_on.label,
        "lang": report.lang,
        "engine": report.engine,
        "notes": report.notes,
        "data_files": report.data_files,
        "shapes_files": report.shapes_files,
        "triples": report.triples,
        "counts": report.counts,
        "results": [result_dict(r) for r in report.results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_turtle(report: ValidationReport) -> str:
    """The W3C validation report graph (values that are personal data masked)."""
    graph = report.report_graph
    graph.bind("sh", "http://www.w3.org/ns/shacl#")
    return graph.serialize(format="turtle")


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
color:#1d2430;line-height:1.45;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d5dae1;padding-bottom:.2rem}
.summary{padding:.8rem 1rem;border-radius:6px;background:#eef6ee;border:1px solid #9c9}
.summary.fail{background:#fbeeee;border-color:#d99}
.node{margin:.6rem 0 .2rem;font-weight:600}.node code{font-weight:400;color:#555}
ul{margin:.2rem 0 .8rem;padding-left:1.2rem}li{margin:.25rem 0}
.sev{display:inline-block;min-width:6.5rem;font-size:.8rem;font-weight:700;text-transform:uppercase}
.violation{color:#a11}.warning{color:#a60}.info{color:#157}
.value{color:#444}.fix{display:block;color:#2a5a2a;font-size:.92rem;margin-left:6.5rem}
footer{margin-top:2rem;font-size:.8rem;color:#666}
"""


def render_html(report: ValidationReport) -> str:
    """A self-contained page (inline CSS, no external assets); every text is HTML-escaped."""
    w = _WORDS[report.lang]
    e = html.escape
    status = (w["passed"] if report.passed else w["failed"]).format(t=w[report.fail_on.label])
    parts = [
        "<!DOCTYPE html>", f'<html lang="{e(report.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(w['title'])}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(w['title'])}</h1>",
        f'<p class="summary{"" if report.passed else " fail"}"><strong>'
        f"{e(_headline(report))}</strong> "
        f"{e(_counts_line(report))} ({e(status)}).</p>",
        f"<p>{e(w['files'])}: {e(', '.join(report.data_files))} ({report.triples} {e(w['triples'])})</p>",
    ]
    for shape, nodes in _grouped(report).items():
        parts.append(f"<h2>{e(w['shape'])} <code>{e(shape)}</code></h2>")
        for where, results in nodes.items():
            parts.append(f'<div class="node">{e(where)}</div><ul>')
            for r in results:
                item = (f'<li><span class="sev {r.severity.label}">{e(w[r.severity.label])}</span>'
                        f"{e(r.message)}")
                if r.value_text is not None:
                    label = e(w["value"] + w["colon"])
                    item += f' <span class="value">({label} <code>{e(r.value_text)}</code>)</span>'
                if r.fix_hint:
                    item += f'<span class="fix">{e(w["fix"])}{e(w["colon"])} {e(r.fix_hint)}</span>'
                parts.append(item + "</li>")
            parts.append("</ul>")
    shapes = e(", ".join(report.shapes_files))
    parts.append(f"<footer>referentiel validate · {e(report.engine)} · {shapes}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "turtle": render_turtle, "html": render_html}


def render(report: ValidationReport, fmt: str) -> str:
    """Render ``report`` in ``fmt`` (text, json, turtle, html)."""
    return RENDERERS[fmt](report)


__all__ = ["RENDERERS", "Severity", "render", "render_html", "render_json", "render_text", "render_turtle"]
