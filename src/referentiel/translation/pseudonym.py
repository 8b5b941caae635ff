"""Keyed pseudonymisation of personal identifiers (HMAC-SHA256, truncated).

A pseudonym is ``HMAC-SHA256(key, scope + "\\x1f" + identifier)`` as hex, truncated to
:data:`PSEUDONYM_LENGTH` characters (80 bits). Without the key nobody can recompute the pseudonym of a
known identifier (unlike a plain hash, which can be brute-forced over the small space of dossier
numbers). The scope keeps identifiers apart: a family's pseudonym has the scope ``family`` for every
partner, so that the same family in two exports links when both are translated with the same key;
any other identifier is scoped by organisation and entity, so that dossier "12" of two partners stays two.

Collision odds with 80 bits: for n identifiers about n² / 2⁸¹, i.e. 4·10⁻¹³ for a million identifiers.

The key comes from the environment variable ``REFERENTIEL_PSEUDONYM_KEY`` or a key file; it is never
written, logged or printed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from pathlib import Path

from referentiel.errors import ConfigError

KEY_ENV = "REFERENTIEL_PSEUDONYM_KEY"
PSEUDONYM_LENGTH = 20
MIN_KEY_BYTES = 16


class Pseudonymiser:
    """Turns identifiers into pseudonyms with one key (results cached per identifier)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ConfigError(
                f"the pseudonymisation key is too short (fewer than {MIN_KEY_BYTES} bytes)",
                hint='use a random key, e.g. `python -c "import secrets; print(secrets.token_hex(32))"`',
            )
        self._key = key
        self._cache: dict[tuple[str, str], str] = {}

    def __repr__(self) -> str:  # never show the key
        return "Pseudonymiser(key=<hidden>)"

    def pseudonym(self, scope: str, identifier: str) -> str:
        """The pseudonym of ``identifier`` in ``scope`` (normalised: NFC, trimmed, inner spaces collapsed)."""
        cache_key = (scope, identifier)
        found = self._cache.get(cache_key)
        if found is None:
            text = unicodedata.normalize("NFC", " ".join(identifier.split()))
            digest = hmac.new(self._key, f"{scope}\x1f{text}".encode(), hashlib.sha256).hexdigest()
            found = self._cache[cache_key] = digest[:PSEUDONYM_LENGTH]
        return found


def resolve_key(key: bytes | str | None = None, key_file: str | Path | None = None) -> bytes | None:
    """The key from the argument, else the key file, else ``$REFERENTIEL_PSEUDONYM_KEY``; None if none."""
    if key is not None:
        return key.encode() if isinstance(key, str) else key
    if key_file is not None:
        path = Path(key_file)
        try:
            data = path.read_bytes().strip()
        except OSError as exc:
            raise ConfigError(f"the key file cannot be read ({exc.strerror})", file=str(path)) from None
        if not data:
            raise ConfigError("the key file is empty", file=str(path))
        return data
    env = os.environ.get(KEY_ENV)
    return env.encode() if env else None
