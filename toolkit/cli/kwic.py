"""``antk kwic``: every occurrence of a word, phrase or regex with its context."""

from __future__ import annotations

import argparse
import os
import sys

from toolkit.cli.options import add_corpus_options, check_paths, corpus_hint, corpus_options

FORMATS = ("text", "csv", "json")


def register(subparsers) -> None:
    """Add the ``kwic`` sub-command."""
    p = subparsers.add_parser(
        "kwic",
        help="keyword in context: a word, phrase or regex with the words around it",
        description=(
            "Find PATTERN in a corpus. A word or phrase is matched like the frequency "
            "counts (normalized, proclitics stripped: حفتر finds وحفتر); --regex runs a regular "
            "expression over the normalized text. Offsets index the original text."
        ),
        epilog="examples:\n"
        "  antk kwic news.jsonl حفتر --window 6 --limit 20\n"
        "  antk kwic export.csv \"وقف إطلاق النار\" --field text=body --format csv\n"
        "In a terminal the text format prints: doc_id, offset, left [match] right.\n"
        "exit codes: 0 ok (also with no match: a note says so), 2 bad usage or input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="PATH", help="corpus file or folder")
    p.add_argument("pattern", metavar="PATTERN", help="word, phrase or (with --regex) regex")
    p.add_argument("--window", type=int, default=8, metavar="N", help="words each side (default 8)")
    p.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    p.add_argument("--preset", default="search", help="normalization preset (default search)")
    p.add_argument("--clitics", default="strip", choices=("strip", "keep_article", "keep"))
    p.add_argument("--limit", type=int, default=None, metavar="N", help="show the first N matches")
    p.add_argument("--format", choices=FORMATS, default="text", help="text (default), csv or json")
    add_corpus_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the concordance; 0 ok (even with no match: a note says so), 2 bad usage."""
    from toolkit.cli import UsageError
    from toolkit.corpus import CorpusError, iter_documents
    from toolkit.frequency import kwic

    paths = check_paths([args.path])
    if args.limit is not None and args.limit < 1:
        raise UsageError(f"--limit {args.limit}: must be >= 1")
    from toolkit.cli.reading import Reading
    from toolkit.cli.terminal import printable

    reading = Reading("kwic")
    docs = reading.count(
        iter_documents(paths, **corpus_options(args), skipped=reading.skipped)
    )
    with reading:
        try:
            frame = kwic(docs, args.pattern, window=args.window, regex=args.regex,
                         preset=args.preset, clitics=args.clitics)
        except (CorpusError, ValueError, TypeError) as exc:
            raise UsageError(corpus_hint(str(exc))) from None
    reading.report()
    total = len(frame)
    if args.limit:
        frame = frame.head(args.limit)
    if frame.empty:
        print(f"antk kwic: {printable(frame.attrs.get('note', 'no match'))}", file=sys.stderr)
        return 0
    try:
        if args.format == "csv":
            frame.to_csv(sys.stdout, index=False)
        elif args.format == "json":
            sys.stdout.write(frame.to_json(orient="records", force_ascii=False, lines=True))
        else:
            for row in frame.itertuples(index=False):
                left = " ".join(row.left.split())
                right = " ".join(row.right.split())
                shown = printable(f"{left} [{row.match}] {right}")
                print(f"{printable(row.doc_id)}\t{row.start}\t{shown}")
        sys.stdout.flush()
    except BrokenPipeError:  # `antk kwic ... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    print(f"antk kwic: {total} match(es)", file=sys.stderr)
    return 0
