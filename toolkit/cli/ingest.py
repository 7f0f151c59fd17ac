"""``antk ingest``: add files, folders or zip archives to a SQLite store, idempotently."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from toolkit.cli import UsageError, add_dask_option


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` sub-command."""
    parser = subparsers.add_parser(
        "ingest",
        help="add documents to a SQLite store (each document once)",
        description="Add documents (JSON Lines, JSON arrays, CSV, Parquet, .txt folders, zips) "
        "to a SQLite store. Re-running adds nothing twice; prints added / already present / "
        "rejected. Each document is then analysed once (actor mentions, quotes, term counts "
        "by week) and the results kept in the store, for every later brief to read; "
        "--no-analyses skips it (antk reanalyse does it later).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or zip archives")
    parser.add_argument("--store", required=True, metavar="FILE", help="SQLite store (created if absent)")
    parser.add_argument("--errors", choices=("raise", "skip"), default="raise",
                        help="stop at the first bad record (raise, default) or skip and count it")
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                        help="map an input key to a document field, e.g. --field text=body")
    parser.add_argument("--batch-size", type=int, default=500, metavar="N",
                        help="documents per transaction (default 500)")
    parser.add_argument("--actors", metavar="FILE", default=None,
                        help="actor dictionary (YAML) whose mentions and quotes are kept; "
                        "default: the bundled one")
    parser.add_argument("--no-analyses", action="store_true",
                        help="only store the documents: no mentions, quotes or term counts "
                        "kept (a brief then computes them from the texts)")
    parser.add_argument("--no-counts", action="store_true", help=argparse.SUPPRESS)
    add_dask_option(parser, "analyse the added documents")
    parser.set_defaults(func=run)


def parse_fields(pairs: list[str]) -> dict[str, str] | None:
    """``["text=body"]`` → ``{"text": "body"}``; UsageError on a malformed pair."""
    fields = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        if not sep or not name.strip() or not key.strip():
            raise UsageError(f"--field {pair!r} must look like FIELD=KEY, e.g. text=body")
        fields[name.strip()] = key.strip()
    return fields or None


def print_warnings(caught: list[warnings.WarningMessage], command: str) -> None:
    """Show captured warnings (encoding, skipped records) as one line each on stderr."""
    for w in caught:
        print(f"antk {command}: warning: {w.message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Ingest ``args.paths`` into ``args.store``; print the counts."""
    from toolkit.corpus import CorpusError, iter_documents
    from toolkit.corpus.store import Store

    if args.batch_size < 1:
        raise UsageError(f"--batch-size {args.batch_size} must be a positive integer")
    fields = parse_fields(args.field)
    actors = load_dictionary(args.actors)  # a bad dictionary stops before anything is added
    try:
        store = Store(args.store)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    skipped: list[tuple[str, int | None, str]] = []
    analysed = None
    with store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            docs = iter_documents([Path(p) for p in args.paths], fields=fields,
                                  errors=args.errors, skipped=skipped)
            report = store.add(docs, batch_size=args.batch_size)
        except (CorpusError, ValueError, FileNotFoundError) as exc:
            print_warnings(caught, "ingest")
            raise UsageError(f"{exc} (whole batches before this point are stored; "
                             "fix the input and re-run: nothing is added twice)") from None
        if not (args.no_analyses or args.no_counts):
            analysed = analyse(store, actors, args.dask)
    print_warnings(caught, "ingest")
    for file, line, reason in skipped[:20]:
        where = file if line is None else f"{file}, line {line}"
        print(f"skipped: {where}: {reason}", file=sys.stderr)
    if len(skipped) > 20:
        print(f"skipped: … and {len(skipped) - 20} more", file=sys.stderr)
    report.rejected += len(skipped)
    print(report)
    if analysed is not None:
        print(analysed)
    return 0


def load_dictionary(path: str | None) -> object:
    """The actor dictionary at ``path`` (None: the bundled one, loaded later); UsageError
    naming the file when it cannot be loaded."""
    if not path:
        return None
    from toolkit.actors import ActorsError, load_actors

    try:
        return load_actors(path)
    except (ActorsError, OSError) as exc:
        raise UsageError(f"--actors {path!r}: {exc}") from None


def analyse(store: object, actors: object, dask: str | None) -> object:
    """Analyse what the store does not keep yet (:func:`toolkit.reports.kept.analyse_store`)
    with ``actors`` (an ``Actors``, a YAML path, or None: the bundled one), serially or on
    Dask (``dask``: an address, ``"local"``, or None); the report."""
    from toolkit.reports.kept import analyse_store

    actor_dict = load_dictionary(actors) if isinstance(actors, str) else actors
    if dask is None:
        return analyse_store(store, actor_dict)
    from toolkit.scale import cli_client

    with cli_client(dask) as client:
        return analyse_store(store, actor_dict, client=client)
