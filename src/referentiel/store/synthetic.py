"""Synthetic harmonised data (RDF in the framework) with the records kept as plain Python objects.

Used by the query tests (which compute the expected answers from the records in plain Python, not
SPARQL) and by ``benchmarks/bench_store.py``. Every value is invented: pseudonymous ids, no names of
persons, organisation names like ``Service 3``. One named graph per organisation, as partners'
exports would be. (``referentiel generate``, in the intake capability, produces partner CSV exports;
this module produces their translation directly.) The records and their RDF are
:mod:`referentiel.store.synthetic_records`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pyoxigraph as ox

from referentiel.store.synthetic_records import (
    COLUMNS,
    EXTRA_COLUMNS,
    HELP_BASES,
    INFORMAL_LINK_KINDS,
    INTERVENTION_LAYERS,
    MEETING_KINDS,
    NEED_SECTORS,
    PREDICATES,
    PROFESSIONAL_LINK_KINDS,
    REFD,
    REFLEXIVE_KINDS,
    SECTORS,
    STATUSES,
    TRUST,
    XSD,
    Assignment,
    Intervention,
    Link,
    Meeting,
    Org,
    OriginalValue,
    Professional,
    Referral,
    Situation,
    SyntheticData,
)

__all__ = ["SyntheticData", "corrected", "generate"]


def generate(
    families: int = 60,
    orgs: int = 5,
    seed: int = 7,
    interventions_per_situation: int = 4,
    start: date = date(2022, 1, 1),
    days: int = 730,
    staff_per_org: int | None = None,
) -> SyntheticData:
    """A reproducible synthetic dataset; roughly 60 triples per family and organisation following it."""
    rng = random.Random(seed)
    data = SyntheticData()

    def day(lo: int = 0, hi: int = days) -> date:
        return start + timedelta(days=rng.randint(lo, hi))

    data.orgs = [Org(f"org-{i}", SECTORS[i % len(SECTORS)]) for i in range(orgs)]
    profs_by_org: dict[str, list[Professional]] = {}
    for o in data.orgs:
        staff = staff_per_org or max(3, families // 10)
        profs_by_org[o.slug] = []
        for j in range(staff):
            end = day(days // 4, days) if rng.random() < 0.3 else None
            pr = Professional(f"p{j}", o.slug, start - timedelta(days=rng.randint(0, 900)), end)
            profs_by_org[o.slug].append(pr)
            data.professionals.append(pr)
    n_sit = n_int = n_ref = n_ov = 0
    for f in range(families):
        family = f"fam{f:05d}"
        followed = rng.sample(data.orgs, k=min(len(data.orgs), rng.choice([1, 1, 2, 2, 3, 3, 4])))
        sits = []
        for o in followed:
            staff = profs_by_org[o.slug]
            # Zipf-like weights: the first professionals of each service hold most situations.
            ref = rng.choices(staff, weights=[1 / (k + 1) ** 1.2 for k in range(len(staff))])[0]
            s_start = day(0, days // 2)
            s_end = s_start + timedelta(days=rng.randint(60, days)) if rng.random() < 0.4 else None
            n_sit += 1
            si = Situation(f"s{n_sit}", o.slug, family, ref.iri, s_start, s_end)
            data.situations.append(si)
            sits.append(si)
            for _ in range(interventions_per_situation):
                n_int += 1
                performer = ref if rng.random() < 0.6 else rng.choice(staff)
                it_type = rng.choice(list(INTERVENTION_LAYERS))
                when = s_start + timedelta(days=rng.randint(0, days))
                data.interventions.append(
                    Intervention(f"i{n_int}", o.slug, si.iri, performer.iri, when, it_type)
                )
                if rng.random() < 0.3:
                    n_ov += 1
                    data.originals.append(
                        OriginalValue(
                            f"v{n_ov}", o.slug, f"i{n_int}", rng.choice(COLUMNS), rng.choice(STATUSES)
                        )
                    )
        for si in sits:
            for other in sits:
                if other is si or rng.random() < 0.5:
                    continue
                n_ref += 1
                req = si.start + timedelta(days=rng.randint(0, 200))
                contact = req + timedelta(days=rng.randint(0, 90)) if rng.random() < 0.85 else None
                data.referrals.append(
                    Referral(
                        f"r{n_ref}",
                        si.org,
                        other.org,
                        rng.choice(profs_by_org[si.org]).iri,
                        si.iri,
                        req,
                        contact,
                    )
                )
    n_m = 0
    for o in data.orgs:
        held = [s for s in data.situations if s.org == o.slug]
        for _ in range(max(1, len(held) // 4)):
            n_m += 1
            chosen = rng.sample(held, k=min(len(held), rng.randint(1, 3)))
            kind = rng.choice(MEETING_KINDS)
            participants = [rng.choice(profs_by_org[o.slug]).iri]
            if kind != "meeting-kind-intervision":  # inter-organisational kinds gather 2+ services
                other = rng.choice([x for x in data.orgs if x.slug != o.slug] or [o])
                participants.append(rng.choice(profs_by_org[other.slug]).iri)
            data.meetings.append(
                Meeting(f"m{n_m}", o.slug, day(), kind, participants, [s.iri for s in chosen])
            )
    _enrich(data, profs_by_org, random.Random(seed + 1), start, days)
    data.index()
    return data


def _enrich(
    data: SyntheticData,
    profs_by_org: dict[str, list[Professional]],
    rng: random.Random,
    start: date,
    days: int,
) -> None:
    """Patterns of the network questions, drawn from their own random stream so that the records above
    stay the same for a given seed: needs and the basis of the help, referral reasons, dated referents and
    handovers, families at meetings and who convened them, reflexive meetings, ties of each family's
    network over time, and vocabulary terms with their mapping predicate."""
    # Some needs have a matching sector among the services, some none (no housing service here).
    for si in data.situations:
        si.needs = rng.sample(sorted(NEED_SECTORS), k=rng.randint(0, 2))
        si.help_basis = rng.choice(HELP_BASES)
    for rf in data.referrals:
        rf.reasons = rng.sample(sorted(NEED_SECTORS), k=rng.randint(0, 1))
    n_a = 0
    for si in data.situations:
        if rng.random() < 0.1:
            continue  # not every partner dates its referents: the reference professional stands
        staff = profs_by_org[si.org]
        current, since = si.ref_prof, si.start
        for _ in range(rng.choice([0, 0, 1, 2])):  # successive referents
            change = since + timedelta(days=rng.randint(30, 300))
            n_a += 1
            data.assignments.append(Assignment(f"a{n_a}", si.org, si.iri, current, since, change))
            current = rng.choice(staff).iri
            since = change
        n_a += 1
        data.assignments.append(Assignment(f"a{n_a}", si.org, si.iri, current, since, si.end))
    for mt in data.meetings:
        fams = sorted({s.family for s in data.situations if s.iri in mt.situations})
        if mt.kind == "meeting-kind-concertation" and rng.random() < 0.5:
            mt.families = fams[: rng.randint(1, len(fams))]
        mt.convener = mt.org if rng.random() < 0.7 else rng.choice(data.orgs).slug
    n_m = len(data.meetings)
    for o in data.orgs:
        staff = profs_by_org[o.slug]
        for _ in range(rng.randint(2, 6)):  # intervision and supervision of the team
            n_m += 1
            kind = rng.choice(REFLEXIVE_KINDS)
            people = [p.iri for p in rng.sample(staff, k=rng.randint(2, len(staff)))]
            data.meetings.append(
                Meeting(f"m{n_m}", o.slug, start + timedelta(days=rng.randint(0, days)), kind, people, [])
            )
    by_situation: dict[str, list[Intervention]] = {}
    for it in data.interventions:
        by_situation.setdefault(it.situation, []).append(it)
    n_l = 0
    for si in data.situations:
        if rng.random() < 0.25:
            continue  # no tie recorded for this situation
        for k in range(rng.randint(1, 3)):
            informal = rng.random() < 0.55
            kind = rng.choice(INFORMAL_LINK_KINDS if informal else PROFESSIONAL_LINK_KINDS)
            actor = "actor-kind-relative" if informal else "actor-kind-professional"
            agent = f"{REFD}{si.org}/person/{si.id}-{k}"
            when = si.start + timedelta(days=rng.randint(0, 60))
            first = rng.choice(TRUST)
            n_l += 1
            data.links.append(Link(f"l{n_l}", si.org, si.iri, agent, kind, actor, first, when, None))
            if first in ("trust-status-broken", "trust-status-fragile") and rng.random() < 0.6:
                later = rng.choice(
                    ["trust-status-established", "trust-status-rebuilding", "trust-status-broken"]
                )
                through = rng.choice(by_situation.get(si.iri, [None]))
                n_l += 1
                data.links.append(
                    Link(
                        f"l{n_l}",
                        si.org,
                        si.iri,
                        agent,
                        kind,
                        actor,
                        later,
                        when + timedelta(days=rng.randint(30, 200)),
                        f"{REFD}{through.org}/intervention/{through.id}"
                        if through and rng.random() < 0.7
                        else None,
                    )
                )
    for ov in data.originals:
        # a term is mapped one way by its organisation's mapping set: its text names its mapping
        if ov.status == "mapped":
            ov.predicate = rng.choice(PREDICATES)
        ov.text = f"{ov.column} {ov.status} {ov.predicate or ''} {rng.randint(1, 3)}"
    extra = len(data.originals)
    for it in rng.sample(data.interventions, k=len(data.interventions) // 5):
        extra += 1
        column = rng.choice(EXTRA_COLUMNS)
        data.originals.append(
            OriginalValue(f"v{extra}", it.org, it.id, column, "mapped", f"{column} {extra}")
        )


def corrected(triples: list[ox.Triple], fraction: float, seed: int = 1) -> list[ox.Triple]:
    """The same export sent again after ``fraction`` of its rows were corrected.

    A row is a record with a date (situation, intervention, referral, meeting, professional);
    about ``fraction`` of them, chosen at random (``seed``), get every date moved one day later, as
    a partner fixing a date column would. Each changed date is one statement gone and one new
    statement on reload. The order of the other statements is kept.
    """
    date_type = XSD + "date"
    rows = sorted(
        {
            t.subject.value
            for t in triples
            if isinstance(t.object, ox.Literal) and t.object.datatype.value == date_type
        }
    )
    chosen = set(random.Random(seed).sample(rows, k=round(len(rows) * fraction))) if rows else set()
    out = []
    for t in triples:
        obj = t.object
        if t.subject.value in chosen and isinstance(obj, ox.Literal) and obj.datatype.value == date_type:
            later = date.fromisoformat(obj.value) + timedelta(days=1)
            t = ox.Triple(t.subject, t.predicate, ox.Literal(later.isoformat(), datatype=obj.datatype))
        out.append(t)
    return out
