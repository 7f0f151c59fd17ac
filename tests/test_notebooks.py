"""Every notebook runs under papermill on the embedded sample, and the weekly brief on a real
SaudiNewsNet week; the rendered briefs are checked for content, direction and self-containment.

Notebooks are executed once per module (a fixture, several kernels in parallel) and the
tests look at the results.
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conftest import NO_CHROMIUM
from papermill.inspection import _infer_parameters
from papermill.iorw import load_notebook_node

from toolkit.cli import main as antk
from toolkit.reports import build_brief, export_html, find_chromium, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
# the solutions form of each tutorial runs top to bottom (the student form has empty answers)
TUTORIALS = sorted((NOTEBOOKS / "tutorials" / "solutions").glob("*.ipynb"))
STUDENT = sorted((NOTEBOOKS / "tutorials" / "student").glob("*.ipynb"))
ALL = [
    NOTEBOOKS / n for n in ("weekly_brief.ipynb", "actor_profile.ipynb", "corpus_overview.ipynb")
] + TUTORIALS
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.S)
#: a KPI box of toolkit.reports.display.kpis: (value, label)
KPI = re.compile(r'<div class="antk-kpi"[^>]*><b[^>]*>([^<]+)</b><span[^>]*>([^<]+)</span></div>')


def kpis(html: str) -> list[tuple[str, str]]:
    return KPI.findall(html)


def pdf_words(text: str) -> str:
    """pdftotext output as one line of words, bidi marks dropped (see test_reports_pipeline)."""
    return " ".join(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).split())


def html_text(nb) -> str:
    return export_html(nb)


@pytest.mark.parametrize("path", ALL + STUDENT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_clean_and_parameterized(path):
    nb = load_notebook_node(str(path))
    names = {p.name for p in _infer_parameters(nb)}
    assert {"lang"} <= names, names
    assert names & {"corpus", "store"} or "tutorials" in str(path)
    # committed without outputs, so diffs stay readable and no data leaks into git
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_brief_notebook_parameters_match_antk_brief():
    names = [p.name for p in _infer_parameters(load_notebook_node(str(ALL[0])))]
    assert names == [
        "store",
        "corpus",
        "fields",
        "dayfirst",
        "week",
        "date_from",
        "date_to",
        "actors",
        "sources",
        "top_n",
        "lang",
        "title",
        "label",
        "dask",
    ]


@pytest.mark.parametrize("path", TUTORIALS, ids=lambda p: p.name)
def test_tutorial_has_exercises_with_solutions(path):
    def tagged(nb, tag):
        return [c for c in nb.cells if tag in c.metadata.get("tags", [])]

    solved = nbformat.read(str(path), as_version=4)
    student = nbformat.read(str(path.parents[1] / "student" / path.name), as_version=4)
    exercises = tagged(solved, "exercise")
    assert len(exercises) >= 2 and len(tagged(student, "exercise")) == len(exercises)
    # the student's copy: one empty answer cell per exercise, and no solution anywhere
    answers = tagged(student, "answer")
    assert len(answers) == len(exercises) and all(not c.source.strip() for c in answers)
    assert not tagged(student, "solution") and not SOLUTION.search(
        " ".join(c.source for c in student.cells))
    assert len(tagged(solved, "solution")) >= len(exercises)


def _run_all(folder: Path) -> None:
    jobs = {p.name: (p, {}) for p in ALL[1:3]}
    jobs["actor_profile.ipynb"] = (ALL[1], {"lang": "en"})  # the English headings route
    for p in TUTORIALS:
        jobs[p.name] = (p, {})
    with ThreadPoolExecutor(max_workers=3) as pool:
        # the weekly brief through `antk brief` with no argument: the sample, HTML and PDF
        brief = pool.submit(build_brief, out=folder / "reports")
        futures = [
            pool.submit(run_notebook, path, folder / f"out-{name}", params, cwd=p_cwd(path))
            for name, (path, params) in jobs.items()
        ]
        for job in [*futures, brief]:
            job.result()


@pytest.fixture(scope="module")
def executed(run_once):
    """Every notebook run on the sample (tutorials with their solutions), in parallel kernels."""
    folder = run_once("antk-notebooks", _run_all)
    done = {p.name: nbformat.read(str(folder / f"out-{p.name}"), as_version=4) for p in ALL[1:]}
    done["weekly_brief.ipynb"] = nbformat.read(
        str(folder / "reports" / "sample" / "brief.ipynb"), as_version=4
    )
    done["weekly_brief_folder"] = folder / "reports" / "sample"
    return done


def p_cwd(path: Path) -> Path:
    # a notebook runs from its own folder, as in JupyterLab
    return path.parent


@pytest.mark.parametrize("name", [p.name for p in ALL], ids=str)
def test_every_notebook_runs_on_the_sample(executed, name):
    nb = executed[name]
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_weekly_brief_on_the_sample_degrades_clearly(executed):
    html = html_text(executed["weekly_brief.ipynb"])
    assert re.search(r'<html[^>]*\bdir="rtl"', html)
    # one article (the seed), no previous week: said in so many words
    assert "مقال واحد فقط في هذه الفترة" in html
    assert "لا يوجد أسبوع سابق في المدونة للمقارنة" in html
    # Haftar is in the actor table under his label, typed in logical order
    assert "<td>خليفة حفتر</td>" in html
    assert not re.search(r"https?://", html)


def test_antk_brief_without_arguments_briefs_the_sample(executed):
    folder = executed["weekly_brief_folder"]
    expected = {"brief.html", "brief.ipynb"} | ({"brief.pdf"} if find_chromium() else set())
    assert {p.name for p in folder.iterdir()} == expected
    html = (folder / "brief.html").read_text(encoding="utf-8")
    assert "<title>الموجز الأسبوعي — المدونة كاملة</title>" in html
    if find_chromium() and shutil.which("pdftotext"):
        text = pdf_words(
            subprocess.run(
                ["pdftotext", str(folder / "brief.pdf"), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        pymupdf = pytest.importorskip("pymupdf", reason="pip install pymupdf (the test extra)")
        with pymupdf.open(folder / "brief.pdf") as doc:
            mupdf_text = pdf_words("".join(page.get_text() for page in doc))
            outline = [(level, title) for level, title, _page in doc.get_toc()]
            metadata = dict(doc.metadata)
            language = doc.pdf_catalog() and doc.xref_get_key(doc.pdf_catalog(), "Lang")
            pages = doc.page_count
        # whole words, spaces kept, as written, in both extractors; "إطلاق" (a lam-alef, in
        # the term table and in al-Mihoub's quote "والتوقيع على وقف إطلاق النار") used to
        # come out as "إطالق"
        for name in ("خليفة حفتر", "إيمانويل ماكرون", "حكومة الوفاق الوطني", "وقف إطلاق النار"):
            whole = re.compile(f"(?<![\u0621-\u064a]){name}(?![\u0621-\u064a])")
            assert whole.search(text) and whole.search(mupdf_text), name
        assert "إطالق" not in text + mupdf_text
        # one bookmark per section: the title, then each heading of the brief, in order
        headings = [
            (int(level), html_module.unescape(re.sub(r"<[^>]+>", "", title)))
            for level, title in re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", html, re.S)
        ]
        assert outline[0] == (1, "الموجز الأسبوعي — المدونة كاملة")
        assert outline == headings
        assert len(outline) >= 10
        assert metadata["title"] == "الموجز الأسبوعي — المدونة كاملة"
        assert language == ("string", "ar")
        assert pages <= 3  # one article (was 7 pages)


@pytest.mark.slow
def test_weekly_brief_tables_are_deterministic(executed, tmp_path):
    again = run_notebook(ALL[0], tmp_path / "again.ipynb", {})

    def tables(nb):  # every HTML output but the provenance block (it has the run time)
        out = []
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                html = o.get("data", {}).get("text/html", "")
                if html and "antk-provenance" not in html:
                    out.append(html)
        return out

    first = tables(executed["weekly_brief.ipynb"])
    assert len(first) > 15 and first == tables(again)


def test_actor_profile_counts_every_literal_mention(executed):
    html = html_text(executed["actor_profile.ipynb"])
    # run with lang="en": English headings, left-to-right page, Arabic tables still RTL
    assert (
        re.search(r'<html[^>]*\bdir="ltr"', html) and '<table class="antk-table" dir="rtl"' in html
    )
    assert re.search(r'<h1 dir="ltr" lang="en"[^>]*>Khalifa Haftar</h1>', html)
    assert re.search(r'<h2 dir="ltr" lang="en"[^>]*>Mentioned with</h2>', html)
    # the seed article writes "حفتر" 10 times (str.count); titles alone (role mentions) add more
    mentions = int(dict((label, value) for value, label in kpis(html))["mentions"])
    assert mentions >= 10


def test_corpus_overview_on_the_sample(executed):
    html = html_text(executed["corpus_overview.ipynb"])
    assert ("1", "مقالات") in kpis(html)
    assert "المدونة مقال واحد" in html


@pytest.fixture(scope="module")
def libya_week(libya_jsonl, run_once):
    """antk brief on the SaudiNewsNet Libya articles of ISO week 2015-W31 (HTML + PDF)."""

    def run(out: Path) -> None:
        args = ["brief", "--corpus", str(libya_jsonl), "--week", "2015-W31", "--out", str(out)]
        assert antk(args) == 0

    return run_once("antk-libya-week", run) / "2015-W31"


def test_libya_week_numbers(libya_week, libya_jsonl):
    # counted from the file itself: date_extracted days 2015-07-27..2015-08-02 (W31) and the
    # week before, 2015-07-20..26 (W30)
    days = [json.loads(line)["date_extracted"][:10] for line in libya_jsonl.open(encoding="utf-8")]
    w31 = sum("2015-07-27" <= d <= "2015-08-02" for d in days)
    w30 = sum("2015-07-20" <= d <= "2015-07-26" for d in days)
    assert (w31, w30) == (76, 179)
    html = (libya_week / "brief.html").read_text(encoding="utf-8")
    assert (f"{w31}", "مقالات") in kpis(html)
    assert (f"{w30}", "مقالات الأسبوع السابق") in kpis(html)
    assert "لا يوجد أسبوع سابق" not in html
    assert "أكثر من المعتاد" in html  # keyness against the 4 previous weeks ran
    # the title keeps the week label in order inside Arabic (isolated)
    assert "\u20662015-W31\u2069" in html


def _tables(nb) -> list[str]:
    """Every HTML output (tables, figures, notes) but the provenance block (run time)."""
    return [
        o["data"]["text/html"]
        for cell in nb.cells
        for o in cell.get("outputs", [])
        if "text/html" in o.get("data", {}) and "antk-provenance" not in o["data"]["text/html"]
    ]


@pytest.mark.slow
def test_brief_on_a_dask_local_cluster_gives_the_same_tables(libya_jsonl, libya_week, tmp_path):
    # `antk brief --dask`: mentions, quotes and the term counts of keyness computed on a
    # LocalCluster of 2 worker processes, inside the notebook's kernel; same week as libya_week
    args = ["brief", "--corpus", str(libya_jsonl), "--week", "2015-W31", "--format", "html"]
    assert antk([*args, "--out", str(tmp_path), "--dask"]) == 0
    on_dask = nbformat.read(str(tmp_path / "2015-W31" / "brief.ipynb"), as_version=4)
    serial = nbformat.read(str(libya_week / "brief.ipynb"), as_version=4)
    assert on_dask.metadata["papermill"]["parameters"]["dask"] == "local"
    assert "dask" not in serial.metadata["papermill"]["parameters"]
    tables = _tables(on_dask)
    assert len(tables) > 15 and tables == _tables(serial)
    assert any("أكثر من المعتاد" in t for t in tables)  # the keyness table is among them
    assert not [o for c in on_dask.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_libya_week_html_is_self_contained(libya_week):
    html = (libya_week / "brief.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\bdir="rtl"', html)
    # nothing to fetch: no src/href/url() pointing outside the page
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', html)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    for name in ("ليبيا", "مصر", "جون كيري"):
        assert name in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="no pdftotext: apt-get install poppler-utils")
@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
def test_libya_week_pdf(libya_week):
    pdf = libya_week / "brief.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    # A4 = 595.28 x 841.89 pt; Chromium rounds to the device pixel grid (594.96 x 841.92)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 595.28) < 2 and abs(height - 841.89) < 2
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
    text = pdf_words(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for name in ("ليبيا", "مصر", "جون كيري"):
        assert name in text


def test_solutions_cells_really_ran(executed):
    # the solutions form carries the answers as code cells; their outputs are there
    nb = executed["01_text_and_normalization.ipynb"]
    solved = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert any("longest = max(" in c.source for c in solved)
    assert all(c.outputs for c in solved if c.cell_type == "code")


def test_brief_from_a_store_reads_the_same_week(libya_jsonl, libya_week, tmp_path):
    # the scheduler's route: antk ingest into SQLite (the analyses kept there), then antk
    # brief --store --week, whose one weekly_tables call reads them; there is one path
    # whatever the size of the week (no switch to background processes any more)
    store = tmp_path / "news.sqlite"
    assert antk(["ingest", "--store", str(store), str(libya_jsonl)]) == 0
    from toolkit.reports.tables import weekly_tables

    kept = weekly_tables(store, "2015-W31").sources_of
    assert set(kept.values()) == {"kept"} and {"mentions", "quotes", "labels", "keyness"} <= set(kept)
    args = ["brief", "--store", str(store), "--week", "2015-W31", "--out", str(tmp_path / "reports")]
    assert antk([*args, "--format", "html"]) == 0
    from_store = nbformat.read(str(tmp_path / "reports" / "2015-W31" / "brief.ipynb"), as_version=4)
    from_file = nbformat.read(str(libya_week / "brief.ipynb"), as_version=4)
    assert not [o for c in from_store.cells for o in c.get("outputs", []) if o.output_type == "error"]
    # every table, note and figure is the brief's from the file (76 articles, keyness against
    # the weeks before from the term counts antk ingest kept)
    tables = _tables(from_store)
    assert len(tables) > 15 and tables == _tables(from_file)
    assert any("أكثر من المعتاد" in t for t in tables)
    assert ("76", "مقالات") in kpis("".join(tables))
