"""Organisation profiles: the examples load; broken profiles fail with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.errors import ConfigError
from referentiel.translation.model import ENTITIES, ENTITY_PROPERTIES, PROPERTIES
from referentiel.translation.profile import date_format, load_profile

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
EXAMPLES = ["cpas-ixelles", "one-consultation-anderlecht", "creche-les-lucioles", "amo-le-tremplin"]


@pytest.mark.parametrize("org", EXAMPLES)
def test_example_profiles_load(org: str) -> None:
    profile = load_profile(ORGS / org / "profile.yaml")
    assert profile.slug == org
    assert profile.mappings is not None and profile.mappings.exists()
    assert profile.tables and all(t.columns for t in profile.tables)


def test_examples_cover_all_seven_entities() -> None:
    entities = {t.entity for org in EXAMPLES for t in load_profile(ORGS / org / "profile.yaml").tables}
    # the history tables (dated referents, memberships) are exercised by test_translation_history.py
    assert entities == set(ENTITIES) - {"assignment", "membership"}


def test_contract_properties_exist_in_the_ontology() -> None:
    ontology = ROOT / "ontology" / "referentiel.ttl"
    from rdflib import Graph

    from referentiel.namespaces import REF

    graph = Graph().parse(ontology)
    declared = {str(s) for s in graph.subjects()}
    missing = [p for p in PROPERTIES if str(REF[p]) not in declared]
    assert not missing


def _write(tmp_path: Path, text: str, mappings: bool = True) -> Path:
    if mappings:
        (tmp_path / "m.sssom.tsv").write_text(
            "#mapping_set_id: https://w3id.org/referentiel/org/x/mappings\n#license: https://creativecommons.org/licenses/by/4.0/\n"
            "subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification\n",
            encoding="utf-8",
        )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """profile: 1
organisation:
  slug: test-org
  name: Test
mappings: m.sssom.tsv
tables:
  - url: pros.csv
    entity: professional
    primaryKey: id
    columns:
      - titles: id
        property: localId
      - titles: fonction
        property: role
"""


def test_good_profile(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, GOOD))
    table = profile.tables[0]
    assert table.column(" FONCTION ").property.name == "role"  # titles match case- and space-insensitively
    assert table.column("id").is_key


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "    entity: professional\n",
            "    entity: professional\n    colums: []\n",
            9,
            "unknown key 'colums'",
        ),
        ("        property: role\n", "        property: rol\n", 14, "unknown property 'rol'"),
        ("        property: role\n", "        property: hasNeed\n", 14, "does not apply to a professional"),
        ("    entity: professional\n", "    entity: worker\n", 8, "unknown entity 'worker'"),
        ("  slug: test-org\n", "  slug: Test Org\n", 3, "is not a slug"),
        ("mappings: m.sssom.tsv\n", "mappings: missing.tsv\n", 5, "mapping set 'missing.tsv' not found"),
        ("profile: 1\n", "profile: 7\n", 1, "unsupported profile version"),
        (
            "        property: role\n",
            "        property: role\n        separatr: ';'\n",
            15,
            "unknown key 'separatr'",
        ),
        (
            "      - titles: fonction\n",
            "      - titles: debut\n        property: startDate\n"
            "        datatype: {base: date, format: dd/QQ}\n      - titles: fonction\n",
            13,
            "unknown letter",
        ),
        (
            "        property: role\n",
            "        property: role\n        datatype: date\n",
            15,
            "makes no sense",
        ),
    ],
)
def test_broken_profile_names_file_line_and_key(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    err = info.value
    assert err.file == str(path)
    assert err.line == line, str(err)
    assert words in str(err)
    assert err.exit_code == 2


def test_malformed_yaml_gives_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("    entity: professional\n", "    entity: [professional\n"))
    with pytest.raises(ConfigError) as info:
        load_profile(path)
    assert "malformed YAML" in str(info.value)
    assert info.value.line is not None


def test_vocabulary_without_mapping_set_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("mappings: m.sssom.tsv\n", ""), mappings=False)
    with pytest.raises(ConfigError, match="no mapping set"):
        load_profile(path)


def test_personal_reference_must_match_the_referenced_id(tmp_path: Path) -> None:
    text = (
        GOOD
        + """  - url: sits.csv
    entity: situation
    primaryKey: dossier
    columns:
      - titles: dossier
        property: localId
        personal: true
  - url: acts.csv
    entity: intervention
    columns:
      - titles: dossier
        property: concernsSituation
"""
    )
    with pytest.raises(ConfigError, match="would not link") as info:
        load_profile(_write(tmp_path, text))
    assert info.value.line == 25  # the column that refers


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="profile not found"):
        load_profile(tmp_path / "nope.yaml")


def test_date_patterns() -> None:
    assert date_format("dd/MM/yyyy") == "%d/%m/%Y"
    assert date_format("yyyy-MM-dd") == "%Y-%m-%d"
    assert date_format("d.M.yy") == "%d.%m.%y"
    assert date_format("excel") == "excel"


@pytest.mark.parametrize(
    "pattern,expected",
    [
        ("yyyy-MM-dd'T'HH:mm", "%Y-%m-%dT%H:%M"),
        ("dd/MM/yyyy HH:mm", "%d/%m/%Y %H:%M"),
        ("yyyy-MM-dd'T'HH:mm:ssXXX", "%Y-%m-%dT%H:%M:%S%z"),
        ("yyyy-MM-dd HH:mm:ss.SSS", "%Y-%m-%d %H:%M:%S.%f"),
        ("dd/MM/yyyy 'à' H'h'mm", "%d/%m/%Y à %Hh%M"),
        ("dd/MM/yyyy ''HH''", "%d/%m/%Y '%H'"),
        ("iso8601", "iso8601"),
    ],
)
def test_date_time_patterns(pattern: str, expected: str) -> None:
    """UAX-35 time letters: H hours, m minutes (M is the month), s seconds, S fractions, X zones,
    quoted literal text."""
    assert date_format(pattern) == expected


@pytest.mark.parametrize(
    "pattern,message",
    [
        ("d MMM yyyy", "month names"),
        ("dd/MM/yyyy dd", "appears twice"),
        ("yyyy-MM-dd'T", "unclosed quote"),
        ("EEE dd/MM", "unknown letter 'E'"),
    ],
)
def test_date_patterns_refused_with_a_reason(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        date_format(pattern)


DATE_TIMES = (Path(__file__).parent / "data" / "date-times" / "profile.yaml").read_text(encoding="utf-8")


def test_a_profile_with_date_time_columns(tmp_path: Path) -> None:
    """Dates written with their time (an agenda tool's export) are described as CSVW would: the
    profile's `dates`, or a column's `{base: dateTime, format: ...}`."""
    profile = load_profile(_write(tmp_path, DATE_TIMES))
    meetings, situations = profile.tables
    assert meetings.column("datum").formats == ["%Y-%m-%dT%H:%M", "iso8601"]
    assert situations.column("start").formats == ["%d/%m/%Y %H:%M"]
    assert situations.column("start").datatype == "date"  # the date is kept; the text keeps the time


def test_a_bad_date_time_pattern_names_the_profile_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_profile(_write(tmp_path, DATE_TIMES.replace("dd/MM/yyyy HH:mm", "dd MMM yyyy")))
    assert "month names" in str(info.value) and info.value.line is not None


def test_every_entity_property_is_in_the_catalogue() -> None:
    for entity, props in ENTITY_PROPERTIES.items():
        assert entity in ENTITIES
        assert props <= set(PROPERTIES)


def test_other_organisations_with_their_sector(tmp_path: Path) -> None:
    text = GOOD.replace(
        "tables:\n",
        "organisations:\n  ONE Anderlecht: {slug: one-anderlecht, sector: sector-early-childhood}\n"
        "  P02: amo-x\ntables:\n",
    )
    profile = load_profile(_write(tmp_path, text))
    assert (
        profile.organisations["one anderlecht"] == "one-anderlecht"
        and profile.organisations["p02"] == "amo-x"
    )
    assert profile.organisation_info == {"one-anderlecht": {"sector": "sector-early-childhood"}}
    bad = GOOD.replace("tables:\n", "organisations:\n  ONE: {slug: one, sector: need-housing}\ntables:\n")
    with pytest.raises(ConfigError, match="not a concept of the scheme") as info:
        load_profile(_write(tmp_path, bad))
    assert info.value.line == 7  # the entry, as written
