"""``antk brief``: execute the weekly brief notebook and write it as HTML and PDF.

Exit codes: 0 written; 1 the notebook failed (executed notebook kept as
``brief.failed.ipynb``) or ``--format`` named ``pdf`` and it could not be printed (HTML
written); 2 bad usage or bad input (nothing written), including an existing brief without
``--force`` and a ``--dask`` address where no scheduler answers. Without ``--format``, a
missing Chromium only warns and the HTML is written. ``--dask [ADDRESS]`` computes what the
store does not keep (from a corpus: mentions, quotes, keyness counts) on Dask (``--dask``
alone: a local cluster of 2 processes).
"""

from __future__ import annotations

import argparse
import sys

from toolkit.cli import EXIT_FAILURE, EXIT_OK, UsageError, add_dask_option

EPILOG = """\
examples:
  antk brief                                   # the embedded sample -> reports/sample/
  antk brief --corpus ../shared/data/saudinewsnet/libya.jsonl --week 2015-W31
  antk brief --store news.sqlite --from 2015-07-21 --to 2015-07-27 --format html
  antk brief --corpus ../shared/data/saudinewsnet/raw --week 2015-W32 --dask tcp://10.0.0.5:8786
PDF needs a headless Chromium: playwright's, or chromium/google-chrome on PATH, or
ANTK_CHROMIUM=/path/to/chrome (Debian: apt-get install chromium).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``brief`` sub-command."""
    p = subparsers.add_parser(
        "brief",
        help="write the weekly brief (HTML + PDF) of a corpus or store",
        description="Execute notebooks/weekly_brief.ipynb with papermill and write "
        "OUT/<label>/brief.ipynb, brief.html and brief.pdf atomically.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--store", metavar="FILE", help="SQLite store made by antk ingest")
    src.add_argument(
        "--corpus", metavar="PATH", help="corpus file or folder (jsonl, json, csv, ...)"
    )
    p.add_argument("--week", default="", metavar="YYYY-Www", help="ISO week, e.g. 2015-W31")
    p.add_argument(
        "--from", dest="date_from", default="", metavar="DATE", help="first day YYYY-MM-DD"
    )
    p.add_argument("--to", dest="date_to", default="", metavar="DATE", help="last day YYYY-MM-DD")
    p.add_argument(
        "--actors", metavar="FILE", help="actor dictionary (YAML); default: the bundled one"
    )
    p.add_argument(
        "--sources", default="", metavar="A,B", help="only these sources (comma-separated)"
    )
    p.add_argument("--top-n", type=int, default=10, metavar="N", help="rows per table (default 10)")
    p.add_argument("--lang", default="ar", choices=("ar", "en"), help="language of headings")
    p.add_argument("--title", default="", help="title of the brief (default: from the period)")
    p.add_argument(
        "--out", default="reports", metavar="DIR", help="output folder (default reports)"
    )
    p.add_argument(
        "--format",
        dest="formats",
        default=None,
        metavar="html,pdf",
        help="outputs to write (default html,pdf; PDF skipped with a warning without Chromium)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing brief")
    p.add_argument("--label", default=None, help="folder name under OUT (default: the week)")
    p.add_argument("--notebook", default=None, metavar="FILE", help="run another brief notebook")
    p.add_argument("--timeout", type=int, default=1800, metavar="S", help="per-cell time limit")
    add_dask_option(p, "compute mentions, quotes and term counts")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the brief; print the written paths (stdout) and problems (stderr)."""
    from toolkit.reports.brief import (
        BriefFailedError,
        PDFUnavailableError,
        build_brief,
    )
    from toolkit.reports.params import ParameterError

    try:
        result = build_brief(
            store=args.store,
            corpus=args.corpus,
            week=args.week,
            date_from=args.date_from,
            date_to=args.date_to,
            actors=args.actors,
            sources=args.sources,
            top_n=args.top_n,
            lang=args.lang,
            title=args.title,
            out=args.out,
            formats=args.formats,
            label=args.label,
            notebook=args.notebook,
            dask=args.dask,
            force=args.force,
            timeout=args.timeout,
        )
    except ParameterError as exc:
        raise UsageError(str(exc)) from None
    except BriefFailedError as exc:
        print(f"antk brief: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except PDFUnavailableError as exc:
        print(f"antk brief: {exc}", file=sys.stderr)
        for path in (exc.result.notebook, exc.result.html):
            if path is not None:
                print(path)
        return EXIT_FAILURE
    for warning in result.warnings:
        print(f"antk brief: warning: {warning}", file=sys.stderr)
    for path in (result.notebook, result.html, result.pdf):
        if path is not None:
            print(path)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items())
    print(f"antk brief: wrote {result.folder} ({timing})", file=sys.stderr)
    return EXIT_OK
