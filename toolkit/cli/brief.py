"""``antk brief``: execute the weekly brief notebook and write it as HTML and PDF.

Exit codes: 0 written; 1 the period holds no article or a ``--sources`` name is not in the
input (nothing written; ``--allow-empty`` writes the brief anyway), the notebook failed (executed notebook kept as
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
from toolkit.cli.options import (
    absolute,
    add_corpus_options,
    corpus_hint,
    corpus_options,
)

EPILOG = """\
examples:
  antk brief                                   # the embedded sample -> reports/sample/
  antk brief --store news.sqlite --week last   # the last complete ISO week (cron)
  antk brief --store news.sqlite --week latest # the latest week with articles
  antk brief --corpus news.jsonl --week 2015-W31
  antk brief --corpus export.csv --field text=body --field date=published --dayfirst
  antk brief --store news.sqlite --from 2015-07-21 --to 2015-07-27 --format html
  antk brief --corpus saudinewsnet/ --week 2015-W32 --dask tcp://10.0.0.5:8786
A public corpus to try: antk datasets get saudinewsnet (downloads, verifies, ingests).
PDF needs a headless Chromium: playwright's, or chromium/google-chrome on PATH, or
ANTK_CHROMIUM=/path/to/chrome (Debian: apt-get install chromium).
exit codes: 0 written; 1 no article in the period, an unknown --sources name, a failing
notebook or a PDF asked for that could not be printed; 2 bad usage or input
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
    p.add_argument("--week", default="", metavar="YYYY-Www|last|latest",
                   help="ISO week (2015-W31); last: the last complete week by the calendar; "
                   "latest: the latest week with articles in the input")
    p.add_argument(
        "--from", dest="date_from", default="", metavar="DATE", help="first day YYYY-MM-DD"
    )
    p.add_argument("--to", dest="date_to", default="", metavar="DATE", help="last day YYYY-MM-DD")
    p.add_argument(
        "--actors", metavar="FILE", help="actor dictionary (YAML); default: the bundled one"
    )
    p.add_argument(
        "--sources", default="", metavar="A,B",
        help="only these sources (comma-separated); a name not in the input exits 1",
    )
    p.add_argument("--allow-empty", action="store_true",
                   help="write the brief even when the period holds no article (else exit 1)")
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
    add_corpus_options(p, errors=False)
    p.set_defaults(func=run)


def check_period(args: argparse.Namespace, load: dict) -> str:
    """The week to brief (``last``/``latest`` resolved) once the input is known to hold
    articles in the period, of the ``--sources`` named; EmptyPeriodError otherwise.

    A store answers with indexed counts; a corpus is read once for its dates and sources
    (validated, nothing hashed or kept)."""
    from toolkit.reports.params import (
        check_contents,
        check_input,
        corpus_contents,
        last_complete_week,
        latest_week,
        parse_sources,
        resolve_period,
        scan_corpus,
        store_contents,
    )

    sources = parse_sources(args.sources)
    week = (args.week or "").strip()
    if week == "last":
        week = last_complete_week()
    if week != "latest":
        resolve_period(week, args.date_from, args.date_to)  # bad values: usage errors first
    if args.store:
        from toolkit.corpus.store import Store

        path = check_input(str(absolute(args.store)), "store")
        try:
            store = Store(path, readonly=True)  # a brief only reads
        except (ValueError, OSError) as exc:
            raise UsageError(f"store={str(path)!r} is not an SQLite store (antk ingest makes "
                             f"one): {exc}") from None
        with store:
            contents = store_contents(store, sources)
            where = f"the store {str(path)!r}"
            week = latest_week(contents.weeks) if week == "latest" else week
            check_contents(contents, resolve_period(week, args.date_from, args.date_to), sources,
                           allow_empty=args.allow_empty, where=where)
        return week
    if args.corpus:
        from toolkit.cli.reading import Reading
        from toolkit.corpus import CorpusError

        paths = [check_input(str(absolute(args.corpus)), "corpus")]
        reading = Reading("brief")
        with reading:
            try:  # the notebook reads with errors="raise" too: a bad record stops the brief
                contents = corpus_contents(reading.count(scan_corpus(paths, **load)), sources)
            except CorpusError as exc:
                raise UsageError(f"cannot read the corpus: {corpus_hint(str(exc))}") from None
        reading.report()  # N records read: N documents, 0 skipped
        where = f"the corpus {str(paths[0])!r}"
    else:
        from toolkit.corpus import sample

        contents = corpus_contents(((d.date, d.source) for d in sample()), sources)
        where = "the embedded sample"
    week = latest_week(contents.weeks) if week == "latest" else week
    check_contents(contents, resolve_period(week, args.date_from, args.date_to), sources,
                   allow_empty=args.allow_empty, where=where)
    return week


def run(args: argparse.Namespace) -> int:
    """Build the brief; print the written paths (stdout) and problems (stderr)."""
    from toolkit.reports.brief import (
        BriefFailedError,
        PDFUnavailableError,
        build_brief,
    )
    from toolkit.reports.params import EmptyPeriodError, ParameterError

    if args.timeout < 1:
        raise UsageError(f"--timeout {args.timeout}: the per-cell time limit must be >= 1 s")
    load = corpus_options(args)
    if args.store and (load["fields"] or load["dayfirst"]):
        raise UsageError("--field and --dayfirst apply to --corpus; a store keeps documents "
                         "already mapped (give them to antk ingest)")
    try:
        week = check_period(args, load)
    except ParameterError as exc:
        raise UsageError(str(exc)) from None
    except EmptyPeriodError as exc:
        print(f"antk brief: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        result = build_brief(
            store=args.store and str(absolute(args.store)),
            corpus=args.corpus and str(absolute(args.corpus)),
            week=week,
            date_from=args.date_from,
            date_to=args.date_to,
            actors=args.actors,
            sources=args.sources,
            top_n=args.top_n,
            lang=args.lang,
            title=args.title,
            out=str(absolute(args.out)),
            formats=args.formats,
            label=args.label,
            notebook=args.notebook,
            dask=args.dask,
            force=args.force,
            timeout=args.timeout,
            **load,
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
