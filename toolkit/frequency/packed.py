"""A count table's contents as arrays: how partial tables travel and are summed.

A :class:`toolkit.frequency.counts.CountTable` holds dictionaries (a ``Counter`` of items and
one of document frequencies per group, the written forms and their terms). Sending one to
another process as dictionaries costs a Python object per entry on both sides, and adding
two of them a dictionary probe per entry. :class:`Packed` holds the same contents as a few
columns (pyarrow strings, numpy integers): it pickles as raw buffers, and
:func:`consolidate` sums any number of them with pyarrow's hash aggregation, in C++. A
Dask client (or a serial pass over partitions) therefore merges partial tables by
concatenating columns, and builds dictionaries once, for the final table only.

>>> p = pack({("okaz",): ({"ليبيا": 3, "جيش": 1}, {"ليبيا": 2, "جيش": 1}, 4, 2)}, {}, {})
>>> q = pack({("okaz",): ({"ليبيا": 1}, {"ليبيا": 1}, 1, 1)}, {}, {})
>>> groups, _forms, _terms = unpack(consolidate([p, q]))
>>> items, counts, docs, tokens, documents = groups[("okaz",)]
>>> sorted(zip(items, counts, docs)), tokens, documents
([('جيش', 1, 1), ('ليبيا', 4, 3)], 5, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.frequency.tally import Tally

__all__ = ["Packed", "pack", "pack_tally", "consolidate", "unpack", "group_rows", "best_forms"]

#: a group's counts as plain data: (item → count, item → documents, tokens, documents)
GroupData = tuple[Mapping[str, int], Mapping[str, int], int, int]


@dataclass
class Packed:
    """A count table as columns: ``rows`` (``key, item, count, docs``: ``key`` indexes
    ``keys``), per-key ``tokens`` and ``documents``, and ``forms`` (``form, count, term``:
    ``count`` is null for a form known only by its term, ``term`` null for a form whose
    term is not known)."""

    keys: list[Hashable]
    rows: pa.Table
    tokens: np.ndarray
    documents: np.ndarray
    forms: pa.Table

    def __len__(self) -> int:
        return self.rows.num_rows + self.forms.num_rows


def _strings(values: Sequence[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


def _ints(values: Sequence[int] | np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), type=pa.int64())


def pack(
    groups: Mapping[Hashable, GroupData],
    forms: Mapping[str, int],
    form_terms: Mapping[str, str],
) -> Packed:
    """The columns of a table given as dictionaries (``groups``: key → (counts, docs,
    tokens, documents); ``forms``: form → count; ``form_terms``: form → term)."""
    keys = list(groups)
    key_col: list[np.ndarray] = []
    items: list[str] = []
    counts: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    for index, (item_counts, item_docs, _tokens, _documents) in enumerate(groups.values()):
        mine = list(item_counts)
        n = len(mine)
        items.extend(mine)
        key_col.append(np.full(n, index, dtype=np.int64))
        counts.append(np.fromiter(item_counts.values(), dtype=np.int64, count=n))
        get = item_docs.get
        docs.append(np.fromiter((get(i, 0) for i in mine), dtype=np.int64, count=n))
    empty = np.zeros(0, dtype=np.int64)
    rows = pa.table(
        {
            "key": _ints(np.concatenate(key_col) if key_col else empty),
            "item": _strings(items),
            "count": _ints(np.concatenate(counts) if counts else empty),
            "docs": _ints(np.concatenate(docs) if docs else empty),
        }
    )
    names = list(forms)
    only_terms = [f for f in form_terms if f not in forms]
    terms = list(map(form_terms.get, names)) + [form_terms[f] for f in only_terms]
    form_counts = pa.array(
        np.fromiter(forms.values(), dtype=np.int64, count=len(forms)), type=pa.int64()
    )
    if only_terms:
        form_counts = pa.concat_arrays([form_counts, pa.nulls(len(only_terms), pa.int64())])
    return Packed(
        keys,
        rows,
        np.array([g[2] for g in groups.values()], dtype=np.int64),
        np.array([g[3] for g in groups.values()], dtype=np.int64),
        pa.table(
            {"form": _strings(names + only_terms), "count": form_counts, "term": _strings(terms)}
        ),
    )


def pack_tally(counted: Tally, keys: Sequence[Hashable], forms: bool = False) -> Packed:
    """The columns of a batch counted by :func:`toolkit.frequency.tally.tally`; ``keys[i]``
    is the group key of its group index ``i``; ``forms``: also its written forms. The
    strings are taken from the batch's arrow arrays, never converted again."""
    index = sorted(counted.groups)
    parts = [counted.groups[i] for i in index]
    empty = np.zeros(0, dtype=np.int64)

    def joined(arrays: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(arrays) if arrays else empty

    ids = joined([p.ids for p in parts])
    if counted.item_array is not None:
        items = counted.item_array.take(pa.array(ids))
    else:  # a Tally made elsewhere: its items as strings
        items = _strings([i for p in parts for i in p.items])
    rows = pa.table(
        {
            "key": _ints(joined([np.full(len(p.ids), k, dtype=np.int64)
                                 for k, p in enumerate(parts)])),
            "item": items,
            "count": _ints(joined([p.counts for p in parts])),
            "docs": _ints(
                joined([p.docs for p in parts]) if counted.has_docs else np.zeros(len(ids), np.int64)
            ),
        }
    )
    if forms and counted.words:
        words = counted.word_array if counted.word_array is not None else _strings(counted.words)
        if counted.word_item_ids is not None and counted.item_array is not None:
            terms = counted.item_array.take(pa.array(counted.word_item_ids))
        elif counted.word_items is not None:
            terms = _strings(counted.word_items)
        else:
            terms = pa.nulls(len(words), pa.string())
        form_table = pa.table(
            {"form": words, "count": _ints(counted.word_counts), "term": terms}
        )
    else:
        form_table = pa.table(
            {"form": _strings([]), "count": _ints(empty), "term": _strings([])}
        )
    return Packed(
        [keys[i] for i in index],
        rows,
        np.array([p.tokens for p in parts], dtype=np.int64),
        np.array([p.documents for p in parts], dtype=np.int64),
        form_table,
    )


def consolidate(parts: Sequence[Packed]) -> Packed:
    """One :class:`Packed` holding the sums of ``parts`` (counts, document frequencies,
    tokens and documents add up per key and item; form counts per form)."""
    if len(parts) == 1:
        return parts[0]
    keys: dict[Hashable, int] = {}
    rows = []
    for part in parts:
        local = np.array([keys.setdefault(k, len(keys)) for k in part.keys], dtype=np.int64)
        key = part.rows.column("key").to_numpy()
        rows.append(part.rows.set_column(0, "key", _ints(local[key] if len(key) else key)))
    tokens = np.zeros(len(keys), dtype=np.int64)
    documents = np.zeros(len(keys), dtype=np.int64)
    for part in parts:
        where = np.array([keys[k] for k in part.keys], dtype=np.int64)
        np.add.at(tokens, where, part.tokens)
        np.add.at(documents, where, part.documents)
    both = pa.concat_tables(rows)
    if len(keys) == 1:  # one group (no ``by``): the items alone are the key, hashed faster
        summed = (
            both.group_by("item", use_threads=False)
            .aggregate([("count", "sum"), ("docs", "sum")])
            .rename_columns(["item", "count", "docs"])
        )
        summed = summed.add_column(0, "key", _ints(np.zeros(summed.num_rows, dtype=np.int64)))
    else:
        summed = both.group_by(["key", "item"], use_threads=False).aggregate(
            [("count", "sum"), ("docs", "sum")]
        ).rename_columns(["key", "item", "count", "docs"])
    summed = summed.select(["key", "item", "count", "docs"])
    # a form's term is the same wherever it was counted (the same options): keep one
    forms = (
        pa.concat_tables([p.forms for p in parts])
        .group_by("form", use_threads=False)
        .aggregate([("count", "sum"), ("term", "first")])
        .rename_columns(["form", "count", "term"])
        .select(["form", "count", "term"])
    )
    return Packed(list(keys), summed, tokens, documents, forms)


def unpack(
    packed: Packed,
) -> tuple[dict[Hashable, tuple[list[str], list[int], list[int], int, int]], dict, dict]:
    """The dictionaries' contents back: key → (items, counts, docs, tokens, documents) with
    the lists in the same order, form → count, and form → term."""
    rows = packed.rows
    key = rows.column("key").to_numpy()
    order = np.argsort(key, kind="stable")
    key = key[order]
    items = rows.column("item").take(pa.array(order)).to_pylist()
    counts = rows.column("count").to_numpy()[order].tolist()
    docs = rows.column("docs").to_numpy()[order].tolist()
    bounds = np.searchsorted(key, np.arange(len(packed.keys) + 1)).tolist()
    groups = {}
    for index, k in enumerate(packed.keys):
        s, e = bounds[index], bounds[index + 1]
        groups[k] = (
            items[s:e],
            counts[s:e],
            docs[s:e],
            int(packed.tokens[index]),
            int(packed.documents[index]),
        )
    names = packed.forms.column("form")
    counts_col = packed.forms.column("count")
    terms_col = packed.forms.column("term")
    if counts_col.null_count:
        has = counts_col.is_valid()
        forms = dict(zip(names.filter(has).to_pylist(), counts_col.filter(has).to_pylist(),
                         strict=True))
    else:
        forms = dict(zip(names.to_pylist(), counts_col.to_pylist(), strict=True))
    if terms_col.null_count:
        has = terms_col.is_valid()
        names, terms_col = names.filter(has), terms_col.filter(has)
    form_terms = dict(zip(names.to_pylist(), terms_col.to_pylist(), strict=True))
    return groups, forms, form_terms


def group_rows(
    packed: Packed,
    min_count: int = 1,
    drop: Callable[[str], bool] | None = None,
    best: pa.Table | None = None,
) -> list[tuple[Hashable, list[str], np.ndarray, np.ndarray, int, list[str] | None]]:
    """Each key's rows of a consolidated table: (key, items, counts, docs, tokens, forms),
    keeping the items counted ``min_count`` times or more and not dropped by ``drop``;
    ``forms``: each item's label from ``best`` (a :func:`best_forms` table; the item itself
    when it has none), or None without ``best``."""
    rows = packed.rows
    key = rows.column("key").to_numpy()
    order = np.argsort(key, kind="stable")
    key = key[order]
    item_col = rows.column("item").take(pa.array(order))
    items = item_col.to_pylist()
    labels = None
    if best is not None:
        found = best.column("form").take(pc.index_in(item_col, value_set=best.column("term")))
        labels = pc.coalesce(found, item_col).to_pylist()
    counts = rows.column("count").to_numpy()[order]
    docs = rows.column("docs").to_numpy()[order]
    keep = counts >= min_count
    if drop is not None:
        keep &= ~np.fromiter(map(drop, items), dtype=bool, count=len(items))
    bounds = np.searchsorted(key, np.arange(len(packed.keys) + 1)).tolist()
    out = []
    for index, k in enumerate(packed.keys):
        s, e = bounds[index], bounds[index + 1]
        mine = (np.flatnonzero(keep[s:e]) + s).tolist()
        out.append(
            (k, [items[i] for i in mine], counts[mine], docs[mine], int(packed.tokens[index]),
             None if labels is None else [labels[i] for i in mine])
        )
    return out


def best_forms(packed: Packed) -> pa.Table | None:
    """Each term's most frequent written form (ties: the first in code-point order), from a
    consolidated table's forms: columns ``term, form``; None when some form's term is not
    known."""
    forms = packed.forms
    counts = forms.column("count")
    if counts.null_count:
        forms = forms.filter(counts.is_valid())
    terms = forms.column("term")
    if terms.null_count:
        return None
    if forms.num_rows == 0:
        return pa.table({"term": _strings([]), "form": _strings([])})
    names = forms.column("form").combine_chunks()
    by_term = pc.dictionary_encode(terms).combine_chunks()
    term_code = by_term.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    chosen = pa.array(most_frequent(names, forms.column("count").to_numpy(), term_code))
    return pa.table({"term": terms.take(chosen), "form": names.take(chosen)})


def most_frequent(names: pa.Array, totals: np.ndarray, group: np.ndarray) -> np.ndarray:
    """For each distinct ``group`` code, the index of its name with the largest total (ties:
    the first name in code-point order): how a term's written form is chosen."""
    # code-point order of the names (pyarrow sorts UTF-8 bytes: the same order)
    rank = np.empty(len(names), dtype=np.int64)
    rank[pc.sort_indices(names).to_numpy()] = np.arange(len(names))
    order = np.lexsort((rank, -totals, group))
    in_order = group[order]
    return order[np.r_[True, in_order[1:] != in_order[:-1]]]
