"""Keyed pseudonymisation of personal identifiers (HMAC-SHA256, truncated).

A pseudonym is ``HMAC-SHA256(key, scope + "\\x1f" + identifier)`` as hex, truncated to
:data:`PSEUDONYM_LENGTH` characters (80 bits). Without the key nobody can recompute the pseudonym of a
known identifier (unlike a plain hash, which can be brute-forced over the small space of dossier
numbers). The scope keeps identifiers apart: a family's pseudonym has the scope ``family`` for every
partner, so that the same family in two exports links when both are translated with the same key;
any other identifier is scoped by organisation and entity, so that dossier "12" of two partners stays two.

Collision odds with 80 bits: for n identifiers about n² / 2⁸¹, i.e. 4·10⁻¹³ for a million identifiers.

The key comes from the environment variable ``REFERENTIEL_PSEUDONYM_KEY`` or a key file; it is never
written, logged or printed. A key file that other users may read or write is refused, as ssh refuses a
private key in that state. Two keys are public by design and serve their own data only
(:func:`check_key_use`): the bundled demo key (``examples/organisations/DEMO-ONLY.key``, for the
bundled examples) and the synthetic key ``referentiel generate`` writes beside the data it invents.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from referentiel.errors import ConfigError

DEMO_KEY_PREFIX = b"DEMO-ONLY-"
SYNTHETIC_KEY_PREFIX = b"SYNTHETIC-ONLY-"
DEMO_KEY_FILE = "DEMO-ONLY.key"
SYNTHETIC_KEY_FILE = "SYNTHETIC-ONLY.key"

KEY_ENV = "REFERENTIEL_PSEUDONYM_KEY"
PSEUDONYM_LENGTH = 20
MIN_KEY_BYTES = 16


class Pseudonymiser:
    """Turns identifiers into pseudonyms with one key (results cached per identifier)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ConfigError.of(
                "the pseudonymisation key is too short (fewer than {count} bytes)",
                hint='use a random key, e.g. `python -c "import secrets; print(secrets.token_hex(32))"`',
                count=MIN_KEY_BYTES,
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
            # hmac.digest: the same HMAC in one C call (hmac.new builds a Python object each time)
            digest = hmac.digest(self._key, f"{scope}\x1f{text}".encode(), "sha256").hex()
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
            mode = path.stat().st_mode
        except OSError as exc:
            raise ConfigError.of(
                "the key file cannot be read ({why})", file=str(path), why=exc.strerror
            ) from None
        if not data:
            raise ConfigError.of("the key file is empty", file=str(path))
        if os.name == "posix" and mode & 0o077 and key_kind(data) is None:
            raise ConfigError.of(
                "the key file can be read or written by other users (permissions {mode}): "
                "whoever reads the key can recompute every pseudonym",
                file=str(path),
                hint="make it private: chmod 600 {path}",
                mode=f"{mode & 0o777:o}",
                path=str(path),
            )
        return data
    env = os.environ.get(KEY_ENV)
    return env.encode() if env else None


def key_fingerprint(key: bytes) -> str:
    """A public fingerprint of a pseudonym key: the first 16 hex digits of HMAC-SHA256(key, a fixed text).

    Two loads with the same fingerprint were pseudonymised with the same key (their families link);
    the fingerprint cannot be turned back into the key nor used to compute a pseudonym.
    """
    return hmac.new(key, b"referentiel key fingerprint", hashlib.sha256).hexdigest()[:16]


def key_kind(key: bytes) -> str | None:
    """``"demo"`` or ``"synthetic"`` for the two public keys, None for a real key."""
    if key.startswith(DEMO_KEY_PREFIX):
        return "demo"
    if key.startswith(SYNTHETIC_KEY_PREFIX):
        return "synthetic"
    return None


def _bundled_examples() -> Path | None:
    from referentiel.resources import bundled

    try:
        path = Path(str(bundled("examples", "organisations"))).resolve()
    except (TypeError, OSError):  # pragma: no cover - zipped installs have no filesystem path
        return None
    return path if path.is_dir() else None


@lru_cache(maxsize=1)
def _bundled_digests() -> frozenset[str]:
    """SHA-256 of every bundled example file (the demo data, wherever a copy of it sits)."""
    examples = _bundled_examples()
    if examples is None:
        return frozenset()
    return frozenset(
        hashlib.sha256(f.read_bytes()).hexdigest() for f in examples.rglob("*") if f.is_file()
    )


def _is_bundled_file(path: Path) -> bool:
    """Whether ``path`` holds, byte for byte, one of the bundled example files.

    A source checkout's ``examples/`` (the tests, a developer) or a copy of it is the demo data itself:
    the demo key may pseudonymise it. Real data cannot be byte-identical to it, and every file is checked
    on its own, so a real file put beside the copies is still refused.
    """
    try:
        if not path.is_file() or path.stat().st_size > 50_000_000:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() in _bundled_digests()
    except OSError:
        return False


def _synthetic_home(path: Path, key: bytes) -> bool:
    """Whether a folder above ``path`` holds the ``SYNTHETIC-ONLY.key`` holding ``key`` (generate's mark)."""
    for folder in path.resolve().parents:
        marker = folder / SYNTHETIC_KEY_FILE
        try:
            if marker.is_file() and marker.read_bytes().strip() == key:
                return True
        except OSError:
            continue
    return False


def check_key_use(key: bytes, inputs: list[Path]) -> None:
    """Refuse (:class:`ConfigError`) the demo key for anything but the bundled examples, and a synthetic
    key for anything but the folder ``referentiel generate`` wrote it in; a real key passes.

    Everybody has the public keys: pseudonyms made with them can be recomputed from a national
    number by anyone, so real data must never be pseudonymised with them.
    """
    kind = key_kind(key)
    if kind is None:
        return
    examples = _bundled_examples() if kind == "demo" else None
    for path in inputs:
        if kind == "demo":
            own = (examples is not None and examples in path.resolve().parents) or _is_bundled_file(path)
        else:
            own = _synthetic_home(path, key)
        if not own:
            raise ConfigError.of(
                "the demo pseudonymisation key is public and serves only the bundled examples, not this file"
                if kind == "demo"
                else "the synthetic pseudonymisation key is public and serves only the data "
                "`referentiel generate` wrote with it, not this file",
                file=str(path),
                hint="give your project's own key (--key-file FILE, or $REFERENTIEL_PSEUDONYM_KEY); "
                'create one with `python -c "import secrets; print(secrets.token_hex(32))" > key` '
                "and `chmod 600 key`",
            )
