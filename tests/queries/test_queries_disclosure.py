"""Differencing attacks on catalogue answers: replayed, and shown to learn nothing.

Each attack subtracts two answers that both pass small-cell suppression. "Learns nothing" is tested
the strict way: the answers an attacker gets from the real data are identical to those from a
neighbouring dataset where the fact being sought is absent, so no subtraction can tell them apart.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from referentiel.queries import run
from referentiel.queries.disclosure import round_count
from referentiel.queries.runner import render
from referentiel.store.embedded import EmbeddedStore

PREFIX = """@prefix ref: <https://w3id.org/referentiel/ontology#> .
@prefix d: <https://w3id.org/referentiel/data/> .
@prefix refc: <https://w3id.org/referentiel/concept/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def situations(family: str, orgs: tuple[str, ...]) -> str:
    return "".join(
        f"d:sit-{family}-{o} a ref:Situation ; ref:beneficiary d:{family} ; ref:heldBy d:{o} ; "
        f'ref:startDate "2024-01-01"^^xsd:date .\n'
        for o in orgs
    )


def meeting(family: str, day: str) -> str:
    # coordination-gaps counts inter-organisational meetings only (the kind's flag comes from the
    # ontology, not loaded in these bare stores: stated here)
    return (
        f"d:meeting-{family}-{day} a ref:CoordinationMeeting ; ref:concernsSituation d:sit-{family}-A ; "
        f'ref:date "{day}"^^xsd:date ; ref:meetingKind refc:meeting-kind-concertation .\n'
        "refc:meeting-kind-concertation ref:interOrganisational true .\n"
    )


def store_of(turtle: str) -> EmbeddedStore:
    store = EmbeddedStore(memory=True)
    store.oxigraph.load((PREFIX + turtle).encode(), format=ox.RdfFormat.TURTLE)
    return store


def answers(store: EmbeddedStore, params: dict[str, str], min_count: int = 5) -> list[dict]:
    return run("coordination-gaps", store, params, lang="en", min_count=min_count).records()


def seven_families(meeting_day: str | None) -> EmbeddedStore:
    """Seven families followed by services A, B and C; one of them discussed on ``meeting_day``."""
    text = "".join(situations(f"f{i}", ("A", "B", "C")) for i in range(7))
    return store_of(text + (meeting("f0", meeting_day) if meeting_day else ""))


@pytest.mark.parametrize(("to", "next_day"), [("2024-05-15", "2024-05-16"), ("2024-06-30", "2024-07-01")])
def test_one_day_apart_attack_learns_nothing(to: str, next_day: str) -> None:
    store = seven_families(meeting_day=next_day)
    base = {"from": "2024-01-01", "min_organisations": "3"}
    # The attack works on exact answers: one family's meeting on `next_day` shows as a difference of 1.
    exact = [answers(store, {**base, "to": day}, min_count=1)[0] for day in (to, next_day)]
    assert exact[0]["families_without_meeting"] - exact[1]["families_without_meeting"] == 1
    # Under disclosure control both answers are those of a network where that meeting never happened.
    without = seven_families(meeting_day=None)
    for day in (to, next_day):
        assert answers(store, {**base, "to": day}) == answers(without, {**base, "to": day})
    if to[5:7] == next_day[5:7]:  # same quarter: the two answers are the very same
        assert answers(store, {**base, "to": to}) == answers(store, {**base, "to": next_day})


def test_total_minus_subtotals_attack_learns_nothing() -> None:
    # Service A follows 12 families: 9 also followed by B and C, 3 by B only. Families followed by
    # at least 2 services minus those followed by at least 3 = the 3 families followed by exactly A
    # and B: a cell of 3 that suppression would never publish directly.
    text = "".join(situations(f"f{i}", ("A", "B", "C")) for i in range(9))
    real = store_of(text + "".join(situations(f"g{i}", ("A", "B")) for i in range(3)))
    exact = {n: answers(real, {"min_organisations": n}, min_count=1) for n in ("2", "3")}
    a2 = next(r for r in exact["2"] if r["organisation"].endswith("/A"))
    a3 = next(r for r in exact["3"] if r["organisation"].endswith("/A"))
    assert a2["families_followed_jointly"] - a3["families_followed_jointly"] == 3
    # Neighbouring network: those 3 families are followed by A alone (no joint follow-up at all).
    neighbour = store_of(text + "".join(situations(f"g{i}", ("A",)) for i in range(3)))
    for n in ("2", "3"):
        got = {r["organisation"]: r for r in answers(real, {"min_organisations": n})}
        other = {r["organisation"]: r for r in answers(neighbour, {"min_organisations": n})}
        assert (
            got[next(o for o in got if o.endswith("/A"))] == other[next(o for o in other if o.endswith("/A"))]
        )


def test_disclosure_note_says_what_was_coarsened_rounded_and_withheld() -> None:
    store = seven_families(meeting_day="2024-05-16")
    research = run("coordination-gaps", store, {"to": "2024-05-15"}, lang="en")
    doc = json.loads(render(research, "json", "en"))["disclosure"]
    assert doc["dateGranularity"] == "quarter"
    assert doc["coarsenedParameters"] == {"to": {"asked": "2024-05-15", "used": "2024-06-30"}}
    assert doc["roundingBase"] == 5
    assert doc["roundedColumns"] == ["families_followed_jointly", "families_without_meeting"]
    assert "to 2024-05-15 → 2024-06-30" in doc["note"] and "quarters" in doc["note"]
    assert "trimestre" in research.note("fr") and "kwartalen" in research.note("nl")
    exact = run("coordination-gaps", store, {"to": "2024-05-15"}, lang="en", min_count=1)
    assert exact.controls.coarsened == {} and "exact answer" in exact.note("en")


def test_minimum_and_maximum_of_single_families_are_withheld() -> None:
    text = "".join(situations(f"f{i}", ("A", "B", "C")) for i in range(6))
    research = run("plurality", store_of(text), lang="en")
    assert research.controls.withheld == ["max_sectors"]
    assert all(r["max_sectors"] is None for r in research.records())
    assert "max_sectors" in research.note("en")


@pytest.mark.parametrize(("n", "expected"), [(0, 0), (1, 5), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15)])
def test_round_count(n: int, expected: int) -> None:
    assert round_count(n) == expected


def test_extremes_are_found_however_nested() -> None:
    from referentiel.queries.catalogue import parse_query
    from referentiel.queries.disclosure import extreme_columns
    from referentiel.store.sparql import QueryResult

    query = parse_query(
        "SELECT ?g (max( IF(?a > 1, COALESCE(?b, (?c + 1)), 0) ) as ?top) (MIN(?d)AS $low) (COUNT(?e) AS ?n) "
        "WHERE { } GROUP BY ?g",
        "x",
    )
    result = QueryResult("select", variables=["g", "top", "low", "n"], rows=[])
    assert extreme_columns(query, result) == ["top", "low"]


def test_query_command_says_what_it_coarsened(tmp_path, runner) -> None:  # noqa: ANN001
    from referentiel.cli import cli

    db = tmp_path / "db"
    store = EmbeddedStore(db)
    store.oxigraph.load(
        (PREFIX + "".join(situations(f"f{i}", ("A", "B", "C")) for i in range(7))).encode(),
        format=ox.RdfFormat.TURTLE,
    )
    store.close()
    args = ["query", "coordination-gaps", "--store", str(db), "--param", "to=2024-05-15", "--lang", "nl"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Datums afgerond op kwartalen: to 2024-05-15 → 2024-06-30" in result.output
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert json.loads(result.output)["disclosure"]["coarsenedParameters"]["to"]["used"] == "2024-06-30"
