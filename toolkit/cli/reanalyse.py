"""``antk reanalyse``: compute again what a store keeps and is stale (a new dictionary or
toolkit version), and say how many documents were analysed."""

from __future__ import annotations

import argparse
from pathlib import Path

from toolkit.cli import UsageError, add_dask_option

EPILOG = """\
examples:
  antk reanalyse --store news.sqlite                       # after upgrading the toolkit
  antk reanalyse --store news.sqlite --actors libya.yaml   # after editing the dictionary
  antk reanalyse --store news.sqlite --dask                # on a local Dask cluster
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``reanalyse`` sub-command."""
    parser = subparsers.add_parser(
        "reanalyse",
        help="re-compute the analyses a store keeps that are stale",
        description="Analyse again the stored documents whose kept results (actor mentions, "
        "quotes, term counts by week) were computed with another actor dictionary or toolkit "
        "version, or never; documents already up to date are left alone. Prints how many "
        "documents were analysed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", required=True, metavar="FILE", help="SQLite store made by antk ingest")
    parser.add_argument("--actors", metavar="FILE", default=None,
                        help="actor dictionary (YAML); default: the bundled one")
    add_dask_option(parser, "analyse the stale documents")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Re-analyse the stale documents of ``args.store``; print the report."""
    from toolkit.cli.ingest import analyse
    from toolkit.corpus.store import Store

    path = Path(args.store)
    if not path.is_file():
        raise UsageError(f"--store {args.store!r} does not exist (antk ingest makes one)")
    try:
        store = Store(path)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    with store:
        print(analyse(store, args.actors, args.dask))
    return 0
