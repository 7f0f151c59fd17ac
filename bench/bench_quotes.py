"""Speed of the quote table on one ISO week of SaudiNewsNet, today's rules against an earlier one.

    python bench/bench_quotes.py                   # 2015-W32, against the rules of commit 2289dfe
    python bench/bench_quotes.py --week 2015-W31 --baseline <rev> --rounds 3

Both run in this process, alternately, on the same corpus and the same mention table
(found once, not timed): the baseline is ``toolkit/actors/quotes.py`` of ``--baseline``
(read with ``git show``; it imports ``toolkit.actors._speech`` of that commit, whose cache of texts is
cleared before each of its rounds, so both start cold). Reported: ms per article of each
(best of the rounds) and their ratio, new / baseline, and the time of the public text layer
alone (``toolkit.text.tokenize`` + ``sentences`` of every text), which the new rules use
and the baseline replaced by a private single tokenization; the machine may be loaded by
other work, so only the ratios mean much.
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
from toolkit.text import sentences, tokenize

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
    times: dict[str, list[float]] = {"new": [], "baseline": []}
    rows = {}
    for _ in range(args.rounds):
        for name, fn in (("baseline", old), ("new", lambda c, m: quotes(c, mentions=m))):
            t = time.perf_counter()
            rows[name] = len(fn(corpus, mentions))
            times[name].append(time.perf_counter() - t)
    # the public text layer alone (tokens and sentences of every text): what an analysis
    # shared between passes (toolkit.text.analyze) pays once for all of them
    texts = [t for t in corpus.frame["text"].tolist() if t]
    times["text layer"] = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for x in texts:
            tokenize(x)
            sentences(x)
        times["text layer"].append(time.perf_counter() - t)
    best = {k: min(v) for k, v in times.items()}
    print(f"{args.week}: {n} articles, {len(mentions)} mentions")
    for k in ("baseline", "new", "text layer"):
        found = f"{rows[k]} quotes, " if k in rows else ""
        print(f"  {k:10} {1000 * best[k] / n:7.2f} ms/article  ({found}rounds {[round(x, 2) for x in times[k]]} s)")
    print(f"  ratio new/baseline = {best['new'] / best['baseline']:.2f}; "
          f"new without the text layer / baseline = {(best['new'] - best['text layer']) / best['baseline']:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
