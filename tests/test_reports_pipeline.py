"""antk brief's machinery on a small notebook: papermill → HTML → PDF, atomic writes, failures.

The notebook here is written by the test (it needs only pandas and toolkit.reports), so these
tests pin the rendering route and its failure paths independently of the analysis modules;
tests/test_notebooks.py runs the real notebooks.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import NO_CHROMIUM, PARAMETERS

from toolkit.cli import main as antk
from toolkit.reports import find_chromium
from toolkit.reports.files import TMP_PREFIX

ROOT = Path(__file__).resolve().parents[1]
# The names are typed here in logical (reading) order; the tests look for them as such.
BODY = """\
import pandas as pd
from IPython.display import HTML, display
from toolkit.reports import display as d
display(HTML(d.heading(title or "موجز تجريبي", level=1)))
frame = pd.DataFrame({"actor": ["خليفة حفتر", "فايز السراج"], "mentions": [12, 7],
                      "date": pd.to_datetime(["2020-03-10", "2020-03-11"])})
display(HTML(d.table(frame, {"actor": "الفاعل", "mentions": "مرات", "date": "التاريخ"})))
display(HTML("<p>دعا إيمانويل ماكرون إلى وقف إطلاق النار، والتقى الأمم المتحدة.</p>"))
"""
FIGURE = """\
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(4, 2))
ax.bar(["a", "b"], [12, 7])
display(HTML(d.figure(fig, alt="bars")))
"""
FAILING = """\
if title == "boom":
    raise ValueError("عطل متعمد في الخلية")
"""


def pdf_words(text: str) -> str:
    """pdftotext output as one line of words: poppler wraps each right-to-left line in
    invisible embedding marks (RLE … PDF), which are dropped; line breaks become spaces.
    Letters and the spaces between words are compared as they are."""
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return " ".join(text.split())


def write_notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# دفتر اختبار"), params]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))
    return path


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    # cell indexes: 0 markdown, 1 parameters, 2 body, 3 failing, 4 figure
    return write_notebook(tmp_path_factory.mktemp("nb") / "mini.ipynb", BODY, FAILING, FIGURE)


@pytest.fixture(scope="module")
def brief(notebook, run_once) -> Path:
    """One brief built through the CLI, title with a script tag (reused by several tests)."""

    def build(out: Path) -> None:
        title = "<script>alert('x')</script> حفتر"
        args = ["brief", "--notebook", str(notebook), "--out", str(out), "--title", title]
        assert antk([*args, "--label", "mini"]) == 0

    return run_once("antk-mini-brief", build) / "mini"


def test_brief_writes_the_three_files(brief):
    assert sorted(p.name for p in brief.iterdir()) == ["brief.html", "brief.ipynb", "brief.pdf"]
    executed = nbformat.read(str(brief / "brief.ipynb"), as_version=4)
    assert executed.metadata.papermill.parameters["label"] == "mini"


def test_html_is_rtl_self_contained_and_logical_order(brief):
    html = (brief / "brief.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\bdir="rtl"', html) and re.search(r'<html[^>]*\blang="ar"', html)
    assert "@font-face" in html and "data:font/ttf;base64," in html
    assert "data:image/png;base64," in html  # the figure, inline
    # nothing that could be fetched: no http(s) URL anywhere, no <link>, no <script>
    assert not re.search(r"https?://", html)
    assert "<link" not in html.lower()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # names as typed (logical order), not reversed or in presentation forms
    assert "خليفة حفتر" in html and "فايز السراج" in html
    assert "رتفح" not in html
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in html if c != "\ufeff")
    # code is hidden
    assert "import pandas" not in html


def test_title_with_script_renders_inert(brief):
    html = (brief / "brief.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    shown = r"&lt;script&gt;alert\((?:'|&#x27;)x(?:'|&#x27;)\)&lt;/script&gt; حفتر"
    assert re.search(f'<h1 dir="rtl" lang="ar"[^>]*>{shown}</h1>', html)  # shown as text
    assert re.search(f"<title>{shown}</title>", html)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="no pdftotext: apt-get install poppler-utils")
def test_pdf_is_a4_and_has_the_arabic_names(brief):
    pdf = brief / "brief.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    # A4 is 595.28 x 841.89 pt; Chromium rounds to 595.92 x 842.88
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pymupdf = pytest.importorskip("pymupdf", reason="pip install pymupdf (the test extra)")
    with pymupdf.open(pdf) as doc:
        mupdf_text = pdf_words("".join(page.get_text() for page in doc))
    # whole words with their spaces, in logical order, lam-alef (لا) included, in both
    for phrase in ("خليفة حفتر", "فايز السراج", "إيمانويل ماكرون", "وقف إطلاق النار", "الأمم"):
        assert phrase in pdf_words(text) and phrase in mupdf_text, phrase
    assert "إطالق" not in pdf_words(text)  # the lam-alef ligature's text used to come out reversed
    assert "رتفح" not in pdf_words(text)  # not visual (reversed) order


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_browser_screenshot_shows_right_to_left_content(brief, tmp_path):
    from PIL import Image

    from toolkit.reports.render import screenshot_html

    png = tmp_path / "brief.png"
    assert screenshot_html(brief / "brief.html", png, width=1000) == []  # nothing fetched
    image = Image.open(png).convert("L")
    assert image.size[0] == 1000
    # the text sits on the right: ink of the rows (rules spanning the page left out) leans right
    xs = []
    for y in range(0, min(image.size[1], 320), 2):  # headings and table, above the figure
        row = [x for x in range(0, 1000, 2) if image.getpixel((x, y)) < 128]
        if 0 < len(row) < 150:  # a rule or a full-width line would blacken > 300 px
            xs += row
    assert xs and sum(xs) / len(xs) > 600, sum(xs) / max(len(xs), 1)


def test_existing_brief_needs_force(brief, notebook, capsys):
    before = (brief / "brief.html").read_bytes()
    code = antk(
        ["brief", "--notebook", str(notebook), "--out", str(brief.parent), "--label", "mini"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert f"a brief already exists at {brief / 'brief.ipynb'}; replace it with --force" in err
    assert (brief / "brief.html").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2015-W99"], "week='2015-W99' does not exist: 2015 has weeks W01 to W53"),
        (["--week", "31"], "week='31' is not an ISO week"),
        (["--from", "2015-07-27"], "date_to is missing"),
        (["--from", "2015-08-02", "--to", "2015-07-27"], "is before date_from"),
        (["--store", "missing.sqlite"], "/missing.sqlite' does not exist"),  # absolute
        (["--corpus", "missing.jsonl"], "/missing.jsonl' does not exist"),
        (["--format", "docx"], "format='docx' is not valid"),
        (["--dask", "tcp://scheduler"], "dask='tcp://scheduler' is not valid"),
        (["--label", "../escape"], "is not a safe folder name"),
        (["--top-n", "0"], "top_n=0 must be an integer from 1 to 200"),
    ],
)
def test_bad_parameters_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "reports"
    assert antk(["brief", "--out", str(out), *args]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_unreachable_dask_scheduler_exits_2_and_writes_nothing(notebook, tmp_path, capsys):
    import socket

    with socket.socket() as probe:  # a free loopback port: bound, then released
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "reports"
    args = ["brief", "--notebook", str(notebook), "--out", str(out), "--label", "dask"]
    assert antk([*args, "--dask", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert f"antk brief: dask='tcp://127.0.0.1:{port}': no Dask scheduler answers" in err
    assert not out.exists()


def test_a_file_that_is_not_a_store_exits_2(tmp_path, capsys):
    fake = tmp_path / "news.sqlite"
    fake.write_text("not sqlite", encoding="utf-8")
    assert antk(["brief", "--store", str(fake), "--out", str(tmp_path / "r")]) == 2
    assert "is not an SQLite store" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_failing_cell_exits_1_names_the_cell_and_keeps_the_previous_brief(
    brief, notebook, tmp_path, capsys
):
    folder = tmp_path / "mini"
    shutil.copytree(brief, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code = antk(
        [
            "brief",
            "--notebook",
            str(notebook),
            "--out",
            str(tmp_path),
            "--label",
            "mini",
            "--title",
            "boom",
            "--force",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    # cell 3 of the source notebook (0-based; the injected parameters cell is not counted)
    assert "cell 3" in err
    assert 'if title == "boom":' in err
    assert "ValueError: عطل متعمد في الخلية" in err
    failed = folder / "brief.failed.ipynb"
    assert failed.exists() and str(failed) in err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p != failed} == before
    assert not [p for p in folder.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_a_cell_over_the_time_limit_fails_with_its_name(tmp_path, capsys):
    # a notebook of trivial cells (no imports to wait for) whose third cell sleeps
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        params,
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(300)"),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(tmp_path / "slow.ipynb"))
    code = antk(
        [
            "brief",
            "--notebook",
            str(tmp_path / "slow.ipynb"),
            "--out",
            str(tmp_path),
            "--label",
            "slow",
            "--timeout",
            "5",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "cell 2" in err and "`import time`" in err and "CellTimeoutError" in err
    assert sorted(p.name for p in (tmp_path / "slow").iterdir()) == ["brief.failed.ipynb"]


def test_missing_browser_keeps_the_html(notebook, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-browsers"))
    monkeypatch.delenv("ANTK_CHROMIUM", raising=False)
    assert find_chromium() is None
    # default formats: the PDF is optional, a warning says how to get one
    assert antk(["brief", "--notebook", str(notebook), "--out", str(tmp_path), "--label", "a"]) == 0
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and "ANTK_CHROMIUM" in err
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["brief.html", "brief.ipynb"]
    # PDF asked for explicitly: exit 1, the HTML is still written
    assert (
        antk(
            [
                "brief",
                "--notebook",
                str(notebook),
                "--out",
                str(tmp_path),
                "--label",
                "b",
                "--format",
                "html,pdf",
            ]
        )
        == 1
    )
    assert "no headless Chromium found" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["brief.html", "brief.ipynb"]


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_sigkill_mid_render_leaves_no_partial_file(notebook, tmp_path):
    folder = tmp_path / "killed"
    cmd = [
        sys.executable,
        "-m",
        "toolkit",
        "brief",
        "--notebook",
        str(notebook),
        "--out",
        str(tmp_path),
        "--label",
        "killed",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 90
    try:
        # wait until the HTML is rendered (in the folder staged beside the target) and the
        # PDF is being printed, then kill
        while time.monotonic() < deadline and proc.poll() is None:
            if any(
                p.name.startswith(TMP_PREFIX) and (p / "brief.html").exists()
                for p in tmp_path.iterdir()
            ):
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the brief finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not folder.exists()  # nothing at the target: the set was never swapped in
    names = {p.name for p in tmp_path.iterdir()}
    assert any(n.startswith(TMP_PREFIX) for n in names)  # the killed run's leftovers...
    # ...are cleaned by the next run, which then writes a complete brief
    assert (
        antk(
            [
                "brief",
                "--notebook",
                str(notebook),
                "--out",
                str(tmp_path),
                "--label",
                "killed",
                "--format",
                "html",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in folder.iterdir()) == ["brief.html", "brief.ipynb"]
    assert (folder / "brief.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]
