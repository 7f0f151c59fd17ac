"""Term counts kept in the store by week and source: keyness without reading the texts again.

The libya subset of SaudiNewsNet (435 articles) spans 2015-W30 (179 articles), W31 (76),
W32 (138) and W33 (42); a brief of W32 compares it with W28–W31, of which only W30 and W31
hold articles.
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from toolkit.corpus import Corpus, load_corpus
from toolkit.corpus.store import Store
from toolkit.frequency import keyness
from toolkit.frequency.week_counts import stale_weeks, store_keyness, update_week_counts

BEFORE_W32 = ["2015-W28", "2015-W29", "2015-W30", "2015-W31"]


@pytest.fixture()
def libya_store(libya_jsonl, tmp_path):
    with Store(tmp_path / "news.sqlite") as store:
        store.add(load_corpus(libya_jsonl))
    return tmp_path / "news.sqlite"


def _read(store: Store, weeks: list[str], sources=None) -> Corpus:
    return Corpus.from_documents(
        d for w in weeks for d in store.iter_documents(week=w, sources=sources))


def test_stored_counts_give_the_keyness_of_the_texts(libya_store):
    with Store(libya_store) as store:
        assert stale_weeks(store, ["2015-W32", *BEFORE_W32]) == ["2015-W30", "2015-W31", "2015-W32"]
        assert update_week_counts(store) == 4  # every week of the store, W33 included
        assert update_week_counts(store) == 0  # nothing changed: nothing counted
        assert stale_weeks(store, ["2015-W32", *BEFORE_W32]) == []
        target, reference = _read(store, ["2015-W32"]), _read(store, BEFORE_W32)
        assert (len(target), len(reference)) == (138, 179 + 76)
        for options in ({}, {"measure": "chi2", "min_count": 3}, {"clitics": "keep"},
                        {"preset": "light", "stopwords": False}, {"clitics": "keep_article"}):
            from_counts = store_keyness(store, "2015-W32", BEFORE_W32, **options)
            pd.testing.assert_frame_equal(from_counts, keyness(target, reference, **options))
        # the sizes are the sides' words, stopwords included, as keyness counts them
        assert from_counts.attrs == keyness(target, reference).attrs
        assert from_counts.attrs["n_target"] > 20_000
        # ليبيا is the most frequent term of both sides; its written form labels it
        row = from_counts.set_index("term").loc["ليبيا"]
        assert row["form"] == "ليبيا" and row["count_target"] > 100


def test_sources_choose_the_stored_groups(libya_store):
    sources = ["aawsat", "alriyadh"]
    with Store(libya_store) as store:
        got = store_keyness(store, ["2015-W32"], BEFORE_W32, sources=sources, min_count=2)
        expected = keyness(_read(store, ["2015-W32"], sources), _read(store, BEFORE_W32, sources),
                           min_count=2)
        everyone = store_keyness(store, ["2015-W32"], BEFORE_W32, min_count=2)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["n_target"] < everyone.attrs["n_target"]


def test_options_counting_several_terms_per_word_read_the_texts(libya_store):
    with Store(libya_store) as store:
        got = store_keyness(store, "2015-W32", BEFORE_W32, clitics="split", save=False)
        expected = keyness(_read(store, ["2015-W32"]), _read(store, BEFORE_W32), clitics="split")
        assert stale_weeks(store, ["2015-W32"]) == ["2015-W32"]  # save=False: nothing stored
    pd.testing.assert_frame_equal(got, expected)


def test_a_week_that_changed_is_counted_again(libya_store):
    text = "وصل المشير خليفة حفتر إلى باريس للقاء ماكرون ماكرون ماكرون"
    with Store(libya_store) as store:
        update_week_counts(store)
        before = store_keyness(store, "2015-W32", BEFORE_W32)
        # a new article in a reference week, from a source the week did not have
        store.add([{"id": "late-1", "text": text, "date": "2015-07-30", "source": "new-outlet"}])
        assert stale_weeks(store, ["2015-W32", *BEFORE_W32]) == ["2015-W31"]
        after = store_keyness(store, "2015-W32", BEFORE_W32)  # counts W31 again, stores it
        assert stale_weeks(store, ["2015-W32", *BEFORE_W32]) == []
        expected = keyness(_read(store, ["2015-W32"]), _read(store, BEFORE_W32))
    pd.testing.assert_frame_equal(after, expected)
    assert after.attrs["n_reference"] == before.attrs["n_reference"] + len(text.split())
    was, now = (k.set_index("term")["count_reference"] for k in (before, after))
    assert now["حفتر"] == was["حفتر"] + 1
    assert now["ماكرون"] == was.get("ماكرون", 0) + 3


def test_counts_of_another_version_are_replaced(libya_store, monkeypatch):
    from toolkit.frequency import week_counts

    with Store(libya_store) as store:
        update_week_counts(store, ["2015-W31"])
        monkeypatch.setattr(week_counts, "SCHEME", "older")
        assert stale_weeks(store, ["2015-W31"]) == ["2015-W31"]  # not used by another version
        assert update_week_counts(store, ["2015-W31"]) == 1
    kinds = sqlite3.connect(libya_store).execute("SELECT DISTINCT kind FROM derived").fetchall()
    assert len(kinds) == 1 and "/older/" in kinds[0][0]  # the other version's rows are gone


def test_bad_weeks_are_refused(libya_store):
    with Store(libya_store) as store:
        with pytest.raises(ValueError, match="on both sides"):
            store_keyness(store, "2015-W31", ["2015-W31"])
        with pytest.raises(ValueError, match="not an ISO week"):
            store_keyness(store, "2015-31", BEFORE_W32)
        with pytest.raises(ValueError, match="target corpus has no terms"):
            store_keyness(store, "2014-W02", BEFORE_W32)


def test_ingest_stores_the_counts(libya_jsonl, tmp_path, capsys):
    from toolkit.cli import main

    path = tmp_path / "news.sqlite"
    assert main(["ingest", "--no-counts", "--store", str(path), str(libya_jsonl)]) == 0
    assert "term counts" not in capsys.readouterr().out
    assert stale_weeks(path, ["2015-W30", "2015-W33"]) == ["2015-W30", "2015-W33"]
    assert main(["ingest", "--store", str(path), str(libya_jsonl)]) == 0  # adds nothing ...
    assert "term counts stored for 4 week(s)" in capsys.readouterr().out  # ... counts all 4
    assert stale_weeks(path, ["2015-W30", "2015-W31", "2015-W32", "2015-W33"]) == []


def test_the_stored_tables_are_the_tidy_counts_of_the_texts(libya_store):
    from toolkit.frequency import frequency_view, term_counts
    from toolkit.frequency.week_counts import week_counts

    weeks = ["2015-W31", "2015-W32"]
    with Store(libya_store) as store:
        counts, sizes = week_counts(store, weeks)
        texts = _read(store, weeks)
    want_counts, want_sizes = term_counts(texts, ["week", "source"])
    # the same groups, sizes and rows (the order of the rows aside)
    key = ["week", "source", "term", "form"]
    pd.testing.assert_frame_equal(
        counts.sort_values(key).reset_index(drop=True),
        want_counts.sort_values(key).reset_index(drop=True))
    assert (sizes.sort_values(["week", "source"])[["tokens", "documents"]].values.tolist()
            == want_sizes.sort_values(["week", "source"])[["tokens", "documents"]].values.tolist())
    # term frequencies by week: a view of either
    pd.testing.assert_frame_equal(frequency_view(counts, sizes, "week"),
                                  frequency_view(want_counts, want_sizes, "week"))
    # by hand: W31 and W32 hold 76 + 138 articles
    assert sizes["documents"].sum() == 76 + 138


def test_kwic_with_the_stored_terms_of_the_words(libya_store):
    from toolkit.frequency import kwic, make_options
    from toolkit.frequency.terms import remember_terms
    from toolkit.frequency.week_counts import store_terms

    with Store(libya_store) as store:
        known = store_terms(store, ["2015-W32"])
        target = _read(store, ["2015-W32"])
    # وليبيا and لليبيا are the term ليبيا, as the store counted them
    assert known["وليبيا"] == "ليبيا" and known["لليبيا"] == "ليبيا"
    options = remember_terms(make_options(stopwords=False), known)
    for term in ("ليبيا", "حفتر", "الوفاق"):
        pd.testing.assert_frame_equal(kwic(target, term, options=options), kwic(target, term))
