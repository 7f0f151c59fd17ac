"""Errors raised on bad corpus input: each names the file and the line (or byte offset)."""

from __future__ import annotations


class CorpusError(ValueError):
    """Bad corpus input: ``file`` and ``line`` (1-based, or None) say where, ``reason`` what.

    Example::

        >>> str(CorpusError("a.jsonl", 3, "date 'أمس' is not an ISO 8601 date"))
        "a.jsonl, line 3: date 'أمس' is not an ISO 8601 date"
    """

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        where = file if line is None else f"{file}, line {line}"
        super().__init__(f"{where}: {reason}")


class CorpusEncodingError(CorpusError):
    """A file (or a record at ``line``) that is neither UTF-8, UTF-16 nor Windows-1256
    Arabic; ``offset`` is the bad byte (in the file, or in the record when ``line`` is set)."""

    def __init__(self, file: str, offset: int, reason: str, line: int | None = None) -> None:
        self.offset = offset
        super().__init__(file, line, reason)
