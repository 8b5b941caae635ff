"""The catalogue of ontology quality checks: one SPARQL file per check, plus a few Python checks.

Each ``checks/*.rq`` file starts with a header comment, in the spirit of ROBOT's ``report_queries``::

    # id: missing-label
    # title: Term without a label in a required language
    # severity: ERROR
    # scope: own
    # description: Every class ... (continuation lines are indented by two spaces or more)
    # fix: add the label in the missing language ...
    # columns: entity, lang

with ``title@fr``, ``title@nl``, ``fix@fr`` and ``fix@nl`` lines beside ``title`` and ``fix``: the text
report speaks the command's ``--lang``.

The query's SELECT variables follow one convention: ``?entity`` (the term concerned), ``?property``,
``?value``, ``?lang`` and ``?other`` (a second term, for duplicates), each optional. ``scope: own``
means the runner keeps only rows whose ``?entity`` (and ``?other``) is in the ontology's own
namespaces; ``scope: external`` only rows whose ``?entity`` is outside them; ``scope: all`` keeps
every row.

Checks that SPARQL cannot express (the reasoner's verdicts) are registered in :data:`PYTHON_CHECKS`
with the same metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

SEVERITIES = ("ERROR", "WARN", "INFO")
SCOPES = ("own", "external", "all")
_REQUIRED = ("id", "title", "severity", "scope", "description", "fix",
             "title@fr", "title@nl", "fix@fr", "fix@nl")
_HEADER_LINE = re.compile(r"^#\s?(?P<key>[a-z]+(?:@[a-z]{2})?):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")


@dataclass(frozen=True)
class Check:
    """One quality check: its metadata and, for SPARQL checks, its query text."""

    id: str
    title: str
    severity: str
    description: str
    hint: str
    scope: str = "own"
    kind: str = "sparql"
    query: str | None = None
    columns: tuple[str, ...] = field(default_factory=tuple)
    source: str | None = None
    # French and Dutch of the title and hint: {"title@fr": ..., "fix@nl": ...}
    texts: dict[str, str] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (fr, nl, en)."""
        return self.texts.get(f"title@{lang}", self.title)

    def hint_in(self, lang: str) -> str:
        """How to fix it, in ``lang``."""
        return self.texts.get(f"fix@{lang}", self.hint)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """The check's metadata as plain JSON-ready values (without the query text), title and hint
        in ``lang``."""
        return {
            "id": self.id, "title": self.title_in(lang), "severity": self.severity, "scope": self.scope,
            "kind": self.kind, "description": self.description, "hint": self.hint_in(lang),
            "source": self.source,
        }


class CatalogueError(ValueError):
    """A check file's header is incomplete or wrong (a bug in the shipped catalogue)."""


def parse_header(text: str, name: str = "<query>") -> dict[str, str]:
    """The ``# key: value`` header of a check file, continuation lines joined with a space."""
    header: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        cont = _CONTINUATION.match(line)
        if cont and last is not None:
            header[last] += " " + cont.group("value").strip()
            continue
        found = _HEADER_LINE.match(line)
        if found:
            last = found.group("key")
            header[last] = found.group("value").strip()
    missing = [key for key in _REQUIRED if not header.get(key)]
    if missing:
        raise CatalogueError(f"{name}: header lacks {', '.join(missing)}")
    if header["severity"] not in SEVERITIES:
        raise CatalogueError(f"{name}: severity {header['severity']!r} is not one of {SEVERITIES}")
    if header["scope"] not in SCOPES:
        raise CatalogueError(f"{name}: scope {header['scope']!r} is not one of {SCOPES}")
    return header


def check_from_text(text: str, name: str) -> Check:
    """Build a :class:`Check` from the text of a ``.rq`` file."""
    header = parse_header(text, name)
    if name.endswith(".rq") and header["id"] != name.rsplit("/", 1)[-1][:-3]:
        raise CatalogueError(f"{name}: id {header['id']!r} does not match the file name")
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    return Check(
        id=header["id"], title=header["title"], severity=header["severity"], scope=header["scope"],
        description=header["description"], hint=header["fix"], kind="sparql", query=text,
        columns=columns, source=f"checks/{name.rsplit('/', 1)[-1]}",
        texts={key: header[key] for key in ("title@fr", "title@nl", "fix@fr", "fix@nl")},
    )


@lru_cache(maxsize=1)
def sparql_checks() -> tuple[Check, ...]:
    """Every SPARQL check shipped in ``referentiel/ontology/checks/``, sorted by id."""
    folder = resources.files("referentiel.ontology").joinpath("checks")
    checks = [
        check_from_text(entry.read_text(encoding="utf-8"), entry.name)
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    ]
    return tuple(sorted(checks, key=lambda c: c.id))


# Verdicts of the reasoner, and lexical validation of literals: no SPARQL query can compute them.
PYTHON_CHECKS: tuple[Check, ...] = (
    Check(
        id="inconsistent-ontology", kind="python", scope="all", severity="ERROR",
        title="Ontology inconsistent",
        description="HermiT found that no world can satisfy the ontology's axioms (e.g. an individual "
        "typed with two disjoint classes, or a functional property with two values). Every "
        "conclusion drawn from an inconsistent ontology is meaningless.",
        hint="look for individuals (concepts are individuals too) typed with disjoint classes, and for "
        "disjointness axioms that are too strong; remove axioms until the reasoner agrees, then restore.",
        source="referentiel.ontology.reasoner",
        texts={
            "title@fr": "Ontologie incohérente",
            "title@nl": "Ontologie inconsistent",
            "fix@fr": (
                "cherchez des individus (les concepts en sont aussi) typés par des classes "
                "disjointes, et des axiomes de disjonction trop forts ; retirez des axiomes "
                "jusqu'à ce que le raisonneur soit d'accord, puis rétablissez-les."
            ),
            "fix@nl": (
                "zoek naar individuen (ook concepten zijn individuen) getypeerd met disjuncte "
                "klassen, en naar te sterke disjunctie-axioma's; verwijder axioma's tot de "
                "redeneerder akkoord gaat, en zet ze dan terug."
            ),
        },
    ),
    Check(
        id="unsatisfiable-class", kind="python", scope="all", severity="ERROR",
        title="Unsatisfiable class",
        description="HermiT proved that the class can have no instance (it is equivalent to owl:Nothing), "
        "typically because it is a subclass of two disjoint classes. Any data typed with it makes "
        "the whole data set inconsistent.",
        hint="check the class's superclasses and restrictions against the owl:disjointWith axioms; role "
        "classes such as ref:Beneficiary must not be disjoint from ref:Professional.",
        source="referentiel.ontology.reasoner",
        texts={
            "title@fr": "Classe insatisfiable",
            "title@nl": "Onvervulbare klasse",
            "fix@fr": (
                "confrontez les superclasses et les restrictions de la classe aux axiomes "
                "owl:disjointWith ; les classes de rôle comme ref:Beneficiary ne doivent pas être "
                "disjointes de ref:Professional."
            ),
            "fix@nl": (
                "toets de superklassen en beperkingen van de klasse aan de "
                "owl:disjointWith-axioma's; rolklassen zoals ref:Beneficiary mogen niet disjunct "
                "zijn met ref:Professional."
            ),
        },
    ),
    Check(
        id="ill-typed-literal", kind="python", scope="all", severity="ERROR",
        title="Literal not valid for its datatype",
        description="A literal's text is not a valid value of its datatype (\"many\"^^xsd:integer, "
        "\"notadate\"^^xsd:dateTime). RDF tools silently normalise or drop such values, and the "
        "reasoner stops on them. SPARQL cannot test lexical forms in general, so this check uses "
        "rdflib's datatype validation.",
        hint="write the value in the datatype's syntax (2024-03-01, 2024-03-01T10:00:00, 12, true) or "
        "change the datatype.",
        source="referentiel.ontology.check",
        texts={
            "title@fr": "Littéral non valide pour son type de données",
            "title@nl": "Literal niet geldig voor zijn datatype",
            "fix@fr": (
                "écrivez la valeur dans la syntaxe du type de données (2024-03-01, "
                "2024-03-01T10:00:00, 12, true) ou changez le type de données."
            ),
            "fix@nl": (
                "schrijf de waarde in de syntaxis van het datatype (2024-03-01, "
                "2024-03-01T10:00:00, 12, true) of verander het datatype."
            ),
        },
    ),
    Check(
        id="reasoner-error", kind="python", scope="all", severity="ERROR",
        title="The reasoner could not process the ontology",
        description="HermiT stopped with an error instead of a verdict: the ontology uses a construct "
        "outside OWL 2 DL that the OWL API cannot repair, or a datatype the reasoner does not support.",
        hint="fix the ERROR findings of the other checks first (punning, range kinds, reserved "
        "vocabulary), then run again; the message shows HermiT's own explanation.",
        source="referentiel.ontology.reasoner",
        texts={
            "title@fr": "Le raisonneur n'a pas pu traiter l'ontologie",
            "title@nl": "De redeneerder kon de ontologie niet verwerken",
            "fix@fr": (
                "corrigez d'abord les ERROR des autres vérifications (punning, sortes de portée, "
                "vocabulaire réservé), puis relancez ; le message donne l'explication de HermiT "
                "lui-même."
            ),
            "fix@nl": (
                "los eerst de ERROR-bevindingen van de andere controles op (punning, soorten "
                "bereik, gereserveerd vocabularium) en start opnieuw; de melding geeft HermiTs "
                "eigen uitleg."
            ),
        },
    ),
)


def all_checks() -> tuple[Check, ...]:
    """The full catalogue: SPARQL checks then Python checks."""
    return sparql_checks() + PYTHON_CHECKS


def get_check(check_id: str) -> Check:
    """One check by id (KeyError when unknown)."""
    for check in all_checks():
        if check.id == check_id:
            return check
    raise KeyError(check_id)
