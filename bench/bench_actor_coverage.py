"""Actor coverage of the default (world) dictionary on all of SaudiNewsNet (issue 13).

Prints, for the 31,030 articles of ``../shared/data/saudinewsnet/raw``:

* the share of articles with at least one mention (target ≥ 0.85);
* for Iran, Yemen, Iraq, Israel, the Houthis, King Salman, Egypt, the UN, ISIS and Syria,
  the share of their surface occurrences (the name as written, proclitics allowed,
  found by a regex independent of the matcher) that lie inside a mention of that actor
  itself, of that actor or one of its members, and of any actor.  The target (≥ 0.95
  each) is on the second column, "covered by one actor": an occurrence inside the longer
  name of one of the actor's own bodies or office-holders is that body's mention, and
  the longest match is the right reading (الأمم المتحدة in المفوضية السامية للأمم
  المتحدة لشؤون اللاجئين is UNHCR, in الأمين العام للأمم المتحدة Ban Ki-moon, both
  members of the UN: ``actors.groups()`` rolls them up).  Mentions never overlap, so
  the first column cannot reach 1 for an organization whose name sits inside its
  bodies' names; for each actor below 0.95 on it, the members that hold the rest are
  listed.  An occurrence of a person's name inside the name of an organization or a
  place named after them (مركز الملك سلمان للإغاثة, the relief centre) is not an
  occurrence of the person: it is left out of the count and shown apart;
* ``--read ACTOR``: a sample (``--seed``) of the occurrences of ACTOR's names that lie
  outside its own mentions, with the mention they lie in, to read and judge; the UN's, read
  for issue 13, is ``tests/data/world_un_coverage_sample_seed13.csv`` (46 of 60 inside the
  right UN body or official, 14 inside a title read as Ban Ki-moon that was someone else's:
  the envoys, ممثل/نائب/المتحدث باسم الأمين العام, a former SG; fixed in the dictionary);
* false friends: how often المالية/المالي (financial) and العيون (the eyes) lie inside a
  mention (targets ≤ 2% and ≤ 5%), and how many ``تركي بن`` lie inside a country mention (0);
* CPU seconds of ``find_mentions`` with the world and the Libya dictionaries, side by side
  (target: world ≤ 1.5× Libya).

Run by hand (not by pytest)::

    .venv/bin/python bench/bench_actor_coverage.py            # all 31,030 articles
    .venv/bin/python bench/bench_actor_coverage.py --docs 5000
    .venv/bin/python bench/bench_actor_coverage.py --sample 100 --seed 13 --out FILE.csv
    .venv/bin/python bench/bench_actor_coverage.py --read un --sample 60 --seed 13 --out FILE.csv
        # 60 occurrences of the UN's names NOT inside a mention of the UN itself, to read
    .venv/bin/python bench/bench_actor_coverage.py --dictionary OLD.yaml   # another world file
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.actors import find_mentions, load_actors, load_default_actors, load_libya_actors  # noqa: E402
from toolkit.corpus import load_corpus  # noqa: E402

SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
DATA = SHARED / "saudinewsnet" / "raw"

_PRE = "(?:[وف]?[بكل]?)"
#: actor id -> surface forms (as written; ال forms also take the elided لل)
TARGETS = {
    "iran": ["إيران", "ايران"],
    "yemen": ["اليمن"],
    "iraq": ["العراق"],
    "israel": ["إسرائيل", "اسرائيل"],
    "houthis": ["الحوثيين", "الحوثيون", "الحوثي", "أنصار الله", "انصار الله"],
    "king_salman": ["الملك سلمان"],
    "egypt": ["مصر"],
    "un": ["الأمم المتحدة", "الامم المتحدة", "الأممي", "الأممية", "الاممي", "الاممية"],
    "isis": ["داعش"],
    "syria": ["سوريا", "سورية"],
}
FALSE_FRIENDS = {"المالية/المالي": ["المالية", "المالي"], "العيون": ["العيون"]}


def pattern(forms: list[str]) -> re.Pattern:
    alts = []
    for f in sorted(forms, key=len, reverse=True):
        alts.append(_PRE + re.escape(f))
        if f.startswith("ال"):
            alts.append("[وف]?لل" + re.escape(f[2:]))
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])")


def inside(spans: list[tuple[int, int, str, str]], s: int, e: int):
    """The mention (start, end, actor, type) covering [s, e), or None (spans sorted)."""
    i = bisect_right(spans, (s, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= s and e <= spans[i][1]:
        return spans[i]
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=None, help="only the first N articles")
    ap.add_argument("--sample", type=int, default=0, help="also write N random mentions to --out")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=None)
    ap.add_argument("--read", default=None, metavar="ACTOR",
                    help="with --sample/--out: sample occurrences of this target not inside its own mention")
    ap.add_argument("--dictionary", default=None, help="a world dictionary file instead of the default")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"SaudiNewsNet not found at {DATA}", file=sys.stderr)
        return 2
    corpus = load_corpus(DATA)
    frame = corpus.frame if args.docs is None else corpus.frame.head(args.docs)
    world = load_actors(args.dictionary) if args.dictionary else load_default_actors()
    libya = load_libya_actors()
    find_mentions("تحمية", world), find_mentions("تحمية", libya)  # compile both first
    t0 = time.process_time()
    m_libya = find_mentions(frame, libya)
    t_libya = time.process_time() - t0
    t0 = time.process_time()
    m = find_mentions(frame, world)
    t_world = time.process_time() - t0
    n = len(frame)
    print(f"SaudiNewsNet: {n} articles; world dictionary: {len(world)} actors, {len(m)} mentions")
    print(f"find_mentions CPU s: world {t_world:.1f}, libya {t_libya:.1f}, "
          f"ratio {t_world / t_libya:.2f} (target <= 1.5)")
    with_mention = m.doc_id.nunique() / n
    print(f"articles with a mention: {with_mention:.3f} (target >= 0.85; libya dictionary: "
          f"{m_libya.doc_id.nunique() / n:.3f})")

    by_doc: dict[str, list] = {}
    for r in m[["doc_id", "start", "end", "actor_id", "actor_type"]].itertuples(index=False):
        by_doc.setdefault(r.doc_id, []).append((r.start, r.end, r.actor_id, r.actor_type))
    for v in by_doc.values():
        v.sort()
    texts = dict(zip(frame.doc_id, frame.text, strict=True))

    groups = world.groups()
    print(f"\n{'actor':14} {'occurrences':>12} {'itself':>8} {'or member':>10} {'any actor':>10}"
          "   (target >= 0.95 on 'or member')")
    held_by: dict[str, Counter] = {}
    elsewhere: list[tuple] = []  # (doc_id, start, end, surface, cover) of --read's target
    for actor_id, forms in TARGETS.items():
        rx = pattern(forms)
        total = right = member = anyone = 0
        held = held_by.setdefault(actor_id, Counter())
        named_after = Counter()
        person = world[actor_id].type == "person"
        for doc_id, text in texts.items():
            spans = by_doc.get(doc_id, [])
            for hit in rx.finditer(text):
                cover = inside(spans, hit.start(), hit.end())
                if person and cover is not None and cover[3] in ("organization", "place"):
                    named_after[cover[2]] += 1
                    continue
                total += 1
                if actor_id == args.read and (cover is None or cover[2] != actor_id):
                    elsewhere.append((doc_id, hit.start(), hit.end(), hit.group(), cover))
                if cover is not None:
                    anyone += 1
                    right += cover[2] == actor_id
                    is_member = cover[2] != actor_id and actor_id in groups.get(cover[2], ())
                    member += cover[2] == actor_id or is_member
                    if is_member:
                        held[cover[2]] += 1
        t = max(total, 1)
        flag = "" if member / t >= 0.95 else "  below target"
        print(f"{actor_id:14} {total:12d} {right / t:8.3f} {member / t:10.3f} {anyone / t:10.3f}{flag}")
        if right / t < 0.95 and held:
            parts = ", ".join(f"{k} {v}" for k, v in held.most_common(8))
            print(f"{'':14} held by its members: {parts}")
        if named_after:
            parts = ", ".join(f"{k} {v}" for k, v in named_after.most_common(8))
            print(f"{'':14} left out, inside names of what is named after it: {parts}")

    print("\nfalse friends (share of occurrences inside a mention):")
    for name, forms in FALSE_FRIENDS.items():
        rx = pattern(forms)
        total = hit_n = 0
        for doc_id, text in texts.items():
            spans = by_doc.get(doc_id, [])
            for hit in rx.finditer(text):
                total += 1
                hit_n += inside(spans, hit.start(), hit.end()) is not None
        print(f"  {name:16} {hit_n}/{total} = {hit_n / max(total, 1):.3f}")
    rx = re.compile(r"(?<![\w])تركي(?= بن )")
    total = country = 0
    for doc_id, text in texts.items():
        spans = by_doc.get(doc_id, [])
        for hit in rx.finditer(text):
            total += 1
            cover = inside(spans, hit.start(), hit.end())
            country += cover is not None and cover[3] == "country"
    print(f"  تركي بن … as a country: {country} of {total}")

    if args.read and args.sample and args.out:
        import random

        import pandas as pd

        picked = sorted(random.Random(args.seed).sample(elsewhere, min(args.sample, len(elsewhere))))
        rows = [{"doc_id": d, "start": s, "end": e, "surface": surf,
                 "inside": cover[2] if cover else "", "mention": texts[d][cover[0]:cover[1]] if cover else "",
                 "context": texts[d][max(0, s - 60):e + 60].replace("\n", " ")}
                for d, s, e, surf, cover in picked]
        pd.DataFrame(rows).to_csv(args.out, index=False)
        print(f"\nwrote {len(rows)} of {len(elsewhere)} occurrences of {args.read} outside its own mentions "
              f"to {args.out}")
    elif args.sample and args.out:
        sample = m.sample(args.sample, random_state=args.seed).sort_values(["doc_id", "start"])
        rows = []
        for r in sample.itertuples():
            text = texts[r.doc_id]
            rows.append({
                "doc_id": r.doc_id, "start": r.start, "end": r.end, "surface": r.surface,
                "actor_id": r.actor_id, "via": r.via, "matched": r.matched,
                "context": text[max(0, r.start - 60) : r.end + 60].replace("\n", " "),
            })
        import pandas as pd

        pd.DataFrame(rows).to_csv(args.out, index=False)
        print(f"\nwrote {len(rows)} sampled mentions to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
