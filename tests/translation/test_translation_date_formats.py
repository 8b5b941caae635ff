"""Dates of the usual numeric formats are read without ``strptime`` when their fields have fixed widths
(``resolve._FIXED_WIDTH``): the result must be ``strptime``'s, impossible dates included."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from referentiel.translation.resolve import _FIXED_WIDTH, parse_date


def _strptime(text: str, fmt: str):
    try:
        return datetime.strptime(text.strip(), fmt).date()
    except ValueError:
        return None


@pytest.mark.parametrize("fmt", sorted(_FIXED_WIDTH))
def test_fixed_width_dates_read_as_strptime_reads_them(fmt: str) -> None:
    rng = random.Random(fmt)
    texts = ["31/02/2023", "29/02/2024", "29/02/2023", "00/01/2020", "5/1/2023", " 05/01/2023 ", "0000-01-01"]
    texts += ["2023-01-05", "2023-13-05", "12-12-2012", "12.12.2012", "99/99/9999", "٠٥/٠١/٢٠٢٣"]
    for _ in range(3000):
        day, month, year = rng.randint(0, 39), rng.randint(0, 14), rng.randint(0, 2999)
        texts += [
            f"{day:02d}/{month:02d}/{year:04d}",
            f"{year:04d}-{month:02d}-{day:02d}",
            f"{day:02d}.{month:02d}.{year:04d}",
            f"{day:02d}-{month:02d}-{year:04d}",
            f"{day}/{month}/{year}",
        ]
    differ = [t for t in texts if parse_date(t, [fmt]) != _strptime(t, fmt)]
    assert differ == []
    assert any(parse_date(t, [fmt]) for t in texts)  # the fast path is taken on real dates
