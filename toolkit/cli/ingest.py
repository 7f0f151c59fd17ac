"""``antk ingest``: add files, folders or zip archives to a SQLite store, idempotently."""

from __future__ import annotations

import argparse
import sys
import warnings

from toolkit.cli import UsageError, add_dask_option
from toolkit.cli.options import (
    FIELD_HELP,
    absolute,
    check_paths,
    corpus_hint,
    note_mapping,
    parse_fields,
)
from toolkit.cli.reading import Reading
from toolkit.cli.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` sub-command."""
    parser = subparsers.add_parser(
        "ingest",
        help="add documents to a SQLite store (each document once)",
        description="Add documents (JSON Lines, JSON arrays, CSV, Parquet, .txt folders, zips) "
        "to a SQLite store. Re-running adds nothing twice; prints added / already present / "
        "rejected. A document already stored (same id, else URL) whose text changed is "
        "added as a new version (the earlier one kept for Store.history; every reader sees "
        "the latest) and its id printed; --update replaces it instead. Each document is then analysed once (actor mentions, quotes, term counts "
        "by week) and the results kept in the store, for every later brief to read; "
        "--no-analyses skips it (antk reanalyse does it later).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or zip archives")
    parser.add_argument("--store", required=True, metavar="FILE", help="SQLite store (created if absent)")
    parser.add_argument("--errors", choices=("raise", "skip"), default="raise",
                        help="stop at the first bad record (raise, default) or skip and count it")
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                        help=FIELD_HELP)
    parser.add_argument("--dayfirst", action="store_true",
                        help="dates are day first: 21/07/2015 is 21 July (ISO dates still read)")
    parser.add_argument("--update", action="store_true",
                        help="replace a stored document whose text changed (default: add "
                        "the new text as a new version, keep the old one as an earlier "
                        "version, and report the changed ids)")
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


def print_warnings(caught: list[warnings.WarningMessage], command: str) -> None:
    """Show captured warnings (encoding) as one line each on stderr (skips are listed by
    :class:`toolkit.cli.reading.Reading`)."""
    for w in caught:
        if type(w.message).__name__ != "SkippedRecordsWarning":
            print(f"antk {command}: warning: {printable(w.message)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Ingest ``args.paths`` into ``args.store``; print the counts."""
    from toolkit.corpus import CorpusError, iter_documents
    from toolkit.corpus.store import Store

    if args.batch_size < 1:
        raise UsageError(f"--batch-size {args.batch_size} must be a positive integer")
    fields = parse_fields(args.field)
    paths = check_paths(args.paths)
    note_mapping(paths, fields, "ingest")
    actors = load_dictionary(args.actors)  # a bad dictionary stops before anything is added
    try:
        store = Store(absolute(args.store))
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    skipped: list[tuple[str, int | None, str]] = []
    analysed = None
    with store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            docs = iter_documents(paths, fields=fields,
                                  errors=args.errors, skipped=skipped, dayfirst=args.dayfirst)
            report = store.add(docs, batch_size=args.batch_size, update=args.update)
        except OSError as exc:  # StoreWriteError: disk full, I/O error (the cause is named)
            print_warnings(caught, "ingest")
            raise UsageError(str(exc)) from None
        except (CorpusError, ValueError) as exc:
            print_warnings(caught, "ingest")
            raise UsageError(f"{corpus_hint(str(exc))} (whole batches before this point are stored; "
                             "fix the input and re-run: nothing is added twice)") from None
        if not (args.no_analyses or args.no_counts):
            analysed = analyse(store, actors, args.dask)
    print_warnings(caught, "ingest")
    reading = Reading("ingest")
    reading.skipped = skipped
    reading.documents = report.added + report.present + report.changed + report.rejected
    reading.report()
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
