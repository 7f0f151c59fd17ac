"""Frequency analysis of Arabic news: counts, n-grams, tf-idf, keyness, collocations, KWIC, trends.

Documents → tables. Every corpus-wide function is a per-document *map* (``count_document``,
``count_document_ngrams``, ``count_document_pairs``) and a mergeable *reduce*
(``CountTable``, ``PairTable``), so ``toolkit.scale`` can run the same functions on Dask
and get identical results. What a *term* is: see :mod:`toolkit.frequency.terms`.

- :func:`document_term_counts` — the tidy table: ``doc_id, term, form, count`` (and each
  document's size); :func:`sum_term_counts` sums any set of its rows into the frame of
  :func:`term_frequencies` (``tfidf`` is a view of it)
- :func:`term_frequencies` — ``*by, term, count, docs, share, rank, form``
- :func:`ngrams` — ``*by, ngram, count, docs, share, rank``
- :func:`tfidf` — ``doc_id (or *by), term, count, docs, tfidf``
- :func:`keyness` — ``term, count_target, count_reference, g2, chi2, log_ratio, pct_diff,
  p_value, per_10k_target, per_10k_reference`` (+ ``form`` from corpora)
- :func:`collocations` — ``w1, w2, count, pmi, ll, t_score, f1, f2``
- :func:`kwic` — ``doc_id, start, end, left, match, right``
- :func:`trends` — ``period, term, count, total, per_10k``

Running the same computation elsewhere (``toolkit.scale``): build the options once with
``make_options(preset=..., clitics=..., stopwords=...)``; on each partition (a Corpus, a
frame or an iterable of Documents) call ``count_corpus(part, by, options, forms=True)`` (or
``count_corpus_ngrams``, ``count_corpus_pairs``); merge the partial tables with
``.merge`` (any order); finalize with ``table.to_frame(by, min_count=...,
drop=dropper(options), options=options)`` (``pair_frame(table)`` for pairs): the frame of
``term_frequencies(corpus, by)``, equal row for row. For keyness, reduce each side to a table ``t``/``r``
and call ``keyness_table(t.counts(), r.counts(), t.tokens(), r.tokens(),
drop=dropper(options))``.
"""

from toolkit.frequency.concordance import kwic
from toolkit.frequency.counts import (
    CountTable,
    DocumentCounts,
    count_corpus,
    count_document,
    term_frequencies,
    tfidf,
)
from toolkit.frequency.document_counts import document_term_counts, sum_term_counts
from toolkit.frequency.key_terms import keyness, keyness_table
from toolkit.frequency.ngram_counts import count_corpus_ngrams, count_document_ngrams, ngrams
from toolkit.frequency.over_time import trends
from toolkit.frequency.terms import (
    TermOptions,
    document_runs,
    document_terms,
    dropper,
    make_options,
)
from toolkit.frequency.word_pairs import (
    PairTable,
    collocations,
    count_corpus_pairs,
    count_document_pairs,
    pair_frame,
)

__all__ = [
    "CountTable",
    "DocumentCounts",
    "PairTable",
    "TermOptions",
    "collocations",
    "count_corpus",
    "count_corpus_ngrams",
    "count_corpus_pairs",
    "count_document",
    "count_document_ngrams",
    "count_document_pairs",
    "document_runs",
    "document_term_counts",
    "document_terms",
    "dropper",
    "keyness",
    "keyness_table",
    "kwic",
    "make_options",
    "ngrams",
    "pair_frame",
    "sum_term_counts",
    "term_frequencies",
    "tfidf",
    "trends",
]
