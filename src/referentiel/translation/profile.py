"""Organisation profiles: the declarative description of one partner's tabular export.

A profile is a small YAML file (see docs/translation.md for the format and why it is not RML or a
full CSVW metadata document). Its column descriptions borrow CSVW's vocabulary (``url``, ``titles``,
``datatype``, ``format``, ``separator``, ``null``, ``required``, ``primaryKey``, ``suppressOutput``,
``propertyUrl``) and add what CSVW has no word for: ``personal`` (pseudonymise with a keyed HMAC),
``references`` (the entity a cell points to) and ``composition`` (family members from a cell).

Loading keeps the YAML line of every key, so that a broken profile fails with the file, the line and
the key: ``cpas.yaml, line 23, column fonction: unknown property 'rol'``.

This module is the public face of profiles; the work is in :mod:`.profile_model` (the tables and
columns, date formats), :mod:`.profile_yaml` (YAML with line numbers) and :mod:`.profile_load`.
"""

from __future__ import annotations

from referentiel.translation.profile_load import load_profile
from referentiel.translation.profile_model import (
    DATATYPES,
    ENCODINGS,
    ISO8601,
    PROFILE_VERSION,
    SLUG,
    ColumnSpec,
    Profile,
    TableSpec,
    date_format,
)

__all__ = [
    "DATATYPES",
    "ENCODINGS",
    "ISO8601",
    "PROFILE_VERSION",
    "SLUG",
    "ColumnSpec",
    "Profile",
    "TableSpec",
    "date_format",
    "load_profile",
]
