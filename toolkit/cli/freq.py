"""``antk freq``: term (or n-gram) frequencies of a corpus, overall or by source/week/day."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from toolkit.cli import add_dask_option
from toolkit.cli.options import (
    absolute,
    add_corpus_options,
    by_column,
    check_paths,
    corpus_hint,
    corpus_options,
    note_mapping,
)

FORMATS = ("csv", "parquet", "json")


def register(subparsers) -> None:
    """Add the ``freq`` sub-command."""
    p = subparsers.add_parser(
        "freq",
        help="term frequencies of a corpus (by source, week, day or any column)",
        description=(
            "Count terms (normalized words, proclitics stripped: وليبيا and لليبيا count as "
            "ليبيا) in a corpus: JSON Lines, JSON, CSV (delimiter , ; tab or | detected), "
            "Parquet, a folder of .txt or a zip."
        ),
        epilog="examples:\n"
        "  antk freq news.jsonl --by week --top 20\n"
        "  antk freq export.csv --field text=body --field date=published --field source=outlet "
        "--dayfirst --by source\n"
        "  antk freq news.jsonl --ngrams 2 --format parquet --out bigrams.parquet\n"
        "exit codes: 0 ok, 2 bad usage or input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", nargs="+", metavar="PATH", help="corpus file(s) or folder(s)")
    p.add_argument("--by", default=None, help="group by: source, week, day or a metadata column")
    p.add_argument(
        "--top", type=int, default=None, metavar="N", help="keep the N most frequent per group"
    )
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument(
        "--out",
        default=None,
        metavar="FILE",
        help="write here (default: stdout; parquet needs a file)",
    )
    p.add_argument(
        "--ngrams", type=int, default=None, metavar="N", help="count N-grams instead of terms"
    )
    p.add_argument("--preset", default="search", help="normalization preset (default search)")
    p.add_argument(
        "--clitics",
        default=None,
        choices=("strip", "keep_article", "keep", "split"),
        help="proclitics: strip (default for terms), keep_article (default for n-grams), keep, split",
    )
    p.add_argument("--keep-stopwords", action="store_true", help="keep stopwords in the table")
    p.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="leave out terms seen fewer than N times (default 1)")
    add_corpus_options(p)
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_dask_option(p, "count")
    p.set_defaults(func=run)


def _usage(msg: str):
    from toolkit.cli import UsageError

    return UsageError(msg)


def run(args: argparse.Namespace) -> int:
    """Count, then write the table; 0 ok, 2 bad usage or input."""
    from toolkit.corpus import CorpusError, iter_documents
    from toolkit.frequency import ngrams, term_frequencies

    if args.top is not None and args.top < 1:
        raise _usage(f"--top {args.top}: must be >= 1")
    if args.ngrams is not None and args.ngrams < 1:
        raise _usage(f"--ngrams {args.ngrams}: must be >= 1")
    if args.format == "parquet" and not args.out:
        raise _usage(
            "--format parquet needs --out FILE (binary output is not written to a terminal)"
        )
    paths = check_paths(args.path)
    out = str(absolute(args.out)) if args.out else None
    if out and Path(out).exists() and not args.force:
        raise _usage(f"--out {out!r} exists; add --force to overwrite it")
    load = corpus_options(args)
    if args.dask and load["dayfirst"]:
        raise _usage("--dayfirst is not available with --dask yet; ingest with --dayfirst "
                     "into a store, or drop --dask")
    mapping = note_mapping(paths, load["fields"], "freq")
    by = by_column(args.by, mapping)
    from toolkit.cli.reading import Reading

    reading = Reading("freq")
    docs = reading.count(iter_documents(paths, **load, skipped=reading.skipped))
    opts = dict(preset=args.preset, stopwords=not args.keep_stopwords, min_count=args.min_count)
    if args.clitics:
        opts["clitics"] = args.clitics
    with reading:
        try:
            if args.dask:  # same table, computed on Dask (the engine behind client=)
                from toolkit.scale import cli_client
                from toolkit.scale import functions as scale

                opts.update(errors=args.errors, fields=load["fields"], progress=_progress)
                with cli_client(args.dask) as client:
                    if args.ngrams:
                        table = scale.ngrams(
                            paths, n=args.ngrams, by=by, client=client, **opts
                        )
                    else:
                        table = scale.term_frequencies(paths, by=by, client=client, **opts)
            elif args.ngrams:
                table = ngrams(docs, n=args.ngrams, by=by, **opts)
            else:
                table = term_frequencies(docs, by=by, **opts)
        except CorpusError as exc:
            raise _usage(corpus_hint(str(exc))) from None
        except (ValueError, TypeError) as exc:
            raise _usage(str(exc)) from None
    if by != args.by and by in table:  # --by outlet: the column keeps the input's name
        table = table.rename(columns={by: args.by})
    if args.top:
        table = table[table["rank"] <= args.top] if "rank" in table else table.head(args.top)
    write_table(table, args.format, out)
    if not args.dask:  # the Dask route reads the files on the workers
        reading.report()
    if out:
        print(f"antk freq: {len(table)} rows written to {out}", file=sys.stderr)
    return 0


def _progress(done: int, total: int, label: str) -> None:
    print(f"antk: partition {done}/{total} {label}", file=sys.stderr)


def write_table(table: pd.DataFrame, fmt: str, out: str | None) -> None:
    """Write ``table`` to ``out`` atomically (temp file + rename), or to stdout."""
    table = table.copy()
    for col in table.columns:
        if pd.api.types.is_datetime64_any_dtype(table[col]):
            table[col] = table[col].dt.strftime("%Y-%m-%d")
    if out is None:
        try:
            if fmt == "csv":
                table.to_csv(sys.stdout, index=False)
            else:
                sys.stdout.write(table.to_json(orient="records", force_ascii=False, lines=True))
            sys.stdout.flush()
        except BrokenPipeError:  # `antk freq ... | head`: the reader has seen enough
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        if fmt == "csv":
            table.to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "json":
            table.to_json(tmp, orient="records", force_ascii=False, lines=True)
        else:
            table.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
