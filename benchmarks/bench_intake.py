"""Benchmark stages on generated data: translate, validate, load, query, and the whole intake.

Each stage has the referentiel way and a naive baseline, both run on the same generated data in the
same run, so that the ratio is meaningful on any machine:

- translate: ``referentiel.translation.translate`` / baseline: csv, openpyxl or json + a dict of
  terms + rdflib ``Graph.add`` per cell (no provenance, no checks);
- validate: ``referentiel.validate`` on the N-Triples / baseline: rdflib parse + plain ``pyshacl.validate``;
- load: ``referentiel.store`` load into a new store / baseline: pyoxigraph's ``Store.bulk_load`` of the
  same files into a new store (no metadata, no atomicity);
- query: the research catalogue on the store / baseline: the same query texts on raw pyoxigraph
  (union default graph) over the same store;
- ingest: ``referentiel.intake.ingest`` end to end / baseline: the previous pipeline (an rdflib graph
  per export, validated as a graph, loaded from it), for memory and time before and after.

Run one measurement (what ``run_all.py`` does in a fresh subprocess for each, so that peak memory is
the stage's own)::

    python benchmarks/bench_intake.py STAGE DATA_DIR [--baseline]

It prints one JSON line: ``{"stage", "variant", "seconds", "rows", "triples", "maxrss_mb", ...}``.
``DATA_DIR`` is made by ``referentiel generate``; stages after ``translate`` read the N-Triples that
``translate`` writes to ``DATA_DIR/_bench/``.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

STAGES = ("generate", "translate", "validate", "load", "query", "ingest")


def _maxrss_mb() -> float:
    # Linux reports kilobytes; this is the peak of this process only (one stage per process).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _key(data: Path) -> bytes:
    key_file = data / "SYNTHETIC-ONLY.key"
    return key_file.read_bytes().strip()


def _bench_dir(data: Path) -> Path:
    folder = data / "_bench"
    folder.mkdir(exist_ok=True)
    return folder


def _nt_files(data: Path, variant: str = "ref") -> list[Path]:
    return sorted(_bench_dir(data).glob(f"{variant}-*.nt"))


def _rows(data: Path) -> int:
    expected = json.loads((data / "expected-defects.json").read_text(encoding="utf-8"))
    return sum(expected["rows"].values())


# ------------------------------------------------------------------ translate


def translate(data: Path) -> dict:
    """Translate every organisation's export with referentiel (triples kept as made: no rdflib
    graph), then write them as N-Triples for the next stages (timed apart)."""
    from referentiel.intake import adapters
    from referentiel.intake.pipeline import discover

    key = _key(data)
    rows = triples = 0
    translating = writing = cpu = 0.0
    per_export = {}
    out = _bench_dir(data)
    for export in discover(data):
        profile = adapters.load_profile(export.profile)
        started, cpu_started = time.perf_counter(), time.process_time()
        result = adapters.translate(export, profile, key=key)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        translating += seconds
        cpu += cpu_seconds
        count = adapters.translation_stats(result)["rows"]
        rows += count
        # CPU seconds beside wall seconds: on a shared machine they tell this process's own work
        formats = sorted({path.suffix.lstrip(".").lower() for path in export.files})
        per_export[export.organisation] = {
            "formats": formats,
            "rows": count,
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu_seconds, 3),
            "rows_per_second": round(count / seconds) if seconds else None,
            "rows_per_cpu_second": round(count / cpu_seconds) if cpu_seconds else None,
        }
        started = time.perf_counter()
        text = result.serialize("nt")
        (out / f"ref-{export.organisation}.nt").write_bytes(text)
        writing += time.perf_counter() - started
        triples += text.count(b"\n")
        del result, text
    return {
        "rows": rows,
        "triples": triples,
        "translate_seconds": round(translating, 3),
        "rows_per_second": round(rows / translating) if translating else None,
        "translate_cpu_seconds": round(cpu, 3),
        "rows_per_cpu_second": round(rows / cpu) if cpu else None,
        "write_nt_seconds": round(writing, 3),
        "per_export": per_export,
    }


def translate_baseline(data: Path) -> dict:
    """The naive way: read each table, look terms up in a dict, ``Graph.add`` a triple per cell."""
    import openpyxl
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from referentiel.namespaces import REF, REFC, REFD
    from referentiel.translation.model import ENTITY_CLASSES
    from referentiel.translation.profile import load_profile
    from referentiel.translation.sssom import read_mapping_set

    rows = triples = 0
    out = _bench_dir(data)
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and not p.name.startswith("_")):
        profile_path = next(folder.glob("profile.*"), None)
        if profile_path is None:
            continue
        profile = load_profile(profile_path)
        terms = {}
        if profile.mappings:
            for m in read_mapping_set(folder / profile.mappings.name):
                label, obj = m.get("subject_label"), m.get("object_id") or ""
                if label and obj.startswith("refc:"):
                    terms[label.strip().casefold()] = REFC[obj[5:]]
        graph = Graph()
        for table in profile.tables:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                if not table.matches(path):
                    continue
                if path.suffix.lower() == ".xlsx":
                    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
                    ws = wb[table.sheet] if table.sheet else wb.worksheets[0]
                    it = ws.iter_rows(values_only=True)
                    header = [str(h) for h in next(it)]
                    records = [dict(zip(header, r, strict=False)) for r in it]
                    wb.close()
                elif path.suffix.lower() == ".json":
                    records = json.loads(path.read_text(encoding="utf-8-sig"))
                    if table.json_path:
                        for part in table.json_path.split("."):
                            records = records[part]
                else:
                    raw = path.read_bytes()
                    try:
                        text = raw.decode("utf-8-sig")
                    except UnicodeDecodeError:
                        text = raw.decode("cp1252")
                    records = list(csv.DictReader(text.splitlines(), delimiter=table.delimiter or ";"))
                cls = ENTITY_CLASSES[table.entity]
                for number, record in enumerate(records, start=2):
                    rows += 1
                    subject = URIRef(f"{REFD}{profile.slug}/{table.entity}/{number}")
                    graph.add((subject, RDF.type, cls))
                    for title, value in record.items():
                        col = table.column(str(title))
                        if col is None or col.property is None or value in (None, ""):
                            continue
                        prop = REF[col.property.name]
                        concept = terms.get(str(value).strip().casefold())
                        graph.add((subject, prop, concept if concept is not None else Literal(str(value))))
        triples += len(graph)
        graph.serialize(out / f"base-{profile.slug}.nt", format="nt", encoding="utf-8")
    return {"rows": rows, "triples": triples}


# ------------------------------------------------------------------ validate


def validate(data: Path) -> dict:
    """``referentiel.validate`` on the translated data (N-Triples files)."""
    from referentiel.intake import adapters

    files = _nt_files(data)
    report = adapters.validate_files(files)
    return {"triples": report.triples or 0, "results": len(report.results), "conforms": report.conforms}


def validate_baseline(data: Path) -> dict:
    """rdflib parse + plain pyshacl with the bundled shapes and ontology (no inference)."""
    import pyshacl
    from rdflib import Graph

    from referentiel.resources import as_path, ontology_file, shapes_files

    graph = Graph()
    for path in _nt_files(data):
        graph.parse(path, format="nt")
    with as_path(ontology_file()) as onto:
        graph.parse(onto, format="turtle")
    shapes = Graph()
    for node in shapes_files():
        with as_path(node) as path:
            shapes.parse(path, format="turtle")
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, abort_on_first=False, allow_warnings=False
    )
    from rdflib.namespace import SH

    return {
        "triples": len(graph),
        "results": len(set(report.subjects(predicate=SH.focusNode))),
        "conforms": bool(conforms),
    }


# ------------------------------------------------------------------ load and query


def load(data: Path) -> dict:
    """Load the translated N-Triples into a new embedded store (one named graph per organisation;
    staged with the bulk loader, committed in one update each)."""
    from referentiel.intake import adapters

    store_dir = _bench_dir(data) / "store"
    adapters.remove_tree(store_dir)
    triples = adapters.bench_load(store_dir, _nt_files(data))
    return {"triples": triples}


def load_baseline(data: Path) -> dict:
    """pyoxigraph's bulk loader alone: the same files into a new on-disk store, one graph each
    (no metadata, no staging, no atomicity)."""
    import pyoxigraph as ox

    from referentiel.intake import adapters

    store_dir = _bench_dir(data) / "raw-store"
    adapters.remove_tree(store_dir)
    store = ox.Store(str(store_dir))
    for path in _nt_files(data):
        graph = ox.NamedNode(adapters.graph_iri(path.stem.removeprefix("ref-")))
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    store.flush()
    triples = len(store)
    del store
    return {"triples": triples}


def query(data: Path, repeat: int = 3) -> dict:
    """Every query of the research catalogue on the store made by ``load`` (``queries.run``:
    parameters bound, disclosure control applied), and, interleaved in the same process so that the
    machine's load and the caches weigh the same on both, the same text on raw pyoxigraph (union
    default graph); the best of ``repeat`` runs of each."""
    import pyoxigraph as ox

    from referentiel.queries import catalogue, run
    from referentiel.store import open_store
    from referentiel.store.sparql import bind_parameters

    store_dir = _bench_dir(data) / "store"
    if not store_dir.exists():
        load(data)
    ours: dict[str, float] = {}
    raw: dict[str, float] = {}
    rows_out = 0
    with open_store(store_dir, create=False) as store:
        oxigraph: ox.Store = store.oxigraph
        for query in catalogue():  # warm-up: the first reading of the store's files is paid by neither
            list(
                oxigraph.query(
                    bind_parameters(query.text, query.bindings({}, "en")), use_default_graph_as_union=True
                )
            )
        for query in catalogue():
            text = bind_parameters(query.text, query.bindings({}, "en"))
            for _ in range(repeat):
                started = time.perf_counter()
                rows = len(run(query, store, lang="en").rows)  # after disclosure control
                ours[query.name] = min(ours.get(query.name, 1e9), time.perf_counter() - started)
                started = time.perf_counter()
                list(oxigraph.query(text, use_default_graph_as_union=True))
                raw[query.name] = min(raw.get(query.name, 1e9), time.perf_counter() - started)
            rows_out += rows
    return {
        "queries": len(ours),
        "rows_out": rows_out,
        "per_query": {name: round(seconds, 4) for name, seconds in ours.items()},
        "raw_pyoxigraph_per_query": {name: round(seconds, 4) for name, seconds in raw.items()},
        "ratio_per_query": {name: round(ours[name] / raw[name], 2) for name in ours if raw[name] > 0},
    }


def query_baseline(data: Path) -> dict:
    """The same query texts (parameters bound the same way) on raw pyoxigraph, union default graph,
    over the same store."""
    import pyoxigraph as ox

    from referentiel.queries import catalogue
    from referentiel.store.sparql import bind_parameters

    store_dir = _bench_dir(data) / "store"
    if not store_dir.exists():
        load(data)
    store = ox.Store.read_only(str(store_dir))
    timings = []
    for query in catalogue():
        text = bind_parameters(query.text, query.bindings({}, "en"))
        started = time.perf_counter()
        rows = len(list(store.query(text, use_default_graph_as_union=True)))
        timings.append((query.name, rows, time.perf_counter() - started))
    return {
        "queries": len(timings),
        "rows_out": sum(n for _, n, _ in timings),
        "per_query": {name: round(seconds, 4) for name, _, seconds in timings},
    }


# ------------------------------------------------------------------ end to end


def ingest(data: Path, organisation: str | None = None) -> dict:
    """``referentiel.intake.ingest`` on the whole generated set (or one organisation's folder), into
    a new store (forced)."""
    from referentiel.intake import adapters
    from referentiel.intake.pipeline import ingest as run

    store_dir = _bench_dir(data) / "ingest-store"
    adapters.remove_tree(store_dir)
    summary = run(data / organisation if organisation else data, store=store_dir, key=_key(data), force=True)
    totals = summary.totals()
    return {
        "rows": totals["rows"],
        "triples": sum(e.triples for e in summary.exports),
        "violations": totals["violations"],
        "warnings": totals["warnings"],
        **_defect_record(data, summary),
    }


def _defect_record(data: Path, summary: object) -> dict:
    """The run's findings against the generator's defect record (``expected-defects.json``), as the
    intake tests compare them at 1,000 families: each export would be refused exactly when it holds an
    injected violation (``force`` loads them all, so that the load is measured on every triple)."""
    expected = json.loads((data / "expected-defects.json").read_text(encoding="utf-8"))["defects"]
    wanted = {(d["organisation"], d["file"], d["sheet"], d["row"], d["column"], d["kind"]) for d in expected}
    found = {
        (export.organisation, f.file, f.sheet, f.row, f.column, f.kind)
        for export in summary.exports
        for f in export.findings
        if f.severity in ("violation", "warning")
    }
    return {
        "defects_injected": len(wanted),
        "defects_reported": len(found),
        "reported_not_injected": len(found - wanted),
        "injected_not_reported": len(wanted - found),
        "would_refuse": {e.organisation: bool(e.count("violation")) for e in summary.exports},
    }


def ingest_baseline(data: Path, organisation: str | None = None) -> dict:
    """The previous pipeline, for the same run: each export translated into an rdflib graph,
    validated as a graph (``referentiel.validate``) and loaded from it with one transaction."""
    from referentiel.intake import adapters
    from referentiel.intake.pipeline import discover, network_context
    from referentiel.store import LoadContext, open_store
    from referentiel.validation import validate

    store_dir = _bench_dir(data) / "ingest-before-store"
    adapters.remove_tree(store_dir)
    exports = discover(data / organisation if organisation else data)
    context = network_context(exports)
    rows = triples = violations = 0
    with open_store(store_dir) as store:
        for export in exports:
            profile = adapters.load_profile(export.profile)
            result = adapters.translate(export, profile, key=_key(data))
            rows += adapters.translation_stats(result)["rows"]
            graph = result.graph
            triples += len(graph)
            report = validate([graph, context], lang="en")
            violations += report.counts.get("violation", 0)
            store.load_graph(
                graph,
                adapters.graph_iri(export.organisation),
                report=report,
                force=True,
                context=LoadContext(organisation=export.organisation),
            )
            del result, graph, report
    return {"rows": rows, "triples": triples, "violations": violations}


def generate(data: Path, families: int) -> dict:
    """``referentiel generate`` (the data every other stage reads)."""
    from referentiel.intake.generator import generate as run

    result = run(data, families=families, seed=1)
    return {"rows": result.total_rows, "defects": len(result.defects)}


FUNCTIONS = {
    ("translate", False): translate,
    ("translate", True): translate_baseline,
    ("validate", False): validate,
    ("validate", True): validate_baseline,
    ("load", False): load,
    ("load", True): load_baseline,
    ("query", False): query,
    ("query", True): query_baseline,
    ("ingest", False): ingest,
    ("ingest", True): ingest_baseline,
}


def main(argv: list[str] | None = None) -> int:
    """Run one stage and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stage", choices=STAGES)
    parser.add_argument("data", type=Path)
    parser.add_argument("--baseline", action="store_true", help="run the naive baseline of the stage")
    parser.add_argument("--families", type=int, default=1000, help="for generate")
    parser.add_argument("--organisation", default=None, help="ingest: only this organisation's export")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.stage == "generate":
        info = generate(args.data, args.families)
    elif args.stage == "ingest" and args.organisation:
        info = {
            "organisation": args.organisation,
            **FUNCTIONS[("ingest", args.baseline)](args.data, args.organisation),
        }
    else:
        info = FUNCTIONS[(args.stage, args.baseline)](args.data)
    seconds = time.perf_counter() - started
    record = {
        "stage": args.stage,
        "variant": "baseline" if args.baseline else "referentiel",
        "seconds": round(seconds, 3),
        "maxrss_mb": round(_maxrss_mb(), 1),
        **info,
    }
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
