"""Reading large and hostile exports: time and peak memory of ``read_table`` against the naive reading.

Each case runs in a fresh Python subprocess (peak memory = that case's own ``ru_maxrss`` beyond the
imports), with an address-space cap and a timeout so that the naive reading of a hostile file is
stopped instead of exhausting the machine:

- ``xlsx-300k``: a 300,000-row workbook written by openpyxl (shared strings, exact dimension);
  ``read_table`` against openpyxl's read-only ``iter_rows`` (what the reader used before);
- ``xlsx-300k-stale``: the same rows under a stale ``<dimension>`` (A1:C2): rows read by each;
- ``xlsx-far``: 300,000 rows each with a cell in column XFD and no dimension;
- ``csv-60mb-line``: a CSV whose third line is 60 MB of non-ASCII text.

    python benchmarks/bench_hostile.py [--rows 300000] [--timeout 300] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAP = 4 * 1024**3  # address space of one case: the naive reading of a hostile file stops there

CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
from pathlib import Path
import csv, io, openpyxl
from referentiel.translation.readers import read_table
def peak():  # VmHWM is reset by exec; ru_maxrss keeps the parent's peak
    import re
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
before = peak()
start = time.perf_counter()
result = {{}}
try:
{code}
except MemoryError:
    result["outcome"] = "MemoryError (address space cap reached)"
except Exception as exc:
    result["outcome"] = type(exc).__name__ + ": " + str(exc).splitlines()[0][:160]
result["seconds"] = round(time.perf_counter() - start, 2)
result["peak_mib"] = round((peak() - before) / 1024)
print(json.dumps(result))
"""

OURS = "t = read_table(Path({path!r}))\nresult['rows'] = len(t.rows)\nresult['bad_rows'] = len(t.bad_rows)"
NAIVE_XLSX = (
    "wb = openpyxl.load_workbook({path!r}, read_only=True, data_only=True)\n"
    "rows = list(wb.worksheets[0].iter_rows(values_only=True))\n"
    "result['rows'] = len(rows) - 1\nresult['width'] = max(len(r) for r in rows)"
)
NAIVE_CSV = (
    "text = Path({path!r}).read_bytes().decode('utf-8')\n"
    "csv.field_size_limit(10**9)\n"
    "rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=';'))\nresult['rows'] = len(rows) - 1"
)


def run(code: str, timeout: float) -> dict:
    script = CHILD.format(cap=CAP, code=textwrap.indent(code, "    "))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"stopped after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {"outcome": "crashed: " + done.stderr.strip()[-200:]}


def workbook(path: Path, rows: int) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(["id", "besoin", "date"])
    for n in range(rows):
        ws.append(
            [f"F{n}", "Aide administrative" if n % 2 else "Guidance budgétaire", f"2024-01-{n % 28 + 1:02d}"]
        )
    wb.save(path)


def restamp(source: Path, target: Path, dimension: str | None, far: bool = False) -> None:
    """``source`` with its sheet's ``<dimension>`` replaced (or removed) and, with ``far``, a value in
    column XFD on every data row."""
    import re

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                text = re.sub(r'<dimension ref="[^"]*"/>', "", text)
                if dimension:  # where the schema puts it: before the views, the columns and the data
                    tags = ("<sheetViews", "<sheetFormatPr", "<cols", "<sheetData")
                    at = min(text.find(tag) for tag in tags if tag in text)
                    text = f'{text[:at]}<dimension ref="{dimension}"/>{text[at:]}'
                if far:
                    text = re.sub(
                        r'(<row r="(\d+)"[^>]*>)(.*?)</row>',
                        lambda m: (
                            m.group(0)
                            if m.group(2) == "1"
                            else f'{m.group(1)}{m.group(3)}<c r="XFD{m.group(2)}" t="n"><v>1</v></c></row>'
                        ),
                        text,
                    )
                data = text.encode()
            zout.writestr(info, data)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", default="", help="comma-separated cases to run (default: all)")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        exact = folder / "exact.xlsx"
        workbook(exact, args.rows)
        stale, far = folder / "stale.xlsx", folder / "far.xlsx"
        restamp(exact, stale, "A1:C2")
        restamp(exact, far, None, far=True)
        line = folder / "line.csv"
        with line.open("w", encoding="utf-8") as stream:
            stream.write("id;note\n1;ok\n2;" + "é" * 30_000_000 + "\n")
        cases = {
            "xlsx-300k": (exact, NAIVE_XLSX),
            "xlsx-300k-stale": (stale, NAIVE_XLSX),
            "xlsx-far": (far, NAIVE_XLSX),
            "csv-60mb-line": (line, NAIVE_CSV),
        }
        for case, (path, naive) in cases.items():
            if args.only and case not in args.only.split(","):
                continue
            size = path.stat().st_size
            for who, code in (("read_table", OURS), ("naive", naive)):
                outcome = run(code.format(path=str(path)), args.timeout)
                outcome["file_bytes"] = size
                results[f"{case}/{who}"] = outcome
                print(f"{case:16} {who:10} {json.dumps(outcome)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
