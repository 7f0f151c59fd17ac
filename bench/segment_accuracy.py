"""Accuracy of proclitic segmentation, on material that did not shape the rules.

Run from the project root: ``python bench/segment_accuracy.py [N]`` (N: how many errors
to show per set). A word is right when its leading proclitics (و ف ب ك ل س ال, in
order) equal the reference's. Nothing here ships: the segmenter's evidence is the
wordfreq list and a hand list of function words (``toolkit/data/lexicon/``).

* **WikiNews, 2-fold**: the gold (``../shared/data/wikinews/WikiNews.pos.ref``) is cut
  into blocks of 500 lines; the even blocks are the development half (its errors were
  read while writing the rules), the odd blocks the held-out half. Both are scored on
  the words that begin with a proclitic letter (و ف ب ك ل س ا).
* **300 SaudiNewsNet word types** (``tests/data/segment_saudinewsnet_300.tsv``): drawn
  with :func:`draw_types` (seed 15) and judged by reading before the rules were written.
* **Proper nouns** (``tests/data/segment_proper_nouns.tsv``): 245 names of SaudiNewsNet
  beginning with و ف ب ك ل, checked in context (candidates: ``--name-candidates``),
  all to be kept whole.
* **Development sets** (``tests/data/segment_dev_saudinewsnet_300.tsv``, seed 20261204,
  ``segment_dev_saudinewsnet_200.tsv``, seed 20261216, and
  ``tests/data/segment_dev_proper_nouns.tsv``, names drawn with seeds 20261204 and
  20261215): drawn and judged the same way from other types and other names, leaving out
  the held-out files' words; their errors shaped the rules. ``--dev`` scores only these and the WikiNews development half, with
  their errors (the held-out sets are then not read at all).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.text.segmentation import _key, default_segmenter, parse_gold  # noqa: E402
from toolkit.text.tokens import words  # noqa: E402

SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
DATA = ROOT / "tests" / "data"
BLOCK = 500
PROCLITIC_LETTERS = "وفبكلسا"
_ARABIC = re.compile("^[\u0621-\u064a]+$")


def folds(text: str) -> tuple[list, list]:
    """(even blocks, odd blocks) of the gold, as ``(word, proclitics)`` pairs."""
    lines = text.splitlines()[1:]
    even = "\n".join(ln for i, ln in enumerate(lines) if (i // BLOCK) % 2 == 0)
    odd = "\n".join(ln for i, ln in enumerate(lines) if (i // BLOCK) % 2 == 1)
    return parse_gold(even), parse_gold(odd)


def proclitic_initial(pairs):
    return [(w, p) for w, p in pairs if w[:1] in PROCLITIC_LETTERS]


def accuracy(seg, pairs, show: int = 0) -> float:
    right = 0
    errors: Counter = Counter()
    for word, gold in pairs:
        got = seg.proclitics(_key(word))
        if got == gold:
            right += 1
        else:
            errors[(word, "+".join(gold) or "-", "+".join(got) or "-")] += 1
    for (w, g, p), n in errors.most_common(show):
        print(f"    {n:3d}  {w}  gold={g}  ours={p}")
    return right / len(pairs)


def read_judged(
    path: Path = DATA / "segment_saudinewsnet_300.tsv",
) -> list[tuple[str, tuple[str, ...]]]:
    """``(word, proclitics)`` of the judged sample (segmentation column ``و+ال+جيش``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, seg = line.split("\t")[:2]
        parts = seg.split("+")
        out.append((word, tuple(parts[:-1])))
    return out


def read_names(path: Path = DATA / "segment_proper_nouns.tsv") -> list[str]:
    return [
        ln.split("\t")[0]
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln and ln[0] != "#"
    ]


def saudinewsnet_counts(raw: Path | None = None) -> Counter:
    """Word counts (light preset) of every SaudiNewsNet article, read from the daily zips."""
    counts: Counter = Counter()
    for z in sorted((raw or SHARED / "saudinewsnet" / "raw").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for doc in json.loads(zf.read(name)):
                    counts.update(words(doc.get("content") or "", preset="light"))
    return counts


def draw_types(counts: Counter, seed: int = 15, n: int = 300) -> list[str]:
    """``n`` word types beginning with a proclitic letter, at random with ``seed``."""
    types = sorted(
        w for w in counts if _ARABIC.match(w) and len(w) >= 2 and w[0] in PROCLITIC_LETTERS
    )
    return random.Random(seed).sample(types, n)


def dev_main(seg, a, show: int) -> int:
    """The development sets only, with their errors (``--dev``)."""
    print(f"  development half (even blocks)    {accuracy(seg, a, show):.4f}  ({len(a)} words)")
    judged = read_judged(DATA / "segment_dev_saudinewsnet_300.tsv")
    print(f"dev: 300 SaudiNewsNet types (seed 20261204)  {accuracy(seg, judged, show):.4f}")
    judged = read_judged(DATA / "segment_dev_saudinewsnet_200.tsv")
    print(f"dev: 200 SaudiNewsNet types (seed 20261216)  {accuracy(seg, judged, show):.4f}")
    names = read_names(DATA / "segment_dev_proper_nouns.tsv")
    cut = [w for w in names if seg.proclitics(_key(w))]
    print(
        f"dev: proper nouns kept whole        {1 - len(cut) / len(names):.4f}  "
        f"({len(names) - len(cut)}/{len(names)})"
    )
    if show:
        print("    cut:", " ".join(f"{w}={'+'.join(seg.proclitics(_key(w)))}" for w in cut))
    return 0


def main() -> int:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    show = int(numbers[0]) if numbers else 0
    seg = default_segmenter()
    gold = (SHARED / "wikinews" / "WikiNews.pos.ref").read_text(encoding="utf-8")
    a, b = (proclitic_initial(x) for x in folds(gold))
    if "--dev" in sys.argv:
        return dev_main(seg, a, show)
    base = sum(1 for _, p in a + b if not p) / (len(a) + len(b))
    print(
        f"WikiNews words beginning with a proclitic letter: {len(a) + len(b)} ({len(a)} + {len(b)})"
    )
    print(f"  never split (baseline)            {base:.4f}")
    print(f"  development half (even blocks)    {accuracy(seg, a, show):.4f}")
    print(f"  held-out half (odd blocks)        {accuracy(seg, b, show):.4f}")
    print(f"  both halves                       {accuracy(seg, a + b):.4f}")
    judged = read_judged()
    print(
        f"300 SaudiNewsNet types (seed 15)    {accuracy(seg, judged, show):.4f}  ({len(judged)} types)"
    )
    names = read_names()
    kept = [w for w in names if not seg.proclitics(_key(w))]
    print(
        f"proper nouns kept whole             {len(kept) / len(names):.4f}  ({len(kept)}/{len(names)})"
    )
    if show:
        print(
            "    cut:",
            " ".join(f"{w}={'+'.join(seg.proclitics(_key(w)))}" for w in names if w not in kept),
        )
    if "--name-candidates" in sys.argv:  # how the proper-noun list was drawn (then read by hand)
        print_name_candidates()
    return 0


_TITLES = (
    "الرئيس الأمير الامير الشيخ السيد اللاعب المدرب مدينة محافظة دولة عاصمة نادي النادي الدكتور "
    "الملك السفير المهاجم الحارس الفنان الفنانة الممثل الممثلة المطرب المغني الكاتب الروائي "
    "الشاعر شركة منطقة جزيرة ولاية الوزير الجنرال المستشار النجم بلدة قرية مقاطعة اللاعبة "
    "الكابتن عائلة المخرج مطار فندق جامعة الإعلامي المواطن العقيد اللواء"
).split()


def print_name_candidates(top: int = 700) -> None:
    """Words beginning with و ف ب ك ل right after a title or a place word, most frequent first."""
    pat = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, _TITLES)) + r")\s+([\u0621-\u064a]+)")
    found: Counter = Counter()
    for z in sorted((SHARED / "saudinewsnet" / "raw").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for doc in json.loads(zf.read(name)):
                    for m in pat.finditer(doc.get("content") or ""):
                        if m.group(1)[0] in "وفبكل" and len(m.group(1)) >= 3:
                            found[m.group(1)] += 1
    for w, n in found.most_common(top):
        print(n, w, sep="\t")


if __name__ == "__main__":
    raise SystemExit(main())
