"""``referentiel generate`` carries the network patterns of issue 12 when a partner's profile maps them:
dated successive referents (a history table) with their handovers, reasons for referral, and the family
at meetings with who convened them. The generated exports translate cleanly with those profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from referentiel.intake import adapters
from referentiel.intake.generator import generate
from referentiel.intake.pipeline import discover
from referentiel.namespaces import REF, REFC

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "organisations"

ASSIGNMENTS = """
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
"""


def _append_column(path: Path, encoding: str, delimiter: str, title: str, *values: str) -> None:
    lines = path.read_text(encoding=encoding).splitlines()
    cells = [values[i % len(values)] for i in range(len(lines) - 1)]
    lines = [lines[0] + delimiter + title] + [
        line + delimiter + v for line, v in zip(lines[1:], cells, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    root = tmp_path_factory.mktemp("patterns")
    examples = root / "examples"
    shutil.copytree(EXAMPLES, examples)
    cpas = examples / "cpas-ixelles"
    (cpas / "export" / "referents.csv").write_text(
        "id;n_dossier;referent;debut;fin\nR1;2023/0400;TS01;26/05/2022;\n", encoding="cp1252"
    )
    _append_column(cpas / "export" / "orientations.csv", "cp1252", ";", "motif", "logement")
    profile = cpas / "profile.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "        property: firstContactDate\n",
        "        property: firstContactDate\n      - titles: motif\n        property: referralReason\n",
    )
    profile.write_text(text.rstrip("\n") + "\n" + ASSIGNMENTS, encoding="utf-8")
    one = examples / "one-consultation-anderlecht"
    _append_column(
        one / "export" / "reunions.tsv",
        "utf-8",
        "\t",
        "famille\tconvocation",
        "F-1\tCPAS d'Ixelles",
        "F-2\tCrèche Les Lucioles",
    )
    profile = one / "profile.yaml"
    text = profile.read_text(encoding="utf-8").rstrip("\n")
    assert text.rsplit("  - url: ", 1)[1].startswith("reunions.tsv"), "the meetings table is the last one"
    extra = "      - titles: famille\n        property: familyParticipant\n"
    extra += "      - titles: convocation\n        property: convenedBy\n"
    profile.write_text(text + "\n" + extra, encoding="utf-8")

    output = root / "generated"
    generate(output, families=150, seed=4, defect_rate=0, examples=examples)
    key = (output / "SYNTHETIC-ONLY.key").read_bytes().strip()
    out = {}
    for export in discover(output):
        result = adapters.translate(export, adapters.load_profile(export.profile), key=key)
        problems = [i for i in result.issues if i.severity in ("error", "warning")]
        assert problems == [], (export.organisation, problems[:3])
        out[export.organisation] = result.graph
    return out


def test_successive_referents_and_their_handovers(graphs: dict[str, Graph]) -> None:
    graph = graphs["cpas-ixelles"]
    per_situation: dict = {}
    for assignment in graph.subjects(RDF.type, REF.ReferentAssignment):
        per_situation.setdefault(graph.value(assignment, REF.assignedTo), []).append(assignment)
    assert per_situation and all(s is not None for s in per_situation)
    changed = [s for s, a in per_situation.items() if len(a) > 1]
    assert changed, "some situations change referent"
    handovers = set(graph.subjects(REF.interventionType, REFC["intervention-type-handover"]))
    assert {graph.value(h, REF.concernsSituation) for h in handovers} >= set(changed)


def test_referral_reasons(graphs: dict[str, Graph]) -> None:
    graph = graphs["cpas-ixelles"]
    referrals = set(graph.subjects(RDF.type, REF.Referral))
    with_reason = {r for r in referrals if (r, REF.referralReason, None) in graph}
    assert 0 < len(with_reason) < len(referrals)


def test_families_at_meetings_and_who_convened(graphs: dict[str, Graph]) -> None:
    graph = graphs["one-consultation-anderlecht"]
    meetings = set(graph.subjects(RDF.type, REF.CoordinationMeeting))
    attended = {m for m in meetings if (m, REF.familyParticipant, None) in graph}
    assert 0 < len(attended) < len(meetings)
    for meeting in attended:
        family = graph.value(meeting, REF.familyParticipant)
        discussed = {graph.value(s, REF.beneficiary) for s in graph.objects(meeting, REF.concernsSituation)}
        assert family in discussed  # the family attends a meeting about its own situation
    conveners = {graph.value(m, REF.convenedBy) for m in meetings} - {None}
    assert len(conveners) >= 2
