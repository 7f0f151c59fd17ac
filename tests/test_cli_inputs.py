"""A real export on the command line: its own column names (``--field``), ``;``-separated,
dd/mm/yyyy dates (``--dayfirst``); ``--week last|latest``; empty periods and unknown
sources; specific ``--help``; absolute paths in messages."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.corpus import CorpusError, load_corpus
from toolkit.corpus.readers import sniff_delimiter
from toolkit.corpus.store import Store
from toolkit.reports.params import (
    Contents,
    EmptyPeriodError,
    check_contents,
    last_complete_week,
    resolve_period,
)

# Three short dispatches in the style of the seed article; two outlets, two weeks.
ROWS = [
    ("قال المشير خليفة حفتر، قائد الجيش، إن وقف إطلاق النار صامد", "09/03/2020", "الوسط",
     "حفتر: الهدنة صامدة"),
    ("التقى الرئيس إيمانويل ماكرون حفتر في قصر الإليزيه، وقال ماكرون إن فرنسا تدعم وقف "
     "إطلاق النار", "10/03/2020", "بوابة الوسط", "ماكرون يستقبل حفتر"),
    ("أعلنت حكومة الوفاق الوطني قبول الهدنة", "16/03/2020", "الوسط", "الوفاق تقبل الهدنة"),
]
FIELDS = ["--field", "text=body", "--field", "date=published", "--field", "source=outlet",
          "--dayfirst"]


def write_export(path, delimiter=";"):
    """The export as a newsroom tool writes it: ``body;published;outlet;headline``."""
    lines = [delimiter.join(["body", "published", "outlet", "headline"])]
    for body, published, outlet, headline in ROWS:
        lines.append(delimiter.join([f'"{body}"', published, outlet, headline]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def export(tmp_path):
    return write_export(tmp_path / "export.csv")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed_and_dayfirst_dates_read(tmp_path, delimiter):
    path = write_export(tmp_path / "export.csv", delimiter)
    corpus = load_corpus(path, fields={"text": "body", "date": "published"}, dayfirst=True)
    frame = corpus.frame
    assert len(corpus) == 3
    assert frame["text"].tolist() == [r[0] for r in ROWS]  # commas inside quotes kept
    assert frame["source"].tolist() == ["الوسط", "بوابة الوسط", "الوسط"]
    assert frame["title"].tolist()[1] == "ماكرون يستقبل حفتر"
    assert frame["date"].tolist() == [pd.Timestamp(2020, 3, 9), pd.Timestamp(2020, 3, 10),
                                      pd.Timestamp(2020, 3, 16)]


def test_sniffing_is_not_fooled_by_delimiters_inside_quoted_texts():
    # a comma-separated file whose quoted texts hold semicolons and pipes
    text = 'النص,التاريخ\n"أولًا; ثم | أخيرًا",2020-03-09\n"قال; وأضاف",2020-03-10\n'
    assert sniff_delimiter(text) == ","
    # a semicolon file whose texts hold commas (and Arabic commas) without quotes
    text = "النص;المصدر\nقال حفتر, ثم مضى، وعاد;الوسط\nلا تعليق;الوسط\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("النص\nسطر واحد\n") == ","  # one column: the default


def test_day_first_date_without_the_option_says_how(export):
    with pytest.raises(CorpusError) as caught:
        load_corpus(export, fields={"text": "body", "date": "published"})
    message = str(caught.value)
    assert "export.csv, line 2" in message and "'09/03/2020'" in message
    assert "dayfirst=True" in message
    # with the option, a value that is no date at all says both forms are accepted
    with pytest.raises(CorpusError, match=r"'حفتر: الهدنة صامدة' is not .* or dd/mm/yyyy"):
        load_corpus(export, fields={"text": "body", "date": "headline"}, dayfirst=True)


def test_dayfirst_keeps_iso_dates_and_times():
    from toolkit.corpus.dates import parse_date

    assert parse_date("16-03-2020 14:05", dayfirst=True) == datetime(2020, 3, 16, 14, 5)
    assert parse_date("2020-03-16", dayfirst=True) == datetime(2020, 3, 16)
    with pytest.raises(ValueError, match="not a valid day-first date"):
        parse_date("31/02/2020", dayfirst=True)


def test_freq_with_fields_by_the_inputs_own_column(export, capsys):
    assert main(["freq", str(export), *FIELDS, "--by", "outlet"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(StringIO(out))
    assert list(table.columns[:4]) == ["outlet", "term", "count", "docs"]
    counts = table.set_index(["outlet", "term"])["count"]
    assert counts[("بوابة الوسط", "ماكرون")] == 2
    assert counts[("الوسط", "حفتر")] == 1 and counts[("بوابة الوسط", "حفتر")] == 1
    assert counts[("الوسط", "هدنه")] == 1  # الهدنة, the third dispatch
    # the keys read as document fields are said, not renamed silently
    assert "'outlet' as source" in err and "'body' as text" in err


def test_freq_without_dayfirst_points_at_the_option(export, capsys):
    assert main(["freq", str(export), "--field", "text=body"]) == 2
    err = capsys.readouterr().err
    assert "needs --dayfirst" in err and str(export) in err  # the absolute path


def test_missing_text_points_at_the_field_option(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("المقال;التاريخ\nنص قصير;2020-03-09\n", encoding="utf-8")
    assert main(["freq", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--field text=KEY" in err and "المقال" in err


def test_field_usage_errors(export, capsys):
    assert main(["freq", str(export), "--field", "body=text"]) == 2
    assert "unknown field 'body'" in capsys.readouterr().err
    assert main(["kwic", str(export), "حفتر", "--field", "text"]) == 2
    assert "must look like FIELD=KEY" in capsys.readouterr().err


def test_kwic_and_actors_read_the_export(export, capsys):
    assert main(["kwic", str(export), "حفتر", *FIELDS, "--format", "csv"]) == 0
    lines = pd.read_csv(StringIO(capsys.readouterr().out))
    assert lines["match"].tolist() == ["حفتر", "حفتر"]
    assert main(["actors", str(export), *FIELDS, "--by", "outlet"]) == 0
    table = pd.read_csv(StringIO(capsys.readouterr().out))
    haftar = table[table["actor_id"] == "haftar"].set_index("outlet")["mentions"]
    assert haftar.to_dict() == {"الوسط": 1, "بوابة الوسط": 1}


def test_ingest_with_fields_and_dayfirst(export, tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert main(["ingest", str(export), "--store", str(db), *FIELDS]) == 0
    assert capsys.readouterr().out.startswith("added 3, already present 0, rejected 0")
    with Store(db) as store:
        assert store.count(week="2020-W11") == 2 and store.count(week="2020-W12") == 1
        assert store.count(sources=["بوابة الوسط"]) == 1


def test_relative_out_is_reported_absolute(export, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["freq", "export.csv", *FIELDS, "--out", "terms.csv"]) == 0
    assert f"written to {tmp_path / 'terms.csv'}" in capsys.readouterr().err


def test_last_complete_week_by_the_calendar():
    assert last_complete_week(date(2015, 8, 9)) == "2015-W31"   # Sunday of W32: not over
    assert last_complete_week(date(2015, 8, 10)) == "2015-W32"  # Monday after it
    assert last_complete_week(date(2021, 1, 3)) == "2020-W52"   # Sunday of 2020-W53
    assert last_complete_week(date(2021, 1, 4)) == "2020-W53"


def test_empty_period_unless_allowed():
    contents = Contents({"2020-W11": 2}, {"الوسط": 2}, count=lambda period: 0)
    period = resolve_period("2020-W12")
    with pytest.raises(EmptyPeriodError, match="no article in 2020-W12"):
        check_contents(contents, period, [])
    assert check_contents(contents, period, [], allow_empty=True) == 0


@pytest.fixture
def store(export, tmp_path):
    db = tmp_path / "news.sqlite"
    assert main(["ingest", str(export), "--store", str(db), *FIELDS]) == 0
    return db


def test_brief_refuses_an_empty_week_and_unknown_sources(store, tmp_path, capsys):
    out = tmp_path / "reports"
    capsys.readouterr()
    # the last complete week of today's calendar holds none of the 2020 articles
    assert main(["brief", "--store", str(store), "--week", "last", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"no article in {last_complete_week()}" in err
    assert "it holds 3 articles, 2020-W11 to 2020-W12" in err and "--allow-empty" in err
    assert main(["brief", "--store", str(store), "--week", "2020-W11", "--sources", "الوسطى",
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "'الوسطى' (did you mean 'الوسط'?) not in the store" in err
    assert main(["brief", "--store", str(store), "--week", "2020-W12", "--sources",
                 "بوابة الوسط", "--out", str(out)]) == 1
    assert "no article of بوابة الوسط in 2020-W12" in capsys.readouterr().err
    assert not out.exists()  # nothing written


def test_brief_week_latest_from_the_store(store, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["brief", "--store", str(store), "--week", "latest", "--out", "reports",
                 "--format", "html"]) == 0
    out = capsys.readouterr().out.split()
    assert out[-1] == str(tmp_path / "reports" / "2020-W12" / "brief.html")  # absolute
    html = (tmp_path / "reports" / "2020-W12" / "brief.html").read_text(encoding="utf-8")
    assert "الوفاق" in html and "ماكرون" not in html  # only the week of 16 March


def test_brief_field_options_belong_to_a_corpus(store, capsys):
    assert main(["brief", "--store", str(store), "--field", "text=body"]) == 2
    assert "apply to --corpus" in capsys.readouterr().err


COMMANDS = [["brief"], ["ingest"], ["freq"], ["kwic"], ["actors"], ["actors", "lint"],
            ["actors", "discover"], ["datasets"], ["datasets", "get"], ["datasets", "list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_subcommand_has_its_own_help(command, capsys):
    assert main([*command, "--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: antk {' '.join(command)}")
    assert "../shared" not in text


def test_lint_and_discover_help_are_specific(capsys):
    main(["actors", "lint", "--help"])
    lint = capsys.readouterr().out
    assert "Check actor dictionaries" in lint and "--table" not in lint
    main(["actors", "discover", "--help"])
    discover = capsys.readouterr().out
    assert "candidate actors" in discover and "--field" in discover and "--level" not in discover
    main(["brief", "--help"])
    brief = capsys.readouterr().out
    assert "--allow-empty" in brief and "latest" in brief and "antk datasets get" in brief


def cron_command(line: str) -> str:
    """What cron runs for a crontab line: the command after the five time fields, cut at
    the first unescaped ``%`` (cron feeds the rest to stdin), with ``\\%`` made ``%``."""
    command = line.split(None, 5)[5]
    out, i = [], 0
    while i < len(command):
        if command[i] == "\\" and command[i + 1:i + 2] == "%":
            out.append("%")
            i += 2
            continue
        if command[i] == "%":
            break
        out.append(command[i])
        i += 1
    return "".join(out)


def test_the_documented_crontab_line_works_as_written(tmp_path):
    """docs/weekly.md's line, run the way cron runs it: sh, HOME as the folder, a bare PATH."""
    import os
    import subprocess
    import sys
    from datetime import timedelta
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "weekly.md").read_text(encoding="utf-8")
    block = doc.split("```cron\n", 1)[1].split("```", 1)[0].strip()
    assert "\n" not in block and "/srv/news" in block
    command = cron_command(block)
    assert "%" in command and "+%G-W%V" in command  # every % of the line was escaped
    root = tmp_path / "news"
    (root / "logs").mkdir(parents=True)
    (root / "incoming").mkdir()
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "antk").symlink_to(Path(sys.executable).parent / "antk")
    monday = date.today() - timedelta(days=7 + date.today().weekday())  # of the last week
    (root / "incoming" / "week.csv").write_text(
        "body;published;outlet\n"
        f"\"قال المشير خليفة حفتر إن وقف إطلاق النار صامد\";{monday.isoformat()};الوسط\n",
        encoding="utf-8")
    command = command.replace("/srv/news", str(root))  # the folder: nothing else changed
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh",
           **{k: v for k, v in os.environ.items() if k.startswith(("ANTK_", "PLAYWRIGHT"))}}
    done = subprocess.run(["/bin/sh", "-c", command], cwd=tmp_path, env=env, timeout=600)
    week = last_complete_week()
    logs = list((root / "logs").iterdir())
    assert done.returncode == 0, logs and logs[0].read_text(encoding="utf-8")
    assert [p.name for p in logs] == [f"weekly-{date.today():%G-W%V}.log"]
    assert (root / "reports" / week / "brief.html").is_file()
    assert str(root / "reports" / week / "brief.html") in logs[0].read_text(encoding="utf-8")


def test_freq_by_source_names_the_document_field(export, capsys):
    assert main(["freq", str(export), *FIELDS, "--by", "source", "--top", "1"]) == 0
    table = pd.read_csv(StringIO(capsys.readouterr().out))
    assert table.columns[0] == "source"
    assert set(table["source"]) == {"الوسط", "بوابة الوسط"}


def test_brief_of_an_export_passes_fields_and_dayfirst_to_the_notebook(export, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["brief", "--corpus", str(export), *FIELDS, "--week", "latest", "--out", str(out),
                 "--format", "html"]) == 0
    html = (out / "2020-W12" / "brief.html").read_text(encoding="utf-8")
    assert "الوفاق" in html and "ماكرون" not in html  # 16/03/2020 read as 16 March
    nb = (out / "2020-W12" / "brief.ipynb").read_text(encoding="utf-8")
    # papermill's injected cell (JSON-escaped in the file)
    assert "dayfirst = True" in nb
    assert r'fields = {\"text\": \"body\", \"date\": \"published\", \"source\": \"outlet\"}' in nb


def test_brief_of_an_export_with_day_first_dates_needs_the_option(export, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["brief", "--corpus", str(export), "--field", "text=body", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"cannot read the corpus: {export}, line 2" in err and "needs --dayfirst" in err
    assert not out.exists()
