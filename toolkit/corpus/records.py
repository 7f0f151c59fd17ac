"""Validation: one raw record → the fields of a document, or a reason it is bad."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from toolkit.corpus.dates import parse_date
from toolkit.corpus.fields import RESERVED

#: a document longer than this is refused: a news article is far shorter, and a file that
#: large on one line is usually a broken export (no line breaks between records)
MAX_TEXT_CHARS = 2_000_000

_META = ("source", "title", "url", "author")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _string(value: Any, name: str) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{name} is a {type(value).__name__}, expected a string")


def validate(
    data: Mapping[str, Any],
    mapping: Mapping[str, tuple[str, ...]],
    max_chars: int = MAX_TEXT_CHARS,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Map and check one record: ``(fields, extra)`` or ``ValueError`` saying what is wrong.

    ``fields`` has ``doc_id`` (None when absent), ``date`` (naive UTC datetime or None),
    ``source, title, url, author`` (str or None) and ``text`` (str, kept exactly, may be
    empty); ``extra`` holds every other key. A text that is missing, not a string or longer
    than ``max_chars`` characters is an error, as is a date that is not ISO 8601.

    Example::

        >>> validate({"content": "نص", "date_extracted": "2015-07-21 02:51:38"},
        ...          resolve_fields())[0]["date"]
        datetime.datetime(2015, 7, 21, 2, 51, 38)
    """
    return Validator(mapping, max_chars)(data)


class Validator:
    """:func:`validate` for many records: the key plan is worked out once per set of keys."""

    def __init__(self, mapping: Mapping[str, tuple[str, ...]], max_chars: int = MAX_TEXT_CHARS,
                 dayfirst: bool = False):
        self.mapping = mapping
        self.max_chars = max_chars
        self.dayfirst = dayfirst  # dd/mm/yyyy dates accepted (parse_date)
        self._plans: dict[tuple, tuple[list[tuple[str, Any]], list[tuple[Any, str]]]] = {}

    def _plan(self, keys: tuple) -> tuple[list[tuple[str, Any]], list[tuple[Any, str]]]:
        if None in keys:
            raise ValueError("record has values without a column name (too many fields)")
        folded = {str(k).strip().casefold(): k for k in keys}
        chosen: list[tuple[str, Any]] = []
        used = set()
        for name, candidates in self.mapping.items():
            original = next((folded[c] for c in candidates if c in folded), None)
            if original is not None:
                used.add(original)
            chosen.append((name, original))
        extra = []
        for key in keys:
            if key not in used:
                clean = str(key).strip()
                extra.append((key, f"meta_{clean}" if clean in RESERVED else clean))
        if len(self._plans) < 1000:  # records of one source share a few key sets
            self._plans[keys] = (chosen, extra)
        return chosen, extra

    def __call__(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        keys = tuple(data)
        plan = self._plans.get(keys) or self._plan(keys)
        chosen, extra_keys = plan
        fields = {name: (None if key is None else data[key]) for name, key in chosen}
        text = fields["text"]
        if _missing(text):
            tried = ", ".join(self.mapping["text"])
            has = ", ".join(str(k) for k in data) or "none"
            raise ValueError(
                f"no text: looked for a field named {tried}; the record has {has} "
                "(map one with fields={'text': ...})"
            )
        if not isinstance(text, str):
            raise ValueError(f"text is a {type(text).__name__}, expected a string")
        if len(text) > self.max_chars:
            raise ValueError(
                f"text has {len(text):,} characters, above max_chars={self.max_chars:,} "
                "(one document on one huge line usually means a broken export)"
            )
        date: datetime | None = parse_date(fields["date"], dayfirst=self.dayfirst)
        fields["date"] = date
        for name in _META:
            fields[name] = _string(fields[name], name)
        fields["doc_id"] = _string(fields["doc_id"], "doc_id")
        return fields, {new: data[old] for old, new in extra_keys}
