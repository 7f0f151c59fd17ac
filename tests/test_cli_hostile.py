"""Hostile input through the command line: every record accounted for, bounded regexes,
escaped terminal output, range-checked numbers."""

from __future__ import annotations

import importlib
import json
import re

import pytest

from toolkit.cli import main as antk
from toolkit.frequency import kwic as kwic_function

TEXT = "وصل المشير خليفة حفتر إلى باريس"


@pytest.fixture()
def mixed(tmp_path):
    """5 records: 3 good, one cut line, one with a stray byte (the 3rd and 4th are bad)."""
    lines = [json.dumps({"id": f"k{i}", "text": f"{TEXT} {i}"}, ensure_ascii=False).encode()
             for i in range(5)]
    lines[2] = lines[2][:20]
    lines[3] = lines[3].replace("حفتر".encode(), b"\xfe" + "حفتر".encode())
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("command", [
    ["freq", "{path}"],
    ["kwic", "{path}", "حفتر"],
    ["actors", "{path}"],
    ["ingest", "{path}", "--store", "{store}", "--no-counts"],
])
def test_every_command_accounts_for_every_record(command, mixed, tmp_path, capsys):
    args = [a.format(path=mixed, store=tmp_path / "s.sqlite") for a in command]
    assert antk([*args, "--errors", "skip"]) == 0
    err = capsys.readouterr().err
    assert f"antk {command[0]}: 5 records read: 3 documents, 2 skipped" in err
    assert f"skipped {mixed}, line 3: invalid JSON" in err
    assert f"skipped {mixed}, line 4: cannot decode byte 0xfe" in err


def test_catastrophic_regex_is_stopped_with_a_message(tmp_path, capsys, monkeypatch):
    module = importlib.import_module("toolkit.frequency.concordance")  # the module, not the function
    monkeypatch.setattr(module, "REGEX_SECONDS", 0.2)
    path = tmp_path / "redos.jsonl"
    path.write_text(json.dumps({"id": "r", "text": "a" * 60 + "b"}), encoding="utf-8")
    assert antk(["kwic", str(path), "(a|aa)+$", "--regex", "--preset", "none"]) == 2
    assert "ran for more than 0.2 s on one document and was stopped" in capsys.readouterr().err
    # an ordinary regex (with a look-behind) still works on the same engine
    frame = kwic_function([TEXT], "(?<=المشير )\\w+", regex=True, window=1)
    assert frame["match"].tolist() == ["خليفة"]


def test_kwic_escapes_terminal_control_characters(tmp_path, capsys):
    path = tmp_path / "esc.jsonl"
    path.write_text(json.dumps({"id": "e\x1b]0;x\x07", "text": "حفتر \x1b[2J\x1b[31m يصل"}),
                    encoding="utf-8")
    assert antk(["kwic", str(path), "حفتر"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out == "e\\x1b]0;x\\x07\t0\t [حفتر] \\x1b[2J\\x1b[31m يصل\n"


@pytest.mark.parametrize("value", ["0", "-5"])
def test_brief_timeout_is_range_checked(value, capsys):
    assert antk(["brief", "--timeout", value]) == 2
    assert re.search(rf"--timeout {value}: the per-cell time limit must be >= 1 s",
                     capsys.readouterr().err)


def test_freq_ngrams_zero_is_refused(mixed, capsys):
    assert antk(["freq", str(mixed), "--ngrams", "0"]) == 2
    assert "--ngrams 0: must be >= 1" in capsys.readouterr().err


def test_brief_accounts_for_every_record_and_stops_at_a_bad_one(mixed, tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text("".join(
        json.dumps({"id": f"g{i}", "date": "2020-03-10", "text": f"{TEXT} {i}"},
                   ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    out = tmp_path / "out"
    # a week none of the 3 articles is in: the brief stops (exit 1) once it has read them,
    # and says that it read them all
    assert antk(["brief", "--corpus", str(good), "--week", "2015-W31", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "antk brief: 3 records read: 3 documents, 0 skipped" in err
    assert not out.exists()
    # the notebook reads with errors="raise": a bad record stops the brief before it runs,
    # named by its file and line
    assert antk(["brief", "--corpus", str(mixed), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(mixed) in err and "line 3" in err and "invalid JSON" in err
    assert not out.exists()
