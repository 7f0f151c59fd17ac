"""Keyness statistics: hand-worked 2×2 tables, scipy.stats, and real corpora."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from toolkit.frequency import keyness, keyness_table, stats

# The worked table: a target corpus of 1000 terms with حفتر 10 times, a reference of 2000
# terms with حفتر 5 times.  N = 3000; the term occurs 15 times, so the expected counts are
# E(target) = 1000*15/3000 = 5, E(reference) = 10, E(rest, target) = 995, E(rest, ref) = 1990.
A, B, NT, NR = 10, 5, 1000, 2000


def test_g2_by_hand():
    # G² = 2[10 ln(10/5) + 5 ln(5/10) + 990 ln(990/995) + 1995 ln(1995/1990)]
    by_hand = 2 * (
        10 * math.log(2)
        + 5 * math.log(0.5)
        + 990 * math.log(990 / 995)
        + 1995 * math.log(1995 / 1990)
    )
    assert by_hand == pytest.approx(6.96919, abs=1e-5)
    assert stats.g2(A, B, NT, NR, correction="none") == pytest.approx(by_hand)
    # Williams: q = 1 + (3000/1000 + 3000/2000 - 1)(3000/15 + 3000/2985 - 1) / (6*3000)
    q = 1 + (3.5 * (200 + 3000 / 2985 - 1)) / 18000
    assert q == pytest.approx(1.038890, abs=1e-6)
    assert stats.g2(A, B, NT, NR) == pytest.approx(by_hand / q)
    assert stats.g2(A, B, NT, NR) == pytest.approx(6.70830, abs=1e-5)


def test_chi2_by_hand():
    # (10-5)²/5 + (5-10)²/10 + (990-995)²/995 + (1995-1990)²/1990
    raw = 5 + 2.5 + 25 / 995 + 25 / 1990
    assert stats.chi2(A, B, NT, NR, correction="none") == pytest.approx(raw)
    # Yates: |O - E| - 0.5 = 4.5 in every cell
    yates = 4.5**2 * (1 / 5 + 1 / 10 + 1 / 995 + 1 / 1990)
    assert stats.chi2(A, B, NT, NR) == pytest.approx(yates)
    assert yates == pytest.approx(6.10553, abs=1e-5)


def test_effect_sizes_by_hand():
    # relative frequencies 10/1000 = 0.01 and 5/2000 = 0.0025: four times as frequent
    assert stats.log_ratio(A, B, NT, NR) == pytest.approx(2.0)
    assert stats.pct_diff(A, B, NT, NR) == pytest.approx(300.0)
    # a zero reference count counts 0.5: (4/1000) / (0.5/2000) = 16 → log2 = 4
    assert stats.log_ratio(4, 0, NT, NR) == pytest.approx(4.0)
    assert stats.pct_diff(4, 0, NT, NR) == pytest.approx(1500.0)
    # a zero target count: (0.5/1000) / (8/2000) = 1/8 → -3
    assert stats.log_ratio(0, 8, NT, NR) == pytest.approx(-3.0)


def test_sign_follows_relative_frequency():
    # 990 of 1000 vs 1995 of 2000: the word is relatively rarer in the target
    assert stats.g2(990, 1995, NT, NR) < 0
    assert stats.chi2(990, 1995, NT, NR) < 0
    assert stats.g2(A, B, NT, NR) > 0
    # equal relative frequencies: nothing distinctive
    assert stats.g2(10, 20, NT, NR) == pytest.approx(0.0)


@pytest.mark.parametrize(
    "a,b,nt,nr",
    [
        (10, 5, 1000, 2000),
        (1, 40, 500, 9000),
        (300, 2, 12_000, 7_000),
        (7, 7, 70, 700),
        (0, 9, 100, 100),
    ],
)
def test_against_scipy(a, b, nt, nr):
    table = np.array([[a, nt - a], [b, nr - b]])
    g_none = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    g_yates = chi2_contingency(table, correction=True, lambda_="log-likelihood")[0]
    x_none = chi2_contingency(table, correction=False)[0]
    x_yates = chi2_contingency(table, correction=True)[0]
    assert abs(stats.g2(a, b, nt, nr, correction="none")) == pytest.approx(g_none)
    assert abs(stats.g2(a, b, nt, nr, correction="yates")) == pytest.approx(g_yates)
    assert abs(stats.chi2(a, b, nt, nr, correction="none")) == pytest.approx(x_none)
    assert abs(stats.chi2(a, b, nt, nr)) == pytest.approx(x_yates)
    p = chi2_contingency(table, correction=False, lambda_="log-likelihood")[1]
    assert stats.p_value(stats.g2(a, b, nt, nr, correction="none")) == pytest.approx(p)


def test_association_by_hand():
    # a pair seen 3 times among 100 pairs; w1 first 4 times, w2 second 5 times: E = 0.2
    s = stats.association(3, 4, 5, 100)
    assert s["pmi"] == pytest.approx(math.log2(3 / 0.2))
    assert s["t_score"] == pytest.approx((3 - 0.2) / math.sqrt(3))
    g = chi2_contingency(np.array([[3, 1], [2, 94]]), correction=False, lambda_="log-likelihood")[0]
    assert s["ll"] == pytest.approx(g)


def test_keyness_table_rows_and_order():
    target = {"حفتر": 10, "في": 990}
    reference = {"حفتر": 5, "في": 1995}
    k = keyness_table(target, reference, correction="none")
    assert list(k.columns) == [
        "term",
        "count_target",
        "count_reference",
        "g2",
        "chi2",
        "log_ratio",
        "pct_diff",
        "p_value",
        "per_10k_target",
        "per_10k_reference",
    ]
    assert k["term"].tolist() == ["حفتر", "في"]  # distinctive of the target first
    row = k.iloc[0]
    assert row["g2"] == pytest.approx(6.96919, abs=1e-5)
    assert row["per_10k_target"] == pytest.approx(100.0)
    assert row["per_10k_reference"] == pytest.approx(25.0)
    assert k.iloc[1]["g2"] == pytest.approx(-6.96919, abs=1e-5)  # the same table, mirrored
    assert k.attrs["n_target"] == 1000


def test_keyness_table_terms_on_one_side_only():
    k = keyness_table({"حفتر": 4, "x": 996}, {"السراج": 8, "x": 1992}, measure="log_ratio")
    assert k.set_index("term").loc["حفتر", "count_reference"] == 0
    assert k.iloc[0]["term"] == "حفتر" and k.iloc[0]["log_ratio"] == pytest.approx(4.0)
    assert k.iloc[-1]["term"] == "السراج" and k.iloc[-1]["log_ratio"] == pytest.approx(-3.0)


def test_keyness_invalid_arguments():
    with pytest.raises(ValueError, match="measure='lr'"):
        keyness_table({"a": 1}, {"a": 1}, measure="lr")
    with pytest.raises(ValueError, match="correction='yate'"):
        keyness_table({"a": 1}, {"a": 1}, correction="yate")
    with pytest.raises(ValueError, match="exceeds"):
        keyness_table({"a": 5}, {"a": 1}, n_target=2)
    with pytest.raises(ValueError, match="reference corpus, or by= and group="):
        keyness(["نص"])


def test_keyness_of_two_corpora_counts_clitic_forms():
    # target: ليبيا 3 times (ليبيا, وليبيا, لليبيا) among 9 terms; reference: ليبيا once in 6
    target = ["الهدنة في ليبيا صامدة", "وليبيا تنتظر الحل السياسي لليبيا"]
    reference = ["المباحثات في تونس", "ليبيا ثم مصر"]
    k = keyness(target, reference, stopwords=False, correction="none").set_index("term")
    assert k.loc["ليبيا", "count_target"] == 3
    assert k.loc["ليبيا", "count_reference"] == 1
    # 3 of 9 vs 1 of 6: relative frequency ratio 2 → log ratio 1
    assert k.loc["ليبيا", "log_ratio"] == pytest.approx(1.0)
    table = np.array([[3, 6], [1, 5]])
    g = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    assert k.loc["ليبيا", "g2"] == pytest.approx(g)


def test_keyness_grouping_of_one_corpus(libya_jsonl):
    from toolkit.corpus import load_corpus

    corpus = load_corpus(libya_jsonl)
    sources = corpus.frame["source"].value_counts()
    top = sources.index[0]
    k = keyness(corpus, by="source", group=top)
    assert not k.empty and k["g2"].is_monotonic_decreasing
    # same result as giving the two halves as corpora
    mask = corpus.frame["source"] == top
    k2 = keyness(corpus.frame[mask], corpus.frame[~mask])
    pd.testing.assert_frame_equal(k.reset_index(drop=True), k2.reset_index(drop=True))
    with pytest.raises(ValueError, match="matches no document"):
        keyness(corpus, by="source", group="no-such-paper")


@pytest.mark.slow
def test_saudinewsnet_okaz_against_the_rest(saudinewsnet_raw):
    """The whole SaudiNewsNet, read once: counts by source, then okaz against the rest.

    By hand (plain regex over every article's content, diacritics and tatweel removed):
    words ending in عكاظ: okaz عكاظ 693 + وعكاظ 1 = 694; the other sources عكاظ 1431 +
    بعكاظ 7 + وعكاظ 6 = 1444. Words ending in ليبيا: ليبيا 857, وليبيا 159, لليبيا 25,
    بليبيا 16 = 1057 (the same as the Libya subset, which holds every article naming it).
    """
    from toolkit.corpus import iter_documents
    from toolkit.frequency import TermOptions, dropper, frequency_view, term_counts

    opts = TermOptions()
    counts, sizes = term_counts(iter_documents(sorted(saudinewsnet_raw.glob("*.zip"))),
                                "source", options=opts)
    assert len(sizes) == 14 and sizes["documents"].sum() == 31030
    freq = frequency_view(counts, sizes, "source", drop=dropper(opts))
    assert freq.loc[freq["term"] == "ليبيا", "count"].sum() == 1057
    okaz = counts["source"] == "okaz"
    k = keyness_table(
        counts[okaz].groupby("term")["count"].sum(),
        counts[~okaz].groupby("term")["count"].sum(),
        int(sizes.loc[sizes["source"] == "okaz", "tokens"].sum()),
        int(sizes.loc[sizes["source"] != "okaz", "tokens"].sum()),
        drop=dropper(opts),
        min_count=20,
    )
    top = k.iloc[0]
    assert (top["term"], top["count_target"], top["count_reference"]) == ("عكاظ", 694, 1444)
    assert top["g2"] > 1000 and top["log_ratio"] > 2


def test_keyness_with_a_mask(seed_text):
    docs = ["حفتر في باريس", "حفتر يلتقي ماكرون", "السراج في طرابلس"]
    by_mask = keyness(docs, group=[True, True, False], stopwords=False, correction="none")
    by_lists = keyness(docs[:2], docs[2:], stopwords=False, correction="none")
    pd.testing.assert_frame_equal(by_mask, by_lists)
    assert by_mask.set_index("term").loc["سراج", "form"] == "السراج"
    # حفتر: 2 of 6 target terms, 0 of 3 reference terms (counted 0.5): log2((2/6)/(0.5/3)) = 1
    assert by_mask.set_index("term").loc["حفتر", "log_ratio"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="mask of 2 values"):
        keyness(docs, group=[True, False])
    with pytest.raises(ValueError, match="does not match the 3 documents"):
        keyness(docs, group=[True, False, True, True])
    with pytest.raises(ValueError, match="covers every document"):
        keyness(docs, group=[True, True, True])
