"""One document as the speech rules read it: tokens, sentences, paragraphs, quotations, mentions.

Built from the public ``toolkit.text.tokenize`` and ``toolkit.text.sentences`` (offsets into
the ORIGINAL text). Quotation marks are tokens of their own; the quotations they make are
found by :func:`toolkit.actors.speech.spans.quotations`. Paragraphs end at a line break or a
run of three or more spaces (how SaudiNewsNet's sites separate them).

>>> d = Doc("a", 'قال الوزير: "نعم".\\nوأضاف أن ...', [])
>>> d.n, d.sent[-1], d.para[0], d.para[-1]
(12, 1, 0, 1)
"""

from __future__ import annotations

import bisect
import re

from toolkit.actors.speech.spans import quotations
from toolkit.text import sentences, tokenize

__all__ = ["Doc", "SPEAKER_TYPES"]

#: actor types that can speak (a place does not)
SPEAKER_TYPES = frozenset({"person", "organization", "country", "group"})
_PARA_RE = re.compile(r"\n|[ \t\u00a0]{3,}")


def _runs(starts: list[int], cuts: list[int]) -> list[int]:
    """For each token start, the index of the last cut at or before it (0 before the first)."""
    out: list[int] = []
    n = len(starts)
    prev = 0
    for k in range(1, len(cuts) + 1):
        b = bisect.bisect_left(starts, cuts[k]) if k < len(cuts) else n
        if b > prev:
            out.extend([k - 1] * (b - prev))
            prev = b
    out.extend([max(0, len(cuts) - 1)] * (n - prev))
    return out


class Doc:
    """The tokens (parallel lists), sentences, paragraphs, quotations and mentions of a text.

    ``mentions`` are tuples ``(start, end, actor_id, actor_type, surface, via)`` from the
    mention table of :func:`toolkit.actors.find_mentions`.
    """

    def __init__(
        self, doc_id: str, text: str, mentions: list[tuple], tokens: list | None = None
    ) -> None:
        self.doc_id = doc_id
        self.text = text
        toks = tokenize(text) if tokens is None else tokens
        self.n = len(toks)
        if toks:
            starts, ends, surf, norms, kinds = map(list, zip(*toks, strict=True))
        else:
            starts, ends, surf, norms, kinds = [], [], [], [], []
        self.starts, self.ends, self.surf, self.norms, self.kinds = starts, ends, surf, norms, kinds
        # sentence and paragraph of each token: one bisect per sentence / paragraph
        self.sent = _runs(starts, [s.start for s in sentences(text)])
        self.para = _runs(starts, [0] + [m.end() for m in _PARA_RE.finditer(text)])
        # token ranges of each sentence
        self.sent_range: dict[int, tuple[int, int]] = {}
        for i, s in enumerate(self.sent):
            if s not in self.sent_range:
                self.sent_range[s] = (i, i + 1)
        keys = sorted(self.sent_range)
        for k, nxt in zip(keys, [*keys[1:], None], strict=True):
            a = self.sent_range[k][0]
            self.sent_range[k] = (a, self.sent_range[nxt][0] if nxt is not None else self.n)
        self.quotes, self.q_of = quotations(self)
        self.mentions = sorted(m for m in mentions if m[3] in SPEAKER_TYPES)
        self.m_starts = [m[0] for m in self.mentions]

    # ---- positions
    def sent_start(self, i: int) -> int:
        return self.sent_range[self.sent[i]][0]

    def sent_end(self, i: int) -> int:
        return self.sent_range[self.sent[i]][1]

    def para_end(self, i: int) -> int:
        """The index after the last token of token ``i``'s paragraph."""
        p, j = self.para[i], i
        while j < self.n and self.para[j] == p:
            j += 1
        return j

    def is_punct(self, i: int) -> bool:
        return self.kinds[i] == "punct"

    def is_mark(self, i: int) -> bool:
        """Token ``i`` is a quotation mark."""
        return self.kinds[i] == "punct" and self.norms[i] in ('"', "'")

    def in_quote(self, i: int) -> bool:
        """Token ``i`` stands inside a quotation (its marks excluded)."""
        return self.q_of[i] >= 0 and not self.is_mark(i)

    def word(self, i: int) -> bool:
        return 0 <= i < self.n and self.kinds[i] in ("word", "latin", "number")

    # ---- mentions
    def mentions_in(self, start: int, end: int) -> list[tuple]:
        lo = bisect.bisect_left(self.m_starts, start)
        out = []
        for m in self.mentions[lo:]:
            if m[0] >= end:
                break
            if m[1] <= end:
                out.append(m)
        return out

    def mentions_before(self, pos: int) -> list[tuple]:
        """Mentions ending by ``pos``, nearest last."""
        return self.mentions[: bisect.bisect_left(self.m_starts, pos)]

    def token_at(self, pos: int) -> int:
        """Index of the token starting at or after character ``pos``."""
        return bisect.bisect_left(self.starts, pos)
