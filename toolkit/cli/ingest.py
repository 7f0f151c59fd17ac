"""``antk ingest``: add files, folders or zip archives to a SQLite store, idempotently."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from toolkit.cli import UsageError
from toolkit.cli.reading import Reading
from toolkit.cli.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` sub-command."""
    parser = subparsers.add_parser(
        "ingest",
        help="add documents to a SQLite store (each document once)",
        description="Add documents (JSON Lines, JSON arrays, CSV, Parquet, .txt folders, zips) "
        "to a SQLite store. Re-running adds nothing twice; prints added / already present / "
        "rejected.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or zip archives")
    parser.add_argument("--store", required=True, metavar="FILE", help="SQLite store (created if absent)")
    parser.add_argument("--errors", choices=("raise", "skip"), default="raise",
                        help="stop at the first bad record (raise, default) or skip and count it")
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                        help="map an input key to a document field, e.g. --field text=body")
    parser.add_argument("--update", action="store_true",
                        help="replace a stored document whose text changed (default: keep "
                        "the stored text and report the changed ids)")
    parser.add_argument("--batch-size", type=int, default=500, metavar="N",
                        help="documents per transaction (default 500)")
    parser.add_argument("--no-counts", action="store_true",
                        help="do not count the written forms of the weeks added to (by default "
                        "they are counted and stored, so that a brief's keyness reads no text)")
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
    try:
        store = Store(args.store)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    skipped: list[tuple[str, int | None, str]] = []
    counted = None
    with store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            docs = iter_documents([Path(p) for p in args.paths], fields=fields,
                                  errors=args.errors, skipped=skipped)
            report = store.add(docs, batch_size=args.batch_size, update=args.update)
        except OSError as exc:  # StoreWriteError: disk full, I/O error (the cause is named)
            print_warnings(caught, "ingest")
            raise UsageError(str(exc)) from None
        except (CorpusError, ValueError) as exc:
            print_warnings(caught, "ingest")
            raise UsageError(f"{exc} (whole batches before this point are stored; "
                             "fix the input and re-run: nothing is added twice)") from None
        if not args.no_counts:
            counted = count_weeks(store)
    print_warnings(caught, "ingest")
    reading = Reading("ingest")
    reading.skipped = skipped
    reading.documents = report.added + report.present + report.changed + report.rejected
    reading.report()
    report.rejected += len(skipped)
    print(report)
    if counted:
        print(f"term counts stored for {counted} week(s)")
    return 0


def count_weeks(store: object) -> int:
    """Count and keep the written forms of the store's weeks that changed (or were never
    counted): :func:`toolkit.frequency.week_counts.update_week_counts`."""
    from toolkit.frequency.week_counts import update_week_counts

    return update_week_counts(store)
