"""``antk render NOTEBOOK``: the brief's HTML and PDF of a notebook that has already run.

For a notebook executed in JupyterLab or by papermill (``antk brief`` writes its own): the
same template (right to left, code hidden, font and images embedded) and the same
Chromium printing. Writes ``NAME.html`` and ``NAME.pdf`` beside the notebook, or in
``--out DIR``. Exit codes: 0 written; 1 ``--format`` named ``pdf`` and it could not be
printed (the HTML is written); 2 bad usage or bad input (a missing or unexecuted notebook,
an existing output without ``--force``), nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.cli import EXIT_FAILURE, EXIT_OK, UsageError

EPILOG = """\
examples:
  antk render reports/2015-W31/brief.ipynb            # brief.html and brief.pdf beside it
  antk render my_analysis.ipynb --out shared/ --format pdf
PDF needs a headless Chromium (Debian: apt-get install chromium; or ANTK_CHROMIUM=/path).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``render`` sub-command."""
    p = subparsers.add_parser(
        "render",
        help="render an executed notebook as the brief's HTML and PDF",
        description="Render an already executed notebook with the brief's template "
        "(right to left, code hidden, self-contained) and print it to A4 PDF.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("notebook", metavar="NOTEBOOK", help="an executed .ipynb file")
    p.add_argument("--out", default=None, metavar="DIR", help="output folder (default: beside it)")
    p.add_argument(
        "--format",
        dest="formats",
        default=None,
        metavar="html,pdf",
        help="outputs to write (default html,pdf; PDF skipped with a warning without Chromium)",
    )
    p.add_argument("--title", default=None, help="title of the page (default: the first heading)")
    p.add_argument("--lang", default=None, choices=("ar", "en"), help="page language")
    p.add_argument("--force", action="store_true", help="replace existing outputs")
    p.set_defaults(func=run)


def _load(path: Path):
    import nbformat

    if not path.is_file():
        raise UsageError(f"notebook={str(path.resolve())!r} does not exist")
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # nbformat raises several types for a bad file
        raise UsageError(f"{path.resolve()} is not a readable notebook: {exc}") from None
    if not any(cell.get("outputs") for cell in nb.cells if cell.get("cell_type") == "code"):
        raise UsageError(
            f"{path.resolve()} has no outputs: run it first (JupyterLab, papermill, or "
            "antk brief for the weekly brief)"
        )
    return nb


def run(args: argparse.Namespace) -> int:
    """Render; print the written paths (stdout) and problems (stderr)."""
    from toolkit.reports.brief import parse_formats
    from toolkit.reports.files import atomic_write
    from toolkit.reports.params import ParameterError
    from toolkit.reports.render import (
        BrowserNotFoundError,
        PDFRenderError,
        export_html,
        html_to_pdf,
    )

    try:
        formats = parse_formats(args.formats)
    except ParameterError as exc:
        raise UsageError(str(exc)) from None
    source = Path(args.notebook)
    nb = _load(source)
    folder = Path(args.out) if args.out else source.parent
    targets = {kind: (folder / source.name).with_suffix(f".{kind}") for kind in formats}
    existing = [p for p in targets.values() if p.exists()]
    if existing and not args.force:
        raise UsageError(f"{existing[0].resolve()} already exists; replace it with --force")
    try:
        html = export_html(nb, title=args.title, lang=args.lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    folder.mkdir(parents=True, exist_ok=True)
    if "html" in targets:
        print(atomic_write(targets["html"], html))
    if "pdf" in targets:
        try:
            pdf, _blocked = html_to_pdf(html)
        except (BrowserNotFoundError, PDFRenderError) as exc:
            print(f"antk render: PDF not written: {exc}", file=sys.stderr)
            return EXIT_FAILURE if args.formats else EXIT_OK
        print(atomic_write(targets["pdf"], pdf))
    return EXIT_OK
