"""French and Dutch of what ``mappings check`` and ``mappings review`` say: check titles, how to fix,
findings and the report's frame.

English template -> its French and Dutch, with the same placeholders, as in
:data:`referentiel.error_messages.MESSAGES` (the English text is the id; English needs no entry).
SSSOM column names, CURIEs and SKOS predicates stay as written: they are what the file holds.
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


MESSAGES: dict[str, dict[str, str]] = {
    # The frame of the text report
    "line {line}": _m("ligne {line}", "regel {line}"),
    "column {column}": _m("colonne {column}", "kolom {column}"),
    "how to fix": _m("comment corriger", "hoe op te lossen"),
    "OK": _m("OK", "OK"),
    "FAILED": _m("ÉCHEC", "MISLUKT"),
    "{verdict}: {files} mapping set(s), {mappings} mapping(s): {errors} error(s), {warnings} warning(s), {infos} info(s)": _m(
        "{verdict} : {files} jeu(x) de correspondances, {mappings} correspondance(s) : {errors} erreur(s), {warnings} avertissement(s), {infos} information(s)",
        "{verdict}: {files} mappingset(s), {mappings} mapping(s): {errors} fout(en), {warnings} waarschuwing(en), {infos} melding(en)",
    ),
    "{subject} {negation}{predicate} {object}: written to {file}": _m(
        "{subject} {negation}{predicate} {object} : écrit dans {file}",
        "{subject} {negation}{predicate} {object}: geschreven in {file}",
    ),
    # Check titles and how to fix them (mapping_check_registry.CHECKS)
    "required mapping-set metadata is missing (mapping_set_id, license)": _m(
        "des métadonnées obligatoires du jeu de correspondances manquent (mapping_set_id, license)",
        "verplichte metadata van de mappingset ontbreken (mapping_set_id, license)",
    ),
    "add '#mapping_set_id: https://...' and '#license: https://...' lines to the YAML header": _m(
        "ajoutez les lignes '#mapping_set_id: https://...' et '#license: https://...' à l'en-tête YAML",
        "voeg de regels '#mapping_set_id: https://...' en '#license: https://...' toe aan de YAML-kop",
    ),
    "a required column is empty on this row": _m(
        "une colonne obligatoire est vide sur cette ligne", "een verplichte kolom is leeg op deze regel"
    ),
    "fill subject_id, predicate_id, object_id and mapping_justification on every row; when the term has no equivalent, write predicate_id skos:exactMatch and object_id sssom:NoTermFound": _m(
        "remplissez subject_id, predicate_id, object_id et mapping_justification sur chaque ligne ; quand le terme n'a pas d'équivalent, écrivez predicate_id skos:exactMatch et object_id sssom:NoTermFound",
        "vul subject_id, predicate_id, object_id en mapping_justification in op elke regel; heeft de term geen equivalent, schrijf dan predicate_id skos:exactMatch en object_id sssom:NoTermFound",
    ),
    "an identifier is not a valid CURIE": _m(
        "un identifiant n'est pas un CURIE valide", "een identificator is geen geldige CURIE"
    ),
    "write identifiers as prefix:local without spaces, e.g. refc:role-social-worker": _m(
        "écrivez les identifiants sous la forme préfixe:local sans espaces, p. ex. refc:role-social-worker",
        "schrijf identificatoren als prefix:lokaal zonder spaties, bv. refc:role-social-worker",
    ),
    "a CURIE uses a prefix that the curie_map does not declare": _m(
        "un CURIE utilise un préfixe que le curie_map ne déclare pas",
        "een CURIE gebruikt een prefix die de curie_map niet declareert",
    ),
    "declare the prefix in the YAML header: '#curie_map:' then '#  prefix: https://...'": _m(
        "déclarez le préfixe dans l'en-tête YAML : '#curie_map:' puis '#  préfixe: https://...'",
        "declareer de prefix in de YAML-kop: '#curie_map:' en dan '#  prefix: https://...'",
    ),
    "mapping_justification is not a SEMAPV justification": _m(
        "mapping_justification n'est pas une justification SEMAPV",
        "mapping_justification is geen SEMAPV-verantwoording",
    ),
    "use semapv:ManualMappingCuration for curated mappings, semapv:LexicalMatching for lexical suggestions (https://w3id.org/semapv/vocab/)": _m(
        "utilisez semapv:ManualMappingCuration pour les correspondances vérifiées, semapv:LexicalMatching pour les suggestions lexicales (https://w3id.org/semapv/vocab/)",
        "gebruik semapv:ManualMappingCuration voor nagekeken mappings, semapv:LexicalMatching voor lexicale suggesties (https://w3id.org/semapv/vocab/)",
    ),
    "the predicate is not a SKOS mapping predicate": _m(
        "le prédicat n'est pas un prédicat de correspondance SKOS",
        "het predicaat is geen SKOS-mappingpredicaat",
    ),
    "the framework's mappings use skos:exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch": _m(
        "les correspondances du référentiel utilisent skos:exactMatch, closeMatch, broadMatch, narrowMatch ou relatedMatch",
        "de mappings van het referentiekader gebruiken skos:exactMatch, closeMatch, broadMatch, narrowMatch of relatedMatch",
    ),
    "the predicate is not a mapping predicate SSSOM knows": _m(
        "le prédicat n'est pas un prédicat de correspondance connu de SSSOM",
        "het predicaat is geen mappingpredicaat dat SSSOM kent",
    ),
    "use skos:exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch": _m(
        "utilisez skos:exactMatch, closeMatch, broadMatch, narrowMatch ou relatedMatch",
        "gebruik skos:exactMatch, closeMatch, broadMatch, narrowMatch of relatedMatch",
    ),
    "confidence is not a number between 0 and 1": _m(
        "confidence n'est pas un nombre entre 0 et 1", "confidence is geen getal tussen 0 en 1"
    ),
    "write the confidence as a decimal number between 0 and 1, e.g. 0.9": _m(
        "écrivez la confiance comme un nombre décimal entre 0 et 1, p. ex. 0.9",
        "schrijf de betrouwbaarheid als een decimaal getal tussen 0 en 1, bv. 0.9",
    ),
    "a date is not an ISO 8601 date (YYYY-MM-DD)": _m(
        "une date n'est pas une date ISO 8601 (AAAA-MM-JJ)", "een datum is geen ISO 8601-datum (JJJJ-MM-DD)"
    ),
    "write dates as YYYY-MM-DD, e.g. 2026-11-20": _m(
        "écrivez les dates sous la forme AAAA-MM-JJ, p. ex. 2026-11-20",
        "schrijf datums als JJJJ-MM-DD, bv. 2026-11-20",
    ),
    "predicate_modifier has a value other than Not": _m(
        "predicate_modifier a une autre valeur que Not", "predicate_modifier heeft een andere waarde dan Not"
    ),
    "leave predicate_modifier empty, or write Not to state that the terms do NOT match": _m(
        "laissez predicate_modifier vide, ou écrivez Not pour dire que les termes ne correspondent PAS",
        "laat predicate_modifier leeg, of schrijf Not om te zeggen dat de termen NIET overeenkomen",
    ),
    "mapping_cardinality is not one of 1:1, 1:n, n:1, n:n, 1:0, 0:1, 0:0": _m(
        "mapping_cardinality ne vaut pas l'une de 1:1, 1:n, n:1, n:n, 1:0, 0:1, 0:0",
        "mapping_cardinality is niet een van 1:1, 1:n, n:1, n:n, 1:0, 0:1, 0:0",
    ),
    "use the SSSOM cardinality values, or leave the column empty": _m(
        "utilisez les valeurs de cardinalité de SSSOM, ou laissez la colonne vide",
        "gebruik de kardinaliteitswaarden van SSSOM, of laat de kolom leeg",
    ),
    "the same mapping (subject, predicate, object) appears twice": _m(
        "la même correspondance (sujet, prédicat, objet) apparaît deux fois",
        "dezelfde mapping (subject, predicaat, object) komt twee keer voor",
    ),
    "delete one of the two rows (keep the one with the better justification)": _m(
        "supprimez l'une des deux lignes (gardez celle qui a la meilleure justification)",
        "verwijder een van beide regels (houd die met de beste verantwoording)",
    ),
    "the row has no subject_label: the organisation's term as written": _m(
        "la ligne n'a pas de subject_label : le terme de l'organisation tel qu'il est écrit",
        "de regel heeft geen subject_label: de term van de organisatie zoals hij geschreven wordt",
    ),
    "write the term exactly as the organisation writes it in subject_label; translation looks terms up by this label": _m(
        "écrivez le terme exactement comme l'organisation l'écrit dans subject_label ; la traduction cherche les termes par ce libellé",
        "schrijf de term in subject_label precies zoals de organisatie hem schrijft; de vertaling zoekt termen op dit label op",
    ),
    "the same term (subject_label) names two different subjects mapped into the same scheme": _m(
        "le même terme (subject_label) désigne deux sujets différents mis en correspondance dans le même schéma",
        "dezelfde term (subject_label) benoemt twee verschillende subjecten die naar hetzelfde schema gemapt zijn",
    ),
    "give each subject_id its own label, or merge the two subjects into one": _m(
        "donnez à chaque subject_id son propre libellé, ou fusionnez les deux sujets en un seul",
        "geef elke subject_id een eigen label, of voeg de twee subjecten samen",
    ),
    "the subject is not an organisation concept (https://w3id.org/referentiel/org/...)": _m(
        "le sujet n'est pas un concept d'organisation (https://w3id.org/referentiel/org/...)",
        "het subject is geen concept van een organisatie (https://w3id.org/referentiel/org/...)",
    ),
    "organisation terms are SKOS concepts in the organisation's namespace, see docs/translation.md": _m(
        "les termes d'une organisation sont des concepts SKOS dans l'espace de noms de l'organisation, voir docs/translation.md",
        "de termen van een organisatie zijn SKOS-concepten in de naamruimte van de organisatie, zie docs/translation.md",
    ),
    "exactMatch and broadMatch/narrowMatch/relatedMatch on the same pair (SKOS S46, S27)": _m(
        "exactMatch et broadMatch/narrowMatch/relatedMatch sur la même paire (SKOS S46, S27)",
        "exactMatch en broadMatch/narrowMatch/relatedMatch op hetzelfde paar (SKOS S46, S27)",
    ),
    "keep one predicate for the pair: exactMatch if they mean the same, else the hierarchical one": _m(
        "gardez un seul prédicat pour la paire : exactMatch s'ils veulent dire la même chose, sinon le hiérarchique",
        "houd één predicaat voor het paar: exactMatch als ze hetzelfde betekenen, anders het hiërarchische",
    ),
    "relatedMatch to a concept that is above or below another concept the subject is mapped to (relatedMatch is disjoint from the broader hierarchy, SKOS S27)": _m(
        "relatedMatch vers un concept situé au-dessus ou en dessous d'un autre concept auquel le sujet correspond (relatedMatch est disjoint de la hiérarchie broader, SKOS S27)",
        "relatedMatch naar een concept dat boven of onder een ander concept staat waarnaar het subject gemapt is (relatedMatch is disjunct met de broader-hiërarchie, SKOS S27)",
    ),
    "use broadMatch or narrowMatch for a hierarchical relation, or drop one of the mappings": _m(
        "utilisez broadMatch ou narrowMatch pour une relation hiérarchique, ou retirez l'une des correspondances",
        "gebruik broadMatch of narrowMatch voor een hiërarchische relatie, of schrap een van de mappings",
    ),
    "broadMatch/narrowMatch/exactMatch and the framework's skos:broader form a cycle (something would be broader than itself)": _m(
        "broadMatch/narrowMatch/exactMatch et le skos:broader du référentiel forment un cycle (un concept serait plus large que lui-même)",
        "broadMatch/narrowMatch/exactMatch en skos:broader van het referentiekader vormen een cyclus (iets zou ruimer zijn dan zichzelf)",
    ),
    "one of the mappings on the cycle has the wrong direction: check broadMatch (the object is BROADER than the subject) versus narrowMatch": _m(
        "l'une des correspondances du cycle va dans le mauvais sens : vérifiez broadMatch (l'objet est PLUS LARGE que le sujet) et narrowMatch",
        "een van de mappings in de cyclus heeft de verkeerde richting: controleer broadMatch (het object is RUIMER dan het subject) tegenover narrowMatch",
    ),
    "the object is not a concept of the framework": _m(
        "l'objet n'est pas un concept du référentiel", "het object is geen concept van het referentiekader"
    ),
    "map to a refc: concept that the ontology declares (skos:Concept); check the spelling, or, if the framework has no equivalent, write predicate_id skos:exactMatch and object_id sssom:NoTermFound": _m(
        "faites correspondre à un concept refc: que l'ontologie déclare (skos:Concept) ; vérifiez l'orthographe ou, si le référentiel n'a pas d'équivalent, écrivez predicate_id skos:exactMatch et object_id sssom:NoTermFound",
        "map naar een refc:-concept dat de ontologie declareert (skos:Concept); controleer de spelling, of schrijf, als het referentiekader geen equivalent heeft, predicate_id skos:exactMatch en object_id sssom:NoTermFound",
    ),
    "the object is a deprecated concept of the framework (owl:deprecated)": _m(
        "l'objet est un concept obsolète du référentiel (owl:deprecated)",
        "het object is een verouderd concept van het referentiekader (owl:deprecated)",
    ),
    "map to the concept that replaces it (dcterms:isReplacedBy in the ontology)": _m(
        "faites correspondre au concept qui le remplace (dcterms:isReplacedBy dans l'ontologie)",
        "map naar het concept dat het vervangt (dcterms:isReplacedBy in de ontologie)",
    ),
    "the mapping claims 1:1 cardinality but the subject or object has several exact matches": _m(
        "la correspondance affirme une cardinalité 1:1 mais le sujet ou l'objet a plusieurs exactMatch",
        "de mapping beweert kardinaliteit 1:1, maar het subject of object heeft meerdere exactMatch",
    ),
    "keep one exactMatch per subject and per object, or change mapping_cardinality": _m(
        "gardez un exactMatch par sujet et par objet, ou changez mapping_cardinality",
        "houd één exactMatch per subject en per object, of wijzig mapping_cardinality",
    ),
    "the subject is exactMatch to several framework concepts (exactMatch is transitive: it would make those concepts equivalent)": _m(
        "le sujet est exactMatch vers plusieurs concepts du référentiel (exactMatch est transitif : ces concepts deviendraient équivalents)",
        "het subject is exactMatch naar meerdere concepten van het referentiekader (exactMatch is transitief: die concepten zouden equivalent worden)",
    ),
    "keep the exactMatch to the right concept; use closeMatch or broadMatch for the others": _m(
        "gardez l'exactMatch vers le bon concept ; utilisez closeMatch ou broadMatch pour les autres",
        "houd de exactMatch naar het juiste concept; gebruik closeMatch of broadMatch voor de andere",
    ),
    "the subject is declared without equivalent (sssom:NoTermFound) and also mapped to a concept": _m(
        "le sujet est déclaré sans équivalent (sssom:NoTermFound) et aussi mis en correspondance avec un concept",
        "het subject is verklaard zonder equivalent (sssom:NoTermFound) en ook naar een concept gemapt",
    ),
    "delete the sssom:NoTermFound row (predicate skos:exactMatch: 'no exact equivalent exists'), or the mapping, whichever is wrong": _m(
        "supprimez la ligne sssom:NoTermFound (prédicat skos:exactMatch : « aucun équivalent exact n'existe ») ou la correspondance, selon celle qui est fausse",
        "verwijder de regel sssom:NoTermFound (predicaat skos:exactMatch: 'er bestaat geen exact equivalent') of de mapping, naargelang welke fout is",
    ),
    "object_label is not a label of the object concept (the identifier or the label is wrong)": _m(
        "object_label n'est pas un libellé du concept objet (l'identifiant ou le libellé est faux)",
        "object_label is geen label van het objectconcept (de identificator of het label is fout)",
    ),
    "copy the concept's label from the ontology, or fix object_id": _m(
        "copiez le libellé du concept depuis l'ontologie, ou corrigez object_id",
        "kopieer het label van het concept uit de ontologie, of verbeter object_id",
    ),
    # Findings (mapping_check_rules)
    "the mapping set has no {key}": _m(
        "le jeu de correspondances n'a pas de {key}", "de mappingset heeft geen {key}"
    ),
    "{column} is empty": _m("{column} est vide", "{column} is leeg"),
    "{column} {item!r} is not a CURIE (prefix:local)": _m(
        "{column} {item!r} n'est pas un CURIE (préfixe:local)",
        "{column} {item!r} is geen CURIE (prefix:lokaal)",
    ),
    "prefix {prefix!r} of {item!r} is not declared": _m(
        "le préfixe {prefix!r} de {item!r} n'est pas déclaré",
        "prefix {prefix!r} van {item!r} is niet gedeclareerd",
    ),
    "{value!r} is not a SEMAPV justification": _m(
        "{value!r} n'est pas une justification SEMAPV", "{value!r} is geen SEMAPV-verantwoording"
    ),
    "predicate {value!r} is not a SKOS mapping predicate": _m(
        "le prédicat {value!r} n'est pas un prédicat de correspondance SKOS",
        "predicaat {value!r} is geen SKOS-mappingpredicaat",
    ),
    "predicate {value!r} is not a mapping predicate": _m(
        "le prédicat {value!r} n'est pas un prédicat de correspondance",
        "predicaat {value!r} is geen mappingpredicaat",
    ),
    "confidence {value!r} is not a number": _m(
        "confidence {value!r} n'est pas un nombre", "confidence {value!r} is geen getal"
    ),
    "confidence {value} is outside [0, 1]": _m(
        "confidence {value} est hors de [0, 1]", "confidence {value} ligt buiten [0, 1]"
    ),
    "{column} {value!r} is not YYYY-MM-DD": _m(
        "{column} {value!r} n'est pas au format AAAA-MM-JJ", "{column} {value!r} is niet JJJJ-MM-DD"
    ),
    "predicate_modifier {value!r} is not 'Not'": _m(
        "predicate_modifier {value!r} ne vaut pas 'Not'", "predicate_modifier {value!r} is niet 'Not'"
    ),
    "mapping_cardinality {value!r} is not an SSSOM value": _m(
        "mapping_cardinality {value!r} n'est pas une valeur de SSSOM",
        "mapping_cardinality {value!r} is geen SSSOM-waarde",
    ),
    "{subject} {predicate} {object} repeats line {line}": _m(
        "{subject} {predicate} {object} répète la ligne {line}",
        "{subject} {predicate} {object} herhaalt regel {line}",
    ),
    "{subject} has no subject_label": _m(
        "{subject} n'a pas de subject_label", "{subject} heeft geen subject_label"
    ),
    "the term {label!r} names {other} (line {line}) and {subject}": _m(
        "le terme {label!r} désigne {other} (ligne {line}) et {subject}",
        "de term {label!r} benoemt {other} (regel {line}) en {subject}",
    ),
    "{subject} is not in {namespace}": _m(
        "{subject} n'est pas dans {namespace}", "{subject} ligt niet in {namespace}"
    ),
    "{subject} is both exactMatch (line {line}) and {predicate} to {object}": _m(
        "{subject} est à la fois exactMatch (ligne {line}) et {predicate} vers {object}",
        "{subject} is zowel exactMatch (regel {line}) als {predicate} naar {object}",
    ),
    "{subject} is both relatedMatch and {predicate} to {object}": _m(
        "{subject} est à la fois relatedMatch et {predicate} vers {object}",
        "{subject} is zowel relatedMatch als {predicate} naar {object}",
    ),
    "{subject} relatedMatch {object}, but it is {predicate} {other} (line {line}), on the same broader path": _m(
        "{subject} relatedMatch {object}, mais il est {predicate} {other} (ligne {line}), sur le même chemin broader",
        "{subject} relatedMatch {object}, maar het is {predicate} {other} (regel {line}), op hetzelfde broader-pad",
    ),
    "{subject} {predicate} {object} closes a broader cycle (mappings on lines {lines})": _m(
        "{subject} {predicate} {object} ferme un cycle broader (correspondances aux lignes {lines})",
        "{subject} {predicate} {object} sluit een broader-cyclus (mappings op regels {lines})",
    ),
    "{object} is not a concept of the framework (did you mean refc:{close}?)": _m(
        "{object} n'est pas un concept du référentiel (vouliez-vous dire refc:{close} ?)",
        "{object} is geen concept van het referentiekader (bedoelde u refc:{close}?)",
    ),
    "{object} is not a concept of the framework": _m(
        "{object} n'est pas un concept du référentiel", "{object} is geen concept van het referentiekader"
    ),
    "{object} is deprecated (replaced by: {replacement})": _m(
        "{object} est obsolète (remplacé par : {replacement})",
        "{object} is verouderd (vervangen door: {replacement})",
    ),
    "{object} is deprecated (no replacement given)": _m(
        "{object} est obsolète (aucun remplaçant indiqué)",
        "{object} is verouderd (geen vervanging opgegeven)",
    ),
    "{label!r} is not a label of {object} ({known!r})": _m(
        "{label!r} n'est pas un libellé de {object} ({known!r})",
        "{label!r} is geen label van {object} ({known!r})",
    ),
    "1:1 is claimed but {subject} has {count} exact matches": _m(
        "1:1 est affirmé mais {subject} a {count} exactMatch",
        "1:1 wordt beweerd, maar {subject} heeft {count} exactMatch",
    ),
    "1:1 is claimed but {object} is the exact match of {count} subjects": _m(
        "1:1 est affirmé mais {object} est l'exactMatch de {count} sujets",
        "1:1 wordt beweerd, maar {object} is de exactMatch van {count} subjecten",
    ),
    "{subject} is also exactMatch to {objects}": _m(
        "{subject} est aussi exactMatch vers {objects}", "{subject} is ook exactMatch naar {objects}"
    ),
    "{subject} is declared without equivalent but mapped to {object} (line {line})": _m(
        "{subject} est déclaré sans équivalent mais mis en correspondance avec {object} (ligne {line})",
        "{subject} is verklaard zonder equivalent maar gemapt naar {object} (regel {line})",
    ),
}
