"""Where a quote starts and stops.

* :func:`quotations` pairs quotation marks: ``« »`` nest; ``" “ ” „`` (Arabic print uses
  ``”`` to open as often as to close) and ``‘ ’`` pair in order within a paragraph. A mark
  left open runs to the end of its paragraph (an unbalanced quotation); a closing mark with
  no opening one is ignored. Quotations inside another one belong to it.
* :func:`clause_end` ends indirect content (after أن/إن or the verb's preposition): at the
  end of the sentence, or before the next cue of the sentence, a trailing frame
  (``...، بحسب مصدر``) or a participle that starts a new report (``...، داعيًا``).
* :func:`colon_end` ends colon-introduced speech: at the end of the paragraph, or before
  a sentence that starts with another cue.

Content never runs across another cue.

>>> from toolkit.actors.speech.document import Doc
>>> d = Doc("a", 'قال: «نعم "طبعا"» ثم "لا', [])
>>> [(d.text[o + 1:c]) for o, c, _ in d.quotes]
['نعم "طبعا"', 'لا']
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.actors.speech.document import Doc

__all__ = ["quotations", "clause_end", "colon_end", "trim_tokens", "TRIM"]

_GUILLEMETS = {"«": "»", "‹": "›"}
_SYMMETRIC = {'"': 0, "“": 0, "”": 0, "„": 0, "‘": 1, "’": 1}
_MARKS = frozenset(_GUILLEMETS) | frozenset(_SYMMETRIC) | {"»", "›"}
#: characters trimmed from both ends of a quote
TRIM = " \t\n\r\u00a0.،,؛;:!؟?-–—"


_MARK_RE = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")


def _mark_tokens(d: Doc) -> list[int]:
    """Indices of the tokens that are one quotation mark, in order (found in the text, so
    the tokens are not scanned)."""
    out = []
    starts, ends = d.starts, d.ends
    for m in _MARK_RE.finditer(d.text):
        p = m.start()
        i = bisect.bisect_left(starts, p)
        if i < d.n and starts[i] == p and ends[i] == p + 1:
            out.append(i)
    return out


def quotations(d: Doc) -> tuple[list[tuple[int, int, bool]], list[int]]:
    """``(open, close, balanced)`` character positions of the outermost quotations of ``d``,
    and for each token the index of the quotation holding it (its marks included), or -1.

    ``d.text[open + 1:close]`` is the quoted text; an unbalanced quotation closes at the end
    of its paragraph (``close`` = the end of its last token).
    """
    pairs: list[tuple[int, int, bool]] = []  # token indices
    stack: list[int] = []
    waiting: dict[tuple[int, int], int] = {}  # (paragraph, class) -> open token
    for i in _mark_tokens(d):
        ch = d.surf[i]
        if ch in _GUILLEMETS:
            stack.append(i)
        elif ch in ("»", "›"):
            while stack and d.para[stack[-1]] != d.para[i]:
                pairs.append((stack.pop(0), -1, False))
            if stack:
                pairs.append((stack.pop(), i, True))
        elif ch in _SYMMETRIC:
            key = (d.para[i], _SYMMETRIC[ch])
            o = waiting.pop(key, None)
            if o is None:
                waiting[key] = i
            else:
                pairs.append((o, i, True))
    pairs.extend((o, -1, False) for o in stack)
    pairs.extend((o, -1, False) for o in waiting.values())
    out: list[tuple[int, int, bool]] = []
    q_of = [-1] * d.n
    spans = []
    for o, c, ok in pairs:
        if c < 0:
            c = d.para_end(o) - 1
            if c <= o:
                continue
        spans.append((o, c, ok))
    spans.sort(key=lambda s: (s[0], -s[1]))
    last = -1
    for o, c, ok in spans:
        if o <= last:
            continue  # inside (or crossing) the previous quotation
        if not any(d.kinds[k] != "punct" for k in range(o + 1, c + (0 if ok else 1))):
            continue  # nothing quoted
        k = len(out)
        end_char = d.starts[c] if ok else d.ends[c]
        out.append((d.starts[o], end_char, ok))
        for t in range(o, c + 1):
            q_of[t] = k
        last = c
    return out, q_of


def trim_tokens(d: Doc, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without punctuation at either end (quotation marks kept when they are
    the quote's own)."""
    while a < b and d.is_punct(a) and not d.is_mark(a):
        a += 1
    while b > a and d.is_punct(b - 1) and not d.is_mark(b - 1):
        b -= 1
    return a, b


#: words that link the next report to the content before it (...، كما أعرب، حيث ذكر)
_LINKS = frozenset({"كما", "وكما", "حيث", "فيما", "بينما", "ثم"})


def clause_end(d: Doc, k: int, cue_tokens: list[int], stops: set[int]) -> int:
    """The token index where indirect content starting at ``k`` ends.

    ``cue_tokens``: sorted token indices of every cue of the document; ``stops``: token
    indices that end a clause whatever follows (frames after content).
    """
    end = d.sent_end(k)
    j = bisect.bisect_right(cue_tokens, k)
    if j < len(cue_tokens) and cue_tokens[j] < end:
        end = cue_tokens[j]
        if end - 1 > k and d.norms[end - 1] in _LINKS:
            end -= 1  # ...، كما أعرب عن: the link belongs to the next report
    for s in stops:
        if k < s < end:
            end = s
    return end


def colon_end(d: Doc, k: int, cue_tokens: list[int]) -> int:
    """The token index where colon-introduced speech starting at ``k`` ends: the paragraph's
    end, or the first later sentence that starts with a cue."""
    end = d.para_end(k)
    j = bisect.bisect_right(cue_tokens, k)
    while j < len(cue_tokens) and cue_tokens[j] < end:
        c = cue_tokens[j]
        if d.sent[c] == d.sent[k]:
            # a cue in the colon's own sentence ends it when it starts a clause of its own
            if c > 0 and (d.is_punct(c - 1) or d.norms[c][:1] == "و"):
                return c
        elif d.sent_start(c) >= c - 1:
            return d.sent_start(c)
        j += 1
    return end
