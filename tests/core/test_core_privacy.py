"""Personal-data detection: national numbers (mod-97), e-mails, phones, masking."""

from __future__ import annotations

import random

import pytest

from referentiel import privacy


def make_niss(yy: int, mm: int, dd: int, seq: int, after_2000: bool) -> str:
    body = int(f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}")
    base = 2_000_000_000 + body if after_2000 else body
    return f"{body:09d}{97 - base % 97:02d}"


@pytest.mark.parametrize("after_2000", [False, True])
def test_generated_niss_are_valid(after_2000: bool) -> None:
    rng = random.Random(7)
    for _ in range(500):
        niss = make_niss(
            rng.randrange(100), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(1, 999), after_2000
        )
        assert privacy.is_valid_niss(niss)
        assert privacy.looks_personal(f"dossier {niss[:2]}.{niss[2:4]}.{niss[4:6]}-{niss[6:9]}.{niss[9:]}")


def test_wrong_check_digits_are_not_niss() -> None:
    niss = make_niss(85, 7, 30, 33, False)
    broken = niss[:9] + f"{(int(niss[9:]) + 1) % 100:02d}"
    assert not privacy.is_valid_niss(broken)
    assert privacy.find_niss(f"ref {broken}") == []


def test_plain_ids_and_dates_are_not_personal() -> None:
    for text in ("SIT-000123", "2023-04-01", "01/02/2023", "a3f09b2c11d4e5f6", "12345678901x"):
        assert not privacy.looks_personal(text), text


@pytest.mark.parametrize(
    "text,kind",
    [
        ("contact: jean.dupont@example.be", "e-mail"),
        ("GSM 0471 12 34 56", "phone"),
        ("+32 2 123 45 67", "phone"),
        ("tel 02/123.45.67", "phone"),
    ],
)
def test_emails_and_phones(text: str, kind: str) -> None:
    assert kind in privacy.personal_data_kinds(text)


def test_mask_and_scrub_never_show_the_value() -> None:
    niss = make_niss(90, 1, 15, 123, False)
    masked = privacy.mask(niss)
    assert niss not in masked and "national number" in masked
    scrubbed = privacy.scrub(f"row has {niss} and a@b.org")
    assert niss not in scrubbed and "a@b.org" not in scrubbed


@pytest.mark.parametrize(
    "text",
    ["Jeanne Dupontelle", "DUPONT Marie", "DUPONT, Marie", "Dupont, Jeanne", "BA Mamadou",
     "jeanne dupontelle"],
)
def test_names_in_identifier_columns_are_recognised(text: str) -> None:
    assert privacy.looks_like_a_name(text)


@pytest.mark.parametrize(
    "text",
    ["2023/0400", "AS 12", "TS-04", "AS NORD", "Service Social", "Équipe Petite Enfance", "OCMW Brussel",
     "Dienst Welzijn", "CPAS Ixelles", "PEP SUD", "pep-01", "equipe nord", "as 12"],
)
def test_codes_and_service_names_are_not_taken_for_names(text: str) -> None:
    # Services and teams are used as professionals' ids: refusing their table would be a false alarm.
    assert not privacy.looks_like_a_name(text)
