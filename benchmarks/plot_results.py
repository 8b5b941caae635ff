"""Plot time and peak memory against size from ``run_all.py`` results (benchmark-only: matplotlib).

    python benchmarks/plot_results.py benchmarks/results/run-10000-100000.json [more.json ...] \
        -o docs/performance-scaling.png

One panel for time, one for peak memory, per stage (log-log), with the baselines measured in the
same runs dashed. ``pip install 'referentiel[bench]'`` installs matplotlib.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

STAGES = ("translate", "load", "query", "ingest")


def points(files: list[Path]) -> dict[tuple[str, str], list[tuple[int, float, float]]]:
    """(stage, variant) -> sorted [(families, seconds, peak MiB)] over every run of every file."""
    out: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    for path in files:
        for run in json.loads(path.read_text(encoding="utf-8"))["runs"]:
            for variant, records in (("referentiel", run["stages"]), ("baseline", run["baselines"])):
                for stage, record in records.items():
                    if stage in STAGES and record.get("seconds") and not record.get("error"):
                        out.setdefault((stage, variant), []).append(
                            (run["families"], record["seconds"], record.get("maxrss_mb") or 0.0)
                        )
    return {key: sorted(set(values)) for key, values in out.items()}


def main(argv: list[str] | None = None) -> int:
    """Write the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", type=Path, nargs="+")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/performance-scaling.png"))
    args = parser.parse_args(argv)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = points(args.results)
    fig, (time_ax, memory_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
    for (stage, variant), values in sorted(data.items()):
        sizes = [v[0] for v in values]
        style = "--" if variant == "baseline" else "-"
        label = f"{stage} ({'baseline' if variant == 'baseline' else 'referentiel'})"
        color = f"C{STAGES.index(stage)}"
        time_ax.plot(sizes, [v[1] for v in values], style, marker="o", color=color, label=label)
        memory_ax.plot(sizes, [v[2] for v in values], style, marker="o", color=color, label=label)
    for ax, title, unit in ((time_ax, "time", "seconds"), (memory_ax, "peak memory", "MiB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("families")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    time_ax.legend(fontsize=7)
    fig.tight_layout()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.output, dpi=110)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
