"""Benchmark: loading the whole SaudiNewsNet (18 zips, 31,030 articles, 107 MB of JSON).

Each loader runs in a fresh Python process; we report wall time, CPU time and peak resident
memory (growth of ``ru_maxrss`` after imports), each as a ratio to the plainest possible
loader (``json`` + a pandas frame: no validation, no hashing, no ids), beside
``pandas.read_json`` and reading the same documents back from a SQLite store (built once,
untimed). Run by hand::

    .venv/bin/python bench/bench_corpus_load.py [--repeat 3] [--data ../shared/data]

Results go to stdout and to ``bench/results/corpus_load.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRELUDE = """
import resource, sys, time
import pandas as pd
RAW = sys.argv[1]
start = resource.getrusage(resource.RUSAGE_SELF)
before, cpu0 = start.ru_maxrss, start.ru_utime + start.ru_stime
t0 = time.perf_counter()
"""
EPILOGUE = """
elapsed = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"{elapsed} {usage.ru_maxrss} {before} {n} {usage.ru_utime + usage.ru_stime - cpu0}")
"""

LOADERS = {
    "json + pandas (floor)": """
import glob, json, zipfile
rows = []
for path in sorted(glob.glob(RAW + "/*.zip")):
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            rows += json.loads(archive.read(name))
frame = pd.DataFrame(rows)
frame["date"] = pd.to_datetime(frame["date_extracted"])
n = len(frame)
""",
    "pandas.read_json": """
import glob
frames = [pd.read_json(path, compression="zip", dtype=False) for path in sorted(glob.glob(RAW + "/*.zip"))]
frame = pd.concat(frames, ignore_index=True)
frame["date"] = pd.to_datetime(frame["date_extracted"])
n = len(frame)
""",
    "toolkit.corpus.load_corpus": """
from toolkit.corpus import load_corpus
corpus = load_corpus(RAW)
n = len(corpus)
""",
    "toolkit.corpus.iter_documents (stream)": """
from toolkit.corpus import iter_documents
n = sum(1 for _ in iter_documents(RAW))
""",
    "toolkit Store.read() (all, from SQLite)": """
from toolkit.corpus import Store
corpus = Store(sys.argv[2]).read()
n = len(corpus)
""",
    "toolkit Store.read(week=...) (one week)": """
from toolkit.corpus import Store
corpus = Store(sys.argv[2]).read(week="2015-W31")
n = len(corpus)
""",
}
BUILD_STORE = """
import sys
from toolkit.corpus import Store, iter_documents
Store(sys.argv[2]).add(iter_documents(sys.argv[1]))
"""


def run(code: str, raw: Path, store: Path) -> tuple[float, float, int, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", PRELUDE + code + EPILOGUE, str(raw), str(store)],
                         check=True, capture_output=True, text=True, env=env).stdout
    elapsed, peak, before, n, cpu = out.split()
    return float(elapsed), (int(peak) - int(before)) / 1024, int(n), float(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    raw = args.data / "saudinewsnet" / "raw"
    if not raw.is_dir():
        print(f"SaudiNewsNet not found at {raw} (use --data)", file=sys.stderr)
        return 2
    results = {}
    scratch = Path(tempfile.mkdtemp(prefix="antk-bench-"))
    store = scratch / "saudinewsnet.sqlite"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run([sys.executable, "-c", BUILD_STORE, str(raw), str(store)], check=True, env=env)
    for name, code in LOADERS.items():
        runs = [run(code, raw, store) for _ in range(args.repeat)]
        results[name] = {
            "seconds": statistics.median(r[0] for r in runs),
            "peak_mb": statistics.median(r[1] for r in runs),
            "documents": runs[0][2],
            "cpu_seconds": statistics.median(r[3] for r in runs),
        }
    floor = results["json + pandas (floor)"]
    print(f"SaudiNewsNet load, median of {args.repeat} runs, {os.cpu_count()} CPUs "
          "(peak = growth of max RSS over the interpreter after imports)")
    print(f"{'loader':40} {'docs':>6} {'wall s':>7} {'x floor':>7} {'cpu s':>6} {'x floor':>7} "
          f"{'peak MB':>7} {'x floor':>7}")
    for name, r in results.items():
        print(f"{name:40} {r['documents']:>6} {r['seconds']:>7.2f} "
              f"{r['seconds'] / floor['seconds']:>7.2f} {r['cpu_seconds']:>6.2f} "
              f"{r['cpu_seconds'] / floor['cpu_seconds']:>7.2f} {r['peak_mb']:>7.0f} "
              f"{r['peak_mb'] / floor['peak_mb']:>7.2f}")
    shutil.rmtree(scratch, ignore_errors=True)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus_load.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
