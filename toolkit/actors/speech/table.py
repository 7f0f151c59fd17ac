"""The quote table: cues, spans and speakers put together, one row per reported speech.

For each cue (:mod:`cues`) the rules look for the speaker phrase and the content after it;
a cue without content makes no row. Then the content's extent is set (:mod:`spans`), once
every cue of the document is known (content never runs across another cue), and the
speakers are resolved in text order (:mod:`speakers`), so that an elided speaker can take
the previous report's.

``rule`` is ``<cue>:<span>:<speaker>``: the cue family (verb, participle, noun, frame,
frame_after, transmit, postposed, colon), how the content was found (quote: between
quotation marks; comp: after أن/إن; prep: after the verb's preposition; colon: after a
colon; clause: the clause before the cue; previous: the sentence before) and which speaker
rule gave the speaker (after, before, sequence, subject, honorific, title, document,
frame, none). ``researcher_quotes[q.rule.str.endswith(":after")]`` keeps the speakers
named in the report itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from toolkit.actors.speech.cues import Cue, find_cues, frame_at
from toolkit.actors.speech.document import Doc
from toolkit.actors.speech.lexicon import Lexicon, lexicon
from toolkit.actors.speech.spans import clause_end, colon_end, trim_tokens
from toolkit.actors.speech.speakers import (
    ISSUED,
    NONE,
    PRONOUN_GOVERNED,
    aside_end,
    dependent,
    event_at,
    first_verb_subject,
    head_key,
    lookup_head,
    media_phrase,
    mention_speaker,
    noun_phrase,
    object_noun,
    phrase_before,
    reference_kind,
    resolve_reference,
    skip_leading,
    speaker_of,
    titled_name,
)
from toolkit.corpus import Corpus
from toolkit.text import Analysis, DocumentTokens, analyze, document_tokens

__all__ = ["QUOTE_COLUMNS", "quotes", "empty_quotes", "document_quotes"]

#: the columns of :func:`quotes`, in order: the contract of DESIGN.md, then extras
QUOTE_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "quote",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_actor_id",
    "anonymous",
    "rule",
    "anonymous_type",
    "source_via",
    "verb",
    "speaker_id",
]
_INT = ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end")
_SEQUENCE_SENTENCES = 6


@dataclass
class _Report:
    cue: Cue
    span: str = ""  # quote | comp | prep | colon | clause | previous
    k: int = -1  # first content token (comp, prep, colon)
    k_char: int = 0  # characters to skip in token k (a proclitic ب/ل preposition)
    q: int = -1  # quotation index (quote)
    start: int = -1
    end: int = -1
    kind: str = ""
    np: tuple[int, int] = (0, 0)
    np_rule: str = ""  # after | before | frame
    via: str | None = None
    speaker: dict[str, Any] | None = None
    speaker_rule: str = "none"
    consumed: list[int] = field(default_factory=list)
    np_before: int = -1  # the first token of a speaker found before the verb (rule before)
    nested: bool = False  # part of another report's content (dropped)


class _Finder:
    def __init__(self, d: Doc, lex: Lexicon) -> None:
        self.d, self.lex = d, lex

    # ---- content after a cue
    def content(self, rep: _Report, j: int, lemma: str, loose_max: int) -> bool:
        d, lex = self.d, self.lex
        allowed = lex.content.get(lemma, frozenset({"comp", "prep", "quote", "colon"}))
        preps = lex.preps.get(lemma, frozenset())
        end = d.sent_end(j - 1) if j > 0 else d.n
        loose = 0
        steps = 0
        while j < end and steps < 20:
            steps += 1
            n, s = d.norms[j], d.surf[j]
            if d.is_mark(j) and d.q_of[j] >= 0 and d.quotes[d.q_of[j]][0] == d.starts[j]:
                k = _quote_name_end(d, j, end)
                if k > j:  # توقعت "الأرصاد" ...: a quoted name, not the content
                    j = k
                    loose += 1
                    continue
                if "quote" in allowed or ("colon" in allowed and d.surf[j - 1] == ":"):
                    rep.span, rep.q = "quote", d.q_of[j]
                    return True
                return False
            if s == ":":
                if "colon" in allowed or "quote" in allowed:
                    rep.span, rep.k = "colon", j + 1
                    return j + 1 < d.n
                return False
            if n == "علي" and j + 1 < end and d.norms[j + 1] == "لسان":
                # وأكدت الخارجية المصرية على لسان متحدثها ... تضامن: a frame, not the preposition
                a2, b2 = noun_phrase(d, j + 2, frozenset(), lex)
                if b2 > j + 2:
                    j = b2
                    continue
            if n in lex.comps:
                prev = d.norms[j - 1] if j > 0 else ""
                if prev in lex.comp_blockers:
                    return False
                if "comp" in allowed or "colon" in allowed and d.surf[j - 1] == ":":
                    rep.span, rep.k = "comp", j + 1
                    return j + 1 < end
                return False
            if n in preps or (n[:1] in preps and len(n) > 3 and n[:1] in "بل"):
                attached = n not in preps
                k = j if attached else j + 1
                if k < end and d.norms[k] in lex.comps:
                    rep.span, rep.k = "comp", k + 1
                    return k + 1 < end
                if "comp_after_prep" in allowed:
                    return False
                if "prep" in allowed and k < end:
                    rep.span, rep.k, rep.k_char = "prep", k, 1 if attached else 0
                    if attached and d.norms[k].startswith("لل"):
                        rep.k_char = 1
                    return True
                return False
            if d.is_punct(j) and s in "،,":
                j += 1
                continue
            if s == "(":
                k = aside_end(d, j, end)
                if k > j:  # قال في يناير (كانون الثاني) إن
                    j = k
                    continue
            if n in lex.time_words or n in lex.leading_skip:
                j += 1
                continue
            m = media_phrase(d, j, end, lex)
            if m > j:
                self._via(rep, j, m)
                j = m
                continue
            if event_at(d, j, end, lex):
                # في تصريحات لـ ...، عبر حسابه في "تويتر": the statement's setting
                j0, j = j, j + 2
                while j < end and j - j0 < 14 and d.norms[j] not in lex.comps:
                    m = media_phrase(d, j, end, lex)
                    if m > j:
                        self._via(rep, j, m)
                        j = m
                        continue
                    if d.is_mark(j) and d.q_of[j] >= 0 and d.quotes[d.q_of[j]][0] == d.starts[j]:
                        q, k = d.q_of[j], j
                        while k < end and d.q_of[k] == q:
                            k += 1
                        if k < end and d.surf[k] == ":":
                            j = k
                            continue
                        break
                    if not d.word(j):
                        break
                    if lex.verbs.get(d.norms[j], ("", ""))[1] == "participle":
                        break
                    if d.norms[j] in preps and d.norms[j - 1] not in ISSUED:
                        break  # وأعرب المجلس في بيانه عن: the verb's preposition, not an issuer
                    if lemma in lex.object_content and object_noun(d.norms[j], lex):
                        break  # وأكد المجلس في بيان صدر أمس استنكاره
                    j += 1
                continue
            fr = frame_at(d, j, lex)
            if fr is not None and j > 0 and d.is_punct(j - 1):
                # وذكر موقع «باز فيد»، نقلا عن مسؤول تنفيذي، أن: the frame names a source
                a2, b2 = noun_phrase(d, fr[0], frozenset(), lex)
                if a2 < b2:
                    rep.consumed.append(j)
                    j = b2
                    continue
            if lemma in lex.object_content and "prep" in allowed and object_noun(n, lex):
                # وأكد الناطق ... في بيان صحفي أمس وقوف بلاده: the object noun opens the content
                rep.span, rep.k = "prep", j
                return True
            v = lex.verbs.get(n)
            if v is not None and v[0] == "قال" and v[1] in ("participle", "noun"):
                rep.consumed.append(j)
                j += 1
                continue
            if v is not None or d.is_punct(j) or d.is_mark(j):
                return False
            loose += 1
            if loose > loose_max:
                return False
            j += 1
        return False

    def _via(self, rep: _Report, j: int, m: int) -> None:
        """Record the medium of the phrase ``[j, m)`` (لـ"الوطن"، لوكالة سبوتنيك)."""
        d = self.d
        if rep.via is not None:
            return
        a = j + 1 if j + 1 < m and d.is_mark(j + 1) else j
        via = d.text[d.starts[a] : d.ends[m - 1]].strip('"«»“” ')
        if a == j and via.startswith("ل"):
            via = via[1:].lstrip("ـ")
        rep.via = via or None

    def _via_between(self, rep: _Report, i: int, j: int) -> None:
        d, lex = self.d, self.lex
        k = i
        while k < j:
            m = media_phrase(d, k, j, lex)
            if m > k:
                self._via(rep, k, m)
                k = m
            else:
                k += 1

    # ---- one cue
    def at(self, c: Cue, earlier: list[_Report]) -> _Report | None:
        d, lex = self.d, self.lex
        rep = _Report(c)
        i = c.tok
        if c.family == "participle":
            if i + 1 < d.n and d.word(i + 1) and (
                object_noun(d.norms[i + 1], lex) or _plain_object(d, i + 1, c.lemma, lex)
            ):
                rep.span, rep.k = "prep", i + 1  # مؤكدةً سعي اللجنة، مؤكدة سقوط ضحايا
                return rep
            if not self.content(rep, i + 1, c.lemma, 6):
                return None
            return rep
        if c.family == "noun":
            # تأكيده أن / بقوله: / في تصريح له أن: the content follows at once
            if not self.content(rep, i + 1, c.lemma, 1):
                return None
            if rep.span == "prep" and (
                c.lemma != "أكد"
                or (d.norms[i].startswith(("ال", "وال")) and d.norms[i - 1] not in lex.noun_prep_after)
            ):
                return None  # الدعوة للمنافسين؛ (ومن أبرز بنوده) التأكيد على: no report
            return rep
        if c.family == "colon":
            rep.span, rep.k = "colon", i + 1
            return rep if i + 1 < d.n else None
        if c.family == "frame":
            return self.frame(rep)
        if c.family == "transmit":
            return self.transmit(rep)
        end = d.sent_end(i)
        j = skip_leading(d, i + 1, end, lex)
        self._via_between(rep, i + 1, j)
        if c.family == "postposed":
            a, b = noun_phrase(d, j, frozenset(), lex)
            rep.np, rep.np_rule = (a, b), "after"
            return rep if self.before_quote(rep, i) else None
        if j < end and d.norms[j] == "ذلك":  # أوضح ذلك ...: what came before
            a, b = noun_phrase(d, j + 1, frozenset(), lex)
            if a < b:
                rep.np, rep.np_rule, rep.span = (a, b), "after", "previous"
                rep.cue = Cue(c.tok, j + 1, c.lemma, "postposed")
                return rep
        stop = lex.preps.get(c.lemma, frozenset())
        q = _quoted_subject(d, i)
        if q is not None:
            # «هيومن رايتس ووتش» تطالب الحوثيين بـ: the quoted name before the verb is the
            # subject, what follows its object
            rep.np, rep.np_rule = q, "before"
            if self.content(rep, j, c.lemma, 3):
                return rep
            rep.np = (0, 0)
        while j < end and d.word(j) and d.surf[j].endswith(("اً", "ًا")) and d.norms[j] not in lex.verbs:
            j += 1  # قال حاضاً على الرحلة: an adverb (tanween), not the subject
        if j < end and d.norms[j].startswith("لل") and len(d.norms[j]) > 4 and "ل" not in stop:
            j += 1  # قال للطبيب: / قال للصحفيين إن: the addressee, not the speaker
        only_prep = "comp" not in lex.content.get(c.lemma, frozenset({"comp"}))
        a, b = noun_phrase(d, j, stop, lex, attached=only_prep)
        if a < b and c.family == "verb" and object_noun(d.norms[a], lex):
            # وأكد تصميم دول المجلس على ...: the verb's object opens the content
            rep.np, rep.span, rep.k = (a, a), "prep", a
            return rep
        if stop and a < b < end and (d.norms[b] in stop or d.norms[b][:1] in stop):
            b = _object_after_name(d, a, b)
        rep.np, rep.np_rule = (a, b), "after"
        # وأعرب خادم الحرمين الشريفين باسمه واسم شعب وحكومة المملكة عن: a longer aside
        loose = 6 if b < end and d.norms[b][1:] in PRONOUN_GOVERNED else 3
        if self.content(rep, b, c.lemma, loose):
            return rep
        if a < b and (self.before_quote(rep, i) or self.kama(rep, i)):
            return rep
        return None

    def before_quote(self, rep: _Report, i: int) -> bool:
        """A quotation just before the cue: ``"..."، قال الوزير``، ``«...»، هذا ما قاله``."""
        d = self.d
        j = i - 1
        while j >= 0 and (d.norms[j] in ("ما", "مما", "هذا", "وهذا", "هو", "وهو") or (
            d.is_punct(j) and not d.is_mark(j)
        )):
            j -= 1
        if (
            j >= 0
            and d.is_mark(j)
            and d.q_of[j] >= 0
            and d.quotes[d.q_of[j]][1] == d.starts[j]
            and d.para[j] == d.para[i]  # a quotation closing the paragraph before is not it
        ):
            rep.span, rep.q = "quote", d.q_of[j]
            if rep.cue.family == "verb":
                rep.cue.family = "postposed"
            return True
        return False

    def kama(self, rep: _Report, i: int) -> bool:
        """``...، كما أفاد متحدث باسم ...``: the clause before كما is the content."""
        d = self.d
        if i == 0 or d.norms[i - 1] not in ("كما", "وكما"):
            return False
        s = d.sent_start(i)
        if i - 1 - s < 3:
            return False
        rep.span, rep.k, rep.end = "clause", s, i - 1
        rep.cue = Cue(i - 1, i + 1, rep.cue.lemma, "postposed")
        return True

    def _source_like(self, a: int, b: int) -> bool:
        d, lex = self.d, self.lex
        if a >= b:
            return False
        for table in (lex.anonymous, lex.media, lex.source_heads):
            if lookup_head(d.norms[a], table) is not None:
                return True
        if d.is_mark(a):
            return True
        return any(m[5] != "demonym" for m in d.mentions_in(d.starts[a], d.ends[b - 1]))

    def frame(self, rep: _Report) -> _Report | None:
        d, lex = self.d, self.lex
        c = rep.cue
        i, end = c.tok, d.sent_end(c.tok)
        j = c.end
        if j < end and d.norms[j] in ("ما", "ماذكر"):
            j += 1
        consumed = []
        if j < end and lex.verbs.get(d.norms[j]):
            consumed.append(j)
            j += 1
        j = skip_leading(d, j, end, lex) if not c.lemma.endswith(" ل") else j
        a, b = noun_phrase(d, j, frozenset(), lex)
        if not self._source_like(a, b):
            return None
        rep.np, rep.np_rule, rep.consumed = (a, b), "frame", consumed
        s = d.sent_start(i)
        front = all(not d.word(k) for k in range(s, i))
        if front:
            k = b
            while k < end and d.is_punct(k) and not d.is_mark(k):
                k += 1
            if k < end and d.norms[k] in ("فان", "فانه", "فانها", "ان", "انه", "فقد"):
                k += 1
            if k >= end:
                return None
            rep.span, rep.k = "comp", k
            rep.cue = Cue(c.tok, c.end, c.lemma, "frame")
            return rep
        rep.span, rep.k, rep.end = "clause", s, i
        rep.cue = Cue(c.tok, c.end, c.lemma, "frame_after")
        return rep

    def transmit(self, rep: _Report) -> _Report | None:
        d, lex = self.d, self.lex
        c = rep.cue
        end = d.sent_end(c.tok)
        j = c.tok + 1
        while j < end and d.norms[j] in lex.time_words:
            j += 1
        via_a = j
        while j < end and j - via_a <= 8 and d.norms[j] != c.link:
            if d.is_punct(j) and not d.is_mark(j):
                return None
            j += 1
        if j >= end or d.norms[j] != c.link:
            return None
        if j > via_a:
            marks = [k for k in range(via_a, j) if d.is_mark(k) and d.q_of[k] >= 0]
            if marks:  # نقلت وكالة "رويترز": the quoted name
                o, c, _ = d.quotes[d.q_of[marks[0]]]
                rep.via = d.text[o + 1 : c].strip()
            else:
                rep.via = d.text[d.starts[via_a] : d.ends[j - 1]].strip()
        a, b = noun_phrase(d, j + 1, frozenset(), lex)
        rep.np, rep.np_rule = (a, b), "after"
        if a < b and self.content(rep, b, "قال", 2):
            return rep
        return None


def _object_after_name(d: Doc, a: int, b: int) -> int:
    """The end of a subject phrase ``[a, b)`` that starts with an organization's or a
    country's name followed at once by another actor's name, the verb's object (وحذر صندوق
    النقد الدولي الولايات المتحدة من، وطالب الاتحاد الأوروبي إيران بـ): the first name's end."""
    ms = [m for m in d.mentions_in(d.starts[a], d.ends[b - 1]) if m[5] != "demonym"]
    if len(ms) < 2 or ms[0][0] != d.starts[a] or ms[0][3] not in ("organization", "country"):
        return b
    e = a
    while e < b and d.ends[e] <= ms[0][1]:
        e += 1
    for m in ms[1:]:
        if e < b and d.word(e) and m[0] == d.starts[e] and m[3] in ("organization", "country") and (
            m[1] >= d.ends[b - 1]
        ):
            return e  # the second name ends the phrase, the verb's preposition follows it
    return b


def _plain_object(d: Doc, k: int, lemma: str, lex: Lexicon) -> bool:
    """A participle of a verb of ``object_content`` followed by a bare noun (مؤكدة سقوط
    ضحايا): its object, the content; not a preposition, a complementizer, an addressee
    (للصحفيين), a time word, a demonstrative or a verb."""
    if lemma not in lex.object_content:
        return False
    n = d.norms[k]
    return not (
        n in lex.comps
        or n in lex.preps.get(lemma, frozenset())
        or n in lex.time_words
        or n in lex.leading_skip
        or n in lex.verbs
        or n in lex.non_speakers
        or n in ("في", "من", "عن", "الي", "علي", "مع", "ذلك", "هذا", "هذه")
        or n[:1] in "بل"
        or n.startswith("ال")
        or len(n) < 3
    )


def _quoted_subject(d: Doc, i: int) -> tuple[int, int] | None:
    """The words of a short quotation (at most four words) that opens the sentence of the
    verb at ``i`` and ends right before it, or None."""
    j = i - 1
    if j < 1 or not d.is_mark(j) or d.q_of[j] < 0 or d.quotes[d.q_of[j]][1] != d.starts[j]:
        return None
    q, o = d.q_of[j], j - 1
    while o >= 0 and d.q_of[o] == q:
        o -= 1
    o += 1  # the opening mark
    words = [k for k in range(o + 1, j) if d.word(k)]
    if not words or len(words) > 4 or d.sent_start(i) != o:
        return None
    return words[0], words[-1] + 1


def _quote_name_end(d: Doc, j: int, end: int) -> int:
    """After a short quotation (at most three words) at ``j`` that a word follows in the
    same clause: a quoted name (``توقعت "الأرصاد" أن``); else ``j``."""
    q, k = d.q_of[j], j + 1
    words = 0
    while k < end and d.q_of[k] == q:
        words += d.word(k)
        k += 1
    if words <= 3 and k < end and d.word(k) and d.quotes[q][2]:
        return k
    return j


def _ranges(d: Doc, rep: _Report, live: list[int], stops: set[int]) -> bool:
    """Set the content's character span and kind; False when it is empty."""
    if rep.span == "quote":
        o, c, _ = d.quotes[rep.q]
        s, e = o + 1, c
        rep.kind = "direct"
    elif rep.span == "previous":
        i = rep.cue.tok
        s0 = d.sent_start(i)
        if s0 < i - 1 and any(d.word(k) for k in range(s0, i)):
            a, b = s0, i
        else:
            prev = d.sent[i] - 1
            if prev not in d.sent_range:
                return False
            a, b = d.sent_range[prev]
        a, b = trim_tokens(d, a, b)
        if a >= b:
            return False
        s, e = d.starts[a], d.ends[b - 1]
        rep.kind = "indirect"
    elif rep.span == "clause":
        a, b = trim_tokens(d, rep.k, rep.end)
        if a >= b:
            return False
        s, e = d.starts[a], d.ends[b - 1]
        rep.kind = "indirect"
    else:
        k = rep.k
        if k >= d.n:
            return False
        if rep.span == "colon":
            if d.is_mark(k) and d.q_of[k] >= 0 and d.quotes[d.q_of[k]][0] == d.starts[k]:
                o, c, _ = d.quotes[d.q_of[k]]
                rep.start, rep.end, rep.kind = o + 1, c, "direct"
                rep.span = "quote"
                return _trim_chars(d, rep)
            if d.norms[k] in lex_comps():
                k += 1
                rep.span = "comp"
                stop = clause_end(d, k, live, stops) if k < d.n else k
                rep.kind = "indirect"
            else:
                stop = min(colon_end(d, k, live), d.sent_end(k))
                rep.kind = "direct"
        else:
            stop = clause_end(d, k, live, stops)
            rep.kind = "indirect"
        a, b = trim_tokens(d, k, stop)
        if a >= b:
            return False
        s, e = d.starts[a] + (rep.k_char if a == rep.k else 0), d.ends[b - 1]
        # content that is one quotation: direct
        if d.is_mark(a) and d.q_of[a] >= 0 and d.q_of[b - 1] == d.q_of[a]:
            o, c, _ = d.quotes[d.q_of[a]]
            if c >= d.starts[b - 1]:
                s, e, rep.kind, rep.span = o + 1, c, "direct", "quote"
    rep.start, rep.end = s, e
    return _trim_chars(d, rep)


_TRIM = " \t\n\r\u00a0.،,؛;:!؟?-–—"


def _trim_chars(d: Doc, rep: _Report) -> bool:
    s, e, text = rep.start, rep.end, d.text
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    rep.start, rep.end = s, e
    return e > s and any(ch.isalnum() for ch in text[s:e])


def lex_comps() -> frozenset[str]:
    return lexicon().comps


def _speakers(d: Doc, reports: list[_Report], lex: Lexicon) -> None:
    done: list[dict[str, Any]] = []
    for r_i, rep in enumerate(reports):
        c = rep.cue
        a, b = rep.np
        sp, rule = None, "none"
        if c.family == "colon":
            i = c.tok
            a = i - 1
            while a - 1 >= 0 and d.word(a - 1) and d.sent[a - 1] == d.sent[i]:
                a -= 1
            sp = speaker_of(d, a, i, lex)
            rule = "after"
        elif a < b:
            sp = speaker_of(d, a, b, lex)
            rule = rep.np_rule
            if sp and rule == "frame" and c.lemma.endswith(" ل") and sp["speaker"][:1] == "ل" and (
                not d.norms[a].startswith("لل")
            ):
                # وفقا لوسائل إعلام بريطانية: the speaker starts after the frame's ل
                rest = sp["speaker"][1:].lstrip("ـ")
                sp = {**sp, "speaker": rest, "speaker_start": sp["speaker_end"] - len(rest)}
        elif c.family == "verb" and not (d.norms[c.tok][:1] in "وف" and d.norms[c.tok][1:] in lex.verbs):
            a2, b2 = phrase_before(d, c.tok, lex)
            if a2 < b2:
                sp, rule = speaker_of(d, a2, b2, lex), "before"
                a, b = a2, b2
                rep.np_before = a2
                pos = d.starts[c.tok]
                if _complement_subject(d, rep, lex) and any(
                    r.start <= pos < r.end for r in reports[:r_i]
                ):
                    # كما أن الإسلام أكد على ...: part of the earlier report's content
                    rep.speaker, rep.speaker_rule, rep.nested = None, "none", True
                    continue
        if sp is not None and rule in ("after", "before", "frame"):
            kind = reference_kind(d, a, b, lex)
            if kind is not None:
                ref = resolve_reference(d, a, b, kind, done, lex)
                if ref is None and kind in ("honorific", "title"):
                    first = d.norms[a][1:] if d.norms[a][:1] in "وف" else d.norms[a]
                    wanted = lex.pronouns.get(first) or frozenset({first})
                    ref = titled_name(d, a, wanted, lex)
                if ref is not None:
                    sp, rule = ref, kind
        if sp is None and c.family in ("participle", "noun"):
            same = [r for r in reports[:r_i] if r.speaker and d.sent[r.cue.tok] == d.sent[c.tok]
                    and r.cue.family not in ("frame", "frame_after")]
            if same:
                sp, rule = same[-1].speaker, "sequence"
            else:
                a2, b2 = first_verb_subject(d, c.tok, lex)
                if a2 < b2:
                    sp, rule = speaker_of(d, a2, b2, lex), "subject"
                if sp is None:
                    sp = _clause_mention(d, c.tok)
                    rule = "subject" if sp else "none"
        if sp is None:
            prev = [r for r in reports[:r_i] if r.speaker]
            # six sentences back at most, or anywhere in the same paragraph (an interview's
            # answer: قال هاموند: ... وأضاف:)
            if prev and (
                d.sent[c.tok] - d.sent[prev[-1].cue.tok] <= _SEQUENCE_SENTENCES
                or d.para[c.tok] == d.para[prev[-1].cue.tok]
            ):
                sp, rule = prev[-1].speaker, "sequence"
            elif (
                not prev
                and c.family == "verb"
                and d.norms[c.tok][:1] in "وف"
                and d.norms[c.tok][1:] in lex.verbs
                and d.sent_start(c.tok) > 0
            ):
                # وقدم السحيمي ورقة ... وأوضح في ورقته أن: the previous sentence's subject
                k = d.sent_start(c.tok) - 1
                a2, b2 = first_verb_subject(d, k, lex)
                if a2 < b2 and d.sent[a2] == d.sent[k]:
                    sp = speaker_of(d, a2, b2, lex)
                    rule = "subject" if sp else "none"
            if sp is None and not prev and c.family == "verb" and d.norms[c.tok][:1] in "وف" and (
                d.norms[c.tok][1:] in lex.verbs
            ):
                # أدانت عدد من دول العالم التفجير ...، وأعربت عن تضامنها: the subject of the
                # sentence's first verb
                a2, b2 = first_verb_subject(d, c.tok, lex)
                if a2 < b2:
                    sp = speaker_of(d, a2, b2, lex)
                    rule = "subject" if sp else "none"
        if sp and not sp["speaker_actor_id"] and not sp["anonymous"]:
            sp = _role_holder(d, sp)
        rep.speaker, rep.speaker_rule = sp, rule if sp else "none"
        if sp:
            done.append(sp)


def _role_holder(d: Doc, sp: dict[str, Any]) -> dict[str, Any]:
    """A role phrase (قائد الجيش الوطني الليبي) takes the actor of the person named right after
    the same phrase earlier in the text (قائد الجيش الوطني الليبي المشير خليفة حفتر)."""
    phrase, text = sp["speaker"], d.text
    if len(phrase.split()) < 2:
        return sp
    pos = text.find(phrase)
    while 0 <= pos < sp["speaker_start"]:
        after = pos + len(phrase)
        for m in d.mentions_in(after, after + 40):
            if m[3] == "person" and d.token_at(m[0]) - d.token_at(after) <= 2:
                return {**sp, "speaker_actor_id": m[2]}
        pos = text.find(phrase, after)
    return sp


def _clause_mention(d: Doc, i: int) -> dict[str, Any] | None:
    """The first actor mentioned in the sentence before token ``i`` (not a nisba, not in a
    quotation, not after a preposition)."""
    s = d.sent_start(i)
    for m in d.mentions_in(d.starts[s], d.starts[i]):
        k = d.token_at(m[0])
        if m[5] == "demonym" or m[3] == "country" or d.in_quote(k) or dependent(d, m):
            continue  # a country named in passing (منطقتي الرياض) is rarely the subject
        return mention_speaker(d, m)
    return None


def document_quotes(
    doc_id: str,
    text: str,
    mentions: list[tuple],
    lex: Lexicon | None = None,
    tokens: DocumentTokens | None = None,
) -> list[dict[str, Any]]:
    """The quote rows of one document (dicts with the columns of :data:`QUOTE_COLUMNS`).

    ``tokens``: the document's analysis (``Analysis.document(i)``, preset ``search``); without
    it the text is analysed here (:func:`toolkit.text.document_tokens`).
    """
    lex = lex or lexicon()
    if not text.strip():
        return []
    dt = document_tokens(text, doc_id) if tokens is None else tokens
    if lex.triggers.isdisjoint(dt.norms) and ":" not in dt.norms:
        return []  # no cue can start here: no quotations, no paragraphs
    d = Doc(doc_id, text, mentions, dt)
    finder = _Finder(d, lex)
    reports: list[_Report] = []
    consumed: set[int] = set()
    for c in find_cues(d, lex):
        if c.tok in consumed:
            continue
        rep = finder.at(c, reports)
        if rep is None:
            continue
        consumed.update(rep.consumed)
        reports.append(rep)
    # colon cues need a person or an earlier speaker's name before the colon
    reports = [r for r in reports if r.cue.family != "colon" or _name_ok(d, r, reports)]
    # cues that start a clause of their own end the content before them (a nested report,
    # حفتر أبلغ الرئيس بأنه, stays inside): after punctuation, with و/ف, a participle or frame
    live = sorted(
        {r.cue.tok for r in reports if _clause_start(d, r.cue, lex)}
        | {t for r in reports for t in r.consumed if _clause_start(d, Cue(t, t + 1, "", "verb"), lex)}
    )
    stops = {r.cue.tok for r in reports if r.cue.family == "frame_after"}
    kept: list[_Report] = []
    used_q: set[int] = set()
    for r in reports:
        if not _ranges(d, r, live, stops):
            continue
        if r.span == "quote":
            q = d.q_of[d.token_at(r.start - 1)] if r.start > 0 else -1
            if q in used_q:
                continue
            used_q.add(q)
        if any(k.start < r.end and r.start < k.end and k.span == r.span == "quote" for k in kept):
            continue
        if any(k.start == r.start and k.end == r.end for k in kept):
            continue  # في تصريح ... أن: the verb's setting, not a second report
        kept.append(r)
    kept.sort(key=lambda r: (r.start, r.cue.tok))
    kept.sort(key=lambda r: r.cue.tok)
    _speakers(d, kept, lex)
    # a verb inside a clause with no speaker anywhere is a description, not a report
    # (قطعا مفصلة تؤكد أن ...؛ اعتبرت هذه الحادثة وكأنها «...»)
    kept = [
        r for r in kept
        if not r.nested
        and (r.speaker is not None or r.cue.family != "verb" or r.span == "colon"
             or _clause_start(d, r.cue, lex))
    ]
    # a report nested in another's content whose own subject is not named (التقديرات
    # الحالية تشير إلى ...) is part of that content, not a report of its own
    kept = [
        r for r in kept
        if r.speaker_rule in ("after", "before", "frame", "honorific", "title", "document")
        or _clause_start(d, r.cue, lex)
        or not any(k is not r and k.start <= d.starts[r.cue.tok] < k.end for k in kept)
    ]
    rows = []
    for r in sorted(kept, key=lambda r: (r.start, r.end)):
        sp = r.speaker or NONE
        c = r.cue
        cs, ce = d.starts[c.tok], d.ends[c.end - 1]
        rows.append(
            {
                "doc_id": doc_id,
                "start": r.start,
                "end": r.end,
                "quote": text[r.start : r.end],
                "kind": r.kind,
                "cue": text[cs:ce],
                "cue_start": cs,
                "cue_end": ce,
                "speaker": sp["speaker"],
                "speaker_start": sp["speaker_start"],
                "speaker_end": sp["speaker_end"],
                "speaker_actor_id": sp["speaker_actor_id"],
                "anonymous": bool(sp["anonymous"]),
                "rule": f"{c.family}:{r.span}:{r.speaker_rule}",
                "anonymous_type": sp["anonymous_type"],
                "source_via": r.via,
                "verb": c.lemma,
                "speaker_id": sp["speaker_actor_id"],
            }
        )
    return rows


def _complement_subject(d: Doc, r: _Report, lex: Lexicon) -> bool:
    """A subject before the verb that an أن/إن introduces (كما أن الإسلام أكد على ...): the
    report is part of the proposition around it, not a report of its own."""
    a = r.np_before
    return a > 0 and any(
        d.norms[k] in lex.comps for k in range(max(0, a - 2), a)
    )


def _clause_start(d: Doc, c: Cue, lex: Lexicon) -> bool:
    i = c.tok
    if c.family in ("participle", "frame_after", "postposed", "frame", "colon"):
        return True
    n = d.norms[i]
    if n[:1] in "وف" and n[1:] in lex.verbs:
        return True
    if i > 0 and d.is_mark(i - 1) and d.q_of[i - 1] >= 0 and d.quotes[d.q_of[i - 1]][1] == d.starts[i - 1]:
        return False  # أن «إعلان القاهرة» كشف: a quoted subject, inside the content
    return i == 0 or d.is_punct(i - 1) or d.norms[i - 1] in ("كما", "ثم", "وقد", "فيما", "بينما", "حيث")


def _name_ok(d: Doc, rep: _Report, reports: list[_Report]) -> bool:
    i = rep.cue.tok
    a = i - 1
    while a - 1 >= 0 and d.word(a - 1) and d.sent[a - 1] == d.sent[i]:
        a -= 1
    if a - 1 >= 0 and d.sent[a - 1] == d.sent[i] and d.surf[a - 1] in ("-", "–", "—"):
        return False  # متعب البقمي- سبق- مكة المكرمة: a dateline, not a speaker
    if any(m[3] == "person" for m in d.mentions_in(d.starts[a], d.ends[i - 1])):
        return True
    last = head_key(d.norms[i - 1])
    for r in reports:
        x, y = r.np
        if r.cue.tok < i and x < y and head_key(d.norms[y - 1]) == last:
            return True
    # a speaker named earlier anywhere in the text (e.g. a headline repeating a report)
    return any(
        r.cue.family != "colon" and r.np[0] < r.np[1] and head_key(d.norms[r.np[1] - 1]) == last
        for r in reports
    )


# --------------------------------------------------------------------------- public


def _mention_tuples(mentions: pd.DataFrame) -> dict[str, list[tuple]]:
    need = ["doc_id", "start", "end", "actor_id", "actor_type", "surface"]
    missing = [c for c in need if c not in mentions.columns]
    if missing:
        raise ValueError(
            f"mentions is missing the columns {missing}; pass the table of "
            "toolkit.actors.find_mentions(corpus, actors)"
        )
    out: dict[str, list[tuple]] = {}
    if not len(mentions):
        return out
    via = mentions["via"].tolist() if "via" in mentions.columns else [None] * len(mentions)
    doc_ids = mentions["doc_id"].astype(str).tolist()
    cols = [mentions[c].astype("int64").tolist() for c in ("start", "end")]
    cols += [mentions[c].tolist() for c in ("actor_id", "actor_type", "surface")]
    for doc_id, row in zip(doc_ids, zip(*cols, via, strict=True), strict=True):
        got = out.get(doc_id)
        if got is None:
            out[doc_id] = [row]
        else:
            got.append(row)
    return out


def empty_quotes() -> pd.DataFrame:
    """An empty quote table with the documented columns and types."""
    return _frame([])


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in _INT:
        df[col] = df[col].astype("Int64")
    df["anonymous"] = df["anonymous"].astype(bool)
    for col in QUOTE_COLUMNS:
        if col not in _INT and col != "anonymous":
            df[col] = df[col].astype(object)
    return df


def _documents(corpus_or_analysis: Any) -> tuple[pd.DataFrame, Analysis | None]:
    """The documents frame (doc_id, text) and the analysis whose tokens the rules read
    (None: each text is analysed as it is read)."""
    x = corpus_or_analysis
    if isinstance(x, Analysis):
        # the rules' word lists are in the search preset: another preset's norms do not fit
        return x.documents, x if x.preset == "search" else None
    if isinstance(x, Corpus):
        return x.frame, None
    if isinstance(x, (str, pd.DataFrame)) or (
        isinstance(x, (list, tuple)) and all(isinstance(t, str) for t in x)
    ):
        a = analyze(x)  # plain texts: doc_id "0", "1", ... as in every table function
        return a.documents, a
    raise TypeError(
        "corpus_or_analysis must be a toolkit.corpus.Corpus, its analysis "
        "(toolkit.text.analyze(corpus)), a DataFrame with a 'text' column, a list of strings "
        f"or one string; got {type(x).__name__}"
    )


def quotes(
    corpus_or_analysis: Any,
    actors: Any = None,
    mentions: pd.DataFrame | None = None,
    *,
    client: Any = None,
) -> pd.DataFrame:
    """Who is quoted, saying what: one row per reported speech (direct or indirect).

    Parameters
    ----------
    corpus_or_analysis : Corpus, or its analysis (:func:`toolkit.text.analyze`)
        With an analysis, the rules read its tokens and sentences (nothing is tokenized
        again); a DataFrame with ``text``, a list of strings or one string are analysed here
        (doc_id ``"0"``, ``"1"``, ...).
    actors : Actors, optional
        The dictionary that names speakers (default: :func:`load_default_actors`); not
        used when ``mentions`` is given.
    mentions : DataFrame, optional
        The mention table of :func:`toolkit.actors.find_mentions` for this corpus (saves
        matching twice).
    client : distributed.Client or scheduler address, optional
        Compute on Dask (:func:`toolkit.scale.functions.quotes`): each partition finds its mentions
        and quotes; the table is the serial one. Not with ``mentions``.

    Returns
    -------
    DataFrame, one row per quote, in document order, with columns
    ``doc_id, start, end, quote`` (``text[start:end] == quote``), ``kind`` (``direct``
    | ``indirect``), ``cue, cue_start, cue_end`` (the cue as written and its offsets),
    ``speaker, speaker_start, speaker_end`` (the speaker phrase or the mention it resolves
    to; None when none is found), ``speaker_actor_id`` (from the mention table, or None),
    ``anonymous`` (bool), ``rule`` (``<cue>:<span>:<speaker>``, see
    :mod:`toolkit.actors.speech`), then ``anonymous_type`` (official, source, witness ...),
    ``source_via`` (the medium that carried it: رويترز), and for older code ``verb`` (the
    cue's lemma or frame) and ``speaker_id`` (= ``speaker_actor_id``).

    Example
    -------
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.actors import quotes
    >>> from toolkit.text import analyze
    >>> c = Corpus.from_records([{"doc_id": "a", "text": "وقال علي الغفيلي: وداعة الله أخوي."}])
    >>> quotes(analyze(c)).loc[0, ["quote", "kind", "speaker", "rule"]].tolist()
    ['وداعة الله أخوي', 'direct', 'علي الغفيلي', 'verb:colon:after']
    """
    if client is not None:
        if mentions is not None:
            raise ValueError(
                "quotes(): give mentions= or client=, not both (on Dask each partition "
                "finds its own mentions with actors=)"
            )
        from toolkit.scale.functions import quotes as on_dask

        source = corpus_or_analysis
        if not isinstance(source, (Corpus, Analysis)):
            source = _documents(source)[1]  # plain texts: their doc_ids "0", "1", ...
        return on_dask(source, actors, client=client)
    frame, analysis = _documents(corpus_or_analysis)
    if len(frame) == 0:
        return empty_quotes()
    if mentions is None:
        from toolkit.actors import find_mentions, load_default_actors

        source = corpus_or_analysis if analysis is None else analysis
        mentions = find_mentions(source, actors if actors is not None else load_default_actors())
    elif not isinstance(mentions, pd.DataFrame):
        raise TypeError(
            f"mentions must be a DataFrame from find_mentions, got {type(mentions).__name__}"
        )
    by_doc = _mention_tuples(mentions)
    lex = lexicon()
    rows: list[dict[str, Any]] = []
    for i, (doc_id, text) in enumerate(
        zip(frame["doc_id"].tolist(), frame["text"].tolist(), strict=True)
    ):
        doc_id = str(doc_id)
        text = text if isinstance(text, str) else ""
        tokens = analysis.document(i) if analysis is not None and text.strip() else None
        rows.extend(document_quotes(doc_id, text, by_doc.get(doc_id, []), lex, tokens))
    return _frame(rows)
