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


class Doc:
    """The tokens (parallel lists), sentences, paragraphs, quotations and mentions of a text.

    ``mentions`` are tuples ``(start, end, actor_id, actor_type, surface, via)`` from the
    mention table of :func:`toolkit.actors.find_mentions`.
    """

    def __init__(self, doc_id: str, text: str, mentions: list[tuple]) -> None:
        self.doc_id = doc_id
        self.text = text
        toks = tokenize(text)
        self.n = len(toks)
        self.starts = [t.start for t in toks]
        self.ends = [t.end for t in toks]
        self.surf = [t.text for t in toks]
        self.norms = [t.norm for t in toks]
        self.kinds = [t.kind for t in toks]
        sent_starts = [s.start for s in sentences(text)] or [0]
        self.sent = [max(0, bisect.bisect_right(sent_starts, s) - 1) for s in self.starts]
        breaks = [m.end() for m in _PARA_RE.finditer(text)]
        self.para = [bisect.bisect_right(breaks, s) for s in self.starts]
        # token ranges of each sentence
        self.sent_range: dict[int, tuple[int, int]] = {}
        for i, s in enumerate(self.sent):
            a, _ = self.sent_range.get(s, (i, i))
            self.sent_range[s] = (a, i + 1)
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
