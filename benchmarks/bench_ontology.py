"""Ontology checks: the SPARQL catalogue on pyoxigraph vs rdflib, and HermiT, on the bundled ontology.

    python benchmarks/bench_ontology.py [--repeat 3] [--no-rdflib]

Runs every ``checks/*.rq`` query on the bundled ontology with pyoxigraph (what ``check_ontology`` uses)
and, as the baseline in the same run, with rdflib's own SPARQL engine; both must return the same number
of rows per query. Then times HermiT (owlready2 ``sync_reasoner``, JVM start included) and the whole
``check_ontology()``. Prints a Markdown table; timings are the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import time


def best(func, repeat: int) -> tuple[float, object]:
    """The shortest of ``repeat`` runs of ``func()`` and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true", help="skip the (slow) rdflib baseline")
    args = parser.parse_args()

    import pyoxigraph as ox

    from referentiel.ontology import check_ontology
    from referentiel.ontology.catalogue import sparql_checks
    from referentiel.ontology.load import load_ontology, to_ntriples
    from referentiel.ontology.reasoner import run_hermit

    load_s, loaded = best(lambda: load_ontology(None), args.repeat)
    ntriples = to_ntriples(loaded.graph)
    store = ox.Store()
    store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    checks = sparql_checks()

    ox_total = rdf_total = 0.0
    rows = []
    for check in checks:
        ox_s, ox_rows = best(lambda q=check.query: len(list(store.query(q))), args.repeat)
        ox_total += ox_s
        if args.no_rdflib:
            rows.append((check.id, ox_rows, ox_s, None))
            continue
        rdf_s, rdf_rows = best(lambda q=check.query: len(list(loaded.graph.query(q))), 1)
        rdf_total += rdf_s
        if rdf_rows != ox_rows:
            raise SystemExit(f"{check.id}: pyoxigraph gives {ox_rows} rows, rdflib {rdf_rows}")
        rows.append((check.id, ox_rows, ox_s, rdf_s))

    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    hermit_s, run = best(lambda: run_hermit(ntriples), args.repeat)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the Java subprocesses: unlike wall time, it does not grow with the machine's load.
    hermit_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / args.repeat
    total_s, report = best(lambda: check_ontology(None), 1)

    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    print(f"Bundled ontology: {len(loaded.graph)} triples, parsed (rdflib) in {load_s:.2f} s\n")
    print("| check | raw rows | pyoxigraph ms | rdflib ms | ratio |")
    print("|---|---:|---:|---:|---:|")
    for check_id, count, ox_s, rdf_s in rows:
        rdf = f"{rdf_s * 1000:.0f}" if rdf_s is not None else "–"
        ratio = f"{rdf_s / ox_s:.0f}x" if rdf_s else "–"
        print(f"| {check_id} | {count} | {ox_s * 1000:.1f} | {rdf} | {ratio} |")
    rdf = f"{rdf_total:.2f} s" if not args.no_rdflib else "–"
    ratio = f"{rdf_total / ox_total:.0f}x" if not args.no_rdflib else "–"
    print(f"| **all {len(rows)} SPARQL checks** | | **{ox_total:.2f} s** | **{rdf}** | **{ratio}** |\n")
    print(f"HermiT {run.version} ({run.status}, consistent={run.consistent}): {hermit_s:.2f} s wall (best of "
          f"{args.repeat}, JVM start included), {hermit_cpu:.2f} s CPU of the Java process (mean)")
    print(f"check_ontology() end to end: {total_s:.2f} s, {report.counts()}")


if __name__ == "__main__":
    main()
