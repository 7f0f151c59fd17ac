"""Sentence splitting for Arabic news prose, with offsets into the original text.

Rules (DESIGN.md): ``.`` ``!`` ``?`` ``؟`` ``؛`` ``…`` and line breaks end a
sentence; ``،`` never does; a quotation (``"..."``, ``«...»``, ``“...”``) stays
whole (quotes pair up within a paragraph; an unpaired or overlong one is
ignored); a missing space after the punctuation (``البلاد.لكن``) still splits;
decimals (``3.5``), URLs and e-mail addresses never split (they are single
tokens); a ``.`` right after a one-letter word or a Latin abbreviation (``د.``,
``أ.ف.ب``, ``U.S.``, ``Dr.``) does not split unless a line break follows.
Closing quotes and brackets right after the final punctuation belong to the
sentence they close.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate, chain
from operator import itemgetter
from typing import NamedTuple

from toolkit.text.normalize import check_text
from toolkit.text.tokenize import Token, _first_kind, _first_kinds, _kind, _plain, _re

__all__ = ["Span", "sentences", "TERMINATORS", "MAX_QUOTE_CHARS"]

#: characters that end a sentence (outside a quotation)
TERMINATORS = frozenset(".!?؟؛…")
_OPEN_QUOTES = frozenset("«“")
_CLOSE_QUOTES = frozenset("»”")
_ANY_QUOTE = frozenset('"«»“”')
#: a quotation longer than this is taken for a stray quote mark and may be split
MAX_QUOTE_CHARS = 1500
_LATIN_ABBREV = frozenset(
    "mr mrs ms dr prof st jr sr inc ltd co corp vs no gen col lt sgt gov sen rep dept".split()
)


_second = itemgetter(1)


class Span(NamedTuple):
    """A stretch of the original text: ``original[start:end] == span.text``."""

    start: int
    end: int
    text: str


def _is_abbreviation(prev: Token | None, dot: Token, nxt: Token | None, text: str) -> bool:
    if prev is None or prev.end != dot.start or prev.kind not in ("word", "latin"):
        return False
    if nxt is None or "\n" in text[dot.end : nxt.start]:
        return False
    if prev.kind == "latin" and prev.text.lower() in _LATIN_ABBREV:
        return True
    letters = [c for c in prev.text if c.isalpha() and c != "\u0640"]
    return len(letters) == 1


def _quotations(
    starts: list[int], ends: list[int], surfaces: list[str], breaks: set[int], quotes: list[int]
) -> tuple[list[int], list[int], dict[int, int]]:
    """Quotations that stay whole: ``{closing index: opening index}``, with the sorted
    ``opening + 1`` and ``closing`` indices that give the quotation depth of a token.

    Quotes pair up within a paragraph (« with », “ with ”, a straight " with the next one);
    an opening quote left unpaired at the end of its paragraph is ignored, and so is a
    pair longer than ``MAX_QUOTE_CHARS`` (in news text that is a stray quote mark, not a
    quotation). ``quotes``: the indices of the quote tokens, in order; ``breaks``: the
    indices of the tokens that start a paragraph.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    straight: int | None = None
    quote_set = set(quotes)
    for i in sorted(quote_set | breaks) if breaks else quotes:
        if i in breaks:
            stack.clear()
            straight = None
        if i not in quote_set:
            continue
        s = surfaces[i]
        if s in _OPEN_QUOTES:
            stack.append(i)
        elif s in _CLOSE_QUOTES:
            if stack:
                pairs[i] = stack.pop()
        elif straight is None:  # a straight quote
            straight = i
        else:
            pairs[i] = straight
            straight = None
    kept = {}
    for close, open_ in pairs.items():
        if ends[close] - starts[open_] <= MAX_QUOTE_CHARS:
            kept[close] = open_
    inside = sorted(o + 1 for o in kept.values())
    outside = sorted(kept)
    return inside, outside, kept


# the characters the splitter looks at: terminators, quotes and line breaks
_EVENTS = re.compile("[" + re.escape("".join(sorted(TERMINATORS | _ANY_QUOTE))) + "\\n]")


def _scan(text: str) -> tuple[list[int], list[int], list[str], Callable[[int], str]]:
    """The tokens of :func:`toolkit.text.tokenize` (preset ``none``) as parallel lists
    ``starts, ends, surfaces`` and a function giving the kind of token ``i`` on demand:
    the same expressions and offsets, without building a Token per token."""
    paused = gc.isenabled()  # as in tokenize: the pairs are tuples that form no cycles
    if paused:
        gc.disable()
    try:
        plain = _plain(text)
        pairs = _re("pairs_plain" if plain else "pairs").findall(text)
        bounds = list(accumulate(map(len, chain.from_iterable(pairs))))
    finally:
        if paused:
            gc.enable()
    surfaces = list(map(_second, pairs))
    if plain:
        known = _first_kinds

        def kind(i: int) -> str:
            c = surfaces[i][0]
            return known.get(c) or _first_kind(c)

    else:
        memo: dict[str, str] = {}

        def kind(i: int) -> str:
            s = surfaces[i]
            k = memo.get(s)
            if k is None:
                k = memo[s] = _kind(s)
            return k

    return bounds[0::2], bounds[1::2], surfaces, kind


def sentences(text: str) -> list[Span]:
    """Split news prose into sentences; each :class:`Span` slices the original text.

    >>> [s.text for s in sentences('في البلاد.لكن يبدو، أن الأمر "صعب. جدا". وقال ماكرون')]
    ['في البلاد.', 'لكن يبدو، أن الأمر "صعب. جدا".', 'وقال ماكرون']
    """
    check_text(text)
    starts, ends, surfaces, kind = _scan(text)
    n = len(starts)
    if not n:
        return []

    def token(i: int) -> Token:
        return Token(starts[i], ends[i], surfaces[i], surfaces[i], kind(i))

    # Only terminators, quotes and line breaks decide anything: find them in the text and
    # locate their tokens by bisection, instead of walking every token in Python.
    breaks: set[int] = set()  # tokens with a line break in the gap before them
    quotes: list[int] = []
    stops: list[int] = []  # terminator tokens
    for m in _EVENTS.finditer(text):
        p = m.start()
        i = bisect_left(starts, p)
        ch = m.group()
        if ch == "\n":  # never inside a token: it lies in the gap before token i
            if 0 < i < n:
                breaks.add(i)
        elif i < n and starts[i] == p and kind(i) == "punct":
            (stops if ch in TERMINATORS else quotes).append(i)
    if quotes:
        inside, outside, closers = _quotations(starts, ends, surfaces, breaks, quotes)
    else:
        inside, outside, closers = [], [], {}
    openers = set(closers.values())

    def depth(i: int) -> int:
        """How many kept quotations hold token ``i``."""
        return bisect_right(inside, i) - bisect_right(outside, i) if inside else 0

    def trailing(j: int) -> int:
        """Index after the final punctuation that still belongs to the sentence."""
        while j < n and j not in breaks and kind(j) == "punct":
            s = surfaces[j]
            if s in TERMINATORS or s in ")]" or (s in _ANY_QUOTE and j not in openers):
                j += 1
            else:
                break
        return j

    bounds: list[tuple[int, int]] = []  # (first token, last token + 1)
    first = 0
    i = 0  # the next token to look at; tokens that are not events change nothing
    for e in sorted(breaks.union(stops, closers)):
        if e < i:
            continue  # taken in by the trailing punctuation of a sentence
        if e in breaks and e > first:
            bounds.append((first, e))
            first = e
        end = None
        if kind(e) == "punct":
            s = surfaces[e]
            if s in TERMINATORS and depth(e) == 0:
                if s != "." or not _is_abbreviation(
                    token(e - 1) if e else None, token(e), token(e + 1) if e + 1 < n else None, text
                ):
                    end = trailing(e + 1)
            elif e in closers and depth(e) == 0 and e and surfaces[e - 1] in TERMINATORS:
                end = trailing(e + 1)  # the quotation ended with the sentence: «... انتهى.»
        if end is None:
            i = e + 1
            continue
        bounds.append((first, end))
        first = i = end
    if first < n:
        bounds.append((first, n))

    # a stretch of punctuation alone (a stray quote or dot) joins the sentence before it
    merged: list[list[int]] = []
    for a, b in bounds:
        if merged and a not in breaks and all(kind(k) == "punct" for k in range(a, b)):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        start, end = starts[a], ends[b - 1]
        out.append(Span(start, end, text[start:end]))
    return out
