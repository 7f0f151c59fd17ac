"""Term counts per group kept as arrays: the fast path when document frequencies are not needed.

Keyness needs, for each side, every term's count and the side's total; nothing per
document. Counting that through dictionaries (a ``Counter`` per group, updated batch by
batch, the written forms mapped to terms in every batch) spends most of its time probing
dictionaries. :class:`FormCounts` keeps a batch's counts as arrays instead: pyarrow
dictionary-encodes the batch's words, ``numpy`` counts each (group, word) pair, and the
pairs of all batches are summed by pyarrow's hash aggregation. Written forms are mapped to
terms once, at the end, over the distinct forms of the whole input, not once per batch.
The counts are exactly those of :func:`toolkit.frequency.counts.count_texts`.

>>> fc = FormCounts()
>>> fc.add([["ليبيا", "وليبيا"], ["وليبيا", "جيش"]], [0, 1])
>>> counts = fc.term_counts(lambda forms: [f.removeprefix("و") for f in forms])
>>> {g: s.sort_index().to_dict() for g, s in counts.items()}
{0: {'ليبيا': 2}, 1: {'جيش': 1, 'ليبيا': 1}}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.frequency.packed import most_frequent
from toolkit.frequency.tally import _keyed_counts

__all__ = ["FormCounts"]

#: (group, form) rows held before they are summed into one chunk (bounds the memory: the
#: rows of a batch are its distinct words, so this is a few batches' worth)
COMPACT_ROWS = 4_000_000


class FormCounts:
    """Counts of written forms (or of items) per group index, accumulated batch by batch.

    :meth:`add` counts a batch; :meth:`term_counts` maps the forms to terms and gives each
    group's term counts; :meth:`tokens` each group's total; :meth:`form_totals` every
    form's count over all groups (the source of display labels).
    """

    def __init__(self) -> None:
        self._chunks: list[pa.Table] = []
        self._rows = 0
        self._tokens: dict[int, int] = {}
        self._table: pa.Table | None = None
        self._terms: tuple[object, _Terms] | None = None

    def add(self, documents: Sequence[list[str]], groups: Sequence[int]) -> None:
        """Count a batch: ``documents`` (each a list of words), ``groups`` (the group index
        of each document, a small non-negative integer)."""
        n = len(documents)
        group_of_doc = np.asarray(groups, dtype=np.int64)
        if len(group_of_doc) != n:
            raise ValueError(f"{len(group_of_doc)} group indices for {n} documents")
        if n == 0:
            return
        lengths = np.fromiter(map(len, documents), dtype=np.int64, count=n)
        totals = np.bincount(group_of_doc, weights=lengths)
        for g in np.flatnonzero(np.bincount(group_of_doc)):
            self._tokens[int(g)] = self._tokens.get(int(g), 0) + int(totals[g])
        flat = list(chain.from_iterable(documents))
        if not flat:
            return
        encoded = pc.dictionary_encode(pa.array(flat, type=pa.string()))
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
        words = encoded.dictionary
        n_words = len(words)
        keys = np.repeat(group_of_doc, lengths) * n_words + codes
        found, counts = _keyed_counts(keys, (int(group_of_doc.max()) + 1) * n_words)
        chunk = pa.table(
            {
                "group": pa.array(found // n_words, type=pa.int64()),
                "form": words.take(pa.array(found % n_words)),
                "count": pa.array(counts, type=pa.int64()),
            }
        )
        self._chunks.append(chunk)
        self._rows += len(chunk)
        self._table = self._terms = None
        if self._rows > COMPACT_ROWS and len(self._chunks) > 1:
            self._chunks = [self._summed()]
            self._rows = len(self._chunks[0])

    def add_counts(self, forms: pa.Array, counts: Any, group: int, tokens: int) -> None:
        """Add counts made elsewhere (a stored table of one group): distinct ``forms``, their
        ``counts``, and the group's number of words ``tokens``."""
        if len(forms) != len(counts):
            raise ValueError(f"{len(forms)} forms for {len(counts)} counts")
        self._tokens[int(group)] = self._tokens.get(int(group), 0) + int(tokens)
        if not len(forms):
            return
        chunk = pa.table(
            {
                "group": pa.array(np.full(len(forms), group, dtype=np.int64)),
                "form": _array(forms, pa.string()),
                "count": _array(counts, pa.int64()),
            }
        )
        self._chunks.append(chunk)
        self._rows += len(chunk)
        self._table = self._terms = None

    def _summed(self) -> pa.Table:
        if not self._chunks:
            return pa.table(
                {"group": pa.array([], pa.int64()), "form": pa.array([], pa.string()),
                 "count": pa.array([], pa.int64())}
            )
        if len(self._chunks) == 1:
            return self._chunks[0]
        both = pa.concat_tables(self._chunks)
        summed = both.group_by(["group", "form"], use_threads=False).aggregate([("count", "sum")])
        return summed.rename_columns(["group", "form", "count"])

    def table(self) -> pa.Table:
        """Columns ``group, form, count``: one row per (group, form) seen."""
        if self._table is None:
            self._table = self._summed()
            self._chunks = [self._table] if len(self._table) else []
            self._rows = len(self._table)
        return self._table

    def tokens(self) -> dict[int, int]:
        """Each group's number of words (stopwords included: the denominator of shares)."""
        return dict(self._tokens)

    def _frame(self, to_terms: Callable[[list[str]], list[str]] | None) -> _Terms:
        if self._terms is not None and self._terms[0] is to_terms:
            return self._terms[1]
        mapped = _Terms(self.table(), to_terms)
        self._terms = (to_terms, mapped)
        return mapped

    def term_counts(
        self, to_terms: Callable[[list[str]], list[str]] | None = None
    ) -> dict[int, pd.Series]:
        """Each group's term counts (a Series: term → count); ``to_terms`` maps a list of
        distinct forms to their terms (identity when None)."""
        return self._frame(to_terms).counts()

    def best_forms(self, to_terms: Callable[[list[str]], list[str]]) -> dict[str, str]:
        """Each term's most frequent written form over all groups (ties: the first in
        code-point order), as :meth:`toolkit.frequency.counts.CountTable.best_forms`."""
        return self._frame(to_terms).best_forms()


def _array(values: Any, type_: pa.DataType) -> pa.Array:
    """``values`` (an arrow array or chunked array, or a sequence) as one arrow array."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if values.type == type_ else values.cast(type_)
    return pa.array(values, type=type_)


class _Terms:
    """The rows of a ``group, form, count`` table with each form's term, as integer codes:
    ``form`` (index into ``forms``), ``term`` (index into ``terms``)."""

    def __init__(
        self, table: pa.Table, to_terms: Callable[[list[str]], list[str]] | None
    ) -> None:
        encoded = pc.dictionary_encode(table.column("form")).combine_chunks()
        self.group = table.column("group").to_numpy()
        self.count = table.column("count").to_numpy()
        self.form = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
        self.forms = encoded.dictionary
        if to_terms is None:
            self.terms, term_of_form = self.forms, np.arange(len(self.forms), dtype=np.int64)
        else:
            mapped = to_terms(self.forms.to_pylist())
            if len(mapped) != len(self.forms):
                raise ValueError("to_terms must give one term per form")
            by_term = pc.dictionary_encode(pa.array(mapped, type=pa.string()))
            self.terms = by_term.dictionary
            term_of_form = by_term.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        self.term_of_form = term_of_form
        self.term = term_of_form[self.form]

    def counts(self) -> dict[int, pd.Series]:
        n_terms = len(self.terms)
        keys = self.group * n_terms + self.term
        summed = np.bincount(keys, weights=self.count) if len(keys) else np.zeros(0)
        found = np.flatnonzero(summed)
        names = np.asarray(self.terms.to_numpy(zero_copy_only=False), dtype=object)
        out: dict[int, pd.Series] = {}
        groups = found // n_terms
        for g in np.unique(groups).tolist():
            mine = found[groups == g]
            out[int(g)] = pd.Series(
                summed[mine].astype(np.int64), index=pd.Index(names[mine % n_terms], dtype=object)
            )
        return out

    def best_forms(self) -> dict[str, str]:
        totals = np.bincount(self.form, weights=self.count, minlength=len(self.forms))
        first = most_frequent(self.forms, totals, self.term_of_form)
        forms = self.forms.take(pa.array(first)).to_pylist()
        terms = self.terms.take(pa.array(self.term_of_form[first])).to_pylist()
        return dict(zip(terms, forms, strict=True))
