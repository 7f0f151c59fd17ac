"""Decoding corpus files: UTF-8 (with or without BOM), UTF-16, else Windows-1256 Arabic, else an error.

The encoding is decided per record wherever the format allows it (a JSON Lines line, a CSV
row, a record of a JSON array), so one stray byte or one Windows-1256 line never changes how
the good UTF-8 records around it are read:

1. The file: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; a file without BOM whose
   bytes pair up as UTF-16 (one byte of each pair almost always ``0x00`` or ``0x06``: Latin
   or Arabic text) is UTF-16. Anything else is read as UTF-8, keeping bytes that are not
   UTF-8 aside (``surrogateescape``) for step 2. A NUL byte outside UTF-16 is binary data:
   the file is refused.
2. Each record holding bytes that are not UTF-8 is decoded alone as Windows-1256, and kept
   only when it reads as Arabic: mostly Arabic letters among its non-ASCII letters (Latin
   keys and numbers do not count against it), no control characters, and not UTF-8 text
   with a stray byte (whose Windows-1256 reading is mojibake such as ``ظˆطµ``). Otherwise
   the record is refused with its file and line. UTF-8 records are never re-decoded.
3. A record that decodes (as anything) to mostly control characters is refused, as is one
   that is mojibake already (Arabic UTF-8 once read as Windows-1256 and saved again).

Whole-file formats (a ``.txt`` document) are one record.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Callable
from typing import Any

from toolkit.corpus.errors import CorpusEncodingError

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
_ESCAPED = re.compile("[\udc80-\udcff]")
# a well-formed UTF-8 multi-byte sequence, in bytes
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
#: a record (or file) whose characters are more than this share control characters is refused
#: (UTF-16 Arabic misread as UTF-8 is half control characters; stray escapes are far fewer)
MAX_CONTROL_SHARE = 0.3


class LegacyEncodingWarning(UserWarning):
    """Records (or a file) were decoded as Windows-1256; the message names the file."""


def _first_bad_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` decoded as UTF-16 (LE or BE) when its byte pairs read as UTF-16 text."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        common = high.count(0) + high.count(6)
        if common < 0.9 * len(high):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _control_share(text) <= MAX_CONTROL_SHARE:
            return text
    return None


# UTF-8 Arabic read as Windows-1256 and saved again: each letter became ط or ظ (the lead
# bytes 0xD8, 0xD9) and a character of the continuation bytes 0x80-0xBF
_MOJIBAKE = re.compile("[طظ][\u0080-\u00ff\u0152-\u02dc\u2013-\u2122\u067e\u0686\u0698"
                       "\u0688\u06af\u06a9\u0691\u06ba\u06be\u0679\u060c\u061b\u061f"
                       "\u200c\u200d]")


_MOJIBAKE_REASON = ("mojibake: Arabic UTF-8 that was once decoded as Windows-1256 and saved "
                    "again (ظˆطµ...); re-export it from the source")


def _mojibake(text: str) -> bool:
    """Mostly pairs of ط/ظ and a Windows-1256 continuation character (``ظˆطµ``): Arabic
    UTF-8 once decoded as Windows-1256. In Arabic prose ط and ظ are under 2% of the
    characters, so the pairs are only counted when they are over a fifth (of 16 characters
    or more: a short title such as ضغط، شطط is prose)."""
    if len(text) < 16 or (text.count("ط") + text.count("ظ")) < 0.2 * len(text):
        return False
    return len(_MOJIBAKE.findall(text)) * 2 > 0.5 * len(text.replace(" ", ""))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_file(data: bytes, file: str) -> str:
    """Decode a file's bytes; bytes that are not UTF-8 are kept as escapes for :func:`resolve`.

    A BOM (UTF-8, UTF-16) or UTF-16 byte pairs decide the encoding for the whole file;
    otherwise the text is UTF-8 with ``surrogateescape`` (each record is then settled by
    :func:`resolve`). Raises :class:`CorpusEncodingError` for binary data (NUL bytes).

    Example::

        >>> decode_file("ليبيا".encode("utf-16"), "a.txt")
        'ليبيا'
    """
    return decode_records(data, file)[0]


_C0 = bytes(range(0, 9)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
_NOT_C0 = bytes(b for b in range(256) if b not in _C0)
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def decode_records(data: bytes, file: str) -> tuple[str, bool]:
    """:func:`decode_file`, and whether the text is clean: valid UTF-8 (or UTF-16) without
    a control character, so that its records need only :func:`resolve` with ``clean=True``.

    Example::

        >>> decode_records("حفتر".encode(), "a.jsonl")
        ('حفتر', True)
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = data[2:].decode(codec)
        except UnicodeDecodeError as exc:
            raise CorpusEncodingError(
                file, exc.start + 2, f"invalid UTF-16 at byte offset {exc.start + 2} "
                "(the file starts with a UTF-16 byte-order mark)") from None
        return text, False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # the common case, checked in C: valid UTF-8 and no control character (C0 or C1)
    if text is not None and not data.translate(None, _NOT_C0) and not _C1_UTF8.search(data):
        return text, True
    if data.count(0) + data.count(6) >= 0.4 * len(data):  # Latin or Arabic as UTF-16?
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, False
    if b"\x00" in data:
        bad = _first_bad_utf8(data)
        at = data.index(b"\x00") if bad is None else bad
        what = f"cannot decode byte 0x{data[at]:02x} at byte offset {at}" if bad is not None \
            else f"binary data (a NUL byte) at byte offset {at}"
        raise CorpusEncodingError(
            file, at, f"{what}: binary data, expected UTF-8, UTF-16 or Windows-1256 text")
    return (text if text is not None else data.decode("utf-8", "surrogateescape")), False


def _as_cp1256(raw: bytes) -> tuple[str | None, str]:
    """``raw`` as Windows-1256 Arabic, or ``(None, why not)``."""
    high = len(_HIGH.findall(raw))
    in_utf8 = sum(len(m) for m in _UTF8_SEQ.findall(raw))
    if high and in_utf8 / high > 0.5:
        return None, "UTF-8 text with bytes that are not UTF-8 (read as Windows-1256 it is mojibake)"
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        return None, "neither UTF-8 nor Windows-1256"
    if _CONTROL.search(text):
        return None, "neither UTF-8 nor Windows-1256 text (control characters)"
    letters = len(_NON_ASCII_LETTER.findall(text))
    arabic = len(_ARABIC.findall(text))
    if letters == 0 or arabic / letters < 0.5:
        return None, "neither UTF-8 nor Windows-1256 Arabic text"
    return text, ""


def _strings(value: Any, out: list[str], depth: int = 0) -> None:
    if isinstance(value, str):
        out.append(value)
    elif depth < 64 and isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out, depth + 1)
            _strings(v, out, depth + 1)
    elif depth < 64 and isinstance(value, (list, tuple)):
        for v in value:
            _strings(v, out, depth + 1)


def _mapped(value: Any, fix: Callable[[str], str], depth: int = 0) -> Any:
    if isinstance(value, str):
        return fix(value)
    if depth < 64 and isinstance(value, dict):
        return {_mapped(k, fix, depth + 1): _mapped(v, fix, depth + 1) for k, v in value.items()}
    if depth < 64 and isinstance(value, list):
        return [_mapped(v, fix, depth + 1) for v in value]
    return value


def resolve(record: Any, file: str, line: int | None, clean: bool = False) -> tuple[Any, bool]:
    """Settle the encoding of one record read by :func:`decode_file`: ``(record, legacy)``.

    A record holding no escaped byte is returned as it is (``legacy`` False). One holding
    escapes is decoded as Windows-1256 when that reads as Arabic (``legacy`` True), else
    :class:`CorpusEncodingError` names the file, the line and the first bad byte. A
    record (of any encoding) that is mostly control characters is refused too.

    Example::

        >>> raw = "ليبيا".encode("cp1256").decode("utf-8", "surrogateescape")
        >>> resolve({"text": raw}, "old.jsonl", 3)
        ({'text': 'ليبيا'}, True)
    """
    if clean:  # the file has no escape and no control character: only mojibake to look for
        values = record.values() if isinstance(record, dict) else [record]
        for value in values:
            if isinstance(value, str) and _mojibake(value):
                raise CorpusEncodingError(file, 0, _MOJIBAKE_REASON, line)
        return record, False
    strings: list[str] = []
    _strings(record, strings)
    joined = "\n".join(strings)
    if not _ESCAPED.search(joined):
        if _control_share(joined) > MAX_CONTROL_SHARE:
            raise CorpusEncodingError(
                file, 0, "mostly control characters: not text (a binary file, or UTF-16 "
                "without a byte-order mark?)", line)
        if _mojibake(joined):
            raise CorpusEncodingError(file, 0, _MOJIBAKE_REASON, line)
        return record, False
    raw = joined.encode("utf-8", "surrogateescape")
    text, why = _as_cp1256(raw)
    if text is None:
        bad = _first_bad_utf8(raw) or 0
        of = " of the record" if line is not None else ""
        raise CorpusEncodingError(
            file, bad, f"cannot decode byte 0x{raw[bad]:02x} at byte offset {bad}{of}: {why}",
            line)

    def fix(value: str) -> str:
        if not _ESCAPED.search(value):
            return value
        return value.encode("utf-8", "surrogateescape").decode("cp1256")

    return _mapped(record, fix), True


def decode(data: bytes, file: str) -> str:
    """Decode the bytes of ``file`` as one record: UTF-8 (BOM stripped), UTF-16, or
    Windows-1256 Arabic (with a :class:`LegacyEncodingWarning`).

    Raises :class:`CorpusEncodingError` naming ``file`` and the byte offset of the first
    byte that is not UTF-8 when no reading holds.

    Example::

        >>> decode("ليبيا".encode("cp1256"), "old.txt")  # doctest: +SKIP
        'ليبيا'   # with LegacyEncodingWarning: old.txt: not UTF-8, decoded as Windows-1256
    """
    text = decode_file(data, file)
    text, legacy = resolve(text, file, None)
    if legacy:
        warnings.warn(f"{file}: not UTF-8, decoded as Windows-1256", LegacyEncodingWarning,
                      stacklevel=2)
    return text
