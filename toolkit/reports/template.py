"""The ``antk`` nbconvert template's preprocessor: what makes a plain
``jupyter nbconvert --to html --template antk brief.ipynb`` give the brief's page.

The template's ``conf.json`` names :class:`BriefPreprocessor`, so nbconvert runs it with
the template, whoever calls it (the template itself hides code and prompts): it drops
stderr streams and the
cells tagged ``notebook-only``, and gives the template its ``resources["antk"]``
(``lang``/``dir`` from the notebook's parameters, the title, the embedded Arabic font and
the brief's CSS). :func:`toolkit.reports.render.export_html` uses the same template.

:class:`ChromiumPDFExporter` is nbconvert's ``webpdf`` exporter printing with the Chromium
:func:`toolkit.reports.render.find_chromium` finds (the system's, where nbconvert's own would
want a browser downloaded by playwright), registered as ``jupyter nbconvert --to antkpdf``.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters.webpdf import WebPDFExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from toolkit.reports import render


class BriefPreprocessor(Preprocessor):
    """Prepare a notebook and its resources for the ``antk`` template.

    >>> from nbconvert import HTMLExporter  # doctest: +SKIP
    >>> html, _ = HTMLExporter(template_name="antk").from_filename("brief.ipynb")  # doctest: +SKIP
    >>> 'dir="rtl"' in html  # doctest: +SKIP
    True
    """

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        nb = render._drop_stderr(nb)
        nb.cells = [
            cell
            for cell in nb.cells
            if render.NOTEBOOK_ONLY_TAG not in cell.get("metadata", {}).get("tags", [])
        ]
        if not resources.get("antk"):  # export_html gives its own (title, lang)
            resources.update(render._resources(nb, None, None))
        return nb, resources


class ChromiumPDFExporter(WebPDFExporter):
    """``WebPDFExporter`` with the ``antk`` template, printing offline on A4 with the
    system Chromium (``executable``, default: :func:`toolkit.reports.render.find_chromium`).

    >>> pdf, _ = ChromiumPDFExporter().from_filename("brief.ipynb")  # doctest: +SKIP
    """

    export_from_notebook = "PDF (antk brief, system Chromium)"
    executable = Unicode("", help="Chromium to print with (default: found on this system)").tag(
        config=True
    )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("template_name", render.TEMPLATE_NAME)
        super().__init__(**kwargs)
        self.extra_template_basedirs = [*self.extra_template_basedirs, str(render.TEMPLATES)]

    def run_playwright(self, html: str) -> bytes:
        pdf, _ = render.html_to_pdf(html, executable=self.executable or None, engine="playwright")
        return pdf
