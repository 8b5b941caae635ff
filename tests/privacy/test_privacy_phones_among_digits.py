"""A phone written right beside other groups of digits is still a phone (libphonenumber's matcher reads
the whole run as one number, too long to be one), and the digits real data hold are not phones."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from referentiel import privacy
from referentiel.namespaces import REFSH
from referentiel.validation.privacy_scan import find_personal_values

NBSP, THIN = "\u00a0", "\u2009"


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("tel 0472 12 34 56 0472 12 34 57", ["0472 12 34 56", "0472 12 34 57"]),
        ("ref 2023 0472 12 34 56", ["0472 12 34 56"]),
        ("row 12 0472/12.34.56", ["0472/12.34.56"]),
        ("0472 12 34 56 12", ["0472 12 34 56"]),
        ("row 12: 0472/12.34.56", ["0472/12.34.56"]),  # found before too: the colon splits the run
        ("ref 2023 +32 (0)2 512 34 56", ["+32 (0)2 512 34 56"]),
        ("2023 0032 472 12 34 56 2024", ["0032 472 12 34 56"]),
        (f"dossier 2023{NBSP}0472{NBSP}12{NBSP}34{NBSP}56", [f"0472{NBSP}12{NBSP}34{NBSP}56"]),
        (f"17{THIN}02 512 34 56{THIN}3", ["02 512 34 56"]),
        ("85073003328 0472123456", ["0472123456"]),  # beside a national number
    ],
)
def test_a_phone_beside_other_digits_is_found_and_masked(text: str, phones: list[str]) -> None:
    assert privacy.find_phones(text) == phones
    assert "phone" in privacy.screen(text).kinds
    scrubbed = privacy.scrub(text)
    for phone in phones:
        assert phone not in scrubbed and "[phone masked: " in scrubbed
    assert privacy.is_masked(privacy.shown(text))


@pytest.mark.parametrize(
    "text",
    ["tel 0472 12 34 56 0472 12 34 57", "ref 2023 0472 12 34 56", "row 12 0472/12.34.56", "0472 12 34 56 12"],
)
def test_the_validation_scan_finds_it_in_any_literal(text: str) -> None:
    graph = Graph()
    spelt_apart = text.replace(" ", NBSP)  # the SPARQL shape's ASCII pattern cannot see this one
    for i, value in enumerate((text, spelt_apart)):
        graph.add((URIRef(f"https://example.org/n{i}"), URIRef("https://example.org/note"), Literal(value)))
    found = find_personal_values(graph)[REFSH.NoPhone]
    assert sorted(str(o) for _, _, o in found) == sorted((text, spelt_apart))


# Phones a partner types: Belgian mobiles and land lines, national and international forms
_MOBILE = st.builds(
    lambda prefix, a, b, c, form: form.format(p=prefix, a=a, b=b, c=c),
    st.sampled_from(["470", "472", "477", "485", "486", "494", "496"]),
    *(st.integers(10, 99) for _ in range(3)),
    st.sampled_from(
        [
            "0{p} {a} {b} {c}",
            "0{p}/{a}.{b}.{c}",
            "+32 {p} {a} {b} {c}",
            "0032 {p} {a}{b}{c}",
            "0{p}-{a}-{b}-{c}",
        ]
    ),
)
# Brussels numbers of allocated ranges: beside other digits, only a valid number is taken for a phone
_LAND = st.builds(
    lambda n, form: form.format(a=str(n)[:3], b=str(n)[3:5], c=str(n)[5:]),
    st.integers(2_000_000, 8_999_999).filter(
        lambda n: phonenumbers.is_valid_number(phonenumbers.parse(f"02{n}", "BE"))
    ),
    st.sampled_from(["02 {a} {b} {c}", "02/{a}.{b}.{c}", "+32 2 {a} {b} {c}", "+32 (0)2 {a} {b} {c}"]),
)
# What sits beside a phone in a cell: years, counts, postcodes, row and file numbers (no leading 0)
_OTHER = st.integers(1, 9999).map(str)
_SEPARATOR = st.sampled_from([" ", "  ", " / ", "-", ".", NBSP, THIN, " - "])


@settings(max_examples=300, deadline=None)
@given(
    phone=st.one_of(_MOBILE, _LAND),
    before=st.lists(_OTHER, max_size=3),
    after=st.lists(_OTHER, max_size=3),
    separator=_SEPARATOR,
)
def test_phones_among_other_digit_groups(
    phone: str, before: list[str], after: list[str], separator: str
) -> None:
    text = separator.join([*before, phone, *after])
    found = privacy.screen(text)
    # a national number made by chance of the phone and its neighbours is masked as one
    assert "phone" in found.kinds or "national number" in found.kinds, text
    assert phone not in privacy.scrub(text), text
    assert phone.replace(" ", "") not in privacy.scrub(text).replace(" ", ""), text


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-05",
        "05/01/2023",
        "05/01/2023 9",  # a date and a count: "050120239" would be a Bruges number
        "du 01/02/2023 au 28/02/2023",
        "05.07.2023 14:30",
        "2023-04-22 12345",
        "05/01/2023 0400 12",
        "05.07.23 0331",
        "2019 2020 2021 2022 2023",
        "1000 1050 1060 1080",
        "dossier 2023/0400 12",
        "2023 0400 1234 5",
        "0,25 0,50 0,75 1,00",
        "0.25 0.5 0.75 0.90",  # decimals are not a Brussels number ("025050075")
        "0.25 0.50 0.75",
        "0.97 / 1.03 / 1.41 s",
        "90b48b1c0645445950fd 2f055920781d2badcdc8",
        "node Nb3f0123456789abcdef0123456789ab0 and _:b0123456789",
        "05.07.30-033.26",  # a national number of someone born in 2005 is not a phone
        "05 07 30 033 26 0472",
        # possible numbers for libphonenumber (lengths only), no phones as built: counts written in
        # consecutive pairs, dates with blanks (a "0" after the trunk)
        "01 02 03 04 05",
        "00 01 02 03 04",
        "04 05 06 07 08",
        "05 04 03 02 01",
        "05 07 2004",
        "01 10 2026",
    ],
)
def test_no_phone_in_dates_counts_codes_and_ids(text: str) -> None:
    assert privacy.find_phones(text) == []


def test_a_national_number_beginning_with_zero_stays_a_national_number() -> None:
    for spelling in ("05.07.30-033.26", "05073003326", "0507 300 3326", "12 05.07.30-033.26 3"):
        kinds = privacy.screen(spelling).kinds
        assert "national number" in kinds and "phone" not in kinds, spelling


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("05/01/2023 0472 12 34 56", "0472 12 34 56"),
        ("0472 12 34 12-05-2023", "0472 12 34 12"),  # a date right after: its day is the phone's
        ("02 200 00 00-1-1900", "02 200 00 00"),  # no date: there is no day 0
    ],
)
def test_a_phone_beside_a_date_is_found(text: str, phone: str) -> None:
    assert privacy.find_phones(text) == [phone]
