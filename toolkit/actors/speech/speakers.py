"""Speakers: who a report is attributed to.

The speaker of a cue is found by the first rule that gives one (the last part of a quote's
``rule``):

* ``after`` — the noun phrase after the verb (verb-subject order): ``قال طلال الميهوب رئيس
  لجنة الدفاع ...``. A title + name phrase is kept whole, appositions included (``مدير مطار
  عدن، طارق عبده،``), up to the content, a medium (``لـ"الوطن"``), an event (``في بيان``),
  a time word or a phrase breaker; no length cut below 25 words.
* ``before`` — the noun phrase before the verb in its clause (subject-verb order):
  ``الشدوي قال:``، ``بل إن الجهة القائمة على البحث تؤكد أن``.
* ``sequence`` — no subject (``وأضاف أن``، ``مشيرًا إلى``): the speaker of the previous
  cue, in the same sentence first (a participle continues its clause), else of the
  previous report at most three sentences back.
* ``subject`` — a participle with no earlier report in its sentence: the subject after the
  sentence's first verb (``ورحب الوزراء ...، داعين``).
* ``honorific`` — a pronoun or honorific (سموه، معاليه، المتحدث) resolved to the last person
  mentioned before it, in its paragraph first, after one of the titles it stands for
  (``speaker_pronouns.txt``); ``title`` — a bare definite title (الناطق العسكري) resolved
  to the last earlier speaker introduced with that title;
* ``document`` — a statement as subject (وقال البيان) resolved to the last speaker that
  issued one.

A speaker phrase resolves to an actor (``speaker_actor_id``) through the mention table: a
person mentioned in it (not governed by a preposition: مسؤول مقرب من ماكرون is not Macron),
else an organization, country or group that heads it. A mention made by a nisba adjective
(الداعشي → داعش, ``via == "demonym"``) never speaks, and a phrase headed by a word of
``non_speakers.txt`` (جميع، احتمال) is no speaker. The phrase is ``anonymous`` when its head
is in ``anonymous_speakers.txt`` (مصادر مطلعة، مسؤول رفض الكشف عن اسمه، شهود عيان) and no
name or rank stands in it; ``anonymous_type`` gives the head's type (official, source,
witness ...).

>>> from toolkit.actors.speech.document import Doc
>>> d = Doc("a", "وقال مصدر أمني مطلع إن الهجوم فشل", [])
>>> a, b = noun_phrase(d, 1, frozenset())
>>> speaker_of(d, a, b)["speaker"], speaker_of(d, a, b)["anonymous_type"]
('مصدر أمني مطلع', 'source')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from toolkit.actors.speech.document import Doc
from toolkit.actors.speech.lexicon import Lexicon, lexicon, strip_al
from toolkit.actors.speech.spans import TRIM

__all__ = ["noun_phrase", "phrase_before", "speaker_of", "resolve_reference", "object_noun", "NONE"]

MAX_PHRASE = 25
_GOVERNORS = frozenset({"باسم", "من", "عن", "مع", "الي", "لدي", "علي", "في", "بين", "ضد", "حول"})
_LEAD_STRIP = frozenset(
    {"و", "بل", "ان", "لكن", "ولكن", "كان", "وكان", "كما", "فيما", "بينما", "حيث", "رغم",
     "ورغم", "انه", "انها", "قد", "وقد", "لقد", "ثم", "اما", "واما", "فان", "وان", "بان"}
)

#: words after which a clause with its own subject starts (... لأن النائب العام كان قد قال)
_SUBORDINATORS = frozenset({"لان", "لانه", "لانها", "اذ", "حيث", "بعدما", "عندما"})

_QUANTIFIERS = frozenset({"عدد", "مجموعه", "بعض", "جميع", "كل", "عشرات", "مءات", "الاف"})

#: the speaker fields of a quote without a speaker
NONE: dict[str, Any] = {
    "speaker": None,
    "speaker_start": None,
    "speaker_end": None,
    "speaker_actor_id": None,
    "anonymous": False,
    "anonymous_type": None,
}


def _bare(norm: str) -> str:
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm


@lru_cache(maxsize=1)
def _known_heads() -> frozenset[str]:
    """Head words of the word lists, whose first و/ف is their own (وزارة، وكالة، وسائل)."""
    lex = lexicon()
    return (
        lex.media | lex.source_heads | lex.documents | lex.event_nouns | lex.non_speakers
        | lex.object_nouns | frozenset(lex.anonymous)
    )


@lru_cache(maxsize=100_000)
def head_key(norm: str) -> str:
    """A head word without و/ف, ال and a leading ب/ل: ``وللمسؤولين`` -> ``مسءولين``; a
    listed head keeps its own و (``وسائل``, not و + سائل)."""
    own = strip_al(norm)
    if own[:1] in "وف" and own in _known_heads():
        return own
    n = strip_al(_bare(norm))
    if n.startswith(("ب", "ل")) and len(n) > 3 and strip_al(n[1:]) != n[1:]:
        n = strip_al(n[1:])
    return n


def object_noun(norm: str, lex: Lexicon | None = None) -> bool:
    """A verbal noun that is a verb's object (``object_nouns``), with ال, و or a pronoun:
    ``وقوف`` (not و + قوف), ``والتزام``, ``استنكاره``.

    >>> object_noun("وقوف"), object_noun("استنكاره"), object_noun("الوزير")
    (True, True, False)
    """
    lex = lex or lexicon()
    table = lex.object_nouns
    for n in (strip_al(norm), strip_al(_bare(norm))):
        if n in table:
            return True
        for e in ("ه", "ها", "هم"):
            if n.endswith(e) and n[: -len(e)] in table:
                return True
    return False


def media_phrase(d: Doc, j: int, end: int, lex: Lexicon) -> int:
    """The index after a medium phrase at ``j`` (لـ"الوطن"، لوكالة سبوتنيك الروسية), else ``j``."""
    n = d.norms[j]
    if n == "ل" and j + 1 < end and d.is_mark(j + 1):
        k = j + 1
        q = d.q_of[k]
        while k < end and d.q_of[k] == q:
            k += 1
        return k
    if n.startswith("ل") and strip_al(n[1:]) in lex.media:
        k = j + 1
        if k < end and d.is_mark(k):
            q = d.q_of[k]
            while k < end and d.q_of[k] == q:
                k += 1
        else:
            while k < end and k - j <= 3 and d.word(k) and d.norms[k] not in lex.comps:
                k += 1
        if k < end and d.word(k) and d.norms[k].startswith("ال") and d.norms[k].endswith(("يه", "ي")):
            k += 1  # الروسية
        return k
    return j


def skip_leading(d: Doc, j: int, end: int, lex: Lexicon) -> int:
    """Skip what may stand between a cue and its subject: time words, فيه/بدوره, media."""
    while j < end:
        n = d.norms[j]
        if n in lex.time_words or n in lex.leading_skip:
            j += 1
            continue
        k = media_phrase(d, j, end, lex)
        if k > j:
            j = k
            continue
        break
    return j


def event_at(d: Doc, j: int, end: int, lex: Lexicon) -> bool:
    """``في تصريحات``، ``في بيان``، ``في هذا السياق``، ``خلال مؤتمر``: a statement's setting."""
    if d.norms[j] not in ("في", "خلال", "عبر"):
        return False
    k = j + 1
    if k < end and d.norms[k] in ("هذا", "هذه"):
        k += 1
    if k >= end:
        return False
    key = head_key(d.norms[k])
    for e in ("", "ه", "ها", "هم"):
        if e and key.endswith(e) and key[: -len(e)] in lex.event_nouns:
            return True
    return key in lex.event_nouns


_ALWAYS, _AFTER_FIRST, _CHECK, _ANON = 1, 2, 4, 8


@lru_cache(maxsize=100_000)
def _word_flags(n: str) -> int:
    """How a word bears on a speaker phrase: ends it always (أن، الذي), after its first word
    (breakers, verbs, time words, a setting noun with a pronoun), may start a setting or a
    medium (في، لـ ...), or may start an anonymity phrase."""
    lex = lexicon()
    f = 0
    if n in lex.comps or n in lex.carried_by or n in lex.relatives:
        f |= _ALWAYS
    if (
        n in lex.breakers
        or n in lex.comp_blockers
        or n in lex.verbs
        or n in lex.time_words
        or _event_word(n, lex)
    ):
        f |= _AFTER_FIRST
    if n in ("في", "خلال", "عبر", "ل") or (n.startswith("ل") and strip_al(n[1:]) in lex.media):
        f |= _CHECK
    if n in lex.anonymity_firsts:
        f |= _ANON
    return f


def _breaks(d: Doc, k: int, lex: Lexicon) -> bool:
    """A phrase breaker; علي is one only when written على (not the name Ali)."""
    n = d.norms[k]
    if n == "علي":
        return d.surf[k] == "على"
    return n in lex.breakers


def _event_word(n: str, lex: Lexicon) -> bool:
    if not n.endswith(("ه", "ها", "هم")):
        return False
    key = head_key(n)
    return any(key.endswith(e) and key[: -len(e)] in lex.event_nouns for e in ("ه", "ها", "هم"))


def _anonymity_phrase(d: Doc, k: int, end: int, lex: Lexicon) -> int:
    if d.norms[k] not in lex.anonymity_firsts:
        return k
    for ph in lex.anonymity_phrases:
        if k + len(ph) <= end and all(d.norms[k + t] == w for t, w in enumerate(ph)):
            return k + len(ph)
    return k


def lookup_head(norm: str, table) -> Any:
    """``table[head]`` for the head of a word, also after a ل/ب in front (لمصدر)."""
    head = head_key(norm)
    if head in table:
        return table[head] if isinstance(table, dict) else head
    if norm[:1] in "لب" and len(norm) > 3:
        head = head_key(norm[1:])
        if head in table:
            return table[head] if isinstance(table, dict) else head
    return None


def noun_phrase(
    d: Doc, j: int, stop: frozenset[str], lex: Lexicon | None = None, attached: bool = False
) -> tuple[int, int]:
    """Token range ``[a, b)`` of the subject phrase starting at ``j`` (may be empty).

    ``attached``: the verb takes only its preposition (أشاد بـ), so the preposition written
    on a noun after the subject's first word starts the content (أشاد إعلاميون بقرار ...).
    """
    lex = lex or lexicon()
    end = d.sent_end(j) if j < d.n else j
    a = j
    k = j
    while k < end and k - a < MAX_PHRASE:
        n = d.norms[k]
        if k == a and d.is_mark(k) and d.q_of[k] >= 0:
            # وقال "آل مرعي" في حديثه: a short quoted name as the subject
            q, m = d.q_of[k], k + 1
            while m < end and d.q_of[m] == q:
                m += 1
            if d.quotes[q][2] and sum(d.word(t) for t in range(k, m)) <= 3 and m < end and d.word(m):
                k = m
                continue
        if d.is_mark(k):
            # a quoted name after a medium's word belongs to the phrase: موقع "مارين ترافيك"
            prev_head = head_key(d.norms[k - 1]) if k > a else ""
            if k > a and (
                prev_head in lex.media
                or prev_head in lex.source_heads  # دعت منظمة «هيومن رايتس ووتش» الحقوقية
                or d.norms[k - 1] in ("ب", "ل", "من", "في")
            ):
                q = d.q_of[k]
                while k < end and d.q_of[k] == q:
                    k += 1
                continue
            break
        if d.is_punct(k):
            if d.surf[k] in "،," and _apposition(d, k, end, stop, lex):
                k += 1
                continue
            if d.surf[k] == "." and k > a and d.norms[k - 1] in _TITLE_LETTERS and (
                d.ends[k - 1] == d.starts[k]
            ):
                k += 1  # المستشار الثقافي د. محمد عثمان الخشت
                continue
            close = aside_end(d, k, end) if k > a else k
            if close > k:  # أحد سكان مركز سلام (غرب الرس): an aside inside the phrase
                k = close
                continue
            break
        if k == a + 1 and _bare(d.norms[a]) in lex.pronouns and d.norms[a].endswith(("ه", "ها")):
            break  # وطالب معاليه المجتمع الدولي بـ: the honorific is the subject, the rest its object
        if k > a and n[:1] in stop and len(n) > 4 and (
            strip_al(n[1:]) in lex.object_nouns or (attached and _attached_object(d, k, lex))
        ):
            break  # وطالب الخشت بضرورة أن، أشاد إعلاميون بقرار الهيئة: the verb's preposition
        if k > a and n == "فقد":
            break  # ووفقا للإحصائيات الصادرة عن مؤسسة النقد فقد شهدت: the content starts
        if k > a + 1 and n in _QUANTIFIERS and n != "عدد":
            break  # وطالب ... د. ناصر الدوسري جميع المستشفيات بـ: the object starts
        if k > a and n[:1] in "بل" and n[1:] in PRONOUN_GOVERNED:
            break  # وأعرب خادم الحرمين الشريفين باسمه واسم شعب ...: no longer the subject
        if k > a and n in ISSUED and k + 1 < end and d.norms[k + 1] == "عن" and (
            head_key(d.norms[a]) in lex.documents or lookup_head(d.norms[a], lex.source_heads)
        ):
            k += 2  # بيان صحفي صدر عن المنظمة، الإحصائيات الصادرة عن مؤسسة النقد: the issuer belongs to it
            continue
        flags = _word_flags(n)
        if flags & _ANON:
            ph = _anonymity_phrase(d, k, end, lex)
            if ph > k:
                k = ph  # مسؤول رفض الكشف عن اسمه
                continue
        if flags & _ALWAYS or n in stop:
            break
        if k == a and n[:1] in stop and n[1:3] == "ال" and len(n) > 4:
            break  # تطالب بالتقدم: the verb's preposition, attached, where a subject would be
        if k == a and n[:1] in "بل" and len(n) > 4 and object_noun(n[1:], lex):
            break  # شددوا عليه بضرورة الخروج: a verbal noun after a preposition is no subject
        if k == a and (n in _GOVERNORS or n in lex.breakers) and (n != "علي" or d.surf[k] == "على"):
            break  # وقال في مقدمة التقرير، فقال لي أثناء اللقاء: no subject here
        if k > a and flags & _AFTER_FIRST and (n != "علي" or d.surf[k] == "على"):
            break  # علي is a breaker only when written على (not the name Ali)
        if flags & _CHECK and (event_at(d, k, end, lex) or media_phrase(d, k, end, lex) > k):
            break
        if k == a and n in lex.verbs:
            break
        k += 1
    while k > a + 1 and d.norms[k - 1] in _GOVERNORS:
        k -= 1  # a phrase never ends on a preposition (... أقسام الطوارئ في | جميع)
    return a, k


_APPOSITION_WORDS = 9  # المقدم علي بن عمير آل جرمان الشهراني: Saudi names run long


#: one-letter title abbreviations: د. (دكتور), أ. (أستاذ)
_TITLE_LETTERS = frozenset({"د", "ا"})
ISSUED = frozenset({"صدر", "الصادر", "صادر", "الصادره", "صادره", "صدرت"})


#: ب/ل + a noun with a pronoun that never belongs to a subject phrase (باسمه، لنفسه)
PRONOUN_GOVERNED = frozenset({"اسمه", "اسمها", "اسمهم", "نفسه", "نفسها", "دوره", "دورها"})
_NAME_LINKS = frozenset({"بن", "ابن", "بنت", "ابو", "ال", "عبد"})


def _attached_object(d: Doc, k: int, lex: Lexicon) -> bool:
    """Token ``k`` (after the first word of a subject) carries the verb's preposition on a
    noun (أشاد إعلاميون بقرار الهيئة): not a name after a title or a name link (الأمير بندر،
    محمد بن بدر), and no mention starts there."""
    prev = d.norms[k - 1]
    if prev in lex.person_titles or strip_al(prev) in lex.person_titles or prev in _NAME_LINKS:
        return False
    if any(m[0] == d.starts[k] for m in d.mentions_in(d.starts[k], d.ends[k])):
        return False
    return k + 1 < d.n and d.word(k + 1)


_ASIDE_WORDS = 10  # (شقيق الشهيد سليمان المالكي أول شهداء عاصفة الحزم)


def aside_end(d: Doc, k: int, end: int) -> int:
    """After a parenthesis at ``k`` of at most ten words: the index after ``)``, else ``k``."""
    if d.surf[k] != "(":
        return k
    m = k + 1
    while m < end and m - k <= _ASIDE_WORDS and d.word(m):
        m += 1
    return m + 1 if m < end and m > k + 1 and d.surf[m] == ")" else k


def _apposition(d: Doc, k: int, end: int, stop: frozenset[str], lex: Lexicon) -> bool:
    """A comma before a name in apposition: ``مدير مطار عدن، طارق عبده، إن``; the segment
    after the comma (at most nine words) must be followed by a comma, a colon or the content.
    A segment followed by the verb's preposition is its object (``دعا عضو البرنامج عبدالرحمن
    القراش، مجلس الشورى إلى``) unless a person stands in it (a title or a person's mention)."""
    m = k + 1
    while m < end and d.word(m) and m - k <= _APPOSITION_WORDS + 1:
        if d.norms[m] in lex.comps or d.norms[m] in stop:
            break
        m += 1
    if m == k + 1 or m - k > _APPOSITION_WORDS + 1:
        return False
    if m >= end:
        return False
    nxt = d.norms[m]
    ok_after = (d.is_punct(m) and d.surf[m] in "،,:") or nxt in lex.comps or nxt in stop
    if not ok_after:
        return False
    first = d.norms[k + 1]
    if first in lex.verbs or first in lex.time_words or first in lex.triggers:
        return False
    mentions = d.mentions_in(d.starts[k + 1], d.ends[m - 1])
    titled = first in lex.person_titles or strip_al(first) in lex.person_titles
    if nxt in stop and nxt not in lex.comps:
        return titled or any(x[3] == "person" for x in mentions)
    return bool(mentions) or titled or strip_al(first) != first or m - k - 1 <= 4


def phrase_before(d: Doc, i: int, lex: Lexicon | None = None) -> tuple[int, int]:
    """The subject phrase before the verb at ``i`` in its clause (may be empty)."""
    lex = lex or lexicon()
    s = d.sent_start(i)
    b = i
    if b - 1 >= s and d.is_punct(b - 1) and d.surf[b - 1] in "،,":
        b -= 1  # اللواء أحمد المسماري،أكد
    while b - 1 >= s and d.norms[b - 1] in ("قد", "كان", "وكان", "فقد", "لقد"):
        b -= 1  # خيسيوس موريلو كان قد قال
    a = b
    while a - 1 >= s and d.word(a - 1) and b - a < 12 and d.norms[a - 1] not in _SUBORDINATORS:
        a -= 1
    if a - 1 >= s and not (
        d.is_punct(a - 1) or d.is_mark(a - 1) or d.norms[a - 1] in _SUBORDINATORS
    ):
        return i, i
    # a comma-separated apposition before: الناطق الرسمي باسم القيادة العامة، اللواء ...
    if a - 1 > s and d.surf[a - 1] in "،," and b < i:
        c = a - 1
        while c - 1 >= s and d.word(c - 1) and a - c < 10:
            c -= 1
        if c == s or d.is_punct(c - 1):
            a = c
    while a < b and (d.norms[a] in _LEAD_STRIP or d.norms[a] in lex.time_words):
        a += 1
    if a >= b or d.norms[a] in lex.verbs or d.norms[a] in ("في", "من", "علي", "الي", "عن"):
        return i, i
    if any(d.norms[k] in lex.verbs for k in range(a, b)) or b - a > 10:
        return i, i
    first = d.norms[a]
    nominal = (
        first.startswith("ال")
        or first in lex.person_titles
        or head_key(first) in lex.anonymous
        or any(m[0] == d.starts[a] for m in d.mentions_in(d.starts[a], d.ends[b - 1]))
    )
    return (a, b) if nominal else (i, i)


def _span(d: Doc, a: int, b: int) -> tuple[int, int]:
    s, e = d.starts[a], d.ends[b - 1]
    text = d.text
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def dependent(d: Doc, m: tuple) -> bool:
    """A mention governed by a preposition (من ماكرون، باسم الحكومة، بالرئاسة)."""
    k = d.token_at(m[0])
    if k < d.n and d.starts[k] == m[0]:
        surf = d.norms[k]
        if surf[:1] in "بل" and strip_al(surf[1:]) != surf[1:]:
            return True
    return k > 0 and d.norms[k - 1] in _GOVERNORS


def _actor(d: Doc, s: int, e: int, a: int, b: int, lex: Lexicon) -> tuple[str | None, bool]:
    """``(actor_id, named)`` of the phrase at characters ``[s, e)``."""
    ms = [m for m in d.mentions_in(s, e) if m[5] != "demonym"]
    head = head_key(d.norms[a])
    statement = head in lex.event_nouns
    free = [m for m in ms if m[0] <= s + 2 or statement or not dependent(d, m)]
    persons = [m for m in free if m[3] == "person"]
    if persons:
        return persons[0][2], True
    for m in free:
        lead = [k for k in range(a, b) if d.ends[k] <= m[0]]
        if m[0] - s <= 2 or all(head_key(d.norms[k]) in lex.media for k in lead):
            return m[2], False
    return None, False


def speaker_of(d: Doc, a: int, b: int, lex: Lexicon | None = None) -> dict[str, Any] | None:
    """The speaker fields of the phrase ``[a, b)``, or None when it cannot be a speaker."""
    lex = lex or lexicon()
    if a >= b:
        return None
    head = head_key(d.norms[a])
    if head in lex.non_speakers or strip_al(d.norms[a]) in lex.non_speakers:
        return None
    s, e = _span(d, a, b)
    if s >= e:
        return None
    if head in lex.event_nouns and head not in lex.documents:
        return None  # وأكد اللقاء: an event is no speaker
    aid, named = _actor(d, s, e, a, b, lex)
    kind = lookup_head(d.norms[a], lex.anonymous)
    for enclitic in ("ها", "هم", "ه"):
        if kind is None and head.endswith(enclitic):
            kind = lex.anonymous.get(head[: -len(enclitic)])  # مصادرها
    anonymous = kind is not None and not named and not any(
        d.norms[k] in lex.person_titles for k in range(a + 1, b)
    )
    return {
        "speaker": d.text[s:e],
        "speaker_start": s,
        "speaker_end": e,
        "speaker_actor_id": aid,
        "anonymous": anonymous,
        "anonymous_type": kind if anonymous else None,
    }


def mention_speaker(d: Doc, m: tuple) -> dict[str, Any]:
    """The speaker fields of one mention."""
    return {
        "speaker": d.text[m[0] : m[1]],
        "speaker_start": m[0],
        "speaker_end": m[1],
        "speaker_actor_id": m[2],
        "anonymous": False,
        "anonymous_type": None,
    }


def reference_kind(d: Doc, a: int, b: int, lex: Lexicon | None = None) -> str | None:
    """``honorific`` (سموه), ``title`` (الناطق العسكري: a definite title with no name),
    ``document`` (البيان) or None for a phrase that names its speaker itself."""
    lex = lex or lexicon()
    first = _bare(d.norms[a])
    if first in lex.pronouns and b - a <= 2:
        return "honorific"
    if b - a <= 3 and head_key(first) in lex.documents and first.startswith("ال"):
        return "document"
    if (
        b - a <= 3
        and first.startswith("ال")
        and first in lex.person_titles
        and not d.mentions_in(d.starts[a], d.ends[b - 1])
        and not any(d.norms[k] in lex.comps for k in range(a, b))
    ):
        return "title"
    return None


def resolve_reference(
    d: Doc, a: int, b: int, kind: str, earlier: list[dict[str, Any]], lex: Lexicon | None = None
) -> dict[str, Any] | None:
    """The antecedent of a reference phrase (see :func:`reference_kind`), or None."""
    lex = lex or lexicon()
    first = _bare(d.norms[a])
    pos = d.starts[a]
    if kind == "document":
        for sp in reversed(earlier):
            if sp.get("speaker") and sp["speaker_start"] < pos:
                k = d.token_at(sp["speaker_start"])
                if k < d.n and head_key(d.norms[k]) not in lex.documents:
                    return sp
        return None
    wanted = lex.pronouns.get(first) if kind == "honorific" else frozenset({first})
    if kind == "title":
        for sp in reversed(earlier):
            if sp.get("speaker_actor_id") and sp["speaker_start"] < pos:
                k = d.token_at(sp["speaker_start"])
                lo = max(d.sent_start(min(k, d.n - 1)), k - 8)
                if any(d.norms[t] == first for t in range(lo, min(d.n, k + 4))):
                    return sp
    if kind == "honorific" and wanted:
        # وأضاف سموه: the last speaker, when a title of the honorific stands in his phrase
        last = [sp for sp in earlier if sp.get("speaker") and sp["speaker_start"] < pos]
        if last and not last[-1]["anonymous"]:
            k0, k1 = d.token_at(last[-1]["speaker_start"]), d.token_at(last[-1]["speaker_end"])
            if any(_bare(d.norms[t]) in wanted for t in range(max(0, k0 - 6), min(d.n, k1))):
                return last[-1]
    persons = [m for m in d.mentions_before(pos) if m[3] == "person" and not d.in_quote(d.token_at(m[0]))]
    if not persons:
        return None
    para = d.para[a]

    def titled(m: tuple) -> bool:
        k = d.token_at(m[0])
        return any(_bare(d.norms[t]) in (wanted or ()) for t in range(max(0, k - 6), min(d.n, k + 1)))

    for pool in (
        [m for m in persons if d.para[d.token_at(m[0])] == para],
        persons,
    ):
        if not pool:
            continue
        hits = [m for m in pool if titled(m)] if wanted else pool
        if hits:
            return mention_speaker(d, hits[-1])
    return mention_speaker(d, persons[-1]) if kind == "honorific" and not wanted else None


def titled_name(d: Doc, a: int, wanted: frozenset[str], lex: Lexicon) -> dict[str, Any] | None:
    """The last ``<title> <name>`` before token ``a`` whose title is in ``wanted``
    (الأمير فيصل بن بندر for سموه), in its paragraph or the one before, when the mention
    table does not know the person."""
    lo = a
    while lo > 0 and d.para[lo - 1] >= d.para[a] - 1:
        lo -= 1
    for t in range(a - 1, lo - 1, -1):
        if _bare(d.norms[t]) not in wanted or d.in_quote(t):
            continue
        k = t + 1
        while k < a and d.word(k) and k - t <= 4 and _bare(d.norms[k]) in wanted | lex.person_titles:
            k += 1
        b = k
        while b < a and d.word(b) and b - k < 4:
            n = d.norms[b]
            if n in _GOVERNORS or n in lex.breakers or n in lex.verbs or n in lex.person_titles:
                break
            if n.startswith("ال") and b > k and n not in ("الله",):
                break
            b += 1
        if b > k:
            return speaker_of(d, t, b, lex)
    return None


def _name_pair(d: Doc, a: int, i: int, lex: Lexicon) -> bool:
    """A given name and a family name with ال (فهد المفرج، عبدالله الحيدري) at ``a``: a word
    without ال, not a verbal noun nor a word with a pronoun, before a word with ال."""
    n = d.norms[a]
    return (
        a + 1 < i
        and d.word(a + 1)
        and d.norms[a + 1].startswith("ال")
        and not n.endswith(("ه", "ها", "هم"))
        and strip_al(n) not in lex.object_nouns
        and n not in lex.non_speakers
        and len(n) > 2
    )


def first_verb_subject(d: Doc, i: int, lex: Lexicon | None = None) -> tuple[int, int]:
    """The subject after the first word of the sentence (taken as its verb): ``ورحب الوزراء
    بعودة ...، داعين`` -> ``الوزراء``; at most four words, up to a preposition."""
    lex = lex or lexicon()
    s = d.sent_start(i)
    while s < i and not d.word(s):
        s += 1
    # من جانب آخر، / إلى ذلك، أبدى فهد المفرج ...: an opener before the verb
    c = s
    while c < i and c - s < 4 and d.word(c):
        c += 1
    if c < i and c > s and d.surf[c] in "،," and _bare(d.norms[s]) in _GOVERNORS:
        s = c + 1
    first = d.norms[s] if s < i else ""
    bare = _bare(first)
    if not first or first.startswith(("ال", "وال")) or bare in _GOVERNORS or first in lex.time_words:
        return i, i
    a = s + 1
    while a < i and (d.norms[a] in lex.time_words or d.norms[a] in lex.leading_skip):
        a += 1
    if a >= i or not d.word(a):
        return i, i
    n = d.norms[a]
    if n in _GOVERNORS or n in lex.comps or n in lex.verbs:
        return i, i
    quantified = n in _QUANTIFIERS and a + 1 < i and d.norms[a + 1] == "من"  # عدد من أصحاب
    if not (
        n.startswith("ال")
        or quantified
        or d.mentions_in(d.starts[a], d.ends[a])
        or lookup_head(n, lex.anonymous) is not None  # أبدى سكان قرى غرب القصيم ...، موضحين
        or n in lex.person_titles
        or _name_pair(d, a, i, lex)
    ):
        return i, i
    if quantified:
        b = a + 2
        while b < i and b - a < 7 and d.word(b) and d.norms[b] not in _GOVERNORS:
            if d.norms[b] in lex.verbs or head_key(d.norms[b]) in lex.event_nouns or (
                d.norms[b] in lex.relatives
            ):
                break
            n = d.norms[b]
            if n.startswith("ال") and d.norms[b - 1].startswith("ال") and not d.norms[b - 2].startswith("ال") and (
                not n.endswith(("ي", "يه", "يون", "يين"))
            ):
                break  # عدد من دول العالم | التفجير: a definite noun after a construct, no adjective
            b += 1
        return a, b
    b = a + 1
    while b < i and b - a < 4 and d.word(b):
        n = d.norms[b]
        if n in _GOVERNORS or n in lex.breakers or n in lex.verbs or n[:1] in "بل" and len(n) > 3:
            break
        if not n.startswith("ال") and not d.mentions_in(d.starts[b], d.ends[b]):
            break
        b += 1
    return a, b
