"""Pick the SaudiNewsNet articles of the quote development gold (and a separate rule-writing sample).

The gold (``tests/data/quotes_gold.jsonl``) is annotated on the articles this script picks
with ``random.Random(GOLD_SEED)`` out of every article of the 18 daily zips, in url order;
the articles are annotated in the printed order, so a shorter gold is a prefix of it, not
a choice. Rules are written while reading OTHER articles: ``--dev`` prints a sample drawn
with ``DEV_SEED`` from the articles not in the gold.

    python bench/quote_gold_sample.py            # the 40 gold urls, in annotation order
    python bench/quote_gold_sample.py --dev 30   # 30 rule-writing urls (never the gold)
    python bench/quote_gold_sample.py --dev 30 --seed 2026   # the sample of tests/data/quotes_dev_2026.tsv
    python bench/quote_gold_sample.py --dev 36 --seed 1204 --exclude tests/data/quotes_dev_2026.tsv
                                                 # the sample of tests/data/quotes_dev_1204.tsv
    python bench/quote_gold_sample.py --show 3   # print gold article 3 (index, url, text)

The shared data folder is ``$ANTK_SHARED_DATA`` or ``../shared/data`` from the project root.
"""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

from toolkit.corpus import load_corpus

GOLD_SEED = 14
DEV_SEED = 1414
GOLD_SIZE = 40

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))


def articles(files: dict[str, str] | None = None) -> dict[str, str]:
    """url -> text (as :func:`toolkit.corpus.load_corpus` gives it) of every non-empty article.

    ``files``, when given, is filled with url -> the name of the zip the article is in.
    """
    out: dict[str, str] = {}
    for z in sorted((SHARED / "saudinewsnet" / "raw").glob("*.zip")):
        frame = load_corpus(z).frame
        for url, text in zip(frame["url"], frame["text"], strict=True):
            if isinstance(text, str) and text.strip() and url not in out:
                out[url] = text
                if files is not None:
                    files[url] = z.name
    return out


def gold_urls(urls: list[str]) -> list[str]:
    return random.Random(GOLD_SEED).sample(sorted(urls), GOLD_SIZE)


def sample_urls(path: Path) -> set[str]:
    """The urls of a judged development sample (``tests/data/quotes_dev_<seed>.tsv``)."""
    rows = [x.split("\t") for x in path.read_text(encoding="utf-8").splitlines()]
    return {r[1] for r in rows if len(r) > 1 and not r[0].startswith("#")}


def dev_urls(urls: list[str], n: int, seed: int = DEV_SEED, exclude: set[str] | None = None) -> list[str]:
    """``n`` urls drawn with ``seed`` from those neither in the gold nor in ``exclude``."""
    gold = set(gold_urls(urls)) | (exclude or set())
    rest = [u for u in sorted(urls) if u not in gold]
    return random.Random(seed).sample(rest, n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=int, default=0, help="print N rule-writing urls instead")
    ap.add_argument("--seed", type=int, default=DEV_SEED, help="the seed of --dev (default %(default)s)")
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="a judged sample (tests/data/quotes_dev_<seed>.tsv) whose urls are not drawn again")
    ap.add_argument("--show", type=int, default=-1, help="print gold article N with its text")
    args = ap.parse_args()
    texts = articles()
    if args.dev:
        exclude = set().union(*(sample_urls(p) for p in args.exclude))
        for u in dev_urls(list(texts), args.dev, args.seed, exclude):
            print(u)
        return
    gold = gold_urls(list(texts))
    if args.show >= 0:
        u = gold[args.show]
        print(args.show, u, len(texts[u]))
        print(texts[u])
        return
    for k, u in enumerate(gold):
        print(k, len(texts[u]), u)


if __name__ == "__main__":
    main()
