"""Benchmark of `referentiel validate` against a plain `pyshacl.validate` call (same files, same run).

Generates synthetic partner data following the data contract (docs/architecture.md) at about 10k,
100k and 1M triples, then measures, each in a fresh subprocess: wall time and peak memory
(ru_maxrss of that child) of

- ``referentiel validate FILE --format json`` (bundled shapes and ontology; pyshacl engine, and
  ``--engine pyshacl-turbo``), and
- a plain ``pyshacl.validate(data, shacl_graph=<bundled shapes>, ont_graph=<ontology>,
  inference="none", advanced=True)`` reading the same file with rdflib (the baseline), and
  optionally (``--measure ...,before --baseline-shapes DIR``) the same call with an older version of
  the shapes, to measure a shapes rewrite in the same run,

plus rdflib vs pyoxigraph parsing of the same file. Prints a Markdown table (paste it into
docs/performance.md, "## Validation").

    python benchmarks/bench_validation.py                   # 10k, 100k, 1M
    python benchmarks/bench_validation.py --sizes 10000 100000 --timeout 1200
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REF = "https://w3id.org/referentiel/ontology#"
REFC = "https://w3id.org/referentiel/concept/"
REFD = "https://w3id.org/referentiel/data/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

INTERVENTION_TYPES = ["home-visit", "individual-interview", "consultation", "accompaniment",
                      "linking-to-resource", "budget-guidance", "partner-contact", "joint-intervention"]
NEEDS = ["housing", "income", "health", "child-development", "parenting-support", "childcare",
         "social-isolation", "administrative"]
ROLES = ["social-worker", "medico-social-worker", "educator", "psychologist", "nurse", "coordinator"]
SECTORS = ["early-childhood", "social-action", "youth-aid", "childcare", "health", "community"]


def generate(path: Path, target_triples: int, seed: int = 7) -> int:
    """Write synthetic N-Triples of about ``target_triples`` triples; returns the exact count."""
    rng = random.Random(seed)
    count = 0

    def iri(x: str) -> str:
        return f"<{x}>"

    def date(y: int, m: int, d: int) -> str:
        return f'"{y:04d}-{m:02d}-{d:02d}"^^<{XSD}date>'

    with path.open("w", encoding="utf-8") as out:
        def t(s: str, p: str, o: str) -> None:
            nonlocal count
            out.write(f"{s} {p} {o} .\n")
            count += 1

        orgs = []
        for o in range(max(3, target_triples // 20000)):
            org = iri(f"{REFD}org-{o}/organisation/O{o}")
            orgs.append((o, org))
            t(org, iri(RDF_TYPE), iri(REF + "Organisation"))
            t(org, iri(REF + "name"), f'"Service {o}"')
            t(org, iri(REF + "localId"), f'"O{o}"')
            t(org, iri(REF + "commune"), '"Schaerbeek"')
            t(org, iri(REF + "sector"), iri(REFC + "sector-" + SECTORS[o % len(SECTORS)]))
        pros: dict[int, list[str]] = {o: [] for o, _ in orgs}
        for o, org in orgs:
            for k in range(12):
                pro = iri(f"{REFD}org-{o}/professional/p{k}")
                pros[o].append(pro)
                t(pro, iri(RDF_TYPE), iri(REF + "Professional"))
                t(pro, iri(REF + "localId"), f'"p{k}"')
                t(pro, iri(REF + "memberOf"), org)
                t(pro, iri(REF + "role"), iri(REFC + "role-" + ROLES[k % len(ROLES)]))
                t(pro, iri(REF + "startDate"), date(2015 + k % 8, 1 + k % 12, 1))
        n = 0
        while count < target_triples:
            o, org = orgs[n % len(orgs)]
            fam = iri(f"{REFD}family/f{n}")
            child = iri(f"{REFD}family/f{n}/child-1")
            sit = iri(f"{REFD}org-{o}/situation/S{n}")
            ref_pro = pros[o][n % 12]
            t(fam, iri(RDF_TYPE), iri(REF + "Family"))
            t(fam, iri(REF + "hasMember"), child)
            t(child, iri(RDF_TYPE), iri(REF + "Child"))
            t(child, iri(REF + "birthYear"), f'"{2018 + n % 6}"^^<{XSD}gYear>')
            t(sit, iri(RDF_TYPE), iri(REF + "Situation"))
            t(sit, iri(REF + "localId"), f'"S{n}"')
            t(sit, iri(REF + "beneficiary"), fam)
            t(sit, iri(REF + "heldBy"), org)
            t(sit, iri(REF + "startDate"), date(2022, 1 + n % 12, 1 + n % 28))
            t(sit, iri(REF + "commune"), '"Schaerbeek"')
            t(sit, iri(REF + "referenceProfessional"), ref_pro)
            t(sit, iri(REF + "hasNeed"), iri(REFC + "need-" + NEEDS[n % len(NEEDS)]))
            for i in range(5):
                it = iri(f"{REFD}org-{o}/intervention/I{n}-{i}")
                t(it, iri(RDF_TYPE), iri(REF + "Intervention"))
                t(it, iri(REF + "date"), date(2023, 1 + (n + i) % 12, 1 + i))
                t(it, iri(REF + "interventionType"),
                  iri(REFC + "intervention-type-" + rng.choice(INTERVENTION_TYPES)))
                t(it, iri(REF + "concernsSituation"), sit)
                t(it, iri(REF + "carriedOutBy"), org)
                t(it, iri(REF + "performedBy"), pros[o][(n + i) % 12])
            o2, org2 = orgs[(n + 1) % len(orgs)]
            rf = iri(f"{REFD}org-{o}/referral/R{n}")
            t(rf, iri(RDF_TYPE), iri(REF + "Referral"))
            t(rf, iri(REF + "fromOrganisation"), org)
            t(rf, iri(REF + "toOrganisation"), org2)
            t(rf, iri(REF + "referredBy"), ref_pro)
            t(rf, iri(REF + "concernsSituation"), sit)
            t(rf, iri(REF + "requestDate"), date(2023, 1 + n % 12, 2))
            t(rf, iri(REF + "firstContactDate"), date(2023, 1 + n % 12, 20))
            if n % 4 == 0:
                mt = iri(f"{REFD}org-{o}/meeting/M{n}")
                t(mt, iri(RDF_TYPE), iri(REF + "CoordinationMeeting"))
                t(mt, iri(REF + "date"), date(2023, 1 + n % 12, 25))
                t(mt, iri(REF + "meetingKind"), iri(REFC + "meeting-kind-concertation"))
                t(mt, iri(REF + "participant"), ref_pro)
                t(mt, iri(REF + "participant"), pros[o2][n % 12])
                t(mt, iri(REF + "concernsSituation"), sit)
            lk = iri(f"{REFD}org-{o}/link/L{n}")
            t(lk, iri(RDF_TYPE), iri(REF + "NetworkLink"))
            t(lk, iri(REF + "concernsSituation"), sit)
            t(lk, iri(REF + "linkedActorKind"), iri(REFC + "actor-kind-relative"))
            t(lk, iri(REF + "linkKind"), iri(REFC + "link-kind-extended-family"))
            t(lk, iri(REF + "trustStatus"), iri(REFC + "trust-status-established"))
            n += 1
    return count


REFERENTIEL = """
import sys
from referentiel.cli import main
sys.argv = ["referentiel", "validate", {path!r}, "--format", "json", "-o", {out!r}, "--engine", {engine!r}]
main()
"""

PLAIN = """
import pyshacl
from pathlib import Path
from rdflib import Graph
from referentiel import resources
shapes = Graph()
if {shapes_dir!r}:
    for p in sorted(Path({shapes_dir!r}).glob("*.ttl")):
        shapes.parse(p)
for node in ([] if {shapes_dir!r} else resources.shapes_files()):
    with resources.as_path(node) as p:
        shapes.parse(p)
ontology = Graph()
with resources.as_path(resources.ontology_file()) as p:
    ontology.parse(p)
data = Graph().parse({path!r})
conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                       advanced=True)
print("conforms", conforms)
"""

def measure(code: str, timeout: float) -> tuple[float | None, float | None, int]:
    """Run ``code`` in a fresh interpreter: (wall seconds, peak RSS MiB, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            wall = time.perf_counter() - start
            return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return None, None, -9
        time.sleep(0.05)


def parse_times(path: Path) -> tuple[float, float]:
    """rdflib parse vs pyoxigraph parse + conversion into an rdflib Graph (seconds)."""
    import pyoxigraph
    from rdflib import BNode, Graph, Literal, URIRef

    start = time.perf_counter()
    Graph().parse(path, format="nt")
    rdflib_time = time.perf_counter() - start
    start = time.perf_counter()
    graph = Graph()
    for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES):
        terms = []
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, pyoxigraph.NamedNode):
                terms.append(URIRef(term.value))
            elif isinstance(term, pyoxigraph.BlankNode):
                terms.append(BNode(term.value))
            else:
                terms.append(Literal(term.value, lang=term.language,
                                     datatype=None if term.language else URIRef(term.datatype.value)))
        graph.add(tuple(terms))
    return rdflib_time, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=1800.0, help="per measurement, seconds")
    parser.add_argument("--skip-plain-above", type=int, default=None,
                        help="do not run the plain pyshacl baseline above this many triples")
    parser.add_argument("--measure", default="ours,plain,turbo",
                        help="comma-separated: ours (pyshacl engine), plain (pyshacl.validate), "
                        "turbo (referentiel validate --engine pyshacl-turbo), before (plain "
                        "pyshacl.validate with the shapes of --baseline-shapes)")
    parser.add_argument("--baseline-shapes", default=None,
                        help="folder of an older version of shapes/*.ttl, for the 'before' measurement "
                        "(e.g. git archive <commit> shapes | tar -x -C /tmp/old)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"synthetic-{size}.nt"
            triples = generate(path, size)
            out = Path(tmp) / "report.json"
            wanted = set(args.measure.split(","))
            skipped: tuple[float | None, float | None, int] = (None, None, -1)
            ours = measure(REFERENTIEL.format(path=str(path), out=str(out), engine="pyshacl"), args.timeout) \
                if "ours" in wanted else skipped
            if "plain" not in wanted or (args.skip_plain_above is not None and size > args.skip_plain_above):
                plain = skipped
            else:
                plain = measure(PLAIN.format(path=str(path), shapes_dir=""), args.timeout)
            before = measure(PLAIN.format(path=str(path), shapes_dir=args.baseline_shapes), args.timeout) \
                if "before" in wanted and args.baseline_shapes else skipped
            turbo = measure(REFERENTIEL.format(path=str(path), out=str(out), engine="pyshacl-turbo"),
                            args.timeout) if "turbo" in wanted else skipped
            rd, ox = parse_times(path)
            rows.append((triples, ours, plain, turbo, rd, ox))
            print(f"{triples} triples: plain pyshacl with the baseline shapes {before}", flush=True)
            print(f"{triples} triples: referentiel {ours}, plain pyshacl {plain}, referentiel turbo {turbo}, "
                  f"parse rdflib {rd:.2f}s pyoxigraph+convert {ox:.2f}s", flush=True)
    print()
    print("| triples | `referentiel validate` time | peak RSS | plain `pyshacl.validate` time | peak RSS "
          "| ratio (ours / plain) | `--engine pyshacl-turbo` time | peak RSS | parse: rdflib "
          "| parse: pyoxigraph + conversion |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for triples, ours, plain, turbo, rd, ox in rows:
        def fmt(m: tuple[float | None, float | None, int]) -> tuple[str, str]:
            if m[2] == -1:
                return "not run", "–"
            if m[0] is None:
                return f"> {args.timeout:.0f} s (killed)", "–"
            return f"{m[0]:.1f} s" + ("" if m[2] == 0 or m[2] == 1 else f" (exit {m[2]})"), f"{m[1]:.0f} MiB"
        ot, om = fmt(ours)
        pt, pm = fmt(plain)
        tt, tm = fmt(turbo)
        ratio = f"{ours[0] / plain[0]:.2f}" if ours[0] and plain[0] else "–"
        print(f"| {triples:,} | {ot} | {om} | {pt} | {pm} | {ratio} | {tt} | {tm} "
              f"| {rd:.1f} s | {ox:.1f} s |")


if __name__ == "__main__":
    main()
