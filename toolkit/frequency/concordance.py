"""Keyword in context: every occurrence of a word, phrase or regex with its surroundings.

Offsets and the ``left``/``match``/``right`` strings come from the ORIGINAL text, so
``corpus.text(doc_id)[start:end] == match``. The HTML display (right-to-left, match
highlighted) is ``toolkit.plots.charts.kwic_html(frame)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit import text as _text
from toolkit.frequency.source import iter_with_tokens
from toolkit.frequency.terms import TermOptions, make_options, normalize_term, word_terms

COLUMNS = ["doc_id", "start", "end", "left", "match", "right"]
_META = frozenset(".^$*+?{}[]\\|()")


def _empty(note: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {c: pd.Series([], dtype="int64" if c in ("start", "end") else "object") for c in COLUMNS}
    )
    frame.attrs["note"] = note
    return frame


def _regex(pattern: str, preset: str) -> Any:
    """Compile ``pattern`` after normalizing its letters; metacharacters stay as written,
    and a character that normalizes to a metacharacter (``؟`` → ``?``) is escaped.

    The pattern runs on the ``regex`` engine (Python's syntax) with a time limit:
    :data:`REGEX_SECONDS` per document, so a pattern that backtracks catastrophically
    (``(a|a?)+$``) stops with a ``ValueError`` saying so instead of running for hours."""
    import regex as engine

    if preset == "none":
        src = pattern
    else:
        parts = []
        for ch in pattern:
            n = _text.normalize(ch, preset=preset)
            if n != ch and any(c in _META for c in n):
                n = re.escape(n)
            parts.append(n)
        src = "".join(parts)
    try:
        compiled = engine.compile(src)
    except (engine.error, ValueError) as exc:
        raise ValueError(f"pattern={pattern!r} is not a valid regular expression: {exc}") from None

    class Timed:
        """``compiled`` whose ``finditer`` stops after REGEX_SECONDS on one document."""

        @staticmethod
        def finditer(text: str):
            try:
                yield from compiled.finditer(text, timeout=REGEX_SECONDS)
            except TimeoutError:
                raise ValueError(
                    f"pattern={pattern!r} ran for more than {REGEX_SECONDS:g} s on one "
                    "document and was stopped (a pattern such as (a|a?)+ backtracks without "
                    "end); simplify it") from None

    return Timed()


#: longest time a user's regular expression may run on one document, in seconds (the
#: regex engine checks its clock now and then: a stopped search has run a few times this)
REGEX_SECONDS = 1.0


def _context(starts, ends, text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """Left/right context: ``window`` non-punctuation tokens each side, or up to the
    document's edge (whitespace at the edges left out) when fewer remain."""
    if window == 0:
        return "", ""
    i = bisect_right(ends, start)  # context tokens that end before the match
    j = bisect_left(starts, end)  # the first context token after the match
    if i >= window:
        left_start = starts[i - window]
    else:
        left_start = len(text) - len(text.lstrip())
    if j + window <= len(ends):
        right_end = ends[j + window - 1]
    else:
        right_end = len(text.rstrip())
    return text[min(left_start, start) : start], text[end : max(right_end, end)]


def kwic(
    corpus: Any,
    pattern: str,
    window: int = 8,
    *,
    regex: bool = False,
    preset: str = "search",
    clitics: str = "strip",
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """Every occurrence of ``pattern`` with ``window`` words of context on each side.

    ``pattern`` is a word or a phrase, matched term by term exactly as
    :func:`term_frequencies` counts (normalized, proclitics stripped: ``حفتر`` finds
    ``وحفتر`` and ``لحفتر``; ``clitics="keep"`` matches the normalized word as written), so
    the number of rows for a word equals its ``count``. A phrase matches consecutive words
    with no punctuation between them. With ``regex=True`` the pattern is a Python regular
    expression run over the normalized text (its letters are normalized too; ``preset="none"``
    runs it on the original text). Columns: ``doc_id``, ``start``, ``end`` (offsets into the
    original text), ``left``, ``match``, ``right`` (slices of the original text). No match
    gives an empty frame whose ``attrs["note"]`` says why.

    >>> k = kwic(["وصل المشير حفتر إلى باريس، واستقبل ماكرون وحفتر."], "حفتر", window=2)
    >>> k[["left", "match", "right"]].values.tolist()
    [['وصل المشير ', 'حفتر', ' إلى باريس'], ['واستقبل ماكرون ', 'وحفتر', '.']]
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"pattern={pattern!r} must be a non-empty string")
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window={window!r} must be an integer >= 0")
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=False)
    if opts.clitics == "split":
        raise ValueError("clitics='split' is not accepted by kwic: use 'strip' or 'keep'")
    if regex:
        compiled = _regex(pattern, opts.preset)
        terms: Sequence[str] = ()
    else:
        terms = normalize_term(pattern, opts)
        if not terms:
            raise ValueError(f"pattern={pattern!r} contains no word to search for")
    kinds = set(opts.kinds)
    # a cheap test before tokenizing: every match contains its first term's stem
    probe = terms[0] if terms else ""
    if opts.clitics == "keep_article" and probe.startswith("ال"):
        probe = probe[2:]  # للجيش holds الجيش without its alef
    rows: list[tuple] = []
    n_docs = 0
    for doc_id, text, _key, _date, doc in iter_with_tokens(corpus, (), opts.preset):
        n_docs += 1
        if not text or (probe and probe not in _text.normalize(text, preset=opts.preset)):
            continue
        if doc is not None:  # from the analysis: not tokenized again
            tokens = [
                _text.Token(s, e, text[s:e], n, k)
                for s, e, n, k in zip(doc.starts, doc.ends, doc.norms, doc.kinds, strict=True)
            ]
        else:
            tokens = _text.tokenize(text, preset=opts.preset)
        ctx = [t for t in tokens if t.kind != "punct"]
        starts = [t.start for t in ctx]
        ends = [t.end for t in ctx]
        if regex:
            if opts.preset == "none":
                spans = [
                    (m.start(), m.end()) for m in compiled.finditer(text) if m.end() > m.start()
                ]
            else:
                norm, omap = _text.normalize_with_offsets(text, preset=opts.preset)
                spans = [
                    omap.span(m.start(), m.end())
                    for m in compiled.finditer(norm)
                    if m.end() > m.start()
                ]
        else:
            spans = _term_spans(tokens, terms, opts, kinds, probe)
        for s, e in spans:
            left, right = _context(starts, ends, text, s, e, window)
            rows.append((doc_id, s, e, left, text[s:e], right))
    if not rows:
        how = "regex" if regex else "word/phrase"
        return _empty(f"no match for {how} {pattern!r} in {n_docs} document(s)")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    return frame


def _term_spans(tokens, terms: Sequence[str], opts: TermOptions, kinds: set[str], stem: str):
    """The spans of the phrase ``terms``; ``stem``: what the normalized word of its first
    term ends with (a term is its word without proclitics), tested before the term."""
    n = len(terms)
    first = terms[0]
    spans = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (tok.kind in kinds and tok.norm.endswith(stem)
                and word_terms(tok.norm, opts)[0] == first):
            j, k = i, 0
            while k < n and j < len(tokens):
                t = tokens[j]
                if t.kind not in kinds or word_terms(t.norm, opts)[0] != terms[k]:
                    break
                j += 1
                k += 1
            if k == n:
                spans.append((tok.start, tokens[j - 1].end))
                i = j
                continue
        i += 1
    return spans
