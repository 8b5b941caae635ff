"""The errors a data steward meets, in French, Dutch and English.

An error made with :meth:`referentiel.errors.ReferentielError.of` keeps its English template and its
parameters; the CLI's ``main()`` renders it (``error.text(lang)``) in the language the command was
given (``--lang``). Errors of input limits and syntax use the id-keyed catalogue
:mod:`referentiel.input_messages` instead (:func:`referentiel.errors.input_error`); both share the
frame (line, column, how to fix). The
English template is the message's id here (as a gettext ``msgid``): English needs no entry, and a
template missing from :data:`MESSAGES` is said in English (tests/core/test_core_error_catalogue.py
fails when a converted module raises one).
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGS = ("fr", "nl", "en")

# The word before an error on the terminal; the rest of the frame (line, column, how to fix) is the
# one of referentiel.input_messages, so that every error is laid out alike in each language.
ERROR_WORD = {"en": "error", "fr": "erreur", "nl": "fout"}


@dataclass(frozen=True)
class Phrase:
    """A part of a message that is itself translated (e.g. ``table 2, column`` in a profile error)."""

    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.params)


def phrase(template: str, **params: Any) -> Phrase:
    """A translatable part of a message."""
    return Phrase(template, params)


def error_word(lang: str) -> str:
    """``error`` in ``lang`` (what the terminal shows before an error)."""
    return ERROR_WORD.get(lang, ERROR_WORD["en"])


def render_template_error(error: Any, lang: str) -> str:
    """An error made with :meth:`~referentiel.errors.ReferentielError.of`, in ``lang``: location,
    message and hint, laid out as :func:`referentiel.translation.messages.render_error` does."""
    from referentiel.translation.messages import MESSAGES as FRAME
    from referentiel.translation.messages import render

    lang = lang if lang in LANGS else "en"
    params = error.params or {}
    message = translate(error.message_id, lang, params)
    hint = translate(error.hint_id, lang, params) if error.hint_id else error.hint
    where = [str(error.file)] if error.file else []
    if error.line is not None:
        where.append(render("where.line", {"line": error.line}, lang))
    if error.column is not None:
        where.append(render("where.column", {"column": error.column}, lang))
    text = ", ".join(where) + FRAME["word.colon"][lang] + message if where else message
    if hint:
        text += f"\n  {FRAME['word.how-to-fix'][lang]}{FRAME['word.colon'][lang]}{hint}"
    return text


def translate(
    template: str, lang: str, params: dict[str, Any], catalogue: dict[str, dict[str, str]] | None = None
) -> str:
    """``template`` in ``lang`` with ``params`` filled in (English when it has no translation).

    ``catalogue``: another English-keyed catalogue than :data:`MESSAGES` (e.g. the mapping checks').
    """
    known = MESSAGES if catalogue is None else catalogue
    values = {
        k: translate(v.template, lang, v.params, catalogue) if isinstance(v, Phrase) else v
        for k, v in params.items()
    }
    text = known.get(template, {}).get(lang, template) if lang != "en" else template
    return text.format(**values)


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


# English template -> its French and Dutch translations (same placeholders).
MESSAGES: dict[str, dict[str, str]] = {}

# Keys
MESSAGES.update(
    {
        "the pseudonymisation key is too short (fewer than {count} bytes)": _m(
            "la clé de pseudonymisation est trop courte (moins de {count} octets)",
            "de pseudonimiseringssleutel is te kort (minder dan {count} bytes)",
        ),
        'use a random key, e.g. `python -c "import secrets; print(secrets.token_hex(32))"`': _m(
            'prenez une clé aléatoire, p. ex. `python -c "import secrets; print(secrets.token_hex(32))"`',
            'gebruik een willekeurige sleutel, bv. `python -c "import secrets; print(secrets.token_hex(32))"`',
        ),
        "the key file is empty": _m("le fichier de clé est vide", "het sleutelbestand is leeg"),
        "the key file cannot be read ({why})": _m(
            "le fichier de clé ne peut pas être lu ({why})",
            "het sleutelbestand kan niet gelezen worden ({why})",
        ),
        "the key file can be read or written by other users (permissions {mode}): "
        "whoever reads the key can recompute every pseudonym": _m(
            "d'autres utilisateurs peuvent lire ou modifier le fichier de clé (permissions {mode}) : "
            "qui lit la clé peut recalculer chaque pseudonyme",
            "andere gebruikers kunnen het sleutelbestand lezen of wijzigen (rechten {mode}): "
            "wie de sleutel leest, kan elk pseudoniem herberekenen",
        ),
        "make it private: chmod 600 {path}": _m(
            "rendez-le privé : chmod 600 {path}", "maak het privé: chmod 600 {path}"
        ),
        "the demo pseudonymisation key is public and serves only the bundled examples, not this file": _m(
            "la clé de pseudonymisation de démonstration est publique et ne sert qu'aux exemples fournis, "
            "pas à ce fichier",
            "de demonstratiesleutel voor pseudonimisering is openbaar en dient enkel voor de meegeleverde "
            "voorbeelden, niet voor dit bestand",
        ),
        "the synthetic pseudonymisation key is public and serves only the data "
        "`referentiel generate` wrote with it, not this file": _m(
            "la clé de pseudonymisation synthétique est publique et ne sert qu'aux données que "
            "`referentiel generate` a écrites avec elle, pas à ce fichier",
            "de synthetische pseudonimiseringssleutel is openbaar en dient enkel voor de gegevens die "
            "`referentiel generate` ermee schreef, niet voor dit bestand",
        ),
        "give your project's own key (--key-file FILE, or $REFERENTIEL_PSEUDONYM_KEY); create one with "
        '`python -c "import secrets; print(secrets.token_hex(32))" > key` and `chmod 600 key`': _m(
            "donnez la clé propre à votre projet (--key-file FICHIER, ou $REFERENTIEL_PSEUDONYM_KEY) ; "
            'créez-la avec `python -c "import secrets; print(secrets.token_hex(32))" > key` et `chmod 600 key`',
            "geef de eigen sleutel van uw project (--key-file BESTAND, of $REFERENTIEL_PSEUDONYM_KEY); "
            'maak er een met `python -c "import secrets; print(secrets.token_hex(32))" > key` en `chmod 600 key`',
        ),
        "no pseudonymisation key: personal identifiers cannot be pseudonymised": _m(
            "pas de clé de pseudonymisation : les identifiants personnels ne peuvent pas être pseudonymisés",
            "geen pseudonimiseringssleutel: persoonlijke identificatoren kunnen niet gepseudonimiseerd worden",
        ),
        "give --key-file FILE or set {variable}; the bundled demo key only serves the bundled examples": _m(
            "donnez --key-file FICHIER ou définissez {variable} ; la clé de démonstration fournie ne sert "
            "qu'aux exemples fournis",
            "geef --key-file BESTAND of stel {variable} in; de meegeleverde demosleutel dient enkel voor de "
            "meegeleverde voorbeelden",
        ),
    }
)

# Files (RDF, exports, queries, mapping sets)
MESSAGES.update(
    {
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
        "unknown RDF format {format!r}": _m(
            "format RDF inconnu {format!r}", "onbekend RDF-formaat {format!r}"
        ),
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
        "the JSON file is not UTF-8": _m(
            "le fichier JSON n'est pas en UTF-8", "het JSON-bestand is geen UTF-8"
        ),
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
        "check `path` in the profile": _m(
            "vérifiez `path` dans le profil", "controleer `path` in het profiel"
        ),
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
)

# Mapping sets and organisations
MESSAGES.update(
    {
        "mapping set not found": _m("table de correspondances introuvable", "mappingset niet gevonden"),
        "check the path of the .sssom.tsv file": _m(
            "vérifiez le chemin du fichier .sssom.tsv", "controleer het pad van het .sssom.tsv-bestand"
        ),
        "this is a folder, not a mapping set": _m(
            "c'est un dossier, pas une table de correspondances", "dit is een map, geen mappingset"
        ),
        "give the .sssom.tsv file itself": _m(
            "donnez le fichier .sssom.tsv lui-même", "geef het .sssom.tsv-bestand zelf"
        ),
        "this is a binary file, not an SSSOM/TSV mapping set": _m(
            "c'est un fichier binaire, pas une table de correspondances SSSOM/TSV",
            "dit is een binair bestand, geen SSSOM/TSV-mappingset",
        ),
        "mapping sets are tab-separated text files (.sssom.tsv)": _m(
            "les tables de correspondances sont des fichiers texte séparés par des tabulations (.sssom.tsv)",
            "mappingsets zijn tekstbestanden met tabs als scheidingsteken (.sssom.tsv)",
        ),
        "cannot read the mapping set ({why})": _m(
            "la table de correspondances ne peut pas être lue ({why})",
            "de mappingset kan niet gelezen worden ({why})",
        ),
        "the mapping set is not UTF-8 text": _m(
            "la table de correspondances n'est pas du texte UTF-8", "de mappingset is geen UTF-8-tekst"
        ),
        "save the file as UTF-8 (SSSOM/TSV files are UTF-8)": _m(
            "enregistrez le fichier en UTF-8 (les fichiers SSSOM/TSV sont en UTF-8)",
            "bewaar het bestand als UTF-8 (SSSOM/TSV-bestanden zijn UTF-8)",
        ),
        "folder of mapping sets not found": _m(
            "dossier des tables de correspondances introuvable", "map met mappingsets niet gevonden"
        ),
        "give --mappings a folder holding {{org}}/mappings.sssom.tsv files": _m(
            "donnez à --mappings un dossier contenant des fichiers {{org}}/mappings.sssom.tsv",
            "geef --mappings een map met {{org}}/mappings.sssom.tsv-bestanden",
        ),
        "no mapping set found here": _m(
            "aucune table de correspondances ici", "hier is geen mappingset gevonden"
        ),
        "expected {{org}}/mappings.sssom.tsv or {{org}}.sssom.tsv files": _m(
            "fichiers {{org}}/mappings.sssom.tsv ou {{org}}.sssom.tsv attendus",
            "{{org}}/mappings.sssom.tsv- of {{org}}.sssom.tsv-bestanden verwacht",
        ),
        "unknown organisation {name!r}": _m(
            "organisation inconnue {name!r}", "onbekende organisatie {name!r}"
        ),
        "known organisations: {known} (or 'framework')": _m(
            "organisations connues : {known} (ou 'framework')",
            "gekende organisaties: {known} (of 'framework')",
        ),
        "{scheme!r} is not a concept scheme of the framework": _m(
            "{scheme!r} n'est pas une liste de concepts du référentiel",
            "{scheme!r} is geen conceptenlijst van het referentiekader",
        ),
        "use one of: {names} (or the same without 'scheme-')": _m(
            "utilisez l'une de : {names} (ou la même sans 'scheme-')",
            "gebruik een van: {names} (of dezelfde zonder 'scheme-')",
        ),
        "the source and target organisations are the same": _m(
            "les organisations de départ et d'arrivée sont les mêmes",
            "de bron- en doelorganisatie zijn dezelfde",
        ),
        "use --to framework or another organisation": _m(
            "utilisez --to framework ou une autre organisation",
            "gebruik --to framework of een andere organisatie",
        ),
        "the term to translate is empty": _m("le terme à traduire est vide", "de te vertalen term is leeg"),
        "give the term as the partner writes it": _m(
            "donnez le terme tel que le partenaire l'écrit", "geef de term zoals de partner hem schrijft"
        ),
        "--from framework needs --to ORG or --to all": _m(
            "--from framework demande --to ORG ou --to all", "--from framework vraagt --to ORG of --to all"
        ),
    }
)

# Profiles: "file, line L: where, key K: problem"
MESSAGES.update(
    {
        "{where}, key {key!r}: {problem}": _m(
            "{where}, clé {key!r} : {problem}", "{where}, sleutel {key!r}: {problem}"
        ),
        "{where}: the key {key!r} is required": _m(
            "{where} : la clé {key!r} est obligatoire", "{where}: de sleutel {key!r} is verplicht"
        ),
        "{where}: unknown key {key!r}": _m(
            "{where} : clé inconnue {key!r}", "{where}: onbekende sleutel {key!r}"
        ),
        "{where}: expected a mapping of keys": _m(
            "{where} : une liste de clés (clé: valeur) est attendue",
            "{where}: een lijst van sleutels (sleutel: waarde) verwacht",
        ),
        "{where}: say what the column feeds": _m(
            "{where} : dites ce que la colonne alimente", "{where}: zeg wat de kolom voedt"
        ),
        "{where}, datatype": _m("{where}, type de données", "{where}, gegevenstype"),
        "table {index}": _m("table {index}", "tabel {index}"),
        "table {url}, column": _m("table {url}, colonne", "tabel {url}, kolom"),
        "table {url}, column {title!r}": _m("table {url}, colonne {title!r}", "tabel {url}, kolom {title!r}"),
        "organisations, key {local!r}": _m(
            "organisations, clé {local!r}", "organisations, sleutel {local!r}"
        ),
        "did you mean {close!r}?": _m("vouliez-vous dire {close!r} ?", "bedoelde u {close!r}?"),
        "allowed keys: {allowed}": _m("clés permises : {allowed}", "toegelaten sleutels: {allowed}"),
        "one of: {known}": _m("l'un de : {known}", "een van: {known}"),
        "{why}": _m("{why}", "{why}"),
        "expected a text value": _m("un texte est attendu", "een tekst wordt verwacht"),
        "expected true or false": _m("true ou false est attendu", "true of false wordt verwacht"),
        "expected a text or a list of texts": _m(
            "un texte ou une liste de textes est attendu", "een tekst of een lijst van teksten wordt verwacht"
        ),
        "expected a list of texts": _m(
            "une liste de textes est attendue", "een lijst van teksten wordt verwacht"
        ),
        "profile not found": _m("profil introuvable", "profiel niet gevonden"),
        "check the path given to --profile": _m(
            "vérifiez le chemin donné à --profile", "controleer het pad dat aan --profile gegeven is"
        ),
        "the profile is not UTF-8 text": _m(
            "le profil n'est pas du texte UTF-8", "het profiel is geen UTF-8-tekst"
        ),
        "save it as UTF-8": _m("enregistrez-le en UTF-8", "bewaar het als UTF-8"),
        "the profile cannot be read ({why})": _m(
            "le profil ne peut pas être lu ({why})", "het profiel kan niet gelezen worden ({why})"
        ),
        "malformed YAML ({problem})": _m("YAML mal formé ({problem})", "ongeldige YAML ({problem})"),
        "check the indentation and the quoting at that place": _m(
            "vérifiez l'indentation et les guillemets à cet endroit",
            "controleer de inspringing en de aanhalingstekens op die plaats",
        ),
        "the profile is empty": _m("le profil est vide", "het profiel is leeg"),
        "unsupported profile version {version!r}": _m(
            "version de profil non prise en charge {version!r}", "niet-ondersteunde profielversie {version!r}"
        ),
        "write profile: {supported}": _m("écrivez profile: {supported}", "schrijf profile: {supported}"),
        "{slug!r} is not a slug": _m(
            "{slug!r} n'est pas un identifiant court (slug)", "{slug!r} is geen korte naam (slug)"
        ),
        "lower-case letters, digits and hyphens, e.g. cpas-ixelles": _m(
            "minuscules, chiffres et tirets, p. ex. cpas-ixelles",
            "kleine letters, cijfers en streepjes, bv. cpas-ixelles",
        ),
        "{value!r} is not a concept of the scheme ({prefix}...)": _m(
            "{value!r} n'est pas un concept de la liste ({prefix}...)",
            "{value!r} is geen concept van de lijst ({prefix}...)",
        ),
        "mapping set {name!r} not found next to the profile": _m(
            "table de correspondances {name!r} introuvable à côté du profil",
            "mappingset {name!r} niet gevonden naast het profiel",
        ),
        "give the SSSOM file's path relative to the profile, or create an empty one": _m(
            "donnez le chemin du fichier SSSOM relatif au profil, ou créez-en un vide",
            "geef het pad van het SSSOM-bestand ten opzichte van het profiel, of maak een leeg bestand",
        ),
        "expected a mapping: local name or id -> organisation slug": _m(
            "une liste est attendue : nom local ou identifiant -> slug de l'organisation",
            "een lijst wordt verwacht: lokale naam of id -> slug van de organisatie",
        ),
        "the commune is not a commune's name alone: it looks like personal data (an address, a name)": _m(
            "la commune n'est pas un nom de commune seul : elle ressemble à une donnée personnelle (une adresse, un nom)",
            "de gemeente is niet alleen een gemeentenaam: ze lijkt op een persoonsgegeven (een adres, een naam)",
        ),
        "give the commune's name only (e.g. Ixelles), without street, number or postcode": _m(
            "indiquez seulement le nom de la commune (p. ex. Ixelles), sans rue, numéro ni code postal",
            "geef alleen de naam van de gemeente (bv. Elsene), zonder straat, nummer of postcode",
        ),
        "organisations, key {local!r}: {target!r} is not an organisation slug": _m(
            "organisations, clé {local!r} : {target!r} n'est pas le slug d'une organisation",
            "organisations, sleutel {local!r}: {target!r} is geen slug van een organisatie",
        ),
        "profile: 'tables' must list at least one table": _m(
            "profil : 'tables' doit lister au moins une table",
            "profiel: 'tables' moet minstens één tabel opsommen",
        ),
        "profile: some columns carry vocabulary (concept properties) but no mapping set is given": _m(
            "profil : des colonnes portent du vocabulaire (propriétés à concepts) mais aucune table de "
            "correspondances n'est donnée",
            "profiel: sommige kolommen bevatten woordenschat (conceptproperties) maar er is geen mappingset gegeven",
        ),
        "add `mappings: mappings.sssom.tsv` (SSSOM/TSV, next to the profile)": _m(
            "ajoutez `mappings: mappings.sssom.tsv` (SSSOM/TSV, à côté du profil)",
            "voeg `mappings: mappings.sssom.tsv` toe (SSSOM/TSV, naast het profiel)",
        ),
        "{delimiter!r} is not a single character": _m(
            "{delimiter!r} n'est pas un seul caractère", "{delimiter!r} is geen enkel teken"
        ),
        'e.g. ";" "," or "\\t"': _m('p. ex. ";" "," ou "\\t"', 'bv. ";" "," of "\\t"'),
        "unsupported encoding {encoding!r}": _m(
            "encodage non pris en charge {encoding!r}", "niet-ondersteunde codering {encoding!r}"
        ),
        "use dd, MM, yyyy and separators, e.g. dd/MM/yyyy, or excel": _m(
            "utilisez dd, MM, yyyy et des séparateurs, p. ex. dd/MM/yyyy, ou excel",
            "gebruik dd, MM, yyyy en scheidingstekens, bv. dd/MM/yyyy, of excel",
        ),
        "unknown entity {entity!r}": _m("entité inconnue {entity!r}", "onbekende entiteit {entity!r}"),
        "a sheet is only meaningful for an .xlsx workbook": _m(
            "une feuille n'a de sens que pour un classeur .xlsx",
            "een blad heeft enkel zin voor een .xlsx-werkmap",
        ),
        "list the columns of the table": _m(
            "listez les colonnes de la table", "som de kolommen van de tabel op"
        ),
        "table {url}: the column {title!r} is described twice (first at line {first})": _m(
            "table {url} : la colonne {title!r} est décrite deux fois (d'abord à la ligne {first})",
            "tabel {url}: de kolom {title!r} is twee keer beschreven (eerst op regel {first})",
        ),
        "{title!r} is not one of the table's columns": _m(
            "{title!r} n'est pas une des colonnes de la table",
            "{title!r} is geen van de kolommen van de tabel",
        ),
        "name a column listed under `columns`": _m(
            "nommez une colonne listée sous `columns`", "noem een kolom die onder `columns` staat"
        ),
        "table {url}: a column needs `titles` (its header in the export)": _m(
            "table {url} : une colonne a besoin de `titles` (son en-tête dans l'export)",
            "tabel {url}: een kolom heeft `titles` nodig (haar kop in de export)",
        ),
        "the separator cannot be empty": _m(
            "le séparateur ne peut pas être vide", "het scheidingsteken mag niet leeg zijn"
        ),
        "a suppressed column cannot feed a property": _m(
            "une colonne supprimée ne peut pas alimenter une propriété",
            "een onderdrukte kolom kan geen property voeden",
        ),
        "unknown composition {composition!r}": _m(
            "composition inconnue {composition!r}", "onbekende samenstelling {composition!r}"
        ),
        "family composition columns belong to a situation table": _m(
            "les colonnes de composition familiale appartiennent à une table de situations",
            "kolommen over de gezinssamenstelling horen in een tabel met situaties",
        ),
        "a composition column does not take a property": _m(
            "une colonne de composition ne prend pas de propriété",
            "een samenstellingskolom neemt geen property",
        ),
        "add `property: <name>` (see docs/translation.md), or `suppressOutput: true` to drop it": _m(
            "ajoutez `property: <nom>` (voir docs/translation.md), ou `suppressOutput: true` pour l'écarter",
            "voeg `property: <naam>` toe (zie docs/translation.md), of `suppressOutput: true` om ze weg te laten",
        ),
        "unknown property {name!r} (not in the data contract)": _m(
            "propriété inconnue {name!r} (absente du contrat de données)",
            "onbekende property {name!r} (niet in het gegevenscontract)",
        ),
        "see the properties in docs/architecture.md": _m(
            "voir les propriétés dans docs/architecture.md", "zie de properties in docs/architecture.md"
        ),
        "the property {name!r} does not apply to a {entity}": _m(
            "la propriété {name!r} ne s'applique pas à une entité {entity}",
            "de property {name!r} is niet van toepassing op een entiteit {entity}",
        ),
        "a {entity} takes: {allowed}": _m(
            "une entité {entity} prend : {allowed}", "een entiteit {entity} neemt: {allowed}"
        ),
        "{name!r} takes a single value; a list separator makes no sense here": _m(
            "{name!r} prend une seule valeur ; un séparateur de liste n'a pas de sens ici",
            "{name!r} neemt één waarde; een lijstscheidingsteken heeft hier geen zin",
        ),
        "{name!r} takes a {kind}, not a literal: a datatype makes no sense here": _m(
            "{name!r} prend un(e) {kind}, pas un littéral : un type de données n'a pas de sens ici",
            "{name!r} neemt een {kind}, geen literal: een datatype heeft hier geen zin",
        ),
        "unknown datatype {datatype!r}": _m(
            "type de données inconnu {datatype!r}", "onbekend datatype {datatype!r}"
        ),
        "{name!r} is not a reference to another entity": _m(
            "{name!r} n'est pas une référence à une autre entité",
            "{name!r} is geen verwijzing naar een andere entiteit",
        ),
        "a vocabulary column cannot be personal": _m(
            "une colonne de vocabulaire ne peut pas être personnelle",
            "een woordenschatkolom kan niet persoonlijk zijn",
        ),
        "table {url}, column {title!r}: it refers to {target} ids, which are pseudonymised in the table that "
        "defines them, while this column is not declared personal: the references would not link": _m(
            "table {url}, colonne {title!r} : elle renvoie à des identifiants {target}, pseudonymisés dans la "
            "table qui les définit, alors que cette colonne n'est pas déclarée personnelle : les références ne "
            "se rejoindraient pas",
            "tabel {url}, kolom {title!r}: ze verwijst naar {target}-id's, die gepseudonimiseerd zijn in de tabel "
            "die ze definieert, terwijl deze kolom niet als persoonlijk is aangegeven: de verwijzingen zouden "
            "niet samenkomen",
        ),
        "table {url}, column {title!r}: it refers to {target} ids, which are not pseudonymised in the table that "
        "defines them, while this column is declared personal: the references would not link": _m(
            "table {url}, colonne {title!r} : elle renvoie à des identifiants {target}, non pseudonymisés dans "
            "la table qui les définit, alors que cette colonne est déclarée personnelle : les références ne se "
            "rejoindraient pas",
            "tabel {url}, kolom {title!r}: ze verwijst naar {target}-id's, die niet gepseudonimiseerd zijn in de "
            "tabel die ze definieert, terwijl deze kolom als persoonlijk is aangegeven: de verwijzingen zouden "
            "niet samenkomen",
        ),
        "declare both with the same `personal:` value": _m(
            "déclarez les deux avec la même valeur `personal:`", "geef beide dezelfde waarde voor `personal:`"
        ),
    }
)

# The errors of the other capabilities, each in its own file so that each stays readable.
from referentiel.error_messages_mappings import MAPPINGS  # noqa: E402 - the catalogue is built above

MESSAGES.update(MAPPINGS)
from referentiel.error_messages_checks import CHECKS  # noqa: E402 - the catalogue is built above

MESSAGES.update(CHECKS)
from referentiel.error_messages_store import STORE  # noqa: E402 - the catalogue is built above

MESSAGES.update(STORE)
