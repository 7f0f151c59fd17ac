"""Word accuracy of proclitic segmentation against the WikiNews gold.

Run from the project root: ``python bench/segment_accuracy.py``. A word is right
when its leading proclitics (و ف ب ك ل س ال, in order) equal the gold's.

Evaluations (the lexicon never sees the gold of the words it is scored on):

* ``2-fold``: the gold is cut into blocks of 500 lines; a segmenter built from the
  even blocks (memory + counts + hand lists) is scored on the odd blocks and vice versa.
* ``2-fold + own vocab``: as above, plus the raw word counts of the scored half
  itself (unsupervised: what ``segment(word, vocab=corpus_counts)`` does on a corpus).
* ``2-fold + SaudiNewsNet vocab``: as above, plus word counts of the whole
  SaudiNewsNet corpus (read at run time; never shipped).
* ``no lexicon``: hand lists only, for reference.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.text.segment import _key, parse_gold, segmenter_from_pairs  # noqa: E402
from toolkit.text.tokenize import words  # noqa: E402

SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
BLOCK = 500


def folds(text: str) -> tuple[list, list]:
    lines = text.splitlines()[1:]
    even = "\n".join(ln for i, ln in enumerate(lines) if (i // BLOCK) % 2 == 0)
    odd = "\n".join(ln for i, ln in enumerate(lines) if (i // BLOCK) % 2 == 1)
    return parse_gold(even), parse_gold(odd)


def accuracy(seg, pairs, show: int = 0) -> float:
    right = 0
    errors = Counter()
    for word, gold in pairs:
        got = seg.proclitics(_key(word))
        if got == gold:
            right += 1
        else:
            errors[(word, "+".join(gold) or "-", "+".join(got) or "-")] += 1
    for (w, g, p), n in errors.most_common(show):
        print(f"    {n:3d}  {w}  gold={g}  ours={p}")
    return right / len(pairs)


def raw_counts(pairs) -> Counter:
    return Counter(w for w, _ in pairs)


def saudinewsnet_counts(raw: Path | None = None) -> Counter:
    """Word counts (light preset) of every SaudiNewsNet article, read from the daily zips."""
    counts: Counter = Counter()
    for z in sorted((raw or SHARED / "saudinewsnet" / "raw").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for doc in json.loads(zf.read(name)):
                    counts.update(words(doc.get("content") or "", preset="light"))
    return counts


def two_fold(a, b, vocab_a=None, vocab_b=None, show=0) -> float:
    sa, sb = segmenter_from_pairs(a), segmenter_from_pairs(b)
    if vocab_a is not None:
        sa, sb = sa.with_vocab(vocab_b), sb.with_vocab(vocab_a)
    n = len(a) + len(b)
    return (accuracy(sa, b, show) * len(b) + accuracy(sb, a, show) * len(a)) / n


def main() -> int:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]  # how many errors to show
    show = int(numbers[0]) if numbers else 0
    gold = (SHARED / "wikinews" / "WikiNews.pos.ref").read_text(encoding="utf-8")
    a, b = folds(gold)
    print(f"gold words: {len(a) + len(b)} (fold sizes {len(a)}, {len(b)})")
    base = sum(1 for _, p in a + b if not p) / (len(a) + len(b))
    print(f"  never split (baseline)        {base:.4f}")
    none = segmenter_from_pairs([], hand_lists=True)
    print(f"  hand lists only               {accuracy(none, a + b):.4f}")
    print(f"  2-fold                        {two_fold(a, b, show=show):.4f}")
    print(f"  2-fold + own vocab            {two_fold(a, b, raw_counts(a), raw_counts(b)):.4f}")
    if "--saudi" in sys.argv:
        t = time.time()
        sn = saudinewsnet_counts()
        print(f"  (SaudiNewsNet counts: {len(sn)} types in {time.time() - t:.0f} s)")
        print(f"  2-fold + SaudiNewsNet vocab   {two_fold(a, b, sn, sn, show=show):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
