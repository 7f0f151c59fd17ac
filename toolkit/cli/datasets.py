"""``antk datasets``: download public corpora, verify their checksums, ingest them."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from toolkit.cli import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``datasets`` sub-command (``get``, ``list``)."""
    parser = subparsers.add_parser(
        "datasets", help="download, verify and ingest public corpora",
        description="Download a public corpus, verify it against checksums kept in the "
        "package, and ingest it into a SQLite store.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = sub.add_parser("get", help="download, verify and ingest a dataset",
                         description="Download NAME's files into --dest, verify each SHA-256 "
                         "(a mismatch is refused and nothing partial is kept), print the "
                         "licence, then ingest into --store.")
    get.add_argument("name", metavar="NAME", help="dataset name (see `antk datasets list`)")
    get.add_argument("--dest", metavar="DIR", help="download folder (default: $ANTK_DATA/NAME "
                     "or ~/.local/share/antk/datasets/NAME)")
    get.add_argument("--url", metavar="BASE", help="base address of the files (http(s):// or "
                     "file://), default: the dataset's public repository")
    get.add_argument("--store", metavar="FILE", help="SQLite store to ingest into "
                     "(default: DEST/NAME.sqlite)")
    get.add_argument("--no-ingest", action="store_true", help="download and verify only")
    get.set_defaults(func=run_get)
    listing = sub.add_parser("list", help="list the known datasets")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    """Print the known datasets."""
    from toolkit.corpus.datasets import DATASETS

    for dataset in DATASETS.values():
        print(f"{dataset.name}: {dataset.description}")
    return 0


def run_get(args: argparse.Namespace) -> int:
    """Download, verify and ingest ``args.name``; 0 ok, 1 failed download or checksum."""
    from tqdm import tqdm

    from toolkit.cli.ingest import analyse, print_warnings
    from toolkit.corpus import iter_documents
    from toolkit.corpus.datasets import (
        ChecksumError,
        DownloadError,
        default_dest,
        download,
        get_dataset,
    )
    from toolkit.corpus.store import Store

    try:
        dataset = get_dataset(args.name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    dest = Path(args.dest) if args.dest else default_dest(dataset.name)
    print(f"{dataset.name}: {dataset.description}")
    print(f"Licence: {dataset.licence}")
    print(f"Cite: {dataset.citation}")
    bars: dict[str, tqdm] = {}

    def progress(name: str, done: int, total: int | None) -> None:
        bar = bars.get(name)
        if bar is None:
            for previous in bars.values():  # one file at a time: one bar on screen
                previous.close()
            bar = bars[name] = tqdm(total=total, desc=name, unit="B", unit_scale=True,
                                    file=sys.stderr, leave=False, disable=None)
        bar.update(done - bar.n)

    try:
        files = download(dataset.name, dest, base_url=args.url, progress=progress)
    except ValueError as exc:
        if isinstance(exc, ChecksumError):
            print(f"antk datasets: {exc}", file=sys.stderr)
            return 1
        raise UsageError(str(exc)) from None
    except DownloadError as exc:
        print(f"antk datasets: {exc}", file=sys.stderr)
        return 1
    finally:
        for bar in bars.values():
            bar.close()
    fetched = sum(status == "downloaded" for _, status in files)
    print(f"{len(files)} files verified in {dest} ({fetched} downloaded, "
          f"{len(files) - fetched} already present)")
    if args.no_ingest:
        return 0
    store_path = Path(args.store) if args.store else dest / f"{dataset.name}.sqlite"
    try:
        store = Store(store_path)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    with store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = iter_documents([path for path, _ in files])
        bar = tqdm(docs, desc="ingest", unit="doc", file=sys.stderr, leave=False, disable=None)
        report = store.add(bar)
        bar.close()
        analysed = analyse(store, None, None)
    print_warnings(caught, "datasets")
    print(f"{store_path}: {report}; {analysed}")
    return 0
