"""Versions in the store: a re-ingested document whose text changed is reported and added
as a new version (``update=True`` / ``--update`` replaces it); every reader sees the latest
version only; ``Store.history`` gives the earlier ones; a store of schema 1 opens and works."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3

import pandas as pd
import pytest

from toolkit.cli import main as antk
from toolkit.corpus import Corpus, Store
from toolkit.corpus.hashing import HASH_SCHEME

PARIS = "وصل المشير خليفة حفتر إلى باريس"
ROME = "وصل المشير خليفة حفتر إلى روما"
CAIRO = "وصل المشير خليفة حفتر إلى القاهرة"
BERLIN = "مؤتمر برلين حول ليبيا"


def _docs(text: str, date: str = "2020-01-19") -> list[dict]:
    return [{"id": "h1", "text": text, "date": date},
            {"id": "h2", "text": BERLIN, "date": "2020-01-19"}]


def test_a_changed_text_is_added_as_a_new_version(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.add(_docs(PARIS))
        before = store.week_groups(["2020-W03"])
        report = store.add(_docs(ROME))
        assert (report.added, report.present, report.changed, report.replaced) == (0, 1, 1, 0)
        assert report.changed_ids == ["h1"]
        assert str(report).endswith(
            "; 1 document changed: added as a new version: h1; --update replaces instead")
        # every reader: the latest version, each document once
        assert len(store) == 2 and store.count(week="2020-W03") == 2
        assert store.weeks().values.tolist() == [["2020-W03", 2]]
        assert [(d.doc_id, d.text) for d in store.read(week="2020-W03")] == [
            ("h1", ROME), ("h2", BERLIN)]
        assert store.week_snapshot("2020-W03")[1] == [(None, ROME), (None, BERLIN)]
        assert store.week_groups(["2020-W03"]) != before  # what was derived is stale
        # the earlier version is kept for whoever asks
        history = store.history("h1")
        assert history[["doc_id", "version", "latest", "text"]].values.tolist() == [
            ["h1", 1, False, PARIS], ["h1", 2, True, ROME]]
        assert history["ingested"].notna().all()
        assert history["date"].tolist() == [pd.Timestamp("2020-01-19")] * 2
        assert store.history("h2")["version"].tolist() == [1]
        assert store.history().equals(history)  # only h1 has earlier versions
        assert store.history("absent").empty
        # the same text again, or the older text again: nothing added, said so
        assert store.add(_docs(ROME)).present == 2
        report = store.add(_docs(PARIS))
        assert (report.added, report.present, report.earlier, report.changed) == (0, 2, 1, 0)
        assert "1 of the present equal to an earlier version (the latest version kept)" in str(report)
        assert [d.text for d in store.read(week="2020-W03")] == [ROME, BERLIN]
        # a third text: version 3
        store.add(_docs(CAIRO))
        assert store.history("h1")["text"].tolist() == [PARIS, ROME, CAIRO]
        assert len(store) == 2


def test_update_replaces_the_latest_version(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.add(_docs(PARIS))
        store.add(_docs(ROME))
        report = store.add(_docs(CAIRO), update=True)
        assert (report.added, report.present, report.changed, report.replaced) == (0, 1, 1, 1)
        assert str(report).endswith("; 1 document changed: replaced by the new text (--update): h1")
        # version 2 (ROME) replaced by CAIRO; version 1 stays
        assert store.history("h1")[["version", "text"]].values.tolist() == [[1, PARIS], [2, CAIRO]]
        assert [d.text for d in store.iter_documents()] == [CAIRO, BERLIN]
        assert len(store) == 2


def test_a_new_version_in_another_week_leaves_the_old_week(tmp_path):
    # h1 was dated 19 January (2020-W03); its new version 27 January (2020-W05)
    with Store(tmp_path / "s.sqlite") as store:
        store.add(_docs(PARIS))
        store.add(_docs(ROME, date="2020-01-27"))
        assert store.weeks().values.tolist() == [["2020-W03", 1], ["2020-W05", 1]]
        assert [d.doc_id for d in store.read(week="2020-W03")] == ["h2"]
        assert [d.text for d in store.read(week="2020-W05")] == [ROME]
        assert store.count(start="2020-01-01", end="2020-01-31") == 2


def test_ingest_reports_new_versions_and_update(tmp_path, capsys):
    db, path = tmp_path / "s.sqlite", tmp_path / "day.jsonl"
    path.write_text(json.dumps(_docs(PARIS)[0], ensure_ascii=False), encoding="utf-8")
    assert antk(["ingest", str(path), "--store", str(db), "--no-counts"]) == 0
    path.write_text(json.dumps(_docs(ROME)[0], ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert antk(["ingest", str(path), "--store", str(db), "--no-counts"]) == 0
    out, err = capsys.readouterr()
    assert "1 document changed: added as a new version: h1; --update replaces instead" in out
    assert "antk ingest: 1 record read: 1 document, 0 skipped" in err
    path.write_text(json.dumps(_docs(CAIRO)[0], ensure_ascii=False), encoding="utf-8")
    assert antk(["ingest", str(path), "--store", str(db), "--no-counts", "--update"]) == 0
    assert "1 document changed: replaced by the new text (--update): h1" in capsys.readouterr().out
    with Store(db) as store:
        assert [d.text for d in store.iter_documents()] == [CAIRO]
        assert store.history("h1")["text"].tolist() == [PARIS, CAIRO]


def test_a_document_named_by_its_url_gets_versions_too():
    store = Store(":memory:")
    store.add([{"url": "https://sabq.org/a1", "text": PARIS}])
    report = store.add([{"url": "https://sabq.org/a1", "text": ROME}])
    (doc_id,) = report.changed_ids
    assert doc_id.startswith("auto-") and len(store) == 1
    assert store.history(doc_id)[["version", "url", "text"]].values.tolist() == [
        [1, "https://sabq.org/a1", PARIS], [2, "https://sabq.org/a1", ROME]]


def test_many_changed_ids_are_counted_and_the_first_ten_named():
    store = Store(":memory:")
    store.add([{"id": f"n{i:02}", "text": f"خبر رقم {i}"} for i in range(12)])
    report = store.add([{"id": f"n{i:02}", "text": f"خبر معدل رقم {i}"} for i in range(12)])
    assert report.changed == 12 and len(report.changed_ids) == 12
    assert str(report).endswith(
        "12 documents changed: added as new versions: n00, n01, n02, n03, n04, n05, n06, n07,"
        " n08, n09 … and 2 more; --update replaces instead")
    assert len(store) == 12 and len(store.history()) == 24


def test_copies_of_a_superseded_text_keep_one_original():
    # y and z are copies of x's text; x changes: y becomes the original, z points at it,
    # and w, a copy of x's new text, points at x
    store = Store(":memory:")
    store.add([{"id": "x", "text": BERLIN}, {"id": "y", "text": BERLIN},
               {"id": "z", "text": BERLIN}])
    report = store.add([{"id": "x", "text": ROME}, {"id": "w", "text": ROME}])
    assert (report.added, report.changed, report.duplicates) == (1, 1, 1)
    flags = {d.doc_id: d.duplicate_of for d in store.iter_documents()}
    assert flags == {"w": "x", "x": None, "y": None, "z": "y"}
    assert sorted(d.doc_id for d in store.read().drop_duplicates()) == ["x", "y"]
    # in one batch: v, a new copy of u's text, comes before u's change; v is the original
    store.add([{"id": "u", "text": PARIS}])
    report = store.add([{"id": "v", "text": PARIS}, {"id": "u", "text": CAIRO}])
    assert (report.added, report.changed, report.duplicates) == (1, 1, 0)
    assert store.read()["v"].duplicate_of is None


RECORDS = [  # 2020-W02 (6-12 January) and 2020-W03 (13-19 January)
    {"id": "w2-a", "date": "2020-01-08", "source": "okaz",
     "text": "استقبل فايز السراج في طرابلس وفدا أوروبيا."},
    {"id": "w3-a", "date": "2020-01-14", "source": "okaz",
     "text": "وصل خليفة حفتر إلى موسكو. وقال حفتر إن الحل سياسي."},
    {"id": "w3-b", "date": "2020-01-15", "source": "sabq",
     "text": "التقى فايز السراج وزير الخارجية في تونس."},
]
# w3-a's corrected text: Haftar's two mentions and Moscow are gone, al-Sarraj said it
W3A = {**RECORDS[1], "text": "قال فايز السراج إن الحل سياسي."}


def test_kept_results_and_the_brief_tables_see_the_latest_version(tmp_path, capsys):
    from toolkit.actors import find_mentions
    from toolkit.corpus import results
    from toolkit.reports.kept import analyse_store, kept_mentions
    from toolkit.reports.tables import weekly_tables

    path = tmp_path / "news.sqlite"
    with Store(path) as store:
        store.add(RECORDS)
        assert analyse_store(store).analysed == 3
        assert store.add([W3A]).changed_ids == ["w3-a"]
        assert kept_mentions(store, week="2020-W03") is None  # the new version: not kept yet
        assert analyse_store(store).analysed == 1  # only the new version is analysed
        # each kind holds 3 documents (not 4: the earlier version's results went with it)
        assert results.kept_kinds(store)["documents"].tolist() == [3, 3, 3]
        kept = kept_mentions(store, week="2020-W03")
        # "قال " is 4 characters, "فايز السراج" 11: w3-a's only mention is at 4-15
        assert kept.loc[kept["doc_id"] == "w3-a", ["start", "end", "surface", "actor_id"]
                        ].values.tolist() == [[4, 15, "فايز السراج", "sarraj"]]
        pd.testing.assert_frame_equal(kept, find_mentions(store.read(week="2020-W03")))
        t = weekly_tables(store, "2020-W03")
    assert set(t.sources_of.values()) == {"kept"}
    # W03: 2 articles (w3-a once); al-Sarraj in both, once in W02 -> change +1; Haftar gone
    assert dict(zip(t.headline["item"], t.headline["value"], strict=True))["articles"] == 2
    rows = t.actors.set_index("actor_id")
    assert rows.loc["sarraj", ["mentions", "docs", "previous", "change"]].tolist() == [2, 2, 1, 1]
    assert "haftar" not in rows.index
    latest = Corpus.from_records([RECORDS[0], W3A, RECORDS[2]])
    direct = weekly_tables(latest, "2020-W03")
    for field in dataclasses.fields(direct):
        frame = getattr(direct, field.name)
        if isinstance(frame, pd.DataFrame):
            got = getattr(t, field.name)
            if field.name in ("mentions", "previous_mentions", "quotes"):
                got, frame = (f.sort_values(["doc_id", "start"]).reset_index(drop=True)
                              for f in (got, frame))
            pd.testing.assert_frame_equal(got, frame, obj=field.name)
    capsys.readouterr()
    assert antk(["reanalyse", "--store", str(path)]) == 0
    assert capsys.readouterr().out.startswith("analysed 0 document(s) (3 already kept)")


# the schema of stores written before versions (schema 1), as it was
OLD_SCHEMA = """
CREATE TABLE documents (
    rowid        INTEGER PRIMARY KEY,
    identity     TEXT NOT NULL UNIQUE,
    doc_id       TEXT NOT NULL UNIQUE,
    date         TEXT,
    week         TEXT,
    source       TEXT,
    title        TEXT,
    url          TEXT,
    author       TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of TEXT,
    meta         TEXT NOT NULL DEFAULT '{}',
    batch        INTEGER NOT NULL
);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_week ON documents (week, date);
CREATE INDEX documents_source ON documents (source, date);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE TABLE batches (
    batch    INTEGER PRIMARY KEY,
    written  TEXT NOT NULL,
    added    INTEGER NOT NULL,
    present  INTEGER NOT NULL
);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE derived (
    kind        TEXT NOT NULL,
    week        TEXT NOT NULL,
    source      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    value       BLOB NOT NULL,
    PRIMARY KEY (kind, week, source)
);
"""


def _old_store(path, schema: str = "1") -> None:
    doc = next(iter(Corpus.from_records(_docs(PARIS)[:1])))
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.execute("PRAGMA journal_mode = WAL")
    db.executemany("INSERT INTO info VALUES (?, ?)", [("schema", schema), ("hash", HASH_SCHEME)])
    db.execute("INSERT INTO batches VALUES (1, '2025-03-02T10:00:00', 1, 0)")
    db.execute("INSERT INTO documents VALUES (1, 'id:h1', 'h1', '2020-01-19 00:00:00.000000',"
               " '2020-W03', NULL, NULL, NULL, NULL, ?, ?, NULL, '{}', 1)",
               (doc.text, doc.content_hash))
    db.commit()
    db.close()


def test_a_store_of_schema_1_opens_read_only_and_is_migrated_for_writing(tmp_path):
    path = tmp_path / "old.sqlite"
    _old_store(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with Store(path, readonly=True) as store:  # read as it is: nothing migrated
        assert [d.text for d in store.read(week="2020-W03")] == [PARIS]
        assert store.history("h1")[["version", "latest", "ingested"]].values.tolist() == [
            [1, True, "2025-03-02T10:00:00"]]
        assert store.history().empty
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    with Store(path) as store:
        info = dict(store.connection.execute("SELECT key, value FROM info"))
        assert info["schema"] == "2"
        assert store.add(_docs(PARIS)[:1]).present == 1  # the stored text is recognised
        report = store.add(_docs(ROME))
        assert (report.added, report.changed, report.changed_ids) == (1, 1, ["h1"])
        history = store.history("h1")
        assert history[["version", "latest", "text"]].values.tolist() == [
            [1, False, PARIS], [2, True, ROME]]
        assert history["ingested"].iloc[0] == "2025-03-02T10:00:00"  # its own batch's time
        assert len(store) == 2
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_store_of_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    _old_store(path, schema="3")
    for readonly in (True, False):
        with pytest.raises(ValueError, match=r"has schema '3', newer than this toolkit's '2'"):
            Store(path, readonly=readonly)
    assert antk(["brief", "--store", str(path), "--out", str(tmp_path / "out")]) == 2
