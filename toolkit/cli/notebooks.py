"""``antk notebooks``: the notebooks that ship with the toolkit.

``antk notebooks list`` prints where they are; ``antk notebooks copy DIR`` writes editable
copies (the reports, and the tutorials in ``DIR/tutorials``) to open in JupyterLab. An
existing copy is kept unless ``--force``. Exit codes: 0 ok, 2 bad usage (an existing copy).
"""

from __future__ import annotations

import argparse

from toolkit.cli import EXIT_OK, UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``notebooks`` sub-command."""
    p = subparsers.add_parser(
        "notebooks",
        help="list the shipped notebooks, or copy them to edit",
        description="The toolkit's notebooks (weekly brief, actor profile, corpus overview, "
        "tutorials): list them, or copy them into a folder of yours to edit and run.",
        epilog="examples:\n  antk notebooks list\n  antk notebooks copy my-notebooks\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="print the path of every shipped notebook")
    copy = sub.add_parser("copy", help="copy the notebooks into DIR (editable copies)")
    copy.add_argument("dir", metavar="DIR", help="folder to copy into (made if missing)")
    copy.add_argument("--force", action="store_true", help="replace copies already there")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List or copy; print one path a line."""
    from toolkit.reports.notebooks import copy_notebooks, list_notebooks

    if args.action == "list":
        paths = list_notebooks()
    else:
        try:
            paths = [p.resolve() for p in copy_notebooks(args.dir, force=args.force)]
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
    for path in paths:
        print(path)
    return EXIT_OK
