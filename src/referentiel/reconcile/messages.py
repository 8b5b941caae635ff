"""The reconciliation service's error messages in French, Dutch and English (one entry per id).

The service answers HTTP 400 with ``{"error": id, "message": text}``; the language is the request's
``lang`` parameter, else its ``Accept-Language`` header, else English (OpenRefine's default).
Messages name the parameter and the limit, never a value sent by the client.
"""

from __future__ import annotations

LANGS = ("fr", "nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "bad-json": {
        "en": "the {param!r} parameter is not valid JSON: send a JSON object (form field {param}=...)",
        "fr": "le paramètre {param!r} n'est pas du JSON valide : envoyez un objet JSON (champ {param}=...)",
        "nl": "de parameter {param!r} is geen geldige JSON: stuur een JSON-object (veld {param}=...)",
    },
    "not-object": {
        "en": "the {param!r} parameter must be a JSON object",
        "fr": "le paramètre {param!r} doit être un objet JSON",
        "nl": "de parameter {param!r} moet een JSON-object zijn",
    },
    "batch-too-large": {
        "en": "too many queries in one batch ({count}; at most {limit}): send smaller batches "
        "(OpenRefine: lower the batch size in the service settings)",
        "fr": "trop de requêtes dans un lot ({count} ; au plus {limit}) : envoyez des lots plus petits "
        "(OpenRefine : réduisez la taille des lots dans les réglages du service)",
        "nl": "te veel zoekvragen in één batch ({count}; hoogstens {limit}): stuur kleinere batches "
        "(OpenRefine: verklein de batchgrootte in de instellingen van de dienst)",
    },
    "query-too-long": {
        "en": "query {key!r} is {length} characters long (at most {limit}): reconcile a term, not a text",
        "fr": "la requête {key!r} fait {length} caractères (au plus {limit}) : réconciliez un terme, "
        "pas un texte",
        "nl": "zoekvraag {key!r} is {length} tekens lang (hoogstens {limit}): koppel een term, geen tekst",
    },
    "bad-query": {
        "en": "query {key!r} is not valid: {reason}",
        "fr": "la requête {key!r} n'est pas valide : {reason}",
        "nl": "zoekvraag {key!r} is niet geldig: {reason}",
    },
    "reason.no-query": {
        "en": "give a non-empty 'query' string (or 'properties')",
        "fr": "donnez une chaîne 'query' non vide (ou des 'properties')",
        "nl": "geef een niet-lege tekst 'query' (of 'properties')",
    },
    "reason.unknown-type": {
        "en": "unknown type {type!r}; the types are listed by /suggest/type",
        "fr": "type inconnu {type!r} ; les types sont listés par /suggest/type",
        "nl": "onbekend type {type!r}; de types staan in /suggest/type",
    },
    "reason.unknown-property": {
        "en": "unknown property {pid!r}; use scheme, organisation or broader",
        "fr": "propriété inconnue {pid!r} ; utilisez scheme, organisation ou broader",
        "nl": "onbekende eigenschap {pid!r}; gebruik scheme, organisation of broader",
    },
    "reason.bad-limit": {
        "en": "'limit' must be a number between 1 and {limit}",
        "fr": "'limit' doit être un nombre entre 1 et {limit}",
        "nl": "'limit' moet een getal tussen 1 en {limit} zijn",
    },
    "reason.bad-field": {
        "en": "the field {field!r} has the wrong type",
        "fr": "le champ {field!r} n'a pas le bon type",
        "nl": "het veld {field!r} heeft het verkeerde type",
    },
    "too-many-ids": {
        "en": "too many ids in one extension request ({count}; at most {limit})",
        "fr": "trop d'identifiants dans une demande d'extension ({count} ; au plus {limit})",
        "nl": "te veel id's in één uitbreidingsverzoek ({count}; hoogstens {limit})",
    },
    "bad-extend": {
        "en": "the extension request needs 'ids' (a list of strings) and 'properties' "
        "(a list of {{'id': ...}})",
        "fr": "la demande d'extension exige 'ids' (une liste de chaînes) et 'properties' "
        "(une liste de {{'id': ...}})",
        "nl": "het uitbreidingsverzoek vraagt 'ids' (een lijst van teksten) en 'properties' "
        "(een lijst van {{'id': ...}})",
    },
    "unknown-extend-property": {
        "en": "unknown property {pid!r}: the properties are listed by /properties",
        "fr": "propriété inconnue {pid!r} : les propriétés sont listées par /properties",
        "nl": "onbekende eigenschap {pid!r}: de eigenschappen staan in /properties",
    },
    "missing-param": {
        "en": "the {param!r} parameter is required",
        "fr": "le paramètre {param!r} est obligatoire",
        "nl": "de parameter {param!r} is verplicht",
    },
    "param-too-long": {
        "en": "the {param!r} parameter is too long (at most {limit} characters)",
        "fr": "le paramètre {param!r} est trop long (au plus {limit} caractères)",
        "nl": "de parameter {param!r} is te lang (hoogstens {limit} tekens)",
    },
    "unknown-entity": {
        "en": "no concept has the id {id!r}",
        "fr": "aucun concept n'a l'identifiant {id!r}",
        "nl": "geen concept heeft het id {id!r}",
    },
    "bad-callback": {
        "en": "the JSONP 'callback' must be a JavaScript identifier (letters, digits, _, $ and .)",
        "fr": "le 'callback' JSONP doit être un identifiant JavaScript (lettres, chiffres, _, $ et .)",
        "nl": "de JSONP-'callback' moet een JavaScript-naam zijn (letters, cijfers, _, $ en .)",
    },
    "unauthorised": {
        "en": "this service is not on loopback: send the token as 'Authorization: Bearer TOKEN' "
        "or as the 'token' parameter",
        "fr": "ce service n'écoute pas en boucle locale : envoyez le jeton en 'Authorization: Bearer JETON' "
        "ou dans le paramètre 'token'",
        "nl": "deze dienst luistert niet op loopback: stuur het token als 'Authorization: Bearer TOKEN' "
        "of in de parameter 'token'",
    },
    "body-too-large": {
        "en": "the request body is too large (at most {limit} bytes)",
        "fr": "le corps de la requête est trop grand (au plus {limit} octets)",
        "nl": "de body van het verzoek is te groot (hoogstens {limit} bytes)",
    },
}


def render(message_id: str, lang: str = "en", **params: object) -> str:
    """The message ``message_id`` in ``lang`` (fr, nl, en; anything else is English)."""
    entry = MESSAGES[message_id]
    return entry.get(lang, entry["en"]).format(**params)


def pick_lang(explicit: str | None, accept_language: str | None) -> str:
    """The language of a request: its ``lang`` parameter, else the first known Accept-Language tag."""
    for candidate in [explicit or ""] + [p.split(";")[0].strip() for p in (accept_language or "").split(",")]:
        tag = candidate.lower().split("-")[0]
        if tag in LANGS:
            return tag
    return "en"
