"""Recognisers of the personal values that have a format: national numbers, phones, e-mails, IBANs,
street addresses.

Each ``find_*`` function takes a text already normalised (:func:`referentiel.privacy.normalise`) and
returns the spans ``(start, end)`` of *every* candidate that passes its check, however many decoys
come before. Phones are Google's libphonenumber rules (``phonenumbers``, every Belgian and
international spelling); IBANs are checked with ``python-stdnum`` (mod 97). Belgian national register
numbers (NISS / rijksregisternummer) have 11 digits ``YYMMDDSSSCC``: the check ``CC`` is
``97 - (YYMMDDSSS mod 97)`` for people born before 2000 and ``97 - (2YYMMDDSSS mod 97)`` for those born
from 2000 (bis numbers, whose month is raised by 20 or 40, follow the same rule). The same rule is
written in SPARQL in the privacy shapes (shapes/privacy.ttl); tests check that both agree.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# ------------------------------------------------------------------------------- national numbers

# digits in groups separated by at most two separator characters (". ", "- ", "/")
_DIGIT_RUN = re.compile(r"(?<![\w])\d+(?:[ .\-/]{1,2}\d+)*(?![\w])")
_DIGIT_GROUP = re.compile(r"\d+")


def is_valid_niss(digits: str) -> bool:
    """True when ``digits`` (11 digits, no separators) passes the NISS mod-97 check."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def _niss_digits(digits: str) -> bool:
    # A number read as an integer (Excel, JSON) loses the leading zero of those born 2000-2009.
    return is_valid_niss(digits) or (len(digits) == 10 and is_valid_niss("0" + digits))


def find_niss(text: str) -> list[Span]:
    """Spans of national (and bis) numbers, whatever the separators, leading zero lost or not.

    Every sequence of consecutive digit groups making 11 (or 10) digits is tried, so that a number
    written after decoys in the same run ("12345678901 85073003328") is found.
    """
    found: list[Span] = []
    for run in _DIGIT_RUN.finditer(text):
        groups = [
            (m.start() + run.start(), m.end() + run.start()) for m in _DIGIT_GROUP.finditer(run.group())
        ]
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += text[groups[j][0] : groups[j][1]]
                if len(digits) > 11:
                    break
                if len(digits) >= 10 and _niss_digits(digits):
                    found.append((groups[i][0], groups[j][1]))
                    break
    return found


# ------------------------------------------------------------------------------------------ phones

_ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){8}")
_PREFIXED = re.compile(r"^\(?(?:\+|0)")


def find_phones(text: str) -> list[Span]:
    """Spans of phone numbers valid for Belgium or, written with their country code, anywhere.

    Two passes: libphonenumber's matcher on the text, then every window of a run of digit groups
    (:func:`_phones_among_digits`), for a phone written right beside other digits. Digits of a
    pseudonymous (hexadecimal) identifier, of a blank-node label or of a date are no phone.
    """
    if not _ENOUGH_DIGITS.search(text):
        return []
    import phonenumbers

    text = _HEX_TOKEN.sub(_hide_hexadecimal, text)  # same length: the spans stay those of ``text``
    # where dates are cut (their separators): a number holding one holds two parts of a date
    dates = [
        (m.start() + k, m.start() + k + 1)
        for m in _DATES.finditer(text)
        for k, c in enumerate(m.group())
        if not c.isdigit()
    ]
    labels = blank_node_labels(text)
    # POSSIBLE, not VALID: numbering plans change, and a typed number of a range not yet allocated is
    # as personal as another. Only numbers written with a trunk or country prefix count ("0", "+",
    # "00"), which leaves file numbers ("2023/0400") and dates aside.
    matcher = phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.POSSIBLE)
    found = [
        (m.start, m.end)
        for m in matcher
        if _PREFIXED.match(m.raw_string)
        and _plausible(m.raw_string, m.number)
        and not _overlaps((m.start, m.end), dates)
        and not _SHORT_DATE.match(m.raw_string)
        and not _DECIMAL_START.match(m.raw_string)
        and not _inside_blank_node(text, m.start, m.end, labels)
    ]
    for span in _phones_among_digits(text, dates, found):
        if not _overlaps(span, found) and not _inside_blank_node(text, *span, labels):
            found.append(span)
    return sorted(found)


_INTERNATIONAL_PREFIX = re.compile(r"^\(?(?:\+|00)")


def _plausible(raw: str, number: object) -> bool:
    """Whether a number libphonenumber finds *possible* can be a phone as written.

    A valid number is. Otherwise (a range not allocated yet, a typo), it must be built as a phone:
    no "0" after the trunk or country code (a date "05 07 2004", "00 01 02 03 04"), not a count
    written in consecutive pairs ("01 02 03 04 05", "04 05 06 07 08"); with a country code ("+33 6
    ...", "0032 ..."), any possible number of that country, and after a Belgian trunk "0" only, eight
    digits (a land line, "03 123 45 67") or nine beginning with 4 (a mobile). Lengths alone let
    "06 38 66 70 78" or "09 123 45 678" through.
    """
    import phonenumbers

    if phonenumbers.is_valid_number(number):
        return True
    national = phonenumbers.national_significant_number(number)
    if national.startswith("0") or _consecutive(_DIGIT_GROUP.findall(raw)):
        return False
    if _INTERNATIONAL_PREFIX.match(raw):
        return True
    return len(national) == 8 or (len(national) == 9 and national.startswith("4"))


def _consecutive(groups: list[str]) -> bool:
    """Four or more groups of two digits, each one more (or each one less) than the one before."""
    if len(groups) < 4 or any(len(g) != 2 for g in groups):
        return False
    steps = {int(b) - int(a) for a, b in zip(groups, groups[1:], strict=False)}
    return steps in ({1}, {-1})


# A pseudonymous identifier (hex, 12 characters or more) holds runs of digits that libphonenumber
# reads as a phone ("90b48b1c0645445950fd"): such a token is no phone and is not given to it.
_HEX_TOKEN = re.compile(r"[0-9A-Za-z]{12,}")
# Dates with a four-digit year, day first or year first ("05.07.2023 14:30", "2023-04-22 12345"). A
# number that holds one of their separators holds two parts of a date and is no phone; a phone whose
# last group a date follows ("0472 12 34 12-05-2023") still is.
_DAY, _MONTH = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
_DATES = re.compile(
    rf"(?<!\d)(?:{_DAY}([./-]){_MONTH}\1(?:19|20)\d{{2}}|(?:19|20)\d{{2}}([./-]){_MONTH}\2{_DAY})(?!\d)"
)

# a number that begins with a date of a two-digit year ("05.07.23 0331", "05.07.30-033"), if its day
# and month can be ones, is a date too
_SHORT_DATE = re.compile(r"(0[1-9]|[12]\d|3[01])([./-])(0[1-9]|1[0-2])\2\d{2}(?!\d)")

# a decimal ("0.25 0.50 0.75", "0,97 / 1,03") is no phone, whatever digits follow it
_DECIMAL_START = re.compile(r"0[.,]\d")


def _hide_hexadecimal(match: re.Match[str]) -> str:
    token = match.group()
    hexadecimal = not token.isdigit() and all(c in "0123456789abcdefABCDEF" for c in token)
    return " " * len(token) if hexadecimal else token


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


# A run of digit groups, as a phone is spelt: spaces, dots, dashes, slashes and brackets between
# groups ("+32 (0)2 512 34 56", "0472/12.34.56"), a "+" before a country code.
_PHONE_RUN = re.compile(r"(?<![\w+])(?:\(?\+)?\d+(?:[ .\-/()]{1,3}\+?\d+)*(?![\w])")
_MAX_PHONE_DIGITS = 17  # "00", a country code and 15 digits (ITU E.164)
_INTERNATIONAL = range(8, _MAX_PHONE_DIGITS + 1)


def _phones_among_digits(text: str, dates: list[Span], matched: list[Span]) -> list[Span]:
    """Phones that libphonenumber's matcher misses because other digits are beside them.

    The matcher reads "ref 2023 0472 12 34 56" or "0472 12 34 56 0472 12 34 57" as one number, too
    long to be a phone. Here each window of consecutive groups of a run that starts as a phone does
    (a group beginning with "0", which covers "00", or a "+") is parsed on its own; the longest
    window that is a *valid* number (not merely possible: most 8- and 9-digit windows of other digits
    are possible) is a phone, and the search goes on after it. Windows holding a separator of a date
    (``dates``) or beginning with a date, holding a decimal ("0.25 0.50 0.75") or part of a national
    number (a NISS of someone born in 2000-2009 begins with "0") are not phones.
    """
    found: list[Span] = []
    # a run the matcher took as a whole for a phone (the usual case) is not looked at again
    runs = [
        run
        for run in _PHONE_RUN.finditer(text)
        if not run.group().isdigit() and not any(s <= run.start() + 1 and run.end() <= e for s, e in matched)
    ]
    national: list[Span] | None = None
    for run in runs:
        groups = [
            (m.start() + run.start(), m.end() + run.start()) for m in _DIGIT_GROUP.finditer(run.group())
        ]
        if len(groups) < 2:
            continue
        i = 0
        while i < len(groups):
            start, end = groups[i]
            plus = start > 0 and text[start - 1] == "+"
            if not (plus or text[start] == "0") or _decimal(text, groups[i]):
                i += 1
                continue
            # a Belgian number after its trunk "0" has 9 or 10 digits (not "00": that is a country code)
            lengths = (9, 10) if not plus and text[start : start + 2] != "00" else _INTERNATIONAL
            best, digits = None, 0
            for j in range(i, len(groups)):
                if j > i and _decimal(text, groups[j]):
                    break
                digits += groups[j][1] - groups[j][0]
                if digits > _MAX_PHONE_DIGITS:
                    break
                window = text[start - plus : groups[j][1]]
                if (
                    digits in lengths
                    and not _overlaps((start, groups[j][1]), dates)
                    and not _SHORT_DATE.match(window)
                    and _valid_phone(window)
                ):
                    best = j
            span = (start - plus, groups[best][1]) if best is not None else None
            if span and national is None:
                national = find_niss(text)
            if span and not _overlaps(span, national):  # type: ignore[arg-type]
                found.append(span)
                i = best + 1  # type: ignore[operator]
            else:
                i += 1
    return found


def _decimal(text: str, group: Span) -> bool:
    """True for the "0" of a decimal ("0.25", "0,5"): a group of one zero with a decimal point."""
    start, end = group
    return end - start == 1 and text[start] == "0" and text[end : end + 1] in (".", ",")


def _valid_phone(window: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(window, "BE")
    except phonenumbers.NumberParseException:  # not a number at all
        return False
    return bool(phonenumbers.is_valid_number(number))


# A blank node in a message: ``_:`` and a Turtle/N-Triples label (no trailing dot: it ends the
# sentence), or rdflib's own form of a blank node's id, ``N`` and 32 hexadecimal digits.
_BLANK_NODE = re.compile(r"_:\w(?:[\w.\-]*[\w\-])?|(?<![\w])N[0-9a-f]{32}(?![\w])")


def blank_node_labels(text: str) -> list[Span]:
    """Spans of the blank-node labels in ``text`` (``_:b0``, ``_:c8f2...``, rdflib's ``N`` + 32 hex)."""
    return [(m.start(), m.end()) for m in _BLANK_NODE.finditer(text)]


def _inside_blank_node(text: str, start: int, end: int, labels: list[Span]) -> bool:
    """True when the digits at ``start:end`` are part of a generated blank-node label, not a phone.

    Generated labels (rdflib's ``N`` + hex, Oxigraph's hex, ``_:b0123...``) hold digit runs that read
    as phone numbers. A run counts as part of the label only when it lies inside the label and is
    glued to its other characters (a letter or digit just before or after it): a label that is a
    phone number as a whole (``_:0472123456``) or a phone written after one, separated from it, is
    still a phone.
    """
    for label_start, label_end in labels:
        if label_start <= start and end <= label_end:
            before = text[start - 1] if start > label_start else ""  # ":" of "_:" is no glue
            after = text[end] if end < label_end else ""
            return before.isalnum() or after.isalnum()
    return False


# ------------------------------------------------------------------------------------------ e-mails

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
# "jean at mail dot be", "jean[at]mail[dot]be", "jean (at) mail . be", "jean arobase mail point be"
_AT_WORD = r"(?:at|arobase|apenstaart(?:je)?)"
_AT = rf"(?:\s*[\[({{<]\s*(?:{_AT_WORD}|a|@)\s*[\])}}>]\s*|\s+{_AT_WORD}\s+|\s*@\s*)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|point|punt|\.)\s*[\])}>]\s*|\s+(?:dot|point|punt)\s+|\s*\.\s*)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:[a-z]{{2,6}})(?![\w])", re.IGNORECASE
)
_TLDS = frozenset(
    [
        "be",
        "fr",
        "nl",
        "lu",
        "de",
        "eu",
        "com",
        "net",
        "org",
        "info",
        "biz",
        "io",
        "me",
        "uk",
        "ch",
        "es",
        "it",
        "pt",
        "ma",
        "tr",
        "pl",
        "ro",
        "us",
        "ca",
        "gov",
        "edu",
        "mail",
        "email",
    ]
)


def find_emails(text: str) -> list[Span]:
    """Spans of e-mail addresses, written plainly or obfuscated ("[at]", " at ", " dot ")."""
    found = [m.span() for m in EMAIL.finditer(text)]
    if "@" in text or re.search(r"(?i)at|arobase|apenstaart", text):
        for match in _OBFUSCATED_EMAIL.finditer(text):
            tld = re.split(r"[\s.\])}>]+", match.group().rstrip())[-1].casefold()
            if tld in _TLDS and not any(s <= match.start() < e for s, e in found):
                found.append(match.span())
    return found


# -------------------------------------------------------------------------------------------- IBANs

_IBAN_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){10,30}(?![A-Za-z0-9])")


def find_ibans(text: str) -> list[Span]:
    """Spans of IBANs (any country) that pass the mod-97 check, with or without spaces."""
    from stdnum import iban

    found = []
    for match in _IBAN_CANDIDATE.finditer(text):
        compact = re.sub(r"[ -]", "", match.group()).upper()
        # the longest prefix that validates: the candidate may run into the next word
        # (the country's own BBAN rules are not asked: python-stdnum knows only some banks' codes)
        for end in range(len(compact), 13, -1):
            if iban.is_valid(compact[:end], check_country=False):
                found.append(match.span())
                break
    return found


# ---------------------------------------------------------------------------------------- addresses

_STREET_WORDS_FR = (
    r"rue|avenue|av\.?|chauss[ée]e|ch[ée]e|boulevard|bd|bld|place|pl\.|square|all[ée]e|impasse|quai|"
    r"chemin|clos|dr[eè]ve|rond-point|galerie|passage|sentier|cit[ée]|parvis|venelle|voie|route|"
    r"esplanade|r[ée]sidence"
)
_STREET_WORDS_NL = (
    r"straat|laan|steenweg|plein|lei|dreef|kaai|weg|baan|pad|markt|plaats|dijk|singel|gracht|hof|wijk"
)
# "rue de la Loi 16", "16 rue de la Loi", "Kerkstraat 12 bus 3", "Chée de Wavre 12, 1050 Ixelles"
_STREET = re.compile(
    rf"(?i)(?<![\w])(?:(?:{_STREET_WORDS_FR})(?![\w])|[\w'-]*(?:{_STREET_WORDS_NL})(?![\w])|"
    rf"(?:{_STREET_WORDS_NL})(?![\w]))"
)
_HOUSE_NUMBER = re.compile(
    r"(?i)(?<![\w/.-])\d{1,4}(?:\s?[a-z](?![\w]))?(?:\s*(?:,|-)?\s*(?:bte|bo[iî]te|bus|b)\.?\s*\d{1,4})?"
    r"(?![\w/.-]|\s*(?:ans|an|jaar|jaren|mois|maanden|%|h\b|heures?|uur|x\b|fois|keer|enfants?|kinderen))"
)
_POSTCODE = re.compile(r"(?<![\w/.-])[1-9]\d{3}\s+[A-ZÀ-Ý][\w'-]+")
# a street without a street word ("Meir 117 bus 19, 2000 Antwerpen"): a number with a box or a postcode
_NAMED_STREET = re.compile(
    r"(?<![\w])[A-ZÀ-Ý][\w'-]+(?:\s[\w'-]+){0,3}\s\d{1,4}[a-z]?"
    r"(?:\s*,?\s*(?:bus|bte|bo[iî]te)\.?\s*\d{1,4}(?:\s*,?\s*[1-9]\d{3}\s+[A-ZÀ-Ý][\w'-]+)?"
    r"|\s*,\s*[1-9]\d{3}\s+[A-ZÀ-Ý][\w'-]+)"
)


def find_addresses(text: str) -> list[Span]:
    """Spans of street addresses: a fr/nl street word with a house number or a Belgian postcode.

    A street word alone ("place en crèche", "Kinderopvang De Dreef") is not an address: a number
    (not an age, a count or a duration) or a postcode followed by a place name must be near it.
    """
    found = []
    for street in _STREET.finditer(text):
        # the number follows the street name ("rue de la Loi 16") or comes first ("16, rue de la Loi")
        after = text[street.end() : street.end() + 60]
        before = text[max(0, street.start() - 8) : street.start()]
        number_after = _HOUSE_NUMBER.search(after)
        number_before = re.search(r"(?<![\w/.-])\d{1,4}[a-zA-Z]?\s*,?\s*$", before)
        postcode = _POSTCODE.search(after)
        if number_after and not re.search(r"[.;:!?]", after[: number_after.start()]):
            found.append((street.start(), street.end() + number_after.end()))
        elif number_before:
            found.append((street.start() - len(before) + number_before.start(), street.end()))
        elif postcode:
            found.append((street.start(), street.end() + postcode.end()))
    found += [m.span() for m in _NAMED_STREET.finditer(text)]
    return found
