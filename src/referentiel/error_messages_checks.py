"""French and Dutch of the errors of validation, the ontology, queries, the workbench and limits.

Part of the catalogue :data:`referentiel.error_messages.MESSAGES` (kept apart so that each file stays
readable): English template -> its French and Dutch, with the same placeholders.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


CHECKS: dict[str, dict[str, str]] = {
    # Validation engines and shapes
    "the shapes graph is not usable SHACL ({why})": _m(
        "le graphe de formes n'est pas du SHACL utilisable ({why})",
        "de vormengraaf is geen bruikbare SHACL ({why})",
    ),
    "fix the SPARQL of the constraint named in the message": _m(
        "corrigez le SPARQL de la contrainte nommée dans le message",
        "verbeter de SPARQL van de beperking die in de melding genoemd wordt",
    ),
    "fix the shape named in the message": _m(
        "corrigez la forme nommée dans le message", "verbeter de vorm die in de melding genoemd wordt"
    ),
    "check it against SHACL-for-SHACL (check_shapes=True)": _m(
        "vérifiez-le avec SHACL-for-SHACL (check_shapes=True)",
        "controleer hem met SHACL-for-SHACL (check_shapes=True)",
    ),
    "fix the shape parameter named in the message": _m(
        "corrigez le paramètre de forme nommé dans le message",
        "verbeter de vormparameter die in de melding genoemd wordt",
    ),
    "the shapes use a SHACL feature pySHACL cannot run ({why})": _m(
        "les formes utilisent une fonction de SHACL que pySHACL ne sait pas exécuter ({why})",
        "de vormen gebruiken een SHACL-functie die pySHACL niet kan uitvoeren ({why})",
    ),
    'see docs/validation.md, "Known engine limitations"': _m(
        'voir docs/validation.md, "Known engine limitations"',
        'zie docs/validation.md, "Known engine limitations"',
    ),
    "unknown validation engine {engine!r}": _m(
        "moteur de validation inconnu {engine!r}", "onbekende validatie-engine {engine!r}"
    ),
    "one of: {engines}": _m("l'un de : {engines}", "een van: {engines}"),
    "the validation engine {engine!r} is not installed": _m(
        "le moteur de validation {engine!r} n'est pas installé",
        "de validatie-engine {engine!r} is niet geïnstalleerd",
    ),
    "pip install {package}, or use --engine pyshacl": _m(
        "pip install {package}, ou utilisez --engine pyshacl",
        "pip install {package}, of gebruik --engine pyshacl",
    ),
    "no data to validate": _m("aucune donnée à valider", "geen gegevens om te valideren"),
    "give at least one RDF file, or - for stdin": _m(
        "donnez au moins un fichier RDF, ou - pour l'entrée standard",
        "geef minstens één RDF-bestand, of - voor de standaardinvoer",
    ),
    "RDF-star triple terms are not supported": _m(
        "les triplets imbriqués de RDF-star ne sont pas pris en charge",
        "geneste triples van RDF-star worden niet ondersteund",
    ),
    "the shapes graph is empty": _m("le graphe de formes est vide", "de vormengraaf is leeg"),
    "no bundled shapes found": _m(
        "aucune forme fournie n'a été trouvée", "er zijn geen meegeleverde vormen gevonden"
    ),
    "the installation is incomplete": _m("l'installation est incomplète", "de installatie is onvolledig"),
    "unknown severity {severity!r}": _m("gravité inconnue {severity!r}", "onbekende ernst {severity!r}"),
    "one of: violation, warning, info": _m(
        "l'une de : violation, warning, info", "een van: violation, warning, info"
    ),
    "a SPARQL constraint that must be run per focus node reached a blank node on a remote endpoint, where blank nodes cannot be named in a query": _m(
        "une contrainte SPARQL à exécuter nœud par nœud a rencontré un nœud anonyme sur un point d'accès "
        "distant, où un nœud anonyme ne peut pas être nommé dans une requête",
        "een SPARQL-beperking die per focusknoop moet lopen, stootte op een blanco knoop op een extern "
        "eindpunt, waar blanco knopen niet in een query benoemd kunnen worden",
    ),
    "validate in an embedded store, or give the focus nodes IRIs": _m(
        "validez dans un entrepôt intégré, ou donnez des IRI aux nœuds cibles",
        "valideer in een ingebouwde opslag, of geef de focusknopen een IRI",
    ),
    "a blank node ({node}) cannot be written in a SPARQL query": _m(
        "un nœud anonyme ({node}) ne peut pas être écrit dans une requête SPARQL",
        "een blanco knoop ({node}) kan niet in een SPARQL-query geschreven worden",
    ),
    "name the node with an IRI in the shapes graph": _m(
        "nommez le nœud par une IRI dans le graphe de formes",
        "benoem de knoop met een IRI in de vormengraaf",
    ),
    "{node} is not a SHACL property path": _m(
        "{node} n'est pas un chemin de propriété SHACL", "{node} is geen SHACL-eigenschapspad"
    ),
    "see SHACL 2.3.1, property paths": _m(
        "voir SHACL 2.3.1, chemins de propriété", "zie SHACL 2.3.1, eigenschapspaden"
    ),
    "the SPARQL constraint {constraint} uses MINUS, SERVICE, VALUES or AS $this, which SHACL forbids (5.3.1.2)": _m(
        "la contrainte SPARQL {constraint} utilise MINUS, SERVICE, VALUES ou AS $this, que SHACL interdit "
        "(5.3.1.2)",
        "de SPARQL-beperking {constraint} gebruikt MINUS, SERVICE, VALUES of AS $this, wat SHACL verbiedt "
        "(5.3.1.2)",
    ),
    "rewrite the query without them": _m("réécrivez la requête sans eux", "herschrijf de query zonder deze"),
    "the SPARQL constraint {constraint} has no WHERE clause": _m(
        "la contrainte SPARQL {constraint} n'a pas de clause WHERE",
        "de SPARQL-beperking {constraint} heeft geen WHERE-clausule",
    ),
    "give sh:select a SELECT query": _m(
        "donnez une requête SELECT à sh:select", "geef sh:select een SELECT-query"
    ),
    "the shapes graph is not usable SHACL (sh:nodeKind {kind})": _m(
        "le graphe de formes n'est pas du SHACL utilisable (sh:nodeKind {kind})",
        "de vormengraaf is geen bruikbare SHACL (sh:nodeKind {kind})",
    ),
    "use one of sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, ...": _m(
        "utilisez l'un de sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, ...",
        "gebruik een van sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, ...",
    ),
    "the SPARQL constraint {constraint} has a sub-SELECT that does not project $this, which SHACL forbids (5.3.1.2)": _m(
        "la contrainte SPARQL {constraint} a un sous-SELECT qui ne projette pas $this, ce que SHACL "
        "interdit (5.3.1.2)",
        "de SPARQL-beperking {constraint} heeft een sub-SELECT die $this niet projecteert, wat SHACL "
        "verbiedt (5.3.1.2)",
    ),
    "add $this to its SELECT": _m("ajoutez $this à son SELECT", "voeg $this toe aan zijn SELECT"),
    "the shapes graph is not usable SHACL (sh:{name} of {shape} is not an integer)": _m(
        "le graphe de formes n'est pas du SHACL utilisable (sh:{name} de {shape} n'est pas un entier)",
        "de vormengraaf is geen bruikbare SHACL (sh:{name} van {shape} is geen geheel getal)",
    ),
    "give sh:{name} an xsd:integer value": _m(
        "donnez à sh:{name} une valeur xsd:integer", "geef sh:{name} een xsd:integer-waarde"
    ),
    "the shapes graph is not usable SHACL ({path} is not a SHACL property path)": _m(
        "le graphe de formes n'est pas du SHACL utilisable ({path} n'est pas un chemin de propriété SHACL)",
        "de vormengraaf is geen bruikbare SHACL ({path} is geen SHACL-eigenschapspad)",
    ),
    "the shapes graph is not usable SHACL (sh:sparql {constraint} has no sh:select)": _m(
        "le graphe de formes n'est pas du SHACL utilisable (sh:sparql {constraint} n'a pas de sh:select)",
        "de vormengraaf is geen bruikbare SHACL (sh:sparql {constraint} heeft geen sh:select)",
    ),
    "give the constraint a SELECT query in sh:select": _m(
        "donnez à la contrainte une requête SELECT dans sh:select",
        "geef de beperking een SELECT-query in sh:select",
    ),
    "the shapes graph is not usable SHACL (a sequence path needs 2 members)": _m(
        "le graphe de formes n'est pas du SHACL utilisable (un chemin en séquence demande 2 membres)",
        "de vormengraaf is geen bruikbare SHACL (een reekspad heeft 2 leden nodig)",
    ),
    "write a single-step path as the property itself": _m(
        "écrivez un chemin d'une seule étape comme la propriété elle-même",
        "schrijf een pad van één stap als de eigenschap zelf",
    ),
    "the shapes graph is not usable SHACL (an alternative path needs 2 members)": _m(
        "le graphe de formes n'est pas du SHACL utilisable (un chemin alternatif demande 2 membres)",
        "de vormengraaf is geen bruikbare SHACL (een alternatief pad heeft 2 leden nodig)",
    ),
    "list at least two paths in sh:alternativePath": _m(
        "indiquez au moins deux chemins dans sh:alternativePath",
        "geef minstens twee paden in sh:alternativePath",
    ),
    "the SPARQL constraint {constraint} reported a failure (?failure)": _m(
        "la contrainte SPARQL {constraint} a signalé un échec (?failure)",
        "de SPARQL-beperking {constraint} meldde een mislukking (?failure)",
    ),
    "check the data the constraint names": _m(
        "vérifiez les données que la contrainte désigne",
        "controleer de gegevens die de beperking noemt",
    ),
    # The ontology
    "check the path given with --ontology": _m(
        "vérifiez le chemin donné avec --ontology", "controleer het pad dat met --ontology gegeven is"
    ),
    "is a folder, not an ontology file": _m(
        "est un dossier, pas un fichier d'ontologie", "is een map, geen ontologiebestand"
    ),
    "give the ontology file itself, e.g. ontology/referentiel.ttl": _m(
        "donnez le fichier d'ontologie lui-même, p. ex. ontology/referentiel.ttl",
        "geef het ontologiebestand zelf, bv. ontology/referentiel.ttl",
    ),
    "the file holds no RDF triples (only prefixes or comments)": _m(
        "le fichier ne contient aucun triplet RDF (seulement des préfixes ou des commentaires)",
        "het bestand bevat geen RDF-triples (enkel prefixen of commentaar)",
    ),
    "give the ontology file itself (Turtle, RDF/XML, N-Triples or JSON-LD)": _m(
        "donnez le fichier d'ontologie lui-même (Turtle, RDF/XML, N-Triples ou JSON-LD)",
        "geef het ontologiebestand zelf (Turtle, RDF/XML, N-Triples of JSON-LD)",
    ),
    "the bundled ontology is missing": _m(
        "l'ontologie fournie est absente", "de meegeleverde ontologie ontbreekt"
    ),
    "reinstall referentiel, or give an ontology with --ontology FILE": _m(
        "réinstallez referentiel, ou donnez une ontologie avec --ontology FICHIER",
        "installeer referentiel opnieuw, of geef een ontologie met --ontology BESTAND",
    ),
    "the output path exists and is not a folder": _m(
        "le chemin de sortie existe et n'est pas un dossier",
        "het uitvoerpad bestaat al en is geen map",
    ),
    "give a folder with -o (it is created when missing)": _m(
        "donnez un dossier avec -o (il est créé s'il n'existe pas)",
        "geef een map met -o (ze wordt aangemaakt als ze niet bestaat)",
    ),
    "cannot create the output folder ({why})": _m(
        "impossible de créer le dossier de sortie ({why})",
        "de uitvoermap kan niet aangemaakt worden ({why})",
    ),
    "pyLODE cannot be imported ({why})": _m(
        "pyLODE ne peut pas être importé ({why})", "pyLODE kan niet geïmporteerd worden ({why})"
    ),
    "install a working pyLODE: pip install 'pylode>=3.2,!=3.4.1'": _m(
        "installez un pyLODE qui fonctionne : pip install 'pylode>=3.2,!=3.4.1'",
        "installeer een werkende pyLODE: pip install 'pylode>=3.2,!=3.4.1'",
    ),
    "pyLODE could not document this ontology ({why})": _m(
        "pyLODE n'a pas pu documenter cette ontologie ({why})",
        "pyLODE kon deze ontologie niet documenteren ({why})",
    ),
    "run `referentiel ontology check` on it first; pyLODE needs an owl:Ontology header": _m(
        "lancez d'abord `referentiel ontology check` dessus ; pyLODE demande un en-tête owl:Ontology",
        "voer er eerst `referentiel ontology check` op uit; pyLODE heeft een owl:Ontology-kop nodig",
    ),
    # Queries
    "--param {item!r} is not NAME=VALUE": _m(
        "--param {item!r} n'est pas de la forme NOM=VALEUR", "--param {item!r} heeft niet de vorm NAAM=WAARDE"
    ),
    "e.g. --param min_share=0.3": _m("p. ex. --param min_share=0.3", "bv. --param min_share=0.3"),
    "--param {item!r} has no NAME before '='": _m(
        "--param {item!r} n'a pas de NOM avant '='", "--param {item!r} heeft geen NAAM vóór '='"
    ),
    "--param {name} is given twice": _m(
        "--param {name} est donné deux fois", "--param {name} is twee keer gegeven"
    ),
    "give each parameter once": _m(
        "donnez chaque paramètre une seule fois", "geef elke parameter maar één keer"
    ),
    "the declared count column(s) {columns} are not in the query's result": _m(
        "la ou les colonnes de comptage déclarées {columns} ne sont pas dans le résultat de la requête",
        "de aangegeven telkolom(men) {columns} staan niet in het resultaat van de query",
    ),
    "fix the `# count:` line of the query header": _m(
        "corrigez la ligne `# count:` de l'en-tête de la requête",
        "verbeter de regel `# count:` in de kop van de query",
    ),
    "--min-count must be at least 1": _m(
        "--min-count doit valoir au moins 1", "--min-count moet minstens 1 zijn"
    ),
    "the default is 5 families": _m(
        "la valeur par défaut est de 5 familles", "de standaardwaarde is 5 gezinnen"
    ),
    "parameter {name!r} declares an unknown type {type_name!r}": _m(
        "le paramètre {name!r} déclare un type inconnu {type_name!r}",
        "parameter {name!r} geeft een onbekend type {type_name!r} aan",
    ),
    "use one of: {types}": _m("utilisez l'un de : {types}", "gebruik een van: {types}"),
    "parameter {name!r}: not an absolute IRI": _m(
        "paramètre {name!r} : pas une IRI absolue", "parameter {name!r}: geen absolute IRI"
    ),
    "give a full IRI, e.g. {name}={example}": _m(
        "donnez une IRI complète, p. ex. {name}={example}", "geef een volledige IRI, bv. {name}={example}"
    ),
    "parameter {name!r}: {value!r} is not a valid {type_name}": _m(
        "paramètre {name!r} : {value!r} n'est pas un {type_name} valide",
        "parameter {name!r}: {value!r} is geen geldige {type_name}",
    ),
    "give a value like {name}={example}": _m(
        "donnez une valeur telle que {name}={example}", "geef een waarde zoals {name}={example}"
    ),
    # The workbench and limits
    "listening on {host} (beyond this machine) needs an access token": _m(
        "écouter sur {host} (au-delà de cette machine) demande un jeton d'accès",
        "luisteren op {host} (buiten deze machine) vraagt een toegangstoken",
    ),
    "set {variable} to a long random secret, or keep the default --host 127.0.0.1": _m(
        "donnez à {variable} un long secret aléatoire, ou gardez la valeur par défaut --host 127.0.0.1",
        "geef {variable} een lang willekeurig geheim, of behoud de standaardwaarde --host 127.0.0.1",
    ),
    "the organisations folder does not exist": _m(
        "le dossier des organisations n'existe pas", "de map met de organisaties bestaat niet"
    ),
    "give the folder holding one sub-folder per organisation (profile.yaml)": _m(
        "donnez le dossier qui contient un sous-dossier par organisation (profile.yaml)",
        "geef de map die één submap per organisatie bevat (profile.yaml)",
    ),
    "unknown limit {part!r}": _m("limite inconnue {part!r}", "onbekende limiet {part!r}"),
    "use NAME=VALUE with NAME one of: {names}": _m(
        "utilisez NOM=VALEUR, où NOM est l'un de : {names}",
        "gebruik NAAM=WAARDE, met NAAM een van: {names}",
    ),
    "the limit {name} must be a positive whole number, not {value!r}": _m(
        "la limite {name} doit être un nombre entier positif, pas {value!r}",
        "de limiet {name} moet een positief geheel getal zijn, niet {value!r}",
    ),
    "for example rows=5000000 or file=2G": _m(
        "par exemple rows=5000000 ou file=2G", "bijvoorbeeld rows=5000000 of file=2G"
    ),
}
