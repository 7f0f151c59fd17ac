"""Collocations: word pairs that occur together more often than chance.

Pairs are counted inside runs of terms (a run never crosses a sentence end or a
punctuation mark, see :func:`toolkit.frequency.terms.document_runs`): with ``window=1`` the
adjacent pairs (w1 immediately before w2); with ``window=k`` every w2 among the k terms
after w1. Per-document map :func:`count_document_pairs`, mergeable reduce
:class:`PairTable`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.frequency import stats
from toolkit.frequency.source import iter_with_tokens
from toolkit.frequency.terms import TermOptions, document_runs, dropper, make_options
from toolkit.text import DocumentTokens

COLUMNS = ["w1", "w2", "count", "pmi", "ll", "t_score", "f1", "f2"]
MEASURES = ("ll", "pmi", "t_score", "count")


class PairTable:
    """Pair counts and the marginals of every position (mergeable).

    ``first[w]`` counts pairs with ``w`` first, ``second[w]`` pairs with ``w`` second,
    ``n`` all pairs (stopword pairs included in the marginals, never in ``pairs``).
    """

    def __init__(self) -> None:
        self.pairs: Counter = Counter()
        self.first: Counter = Counter()
        self.second: Counter = Counter()
        self.n = 0

    def merge(self, other: PairTable) -> PairTable:
        """Fold ``other`` into this table and return it."""
        self.pairs.update(other.pairs)
        self.first.update(other.first)
        self.second.update(other.second)
        self.n += other.n
        return self


def count_document_pairs(
    text: str | DocumentTokens, window: int = 1, options: TermOptions | None = None, table: PairTable | None = None
) -> PairTable:
    """Map step: add the word pairs of one document to ``table`` (a new one by default).

    >>> t = count_document_pairs("وقف إطلاق النار. وقف إطلاق النار")
    >>> t.pairs[("اطلاق", "النار")], t.n
    (2, 4)
    """
    options = options or TermOptions(clitics="keep_article")
    table = table if table is not None else PairTable()
    stop = dropper(options)
    pairs, first, second = table.pairs, table.first, table.second
    for run in document_runs(text, options):
        keep = [stop is None or not stop(w) for w in run]
        for i, w1 in enumerate(run):
            for j in range(i + 1, min(len(run), i + 1 + window)):
                w2 = run[j]
                first[w1] += 1
                second[w2] += 1
                table.n += 1
                if keep[i] and keep[j]:
                    pairs[(w1, w2)] += 1
    return table


def collocations(
    corpus: Any,
    *,
    window: int = 1,
    min_count: int = 3,
    measure: str = "ll",
    preset: str = "search",
    clitics: str = "keep_article",
    stopwords: bool | Sequence[str] = True,
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """Ordered word pairs (w1 before w2) scored by PMI, log-likelihood and t-score.

    For a pair seen ``count`` times, with ``f1`` = pairs whose first word is w1, ``f2`` =
    pairs whose second word is w2 and ``n`` = all pairs: expected ``E = f1 f2 / n``,
    ``pmi = log2(count / E)``, ``t_score = (count - E) / sqrt(count)``, ``ll`` = G² of the
    2×2 table (no correction; negative when the pair is rarer than chance). Pairs with a
    stopword (default list) and pairs seen fewer than ``min_count`` times are left out.
    Columns: ``w1, w2, count, pmi, ll, t_score, f1, f2``, sorted by ``measure`` descending.

    >>> c = collocations(["وقف إطلاق النار. وقف إطلاق النار. إطلاق سراح"], min_count=2)
    >>> c[["w1", "w2", "count"]].values.tolist()
    [['وقف', 'اطلاق', 2], ['اطلاق', 'النار', 2]]
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window={window!r} must be an integer >= 1 (1 = adjacent words)")
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    if measure not in MEASURES:
        raise ValueError(f"measure={measure!r} is not one of {MEASURES}")
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    return pair_frame(
        count_corpus_pairs(corpus, window, opts), min_count=min_count, measure=measure
    )


def count_corpus_pairs(
    corpus: Any, window: int = 1, options: TermOptions | None = None
) -> PairTable:
    """Map + reduce of :func:`collocations` over one corpus or partition: a mergeable table."""
    options = options or TermOptions(clitics="keep_article")
    table = PairTable()
    for _doc_id, text, _key, _date, doc in iter_with_tokens(corpus, (), options.preset):
        count_document_pairs(text if doc is None else doc, window, options, table)
    return table


def pair_frame(table: PairTable, min_count: int = 3, measure: str = "ll") -> pd.DataFrame:
    """Reduce-side finalisation of a :class:`PairTable` (see :func:`collocations`)."""
    kept = [(p, c) for p, c in table.pairs.items() if c >= min_count]
    if not kept:
        frame = pd.DataFrame({c: pd.Series([], dtype="object") for c in COLUMNS})
        frame.attrs["note"] = f"no word pair occurs at least min_count={min_count} times"
        return frame
    w1 = [p[0] for p, _ in kept]
    w2 = [p[1] for p, _ in kept]
    o11 = np.fromiter((c for _, c in kept), dtype=np.int64, count=len(kept))
    f1 = np.fromiter((table.first[w] for w in w1), dtype=np.int64, count=len(kept))
    f2 = np.fromiter((table.second[w] for w in w2), dtype=np.int64, count=len(kept))
    scores = stats.association(o11, f1, f2, table.n)
    frame = pd.DataFrame({"w1": w1, "w2": w2, "count": o11, **scores, "f1": f1, "f2": f2})
    frame = frame.sort_values([measure, "w1", "w2"], ascending=[False, True, True])
    return frame[COLUMNS].reset_index(drop=True)
