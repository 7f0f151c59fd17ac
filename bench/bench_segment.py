"""Segmentation before and after, side by side in one run: speed, and the libya frequency table.

Run from the project root: ``python bench/bench_segment.py [--old REV]`` (REV: the commit
whose toolkit is "before"; default the one before issue 15's segmentation work). The old
toolkit is taken with ``git archive REV toolkit`` into a temporary folder; each side runs in
a fresh process of its own:

* the first ``segment()`` call of a fresh process (import excluded, lexicon load included);
  wall and CPU time (CPU time is the fairer figure on a loaded machine);
* ``segment()`` of every SaudiNewsNet word type (light preset, ~301,000) and
  ``proclitic_lengths`` of their search-normalized forms, load included;
* ``term_frequencies`` of ``../shared/data/saudinewsnet/libya.jsonl``; the 30 terms whose
  counts changed most are written side by side to ``bench/results/segment_libya_terms.tsv``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from segment_accuracy import SHARED, saudinewsnet_counts  # noqa: E402

OLD_REV = "2289dfe"
OUT = ROOT / "bench" / "results" / "segment_libya_terms.tsv"

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
forms = json.load(open(sys.argv[2], encoding="utf-8"))
t = time.perf_counter()
from toolkit.text.segmentation import segment, proclitic_lengths
from toolkit.text import normalize
imported = time.perf_counter() - t
t, c = time.perf_counter(), time.process_time()
segment("وبالجيش")
first, first_cpu = time.perf_counter() - t, time.process_time() - c
t, c = time.perf_counter(), time.process_time()
for w in forms:
    segment(w)
seg_all, seg_cpu = time.perf_counter() - t, time.process_time() - c
norms = [normalize(w, "search") for w in forms]
t, c = time.perf_counter(), time.process_time()
proclitic_lengths(norms)
search_all, search_cpu = time.perf_counter() - t, time.process_time() - c
from toolkit.corpus import load_corpus
from toolkit.frequency import term_frequencies
tf = term_frequencies(load_corpus(sys.argv[3]))
tf.to_csv(sys.argv[4], index=False)
print(json.dumps({"import": imported, "first_call": first, "first_call_cpu": first_cpu,
                  "segment_all": seg_all, "segment_all_cpu": seg_cpu,
                  "proclitic_lengths_all": search_all, "proclitic_lengths_all_cpu": search_cpu}))
"""


def old_toolkit(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", rev, "toolkit"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_side(root: Path, forms_path: Path, out_csv: Path) -> dict:
    libya = SHARED / "saudinewsnet" / "libya.jsonl"
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), str(forms_path), str(libya), str(out_csv)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def changed_terms(old: pd.DataFrame, new: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The ``n`` terms whose count changed most: columns term, count_before, count_after, change."""
    both = old[["term", "count"]].merge(new[["term", "count"]], on="term", how="outer", suffixes=("_before", "_after"))
    both = both.fillna(0).astype({"count_before": int, "count_after": int})
    both["change"] = both["count_after"] - both["count_before"]
    both = both.reindex(both["change"].abs().sort_values(ascending=False, kind="stable").index)
    return both.head(n).reset_index(drop=True)


def main() -> int:
    rev = sys.argv[sys.argv.index("--old") + 1] if "--old" in sys.argv else OLD_REV
    forms = sorted(saudinewsnet_counts())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        forms_path = tmp / "forms.json"
        forms_path.write_text(json.dumps(forms, ensure_ascii=False), encoding="utf-8")
        old_root = old_toolkit(rev, tmp / "old")
        res = {}
        for side, root in (("before", old_root), ("after", ROOT)):
            res[side] = run_side(root, forms_path, tmp / f"{side}.csv")
        old = pd.read_csv(tmp / "before.csv")
        new = pd.read_csv(tmp / "after.csv")
    print(f"{len(forms)} SaudiNewsNet word types; before = {rev}, after = this tree (one run)")
    print(f"  (wall and CPU seconds; the machine's load average: {os.getloadavg()[0]:.1f})")
    for k in ("first_call", "segment_all", "proclitic_lengths_all", "import"):
        k_cpu = k + "_cpu"
        if k_cpu in res["before"]:
            b, a = res["before"][k_cpu], res["after"][k_cpu]
            print(f"  {k_cpu:24s} before {b:7.3f} s   after {a:7.3f} s   after/before {a / b:5.2f}")
        b, a = res["before"][k], res["after"][k]
        print(f"  {k:24s} before {b:7.3f} s   after {a:7.3f} s   after/before {a / b:5.2f}")
    table = changed_terms(old, new)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(OUT, sep="\t", index=False)
    print(f"libya.jsonl: {len(old)} terms before, {len(new)} after; 30 that changed most -> "
          f"{OUT.relative_to(ROOT)}")
    print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
