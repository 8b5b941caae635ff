"""The SPARQL engine against pySHACL on translated exports and hypothesis-mutated data.

Translated: the four example organisations, and `referentiel generate` exports at three seeds
(6 families, a high defect rate so that the injected defects give results to compare). Mutated:
dropped, duplicated and retyped values, language tags, xsd:string vs plain literals, blank nodes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from referentiel.namespaces import REF

ROOT = Path(__file__).resolve().parents[2]


ORGANISATIONS = sorted(p.parent for p in (ROOT / "examples" / "organisations").glob("*/profile.yaml"))


@pytest.mark.parametrize("organisation", ORGANISATIONS, ids=[o.name for o in ORGANISATIONS])
def test_translated_example_organisations(organisation: Path, same_as_pyshacl) -> None:
    from referentiel.translation.translator import translate

    exports = [organisation / "export"]
    key_file = ROOT / "examples" / "organisations" / "DEMO-ONLY.key"
    same_as_pyshacl(translate(exports, organisation / "profile.yaml", key_file=key_file).graph)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_exports_translated(tmp_path: Path, seed: int, same_as_pyshacl) -> None:
    from referentiel.intake.generator import generate
    from referentiel.translation.translator import translate

    out = tmp_path / "gen"
    generate(out, families=6, seed=seed, defect_rate=0.3)
    merged = Graph()
    for profile in sorted(out.glob("*/profile.yaml")):
        merged += translate([profile.parent / "export"], profile, key_file=out / "SYNTHETIC-ONLY.key").graph
    assert len(merged) > 500
    same_as_pyshacl(merged, turbo=True)


def _synthetic(seed: int) -> Graph:
    from referentiel.store.base import to_rdflib
    from referentiel.store.synthetic import generate

    data = generate(families=12, orgs=3, seed=seed)
    return to_rdflib([t for triples in data.graphs().values() for t in triples])


# --------------------------------------------------------------------------- hypothesis mutations
SHAPES = ROOT / "shapes"


def _mutate(graph: Graph, choices: list[tuple[int, int, str]]) -> Graph:
    """Apply (triple index, variant, kind) mutations to a copy of ``graph``."""
    out = Graph()
    out += graph
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    for index, variant, kind in choices:
        s, p, o = triples[index % len(triples)]
        if kind == "drop":
            out.remove((s, p, o))
        elif kind == "duplicate":
            out.add((s, p, Literal(f"{o}-{variant}") if isinstance(o, Literal) else URIRef(f"{o}-{variant}")))
        elif kind == "retype" and isinstance(o, Literal):
            out.remove((s, p, o))
            datatype = [XSD.string, XSD.integer, XSD.date, XSD.gYear, XSD.boolean][variant % 5]
            out.add((s, p, Literal(str(o), datatype=datatype)))
        elif kind == "language" and isinstance(o, Literal):
            out.remove((s, p, o))
            out.add((s, p, Literal(str(o), lang=["fr", "nl", "en"][variant % 3])))
        elif kind == "plain" and isinstance(o, Literal):
            out.remove((s, p, o))
            out.add(
                (s, p, Literal(str(o)) if o.datatype == XSD.string else Literal(str(o), datatype=XSD.string))
            )
        elif kind == "blank":
            node = BNode()
            out.add((s, p, node))
            out.add((node, RDF.type, REF.OriginalValue))
    return out


BASE = _synthetic(3)  # kept small: pySHACL runs on every example


@settings(
    max_examples=8,
    derandomize=True,  # the same examples in every run: CI does not find new ones by chance
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    choices=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.integers(0, 10),
            st.sampled_from(["drop", "duplicate", "retype", "language", "plain", "blank"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_data(choices: list[tuple[int, int, str]], same_as_pyshacl) -> None:
    same_as_pyshacl(_mutate(BASE, choices))
