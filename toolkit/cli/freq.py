"""``antk freq``: term (or n-gram) frequencies of a corpus, overall or by source/week/day."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from toolkit.cli import add_dask_option

FORMATS = ("csv", "parquet", "json")


def register(subparsers) -> None:
    """Add the ``freq`` sub-command."""
    p = subparsers.add_parser(
        "freq",
        help="term frequencies of a corpus (by source, week, day or any column)",
        description=(
            "Count terms (normalized words, proclitics stripped: وليبيا and لليبيا count as "
            "ليبيا) in a corpus: JSON Lines, JSON, CSV, Parquet, a folder of .txt or a zip."
        ),
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
    p.add_argument("--min-count", type=int, default=1, metavar="N")
    p.add_argument(
        "--errors", choices=("raise", "skip"), default="raise", help="bad records: stop or skip"
    )
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
    if args.format == "parquet" and not args.out:
        raise _usage(
            "--format parquet needs --out FILE (binary output is not written to a terminal)"
        )
    for p in args.path:
        if not Path(p).exists():
            raise _usage(f"PATH {p!r} does not exist")
    if args.out and Path(args.out).exists() and not args.force:
        raise _usage(f"--out {args.out!r} exists; add --force to overwrite it")
    docs = iter_documents(args.path, errors=args.errors)
    opts = dict(preset=args.preset, stopwords=not args.keep_stopwords, min_count=args.min_count)
    if args.clitics:
        opts["clitics"] = args.clitics
    try:
        if args.dask:  # same table, computed on Dask (toolkit.scale)
            from toolkit import scale

            opts.update(errors=args.errors, progress=_progress)
            with scale.cli_client(args.dask) as client:
                paths = [Path(p) for p in args.path]  # (strings would be texts)
                if args.ngrams:
                    table = scale.ngrams(paths, n=args.ngrams, by=args.by, client=client, **opts)
                else:
                    table = scale.term_frequencies(paths, by=args.by, client=client, **opts)
        elif args.ngrams:
            table = ngrams(docs, n=args.ngrams, by=args.by, **opts)
        else:
            table = term_frequencies(docs, by=args.by, **opts)
    except CorpusError as exc:
        raise _usage(str(exc)) from None
    except (ValueError, TypeError) as exc:
        raise _usage(str(exc)) from None
    if args.top:
        table = table[table["rank"] <= args.top] if "rank" in table else table.head(args.top)
    write_table(table, args.format, args.out)
    if args.out:
        print(f"antk freq: {len(table)} rows written to {args.out}", file=sys.stderr)
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
