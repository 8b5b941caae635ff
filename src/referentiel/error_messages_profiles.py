"""French and Dutch of the errors of organisation profiles (``profile.yaml``): what is wrong where.

Part of the catalogue :data:`referentiel.error_messages.MESSAGES` (kept apart so that each file stays
readable): English template -> its French and Dutch, with the same placeholders.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


# Profiles: "file, line L: where, key K: problem"
PROFILES: dict[str, dict[str, str]] = {
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
    "organisations, key {local!r}": _m("organisations, clé {local!r}", "organisations, sleutel {local!r}"),
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
    "list the columns of the table": _m("listez les colonnes de la table", "som de kolommen van de tabel op"),
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
