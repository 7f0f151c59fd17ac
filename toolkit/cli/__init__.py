"""The ``antk`` command: one sub-module per sub-command.

Each sub-command module defines ``register(subparsers)``, which adds its parser and
sets ``func`` to a callable taking the parsed ``argparse.Namespace`` and returning an
exit code: 0 ok, 1 analysis failure, 2 bad usage or bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from toolkit import __version__

#: sub-command modules, in the order ``antk --help`` lists them
COMMANDS = ("brief", "ingest", "reanalyse", "freq", "kwic", "actors", "datasets")

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or bad input: the message is shown and the exit code is 2."""


def add_dask_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--dask [ADDRESS]``: ``what`` runs on Dask (toolkit.scale), at a scheduler address,
    or alone on a local cluster of 2 processes; the tables are the serial ones."""
    parser.add_argument(
        "--dask",
        nargs="?",
        const="local",
        default=None,
        metavar="ADDRESS",
        help=f"{what} on Dask: a scheduler address (tcp://HOST:8786), or alone for a local "
        "cluster of 2 processes; same tables",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``antk`` argument parser with every available sub-command."""
    parser = argparse.ArgumentParser(
        prog="antk",
        description="Arabic news research toolkit: corpora, frequencies, actors, briefs.",
    )
    parser.add_argument("--version", action="version", version=f"antk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"toolkit.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"toolkit.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``antk`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"antk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConnectionError as exc:  # e.g. no Dask scheduler at the --dask address
        print(f"antk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"antk {args.command}: interrupted", file=sys.stderr)
        return EXIT_FAILURE
