"""French and Dutch of what ``ontology check`` says beyond its checks' own titles and fixes (those are
``title@fr``/``fix@nl`` header lines of each ``checks/*.rq`` file, or :data:`PYTHON_CHECKS`): the text
report's frame, the reasoner's verdicts and the Python checks' findings.

English template -> its French and Dutch, with the same placeholders, as in
:data:`referentiel.error_messages.MESSAGES`. IRIs, CURIEs and HermiT's own words stay as they are.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations

from typing import Any


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


def say(template: str, lang: str, params: dict[str, Any] | None = None) -> str:
    """``template`` of this catalogue in ``lang`` (fr, nl, en), ``params`` filled in."""
    from referentiel.error_messages import translate

    return translate(template, lang, params or {}, MESSAGES)


NO_JAVA_HINT = (
    "HermiT needs Java 8 or later: install a Java runtime (e.g. `apt-get install default-jre-headless`) "
    "or put `java` on PATH; run with --no-reasoner to check without the reasoner"
)

MESSAGES: dict[str, dict[str, str]] = {
    # The frame of the text report
    "Ontology: {iri}": _m("Ontologie : {iri}", "Ontologie: {iri}"),
    "(no owl:Ontology)": _m("(pas d'owl:Ontology)", "(geen owl:Ontology)"),
    "  version {version}": _m("  version {version}", "  versie {version}"),
    "Source:   {source} ({triples} triples)": _m(
        "Source :  {source} ({triples} triplets)", "Bron:     {source} ({triples} triples)"
    ),
    "Own namespaces: {namespaces}": _m(
        "Espaces de noms propres : {namespaces}", "Eigen naamruimten: {namespaces}"
    ),
    "(none found)": _m("(aucun trouvé)", "(geen gevonden)"),
    "Reasoner: {reasoner}": _m("Raisonneur : {reasoner}", "Redeneerder: {reasoner}"),
    "Checks:   {count} run in {seconds} s (total {total} s)": _m(
        "Vérifications : {count} exécutées en {seconds} s (total {total} s)",
        "Controles: {count} uitgevoerd in {seconds} s (totaal {total} s)",
    ),
    "how to fix": _m("comment corriger", "hoe op te lossen"),
    "Summary: {summary}: {verdict}": _m(
        "Bilan : {summary} : {verdict}", "Samenvatting: {summary}: {verdict}"
    ),
    "NOT CHECKED: the reasoner could not run (exit 2)": _m(
        "NON VÉRIFIÉ : le raisonneur n'a pas pu tourner (sortie 2)",
        "NIET GECONTROLEERD: de redeneerder kon niet draaien (exit 2)",
    ),
    "FAILED (exit 1)": _m("ÉCHEC (sortie 1)", "MISLUKT (exit 1)"),
    "passed (no ERROR)": _m("réussi (aucune ERROR)", "geslaagd (geen ERROR)"),
    "also {other}": _m("aussi {other}", "ook {other}"),
    "(ontology)": _m("(ontologie)", "(ontologie)"),
    # The reasoner's run
    "{name} ran in {seconds} s: {verdict}": _m(
        "{name} a tourné en {seconds} s : {verdict}", "{name} draaide in {seconds} s: {verdict}"
    ),
    "consistent": _m("cohérente", "consistent"),
    "INCONSISTENT": _m("INCOHÉRENTE", "INCONSISTENT"),
    "consistent, {count} unsatisfiable class(es)": _m(
        "cohérente, {count} classe(s) insatisfiable(s)", "consistent, {count} onvervulbare klasse(n)"
    ),
    "{name} NOT run (--no-reasoner): consistency and satisfiability were not checked": _m(
        "{name} NON exécuté (--no-reasoner) : la cohérence et la satisfiabilité n'ont pas été vérifiées",
        "{name} NIET uitgevoerd (--no-reasoner): consistentie en vervulbaarheid zijn niet gecontroleerd",
    ),
    "{name} NOT run: {message}": _m("{name} NON exécuté : {message}", "{name} NIET uitgevoerd: {message}"),
    "{name} FAILED after {seconds} s: {message}": _m(
        "{name} a ÉCHOUÉ après {seconds} s : {message}", "{name} MISLUKT na {seconds} s: {message}"
    ),
    "skipped at the user's request (--no-reasoner)": _m(
        "omis à la demande de l'utilisateur (--no-reasoner)",
        "overgeslagen op vraag van de gebruiker (--no-reasoner)",
    ),
    NO_JAVA_HINT: _m(
        "HermiT demande Java 8 ou plus récent : installez un environnement Java (p. ex. `apt-get install default-jre-headless`) ou mettez `java` dans le PATH ; lancez avec --no-reasoner pour vérifier sans le raisonneur",
        "HermiT heeft Java 8 of later nodig: installeer een Java-omgeving (bv. `apt-get install default-jre-headless`) of zet `java` in het PATH; start met --no-reasoner om zonder redeneerder te controleren",
    ),
    "Java was not found (looked for {java!r}); {hint}": _m(
        "Java est introuvable (cherché : {java!r}) ; {hint}",
        "Java werd niet gevonden (gezocht naar {java!r}); {hint}",
    ),
    "Java could not be started ({why}); {hint}": _m(
        "Java n'a pas pu être lancé ({why}) ; {hint}", "Java kon niet gestart worden ({why}); {hint}"
    ),
    "owlready2 could not load the ontology ({kind}: {why})": _m(
        "owlready2 n'a pas pu charger l'ontologie ({kind} : {why})",
        "owlready2 kon de ontologie niet laden ({kind}: {why})",
    ),
    "owlready2 could not apply HermiT's results ({kind}: {why}); check the punning findings": _m(
        "owlready2 n'a pas pu appliquer les résultats de HermiT ({kind} : {why}) ; voyez les constats de punning",
        "owlready2 kon de resultaten van HermiT niet toepassen ({kind}: {why}); bekijk de punning-bevindingen",
    ),
    "the reasoner could not run: {message}": _m(
        "le raisonneur n'a pas pu tourner : {message}", "de redeneerder kon niet draaien: {message}"
    ),
    # Findings of the Python checks
    "not a valid {datatype}": _m("pas un {datatype} valide", "geen geldige {datatype}"),
    "HermiT: no interpretation satisfies all the axioms": _m(
        "HermiT : aucune interprétation ne satisfait tous les axiomes",
        "HermiT: geen enkele interpretatie voldoet aan alle axioma's",
    ),
    "equivalent to owl:Nothing": _m("équivalente à owl:Nothing", "equivalent met owl:Nothing"),
}
