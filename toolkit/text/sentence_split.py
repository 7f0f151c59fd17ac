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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, count
from typing import NamedTuple

import numpy as np

from toolkit.text.normalization import check_text
from toolkit.text.tokens import KIND_CODE, _offsets

__all__ = ["Span", "sentences", "sentence_starts", "TERMINATORS", "MAX_QUOTE_CHARS"]

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


def _abbreviation(
    e: int, text: str, starts: Sequence[int], ends: Sequence[int], surfaces: list[str], codes: str
) -> bool:
    """The ``.`` of token ``e`` closes an abbreviation (``د.``, ``U.S.``), not a sentence:
    it follows a one-letter word or a Latin abbreviation with no space, and no line break
    comes before the next token."""
    if e == 0 or ends[e - 1] != starts[e]:
        return False
    prev_code = codes[e - 1]
    if prev_code != _WORD and prev_code != _LATIN:
        return False
    if e + 1 >= len(starts) or "\n" in text[ends[e] : starts[e + 1]]:
        return False
    prev = surfaces[e - 1]
    if prev_code == _LATIN and prev.lower() in _LATIN_ABBREV:
        return True
    if len(prev) > 1 and prev[:2].isalpha() and "\u0640" not in prev[:2]:
        return False  # two letters already (most words end here)
    return sum(c.isalpha() and c != "\u0640" for c in prev) == 1


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


# the tokens the splitter looks at: terminators and quotes (and the line breaks between)
_EVENT_SURFACES = TERMINATORS | _ANY_QUOTE
_NEWLINE = re.compile("\n")
_PUNCT = KIND_CODE["punct"]
_WORD = KIND_CODE["word"]
_LATIN = KIND_CODE["latin"]


def _scan(text: str) -> tuple[Sequence[int], Sequence[int], list[str], str]:
    """The tokens of :func:`toolkit.text.tokenize` (preset ``none``) as ``starts, ends,
    surfaces`` and their kind codes: the same expressions and offsets, without building a
    Token per token."""
    return _offsets(text)


def sentences(text: str) -> list[Span]:
    """Split news prose into sentences; each :class:`Span` slices the original text.

    >>> [s.text for s in sentences('في البلاد.لكن يبدو، أن الأمر "صعب. جدا". وقال ماكرون')]
    ['في البلاد.', 'لكن يبدو، أن الأمر "صعب. جدا".', 'وقال ماكرون']
    """
    check_text(text)
    return _split(text, *_scan(text))


def _split(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    surfaces: list[str],
    codes: str,
    offsets: bool = False,
) -> list[Span] | list[tuple[int, int]]:
    """:func:`sentences` of ``text`` from its tokens (any preset: only the surfaces, the
    offsets and the kinds are read), given as parallel sequences (lists or integer arrays)
    and the kind codes (:data:`toolkit.text.tokens.KIND_CODE`, one character per token);
    ``offsets=True`` gives ``(start, end)`` pairs instead of spans."""
    n = len(starts)
    if not n:
        return []
    if isinstance(starts, np.ndarray):
        # the few offsets read one by one come out of a memoryview as Python ints, fast
        starts, ends = memoryview(starts), memoryview(ends)

    # Only terminators, quotes and line breaks decide anything: find their tokens (a
    # punctuation token is one character, so its surface is the character) in one C-level
    # pass over the surfaces, and the line breaks in the text by bisection, instead of
    # walking every token in Python.
    breaks: set[int] = set()  # tokens with a line break in the gap before them
    if "\n" in text:
        for m in _NEWLINE.finditer(text):
            i = bisect_left(starts, m.start())  # never inside a token: in the gap before i
            if 0 < i < n:
                breaks.add(i)
    quotes: list[int] = []
    stops: list[int] = []  # terminator tokens
    for i in compress(count(), map(_EVENT_SURFACES.__contains__, surfaces)):
        if codes[i] == _PUNCT:
            (stops if surfaces[i] in TERMINATORS else quotes).append(i)
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
        while j < n and j not in breaks and codes[j] == _PUNCT:
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
        if codes[e] == _PUNCT:
            s = surfaces[e]
            if s in TERMINATORS and depth(e) == 0:
                if s != "." or not _abbreviation(e, text, starts, ends, surfaces, codes):
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
        if merged and a not in breaks and not codes[a:b].strip(_PUNCT):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    if offsets:
        return [(starts[a], ends[b - 1]) for a, b in merged]
    out = []
    for a, b in merged:
        start, end = starts[a], ends[b - 1]
        out.append(Span(start, end, text[start:end]))
    return out


# --------------------------------------------------------------------------- sentence starts fast

# Whole words of plain Arabic letters separated by single spaces, with a space, a line
# break or an end of text on both sides: no sentence can end or start inside such a run.
_LETTERS = "\u0621-\u063a\u0641-\u064a"
# a chunk: no whitespace, no terminator, no quote mark (nothing the splitter looks at)
_CHUNK = "[^\\s" + re.escape("".join(sorted(TERMINATORS | _ANY_QUOTE))) + "]"
_RUN = re.compile(f"(?<![^ \\n])([{_LETTERS}]{_CHUNK}*+(?: {_CHUNK}++)*)(?![^ \\n])")
_QUOTE_CHARS = re.compile("[" + re.escape("".join(sorted(_ANY_QUOTE))) + "]")


def sentence_starts(text: str, upto: int | None = None) -> list[int]:
    """The start offsets of ``toolkit.text.sentences(text)``, up to the sentence holding ``upto``.

    The same numbers for less work, by two exact shortcuts:

    * Sentences never cross a line break (quotations pair up within a paragraph), so the
      text is cut at the first line break at or after ``upto``.
    * A run of space-separated chunks with no terminator and no quote mark, starting
      with an Arabic letter and with a space, a line break or an end of text on both
      sides, is read as the one word ``ا``: tokens never cross whitespace, such a run
      holds no sentence boundary, and what the splitter looks at (terminators, quotes,
      line breaks, the tokens next to them, whether a sentence is punctuation only)
      does not change.  Offsets are mapped back.  The one length-dependent rule (a
      quotation longer than ``MAX_QUOTE_CHARS`` is ignored) is kept by reading the text
      as is when a line longer than that holds a quote mark.

    Checked against ``sentences`` on all 31,030 SaudiNewsNet articles (identical starts).

    >>> sentence_starts("قال ماكرون. وصل حفتر إلى باريس؟ نعم")
    [0, 12, 32]
    """
    check_text(text)
    if upto is not None:
        cut = text.find("\n", upto)
        if cut >= 0:
            text = text[:cut]
    if _QUOTE_CHARS.search(text) and any(
        len(line) > MAX_QUOTE_CHARS and _QUOTE_CHARS.search(line) for line in text.split("\n")
    ):
        return [sp.start for sp in sentences(text)]
    parts = _RUN.split(text)  # [other, run, other, run, ..., other]
    if len(parts) == 1:
        return [sp.start for sp in sentences(text)]
    short = "ا".join(parts[0::2])
    # piece k of ``short`` (the text before run k, then the ``ا`` of run k) starts at
    # short_at[k] and at orig_at[k] in the text
    lengths = list(map(len, parts))
    others = lengths[0::2]
    runs = lengths[1::2]
    short_at = [0, *accumulate(n + 1 for n in others[:-1])]
    orig_at = [0, *accumulate(a + b for a, b in zip(others[:-1], runs, strict=True))]
    out = []
    for sp in sentences(short):
        k = bisect_right(short_at, sp.start) - 1
        out.append(orig_at[k] + sp.start - short_at[k])  # the ``ا`` of run k: its start
    return out
