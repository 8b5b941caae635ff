"""Differential: a column's distinct values worked out once (``cells._Cells._outcome``, joined by the
rows) translate exactly as every cell worked out in full (``cells._Cells._cell``, the per-cell code the
translator had before, kept as the reference and selected by ``_Run.outcomes = False``).

Same triples (as a multiset of N-Triples lines: only their order differs), same issues in the same
order, same statistics (counts and the order their terms were first met), on the bundled examples,
on generated exports at two seeds, with many defects, and with mutated cells (personal data, bad
dates, unknown terms and organisations, numbers, booleans, nulls, lists and objects where text is
expected, spaces, duplicated and missing identifiers).
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from referentiel.intake.generator import generate
from referentiel.intake.pipeline import discover
from referentiel.translation import translate
from referentiel.translation.rows import _Run

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
EXAMPLES = ["amo-le-tremplin", "cpas-ixelles", "creche-les-lucioles", "one-consultation-anderlecht"]

# personal data: in a column not declared personal, it refuses the table (kept to a few files)
PERSONAL = [
    "0472 12 34 56",
    "+32 2 555 12 12",
    "jean.dupont@example.be",
    "Marie Dupont",
    "DUPONT, Marie",
    "Rue de la Loi 16, 1000 Bruxelles",
    "85.07.30-033.28",
    "BE68 5390 0754 7034",
    "Madame a peur de son mari et ne veut plus venir",
]
# what a partner may type where something else was expected (all encodable in cp1252)
ODD_TEXT = [
    "",
    "   ",
    "31/02/2023",
    "2023-13-45",
    "05/07/2023",
    "2023-07-05",
    "1",
    "TRUE",
    "ONE Anderlecht",
    "  one   anderlecht ",
    "AMO Le Tremplin",
    "Organisation inconnue",
    "terme inconnu",
    "F-0001",
    "F0000001",
    "J-001",
    "T2",
    "a, b",
    "VAD ",
    "n/a",
]
ODD_JSON = [
    *ODD_TEXT,
    None,
    0,
    1,
    1.0,
    True,
    False,
    44927,
    [],
    ["J-001"],
    ["J-001", "J-002"],
    ["x", 2],
    {"a": 1},
]


def _key(folder: Path) -> str:
    return (folder / "SYNTHETIC-ONLY.key").read_text(encoding="utf-8").strip()


def _same(exports: list[Path], profile: Path, key: str, monkeypatch: pytest.MonkeyPatch) -> int:
    fast = translate(exports, profile, key=key)
    monkeypatch.setattr(_Run, "outcomes", False)
    reference = translate(exports, profile, key=key)
    monkeypatch.setattr(_Run, "outcomes", True)
    assert sorted(fast.triples) == sorted(reference.triples)
    assert [i.as_dict() for i in fast.issues] == [i.as_dict() for i in reference.issues]
    assert [f.as_dict() for f in fast.files] == [f.as_dict() for f in reference.files]

    def stats(result):
        return [
            (c.as_dict(), list(c.cells.items()), list(c.terms.items()), list(c.frequency.items()))
            for c in result.columns
        ]

    assert stats(fast) == stats(reference)
    return len(fast.triples)


@pytest.mark.parametrize("org", EXAMPLES)
def test_examples_translate_the_same_both_ways(org: str, monkeypatch: pytest.MonkeyPatch) -> None:
    key = (ORGS / "DEMO-ONLY.key").read_text(encoding="utf-8").strip()
    assert _same([ORGS / org / "export"], ORGS / org / "profile.yaml", key, monkeypatch)


@pytest.mark.parametrize(("seed", "defect_rate"), [(1, 0.01), (2, 0.01), (3, 0.3)])
def test_generated_exports_translate_the_same_both_ways(
    seed: int, defect_rate: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, families=40, seed=seed, defect_rate=defect_rate)
    for export in discover(tmp_path):
        assert _same(list(export.files), export.profile, _key(tmp_path), monkeypatch)


def _odd(rng: random.Random, values: list, personal: bool) -> object:
    return rng.choice(PERSONAL) if personal and rng.random() < 0.3 else rng.choice(values)


def _mutate_json(path: Path, rng: random.Random) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    records = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    personal = rng.random() < 0.25  # a file with personal data here and there
    for record in records:
        for name in list(record):
            if rng.random() < 0.12:
                record[name] = _odd(rng, ODD_JSON, personal)
        if rng.random() < 0.05 and records:
            record.update(rng.choice(records))  # a duplicated row (its identifier too)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _mutate_csv(path: Path, rng: random.Random) -> None:
    raw = path.read_bytes()
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("cp1252"), "cp1252"
    first = text.splitlines()[0]
    delimiter = max(";,\t|", key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    personal = rng.random() < 0.25
    for row in rows[1:]:
        for i in range(len(row)):
            if rng.random() < 0.12:
                row[i] = _odd(rng, ODD_TEXT, personal)
    rows += [list(row) for row in rng.sample(rows[1:], min(3, len(rows) - 1))]  # duplicated rows
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


@pytest.mark.parametrize("seed", [4, 5])
def test_mutated_exports_translate_the_same_both_ways(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, families=60, seed=seed)
    rng = random.Random(seed)
    for path in sorted(tmp_path.rglob("export/*")):
        if path.suffix == ".json":
            _mutate_json(path, rng)
        elif path.suffix in (".csv", ".tsv"):
            _mutate_csv(path, rng)
    for export in discover(tmp_path):
        _same(list(export.files), export.profile, _key(tmp_path), monkeypatch)


# personal data the screen finds in a cell but that does not refuse its table outside identifiers
SOFT_PERSONAL = [
    "Marie Dupont",
    "Rue de la Loi 16, 1000 Bruxelles",
    "Madame a peur de son mari et ne veut plus venir",
]


def _screened_columns(profile_path: Path, file: Path) -> set[str]:
    """The titles of ``file``'s columns whose cells the screen decides on: literals, dates, terms
    (not identifiers, references, compositions, personal columns nor an organisation's name)."""
    from referentiel.translation.profile import load_profile

    titles: set[str] = set()
    for spec in load_profile(profile_path).table_for(file):
        for col in spec.columns:
            if col.is_key or col.personal or col.references or col.composition or col.property is None:
                continue
            if col.property.kind == "reference" or col.separator:
                continue
            if spec.entity == "organisation" and col.property.name == "name":
                continue  # organisations are named: a declared name is kept as written
            titles.update(col.titles)
    return titles


@pytest.mark.parametrize("seed", [6, 7])
def test_personal_values_typed_in_cells_are_withheld_both_ways(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names, addresses and notes typed in literal, date and term cells: the screen still sees every
    cell (an outcome is only made of a value it passed), so both ways withhold the same cells."""
    generate(tmp_path, families=40, seed=seed)
    rng = random.Random(seed)
    withheld = 0
    for export in discover(tmp_path):
        for path in export.files:
            columns = _screened_columns(export.profile, path)
            if path.suffix == ".json":
                data = json.loads(path.read_text(encoding="utf-8"))
                for record in data:
                    for name in record:
                        if name in columns and rng.random() < 0.3:
                            record[name] = rng.choice(SOFT_PERSONAL)
                path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            elif path.suffix in (".csv", ".tsv"):
                raw = path.read_bytes()
                encoding = "utf-8"
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    encoding, text = "cp1252", raw.decode("cp1252")
                delimiter = max(";,\t|", key=text.splitlines()[0].count)
                rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
                hit = [i for i, title in enumerate(rows[0]) if title.strip() in columns]
                for row in rows[1:]:
                    for i in hit:
                        if rng.random() < 0.3:
                            row[i] = rng.choice(SOFT_PERSONAL)
                out = io.StringIO(newline="")
                csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
                path.write_bytes(out.getvalue().encode(encoding))
        _same(list(export.files), export.profile, _key(tmp_path), monkeypatch)
        result = translate(list(export.files), export.profile, key=_key(tmp_path))
        withheld += sum(1 for i in result.issues if i.kind == "withheld")
        lines = "".join(result.triples)
        assert not any(value in lines for value in SOFT_PERSONAL)
    assert withheld > 50  # the cells were reached, and withheld


def test_plain_identifiers_are_their_own_iri_segment() -> None:
    """emit._id_token skips quote() and NFC for text of unreserved ASCII characters only: the same
    segment as quote(NFC(text)) for every such pair of characters and for anything else given."""
    import unicodedata
    from urllib.parse import quote

    from referentiel.translation.emit import _id_token

    def reference(text: str) -> str:
        return quote(unicodedata.normalize("NFC", text.strip()), safe="-._~")

    chars = [chr(i) for i in range(128)] + ["é", "e\u0301", "\u00a0", "ß", "İ", "\u212a"]
    for a in chars:
        for b in chars:
            assert _id_token(a + b) == reference(a + b)
    for text in ["F-1001", " T2 ", "2023/00400", "pep-06", "DUPONT Marie", "ｆ１", "a\nb"]:
        assert _id_token(text) == reference(text)


def test_a_date_cell_is_read_as_itself_whatever_came_before(tmp_path: Path) -> None:
    """``True == 1`` in Python: a date cache keyed by the value alone read a JSON ``true`` as the
    Excel serial day 1 when a ``1`` came first (and ``1`` as unparsable when ``true`` came first).
    Each cell must get what it gets alone, in either order and on both paths."""
    generate(tmp_path, families=20, seed=1)
    export = tmp_path / "amo-le-tremplin" / "export" / "actions.json"
    profile = tmp_path / "amo-le-tremplin" / "profile.yaml"
    records = json.loads(export.read_text(encoding="utf-8"))

    def date_issues(first: object, second: object) -> list[tuple[str, int]]:
        records[0]["date"], records[1]["date"] = first, second
        export.write_text(json.dumps(records), encoding="utf-8")
        result = translate([export.parent], profile, key=_key(tmp_path))
        return [(i.kind, i.row) for i in result.issues if i.column == "date"]

    for outcomes in (True, False):
        _Run.outcomes = outcomes
        try:
            assert date_issues(1, True) == [("unparsable", 2)]
            assert date_issues(True, 1) == [("unparsable", 1)]
            assert date_issues(1, 1.0) == date_issues(1.0, 1) == []
        finally:
            _Run.outcomes = True
