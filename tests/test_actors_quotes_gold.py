"""The quote development gold (tests/data/quotes_gold.jsonl) points at the right characters.

The gold stores no article text: only offsets into each article as ``load_corpus`` reads it
and the short annotated strings (cue, speaker, the quote's first and last 30 characters).
This test re-reads the articles from the shared data and checks every offset.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.corpus import load_corpus

GOLD = Path(__file__).parent / "data" / "quotes_gold.jsonl"
pytestmark = pytest.mark.slow  # reads most of the daily SaudiNewsNet zips


@pytest.fixture(scope="module")
def gold(shared_data):
    lines = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts: dict[str, str] = {}
    for file in sorted({line["file"] for line in lines}):
        if file.endswith(".txt"):
            texts[file] = (shared_data / file).read_text(encoding="utf-8")
            continue
        frame = load_corpus(shared_data / file).frame
        wanted = {line["doc"] for line in lines if line["file"] == file}
        for url, text in zip(frame["url"], frame["text"], strict=True):
            if url in wanted:
                texts.setdefault(url, text)
    return lines, texts


def test_gold_size_and_fields(gold):
    lines, texts = gold
    assert len(lines) >= 41 and sum(len(x["quotes"]) for x in lines) >= 150
    assert {x["doc"] for x in lines} <= set(texts), "an annotated article is not in shared/"
    for line in lines:
        for q in line["quotes"]:
            assert q["kind"] in ("direct", "indirect")
            assert isinstance(q["anonymous"], bool)


def test_every_offset_slices_to_its_string(gold):
    lines, texts = gold
    for line in lines:
        text = texts[line["doc"]]
        for q in line["quotes"]:
            where = f"{line['article']} {q['cue']} {q['quote_head']!r}"
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"], where
            assert text[q["start"] : q["start"] + 30] == q["quote_head"], where
            assert text[max(q["start"], q["end"] - 30) : q["end"]] == q["quote_tail"], where
            if q["speaker"] is not None:
                assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker"], where
