"""Round trip: every value of every translated column can be recovered from the RDF.

Declared personal ids are the one exception, by design (they are pseudonymised). A property-based
test shows that translate never drops nor alters a term it cannot map.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from referentiel.namespaces import REF
from referentiel.privacy import screen
from referentiel.provenance import column_of
from referentiel.translation.profile import load_profile
from referentiel.translation.readers import read_table
from referentiel.translation.sssom import normalise_term
from referentiel.translation.translator import cell_text, translate

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "examples" / "organisations"
EXAMPLES = ["cpas-ixelles", "one-consultation-anderlecht", "creche-les-lucioles", "amo-le-tremplin"]
KEY = "roundtrip-key-0123456789"


def _records(graph: Graph) -> dict[tuple[str, str | None, int], URIRef]:
    out = {}
    for record in graph.subjects(RDF.type, REF.SourceRecord):
        row = graph.value(record, REF.sourceRow)
        if row is None:
            continue
        sheet = graph.value(record, REF.sourceSheet)
        out[(str(graph.value(record, REF.sourceFile)), str(sheet) if sheet else None, int(row))] = record
    return out


def _recovered(graph: Graph, record: URIRef) -> tuple[dict[str, Counter], dict[URIRef, set[str]]]:
    """Original values per column, and literal property values, of the resources derived from ``record``."""
    originals: dict[str, Counter] = defaultdict(Counter)
    literals: dict[URIRef, set[str]] = defaultdict(set)
    for subject in graph.subjects(PROV.wasDerivedFrom, record):
        for ov in graph.objects(subject, REF.originalValue):
            value = graph.value(ov, RDF.value)
            if value is not None:
                originals[str(column_of(graph, ov)[0])][str(value)] += 1
        for p, o in graph.predicate_objects(subject):
            if isinstance(o, Literal):
                literals[p].add(str(o))
    return originals, literals


@pytest.mark.parametrize("org", EXAMPLES)
def test_every_translated_cell_is_recoverable(org: str) -> None:
    profile = load_profile(ORGS / org / "profile.yaml")
    result = translate([ORGS / org / "export"], profile, key=KEY)
    graph = result.graph
    records = _records(graph)
    rejected = {(i.file, i.sheet, i.row) for i in result.issues if i.kind == "rejected-row"}
    checked = 0
    for table in profile.tables:
        data = read_table(
            ORGS / org / "export" / table.url,
            sheet=table.sheet,
            delimiter=table.delimiter,
            encoding=table.encoding,
        )
        for row_no, cells in data.rows:
            if (data.file, data.sheet, row_no) in rejected:
                continue
            record = records[(data.file, data.sheet, row_no)]
            originals, literals = _recovered(graph, record)
            for index, header in enumerate(data.header):
                col = table.column(header)
                if col is None or col.suppress or col.personal:
                    continue  # unknown (reported), dropped on purpose, or pseudonymised by design
                raw = cells[index]
                if isinstance(raw, list):
                    items = [cell_text(v).strip() for v in raw]
                elif col.separator:
                    items = [v.strip() for v in cell_text(raw).split(col.separator)]
                else:
                    items = [cell_text(raw)]
                items = [v for v in items if v.strip() not in col.null]
                for item in items:
                    checked += 1
                    if originals[header][item] > 0:
                        originals[header][item] -= 1  # kept verbatim as a ref:OriginalValue
                    else:  # kept as the literal value of its property
                        assert col.property is not None, (org, header, row_no)
                        assert item.strip() in literals[col.property.iri], (
                            org,
                            data.file,
                            row_no,
                            header,
                            item,
                        )
    assert checked > 100


ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc", "Nd"), blacklist_characters="@\x00"
) | st.sampled_from(list(";,\"'\n\r\t|/\\ éèàçœÉ"))
MAPPED = ["AS", "Assistante sociale", "Puéricultrice"]

PROFILE = """profile: 1
organisation: {slug: prop-org, name: Prop}
mappings: m.sssom.tsv
dialect: {delimiter: ";", encoding: utf-8}
tables:
  - url: pros.csv
    entity: professional
    primaryKey: id
    columns:
      - {titles: id, property: localId}
      - {titles: fonction, property: role}
"""
MAPPINGS = (
    "\n".join(
        [
            "#mapping_set_id: https://w3id.org/referentiel/org/prop-org/mappings",
            "#license: https://creativecommons.org/licenses/by/4.0/",
            "#curie_map:",
            "#  proporg: https://w3id.org/referentiel/org/prop-org/",
            "#  refc: https://w3id.org/referentiel/concept/",
            "subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification",
            *[
                f"proporg:job-title-{i}\t{t}\tskos:exactMatch\trefc:role-social-worker\tsemapv:ManualMappingCuration"
                for i, t in enumerate(MAPPED)
            ],
        ]
    )
    + "\n"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    terms=st.lists(
        st.one_of(st.text(ALPHABET, min_size=1, max_size=30), st.sampled_from(MAPPED)),
        min_size=1,
        max_size=12,
    )
)
def test_translate_never_drops_or_alters_an_unmappable_term(
    tmp_path_factory: pytest.TempPathFactory, terms: list[str]
) -> None:
    terms = [t for t in terms if t.strip()]
    if not terms:
        return
    folder = tmp_path_factory.mktemp("prop")
    (folder / "m.sssom.tsv").write_text(MAPPINGS, encoding="utf-8")
    (folder / "p.yaml").write_text(PROFILE, encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # as Excel: quotes cells with CR or LF
    writer.writerow(["id", "fonction"])
    for i, term in enumerate(terms):
        writer.writerow([f"P{i}", term])
    (folder / "pros.csv").write_text(out.getvalue(), encoding="utf-8")

    result = translate([folder / "pros.csv"], folder / "p.yaml", key=KEY)
    graph = result.graph
    mapped = {normalise_term(t) for t in MAPPED}
    unmapped_rows = {i.row for i in result.issues if i.kind == "unmapped-term"}
    withheld_rows = {i.row for i in result.issues if i.kind == "withheld"}
    for i, term in enumerate(terms):
        subject = URIRef(f"https://w3id.org/referentiel/data/prop-org/professional/P{i}")
        (ov,) = list(graph.objects(subject, REF.originalValue))
        if i + 2 in withheld_rows:
            # the screen took it for personal data: listed by its row, kept as a marker without the value
            assert screen(term) and normalise_term(term) not in mapped
            assert graph.value(ov, RDF.value) is None
            assert graph.value(ov, REF.mappingStatus) == Literal("withheld")
            assert graph.value(subject, REF.role) is None
            continue
        assert not screen(term) or normalise_term(term) in mapped
        assert str(graph.value(ov, RDF.value)) == term  # verbatim, whatever it holds
        if normalise_term(term) in mapped:
            assert graph.value(ov, REF.mappingStatus) is None  # mapped: the usual case, not written
            assert graph.value(subject, REF.role) is not None
        else:
            assert graph.value(ov, REF.mappingStatus) == Literal("unmapped")
            assert graph.value(subject, REF.role) is None
            assert i + 2 in unmapped_rows  # reported, with its row (header = row 1)
    # and the values survive serialisation (our N-Triples writer escapes them as RDF requires)
    again = Graph().parse(data=result.serialize("nt").decode("utf-8"), format="nt")
    assert isomorphic(again, graph)
