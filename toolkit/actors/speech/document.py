"""One document as the speech rules read it: tokens, sentences, paragraphs, quotations, mentions.

Built from the document's public analysis (:class:`toolkit.text.DocumentTokens`, the tokens
and sentences of ``toolkit.text.analyze``, offsets into the ORIGINAL text), or from
:func:`toolkit.text.document_tokens` when none is given. Quotation marks are tokens of their
own; the quotations they make are found by :func:`toolkit.actors.speech.spans.quotations`.
Paragraphs end at a line break or a run of three or more spaces (how SaudiNewsNet's sites
separate them).

>>> d = Doc("a", 'قال الوزير: "نعم".\\nوأضاف أن ...', [])
>>> d.n, d.sent[-1], d.para[0], d.para[-1]
(12, 1, 0, 1)
"""

from __future__ import annotations

import bisect

from toolkit.actors.speech.spans import quotations
from toolkit.text import DocumentTokens, document_tokens

__all__ = ["Doc", "SPEAKER_TYPES"]

#: actor types that can speak (a place does not)
SPEAKER_TYPES = frozenset({"person", "organization", "country", "group"})


def paragraph_cuts(text: str) -> list[int]:
    """Where paragraphs start: after each line break and after each run of three or more
    spaces (tabs and no-break spaces count as spaces). Found with ``str.find``, which is
    several times faster than a regular expression scanning every character.

    >>> paragraph_cuts("أ\\nب   ج")
    [2, 6]
    """
    t = text.replace("\t", " ").replace("\u00a0", " ") if "\t" in text or "\u00a0" in text else text
    cuts = []
    i = t.find("\n")
    while i >= 0:
        cuts.append(i + 1)
        i = t.find("\n", i + 1)
    i, n = t.find("   "), len(t)
    while i >= 0:
        j = i + 3
        while j < n and t[j] == " ":
            j += 1
        cuts.append(j)
        i = t.find("   ", j)
    cuts.sort()
    return cuts


def _firsts(starts: list[int], cuts: list[int]) -> list[int]:
    """The index of the first token at or after each cut, then ``len(starts)``; the first
    cut's run begins at token 0 (tokens before it belong to it)."""
    out = [bisect.bisect_left(starts, c) for c in cuts[1:]]
    return [0, *out, len(starts)] if cuts else [0, len(starts)]


def _runs(firsts: list[int]) -> list[int]:
    """For each token, the index of its run (from :func:`_firsts`)."""
    out: list[int] = []
    for k in range(len(firsts) - 1):
        out.extend([k] * (firsts[k + 1] - firsts[k]))
    return out


class Doc:
    """The tokens (parallel lists), sentences, paragraphs, quotations and mentions of a text.

    ``mentions`` are tuples ``(start, end, actor_id, actor_type, surface, via)`` from the
    mention table of :func:`toolkit.actors.find_mentions`.
    """

    def __init__(
        self, doc_id: str, text: str, mentions: list[tuple], tokens: DocumentTokens | None = None
    ) -> None:
        self.doc_id = doc_id
        self.text = text
        dt = document_tokens(text, doc_id) if tokens is None else tokens
        starts, ends = dt.starts, dt.ends
        self.n = len(starts)
        self.starts, self.ends, self.norms, self.kinds = starts, ends, dt.norms, dt.kinds
        self.surf = list(map(text.__getitem__, map(slice, starts, ends)))
        # sentence and paragraph of each token: one bisect per sentence / paragraph
        sent_firsts = _firsts(starts, [a for a, _b in dt.sentences])
        self.sent = _runs(sent_firsts)
        self.para = _runs(_firsts(starts, [0, *paragraph_cuts(text)]))
        # token ranges of each sentence that holds tokens
        self.sent_range: dict[int, tuple[int, int]] = {
            k: (a, b)
            for k, (a, b) in enumerate(zip(sent_firsts[:-1], sent_firsts[1:], strict=True))
            if b > a
        }
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
