"""Turn the hand annotation of reported speech into the offset gold ``tests/data/quotes_gold.jsonl``.

The annotation (``tests/data/quotes_gold_annotation.txt``) is written while reading each
article, one reported speech a line, in text order::

    <article> | <kind> | <cue> | <speaker> | <quote head> ... <quote tail> | <anonymous>

``article`` is the index printed by ``bench/quote_gold_sample.py`` (``seed`` for the seed
article), ``kind`` ``direct`` or ``indirect``, ``cue`` the cue's words as written, ``speaker``
the speaker as written (``-`` when none can be named; a leading ``^`` when it is not in the
report itself and is the nearest earlier mention: وأضاف, سموه), ``quote`` its first and last
words (or the whole quote without ``...``), ``anonymous`` 0 or 1. A line ``<article> | none``
records an article read and found without reported speech.

Offsets are found by search: the quote's head from the previous quote's start on, its tail
after the head; the cue nearest the quote (before it first); the speaker nearest the cue
(after it first, or before it for ``^``). Each record keeps the short strings (cue, speaker,
the quote's first and last 30 characters) so that ``tests/test_actors_quotes_gold.py`` can
check that every offset slices the article as loaded by ``load_corpus`` to them.

    python bench/quote_gold_offsets.py        # writes the gold, prints every record
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quote_gold_sample import ROOT, SHARED, articles, gold_urls  # noqa: E402

ANNOTATION = ROOT / "tests" / "data" / "quotes_gold_annotation.txt"
GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
EDGE = 30
SEED_ID = "seed_article.txt"


def _near(text: str, s: str, pos: int, before_first: bool) -> int:
    """Start of the occurrence of ``s`` nearest ``pos`` (on the preferred side first)."""
    back = text.rfind(s, 0, pos + len(s))
    fwd = text.find(s, pos)
    if before_first:
        if back >= 0 and pos - back <= 400:
            return back
        return fwd if fwd >= 0 else back
    if fwd >= 0 and fwd - pos <= 400:
        return fwd
    return back if back >= 0 else fwd


def resolve(text: str, line: str, cursor: int) -> dict:
    art, kind, cue, speaker, quote, anon = (f.strip() for f in line.split("|"))
    head, _, tail = quote.partition("...")
    head, tail = head.strip(), tail.strip()
    qs = text.find(head, cursor)
    if qs < 0:
        raise ValueError(f"{art}: quote head {head!r} not found after {cursor}")
    qe = (text.find(tail, qs) + len(tail)) if tail else qs + len(head)
    if tail and qe < len(tail):
        raise ValueError(f"{art}: quote tail {tail!r} not found")
    cs = _near(text, cue, qs, before_first=True)
    if cs < 0:
        raise ValueError(f"{art}: cue {cue!r} not found")
    rec = {
        "kind": kind,
        "cue": cue,
        "cue_start": cs,
        "cue_end": cs + len(cue),
        "start": qs,
        "end": qe,
        "quote_head": text[qs : qs + EDGE],
        "quote_tail": text[max(qs, qe - EDGE) : qe],
        "anonymous": anon == "1",
    }
    if speaker == "-":
        rec.update(speaker=None, speaker_start=None, speaker_end=None, elided=False)
    else:
        elided = speaker.startswith("^")
        sp = speaker.lstrip("^").strip()
        ss = (text.rfind(sp, 0, cs) if elided else _near(text, sp, cs + len(cue), False))
        if ss < 0:
            raise ValueError(f"{art}: speaker {sp!r} not found near the cue {cue!r}")
        rec.update(speaker=sp, speaker_start=ss, speaker_end=ss + len(sp), elided=elided)
    return rec


def main() -> None:
    files: dict[str, str] = {}
    texts = articles(files)
    gold = gold_urls(list(texts))
    seed = (SHARED / SEED_ID).read_text(encoding="utf-8")
    by_article: dict[str, list[dict]] = {}
    cursors: dict[str, int] = {}
    order: list[str] = []
    for raw in ANNOTATION.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        art = raw.split("|", 1)[0].strip()
        if art not in by_article:
            by_article[art] = []
            order.append(art)
        if raw.split("|")[1].strip() == "none":
            continue
        text = seed if art == "seed" else texts[gold[int(art)]]
        rec = resolve(text, raw, cursors.get(art, 0))
        cursors[art] = rec["start"]
        by_article[art].append(rec)
    with GOLD.open("w", encoding="utf-8") as out:
        for art in order:
            doc = SEED_ID if art == "seed" else gold[int(art)]
            where = "seed_article.txt" if art == "seed" else f"saudinewsnet/raw/{files[doc]}"
            line = {"article": art, "doc": doc, "file": where, "quotes": by_article[art]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            for r in by_article[art]:
                print(art, r["kind"], r["cue"], "|", r["speaker"], "|", r["quote_head"], "…",
                      r["quote_tail"], r["anonymous"])
    n = sum(len(v) for v in by_article.values())
    print(f"{len(order)} articles, {n} reported speech -> {GOLD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
