"""The weekly brief from a store that keeps its analyses, against peers, side by side.

Two parts (each can be run alone):

``--brief``: ``antk brief`` of one SaudiNewsNet week (2015-W32: 10,003 articles) from

- a store ingested with analyses (``antk ingest``: mentions, quotes, label inputs and term
  counts kept at ingest) — the route this benchmark is about;
- the same documents ingested with ``antk ingest --no-analyses`` (a fresh copy per run: a
  brief counts and stores the missing term counts, so a second run would be faster);
- the embedded sample (``antk brief`` with no argument: one article);

each run ``--repeat`` times, interleaved, best and median wall time; targets: kept ≤ 0.35×
no-analyses, kept ≤ 1.5× sample. The executed notebooks' tables (every HTML output but the
provenance block) must be equal between the two store routes.

``--ingest``: ``antk ingest`` of all of SaudiNewsNet (31,030 articles) with analyses,
serially and with ``--dask`` (a LocalCluster of 2 worker processes): wall time and peak
RSS (sampled with psutil: the largest process, and the sum over the process tree);
targets: serial peak ≤ 1 GB, Dask ≤ 0.6× the serial time.

The machine is shared: the load average is printed before and after each run; ratios come
from runs side by side in one process.

    .venv/bin/python bench/bench_brief.py --brief --ingest
    .venv/bin/python bench/bench_brief.py --brief --repeat 3 --format html
    .venv/bin/python bench/bench_brief.py --brief --stores kept.sqlite bare.sqlite
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "saudinewsnet" / "raw"
ANTK = [sys.executable, "-m", "toolkit"]


class PeakRss:
    """Peak RSS of a process tree (largest process, and the sum), sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid, self.largest, self.total = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            sizes = []
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:  # the command has ended
                return
            for proc in tree:
                try:
                    sizes.append(proc.memory_info().rss)
                except psutil.Error:
                    continue
            if sizes:
                self.largest = max(self.largest, max(sizes))
                self.total = max(self.total, sum(sizes))
            self._stop.wait(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run(args: list[str], cwd: Path) -> tuple[float, PeakRss, str]:
    """Run ``antk args``; wall seconds, peak RSS, stdout (raises on a non-zero exit)."""
    started = time.perf_counter()
    proc = subprocess.Popen([*ANTK, *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    rss = PeakRss(proc.pid)
    out, err = proc.communicate()
    rss.stop()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"antk {' '.join(args)} exited {proc.returncode}:\n{err}")
    return wall, rss, out


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def tables(notebook: Path) -> list[str]:
    """Every HTML output of an executed brief but the provenance block (it has the time)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    return [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
            if "text/html" in o.get("data", {})
            and "antk-provenance" not in o["data"]["text/html"]]


def bench_ingest(tmp: Path) -> None:
    print(f"\n== antk ingest of {RAW} with analyses (load before: {load()})")
    results = {}
    for route, extra in (("serial", []), ("dask", ["--dask"])):
        store = tmp / f"ingest-{route}.sqlite"
        wall, rss, out = run(["ingest", *extra, "--store", str(store), str(RAW)], tmp)
        results[route] = wall
        print(f"{route:<7} {wall:7.1f} s   peak RSS: largest process {rss.largest / 2**20:6.0f} MB,"
              f" process tree {rss.total / 2**20:6.0f} MB   (load after: {load()})")
        print("        " + out.strip().replace("\n", "\n        "))
    ratio = results["dask"] / results["serial"]
    print(f"dask / serial: {ratio:.2f} (target ≤ 0.6: {'met' if ratio <= 0.6 else 'NOT met'})")


def bench_brief(tmp: Path, week: str, repeat: int, formats: str, stores: list[str]) -> None:
    if stores:  # made beforehand by the two ingests below (not changed: copied per run)
        kept, bare = (Path(s).resolve() for s in stores)
        print(f"\n== stores given: {kept} (with analyses), {bare} (--no-analyses)")
    else:
        kept, bare = tmp / "kept.sqlite", tmp / "bare.sqlite"
        print(f"\n== preparing the stores (not timed as the brief): {RAW}")
        for store, extra in ((kept, []), (bare, ["--no-analyses"])):
            wall, _rss, out = run(["ingest", *extra, "--store", str(store), str(RAW)], tmp)
            print(f"ingest {' '.join(extra) or '(with analyses)'}: {wall:.1f} s; "
                  + out.strip().replace("\n", "; "))
    routes = {
        "kept": lambda out: ["brief", "--store", str(kept), "--week", week],
        "no-analyses": lambda out: ["brief", "--store", str(out / "bare.sqlite"), "--week", week],
        "sample": lambda out: ["brief"],
    }
    times: dict[str, list[float]] = {r: [] for r in routes}
    notebooks: dict[str, Path] = {}
    print(f"\n== antk brief, {repeat} run(s) per route, interleaved (format {formats})")
    for i in range(repeat):
        for route, make in routes.items():
            out = tmp / f"run-{route}-{i}"
            out.mkdir()
            if route == "no-analyses":
                shutil.copy(bare, out / "bare.sqlite")  # fresh: nothing counted by a brief yet
            before = load()
            wall, _rss, stdout = run([*make(out), "--out", str(out / "reports"), "--format",
                                      formats], tmp)
            times[route].append(wall)
            notebooks[route] = next((out / "reports").glob("*/brief.ipynb"))
            print(f"{route:<12} run {i + 1}: {wall:6.1f} s   (load {before} -> {load()})")
    best = {r: min(t) for r, t in times.items()}
    median = {r: statistics.median(t) for r, t in times.items()}
    print(f"\n{'route':<12}{'best s':>8}{'median s':>10}")
    for route in routes:
        print(f"{route:<12}{best[route]:>8.1f}{median[route]:>10.1f}")
    for name, other, target in (("no-analyses", "no-analyses", 0.35), ("sample", "sample", 1.5)):
        ratio = best["kept"] / best[other]
        print(f"kept / {name}: {ratio:.2f} (median {median['kept'] / median[other]:.2f}); "
              f"target ≤ {target}: {'met' if ratio <= target else 'NOT met'}")
    same = tables(notebooks["kept"]) == tables(notebooks["no-analyses"])
    count = len(tables(notebooks["kept"]))
    print(f"same tables from both stores: {same} ({count} HTML outputs compared)")
    match = re.search(r'<b[^>]*>([\d,]+)</b><span[^>]*>مقالات</span>',
                      "".join(tables(notebooks["kept"])))
    print(f"articles in {week}: {match.group(1) if match else '?'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brief", action="store_true", help="time the briefs")
    parser.add_argument("--ingest", action="store_true", help="time the ingests")
    parser.add_argument("--week", default="2015-W32")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="html,pdf", help="what antk brief writes")
    parser.add_argument("--stores", nargs=2, metavar=("KEPT", "BARE"), default=[],
                        help="with --brief: stores made by antk ingest and antk ingest "
                        "--no-analyses of SaudiNewsNet (else made here first)")
    args = parser.parse_args()
    if not RAW.is_dir():
        print(f"SaudiNewsNet not found at {RAW} (../shared/data is needed)", file=sys.stderr)
        return 2
    if not (args.brief or args.ingest):
        args.brief = args.ingest = True
    print(f"{os.cpu_count()} cores; load average {load()}")
    with tempfile.TemporaryDirectory(prefix="antk-bench-brief-") as folder:
        tmp = Path(folder)
        if args.ingest:
            bench_ingest(tmp)
        if args.brief:
            bench_brief(tmp, args.week, args.repeat, args.format, args.stores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
