"""KWIC, trends and collocations on the seed article and the Libya subset (counts by hand)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from toolkit.corpus import Corpus, load_corpus, sample
from toolkit.frequency import collocations, kwic, term_frequencies, trends


@pytest.fixture(scope="module")
def seed():
    return sample()


@pytest.fixture(scope="module")
def libya(libya_jsonl):
    return load_corpus(libya_jsonl)


def _offsets_hold(frame: pd.DataFrame, corpus) -> None:
    for row in frame.itertuples():
        text = corpus.text(row.doc_id)
        assert text[row.start : row.end] == row.match
        assert text[row.start - len(row.left) : row.start] == row.left
        assert text[row.end : row.end + len(row.right)] == row.right


def test_kwic_word_in_seed(seed):
    k = kwic(seed, "حفتر", window=3)
    assert list(k.columns) == ["doc_id", "start", "end", "left", "match", "right"]
    assert len(k) == 10  # حفتر occurs 10 times in the seed, always bare
    _offsets_hold(k, seed)
    # "... الوطني الليبي المشير خليفة حفتر، في العاصمة باريس.وقال ..."
    first = k.iloc[0]
    assert first["left"] == "الليبي المشير خليفة "
    assert first["right"] == "، في العاصمة باريس"


def test_kwic_clitic_forms_in_libya(libya):
    # by hand (plain regex over the contents): حفتر 47, لحفتر 1, بحفتر 1 in 22 documents
    k = kwic(libya, "حفتر")
    assert len(k) == 49
    assert k["doc_id"].nunique() == 22
    assert k["match"].value_counts().to_dict() == {"حفتر": 47, "لحفتر": 1, "بحفتر": 1}
    _offsets_hold(k.head(20), libya)
    # the concordance shows exactly what the frequency table counts
    tf = term_frequencies(libya).set_index("term")
    assert tf.loc["حفتر", "count"] == len(k)
    # a pattern written with a clitic finds the same occurrences
    assert len(kwic(libya, "وحفتر")) == 49


def test_kwic_phrase(seed):
    # "وقف إطلاق النار" (any alef) in the seed, from grep '[^ ]*وقف[^ ]* [^ ]* [^ ]*':
    # 5 × وقف إطلاق النار, 1 × لوقف إطلاق النار, 1 × وقف اطلاق النار = 7 with the article
    # kept; "لوقف اطلاق نار" (no article) is an 8th once the article is stripped too.
    assert len(kwic(seed, "وقف إطلاق النار", clitics="keep_article")) == 7
    k = kwic(seed, "وقف إطلاق النار")
    assert len(k) == 8
    _offsets_hold(k, seed)
    assert "لوقف اطلاق نار" in set(k["match"])


def test_kwic_regex_maps_back_to_original(seed):
    # the regex is normalized like the text: "إطلاق" also finds اطلاق, لإطلاق, باطلاق...;
    # 12 occurrences of [إا]طلاق in the seed
    k = kwic(seed, "إطلاق", regex=True, window=2)
    assert len(k) == 12
    assert set(k["match"]) == {"إطلاق", "اطلاق"}
    _offsets_hold(k, seed)
    # preset="none" runs on the original text: only the 6 + 1 written with hamza
    assert len(kwic(seed, "إطلاق", regex=True, preset="none")) == 7
    with pytest.raises(ValueError, match="not a valid regular expression"):
        kwic(seed, "(حفتر", regex=True)


def test_kwic_no_match_and_bad_input(seed):
    k = kwic(seed, "بوتين")
    assert k.empty and list(k.columns) == ["doc_id", "start", "end", "left", "match", "right"]
    assert "no match" in k.attrs["note"] and "بوتين" in k.attrs["note"]
    assert kwic(Corpus.from_records([]), "حفتر").empty
    with pytest.raises(ValueError, match="pattern"):
        kwic(seed, "  ")
    with pytest.raises(ValueError, match="window=-1"):
        kwic(seed, "حفتر", window=-1)


def test_trends_daily_libya(libya):
    t = trends(libya, ["ليبيا", "حفتر"], freq="D")
    assert list(t.columns) == ["period", "term", "count", "total", "per_10k"]
    days = t["period"].drop_duplicates()
    # zeros filled: one row per day and term from the first to the last day
    assert (days.diff().dropna() == pd.Timedelta(days=1)).all()
    assert len(t) == 2 * len(days)
    # the totals match the hand counts (1057 and 49, see the KWIC tests)
    assert t.groupby("term")["count"].sum().to_dict() == {"ليبيا": 1057, "حفتر": 49}
    row = t.iloc[0]
    assert row["per_10k"] == pytest.approx(row["count"] / row["total"] * 10_000)


def test_trends_weekly_and_phrases(seed):
    t = trends(seed, ["ليبيا", "وقف إطلاق النار"], freq="W")
    # the seed is dated 2020-03-10, a Tuesday: ISO week 11 of 2020 (Monday 2020-03-09)
    assert t["period"].unique().tolist() == ["2020-W11"]
    assert t.set_index("term").loc["ليبيا", "count"] == 11
    assert t.set_index("term").loc["وقف إطلاق النار", "count"] == 8
    assert (t["total"] == 1200).all()


def test_trends_without_dates():
    undated = Corpus.from_records([{"text": "ليبيا"}, {"text": "حفتر في ليبيا"}])
    with pytest.warns(UserWarning, match="has a date"):
        t = trends(undated, "ليبيا")
    assert t.empty and list(t.columns) == ["period", "term", "count", "total", "per_10k"]
    assert "date" in t.attrs["note"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = trends(Corpus.from_records([]), "ليبيا")
    assert empty.empty and "empty" in empty.attrs["note"]
    with pytest.raises(ValueError, match="freq='M'"):
        trends(undated, "ليبيا", freq="M")


def test_collocations_by_hand():
    text = "وقف إطلاق النار. وقف إطلاق النار. إطلاق سراح"
    # adjacent pairs: (وقف, اطلاق) 2, (اطلاق, النار) 2, (اطلاق, سراح) 1 → n = 5
    c = collocations([text], min_count=1).set_index(["w1", "w2"])
    row = c.loc[("وقف", "اطلاق")]
    assert (row["count"], row["f1"], row["f2"]) == (2, 2, 2)
    e = 2 * 2 / 5
    assert row["pmi"] == pytest.approx(math.log2(2 / e))
    assert row["t_score"] == pytest.approx((2 - e) / math.sqrt(2))
    g = chi2_contingency(np.array([[2, 0], [0, 3]]), correction=False, lambda_="log-likelihood")[0]
    assert row["ll"] == pytest.approx(g)
    assert ("النار", "وقف") not in c.index  # never across the sentence end


def test_collocations_seed(seed):
    c = collocations(seed, min_count=3)
    assert list(c.columns) == ["w1", "w2", "count", "pmi", "ll", "t_score", "f1", "f2"]
    assert c["ll"].is_monotonic_decreasing
    pairs = set(zip(c["w1"], c["w2"], strict=True))
    assert ("اطلاق", "النار") in pairs and ("الامم", "المتحده") in pairs
    wide = collocations(seed, window=3, min_count=3)
    assert len(wide) >= len(c)
    assert collocations(seed, min_count=1000).empty
    with pytest.raises(ValueError, match="window=0"):
        collocations(seed, window=0)
