"""Who is quoted: direct and indirect speech in Arabic news, attributed to speakers.

:func:`quotes` finds reported speech around reporting verbs and frames (listed in
``toolkit/data/actors/reporting_verbs.yaml``) and returns one row per quote, with
offsets into each document's ORIGINAL text.

What is found
-------------
* **Direct quotes**: text in ``"…"``, ``«…»`` or ``“…”`` that is the content of a
  reporting verb — ``وقال ماكرون "لقد رأينا ..."``, ``وأضاف المسؤول:"أكد لنا ..."``,
  ``أكد ... إن "الساعات القادمة ..."`` — or that a verb right after it attributes
  (``"..."، قال الوزير``). Quoted names of media (``وكالة "رويترز"``, ``لـ"بوابة ..."``)
  are not quotes: they become ``source_via``.
* **Indirect speech**: a reporting verb, its speaker, then a complementizer
  (``إن، أن، بأن، أنه ...``) or the verb's own preposition (``دعا إلى``، ``أشار إلى أن``،
  ``شدد على``); the quote runs to the end of the sentence or to the next report of the
  same sentence (``..., مشيرا الى أن ...`` starts a new row).
* **Frames**: ``نقلت وكالة "رويترز" عن مسؤول ...، أن ...`` (speaker after ``عن``, the
  medium in ``source_via``), ``ووفقا للمكتب، ...`` / ``...، بحسب مصدر أمني``.

Who speaks
----------
The speaker is the noun phrase after the verb (verb-subject order: ``قال طلال الميهوب
رئيس لجنة ...``). It resolves to an actor when it holds a person mention, or starts with
a mention of another actor, from the mention table of
:func:`toolkit.actors.find_mentions`; otherwise it is kept as text and marked
``anonymous`` when its head is in ``anonymous_speakers.txt`` (مسؤول، مصدر، دبلوماسي ...).
Without a noun phrase after the verb (subject-verb order, or a pronoun):

1. a participle (``مؤكدا``، ``مشيرا``، ``لافتا``) takes the speaker of the previous
   report in its sentence, else the first actor mentioned in its clause, walking back
   clause by clause (``أشاد الرئيس الفرنسي ...، مؤكدا "دعمه التام"``);
2. a finite verb takes the nearest person mentioned before it in the sentence
   (``اللواء أحمد المسماري،أكد ...``), else an actor mentioned just before it;
3. otherwise the verb is a pronoun-only continuation (``وأضاف، أنه ...``) and inherits
   the speaker of the previous quote in the same document, when that quote is at most
   three sentences back (``attribution="inherited"``); farther back, the speaker is left
   empty (``attribution="none"``) rather than guessed.

A definite title left unresolved (``وأشار الناطق العسكري``) takes the actor of an earlier
speaker of the document introduced with that title (``الناطق الرسمي ...، اللواء أحمد
المسماري``), ``attribution="coreference"``; the speaker text stays as written.
A rank inside an anonymous-looking phrase names the speaker (``الضابط ... المقدم جبريل
الشيخى`` is not anonymous).

The ``attribution`` column says which rule gave the speaker: ``explicit`` (noun phrase
after the verb or frame), ``before``, ``clause``, ``continuation``, ``inherited`` or
``coreference`` (``none`` when no speaker was found).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress, count, repeat
from typing import Any

import pandas as pd
import yaml

from toolkit.actors._speech import columns, paused_gc
from toolkit.corpus import Corpus
from toolkit.text import normalize

__all__ = ["QUOTE_COLUMNS", "quotes", "check_corpus"]

#: the columns of :func:`quotes`, in order
QUOTE_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "quote",
    "kind",
    "verb",
    "speaker",
    "speaker_id",
    "anonymous",
    "speaker_start",
    "speaker_end",
    "source_via",
    "attribution",
    "verb_start",
    "verb_end",
]

# opening mark -> closing mark; the straight quote pairs with itself
_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_QUOTE_CHARS = frozenset('«»“”„"')
# speakers are actors of these types (a place does not speak)
_SPEAKER_TYPES = frozenset({"person", "organization", "country", "group"})
# a pronoun-only report (وأضاف، أنه ...) inherits a speaker from at most this many sentences back
_INHERIT_SENTENCES = 3
_CONNECTORS = frozenset({"و", "فيما", "بينما", "كما", "حيث", "ثم"})
_QUOTE_CHAR_RE = re.compile('[«»“”„"]')


def check_corpus(corpus: object, name: str = "corpus") -> Corpus:
    """Raise ``TypeError`` naming the argument unless ``corpus`` is a :class:`Corpus`."""
    if not isinstance(corpus, Corpus):
        raise TypeError(
            f"{name} must be a toolkit.corpus.Corpus (e.g. load_corpus(path) or "
            f"Corpus.from_records(records)), got {type(corpus).__name__}"
        )
    return corpus


def data_path(name: str):
    """A data file of ``toolkit/data/actors``."""
    return resources.files("toolkit").joinpath("data", "actors", name)


def read_word_list(name: str) -> list[str]:
    """Lines of a data word list, without comments, blank lines and tab-separated notes."""
    out = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        word = line.split("\t", 1)[0].strip()
        if word:
            out.append(word)
    return out


def _n(word: str) -> str:
    return normalize(word, "search")


def strip_al(norm: str) -> str:
    """``المسءول`` -> ``مسءول`` (also ``وال``, ``بال``, ``لل``); other words unchanged."""
    for prefix in ("وال", "فال", "بال", "كال", "ال"):
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            return norm[len(prefix) :]
    if norm.startswith("لل") and len(norm) >= 4:
        return norm[2:]
    return norm


_SECTION_RE = re.compile(r"^\[(\w+)\]$")


@lru_cache(maxsize=1)
def person_titles() -> tuple[tuple[str, ...], ...]:
    """Person titles and ranks of ``titles_ar.txt`` as normalized word tuples.

    The file (shared with the matcher) is sectioned by ``[person]`` / ``[place]`` lines
    (older copies: ``# people ...`` / ``# places`` comments); place words are left out.
    """
    out = []
    section = "person"
    for line in data_path("titles_ar.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        m = _SECTION_RE.match(line)
        if m:
            section = m.group(1).lower()
        elif line.startswith("#"):
            if re.match(r"#\s*places?\b", line):
                section = "place"
            elif re.match(r"#\s*people\b", line):
                section = "person"
        elif line and section == "person":
            out.append(tuple(_n(w) for w in line.split()))
    return tuple(out)


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Single-word person titles and ranks, normalized (الرئيس، اللواء، مهندس)."""
    return frozenset(t[0] for t in person_titles() if len(t) == 1)


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[str, str]]  # form -> (lemma, finite|participle)
    preps: dict[str, frozenset[str]]  # lemma -> prepositions
    transmit: frozenset[str]
    link: str
    according: tuple[tuple[str, ...], ...]
    comps: frozenset[str]
    comp_blockers: frozenset[str]
    media: frozenset[str]
    carried_by: frozenset[str]
    source_heads: frozenset[str]
    leading_skip: frozenset[str]
    event_nouns: frozenset[str]
    breakers: frozenset[str]
    time_words: frozenset[str]
    relatives: frozenset[str]
    anonymous: frozenset[str]
    according_labels: dict[tuple[str, ...], str] = field(default_factory=dict)
    according_first: frozenset[str] = frozenset()
    # the words that can start a report (verb, transmission or frame), with و/ف in front
    triggers: frozenset[str] = frozenset()
    # what _verb gives for each word it recognizes: the verbs, and the verbs with و/ف in
    # front (one lookup instead of two)
    verb_forms: dict[str, tuple[str, str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The reporting-verb lexicon, normalized (cached)."""
    raw: dict[str, Any] = yaml.safe_load(data_path("reporting_verbs.yaml").read_text("utf-8"))
    verbs: dict[str, tuple[str, str]] = {}
    preps: dict[str, frozenset[str]] = {}
    for lemma, entry in raw["verbs"].items():
        for form in entry.get("finite") or []:
            verbs[_n(form)] = (lemma, "finite")
        for form in entry.get("participle") or []:
            verbs[_n(form)] = (lemma, "participle")
        preps[lemma] = frozenset(_n(p) for p in entry.get("preps") or [])
    enclitics = [""] + [_n(e) for e in raw["pronoun_enclitics"]]
    comps = frozenset(_n(c) + e for c in raw["complementizers"] for e in enclitics)
    according = tuple(tuple(_n(w) for w in frame) for frame in raw["according"])
    labels = {
        tuple(_n(w) for w in frame): " ".join("لـ" if w == "ل" else w for w in frame)
        for frame in raw["according"]
    }

    def norm_set(key: str) -> frozenset[str]:
        return frozenset(_n(w) for w in raw[key])

    transmit = frozenset(_n(w) for w in raw["transmit"]["verbs"])
    verb_forms = dict(verbs)
    for form, v in verbs.items():
        for c in "وف":
            if len(c + form) > 2:  # as _bare: the conjunction comes off a longer word only
                verb_forms.setdefault(c + form, v)
    heads = set(verbs) | transmit | {f[0] for f in according}
    triggers = frozenset(heads | {c + w for w in heads for c in "وف" if len(w) >= 2})
    return _Lexicon(
        verbs=verbs,
        preps=preps,
        transmit=transmit,
        link=_n(raw["transmit"]["link"]),
        according=according,
        comps=comps,
        comp_blockers=norm_set("complementizer_blockers"),
        media=norm_set("media_heads"),
        carried_by=norm_set("carried_by"),
        source_heads=frozenset(strip_al(_n(w)) for w in raw["source_heads"]),
        leading_skip=norm_set("leading_skip"),
        event_nouns=norm_set("event_nouns"),
        breakers=norm_set("phrase_breakers"),
        time_words=norm_set("time_words"),
        relatives=norm_set("relatives"),
        anonymous=frozenset(strip_al(_n(w)) for w in read_word_list("anonymous_speakers.txt")),
        according_labels=labels,
        according_first=frozenset(f[0] for f in according),
        triggers=triggers,
        verb_forms=verb_forms,
    )


# --------------------------------------------------------------------------- one document


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quotations of ``text`` as ``(open, close)`` indices of their marks.

    Marks pair within a line: ``«»``, ``“”``, ``„“`` nest; straight ``"`` pair in order.
    ``text[open + 1:close]`` is the quoted text.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight = -1
    last = 0
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch, k = m.group(), m.start()
        if (stack or straight >= 0) and text.find("\n", last, k) >= 0:
            stack, straight = [], -1  # marks pair within a line
        last = k
        if ch == '"':
            if straight < 0:
                straight = k
            else:
                spans.append((straight, k))
                straight = -1
        elif ch in ("«", "“", "„") and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, k))
        elif ch in ("»", "”", "“") and stack and _PAIRS[stack[-1][0]] == ch:
            spans.append((stack.pop()[1], k))
    spans.sort(key=lambda s: (s[0], -s[1]))
    outer: list[tuple[int, int]] = []
    for s in spans:
        if outer and s[0] < outer[-1][1]:
            continue  # nested in (or crossing) the previous quotation
        outer.append(s)
    return outer


def _without(col: list, drop: list[int]) -> list:
    """``col`` without the items at the sorted indices ``drop``."""
    out = col[: drop[0]]
    for k, nxt in zip(drop, [*drop[1:], len(col)], strict=True):
        out += col[k + 1 : nxt]
    return out


class _Doc:
    """The tokens, sentences, quotations and mentions of one document."""

    def __init__(self, doc_id: str, text: str, mentions: list[tuple]) -> None:
        self.doc_id = doc_id
        self.text = text
        self.quotes = quote_spans(text)
        starts, ends, surfaces, norms, kinds, self.sents = columns(text)
        quotes_ = self.quotes
        drop = []  # quote marks are not tokens here
        for m in _QUOTE_CHAR_RE.finditer(text):
            k = bisect.bisect_left(starts, m.start())
            if k < len(starts) and starts[k] == m.start() and kinds[k] == "punct":
                drop.append(k)  # the mark is a token of its own (not inside a url)
        if drop:
            starts, ends, surfaces, norms, kinds = (
                _without(col, drop) for col in (starts, ends, surfaces, norms, kinds)
            )
        n = len(starts)
        # sentence k holds the tokens from the first one starting at or after its start
        # (tokens before the first sentence belong to it); runs of one sentence, in order
        cuts = [0] + [bisect.bisect_left(starts, s0) for s0, _ in self.sents[1:]] + [n]
        self.sent_tok: dict[int, tuple[int, int]] = {}
        sent: list[int] = []
        for k in range(len(cuts) - 1):
            a, b = cuts[k], cuts[k + 1]
            if b > a:
                self.sent_tok[k] = (a, b)
                sent.extend(repeat(k, b - a))
        if not sent:
            sent = [0] * n  # no sentence: every token in sentence 0
            if n:
                self.sent_tok[0] = (0, n)
        qs = [-1] * n
        if quotes_:
            # a token is in quotation k when it starts after the opening mark and ends by
            # the closing one (tokens and quotations are in order and do not overlap)
            for k, (o, c) in enumerate(quotes_):
                a, b = bisect.bisect_right(starts, o), bisect.bisect_right(ends, c)
                if b > a:
                    qs[a:b] = repeat(k, b - a)
        # the tokens as parallel columns (no object per token): token i is
        # t_starts[i], t_ends[i], surf[i], norms[i], kinds[i], its sentence sent[i] and
        # its quotation qs[i] (-1 outside)
        self.n = n
        self.t_starts = starts
        self.t_ends = ends
        self.surf = surfaces
        self.norms = norms
        self.kinds = kinds
        self.sent = sent
        self.qs = qs
        self.q_opens = [q[0] for q in self.quotes]
        # mentions: (start, end, actor_id, actor_type, surface), by start
        self.mentions = sorted(mentions)
        self.m_starts = [m[0] for m in self.mentions]

    # ---- helpers on token positions
    def is_punct(self, i: int) -> bool:
        return self.kinds[i] == "punct"

    def sent_end(self, i: int) -> int:
        return self.sent_tok[self.sent[i]][1]

    def sent_start(self, i: int) -> int:
        return self.sent_tok[self.sent[i]][0]

    def quote_first(self, i: int) -> bool:
        """Token ``i`` is the first token of its quotation."""
        q = self.qs[i]
        return q >= 0 and (i == 0 or self.qs[i - 1] != q)

    def quote_last_tok(self, i: int) -> int:
        """The index after the last token of the quotation holding token ``i``."""
        qs = self.qs
        q = qs[i]
        j = i
        while j < self.n and qs[j] == q:
            j += 1
        return j

    def mentions_in(self, start: int, end: int) -> list[tuple]:
        lo = bisect.bisect_left(self.m_starts, start)
        out = []
        for m in self.mentions[lo:]:
            if m[0] >= end:
                break
            if m[1] <= end and m[3] in _SPEAKER_TYPES:
                out.append(m)
        return out

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.q_opens, pos) - 1
        return k >= 0 and self.quotes[k][0] < pos < self.quotes[k][1]


def _prepositional(norm: str, lex: _Lexicon) -> bool:
    """A word that cannot start a subject: ل or ب with the article, or ل + a medium."""
    if norm.startswith(("لل", "بال", "وبال", "ولل")) and len(norm) > 4:
        return True
    return norm.startswith("ل") and norm[1:] in lex.media


def _bare(norm: str) -> str:
    """Drop one conjunction و/ف in front of a word."""
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm


def _verb(lex: _Lexicon, norm: str) -> tuple[str, str] | None:
    """``(lemma, finite|participle)`` of a reporting verb, also with و/ف in front."""
    return lex.verb_forms.get(norm)


@dataclass
class _Report:
    trigger: int  # token index of the verb / frame word
    trigger_end: int  # token index after the verb / frame words
    verb: str
    form: str  # finite | participle | transmit | according
    kind: str = ""
    start: int = -1  # char offsets of the quote
    end: int = -1
    content_tok: int = -1  # first token of indirect content
    front_frame: bool = True
    speaker: dict[str, Any] | None = None
    np: tuple[int, int] = (0, 0)
    via: str | None = None
    attribution: str = "none"


class _Finder:
    """Find the reports of one document."""

    def __init__(self, doc: _Doc, lex: _Lexicon) -> None:
        self.d = doc
        self.lex = lex
        self.used_quotes: set[int] = set()

    # ---- noun phrases
    def noun_phrase(
        self, i: int, stop: frozenset[str] = frozenset(), link: bool = False, lam: bool = False
    ):
        """Token range ``[a, b)`` of the noun phrase starting at ``i`` (may be empty).

        ``lam``: the phrase follows a frame's ل (وفقا للمكتب), so a leading ل is expected.
        """
        d, lex = self.d, self.lex
        end = d.sent_end(i) if i < d.n else i
        j = i
        while j < end and (d.norms[j] in lex.time_words or d.norms[j] in lex.leading_skip):
            j += 1
        a = j
        if j < end and not lam and _prepositional(d.norms[j], lex):
            return a, a  # لشبكات التلفزيون، للصحفيين: to whom, not who
        while j < end and j - a < 10:
            if d.qs[j] >= 0:
                # a quoted name after a medium belongs to the phrase: موقع "مارين ترافيك"
                if j > a and strip_al(_bare(d.norms[j - 1])) in lex.media and d.quote_first(j):
                    j = d.quote_last_tok(j)
                    continue
                break
            n = d.norms[j]
            if d.kinds[j] == "punct" or n in lex.comps or n in stop or n in lex.breakers:
                break
            if link and n == lex.link:
                break
            if n in lex.comp_blockers or n in lex.carried_by or _verb(lex, n):
                break
            if j > a and n in lex.relatives:
                break
            if n == "في" and j + 1 < end and strip_al(d.norms[j + 1]) in lex.event_nouns:
                break
            if n == "ل" or (n.startswith("ل") and n[1:] in lex.media):
                break
            j += 1
        b = j
        while b > a and d.norms[b - 1] in lex.time_words:
            b -= 1
        return a, b

    def np_span(self, a: int, b: int) -> tuple[int, int]:
        d = self.d
        s, e = d.t_starts[a], d.t_ends[b - 1]
        last_q = d.qs[b - 1]
        if last_q >= 0 and d.quotes[last_q][1] >= e:
            e = d.quotes[last_q][1] + 1
        return s, e

    def resolve(self, a: int, b: int, skip_lam: bool = False) -> dict[str, Any] | None:
        """Speaker of the noun phrase ``[a, b)``: an actor mention, else its text."""
        if a >= b:
            return None
        d, lex = self.d, self.lex
        s, e = self.np_span(a, b)
        if skip_lam:
            # وفقا للمكتب / لـ"..." : the speaker starts after the ل (kept when doubled, للـ)
            if d.surf[a].startswith("لـ"):
                s += 2
            elif d.surf[a].startswith("ل") and not d.surf[a].startswith("لل"):
                s += 1
        head = strip_al(_bare(d.norms[a]))
        if skip_lam:
            head = strip_al(d.norms[a][1:]) if d.norms[a].startswith("ل") else head
        # mentions governed by a preposition are not the speaker: مسؤول مقرب من ماكرون,
        # المتحدث باسم الحكومة, مسؤول بالرئاسة الفرنسية
        # ... unless the phrase is a statement's: وفقا لتصريحات لوزير الدفاع جان إيف لودريان
        statement = head in lex.event_nouns
        cands = [m for m in d.mentions_in(s, e) if m[0] == s or statement or not _dependent(d, m)]
        persons = [m for m in cands if m[3] == "person"]
        if persons:
            m = persons[0]
            return _speaker(d.text, m[0], m[1], m[2], False)
        if head in lex.anonymous:
            # a rank or title inside names the speaker: الضابط ... المقدم جبريل الشيخى
            named = any(d.norms[k] in titles() for k in range(a + 1, b))
            return _speaker(d.text, s, e, None, not named)
        for m in cands:
            # an organization or country that heads the phrase (allowing a clitic ل/ب/و),
            # or follows only a medium's or a title's word: موقع "مارين ترافيك"
            lead = [k for k in range(a, b) if d.t_ends[k] <= m[0]]
            if m[0] - s <= 2 or all(strip_al(d.norms[k]) in lex.media for k in lead):
                return _speaker(d.text, m[0], m[1], m[2], False)
        return _speaker(d.text, s, e, None, False)

    # ---- content after the speaker
    def complement(self, i: int, lemma: str, rep: _Report) -> bool:
        """Scan from token ``i`` for the reported content; fill ``rep``; True if found."""
        d, lex = self.d, self.lex
        end = d.sent_end(i) if i < d.n else i
        preps = lex.preps.get(lemma, frozenset())
        j = i
        steps = 0
        loose = 0  # words scanned that are neither a medium, an event phrase nor a date
        while j < end and steps < 16:
            tq = d.qs[j]
            prev = d.norms[j - 1] if j > 0 else ""
            if tq >= 0:
                if d.quote_first(j) and (
                    prev == "ل"
                    or strip_al(_bare(prev)) in lex.media
                    or (prev.startswith("ل") and prev[1:] in lex.media)
                    or prev in lex.carried_by
                    or self._followed_by_colon_quote(j)
                ):
                    rep.via = rep.via or _strip_ws(d.text, *self._q_inner(tq))
                    j = d.quote_last_tok(j)
                    steps += 1
                    continue
                if tq in self.used_quotes:
                    return False
                # a quotation is the content when it follows the speaker directly or a colon
                if loose and d.surf[j - 1] != ":":
                    return False
                return self._direct(tq, rep)
            n = d.norms[j]
            if n in lex.comps and prev not in lex.comp_blockers:
                return self._content(j + 1, rep)
            if n in preps:
                k = j + 1
                if k < end and d.norms[k] in lex.comps:
                    k += 1
                if k < end:
                    return self._content(k, rep)
                return False
            if n.startswith("ل") and n[1:] in lex.media and j + 1 < end:
                # لوكالة "سبوتنيك" / لوكالة الأنباء الليبية
                if d.qs[j + 1] >= 0:
                    q = d.qs[j + 1]
                    rep.via = rep.via or _strip_ws(d.text, *self._q_inner(q))
                    j = d.quote_last_tok(j + 1)
                else:
                    k = j + 1
                    while k < end and k - j <= 3 and d.kinds[k] != "punct" and d.qs[k] < 0:
                        if d.norms[k] in lex.comps:
                            break
                        k += 1
                    rep.via = rep.via or d.text[d.t_starts[j] + 1 : d.t_ends[k - 1]]
                    j = k
                steps += 1
                continue
            if j > i and _verb(lex, n) and d.kinds[j - 1] == "punct":
                return False  # another report starts: this verb had no content
            if n == "في" and j + 1 < end and strip_al(d.norms[j + 1]) in lex.event_nouns:
                j += 2  # في تصريحات / في بيان
                steps += 2
                continue
            if d.kinds[j] == "word" and n not in lex.time_words and n not in lex.carried_by:
                loose += 1
            j += 1
            steps += 1
        return False

    def _followed_by_colon_quote(self, j: int) -> bool:
        """A quotation followed by ``:`` and another quotation is a name (بيان نقلته "رويترز":)."""
        d = self.d
        k = d.quote_last_tok(j)
        return (
            k + 1 < d.n
            and d.surf[k] == ":"
            and d.qs[k + 1] >= 0
            and d.qs[k + 1] != d.qs[j]
        )

    def _q_inner(self, q: int) -> tuple[int, int]:
        o, c = self.d.quotes[q]
        return o + 1, c

    def _direct(self, q: int, rep: _Report) -> bool:
        s, e = self._q_inner(q)
        s, e = _trim(self.d.text, s, e)
        if s >= e:
            return False
        rep.kind, rep.start, rep.end = "direct", s, e
        self.used_quotes.add(q)
        return True

    def _content(self, k: int, rep: _Report) -> bool:
        d = self.d
        if k <= 0 or k >= d.n or k >= d.sent_end(k - 1):
            return False
        tq = d.qs[k]
        if d.quote_first(k) and tq not in self.used_quotes:
            after = d.quote_last_tok(k)
            # the quotation is the whole content when nothing but punctuation follows it
            # in the clause: أكد ... إن "..."، لافتا ...
            if after >= d.sent_end(k) or d.is_punct(after) or _verb(self.lex, d.norms[after]):
                return self._direct(tq, rep)
        rep.kind, rep.content_tok = "indirect", k
        return True

    # ---- the main pass
    def run(self) -> list[_Report]:
        d = self.d
        reports: list[_Report] = []
        triggers = self.lex.triggers  # any other word makes no report: skip it
        kinds, qs = d.kinds, d.qs
        for i in compress(count(), map(triggers.__contains__, d.norms)):
            if kinds[i] == "word" and qs[i] < 0:
                rep = self._at(i)
                if rep is not None:
                    reports.append(rep)
        self._ends(reports)
        self._speakers(reports)
        return reports

    def _prev_word(self, i: int) -> str:
        j = i - 1
        while (
            j >= 0 and self.d.kinds[j] == "punct" and self.d.sent[j] == self.d.sent[i]
        ):
            j -= 1
        return self.d.norms[j] if j >= 0 and self.d.sent[j] == self.d.sent[i] else ""

    def _at(self, i: int) -> _Report | None:
        d, lex = self.d, self.lex
        n = d.norms[i]
        bare = _bare(n)
        # transmission frame: نقلت <via> عن <speaker>
        if n in lex.transmit or bare in lex.transmit:
            rep = self._transmit(i)
            if rep is not None:
                return rep
        frame = self._according(i)
        if frame is not None:
            return frame
        v = _verb(lex, n)
        if v is None:
            return None
        lemma, form = v
        if i > 0 and d.sent[i - 1] == d.sent[i] and d.norms[i - 1] in lex.relatives:
            return None
        rep = _Report(i, i + 1, lemma, form)
        if form == "participle":
            ok = self.complement(i + 1, lemma, rep)
            return rep if ok else None
        a, b = self.noun_phrase(i + 1, stop=lex.preps.get(lemma, frozenset()))
        rep.np = (a, b)
        if self.complement(b, lemma, rep):
            return rep
        # postposed attribution: "..."، قال الوزير
        j = i - 1
        while j >= 0 and d.is_punct(j) and d.surf[j] in "،,":
            j -= 1
        if j >= 0 and d.qs[j] >= 0 and d.qs[j] not in self.used_quotes:
            q = d.qs[j]
            if d.quotes[q][1] < d.t_starts[i] and self._direct(q, rep):
                return rep
        return None

    def _transmit(self, i: int) -> _Report | None:
        d, lex = self.d, self.lex
        end = d.sent_end(i)
        j = i + 1
        while j < end and (d.norms[j] in lex.time_words):
            j += 1
        via_a = j
        while j < end and j - via_a <= 8 and d.norms[j] != lex.link:
            if d.kinds[j] == "punct" and d.qs[j] < 0:
                return None
            j += 1
        if j >= end or d.norms[j] != lex.link:
            return None
        rep = _Report(i, j + 1, "نقل ... عن", "transmit")
        if j > via_a:
            qs = [d.qs[k] for k in range(via_a, j) if d.qs[k] >= 0]
            if qs:
                rep.via = _strip_ws(d.text, *self._q_inner(qs[0]))
            else:
                rep.via = d.text[d.t_starts[via_a] : d.t_ends[j - 1]]
        a, b = self.noun_phrase(j + 1)
        rep.np = (a, b)
        if self.complement(b, "", rep):
            return rep
        return None

    def _according(self, i: int) -> _Report | None:
        d, lex = self.d, self.lex
        t_norm = d.norms[i]
        if t_norm not in lex.according_first and _bare(t_norm) not in lex.according_first:
            return None
        end = d.sent_end(i)
        for frame in lex.according:
            first = frame[0]
            if t_norm != first and _bare(t_norm) != first:
                continue
            j = i + 1
            skip_lam = False
            if len(frame) == 2:
                if j >= end:
                    continue
                nxt = d.norms[j]
                if nxt == frame[1]:
                    j += 1
                elif frame[1] == "ل" and nxt.startswith("ل") and len(nxt) > 2:
                    skip_lam = True
                else:
                    continue
            if j < end and d.norms[j] in ("ما", "لما"):
                return None  # بحسب ما نقلت ...: the verb that follows is the report
            if j < end and d.qs[j] >= 0 and d.quote_first(j):
                a, b = j, d.quote_last_tok(j)  # وفقا لـ"رويترز"
            else:
                a, b = self.noun_phrase(j, lam=skip_lam)
            if a >= b or not self._source_like(a, b, skip_lam):
                return None
            rep = _Report(i, b, lex.according_labels[frame], "according")
            rep.np = (a, b)
            rep.front_frame = self._prev_word(i) == "" and d.sent[i] == d.sent[a]
            rep.speaker = self.resolve(a, b, skip_lam=skip_lam)
            rep.attribution = "explicit"
            if rep.front_frame:
                if b < end and d.kinds[b] == "punct" and d.surf[b] in "،,":
                    rep.kind, rep.content_tok = "indirect", b + 1
                    return rep if b + 1 < end else None
                return None
            # trailing frame: the clause before it is attributed
            s = d.sent_start(i)
            while s < i and d.is_punct(s):
                s += 1
            if s >= i:
                return None
            cs, ce = _trim(d.text, d.t_starts[s], d.t_ends[i - 1])
            if cs >= ce:
                return None
            rep.kind, rep.start, rep.end = "indirect", cs, ce
            return rep
        return None

    def _source_like(self, a: int, b: int, skip_lam: bool) -> bool:
        d, lex = self.d, self.lex
        norm = d.norms[a]
        if skip_lam and norm.startswith("ل"):
            norm = norm[1:] if not norm.startswith("لل") else "ال" + norm[2:]
        head = strip_al(norm)
        if head in lex.anonymous or head in lex.media or head in lex.source_heads:
            return True
        if d.qs[a] >= 0:
            return True
        s, e = self.np_span(a, b)
        return bool(d.mentions_in(s, e))

    # ---- second pass: where indirect content stops
    def _ends(self, reports: list[_Report]) -> None:
        d = self.d
        for r_i, rep in enumerate(reports):
            if rep.kind != "indirect" or rep.start >= 0:
                continue
            k = rep.content_tok
            stop = d.sent_end(k)
            for nxt in reports[r_i + 1 :]:
                if d.sent[nxt.trigger] != d.sent[k]:
                    break
                if nxt.trigger <= k:
                    continue
                tt_norm = d.norms[nxt.trigger]
                if (
                    nxt.form == "participle"
                    or _bare(tt_norm) != tt_norm
                    or d.kinds[nxt.trigger - 1] == "punct"
                    or d.norms[nxt.trigger - 1] in _CONNECTORS
                ):
                    stop = nxt.trigger
                    break
            # drop trailing punctuation and connectors
            e_tok = stop
            while e_tok > k and (d.is_punct(e_tok - 1) or d.norms[e_tok - 1] in _CONNECTORS):
                if d.qs[e_tok - 1] >= 0 and not d.is_punct(e_tok - 1):
                    break
                e_tok -= 1
            if e_tok <= k:
                rep.kind = ""
                continue
            s, e = d.t_starts[k], d.t_ends[e_tok - 1]
            last_q = d.qs[e_tok - 1]
            if last_q >= 0 and d.quotes[last_q][0] >= s - 1 and d.quotes[last_q][1] >= e:
                e = d.quotes[last_q][1] + 1  # keep the closing mark of a quoted fragment
            if d.qs[k] >= 0 and d.quote_first(k):
                s = d.quotes[d.qs[k]][0]  # and the opening one
            rep.start, rep.end = s, e
        reports[:] = [r for r in reports if r.kind]

    # ---- third pass: speakers
    def _speakers(self, reports: list[_Report]) -> None:
        d = self.d
        previous: dict[str, Any] | None = None
        previous_sent = 0
        for r_i, rep in enumerate(reports):
            if rep.speaker is None and rep.np[0] < rep.np[1]:
                rep.speaker = self.resolve(*rep.np)
                rep.attribution = "explicit"
            if rep.speaker is None and rep.form == "participle":
                same = [
                    r
                    for r in reports[:r_i]
                    if d.sent[r.trigger] == d.sent[rep.trigger]
                    and r.speaker
                    and r.form != "according"  # the source of a frame is not the subject
                ]
                if same:
                    rep.speaker, rep.attribution = same[-1].speaker, "continuation"
                else:
                    rep.speaker = self._clause_subject(rep.trigger)
                    rep.attribution = "clause" if rep.speaker else "none"
            if rep.speaker is None and rep.form in ("finite", "transmit"):
                rep.speaker = self._before(rep.trigger)
                if rep.speaker is not None:
                    rep.attribution = "before"
            if (
                rep.speaker is None
                and previous is not None
                and d.sent[rep.trigger] - previous_sent <= _INHERIT_SENTENCES
            ):
                rep.speaker, rep.attribution = previous, "inherited"
            if rep.speaker is not None and rep.speaker["speaker_id"] is None:
                if not rep.speaker["anonymous"] and rep.np[0] < rep.np[1]:
                    aid = self._coreference(rep.np[0], reports[:r_i])
                    if aid is not None:
                        rep.speaker = {**rep.speaker, "speaker_id": aid}
                        rep.attribution = "coreference"
            if rep.speaker is not None:
                previous = rep.speaker
                previous_sent = d.sent[rep.trigger]

    def _coreference(self, a: int, earlier: list[_Report]) -> str | None:
        """A definite title (الناطق العسكري) naming an earlier speaker by the same title.

        The head noun must stand among the eight tokens before that speaker's mention:
        ``الناطق الرسمي باسم القيادة العامة، اللواء أحمد المسماري``.
        """
        d = self.d
        head = d.norms[a]
        if not _bare(head).startswith("ال") or head in self.lex.anonymous:
            return None
        head = strip_al(_bare(head))
        starts = d.t_starts
        for rep in reversed(earlier):
            sp = rep.speaker
            if not sp or sp["speaker_id"] is None:
                continue
            k = bisect.bisect_left(starts, sp["speaker_start"])
            lo = max(d.sent_start(min(k, d.n - 1)), k - 8)
            if any(strip_al(_bare(norm)) == head for norm in d.norms[lo:k]):
                return sp["speaker_id"]
        return None

    def _usable(self, m: tuple) -> bool:
        return not self.d.in_quote(m[0])

    def _before(self, i: int) -> dict[str, Any] | None:
        """Subject before a verb: the nearest person in the sentence, else an actor just before."""
        d = self.d
        s = d.sent_start(i)
        ms = [m for m in d.mentions_in(d.t_starts[s], d.t_starts[i]) if self._usable(m)]
        persons = [m for m in ms if m[3] == "person"]
        if persons:
            m = persons[-1]
            return _speaker(d.text, m[0], m[1], m[2], False)
        if ms:
            m = ms[-1]
            gap = [
                k for k in range(s, i) if d.t_starts[k] >= m[1] and d.kinds[k] != "punct"
            ]
            if len(gap) <= 2:
                return _speaker(d.text, m[0], m[1], m[2], False)
        return None

    def _clause_subject(self, i: int) -> dict[str, Any] | None:
        """First actor of the clause holding token ``i``, walking back clause by clause."""
        d = self.d
        s = d.sent_start(i)
        j = i
        while j > s:
            k = j - 1
            while k >= s and not (d.is_punct(k) and d.surf[k] in "،,؛;"):
                k -= 1
            lo = d.t_starts[k + 1] if k + 1 < j else d.t_starts[j]
            ms = [m for m in d.mentions_in(lo, d.t_ends[j - 1]) if self._usable(m)]
            if ms:
                m = ms[0]
                return _speaker(d.text, m[0], m[1], m[2], False)
            j = k
        return None


def _speaker(text: str, s: int, e: int, actor_id: str | None, anonymous: bool) -> dict[str, Any]:
    s, e = _trim(text, s, e)
    return {
        "speaker": text[s:e],
        "speaker_id": actor_id,
        "anonymous": anonymous,
        "speaker_start": s,
        "speaker_end": e,
    }


_GOVERNORS = frozenset({"باسم", "من", "عن", "مع", "الي", "لدي", "علي", "في", "بين", "ضد", "حول"})


def _dependent(d: _Doc, m: tuple) -> bool:
    """A mention governed by a preposition (``من ماكرون``، ``باسم الحكومة``، ``بالرئاسة``)."""
    k = bisect.bisect_left(d.t_starts, m[0])
    if has_preposition(str(m[4]), str(m[5])):
        return True
    return k > 0 and d.norms[k - 1] in _GOVERNORS


def has_preposition(surface: str, matched: str) -> bool:
    """The surface carries a proclitic ب or ل the dictionary entry lacks (بالرئاسة، للقيادة)."""
    ns, nm = _n(surface), _n(matched)
    if len(ns) > len(nm) and ns[:1] in ("و", "ف"):
        ns = ns[1:]
    return bool(ns) and ns[0] in ("ب", "ل") and (len(ns) > len(nm) or not nm.startswith(ns[0]))


_TRIM = " \t\n\r\u00a0.،,؛;:!؟?-–—"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _strip_ws(text: str, s: int, e: int) -> str:
    s, e = _trim(text, s, e)
    return text[s:e]


# --------------------------------------------------------------------------- public


def _mention_tuples(mentions: pd.DataFrame) -> dict[str, list[tuple]]:
    need = ["doc_id", "start", "end", "actor_id", "actor_type", "surface", "matched"]
    missing = [c for c in need if c not in mentions.columns]
    if missing:
        raise ValueError(
            f"mentions is missing the columns {missing}; pass the table of "
            "toolkit.actors.find_mentions(corpus, actors)"
        )
    out: dict[str, list[tuple]] = {}
    if not len(mentions):
        return out
    # columns as Python lists (C-level conversions), then one tuple per mention
    ids = list(map(str, mentions["doc_id"].tolist()))
    starts = list(map(int, mentions["start"].tolist()))
    ends = list(map(int, mentions["end"].tolist()))
    rest = [mentions[c].tolist() for c in need[3:]]
    for doc_id, m in zip(ids, zip(starts, ends, *rest, strict=True), strict=True):
        bucket = out.get(doc_id)
        if bucket is None:
            out[doc_id] = [m]
        else:
            bucket.append(m)
    return out


def empty_quotes() -> pd.DataFrame:
    """An empty quote table with the documented columns and types."""
    return _frame([])


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    for col in ("start", "end", "speaker_start", "speaker_end", "verb_start", "verb_end"):
        df[col] = df[col].astype("Int64")
    df["anonymous"] = df["anonymous"].astype(bool)
    for col in (
        "doc_id",
        "quote",
        "kind",
        "verb",
        "speaker",
        "speaker_id",
        "source_via",
        "attribution",
    ):
        df[col] = df[col].astype(object)
    return df


def quotes(corpus: Corpus, actors=None, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who is quoted, saying what: one row per direct or indirect quote.

    Parameters
    ----------
    corpus : Corpus
    actors : Actors, optional
        The dictionary used to find speakers (default: :func:`load_default_actors`).
        Ignored when ``mentions`` is given.
    mentions : DataFrame, optional
        The mention table of :func:`toolkit.actors.find_mentions` for this corpus, to
        avoid matching twice.

    Returns
    -------
    DataFrame with columns ``doc_id, start, end, quote`` (``corpus.text(doc_id)[start:end]
    == quote``), ``kind`` (``direct`` | ``indirect``), ``verb`` (the reporting verb's lemma
    or the frame, e.g. ``قال``، ``نقل ... عن``، ``وفقا لـ``), ``speaker`` (the actor mention
    or noun phrase as written), ``speaker_id`` (actor id or None), ``anonymous``,
    ``speaker_start, speaker_end`` (offsets of ``speaker``), ``source_via`` (the medium
    that carried the statement: ``رويترز``، ``سبوتنيك``), ``attribution`` (how the speaker
    was found, see the module docstring), ``verb_start, verb_end``.

    Example
    -------
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.actors import quotes
    >>> c = Corpus.from_records([{"doc_id": "a", "text": 'وقال مسؤول فرنسي: "الحوار هو الحل".'}])
    >>> q = quotes(c)
    >>> q.loc[0, ["quote", "kind", "speaker"]].tolist(), bool(q.loc[0, "anonymous"])
    (['الحوار هو الحل', 'direct', 'مسؤول فرنسي'], True)
    """
    check_corpus(corpus)
    if len(corpus) == 0:
        return empty_quotes()
    if mentions is None:
        from toolkit.actors import find_mentions, load_default_actors

        mentions = find_mentions(corpus, actors if actors is not None else load_default_actors())
    elif not isinstance(mentions, pd.DataFrame):
        raise TypeError(
            f"mentions must be a DataFrame from find_mentions, got {type(mentions).__name__}"
        )
    by_doc = _mention_tuples(mentions)
    lex = lexicon()
    rows: list[dict[str, Any]] = []
    frame = corpus.frame
    with paused_gc():
        # the two columns read, without a Document per row
        for doc_id, text in zip(frame["doc_id"].tolist(), frame["text"].tolist(), strict=True):
            _document_quotes(str(doc_id), text or "", by_doc, lex, rows)
    return _frame(rows)


def _document_quotes(
    doc_id: str, text: str, by_doc: dict[str, list[tuple]], lex: _Lexicon, rows: list
) -> None:
    """Append the quote rows of one document to ``rows``."""
    if text.strip():
        d = _Doc(doc_id, text, by_doc.get(doc_id, []))
        for rep in _Finder(d, lex).run():
            sp = rep.speaker or {
                "speaker": None,
                "speaker_id": None,
                "anonymous": False,
                "speaker_start": None,
                "speaker_end": None,
            }
            rows.append(
                {
                    "doc_id": d.doc_id,
                    "start": rep.start,
                    "end": rep.end,
                    "quote": text[rep.start : rep.end],
                    "kind": rep.kind,
                    "verb": rep.verb,
                    **sp,
                    "source_via": rep.via,
                    "attribution": rep.attribution,
                    "verb_start": d.t_starts[rep.trigger],
                    "verb_end": d.t_ends[rep.trigger],
                }
            )

