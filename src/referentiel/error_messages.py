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

# The errors of the other capabilities, each in its own file so that each stays readable.
from referentiel.error_messages_files import FILES  # noqa: E402 - the catalogue is built above

MESSAGES.update(FILES)
from referentiel.error_messages_profiles import PROFILES  # noqa: E402 - the catalogue is built above

MESSAGES.update(PROFILES)
from referentiel.error_messages_mappings import MAPPINGS  # noqa: E402 - the catalogue is built above

MESSAGES.update(MAPPINGS)
from referentiel.error_messages_checks import CHECKS  # noqa: E402 - the catalogue is built above

MESSAGES.update(CHECKS)
from referentiel.error_messages_store import STORE  # noqa: E402 - the catalogue is built above

MESSAGES.update(STORE)
