"""Print rule-writing articles with the quote table found on each, to judge it by reading.

    python bench/quote_gold_sample.py --dev 36 --seed 1204 --exclude tests/data/quotes_dev_2026.tsv > urls
    python bench/quote_dev_show.py urls            # every article: text, then its rows
    python bench/quote_dev_show.py urls --only 3   # article 3 of the list

Only for development articles (never the gold's: the script refuses a gold url). Each row is
printed as cue | speaker | rule | quote, so a judgement line can be written per article.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quote_gold_sample import articles, gold_urls  # noqa: E402

from toolkit.actors import quotes  # noqa: E402
from toolkit.corpus import Corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("urls", type=Path, help="a file of urls, one a line")
    ap.add_argument("--only", type=int, default=-1, help="print only article N of the list")
    args = ap.parse_args()
    urls = [u.strip() for u in args.urls.read_text(encoding="utf-8").splitlines() if u.strip()]
    texts = articles()
    if set(urls) & set(gold_urls(list(texts))):
        sys.exit("a gold article is in the list: the gold is only for scoring")
    picked = [(k, u) for k, u in enumerate(urls) if args.only in (-1, k)]
    corpus = Corpus.from_records([{"doc_id": str(k), "text": texts[u]} for k, u in picked])
    table = quotes(corpus)
    for k, u in picked:
        print(f"=== {k} {u}")
        print(texts[u])
        print("--- rows")
        for r in table[table["doc_id"] == str(k)].itertuples():
            print(f"  [{r.cue}] {r.speaker} | {r.rule} | {r.quote}")
        print()


if __name__ == "__main__":
    main()
