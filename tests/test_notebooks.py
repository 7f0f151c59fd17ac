"""Every notebook runs under papermill on the embedded sample, and the weekly brief on a real
SaudiNewsNet week; the rendered briefs are checked for content, direction and self-containment.

Notebooks are executed once per module (a fixture, several kernels in parallel) and the
tests look at the results.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from papermill.inspection import _infer_parameters
from papermill.iorw import load_notebook_node

from toolkit.cli import main as antk
from toolkit.reports import build_brief, export_html, find_chromium, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TUTORIALS = sorted((NOTEBOOKS / "tutorials").glob("*.ipynb"))
ALL = [
    NOTEBOOKS / n for n in ("weekly_brief.ipynb", "actor_profile.ipynb", "corpus_overview.ipynb")
] + TUTORIALS
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.S)


def pdf_words(text: str) -> str:
    """pdftotext output comparable with logical-order Arabic (see test_reports_pipeline)."""
    text = unicodedata.normalize(
        "NFKC", re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    )
    return " ".join("".join(line.split()) for line in text.splitlines())


def with_solutions(path: Path, folder: Path) -> Path:
    """A copy of a tutorial where each solution (a ```python block in <details>) is also a
    code cell right after it, so executing the copy checks that the solutions run."""
    nb = nbformat.read(str(path), as_version=4)
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type == "markdown":
            for src in SOLUTION.findall(cell.source):
                cells.append(nbformat.v4.new_code_cell(src))
    nb.cells = cells
    out = folder / path.name
    nbformat.write(nb, str(out))
    return out


def html_text(nb) -> str:
    return export_html(nb)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
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
    nb = nbformat.read(str(path), as_version=4)
    exercises = [c for c in nb.cells if c.cell_type == "markdown" and "Exercise" in c.source]
    solutions = [
        s for c in nb.cells if c.cell_type == "markdown" for s in SOLUTION.findall(c.source)
    ]
    assert len(exercises) >= 2
    assert len(solutions) == len(exercises)


def _run_all(folder: Path) -> None:
    jobs = {p.name: (p, {}) for p in ALL[1:3]}
    jobs["actor_profile.ipynb"] = (ALL[1], {"lang": "en"})  # the English headings route
    for p in TUTORIALS:
        jobs[p.name] = (with_solutions(p, folder), {})
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
    # tutorials run from notebooks/tutorials (as in JupyterLab), the copies from tmp
    return NOTEBOOKS / "tutorials" if path.parent != NOTEBOOKS else NOTEBOOKS


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
        for name in ("خليفة حفتر", "إيمانويل ماكرون", "حكومة الوفاق الوطني"):
            assert name.replace(" ", "") in text


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
        re.search(r'<html[^>]*\bdir="ltr"', html) and '<table class="antk-table" dir="rtl">' in html
    )
    assert "<h1>Khalifa Haftar</h1>" in html and "<h2>Mentioned with</h2>" in html
    # the seed article writes "حفتر" 10 times (str.count); titles alone (role mentions) add more
    mentions = int(re.search(r'<div class="antk-kpi"><b>(\d+)</b>mentions', html).group(1))
    assert mentions >= 10


def test_corpus_overview_on_the_sample(executed):
    html = html_text(executed["corpus_overview.ipynb"])
    assert '<div class="antk-kpi"><b>1</b>مقالات</div>' in html
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
    assert f'<div class="antk-kpi"><b>{w31}</b>مقالات</div>' in html
    assert f'<div class="antk-kpi"><b>{w30}</b>مقالات الأسبوع السابق</div>' in html
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


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
@pytest.mark.skipif(find_chromium() is None, reason="no Chromium to print with")
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
    for name in ("ليبيا", "مصر", "جونكيري"):
        assert name in text


def test_solutions_cells_really_ran(executed):
    # the copies carry the solutions as code cells; their outputs are there
    nb = executed["01_text_and_normalization.ipynb"]
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any("longest = max(sentences(text)" in s for s in sources)
    assert copy.deepcopy(nb) is not nb


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
    assert any('<div class="antk-kpi"><b>76</b>مقالات</div>' in t for t in tables)
