"""Save every frequency table and the weekly brief's tables, or compare them with a save.

A refactor of the counting code must leave every table as it was. This script computes,
on the seed article, ``libya.jsonl`` and the ISO week 2015-W32 of SaudiNewsNet, the
frames of ``term_frequencies`` (overall, by source, by week), ``keyness`` (corpora and a
store's kept week counts), ``tfidf``, ``trends``, ``ngrams``, ``collocations``, the term
counts a store keeps per (week, source), and every frame of ``weekly_tables`` (sample,
libya, and a store with and without kept analyses); it writes them (``--write DIR``) or
compares them with a previous write (``--compare DIR``), frame by frame and exactly.

The stores: ``--kept`` (``antk ingest`` of SaudiNewsNet) and ``--bare`` (``antk ingest
--no-analyses``); the bare store is copied first, a brief counts into it.

    .venv/bin/python bench/table_baseline.py --write OUT --kept kept.sqlite --bare bare.sqlite
    .venv/bin/python bench/table_baseline.py --compare OUT --kept kept.sqlite --bare bare.sqlite
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LIBYA = DATA / "saudinewsnet" / "libya.jsonl"
WEEK = "2015-W32"
REFERENCE = ["2015-W28", "2015-W29", "2015-W30", "2015-W31"]
TRENDS = ["ليبيا", "حفتر", "وقف إطلاق النار", "السعودية"]


def frequency_tables(name: str, corpus, reference) -> dict[str, pd.DataFrame]:
    """The frequency family's frames of ``corpus`` (``reference``: the keyness reference)."""
    from toolkit.frequency import collocations, keyness, ngrams, term_frequencies, tfidf, trends

    out = {
        "freq": term_frequencies(corpus),
        "freq_source": term_frequencies(corpus, by="source"),
        "freq_week": term_frequencies(corpus, by="week"),
        "freq_keep": term_frequencies(corpus, clitics="keep", stopwords=False),
        "freq_split": term_frequencies(corpus, clitics="split"),
        "keyness": keyness(corpus, reference, min_count=3),
        "tfidf": tfidf(corpus, top=10),
        "tfidf_source": tfidf(corpus, by="source", top=10),
        "trends_d": trends(corpus, TRENDS, freq="D"),
        "trends_w": trends(corpus, TRENDS, freq="W"),
        "ngrams": ngrams(corpus, 2),
        "ngrams_23_source": ngrams(corpus, (2, 3), by="source"),
        "collocations": collocations(corpus),
    }
    sources = corpus.frame["source"].dropna()
    if sources.nunique() > 1:
        top = sources.value_counts().index[0]
        out["keyness_group"] = keyness(corpus, by="source", group=top)
    return {f"{name}/{k}": v for k, v in out.items()}


def weekly(name: str, source, period: str) -> dict[str, object]:
    """Every frame of ``weekly_tables`` (and its key terms and flags)."""
    from toolkit.reports import weekly_tables

    t = weekly_tables(source, period)
    out: dict[str, object] = {}
    for field, value in vars(t).items():
        if isinstance(value, pd.DataFrame):
            out[f"{name}/weekly/{field}"] = value
    out[f"{name}/weekly/key_terms"] = list(t.key_terms)
    out[f"{name}/weekly/flags"] = dict(t.flags)
    return out


def week_counts(store) -> dict[str, pd.DataFrame]:
    """The term counts of keyness from the store (the week's and its references')."""
    from toolkit.frequency import term_frequencies

    out = {}
    for week in [WEEK, *REFERENCE]:
        corpus = store.read(week=week)
        if len(corpus):
            out[f"store/week_counts/{week}"] = term_frequencies(
                corpus, by=["week", "source"], stopwords=False)
    return out


def compute(kept: Path, bare: Path, work: Path) -> dict[str, object]:
    from toolkit.corpus import load_corpus, sample
    from toolkit.corpus.store import Store
    from toolkit.frequency import keyness
    from toolkit.reports import weekly_tables  # noqa: F401  (import time not in the first table)

    tables: dict[str, object] = {}
    libya = load_corpus(LIBYA)
    seed = sample()
    started = time.perf_counter()
    tables.update(frequency_tables("seed", seed, libya))
    libya_ref = libya.filter(end="2015-07-31")
    libya_target = libya.filter(start="2015-08-01")
    tables.update(frequency_tables("libya", libya_target, libya_ref))
    with Store(kept, readonly=True) as store:
        w32 = store.read(week=WEEK)
        ref = store.read(start="2015-07-06", end="2015-08-02")
        tables.update(frequency_tables("w32", w32, ref))
        tables.update(week_counts(store))
    print(f"frequency tables: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from toolkit.frequency.week_counts import store_keyness

    copy = work / "bare.sqlite"
    shutil.copy(bare, copy)
    kept_copy = work / "kept.sqlite"
    shutil.copy(kept, kept_copy)
    with Store(kept, readonly=True) as store:
        tables["store/store_keyness_kept"] = store_keyness(store, WEEK, REFERENCE, min_count=3,
                                                            save=False)
    tables["store/keyness_corpora"] = keyness(w32, ref, min_count=3)
    tables.update(weekly("seed", seed, "2020-W11"))
    tables.update(weekly("libya", libya, "2015-W32"))
    tables.update(weekly("kept", kept_copy, WEEK))
    tables.update(weekly("bare", copy, WEEK))
    print(f"all tables: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return tables


def same(a: object, b: object) -> str:
    """'' when equal, else what differs."""
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        try:
            pd.testing.assert_frame_equal(a, b, check_exact=True)
        except AssertionError as exc:
            return str(exc).splitlines()[0] + " | " + " ".join(str(exc).split())[:300]
        return ""
    return "" if a == b else f"{a!r} != {b!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", type=Path)
    what.add_argument("--compare", type=Path)
    parser.add_argument("--kept", type=Path, required=True)
    parser.add_argument("--bare", type=Path, required=True)
    args = parser.parse_args()
    if not LIBYA.is_file():
        print(f"{LIBYA} not found (../shared/data is needed)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="antk-tables-") as work:
        tables = compute(args.kept.resolve(), args.bare.resolve(), Path(work))
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        with open(args.write / "tables.pkl", "wb") as handle:
            pickle.dump(tables, handle)
        print(f"wrote {len(tables)} tables to {args.write}")
        return 0
    with open(args.compare / "tables.pkl", "rb") as handle:
        saved = pickle.load(handle)
    bad = 0
    for key in sorted(set(saved) | set(tables)):
        if key not in tables or key not in saved:
            print(f"MISSING {key}: {'now' if key not in tables else 'saved'}")
            bad += 1
            continue
        diff = same(saved[key], tables[key])
        if diff:
            bad += 1
            print(f"DIFFERS {key}: {diff}")
    print(f"{len(saved)} saved tables, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
