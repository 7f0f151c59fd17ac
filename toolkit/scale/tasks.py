"""The per-partition map functions (run on the workers) and their mergeable reduces.

Each map reads one partition into a Corpus and applies the serial toolkit's per-document
code to it: ``toolkit.frequency.count_corpus`` / ``count_document_ngrams`` (a
``CountTable``), ``toolkit.actors.find_mentions``, ``toolkit.actors.quotes``. It returns a
:class:`PartResult`: the value, the number of documents, the records skipped by the reader
and a digest of the partition's document ids (the client checks that no id repeats across
partitions: the serial loader would have renamed or refused it, so results could differ).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from toolkit.actors import find_mentions, mention_counts
from toolkit.frequency import CountTable, count_corpus
from toolkit.frequency.ngram_counts import count_corpus_ngrams
from toolkit.frequency.terms import TermOptions
from toolkit.scale.partitions import Partition


@dataclass
class PartResult:
    """What one partition sends back: ``value`` and the bookkeeping that guards the merge."""

    value: Any
    documents: int
    ids: np.ndarray  # uint64 digests of the doc_ids
    skipped: list[tuple] = field(default_factory=list)


def id_digests(doc_ids: Sequence[str]) -> np.ndarray:
    """64-bit digests of document ids (blake2b), to find ids repeated across partitions."""
    return np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(d.encode("utf-8"), digest_size=8).digest(), "little")
            for d in doc_ids
        ),
        dtype=np.uint64,
        count=len(doc_ids),
    )


def _result(corpus, value: Any) -> PartResult:
    skipped = [tuple(r) for r in corpus.skipped.itertuples(index=False, name=None)]
    ids = id_digests(corpus.frame["doc_id"].astype(str).tolist())
    return PartResult(value, len(corpus), ids, skipped)


# ------------------------------------------------------------------ actors on the workers

#: dictionaries already seen by this worker process, by token: the compiled matcher cached
#: on the first copy is reused by every later partition
_ACTORS: dict[str, Any] = {}


def actors_token(actors: Any) -> str:
    """A content token for a dictionary (its actors and name), the key of the worker cache."""
    import pickle

    return hashlib.sha256(pickle.dumps((actors.name, list(actors)))).hexdigest()


def _actors(actors: Any, token: str) -> Any:
    cached = _ACTORS.get(token)
    if cached is None:
        if len(_ACTORS) > 8:
            _ACTORS.clear()
        cached = _ACTORS[token] = actors
    return cached


# ------------------------------------------------------------------ maps


def count_terms(
    part: Partition, by: tuple[str, ...], options: TermOptions, forms: bool = False
) -> PartResult:
    """Map: the ``CountTable`` of one partition's terms (as ``term_frequencies`` counts them;
    ``forms``: also the written forms that label each term)."""
    corpus = part.corpus()
    return _result(corpus, count_corpus(corpus, by, options, forms=forms))


def count_ngrams(
    part: Partition, sizes: tuple[int, ...], by: tuple[str, ...], options: TermOptions
) -> PartResult:
    """Map: the ``CountTable`` of one partition's n-grams (as ``ngrams`` counts them)."""
    corpus = part.corpus()
    return _result(corpus, count_corpus_ngrams(corpus, sizes, by, options))


def mentions(part: Partition, actors: Any, token: str) -> PartResult:
    """Map: the mention table of one partition (``find_mentions``), documents in order."""
    corpus = part.corpus()
    return _result(corpus, find_mentions(corpus, _actors(actors, token)))


def partial_mention_counts(
    part: Partition, actors: Any, token: str, by: list[str], level: str
) -> PartResult:
    """Map: ``mention_counts`` of one partition (``mentions`` and ``docs`` add up across
    partitions, whose documents are disjoint)."""
    corpus = part.corpus()
    acts = _actors(actors, token)
    m = find_mentions(corpus, acts)
    return _result(
        corpus, mention_counts(m, by=by or None, level=level, corpus=corpus, actors=acts)
    )


def mention_units(part: Partition, actors: Any, token: str, window: str) -> PartResult:
    """Map: the distinct (unit, actor) rows of one partition, all ``co_mentions`` reads."""
    corpus = part.corpus()
    m = find_mentions(corpus, _actors(actors, token))
    cols = ["doc_id", "sentence", "actor_id"] if window == "sentence" else ["doc_id", "actor_id"]
    return _result(corpus, m[cols].drop_duplicates().reset_index(drop=True))


def quotes(part: Partition, actors: Any, token: str) -> PartResult:
    """Map: the quote table of one partition (``toolkit.actors.quotes``), documents in order."""
    from toolkit.actors.speech import quotes as serial_quotes

    corpus = part.corpus()
    acts = _actors(actors, token)
    return _result(corpus, serial_quotes(corpus, mentions=find_mentions(corpus, acts)))


def terms_and_mentions(
    part: Partition,
    by: tuple[str, ...],
    options: TermOptions,
    actors: Any,
    token: str,
    forms: bool = False,
) -> PartResult:
    """Map: the term ``CountTable`` and the mention table of a partition, in one read."""
    corpus = part.corpus()
    table = count_corpus(corpus, by, options, forms=forms)
    return _result(corpus, (table, find_mentions(corpus, _actors(actors, token))))


# ------------------------------------------------------------------ reduces


def merge_tables(tables: Sequence[CountTable]) -> CountTable:
    """Reduce: one ``CountTable`` from many (sums are exact: any order gives the same table)."""
    return CountTable().merge_all(tables)


def concat_frames(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Reduce: frames in partition order (empty ones left out: their columns carry no dtype)."""
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0].copy() if frames else pd.DataFrame()
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


def sum_mention_counts(parts: Sequence[pd.DataFrame], by: list[str], level: str) -> pd.DataFrame:
    """Reduce: per-partition ``mention_counts`` summed and sorted as ``mention_counts`` sorts."""
    keys = {"actor": ["actor_id", "actor_type"], "type": ["actor_type"], "group": ["group"]}[level]
    cols = list(by) + keys
    full = [p for p in parts if len(p)]
    if not full:
        return parts[0].copy() if parts else pd.DataFrame()
    frame = pd.concat(full, ignore_index=True)
    out = frame.groupby(cols, dropna=False, sort=False)[["mentions", "docs"]].sum().reset_index()
    out = out.sort_values(
        list(by) + ["mentions", keys[0]], ascending=[True] * len(by) + [False, True]
    )
    return out.reset_index(drop=True).astype({"mentions": "int64", "docs": "int64"})
