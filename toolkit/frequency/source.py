"""Reading documents and their grouping keys from whatever the caller holds.

Accepted everywhere in ``toolkit.frequency``: a ``toolkit.corpus.Corpus`` (its ``.frame`` is
read column-wise), a ``pandas.DataFrame`` with a ``text`` column, an iterable of
``Document``-like objects (attributes ``text``, ``doc_id``, ``date``, ... as yielded by
``toolkit.corpus.iter_documents``) or of dicts with a ``"text"`` key, a list of strings, or
one string (one document). Iterables are consumed once, lazily: memory stays proportional to
the vocabulary, not to the corpus.

Grouping (``by=``): any metadata column, ``"week"`` (ISO label such as ``2015-W31``, from the
document's date, via ``toolkit.corpus.iso_week``) or ``"day"`` (the date at midnight). A list
gives several keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

#: derived grouping keys computed from the document's date
DATE_KEYS = ("week", "day")


def normalize_by(by: str | Sequence[str] | None) -> tuple[str, ...]:
    """``by`` as a tuple of column names (empty for no grouping)."""
    if by is None:
        return ()
    if isinstance(by, str):
        return (by,)
    try:
        cols = tuple(by)
    except TypeError:
        raise TypeError(f"by={by!r}: give a column name, a list of names or None") from None
    if not all(isinstance(c, str) for c in cols):
        raise TypeError(f"by={by!r}: every key must be a column name (str)")
    return cols


class _DateKeys:
    """Per-day cache of week labels and day stamps (few distinct days, many documents)."""

    def __init__(self) -> None:
        self.week: dict[Any, Any] = {}

    def __call__(self, key: str, date: Any) -> Any:
        if date is None or (not isinstance(date, str) and pd.isna(date)):
            return None
        ts = pd.Timestamp(date)
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC").tz_localize(None)
        day = ts.normalize()
        if key == "day":
            return day
        label = self.week.get(day)
        if label is None:
            from toolkit.corpus import iso_week

            label = str(iso_week(pd.Series([day])).iloc[0])
            self.week[day] = label
        return label


def _frame_of(corpus: Any) -> pd.DataFrame | None:
    if isinstance(corpus, pd.DataFrame):
        return corpus
    frame = getattr(corpus, "frame", None)
    if isinstance(frame, pd.DataFrame):
        return frame
    return None


def iter_documents(
    corpus: Any, by: Sequence[str] = (), *, need_date: bool = False
) -> Iterator[tuple[str, str, tuple, Any]]:
    """Yield ``(doc_id, text, key, date)`` for every document; ``key`` is a tuple for ``by``.

    >>> next(iter_documents(["ليبيا"]))
    ('0', 'ليبيا', (), None)
    """
    by = tuple(by)
    dates = _DateKeys()
    frame = _frame_of(corpus)
    if frame is not None:
        yield from _iter_frame(frame, by, dates, need_date)
        return
    if isinstance(corpus, str):
        corpus = [corpus]
    if not isinstance(corpus, Iterable):
        raise TypeError(
            f"corpus of type {type(corpus).__name__} is not accepted: give a Corpus, a "
            "DataFrame with a 'text' column, an iterable of Documents or dicts, or strings"
        )
    for i, doc in enumerate(corpus):
        yield _record(doc, i, by, dates, need_date)


def _iter_frame(frame, by, dates, need_date):
    if "text" not in frame.columns:
        raise ValueError(f"the corpus frame has no 'text' column (columns: {list(frame.columns)})")
    needs = [c for c in by if c not in DATE_KEYS]
    missing = [c for c in needs if c not in frame.columns]
    if missing:
        raise ValueError(
            f"by={missing[0]!r} is not a column of the corpus; accepted: "
            f"{sorted(set(frame.columns) - {'text'}) + list(DATE_KEYS)}"
        )
    want_date = need_date or any(c in DATE_KEYS for c in by)
    if want_date and "date" not in frame.columns:
        date_col = [None] * len(frame)
    else:
        date_col = frame["date"].tolist() if want_date else [None] * len(frame)
    ids = (
        frame["doc_id"].astype(str).tolist()
        if "doc_id" in frame.columns
        else [str(i) for i in frame.index]
    )
    texts = frame["text"].tolist()
    cols = {c: frame[c].tolist() for c in needs}
    for i, (doc_id, text) in enumerate(zip(ids, texts, strict=True)):
        date = date_col[i]
        key = tuple(dates(c, date) if c in DATE_KEYS else _clean(cols[c][i]) for c in by)
        yield doc_id, _text_of(text, doc_id), key, date


def _clean(value: Any) -> Any:
    if value is None or (not isinstance(value, (str, tuple, list)) and pd.isna(value)):
        return None
    return value


def _text_of(text: Any, doc_id: str) -> str:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id!r}: text must be a str, got {type(text).__name__}")
    return text


def _get(doc: Any, name: str) -> tuple[bool, Any]:
    if isinstance(doc, dict):
        return (name in doc, doc.get(name))
    if hasattr(doc, name):
        return True, getattr(doc, name)
    for meta_name in ("meta", "metadata", "extra"):
        meta = getattr(doc, meta_name, None)
        if isinstance(meta, Mapping) and name in meta:
            return True, meta[name]
    return False, None


def _record(doc: Any, i: int, by: tuple[str, ...], dates: _DateKeys, need_date: bool):
    if isinstance(doc, str):
        if by:
            raise ValueError(f"by={by!r}: plain strings carry no metadata to group by")
        return str(i), doc, (), None
    found, text = _get(doc, "text")
    if not found:
        raise TypeError(
            f"document #{i} ({type(doc).__name__}) has no 'text': give Documents, dicts "
            "with a 'text' key, or strings"
        )
    found_id, doc_id = _get(doc, "doc_id")
    doc_id = str(doc_id) if found_id and doc_id is not None else str(i)
    _, date = _get(doc, "date")
    key = []
    for c in by:
        if c in DATE_KEYS:
            key.append(dates(c, date))
            continue
        found, value = _get(doc, c)
        if not found:
            raise ValueError(f"by={c!r}: document {doc_id!r} has no such field")
        key.append(_clean(value))
    return doc_id, _text_of(text, doc_id), tuple(key), date


def iter_with_tokens(
    corpus: Any, by: Sequence[str] = (), preset: str = "search", *, need_date: bool = False
) -> Iterator[tuple[str, str, tuple, Any, Any]]:
    """:func:`iter_documents` plus each document's tokens when ``corpus`` is an analysis
    of the same ``preset`` (a :class:`toolkit.text.DocumentTokens`; None otherwise), so
    that nothing is tokenized twice.

    >>> from toolkit.text import analyze
    >>> next(iter_with_tokens(analyze(["ليبيا"])))[4].norms
    ['ليبيا']
    """
    from toolkit.text import Analysis

    analysis = corpus if isinstance(corpus, Analysis) and corpus.preset == preset else None
    for i, (doc_id, text, key, date) in enumerate(iter_documents(corpus, by, need_date=need_date)):
        yield doc_id, text, key, date, (analysis.document(i) if analysis is not None else None)
