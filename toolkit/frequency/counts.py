"""Term frequencies and tf-idf: views of the tidy term-count table.

:func:`term_frequencies` and :func:`tfidf` count through
:func:`toolkit.frequency.document_counts.term_counts` and read the sums. :class:`CountTable`
is the same tidy table as a mergeable object, for schedulers that map a count over
partitions (``toolkit.scale``) and fold the partial tables in any order: ``merge``
concatenates, ``to_frame`` sums with a group-by and gives the frame of
``term_frequencies``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from toolkit.frequency.document_counts import (
    count_keyed,
    frequency_view,
    sum_counts,
    term_counts,
    unit_term_counts,
)
from toolkit.frequency.source import iter_documents, normalize_by
from toolkit.frequency.terms import (
    TermOptions,
    document_terms,
    dropper,
    forms_path,
    make_options,
)


@dataclass
class DocumentCounts:
    """The counts of one document: ``counts`` (item → count, stopwords included: they are
    dropped from the rows of the final table, never from its totals) and ``tokens`` (the
    number of items, the denominator of shares)."""

    counts: Counter
    tokens: int


def count_document(text: str, options: TermOptions | None = None) -> DocumentCounts:
    """Map step: count the terms of one document.

    >>> count_document("وصلت الوفود إلى ليبيا، وفي ليبيا هدنة.").counts["ليبيا"]
    2
    """
    terms = document_terms(text, options or TermOptions())
    return DocumentCounts(Counter(terms), len(terms))


def _key_names(n: int) -> list[str]:
    return [f"_key{i}" for i in range(n)]


def _as_tuple(key: Hashable) -> tuple:
    return key if isinstance(key, tuple) else (key,)


class CountTable:
    """The tidy term-count table as a mergeable reduce: partial tables (``counts``:
    ``*keys, term, form, count, docs``; ``sizes``: ``*keys, tokens, documents``) kept as
    they come and summed with a group-by when read.

    >>> t = CountTable()
    >>> t.add(count_document("ليبيا وليبيا"), key=("okaz",))
    >>> t.to_frame(by=("source",))[["source", "term", "count", "docs"]].values.tolist()
    [['okaz', 'ليبيا', 2, 1]]
    """

    def __init__(self, counts: pd.DataFrame | None = None, sizes: pd.DataFrame | None = None,
                 forms: bool = False) -> None:
        self._counts = [] if counts is None else [counts]
        self._sizes = [] if sizes is None else [sizes]
        self._rows: list[tuple] = []  # documents added one by one, not framed yet
        self.has_forms = forms

    def add(self, doc: DocumentCounts, key: Hashable = ()) -> None:
        """Add one document's counts to the group ``key``."""
        key = _as_tuple(key)
        self._rows.append((key, doc))

    def _frame_rows(self) -> None:
        if not self._rows:
            return
        n = len(self._rows[0][0])
        names = _key_names(n)
        items = [(k, t, c) for k, d in self._rows for t, c in d.counts.items()]
        counts = pd.DataFrame([(*k, t, t, c, 1) for k, t, c in items],
                              columns=[*names, "term", "form", "count", "docs"])
        sizes = pd.DataFrame([(*k, d.tokens, 1) for k, d in self._rows],
                             columns=[*names, "tokens", "documents"])
        self._counts.append(counts.astype({"term": object, "form": object, "count": "int64",
                                           "docs": "int64"}))
        self._sizes.append(sizes)
        self._rows = []

    def merge(self, other: CountTable) -> CountTable:
        """Fold ``other`` into this table (in place) and return it."""
        if other is self:
            raise ValueError("cannot merge a table into itself")
        other._frame_rows()
        self._frame_rows()
        self._counts.extend(other._counts)
        self._sizes.extend(other._sizes)
        self.has_forms = self.has_forms or other.has_forms
        return self

    def merge_all(self, others: Sequence[CountTable]) -> CountTable:
        """Fold several tables into this one (in place), in any order, and return it."""
        for other in others:
            self.merge(other)
        return self

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The summed tidy tables (keys as columns ``_key0``, ``_key1``, ...)."""
        self._frame_rows()
        if not self._sizes:
            return (pd.DataFrame({c: pd.Series([], dtype=object) for c in ("term", "form")})
                    .assign(count=pd.Series([], dtype="int64"), docs=pd.Series([], dtype="int64")),
                    pd.DataFrame({"tokens": [0], "documents": [0]}))
        keys = [c for c in self._sizes[0].columns if c.startswith("_key")]
        if len(self._counts) == 1:
            return self._counts[0], self._sizes[0]
        counts, sizes = sum_counts(self._counts, self._sizes, keys)
        self._counts, self._sizes = [counts], [sizes]
        return counts, sizes

    def counts(self, key: Hashable = ()) -> Counter:
        """Item counts of a group (stopwords included)."""
        counts, _sizes = self.tables()
        mine = _select(counts, _as_tuple(key))
        return Counter(mine.groupby("term", sort=False)["count"].sum().to_dict())

    def tokens(self, key: Hashable = ()) -> int:
        """Total items of a group, stopwords included."""
        _counts, sizes = self.tables()
        return int(_select(sizes, _as_tuple(key))["tokens"].sum())

    def to_frame(
        self,
        by: Sequence[str] = (),
        min_count: int = 1,
        item: str = "term",
        drop: Any = None,
        options: TermOptions | None = None,
    ) -> pd.DataFrame:
        """Finalize: columns ``*by, <item>, count, docs, share, rank`` (+ ``form`` when the
        written forms were counted); see :func:`toolkit.frequency.term_frequencies`."""
        counts, sizes = self.tables()
        by = tuple(by)
        names = _key_names(len(by))
        renamed = dict(zip(names, by, strict=True))
        return frequency_view(counts.rename(columns=renamed), sizes.rename(columns=renamed), by,
                              min_count=min_count, drop=drop, forms=self.has_forms, item=item)


def _select(frame: pd.DataFrame, key: tuple) -> pd.DataFrame:
    mask = np.ones(len(frame), dtype=bool)
    for name, value in zip(_key_names(len(key)), key, strict=True):
        mask &= (frame[name] == value).to_numpy()
    return frame[mask]


def count_corpus(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    options: TermOptions | None = None,
    forms: bool = False,
) -> CountTable:
    """The :class:`CountTable` of a corpus (or a partition) by ``by`` (with ``forms=True``
    its frame carries each term's written form)."""
    opts = options or TermOptions()
    cols = normalize_by(by)
    keyed = ((text, key) for _doc_id, text, key, _date in iter_documents(corpus, cols))
    counts, sizes = count_keyed(keyed, _key_names(len(cols)), opts)
    return CountTable(counts, sizes, forms=forms and forms_path(opts))


def term_frequencies(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    *,
    preset: str = "search",
    clitics: str = "strip",
    stopwords: bool | Sequence[str] = True,
    min_count: int = 1,
    kinds: Sequence[str] = ("word", "latin"),
    forms: bool = True,
    options: TermOptions | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """How often each term occurs, overall or per group.

    A term is a normalized word with its proclitics stripped (see
    :mod:`toolkit.frequency.terms`), so ``وليبيا`` and ``لليبيا`` count as ``ليبيا``.
    Columns: ``*by`` (e.g. ``source`` or ``week``), ``term``, ``count`` (occurrences),
    ``docs`` (documents containing it), ``share`` (count / all terms of the group,
    stopwords included), ``rank`` (1 = most frequent; ties share a rank) and, with
    ``forms=True``, ``form``: the term's most frequent written form in the whole corpus
    (``الحكومة`` for ``حكومه``), a label for charts. Stopwords are removed from the rows by
    default (``stopwords=False`` keeps them). ``options`` (a :class:`TermOptions`) replaces
    ``preset, clitics, stopwords, kinds``. A view of :func:`term_counts`; memory grows with
    the vocabulary, not the corpus. ``client`` (a ``distributed.Client`` or a scheduler
    address) computes the same table on Dask (:func:`toolkit.scale.functions.term_frequencies`).

    >>> from toolkit.corpus import Corpus
    >>> c = Corpus.from_records([{"text": "وصل حفتر إلى ليبيا. لليبيا جيش."}])
    >>> term_frequencies(c).set_index("term").loc["ليبيا", "count"]
    np.int64(2)
    """
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    opts = make_options(
        options, preset=preset, clitics=clitics, stopwords=stopwords, kinds=tuple(kinds)
    )
    cols = normalize_by(by)
    if client is not None:
        from toolkit.scale.functions import term_frequencies as on_dask

        return on_dask(corpus, cols, client=client, min_count=min_count, forms=forms, options=opts)
    counts, sizes = term_counts(corpus, cols, options=opts)
    return frequency_view(counts, sizes, cols, min_count=int(min_count), drop=dropper(opts),
                          forms=forms and forms_path(opts))


def tfidf(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    *,
    top: int | None = None,
    preset: str = "search",
    clitics: str = "strip",
    stopwords: bool | Sequence[str] = True,
    min_count: int = 1,
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """tf-idf of each term in each document (or in each group with ``by=``).

    Formula (quanteda's ``dfm_tfidf`` default): ``tfidf = count × log10(D / docs)``, where
    ``count`` is the term's count in the unit (document or group), ``D`` the number of units
    and ``docs`` the number of units containing the term; a term present in every unit
    scores 0. Columns: ``doc_id`` (or the ``by`` columns), ``term``, ``count``, ``docs``,
    ``tfidf``; sorted by unit, then tf-idf descending; ``top`` keeps the best N per unit.
    A view of :func:`term_counts` by unit.

    >>> tfidf(["حفتر في باريس", "السراج في طرابلس"]).query("doc_id == '0'").term.tolist()
    ['باريس', 'حفتر']
    """
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    cols = normalize_by(by)
    unit_cols = list(cols) if cols else ["doc_id"]
    columns = [*unit_cols, "term", "count", "docs", "tfidf"]
    counts, sizes = term_counts(corpus, unit_cols, options=opts)
    per, n_units = unit_term_counts(counts, sizes, unit_cols)
    per = per.drop(columns="docs")
    df = per["term"].value_counts(sort=False)
    drop = dropper(opts)
    keep = per["count"].to_numpy() >= min_count
    if drop is not None:
        keep &= ~per["term"].map(drop).astype(bool).to_numpy()
    frame = per[keep].reset_index(drop=True)
    if frame.empty:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
    frame["count"] = frame["count"].astype(np.int64)
    frame["docs"] = frame["term"].map(df).astype(np.int64)
    frame["tfidf"] = frame["count"] * np.log10(n_units / frame["docs"])
    frame = frame.sort_values(
        [*unit_cols, "tfidf", "term"], ascending=[True] * len(unit_cols) + [False, True]
    )
    if top is not None:
        frame = frame.groupby(unit_cols, sort=False).head(int(top))
    return frame[columns].reset_index(drop=True)
