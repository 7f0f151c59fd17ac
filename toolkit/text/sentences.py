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

from itertools import accumulate
from typing import NamedTuple

from toolkit.text.normalize import check_text
from toolkit.text.tokenize import Token, tokenize

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


def _quotations(toks: list[Token], breaks: list[bool]) -> tuple[list[int], dict[int, int]]:
    """Quotations that stay whole: ``depth`` per token and ``{closing index: opening index}``.

    Quotes pair up within a paragraph (« with », “ with ”, a straight " with the next one);
    an opening quote left unpaired at the end of its paragraph is ignored, and so is a
    pair longer than ``MAX_QUOTE_CHARS`` (in news text that is a stray quote mark, not a
    quotation).
    """
    n = len(toks)
    pairs: dict[int, int] = {}
    stack: list[int] = []
    straight: int | None = None
    for i, t in enumerate(toks):
        if breaks[i]:
            stack.clear()
            straight = None
        if t.kind != "punct":
            continue
        s = t.text
        if s in _OPEN_QUOTES:
            stack.append(i)
        elif s in _CLOSE_QUOTES:
            if stack:
                pairs[i] = stack.pop()
        elif s == '"':
            if straight is None:
                straight = i
            else:
                pairs[i] = straight
                straight = None
    diff = [0] * (n + 1)
    kept = {}
    for close, open_ in pairs.items():
        if toks[close].end - toks[open_].start <= MAX_QUOTE_CHARS:
            kept[close] = open_
            diff[open_ + 1] += 1
            diff[close] -= 1
    depth = list(accumulate(diff[:n]))
    return depth, kept


def sentences(text: str) -> list[Span]:
    """Split news prose into sentences; each :class:`Span` slices the original text.

    >>> [s.text for s in sentences('في البلاد.لكن يبدو، أن الأمر "صعب. جدا". وقال ماكرون')]
    ['في البلاد.', 'لكن يبدو، أن الأمر "صعب. جدا".', 'وقال ماكرون']
    """
    check_text(text)
    toks = tokenize(text, preset="none")
    n = len(toks)
    if not n:
        return []
    breaks = [i > 0 and "\n" in text[toks[i - 1].end : toks[i].start] for i in range(n)]
    depth, closers = _quotations(toks, breaks)
    openers = set(closers.values())

    def trailing(j: int) -> int:
        """Index after the final punctuation that still belongs to the sentence."""
        while j < n and not breaks[j] and toks[j].kind == "punct":
            s = toks[j].text
            if s in TERMINATORS or s in ")]" or (s in _ANY_QUOTE and j not in openers):
                j += 1
            else:
                break
        return j

    bounds: list[tuple[int, int]] = []  # (first token, last token + 1)
    first = 0
    i = 0
    while i < n:
        if breaks[i] and i > first:
            bounds.append((first, i))
            first = i
        t = toks[i]
        end = None
        if t.kind == "punct":
            if t.text in TERMINATORS and depth[i] == 0:
                nxt = toks[i + 1] if i + 1 < n else None
                prev = toks[i - 1] if i else None
                if not (t.text == "." and _is_abbreviation(prev, t, nxt, text)):
                    end = trailing(i + 1)
            elif i in closers and depth[i] == 0 and i and toks[i - 1].text in TERMINATORS:
                end = trailing(i + 1)  # the quotation ended with the sentence: «... انتهى.»
        if end is None:
            i += 1
            continue
        bounds.append((first, end))
        first = i = end
    if first < n:
        bounds.append((first, n))

    # a stretch of punctuation alone (a stray quote or dot) joins the sentence before it
    merged: list[list[int]] = []
    for a, b in bounds:
        alone = all(t.kind == "punct" for t in toks[a:b])
        if alone and merged and not breaks[a]:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        start, end = toks[a].start, toks[b - 1].end
        out.append(Span(start, end, text[start:end]))
    return out
