"""The corpus model: :class:`Document` and :class:`Corpus` (a pandas frame plus helpers)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from toolkit.corpus.dates import bound, iso_week, week_range
from toolkit.corpus.fields import FIELDS
from toolkit.corpus.hashing import fingerprint_of

SKIPPED_COLUMNS = ("file", "line", "reason")
_STRINGS = ("source", "title", "url", "author")


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``date`` is a naive UTC datetime or None; ``meta`` holds extra fields.

    ``content_hash`` is the normalized content hash; ``duplicate_of`` the ``doc_id`` of an
    earlier document with the same hash (syndicated copies are flagged, not dropped).

    Example::

        >>> Document("d1", None, "sabq", "عنوان", None, None, "قال الوزير").text
        'قال الوزير'
    """

    doc_id: str
    date: datetime | None
    source: str | None
    title: str | None
    url: str | None
    author: str | None
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    content_hash: str | None = None
    duplicate_of: str | None = None


def _none(value: Any) -> Any:
    return None if value is None or value is pd.NaT or (isinstance(value, float) and value != value) else value


class Corpus:
    """Documents backed by a pandas frame (``corpus.frame``).

    ``frame`` columns: ``doc_id`` (str, unique), ``date`` (datetime64[ns], naive UTC, NaT when
    missing), ``source, title, url, author, text`` (str or missing), any extra metadata, then
    ``content_hash`` and ``duplicate_of`` (doc_id of the first document with the same
    normalized text, else missing). ``skipped`` lists records left out (``file, line, reason``).

    Build one with :func:`toolkit.corpus.load_corpus`, :meth:`from_records` or
    :meth:`from_frame`.

    Example::

        >>> c = Corpus.from_records([{"text": "وصل حفتر إلى باريس", "date": "2020-03-09"}])
        >>> len(c), c.frame.loc[0, "date"]
        (1, Timestamp('2020-03-09 00:00:00'))
    """

    def __init__(self, frame: pd.DataFrame, skipped: pd.DataFrame | None = None) -> None:
        missing = [c for c in (*FIELDS, "content_hash", "duplicate_of") if c not in frame.columns]
        if missing:
            raise ValueError(
                f"frame lacks columns {missing}; build corpora with Corpus.from_frame(df) "
                "or Corpus.from_records(records)"
            )
        self.frame = frame.reset_index(drop=True)
        self.skipped = (
            skipped.reset_index(drop=True) if skipped is not None
            else pd.DataFrame({c: pd.Series(dtype=object) for c in SKIPPED_COLUMNS})
        )
        self._index: dict[str, int] | None = None

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_documents(
        cls, documents: Iterable[Document], skipped: Sequence[tuple] | pd.DataFrame | None = None
    ) -> Corpus:
        """A corpus of already-validated :class:`Document` objects (as the store returns).

        Example::

            >>> doc = Document("d1", None, "sabq", None, None, None, "هدنة في طرابلس")
            >>> Corpus.from_documents([doc]).frame.loc[0, "source"]
            'sabq'
        """
        columns: dict[str, list[Any]] = {name: [] for name in FIELDS}
        hashes: list[Any] = []
        dups: list[Any] = []
        extras: dict[str, list[Any]] = {}
        n = 0
        for doc in documents:
            columns["doc_id"].append(doc.doc_id)
            columns["date"].append(doc.date)
            columns["source"].append(doc.source)
            columns["title"].append(doc.title)
            columns["url"].append(doc.url)
            columns["author"].append(doc.author)
            columns["text"].append(doc.text)
            hashes.append(doc.content_hash)
            dups.append(doc.duplicate_of)
            for key, value in doc.meta.items():
                extras.setdefault(key, [None] * n).append(value)
            n += 1
            for values in extras.values():
                if len(values) < n:
                    values.append(None)
        return cls(_frame(columns, extras, hashes, dups), _skipped_frame(skipped))

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        fields: Mapping[str, str | Sequence[str]] | None = None,
        errors: str = "raise",
    ) -> Corpus:
        """A corpus from dicts with ``text`` and optional ``doc_id, date, source, title, ...``.

        Keys are mapped as by :func:`toolkit.corpus.load_corpus` (``content`` → ``text``, ...);
        bad records raise ``CorpusError`` naming ``<records>`` and the 1-based record number.

        Example::

            >>> Corpus.from_records([{"content": "اجتماع في برلين", "id": "a1"}]).frame.doc_id[0]
            'a1'
        """
        from toolkit.corpus.load import documents_from_records

        skipped: list[tuple] = []
        docs = documents_from_records(records, fields=fields, errors=errors, skipped=skipped)
        return cls.from_documents(list(docs), skipped)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        fields: Mapping[str, str | Sequence[str]] | None = None,
        errors: str = "raise",
    ) -> Corpus:
        """A corpus from any DataFrame with a text column (mapped like :meth:`from_records`).

        Example::

            >>> Corpus.from_frame(pd.DataFrame({"content": ["خبر عاجل"]})).frame.columns[:3].tolist()
            ['doc_id', 'date', 'source']
        """
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
        drop = [c for c in ("content_hash", "duplicate_of") if c in frame.columns]
        records = frame.drop(columns=drop).to_dict("records")
        return cls.from_records(records, fields=fields, errors=errors)

    # -- access -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.frame)

    def __iter__(self) -> Iterator[Document]:
        frame = self.frame
        extra = [c for c in frame.columns if c not in FIELDS and c not in ("content_hash", "duplicate_of")]
        cols = [*FIELDS, "content_hash", "duplicate_of", *extra]
        for row in frame[cols].itertuples(index=False, name=None):
            meta = {k: _none(v) for k, v in zip(extra, row[9:], strict=True)}
            yield Document(
                row[0], _none(row[1]), _none(row[2]), _none(row[3]), _none(row[4]),
                _none(row[5]), row[6], meta, _none(row[7]), _none(row[8]),
            )

    def __getitem__(self, doc_id: str) -> Document:
        position = self._position(doc_id)
        return next(iter(Corpus(self.frame.iloc[[position]])))

    def _position(self, doc_id: str) -> int:
        if self._index is None:
            self._index = {d: i for i, d in enumerate(self.frame["doc_id"])}
        try:
            return self._index[doc_id]
        except KeyError:
            raise KeyError(f"doc_id={doc_id!r} is not in this corpus of {len(self)} documents") from None

    def text(self, doc_id: str) -> str:
        """The original text of ``doc_id`` (offsets of every table slice it)."""
        return self.frame["text"].iat[self._position(doc_id)]

    # -- slicing ------------------------------------------------------------------------
    def filter(
        self,
        start: Any = None,
        end: Any = None,
        week: str | None = None,
        sources: str | Sequence[str] | None = None,
    ) -> Corpus:
        """Documents dated from ``start`` to ``end`` (inclusive; a date-only end includes its
        day), in ISO ``week`` (``"2015-W31"``) and/or from ``sources``. Undated documents are
        left out by any date condition.

        Example::

            >>> sample().filter(week="2020-W11").frame.doc_id.tolist()
            ['seed-libya-2020']
        """
        mask = pd.Series(True, index=self.frame.index)
        dates = self.frame["date"]
        lower = bound(start, "start")
        upper = bound(end, "end", end=True)
        if week is not None:
            monday, next_monday = week_range(week)
            lower = max(lower, monday) if lower else monday
            upper = min(upper, next_monday) if upper else next_monday
        if lower is not None:
            mask &= dates >= pd.Timestamp(lower)
        if upper is not None:
            mask &= dates < pd.Timestamp(upper)
        if sources is not None:
            if isinstance(sources, str):
                sources = [sources]
            if not all(isinstance(s, str) for s in sources):
                raise ValueError(f"sources={sources!r} must be a string or a list of strings")
            mask &= self.frame["source"].isin(list(sources))
        return Corpus(self.frame[mask.to_numpy()], self.skipped)

    def sample(self, n: int | None = None, frac: float | None = None, seed: int = 0) -> Corpus:
        """A random subset of ``n`` documents (or a fraction ``frac``), reproducible by ``seed``."""
        if n is not None and (not isinstance(n, int) or n < 0):
            raise ValueError(f"n={n!r} must be a non-negative integer")
        if n is not None and n > len(self):
            raise ValueError(f"n={n} is larger than the corpus ({len(self)} documents)")
        return Corpus(self.frame.sample(n=n, frac=frac, random_state=seed), self.skipped)

    # -- duplicates ---------------------------------------------------------------------
    def duplicates(self) -> pd.DataFrame:
        """Documents whose normalized text repeats an earlier one.

        Columns: ``doc_id, duplicate_of, source, date, title``.
        """
        rows = self.frame[self.frame["duplicate_of"].notna()]
        return rows[["doc_id", "duplicate_of", "source", "date", "title"]].reset_index(drop=True)

    def drop_duplicates(self) -> Corpus:
        """The corpus without the flagged duplicates (the first copy of each text is kept)."""
        return Corpus(self.frame[self.frame["duplicate_of"].isna().to_numpy()], self.skipped)

    def weeks(self) -> pd.Series:
        """The ISO-week label of every document (``2015-W31``; missing when undated)."""
        return iso_week(self.frame["date"])

    # -- display ------------------------------------------------------------------------
    def __repr__(self) -> str:
        dates = self.frame["date"].dropna()
        span = f", {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else ""
        noun = "document" if len(self) == 1 else "documents"
        return f"<Corpus: {len(self)} {noun}{span}>"

    def _repr_html_(self, rows: int = 10, chars: int = 160) -> str:
        """An HTML table: Arabic cells right-to-left, every value escaped, texts truncated."""
        esc = html.escape
        head = esc(repr(self))
        if len(self.skipped):
            head += esc(f" — {len(self.skipped)} records skipped (see .skipped)")
        out = [f'<div><p dir="auto">{head}</p><table dir="rtl" style="text-align:right">',
               "<thead><tr><th>doc_id</th><th>date</th><th>source</th><th>title</th>"
               "<th>text</th></tr></thead><tbody>"]
        for doc in self.frame.head(rows).itertuples(index=False):
            text = doc.text if len(doc.text) <= chars else doc.text[:chars] + "…"
            date = "" if pd.isna(doc.date) else f"{doc.date:%Y-%m-%d %H:%M}"
            title = "" if pd.isna(doc.title) else doc.title
            source = "" if pd.isna(doc.source) else doc.source
            out.append(
                f'<tr><td dir="ltr" style="white-space:nowrap">{esc(doc.doc_id)}</td>'
                f'<td dir="ltr" style="white-space:nowrap">{date}</td>'
                f'<td dir="auto">{esc(source)}</td><td dir="rtl">{esc(title)}</td>'
                f'<td dir="rtl">{esc(text)}</td></tr>'
            )
        out.append("</tbody></table>")
        if len(self) > rows:
            out.append(f"<p>… {len(self) - rows} more</p>")
        out.append("</div>")
        return "".join(out)


def _frame(
    columns: dict[str, list[Any]], extras: dict[str, list[Any]], hashes: list[Any], dups: list[Any]
) -> pd.DataFrame:
    data: dict[str, Any] = {
        "doc_id": pd.Series(columns["doc_id"], dtype="str"),
        "date": pd.Series(pd.to_datetime(columns["date"]), dtype="datetime64[ns]"),
    }
    for name in _STRINGS:
        data[name] = pd.Series(columns[name], dtype="str")
    data["text"] = pd.Series(columns["text"], dtype="str")
    for name, values in extras.items():
        data[name] = pd.Series(values, dtype=object).infer_objects()
    data["content_hash"] = pd.Series(hashes, dtype="str")
    data["duplicate_of"] = pd.Series(dups, dtype="str")
    return pd.DataFrame(data)


def _skipped_frame(skipped: Sequence[tuple] | pd.DataFrame | None) -> pd.DataFrame | None:
    if skipped is None or isinstance(skipped, pd.DataFrame):
        return skipped
    return pd.DataFrame(list(skipped), columns=list(SKIPPED_COLUMNS)).astype(
        {"line": "Int64"}
    ) if skipped else None


def fingerprint(corpus: Corpus) -> dict[str, Any]:
    """``{"documents": n, "sha256": ...}``: a hash of every document's id, date, source,
    title and text, in ``doc_id`` order (so the same documents give the same fingerprint).

    Example::

        >>> fingerprint(sample())["documents"]
        1
    """
    frame = corpus.frame.sort_values("doc_id", kind="stable")
    dates = frame["date"].dt.strftime("%Y-%m-%dT%H:%M:%S").fillna("")
    rows = zip(
        frame["doc_id"], dates, frame["source"].fillna(""), frame["title"].fillna(""),
        frame["text"], strict=True,
    )
    return {"documents": len(frame), "sha256": fingerprint_of(rows)}
