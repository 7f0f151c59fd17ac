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
    "module", ["display", "params", "files", "provenance", "brief", "tables", "kept"]
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


# ---------------------------------------------------------------------------- dask option


def test_dask_option_values():
    from toolkit.reports.tables import normalize_dask

    assert normalize_dask(None) == normalize_dask("") == ""
    assert normalize_dask(True) == normalize_dask("LOCAL") == "local"
    assert normalize_dask(" tcp://127.0.0.1:8786 ") == "tcp://127.0.0.1:8786"
    assert normalize_dask("10.0.0.5:8786") == "10.0.0.5:8786"
    for bad in ("tcp://host", "http://", "local cluster", 8786):
        with pytest.raises(ValueError, match="dask="):
            normalize_dask(bad)


def test_unreachable_scheduler_is_a_connection_error():
    import socket

    from toolkit.reports.tables import check_scheduler

    with socket.socket() as listening:  # a port that accepts connections
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        check_scheduler(f"tcp://127.0.0.1:{port}")
    # closed now: nothing answers there any more
    with pytest.raises(ConnectionError, match=f"127.0.0.1:{port}.*no Dask scheduler answers"):
        check_scheduler(f"tcp://127.0.0.1:{port}")
    check_scheduler("local")  # nothing to check


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
