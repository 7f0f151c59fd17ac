"""Score ``toolkit.actors.quotes`` on the quote development gold (``tests/data/quotes_gold.jsonl``).

    python bench/quote_score.py              # precision, recall, speaker right, span right
    python bench/quote_score.py --errors     # and every miss, false alarm and wrong speaker
    python bench/quote_score.py --baseline 2289dfe   # the rules before toolkit.actors.speech

The gold holds 40 SaudiNewsNet articles drawn with a fixed seed (``bench/quote_gold_sample.py``)
and the seed article, every reported speech annotated by reading (``docs/quotes.md`` has the
guideline). The articles are read from the shared data folder (``$ANTK_SHARED_DATA`` or
``../shared/data``), the quotes found with the default actor dictionary.

Matching. A row of the table and a gold quote of the same article MATCH when their quote spans
overlap by at least half of the shorter one (characters, after trimming spaces, punctuation and
quotation marks at both ends); each gold quote matches at most one row and each row at most
one gold quote, the largest overlaps paired first.

* precision = matched rows / rows; recall = matched gold quotes / gold quotes;
* speaker right (of the matched) = both have no speaker, or the row's speaker span overlaps the
  gold speaker's, or one speaker's text contains the other's (normalized, ``search`` preset;
  the gold names an elided speaker — وأضاف، سموه — by an earlier mention of it);
* span right (of the matched) = both ends of the trimmed spans within 4 characters;
* kind right, anonymous right (of the matched) are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from toolkit.corpus import Corpus, load_corpus
from toolkit.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
_TRIM = " \t\n\r\u00a0.،,؛;:!؟?-–—\"'«»“”„()"
SLACK = 4


def load_gold(path: Path = GOLD) -> tuple[list[dict], dict[str, str]]:
    """The gold lines and doc -> article text (as ``load_corpus`` reads it)."""
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts: dict[str, str] = {}
    by_file: dict[str, set[str]] = {}
    for line in lines:
        by_file.setdefault(line["file"], set()).add(line["doc"])
    for file, docs in by_file.items():
        if file.endswith(".txt"):
            texts[file] = (SHARED / file).read_text(encoding="utf-8")
            continue
        frame = load_corpus(SHARED / file).frame
        for url, text in zip(frame["url"], frame["text"], strict=True):
            if url in docs and url not in texts:
                texts[url] = text
    return lines, texts


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _norm(s: str) -> str:
    words = []
    for w in normalize(s, "search").split():
        for p in ("وال", "بال", "لل", "ال"):
            if w.startswith(p) and len(w) > len(p) + 1:
                w = w[len(p) :]
                break
        words.append(w)
    return " ".join(words)


def speaker_right(g: dict, r: dict) -> bool:
    gs, rs = g.get("speaker"), r.get("speaker")
    if not gs or not isinstance(rs, str) or not rs:
        return (not gs) and not (isinstance(rs, str) and rs)
    if r["speaker_start"] < g["speaker_end"] and g["speaker_start"] < r["speaker_end"]:
        return True
    a, b = _norm(gs), _norm(rs)
    return bool(a) and bool(b) and (a in b or b in a)


def match(text: str, gold: list[dict], rows: list[dict]) -> list[tuple[dict, dict]]:
    pairs = []
    for g in gold:
        gs, ge = trim(text, g["start"], g["end"])
        for r in rows:
            rs, re_ = trim(text, int(r["start"]), int(r["end"]))
            ov = min(ge, re_) - max(gs, rs)
            if ov > 0 and ov * 2 >= min(ge - gs, re_ - rs):
                pairs.append((ov, id(g), id(r), g, r))
    pairs.sort(key=lambda p: -p[0])
    used_g, used_r, out = set(), set(), []
    for _, ig, ir, g, r in pairs:
        if ig not in used_g and ir not in used_r:
            used_g.add(ig)
            used_r.add(ir)
            out.append((g, r))
    return out


def score(errors: bool = False, baseline: str | None = None) -> dict[str, float]:
    from toolkit.actors import find_mentions, load_default_actors, quotes

    lines, texts = load_gold()
    docs = [line["doc"] for line in lines]
    corpus = Corpus.from_records([{"doc_id": d, "text": texts[d]} for d in docs])
    if baseline:  # the quote rules of an earlier commit (bench/bench_quotes.py loads them)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_quotes import baseline_quotes

        table = baseline_quotes(baseline)(corpus, find_mentions(corpus, load_default_actors()))
    else:
        table = quotes(corpus)
    n_gold = n_rows = n_match = sp_ok = span_ok = kind_ok = anon_ok = 0
    for line in lines:
        doc, text, gold = line["doc"], texts[line["doc"]], line["quotes"]
        rows = table[table["doc_id"] == doc].to_dict("records")
        pairs = match(text, gold, rows)
        n_gold, n_rows, n_match = n_gold + len(gold), n_rows + len(rows), n_match + len(pairs)
        for g, r in pairs:
            ok = speaker_right(g, r)
            sp_ok += ok
            gs, ge = trim(text, g["start"], g["end"])
            rs, re_ = trim(text, int(r["start"]), int(r["end"]))
            sok = abs(gs - rs) <= SLACK and abs(ge - re_) <= SLACK
            span_ok += sok
            kind_ok += g["kind"] == r["kind"]
            anon_ok += bool(g["anonymous"]) == bool(r["anonymous"])
            if errors and not ok:
                print(f"SPEAKER {line['article']}: gold {g['speaker']!r} got {r['speaker']!r} "
                      f"[{r.get('rule')}] cue {g['cue']} | {g['quote_head']}")
            if errors and not sok:
                print(f"SPAN {line['article']}: gold {text[gs:gs+25]!r}…{text[ge-25:ge]!r} "
                      f"got {text[rs:rs+25]!r}…{text[re_-25:re_]!r}")
        if errors:
            hit_g = {id(g) for g, _ in pairs}
            hit_r = {id(r) for _, r in pairs}
            for g in gold:
                if id(g) not in hit_g:
                    print(f"MISS {line['article']}: {g['cue']} | {g['speaker']} | {g['quote_head']}")
            for r in rows:
                if id(r) not in hit_r:
                    print(f"FALSE {line['article']}: {r.get('cue')} [{r.get('rule')}] | "
                          f"{r['speaker']} | {str(r['quote'])[:40]}")
    m = max(n_match, 1)
    return {
        "articles": len(lines),
        "gold": n_gold,
        "rows": n_rows,
        "matched": n_match,
        "precision": n_match / max(n_rows, 1),
        "recall": n_match / max(n_gold, 1),
        "speaker_right": sp_ok / m,
        "span_right": span_ok / m,
        "kind_right": kind_ok / m,
        "anonymous_right": anon_ok / m,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print every error")
    ap.add_argument("--baseline", help="score toolkit/actors/quotes.py of this commit instead")
    args = ap.parse_args()
    if not GOLD.exists() or not SHARED.exists():
        sys.exit(f"need {GOLD} and the shared data at {SHARED}")
    for k, v in score(args.errors, args.baseline).items():
        print(f"{k:16} {v:.3f}" if isinstance(v, float) else f"{k:16} {v}")


if __name__ == "__main__":
    main()
