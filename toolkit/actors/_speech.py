"""Shared per-document analysis for :mod:`quotes` and :mod:`labels`.

Tokenizing a document and splitting it into sentences are the costly steps of the quote,
label and discovery passes; a weekly brief runs several of them over the same documents.
:func:`analyze` computes both once per text, from ONE tokenization (the sentences are
split from the same tokens), and keeps them in a bounded cache, compactly (offsets and
normalized words, not token objects), so the second pass over the same documents
rebuilds its tokens in a fraction of the time tokenizing takes. :func:`columns` gives
the same analysis as parallel lists, without building a Token per token (quotes);
:func:`lean` without the surfaces and with the kinds as one string (labels), and
:func:`cached_norms` the joined norms of a cached text (labels counts them in bulk).

The cache is compact on purpose: objects kept per token make a pass slower, not faster.
Lists of norms or kinds send every later allocation to cold memory (measured: keeping
them, even with interned norms, costs the quote pass over a week of news more than
splitting the joined norms saves later); lists of offsets hold millions of int objects
that every garbage collection visits again, so the offsets are kept as arrays of C
ints, which the collector does not track.

>>> toks, sents = analyze("قال ماكرون. ثم غادر")
>>> [t.norm for t in toks], sents
(['قال', 'ماكرون', '.', 'ثم', 'غادر'], [(0, 11), (12, 19)])
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from threading import Lock

from toolkit.text import KINDS, Token
from toolkit.text.normalize import check_text
from toolkit.text.sentences import _split
from toolkit.text.tokenize import _columns

__all__ = [
    "analyze",
    "columns",
    "lean",
    "cached_norms",
    "cached_sentences",
    "clear_cache",
    "paused_gc",
    "CACHE_CHARS",
    "KIND_CODE",
]

#: the cache holds documents up to this many characters in all (some 2.5 bytes of
#: memory per character, plus the texts themselves, which the corpus holds anyway)
CACHE_CHARS = 40_000_000

#: one character per token kind: the kinds of :func:`lean`, as one string per text
KIND_CODE = {k: chr(65 + i) for i, k in enumerate(KINDS)}
_KIND_CODE = KIND_CODE
_CODE_KIND = {c: k for k, c in _KIND_CODE.items()}
_new_token = partial(tuple.__new__, Token)

_cache: dict[str, tuple] = {}
_cached_chars = 0
_lock = Lock()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a pass that makes many small acyclic objects.

    Tokens and rows are tuples and dicts that form no cycles; without the pause the
    collector scans them again and again as they pile up (a quarter of a pass's time).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def clear_cache() -> None:
    """Forget every cached analysis."""
    global _cached_chars
    with _lock:
        _cache.clear()
        _cached_chars = 0


def analyze(text: str) -> tuple[list[Token], list[tuple[int, int]]]:
    """``(tokenize(text), [(start, end) of each sentence])`` of one document, cached.

    The tokens are those of :func:`toolkit.text.tokenize` with the ``search`` preset; the
    sentences those of :func:`toolkit.text.sentences`.
    """
    with paused_gc():
        starts, ends, surfaces, norms, kinds, sents = columns(text)
        toks = list(map(_new_token, zip(starts, ends, surfaces, norms, kinds, strict=True)))
    return toks, list(sents)


def columns(
    text: str,
) -> tuple[list[int], list[int], list[str], list[str], list[str], tuple[tuple[int, int], ...]]:
    """The tokens of :func:`analyze` as parallel lists ``starts, ends, surfaces, norms,
    kinds`` and its sentences as a tuple of ``(start, end)``, cached; no Token is built.

    One tokenization serves both: the sentences are split from the same tokens. The lists
    may be shared with the cache: read them, do not change them.
    """
    global _cached_chars
    hit = _cache.get(text)
    if hit is not None:
        return _rebuild(text, hit)
    check_text(text)
    paused = gc.isenabled()  # tokens and pairs form no cycles (see paused_gc)
    if paused:
        gc.disable()
    try:
        starts, ends, surfaces, norms, kinds = _columns(text, "search")
        sents = (
            tuple(_split(text, starts, ends, surfaces, kinds.__getitem__, offsets=True))
            if starts
            else ()
        )
    finally:
        if paused:
            gc.enable()
    if len(text) <= CACHE_CHARS // 4:
        entry = (
            array("i", starts),  # a text of at most CACHE_CHARS // 4 characters
            array("i", ends),
            "\n".join(norms),
            "".join(map(_KIND_CODE.__getitem__, kinds)),
            sents,
        )
        with _lock:
            while _cache and _cached_chars + len(text) > CACHE_CHARS:
                old = next(iter(_cache))  # the oldest entry first
                _cached_chars -= len(old)
                del _cache[old]
            if text not in _cache:
                _cache[text] = entry
                _cached_chars += len(text)
    return starts, ends, surfaces, norms, kinds, sents


def lean(text: str) -> tuple[list[int], list[int], list[str], str, tuple[tuple[int, int], ...]]:
    """``starts, ends, norms, codes, sentences`` of :func:`columns`, cached, for a pass that
    reads few surfaces: no surface list (``text[starts[i]:ends[i]]`` is token ``i``'s), and
    the kinds as one string, a character per token (``codes[i] == KIND_CODE[kind]``).

    >>> starts, ends, norms, codes, sents = lean("قال ماكرون.")
    >>> norms, codes == KIND_CODE["word"] * 2 + KIND_CODE["punct"], sents
    (['قال', 'ماكرون', '.'], True, ((0, 11),))
    """
    hit = _cache.get(text)
    if hit is None:
        starts, ends, _, norms, kinds, sents = columns(text)
        return starts, ends, norms, "".join(map(_KIND_CODE.__getitem__, kinds)), sents
    starts, ends, norms, codes, sents = hit
    if not starts:
        return [], [], [], codes, sents
    return starts.tolist(), ends.tolist(), norms.split("\n"), codes, sents


def cached_norms(text: str) -> tuple[str, str] | None:
    """The norms of a text in the cache, joined by line breaks, and the code of each
    token's kind (one character per token, see :data:`KIND_CODE`); None when the text is
    not in the cache. No string per token is made: for counting in bulk.

    >>> _ = columns("قال ماكرون: نعم")
    >>> cached_norms("قال ماكرون: نعم") == ("قال\\nماكرون\\n:\\nنعم", "EEIE"), cached_norms("نص")
    (True, None)
    """
    hit = _cache.get(text)
    return None if hit is None else (hit[2], hit[3])


def cached_sentences(text: str) -> tuple[tuple[int, int], ...] | None:
    """The ``(start, end)`` of each sentence of a text in the cache (as
    ``toolkit.text.sentences`` splits it); None when the text is not in the cache.

    >>> _ = columns("قال ماكرون. نعم")
    >>> cached_sentences("قال ماكرون. نعم"), cached_sentences("نص")
    (((0, 11), (12, 15)), None)
    """
    hit = _cache.get(text)
    return None if hit is None else hit[4]


def _rebuild(text: str, entry: tuple) -> tuple:
    starts, ends, norms, kinds, sents = entry
    if not starts:
        return [], [], [], [], [], sents
    starts, ends = starts.tolist(), ends.tolist()
    surfaces = list(map(text.__getitem__, map(slice, starts, ends)))
    norm_list = norms.split("\n")
    if len(norm_list) != len(starts):  # pragma: no cover - a norm never holds a line break
        return _columns(text, "search") + (sents,)
    return starts, ends, surfaces, norm_list, list(map(_CODE_KIND.__getitem__, kinds)), sents
