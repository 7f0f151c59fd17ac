"""Loading: readers + validation + ids + duplicate flags → Documents or a Corpus."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from toolkit.corpus.encoding import decode
from toolkit.corpus.errors import CorpusError
from toolkit.corpus.fields import resolve_fields
from toolkit.corpus.hashing import content_hash, generated_id
from toolkit.corpus.model import Corpus, Document
from toolkit.corpus.readers import RawRecord, _read_jsonl, read_records
from toolkit.corpus.records import MAX_TEXT_CHARS, Validator

ERRORS = ("raise", "skip")
Fields = Mapping[str, str | Sequence[str]] | None


class SkippedRecordsWarning(UserWarning):
    """Some records were skipped (``errors="skip"``); the message gives the count."""


class _Assembler:
    """Gives every document a unique id and flags repeated texts, across one load."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}  # doc_id -> "file, line N" of its first record
        self.first_of_hash: dict[str, str] = {}

    def document(self, fields: dict[str, Any], extra: dict[str, Any], where: str) -> Document:
        chash = content_hash(fields["text"])
        doc_id = fields["doc_id"]
        if doc_id is None:
            doc_id = generated_id(fields["url"], chash)
            base, n = doc_id, 1
            while doc_id in self.ids:  # the same URL or text twice: keep both, ids distinct
                n += 1
                doc_id = f"{base}-{n}"
        elif doc_id in self.ids:
            raise ValueError(f"doc_id {doc_id!r} repeats the one at {self.ids[doc_id]}")
        self.ids[doc_id] = where
        duplicate_of = None
        if fields["text"].strip():  # empty texts (crawler failures) are not duplicates
            duplicate_of = self.first_of_hash.setdefault(chash, doc_id)
            if duplicate_of == doc_id:
                duplicate_of = None
        return Document(
            doc_id, fields["date"], fields["source"], fields["title"], fields["url"],
            fields["author"], fields["text"], extra, chash, duplicate_of,
        )


def _check_errors(errors: str) -> None:
    if errors not in ERRORS:
        raise ValueError(f"errors={errors!r} is not valid; accepted values: 'raise', 'skip'")


def _documents(
    raw_records: Iterable[RawRecord],
    fields: Fields,
    errors: str,
    skipped: list[tuple[str, int | None, str]] | None,
    max_chars: int,
    dayfirst: bool = False,
) -> Iterator[Document]:
    _check_errors(errors)
    validate = Validator(resolve_fields(fields), max_chars, dayfirst=dayfirst)
    assembler = _Assembler()
    log: list[tuple[str, int | None, str]] = [] if skipped is None else skipped
    start = len(log)
    for raw in raw_records:
        if raw.error is None:
            try:
                fields_, extra = validate(raw.data or {})
                where = raw.file if raw.line is None else f"{raw.file}, line {raw.line}"
                yield assembler.document(fields_, extra, where)
                continue
            except ValueError as exc:
                error = CorpusError(raw.file, raw.line, str(exc))
        else:
            error = raw.error
        if errors == "raise":
            raise error
        log.append((error.file, error.line, error.reason))
    count = len(log) - start
    if count:
        warnings.warn(
            f"skipped {count} bad record{'s' * (count != 1)} (see corpus.skipped: file, line, reason)",
            SkippedRecordsWarning, stacklevel=3,
        )


def _paths(path_or_paths: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(path_or_paths, (str, Path)):
        return [Path(path_or_paths)]
    paths = [Path(p) for p in path_or_paths]
    if not paths:
        raise ValueError("path_or_paths is empty; give a file, a folder or a list of them")
    return paths


def iter_documents(
    path_or_paths: str | Path | Iterable[str | Path],
    fields: Fields = None,
    errors: str = "raise",
    skipped: list[tuple[str, int | None, str]] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    dayfirst: bool = False,
    max_bytes: int | None = None,
) -> Iterator[Document]:
    """Stream the documents of files, folders or zip archives without building a frame.

    Same arguments as :func:`load_corpus`; with ``errors="skip"``, pass a list as
    ``skipped`` to collect ``(file, line, reason)`` tuples (one warning gives the count).

    Example::

        >>> for doc in iter_documents("libya.jsonl"):  # doctest: +SKIP
        ...     print(doc.doc_id, doc.title)
        sn-00005 الخارجية الإيطالية: أربعة من مواطنينا مخطوفون في ليبيا
    """
    paths = _paths(path_or_paths)
    return _documents(read_records(paths, max_bytes), fields, errors, skipped, max_chars,
                      dayfirst)


def load_corpus(
    path_or_paths: str | Path | Iterable[str | Path],
    fields: Fields = None,
    errors: str = "raise",
    max_chars: int = MAX_TEXT_CHARS,
    duplicates: str = "flag",
    dayfirst: bool = False,
    max_bytes: int | None = None,
) -> Corpus:
    """Read JSON Lines, JSON arrays, CSV, Parquet, folders of ``.txt`` and zips of these.

    ``fields`` overrides the field mapping (:mod:`toolkit.corpus.fields`), e.g.
    ``{"text": "body"}``. ``errors="raise"`` stops at the first bad record with a
    ``CorpusError`` naming file and line; ``errors="skip"`` leaves bad records out, warns once
    with the count and lists them in ``corpus.skipped`` (columns ``file, line, reason``).
    Texts with the same normalized content are flagged (``duplicate_of``) and kept, or
    left out with ``duplicates="drop"`` (the first copy stays). ``max_chars`` is the
    longest text accepted; ``max_bytes`` the largest file or zip member read (default
    256 MB or ``$ANTK_MAX_FILE_BYTES``; a larger one is refused before it is inflated).
    Every record read is a document or a row of ``corpus.skipped``. ``dayfirst=True`` reads
    ``dd/mm/yyyy`` dates (``21/07/2015``); ISO dates are read either way. A CSV's delimiter
    (``,`` ``;`` tab ``|``) is detected.

    Returns a :class:`Corpus`; ``corpus.frame`` has ``doc_id, date, source, title, url,
    author, text``, the extra metadata, ``content_hash`` and ``duplicate_of``.

    Example::

        >>> corpus = load_corpus("saudinewsnet/raw/2015-07-21.zip")  # doctest: +SKIP
        >>> corpus.frame.loc[0, ["source", "title"]].tolist()  # doctest: +SKIP
        ['aawsat', 'بريطانيا: أربعة محاور لاستراتيجية جديدة تتصدى للتطرف على مدى خمس سنوات']
    """
    if duplicates not in ("flag", "drop"):
        raise ValueError(f"duplicates={duplicates!r} is not valid; accepted values: 'flag', 'drop'")
    skipped: list[tuple[str, int | None, str]] = []
    paths = _paths(path_or_paths)
    docs = _documents(read_records(paths, max_bytes), fields, errors, skipped, max_chars,
                      dayfirst)
    if duplicates == "drop":
        docs = (doc for doc in docs if doc.duplicate_of is None)
    return Corpus.from_documents(docs, skipped)


def load_jsonl_range(
    path: str | Path,
    start: int,
    end: int,
    first_line: int = 1,
    fields: Fields = None,
    errors: str = "raise",
    max_chars: int = MAX_TEXT_CHARS,
) -> Corpus:
    """The documents of the bytes ``[start, end)`` of a JSON Lines file, as a Corpus.

    The range must be cut on line ends (``start`` at the beginning of line ``first_line``).
    Decoding, JSON parsing and validation are those of :func:`load_corpus`; errors and
    ``corpus.skipped`` name the file and the line number in the WHOLE file. This is how a
    large JSON Lines file is read in pieces (``toolkit.scale``'s partitions); ids and
    duplicate flags are assigned within the range.

    Example::

        >>> import os, tempfile
        >>> lines = ['{"text": "وصل حفتر إلى بنغازي"}', '{"text": "عاد السراج إلى طرابلس"}']
        >>> data = ("\\n".join(lines) + "\\n").encode("utf-8")
        >>> folder = tempfile.mkdtemp()
        >>> path = os.path.join(folder, "libya.jsonl")
        >>> _ = open(path, "wb").write(data)
        >>> second = data.index(b"\\n") + 1
        >>> load_jsonl_range(path, second, len(data), first_line=2).frame.text.tolist()
        ['عاد السراج إلى طرابلس']
        >>> load_jsonl_range(path, 0, second, fields={"text": "body"})
        Traceback (most recent call last):
        ...
        toolkit.corpus.errors.CorpusError: ...libya.jsonl, line 1: ...
    """
    if not 0 <= start <= end:
        raise ValueError(f"byte range [{start}, {end}) of {path} is not a range")
    if not isinstance(first_line, int) or first_line < 1:
        raise ValueError(f"first_line={first_line!r} must be an integer >= 1")
    _check_errors(errors)
    name = str(path)
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    offset = first_line - 1

    def raws() -> Iterator[RawRecord]:
        try:
            text = decode(data, name)
        except CorpusError as exc:
            yield RawRecord(name, exc.line, error=exc)
            return
        for r in _read_jsonl(name, text):
            line = None if r.line is None else r.line + offset
            err = r.error if r.error is None else CorpusError(name, line, r.error.reason)
            yield RawRecord(name, line, r.data, err)

    skipped: list[tuple[str, int | None, str]] = []
    return Corpus.from_documents(_documents(raws(), fields, errors, skipped, max_chars), skipped)


def documents_from_records(
    records: Iterable[Mapping[str, Any]],
    fields: Fields = None,
    errors: str = "raise",
    skipped: list[tuple[str, int | None, str]] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Iterator[Document]:
    """Validate in-memory records (file ``<records>``, line = 1-based record number)."""

    def raw() -> Iterator[RawRecord]:
        for number, record in enumerate(records, start=1):
            if isinstance(record, Mapping):
                yield RawRecord("<records>", number, dict(record))
            else:
                reason = f"expected a mapping, got {type(record).__name__}"
                yield RawRecord("<records>", number, error=CorpusError("<records>", number, reason))

    return _documents(raw(), fields, errors, skipped, max_chars)


def mapped_fields(
    path_or_paths: str | Path | Iterable[str | Path], fields: Fields = None
) -> dict[str, str]:
    """Which input key fills each document field, read from the first good record:
    ``{"text": "body", "source": "outlet"}`` (only fields found under another name).

    A key such as ``outlet`` becomes the ``source`` column of the corpus; the command line
    says so rather than renaming it silently.

    Example::

        >>> mapped_fields("export.csv")  # doctest: +SKIP
        {'text': 'body', 'date': 'published', 'source': 'outlet', 'title': 'headline'}
    """
    mapping = resolve_fields(fields)
    for raw in read_records(_paths(path_or_paths)):
        if raw.error is not None or not raw.data:
            continue
        folded = {str(k).strip().casefold(): str(k).strip() for k in raw.data}
        found = {}
        for name, candidates in mapping.items():
            key = next((folded[c] for c in candidates if c in folded), None)
            if key is not None and key != name:
                found[name] = key
        return found
    return {}
