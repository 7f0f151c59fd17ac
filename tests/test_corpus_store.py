"""The SQLite store: idempotent ingest, concurrency, crash safety, indexed reads."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from toolkit.corpus import load_corpus
from toolkit.corpus.store import Store, identity

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_ingest_twice_adds_nothing(libya_jsonl, tmp_path):
    corpus = load_corpus(libya_jsonl)
    with Store(tmp_path / "news.sqlite") as store:
        first = store.add(corpus, batch_size=100)
        assert (first.added, first.present, first.rejected) == (435, 0, 0)
        assert first.batches == 5  # 435 documents, 100 a batch
        # the 9 repeated texts of the libya subset (see test_corpus_model) are kept, flagged
        assert first.duplicates == 9
        second = store.add(corpus)
        assert (second.added, second.present) == (0, 435)
        assert len(store) == 435
        back = store.read()
    # a round trip keeps every field, the date and the extra metadata
    before = corpus.frame.set_index("doc_id").sort_index()
    after = back.frame.set_index("doc_id").sort_index()
    for column in ["date", "source", "title", "url", "author", "text", "batch_file", "content_hash"]:
        assert after[column].equals(before[column]), column
    assert after["duplicate_of"].dropna().to_dict() == before["duplicate_of"].dropna().to_dict()
    assert str(back.frame["date"].dtype) == "datetime64[ns]"


def test_identity_rules():
    from toolkit.corpus import Corpus

    corpus = Corpus.from_records([
        {"id": "sn-1", "url": "http://a", "text": "نص"},
        {"url": "http://b", "text": "نص آخر"},
        {"text": "نص ثالث"},
    ])
    keys = [identity(d) for d in corpus]
    assert keys[0] == "id:sn-1"
    assert keys[1] == "url:http://b"
    assert keys[2] == "hash:" + corpus.frame.loc[2, "content_hash"]


def test_reading_a_week_is_an_indexed_query(libya_jsonl, tmp_path):
    corpus = load_corpus(libya_jsonl)
    with Store(tmp_path / "news.sqlite") as store:
        store.add(corpus)
        week = store.read(week="2015-W31")
        assert sorted(week.frame["doc_id"]) == sorted(corpus.filter(week="2015-W31").frame["doc_id"])
        assert len(week) == 76
        rng = store.read(start="2015-08-01", end="2015-08-02", sources=["alyaum", "okaz"])
        expected = corpus.filter(start="2015-08-01", end="2015-08-02", sources=["alyaum", "okaz"])
        assert sorted(rng.frame["doc_id"]) == sorted(expected.frame["doc_id"])
        # count() says how many a read gives, without reading them
        assert store.count(week="2015-W31") == 76 and store.count() == 435
        assert store.count(start="2015-08-01", end="2015-08-02", sources=["alyaum", "okaz"]) == len(
            expected
        )
        with pytest.raises(ValueError, match="sources="):
            store.count(sources=[])
        assert "USING INDEX documents_week" in store.query_plan(week="2015-W31")
        assert "USING INDEX documents_date" in store.query_plan(start="2015-08-01", end="2015-08-02")
        assert store.weeks()["documents"].sum() == 435
        streamed = list(store.iter_documents(week="2015-W31"))
        assert [d.doc_id for d in streamed] == week.frame["doc_id"].tolist()
        with pytest.raises(ValueError, match="week='W31' is not an ISO week label"):
            store.read(week="W31")


def test_records_are_validated_and_counted(tmp_path):
    with Store(tmp_path / "s.sqlite") as store, pytest.warns(UserWarning, match="skipped 1"):
        report = store.add([{"id": "a", "text": "قال الوزير", "date": "أمس"},
                            {"id": "b", "text": "قالت الوزيرة", "date": "2015-07-21"}],
                           errors="skip")
    assert (report.added, report.rejected) == (1, 1)
    assert report.rejections[0][1:] == (1, "date 'أمس' is not an ISO 8601 date (expected "
                                        "YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, optionally with a UTC offset)")


def test_not_a_store(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("هذا ليس ملف قاعدة بيانات" * 100, encoding="utf-8")
    with pytest.raises(ValueError, match=r"store='.*notes\.sqlite' is not a usable SQLite store"):
        Store(bogus)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        Store(tmp_path / "missing" / "s.sqlite")


def test_two_concurrent_ingests_store_each_document_once(libya_jsonl, tmp_path):
    db = tmp_path / "shared.sqlite"
    cmd = [sys.executable, "-m", "toolkit", "ingest", str(libya_jsonl), "--store", str(db),
           "--batch-size", "20"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env(), cwd=tmp_path) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    added = [int(out.split("added ")[1].split(",")[0]) for out, _ in outs]
    present = [int(out.split("already present ")[1].split(",")[0]) for out, _ in outs]
    assert sum(added) == 435 and sum(present) == 435
    con = sqlite3.connect(db)
    rows = con.execute("SELECT count(*), count(DISTINCT identity), count(DISTINCT doc_id) "
                       "FROM documents").fetchone()
    assert rows == (435, 435, 435)


KILLED_CHILD = textwrap.dedent("""
    import sys, time
    from toolkit.corpus import iter_documents
    from toolkit.corpus.store import Store

    class SlowStore(Store):
        def _insert(self, db, rows):
            super()._insert(db, rows)
            time.sleep(0.2)  # rows written, not committed: the kill lands inside a transaction

    SlowStore(sys.argv[2]).add(iter_documents(sys.argv[1]), batch_size=25)
""")


def test_killed_ingest_leaves_whole_batches(libya_jsonl, tmp_path):
    db = tmp_path / "killed.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(libya_jsonl), str(db)],
                            env=_env(), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 50:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as con:
                    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
    assert proc.poll() is None, proc.stderr.read()  # still writing: killed mid-way
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(db) as store:  # opens cleanly after the crash
        count = len(store)
        assert 50 <= count < 435
        assert count % 25 == 0  # whole batches only
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        batches = pd.read_sql("SELECT batch, count(*) AS n FROM documents GROUP BY batch",
                              store._db)
        assert (batches["n"] == 25).all()
        # re-running completes the job without adding anything twice
        report = store.add(load_corpus(libya_jsonl))
        assert (report.added, report.present) == (435 - count, count)
        assert len(store) == 435
