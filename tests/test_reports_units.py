"""Fast checks of toolkit.reports' parts: parameters, HTML fragments, atomic files, browser
look-up, the font, and the HTML/PDF route on a hand-written page (no kernel needed)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import NO_CHROMIUM

from toolkit.reports import display as d
from toolkit.reports.files import TMP_PREFIX, atomic_write, pending, remove_stale_temps
from toolkit.reports.params import (
    ParameterError,
    check_label,
    parse_sources,
    parse_week,
    resolve_period,
)
from toolkit.reports.render import find_chromium, font_face_css, html_to_pdf

# ---------------------------------------------------------------------------- parameters


def test_iso_weeks_worked_out_by_hand():
    # 2015-07-27 was a Monday; 2015 has 53 ISO weeks (it began on a Thursday), 2016 has 52
    assert parse_week("2015-W31") == (date(2015, 7, 27), date(2015, 8, 2))
    assert parse_week("2015-W53") == (date(2015, 12, 28), date(2016, 1, 3))
    with pytest.raises(ParameterError, match="2016 has weeks W01 to W52"):
        parse_week("2016-W53")
    with pytest.raises(ParameterError, match=r"week='2015-W00' does not exist"):
        parse_week("2015-W00")
    with pytest.raises(ParameterError, match="expected YYYY-Www"):
        parse_week("2015/31")


def test_periods_and_previous_weeks():
    w31 = resolve_period(week="2015-W31")
    assert w31.days == 7 and w31.label == "2015-W31"
    assert w31.previous(1).start == date(2015, 7, 20)
    assert (w31.previous(4).start, w31.previous(4).end) == (date(2015, 6, 29), date(2015, 7, 26))
    span = resolve_period(date_from="2015-07-21", date_to="2015-07-23")
    assert span.days == 3 and span.label == "2015-07-21_2015-07-23"
    with pytest.raises(ParameterError, match="not both"):
        resolve_period(week="2015-W31", date_from="2015-07-21", date_to="2015-07-23")
    with pytest.raises(ParameterError, match=r"date_from='21/07/2015' is not a date"):
        resolve_period(date_from="21/07/2015", date_to="2015-07-23")
    assert resolve_period().start is None


@pytest.mark.parametrize("label", ["", "../x", "a/b", ".hidden", "x" * 65, "موجز"])
def test_unsafe_labels_are_refused(label):
    with pytest.raises(ParameterError, match="not a safe folder name"):
        check_label(label)


def test_sources_from_string_or_list():
    assert parse_sources(" okaz, alriyadh ,okaz") == ["okaz", "alriyadh"]
    assert parse_sources(["aawsat"]) == ["aawsat"]
    assert parse_sources("") == []
    with pytest.raises(ParameterError):
        parse_sources(3)


# ---------------------------------------------------------------------------- HTML fragments


def test_table_escapes_and_is_rtl():
    frame = pd.DataFrame(
        {
            "actor": ["<b>حفتر</b>", "السراج"],
            "mentions": [12, -3],
            "day": pd.to_datetime(["2020-03-10", "2020-03-11"]),
        }
    )
    html = d.table(
        frame, {"actor": "الفاعل", "mentions": "مرات", "day": "اليوم"}, signed=["mentions"]
    )
    # its own direction, language and placement (JupyterLab's output area is left to right)
    assert html.startswith('<table class="antk-table" dir="rtl" lang="ar" style="direction:rtl;'
                           'margin-left:auto;margin-right:0">')
    assert "&lt;b&gt;حفتر&lt;/b&gt;" in html and "<b>" not in html
    # signed numbers and dates are isolated left-to-right inside the Arabic table
    assert '<td class="num"><bdi dir="ltr">+12</bdi></td>' in html
    assert '<bdi dir="ltr">−3</bdi>' in html
    assert '<bdi dir="ltr">2020-03-10</bdi>' in html


def test_table_names_missing_columns():
    with pytest.raises(KeyError, match=r"\['speaker'\] are not in the frame"):
        d.table(pd.DataFrame({"actor": ["حفتر"]}), {"speaker": "المتحدث"})


def test_numbers_and_missing_values():
    assert d.format_value(1234567) == "1,234,567"
    assert d.format_value(float("nan")) == ""
    assert d.format_value(-0.5) == '<bdi dir="ltr">−0.50</bdi>'
    assert d.format_value(pd.NaT) == ""


def test_key_values_isolate_only_latin_values():
    html = d.key_values([("المعاملات", "week=2015-W31"), ("الأسماء", "حفتر، خليفة حفتر")])
    assert '<td><bdi dir="ltr">week=2015-W31</bdi></td>' in html
    assert "<td>حفتر، خليفة حفتر</td>" in html


def test_figure_is_inline_png_without_timestamp():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def draw():
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.bar(["a", "b"], [3, 1])
        return d.figure(fig, alt="حفتر")

    first, second = draw(), draw()
    assert first == second  # same figure, same bytes
    assert re.fullmatch(
        r'<figure class="antk-figure"><img alt="حفتر" src="data:image/png;base64,[A-Za-z0-9+/=]+"></figure>',
        first,
    )


# ---------------------------------------------------------------------------- atomic files


def test_atomic_write_replaces_whole_files(tmp_path):
    target = tmp_path / "brief.html"
    atomic_write(target, "قديم")
    atomic_write(target, "جديد")
    assert target.read_text(encoding="utf-8") == "جديد"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_pending_discards_on_error(tmp_path):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), pending(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("printer died")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_stale_temps_of_dead_writers_are_removed(tmp_path):
    writer = subprocess.Popen(["true"])  # a writer that has exited
    writer.wait()
    stale = tmp_path / f"{TMP_PREFIX}{writer.pid}-abcd1234-brief.html"
    mine = tmp_path / f"{TMP_PREFIX}{os.getpid()}-abcd1234-brief.html"
    for p in (stale, mine):
        p.write_text("partial", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [stale]
    assert mine.exists()


# ---------------------------------------------------------------------------- browser and font


def _fake_browser(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_browser_look_up_order(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    on_path = _fake_browser(bin_dir / "chromium")
    playwright = _fake_browser(tmp_path / "pw" / "chromium-1234" / "chrome-linux" / "chrome")
    env_browser = _fake_browser(tmp_path / "custom" / "chrome")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("ANTK_CHROMIUM", str(env_browser))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "pw"))
    assert find_chromium() == str(playwright)  # 1. playwright's own browser
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    assert find_chromium() == str(on_path)  # 2. chromium on PATH
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_chromium() == str(env_browser)  # 3. $ANTK_CHROMIUM
    monkeypatch.delenv("ANTK_CHROMIUM")
    assert find_chromium() is None


def test_font_is_embedded_from_the_package():
    css = font_face_css()
    assert css.count("@font-face") == 2  # regular and bold
    assert 'font-family: "Tajawal"' in css and "font-weight: 700" in css
    assert "url(data:font/ttf;base64," in css and "http" not in css


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
@pytest.mark.parametrize("engine", ["playwright", "cli"])
def test_pdf_route_blocks_the_network(engine, tmp_path):
    # a page that tries to fetch from the network: the request is refused, printing goes on
    page = tmp_path / "page.html"
    page.write_text(
        '<html dir="rtl"><body><p>خليفة حفتر</p>'
        '<img src="http://192.0.2.1/pixel.png"></body></html>',
        encoding="utf-8",
    )
    pdf, blocked = html_to_pdf(page, engine=engine)
    assert pdf[:5] == b"%PDF-"
    if engine == "playwright":  # the CLI cannot report; it maps every host to nothing
        assert blocked == ["http://192.0.2.1/pixel.png"]


def _executed_notebook():
    """A notebook as papermill leaves it: outputs present, parameters in the metadata."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(HTML(...))")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": d.heading("موجز حفتر", level=1)
                + d.table(pd.DataFrame({"actor": ["خليفة حفتر"], "n": [3]}))
            },
        )
    ]
    nb.cells = [cell]
    nb.metadata["papermill"] = {"parameters": {"lang": "ar", "title": ""}}
    return nb


def test_html_title_comes_from_the_first_heading():
    from toolkit.reports import export_html

    html = export_html(_executed_notebook())
    assert "<title>موجز حفتر</title>" in html
    assert "display(HTML" not in html  # code hidden


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_nbconvert_webpdf_subclass_uses_the_system_chromium():
    from toolkit.reports.render import chromium_pdf_exporter

    exporter = chromium_pdf_exporter()
    assert type(exporter).__mro__[1].__name__ == "WebPDFExporter"
    pdf, _ = exporter.from_notebook_node(_executed_notebook())
    assert pdf[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "module", ["display", "params", "files", "provenance", "brief", "background", "passes"]
)
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"toolkit.reports.{module}"))
    assert result.failed == 0 and result.attempted > 0


def test_kernels_start_in_their_folder_without_moving_the_process(tmp_path, monkeypatch):
    """Two notebooks run from two threads each see their own folder; the caller's never moves.

    papermill's ``cwd=`` calls ``os.chdir`` for the whole process, so parallel runs raced
    (a tutorial once started in another notebook's folder and could not find its files).
    """
    import json
    from concurrent.futures import ThreadPoolExecutor

    from toolkit.reports import run_notebook

    cell = {
        "cell_type": "code",
        "id": "cwd",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": "import os\nprint(os.getcwd())",
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    folders = [tmp_path / "تقرير أ", tmp_path / "تقرير ب"]
    for folder in folders:
        folder.mkdir()
        (folder / "nb.ipynb").write_text(json.dumps(nb), encoding="utf-8")

    here, chdir = os.getcwd(), os.chdir

    def refuse(path):  # papermill returns to the current folder, a no-op, which is fine
        if os.path.realpath(path) != os.path.realpath(here):
            raise AssertionError(f"os.chdir({path!r}) called while running a notebook")
        chdir(path)

    monkeypatch.setattr(os, "chdir", refuse)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(
            pool.map(lambda f: run_notebook(f / "nb.ipynb", f / "out.ipynb", cwd=f), folders)
        )
    for folder, executed in zip(folders, runs, strict=True):
        assert executed.cells[0].outputs[0]["text"].strip() == str(folder.resolve())


# ---------------------------------------------------------------------------- background


def _gone(pid: int, within: float) -> bool:
    """Whether process ``pid`` has ended (or is a zombie nobody reaped) within ``within`` s."""
    import time

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def test_background_job_gives_the_serial_table():
    from toolkit.corpus import Corpus
    from toolkit.frequency import keyness
    from toolkit.reports.background import Background

    # target: حفتر twice, reference: السراج twice; both share ليبيا (worked out by hand)
    target = Corpus.from_records([{"text": "حفتر في ليبيا. حفتر يتقدم"}])
    reference = Corpus.from_records([{"text": "السراج في ليبيا. السراج يرد"}])
    with Background(preload=("toolkit.frequency",)) as bg:
        job = bg.submit(keyness, target, reference)
        assert bg.pid != os.getpid() and bg.alive()
        key = job.result(timeout=120)
    pd.testing.assert_frame_equal(key, keyness(target, reference))
    counts = key.set_index("term")
    assert counts.loc["حفتر", ["count_target", "count_reference"]].tolist() == [2, 0]
    assert counts.loc["سراج", ["count_target", "count_reference"]].tolist() == [0, 2]
    assert key.iloc[0]["term"] == "حفتر" and key.iloc[-1]["term"] == "سراج"


def test_background_worker_runs_at_the_priority_asked_for():
    from toolkit.reports.background import Background

    mine = os.getpriority(os.PRIO_PROCESS, 0)
    with Background(nice=7) as low, Background() as same:
        # the priority is set as the worker starts: a job done means it is in place
        assert low.submit(divmod, 7, 2).result(timeout=60) == (3, 1)
        assert same.submit(divmod, 7, 2).result(timeout=60) == (3, 1)
        assert os.getpriority(os.PRIO_PROCESS, low.pid) == min(mine + 7, 19)
        assert os.getpriority(os.PRIO_PROCESS, same.pid) == mine
    with pytest.raises(ValueError, match="nice=-1 must be an integer from 0 to 19"):
        Background(nice=-1)


def test_background_raises_the_job_error_and_refuses_local_functions():
    from toolkit.reports.background import Background
    from toolkit.text import normalize

    with Background() as bg:
        with pytest.raises(ValueError, match="preset") as raised:
            bg.submit(normalize, "إلى", preset="nope").result(timeout=120)
        # the worker's traceback is chained, so a failing brief cell shows where it failed
        assert "toolkit/text/normalize.py" in str(raised.value.__cause__)
        # the worker survives a failing job and runs the next one
        assert bg.submit(normalize, "إلى").result(timeout=120) == "الي"
        with pytest.raises(TypeError, match="importable by name"):
            bg.submit(lambda: 1)


def test_background_close_stops_a_running_job():
    import time

    from toolkit.reports.background import Background, BackgroundError

    bg = Background()
    job = bg.submit(time.sleep, 300)
    pid = bg.pid
    started = time.monotonic()
    bg.close()
    with pytest.raises(BackgroundError, match="closed"):
        job.result(timeout=10)
    assert time.monotonic() - started < 10 and _gone(pid, 5)
    with pytest.raises(BackgroundError, match="closed"):
        bg.submit(time.sleep, 1)
    bg.close()  # twice is fine


def test_an_unreferenced_background_stops_its_worker():
    import gc
    import time

    from toolkit.reports.background import Background

    bg = Background()
    bg.submit(time.sleep, 300)
    pid = bg.pid
    del bg  # e.g. a notebook cell run again: the old object is dropped
    gc.collect()
    assert _gone(pid, 10)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_background_worker_exits_when_its_parent_is_killed(tmp_path):
    import signal
    import sys

    script = (
        "import time\n"
        "from toolkit.reports.background import Background\n"
        "bg = Background()\n"
        "bg.submit(time.sleep, 300)\n"
        "print(bg.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        worker = int(parent.stdout.readline())
        assert not _gone(worker, 0.5)  # alive while its parent is
    finally:
        parent.send_signal(signal.SIGKILL)  # no atexit, no finalizer: the kernel-killed case
        parent.wait()
    assert _gone(worker, 10)


# ---------------------------------------------------------------------------- dask option


def test_dask_option_values():
    from toolkit.reports.passes import normalize_dask

    assert normalize_dask(None) == normalize_dask("") == ""
    assert normalize_dask(True) == normalize_dask("LOCAL") == "local"
    assert normalize_dask(" tcp://127.0.0.1:8786 ") == "tcp://127.0.0.1:8786"
    assert normalize_dask("10.0.0.5:8786") == "10.0.0.5:8786"
    for bad in ("tcp://host", "http://", "local cluster", 8786):
        with pytest.raises(ValueError, match="dask="):
            normalize_dask(bad)


def test_unreachable_scheduler_is_a_connection_error():
    import socket

    from toolkit.reports.passes import check_scheduler

    with socket.socket() as listening:  # a port that accepts connections
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        check_scheduler(f"tcp://127.0.0.1:{port}")
    # closed now: nothing answers there any more
    with pytest.raises(ConnectionError, match=f"127.0.0.1:{port}.*no Dask scheduler answers"):
        check_scheduler(f"tcp://127.0.0.1:{port}")
    check_scheduler("local")  # nothing to check


def test_brief_passes_in_background_equal_the_serial_functions(libya_jsonl):
    from concurrent.futures import Future

    from toolkit.actors import labels, load_libya_actors, quotes
    from toolkit.corpus import load_corpus
    from toolkit.frequency import keyness, kwic, term_frequencies
    from toolkit.reports.passes import BriefPasses

    corpus = load_corpus(libya_jsonl)
    week = resolve_period("2015-W31")
    before = week.previous(4)
    target = corpus.filter(start=week.start.isoformat(), end=week.end.isoformat())
    reference = corpus.filter(start=before.start.isoformat(), end=before.end.isoformat())
    assert len(target) == 76  # as test_notebooks counts it from the file
    actors = load_libya_actors()
    with BriefPasses(background=True) as passes:
        passes.prepare(len(target))  # the speech process starts now, before any pass
        assert passes.where == "kernel + 1 background process(es)"
        key_job = passes.start_keyness(target, reference, min_count=3)  # its process starts
        assert passes.where == "kernel + 2 background process(es)"
        mentions = passes.find_mentions(target, actors)
        quotes_job = passes.start_quotes(target, actors, mentions)
        labels_job = passes.start_labels(target, mentions)
        # keyness in one process, quotes + labels (sharing their text cache) in another
        assert not any(j.done() for j in (key_job, quotes_job, labels_job))
        key, said, described = key_job.result(), quotes_job.result(), labels_job.result()
        kwic_job = passes.start_kwic(target, "ليبيا", window=8)  # in the idle keyness process
        lines = kwic_job.result()
        # mentions, quotes and labels at once, in the speech process, from one analysis
        speech = passes.start_speech(target, actors)
        assert not isinstance(speech.mentions, Future) and not speech.quotes.done()
        shared = speech.mentions.result(), speech.quotes.result(), speech.labels.result()
    pd.testing.assert_frame_equal(key, keyness(target, reference, min_count=3))
    pd.testing.assert_frame_equal(lines, kwic(target, "ليبيا", window=8))
    # kwic finds a word as often as term_frequencies counts it (وليبيا, لليبيا included)
    assert len(lines) == term_frequencies(target).set_index("term").loc["ليبيا", "count"]
    pd.testing.assert_frame_equal(said, quotes(target, actors, mentions=mentions))
    pd.testing.assert_frame_equal(described, labels(target, mentions))
    assert len(key) and len(said) and len(described)
    for got, expected in zip(shared, (mentions, said, described), strict=True):
        pd.testing.assert_frame_equal(got, expected)
    # small inputs stay in the kernel (a process start would cost more than it saves)
    with BriefPasses() as passes:
        passes.prepare(len(target))  # 76 documents: no process is started
        assert passes.where == "kernel"
        assert not isinstance(passes.start_labels(target, mentions), Future)


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_prestarted_printer_prints_pages_offline(tmp_path):
    pytest.importorskip("playwright", reason="pip install -e '.[report]'")
    from toolkit.reports.render import ChromiumPrinter

    pages = []
    for name, extra in (("a", ""), ("b", '<img src="http://192.0.2.1/pixel.png">')):
        page = tmp_path / f"{name}.html"
        page.write_text(f'<html dir="rtl"><body><p>خليفة حفتر</p>{extra}</body></html>', "utf-8")
        pages.append(page)
    with ChromiumPrinter() as printer:  # started once, used for both pages
        first, blocked_first = printer.print(pages[0])
        second, blocked_second = printer.print(pages[1])
    assert first[:5] == second[:5] == b"%PDF-"
    assert blocked_first == [] and blocked_second == ["http://192.0.2.1/pixel.png"]
    with pytest.raises(Exception, match="closed"):
        printer.print(pages[0])


def test_brief_keyness_from_a_store_counts_once_then_reads_the_counts(libya_jsonl, tmp_path):
    from toolkit.corpus import Corpus, load_corpus
    from toolkit.corpus.store import Store
    from toolkit.frequency import keyness
    from toolkit.frequency.week_counts import stale_weeks
    from toolkit.reports.passes import BriefPasses

    path = str(tmp_path / "news.sqlite")
    with Store(path) as store:
        store.add(load_corpus(libya_jsonl))  # as antk ingest --no-counts: no counts stored
        target = store.read(week="2015-W32")
        reference = Corpus.from_documents(
            d for w in ("2015-W30", "2015-W31") for d in store.iter_documents(week=w))
    expected = keyness(target, reference, min_count=3)
    week = resolve_period("2015-W32")
    with BriefPasses(background=True) as passes:
        job, has_reference = passes.start_store_keyness(path, week, 4, min_count=3)
        assert has_reference and passes.where == "kernel + 1 background process(es)"
        # while the kernel waits for the counting process, it does its queued work
        queued = passes.when_idle(divmod, 17, 5)
        pd.testing.assert_frame_equal(job.result(), expected)
        assert queued.done() and queued.result() == (3, 2)
    assert stale_weeks(path, week.previous(4).weeks() + ["2015-W32"]) == []  # stored by it
    with BriefPasses(background=True) as passes:
        job, _ = passes.start_store_keyness(path, week, 4, min_count=3)
        assert passes.where == "kernel"  # the counts are stored: summed in the kernel
        pd.testing.assert_frame_equal(job.result(), expected)
        # no whole weeks, no reference weeks: the route does not apply
        days = resolve_period(date_from="2015-08-04", date_to="2015-08-09")
        assert passes.start_store_keyness(path, days, 4) == (None, None)
        assert passes.start_store_keyness(path, resolve_period("2015-W30"), 4) == (None, False)


def test_speech_process_reads_the_period_from_the_store_itself(libya_jsonl, tmp_path):
    from toolkit.actors import find_mentions, labels, load_default_actors, quotes
    from toolkit.corpus import load_corpus
    from toolkit.corpus.store import Store
    from toolkit.reports.passes import BriefPasses

    path = str(tmp_path / "news.sqlite")
    with Store(path) as store:
        store.add(load_corpus(libya_jsonl), batch_size=100)
        week = store.read(week="2015-W32")  # 138 articles
    actors = load_default_actors()
    mentions = find_mentions(week, actors)
    period = resolve_period("2015-W32")
    with BriefPasses(background=True) as passes:
        speech = passes.start_speech_from_store(path, period, (), "")
        assert passes.where == "kernel + 1 background process(es)"
        got = speech.mentions.result(), speech.quotes.result(), speech.labels.result()
        # no documents in the period, or a small period in the kernel: not started there
        assert passes.start_speech_from_store(path, resolve_period("2014-W02")) is None
    with BriefPasses() as passes:
        assert passes.start_speech_from_store(path, period) is None  # 138 < 1000 documents
    pd.testing.assert_frame_equal(got[0], mentions)
    pd.testing.assert_frame_equal(got[1], quotes(week, actors, mentions=mentions))
    pd.testing.assert_frame_equal(got[2], labels(week, mentions))
    assert len(got[0]) and len(got[1]) and len(got[2])
