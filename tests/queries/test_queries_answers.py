"""Every catalogue query against answers computed independently, in plain Python, from the records
the synthetic RDF was built from; and the same answers from the embedded store and an Oxigraph server."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from referentiel.queries import catalogue, get_query, run
from referentiel.store.synthetic import INTERVENTION_LAYERS, REFC, REFD, SyntheticData

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


def expected_spof(d: SyntheticData, min_share: float) -> list[dict]:
    out = []
    for org in d.orgs:
        sits = [s for s in d.situations if s.org == org.slug]
        for prof, n in Counter(s.ref_prof for s in sits).items():
            share = n / len(sits)
            if share >= min_share:
                end = d.prof(prof).end
                out.append(
                    {
                        "organisation": ORG + org.slug,
                        "professional": prof,
                        "situations": n,
                        "families": len({s.family for s in sits if s.ref_prof == prof}),
                        "share": share,
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
    discussed = {d.situation(si).family for m in d.meetings if start <= m.day <= end for si in m.situations}
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
        its = [i for i in d.interventions if i.org == org.slug]
        by_layer: dict[str, list] = defaultdict(list)
        for i in its:
            by_layer[INTERVENTION_LAYERS[i.type]].append(i)
        for layer, items in by_layer.items():
            out.append(
                {
                    "organisation": ORG + org.slug,
                    "layer": REFC + layer,
                    "interventions": len(items),
                    "families": len({d.situation(i.situation).family for i in items}),
                    "share": len(items) / len(its),
                }
            )
    return out


def expected_vocabulary(d: SyntheticData) -> list[dict]:
    groups: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for v in d.originals:
        groups[(v.org, v.column)][v.status] += 1
    return [
        {
            "organisation": org,
            "column": col,
            "values": sum(c.values()),
            "mapped": c["mapped"],
            "unmapped": c["unmapped"],
            "no_equivalent": c["no-equivalent"],
            "unparsable": c["unparsable"],
            "coverage": c["mapped"] / sum(c.values()),
        }
        for (org, col), c in groups.items()
    ]


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


@pytest.mark.parametrize("min_share", [0.25, 0.1])
def test_single_points_of_failure(store, synthetic, min_share: float) -> None:  # noqa: ANN001
    rows = run("single-points-of-failure", store, {"min_share": str(min_share)}, min_count=1).records()
    expected = expected_spof(synthetic, min_share)
    assert expected, "the synthetic data must have single points of failure"
    approx_rows(rows, expected, ("professional",))


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
    approx_rows(rows, expected_vocabulary(synthetic), ("organisation", "column"))


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
