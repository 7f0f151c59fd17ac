"""The notebooks and the nbconvert template ship with the package: ``antk notebooks``,
``antk render`` and a plain ``jupyter nbconvert --template antk``.

The executed notebook here is written by hand (outputs included), so no kernel runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import NO_CHROMIUM

from toolkit.cli import main as antk
from toolkit.reports import find_chromium
from toolkit.reports.notebooks import list_notebooks, notebooks_dir

ROOT = Path(__file__).resolve().parents[1]


def executed_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('lang = "ar"\ntitle = ""')
    params.metadata["tags"] = ["parameters"]
    shown = nbformat.v4.new_code_cell("display(HTML(heading))")
    shown.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<h1>موجز خليفة حفتر</h1><p>وقف إطلاق النار</p>"}
        ),
        nbformat.v4.new_output("stream", name="stderr", text="DeprecationWarning: noise\n"),
    ]
    hidden = nbformat.v4.new_code_cell("print('for the analyst')")
    hidden.metadata["tags"] = ["notebook-only"]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="تعليمات المحلل\n")]
    nb.cells = [params, shown, hidden]
    nbformat.write(nb, str(path))
    return path


def test_the_notebooks_are_those_of_the_source_tree():
    assert notebooks_dir().resolve() == (ROOT / "notebooks").resolve()
    names = [p.relative_to(notebooks_dir()).as_posix() for p in list_notebooks()]
    assert names[:3] == ["actor_profile.ipynb", "corpus_overview.ipynb", "weekly_brief.ipynb"]
    # then the four tutorials in their student form, then in their solutions form
    tutorials = ["01_text_and_normalization", "02_frequency_and_keyness", "03_actors_and_quotes",
                 "04_building_a_brief"]
    assert names[3:] == [f"tutorials/{form}/{t}.ipynb" for form in ("student", "solutions")
                         for t in tutorials]


def test_notebooks_copy_gives_editable_copies_and_keeps_edits(tmp_path, capsys):
    target = tmp_path / "mine"
    assert antk(["notebooks", "copy", str(target)]) == 0
    printed = capsys.readouterr().out.split()
    expected = [target / p.relative_to(notebooks_dir()) for p in list_notebooks()]
    assert printed == [str(p.resolve()) for p in expected]
    for copy, source in zip(expected, list_notebooks(), strict=True):
        assert copy.read_bytes() == source.read_bytes()
    # an edit is not overwritten by a second copy ...
    (target / "weekly_brief.ipynb").write_text("{}", encoding="utf-8")
    assert antk(["notebooks", "copy", str(target)]) == 2
    err = capsys.readouterr().err
    assert "already exists (11 of 11 notebooks)" in err and "--force" in err
    assert (target / "weekly_brief.ipynb").read_text(encoding="utf-8") == "{}"
    # ... unless asked
    assert antk(["notebooks", "copy", str(target), "--force"]) == 0
    assert (target / "weekly_brief.ipynb").read_bytes() == (
        notebooks_dir() / "weekly_brief.ipynb"
    ).read_bytes()


def _is_brief_page(html: str) -> None:
    assert re.search(r'<html[^>]*\bdir="rtl"', html) and re.search(r'<html[^>]*\blang="ar"', html)
    assert "<title>موجز خليفة حفتر</title>" in html
    assert 'font-family: "Tajawal"' in html and "data:font/ttf;base64," in html
    assert "display(HTML" not in html  # code hidden
    assert "DeprecationWarning" not in html  # stderr dropped
    assert "تعليمات المحلل" not in html  # notebook-only cells left out
    assert "jp-OutputPrompt" not in html and "jp-InputArea" not in html.split("</style>")[-1]


def test_nbconvert_with_the_antk_template_gives_the_brief_page(tmp_path):
    nb = executed_notebook(tmp_path / "done.ipynb")
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--template", "antk",
         str(nb)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, (
        proc.stderr[-800:] + "\n(the template is installed by the wheel, or by `make` for an"
        " editable install: share/jupyter/nbconvert/templates/antk)"
    )
    _is_brief_page((tmp_path / "done.html").read_text(encoding="utf-8"))


def test_antk_render_writes_the_page_of_an_executed_notebook(tmp_path, capsys):
    nb = executed_notebook(tmp_path / "done.ipynb")
    assert antk(["render", str(nb), "--out", str(tmp_path / "out"), "--format", "html"]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "out" / "done.html")]
    _is_brief_page((tmp_path / "out" / "done.html").read_text(encoding="utf-8"))
    # an existing output needs --force
    assert antk(["render", str(nb), "--out", str(tmp_path / "out"), "--format", "html"]) == 2
    assert "done.html already exists; replace it with --force" in capsys.readouterr().err


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="apt-get install poppler-utils")
def test_antk_render_prints_the_pdf(tmp_path, capsys):
    nb = executed_notebook(tmp_path / "done.ipynb")
    assert antk(["render", str(nb)]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "done.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = " ".join(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).split())
    assert "موجز خليفة حفتر" in words and "وقف إطلاق النار" in words


def test_antk_render_refuses_a_notebook_that_never_ran(tmp_path, capsys):
    shutil.copyfile(notebooks_dir() / "weekly_brief.ipynb", tmp_path / "w.ipynb")
    assert antk(["render", str(tmp_path / "w.ipynb")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'w.ipynb'} has no outputs: run it first" in err
    assert not (tmp_path / "w.html").exists()
    assert antk(["render", str(tmp_path / "missing.ipynb")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(find_chromium() is None, reason=NO_CHROMIUM)
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="apt-get install poppler-utils")
def test_nbconvert_to_antkpdf_prints_with_the_system_chromium(tmp_path):
    nb = executed_notebook(tmp_path / "done.ipynb")
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "antkpdf", str(nb)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-800:]
    text = subprocess.run(["pdftotext", str(tmp_path / "done.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = " ".join(re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).split())
    assert "موجز خليفة حفتر" in words and "وقف إطلاق النار" in words
    assert "تعليمات المحلل" not in words


def test_docstring_examples():
    import doctest

    import toolkit.reports.notebooks as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
