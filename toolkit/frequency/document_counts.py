"""The tidy term-count table: one row per (document, term, written form), and its sums.

:func:`document_term_counts` counts each document once: ``doc_id, term, form, count``
(``form``: the word as written, ``light``-normalized, that counted as ``term``) and each
document's size in terms (stopwords included, the denominator of shares). That is what a
store keeps per document at ingest; any grouping is then a group-by:
:func:`sum_term_counts` gives the frame of :func:`toolkit.frequency.term_frequencies`
(``*by, term, count, docs, share, rank, form``) from the counts of any set of documents.
Partial tables of disjoint documents are summed by concatenating them (``pandas.concat``,
or any engine's union): the rows are per document, so ``docs`` stays exact.

>>> counts, sizes = document_term_counts(["وصل حفتر إلى ليبيا", "لليبيا جيش في ليبيا"])
>>> counts.values.tolist()
[['0', 'وصل', 'وصل', 1], ['0', 'حفتر', 'حفتر', 1], ['0', 'الي', 'إلى', 1], ['0', 'ليبيا', 'ليبيا', 1], ['1', 'ليبيا', 'لليبيا', 1], ['1', 'جيش', 'جيش', 1], ['1', 'في', 'في', 1], ['1', 'ليبيا', 'ليبيا', 1]]
>>> [str(v) for v in sum_term_counts(counts, sizes).loc[0, ["term", "count", "docs", "form"]]]
['ليبيا', '3', '2', 'ليبيا']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit import text as _text
from toolkit.frequency.source import iter_documents, normalize_by
from toolkit.frequency.terms import (
    TermOptions,
    document_forms,
    dropper,
    forms_path,
    forms_to_terms,
    make_options,
)

__all__ = ["COUNT_COLUMNS", "document_term_counts", "sum_term_counts", "unit_term_counts"]

#: the columns of :func:`document_term_counts`
COUNT_COLUMNS = ["doc_id", "term", "form", "count"]


def _analysis_forms(corpus: Any, options: TermOptions) -> list[list[str]] | None:
    """The written forms of every document from an analysis (no second tokenization), or
    None when ``corpus`` is not one."""
    if not isinstance(corpus, _text.Analysis):
        return None
    preset = "none" if options.preset == "none" else "light"
    out = []
    for doc in corpus:
        words = [
            doc.text[a:b]
            for a, b, c in zip(doc.starts, doc.ends, doc.codes, strict=True)
            if c in _WORD_CODES
        ]
        if words and preset != "none":
            normed = _text.normalize("\n".join(words), preset=preset).split("\n")
            words = normed if len(normed) == len(words) else [
                _text.normalize(w, preset=preset) for w in words
            ]
        out.append(words)
    return out


_WORD_CODES = frozenset(_text.analysis.KIND_CODE[k] for k in ("word", "latin"))


def document_term_counts(
    corpus: Any,
    by: str | Sequence[str] | None = None,
    *,
    preset: str = "search",
    clitics: str = "strip",
    options: TermOptions | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each document's terms with their written forms, counted once.

    ``corpus``: a Corpus, an analysis (:func:`toolkit.text.analyze`: not tokenized
    again), a frame with ``text``, texts. Returns ``(counts, sizes)``: ``counts`` has
    ``doc_id, term, form, count`` (one row per distinct (term, form) of a document, in
    the order of first occurrence; stopwords included, :func:`sum_term_counts` drops
    them from its rows), ``sizes`` has ``doc_id``, the ``by`` columns (``week``, ``day``
    or metadata, as everywhere) and ``tokens`` (the document's number of terms). Options
    with more than one term per word (``clitics="split"``) are refused.

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
    from_analysis = _analysis_forms(corpus, opts)
    keys: list[tuple] = []
    ids: list[str] = []
    sizes: list[int] = []
    rows_doc: list[int] = []
    rows_pair: list[tuple[str, str]] = []
    rows_n: list[int] = []
    for i, (doc_id, text, key, _date) in enumerate(iter_documents(corpus, cols)):
        forms = from_analysis[i] if from_analysis is not None else document_forms(text, opts)
        ids.append(doc_id)
        keys.append(key)
        sizes.append(len(forms))
        if not forms:
            continue
        pairs = Counter(zip(forms_to_terms(forms, opts), forms, strict=True))
        rows_doc.extend([i] * len(pairs))
        rows_pair.extend(pairs.keys())
        rows_n.extend(pairs.values())
    doc_ids = np.asarray(ids, dtype=object)
    counts = pd.DataFrame(
        {
            "doc_id": doc_ids[np.asarray(rows_doc, dtype=np.int64)],
            "term": [p[0] for p in rows_pair],
            "form": [p[1] for p in rows_pair],
            "count": np.asarray(rows_n, dtype=np.int64),
        }
    )
    sizes_frame = pd.DataFrame({"doc_id": doc_ids})
    for j, c in enumerate(cols):
        sizes_frame[c] = pd.Series([k[j] for k in keys], dtype=object)
    sizes_frame["tokens"] = np.asarray(sizes, dtype=np.int64)
    return counts, sizes_frame


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
    by)``). Columns: ``*by, term, count, docs, share, rank, form``
    (``form``: the term's most frequent written form over all the rows given).

    >>> counts, sizes = document_term_counts(["ليبيا وليبيا", "جيش"])
    >>> docs = pd.DataFrame({"doc_id": ["0", "1"], "source": ["a", "b"]})
    >>> sum_term_counts(counts, sizes, docs, by="source")[["source", "term", "count"]].values.tolist()
    [['a', 'ليبيا', 2], ['b', 'جيش', 1]]
    """
    cols = normalize_by(by)
    opts = make_options(options, stopwords=stopwords)
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    columns = [*cols, "term", "count", "docs", "share", "rank", "form"]
    if documents is None and cols and all(c in sizes.columns for c in cols):
        documents = sizes
    keyed = pd.concat(
        [_groups(documents, counts["doc_id"], cols), counts.reset_index(drop=True)], axis=1
    )
    totals = _groups(documents, sizes["doc_id"], cols).assign(
        tokens=sizes["tokens"].to_numpy()
    )
    # the label of each term: its most frequent form overall (ties: code-point order)
    by_form = counts.groupby(["term", "form"], sort=False)["count"].sum().reset_index()
    by_form = by_form.sort_values(["term", "count", "form"], ascending=[True, False, True])
    best = by_form.drop_duplicates("term").set_index("term")["form"]
    per_doc = keyed.groupby([*cols, "doc_id", "term"], sort=False, dropna=False)["count"].sum()
    per_doc = per_doc.reset_index()
    frame = (
        per_doc.groupby([*cols, "term"], sort=False, dropna=False)["count"]
        .agg(count="sum", docs="size")
        .reset_index()
    )
    frame = frame[frame["count"] >= min_count]
    drop = dropper(opts)
    if drop is not None:
        frame = frame[~frame["term"].map(drop).astype(bool)]
    if frame.empty:
        return pd.DataFrame(
            {
                c: pd.Series([], dtype="int64" if c in ("count", "docs", "rank") else object)
                for c in columns
            }
        ).astype({"share": "float64"})
    if cols:
        size = totals.groupby(list(cols), sort=False, dropna=False)["tokens"].sum()
        frame = frame.merge(size.rename("_tokens").reset_index(), on=list(cols), how="left")
        frame["share"] = frame["count"] / frame["_tokens"]
    else:
        frame["share"] = frame["count"] / int(totals["tokens"].sum())
    frame["form"] = frame["term"].map(best).fillna(frame["term"])
    frame = frame.sort_values(
        [*cols, "count", "term"], ascending=[True] * len(cols) + [False, True], na_position="last"
    )
    ranked = frame.groupby(list(cols), sort=False, dropna=False)["count"] if cols else frame["count"]
    frame["rank"] = ranked.rank(method="min", ascending=False).astype("int64")
    frame["count"] = frame["count"].astype("int64")
    frame["docs"] = frame["docs"].astype("int64")
    return frame[columns].reset_index(drop=True)


def unit_term_counts(
    counts: pd.DataFrame, sizes: pd.DataFrame, by: Sequence[str] = ()
) -> tuple[pd.DataFrame, int]:
    """Each unit's term counts (a unit: a document, or a group of documents with ``by``,
    whose values ``sizes`` holds): ``*units, term, count`` in order of first occurrence,
    and the number of units (documents without terms included)."""
    cols = list(by)
    if not cols:
        per = counts.groupby(["doc_id", "term"], sort=False)["count"].sum().reset_index()
        return per, len(sizes)
    keyed = pd.concat([_groups(sizes, counts["doc_id"], tuple(cols)), counts], axis=1)
    per = keyed.groupby([*cols, "term"], sort=False, dropna=False)["count"].sum().reset_index()
    for c in cols:  # a missing value stays None, as the documents give it
        per[c] = per[c].astype(object).where(per[c].notna(), None)
    return per, len(sizes[cols].drop_duplicates())
