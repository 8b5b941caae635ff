"""Reading RDF: clear errors for missing, empty, binary and malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from referentiel.errors import InputError
from referentiel.rdfio import load_graph


def test_reads_turtle_and_nquads(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("<urn:a> <urn:p> 1 .\n", encoding="utf-8")
    (tmp_path / "b.nq").write_text("<urn:b> <urn:p> <urn:c> <urn:g> .\n", encoding="utf-8")
    graph = load_graph(tmp_path / "a.ttl", tmp_path / "b.nq")
    assert len(graph) == 2


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("missing.ttl", None, "file not found"),
        ("empty.ttl", b"  \n", "empty"),
        ("binary.ttl", b"PK\x03\x04\x00\x00binary", "binary"),
        ("data.xyz", b"<urn:a> <urn:p> 1 .", "extension"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: bytes | None, expected: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_graph(path)
    assert expected in str(info.value)
    assert info.value.exit_code == 2


def test_malformed_turtle_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(
        '@prefix ex: <urn:ex:> .\nex:a ex:p ex:b .\nex:c ex:p "unterminated .\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_graph(path)
    assert "bad.ttl" in str(info.value)
    assert info.value.line == 3


@pytest.mark.parametrize("name", ["interventions.csv", "export.tsv", "export_lucioles.xlsx"])
def test_a_partner_export_given_as_rdf_points_to_translate(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"a;b\n1;2\n")
    with pytest.raises(InputError) as info:
        load_graph(path)
    text = str(info.value)
    assert "partner export" in text and "--profile" in text and "referentiel translate" in text
    assert "rename" not in text
