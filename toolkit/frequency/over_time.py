"""Trends: how often given terms occur per day or per ISO week, zeros filled.

Single words are a view of the tidy term-count table by day
(:func:`toolkit.frequency.document_counts.term_counts`); phrases are matched inside runs of
terms, as :func:`toolkit.frequency.kwic` finds them.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.corpus import iso_week
from toolkit.frequency.document_counts import term_counts
from toolkit.frequency.source import iter_with_tokens
from toolkit.frequency.terms import (
    TermOptions,
    document_runs,
    document_terms,
    forms_path,
    make_options,
    normalize_term,
)

COLUMNS = ["period", "term", "count", "total", "per_10k"]
FREQS = ("D", "W")


def _empty(note: str, freq: str = "D") -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "period": pd.Series([], dtype="datetime64[ns]" if freq == "D" else "object"),
            "term": pd.Series([], dtype="object"),
            "count": pd.Series([], dtype="int64"),
            "total": pd.Series([], dtype="int64"),
            "per_10k": pd.Series([], dtype="float64"),
        }
    )
    frame.attrs["note"] = note
    return frame


def _period(date: Any, freq: str) -> pd.Timestamp | None:
    if date is None or (not isinstance(date, str) and pd.isna(date)):
        return None
    ts = pd.Timestamp(date)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    day = ts.normalize()
    if freq == "W":  # the Monday that starts the ISO week
        return day - pd.Timedelta(days=day.weekday())
    return day


def _count_phrase(terms: list[str], phrase: tuple[str, ...]) -> int:
    if len(phrase) == 1:
        return terms.count(phrase[0])
    n, k, first = 0, len(phrase), phrase[0]
    i = 0
    while i <= len(terms) - k:
        if terms[i] == first and tuple(terms[i : i + k]) == phrase:
            n += 1
            i += k
        else:
            i += 1
    return n


def _word_counts(corpus: Any, phrases: dict[str, tuple[str, ...]], opts: TermOptions,
                 freq: str) -> tuple[dict, Counter, int, int]:
    """Each period's count of each single-word term, from :func:`term_counts` by day."""
    table, sizes = term_counts(corpus, "day", options=opts)
    dated = sizes[sizes["day"].notna()]
    n_docs, undated = int(sizes["documents"].sum()), int(sizes["documents"].sum()
                                                          - dated["documents"].sum())
    totals: Counter = Counter()
    for day, tokens in zip(dated["day"], dated["tokens"], strict=True):
        totals[_period(day, freq)] += int(tokens)
    wanted = {p[0] for p in phrases.values()}
    mine = table[table["day"].notna() & table["term"].isin(wanted)]
    by_term: dict[tuple, int] = Counter()
    for day, term, n in zip(mine["day"], mine["term"], mine["count"], strict=True):
        by_term[(_period(day, freq), term)] += int(n)
    counts = {p: Counter({t: by_term.get((p, phrase[0]), 0) for t, phrase in phrases.items()})
              for p in totals}
    return counts, totals, undated, n_docs


def _phrase_counts(corpus: Any, phrases: dict[str, tuple[str, ...]], opts: TermOptions,
                   freq: str) -> tuple[dict, Counter, int, int]:
    """Each period's count of each phrase, matched inside runs (never across punctuation),
    as kwic does."""
    multiword = any(len(p) > 1 for p in phrases.values())
    counts: dict[pd.Timestamp, Counter] = {}
    totals: Counter = Counter()
    undated = n_docs = 0
    for _doc_id, text, _key, date, doc in iter_with_tokens(corpus, (), opts.preset, need_date=True):
        n_docs += 1
        if doc is not None:
            text = doc  # the analysis' tokens: not tokenized again
        period = _period(date, freq)
        if period is None:
            undated += 1
            continue
        runs = document_runs(text, opts) if multiword else [document_terms(text, opts)]
        totals[period] += sum(map(len, runs))
        c = counts.setdefault(period, Counter())
        for t, p in phrases.items():
            c[t] += sum(_count_phrase(run, p) for run in runs)
    return counts, totals, undated, n_docs


def trends(
    corpus: Any,
    terms: str | Sequence[str],
    freq: str = "W",
    *,
    preset: str = "search",
    clitics: str = "strip",
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """Counts and relative frequencies of ``terms`` per period, zeros filled.

    ``freq="D"`` (calendar day; ``period`` is the day's Timestamp) or ``"W"`` (ISO week;
    ``period`` is its label, ``2015-W31``, as ``by="week"`` everywhere). Each term
    (a word or a phrase) is matched as :func:`term_frequencies` counts it (normalized,
    proclitics stripped) and as :func:`kwic` finds it (a phrase never spans punctuation);
    rows keep the term as the caller wrote it. ``total`` = all terms
    of the period's documents (stopwords included), ``per_10k = count / total × 10 000``.
    Every period from the first to the last dated document appears for every term.
    Documents without a date are left out with a warning; a corpus with no date at all
    gives an empty frame (with a warning and ``attrs["note"]``), never an error.
    Columns: ``period`` (Timestamp or ISO week label), ``term``, ``count``, ``total``,
    ``per_10k``.

    >>> from toolkit.corpus import Corpus
    >>> c = Corpus.from_records([
    ...     {"text": "حفتر في باريس", "date": "2020-03-09"},
    ...     {"text": "وصل حفتر ثم غادر حفتر", "date": "2020-03-11"}])
    >>> trends(c, "حفتر", freq="D")["count"].tolist()
    [1, 0, 2]
    >>> trends(c, "حفتر")[["period", "count"]].values.tolist()
    [['2020-W11', 3]]
    """
    if freq not in FREQS:
        raise ValueError(f"freq={freq!r} is not one of {FREQS} (day, ISO week)")
    if isinstance(terms, str):
        terms = [terms]
    terms = list(terms)
    if not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise ValueError(f"terms={terms!r}: give one or more non-empty words or phrases")
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=False)
    phrases = {t: normalize_term(t, opts) for t in terms}
    empty = [t for t, p in phrases.items() if not p]
    if empty:
        raise ValueError(f"terms={empty!r} contain no word to count")
    if any(len(p) > 1 for p in phrases.values()) or not forms_path(opts):
        counts, totals, undated, n_docs = _phrase_counts(corpus, phrases, opts, freq)
    else:  # single words: a view of the tidy table by day
        counts, totals, undated, n_docs = _word_counts(corpus, phrases, opts, freq)
    if n_docs == 0:
        return _empty("the corpus is empty: no document to count", freq)
    if not totals:
        note = f"none of the {n_docs} document(s) has a date: trends need dated documents"
        warnings.warn(note, UserWarning, stacklevel=2)
        return _empty(note, freq)
    if undated:
        warnings.warn(
            f"{undated} of {n_docs} document(s) have no date and are left out of the trends",
            UserWarning,
            stacklevel=2,
        )
    step = pd.Timedelta(days=7 if freq == "W" else 1)
    periods = pd.date_range(min(totals), max(totals), freq=step)
    rows_p, rows_t, rows_c, rows_n = [], [], [], []
    for p in periods:
        c = counts.get(p, Counter())
        for t in terms:
            rows_p.append(p)
            rows_t.append(t)
            rows_c.append(c.get(t, 0))
            rows_n.append(totals.get(p, 0))
    period_col = pd.DatetimeIndex(rows_p)
    if freq == "W":  # an ISO week label, as by="week" gives it everywhere
        period_col = iso_week(pd.Series(period_col)).to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "period": period_col,
            "term": rows_t,
            "count": np.asarray(rows_c, dtype=np.int64),
            "total": np.asarray(rows_n, dtype=np.int64),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["per_10k"] = np.where(
            frame["total"] > 0, frame["count"] / frame["total"].replace(0, 1) * 10_000, 0.0
        )
    return frame[COLUMNS]
