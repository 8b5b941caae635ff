"""French and Dutch of the errors of reading files: RDF, exports, queries, mapping sets.

Part of the catalogue :data:`referentiel.error_messages.MESSAGES` (kept apart so that each file stays
readable): English template -> its French and Dutch, with the same placeholders.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


# Files (RDF, exports, queries, mapping sets)
FILES: dict[str, dict[str, str]] = {
    "file not found": _m("fichier introuvable", "bestand niet gevonden"),
    "check the path": _m("vérifiez le chemin", "controleer het pad"),
    "is a directory, not a file": _m("est un dossier, pas un fichier", "is een map, geen bestand"),
    "cannot be read ({why})": _m("ne peut pas être lu ({why})", "kan niet gelezen worden ({why})"),
    "the file is empty": _m("le fichier est vide", "het bestand is leeg"),
    "export the data again": _m("exportez à nouveau les données", "exporteer de gegevens opnieuw"),
    "this is a binary file, not RDF text": _m(
        "c'est un fichier binaire, pas du texte RDF", "dit is een binair bestand, geen RDF-tekst"
    ),
    "export as Turtle, N-Triples, JSON-LD or RDF/XML (a spreadsheet goes through `translate`)": _m(
        "exportez en Turtle, N-Triples, JSON-LD ou RDF/XML (un tableur passe par `translate`)",
        "exporteer als Turtle, N-Triples, JSON-LD of RDF/XML (een rekenblad gaat via `translate`)",
    ),
    "a {suffix} file is a partner export, not RDF": _m(
        "un fichier {suffix} est un export de partenaire, pas du RDF",
        "een {suffix}-bestand is een export van een partner, geen RDF",
    ),
    "translate it with its organisation's profile first: `referentiel translate FILE --profile PROFILE "
    "-o out.ttl`, or check it in one go with `referentiel validate FILE --profile PROFILE` "
    "(or `referentiel ingest` for a whole folder)": _m(
        "traduisez-le d'abord avec le profil de son organisation : `referentiel translate FICHIER --profile "
        "PROFIL -o out.ttl`, ou vérifiez-le en une fois avec `referentiel validate FICHIER --profile PROFIL` "
        "(ou `referentiel ingest` pour un dossier entier)",
        "vertaal het eerst met het profiel van zijn organisatie: `referentiel translate BESTAND --profile "
        "PROFIEL -o out.ttl`, of controleer het in één keer met `referentiel validate BESTAND --profile "
        "PROFIEL` (of `referentiel ingest` voor een hele map)",
    ),
    "cannot tell the RDF format from the extension {suffix!r}": _m(
        "impossible de déduire le format RDF de l'extension {suffix!r}",
        "het RDF-formaat kan niet afgeleid worden uit de extensie {suffix!r}",
    ),
    "rename the file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) or give --input-format": _m(
        "renommez le fichier (.ttl, .nt, .nq, .trig, .jsonld, .rdf) ou donnez --input-format",
        "hernoem het bestand (.ttl, .nt, .nq, .trig, .jsonld, .rdf) of geef --input-format",
    ),
    "unknown RDF format {format!r}": _m("format RDF inconnu {format!r}", "onbekend RDF-formaat {format!r}"),
    "use one of: {formats}": _m("utilisez l'un de : {formats}", "gebruik een van: {formats}"),
    "export file not found": _m("fichier d'export introuvable", "exportbestand niet gevonden"),
    "is a directory, not an export file": _m(
        "est un dossier, pas un fichier d'export", "is een map, geen exportbestand"
    ),
    "old Excel .xls workbooks are not supported": _m(
        "les anciens classeurs Excel .xls ne sont pas pris en charge",
        "oude Excel-werkmappen (.xls) worden niet ondersteund",
    ),
    "save the workbook as .xlsx or export each sheet as CSV": _m(
        "enregistrez le classeur en .xlsx ou exportez chaque feuille en CSV",
        "bewaar de werkmap als .xlsx of exporteer elk blad als CSV",
    ),
    "the export file is empty": _m("le fichier d'export est vide", "het exportbestand is leeg"),
    "export the table again": _m("exportez à nouveau la table", "exporteer de tabel opnieuw"),
    "this is a binary file, not a CSV export": _m(
        "c'est un fichier binaire, pas un export CSV", "dit is een binair bestand, geen CSV-export"
    ),
    "export the table as CSV, or give the .xlsx workbook itself": _m(
        "exportez la table en CSV, ou donnez le classeur .xlsx lui-même",
        "exporteer de tabel als CSV, of geef de .xlsx-werkmap zelf",
    ),
    "expected a JSON array of records": _m(
        "un tableau JSON d'enregistrements est attendu", "een JSON-array van records wordt verwacht"
    ),
    "the file must be [ {{...}}, {{...}} ] or give `path:` to the array in the profile": _m(
        "le fichier doit être [ {{...}}, {{...}} ], ou donnez `path:` vers le tableau dans le profil",
        "het bestand moet [ {{...}}, {{...}} ] zijn, of geef `path:` naar de array in het profiel",
    ),
    "the header cannot be read ({why})": _m(
        "l'en-tête ne peut pas être lu ({why})", "de kopregel kan niet gelezen worden ({why})"
    ),
    "the sheet is empty": _m("la feuille est vide", "het blad is leeg"),
    "sheet {sheet}": _m("feuille {sheet}", "blad {sheet}"),
    "the JSON file is not UTF-8": _m("le fichier JSON n'est pas en UTF-8", "het JSON-bestand is geen UTF-8"),
    "JSON must be UTF-8": _m("le JSON doit être en UTF-8", "JSON moet UTF-8 zijn"),
    "not valid {encoding} text (byte {byte}): the profile's encoding does not match the file": _m(
        "texte {encoding} invalide (octet {byte}) : l'encodage du profil ne correspond pas au fichier",
        "geen geldige {encoding}-tekst (byte {byte}): de codering van het profiel past niet bij het bestand",
    ),
    "set dialect: encoding: auto in the profile, or the encoding Excel used (often cp1252)": _m(
        "indiquez dialect: encoding: auto dans le profil, ou l'encodage utilisé par Excel (souvent cp1252)",
        "zet dialect: encoding: auto in het profiel, of de codering die Excel gebruikte (vaak cp1252)",
    ),
    "the workbook has no sheet {sheet!r}": _m(
        "le classeur n'a pas de feuille {sheet!r}", "de werkmap heeft geen blad {sheet!r}"
    ),
    "sheets: {sheets}": _m("feuilles : {sheets}", "bladen: {sheets}"),
    "the JSON has no {path!r}": _m("le JSON n'a pas de {path!r}", "de JSON heeft geen {path!r}"),
    "check `path` in the profile": _m("vérifiez `path` dans le profil", "controleer `path` in het profiel"),
    "no catalogue query named {name!r}": _m(
        "aucune requête du catalogue ne s'appelle {name!r}", "geen catalogusquery met de naam {name!r}"
    ),
    "see `referentiel queries`; names: {names}": _m(
        "voir `referentiel queries` ; noms : {names}", "zie `referentiel queries`; namen: {names}"
    ),
    "no query on standard input": _m(
        "aucune requête sur l'entrée standard", "geen query op de standaardinvoer"
    ),
    "this is a folder, not a query file": _m(
        "c'est un dossier, pas un fichier de requête", "dit is een map, geen querybestand"
    ),
    "give a .rq file": _m("donnez un fichier .rq", "geef een .rq-bestand"),
    "query file not found": _m("fichier de requête introuvable", "querybestand niet gevonden"),
    "the query {query!r} has no parameter {param!r}": _m(
        "la requête {query!r} n'a pas de paramètre {param!r}",
        "de query {query!r} heeft geen parameter {param!r}",
    ),
    "its parameters are: {known}": _m("ses paramètres sont : {known}", "de parameters zijn: {known}"),
    "this query takes no parameter": _m(
        "cette requête ne prend aucun paramètre", "deze query neemt geen parameter"
    ),
    "the query {query!r} needs the parameter {param!r} ({type})": _m(
        "la requête {query!r} a besoin du paramètre {param!r} ({type})",
        "de query {query!r} heeft de parameter {param!r} nodig ({type})",
    ),
    "give --param {param}=VALUE ({description})": _m(
        "donnez --param {param}=VALEUR ({description})", "geef --param {param}=WAARDE ({description})"
    ),
    "the query file is not UTF-8 text (byte {byte})": _m(
        "le fichier de requête n'est pas du texte UTF-8 (octet {byte})",
        "het querybestand is geen UTF-8-tekst (byte {byte})",
    ),
    "a query file is SPARQL text saved as UTF-8": _m(
        "un fichier de requête est du texte SPARQL enregistré en UTF-8",
        "een querybestand is SPARQL-tekst bewaard als UTF-8",
    ),
    "cannot read the query file ({why})": _m(
        "le fichier de requête ne peut pas être lu ({why})",
        "het querybestand kan niet gelezen worden ({why})",
    ),
    "check the file's permissions": _m(
        "vérifiez les permissions du fichier", "controleer de rechten van het bestand"
    ),
    "malformed parameter declaration": _m(
        "déclaration de paramètre mal formée", "ongeldige parameterdeclaratie"
    ),
    "write `# param: NAME TYPE [= DEFAULT] — description` with TYPE one of {types}": _m(
        "écrivez `# param: NOM TYPE [= DÉFAUT] — description` avec TYPE parmi {types}",
        "schrijf `# param: NAAM TYPE [= STANDAARD] — beschrijving` met TYPE een van {types}",
    ),
    "the intake directory does not exist": _m(
        "le dossier d'intégration n'existe pas", "de invoermap bestaat niet"
    ),
    "the intake path is not a directory": _m(
        "le chemin d'intégration n'est pas un dossier", "het invoerpad is geen map"
    ),
    "give the folder that holds one sub-folder per partner export": _m(
        "donnez le dossier qui contient un sous-dossier par export de partenaire",
        "geef de map die één submap per partnerexport bevat",
    ),
    "the profiles folder does not exist": _m(
        "le dossier des profils n'existe pas", "de map met profielen bestaat niet"
    ),
    "give the folder holding one profile per organisation": _m(
        "donnez le dossier qui contient un profil par organisation",
        "geef de map die één profiel per organisatie bevat",
    ),
    "the bundled examples are missing from this installation": _m(
        "les exemples fournis manquent dans cette installation",
        "de meegeleverde voorbeelden ontbreken in deze installatie",
    ),
    "no export file given": _m("aucun fichier d'export donné", "geen exportbestand gegeven"),
    "give the export's files (or its folder)": _m(
        "donnez les fichiers de l'export (ou son dossier)", "geef de bestanden van de export (of de map)"
    ),
    "the profile declares personal columns (e.g. {title!r} in {table}) but no pseudonymisation key was given": _m(
        "le profil déclare des colonnes personnelles (p. ex. {title!r} dans {table}) mais aucune clé de "
        "pseudonymisation n'a été donnée",
        "het profiel geeft persoonlijke kolommen aan (bv. {title!r} in {table}) maar er is geen "
        "pseudonimiseringssleutel gegeven",
    ),
    "set the environment variable {variable} or give --key-file FILE "
    "(the same key for every partner, so that families link up)": _m(
        "définissez la variable d'environnement {variable} ou donnez --key-file FICHIER "
        "(la même clé pour chaque partenaire, pour que les familles se rejoignent)",
        "stel de omgevingsvariabele {variable} in of geef --key-file BESTAND "
        "(dezelfde sleutel voor elke partner, zodat gezinnen met elkaar verbonden worden)",
    ),
    "reinstall referentiel": _m("réinstallez referentiel", "installeer referentiel opnieuw"),
}
