"""Term frequencies as a per-document map and a mergeable reduce.

The map is :func:`count_document` (one text → a :class:`DocumentCounts`); the reduce is
:class:`CountTable` (``add`` documents, ``merge`` partial tables, ``to_frame``). Any scheduler
can run the map on partitions and merge the tables in any order: the result is the same.
:func:`term_frequencies` is that pipeline run serially.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from toolkit.frequency.document_counts import document_term_counts, unit_term_counts
from toolkit.frequency.packed import (
    Packed,
    consolidate,
    group_rows,
    pack,
    pack_tally,
    unpack,
)
from toolkit.frequency.packed import best_forms as packed_best_forms
from toolkit.frequency.source import iter_documents, normalize_by
from toolkit.frequency.tally import tally
from toolkit.frequency.terms import (
    TermOptions,
    document_forms,
    document_terms,
    dropper,
    form_term,
    forms_path,
    forms_to_terms,
    make_options,
)

#: packed entries a table holds from merges before they are summed (bounds their memory:
#: about 40 bytes an entry)
COMPACT_ENTRIES = 3_000_000
#: ... or packed parts: a table that receives partial tables as they arrive (a Dask client)
#: sums them a few at a time while the others are computed, so that little is left to sum
#: after the last one
COMPACT_PARTS = 6

#: characters of text counted per vectorized batch (bounds the batch's transient memory:
#: about 60 bytes per word)
BATCH_CHARS = 4_000_000


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


@dataclass
class _Group:
    counts: Counter = field(default_factory=Counter)
    docs: Counter = field(default_factory=Counter)
    tokens: int = 0
    documents: int = 0

    def merge(self, other: _Group) -> None:
        self.counts.update(other.counts)
        self.docs.update(other.docs)
        self.tokens += other.tokens
        self.documents += other.documents


class CountTable:
    """Reduce step: counts, document frequencies and token totals per group key.

    >>> t = CountTable()
    >>> t.add(count_document("ليبيا وليبيا"), key=("okaz",))
    >>> t.to_frame(by=("source",))[["source", "term", "count", "docs"]].values.tolist()
    [['okaz', 'ليبيا', 2, 1]]
    """

    def __init__(self) -> None:
        self._groups: dict[Hashable, _Group] = {}
        self._forms: Counter = Counter()
        self._form_terms: dict[str, str] = {}
        # merged tables not yet folded into the dictionaries, as columns (see _settle)
        self._packed: list[Packed] = []
        self._packed_size = 0

    # The contents are the dictionaries plus the packed parts; reading any of them folds
    # the packed parts in first, once.

    @property
    def groups(self) -> dict[Hashable, _Group]:
        """Group key → its counts, document frequencies, tokens and documents."""
        self._settle()
        return self._groups

    @property
    def forms(self) -> Counter:
        """Written form → count, over all groups: the source of the ``form`` column."""
        self._settle()
        return self._forms

    @forms.setter
    def forms(self, value: Counter) -> None:
        self._settle()
        self._forms = value

    @property
    def form_terms(self) -> dict[str, str]:
        """Written form → the term it counts as (known where it was counted, so a merged
        table never maps its forms again)."""
        self._settle()
        return self._form_terms

    @form_terms.setter
    def form_terms(self, value: dict[str, str]) -> None:
        self._settle()
        self._form_terms = value

    def _settle(self) -> None:
        if not self._packed:
            return
        packed, self._packed, self._packed_size = consolidate(self._packed), [], 0
        groups, forms, form_terms = unpack(packed)
        for key, (items, counts, docs, tokens, documents) in groups.items():
            g = self._group(key)
            new_counts = dict(zip(items, counts, strict=True))
            new_docs = {i: d for i, d in zip(items, docs, strict=True) if d}
            if g.counts:
                g.counts.update(new_counts)
                g.docs.update(new_docs)
            else:
                g.counts, g.docs = Counter(new_counts), Counter(new_docs)
            g.tokens += tokens
            g.documents += documents
        if self._forms:
            self._forms.update(forms)
        else:
            self._forms = Counter(forms)
        self._form_terms.update(form_terms)

    def _packed_dicts(self) -> list[Packed]:
        """The table as packed parts: those pending and the dictionaries, packed."""
        parts = list(self._packed)
        if self._groups or self._forms or self._form_terms:
            data = {k: (g.counts, g.docs, g.tokens, g.documents) for k, g in self._groups.items()}
            parts.append(pack(data, self._forms, self._form_terms))
        return parts

    def __getstate__(self) -> dict:
        # columns, not dictionaries: cheap to send to another process and to merge there
        return {"packed": self._packed_dicts()}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        self._packed = list(state["packed"])
        self._packed_size = sum(map(len, self._packed))

    def add(self, doc: DocumentCounts, key: Hashable = ()) -> None:
        """Add one document's counts to the group ``key``."""
        g = self._group(key)
        g.counts.update(doc.counts)
        g.docs.update(doc.counts.keys())
        g.tokens += doc.tokens
        g.documents += 1

    def add_items(self, items: list, key: Hashable = (), forms: list | None = None) -> None:
        """Add one document given as its list of items (the fast path: counted in C);
        ``forms``: its written forms, when the table shows them (see ``best_forms``)."""
        if forms:
            self._forms.update(forms)
            if len(forms) == len(items):
                self._form_terms.update(zip(forms, items, strict=True))
        g = self._group(key)
        g.counts.update(items)
        g.docs.update(set(items))
        g.tokens += len(items)
        g.documents += 1

    def _group(self, key: Hashable) -> _Group:
        g = self._groups.get(key)
        if g is None:
            g = self._groups[key] = _Group()
        return g

    def merge(self, other: CountTable) -> CountTable:
        """Fold ``other`` into this table (in place) and return it. The sums are made in
        columns (:mod:`toolkit.frequency.packed`), when the table is next read."""
        if other is self:
            raise ValueError("cannot merge a table into itself")
        for part in other._packed_dicts():
            self.add_packed(part)
        return self

    def add_packed(self, part: Packed) -> None:
        """Add counts given as columns (summed with the rest when the table is read)."""
        self._packed.append(part)
        self._packed_size += len(part)
        if len(self._packed) > 1 and (
            self._packed_size > COMPACT_ENTRIES or len(self._packed) > COMPACT_PARTS
        ):
            self._packed = [consolidate(self._packed)]
            self._packed_size = len(self._packed[0])

    def merge_all(self, others: Sequence[CountTable]) -> CountTable:
        """Fold several tables into this one (in place), in any order, and return it."""
        for other in others:
            self.merge(other)
        return self

    def counts(self, key: Hashable = ()) -> Counter:
        """Item counts of a group (stopwords included)."""
        g = self.groups.get(key)
        return g.counts if g else Counter()

    def tokens(self, key: Hashable = ()) -> int:
        """Total items of a group, stopwords included."""
        g = self.groups.get(key)
        return g.tokens if g else 0

    def to_frame(
        self,
        by: Sequence[str] = (),
        min_count: int = 1,
        item: str = "term",
        drop: Callable[[str], bool] | None = None,
        options: TermOptions | None = None,
    ) -> pd.DataFrame:
        """Finalize: columns ``*by, <item>, count, docs, share, rank``.

        ``share`` = count / all items of the group (stopwords included); ``rank`` = 1 for
        the most frequent item of its group, ties share the lower rank. Sorted by group,
        then count descending, then item. ``drop(item)`` true leaves an item out of the rows
        (stopwords), not out of the totals. When written forms were collected, a ``form``
        column labels each term (``options``: the term options they were counted with).
        """
        by = tuple(by)
        if self._packed and not (self._groups or self._forms or self._form_terms):
            # merged partial tables only: the frame comes from their columns, no dictionaries
            self._packed = [consolidate(self._packed)]
            self._packed_size = len(self._packed[0])
            packed = self._packed[0]
            has_forms = packed.forms.column("count").null_count < packed.forms.num_rows
            best = packed_best_forms(packed) if has_forms else None
            if best is not None or not has_forms:  # (else: forms whose terms are unknown)
                parts = [
                    _part(key, items, counts, docs, tokens, by, item, forms)
                    for key, items, counts, docs, tokens, forms in group_rows(
                        packed, min_count, drop, best
                    )
                    if items
                ]
                frame = pd.concat(parts, ignore_index=True) if parts else None
                return self._finish(frame, has_forms, by, item, options)
        parts = []
        for key, g in self.groups.items():
            items = [k for k, c in g.counts.items() if c >= min_count]
            if drop is not None:
                items = [k for k in items if not drop(k)]
            if not items:
                continue
            counts = np.fromiter((g.counts[k] for k in items), dtype=np.int64, count=len(items))
            docs = np.fromiter((g.docs[k] for k in items), dtype=np.int64, count=len(items))
            parts.append(_part(key, items, counts, docs, g.tokens, by, item))
        frame = pd.concat(parts, ignore_index=True) if parts else None
        return self._finish(frame, bool(self.forms), by, item, options)

    def _finish(
        self,
        frame: pd.DataFrame | None,
        has_forms: bool,
        by: tuple[str, ...],
        item: str,
        options: TermOptions | None,
    ) -> pd.DataFrame:
        """The form labels, order and ranks of the rows of :meth:`to_frame`."""
        columns = [*by, item, "count", "docs", "share", "rank"]
        if has_forms:
            columns.append("form")
        if frame is None or frame.empty:
            return _empty(columns, item)
        if has_forms and "form" not in frame:
            frame["form"] = frame[item].map(self.best_forms(options)).fillna(frame[item])
        frame = frame.sort_values(
            [*by, "count", item], ascending=[True] * len(by) + [False, True], na_position="last"
        )
        if by:
            grouped = frame.groupby(list(by), sort=False, dropna=False)["count"]
            frame["rank"] = grouped.rank(method="min", ascending=False).astype("int64")
        else:
            frame["rank"] = frame["count"].rank(method="min", ascending=False).astype("int64")
        return frame[columns].reset_index(drop=True)

    def best_forms(self, options: TermOptions | None = None) -> dict[str, str]:
        """Each term's most frequent written form (ties: the first in code-point order)."""
        opts = options or TermOptions()
        forms = list(self.forms)
        known = self.form_terms
        if len(known) >= len(forms) and all(f in known for f in forms):
            terms = list(map(known.__getitem__, forms))
        elif forms_path(opts):
            terms = forms_to_terms(forms, opts)
        else:
            terms = [form_term(f, opts) for f in forms]
        best: dict[str, tuple[int, str]] = {}
        for form, term, n in zip(forms, terms, self.forms.values(), strict=True):
            held = best.get(term)
            if held is None or n > held[0] or (n == held[0] and form < held[1]):
                best[term] = (n, form)
        return {term: form for term, (_n, form) in best.items()}


def _part(
    key: Hashable,
    items: list[str],
    counts: np.ndarray,
    docs: np.ndarray,
    tokens: int,
    by: tuple[str, ...],
    item: str,
    forms: list[str] | None = None,
) -> pd.DataFrame:
    """The rows of one group of :meth:`CountTable.to_frame`, before ranks (and before
    labels, unless ``forms`` gives them)."""
    part = pd.DataFrame({item: items, "count": counts, "docs": docs})
    if forms is not None:
        part["form"] = forms
    part["share"] = part["count"] / tokens if tokens else 0.0
    for col, value in zip(by, _as_tuple(key), strict=True):
        part[col] = value
    return part


def _as_tuple(key: Hashable) -> tuple:
    return key if isinstance(key, tuple) else (key,)


def _empty(columns: list[str], item: str) -> pd.DataFrame:
    dtypes = {"count": "int64", "docs": "int64", "share": "float64", "rank": "int64"}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "object")) for c in columns})


def count_corpus(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    options: TermOptions | None = None,
    forms: bool = False,
) -> CountTable:
    """Map + reduce over a whole corpus, serially: the :class:`CountTable` of its terms
    (with ``forms=True``, also each term's written forms)."""
    options = options or TermOptions()
    keyed = ((text, key) for _doc_id, text, key, _date in iter_documents(corpus, normalize_by(by)))
    return count_texts(keyed, options, forms=forms)


def count_texts(
    keyed_texts: Iterable[tuple[str, Hashable]],
    options: TermOptions | None = None,
    forms: bool = False,
    table: CountTable | None = None,
    docs: bool = True,
) -> CountTable:
    """Count ``(text, group key)`` pairs into ``table`` (a new one by default), a batch of
    documents at a time (:mod:`toolkit.frequency.tally`): the same table as adding each
    document's terms one by one, several times faster. ``docs=False`` leaves the document
    frequencies out (keyness needs only counts and totals).

    >>> count_texts([("ليبيا وليبيا", ("okaz",))]).counts(("okaz",))["ليبيا"]
    2
    """
    options = options or TermOptions()
    table = table if table is not None else CountTable()
    by_forms = forms_path(options)
    keep_forms = forms and by_forms

    def to_terms(words: list[str]) -> list[str]:
        return forms_to_terms(words, options)

    texts: list[list[str]] = []
    groups: list[int] = []
    index: dict[Hashable, int] = {}
    keys: list[Hashable] = []
    chars = 0

    def flush() -> None:
        nonlocal chars
        if texts:
            counted = tally(texts, groups, to_terms if by_forms else None, docs=docs)
            table.add_packed(pack_tally(counted, keys, forms=keep_forms))
            texts.clear()
            groups.clear()
            index.clear()
            keys.clear()
        chars = 0

    for text, key in keyed_texts:
        g = index.get(key)
        if g is None:
            g = index[key] = len(keys)
            keys.append(key)
        groups.append(g)
        texts.append(document_forms(text, options) if by_forms else document_terms(text, options))
        chars += len(text)
        if chars >= BATCH_CHARS:
            flush()
    flush()
    return table


def _unit_counts(
    corpus: Any, cols: tuple[str, ...], unit_cols: list[str], opts: TermOptions
) -> tuple[pd.DataFrame, int]:
    """``*unit_cols, term, count`` per unit counted from the texts (options that give
    several terms per word), and the number of units."""
    units: dict[Hashable, Counter] = {}
    for doc_id, text, key, _date in iter_documents(corpus, cols):
        unit = key if cols else (doc_id,)
        c = units.get(unit)
        if c is None:
            c = units[unit] = Counter()
        c.update(document_terms(text, opts))
    rows = [(*unit, term, n) for unit, c in units.items() for term, n in c.items()]
    return pd.DataFrame(rows, columns=[*unit_cols, "term", "count"]), len(units)


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
    ``preset, clitics, stopwords, kinds``. Streams: memory grows with the vocabulary, not
    the corpus. ``client`` (a ``distributed.Client`` or a scheduler address) computes the
    same table on Dask (:func:`toolkit.scale.term_frequencies`).

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
        from toolkit.scale import term_frequencies as on_dask

        return on_dask(corpus, cols, client=client, min_count=min_count, forms=forms, options=opts)
    table = count_corpus(corpus, cols, opts, forms=forms)
    return table.to_frame(cols, min_count=int(min_count), drop=dropper(opts), options=opts)


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
    Memory grows with the distinct (unit, term) pairs.

    >>> tfidf(["حفتر في باريس", "السراج في طرابلس"]).query("doc_id == '0'").term.tolist()
    ['باريس', 'حفتر']
    """
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    cols = normalize_by(by)
    unit_cols = list(cols) if cols else ["doc_id"]
    columns = [*unit_cols, "term", "count", "docs", "tfidf"]
    if forms_path(opts):  # a view of the tidy per-document counts
        counts, sizes = document_term_counts(corpus, cols, options=opts)
        per, n_units = unit_term_counts(counts, sizes, cols)
    else:
        per, n_units = _unit_counts(corpus, cols, unit_cols, opts)
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
