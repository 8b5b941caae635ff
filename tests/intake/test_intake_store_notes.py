"""What ingest says about the store beyond this run: graphs made with another pseudonym key (their
families cannot link), and, for a refused export, the earlier load of that organisation still there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from referentiel.intake import ingest
from referentiel.intake.pipeline import bundled_examples_dir
from referentiel.intake.summary import REFUSED, to_html, to_json, to_text
from referentiel.store import open_store
from referentiel.translation.pseudonym import key_fingerprint

KEY_A = "a1" * 24
KEY_B = "b2" * 24
WORDS = {
    "other": {
        "en": "pseudonymised with another key",
        "fr": "pseudonymisé(s) avec une autre clé",
        "nl": "gepseudonimiseerd met een andere sleutel",
    },
    "kept": {
        "en": "The earlier load of this organisation is still in the store",
        "fr": "Le chargement précédent de cette organisation reste dans l'entrepôt",
        "nl": "De vorige lading van deze organisatie blijft in de opslag",
    },
    "none": {
        "en": "No earlier load of this organisation",
        "fr": "Aucun chargement précédent",
        "nl": "Er is geen vorige lading",
    },
}


def _copy(root: Path, org: str) -> Path:
    folder = root / org
    shutil.copytree(bundled_examples_dir() / org, folder / org)
    return folder


def _key(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def _swap_dates(folder: Path) -> None:
    dossiers = folder / "cpas-ixelles" / "export" / "dossiers.csv"
    raw = dossiers.read_bytes()
    dossiers.write_bytes(raw.replace(b"F-1001;26/05/2022;06/09/2025", b"F-1001;06/09/2025;26/05/2022"))


def _said(summary, lang: str) -> tuple[str, str]:
    """The text and HTML of ``summary`` with its words in ``lang`` (the notes are rendered, not stored)."""
    summary.lang = lang
    return to_text(summary), to_html(summary).replace("&#x27;", "'")


def test_ingest_warns_when_the_store_holds_graphs_of_another_key(tmp_path: Path) -> None:
    lang = "fr"
    store = tmp_path / "store"
    key_a, key_b = _key(tmp_path, "a.key", KEY_A), _key(tmp_path, "b.key", KEY_B)
    first = ingest(_copy(tmp_path, "cpas-ixelles"), store=store, key_file=key_a, lang=lang)
    assert not first.other_keys and first.key_fingerprint == key_fingerprint(KEY_A.encode())
    again = ingest(_copy(tmp_path / "again", "cpas-ixelles"), store=store, key_file=key_a, lang=lang)
    assert not again.other_keys  # the same key: nothing to say
    second = ingest(_copy(tmp_path, "amo-le-tremplin"), store=store, key_file=key_b, lang=lang)
    assert [g["organisation"] for g in second.other_keys] == ["cpas-ixelles"]
    assert second.other_keys[0]["key_fingerprint"] == key_fingerprint(KEY_A.encode())
    for said in ("fr", "nl", "en"):
        text, page = _said(second, said)
        assert WORDS["other"][said] in text and WORDS["other"][said] in page and "cpas-ixelles" in text
    key = json.loads(to_json(second))["key"]
    assert key["fingerprint"] == key_fingerprint(KEY_B.encode())
    assert key["other_keys"][0]["organisation"] == "cpas-ixelles"
    # the store records a fingerprint per graph, never the key
    with open_store(store) as opened:
        prints = {g.organisation: g.key_fingerprint for g in opened.graphs() if g.kind == "data"}
    assert prints == {
        "cpas-ixelles": key_fingerprint(KEY_A.encode()),
        "amo-le-tremplin": key_fingerprint(KEY_B.encode()),
    }
    for path in store.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert KEY_A.encode() not in data and KEY_B.encode() not in data


def test_a_refused_export_says_which_earlier_load_stays(tmp_path: Path) -> None:
    lang = "nl"
    store = tmp_path / "store"
    key = _key(tmp_path, "k.key", KEY_A)
    never = _copy(tmp_path / "never", "cpas-ixelles")
    _swap_dates(never)
    first_refusal = ingest(never, store=tmp_path / "empty-store", key_file=key, lang=lang)
    (refused,) = first_refusal.exports
    assert refused.status == REFUSED and refused.kept is None
    folder = _copy(tmp_path, "cpas-ixelles")
    loaded = ingest(folder, store=store, key_file=key, lang=lang)
    with open_store(store) as opened:
        (info,) = [g for g in opened.graphs() if g.organisation == "cpas-ixelles"]
    _swap_dates(folder)
    summary = ingest(folder, store=store, key_file=key, lang=lang)
    (export,) = summary.exports
    assert loaded.exports[0].status != REFUSED and export.status == REFUSED
    assert export.kept is not None and export.kept["loaded_at"] == info.loaded_at
    assert json.loads(to_json(summary))["exports"][0]["kept"]["loaded_at"] == info.loaded_at
    for said in ("fr", "nl", "en"):
        text, page = _said(summary, said)
        assert WORDS["kept"][said] in text and info.loaded_at in text and WORDS["kept"][said] in page
        assert WORDS["none"][said] in _said(first_refusal, said)[0]
