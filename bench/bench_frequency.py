"""Benchmark: the whole SaudiNewsNet (18 daily zips, 31,030 articles) → term frequencies by source.

Each case runs in its own process (so its peak RSS is its own), on one core:

- ``read``      toolkit.corpus.iter_documents over the zips, nothing counted (the floor)
- ``toolkit``   read + ``toolkit.frequency.term_frequencies(docs, by="source")`` (search
                preset, proclitics stripped, stopwords dropped from the rows, ``form`` labels)
- ``toolkit_noforms``  the same with ``forms=False`` (no ``form`` column)
- ``baseline``  json + a plain regex split + collections.Counter, no normalization, no clitics
- ``pyarabic``  json + pyarabic.araby.tokenize + strip_tashkeel/strip_tatweel + Counter

Target (issue 4): ``toolkit`` ≤ 60 s wall and ≤ 1 GB peak RSS on this machine.

    python bench/bench_frequency.py [--data ../shared/data/saudinewsnet/raw] [--cases toolkit,read]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "raw"
CASES = ("read", "toolkit", "toolkit_noforms", "baseline", "pyarabic")


def _raw_articles(data: Path):
    for z in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    yield from json.loads(zf.read(name).decode("utf-8"))


def case_read(data: Path) -> dict:
    from toolkit.corpus import iter_documents

    n = sum(1 for _ in iter_documents(sorted(data.glob("*.zip"))))
    return {"documents": n}


def case_toolkit(data: Path, forms: bool = True) -> dict:
    from toolkit.corpus import iter_documents
    from toolkit.frequency import term_frequencies

    docs = iter_documents(sorted(data.glob("*.zip")))
    freq = term_frequencies(docs, by="source", forms=forms)
    top = freq[freq["rank"] == 1][["source", "term", "count"]].head(3).values.tolist()
    return {"rows": len(freq), "sources": int(freq["source"].nunique()), "top": top}


def case_toolkit_noforms(data: Path) -> dict:
    return case_toolkit(data, forms=False)


_WORD = re.compile(r"\w+")


def case_baseline(data: Path) -> dict:
    tables: dict[str, Counter] = {}
    for art in _raw_articles(data):
        tables.setdefault(art.get("source"), Counter()).update(
            _WORD.findall(art.get("content") or "")
        )
    return {"rows": sum(len(c) for c in tables.values()), "sources": len(tables)}


def case_pyarabic(data: Path) -> dict:
    from pyarabic import araby

    tables: dict[str, Counter] = {}
    for art in _raw_articles(data):
        text = araby.strip_tatweel(araby.strip_tashkeel(art.get("content") or ""))
        tables.setdefault(art.get("source"), Counter()).update(araby.tokenize(text))
    return {"rows": sum(len(c) for c in tables.values()), "sources": len(tables)}


def run_case(name: str, data: Path) -> dict:
    t0 = time.perf_counter()
    result = globals()[f"case_{name}"](data)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime  # includes imports; robust to a busy machine
    return {
        "case": name,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(rss_mb, 1),
        **result,
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)  # child process mode
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"SaudiNewsNet zips not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    if args.one:
        print(json.dumps(run_case(args.one, args.data), ensure_ascii=False))
        return 0
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    results = []
    for name in args.cases.split(","):
        cmd = [sys.executable, __file__, "--data", str(args.data), "--one", name]
        if hasattr(os, "sched_setaffinity"):  # pin the child to one core
            cmd = ["taskset", "-c", "0", *cmd] if _has_taskset() else cmd
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        if out.returncode != 0:
            print(f"{name}: failed\n{out.stderr}", file=sys.stderr)
            continue
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = next((r for r in results if r["case"] == "toolkit"), None)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} cores, load average {load:.1f} (wall times inflate when busy)"
    )
    head = f"{'case':10} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'cpu / toolkit':>14}"
    print(head + "  details")
    for r in results:
        ratio = f"{r['cpu_s'] / base['cpu_s']:.2f}" if base and base["cpu_s"] else "-"
        details = {
            k: v for k, v in r.items() if k not in ("case", "wall_s", "cpu_s", "peak_rss_mb")
        }
        print(
            f"{r['case']:10} {r['wall_s']:8.2f} {r['cpu_s']:8.2f} {r['peak_rss_mb']:12.1f}"
            f" {ratio:>14}  {details}"
        )
    if base:
        ok = base["wall_s"] <= 60 and base["peak_rss_mb"] <= 1024
        print(f"target (≤ 60 s wall, ≤ 1024 MB): {'met' if ok else 'NOT met'}")
    return 0


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


if __name__ == "__main__":
    raise SystemExit(main())
