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
COMMANDS = (
    "brief", "render", "ingest", "reanalyse", "freq", "kwic", "actors", "datasets", "notebooks",
)

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


def nested_parser(argv: Sequence[str]) -> argparse.ArgumentParser | None:
    """The parser of a two-word form (``antk actors lint``, ``antk actors discover``) when
    ``argv`` starts with one, so that its ``--help`` and errors are its own; else None.
    A command module lists its forms in ``FORMS`` (name → ``register(subparsers)``)."""
    if len(argv) < 2 or argv[0] not in COMMANDS:
        return None
    try:
        module = importlib.import_module(f"toolkit.cli.{argv[0]}")
    except ModuleNotFoundError:
        return None
    register = getattr(module, "FORMS", {}).get(argv[1])
    if register is None:
        return None
    parser = argparse.ArgumentParser(prog="antk")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``antk`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    nested = nested_parser(argv)
    if nested is not None:
        argv = [f"{argv[0]} {argv[1]}", *argv[2:]]
    parser = nested or build_parser()
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
        from toolkit.cli.terminal import printable  # input can hold terminal escapes

        print(f"antk {args.command}: {printable(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except ConnectionError as exc:  # e.g. no Dask scheduler at the --dask address
        print(f"antk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"antk {args.command}: interrupted", file=sys.stderr)
        return EXIT_FAILURE
