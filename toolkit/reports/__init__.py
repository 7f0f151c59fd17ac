"""Notebooks → briefs: execute parameterized notebooks and render them as HTML and PDF.

- :func:`run_notebook` (``run``): papermill, in a kernel of the current Python.
- :func:`export_html` / :func:`render_html` (``render``): nbconvert with the ``antk``
  template — ``dir="rtl"``, code hidden, Arabic font and images embedded, no network.
- :func:`render_pdf` / :func:`html_to_pdf` (``render``): A4 PDF from a headless Chromium
  (:func:`find_chromium`: playwright's browser, then ``chromium``/``google-chrome`` on PATH,
  then ``$ANTK_CHROMIUM``).
- :func:`screenshot_html` (``render``): a full-page PNG of a brief, to look at it.
- :func:`build_brief` (``brief``): the whole ``antk brief`` — validation, atomic writes,
  ``--force``, failure handling.
- ``display``: escaped HTML fragments (RTL tables, notes, quotes) for the notebooks.

Example::

    >>> from toolkit.reports import build_brief
    >>> result = build_brief(out="reports")  # doctest: +SKIP
    >>> result.html  # doctest: +SKIP
    PosixPath('reports/sample/brief.html')
"""

from toolkit.reports.brief import (
    BriefExistsError,
    BriefFailedError,
    BriefResult,
    PDFUnavailableError,
    build_brief,
    default_notebook,
    plan_brief,
)
from toolkit.reports.params import ParameterError, Period, resolve_period
from toolkit.reports.render import (
    BrowserNotFoundError,
    PDFRenderError,
    chromium_pdf_exporter,
    export_html,
    find_chromium,
    html_to_pdf,
    render_html,
    render_pdf,
    screenshot_html,
)
from toolkit.reports.run import CellFailure, NotebookExecutionError, run_notebook

__all__ = [
    "BriefExistsError",
    "BriefFailedError",
    "BriefResult",
    "BrowserNotFoundError",
    "CellFailure",
    "NotebookExecutionError",
    "PDFRenderError",
    "PDFUnavailableError",
    "ParameterError",
    "Period",
    "build_brief",
    "chromium_pdf_exporter",
    "default_notebook",
    "export_html",
    "find_chromium",
    "html_to_pdf",
    "plan_brief",
    "render_html",
    "render_pdf",
    "resolve_period",
    "run_notebook",
    "screenshot_html",
]
