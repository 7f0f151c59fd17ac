"""``antk actors``: who is mentioned in a corpus; ``antk actors lint FILE``; ``antk actors discover``.

Forms::

    antk actors PATH... [--actors FILE] [--by source|week|...] [--level actor|group|type]
                        [--table counts|mentions|co-mentions] [--format csv|json] [--out FILE]
    antk actors lint FILE...        problems of an actor dictionary (exit 1 if any but shadowing and collisions)
    antk actors discover PATH...    candidate actors missing from the dictionary

``lint`` and ``discover`` have their own parsers (:data:`FORMS`, dispatched by
:func:`toolkit.cli.main`), so their ``--help`` is their own. A corpus file literally called
``lint`` or ``discover`` can be given as ``./lint``.
"""

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

FORMATS = ("csv", "json")
TABLES = ("counts", "mentions", "co-mentions")


def register(subparsers) -> None:
    """Add the ``actors`` sub-command."""
    p = subparsers.add_parser(
        "actors",
        help="actor mentions: counts by source/week, co-mentions; 'lint' and 'discover'",
        description=(
            "Find actor mentions (clitic-aware: وحفتر، لفرنسا، بالأمم المتحدة) with a YAML "
            "dictionary (default: the Libya dictionary shipped with the toolkit) and print a "
            "table. 'antk actors lint FILE' checks a dictionary; 'antk actors discover PATH' "
            "lists candidate actors the dictionary lacks."
        ),
        epilog="exit codes: 0 ok, 1 analysis failure (or lint problems), 2 bad usage or input",
    )
    p.add_argument(
        "path", nargs="+", metavar="PATH",
        help="corpus file(s)/folder(s); or 'lint FILE...'; or 'discover PATH...'",
    )
    p.add_argument("--actors", default=None, metavar="FILE", help="actor dictionary (YAML)")
    p.add_argument("--by", default=None, help="break counts down by source, week, day or a corpus column")
    p.add_argument("--level", default="actor", choices=("actor", "group", "type"))
    p.add_argument("--table", default="counts", choices=TABLES, help="what to print")
    p.add_argument("--window", default="sentence", choices=("sentence", "document"),
                   help="co-mention window (with --table co-mentions)")
    p.add_argument("--gexf", default=None, metavar="FILE",
                   help="also write the co-mention network as GEXF (for Gephi)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--out", default=None, metavar="FILE", help="write here (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_corpus_options(p)
    add_dask_option(p, "find mentions")
    p.set_defaults(func=run)


def register_lint(subparsers) -> None:
    """``antk actors lint``: its own parser, so that ``antk actors lint --help`` is specific."""
    p = subparsers.add_parser(
        "actors lint",
        description="Check actor dictionaries (YAML): aliases that collide with function "
        "words or common nouns, one form claimed by two actors, overlapping roles, bad dates. "
        "Prints one row per problem (columns file, actor, field, kind, problem).",
        epilog="exit codes: 0 no problem but shadowing, 1 problems found, 2 bad usage or an "
        "unreadable dictionary",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="actor dictionary (YAML)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--out", default=None, metavar="FILE", help="write here (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.set_defaults(func=_lint, command="actors lint")


def register_discover(subparsers) -> None:
    """``antk actors discover``: its own parser and help."""
    p = subparsers.add_parser(
        "actors discover",
        description="List candidate actors that the dictionary lacks: frequent names next to "
        "titles and reporting verbs in the corpus, with counts and examples, for a person to "
        "review before adding them to a dictionary.",
        epilog="exit codes: 0 ok, 2 bad usage or input",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="corpus file(s) or folder(s)")
    p.add_argument("--actors", default=None, metavar="FILE",
                   help="actor dictionary (YAML) whose actors are already known")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--out", default=None, metavar="FILE", help="write here (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    add_corpus_options(p)
    p.set_defaults(func=_discover, command="actors discover")


#: ``antk actors lint ...`` and ``antk actors discover ...`` are parsed by these
FORMS = {"lint": register_lint, "discover": register_discover}


def _usage(msg: str):
    from toolkit.cli import UsageError

    return UsageError(msg)


def _load_actors(path: str | None):
    from toolkit.actors import ActorsError, load_actors, load_default_actors

    if path is None:
        return load_default_actors()
    try:
        return load_actors(path)
    except (ActorsError, FileNotFoundError) as exc:
        raise _usage(f"--actors: {exc}") from None


def _load_corpus(paths: list[str], args: argparse.Namespace, command: str = "actors"):
    from toolkit.corpus import CorpusError, load_corpus

    if not paths:
        raise _usage("give at least one corpus PATH")
    found = check_paths(paths)
    options = corpus_options(args)
    mapping = note_mapping(found, options["fields"], command)
    from toolkit.cli.reading import Reading

    reading = Reading(command)
    with reading:
        try:
            corpus = load_corpus(found, **options)
        except (CorpusError, ValueError, UnicodeDecodeError) as exc:
            raise _usage(f"cannot read the corpus: {corpus_hint(str(exc))}") from None
    reading.skipped = list(corpus.skipped.itertuples(index=False, name=None))
    reading.report(documents=len(corpus))
    return corpus, mapping


def _write(table: pd.DataFrame, args: argparse.Namespace) -> None:
    if args.format == "json":
        text = table.to_json(orient="records", force_ascii=False, date_format="iso") + "\n"
    else:
        text = table.to_csv(index=False)
    if not args.out:
        sys.stdout.write(text)
        return
    out = absolute(args.out)
    if out.exists() and not args.force:
        raise _usage(f"--out {str(out)!r} exists; add --force to overwrite it")
    if not out.parent.is_dir():
        raise _usage(f"--out {str(out)!r}: folder {str(out.parent)!r} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    """Dispatch on the first PATH: ``lint``, ``discover`` or a corpus."""
    if args.path[0] in FORMS:  # reached through build_parser only if called directly
        raise _usage(f"antk actors {args.path[0]} has its own options: "
                     f"antk actors {args.path[0]} --help")
    from toolkit.actors import (
        co_mention_graph,
        co_mentions,
        find_mentions,
        mention_counts,
        write_gexf,
    )

    if args.gexf and Path(args.gexf).exists() and not args.force:
        raise _usage(f"--gexf {args.gexf!r} exists; add --force to overwrite it")
    if args.gexf and not Path(args.gexf).parent.is_dir():
        raise _usage(f"--gexf {args.gexf!r}: its folder does not exist")
    actors = _load_actors(args.actors)
    if args.dask and args.dayfirst:
        raise _usage("--dayfirst is not available with --dask yet; drop --dask")
    corpus, mapping = _load_corpus(args.path, args)
    if args.dask:  # the same mention table, found on Dask (the engine behind client=)
        from toolkit.scale import cli_client
        from toolkit.scale.functions import find_mentions as on_dask

        def progress(done: int, total: int, label: str) -> None:
            print(f"antk: partition {done}/{total} {label}", file=sys.stderr)

        with cli_client(args.dask) as client:
            mentions = on_dask(corpus, actors, client=client, progress=progress)
    else:
        mentions = find_mentions(corpus, actors)
    if args.table == "mentions":
        table = mentions
        if args.by:
            raise _usage("--by applies to --table counts")
    elif args.table == "co-mentions":
        table = co_mentions(mentions, window=args.window)
    else:
        try:
            table = mention_counts(mentions, by=by_column(args.by, mapping), level=args.level,
                                   corpus=corpus, actors=actors)
        except ValueError as exc:
            raise _usage(f"--by {args.by!r}: {exc}") from None
        by = by_column(args.by, mapping)
        if by != args.by and by in table:  # --by outlet: the column keeps the input's name
            table = table.rename(columns={by: args.by})
    _write(table, args)
    if args.gexf:
        graph = co_mention_graph(co_mentions(mentions, window=args.window), mentions, actors)
        write_gexf(graph, args.gexf)
    return 0


def _lint(args: argparse.Namespace) -> int:
    from toolkit.actors import ActorsError, lint_actors

    files = args.files
    frames = []
    for f in files:
        try:
            problems = lint_actors(f)
        except (ActorsError, FileNotFoundError) as exc:
            raise _usage(str(exc)) from None
        frames.append(problems.assign(file=f))
    table = pd.concat(frames, ignore_index=True)[["file", "actor", "field", "kind", "problem"]]
    _write(table, args)
    # shadowing is often deliberate; a collision is a warning (the matcher asks for evidence)
    serious = table[~table["kind"].isin(["shadowed", "collision"])]
    print(
        f"antk actors lint: {len(table)} problem(s), {len(serious)} not shadowing or collisions",
        file=sys.stderr,
    )
    return 1 if len(serious) else 0


def _discover(args: argparse.Namespace) -> int:
    try:
        from toolkit.actors.discover import discover_actors
    except ImportError as exc:  # pragma: no cover - the module ships with the toolkit
        print(f"antk actors discover: not available ({exc})", file=sys.stderr)
        return 1
    actors = _load_actors(args.actors)
    corpus, _ = _load_corpus(args.paths, args, "actors discover")
    _write(discover_actors(corpus, actors), args)
    return 0
