"""Decoding corpus files: UTF-8 (with or without BOM), else Windows-1256 Arabic, else an error.

Windows-1256 maps almost every byte to some character, so a file is only taken as
Windows-1256 when the result reads as Arabic text: mostly Arabic letters among its letters
and no control characters. Anything else is an error naming the file and the first byte
that is not UTF-8.
"""

from __future__ import annotations

import codecs
import re
import warnings

from toolkit.corpus.errors import CorpusEncodingError

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_ARABIC = re.compile("[\u0621-\u064a]")
_LETTER = re.compile(r"[^\W\d_]")


class LegacyEncodingWarning(UserWarning):
    """A file was decoded as Windows-1256; the message names it."""


def decode(data: bytes, file: str) -> str:
    """Decode the bytes of ``file``: UTF-8 (BOM stripped) or Windows-1256 Arabic (with a warning).

    Raises :class:`CorpusEncodingError` naming ``file`` and the byte offset of the first
    byte that is not UTF-8 when neither reading holds.

    Example::

        >>> decode("ليبيا".encode("cp1256"), "old.txt")  # doctest: +SKIP
        'ليبيا'   # with LegacyEncodingWarning: old.txt: not UTF-8, decoded as Windows-1256
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    else:
        if "\x00" in text:
            at = text.index("\x00")
            raise CorpusEncodingError(
                file, len(text[:at].encode("utf-8")),
                f"binary data (a NUL byte) at byte offset {len(text[:at].encode('utf-8'))}; "
                "expected UTF-8 or Windows-1256 text",
            )
        return text
    text = _as_cp1256(data)
    if text is None:
        raise CorpusEncodingError(
            file, offset,
            f"cannot decode byte 0x{data[offset]:02x} at byte offset {offset}: "
            "neither UTF-8 nor Windows-1256 Arabic text",
        )
    warnings.warn(f"{file}: not UTF-8, decoded as Windows-1256", LegacyEncodingWarning, stacklevel=2)
    return text


def _as_cp1256(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    letters = len(_LETTER.findall(text))
    arabic = len(_ARABIC.findall(text))
    if letters == 0 or arabic / letters < 0.5:
        return None
    return text
