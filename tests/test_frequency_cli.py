"""``antk freq`` and ``antk kwic`` on a small corpus cut from the seed article."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from toolkit.cli import main


@pytest.fixture()
def corpus_file(tmp_path, seed_text):
    # the seed's paragraphs as documents of two made-up sources on two days
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    path = tmp_path / "seed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, p in enumerate(paragraphs):
            rec = {
                "id": f"p{i}",
                "source": "a" if i % 2 == 0 else "b",
                "date": "2020-03-09" if i < 4 else "2020-03-17",
                "text": p,
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def test_freq_csv_by_source(corpus_file, tmp_path, capsys):
    out = tmp_path / "freq.csv"
    code = main(["freq", str(corpus_file), "--by", "source", "--top", "5", "--out", str(out)])
    assert code == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["source", "term", "count", "docs", "share", "rank", "form"]
    assert set(table["source"]) == {"a", "b"}
    assert (table["rank"] <= 5).all()
    # ليبيا: 11 in the whole seed; the two sources together hold all of them
    full = tmp_path / "full.csv"
    assert main(["freq", str(corpus_file), "--by", "source", "--out", str(full)]) == 0
    whole = pd.read_csv(full)
    assert whole[whole["term"] == "ليبيا"]["count"].sum() == 11
    assert "rows written" in capsys.readouterr().err


def test_freq_stdout_json_and_week(corpus_file, capsys):
    assert main(["freq", str(corpus_file), "--by", "week", "--format", "json", "--top", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = [json.loads(line) for line in lines]
    # 2020-03-09 is in ISO week 11, 2020-03-17 in week 12
    assert {r["week"] for r in rows} == {"2020-W11", "2020-W12"}


def test_freq_parquet(corpus_file, tmp_path):
    out = tmp_path / "f.parquet"
    assert main(["freq", str(corpus_file), "--format", "parquet", "--out", str(out)]) == 0
    t = pd.read_parquet(out).set_index("term")
    assert t.loc["ليبيا", "count"] == 11 and t.loc["تركيا", "count"] == 5


def test_freq_bad_usage(corpus_file, tmp_path, capsys):
    assert main(["freq", str(tmp_path / "missing.jsonl")]) == 2
    assert main(["freq", str(corpus_file), "--format", "parquet"]) == 2
    out = tmp_path / "exists.csv"
    out.write_text("keep me", encoding="utf-8")
    assert main(["freq", str(corpus_file), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"  # never overwritten silently
    assert main(["freq", str(corpus_file), "--by", "nope"]) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl" in err and "--force" in err and "nope" in err


def test_kwic_cli(corpus_file, capsys):
    assert main(["kwic", str(corpus_file), "حفتر", "--window", "2"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 10 and all("[حفتر]" in line for line in lines)
    assert "10 match(es)" in captured.err
    assert main(["kwic", str(corpus_file), "حفتر", "--format", "csv", "--limit", "3"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(frame) == 3 and (frame["match"] == "حفتر").all()


def test_kwic_cli_no_match_and_bad_regex(corpus_file, capsys):
    assert main(["kwic", str(corpus_file), "بوتين"]) == 0
    assert "no match" in capsys.readouterr().err
    assert main(["kwic", str(corpus_file), "(حفتر", "--regex"]) == 2
    assert "regular expression" in capsys.readouterr().err


def test_freq_ngrams(corpus_file, tmp_path):
    out = tmp_path / "bigrams.csv"
    assert main(["freq", str(corpus_file), "--ngrams", "2", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["ngram", "count", "docs", "share", "rank"]
    # 10 × "اطلاق النار" in the seed (see test_frequency_counts), article kept by default
    assert table.set_index("ngram").loc["اطلاق النار", "count"] == 10
