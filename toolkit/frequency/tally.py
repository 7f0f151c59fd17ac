"""Counting a batch of documents at once, in C: the fast path of every count table.

Counting word by word in Python (``Counter.update`` per document, once for the counts,
once for the document frequencies, once for the written forms) spends most of its time
probing large dictionaries. Here a batch of documents is counted in a handful of
vectorized steps: the batch's words are dictionary-encoded by pyarrow (each distinct word
once), the distinct words are mapped to terms in Python (a few thousand per batch, not a
million), and counts, document frequencies and token totals come from ``numpy`` sorting
and ``bincount``. The result is exactly what per-document counting gives.

>>> t = tally([["ليبيا", "وليبيا", "جيش"], ["ليبيا"]], [0, 0], lambda ws: [w.removeprefix("و") for w in ws])
>>> sorted(zip(t.groups[0].items, t.groups[0].counts.tolist(), t.groups[0].docs.tolist()))
[('جيش', 1, 1), ('ليبيا', 3, 2)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["GroupTally", "Tally", "tally"]


@dataclass
class GroupTally:
    """One group of a batch: its distinct items (``ids`` into the batch's ``distinct``
    items; :attr:`items` as strings) with their ``counts`` and ``docs`` (documents holding
    them), ``tokens`` (all items) and ``documents``."""

    ids: np.ndarray
    counts: np.ndarray
    docs: np.ndarray
    tokens: int
    documents: int
    distinct: list[str] = field(default_factory=list, repr=False)

    @property
    def items(self) -> list[str]:
        """The group's distinct items, in the order of ``counts``."""
        distinct = self.distinct
        return [distinct[i] for i in self.ids.tolist()]


@dataclass
class Tally:
    """A counted batch: ``groups`` by group index, and each distinct written word's count
    (``words``, ``word_counts``), the source of display forms. The same strings as arrow
    arrays (``word_array``, ``item_array``: the batch's distinct items, which the groups'
    ``ids`` index; ``word_item_ids``: the item of each word) let callers build columns
    without converting strings again."""

    groups: dict[int, GroupTally]
    words: list[str]
    word_counts: np.ndarray
    #: False when the document frequencies were not counted (``tally(..., docs=False)``)
    has_docs: bool = True
    #: the item each of ``words`` counts as (``words`` itself when no ``to_items`` was given)
    word_items: list[str] | None = None
    word_array: pa.Array | None = None
    item_array: pa.Array | None = None
    word_item_ids: np.ndarray | None = None


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of an int64 array and how often each occurs (a sort and a
    diff: faster here than ``np.unique``, whose hash path is slow on large arrays)."""
    s = np.sort(keys)
    first = np.empty(len(s), dtype=bool)
    first[:1] = True
    np.not_equal(s[1:], s[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return s[starts], np.diff(np.append(starts, len(s)))


def _keyed_counts(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`_unique_counts` for keys in ``[0, size)``: a ``bincount`` (no sort) when
    the key space is small next to the number of keys."""
    if size <= 4 * len(keys) + (1 << 20):
        dense = np.bincount(keys, minlength=size)
        found = np.flatnonzero(dense)
        return found, dense[found]
    return _unique_counts(keys)


def _encode(flat: list[str]) -> tuple[np.ndarray, pa.Array]:
    """Codes and distinct values of a list of strings (pyarrow's hash table, in C++)."""
    encoded = pc.dictionary_encode(pa.array(flat, type=pa.string()))
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary


def tally(
    documents: Sequence[list[str]],
    groups: Sequence[int],
    to_items: Callable[[list[str]], list[str]] | None = None,
    docs: bool = True,
) -> Tally:
    """Count a batch: ``documents`` (each a list of words), ``groups`` (a group index per
    document); ``to_items`` maps a list of distinct words to the item each counts as (the
    same length; identity when None). ``docs=False`` skips the document frequencies (their
    arrays are then zeros), the costliest step, for callers that only need counts.

    >>> t = tally([["حفتر", "ماكرون"], ["حفتر"]], [0, 1])
    >>> {g: dict(zip(x.items, x.counts.tolist())) for g, x in sorted(t.groups.items())}
    {0: {'حفتر': 1, 'ماكرون': 1}, 1: {'حفتر': 1}}
    """
    n = len(documents)
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=n)
    group_of_doc = np.asarray(groups, dtype=np.int64)
    if len(group_of_doc) != n:
        raise ValueError(f"{len(group_of_doc)} group indices for {n} documents")
    doc_totals = np.bincount(group_of_doc, minlength=1) if n else np.zeros(1, np.int64)
    token_totals = np.bincount(group_of_doc, weights=lengths, minlength=1) if n else doc_totals
    flat = list(chain.from_iterable(documents))
    out: dict[int, GroupTally] = {}
    none = np.zeros(0, np.int64)
    if not flat:
        for g in np.flatnonzero(doc_totals):
            out[int(g)] = GroupTally(none, none, none, 0, int(doc_totals[g]))
        return Tally(out, [], none, docs)
    codes, word_array = _encode(flat)
    words = word_array.to_pylist()
    word_counts = np.bincount(codes, minlength=len(words))
    if to_items is None:  # the words are the items
        items = words
        item_codes = np.arange(len(words), dtype=np.int64)
        distinct, item_array = words, word_array
    else:
        items = to_items(words)
        if len(items) != len(words):
            raise ValueError("to_items must give one item per word")
        item_codes, uniques = pd.factorize(np.asarray(items, dtype=object))
        distinct = uniques.tolist()
        item_array = pa.array(distinct, type=pa.string())
    n_items = len(distinct)
    item = item_codes[codes].astype(np.int64)
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    # (group, item) occurrences and distinct (document, item) pairs, as sorted int64 keys
    n_keys = (int(group_of_doc.max()) + 1) * n_items
    count_keys, counts = _keyed_counts(group_of_doc[doc] * n_items + item, n_keys)
    if docs:
        pairs, _ = _unique_counts(doc * n_items + item)
        pair_keys = group_of_doc[pairs // n_items] * n_items + pairs % n_items
        doc_keys, doc_counts = _keyed_counts(pair_keys, n_keys)
        # the same keys: an item occurs in a group iff a document of the group holds it
        assert np.array_equal(count_keys, doc_keys)
    else:
        doc_counts = np.zeros(len(count_keys), dtype=np.int64)
    key_group = count_keys // n_items
    bounds = np.flatnonzero(np.diff(key_group)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(count_keys)]))
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        g = int(key_group[s])
        out[g] = GroupTally(
            count_keys[s:e] % n_items,
            counts[s:e],
            doc_counts[s:e],
            int(token_totals[g]),
            int(doc_totals[g]),
            distinct,
        )
    for g in np.flatnonzero(doc_totals):  # groups whose documents hold no word
        if int(g) not in out:
            out[int(g)] = GroupTally(none, none, none, 0, int(doc_totals[g]))
    return Tally(
        out, words, word_counts, docs, items, word_array, item_array,
        np.asarray(item_codes, dtype=np.int64),
    )
