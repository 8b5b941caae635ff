"""Reading, writing and indexing SSSOM mapping sets (referentiel.translation.sssom)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from referentiel.errors import ConfigError, InputError
from referentiel.translation.sssom import (
    NO_TERM_FOUND,
    Mapping,
    MappingIndex,
    MappingSet,
    compress,
    dumps_mapping_set,
    expand,
    normalise_term,
    read_mapping_set,
    write_mapping_set,
)

DATA = Path(__file__).parent / "data"
SPEC_EXAMPLES = sorted((DATA / "sssom_spec_examples").glob("*.sssom.tsv"))

HEADER = (
    "#curie_map:\n"
    "#  refc: https://w3id.org/referentiel/concept/\n"
    "#  cpasx: https://w3id.org/referentiel/org/cpas-x/\n"
    "#  orcid: https://orcid.org/\n"
    "#mapping_set_id: https://w3id.org/referentiel/org/cpas-x/mappings.sssom.tsv\n"
    "#license: https://creativecommons.org/licenses/by/4.0/\n"
)
COLUMNS = "subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification\tconfidence\n"


def _write(tmp_path: Path, text: str, name: str = "m.sssom.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sample() -> MappingSet:
    return MappingSet(
        metadata={
            "mapping_set_id": "https://w3id.org/referentiel/org/cpas-x/mappings.sssom.tsv",
            "mapping_set_title": "CPAS X — vocabulaire",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
        curie_map={
            "refc": "https://w3id.org/referentiel/concept/",
            "cpasx": "https://w3id.org/referentiel/org/cpas-x/",
            "orcid": "https://orcid.org/",
        },
        mappings=[
            Mapping(
                subject_id="cpasx:role-assistant-e-social-e",
                subject_label="Assistant(e) social(e)",
                predicate_id="skos:exactMatch",
                object_id="refc:role-social-worker",
                object_label="assistant·e social·e",
                mapping_justification="semapv:ManualMappingCuration",
                confidence=0.95,
                author_id="orcid:0000-0002-1825-0097",
                author_label="Équipe données",
                mapping_date="2026-11-20",
                comment="poste « AS »",
            ),
            Mapping(
                subject_id="cpasx:intervention-type-mediation-de-dettes",
                subject_label="Médiation de dettes",
                predicate_id="skos:broadMatch",
                object_id="refc:intervention-type-budget-guidance",
                mapping_justification="semapv:ManualMappingCuration",
                confidence=0.8,
                extra={"mapping_cardinality": "n:1", "subject_source": "cpasx:vocabulaire"},
            ),
            Mapping(
                subject_id="cpasx:meeting-kind-cellule-logement",
                subject_label="Cellule logement",
                predicate_id="skos:exactMatch",
                object_id=NO_TERM_FOUND,
                mapping_justification="semapv:ManualMappingCuration",
                comment="no equivalent in the framework",
            ),
        ],
    )


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    ms = _sample()
    path = write_mapping_set(ms, tmp_path / "x.sssom.tsv")
    back = read_mapping_set(path)
    assert back.metadata == ms.metadata
    assert back.curie_map == ms.curie_map
    assert [m.to_row() for m in back.mappings] == [m.to_row() for m in ms.mappings]
    assert [m.line for m in back.mappings] == [9, 10, 11]  # 7 metadata lines, then the header row
    assert dumps_mapping_set(back) == path.read_text(encoding="utf-8")
    assert not (tmp_path / "x.sssom.tsv.part").exists()


def test_written_files_are_read_by_sssom_py_without_loss(tmp_path: Path) -> None:
    from sssom import parsers  # the `test` extra installs sssom-py

    ms = _sample()
    path = write_mapping_set(ms, tmp_path / "x.sssom.tsv")
    msdf = parsers.parse_sssom_table(str(path))
    assert msdf.metadata["mapping_set_id"] == ms.metadata["mapping_set_id"]
    assert msdf.metadata["license"] == ms.metadata["license"]
    for prefix, iri in ms.curie_map.items():
        assert msdf.converter.expand(f"{prefix}:x") == iri + "x"
    # sssom-py sorts the rows; pair them by subject.
    records = {r["subject_id"]: r for r in msdf.df.to_dict("records")}
    assert len(records) == len(ms.mappings)
    for ours in ms.mappings:
        theirs = records[ours.subject_id]
        for column, value in ours.to_row().items():
            got = theirs.get(column)
            if column == "confidence":
                assert math.isclose(float(got), float(value))
            else:
                assert str(got) == value, column


@pytest.mark.parametrize("path", SPEC_EXAMPLES, ids=lambda p: p.name)
def test_spec_examples_are_read(path: Path) -> None:
    ms = read_mapping_set(path)
    assert ms.mappings
    assert ms.metadata.get("license")
    for mapping in ms.mappings:
        assert mapping.predicate_id.startswith("skos:")
        assert mapping.subject_id or mapping.subject_label
        assert mapping.line is not None


@pytest.mark.parametrize("path", SPEC_EXAMPLES, ids=lambda p: p.name)
def test_spec_examples_agree_with_sssom_py(path: Path) -> None:
    from sssom import parsers  # the `test` extra installs sssom-py

    ours = read_mapping_set(path)
    theirs = parsers.parse_sssom_table(str(path)).df.fillna("").to_dict("records")
    key = ("subject_id", "subject_label", "predicate_id", "object_id", "mapping_justification")
    assert sorted(tuple(m.get(k) or "" for k in key) for m in ours.mappings) == sorted(
        tuple(str(r.get(k, "")) for k in key) for r in theirs
    )


def test_no_term_found_example() -> None:
    ms = read_mapping_set(DATA / "sssom_spec_examples" / "no_term_found.sssom.tsv")
    assert [m.no_equivalent for m in ms.mappings] == [False, True]
    assert ms.mappings[0].extra["subject_source"] == "obo:hp"  # propagated from the metadata


def test_extension_columns_are_kept() -> None:
    ms = read_mapping_set(DATA / "sssom_spec_examples" / "extension-slots.sssom.tsv")
    assert ms.mappings[0].extra["ext_bar"] == "111"
    assert ms.mappings[0].extra["ext_undeclared_baz"] == "BAZ A"


def test_missing_required_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path, HEADER + "subject_id\tpredicate_id\tobject_id\ncpasx:a\tskos:exactMatch\trefc:x\n"
    )
    with pytest.raises(InputError) as info:
        read_mapping_set(path)
    assert info.value.column == "mapping_justification"
    assert info.value.line == 7
    assert str(path) in str(info.value)


def test_bad_yaml_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "#curie_map:\n#  refc: [unclosed\n#license: x\n" + COLUMNS)
    with pytest.raises(InputError) as info:
        read_mapping_set(path)
    assert "YAML" in info.value.message
    assert info.value.line is not None


def test_unknown_prefix_strict_and_lenient(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + COLUMNS
        + "cpasx:a\tA\tskos:exactMatch\trefc:x\tsemapv:ManualMappingCuration\t1\n"
        + "cpasy:b\tB\tskos:exactMatch\trefc:x\tsemapv:ManualMappingCuration\t1\n",
    )
    with pytest.raises(ConfigError) as info:
        read_mapping_set(path)
    assert (info.value.line, info.value.column) == (9, "subject_id")
    assert "cpasy" in info.value.message
    assert len(read_mapping_set(path, strict=False)) == 2


def test_bad_confidence_and_extra_cells(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER + COLUMNS + "cpasx:a\tA\tskos:exactMatch\trefc:x\tsemapv:ManualMappingCuration\thigh\n",
    )
    with pytest.raises(ConfigError) as info:
        read_mapping_set(path)
    assert info.value.column == "confidence"
    path = _write(tmp_path, HEADER + COLUMNS + "cpasx:a\tA\tskos:exactMatch\trefc:x\tsemapv:M\t1\textra\n")
    with pytest.raises(InputError) as info2:
        read_mapping_set(path)
    assert info2.value.line == 8


@pytest.mark.parametrize(
    "content,expected", [(b"", "no table"), (b"\x00\x01", "binary"), (b"subject_id\t\xe9\n", "UTF-8")]
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.sssom.tsv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        read_mapping_set(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_mapping_set(tmp_path / "nope.sssom.tsv")


def test_expand_compress() -> None:
    ms = _sample()
    assert ms.expand("refc:role-nurse") == "https://w3id.org/referentiel/concept/role-nurse"
    assert ms.expand("skos:exactMatch") == "http://www.w3.org/2004/02/skos/core#exactMatch"
    assert ms.compress("https://w3id.org/referentiel/org/cpas-x/role-a") == "cpasx:role-a"
    assert compress("https://example.org/x", {"refc": "https://w3id.org/referentiel/concept/"}) == (
        "https://example.org/x"
    )
    assert expand("https://example.org/x", {}) == "https://example.org/x"
    with pytest.raises(ConfigError, match="unknown prefix"):
        ms.expand("nope:x")
    with pytest.raises(ConfigError, match="not a CURIE"):
        ms.expand("no colon")


def test_normalise_term_keeps_accents() -> None:
    assert normalise_term("  Délégué\u0301 \t SAJ ") != normalise_term("delegue saj")
    assert normalise_term("Cre\u0300che") == normalise_term("crèche")  # NFD vs NFC
    assert normalise_term("  ASSISTANT   social ") == "assistant social"


def test_index_lookup_by_label_and_id() -> None:
    index = MappingIndex(_sample())
    found = index.lookup("  assistant(E)   SOCIAL(e) ")
    assert found is not None and found.object_id == "refc:role-social-worker"
    assert index.lookup("cpasx:intervention-type-mediation-de-dettes").predicate_id == "skos:broadMatch"
    assert index.lookup("https://w3id.org/referentiel/org/cpas-x/meeting-kind-cellule-logement").no_equivalent
    assert index.lookup("mediation de dettes") is None  # accents are not forgiven by the exact index
    assert index.lookup("inconnu") is None
    assert "Cellule logement" in index


def test_index_prefers_exact_and_ignores_negated() -> None:
    ms = _sample()
    base = ms.mappings[0]
    ms.mappings = [
        Mapping(
            subject_id=base.subject_id,
            subject_label=base.subject_label,
            predicate_id="skos:exactMatch",
            object_id="refc:role-nurse",
            mapping_justification=base.mapping_justification,
            predicate_modifier="Not",
        ),
        Mapping(
            subject_id=base.subject_id,
            subject_label=base.subject_label,
            predicate_id="skos:broadMatch",
            object_id="refc:role-educator",
            mapping_justification=base.mapping_justification,
        ),
        base,
    ]
    assert MappingIndex(ms).lookup(base.subject_label).object_id == "refc:role-social-worker"
    assert len(MappingIndex(ms).candidates(base.subject_label)) == 2
