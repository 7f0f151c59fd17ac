"""The tidy per-document term counts and their sums (toolkit.frequency.document_counts).

Hand counts on short Arabic texts; on libya.jsonl the sums must give exactly the frame of
term_frequencies, and partial tables of disjoint documents must sum to the whole.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit.corpus import Corpus, load_corpus
from toolkit.frequency import document_term_counts, sum_term_counts, term_frequencies, tfidf
from toolkit.text import analyze


def test_counts_by_hand():
    # وليبيا and لليبيا are the term ليبيا written two ways; الوفاق and والوفاق: وفاق
    counts, sizes = document_term_counts(["وصل وفد إلى ليبيا ولليبيا", "الوفاق والوفاق"])
    assert counts.values.tolist() == [
        ["0", "وصل", "وصل", 1],
        ["0", "وفد", "وفد", 1],
        ["0", "الي", "إلى", 1],
        ["0", "ليبيا", "ليبيا", 1],
        ["0", "ليبيا", "ولليبيا", 1],
        ["1", "وفاق", "الوفاق", 1],
        ["1", "وفاق", "والوفاق", 1],
    ]
    assert sizes.values.tolist() == [["0", 5], ["1", 2]]
    total = sum_term_counts(counts, sizes)
    # الي is a stopword: out of the rows, still in the 7 tokens of the shares
    assert total[["term", "count", "docs", "rank"]].values.tolist() == [
        ["ليبيا", 2, 1, 1],
        ["وفاق", 2, 1, 1],
        ["وصل", 1, 1, 3],
        ["وفد", 1, 1, 3],
    ]
    assert total.share.tolist()[0] == pytest.approx(2 / 7)


def test_clitics_split_is_refused():
    with pytest.raises(ValueError, match="split"):
        document_term_counts(["نص"], clitics="split")


@pytest.fixture(scope="module")
def libya(libya_jsonl):
    return load_corpus(libya_jsonl)


def test_sums_equal_term_frequencies_and_partials_sum(libya):
    counts, sizes = document_term_counts(libya, by=["source", "week"])
    for by in (None, "source", ["source", "week"]):
        assert_frame_equal(sum_term_counts(counts, sizes, by=by), term_frequencies(libya, by=by))
    # two partial tables of disjoint documents, concatenated, give the whole
    half = len(libya) // 2
    parts = [Corpus(libya.frame.iloc[:half]), Corpus(libya.frame.iloc[half:])]
    tables = [document_term_counts(p, by="week") for p in parts]
    summed = sum_term_counts(
        pd.concat([t[0] for t in tables], ignore_index=True),
        pd.concat([t[1] for t in tables], ignore_index=True),
        by="week",
    )
    assert_frame_equal(summed, term_frequencies(libya, by="week"))
    # from an analysis: the same tables, without tokenizing again
    a_counts, a_sizes = document_term_counts(analyze(libya), by=["source", "week"])
    assert_frame_equal(a_counts, counts)
    assert_frame_equal(a_sizes, sizes)


def test_tfidf_is_a_view_of_the_counts():
    # 3 documents; حفتر in 2 of them: idf log10(3/2); باريس in 1: log10(3)
    t = tfidf(["حفتر في باريس", "حفتر في برلين", "السراج"]).query("doc_id == '0'")
    assert t.term.tolist() == ["باريس", "حفتر"]
    assert t.tfidf.tolist() == pytest.approx([0.47712125, 0.17609126])
