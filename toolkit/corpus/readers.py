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
so that the loader decides between raising and skipping. Every record read comes out once,
as data or as an error at its line: a CSV row with a runaway quote is an error at its row
(reading resumes on the next line), a CSV header naming a column twice makes each row an
error, a ``.json`` object wrapping a list of records (``{"articles": [...]}``) gives those
records, and CR-only line endings are line endings.

Encodings are settled per record (:mod:`toolkit.corpus.encoding`). A file (or a zip
member) larger than ``max_bytes`` (default :data:`MAX_FILE_BYTES`, or the environment
variable ``ANTK_MAX_FILE_BYTES``) is refused before it is read or inflated; a record nested
deeper than :data:`MAX_DEPTH` levels is refused.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.corpus.encoding import (
    LegacyEncodingWarning,
    decode,
    decode_records,
    resolve,
)
from toolkit.corpus.errors import CorpusEncodingError, CorpusError
from toolkit.corpus.fields import DEFAULT_FIELDS

JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (*JSONL_SUFFIXES, ".json", ".csv", ".tsv", ".parquet", ".txt", ".zip")
SIDECARS = ("metadata.jsonl", "metadata.json", "metadata.csv")
#: largest file or zip member read, in bytes (SaudiNewsNet's largest file is 12.6 MB); a
#: larger one is refused before it is read or inflated. ``ANTK_MAX_FILE_BYTES`` overrides it.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_MEMBER_BYTES = MAX_FILE_BYTES  # the name older code used
#: deepest nesting of objects and arrays accepted in one record
MAX_DEPTH = 32
_LINES = re.compile(r"\r\n|\r|\n")
_PHYSICAL_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
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
    size: int = 0  # bytes, as the file system or the archive declares them
    limit: int = MAX_FILE_BYTES


def max_file_bytes(max_bytes: int | None = None) -> int:
    """The size limit in force: ``max_bytes``, else ``$ANTK_MAX_FILE_BYTES``, else
    :data:`MAX_FILE_BYTES`; raises ``ValueError`` on a value that is not a positive integer.

    Example::

        >>> max_file_bytes(1_000_000)
        1000000
    """
    value: Any = max_bytes
    if value is None:
        value = os.environ.get("ANTK_MAX_FILE_BYTES") or MAX_FILE_BYTES
        try:
            value = int(value)
        except ValueError:
            raise ValueError(f"ANTK_MAX_FILE_BYTES={value!r} is not an integer") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_bytes={value!r} must be a positive integer")
    return value


def read_records(paths: Iterable[str | Path], max_bytes: int | None = None) -> Iterator[RawRecord]:
    """Every raw record of ``paths`` (files, folders, zip archives), in a stable order.

    A file or zip member above ``max_bytes`` (see :func:`max_file_bytes`) is one error
    record, refused before it is read.
    """
    limit = max_file_bytes(max_bytes)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            entries = [_file_entry(p, limit) for p in files if p.suffix.lower() in SUFFIXES]
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
            yield from _read_entries([_file_entry(path, limit)], explicit=True)
        else:
            raise FileNotFoundError(f"path={str(path)!r} does not exist")


def _file_entry(path: Path, limit: int = MAX_FILE_BYTES) -> _Entry:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return _Entry(str(path), path.suffix.lower(), path.read_bytes, str(path.parent), size, limit)


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


def _too_big(entry: _Entry, size: int) -> CorpusError:
    return CorpusError(entry.name, None, f"{'unpacks to' if '!' in entry.name else 'is'} "
                       f"{size:,} bytes, above the limit of {entry.limit:,} (max_bytes= or "
                       "ANTK_MAX_FILE_BYTES raises it); not read")


def _bytes(entry: _Entry) -> bytes | CorpusError:
    if entry.size > entry.limit:
        return _too_big(entry, entry.size)
    try:
        data = entry.read()
    except OSError as exc:
        return CorpusError(entry.name, None, f"cannot read: {exc}")
    if len(data) > entry.limit:  # grew since, or an archive that lied about the size
        return _too_big(entry, len(data))
    if not data.strip():
        return CorpusError(entry.name, None, f"file is empty ({len(data)} bytes)")
    return data


def _text(entry: _Entry) -> str | CorpusError:
    """The decoded text of ``entry`` as one record (a ``.txt`` document)."""
    data = _bytes(entry)
    if isinstance(data, CorpusError):
        return data
    try:
        return decode(data, entry.name)
    except CorpusEncodingError as exc:
        return exc


def _records_text(entry: _Entry) -> tuple[str, bool] | CorpusError:
    """The decoded text of a file of records (still to settle) and whether it is clean."""
    data = _bytes(entry)
    if isinstance(data, CorpusError):
        return data
    try:
        return decode_records(data, entry.name)
    except CorpusEncodingError as exc:
        return exc


def _read_structured(entry: _Entry) -> Iterator[RawRecord]:
    if entry.suffix == ".parquet":
        yield from _read_parquet(entry)
        return
    decoded = _records_text(entry)
    if isinstance(decoded, CorpusError):
        yield RawRecord(entry.name, decoded.line, error=decoded)
        return
    text, clean = decoded
    if entry.suffix in (".csv", ".tsv"):
        records = _read_csv(entry.name, text,
                            "	" if entry.suffix == ".tsv" else sniff_delimiter(text))
    elif entry.suffix == ".json" and text.lstrip().startswith(("[", "{")):
        records = _read_json(entry.name, text)
    else:
        records = _read_jsonl(entry.name, text)
    yield from _settled(entry.name, records, clean)


def _depth(value: Any) -> int:
    """How deeply objects and arrays nest in ``value`` (0 for a scalar), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((v, level + 1) for v in item if isinstance(v, (dict, list)))
    return deepest


def _settled(name: str, records: Iterable[RawRecord], clean: bool = False) -> Iterator[RawRecord]:
    """Records with their encoding settled and their depth checked; one warning per file
    for the records decoded as Windows-1256."""
    legacy: list[int | None] = []
    for raw in records:
        if raw.error is None:
            if _depth(raw.data) > MAX_DEPTH:
                raw = _bad(name, raw.line, f"record nests objects or arrays more than "
                           f"{MAX_DEPTH} levels deep; not read")
            else:
                try:
                    data, old = resolve(raw.data, name, raw.line, clean)
                except CorpusEncodingError as exc:
                    raw = RawRecord(name, raw.line, error=exc)
                else:
                    if old:
                        legacy.append(raw.line)
                        raw = RawRecord(name, raw.line, data)
        yield raw
    if legacy:
        lines = ", ".join(str(n) for n in legacy[:5]) + (", …" if len(legacy) > 5 else "")
        warnings.warn(f"{name}: not UTF-8, decoded as Windows-1256: {len(legacy)} record"
                      f"{'s' * (len(legacy) != 1)} (line {lines})", LegacyEncodingWarning,
                      stacklevel=2)


def _bad(file: str, line: int | None, reason: str) -> RawRecord:
    return RawRecord(file, line, error=CorpusError(file, line, reason))


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply to read"
    return f"invalid JSON: {exc}"  # e.g. an integer of more than 4,300 digits


def _read_jsonl(name: str, text: str) -> Iterator[RawRecord]:
    for number, line in enumerate(_LINES.split(text), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield _bad(name, number, _json_problem(exc))
            continue
        if not isinstance(data, dict):
            yield _bad(name, number, f"expected a JSON object, got {type(data).__name__}")
            continue
        yield RawRecord(name, number, data)


def _read_json(name: str, text: str) -> Iterator[RawRecord]:
    """A ``.json`` file: an array of records, one object wrapping arrays of records
    (``{"articles": [...]}``: their records, in order), one record, or JSON Lines."""
    start = _WS.match(text, 0).end()
    if text[start] == "[":
        yield from _read_json_array(name, text, start)
        return
    decoder = json.JSONDecoder()
    try:
        whole, end = decoder.raw_decode(text, start)
    except (ValueError, RecursionError):
        whole, end = None, 0
    if not isinstance(whole, dict) or text[end:].strip():
        yield from _read_jsonl(name, text)  # JSON Lines in a .json file
        return
    wrapped = [k for k, v in whole.items()
               if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
    if not wrapped:
        yield RawRecord(name, text.count("\n", 0, start) + 1, whole)
        return
    # walk the object's members to find where each wrapped array starts
    pos = start + 1
    while True:
        pos = _WS.match(text, pos).end()
        if text[pos] == "}":
            return
        if text[pos] == ",":
            pos += 1
            continue
        key, pos = decoder.raw_decode(text, pos)
        pos = _WS.match(text, pos).end() + 1  # past ":"
        pos = _WS.match(text, pos).end()
        if key in wrapped:
            pos = yield from _read_json_array(name, text, pos)
        else:
            pos = decoder.raw_decode(text, pos)[1]


def _read_json_array(name: str, text: str, start: int = 0) -> Iterator[RawRecord]:
    """The records of the array opening at ``start``; returns where it ends."""
    decoder = json.JSONDecoder()
    pos = _WS.match(text, start).end() + 1  # just after "["
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
            return pos
        if text[pos] == "]" and index == 0:
            pos += 1
            break
        try:
            data, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            at = line_at(pos)
            end = -1 if isinstance(exc, json.JSONDecodeError) else _value_end(text, pos)
            if end < 0:
                problem = (f"invalid JSON in record {index + 1} ({exc.msg}, line {exc.lineno})"
                           if isinstance(exc, json.JSONDecodeError)
                           else f"record {index + 1}: {_json_problem(exc)}")
                cut = "" if text.rstrip().endswith(("]", "}")) else \
                    "; the file ends without ']': it is cut off"
                yield _bad(name, at, f"{problem}{cut}; the rest of the file is not read")
                return len(text)
            data = None  # well-formed but unreadable (too deep, a huge integer): skipped alone
            yield _bad(name, at, f"record {index + 1}: {_json_problem(exc)}")
        index += 1
        if data is None:
            pass
        elif isinstance(data, dict):
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
            return pos
        else:
            yield _bad(name, line_at(pos), f"expected ',' or ']' after record {index}, "
                       f"found {text[pos]!r}; the rest of the file is not read")
            return len(text)
    if start == 0 or not text[:start].strip():  # a top-level array: nothing may follow
        if text[pos:].strip():
            yield _bad(name, line_at(pos), "unexpected content after the JSON array")
    return pos


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _value_end(text: str, pos: int) -> int:
    """Where the object or array opening at ``pos`` ends (brackets counted outside strings,
    without recursion), or -1 when it does not close."""
    if pos >= len(text) or text[pos] not in "[{":
        return -1
    depth = 0
    for match in _JSON_TOKEN.finditer(text, pos):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return match.end()
    return -1


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
    lines = _PHYSICAL_LINES.findall(text)
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
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
    folded = [h.casefold() for h in header]
    repeated = sorted({h for h, f in zip(header, folded, strict=True) if folded.count(f) > 1})
    problem = None
    if repeated:
        problem = (f"the header (line 1) names column {', '.join(map(repr, repeated))} more "
                   "than once; row not read")
    yield from _csv_rows(name, lines, reader.line_num, header, delimiter, problem)


def _csv_rows(name: str, lines: list[str], first: int, header: list[str], delimiter: str,
              problem: str | None) -> Iterator[RawRecord]:
    """The rows after the header (lines ``first + 1`` on). A row the CSV parser refuses (a
    runaway quote) is an error at its first line, and reading resumes on the next line."""
    offset = first  # physical lines before the reader's first line
    reader = csv.reader(iter(lines[offset:]), delimiter=delimiter, strict=True)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = offset + previous + 1
            end = offset + reader.line_num
            quote = lines[start - 1].count('"') % 2 == 1
            what = (f"unclosed quote: the quoted field opened on line {start} runs to line "
                    f"{end} ({exc})" if quote else f"invalid CSV: {exc}")
            yield _bad(name, start, f"{what}; row not read, reading resumes on line {start + 1}")
            offset, previous = start, 0
            reader = csv.reader(iter(lines[offset:]), delimiter=delimiter, strict=True)
            continue
        start, previous = offset + previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if problem is not None:
            yield _bad(name, start, problem)
        elif len(row) != len(header):
            yield _bad(name, start, f"row has {len(row)} fields, the header has {len(header)}")
        else:
            yield RawRecord(name, start,
                            {k: (v if v != "" else None) for k, v in zip(header, row, strict=True)})


def _read_parquet(entry: _Entry) -> Iterator[RawRecord]:
    data = _bytes(entry)
    if isinstance(data, CorpusError):
        yield RawRecord(entry.name, None, error=data)
        return
    try:
        rows = read_parquet_rows(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for a damaged file
        yield _bad(entry.name, None, f"not a readable Parquet file: {exc}")
        return
    for number, row in enumerate(rows, start=1):
        yield RawRecord(entry.name, number, row)


def read_parquet_rows(source: Any) -> list[dict[str, Any]]:
    """The rows of a Parquet file (path or file object) as dicts, read on this thread only.

    pyarrow's reader threads are never started (``use_threads=False``), so an error while
    reading, or the interpreter exiting right after, leaves no thread running (with threads,
    exits after a bad file ended in SIGABRT).

    Example::

        >>> read_parquet_rows("week.parquet")[0]["text"]  # doctest: +SKIP
        'وصل المشير خليفة حفتر إلى باريس'
    """
    import pyarrow.parquet as pq

    table = pq.read_table(source, use_threads=False, pre_buffer=False)
    return table.to_pylist()


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
        members.append(_Entry(
            f"{entry.name}!{info.filename}", member.suffix.lower(),
            _member_reader(archive, info, entry.name, entry.limit),
            f"{entry.name}!{member.parent}", info.file_size, entry.limit,
        ))
    yield from _read_entries(members)


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int):
    def read() -> bytes:
        """The member's bytes, inflated one chunk at a time and never past ``limit`` + 1
        (an archive may declare a smaller size than the member really unpacks to)."""
        try:
            with archive.open(info) as member:
                return member.read(limit + 1)
        except (zipfile.BadZipFile, RuntimeError, EOFError, NotImplementedError) as exc:
            raise OSError(f"damaged member {info.filename!r} of {name}: {exc}") from exc

    return read
