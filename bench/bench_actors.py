"""Actor matching throughput: toolkit.actors vs flashtext vs a regex alternation.

A 10,000-alias dictionary is built from the real Libya dictionary (every alias, role
title, demonym form and metonym) plus the most frequent word bigrams and trigrams of
SaudiNewsNet as fake aliases; all three engines then scan the same SaudiNewsNet text.

* ``toolkit`` — ``Matcher.spans`` (normalization, clitic-aware Aho-Corasick, offsets into
  the original text) and ``find_mentions``-equivalent ``Matcher.find`` (+ sentence index).
* ``flashtext`` — ``KeywordProcessor.extract_keywords(span_info=True)`` with its defaults
  (word boundaries are ASCII only, so it finds مصر inside مصرف), and once more with the
  Arabic letters declared word characters (``arabic-aware``); neither handles proclitics.
* ``regex`` — one ``re`` alternation, longest alternatives first, ``(?<!\\w)…(?!\\w)``;
  run on a slice only (``--regex-mb``) because it is slow, rate extrapolated.

Run by hand (not by pytest)::

    .venv/bin/python bench/bench_actors.py --week 2015-W32  # find_mentions on one week

    .venv/bin/python bench/bench_actors.py                 # whole SaudiNewsNet (~100 MB JSON)
    .venv/bin/python bench/bench_actors.py --mb 20         # first 20 MB of text

Prints each engine's MB/s as it finishes, then the ratios to both flashtext runs.
Times are CPU seconds of this process (``time.process_time``), so a busy machine
slows every engine alike; still, compare ratios from one run rather than MB/s across runs.
"""

from __future__ import annotations

import argparse
import json
import re
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


def week(label: str) -> int:
    """CPU seconds of ``find_mentions`` on one week with the world (default) and the Libya
    dictionaries side by side, then the world run's two halves: matching
    (``Matcher.spans``) and sentence numbering (``sentence_starts`` of the documents with
    a mention). Each is the best of three runs."""
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
        for _ in range(3):
            t0 = time.process_time()
            out = fn()
            times.append(time.process_time() - t0)
        return min(times), out

    lsecs, ltable = best(lambda: find_mentions(corpus, libya))
    secs, table = best(lambda: find_mentions(corpus, actors))
    print(f"{label}: {len(corpus)} documents, {mb:.1f} MB; {len(table)} mentions (world), "
          f"{len(ltable)} (libya)")
    print(f"{'find_mentions, libya':32} {lsecs:7.2f} CPU s  {mb / lsecs:6.2f} MB/s")
    print(f"{'find_mentions, world':32} {secs:7.2f} CPU s  {mb / secs:6.2f} MB/s  "
          f"({secs / lsecs:.2f}x libya)")
    secs, found = best(lambda: [matcher.spans(t, d) for t, d in docs])
    print(f"{'  Matcher.spans':32} {secs:7.2f} CPU s")
    with_mentions = [(t, max(f[1] for f in s)) for (t, _), s in zip(docs, found, strict=True) if s]
    secs, _ = best(lambda: [sentence_starts(t, upto=u) for t, u in with_mentions])
    print(f"{'  sentence_starts':32} {secs:7.2f} CPU s  ({len(with_mentions)} documents)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=None, help="read only this many MB of text")
    ap.add_argument("--aliases", type=int, default=10_000)
    ap.add_argument("--regex-mb", type=float, default=1.0, help="text slice for the regex run")
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
        return week(args.week)
    texts = read_texts(DATA, args.mb)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    real = load_default_actors()
    aliases = build_aliases(real, texts, args.aliases)
    actors = dictionary(aliases, real)
    print(f"text: {len(texts)} documents, {mb:.1f} MB (UTF-8); dictionary: {len(aliases)} aliases")

    rows: list[tuple[str, float, float, int]] = []
    header = f"{'engine':44} {'MB':>7} {'CPU s':>9} {'MB/s':>8} {'hits':>10}"

    def report(name: str, size: float, secs: float, hits: int) -> None:
        if not rows:
            print("\n" + header, flush=True)
        rows.append((name, size, secs, hits))
        print(f"{name:44} {size:7.1f} {secs:9.2f} {size / secs:8.2f} {hits:10d}", flush=True)

    t0 = time.perf_counter()
    matcher = Matcher(actors)
    build = time.perf_counter() - t0
    rss = _rss_mb()
    print(f"toolkit automaton: {matcher.n_patterns} patterns (proclitic variants) built in "
          f"{build:.2f} s" + (f"; process RSS {rss:.0f} MB" if rss else ""), flush=True)
    report("toolkit Matcher.spans_many (clitic-aware)", mb,
           *timed_batch(lambda ts: matcher.spans_many(ts, ["2015-07-25"] * len(ts)), texts))
    report("toolkit Matcher.spans, text by text", mb,
           *timed(lambda t: matcher.spans(t, "2015-07-25"), texts))

    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("flashtext not installed (pip install flashtext): skipped", file=sys.stderr)
        KeywordProcessor = None
    if KeywordProcessor is not None:
        kp = KeywordProcessor()
        for alias, actor in aliases.items():
            kp.add_keyword(alias, actor)
        report("flashtext (defaults)", mb,
               *timed(lambda t: kp.extract_keywords(t, span_info=True), texts))
        kp2 = KeywordProcessor()
        kp2.set_non_word_boundaries(
            set(string.ascii_letters + string.digits + "_")
            | {chr(c) for c in range(0x0621, 0x065F)}
        )
        for alias, actor in aliases.items():
            kp2.add_keyword(alias, actor)
        report("flashtext (arabic-aware boundaries)", mb,
               *timed(lambda t: kp2.extract_keywords(t, span_info=True), texts))

    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    rx = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
    part, size = [], 0.0
    for t in texts:
        part.append(t)
        size += len(t.encode("utf-8")) / 1e6
        if size >= args.regex_mb:
            break
    report(f"regex alternation (on {size:.1f} MB)", size, *timed(rx.findall, part))
    if args.sentences:
        report("toolkit Matcher.find (+ sentence index)", mb,
               *timed(lambda t: matcher.find(t, "2015-07-25"), texts))

    base = next((r for r in rows if r[0] == "flashtext (defaults)"), None)
    print(f"\n{'engine':44} {'MB/s':>8} {'× flashtext':>12} {'× flashtext arabic-aware':>25}")
    aware = next((r for r in rows if r[0].startswith("flashtext (arabic")), None)
    for name, size, secs, _hits in rows:
        rate = size / secs
        r1 = f"{rate / (base[1] / base[2]):.2f}" if base else "-"
        r2 = f"{rate / (aware[1] / aware[2]):.2f}" if aware else "-"
        print(f"{name:44} {rate:8.2f} {r1:>12} {r2:>25}")
    return 0


def _rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / 1e6

if __name__ == "__main__":
    raise SystemExit(main())
