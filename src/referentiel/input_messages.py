"""The messages of input errors (limits, refused documents, syntax errors) in French, English and Dutch.

Data only, in the format of :data:`referentiel.translation.messages.MESSAGES`, which includes these
entries: an error raised with a ``message_id`` (see :class:`referentiel.errors.ReferentielError`)
is shown in the command's ``--lang`` by :meth:`~referentiel.errors.ReferentielError.text`; the hint
is the entry ``<id>.hint`` when there is one. Parameters never hold a value read from the data.
"""

from __future__ import annotations

INPUT_MESSAGES: dict[str, dict[str, str]] = {
    # ---- where
    "where.line": {"en": "line {line}", "fr": "ligne {line}", "nl": "regel {line}"},
    "where.column": {"en": "column {column}", "fr": "colonne {column}", "nl": "kolom {column}"},
    "word.how-to-fix": {"en": "how to fix", "fr": "comment corriger", "nl": "hoe op te lossen"},
    # ---- limits (referentiel.limits)
    "limit.exceeded": {
        "en": "{what} is beyond the limit {limit}={value}: the file is refused, nothing of it was read",
        "fr": "{what} dépasse la limite {limit}={value} : le fichier est refusé, rien n'en a été lu",
        "nl": "{what} overschrijdt de limiet {limit}={value}: het bestand wordt geweigerd, er is niets "
        "van gelezen",
    },
    "limit.exceeded.hint": {
        "en": "check that this is the right file; if it is, raise the limit (--limit {limit}=... or "
        "REFERENTIEL_LIMITS='{limit}=...')",
        "fr": "vérifiez que c'est le bon fichier ; si oui, relevez la limite (--limit {limit}=... ou "
        "REFERENTIEL_LIMITS='{limit}=...')",
        "nl": "controleer of dit het juiste bestand is; zo ja, verhoog de limiet (--limit {limit}=... of "
        "REFERENTIEL_LIMITS='{limit}=...')",
    },
    "limit.what.file": {
        "en": "the file ({size} bytes)",
        "fr": "le fichier ({size} octets)",
        "nl": "het bestand ({size} bytes)",
    },
    "limit.what.line": {"en": "a line", "fr": "une ligne", "nl": "een regel"},
    "limit.what.cell": {"en": "a cell", "fr": "une cellule", "nl": "een cel"},
    "limit.what.rows": {
        "en": "the number of rows (more than {count})",
        "fr": "le nombre de lignes (plus de {count})",
        "nl": "het aantal rijen (meer dan {count})",
    },
    "limit.what.depth": {
        "en": "the nesting of arrays and objects",
        "fr": "l'imbrication des tableaux et objets",
        "nl": "de nesting van arrays en objecten",
    },
    "limit.what.unzipped": {
        "en": "its uncompressed size ({size} bytes)",
        "fr": "sa taille décompressée ({size} octets)",
        "nl": "de niet-gecomprimeerde grootte ({size} bytes)",
    },
    "limit.what.ratio": {
        "en": "the compression ratio of one of its parts ({size}:1)",
        "fr": "le taux de compression d'une de ses parties ({size}:1)",
        "nl": "de compressieverhouding van een van de onderdelen ({size}:1)",
    },
    "limit.what.part": {
        "en": "one XML part of the workbook read whole ({size} bytes)",
        "fr": "une partie XML du classeur lue d'un bloc ({size} octets)",
        "nl": "een XML-onderdeel van de werkmap dat in één keer gelezen wordt ({size} bytes)",
    },
    "limit.what.entities": {
        "en": "the expansion of its entities ({size} bytes)",
        "fr": "l'expansion de ses entités ({size} octets)",
        "nl": "de expansie van de entiteiten ({size} bytes)",
    },
    # ---- XML documents (referentiel.guards)
    "xml.refused": {
        "en": "the XML document {why}: refused before parsing, as it could expand without bound or read "
        "other files",
        "fr": "le document XML {why} : refusé avant lecture, car il pourrait grossir sans limite ou lire "
        "d'autres fichiers",
        "nl": "het XML-document {why}: geweigerd vóór het lezen, omdat het onbeperkt kan uitdijen of "
        "andere bestanden kan lezen",
    },
    "xml.refused.hint": {
        "en": "export the data as Turtle, or without a DTD (write each &name; out in full)",
        "fr": "exportez les données en Turtle, ou sans DTD (écrivez chaque &nom; en entier)",
        "nl": "exporteer de gegevens als Turtle, of zonder DTD (schrijf elke &naam; voluit)",
    },
    "xml.why.external": {
        "en": "refers to an external DTD (SYSTEM or PUBLIC)",
        "fr": "fait référence à une DTD externe (SYSTEM ou PUBLIC)",
        "nl": "verwijst naar een externe DTD (SYSTEM of PUBLIC)",
    },
    "xml.why.not-plain": {
        "en": "has a DTD that is not a list of plain text entities",
        "fr": "a une DTD qui n'est pas une liste d'entités de texte simple",
        "nl": "heeft een DTD die geen lijst van eenvoudige tekstentiteiten is",
    },
    "xml.why.nested": {
        "en": "declares entities that are nested, external, parameter entities or markup",
        "fr": "déclare des entités imbriquées, externes, des entités paramètres ou du balisage",
        "nl": "declareert geneste of externe entiteiten, parameterentiteiten of opmaak",
    },
    "xml.why.outside": {
        "en": "declares entities outside of a plain DTD",
        "fr": "déclare des entités hors d'une DTD simple",
        "nl": "declareert entiteiten buiten een eenvoudige DTD",
    },
    "xml.why.too-many": {
        "en": "declares more than {count} entities",
        "fr": "déclare plus de {count} entités",
        "nl": "declareert meer dan {count} entiteiten",
    },
    # ---- JSON and JSON-LD
    "json.malformed": {
        "en": "malformed JSON ({error})",
        "fr": "JSON mal formé ({error})",
        "nl": "misvormde JSON ({error})",
    },
    "json.malformed.hint": {
        "en": "fix the syntax at that place, or export the file again",
        "fr": "corrigez la syntaxe à cet endroit, ou exportez à nouveau le fichier",
        "nl": "verbeter de syntaxis op die plaats, of exporteer het bestand opnieuw",
    },
    "jsonld.context": {
        "en": "the JSON-LD document refers to the context {context}: contexts are never fetched (a "
        "remote or local one would be read from elsewhere)",
        "fr": "le document JSON-LD fait référence au contexte {context} : les contextes ne sont jamais "
        "chargés (un contexte distant ou local serait lu ailleurs)",
        "nl": "het JSON-LD-document verwijst naar de context {context}: contexten worden nooit "
        "opgehaald (een externe of lokale context zou elders gelezen worden)",
    },
    "jsonld.context.hint": {
        "en": 'put the context inline in the document ("@context": {{...}}) or export the data as Turtle',
        "fr": 'mettez le contexte dans le document même ("@context": {{...}}) ou exportez en Turtle',
        "nl": 'zet de context in het document zelf ("@context": {{...}}) of exporteer als Turtle',
    },
    # ---- syntax errors of RDF parsers (referentiel.guards.syntax_kind)
    "syntax.malformed": {
        "en": "malformed {format}: {kind}",
        "fr": "{format} mal formé : {kind}",
        "nl": "misvormde {format}: {kind}",
    },
    "syntax.malformed.hint": {
        "en": "fix the syntax at that place, or check that the extension matches the content",
        "fr": "corrigez la syntaxe à cet endroit, ou vérifiez que l'extension correspond au contenu",
        "nl": "verbeter de syntaxis op die plaats, of controleer of de extensie bij de inhoud past",
    },
    "syntax.end": {
        "en": "the file ends in the middle of a statement",
        "fr": "le fichier se termine au milieu d'une déclaration",
        "nl": "het bestand eindigt midden in een uitspraak",
    },
    "syntax.prefix": {
        "en": "a prefix is used without being declared (@prefix), or is malformed",
        "fr": "un préfixe est utilisé sans être déclaré (@prefix), ou est mal formé",
        "nl": "een prefix wordt gebruikt zonder declaratie (@prefix), of is misvormd",
    },
    "syntax.escape": {
        "en": "an escape sequence (\\...) is not valid",
        "fr": "une séquence d'échappement (\\...) n'est pas valide",
        "nl": "een escapereeks (\\...) is ongeldig",
    },
    "syntax.term": {
        "en": "a term is not valid at this place (an unquoted text? a missing . ; or ,?)",
        "fr": "un terme n'est pas valide à cet endroit (un texte sans guillemets ? un . ; ou , manquant ?)",
        "nl": "een term is hier ongeldig (tekst zonder aanhalingstekens? een ontbrekende . ; of ,?)",
    },
    "syntax.iri": {
        "en": "an IRI (<...>) is not valid: spaces and some characters are not allowed in it",
        "fr": "une IRI (<...>) n'est pas valide : les espaces et certains caractères y sont interdits",
        "nl": "een IRI (<...>) is ongeldig: spaties en sommige tekens zijn er niet toegelaten",
    },
    "syntax.literal": {
        "en": "a literal (quoted text, its datatype or language) is malformed",
        "fr": "un littéral (texte entre guillemets, son type ou sa langue) est mal formé",
        "nl": "een literal (tekst tussen aanhalingstekens, het datatype of de taal) is misvormd",
    },
    "syntax.namespace": {
        "en": "an XML element or attribute has no namespace",
        "fr": "un élément ou attribut XML n'a pas d'espace de noms",
        "nl": "een XML-element of -attribuut heeft geen namespace",
    },
    "syntax.xml": {
        "en": "the XML is not well-formed",
        "fr": "le XML est mal formé",
        "nl": "de XML is niet goed gevormd",
    },
    "syntax.encoding": {
        "en": "the file is not UTF-8 text",
        "fr": "le fichier n'est pas du texte UTF-8",
        "nl": "het bestand is geen UTF-8-tekst",
    },
    "syntax.punctuation": {
        "en": "a term or punctuation mark is not valid at this place (an unquoted text, or a missing "
        ". ; , ] or }})",
        "fr": "un terme ou un signe de ponctuation n'est pas valide à cet endroit (un texte sans "
        "guillemets, ou un . ; , ] ou }} manquant)",
        "nl": "een term of leesteken is hier ongeldig (tekst zonder aanhalingstekens, of een ontbrekende "
        ". ; , ] of }})",
    },
    "syntax.other": {"en": "syntax error", "fr": "erreur de syntaxe", "nl": "syntaxfout"},
    # ---- workbooks (referentiel.translation.xlsx)
    "xlsx.entities": {
        "en": "an XML part of the workbook declares entities (a DTD): refused before any expansion",
        "fr": "une partie XML du classeur déclare des entités (une DTD) : refusé avant toute expansion",
        "nl": "een XML-onderdeel van de werkmap declareert entiteiten (een DTD): geweigerd vóór expansie",
    },
    "xlsx.external": {
        "en": "an XML part of the workbook refers to an external document: refused",
        "fr": "une partie XML du classeur fait référence à un document externe : refusé",
        "nl": "een XML-onderdeel van de werkmap verwijst naar een extern document: geweigerd",
    },
    "xlsx.not-zip": {
        "en": "cannot be opened as an .xlsx workbook (it is not a zip archive, or a damaged one)",
        "fr": "ne peut pas être ouvert comme classeur .xlsx (ce n'est pas une archive zip, ou elle est "
        "abîmée)",
        "nl": "kan niet geopend worden als .xlsx-werkmap (het is geen zip-archief, of een beschadigd)",
    },
    "xlsx.refused.hint": {
        "en": "open it in Excel/LibreOffice and save it again as .xlsx",
        "fr": "ouvrez-le dans Excel/LibreOffice et enregistrez-le à nouveau en .xlsx",
        "nl": "open het in Excel/LibreOffice en sla het opnieuw op als .xlsx",
    },
}
