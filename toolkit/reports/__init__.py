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
- :func:`weekly_tables` (``tables``): every table of the weekly brief as DataFrames, from a
  store (reading what it keeps, :mod:`toolkit.reports.kept`) or a corpus (serially or on
  Dask with ``client=``).

Example::

    >>> from toolkit.reports import build_brief
    >>> result = build_brief(out="reports")  # doctest: +SKIP
    >>> result.html  # doctest: +SKIP
    PosixPath('reports/sample/brief.html')
"""

from __future__ import annotations

import importlib
from typing import Any

# Names are imported on first use (PEP 562): a notebook that needs only
# ``toolkit.reports.display`` does not pay for papermill, nbconvert and the renderers.
_WHERE = {
    "BriefExistsError": "brief",
    "BriefFailedError": "brief",
    "BriefResult": "brief",
    "PDFUnavailableError": "brief",
    "build_brief": "brief",
    "default_notebook": "brief",
    "plan_brief": "brief",
    "ParameterError": "params",
    "Period": "params",
    "resolve_period": "params",
    "BrowserNotFoundError": "render",
    "PDFRenderError": "render",
    "chromium_pdf_exporter": "render",
    "export_html": "render",
    "find_chromium": "render",
    "html_to_pdf": "render",
    "render_html": "render",
    "render_pdf": "render",
    "screenshot_html": "render",
    "CellFailure": "run",
    "NotebookExecutionError": "run",
    "run_notebook": "run",
    "WeeklyTables": "tables",
    "weekly_tables": "tables",
    "analyse_store": "kept",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit.reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"toolkit.reports.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


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
    "WeeklyTables",
    "weekly_tables",
    "analyse_store",
]
