"""The framework's alignments with public vocabularies (issue 12): SSSOM sets under ``ontology/alignments/``
read by sssom-py, each stating the version of the vocabulary it maps to, whose framework terms exist in
the ontology with the labels the sets show."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS
from sssom.parsers import parse_sssom_table

from referentiel.namespaces import REF, REFC
from referentiel.resources import ontology_file

ALIGNMENTS = Path(__file__).resolve().parents[2] / "ontology" / "alignments"
SETS = sorted(ALIGNMENTS.glob("*.sssom.tsv"))
SKOS_MAPPINGS = {
    f"skos:{p}" for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return {
        path.name.removesuffix(".sssom.tsv"): parse_sssom_table(path).df.to_dict("records") for path in SETS
    }


def _iri(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return {"ref": REF, "refc": REFC}[prefix][local]


def test_the_sets_are_there() -> None:
    assert {p.name for p in SETS} >= {
        "hl7-be-hcparty.sssom.tsv",
        "isco-08.sssom.tsv",
        "oslo.sssom.tsv",
        "identifiers.sssom.tsv",
        "fhir.sssom.tsv",
    }


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_each_set_is_valid_sssom_with_its_source_version(path: Path, ontology: Graph) -> None:
    msdf = parse_sssom_table(path)
    assert msdf.metadata["mapping_set_id"].startswith("https://w3id.org/referentiel/alignments/")
    assert msdf.metadata["license"]
    records = msdf.df.to_dict("records")
    assert records
    for row in records:
        assert row["predicate_id"] in SKOS_MAPPINGS, row
        assert row["object_source"] and row["object_source_version"], row
        assert row["mapping_justification"] == "semapv:ManualMappingCuration"
        for side in ("subject", "object"):
            curie = row[f"{side}_id"]
            if curie.split(":", 1)[0] in ("ref", "refc"):
                term = _iri(curie)
                assert (term, RDF.type, None) in ontology, curie
                labels = {str(o) for o in ontology.objects(term, SKOS.prefLabel) if o.language == "fr"}
                expected = row[f"{side}_label"]
                if side == "subject":
                    assert labels == {expected}, (curie, labels, expected)
        # the set's curie map expands every prefix used
        for curie in (row["subject_id"], row["object_id"], row["predicate_id"]):
            assert msdf.converter.expand(curie), curie


def test_the_issue_12_alignments(rows: dict[str, list[dict]]) -> None:
    def has(name: str, subject: str, predicate: str, obj: str) -> bool:
        return any(
            (r["subject_id"], r["predicate_id"], r["object_id"]) == (subject, predicate, obj)
            for r in rows[name]
        )

    hcparty = {r["object_id"] for r in rows["hl7-be-hcparty"]}
    for code in (
        "perssocialworker",
        "persnurse",
        "persmidwife",
        "persphysician",
        "persgeneralphysician",
        "perspediatrician",
        "perspsychologist",
        "perseducator",
        "perspsychomotortherapymaster",
        "perscaregiver",
        "orgprimaryhealthcarecenter",
        "deptobstetrics",
    ):
        assert f"hcparty:{code}" in hcparty, code
    assert has("hl7-be-hcparty", "ref:Relative", "skos:relatedMatch", "hcparty:perscaregiver")
    assert {r["object_source_version"] for r in rows["hl7-be-hcparty"]} == {"2.1.2"}
    assert has("oslo", "ref:Person", "skos:closeMatch", "person:Person")
    assert has("oslo", "ref:Organisation", "skos:closeMatch", "org:Organization")
    assert has("oslo", "ref:Service", "skos:narrowMatch", "cpsv:PublicService")
    assert not any(
        r["subject_id"] == "ref:Organisation" and r["object_id"] == "cpsv:PublicService"
        for rs in rows.values()
        for r in rs
    )
    assert has("identifiers", "ref:enterpriseNumber", "skos:broadMatch", "org:identifier")
    assert has("fhir", "ref:Relative", "skos:relatedMatch", "fhir:RelatedPerson")
    assert has("isco-08", "refc:role-social-worker", "skos:broadMatch", "isco:2635")
    assert has("oslo", "refc:service-type-saj", "skos:closeMatch", "refc:service-type-ocj")
