"""History tables and the new columns of issue 11/12: a partner can map dated referents and memberships,
reasons for referral, the family at meetings and who convened them; they translate and validate cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from referentiel.namespaces import REF, REFC, REFD
from referentiel.translation.translator import translate
from referentiel.validation import validate

ROOT = Path(__file__).resolve().parents[2]
CPAS = ROOT / "examples" / "organisations" / "cpas-ixelles"
KEY = "test-key-0123456789abcdef"

REFERENTS = """id;n_dossier;referent;debut;fin
R1;2023/0400;TS01;26/05/2022;14/03/2023
R2;2023/0400;TS02;15/03/2023;
R3;2023/0401;TS04;06/02/2022;
"""
MEMBERSHIPS = """id;matricule;fonction;debut;fin
M1;TS01;AS;26/01/2017;31/12/2022
M2;TS01;Coordinatrice;01/01/2023;
"""
HISTORY_TABLE = """
  - url: referents.csv
    entity: assignment
    primaryKey: id
    columns:
      - titles: id
        property: localId
      - titles: n_dossier
        property: assignedTo
        personal: true
      - titles: referent
        property: referent
      - titles: debut
        property: startDate
      - titles: fin
        property: endDate

  - url: fonctions.csv
    entity: membership
    primaryKey: id
    columns:
      - titles: id
        property: localId
      - titles: matricule
        property: member
      - titles: fonction
        property: membershipRole
      - titles: debut
        property: startDate
      - titles: fin
        property: endDate
"""


@pytest.fixture(scope="module")
def partner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cpas") / "cpas-ixelles"
    shutil.copytree(CPAS, folder)
    (folder / "export" / "referents.csv").write_text(REFERENTS, encoding="cp1252")
    (folder / "export" / "fonctions.csv").write_text(MEMBERSHIPS, encoding="cp1252")
    # the referral table gains its reasons, translated like needs
    orientations = folder / "export" / "orientations.csv"
    lines = orientations.read_text(encoding="cp1252").splitlines()
    lines = [lines[0] + ";motif"] + [
        line + (";logement" if i % 2 else ";langue") for i, line in enumerate(lines[1:])
    ]
    orientations.write_text("\n".join(lines) + "\n", encoding="cp1252")
    profile = folder / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace(
        "      - titles: date_premier_contact\n        property: firstContactDate\n",
        "      - titles: date_premier_contact\n        property: firstContactDate\n"
        "      - titles: motif\n        property: referralReason\n",
    )
    profile.write_text(text.rstrip("\n") + "\n" + HISTORY_TABLE, encoding="utf-8")
    return folder


def test_history_table_and_referral_reasons_translate_and_validate(partner: Path) -> None:
    result = translate([partner / "export"], partner / "profile.yaml", key=KEY)
    assert result.count("error") == 0, [str(i) for i in result.issues if i.severity == "error"]
    graph = result.graph
    assignments = list(graph.subjects(RDF.type, REF.ReferentAssignment))
    assert len(assignments) == 3
    situations = {graph.value(a, REF.assignedTo) for a in assignments}
    assert len(situations) == 2 and all((s, RDF.type, REF.Situation) in graph for s in situations)
    ended = [
        a for a in assignments if graph.value(a, REF.endDate) == Literal("2023-03-14", datatype=XSD.date)
    ]
    assert len(ended) == 1
    memberships = list(graph.subjects(RDF.type, REF.Membership))
    assert len(memberships) == 2
    assert {graph.value(m, REF.member) for m in memberships} == {graph.value(memberships[0], REF.member)}
    assert all(graph.value(m, REF.organisation) == REFD["organisation/cpas-ixelles"] for m in memberships)
    roles = {graph.value(m, REF.membershipRole) for m in memberships}
    assert REFC["role-social-worker"] in roles and len(roles) == 2  # a change of role, dated
    reasons = set(graph.objects(None, REF.referralReason))
    assert {REFC["need-housing"], REFC["need-language"]} <= reasons
    report = validate(graph)
    # the CPAS example's own information notes aside (terms with no equivalent), nothing to report
    problems = [r for r in report.results if r.severity.name != "INFO"]
    assert not problems, problems[:3]
