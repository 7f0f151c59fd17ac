"""The brief's tables in one call (toolkit.reports.tables) and the results a store keeps
(toolkit.corpus.results, toolkit.reports.kept): same tables from a store as from a corpus,
stale results analysed again, and the tables those of the public functions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from toolkit.cli import main as antk
from toolkit.corpus import Corpus, load_corpus, sample
from toolkit.corpus.store import Store
from toolkit.reports.kept import analyse_store, kept_labels, kept_mentions, kept_quotes
from toolkit.reports.tables import weekly_tables

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

# two weeks by hand: 2020-W02 (6-12 January) and 2020-W03 (13-19 January)
RECORDS = [
    {"id": "w2-a", "date": "2020-01-08", "source": "okaz",
     "text": "زار فايز السراج طرابلس. وقال حفتر إن قواته مستعدة."},
    {"id": "w3-a", "date": "2020-01-14", "source": "okaz",
     "text": "وصل خليفة حفتر إلى موسكو. وقال حفتر إن الحل سياسي."},
    {"id": "w3-b", "date": "2020-01-16", "source": "sabq",
     "text": "التقى فايز السراج وزير الخارجية في برلين."},
]


def frames(tables) -> dict[str, pd.DataFrame]:
    return {f.name: getattr(tables, f.name) for f in dataclasses.fields(tables)
            if isinstance(getattr(tables, f.name), pd.DataFrame)}


def by_position(frame: pd.DataFrame) -> pd.DataFrame:
    """A mention or quote table in (doc_id, start) order: a store reads its documents by
    date, a file gives them in file order; each document's rows are the same."""
    return frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "news.sqlite"
    with Store(path) as store:
        store.add(RECORDS)
        report = analyse_store(store)
    assert (report.analysed, report.kept) == (3, 0)
    return path


def test_weekly_tables_worked_out_by_hand(small_store):
    t = weekly_tables(small_store, "2020-W03")
    assert t.sources_of == {"mentions": "kept", "previous_mentions": "kept", "quotes": "kept",
                            "labels": "kept", "keyness": "kept"}
    # W03: 2 articles from 2 sources on 2 days; W02 before it: 1 article
    assert dict(zip(t.headline["item"], t.headline["value"], strict=True)) == {
        "articles": 2, "sources": 2, "days": 2, "previous_articles": 1}
    # حفتر: "خليفة حفتر" and "حفتر" in w3-a (1 document), once in W02 -> change +1;
    # السراج: "فايز السراج" in w3-b, once in W02 -> change 0 (the full name in both weeks:
    # السراج alone is also the common noun "the lamp", matched only with evidence)
    rows = t.actors.set_index("actor_id")
    assert rows.loc["haftar", ["mentions", "docs", "previous", "change"]].tolist() == [2, 1, 1, 1]
    assert rows.loc["sarraj", ["mentions", "docs", "previous", "change"]].tolist() == [1, 1, 1, 0]
    assert rows.loc["haftar", "name"] == "خليفة حفتر"
    # "وقال حفتر إن الحل سياسي": one quote, its speaker Haftar
    assert t.quotes["speaker_id"].tolist() == ["haftar"]
    assert t.speakers[["who", "quotes"]].values.tolist() == [["خليفة حفتر", 1]]
    # W02 is one of the 4 reference weeks of keyness: حفتر is written 3 times in both weeks
    # (2 + 1 articles), so no term of 7 words in W03 is significant against 8 in W02
    assert t.flags["has_reference"] and t.top_terms.empty and t.rising.empty
    key = t.keyness.set_index("term")
    assert key.loc["حفتر", ["count_target", "count_reference"]].tolist() == [2, 1]
    # before W02 there is no reference: the most frequent terms instead of keyness
    t2 = weekly_tables(small_store, "2020-W02")
    assert not t2.flags["has_reference"] and t2.keyness.empty
    # 9 words in W02, of which وقال and إن are stopwords: 7 terms seen once each
    assert t2.top_terms["term"].tolist() == ["حفتر", "زار", "سراج", "طرابلس", "فايز", "قواته",
                                             "مستعده"]
    assert set(t2.top_terms["count"]) == {1}


def test_store_and_corpus_give_the_same_tables(libya_jsonl, tmp_path):
    path = tmp_path / "news.sqlite"
    assert antk(["ingest", "--store", str(path), str(libya_jsonl)]) == 0
    bare = tmp_path / "bare.sqlite"
    assert antk(["ingest", "--no-analyses", "--store", str(bare), str(libya_jsonl)]) == 0
    corpus = load_corpus(libya_jsonl)
    # 2015-W32: 138 articles, W31 before it, W30-W31 as keyness reference (W28-W29 empty)
    kept = weekly_tables(path, "2015-W32")
    assert set(kept.sources_of.values()) == {"kept"} and len(kept.sources_of) == 5
    computed = weekly_tables(bare, "2015-W32")
    assert set(computed.sources_of.values()) == {"computed"}
    direct = weekly_tables(corpus, "2015-W32")
    assert kept.flags == computed.flags == direct.flags
    assert kept.flags["documents"] == 138 and kept.key_terms == direct.key_terms
    for name, frame in frames(direct).items():
        for other in (kept, computed):
            got = getattr(other, name)
            if name in ("mentions", "previous_mentions", "quotes"):
                pd.testing.assert_frame_equal(by_position(got), by_position(frame), obj=name)
            else:
                pd.testing.assert_frame_equal(got, frame, obj=name)
    assert len(direct.rising) and len(direct.labels) and len(direct.quotes)


def test_notebook_has_no_job_handles_and_one_call():
    nb = nbformat.read(str(ROOT / "notebooks" / "weekly_brief.ipynb"), as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for handle in (".result(", "passes.", "start_", "when_idle", "Background"):
        assert handle not in code
    assert code.count("weekly_tables(") == 1
    # after the parameters and the call: a markdown heading, then one display cell, per section
    cells = nb.cells[3:]
    assert [c.cell_type for c in cells] == ["markdown", "code"] * (len(cells) // 2)
    assert len(cells) // 2 == 10


def test_stale_results_are_analysed_again(libya_jsonl, tmp_path, monkeypatch, capsys):
    path = tmp_path / "news.sqlite"
    with Store(path) as store:
        store.add(load_corpus(libya_jsonl), batch_size=200)
        first = analyse_store(store)
        assert (first.analysed, first.kept, analyse_store(store).analysed) == (435, 0, 0)
    # a dictionary of one actor: every document is analysed again, and its mentions kept
    yaml = tmp_path / "one.yaml"
    yaml.write_text("name: one\nactors:\n  - id: kerry\n    label: {ar: جون كيري}\n"
                    "    type: person\n    aliases: [كيري, جون كيري]\n", encoding="utf-8")
    assert antk(["reanalyse", "--store", str(path), "--actors", str(yaml)]) == 0
    assert capsys.readouterr().out.startswith("analysed 435 document(s) (0 already kept)")
    assert antk(["reanalyse", "--store", str(path), "--actors", str(yaml)]) == 0
    assert capsys.readouterr().out.startswith("analysed 0 document(s) (435 already kept)")
    from toolkit.actors import find_mentions, labels, load_actors, quotes

    one = load_actors(yaml)
    with Store(path) as store:
        week = store.read(week="2015-W31")
        mentions = find_mentions(week, one)
        assert set(mentions["actor_id"]) == {"kerry"}
        assert set(quotes(week, one, mentions=mentions)["speaker_id"].dropna()) == {"kerry"}
        pd.testing.assert_frame_equal(kept_mentions(store, one, week="2015-W31"), mentions)
        pd.testing.assert_frame_equal(kept_quotes(store, one, week="2015-W31"),
                                      quotes(week, one, mentions=mentions))
        pd.testing.assert_frame_equal(kept_labels(store, one, weeks=["2015-W31"]),
                                      labels(week, mentions))
        # the bundled dictionary's results were replaced: not kept any more
        assert kept_mentions(store, None, week="2015-W31") is None
        # a new toolkit version: everything is stale again
        import toolkit.reports.kept as kept

        monkeypatch.setattr(kept, "__version__", "999.0")
        assert analyse_store(store, one).analysed == 435
        # documents added later: only they are analysed
        monkeypatch.undo()
        store.add([{"id": "new-1", "date": "2015-08-05", "text": "وقال حفتر إن الحل سياسي"}])
        assert analyse_store(store, one).analysed == 436  # the version changed back too
        store.add([{"id": "new-2", "date": "2015-08-05", "text": "وصل حفتر إلى القاهرة"}])
        report = analyse_store(store, one)
        assert (report.analysed, report.kept) == (1, 436)


def test_a_whole_week_reads_its_kept_labels_until_the_week_changes(monkeypatch):
    # RECORDS: W03 holds w3-a (okaz) and w3-b (sabq); ingest keeps W03's labels table once
    import toolkit.actors.descriptors as descriptors
    from toolkit.actors import find_mentions, labels, load_default_actors
    from toolkit.reports.kept import update_week_labels

    store = Store(":memory:")
    store.add(RECORDS)
    analyse_store(store)
    assert update_week_labels(store) == 0  # both weeks kept by analyse_store already
    week = store.read(week="2020-W03")
    expected = labels(week, find_mentions(week, load_default_actors()))
    assert "haftar" in set(expected["actor_id"])
    summing = descriptors.labels_from_inputs
    with monkeypatch.context() as m:  # the whole week: its kept table, no inputs summed
        m.setattr(descriptors, "labels_from_inputs", None)
        pd.testing.assert_frame_equal(kept_labels(store, weeks=["2020-W03"]), expected)
    # one source of the week: summed from the documents' kept inputs
    okaz = store.read(week="2020-W03", sources=["okaz"])
    pd.testing.assert_frame_equal(kept_labels(store, weeks=["2020-W03"], sources=["okaz"]),
                                  labels(okaz, find_mentions(okaz, load_default_actors())))
    # a document added to W03: its kept table is stale, the inputs of the new one missing
    store.add([{"id": "w3-c", "date": "2020-01-17", "source": "okaz",
                "text": "وقال فايز السراج إن الحوار مستمر."}])
    assert kept_labels(store, weeks=["2020-W03"]) is None
    report = analyse_store(store)
    assert report.analysed == 1 and update_week_labels(store) == 0
    week = store.read(week="2020-W03")
    with monkeypatch.context() as m:
        m.setattr(descriptors, "labels_from_inputs", None)
        pd.testing.assert_frame_equal(kept_labels(store, weeks=["2020-W03"]),
                                      labels(week, find_mentions(week, load_default_actors())))
    assert descriptors.labels_from_inputs is summing


def test_results_refuse_rows_of_other_documents_and_keep_dtypes():
    from toolkit.corpus import results

    store = Store(":memory:")
    store.add(RECORDS)
    todo = results.stale(store, "demo", "fp")
    assert [doc for _r, doc in todo] == ["w2-a", "w3-a", "w3-b"]
    frame = pd.DataFrame({"doc_id": ["w3-a", "w3-a"], "n": pd.array([1, None], dtype="Int64"),
                          "who": ["حفتر", None], "direct": [True, False]})
    with pytest.raises(ValueError, match="documents not given"):
        results.put(store, "demo", "fp", todo[:1], frame)
    assert results.read(store, "demo", "fp") is None  # nothing was written
    results.put(store, "demo", "fp", todo, frame)
    pd.testing.assert_frame_equal(results.read(store, "demo", "fp", week="2020-W03"), frame)
    assert results.read(store, "demo", "fp", week="2020-W02").empty
    assert results.read(store, "demo", "other") is None  # another fingerprint: stale
    assert results.kept_kinds(store).values.tolist() == [["demo", "fp", 3]]


def test_weekly_tables_are_those_of_the_public_functions(libya_jsonl):
    # the brief's mentions, quotes and labels are find_mentions, quotes and labels of the
    # period's corpus, with the same dictionary (before issue 16 the brief's own passes
    # computed them; issues 13 and 14 changed matching and quotes on purpose since, so the
    # digests of the old tables no longer apply)
    from toolkit.actors import find_mentions, labels, load_default_actors, quotes

    actors = load_default_actors()
    for corpus in (sample(), load_corpus(libya_jsonl)):
        t = weekly_tables(corpus, None)
        mentions = find_mentions(corpus, actors)
        assert len(mentions) > 100
        pd.testing.assert_frame_equal(by_position(t.mentions), by_position(mentions))
        said = quotes(corpus, actors, mentions=mentions)
        pd.testing.assert_frame_equal(by_position(t.quotes), by_position(said))
        pd.testing.assert_frame_equal(t.labels, labels(corpus, mentions))


@pytest.mark.slow
def test_ingest_on_dask_keeps_the_serial_results(libya_jsonl, tmp_path):
    serial, on_dask = tmp_path / "serial.sqlite", tmp_path / "dask.sqlite"
    assert antk(["ingest", "--store", str(serial), str(libya_jsonl)]) == 0
    assert antk(["ingest", "--dask", "--store", str(on_dask), str(libya_jsonl)]) == 0
    for week in ("2015-W31", "2015-W32"):
        a, b = weekly_tables(serial, week), weekly_tables(on_dask, week)
        assert b.sources_of == a.sources_of
        for name, frame in frames(a).items():
            pd.testing.assert_frame_equal(getattr(b, name), frame, obj=name)


def test_a_corpus_that_is_a_list_of_documents_works():
    corpus = Corpus.from_records(RECORDS)
    t = weekly_tables(corpus, "2020-W03")
    assert t.flags["documents"] == 2 and t.sources_of["mentions"] == "computed"


def test_a_bad_dictionary_stops_ingest_and_reanalyse_before_anything(libya_jsonl, tmp_path,
                                                                     capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [\n", encoding="utf-8")
    store = tmp_path / "news.sqlite"
    assert antk(["ingest", "--store", str(store), "--actors", str(bad), str(libya_jsonl)]) == 2
    assert "--actors" in capsys.readouterr().err and not store.exists()  # nothing added
    assert antk(["reanalyse", "--store", str(tmp_path / "none.sqlite")]) == 2
    assert "does not exist" in capsys.readouterr().err
