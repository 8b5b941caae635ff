"""Every catalogue query against answers computed independently, in plain Python, from the records
the synthetic RDF was built from; and the same answers from the embedded store and an Oxigraph server."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from referentiel.queries import catalogue, get_query, run
from referentiel.store.synthetic_records import (
    INFORMAL_LINK_KINDS,
    INTER_ORGANISATIONAL,
    INTERVENTION_LAYERS,
    MEETING_LAYERS,
    NEED_SECTORS,
    PROFESSIONAL_LINK_KINDS,
    REFC,
    REFD,
    REFLEXIVE_KINDS,
    SyntheticData,
)

ORG = REFD + "organisation/"


def approx_rows(actual: list[dict], expected: list[dict], keys: tuple[str, ...]) -> None:
    """Same rows (keyed by ``keys``), numbers compared with a tolerance."""
    got = {tuple(r[k] for k in keys): r for r in actual}
    want = {tuple(r[k] for k in keys): r for r in expected}
    assert set(got) == set(want)
    for key, row in want.items():
        for column, value in row.items():
            if isinstance(value, float):
                assert float(got[key][column]) == pytest.approx(value, rel=1e-9), (key, column)
            else:
                assert got[key][column] == value, (key, column)


# ------------------------------------------------------------------------------- expected, in Python


def expected_centralisation(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        sits = [s for s in d.situations if s.org == org.slug]
        if not sits:
            continue
        per_prof = Counter(s.ref_prof for s in sits)
        total = sum(per_prof.values())
        out.append(
            {
                "organisation": ORG + org.slug,
                "sector": REFC + org.sector,
                "professionals": len(per_prof),
                "situations": total,
                "families": len({s.family for s in sits}),
                "top_share": max(per_prof.values()) / total,
                "hhi": sum(n * n for n in per_prof.values()) / (total * total),
            }
        )
    return out


def expected_spof(d: SyntheticData, min_share: float, min_ratio: float = 2.0) -> list[dict]:
    out = []
    for org in d.orgs:
        sits = [s for s in d.situations if s.org == org.slug]
        per_prof = Counter(s.ref_prof for s in sits)
        for prof, n in per_prof.items():
            share = n / len(sits)
            if share >= min_share and n * len(per_prof) >= min_ratio * len(sits):
                end = d.prof(prof).end
                out.append(
                    {
                        "organisation": ORG + org.slug,
                        "professional": prof,
                        "situations": n,
                        "families": len({s.family for s in sits if s.ref_prof == prof}),
                        "share": share,
                        "professionals": len(per_prof),
                        "even_share": 1 / len(per_prof),
                        "left_on": end.isoformat() if end else None,
                    }
                )
    return out


def expected_turnover(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        lost, delays = [], []
        for s in d.situations:
            left = d.prof(s.ref_prof).end
            if s.org != org.slug or left is None or s.start > left or (s.end and s.end <= left):
                continue
            lost.append(s)
            later = [
                i.day
                for i in d.interventions
                if i.situation == s.iri
                and i.prof != s.ref_prof
                and d.prof(i.prof).org == org.slug
                and i.day > left
            ]
            if later:
                delays.append((min(later) - left).days)
        if lost:
            out.append(
                {
                    "organisation": ORG + org.slug,
                    "situations_lost": len(lost),
                    "families": len({s.family for s in lost}),
                    "taken_over": len(delays),
                    "not_taken_over": len(lost) - len(delays),
                    "avg_days_to_takeover": sum(delays) / len(delays) if delays else None,
                    "max_days_to_takeover": max(delays) if delays else None,
                }
            )
    return out


def expected_desynchronisation(d: SyntheticData, within: int) -> list[dict]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for r in d.referrals:
        groups[(REFC + d.org(r.from_org).sector, REFC + d.org(r.to_org).sector)].append(r)
    out = []
    for (fs, ts), refs in groups.items():
        days = [(r.first_contact - r.request).days for r in refs if r.first_contact]
        out.append(
            {
                "from_sector": fs,
                "to_sector": ts,
                "referrals": len(refs),
                "families": len({d.situation(r.situation).family for r in refs}),
                "contacted": len(days),
                "without_contact": len(refs) - len(days),
                "avg_days": sum(days) / len(days) if days else None,
                "median_days": sorted(days)[(len(days) - 1) // 2] if days else None,
                "min_days": min(days) if days else None,
                "max_days": max(days) if days else None,
                "share_within": sum(1 for x in days if x <= within) / len(days) if days else None,
            }
        )
    return out


def expected_plurality(d: SyntheticData) -> list[dict]:
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for s in d.situations:
        orgs_of[s.family].add(s.org)
    by_k: dict[int, list[int]] = defaultdict(list)
    for orgs in orgs_of.values():
        by_k[len(orgs)].append(len({d.org(o).sector for o in orgs}))
    return [
        {"organisations": k, "families": len(v), "avg_sectors": sum(v) / len(v), "max_sectors": max(v)}
        for k, v in by_k.items()
    ]


def expected_reciprocity(d: SyntheticData) -> list[dict]:
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for r in d.referrals:
        a, b = sorted((ORG + r.from_org, ORG + r.to_org))
        pairs[(a, b)].append(r)
    out = []
    for (a, b), refs in pairs.items():
        ab = sum(1 for r in refs if ORG + r.from_org == a)
        ba = len(refs) - ab
        out.append(
            {
                "organisation_a": a,
                "organisation_b": b,
                "a_to_b": ab,
                "b_to_a": ba,
                "families": len({d.situation(r.situation).family for r in refs}),
                "reciprocity": min(ab, ba) / max(ab, ba),
            }
        )
    return out


def expected_coordination_gaps(d: SyntheticData, start: date, end: date, min_orgs: int) -> list[dict]:
    def active(s) -> bool:  # noqa: ANN001
        return s.start <= end and (s.end is None or s.end >= start)

    orgs_of: dict[str, set[str]] = defaultdict(set)
    for s in d.situations:
        if active(s):
            orgs_of[s.family].add(s.org)
    discussed = {
        d.situation(si).family
        for m in d.meetings
        if start <= m.day <= end and m.kind in INTER_ORGANISATIONAL
        for si in m.situations
    }
    joint: dict[str, set[str]] = defaultdict(set)
    for family, orgs in orgs_of.items():
        if len(orgs) >= min_orgs:
            for o in orgs:
                joint[o].add(family)
    return [
        {
            "organisation": ORG + o,
            "families_followed_jointly": len(fams),
            "families_without_meeting": len(fams - discussed),
        }
        for o, fams in joint.items()
    ]


def expected_work_layers(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        # (kind, layer, families concerned) of each classified activity of the service
        acts = [
            ("interventions", INTERVENTION_LAYERS[i.type], {d.situation(i.situation).family})
            for i in d.interventions
            if i.org == org.slug
        ]
        acts += [
            ("meetings", MEETING_LAYERS[m.kind], {d.situation(s).family for s in m.situations})
            for m in d.meetings
            if m.org == org.slug and MEETING_LAYERS[m.kind]
        ]
        acts += [
            ("referrals", "layer-networking", {d.situation(r.situation).family})
            for r in d.referrals
            if r.from_org == org.slug
        ]
        by_layer: dict[str, list] = defaultdict(list)
        for act in acts:
            by_layer[act[1]].append(act)
        for layer, items in by_layer.items():
            kinds = Counter(kind for kind, _, _ in items)
            out.append(
                {
                    "organisation": ORG + org.slug,
                    "layer": REFC + layer,
                    "interventions": kinds["interventions"],
                    "meetings": kinds["meetings"],
                    "referrals": kinds["referrals"],
                    "activities": len(items),
                    "families": len(set().union(*(f for _, _, f in items))),
                    "share": len(items) / len(acts),
                }
            )
    return out


def expected_vocabulary(d: SyntheticData) -> list[dict]:
    values: Counter = Counter()
    terms: dict[tuple[str, str], dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for v in d.originals:
        if v.column in ("id", "date"):  # identifiers and dates are not vocabulary
            continue
        values[(v.org, v.column)] += 1
        terms[(v.org, v.column)].setdefault(v.text, (v.status, v.predicate))
    out = []
    for (org, col), found in terms.items():
        c = Counter(status if status != "mapped" else predicate for status, predicate in found.values())
        asserted = c["exactMatch"] + c["closeMatch"] + c["broadMatch"]
        out.append(
            {
                "organisation": org,
                "column": col,
                "values": values[(org, col)],
                "terms": len(found),
                "exact": c["exactMatch"],
                "close": c["closeMatch"],
                "broad": c["broadMatch"],
                "related": c["relatedMatch"],
                "unmapped": c["unmapped"],
                "no_equivalent": c["no-equivalent"],
                "unparsable": c["unparsable"],
                "coverage": asserted / len(found),
                "exact_coverage": c["exactMatch"] / len(found),
            }
        )
    return out


# ------------------------------------------------------------------------------- the new questions


def _latest_links(d: SyntheticData) -> list:
    return [
        lk
        for lk in d.links
        if not any(
            o.situation == lk.situation and o.agent == lk.agent and o.start > lk.start for o in d.links
        )
    ]


def expected_network_ties(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        latest = [lk for lk in _latest_links(d) if lk.org == org.slug]
        if not latest:
            continue
        families = {d.situation(lk.situation).family for lk in latest}
        drawn_on = {
            d.situation(lk.situation).family
            for lk in latest
            if lk.kind in INFORMAL_LINK_KINDS and lk.trust != "trust-status-broken"
        }
        informal = sum(1 for lk in latest if lk.kind in INFORMAL_LINK_KINDS)
        out.append(
            {
                "organisation": ORG + org.slug,
                "families": len(families),
                "ties": len(latest),
                "informal_ties": informal,
                "professional_ties": sum(1 for lk in latest if lk.kind in PROFESSIONAL_LINK_KINDS),
                "informal_share": informal / len(latest),
                "families_without_informal_tie": len(families - drawn_on),
            }
        )
    return out


def expected_trust_restored(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        links = [lk for lk in d.links if lk.org == org.slug]
        followed, restored, through, families = set(), set(), set(), set()
        for a in links:
            for b in links:
                if (a.situation, a.agent) != (b.situation, b.agent) or not a.start < b.start:
                    continue
                tie = (a.situation, a.agent)
                followed.add(tie)
                if a.trust in ("trust-status-broken", "trust-status-fragile") and b.trust in (
                    "trust-status-established",
                    "trust-status-rebuilding",
                ):
                    restored.add(tie)
                    families.add(d.situation(a.situation).family)
                    if b.created_through:
                        through.add(tie)
        if followed:
            out.append(
                {
                    "organisation": ORG + org.slug,
                    "ties_followed": len(followed),
                    "restored": len(restored),
                    "restored_through_practice": len(through),
                    "families": len(families),
                }
            )
    return out


def expected_unmet_needs(d: SyntheticData) -> list[dict]:
    sectors_of: dict[str, set[str]] = defaultdict(set)
    for s in d.situations:
        sectors_of[s.family].add(d.org(s.org).sector)
    with_need: dict[str, set[str]] = defaultdict(set)
    for s in d.situations:
        for need in s.needs:
            with_need[need].add(s.family)
    return [
        {
            "need": REFC + need,
            "families_with_need": len(families),
            "families_without_matching_service": sum(
                1 for f in families if NEED_SECTORS[need] not in sectors_of[f]
            ),
        }
        for need, families in with_need.items()
    ]


def expected_reflexivity(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        staff = [p for p in d.professionals if p.org == org.slug]
        meetings = [m for m in d.meetings if m.org == org.slug and m.kind in REFLEXIVE_KINDS]
        taking_part = {
            p
            for m in d.meetings
            if m.kind in REFLEXIVE_KINDS
            for p in m.participants
            if d.prof(p).org == org.slug
        }
        left = {p.iri for p in staff if p.end}
        out.append(
            {
                "organisation": ORG + org.slug,
                "professionals": len(staff),
                "reflexive_meetings": len(meetings),
                "meetings_per_professional": len(meetings) / len(staff),
                "professionals_taking_part": len(taking_part),
                "departures": len(left),
                "departures_taking_part": len(left & taking_part),
                "departures_not_taking_part": len(left - taking_part),
            }
        )
    return out


def expected_family_participation(d: SyntheticData) -> list[dict]:
    out = []
    for org in d.orgs:
        meetings = [m for m in d.meetings if m.org == org.slug and m.situations]
        if not meetings:
            continue
        with_family = [m for m in meetings if m.families]
        out.append(
            {
                "organisation": ORG + org.slug,
                "meetings": len(meetings),
                "meetings_with_family": len(with_family),
                "share_with_family": len(with_family) / len(meetings),
                "convened_here": sum(1 for m in meetings if m.convener == org.slug),
                "convened_elsewhere": sum(1 for m in meetings if m.convener and m.convener != org.slug),
                "families": len({d.situation(s).family for m in meetings for s in m.situations}),
                "families_attending": len({f for m in with_family for f in m.families}),
            }
        )
    return out


def expected_help_basis(d: SyntheticData) -> list[dict]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for s in d.situations:
        groups[(s.org, s.help_basis)].append(s)
    out = []
    for (org, basis), sits in groups.items():
        families = {s.family for s in sits}
        attending = {
            s.family for s in sits for m in d.meetings if s.iri in m.situations and s.family in m.families
        }
        out.append(
            {
                "organisation": ORG + org,
                "basis": REFC + basis,
                "situations": len(sits),
                "families": len(families),
                "families_attending": len(attending),
                "share_attending": len(attending) / len(families),
            }
        )
    return out


def expected_network_centralisation(d: SyntheticData) -> list[dict]:
    inter = [m for m in d.meetings if m.kind in INTER_ORGANISATIONAL]
    seats: dict[str, set[str]] = defaultdict(set)
    for m in inter:
        for org in {m.org} | {d.prof(p).org for p in m.participants}:
            seats[org].add(m.id)
    received: dict[str, list] = defaultdict(list)
    for r in d.referrals:
        received[r.to_org].append(r)
    out = []
    for org in set(seats) | set(received):
        refs = received.get(org, [])
        out.append(
            {
                "organisation": ORG + org,
                "referrals_received": len(refs),
                "referring_organisations": len({r.from_org for r in refs}),
                "share_of_referrals": len(refs) / len(d.referrals),
                "families": len({d.situation(r.situation).family for r in refs}),
                "inter_organisational_meetings": len(seats.get(org, ())),
                "share_of_meetings": len(seats.get(org, ())) / len(inter),
            }
        )
    return out


def expected_caseload(d: SyntheticData) -> list[dict]:
    periods = []  # (org, situation, family, professional, start, end)
    dated = {a.situation for a in d.assignments}
    for a in d.assignments:
        s = d.situation(a.situation)
        periods.append((s.org, s.iri, s.family, a.prof, a.start, a.end))
    for s in d.situations:
        if s.iri not in dated:
            periods.append((s.org, s.iri, s.family, s.ref_prof, s.start, s.end))
    years = {s.start.year for s in d.situations} | {a.start.year for a in d.assignments}
    out = []
    for org in d.orgs:
        for year in years:
            active = [
                p
                for p in periods
                if p[0] == org.slug and p[4].year <= year and (p[5] is None or p[5].year >= year)
            ]
            if not active:
                continue
            load: dict[str, set[str]] = defaultdict(set)
            for p in active:
                load[p[3]].add(p[1])
            sizes = [len(v) for v in load.values()]
            out.append(
                {
                    "organisation": ORG + org.slug,
                    "year": year,
                    "professionals": len(load),
                    "situations": sum(sizes),
                    "avg_caseload": sum(sizes) / len(sizes),
                    "max_caseload": max(sizes),
                    "families": len({p[2] for p in active}),
                }
            )
    return out


def expected_warm_handovers(d: SyntheticData, window: int) -> list[dict]:
    out = []
    for org in d.orgs:
        handovers = [
            i for i in d.interventions if i.org == org.slug and i.type == "intervention-type-handover"
        ]
        if not handovers:
            continue

        def warm(h) -> bool:  # noqa: ANN001
            joint_days = [
                i.day
                for i in d.interventions
                if i.situation == h.situation and i.type == "intervention-type-joint-intervention"
            ]
            joint_days += [
                m.day for m in d.meetings if m.kind in INTER_ORGANISATIONAL and h.situation in m.situations
            ]
            return any(abs((day - h.day).days) <= window for day in joint_days)

        n_warm = sum(1 for h in handovers if warm(h))
        out.append(
            {
                "organisation": ORG + org.slug,
                "handovers": len(handovers),
                "warm_handovers": n_warm,
                "share_warm": n_warm / len(handovers),
                "families": len({d.situation(h.situation).family for h in handovers}),
            }
        )
    return out


def suppressed(
    rows: list[dict], columns: tuple[str, ...], k: int, withheld: tuple[str, ...] = ()
) -> list[dict]:
    """Disclosure control as documented, written independently of the runner: rows about 1 to k-1
    families removed, family counts rounded to a multiple of 5 (never to 0), extremes blanked."""

    def rounded(n: int) -> int:
        return n if n == 0 else max(5, 5 * round(n / 5 + 1e-9))

    kept = [r for r in rows if all(not (0 < r[c] < k) for c in columns)]
    return [
        {c: rounded(v) if c in columns else None if c in withheld else v for c, v in r.items()} for r in kept
    ]


# ------------------------------------------------------------------------------- the tests


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest):  # noqa: ANN201
    return request.getfixturevalue(request.param)


def test_centralisation(store, synthetic) -> None:  # noqa: ANN001
    rows = run("centralisation", store, min_count=1).records()
    approx_rows(rows, expected_centralisation(synthetic), ("organisation",))


@pytest.mark.parametrize(("min_share", "min_ratio"), [(0.25, 2.0), (0.1, 1.5), (0.1, 1.0)])
def test_single_points_of_failure(store, synthetic, min_share: float, min_ratio: float) -> None:  # noqa: ANN001
    params = {"min_share": str(min_share), "min_ratio": str(min_ratio)}
    rows = run("single-points-of-failure", store, params, min_count=1).records()
    expected = expected_spof(synthetic, min_share, min_ratio)
    assert expected, "the synthetic data must have single points of failure"
    approx_rows(rows, expected, ("professional",))


def test_single_points_of_failure_does_not_always_flag_small_teams(embedded) -> None:  # noqa: ANN001
    """Four referents with an even caseload: the old 25 % threshold flagged one of them whatever the
    spread; relative to the even share, nobody is flagged until someone holds twice their share."""
    from referentiel.store import open_store

    def team(counts: list[int]) -> str:
        lines = ["@prefix ref: <https://w3id.org/referentiel/ontology#> ."]
        n = 0
        for p, count in enumerate(counts):
            for _ in range(count):
                n += 1
                lines.append(
                    f"<urn:s{n}> a ref:Situation ; ref:heldBy <urn:org> ;"
                    f" ref:referenceProfessional <urn:p{p}> ; ref:beneficiary <urn:f{n}> ."
                )
        return "\n".join(lines)

    import tempfile
    from pathlib import Path

    for counts, flagged in (([3, 3, 3, 3], 0), ([6, 2, 2, 2], 1), ([1, 1], 0), ([5, 1], 0), ([9, 1], 0)):
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "team.ttl"
            data.write_text(team(counts), encoding="utf-8")
            store = open_store(Path(folder) / "db")
            try:
                store.load([data], organisation="team", validate=False)
                rows = run("single-points-of-failure", store, min_count=1).records()
            finally:
                store.close()
        assert len(rows) == flagged, (counts, rows)


def test_turnover(store, synthetic) -> None:  # noqa: ANN001
    rows = run("turnover", store, min_count=1).records()
    expected = expected_turnover(synthetic)
    assert any(r["taken_over"] for r in expected) and any(r["not_taken_over"] for r in expected)
    approx_rows(rows, expected, ("organisation",))


@pytest.mark.parametrize("within", [30, 7])
def test_desynchronisation(store, synthetic, within: int) -> None:  # noqa: ANN001
    rows = run("desynchronisation", store, {"within_days": str(within)}, min_count=1).records()
    approx_rows(rows, expected_desynchronisation(synthetic, within), ("from_sector", "to_sector"))


def test_plurality(store, synthetic) -> None:  # noqa: ANN001
    rows = run("plurality", store, min_count=1).records()
    approx_rows(rows, expected_plurality(synthetic), ("organisations",))


def test_reciprocity(store, synthetic) -> None:  # noqa: ANN001
    rows = run("reciprocity", store, min_count=1).records()
    approx_rows(rows, expected_reciprocity(synthetic), ("organisation_a", "organisation_b"))


@pytest.mark.parametrize(
    ("start", "end", "min_orgs"),
    [
        (date(1900, 1, 1), date(2999, 12, 31), 3),
        (date(2022, 6, 1), date(2022, 12, 31), 2),
    ],
)
def test_coordination_gaps(store, synthetic, start: date, end: date, min_orgs: int) -> None:  # noqa: ANN001
    params = {"from": start.isoformat(), "to": end.isoformat(), "min_organisations": str(min_orgs)}
    rows = run("coordination-gaps", store, params, min_count=1).records()
    expected = expected_coordination_gaps(synthetic, start, end, min_orgs)
    assert any(r["families_without_meeting"] for r in expected)
    approx_rows(rows, expected, ("organisation",))


def test_work_layers(store, synthetic) -> None:  # noqa: ANN001
    rows = run("work-layers", store, min_count=1).records()
    approx_rows(rows, expected_work_layers(synthetic), ("organisation", "layer"))


def test_vocabulary_coverage(store, synthetic) -> None:  # noqa: ANN001
    rows = run("vocabulary-coverage", store).records()
    expected = expected_vocabulary(synthetic)
    assert any(r["terms"] < r["values"] for r in expected), "terms are distinct values"
    assert {r["column"] for r in rows} == {"type", "fonction", "besoin"}, "no id or date column"
    approx_rows(rows, expected, ("organisation", "column"))


def test_work_layers_counts_meetings_referrals_and_direct_support(store, synthetic) -> None:  # noqa: ANN001
    rows = run("work-layers", store, min_count=1).records()
    assert {r["layer"] for r in rows} >= {REFC + "direct-support", REFC + "layer-coordination"}
    assert all(r["meetings"] for r in rows if r["layer"] == REFC + "layer-coordination")
    assert all(r["referrals"] for r in rows if r["layer"] == REFC + "layer-networking")
    for org in {r["organisation"] for r in rows}:
        assert sum(float(r["share"]) for r in rows if r["organisation"] == org) == pytest.approx(1.0)


def test_network_ties(store, synthetic) -> None:  # noqa: ANN001
    rows = run("network-ties", store, min_count=1).records()
    expected = expected_network_ties(synthetic)
    assert any(r["families_without_informal_tie"] for r in expected)
    assert any(
        r["ties"] < len([lk for lk in synthetic.links if ORG + lk.org == r["organisation"]]) for r in expected
    )
    approx_rows(rows, expected, ("organisation",))


def test_trust_restored(store, synthetic) -> None:  # noqa: ANN001
    rows = run("trust-restored", store, min_count=1).records()
    expected = expected_trust_restored(synthetic)
    assert any(r["restored"] for r in expected) and any(r["restored_through_practice"] for r in expected)
    assert any(r["restored"] < r["ties_followed"] for r in expected)
    approx_rows(rows, expected, ("organisation",))


def test_unmet_needs(store, synthetic) -> None:  # noqa: ANN001
    rows = run("unmet-needs", store, min_count=1).records()
    expected = expected_unmet_needs(synthetic)
    by_need = {r["need"]: r for r in expected}
    # no housing service in the synthetic network: every family with a housing need is unmet
    housing = by_need[REFC + "need-housing"]
    assert housing["families_without_matching_service"] == housing["families_with_need"] > 0
    assert any(0 < r["families_without_matching_service"] < r["families_with_need"] for r in expected)
    approx_rows(rows, expected, ("need",))


def test_reflexivity(store, synthetic) -> None:  # noqa: ANN001
    rows = run("reflexivity", store).records()
    expected = expected_reflexivity(synthetic)
    assert any(r["departures_taking_part"] for r in expected) and any(
        r["departures_not_taking_part"] for r in expected
    )
    approx_rows(rows, expected, ("organisation",))


def test_family_participation(store, synthetic) -> None:  # noqa: ANN001
    rows = run("family-participation", store, min_count=1).records()
    expected = expected_family_participation(synthetic)
    assert any(r["meetings_with_family"] for r in expected) and any(r["convened_elsewhere"] for r in expected)
    approx_rows(rows, expected, ("organisation",))


def test_help_basis(store, synthetic) -> None:  # noqa: ANN001
    rows = run("help-basis", store, min_count=1).records()
    expected = expected_help_basis(synthetic)
    assert any(r["families_attending"] for r in expected)
    approx_rows(rows, expected, ("organisation", "basis"))


def test_network_centralisation(store, synthetic) -> None:  # noqa: ANN001
    rows = run("network-centralisation", store, min_count=1).records()
    expected = expected_network_centralisation(synthetic)
    assert sum(r["referrals_received"] for r in expected) == len(synthetic.referrals)
    approx_rows(rows, expected, ("organisation",))


def test_caseload(store, synthetic) -> None:  # noqa: ANN001
    rows = run("caseload", store, min_count=1).records()
    expected = expected_caseload(synthetic)
    assert len({r["year"] for r in expected}) >= 2
    assert any(s.iri not in {a.situation for a in synthetic.assignments} for s in synthetic.situations), (
        "some situations have no dated assignment: their professional of reference counts"
    )
    approx_rows(rows, expected, ("organisation", "year"))


@pytest.mark.parametrize("window", [30, 365])
def test_warm_handovers(store, synthetic, window: int) -> None:  # noqa: ANN001
    rows = run("warm-handovers", store, {"window_days": str(window)}, min_count=1).records()
    expected = expected_warm_handovers(synthetic, window)
    assert any(r["warm_handovers"] for r in expected)
    approx_rows(rows, expected, ("organisation",))


def test_disclosure_control_suppresses_small_cells(embedded, synthetic) -> None:  # noqa: ANN001
    expected = expected_desynchronisation(synthetic, 30)
    for k in (5, 8):
        research = run("desynchronisation", embedded, min_count=k)
        kept = suppressed(expected, ("families",), k, ("min_days", "max_days", "median_days"))
        assert 0 < len(kept) < len(expected), "the test needs both kept and suppressed rows"
        approx_rows(research.records(), kept, ("from_sector", "to_sector"))
        assert research.suppressed == len(expected) - len(kept)
        assert f"fewer than {k} families" in research.note("en")
    gaps = expected_coordination_gaps(synthetic, date(1900, 1, 1), date(2999, 12, 31), 3)
    research = run("coordination-gaps", embedded, min_count=5)
    kept = suppressed(gaps, ("families_followed_jointly", "families_without_meeting"), 5)
    approx_rows(research.records(), kept, ("organisation",))


def test_every_catalogue_query_same_answers_embedded_and_server(embedded, remote) -> None:  # noqa: ANN001
    for query in catalogue():
        local = run(query, embedded, min_count=1).result
        server = run(query, remote, min_count=1).result
        assert local.variables == server.variables, query.name
        assert sorted(map(str, local.rows)) == sorted(map(str, server.rows)), query.name
        assert local.rows, f"{query.name} answers nothing on the synthetic data"


def test_no_catalogue_row_is_about_one_family(embedded) -> None:  # noqa: ANN001
    for query in catalogue():
        assert query.count_columns or query.disclosure, query.name
        for row in run(query, embedded).records():
            for column in query.count_columns:
                assert row[column] == 0 or row[column] >= 5
            assert not any(isinstance(v, str) and v.startswith(REFD + "family/") for v in row.values())


def test_parameters_are_bound_as_terms_not_text(embedded, tmp_path) -> None:  # noqa: ANN001
    hostile = '"} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
    query_file = tmp_path / "mine.rq"
    query_file.write_text(
        "# title@en: echo\n# param: text xsd:string = x — any text\n"
        "SELECT ?echo (STRLEN(?text) AS ?length) WHERE { BIND (?text AS ?echo) }\n",
        encoding="utf-8",
    )
    research = run(get_query(str(query_file)), embedded, {"text": hostile})
    assert research.records() == [{"echo": hostile, "length": len(hostile)}]
    assert not research.controlled
