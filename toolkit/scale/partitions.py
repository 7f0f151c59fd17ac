"""Partitions: small descriptions of a slice of a corpus that a worker turns into a Corpus.

A partition travels to a worker as a few hundred bytes (a path, a byte range, a store
query) and is read there, so the client never holds the corpus; only a
:class:`CorpusPartition` (a slice of a Corpus already in memory) carries its documents.

- :class:`FilePartition` — one file, zip archive or folder, read with
  ``toolkit.corpus.load_corpus`` (one per SaudiNewsNet daily zip);
- :class:`JsonlChunk` — a run of lines of a JSON Lines file (a byte range cut on line ends),
  for files larger than one partition;
- :class:`StorePartition` — one ISO week (or the undated documents) of a
  ``toolkit.corpus.store.Store``;
- :class:`CorpusPartition` — rows of a Corpus.

:func:`make_partitions` builds the list for whatever the caller holds, in the order the
serial reader would produce the documents.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from toolkit.corpus import Corpus, load_corpus, load_jsonl_range
from toolkit.corpus.store import Store
from toolkit.text import Analysis
from toolkit.text.analysis import text_doc_ids

#: documents per partition when a JSON Lines file or a Corpus is cut
PARTITION_SIZE = 2000
#: corpus file extensions (those ``toolkit.corpus`` reads)
SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".parquet", ".txt", ".zip")
_ERRORS = ("raise", "skip")


class Partition:
    """A slice of a corpus: ``label`` names it in messages; ``corpus()`` reads it (on a worker)."""

    label: str

    def corpus(self) -> Corpus:  # pragma: no cover - interface
        raise NotImplementedError


def _load_quietly(path_or_paths: Any, fields: Any, errors: str) -> Corpus:
    # the skipped records travel back in corpus.skipped; the client warns once with the total
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(path_or_paths, fields=fields, errors=errors)


@dataclass(frozen=True)
class FilePartition(Partition):
    """One file, zip archive or folder of a corpus.

    >>> FilePartition("raw/2015-07-21.zip").label
    '2015-07-21.zip'
    """

    path: str
    fields: Any = None
    errors: str = "raise"

    @property
    def label(self) -> str:
        return Path(self.path).name

    def corpus(self) -> Corpus:
        return _load_quietly(self.path, self.fields, self.errors)


@dataclass(frozen=True)
class JsonlChunk(Partition):
    """Lines ``first_line``… of a JSON Lines file, the bytes ``[start, end)`` (cut on line ends).

    Errors name the file and the line number in the whole file.

    >>> JsonlChunk("libya.jsonl", 0, 1000, 1).label
    'libya.jsonl:1'
    """

    path: str
    start: int
    end: int
    first_line: int
    fields: Any = None
    errors: str = "raise"

    @property
    def label(self) -> str:
        return f"{Path(self.path).name}:{self.first_line}"

    def corpus(self) -> Corpus:
        # the same decoding, JSON parsing and validation as load_corpus, on one byte range
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_jsonl_range(
                self.path, self.start, self.end, self.first_line, self.fields, self.errors
            )


@dataclass(frozen=True)
class StorePartition(Partition):
    """One ISO week of a SQLite store (``week=None, undated=True``: the undated documents).

    >>> StorePartition("news.sqlite", "2015-W31").label
    'news.sqlite@2015-W31'
    """

    path: str
    week: str | None
    undated: bool = False
    sources: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        return f"{Path(self.path).name}@{'undated' if self.undated else self.week}"

    def corpus(self) -> Corpus:
        if not Path(self.path).is_file():  # Store() would create an empty one
            raise FileNotFoundError(f"store {self.path!r} does not exist on this worker")
        with Store(self.path) as store:
            if self.undated:
                docs = (d for d in store.iter_documents(sources=self.sources) if d.date is None)
                return Corpus.from_documents(docs)
            return store.read(week=self.week, sources=self.sources)


@dataclass(frozen=True)
class CorpusPartition(Partition):
    """Rows ``start``… of a Corpus already in memory (the rows travel with the task)."""

    part: Corpus
    start: int

    @property
    def label(self) -> str:
        return f"documents {self.start}–{self.start + len(self.part) - 1}"

    def corpus(self) -> Corpus:
        return self.part


# --------------------------------------------------------------------------- planning


def jsonl_chunks(
    path: str | Path,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
) -> list[JsonlChunk]:
    """Cut a JSON Lines file into chunks of ``partition_size`` lines (scans it once, in blocks).

    >>> [c.first_line for c in jsonl_chunks("libya.jsonl", 200)]  # doctest: +SKIP
    [1, 201, 401]
    """
    path = str(path)
    chunks: list[JsonlChunk] = []
    start, first, line, pos = 0, 1, 1, 0
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            at = 0
            while True:
                nl = block.find(b"\n", at)
                if nl < 0:
                    break
                line += 1
                at = nl + 1
                if line - first == partition_size:
                    end = pos + at
                    chunks.append(JsonlChunk(path, start, end, first, fields, errors))
                    start, first = end, line
            pos += len(block)
    if pos > start:
        chunks.append(JsonlChunk(path, start, pos, first, fields, errors))
    return chunks


def _file_partitions(path: Path, partition_size: int, fields: Any, errors: str) -> list[Partition]:
    if not path.exists():
        raise FileNotFoundError(f"path={str(path)!r} does not exist")
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.suffix.lower() in SUFFIXES
        )
        if not files or any(p.suffix.lower() == ".txt" for p in files):
            # text folders share sidecar metadata: one partition reads the whole folder
            return [FilePartition(str(path), fields, errors)]
        out: list[Partition] = []
        for p in files:
            out.extend(_file_partitions(p, partition_size, fields, errors))
        return out
    if path.suffix.lower() not in SUFFIXES:
        raise ValueError(
            f"path={str(path)!r} has an unsupported extension {path.suffix!r}; "
            f"accepted: {', '.join(SUFFIXES)} or a folder"
        )
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return list(jsonl_chunks(path, partition_size, fields, errors))
    return [FilePartition(str(path), fields, errors)]


def store_partitions(
    store: Store | str | Path, sources: Sequence[str] | None = None
) -> list[StorePartition]:
    """One partition per ISO week of a store, undated documents first (the store's order)."""
    path = str(store.path if isinstance(store, Store) else store)
    if isinstance(store, Store):
        weeks = store.weeks()
    else:
        with Store(path) as s:
            weeks = s.weeks()
    srcs = None if sources is None else tuple([sources] if isinstance(sources, str) else sources)
    labels = weeks["week"].tolist()
    out = [StorePartition(path, None, True, srcs)] if any(w is None for w in labels) else []
    out += [
        StorePartition(path, w, False, srcs) for w in sorted(w for w in labels if w is not None)
    ]
    return out


def _texts_corpus(texts: list[str]) -> Corpus:
    """Plain texts as a Corpus, numbered by position (``toolkit.text.analysis.text_doc_ids``)."""
    import pandas as pd

    frame = pd.DataFrame({"doc_id": text_doc_ids(len(texts)), "text": texts})
    return Corpus.from_frame(frame)


def make_partitions(
    source: Any,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
) -> list[Partition]:
    """The partitions of ``source``, in the order the serial reader yields its documents.

    ``source``: a Corpus or an analysis (cut every ``partition_size`` rows), texts (a
    string or a list of strings: texts, as everywhere in the toolkit, numbered ``"0"``,
    ``"1"``, ...), a ``Store`` (one partition a week), a ``pathlib.Path`` (file, zip,
    folder) or a list of them (one partition per file, JSON Lines cut every
    ``partition_size`` lines), or a list of :class:`Partition` (used as given).
    ``fields`` and ``errors`` are those of ``toolkit.corpus.load_corpus``.

    >>> from pathlib import Path
    >>> [p.label for p in make_partitions([Path("raw/2015-07-21.zip"), Path("raw/2015-07-22.zip")])]  # doctest: +SKIP
    ['2015-07-21.zip', '2015-07-22.zip']
    >>> [len(p.corpus()) for p in make_partitions(["نص أول", "نص ثان", "ثالث"], partition_size=2)]
    [2, 1]
    """
    if (
        not isinstance(partition_size, int)
        or isinstance(partition_size, bool)
        or partition_size < 1
    ):
        raise ValueError(f"partition_size={partition_size!r} must be an integer >= 1")
    if errors not in _ERRORS:
        raise ValueError(f"errors={errors!r} is not valid; accepted values: 'raise', 'skip'")
    if isinstance(source, Partition):
        return [source]
    if isinstance(source, Analysis):  # its documents, analysed again on the workers
        frame = source.documents
        source = Corpus(frame) if "content_hash" in frame else Corpus.from_frame(frame)
    if isinstance(source, str) or (
        isinstance(source, (list, tuple)) and source and all(isinstance(x, str) for x in source)
    ):
        source = _texts_corpus([source] if isinstance(source, str) else list(source))
    if isinstance(source, Corpus):
        n = len(source)
        return [
            CorpusPartition(Corpus(source.frame.iloc[i : i + partition_size]), i)
            for i in range(0, n, partition_size)
        ]
    if isinstance(source, Store):
        return list(store_partitions(source))
    if isinstance(source, PathLike):
        return _file_partitions(Path(source), partition_size, fields, errors)
    if isinstance(source, Iterable):
        items = list(source)
        if not items:
            raise ValueError(
                "the corpus is an empty list: give a Corpus, a Store, paths or partitions"
            )
        if all(isinstance(x, Partition) for x in items):
            return items
        if all(isinstance(x, PathLike) for x in items):
            out: list[Partition] = []
            for x in items:
                out.extend(_file_partitions(Path(x), partition_size, fields, errors))
            return out
    raise TypeError(
        f"corpus_or_paths of type {type(source).__name__} is not accepted: give a "
        "toolkit.corpus.Corpus, an analysis, texts (str), a toolkit.corpus.store.Store, a "
        "pathlib.Path or list of them (files, zips, folders) or a list of "
        "toolkit.scale.partitions.Partition"
    )
