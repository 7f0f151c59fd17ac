"""Speed of the quote table on one ISO week of SaudiNewsNet, today's rules against an earlier one.

    python bench/bench_quotes.py                   # 2015-W32, against the rules of commit 2289dfe
    python bench/bench_quotes.py --week 2015-W31 --baseline <rev> --rounds 3

All run in this process, alternately, on the same corpus and the same mention table (found
once, not timed):

* ``baseline``: ``toolkit/actors/quotes.py`` of ``--baseline`` (read with ``git show``; it
  imports ``toolkit.actors._speech`` of that commit, whose cache of texts is cleared before
  each of its rounds, so it starts cold), tokenizing privately;
* ``corpus``: ``quotes(corpus, mentions=m)``, which analyses each text as it reads it;
* ``analysis``: ``quotes(analysis, mentions=m)`` with ``analysis = toolkit.text.analyze(corpus)``
  made beforehand (not timed): the rules alone, on the tokens a notebook shares between passes;
* ``analyze``: ``toolkit.text.analyze(corpus)`` alone (what the analysis route does not pay).

Reported: ms per article of each (best of the rounds) and the ratios to the baseline; the
machine may be loaded by other work, so only the ratios mean much.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from toolkit.actors import find_mentions, load_default_actors
from toolkit.actors.speech import quotes
from toolkit.corpus import Corpus, load_corpus
from toolkit.text import analyze

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))


def week_corpus(week: str) -> Corpus:
    year, w = week.split("-W")
    frames = []
    for z in sorted((SHARED / "saudinewsnet" / "raw").glob("*.zip")):
        f = load_corpus(z).frame
        iso = pd.to_datetime(f["date"]).dt.isocalendar()
        frames.append(f[(iso["year"] == int(year)) & (iso["week"] == int(w))])
    frame = pd.concat(frames, ignore_index=True)
    return Corpus.from_records(frame[["doc_id", "date", "source", "title", "text"]].to_dict("records"))


def baseline_quotes(rev: str):
    src = subprocess.run(
        ["git", "show", f"{rev}:toolkit/actors/quotes.py"], cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "quotes_baseline.py"
    path.write_text(src, encoding="utf-8")
    # the old module imported toolkit.actors._speech (its cache of texts, since removed):
    # load that module of the same commit under its own name
    speech_src = subprocess.run(
        ["git", "show", f"{rev}:toolkit/actors/_speech.py"], cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout
    speech_path = path.parent / "speech_baseline.py"
    speech_path.write_text(speech_src, encoding="utf-8")
    speech_spec = importlib.util.spec_from_file_location("toolkit.actors._speech", speech_path)
    speech = importlib.util.module_from_spec(speech_spec)
    sys.modules[speech_spec.name] = speech
    speech_spec.loader.exec_module(speech)
    spec = importlib.util.spec_from_file_location("quotes_baseline", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    # and the data files of that commit (the word lists changed with the rules)
    data = path.parent / "data"
    data.mkdir()
    for name in ("reporting_verbs.yaml", "anonymous_speakers.txt", "titles_ar.txt", "honorifics.txt"):
        (data / name).write_text(subprocess.run(
            ["git", "show", f"{rev}:toolkit/data/actors/{name}"], cwd=ROOT, check=True,
            capture_output=True, text=True,
        ).stdout, encoding="utf-8")
    mod.data_path = lambda name: data / name
    def run(corpus, mentions):
        speech.clear_cache()
        return mod.quotes(corpus, mentions=mentions)

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--week", default="2015-W32")
    ap.add_argument("--baseline", default="2289dfe")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    corpus = week_corpus(args.week)
    n = len(corpus)
    mentions = find_mentions(corpus, load_default_actors())
    old = baseline_quotes(args.baseline)
    analysis = analyze(corpus)
    runs = (
        ("baseline", lambda: old(corpus, mentions)),
        ("corpus", lambda: quotes(corpus, mentions=mentions)),
        ("analysis", lambda: quotes(analysis, mentions=mentions)),
        ("analyze", lambda: analyze(corpus)),
    )
    times: dict[str, list[float]] = {name: [] for name, _ in runs}
    rows = {}
    for _ in range(args.rounds):
        for name, fn in runs:
            t = time.perf_counter()
            out = fn()
            times[name].append(time.perf_counter() - t)
            if name != "analyze":
                rows[name] = len(out)
    best = {k: min(v) for k, v in times.items()}
    print(f"{args.week}: {n} articles, {len(mentions)} mentions")
    for k, _ in runs:
        found = f"{rows[k]} quotes, " if k in rows else ""
        print(f"  {k:10} {1000 * best[k] / n:7.3f} ms/article  ({found}rounds {[round(x, 2) for x in times[k]]} s)")
    print(f"  ratio corpus/baseline = {best['corpus'] / best['baseline']:.2f}; "
          f"analysis/baseline = {best['analysis'] / best['baseline']:.2f}; "
          f"analysis/analyze = {best['analysis'] / best['analyze']:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
