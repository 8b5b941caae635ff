"""The intake summary: what happened to each partner export, in the partner's own terms.

An :class:`IngestSummary` is what :func:`referentiel.intake.ingest` returns and what the command prints
and writes as a report. A data steward sends it back to partners, so it speaks in files, rows and
columns, and it never carries personal data: every message and every echoed term goes through
:func:`referentiel.privacy.scrub`, and cell values are never copied except the organisation's own
vocabulary terms that could not be mapped (scrubbed and shortened too).

JSON structure (``format = "referentiel-intake-summary"``, ``version = 1``)::

    {
      "format": "referentiel-intake-summary", "version": 1,
      "directory": "examples/organisations",           # what was ingested
      "started": "2026-11-26T17:40:00+00:00", "finished": "...", "duration_s": 1.23,
      "key": {"source": "key-file" | "environment" | "demo", "demo": false,
              "fingerprint": "3f9a...", "other_keys": [{"graph", "organisation", "loaded_at",
                                                       "key_fingerprint"}]},  # graphs of another key
      "target": {"kind": "store" | "endpoint", "location": "./.referentiel-store"},
      "forced": false,
      "lang": "fr" | "en" | "nl",                      # the language of every human message below
      "exit_code": 0 | 1 | 2,
      "totals": {"exports": 4, "loaded": 3, "refused": 1, "unusable": 0,
                 "rows": 812, "violations": 5, "warnings": 12},
      "exports": [{
          "organisation": "one-bruxelles", "label": "ONE ...", "directory": "...",
          "profile": "profile.yaml", "files": ["families.csv", ...],
          "status": "loaded" | "conforms" (checked, not loaded: --dry-run) | "refused" | "unusable"
                    | "no-profile",
          "reason": "why it was refused or unusable (empty when loaded)",
          "rows_read": 210, "triples": 4120, "graph": "https://w3id.org/referentiel/data/graph/...",
          "terms": {"total": 140, "mapped": 131, "share": 0.936,
                    "complete": true, "tables_refused": 0},  # complete: no table refused whole
          "replaced": {"triples": 4000, "loaded_at": "...", "sources": [...]} | null,  # the previous graph
          "kept": {"triples": 4000, "loaded_at": "...", "sources": [...]} | null,  # refused: what stays
          "counts": {"violation": {"missing-field": 2}, "warning": {"unmapped-term": 9}},
          "findings": [{"severity": "violation", "kind": "missing-field", "stage": "validation",
                        "file": "familles.csv", "sheet": null, "row": 17, "column": "date_debut",
                        "message": "...", "term": null}]
      }]
    }

Severities are ``violation`` (the export is refused unless forced), ``warning`` and ``info``.

Language: a run speaks one language (``lang``: ``fr``, the default, ``en`` or ``nl``), chosen when
:func:`referentiel.intake.ingest` is called, because the messages of the findings (the translation's
and the shapes') and the reasons are written in it then. The renderers follow ``summary.lang`` for
their own words (statuses, headings, ``<html lang>``). Keys, statuses, severities and kinds of the
JSON form are the same in every language: programs read those, people read the messages.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

from referentiel.privacy import scrub

FORMAT = "referentiel-intake-summary"
VERSION = 1

LOADED = "loaded"
REFUSED = "refused"
UNUSABLE = "unusable"
NO_PROFILE = "no-profile"
INTERRUPTED = "interrupted"
CONFORMS = "conforms"
"""Checked without loading (``ingest --dry-run``): the export conforms and would be loaded."""

SEVERITIES = ("violation", "warning", "info")
LANGS = ("fr", "en", "nl")

# The summary's own words, per language; templates with the same named fields in each.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Intake of {label}",
        "bundled": "the bundled example organisations",
        "demo": "  NOTE: pseudonyms made with the bundled DEMO-ONLY key (demonstration data only; "
        "real exports need --key-file or REFERENTIEL_PSEUDONYM_KEY).",
        "other-key": "  WARNING: the store already holds {count} graph(s) pseudonymised with another key "
        "({organisations}): their families cannot be linked with this run's. Use the same key for every "
        "partner, or another store (--store).",
        "kept": "  The earlier load of this organisation is still in the store: loaded {loaded_at}, "
        "{triples} triple(s); it stays until an export of it is loaded.",
        "kept-none": "  No earlier load of this organisation is in the store.",
        LOADED: "loaded",
        REFUSED: "REFUSED",
        UNUSABLE: "UNUSABLE",
        NO_PROFILE: "NO PROFILE",
        INTERRUPTED: "interrupted",
        "incomplete": " (INCOMPLETE: {count} table(s) refused whole, not counted)",
        CONFORMS: "would load",
        "line": "  rows read {rows}, terms mapped {share} ({mapped}/{total}), "
        "violations {violations}, warnings {warnings}",
        "violation": "violation",
        "warning": "warning",
        "info": "info",
        "raised-by": " ({severity} because: {rule})",
        "more": "    … and {count} more (see the report)",
        "generated": "{families} families, {organisations} organisations, {rows} rows, "
        "{defects} injected defect(s) -> {output}",
        "totals": "{exports} export(s): {loaded} loaded, {refused} refused, {unusable} unusable; "
        "{rows} row(s), {violations} violation(s), {warnings} warning(s); {duration} s",
        "target": "Target: {kind} {location}",
        "store": "store",
        "endpoint": "endpoint",
        "dry-run": "nothing (checked, not loaded)",
        "export": "(export)",
        "sheet": "sheet {sheet}",
        "row": "row {row}",
        "column": "column {column}",
        "reason-no-profile": "no profile found for this organisation: nothing was guessed; add a profile "
        "file ({name}) next to its exports or in --profiles",
        "reason-refused": "refused: {count} violation(s); correct them and send the export again",
        "reason-forced": "loaded although it has {count} violation(s) (forced)",
        "problem-no-export": "no export found: the directory holds no sub-folder with CSV, XLSX or JSON "
        "files (one sub-folder per organisation)",
        "html-title": "Intake report: {label}",
        "html-run": "Run {started}, {duration} s. Target: {kind} <code>{location}</code>.",
        "html-forced": " Loading was <strong>forced</strong> for non-conforming exports.",
        "html-demo": "Pseudonyms in this run were made with the bundled <strong>DEMO-ONLY</strong> key. "
        "This is right for the demonstration data shipped with referentiel and wrong for anything "
        "else: real exports must be ingested with the project's own key.",
        "html-intro": "This report locates each problem in the partner's own files (file, row, column). "
        "It contains no personal data: values that look personal are masked.",
        "h-organisation": "Organisation",
        "h-status": "Status",
        "h-rows": "Rows read",
        "h-terms": "Terms mapped",
        "h-violations": "Violations",
        "h-warnings": "Warnings",
        "f-exports": "{count} exports",
        "f-statuses": "{loaded} loaded, {refused} refused, {unusable} unusable",
        "status": "Status:",
        "profile": "Profile: <code>{profile}</code>. Files: {files}. Triples: {triples}.",
        "none": "none",
        "no-problem": "No problem found.",
        "h-file": "File",
        "h-sheet": "Sheet",
        "h-row": "Row",
        "h-column": "Column",
        "h-term": "Term",
        "h-what": "What is wrong",
        "report-written": "report: {path}",
        "footer": "Generated by referentiel intake. Exit code {code} "
        "(0 all loaded, 1 some refused, 2 unusable input).",
    },
    "fr": {
        "title": "Réception des exports : {label}",
        "bundled": "les organisations d'exemple fournies",
        "demo": "  NOTE : pseudonymes calculés avec la clé DEMO-ONLY fournie (données de démonstration "
        "uniquement ; de vrais exports demandent --key-file ou REFERENTIEL_PSEUDONYM_KEY).",
        "other-key": "  ATTENTION : l'entrepôt contient déjà {count} graphe(s) pseudonymisé(s) avec une "
        "autre clé ({organisations}) : leurs familles ne peuvent pas être reliées à celles de cette "
        "exécution. Utilisez la même clé pour tous les partenaires, ou un autre entrepôt (--store).",
        "kept": "  Le chargement précédent de cette organisation reste dans l'entrepôt : chargé le "
        "{loaded_at}, {triples} triplet(s) ; il y reste jusqu'au chargement d'un de ses exports.",
        "kept-none": "  Aucun chargement précédent de cette organisation n'est dans l'entrepôt.",
        LOADED: "chargé",
        REFUSED: "REFUSÉ",
        UNUSABLE: "INUTILISABLE",
        NO_PROFILE: "SANS PROFIL",
        INTERRUPTED: "interrompu",
        "incomplete": " (INCOMPLET : {count} table(s) refusée(s) en entier, non comptée(s))",
        CONFORMS: "chargeable",
        "line": "  lignes lues {rows}, termes traduits {share} ({mapped}/{total}), "
        "violations {violations}, avertissements {warnings}",
        "violation": "violation",
        "warning": "avertissement",
        "info": "info",
        "raised-by": " ({severity} parce que : {rule})",
        "more": "    … et {count} de plus (voir le rapport)",
        "generated": "{families} familles, {organisations} organisations, {rows} lignes, "
        "{defects} défaut(s) injecté(s) -> {output}",
        "totals": "{exports} export(s) : {loaded} chargé(s), {refused} refusé(s), "
        "{unusable} inutilisable(s) ; {rows} ligne(s), {violations} violation(s), "
        "{warnings} avertissement(s) ; {duration} s",
        "target": "Destination : {kind} {location}",
        "store": "entrepôt",
        "endpoint": "serveur SPARQL",
        "dry-run": "aucune (vérifié, non chargé)",
        "export": "(export)",
        "sheet": "feuille {sheet}",
        "row": "ligne {row}",
        "column": "colonne {column}",
        "reason-no-profile": "aucun profil trouvé pour cette organisation : rien n'a été deviné ; ajoutez "
        "un fichier de profil ({name}) à côté de ses exports ou dans --profiles",
        "reason-refused": "refusé : {count} violation(s) ; corrigez-les et renvoyez l'export",
        "reason-forced": "chargé malgré {count} violation(s) (chargement forcé)",
        "problem-no-export": "aucun export trouvé : le dossier ne contient aucun sous-dossier avec des "
        "fichiers CSV, XLSX ou JSON (un sous-dossier par organisation)",
        "html-title": "Rapport de réception : {label}",
        "html-run": "Exécution du {started}, {duration} s. Destination : {kind} <code>{location}</code>.",
        "html-forced": " Le chargement a été <strong>forcé</strong> pour les exports non conformes.",
        "html-demo": "Les pseudonymes de cette exécution ont été calculés avec la clé "
        "<strong>DEMO-ONLY</strong> fournie. C'est correct pour les données de démonstration livrées "
        "avec referentiel, et incorrect pour tout le reste : de vrais exports doivent être traités "
        "avec la clé propre au projet.",
        "html-intro": "Ce rapport situe chaque problème dans les fichiers du partenaire (fichier, ligne, "
        "colonne). Il ne contient aucune donnée personnelle : les valeurs qui semblent personnelles "
        "sont masquées.",
        "h-organisation": "Organisation",
        "h-status": "Statut",
        "h-rows": "Lignes lues",
        "h-terms": "Termes traduits",
        "h-violations": "Violations",
        "h-warnings": "Avertissements",
        "f-exports": "{count} exports",
        "f-statuses": "{loaded} chargé(s), {refused} refusé(s), {unusable} inutilisable(s)",
        "status": "Statut :",
        "profile": "Profil : <code>{profile}</code>. Fichiers : {files}. Triplets : {triples}.",
        "none": "aucun",
        "no-problem": "Aucun problème trouvé.",
        "h-file": "Fichier",
        "h-sheet": "Feuille",
        "h-row": "Ligne",
        "h-column": "Colonne",
        "h-term": "Terme",
        "h-what": "Ce qui ne va pas",
        "report-written": "rapport : {path}",
        "footer": "Produit par referentiel ingest. Code de sortie {code} "
        "(0 tout est chargé, 1 des exports sont refusés, 2 données inutilisables).",
    },
    "nl": {
        "title": "Ontvangst van de exports: {label}",
        "bundled": "de meegeleverde voorbeeldorganisaties",
        "demo": "  LET OP: pseudoniemen gemaakt met de meegeleverde DEMO-ONLY-sleutel (enkel voor "
        "demonstratiegegevens; echte exports vereisen --key-file of REFERENTIEL_PSEUDONYM_KEY).",
        "other-key": "  WAARSCHUWING: de opslag bevat al {count} graaf/grafen gepseudonimiseerd met een "
        "andere sleutel ({organisations}): hun gezinnen kunnen niet gekoppeld worden aan die van deze "
        "uitvoering. Gebruik dezelfde sleutel voor elke partner, of een andere opslag (--store).",
        "kept": "  De vorige lading van deze organisatie blijft in de opslag: geladen op {loaded_at}, "
        "{triples} triple(s); ze blijft tot een export ervan geladen wordt.",
        "kept-none": "  Er is geen vorige lading van deze organisatie in de opslag.",
        LOADED: "geladen",
        REFUSED: "GEWEIGERD",
        UNUSABLE: "ONBRUIKBAAR",
        NO_PROFILE: "GEEN PROFIEL",
        INTERRUPTED: "onderbroken",
        "incomplete": " (ONVOLLEDIG: {count} tabel(len) volledig geweigerd, niet meegeteld)",
        CONFORMS: "laadbaar",
        "line": "  rijen gelezen {rows}, vertaalde termen {share} ({mapped}/{total}), "
        "schendingen {violations}, waarschuwingen {warnings}",
        "violation": "schending",
        "warning": "waarschuwing",
        "info": "info",
        "raised-by": " ({severity} omdat: {rule})",
        "more": "    … en nog {count} (zie het rapport)",
        "generated": "{families} gezinnen, {organisations} organisaties, {rows} rijen, "
        "{defects} ingebrachte fout(en) -> {output}",
        "totals": "{exports} export(s): {loaded} geladen, {refused} geweigerd, {unusable} onbruikbaar; "
        "{rows} rij(en), {violations} schending(en), {warnings} waarschuwing(en); {duration} s",
        "target": "Bestemming: {kind} {location}",
        "store": "opslag",
        "endpoint": "SPARQL-server",
        "dry-run": "geen (gecontroleerd, niet geladen)",
        "export": "(export)",
        "sheet": "blad {sheet}",
        "row": "rij {row}",
        "column": "kolom {column}",
        "reason-no-profile": "geen profiel gevonden voor deze organisatie: er werd niets geraden; voeg "
        "een profielbestand ({name}) toe naast de exports of in --profiles",
        "reason-refused": "geweigerd: {count} schending(en); verbeter ze en stuur de export opnieuw",
        "reason-forced": "geladen ondanks {count} schending(en) (geforceerd)",
        "problem-no-export": "geen export gevonden: de map bevat geen submap met CSV-, XLSX- of "
        "JSON-bestanden (één submap per organisatie)",
        "html-title": "Ontvangstrapport: {label}",
        "html-run": "Uitgevoerd op {started}, {duration} s. Bestemming: {kind} <code>{location}</code>.",
        "html-forced": " Het laden werd <strong>geforceerd</strong> voor niet-conforme exports.",
        "html-demo": "De pseudoniemen van deze uitvoering werden gemaakt met de meegeleverde "
        "<strong>DEMO-ONLY</strong>-sleutel. Dat is juist voor de demonstratiegegevens die met "
        "referentiel meekomen, en fout voor al het andere: echte exports moeten met de eigen sleutel "
        "van het project ingelezen worden.",
        "html-intro": "Dit rapport situeert elk probleem in de eigen bestanden van de partner (bestand, "
        "rij, kolom). Het bevat geen persoonsgegevens: waarden die persoonlijk lijken, worden gemaskeerd.",
        "h-organisation": "Organisatie",
        "h-status": "Status",
        "h-rows": "Gelezen rijen",
        "h-terms": "Vertaalde termen",
        "h-violations": "Schendingen",
        "h-warnings": "Waarschuwingen",
        "f-exports": "{count} exports",
        "f-statuses": "{loaded} geladen, {refused} geweigerd, {unusable} onbruikbaar",
        "status": "Status:",
        "profile": "Profiel: <code>{profile}</code>. Bestanden: {files}. Triples: {triples}.",
        "none": "geen",
        "no-problem": "Geen probleem gevonden.",
        "h-file": "Bestand",
        "h-sheet": "Blad",
        "h-row": "Rij",
        "h-column": "Kolom",
        "h-term": "Term",
        "h-what": "Wat er mis is",
        "report-written": "rapport: {path}",
        "footer": "Gemaakt door referentiel ingest. Afsluitcode {code} "
        "(0 alles geladen, 1 sommige geweigerd, 2 onbruikbare invoer).",
    },
}


def say(lang: str, key: str, **params: object) -> str:
    """The summary's word or sentence ``key`` in ``lang`` (English when ``lang`` is unknown)."""
    words = WORDS.get(lang, WORDS["en"])
    return words[key].format(**params)


def safe_text(text: object, limit: int = 300) -> str:
    """``text`` with personal data masked and its length capped: the only way data reaches a report."""
    value = scrub(str(text))
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass
class Finding:
    """One problem found in an export, located in the partner's file."""

    severity: str
    kind: str
    stage: str
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    term: str | None = None
    also: list[str] = field(default_factory=list)
    """Messages of the other stage about the same cell (e.g. validation after a translation issue)."""
    raised_by: str | None = None
    """The rule that made this finding more severe than its kind usually is (an unmapped term in a
    column the shapes require is a violation, not a warning): its message, shown after the finding's."""

    def text(self, lang: str = "en") -> str:
        """The message, with the reason for its severity when a rule raised it."""
        if not self.raised_by:
            return self.message
        return self.message + say(lang, "raised-by", severity=say(lang, self.severity), rule=self.raised_by)

    def where(self, lang: str = "en") -> str:
        """``file, sheet S, row R, column C`` (the known parts), in ``lang``."""
        parts = [self.file or say(lang, "export")]
        if self.sheet:
            parts.append(say(lang, "sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(say(lang, "row", row=self.row))
        if self.column:
            parts.append(say(lang, "column", column=self.column))
        return ", ".join(parts)


@dataclass
class ExportResult:
    """What happened to one organisation's export."""

    organisation: str
    directory: str
    label: str = ""
    profile: str | None = None
    files: list[str] = field(default_factory=list)
    status: str = UNUSABLE
    reason: str = ""
    rows_read: int = 0
    triples: int = 0
    graph: str | None = None
    terms_total: int = 0
    terms_mapped: int = 0
    tables_refused: int = 0
    """Tables refused whole (e.g. undeclared personal data): their terms are not in the share."""
    findings: list[Finding] = field(default_factory=list)
    replaced: dict | None = None
    """What the load replaced in the store: the organisation's previous graph (``triples``,
    ``loaded_at``, ``sources``), or None when there was none (or nothing was loaded)."""
    kept: dict | None = None
    """When the export was refused: the organisation's earlier graph still in the store (``triples``,
    ``loaded_at``, ``sources``), or None when there is none."""

    @property
    def mapped_share(self) -> float | None:
        """Share of the organisation's terms that were mapped to the framework (None: no terms)."""
        return self.terms_mapped / self.terms_total if self.terms_total else None

    def count(self, severity: str) -> int:
        """How many findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings counted by severity, then kind."""
        result: dict[str, dict[str, int]] = {}
        for severity in SEVERITIES:
            kinds = Counter(f.kind for f in self.findings if f.severity == severity)
            if kinds:
                result[severity] = dict(sorted(kinds.items()))
        return result

    def to_dict(self) -> dict:
        """The JSON form of this export (see the module docstring)."""
        share = self.mapped_share
        return {
            "organisation": self.organisation,
            "label": self.label,
            "directory": self.directory,
            "profile": self.profile,
            "files": list(self.files),
            "status": self.status,
            "reason": self.reason,
            "rows_read": self.rows_read,
            "triples": self.triples,
            "graph": self.graph,
            "terms": {
                "total": self.terms_total,
                "mapped": self.terms_mapped,
                "share": round(share, 4) if share is not None else None,
                "complete": not self.tables_refused,
                "tables_refused": self.tables_refused,
            },
            "counts": self.counts(),
            "replaced": self.replaced,
            "kept": self.kept,
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass
class IngestSummary:
    """The outcome of one intake run over a directory of partner exports."""

    directory: str
    started: datetime
    finished: datetime | None = None
    exports: list[ExportResult] = field(default_factory=list)
    key_source: str = "key-file"
    target_kind: str = "store"
    target_location: str = ""
    forced: bool = False
    problem: str = ""
    """Set when the directory itself is unusable (nothing to ingest)."""
    lang: str = "fr"
    """The language of the messages and of the renderers' words (fr, en, nl)."""
    key_fingerprint: str | None = None
    """The fingerprint of the pseudonym key (:func:`referentiel.translation.pseudonym.key_fingerprint`)."""
    other_keys: list[dict] = field(default_factory=list)
    """Graphs already in the store made with another key (``graph``, ``organisation``, ``loaded_at``,
    ``key_fingerprint``): their families cannot be linked with this run's."""

    @property
    def label(self) -> str:
        """How outputs name what was ingested."""
        return say(self.lang, "bundled") if self.demo_key else self.directory

    @property
    def demo_key(self) -> bool:
        """True when the bundled demonstration key pseudonymised the data (bundled examples only)."""
        return self.key_source == "demo"

    @property
    def exit_code(self) -> int:
        """0 every export loaded, 1 some refused, 2 unusable input (no profile, unreadable, empty)."""
        if self.problem or not self.exports:
            return 2
        if any(e.status in (UNUSABLE, NO_PROFILE) for e in self.exports):
            return 2
        if any(e.status not in (LOADED, CONFORMS) for e in self.exports):
            return 1
        return 0

    def totals(self) -> dict[str, int]:
        """Counts over every export."""
        return {
            "exports": len(self.exports),
            "loaded": sum(e.status == LOADED for e in self.exports),
            "conforms": sum(e.status == CONFORMS for e in self.exports),
            "refused": sum(e.status == REFUSED for e in self.exports),
            "unusable": sum(e.status in (UNUSABLE, NO_PROFILE) for e in self.exports),
            "rows": sum(e.rows_read for e in self.exports),
            "violations": sum(e.count("violation") for e in self.exports),
            "warnings": sum(e.count("warning") for e in self.exports),
        }

    @property
    def duration(self) -> float:
        """Seconds the run took."""
        end = self.finished or self.started
        return (end - self.started).total_seconds()

    def findings(self) -> list[tuple[ExportResult, Finding]]:
        """Every finding with its export."""
        return [(e, f) for e in self.exports for f in e.findings]

    def to_dict(self) -> dict:
        """The JSON form (see the module docstring)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "directory": self.directory,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds") if self.finished else None,
            "duration_s": round(self.duration, 3),
            "key": {
                "source": self.key_source,
                "demo": self.demo_key,
                "fingerprint": self.key_fingerprint,
                "other_keys": self.other_keys,
            },
            "target": {"kind": self.target_kind, "location": self.target_location},
            "forced": self.forced,
            "lang": self.lang,
            "problem": self.problem,
            "exit_code": self.exit_code,
            "totals": self.totals(),
            "exports": [e.to_dict() for e in self.exports],
        }


# ---------------------------------------------------------------- renderers


def to_json(summary: IngestSummary) -> str:
    """The summary as JSON text."""
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _share(export: ExportResult, lang: str) -> str:
    share = export.mapped_share
    text = "–" if share is None else f"{share:.0%}"
    # "100%" of what was read is misleading when a whole table was not read at all.
    return text + say(lang, "incomplete", count=export.tables_refused) if export.tables_refused else text


STATUS_WORDS = {s: WORDS["en"][s] for s in (LOADED, REFUSED, UNUSABLE, NO_PROFILE, INTERRUPTED, CONFORMS)}
"""The English status words (see :data:`WORDS` for every language)."""


def status_word(status: str, lang: str) -> str:
    """How the summary shows ``status`` in ``lang`` (``REFUSED``, ``REFUSÉ``, ``GEWEIGERD``...)."""
    words = WORDS.get(lang, WORDS["en"])
    return words.get(status, status)


def _target_kind(summary: IngestSummary) -> str:
    kind = summary.target_kind
    if kind == "none":
        return say(summary.lang, "dry-run")
    return say(summary.lang, kind) if kind in ("store", "endpoint") else kind


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def to_text(summary: IngestSummary, details: int = 5) -> str:
    """The summary a steward reads on the terminal: one block per organisation, in ``summary.lang``.

    ``details`` caps the located findings shown per organisation and kind (the report has them all).
    """
    lang = summary.lang
    colon = _colon(lang)
    lines = [say(lang, "title", label=summary.label)]
    if summary.demo_key:
        lines.append(say(lang, "demo"))
    if summary.other_keys:
        lines.append(_other_keys(summary))
    if summary.problem:
        lines.append(f"  {summary.problem}")
    for export in summary.exports:
        title = export.label or export.organisation
        lines.append("")
        lines.append(f"{title} [{export.organisation}]{colon}{status_word(export.status, lang)}")
        if export.reason:
            lines.append(f"  {export.reason}")
        if export.status == REFUSED and summary.target_kind != "none":
            lines.append(_kept(export, lang))
        if export.status not in (NO_PROFILE,):
            lines.append(
                say(
                    lang,
                    "line",
                    rows=export.rows_read,
                    share=_share(export, lang),
                    mapped=export.terms_mapped,
                    total=export.terms_total,
                    violations=export.count("violation"),
                    warnings=export.count("warning"),
                )
            )
        for severity in ("violation", "warning"):
            by_kind: dict[str, list[Finding]] = {}
            for finding in export.findings:
                if finding.severity == severity:
                    by_kind.setdefault(finding.kind, []).append(finding)
            for kind, items in sorted(by_kind.items()):
                lines.append(f"  {say(lang, severity)} {kind}{colon}{len(items)}")
                for finding in items[:details]:
                    lines.append(f"    {finding.where(lang)}{colon}{finding.text(lang)}")
                if len(items) > details:
                    lines.append(say(lang, "more", count=len(items) - details))
    totals = summary.totals()
    lines.append("")
    lines.append(say(lang, "totals", **totals, duration=f"{summary.duration:.1f}"))
    if summary.target_location:
        lines.append(say(lang, "target", kind=_target_kind(summary), location=summary.target_location))
    return "\n".join(lines) + "\n"


def _other_keys(summary: IngestSummary) -> str:
    organisations = sorted({g.get("organisation") or g["graph"] for g in summary.other_keys})
    return say(
        summary.lang, "other-key", count=len(summary.other_keys), organisations=", ".join(organisations)
    )


def _kept(export: ExportResult, lang: str) -> str:
    if not export.kept:
        return say(lang, "kept-none")
    kept = export.kept
    return say(lang, "kept", loaded_at=kept.get("loaded_at") or "?", triples=kept.get("triples") or 0)


def to_brief(summary: IngestSummary) -> str:
    """What ``ingest --quiet`` prints: one line per export (its status) and the totals, nothing else.

    For scripts and scheduled runs: the exit code says whether anything was refused, the report
    (``--report``) holds the findings.
    """
    lang = summary.lang
    colon = _colon(lang)
    lines = [f"{e.organisation}{colon}{status_word(e.status, lang)}" for e in summary.exports]
    lines.append(say(lang, "totals", **summary.totals(), duration=f"{summary.duration:.1f}"))
    if summary.target_location:
        lines.append(say(lang, "target", kind=_target_kind(summary), location=summary.target_location))
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f4f4f6}.num{text-align:right}
.loaded,.conforms{color:#176c2e;font-weight:600}.refused,.unusable,.no-profile{color:#b00020;font-weight:600}
.note{background:#fff6d6;border:1px solid #e6c65c;padding:.5rem .8rem}
.violation{color:#b00020}.warning{color:#8a5a00}details{margin:.3rem 0}
footer{margin-top:2rem;color:#666;font-size:.85rem}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def to_html(summary: IngestSummary) -> str:
    """A self-contained HTML report in ``summary.lang`` (inline style, no script, no external resource,
    no personal data)."""
    lang = summary.lang if summary.lang in WORDS else "en"
    totals = summary.totals()
    title = say(lang, "html-title", label=summary.label)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        "<p>"
        + say(
            lang,
            "html-run",
            started=_e(summary.started.isoformat(timespec="seconds")),
            duration=f"{summary.duration:.1f}",
            kind=_e(_target_kind(summary)),
            location=_e(summary.target_location),
        )
        + (say(lang, "html-forced") if summary.forced else "")
        + "</p>",
    ]
    if summary.demo_key:
        out.append(f'<p class="note">{say(lang, "html-demo")}</p>')
    if summary.other_keys:
        out.append(f'<p class="note">{_e(_other_keys(summary).strip())}</p>')
    if summary.problem:
        out.append(f'<p class="note">{_e(summary.problem)}</p>')
    out.append(f"<p>{_e(say(lang, 'html-intro'))}</p>")
    head = [
        ("", "h-organisation"),
        ("", "h-status"),
        (" class=num", "h-rows"),
        (" class=num", "h-terms"),
        (" class=num", "h-violations"),
        (" class=num", "h-warnings"),
    ]
    out.append(
        "<table><thead><tr>"
        + "".join(f"<th{attr}>{_e(say(lang, key))}</th>" for attr, key in head)
        + "</tr></thead><tbody>"
    )
    for export in summary.exports:
        out.append(
            f"<tr><td><a href='#{_e(export.organisation)}'>{_e(export.label or export.organisation)}</a></td>"
            f"<td class='{_e(export.status)}'>{_e(status_word(export.status, lang))}</td>"
            f"<td class=num>{export.rows_read}</td>"
            f"<td class=num>{_share(export, lang)} ({export.terms_mapped}/{export.terms_total})</td>"
            f"<td class=num>{export.count('violation')}</td>"
            f"<td class=num>{export.count('warning')}</td></tr>"
        )
    statuses = say(
        lang, "f-statuses", loaded=totals["loaded"], refused=totals["refused"], unusable=totals["unusable"]
    )
    out.append(
        f"</tbody><tfoot><tr><th>{_e(say(lang, 'f-exports', count=totals['exports']))}</th>"
        f"<th>{_e(statuses)}</th>"
        f"<th class=num>{totals['rows']}</th><th></th><th class=num>{totals['violations']}</th>"
        f"<th class=num>{totals['warnings']}</th></tr></tfoot></table>"
    )
    columns = ("h-file", "h-sheet", "h-row", "h-column", "h-term", "h-what")
    for export in summary.exports:
        out.append(
            f"<h2 id='{_e(export.organisation)}'>{_e(export.label or export.organisation)} "
            f"<small>({_e(export.organisation)})</small></h2>"
        )
        status = _e(status_word(export.status, lang))
        out.append(
            f"<p>{_e(say(lang, 'status'))} <span class='{_e(export.status)}'>{status}"
            f"</span>{(' — ' + _e(export.reason)) if export.reason else ''}</p>"
        )
        if export.status == REFUSED and summary.target_kind != "none":
            out.append(f"<p>{_e(_kept(export, lang).strip())}</p>")
        out.append(
            "<p>"
            + say(
                lang,
                "profile",
                profile=_e(export.profile or say(lang, "none")),
                files=", ".join(f"<code>{_e(name)}</code>" for name in export.files),
                triples=export.triples,
            )
            + "</p>"
        )
        counts = export.counts()
        if not export.findings:
            out.append(f"<p>{_e(say(lang, 'no-problem'))}</p>")
            continue
        for severity in ("violation", "warning", "info"):
            for kind, number in counts.get(severity, {}).items():
                items = [f for f in export.findings if f.severity == severity and f.kind == kind]
                header = "".join(
                    f"<th{' class=num' if key == 'h-row' else ''}>{_e(say(lang, key))}</th>"
                    for key in columns
                )
                out.append(
                    f"<details{' open' if severity == 'violation' else ''}><summary>"
                    f"<span class='{severity}'>{_e(say(lang, severity))}</span> <strong>{_e(kind)}</strong>"
                    f"{_colon(lang)}{number}</summary><table><thead><tr>{header}</tr></thead><tbody>"
                )
                for finding in items:
                    out.append(
                        f"<tr><td>{_e(finding.file)}</td><td>{_e(finding.sheet)}</td>"
                        f"<td class=num>{_e(finding.row)}</td><td>{_e(finding.column)}</td>"
                        f"<td>{_e(finding.term)}</td><td>{_e(finding.text(lang))}</td></tr>"
                    )
                out.append("</tbody></table></details>")
    out.append(f"<footer>{_e(say(lang, 'footer', code=summary.exit_code))}</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
