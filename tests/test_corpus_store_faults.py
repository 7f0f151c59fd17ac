"""The store under read-only files (simulated, and real ones a brief reads), foreign SQLite
files and a full disk (changed documents: test_corpus_store_versions.py)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import main as antk
from toolkit.corpus import Store

ROME = "وصل المشير خليفة حفتر إلى روما"
PARIS = "وصل المشير خليفة حفتر إلى باريس"


def _docs(text: str) -> list[dict]:
    return [{"id": "h1", "text": text, "date": "2020-01-19"},
            {"id": "h2", "text": "مؤتمر برلين حول ليبيا", "date": "2020-01-19"}]


def test_read_only_store_reads_and_writes_nothing(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.add(_docs(PARIS))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with Store(path, readonly=True) as store:
        assert store.readonly and store.count(week="2020-W03") == 2
        assert len(store.read(week="2020-W03")) == 2
        store.put_derived("demo", [("2020-W03", None, "2:2:3", b"x")])  # a cache: skipped
        with pytest.raises(OSError, match="open read-only; nothing added"):
            store.add(_docs(ROME))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    with pytest.raises(FileNotFoundError, match="read-only: not created"):
        Store(tmp_path / "absent.sqlite", readonly=True)


def test_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path, capsys):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ValueError, match=r"is an SQLite database but not an antk store \(tables: "
                       r"notes\); left untouched"):
        Store(path)
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps(_docs(PARIS)[0], ensure_ascii=False), encoding="utf-8")
    assert antk(["ingest", str(source), "--store", str(path)]) == 2
    assert antk(["brief", "--store", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "not an antk store" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (tmp_path / "out").exists()


def test_disk_full_during_ingest_names_the_cause(tmp_path):
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for i in range(2000):
            f.write(json.dumps({"id": f"m{i}", "text": PARIS * 20}, ensure_ascii=False) + "\n")
    store = tmp_path / "full.sqlite"
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))\n"
        "from toolkit.cli import main\n"
        f"sys.exit(main(['ingest', {str(source)!r}, '--store', {str(store)!r}, '--no-counts',"
        " '--batch-size', '100']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-800:]
    assert "cannot write: " in done.stderr and "rolled back" in done.stderr
    assert "cannot rollback" not in done.stderr and "Traceback" not in done.stderr
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert stored % 100 == 0 and stored < 2000  # whole batches only


def test_store_on_a_text_file_exits_2(tmp_path, capsys):
    path = Path(tmp_path / "notes.sqlite")
    path.write_text("ليست قاعدة بيانات", encoding="utf-8")
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps(_docs(PARIS)[0], ensure_ascii=False), encoding="utf-8")
    assert antk(["ingest", str(source), "--store", str(path)]) == 2
    assert "not a usable SQLite store" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "ليست قاعدة بيانات"


def test_a_store_we_may_not_write_opens_read_only(tmp_path, monkeypatch):
    # as root every file is writable, so the file system's answer is simulated
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.add(_docs(PARIS))
    import toolkit.corpus.store as module

    monkeypatch.setattr(module.os, "access", lambda p, mode: mode != os.W_OK)
    with Store(path) as store:
        assert store.readonly and len(store.read(week="2020-W03")) == 2


def test_brief_reads_a_store_whose_file_and_folder_are_read_only(tmp_path, capsys):
    # a real read-only store: the file 0444, its folder 0555 (no -wal or -shm can be made)
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "news.sqlite"
    with Store(path) as store:
        store.add([{"id": "h1", "text": PARIS + " للقاء الرئيس إيمانويل ماكرون",
                    "date": "2020-01-14"},
                   {"id": "h2", "text": "مؤتمر برلين حول ليبيا", "date": "2020-01-16"}])
        store.add([{"id": "h1", "text": ROME, "date": "2020-01-14"}])  # a new version
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        try:
            with path.open("ab"):
                writable = True
        except PermissionError:
            writable = False
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        out = tmp_path / "reports"
        args = ["brief", "--store", str(path), "--week", "2020-W03", "--out", str(out),
                "--format", "html"]
        if not writable:
            assert antk(args) == 0, capsys.readouterr().err
        else:  # root: in a user namespace of its own, root keeps no power over file modes
            unshare = shutil.which("unshare")
            probe = unshare and subprocess.run([unshare, "-U", "test", "-w", str(path)],
                                               capture_output=True)
            if not unshare or probe.returncode != 1:
                pytest.skip("running as root: a file with mode 0444 is still writable and no "
                            "user namespace (unshare -U) takes that away, so the read-only case "
                            "cannot be made (test_a_store_we_may_not_write_opens_read_only "
                            "simulates it)")
            done = subprocess.run([unshare, "-U", sys.executable, "-m", "toolkit", *args],
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-1500:]
        html = (out / "2020-W03" / "brief.html").read_text(encoding="utf-8")
        # the latest version of h1 only: Haftar in Rome, Macron (its earlier text) gone
        assert "حفتر" in html and "ماكرون" not in html
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert sorted(p.name for p in folder.iterdir()) == ["news.sqlite"]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
