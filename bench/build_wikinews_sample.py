"""Build the WikiNews teaching sample shipped in ``toolkit/data/sample/`` from the shared data.

Run::

    .venv/bin/python bench/build_wikinews_sample.py [--shared ../shared/data]

Reads ``wikinews/wikinews_articles.jsonl`` (71 Arabic Wikinews articles in 7 categories, as
split from the Farasa WikiNews test set) and writes ``toolkit/data/sample/wikinews.jsonl``:
one record per article with ``doc_id`` (``wikinews-01`` ...), ``source`` (``ar.wikinews.org``),
``title``, ``category`` and ``text`` — the undiacritized paragraphs joined by blank lines.
The diacritized copies are left out (the toolkit's own tests use them), and no date is given:
the data has none. Same input, same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "toolkit" / "data" / "sample" / "wikinews.jsonl"


def build(shared: Path) -> list[dict]:
    rows = []
    with open(shared / "wikinews" / "wikinews_articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            paragraphs = [p.strip() for p in article["paragraphs"] if p.strip()]
            rows.append({
                "doc_id": f"wikinews-{int(article['id']):02d}",
                "source": "ar.wikinews.org",
                "title": article["title"].strip(),
                "category": article["category"],
                "text": "\n\n".join(paragraphs),
            })
    return sorted(rows, key=lambda r: r["doc_id"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
    parser.add_argument("--shared", type=Path, default=default)
    args = parser.parse_args()
    rows = build(args.shared)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    print(f"{OUT}: {len(rows)} articles, {sum(len(r['text']) for r in rows):,} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
