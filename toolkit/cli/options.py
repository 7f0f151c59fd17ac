"""Options shared by the sub-commands that read a corpus: ``--field``, ``--dayfirst``,
``--errors``; the note saying which input keys fill which fields; absolute paths.

Example (a CSV export with its own column names)::

    antk freq export.csv --field text=body --field date=published --dayfirst --by source
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.cli import UsageError

FIELD_HELP = (
    "read document field FIELD from input column/key KEY, e.g. --field text=body "
    "--field date=published (fields: doc_id, date, source, title, url, author, text); "
    "repeat for each field"
)


def add_corpus_options(parser: argparse.ArgumentParser, *, errors: bool = True) -> None:
    """Add ``--field FIELD=KEY`` (repeatable), ``--dayfirst`` and (optionally) ``--errors``."""
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                        help=FIELD_HELP)
    parser.add_argument("--dayfirst", action="store_true",
                        help="dates are day first: 21/07/2015 is 21 July (ISO dates still read)")
    if errors:
        parser.add_argument("--errors", choices=("raise", "skip"), default="raise",
                            help="bad records: stop at the first (raise, default) or skip and "
                            "count them")


def parse_fields(pairs: Sequence[str]) -> dict[str, str] | None:
    """``["text=body"]`` → ``{"text": "body"}``; UsageError on a malformed pair or an
    unknown field.

    >>> parse_fields(["text=body", "source = outlet"])
    {'text': 'body', 'source': 'outlet'}
    """
    from toolkit.corpus.fields import FIELDS

    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, key = pair.partition("=")
        name, key = name.strip(), key.strip()
        if not sep or not name or not key:
            raise UsageError(f"--field {pair!r} must look like FIELD=KEY, e.g. --field text=body")
        if name not in FIELDS:
            raise UsageError(f"--field {pair!r}: unknown field {name!r}; fields: {', '.join(FIELDS)}")
        if name in fields and fields[name] != key:
            raise UsageError(f"--field {name}= is given twice ({fields[name]!r} and {key!r})")
        fields[name] = key
    return fields or None


def corpus_options(args: argparse.Namespace) -> dict[str, Any]:
    """``fields=``, ``dayfirst=`` (and ``errors=``) for :func:`toolkit.corpus.load_corpus`."""
    options: dict[str, Any] = {"fields": parse_fields(args.field), "dayfirst": args.dayfirst}
    if hasattr(args, "errors"):
        options["errors"] = args.errors
    return options


def check_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Every corpus PATH must exist: the absolute paths (so that messages about the files
    name them in full), or UsageError naming the missing one."""
    out = []
    for p in paths:
        path = absolute(p)
        if not path.exists():
            raise UsageError(f"PATH {str(path)!r} does not exist")
        out.append(path)
    return out


def absolute(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute against the current folder (``~`` expanded), so that messages
    and written paths say where a file is also under cron (whose folder is ``$HOME``).

    >>> absolute("/tmp/x/../brief").as_posix()
    '/tmp/brief'
    """
    return Path(os.path.abspath(Path(path).expanduser()))


def note_mapping(paths: Sequence[str | os.PathLike[str]], fields: dict[str, str] | None,
                 command: str) -> dict[str, str]:
    """Say on stderr which input keys fill which document fields when they are not named
    after them (``outlet`` read as ``source``), so a column is never renamed silently;
    returns that mapping (``{"source": "outlet"}``)."""
    from toolkit.corpus import CorpusError
    from toolkit.corpus.load import mapped_fields

    try:
        mapping = mapped_fields(list(paths), fields)
    except (CorpusError, OSError, ValueError):  # the load itself reports the problem
        return {}
    if mapping:
        shown = ", ".join(f"{key!r} as {name}" for name, key in mapping.items())
        print(f"antk {command}: reading {shown}", file=sys.stderr)
    return mapping


def by_column(by: str | None, mapping: dict[str, str]) -> str | None:
    """``--by outlet`` when ``outlet`` was read as ``source`` → ``source``.

    >>> by_column("outlet", {"source": "outlet"})
    'source'
    """
    if by is None:
        return None
    for name, key in mapping.items():
        if by.casefold() == key.casefold():
            return name
    return by


def corpus_hint(message: str) -> str:
    """A corpus error as the command line should say it: ``--field text=KEY`` rather than
    Python's ``fields={'text': ...}``."""
    return (message.replace("(map one with fields={'text': ...})",
                            "(name it with --field text=KEY)")
            .replace("dayfirst=True (--dayfirst)", "--dayfirst"))
