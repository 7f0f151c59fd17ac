"""Readers: files, folders and zip archives → raw records ``(file, line, dict)``.

Formats (by extension): JSON Lines (``.jsonl``, ``.ndjson``), JSON (``.json``: an array of
objects, as SaudiNewsNet ships, or JSON Lines), CSV (``.csv``, its delimiter ``,`` ``;`` tab or ``|``
detected; ``.tsv`` for tabs), Parquet
(``.parquet``),
plain text (``.txt``: one document per file) and zip archives (``.zip``) of any of these.
In folders and archives, files of other extensions are ignored, as are hidden files.

A ``.txt`` document takes its metadata from a sidecar in its folder (``metadata.jsonl``,
``metadata.json`` or ``metadata.csv``, one record per text file, matched on a ``file`` column
holding the file name), else from the file name: the name without extension is the
``doc_id`` and a ``YYYY-MM-DD`` inside it is the date.

Problems are not raised here: they come out as records carrying a :class:`CorpusError`,
so that the loader decides between raising and skipping.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.corpus.encoding import decode
from toolkit.corpus.errors import CorpusEncodingError, CorpusError
from toolkit.corpus.fields import DEFAULT_FIELDS

JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (*JSONL_SUFFIXES, ".json", ".csv", ".tsv", ".parquet", ".txt", ".zip")
SIDECARS = ("metadata.jsonl", "metadata.json", "metadata.csv")
MAX_MEMBER_BYTES = 2**31  # largest zip member read (SaudiNewsNet's largest is 12.6 MB)
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_WS = re.compile(r"\s*")
csv.field_size_limit(2**31 - 1)  # long articles; text length is checked by the loader


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record (``data``) or one problem (``error``) at ``file``/``line``."""

    file: str
    line: int | None
    data: dict[str, Any] | None = None
    error: CorpusError | None = None


@dataclass(frozen=True)
class _Entry:
    name: str  # shown in messages: "a/b.json" or "x.zip!2015-07-21.json"
    suffix: str
    read: Callable[[], bytes]
    folder: str  # the folder (on disk or inside an archive) that holds it


def read_records(paths: Iterable[str | Path]) -> Iterator[RawRecord]:
    """Every raw record of ``paths`` (files, folders, zip archives), in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            entries = [_file_entry(p) for p in files if p.suffix.lower() in SUFFIXES]
            if not entries:
                yield _bad(str(path), None, f"no corpus file in this folder (looked for "
                           f"{', '.join(SUFFIXES)})")
            yield from _read_entries(entries)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise ValueError(
                    f"path={str(path)!r} has an unsupported extension {path.suffix!r}; "
                    f"accepted: {', '.join(SUFFIXES)} or a folder"
                )
            yield from _read_entries([_file_entry(path)], explicit=True)
        else:
            raise FileNotFoundError(f"path={str(path)!r} does not exist")


def _file_entry(path: Path) -> _Entry:
    return _Entry(str(path), path.suffix.lower(), path.read_bytes, str(path.parent))


def _read_entries(entries: list[_Entry], explicit: bool = False) -> Iterator[RawRecord]:
    sidecars: dict[str, _Entry] = {}
    folders_with_txt = {e.folder for e in entries if e.suffix == ".txt"}
    for entry in entries:
        base = entry.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
        if not explicit and base.lower() in SIDECARS and entry.folder in folders_with_txt:
            sidecars.setdefault(entry.folder, entry)
    metadata_cache: dict[str, dict[str, dict[str, Any]] | CorpusError] = {}
    for entry in entries:
        if sidecars.get(entry.folder) is entry:
            continue
        if entry.suffix == ".txt":
            meta = metadata_cache.get(entry.folder)
            if meta is None:
                meta = _load_sidecar(sidecars.get(entry.folder))
                metadata_cache[entry.folder] = meta
            if isinstance(meta, CorpusError):
                yield RawRecord(meta.file, meta.line, error=meta)
                continue
            yield from _read_txt(entry, meta)
        elif entry.suffix == ".zip":
            yield from _read_zip(entry)
        else:
            yield from _read_structured(entry)


def _bytes(entry: _Entry) -> bytes | CorpusError:
    try:
        data = entry.read()
    except OSError as exc:
        return CorpusError(entry.name, None, f"cannot read: {exc}")
    if not data.strip():
        return CorpusError(entry.name, None, f"file is empty ({len(data)} bytes)")
    return data


def _text(entry: _Entry) -> str | CorpusError:
    data = _bytes(entry)
    if isinstance(data, CorpusError):
        return data
    try:
        return decode(data, entry.name)
    except CorpusEncodingError as exc:
        return exc


def _read_structured(entry: _Entry) -> Iterator[RawRecord]:
    if entry.suffix == ".parquet":
        yield from _read_parquet(entry)
        return
    text = _text(entry)
    if isinstance(text, CorpusError):
        yield RawRecord(entry.name, text.line, error=text)
        return
    if entry.suffix in (".csv", ".tsv"):
        yield from _read_csv(entry.name, text, "\t" if entry.suffix == ".tsv" else sniff_delimiter(text))
    elif entry.suffix == ".json" and text.lstrip().startswith("["):
        yield from _read_json_array(entry.name, text)
    else:
        yield from _read_jsonl(entry.name, text)


def _bad(file: str, line: int | None, reason: str) -> RawRecord:
    return RawRecord(file, line, error=CorpusError(file, line, reason))


def _read_jsonl(name: str, text: str) -> Iterator[RawRecord]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad(name, number, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield _bad(name, number, f"expected a JSON object, got {type(data).__name__}")
            continue
        yield RawRecord(name, number, data)


def _read_json_array(name: str, text: str) -> Iterator[RawRecord]:
    decoder = json.JSONDecoder()
    pos = _WS.match(text, 0).end() + 1  # just after "["
    line, counted = 1, 0
    index = 0

    def line_at(at: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, at)
        counted = at
        return line

    while True:
        pos = _WS.match(text, pos).end()
        if pos >= len(text):
            yield _bad(name, line_at(pos),
                       f"JSON array is cut off after {index} records (no closing ']')")
            return
        if text[pos] == "]" and index == 0:
            pos += 1
            break
        try:
            data, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            at = line_at(pos)
            cut = "" if text.rstrip().endswith("]") else "; the file ends without ']': it is cut off"
            yield _bad(name, at, f"invalid JSON in record {index + 1} ({exc.msg}, line "
                       f"{exc.lineno}){cut}; the rest of the file is not read")
            return
        index += 1
        if isinstance(data, dict):
            yield RawRecord(name, line_at(pos), data)
        else:
            yield _bad(name, line_at(pos), f"expected a JSON object, got {type(data).__name__}")
        pos = _WS.match(text, end).end()
        if pos < len(text) and text[pos] == ",":
            pos += 1
        elif pos < len(text) and text[pos] == "]":
            pos += 1
            break
        elif pos >= len(text):
            yield _bad(name, line_at(pos),
                       f"JSON array is cut off after {index} records (no closing ']')")
            return
        else:
            yield _bad(name, line_at(pos), f"expected ',' or ']' after record {index}, "
                       f"found {text[pos]!r}; the rest of the file is not read")
            return
    if text[pos:].strip():
        yield _bad(name, line_at(pos), "unexpected content after the JSON array")


#: the delimiters a ``.csv`` may use, in order of preference on a tie
DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(text: str, rows: int = 20) -> str:
    r"""The delimiter of a CSV text among ``,`` ``;`` tab ``|`` (``,`` when none fits better).

    Each candidate parses the header and up to ``rows`` records (quotes respected); the
    winner splits the header into the most columns while every record has as many fields
    (Arabic prose uses ``،``, and commas inside quoted texts do not count).

    >>> sniff_delimiter("النص;التاريخ\n«قال، ثم مضى»;21/07/2015\n")
    ';'
    """
    sample = text[: 1 << 16]
    best, best_score = ",", (False, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
            widths = [len(row) for row in itertools.islice(reader, rows) if any(row)]
        except (csv.Error, StopIteration):
            continue
        if len(sample) == len(text) or not widths:
            whole = widths
        else:  # the sample may cut the last record: judge on the complete ones
            whole = widths[:-1]
        score = (all(w == len(header) for w in whole), len(header))
        if len(header) > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(name: str, text: str, delimiter: str = ",") -> Iterator[RawRecord]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield _bad(name, 1, "CSV file has no header")
        return
    except csv.Error as exc:
        yield _bad(name, 1, f"invalid CSV header: {exc}")
        return
    header = [h.strip() for h in header]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    previous = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _bad(name, previous + 1, f"invalid CSV: {exc}; the rest of the file is not read")
            return
        start, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield _bad(name, start, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        yield RawRecord(name, start, {k: (v if v != "" else None) for k, v in zip(header, row, strict=True)})


def _read_parquet(entry: _Entry) -> Iterator[RawRecord]:
    import pyarrow.parquet as pq

    data = _bytes(entry)
    if isinstance(data, CorpusError):
        yield RawRecord(entry.name, None, error=data)
        return
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for a damaged file
        yield _bad(entry.name, None, f"not a readable Parquet file: {exc}")
        return
    for number, row in enumerate(table.to_pylist(), start=1):
        yield RawRecord(entry.name, number, row)


def _read_txt(entry: _Entry, metadata: dict[str, dict[str, Any]]) -> Iterator[RawRecord]:
    text = _text(entry)
    if isinstance(text, CorpusError):
        yield RawRecord(entry.name, text.line, error=text)
        return
    base = entry.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    stem = base.rsplit(".", 1)[0]
    row = metadata.get(base) or metadata.get(stem)
    if row is not None:  # the sidecar rules; the file name is the id only if it gives none
        record: dict[str, Any] = {"file": base, **row}
        if not {str(k).strip().casefold() for k in row} & set(DEFAULT_FIELDS["doc_id"]):
            record["doc_id"] = stem
    else:
        record = {"doc_id": stem}
        found = _DATE_IN_NAME.search(stem)
        if found:
            record["date"] = found[1]
    record["text"] = text
    yield RawRecord(entry.name, 1, record)


def _load_sidecar(entry: _Entry | None) -> dict[str, dict[str, Any]] | CorpusError:
    if entry is None:
        return {}
    table: dict[str, dict[str, Any]] = {}
    for raw in _read_structured(entry):
        if raw.error is not None:
            return raw.error
        row = dict(raw.data or {})
        key = row.pop("file", None) or row.pop("filename", None)
        if not key:
            return CorpusError(entry.name, raw.line, "sidecar record has no 'file' naming its .txt")
        table[str(key)] = row
    return table


def _read_zip(entry: _Entry) -> Iterator[RawRecord]:
    data = _bytes(entry)
    if isinstance(data, CorpusError):
        yield RawRecord(entry.name, None, error=data)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        yield _bad(entry.name, None, f"not a readable zip archive: {exc}")
        return
    members = []
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        member = PurePosixPath(info.filename)
        if info.is_dir() or any(p.startswith((".", "__MACOSX")) for p in member.parts):
            continue
        if member.suffix.lower() not in SUFFIXES:
            continue
        if info.file_size > MAX_MEMBER_BYTES:  # a zip bomb, or not a news corpus
            yield _bad(f"{entry.name}!{info.filename}", None, f"member unpacks to "
                       f"{info.file_size:,} bytes, above {MAX_MEMBER_BYTES:,}; not read")
            continue
        members.append(_Entry(
            f"{entry.name}!{info.filename}", member.suffix.lower(),
            _member_reader(archive, info, entry.name), f"{entry.name}!{member.parent}",
        ))
    yield from _read_entries(members)


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str):
    def read() -> bytes:
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, RuntimeError, EOFError) as exc:
            raise OSError(f"damaged member {info.filename!r} of {name}: {exc}") from exc

    return read
