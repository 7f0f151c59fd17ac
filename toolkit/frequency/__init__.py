"""Frequency analysis of Arabic news: counts, n-grams, tf-idf, keyness, collocations, KWIC, trends.

Documents → tables, through one counting path: the tidy term-count table of
:func:`term_counts` (``*by, term, form, count, docs``, and each group's ``tokens`` and
``documents``). Partial tables of disjoint documents sum with a group-by
(:func:`sum_counts`), so ``toolkit.scale`` (or any engine) maps the count over partitions
and reduces the tables; the tables below are views of the sums. What a *term* is: see
:mod:`toolkit.frequency.terms`.

- :func:`term_counts` — the tidy table; :func:`document_term_counts` — the same per
  document (``doc_id, term, form, count``), :func:`sum_term_counts` its sums
- :func:`term_frequencies` — ``*by, term, count, docs, share, rank, form``
  (:func:`frequency_view` of the tidy table)
- :func:`tfidf` — ``doc_id (or *by), term, count, docs, tfidf`` (the table by document)
- :func:`keyness` — ``term, count_target, count_reference, g2, chi2, log_ratio, pct_diff,
  p_value, per_10k_target, per_10k_reference`` (+ ``form`` from corpora; the table by
  side; :func:`toolkit.frequency.week_counts.store_keyness` reads the table a store keeps
  by ISO week and source)
- :func:`trends` — ``period, term, count, total, per_10k`` (single words: the table by day)
- :func:`ngrams` — ``*by, ngram, count, docs, share, rank``
- :func:`collocations` — ``w1, w2, count, pmi, ll, t_score, f1, f2``
- :func:`kwic` — ``doc_id, start, end, left, match, right``

Running the same computation elsewhere (``toolkit.scale``): build the options once with
``make_options(preset=..., clitics=..., stopwords=...)``; on each partition call
``count_corpus(part, by, options, forms=True)`` (a :class:`CountTable`: the tidy table of
the partition; ``count_corpus_ngrams`` for n-grams); merge the partial tables with
``.merge`` (any order); finalize with ``table.to_frame(by, min_count=...,
drop=dropper(options))``: the frame of ``term_frequencies(corpus, by)``, equal row for
row. For keyness, reduce each side to a table ``t``/``r`` and call
``keyness_table(t.counts(), r.counts(), t.tokens(), r.tokens(), drop=dropper(options))``.
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
from toolkit.frequency.document_counts import (
    document_term_counts,
    frequency_view,
    sum_counts,
    sum_term_counts,
    term_counts,
)
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
    "frequency_view",
    "keyness",
    "keyness_table",
    "kwic",
    "make_options",
    "ngrams",
    "pair_frame",
    "sum_counts",
    "sum_term_counts",
    "term_counts",
    "term_frequencies",
    "tfidf",
    "trends",
]
