"""The hand-annotated country mentions of 20 SaudiNewsNet articles (issue 13, the dev proxy of
bench/actor_country_score.py): the JSONL is the annotation, and its offsets slice the articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from toolkit.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
KINDS = {"name", "demonym", "kingdom", "metonym", "city"}


def gold() -> list[dict]:
    lines = (DATA / "world_country_gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def annotation() -> list[list[str]]:
    rows = (DATA / "world_country_gold_annotation.txt").read_text(encoding="utf-8").splitlines()
    return [r.split("\t") for r in rows if r.strip() and not r.startswith("#")]


def test_the_jsonl_is_the_annotation():
    records = gold()
    assert [g["article"] for g in records] == list(range(20))
    assert len({g["doc_id"] for g in records}) == 20
    expected = [(int(r[0]), r[1], r[2], r[3]) for r in annotation() if r[1] != "-"]
    got = [(g["article"], c["surface"], c["country"], c["kind"]) for g in records for c in g["countries"]]
    assert got == expected
    assert {c["kind"] for g in records for c in g["countries"]} <= KINDS
    # every article is listed, with "-" when it names no state
    assert {int(r[0]) for r in annotation()} == set(range(20))
    for g in records:
        starts = [c["start"] for c in g["countries"]]
        assert starts == sorted(starts) and all(c["end"] - c["start"] == len(c["surface"]) for c in g["countries"])


def test_offsets_slice_the_articles():
    raw = SHARED / "saudinewsnet" / "raw"
    if not raw.is_dir():
        pytest.skip(f"SaudiNewsNet not found at {raw} (set ANTK_SHARED_DATA)")
    records = gold()
    texts: dict[str, str] = {}
    for name in sorted({g["file"] for g in records}):
        frame = load_corpus(raw / name).frame
        texts.update(zip(frame["doc_id"], frame["text"], strict=True))
    for g in records:
        text = texts[g["doc_id"]]
        for c in g["countries"]:
            assert text[c["start"]:c["end"]] == c["surface"], (g["article"], c)
    # the other mentions judged on the same articles slice them too
    import csv

    with (DATA / "world_country_gold_other_mentions.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert texts[row["doc_id"]][int(row["start"]):int(row["end"])] == row["surface"], row
    # two spans checked by hand: the digits glued to البحرين, and the tanween of بريطانياً
    assert texts[records[0]["doc_id"]][records[0]["countries"][-1]["end"]] == "0"
    assert texts[records[18]["doc_id"]][records[18]["countries"][1]["end"]] == " "
