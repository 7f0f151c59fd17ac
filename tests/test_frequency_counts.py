"""Term frequencies, n-grams and tf-idf on the seed article and the Libya subset.

Expected counts were worked out by hand from the raw files: every Arabic word was listed
with a plain regex (``[\\u0621-\\u064a\\u064b-\\u0652\\u0640]+``, no toolkit code) and the
forms of each stem were tallied one by one (see the comments).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.corpus import Corpus, load_corpus, sample
from toolkit.frequency import (
    CountTable,
    TermOptions,
    count_corpus,
    count_document,
    ngrams,
    term_frequencies,
    tfidf,
)
from toolkit.frequency.terms import dropper

# The seed has 1200 word tokens (the plain regex above and toolkit.text.words agree).
SEED_TOKENS = 1200


@pytest.fixture(scope="module")
def seed():
    return sample()


@pytest.fixture(scope="module")
def libya(libya_jsonl):
    return load_corpus(libya_jsonl)


def test_seed_counts_by_hand(seed, seed_text):
    assert seed.text("seed-libya-2020") == seed_text
    tf = term_frequencies(seed).set_index("term")
    # ليبيا: 11 bare occurrences; the seed has no clitic form of it (the only other words
    # containing ليبي are الليبي 14, الليبية 10, ليبيون 1, which are other terms)
    assert tf.loc["ليبيا", "count"] == 11
    assert tf.loc["ليبيا", "docs"] == 1
    assert tf.loc["ليبيا", "share"] == pytest.approx(11 / SEED_TOKENS)
    # تركيا 3 + لتركيا 2
    assert tf.loc["تركيا", "count"] == 5
    # طرابلس 3 + لطرابلس 1; برلين 6 + وبرلين 1
    assert tf.loc["طرابلس", "count"] == 4
    assert tf.loc["برلين", "count"] == 7
    # إطلاق 6 + اطلاق 2 + لاطلاق 2 + لإطلاق 1 + باطلاق 1 (alef forms meet under "search")
    assert tf.loc["اطلاق", "count"] == 12
    # حكومة 4 + لحكومة 3 + بالحكومة 2 + الحكومة 1 (teh marbuta → ه, the article stripped)
    assert tf.loc["حكومه", "count"] == 10
    # الجيش 7 + للجيش 2 + بالجيش 2
    assert tf.loc["جيش", "count"] == 11
    assert tf.loc["حفتر", "count"] == 10
    # stopwords are not rows, but they are in the denominator of share
    assert "في" not in tf.index and "من" not in tf.index
    # nor are the pronouns left by a stripped preposition: به, به → ه; بها → ها; لنا → نا
    kept = term_frequencies(seed, stopwords=False).set_index("term")
    assert (kept.loc["ه", "count"], kept.loc["ها", "count"], kept.loc["نا", "count"]) == (2, 1, 1)
    assert {"ه", "ها", "نا"}.isdisjoint(tf.index)


def test_seed_clitics_keep(seed):
    tf = term_frequencies(seed, clitics="keep", stopwords=False).set_index("term")
    assert tf.loc["تركيا", "count"] == 3 and tf.loc["لتركيا", "count"] == 2
    assert tf.loc["حكومه", "count"] == 4 and tf.loc["لحكومه", "count"] == 3
    assert tf.loc["بالحكومه", "count"] == 2 and tf.loc["الحكومه", "count"] == 1
    # في 42 times bare (وفي is a form of its own here)
    assert tf.loc["في", "count"] == 42
    # every token is a row when nothing is dropped: the counts add up to the total
    assert tf["count"].sum() == SEED_TOKENS
    assert tf["share"].sum() == pytest.approx(1.0)


def test_seed_clitics_keep_article(seed):
    tf = term_frequencies(seed, clitics="keep_article", stopwords=False).set_index("term")
    # الجيش 7 + للجيش 2 (ل + elided article) + بالجيش 2: the article is kept
    assert tf.loc["الجيش", "count"] == 11
    assert "جيش" not in tf.index


def test_columns_rank_and_order(seed):
    tf = term_frequencies(seed)
    assert list(tf.columns) == ["term", "count", "docs", "share", "rank", "form"]
    # the label is the most frequent written form: حكومة 4 > لحكومة 3 > بالحكومة 2 > ...
    assert tf.set_index("term").loc["حكومه", "form"] == "حكومة"
    assert tf.set_index("term").loc["جيش", "form"] == "الجيش"  # 7 of its 11
    assert tf["count"].is_monotonic_decreasing
    assert tf["rank"].iloc[0] == 1
    # ties share the lower rank: ليبي (14) and وقف (14) are both rank 1 in the seed
    top = tf[tf["rank"] == 1]["term"].tolist()
    assert sorted(top) == sorted(tf[tf["count"] == tf["count"].max()]["term"].tolist())
    assert tf["rank"].is_monotonic_increasing


def test_min_count_and_user_stopwords(seed):
    tf = term_frequencies(seed, min_count=10)
    assert (tf["count"] >= 10).all() and "ليبيا" in set(tf["term"])
    mine = term_frequencies(seed, stopwords=["ليبيا", "حفتر"])
    assert {"ليبيا", "حفتر"}.isdisjoint(mine["term"])
    assert "في" in set(mine["term"])  # a user list replaces the default one


def test_libya_subset_by_hand(libya):
    # In the contents of libya.jsonl, the words ending in ليبيا are: ليبيا 854, وليبيا 159,
    # لليبيا 25, بليبيا 16, and 3 with tatweel (ليبيــــا): 1057 in 353 documents.
    tf = term_frequencies(libya).set_index("term")
    assert tf.loc["ليبيا", "count"] == 1057
    assert tf.loc["ليبيا", "docs"] == 353
    assert tf.loc["ليبيا", "rank"] == 1


def test_by_source_partitions_the_counts(libya):
    overall = term_frequencies(libya).set_index("term")
    by = term_frequencies(libya, by="source")
    assert list(by.columns) == ["source", "term", "count", "docs", "share", "rank", "form"]
    per_term = by.groupby("term")["count"].sum()
    assert per_term["ليبيا"] == overall.loc["ليبيا", "count"]
    assert by["source"].nunique() == libya.frame["source"].nunique()
    # the biggest source of the subset, aawsat (143 articles), leads the table
    assert by["source"].iloc[0] == "3alyoum"  # sorted by group name first
    docs = by.groupby("source")["docs"].max()
    sizes = libya.frame.groupby("source").size()
    assert (docs <= sizes.reindex(docs.index)).all()


def test_by_week_labels(libya):
    by = term_frequencies(libya, by="week", min_count=5)
    weeks = set(by["week"])
    # SaudiNewsNet spans 2015-07-21 .. 2015-08-11: ISO weeks 30 to 33
    assert weeks <= {"2015-W30", "2015-W31", "2015-W32", "2015-W33"} and len(weeks) >= 3


def test_map_reduce_equals_serial(libya):
    opts = TermOptions()
    half = len(libya) // 2
    frame = libya.frame
    left = count_corpus(frame.iloc[:half], "source", opts, forms=True)
    right = count_corpus(frame.iloc[half:], "source", opts, forms=True)
    merged = right.merge(left).to_frame(("source",), drop=opts.is_stopword)
    serial = term_frequencies(libya, by="source")
    pd.testing.assert_frame_equal(merged, serial)
    # many tables at once (the vectorized sum), in any order: the same table
    thirds = [count_corpus(frame.iloc[i::3], "source", opts, forms=True) for i in range(3)]
    many = CountTable().merge_all(thirds[::-1]).to_frame(("source",), drop=opts.is_stopword)
    pd.testing.assert_frame_equal(many, serial)


def test_map_step_and_add():
    doc = count_document("وصلت الوفود إلى ليبيا، وفي ليبيا هدنة.")
    assert doc.counts["ليبيا"] == 2 and doc.tokens == 7
    t = CountTable()
    t.add(doc, key=("x",))
    t.add(count_document("ليبيا"), key=("x",))
    row = t.to_frame(("source",)).set_index("term").loc["ليبيا"]
    assert (row["count"], row["docs"]) == (3, 2)


def test_empty_and_bad_input():
    empty = term_frequencies(Corpus.from_records([]))
    assert empty.empty and list(empty.columns)[:5] == ["term", "count", "docs", "share", "rank"]
    assert term_frequencies(["", "   "]).empty
    with pytest.raises(ValueError, match="min_count=0"):
        term_frequencies(["ليبيا"], min_count=0)
    with pytest.raises(ValueError, match="clitics='strp'"):
        term_frequencies(["ليبيا"], clitics="strp")
    with pytest.raises(ValueError, match="preset='searh'"):
        term_frequencies(["ليبيا"], preset="searh")
    with pytest.raises(ValueError, match="by='sourc'"):
        term_frequencies(sample(), by="sourc")
    with pytest.raises(TypeError, match="text must be a str"):
        term_frequencies([{"text": 5}])


def test_ngrams_never_cross_boundaries(seed):
    grams = ngrams(seed, n=2, stopwords=False, clitics="keep")
    have = set(grams["ngram"])
    # "البلاد.لكن": a sentence ends between the two words, written without a space
    assert "البلاد لكن" not in have
    # "ذلك،استقبل": a comma without a space
    assert "ذلك استقبل" not in have
    assert "وقف اطلاق" in have


def test_ngrams_seed_phrases(seed):
    grams = ngrams(seed, n=(2, 3)).set_index("ngram")
    # grep '[^ ]*[إا]طلاق[^ ]* [^ ]*' on the seed lists 12 pairs: إطلاق النار 6 (some
    # followed by punctuation), اطلاق النار 1, لإطلاق النار 1, لاطلاق النار 2 → 10; the
    # other two are "اطلاق نار" (no article: another n-gram) and "باطلاق حوار"
    assert grams.loc["اطلاق النار", "count"] == 10
    assert grams.loc["اطلاق نار", "count"] == 1
    assert "حكومه الوفاق" in grams.index
    assert grams.loc["وقف اطلاق النار", "count"] >= 1
    with pytest.raises(ValueError, match="n=0"):
        ngrams(seed, n=0)


def test_tfidf_by_hand():
    docs = ["حفتر في باريس وحفتر يلتقي ماكرون", "السراج في طرابلس", "حفتر والسراج"]
    t = tfidf(docs).set_index(["doc_id", "term"])
    # حفتر: 2 times in doc 0, in 2 of the 3 documents → 2 × log10(3/2)
    assert t.loc[("0", "حفتر"), "tfidf"] == pytest.approx(2 * math.log10(1.5))
    # باريس: once, in 1 of 3 → log10(3)
    assert t.loc[("0", "باريس"), "tfidf"] == pytest.approx(math.log10(3))
    assert list(tfidf(docs).columns) == ["doc_id", "term", "count", "docs", "tfidf"]
    top = tfidf(docs, top=1)
    assert top.groupby("doc_id").size().max() == 1


def test_forms_path_gives_the_same_terms(libya):
    # the labelled path reads light forms and maps them to terms: it must count the same
    from toolkit.frequency.terms import document_terms, document_terms_forms

    for text in libya.frame["text"].head(60):
        terms, forms = document_terms_forms(text)
        assert terms == document_terms(text)
        assert len(forms) == len(terms)
    plain = term_frequencies(libya, forms=False)
    labelled = term_frequencies(libya)
    pd.testing.assert_frame_equal(plain, labelled.drop(columns="form"))


@pytest.mark.parametrize("clitics", ["strip", "split"])
def test_batched_counting_equals_document_by_document(libya, monkeypatch, clitics):
    """The vectorized batches give the table of adding each document's terms one at a time,
    whatever the batch size (tiny batches: every group straddles several of them)."""
    import toolkit.frequency.document_counts as counts_module
    from toolkit.frequency.source import iter_documents
    from toolkit.frequency.terms import document_terms

    opts = TermOptions(clitics=clitics)
    slow = CountTable()
    for _doc_id, text, key, _date in iter_documents(libya, ("week", "source")):
        slow.add(count_document(text, opts), key)
    want = slow.to_frame(("week", "source"))
    for size in (5_000, 10**9):
        monkeypatch.setattr(counts_module, "BATCH_CHARS", size)
        fast = count_corpus(libya, ("week", "source"), opts)
        pd.testing.assert_frame_equal(fast.to_frame(("week", "source")), want)
        counts, sizes = counts_module.term_counts(libya, ["week", "source"], options=opts)
        assert sizes["documents"].sum() == len(libya)
        assert sizes["tokens"].sum() == sum(len(document_terms(t, opts))
                                            for t in libya.frame["text"])


def test_docs_sum_over_forms_to_the_document_frequency():
    # حكومة is written three ways in the first document, once in the second: the term is
    # in 2 documents, each counted once, on the form met first there
    from toolkit.frequency import term_counts

    counts, sizes = term_counts(["لحكومة الوفاق والحكومة وحكومة", "الحكومة"])
    rows = counts[counts["term"] == "حكومه"][["form", "count", "docs"]].values.tolist()
    assert rows == [["لحكومة", 1, 1], ["والحكومة", 1, 0], ["وحكومة", 1, 0], ["الحكومة", 1, 1]]
    assert sizes.values.tolist() == [[5, 2]]


@pytest.mark.parametrize("parts", [2, 3])
def test_merged_tables_travel_and_sum(libya, parts):
    """Partial tables pickled (the way Dask sends them) and merged in any order give the
    whole corpus's table, frame for frame."""
    import pickle

    by = ("week", "source")
    frame = libya.frame
    pieces = [Corpus(frame.iloc[i::parts].reset_index(drop=True)) for i in range(parts)]
    sent = [pickle.loads(pickle.dumps(count_corpus(c, by, forms=True))) for c in pieces]
    merged = CountTable().merge_all(sent[::-1])
    want = term_frequencies(libya, by=by)
    pd.testing.assert_frame_equal(merged.to_frame(by, drop=dropper(TermOptions())), want)
    # by hand: ليبيا, 1,057 times in 353 documents (the groups split the documents)
    libya_rows = want[want["term"] == "ليبيا"]
    assert [libya_rows["count"].sum(), libya_rows["docs"].sum()] == [1057, 353]
