"""Build ``toolkit/data/lexicon/wikinews_segmentations.tsv`` from the WikiNews gold.

Run by hand from the project root: ``python bench/build_lexicon.py``. The gold
(``../shared/data/wikinews/WikiNews.pos.ref``, Farasa WikiNews test set, "feel
free to copy and distribute"; text CC BY Wikinews contributors) gives each word
with its clitic segmentation; the table keeps, per written word, its most
frequent leading proclitics and how often it occurs. Nothing from SaudiNewsNet
is used (its licence forbids shipping derived data).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.text.segment import parse_gold, segmentations_table  # noqa: E402

SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "toolkit" / "data" / "lexicon" / "wikinews_segmentations.tsv"

HEADER = (
    "# word<TAB>leading proclitics (+-joined, empty = none)<TAB>count\n"
    "# Derived from the WikiNews gold segmentation (Farasa WikiNews test set,\n"
    "# github.com/kdarwish/Farasa; text CC BY Wikinews contributors) by bench/build_lexicon.py\n"
)


def main() -> int:
    gold = SHARED / "wikinews" / "WikiNews.pos.ref"
    pairs = parse_gold(gold.read_text(encoding="utf-8"))
    rows = segmentations_table(pairs)
    tmp = OUT.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for word, pro, count in rows:
            fh.write(f"{word}\t{pro}\t{count}\n")
    tmp.replace(OUT)
    print(f"{len(pairs)} gold words -> {len(rows)} rows in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
