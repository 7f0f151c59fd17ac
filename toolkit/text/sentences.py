"""Sentence splitting for Arabic news prose, with offsets into the original text.

Rules (DESIGN.md): ``.`` ``!`` ``?`` ``؟`` ``؛`` ``…`` and line breaks end a
sentence; ``،`` never does; a quotation (``"..."``, ``«...»``, ``“...”``) stays
whole; a missing space after the punctuation (``البلاد.لكن``) still splits;
decimals (``3.5``), URLs and e-mail addresses never split (they are single
tokens); a ``.`` right after a one-letter word or a Latin abbreviation (``د.``,
``أ.ف.ب``, ``U.S.``, ``Dr.``) does not split unless a line break follows.
Closing quotes and brackets right after the final punctuation belong to the
sentence they close.
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.text.normalize import check_text
from toolkit.text.tokenize import Token, tokenize

__all__ = ["Span", "sentences", "TERMINATORS"]

#: characters that end a sentence (outside a quotation)
TERMINATORS = frozenset(".!?؟؛…")
_OPEN = {"«": "»", "“": "”", "(": ")", "[": "]"}
_CLOSE_BRACKETS = frozenset(")]")
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


def sentences(text: str) -> list[Span]:
    """Split news prose into sentences; each :class:`Span` slices the original text.

    >>> [s.text for s in sentences('في البلاد.لكن يبدو، أن الأمر "صعب. جدا". وقال ماكرون')]
    ['في البلاد.', 'لكن يبدو، أن الأمر "صعب. جدا".', 'وقال ماكرون']
    """
    check_text(text)
    toks = tokenize(text, preset="none")
    if not toks:
        return []
    spans: list[tuple[int, int, bool]] = []  # (first token, last token, has a non-punct token)
    first = 0
    straight = False  # inside a "..." quotation
    depth = 0  # inside « » or “ ” (nesting)
    pending = False  # a terminator was seen outside quotes: close before the next real token
    content = False

    def close(last: int) -> None:
        nonlocal first, content
        if last >= first:
            spans.append((first, last, content))
        first = last + 1
        content = False

    n = len(toks)
    for i, t in enumerate(toks):
        if i and "\n" in text[toks[i - 1].end : t.start]:
            close(i - 1)
            straight, depth, pending = False, 0, False
        s = t.text
        if pending:
            closes_quote = (s == '"' and straight) or (s in "»”" and depth > 0)
            if s in TERMINATORS or s in _CLOSE_BRACKETS or closes_quote:
                if s == '"':
                    straight = False
                elif s in "»”":
                    depth -= 1
                continue
            close(i - 1)
            pending = False
        if t.kind != "punct":
            content = True
            continue
        prev = toks[i - 1] if i else None
        if s == '"':
            straight = not straight
            if not straight and depth == 0 and prev is not None and prev.text in TERMINATORS:
                pending = True  # the quotation ended with the sentence: «... انتهى.»
        elif s in "«“":
            depth += 1
        elif s in "»”":
            depth = max(0, depth - 1)
            if depth == 0 and not straight and prev is not None and prev.text in TERMINATORS:
                pending = True
        elif s in TERMINATORS and not straight and depth == 0:
            nxt = toks[i + 1] if i + 1 < n else None
            if s == "." and _is_abbreviation(prev, t, nxt, text):
                continue
            pending = True
    close(n - 1)

    # a stretch of punctuation alone (a stray quote or dot) joins the sentence before it
    merged: list[list[int]] = []
    for a, b, has_content in spans:
        if not has_content and merged and "\n" not in text[toks[merged[-1][1]].end : toks[a].start]:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        start, end = toks[a].start, toks[b].end
        out.append(Span(start, end, text[start:end]))
    return out
