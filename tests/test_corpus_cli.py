"""``antk ingest`` and ``antk datasets get`` (offline, through file:// URLs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.corpus.datasets import checksums
from toolkit.corpus.store import Store

BAD = Path(__file__).parent / "data" / "corpus_bad"


def test_ingest_prints_counts_and_is_idempotent(libya_jsonl, tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert main(["ingest", str(libya_jsonl), "--store", str(db)]) == 0
    assert capsys.readouterr().out.startswith("added 435, already present 0, rejected 0")
    assert main(["ingest", str(libya_jsonl), "--store", str(db)]) == 0
    assert capsys.readouterr().out.startswith("added 0, already present 435, rejected 0")


def test_ingest_bad_input(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    # default errors=raise: exit 2, the message names file and line
    assert main(["ingest", str(BAD / "bad_date.jsonl"), "--store", str(db)]) == 2
    err = capsys.readouterr().err
    assert "bad_date.jsonl, line 2: date '10/03/2020' is not an ISO 8601 date" in err
    # --errors skip: the good records go in, the bad ones are counted and listed
    args = ["ingest", str(BAD / "bad_date.jsonl"), str(BAD / "truncated_line.jsonl"),
            str(BAD / "bom.jsonl"), "--store", str(db), "--errors", "skip"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    # bad_date: 2 of 3; truncated_line: 2 of 3; bom: 2 of 2
    assert out.startswith("added 6, already present 0, rejected 2")
    assert "antk ingest: skipped " in err and "truncated_line.jsonl, line 2: invalid JSON" in err
    assert "antk ingest: 8 records read: 6 documents, 2 skipped" in err
    with Store(db) as store:
        assert len(store) == 6


def test_ingest_usage_errors(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert main(["ingest", str(BAD / "bom.jsonl"), "--store", str(db), "--field", "text"]) == 2
    assert "--field 'text' must look like FIELD=KEY" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "nope.jsonl"), "--store", str(db)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["ingest", str(BAD / "bom.jsonl"), "--store", str(db), "--errors", "ignore"]) == 2


def test_packaged_checksums_match_the_shared_list(saudinewsnet_raw):
    listed = {}
    for line in (saudinewsnet_raw / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        listed[name] = digest
    assert checksums("saudinewsnet") == listed
    assert len(listed) == 18


@pytest.mark.slow
def test_datasets_get_offline(saudinewsnet_raw, tmp_path, capsys):
    url = saudinewsnet_raw.resolve().as_uri() + "/"
    dest, db = tmp_path / "snn", tmp_path / "snn.sqlite"
    assert main(["datasets", "get", "saudinewsnet", "--dest", str(dest), "--url", url,
                 "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert "CC BY-NC-SA 4.0" in out
    assert "18 files verified" in out and "18 downloaded" in out
    assert "added 31030, already present 0, rejected 0" in out
    assert sorted(p.name for p in dest.iterdir()) == sorted(checksums("saudinewsnet"))
    # a second run downloads nothing and adds nothing
    assert main(["datasets", "get", "saudinewsnet", "--dest", str(dest), "--url", url,
                 "--store", str(db), "--no-ingest"]) == 0
    assert "0 downloaded, 18 already present" in capsys.readouterr().out


def test_datasets_get_refuses_a_checksum_mismatch(saudinewsnet_raw, tmp_path, capsys):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    # the first file listed is replaced by a copy of another day: right format, wrong bytes
    shutil.copy(saudinewsnet_raw / "2015-07-23.zip", mirror / "2015-07-21.zip")
    dest = tmp_path / "dest"
    code = main(["datasets", "get", "saudinewsnet", "--dest", str(dest),
                 "--url", mirror.as_uri(), "--no-ingest"])
    assert code == 1
    err = capsys.readouterr().err
    assert "2015-07-21.zip: SHA-256 mismatch (expected 7a413b5e" in err
    assert list(dest.iterdir()) == []  # nothing kept, not even a partial file


def test_datasets_usage_errors(tmp_path, capsys):
    assert main(["datasets", "get", "wikipedia", "--dest", str(tmp_path)]) == 2
    assert "dataset='wikipedia' is unknown; accepted values: saudinewsnet" in capsys.readouterr().err
    assert main(["datasets", "get", "saudinewsnet", "--dest", str(tmp_path),
                 "--url", "ftp://example.org/"]) == 2
    assert "must be an http://, https:// or file:// address" in capsys.readouterr().err
    # a missing file:// source is a download failure naming the file (no network involved)
    missing = (tmp_path / "absent").as_uri()
    assert main(["datasets", "get", "saudinewsnet", "--dest", str(tmp_path / "d"),
                 "--url", missing, "--no-ingest"]) == 1
    assert "cannot download 2015-07-21.zip from file://" in capsys.readouterr().err
