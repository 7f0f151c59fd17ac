"""N-grams of terms that never cross a sentence, punctuation or non-word boundary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.frequency.counts import CountTable, DocumentCounts
from toolkit.frequency.source import iter_with_tokens, normalize_by
from toolkit.frequency.terms import TermOptions, document_runs, dropper, make_options
from toolkit.text import DocumentTokens


def ngram_sizes(n: int | Sequence[int]) -> tuple[int, ...]:
    """The n-gram sizes of ``n`` (one size or several) as a tuple, checked.

    >>> ngram_sizes(2), ngram_sizes([2, 3])
    ((2,), (2, 3))
    """
    sizes = (n,) if isinstance(n, int) else tuple(n)
    if not sizes or any(not isinstance(k, int) or k < 1 for k in sizes):
        raise ValueError(
            f"n={n!r} must be a positive integer or a sequence of them (e.g. 2 or (2, 3))"
        )
    return sizes


def count_document_ngrams(
    text: str | DocumentTokens, n: int | Sequence[int] = 2, options: TermOptions | None = None
) -> DocumentCounts:
    """Map step: the n-grams of one document (joined with a space); ``text`` may be its
    :class:`toolkit.text.DocumentTokens`.

    An n-gram whose first or last term is a stopword is not counted when the options drop
    stopwords (``حكومة الوفاق الوطني`` is kept, ``في ليبيا`` is not); ``tokens`` counts every
    n-gram position, the denominator of shares.

    >>> count_document_ngrams("وقف إطلاق النار في ليبيا").counts["اطلاق النار"]
    1
    """
    options = options or TermOptions(clitics="keep_article")
    sizes = ngram_sizes(n)
    stop = dropper(options)
    counts: Counter = Counter()
    total = 0
    for run in document_runs(text, options):
        for k in sizes:
            for i in range(len(run) - k + 1):
                total += 1
                gram = run[i : i + k]
                if stop is not None and (stop(gram[0]) or stop(gram[-1])):
                    continue
                counts[" ".join(gram)] += 1
    return DocumentCounts(counts, total)


def ngrams(
    corpus: Any,
    n: int | Sequence[int] = 2,
    *,
    by: str | Sequence[str] | None = None,
    preset: str = "search",
    clitics: str = "keep_article",
    stopwords: bool | Sequence[str] = True,
    min_count: int = 1,
    options: TermOptions | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """Frequencies of runs of ``n`` consecutive terms (``n`` may be e.g. ``(2, 3, 4)``).

    An n-gram never spans a sentence end, a punctuation mark or a token that is not a word
    (number, URL, ...). With ``stopwords=True`` (default) n-grams that begin or end with a
    stopword are dropped (inner ones are kept). Columns: ``*by``, ``ngram`` (terms joined by
    a space), ``count``, ``docs``, ``share`` (count / all n-gram positions of the group),
    ``rank``. ``client`` (a ``distributed.Client`` or a scheduler address) computes the
    same table on Dask (:func:`toolkit.scale.functions.ngrams`).

    >>> ngrams(["وقف إطلاق النار. وقف إطلاق النار في ليبيا"])[["ngram", "count"]].values.tolist()
    [['اطلاق النار', 2], ['وقف اطلاق', 2]]
    """
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    sizes = ngram_sizes(n)
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    cols = normalize_by(by)
    if client is not None:
        from toolkit.scale.functions import ngrams as on_dask

        return on_dask(corpus, sizes, by=cols, client=client, min_count=min_count, options=opts)
    table = count_corpus_ngrams(corpus, sizes, cols, opts)
    return table.to_frame(cols, min_count=min_count, item="ngram")


def count_corpus_ngrams(
    corpus: Any,
    n: int | Sequence[int] = 2,
    by: str | Sequence[str] | None = None,
    options: TermOptions | None = None,
) -> CountTable:
    """Map + reduce of :func:`ngrams` over one corpus or partition: a mergeable table."""
    options = options or TermOptions(clitics="keep_article")
    table = CountTable()
    for _doc_id, text, key, _date, doc in iter_with_tokens(corpus, normalize_by(by), options.preset):
        table.add(count_document_ngrams(text if doc is None else doc, n, options), key)
    return table
