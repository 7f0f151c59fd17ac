"""Actor matching throughput: toolkit.actors vs flashtext vs a regex alternation.

A 10,000-alias dictionary is built from the real Libya dictionary (every alias, role
title, demonym form and metonym) plus the most frequent word bigrams and trigrams of
SaudiNewsNet as fake aliases; all three engines then scan the same SaudiNewsNet text.

* ``toolkit`` — ``Matcher.spans_many``, the route ``find_mentions`` takes (normalization,
  the clitic-aware word trie walked for a batch of texts at once, offsets into the
  original text), ``Matcher.spans`` text by text, and with ``--sentences``
  ``Matcher.find`` (+ sentence index).
* ``flashtext`` — ``KeywordProcessor.extract_keywords(span_info=True)`` with its defaults
  (word boundaries are ASCII only, so it finds مصر inside مصرف), and once more with the
  Arabic letters declared word characters (``arabic-aware``); neither handles proclitics.
* ``regex`` — one ``re`` alternation, longest alternatives first, ``(?<!\\w)…(?!\\w)``;
  run on a slice only (``--regex-mb``) because it is slow, rate extrapolated.

Run by hand (not by pytest)::

    .venv/bin/python bench/bench_actors.py --week 2015-W32  # find_mentions on one week

    .venv/bin/python bench/bench_actors.py                 # whole SaudiNewsNet (~100 MB JSON)
    .venv/bin/python bench/bench_actors.py --mb 20         # first 20 MB of text

Every engine runs ``--repeat`` times (default 5), the engines interleaved; the medians
and their ratios to both flashtext runs are printed, then the toolkit/flashtext ratio of
each run.  Times are CPU seconds of this process (``time.process_time``), so a busy
machine slows every engine alike; still, compare ratios from one run, not MB/s across runs.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import string
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.actors import Actors, load_default_actors  # noqa: E402
from toolkit.actors.dictionary import Actor  # noqa: E402
from toolkit.actors.match import Matcher, demonym_forms  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "raw"


def read_texts(folder: Path, limit_mb: float | None) -> list[str]:
    texts: list[str] = []
    size = 0
    for z in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for rec in json.loads(zf.read(name).decode("utf-8")):
                    t = rec.get("content") or ""
                    if t:
                        texts.append(t)
                        size += len(t.encode("utf-8"))
                        if limit_mb and size >= limit_mb * 1e6:
                            return texts
    return texts


_WORD = re.compile(r"[\u0621-\u064a]+")


def build_aliases(actors: Actors, texts: list[str], total: int) -> dict[str, str]:
    """alias surface -> actor id: the real forms, then frequent n-grams as fake actors."""
    aliases: dict[str, str] = {}
    for a in actors:
        forms = list(a.aliases) + [r.title for r in a.roles] + list(a.metonyms)
        for d in a.demonyms:
            forms += demonym_forms(d)
        for f in forms:
            aliases.setdefault(f, a.id)
    counts: Counter[str] = Counter()
    for t in texts[:8000]:
        words = _WORD.findall(t)
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                counts[" ".join(words[i : i + n])] += 1
    for gram, _ in counts.most_common():
        if len(aliases) >= total:
            break
        aliases.setdefault(gram, f"fake_{len(aliases)}")
    return aliases


def dictionary(aliases: dict[str, str], real: Actors) -> Actors:
    by_actor: dict[str, list[str]] = {}
    for alias, actor in aliases.items():
        if actor.startswith("fake_"):
            by_actor.setdefault(actor, []).append(alias)
    fakes = [Actor(id=k, label={"ar": v[0]}, type="group", aliases=tuple(v)) for k, v in by_actor.items()]
    return Actors(list(real) + fakes, name="bench")


def timed(fn, texts: list[str]) -> tuple[float, int]:
    """CPU seconds (process time: fair between engines on a busy machine) and hits."""
    t0 = time.process_time()
    hits = 0
    for t in texts:
        hits += len(fn(t))
    return time.process_time() - t0, hits


def timed_batch(fn, texts: list[str]) -> tuple[float, int]:
    """As :func:`timed`, for an engine that takes the texts together (a list per text back)."""
    t0 = time.process_time()
    hits = sum(map(len, fn(texts)))
    return time.process_time() - t0, hits


def week(label: str, repeat: int = 3) -> int:
    """CPU seconds of ``find_mentions`` on one week with the world (default) and the Libya
    dictionaries side by side, then the world run's two halves: matching
    (``Matcher.spans_many``) and sentence numbering (``sentence_starts`` of the documents with
    a mention). Each is the median of ``repeat`` runs, the two dictionaries interleaved."""
    from toolkit.actors import find_mentions, load_libya_actors
    from toolkit.actors.match import _matcher, sentence_starts
    from toolkit.corpus import load_corpus

    corpus = load_corpus(DATA).filter(week=label)
    libya = load_libya_actors()
    _matcher(libya)
    actors = load_default_actors()
    matcher = _matcher(actors)
    frame = corpus.frame
    docs = list(zip(frame.text.tolist(), frame.date.tolist(), strict=True))
    mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6

    def best(fn) -> tuple[float, object]:
        times, out = [], None
        for _ in range(repeat):
            t0 = time.process_time()
            out = fn()
            times.append(time.process_time() - t0)
        return statistics.median(times), out

    ltimes, times = [], []
    for _ in range(repeat):  # interleaved: a busy spell slows both alike
        t0 = time.process_time()
        ltable = find_mentions(corpus, libya)
        ltimes.append(time.process_time() - t0)
        t0 = time.process_time()
        table = find_mentions(corpus, actors)
        times.append(time.process_time() - t0)
    lsecs, secs = statistics.median(ltimes), statistics.median(times)
    ratios = ", ".join(f"{w / lb:.2f}" for w, lb in zip(times, ltimes, strict=True))
    print(f"{label}: {len(corpus)} documents, {mb:.1f} MB; {len(table)} mentions (world), "
          f"{len(ltable)} (libya)")
    print(f"{'find_mentions, libya':32} {lsecs:7.2f} CPU s  {mb / lsecs:6.2f} MB/s")
    print(f"{'find_mentions, world':32} {secs:7.2f} CPU s  {mb / secs:6.2f} MB/s  "
          f"({secs / lsecs:.2f}x libya; run by run {ratios})")
    secs, found = best(lambda: matcher.spans_many([t for t, _ in docs], [d for _, d in docs]))
    print(f"{'  Matcher.spans_many':32} {secs:7.2f} CPU s")
    with_mentions = [(t, max(f[1] for f in s)) for (t, _), s in zip(docs, found, strict=True) if s]
    secs, _ = best(lambda: [sentence_starts(t, upto=u) for t, u in with_mentions])
    print(f"{'  sentence_starts':32} {secs:7.2f} CPU s  ({len(with_mentions)} documents)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=None, help="read only this many MB of text")
    ap.add_argument("--aliases", type=int, default=10_000)
    ap.add_argument("--regex-mb", type=float, default=1.0, help="text slice for the regex run")
    ap.add_argument("--repeat", type=int, default=5,
                    help="runs of every engine, interleaved; the medians are reported")
    ap.add_argument("--sentences", action="store_true",
                    help="also time Matcher.find, which adds the sentence index")
    ap.add_argument("--week", default=None,
                    help="only time find_mentions(corpus, default dictionary) on this ISO week "
                    "of SaudiNewsNet (e.g. 2015-W32), with its parts, then stop")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"SaudiNewsNet not found at {DATA}", file=sys.stderr)
        return 2
    if args.week:
        return week(args.week, args.repeat)
    texts = read_texts(DATA, args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    real = load_default_actors()
    aliases = build_aliases(real, texts, args.aliases)
    actors = dictionary(aliases, real)
    print(f"text: {len(texts)} documents, {mb:.1f} MB (UTF-8); dictionary: {len(aliases)} aliases")

    t0 = time.perf_counter()
    matcher = Matcher(actors)
    build = time.perf_counter() - t0
    rss = _rss_mb()
    print(f"toolkit matcher: {matcher.n_patterns} patterns (proclitic variants) built in "
          f"{build:.2f} s" + (f"; process RSS {rss:.0f} MB" if rss else ""), flush=True)

    # (name, MB, timer): each timer returns (CPU seconds, hits)
    engines: list[tuple[str, float, object]] = []
    engines.append(("toolkit Matcher.spans_many (clitic-aware)", mb, lambda: timed_batch(
        lambda ts: matcher.spans_many(ts, ["2015-07-25"] * len(ts)), texts)))
    engines.append(("toolkit Matcher.spans, text by text", mb, lambda: timed(
        lambda t: matcher.spans(t, "2015-07-25"), texts)))
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("flashtext not installed (pip install flashtext): skipped", file=sys.stderr)
        KeywordProcessor = None
    if KeywordProcessor is not None:
        kp = KeywordProcessor()
        for alias, actor in aliases.items():
            kp.add_keyword(alias, actor)
        kp2 = KeywordProcessor()
        kp2.set_non_word_boundaries(
            set(string.ascii_letters + string.digits + "_")
            | {chr(c) for c in range(0x0621, 0x065F)}
        )
        for alias, actor in aliases.items():
            kp2.add_keyword(alias, actor)
        engines.append(("flashtext (defaults)", mb, lambda: timed(
            lambda t: kp.extract_keywords(t, span_info=True), texts)))
        engines.append(("flashtext (arabic-aware boundaries)", mb, lambda: timed(
            lambda t: kp2.extract_keywords(t, span_info=True), texts)))
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    rx = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
    part, size = [], 0.0
    for t in texts:
        part.append(t)
        size += len(t.encode("utf-8")) / 1e6
        if size >= args.regex_mb:
            break
    engines.append((f"regex alternation (on {size:.1f} MB)", size, lambda: timed(rx.findall, part)))
    if args.sentences:
        engines.append(("toolkit Matcher.find (+ sentence index)", mb, lambda: timed(
            lambda t: matcher.find(t, "2015-07-25"), texts)))

    runs: dict[str, list[float]] = {name: [] for name, _, _ in engines}
    hits: dict[str, int] = {}
    for r in range(args.repeat):  # interleaved: a busy spell slows every engine alike
        for name, _size, run in engines:
            secs, n = run()
            runs[name].append(secs)
            hits[name] = n
        print(f"run {r + 1}/{args.repeat}: " + ", ".join(
            f"{name.split(' (')[0]} {runs[name][-1]:.2f} s" for name, _, _ in engines), flush=True)
    med = {name: statistics.median(v) for name, v in runs.items()}
    print(f"\n{'engine':44} {'MB':>6} {'median CPU s':>13} {'MB/s':>7} {'hits':>8}")
    for name, size, _ in engines:
        print(f"{name:44} {size:6.1f} {med[name]:13.2f} {size / med[name]:7.2f} {hits[name]:8d}")
    rate = {name: size / med[name] for name, size, _ in engines}
    base = rate.get("flashtext (defaults)")
    aware = rate.get("flashtext (arabic-aware boundaries)")
    print(f"\n{'engine':44} {'× flashtext':>12} {'× flashtext arabic-aware':>25}  (medians)")
    for name, _size, _ in engines:
        r1 = f"{rate[name] / base:.2f}" if base else "-"
        r2 = f"{rate[name] / aware:.2f}" if aware else "-"
        print(f"{name:44} {r1:>12} {r2:>25}")
    if aware:  # the same ratio run by run (each run's engines timed side by side)
        per_run = [(mb / a) / (mb / b) for a, b in zip(runs[engines[0][0]],
                                                      runs["flashtext (arabic-aware boundaries)"],
                                                      strict=True)]
        print("spans_many / flashtext arabic-aware, run by run: "
              + ", ".join(f"{x:.2f}" for x in per_run))
    return 0


def _rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 1e6

if __name__ == "__main__":
    raise SystemExit(main())
