"""The tidy term-count table, the one counting path of ``toolkit.frequency``.

:func:`term_counts` counts a corpus once into two frames: ``counts`` (``*by, term, form,
count, docs``: one row per written form of a term in a group; ``form`` is the word as
written, ``light``-normalized; ``docs`` counts each document of the group holding the term
once, on one of its forms, so a term's ``docs`` is the sum over its forms) and ``sizes``
(``*by, tokens, documents``: each group's number of terms, stopwords included, the
denominator of shares). Stopwords stay in the rows; views drop them.

Partial tables of disjoint documents sum with a group-by (:func:`sum_counts`:
``pandas.concat`` then ``groupby(...).sum()``, the same on Dask or any engine), and every
table of the package is a view of the sums: :func:`frequency_view` (``term_frequencies``),
tf-idf (``by`` the document), keyness (``by`` the side), trends (``by`` the day), and the
term counts a store keeps by ISO week and source. :func:`document_term_counts` is the
per-document table a store can keep.

>>> counts, sizes = term_counts(["وصل حفتر إلى ليبيا", "لليبيا جيش في ليبيا"])
>>> counts.values.tolist()
[['وصل', 'وصل', 1, 1], ['حفتر', 'حفتر', 1, 1], ['الي', 'إلى', 1, 1], ['ليبيا', 'ليبيا', 2, 1], ['ليبيا', 'لليبيا', 1, 1], ['جيش', 'جيش', 1, 1], ['في', 'في', 1, 1]]
>>> sizes.values.tolist()
[[8, 2]]
>>> [str(v) for v in frequency_view(counts, sizes).loc[0, ["term", "count", "docs", "form"]]]
['ليبيا', '3', '2', 'ليبيا']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit import text as _text
from toolkit.frequency.source import iter_documents, normalize_by
from toolkit.frequency.terms import (
    TermOptions,
    document_forms,
    document_terms,
    dropper,
    forms_path,
    forms_to_terms,
    make_options,
)

__all__ = [
    "COUNT_COLUMNS",
    "count_keyed",
    "document_term_counts",
    "frequency_view",
    "sum_counts",
    "sum_term_counts",
    "term_counts",
    "unit_term_counts",
]

#: the columns of :func:`document_term_counts`
COUNT_COLUMNS = ["doc_id", "term", "form", "count"]

#: characters of text counted per vectorized batch (bounds the batch's transient memory:
#: about 60 bytes per word)
BATCH_CHARS = 4_000_000

_WORD_CODES = frozenset(_text.analysis.KIND_CODE[k] for k in ("word", "latin"))


def _analysis_words(doc: Any, options: TermOptions) -> list[str]:
    """The written forms of one analysed document (no second tokenization)."""
    words = [doc.text[a:b] for a, b, c in zip(doc.starts, doc.ends, doc.codes, strict=True)
             if c in _WORD_CODES]
    preset = "none" if options.preset == "none" else "light"
    if words and preset != "none":
        normed = _text.normalize("\n".join(words), preset=preset).split("\n")
        words = normed if len(normed) == len(words) else [
            _text.normalize(w, preset=preset) for w in words]
    return words


def _words_of(options: TermOptions) -> Callable[[Any], list[str]]:
    """What is counted of a text: its written forms (one term per word, mapped later), or
    its terms (options that give several terms per word, or other token kinds)."""
    by_forms = forms_path(options)

    def words(text: Any) -> list[str]:
        if isinstance(text, _text.DocumentTokens):
            if by_forms:
                return _analysis_words(text, options)
            return document_terms(text, options)
        return document_forms(text, options) if by_forms else document_terms(text, options)

    return words


def _batch(
    documents: list[list[str]], units: np.ndarray, to_terms: Callable | None
) -> tuple[np.ndarray, list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Count a batch: ``documents`` (lists of words), ``units`` (each document's unit
    index). Returns, per (unit, form) seen, in order of first occurrence: the unit, the
    term and the form, count, docs (documents holding the term, each counted on the form
    of its first occurrence there) and the position of the first occurrence."""
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
    flat = list(chain.from_iterable(documents))
    if not flat:
        none = np.zeros(0, np.int64)
        return none, [], [], none, none, none
    encoded = pc.dictionary_encode(pa.array(flat, type=pa.string()))
    form_code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    forms = encoded.dictionary.to_pylist()
    if to_terms is None:
        term_of_form = np.arange(len(forms), dtype=np.int64)
        terms = forms
    else:
        mapped = to_terms(forms)
        term_of_form, uniques = pd.factorize(np.asarray(mapped, dtype=object))
        terms = uniques.tolist()
    n_forms, n_terms = len(forms), len(terms)
    doc = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    key = units[doc] * n_forms + form_code
    found, first, counts = np.unique(key, return_index=True, return_counts=True)
    # the first occurrence of each (document, term): one document for the term, on that form
    _, first_pair = np.unique(doc * n_terms + term_of_form[form_code], return_index=True)
    docs = np.bincount(np.searchsorted(found, key[first_pair]), minlength=len(found))
    order = np.argsort(first, kind="stable")
    found, first, counts, docs = found[order], first[order], counts[order], docs[order]
    form_of = found % n_forms
    return (found // n_forms, [terms[t] for t in term_of_form[form_of].tolist()],
            [forms[f] for f in form_of.tolist()], counts, docs.astype(np.int64), first)


def count_keyed(
    keyed_texts: Iterable[tuple[Any, Hashable]],
    names: Sequence[str],
    options: TermOptions | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy table of ``(text, key)`` pairs (``key``: a tuple, one value per column of
    ``names``; ``text``: a string or a :class:`toolkit.text.DocumentTokens`), the groups in
    order of first appearance and each group's rows in order of first occurrence.
    Returns ``(counts, sizes)`` as :func:`term_counts`.

    >>> counts, sizes = count_keyed([("ليبيا وليبيا", ("a",)), ("جيش", ("b",))], ["side"])
    >>> counts[["side", "term", "form", "count"]].values.tolist()
    [['a', 'ليبيا', 'ليبيا', 1], ['a', 'ليبيا', 'وليبيا', 1], ['b', 'جيش', 'جيش', 1]]
    >>> sizes.values.tolist()
    [['a', 2, 1], ['b', 1, 1]]
    """
    opts = options or TermOptions()
    names = list(names)
    words_of = _words_of(opts)
    to_terms = (lambda forms: forms_to_terms(forms, opts)) if forms_path(opts) else None
    index: dict[Hashable, int] = {}
    tokens: list[int] = []
    documents: list[int] = []
    parts: list[tuple] = []
    batch: list[list[str]] = []
    batch_units: list[int] = []
    chars = 0

    def flush() -> None:
        nonlocal chars
        if batch:
            parts.append(_batch(batch, np.asarray(batch_units, dtype=np.int64), to_terms))
            batch.clear()
            batch_units.clear()
        chars = 0

    for text, key in keyed_texts:
        unit = index.get(key)
        if unit is None:
            unit = index[key] = len(index)
            tokens.append(0)
            documents.append(0)
        words = words_of(text) if text else []
        tokens[unit] += len(words)
        documents[unit] += 1
        batch.append(words)
        batch_units.append(unit)
        chars += len(text) if isinstance(text, str) else len(text.text)
        if chars >= BATCH_CHARS:
            flush()
    flush()
    keys = list(index)
    counts = pd.DataFrame({
        "unit": np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64),
        "term": pd.Series([t for p in parts for t in p[1]], dtype=object),
        "form": pd.Series([f for p in parts for f in p[2]], dtype=object),
        "count": np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.int64),
        "docs": np.concatenate([p[4] for p in parts]) if parts else np.zeros(0, np.int64),
    })
    if len(parts) > 1:  # the same (unit, term, form) in several batches: summed
        counts = (counts.groupby(["unit", "term", "form"], sort=False)[["count", "docs"]].sum()
                  .reset_index())
        counts = counts.iloc[np.argsort(counts["unit"].to_numpy(), kind="stable")]
    elif parts:
        counts = counts.iloc[np.argsort(counts["unit"].to_numpy(), kind="stable")]
    unit = counts["unit"].to_numpy()
    out = pd.DataFrame({c: _column([k[j] for k in keys], unit) for j, c in enumerate(names)})
    for c in ("term", "form", "count", "docs"):
        out[c] = counts[c].to_numpy()
    sizes = pd.DataFrame({c: pd.Series([k[j] for k in keys], dtype=object)
                          for j, c in enumerate(names)})
    sizes["tokens"] = np.asarray(tokens, dtype=np.int64)
    sizes["documents"] = np.asarray(documents, dtype=np.int64)
    return _typed(out), sizes


def _column(values: list, at: np.ndarray) -> pd.Series:
    held = np.empty(len(values), dtype=object)
    held[:] = values
    return key_column(held[at])


def key_column(values: Any, index: Any = None) -> pd.Series:
    """A grouping column as pandas infers it from its values (``str`` for strings,
    ``datetime64`` for days), or ``object`` with ``None`` where a value is missing."""
    values = list(values)
    if any(v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT for v in values):
        return pd.Series([None if pd.isna(v) else v for v in values], index=index, dtype=object)
    if not values:
        return pd.Series([], index=index, dtype=object)
    return pd.Series(values, index=index)


def _typed(counts: pd.DataFrame) -> pd.DataFrame:
    return counts.astype({"term": object, "form": object, "count": "int64", "docs": "int64"})


def _keyed(corpus: Any, cols: tuple[str, ...], preset: str) -> Iterable[tuple[Any, tuple]]:
    """``(text or analysed document, key)`` of every document."""
    analysis = corpus if isinstance(corpus, _text.Analysis) and corpus.preset == preset else None
    for i, (_doc_id, text, key, _date) in enumerate(iter_documents(corpus, cols)):
        yield (analysis.document(i) if analysis is not None and text else text), key


def term_counts(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    *,
    preset: str = "search",
    clitics: str = "strip",
    kinds: Sequence[str] = ("word", "latin"),
    options: TermOptions | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy term counts of a corpus, per group of ``by`` (``week``, ``day``, ``doc_id``
    or any metadata column; the whole corpus when None).

    ``corpus``: a Corpus, an analysis (:func:`toolkit.text.analyze`: not tokenized
    again), a frame with ``text``, texts. Returns ``(counts, sizes)``: ``counts`` has
    ``*by, term, form, count, docs`` (stopwords included; ``form`` equals ``term`` when the
    options count terms, not written forms: ``clitics="split"`` or other kinds), ``sizes``
    has ``*by, tokens, documents``.

    >>> counts, sizes = term_counts(["لحكومة الوفاق وحكومة"])
    >>> counts[["term", "form", "count", "docs"]].values.tolist()
    [['حكومه', 'لحكومة', 1, 1], ['وفاق', 'الوفاق', 1, 1], ['حكومه', 'وحكومة', 1, 0]]
    """
    opts = make_options(options, preset=preset, clitics=clitics, kinds=tuple(kinds))
    cols = normalize_by(by)
    if "doc_id" in cols:
        keyed = ((text, key) for text, key in _keyed_ids(corpus, cols, opts.preset))
    else:
        keyed = _keyed(corpus, cols, opts.preset)
    return count_keyed(keyed, cols, opts)


def _keyed_ids(corpus: Any, cols: tuple[str, ...], preset: str) -> Iterable[tuple[Any, tuple]]:
    rest = tuple(c for c in cols if c != "doc_id")
    analysis = corpus if isinstance(corpus, _text.Analysis) and corpus.preset == preset else None
    for i, (doc_id, text, key, _date) in enumerate(iter_documents(corpus, rest)):
        values = dict(zip(rest, key, strict=True)) | {"doc_id": doc_id}
        yield ((analysis.document(i) if analysis is not None and text else text),
               tuple(values[c] for c in cols))


def sum_counts(
    counts: pd.DataFrame | Sequence[pd.DataFrame],
    sizes: pd.DataFrame | Sequence[pd.DataFrame],
    by: str | Sequence[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Partial tables (of disjoint documents) summed, regrouped by ``by`` (columns the
    tables hold; None: everything in one group): a group-by, on any engine.

    >>> a = term_counts(["ليبيا وليبيا"], options=TermOptions())
    >>> b = term_counts(["ليبيا"])
    >>> sum_counts([a[0], b[0]], [a[1], b[1]])[0].values.tolist()
    [['ليبيا', 'ليبيا', 2, 2], ['ليبيا', 'وليبيا', 1, 0]]
    """
    cols = list(normalize_by(by))
    counts = counts if isinstance(counts, pd.DataFrame) else pd.concat(counts, ignore_index=True)
    sizes = sizes if isinstance(sizes, pd.DataFrame) else pd.concat(sizes, ignore_index=True)
    summed = (counts.groupby([*cols, "term", "form"], sort=False, dropna=False)[["count", "docs"]]
              .sum().reset_index())
    if cols:
        totals = (sizes.groupby(cols, sort=False, dropna=False)[["tokens", "documents"]].sum()
                  .reset_index())
        for c in cols:  # a missing value stays None, as the documents give it
            summed[c] = summed[c].astype(object).where(summed[c].notna(), None)
            totals[c] = totals[c].astype(object).where(totals[c].notna(), None)
    else:
        totals = pd.DataFrame({"tokens": [int(sizes["tokens"].sum())],
                               "documents": [int(sizes["documents"].sum())]})
    return _typed(summed), totals.astype({"tokens": "int64", "documents": "int64"})


def best_forms(counts: pd.DataFrame) -> pd.Series:
    """Each term's most frequent written form over the rows given (ties: the first in
    code-point order), a Series indexed by term.

    >>> best_forms(term_counts(["الحكومة وحكومة والحكومة"])[0]).to_dict()
    {'حكومه': 'الحكومة'}
    """
    by_form = counts.groupby(["term", "form"], sort=False)["count"].sum().reset_index()
    by_form = by_form.sort_values(["term", "count", "form"], ascending=[True, False, True])
    return by_form.drop_duplicates("term").set_index("term")["form"]


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"count": "int64", "docs": "int64", "share": "float64", "rank": "int64"}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "object")) for c in columns})


def frequency_view(
    counts: pd.DataFrame,
    sizes: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    min_count: int = 1,
    drop: Callable[[str], bool] | None = None,
    forms: bool = True,
    item: str = "term",
) -> pd.DataFrame:
    """The frame of :func:`toolkit.frequency.term_frequencies` from a tidy table (of any
    grouping that holds ``by``): ``*by, <item>, count, docs, share, rank`` and, with
    ``forms``, ``form`` (the term's most frequent written form over all the rows). ``drop``
    leaves terms out of the rows (stopwords), not out of the shares' totals.

    >>> counts, sizes = term_counts(["ليبيا وليبيا", "جيش", "ليبيا"], by="doc_id")
    >>> frequency_view(counts, sizes)[["term", "count", "docs", "share"]].values.tolist()
    [['ليبيا', 3, 2, 0.75], ['جيش', 1, 1, 0.25]]
    """
    cols = list(normalize_by(by))
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    columns = [*cols, item, "count", "docs", "share", "rank"] + (["form"] if forms else [])
    frame = (counts.groupby([*cols, "term"], sort=False, dropna=False)[["count", "docs"]].sum()
             .reset_index())
    frame = frame[frame["count"] >= min_count]
    if drop is not None and len(frame):
        frame = frame[~frame["term"].map(drop).astype(bool)]
    if frame.empty:
        return _empty(columns)
    if cols:
        size = sizes.groupby(cols, sort=False, dropna=False)["tokens"].sum()
        frame = frame.merge(size.rename("_tokens").reset_index(), on=cols, how="left")
        frame["share"] = frame["count"] / frame["_tokens"]
        for c in cols:
            frame[c] = key_column(frame[c].astype(object), frame.index)
    else:
        frame["share"] = frame["count"] / int(sizes["tokens"].sum())
    if forms:
        frame["form"] = frame["term"].map(best_forms(counts)).fillna(frame["term"])
    frame = frame.sort_values([*cols, "count", "term"],
                              ascending=[True] * len(cols) + [False, True], na_position="last")
    ranked = frame.groupby(cols, sort=False, dropna=False)["count"] if cols else frame["count"]
    frame["rank"] = ranked.rank(method="min", ascending=False).astype("int64")
    frame = frame.rename(columns={"term": item}).astype({"count": "int64", "docs": "int64"})
    return frame[columns].reset_index(drop=True)


def document_term_counts(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    *,
    preset: str = "search",
    clitics: str = "strip",
    options: TermOptions | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each document's terms with their written forms, counted once: the tidy table by
    document, what a store can keep per document.

    Returns ``(counts, sizes)``: ``counts`` has ``doc_id, term, form, count`` (one row per
    distinct (term, form) of a document, in order of first occurrence; stopwords
    included), ``sizes`` has ``doc_id``, the ``by`` columns and ``tokens``. Options with
    more than one term per word (``clitics="split"``) are refused.

    >>> counts, sizes = document_term_counts(["لحكومة الوفاق وحكومة"])
    >>> counts[["term", "form", "count"]].values.tolist(), sizes.tokens.tolist()
    ([['حكومه', 'لحكومة', 1], ['وفاق', 'الوفاق', 1], ['حكومه', 'وحكومة', 1]], [3])
    """
    opts = make_options(options, preset=preset, clitics=clitics)
    if not forms_path(opts):
        raise ValueError(
            "document_term_counts counts one term per word: clitics='split' and extra kinds "
            "are not accepted"
        )
    cols = normalize_by(by)
    counts, sizes = term_counts(corpus, ("doc_id", *cols), options=opts)
    return (counts[COUNT_COLUMNS].reset_index(drop=True),
            sizes[["doc_id", *cols, "tokens"]].reset_index(drop=True))


def _groups(keys: pd.DataFrame | None, doc_ids: pd.Series, by: tuple[str, ...]) -> pd.DataFrame:
    """The ``by`` values of each doc_id, from ``keys`` (``doc_id`` + the ``by`` columns)."""
    if not by:
        return pd.DataFrame(index=doc_ids.index)
    if keys is None:
        raise ValueError(f"by={list(by)!r} needs documents=: a frame with doc_id and {list(by)}")
    missing = [c for c in ("doc_id", *by) if c not in keys.columns]
    if missing:
        raise ValueError(f"documents= has no column(s) {missing}")
    lookup = keys.assign(doc_id=keys["doc_id"].astype(str)).set_index("doc_id")[list(by)]
    return lookup.reindex(doc_ids.astype(str).to_numpy()).reset_index(drop=True)


def _with_groups(counts: pd.DataFrame, sizes: pd.DataFrame, documents: pd.DataFrame | None,
                 cols: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-document tables with the ``by`` columns of each document and a ``docs`` column
    (each (document, term) counted once)."""
    if documents is None and cols and all(c in sizes.columns for c in cols):
        documents = sizes
    keyed = pd.concat([_groups(documents, counts["doc_id"], cols),
                       counts.reset_index(drop=True)], axis=1)
    keyed["docs"] = (~keyed.duplicated(["doc_id", "term"])).astype("int64")
    totals = _groups(documents, sizes["doc_id"], cols).assign(tokens=sizes["tokens"].to_numpy())
    return keyed, totals


def sum_term_counts(
    counts: pd.DataFrame,
    sizes: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    by: str | Sequence[str] | None = None,
    *,
    min_count: int = 1,
    stopwords: bool | Sequence[str] = True,
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """The frame of :func:`toolkit.frequency.term_frequencies` from the tables of
    :func:`document_term_counts` (of one corpus, or partial tables concatenated).

    ``documents``: ``doc_id`` and the ``by`` columns (e.g. ``week``, ``source``) of the
    documents, needed with ``by`` unless ``sizes`` holds them (``document_term_counts(corpus,
    by)``). Columns: ``*by, term, count, docs, share, rank, form``.

    >>> counts, sizes = document_term_counts(["ليبيا وليبيا", "جيش"])
    >>> docs = pd.DataFrame({"doc_id": ["0", "1"], "source": ["a", "b"]})
    >>> sum_term_counts(counts, sizes, docs, by="source")[["source", "term", "count"]].values.tolist()
    [['a', 'ليبيا', 2], ['b', 'جيش', 1]]
    """
    cols = normalize_by(by)
    opts = make_options(options, stopwords=stopwords)
    keyed, totals = _with_groups(counts, sizes, documents, cols)
    return frequency_view(keyed, totals, cols, min_count=min_count, drop=dropper(opts))


def unit_term_counts(
    counts: pd.DataFrame, sizes: pd.DataFrame, by: Sequence[str] = ()
) -> tuple[pd.DataFrame, int]:
    """Each unit's term counts from a tidy table (a unit: a group of ``by``, or a document
    with ``by=("doc_id",)``): ``*by, term, count, docs`` in order of first occurrence, and
    the number of units (those without terms included).

    >>> per, n = unit_term_counts(*term_counts(["ليبيا وليبيا", "جيش"], by="doc_id"), ["doc_id"])
    >>> per.values.tolist(), n
    ([['0', 'ليبيا', 2, 1], ['1', 'جيش', 1, 1]], 2)
    """
    cols = list(by)
    per = (counts.groupby([*cols, "term"], sort=False, dropna=False)[["count", "docs"]].sum()
           .reset_index())
    for c in cols:  # a missing value stays None, as the documents give it
        if c != "doc_id":
            per[c] = per[c].astype(object).where(per[c].notna(), None)
    return per, len(sizes[cols].drop_duplicates()) if cols else 1
