"""Proclitic segmentation weighed on a large general vocabulary.

A word such as وبالجيش is read as conjunction + preposition + article + stem
(و ب ال جيش); للجيش gives ل ال جيش with the article's elided alef restored, as
in the WikiNews gold. The proclitics are, in order: a conjunction (و ف), a
preposition or the future particle (ب ك ل س) and the article (ال).

Each proclitic is split off the front of the word one at a time, and only when the
rest is a word of its own often enough against the whole word (the evidence is the
``wordfreq`` Arabic list, see :mod:`toolkit.text.lexicon`, plus the corpus's own
vocabulary when given):

* the **whole word's frequency against the rest's**, with a threshold per proclitic
  (:data:`THRESHOLD`): و is productive (وقال splits: قال is 5 times as frequent as
  وقال; وأضاف splits at a third), ف ب ك much less so, ك least (كبار, كروس stay whole);
* a preposition before a noun that takes the article (ال + rest frequent) needs less
  (:data:`NOUN_THRESHOLD`: بسبب, بشكل, بشأن), before a rest that never takes it (a
  name or a verb: يونغ, نينا, حثت) :data:`NAME_STEM` times more; so does a whole word
  that takes the article itself (الوزير, البحث: وزير, بحث are nouns of their own);
* what may follow what: after a preposition only the article (بلفقيه is not ب + ل +
  فقيه, كلها is not ك + لها), and a second proclitic needs a stem of three letters
  (وليم is not و + ل + يم);
* a word shaped like a transliterated foreign name (:func:`foreign_shape`: long vowels
  in most letters, clusters such as نغ تش ستون) needs :data:`FOREIGN` times more
  (وينستون, بيونغ);
* a preposition before a frequent noun that the whole word is not (بقدر, بوسع: قدر
  takes the article, البقدر is never written) splits even when the whole is as
  frequent as the rest (not ل: لقي, لحما are words of their own);
* a word seen after a preposition (ببروس, لبروس: :data:`OWN_WORD` of its own count) is a
  word of its own, not ف ب ك + word, since a preposition + word is never preceded by another
  (بروس, بعيد, بذل, كيري; not for words in ل, nor before a pronoun, ما, أن);
* a word with a pronoun ending (ه ها هم هما كم نا) is read as its base is when the base
  is seen more than barely and at least as often as the word and as its rest: the stem
  is attested with its enclitics (بطاقاتهم as بطاقات, not ب + طاقاتهم; بعضهم as بعض;
  بشرائها as بشراء: a seated hamza after a long vowel is on the line when alone;
  not after ي: بيليه is a name); a rest's article share is read on its base too
  (باعترافاته: الاعترافات is frequent);
* a whole word seen nowhere, or whose rest is seen barely, is judged on its base
  without a pronoun or plural ending (بتحريرهم on بتحرير); a word seen nowhere at all
  is split off و only (unseen words in ب ل ك ف are mostly foreign names);
* the article is split unless the word is a verb of form VIII from a root in ل
  (التقت) or a frequent foreign-shaped word with a rare "stem" (المانيا); after a
  conjunction, a word seen nowhere is attested by its stem (فالروست), and the
  article's alef is no long vowel of a foreign shape (بالتوازي);
* a hand list (``toolkit/data/lexicon/whole_ar.txt``) keeps function words whole
  (الذي، كما، لكن) and ولي.

No decision is cached between calls: a segmenter holds its vocabulary and the decisions
for the vocabulary's frequent words, made once (:attr:`Segmenter.memory`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import repeat

from toolkit.text.lexicon import KEY_PRESET, _key_tab, add_vocab, general_counts, key
from toolkit.text.lexicon import whole_words as _whole_words
from toolkit.text.normalization import check_text

__all__ = [
    "Segmenter",
    "segment",
    "split_proclitics",
    "split_proclitics_many",
    "proclitic_lengths",
    "default_segmenter",
    "foreign_shape",
    "PROCLITICS",
]

#: every proclitic segment this module produces
PROCLITICS = ("و", "ف", "ب", "ك", "ل", "س", "ال")
_PRONOUNS = frozenset("ه ها هم هما هن ك كم كما كن نا ي ني".split())
_ENCLITICS = sorted(_PRONOUNS, key=len, reverse=True)
_IMPERFECT = "يتنأ"  # a future س is only read before an imperfect verb prefix
_KEY_PRESET = KEY_PRESET
_key = key

#: a proclitic is split when the rest is at least this many times as frequent as the whole
THRESHOLD = {"و": 0.3, "ف": 3.0, "ب": 1.0, "ك": 12.0, "ل": 1.0, "س": 0.5}
#: ... for a preposition before a noun that takes the article often (ال + rest at least
#: :data:`NOUN_SHARE` of the rest): بسبب, بشكل, بشأن split though the whole is more frequent
NOUN_THRESHOLD = 0.15
NOUN_SHARE = 0.3
#: ... times this when the rest never takes the article (a name or a verb) after ب ك (ل before
#: a rest that is not an imperfect verb), and again when the whole looks like a foreign name
NAME_STEM = 10.0
FOREIGN = 4.0  # (not on top of NAME_STEM: بليبيا, بسوريا split)
#: ... times this for و ف before a rest that is itself preposition + article (وبالتالي)
CLITIC_REST = 1 / 3
#: a word seen after a preposition (ب ك ل) at least this share of its own count, and at least
#: :data:`OWN_WORD_SEEN` in all, is a word of its own, not ف ب ك ل + word (بروس: ببروس, لبروس)
OWN_WORD = 0.005
OWN_WORD_SEEN = 2e-8
#: ... when the whole is seen at least this often (below, its preposition forms fall under
#: the list's floor, and their absence says nothing)
OWN_WORD_WHOLE = 1e-7
#: the whole word is a noun of its own when ال + whole is at least this share of it
LEXEME_SHARE = 0.05
#: the rest "never takes the article" when ال + rest is rarer than this share of the rest
ARTICLE_SHARE = 0.01
#: a word seen nowhere (nor its base) is split off و when the rest is this long: unseen
#: words in و are conjunction + word most of the time, while unseen words in ب ل ك ف
#: are mostly foreign names (فينينفست، كيتسنجن، بدفوردشير) and stay whole
GUESS_MIN_REST = {"و": 3}
#: when the whole word is seen nowhere, ف ب ك ل are split when the rest is seen at least
#: this often (times the name factor): فريبورت, بايس (rests seen barely) stay whole
UNSEEN_WHOLE = 1e-7
#: a word seen at least this often (one in a million words) is "frequent"
FREQUENT = 1e-6
#: endings stripped to judge a word seen nowhere on its base (longest first)
_ENDINGS = (
    *("هما", "كما", "تين", "تان"),
    *("ها", "هم", "هن", "كم", "نا", "ات", "ون", "ين", "ان", "وا"),
    *("ه", "ي", "ك", "ة"),
)

#: pronoun endings whose base weighs with the word (ي and ك are too often a stem's letters)
_BASE_PRONOUNS = ("هما", "هم", "ها", "ه", "كم", "نا")
_BASE_LAST = frozenset(e[-1] for e in _BASE_PRONOUNS)


def _alone(base: str) -> str:
    """A base found before a pronoun as written alone, when that differs: ت is ة
    (بطولته: بطولة), a seated hamza after a long vowel is on the line (شرائها: شراء, not
    بارئها: بارئ); else ""."""
    last = base[-1]
    if last == "ت":
        return base[:-1] + "ة"
    if last in "ئؤ" and len(base) >= 2 and base[-2] in "اوي":
        return base[:-1] + "ء"
    return ""


def _by_last(endings: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Endings by their last letter, longest first (a word is tried on its own few)."""
    out: dict[str, list[str]] = {}
    for end in sorted(endings, key=len, reverse=True):
        out.setdefault(end[-1], []).append(end)
    return {ch: tuple(ends) for ch, ends in out.items()}


_ENCLITICS_BY_LAST = _by_last(_ENCLITICS)
_ENDINGS_BY_LAST = _by_last(_ENDINGS)
_BASE_PRONOUNS_BY_LAST = _by_last(_BASE_PRONOUNS)
_SHORT_PRONOUNS = {"ل": "هيك", "ب": "هك"}  # بي is more often the letter B (بي بي سي)
_PARTICLES = frozenset(("أن", "إن", "ان"))  # بأنه, لأنها: a preposition before أنّ
#: rests after which a whole seen after prepositions is still proclitic + rest (بما, بأن, فإن)
_NOT_OWN = _PARTICLES | _PRONOUNS | {"ما"}
_PROCLITIC_LETTERS = frozenset("وفبكلسا")
_ONE = {p: (p,) for p in PROCLITICS}
#: the rest's share above which nothing refuses a conjunction (see Segmenter._enough)
_SURE = {p: THRESHOLD[p] * NAME_STEM * FOREIGN for p in "وف"}
#: ... and a preposition (the name factor, then the whole's own article: Segmenter._enough)
_SURE.update({p: THRESHOLD[p] * NAME_STEM * NAME_STEM for p in "بكل"})
_CONJ, _PREP, _FUT, _ART = 1, 2, 4, 8
#: what a first letter may be
_KIND = {"و": _CONJ, "ف": _CONJ, "ب": _PREP, "ك": _PREP, "ل": _PREP, "س": _FUT, "ا": _ART}
_ALL = _CONJ | _PREP | _FUT | _ART
_AFTER = {
    "و": _PREP | _FUT | _ART,
    "ف": _PREP | _FUT | _ART,
    "ب": _ART,
    "ك": _ART,
    "ل": _ART,
    "س": 0,
}
_NO_CUT: tuple[str, ...] = ()
_ART_CUT = ("ال",)
_PLURAL_ENDINGS = frozenset(("ون", "ين", "ات", "وا", "ان"))
_SUFFIXES_ONLY = frozenset(("ون", "ين", "ات", "وا"))  # never a stem (ان is أن without hamza)
#: the verbal noun of a derived verb (إفعال، افتعال، انفعال، استفعال: إجراء، اتخاذ،
#: انتقال، استخدام), rarely written with the article but no name: لاتخاذ is ل + اتخاذ
_MASDAR = re.compile("[اإ][^ا]{2,4}ا[^ا]")
#: a rest seen nowhere shaped like a verb (a future, a plural or dual, a past in ت), which a
#: conjunction ف before it attests (فستغتصبن, فاقتفوا, فعضضت); names are seldom so shaped
_VERB_SHAPE = re.compile("س[يتنأ].{2,}|.{3,}(?:وا|تم|تما|تن)$|[يتن].{3,}(?:ون|ان)$|[^اوي]{3}ت$")
#: an imperfect verb's endings or a pronoun (after س: سيكدسون, ستغتصبن, سأهددها)
_INFLECTED = re.compile("(?:ون|ين|ان|ن|وا|ه|ها|هم|هما|كم|نا)$")
_FOREIGN_CLUSTER = re.compile("نغ|تش|ستون|سكي|فيتش|بورغ|برغ|كس|ييه")


def foreign_shape(word: str) -> bool:
    """Whether a (key-normalized) word is shaped like a transliterated foreign name: after
    its first letter and without a plural or verb ending, at least three long vowel letters
    (ا و ي) making half of its letters, or a cluster foreign to Arabic words (نغ، تش، ستون ...).

    >>> foreign_shape("بيلاروسيا"), foreign_shape("وينستون"), foreign_shape("ويقولون")
    (True, True, False)
    """
    body = word[1:]
    if _FOREIGN_CLUSTER.search(body) is not None:
        return True
    if len(body) > 4 and body[-2:] in _PLURAL_ENDINGS:
        body = body[:-2]
    vowels = body.count("ا") + body.count("و") + body.count("ي")
    return vowels >= 3 and 2 * vowels >= len(body)


def _letters(segs: tuple[str, ...]) -> int:
    """How many letters the proclitics ``segs`` take in the written word."""
    n = sum(len(s) for s in segs)
    if len(segs) >= 2 and segs[-1] == "ال" and segs[-2] == "ل":
        n -= 1  # لل: the article's alef is not written
    return n


#: :func:`_letters` of every reading this module produces
_WRITTEN_LEN = {
    segs: _letters(segs)
    for segs in {
        tuple(x for x in (c, m, a) if x)
        for c in ("", "و", "ف")
        for m in ("", "ب", "ك", "ل", "س")
        for a in ("", "ال")
    }
}


def _written_len(segs: tuple[str, ...]) -> int:
    """How many letters the proclitics ``segs`` take in the written word."""
    n = _WRITTEN_LEN.get(segs)
    return _letters(segs) if n is None else n


class Segmenter:
    """Proclitic decisions over word frequencies (shares of all words) and words never split.

    ``counts``: normalized word -> frequency; ``whole``: words never split. Keys are
    normalized with ``preset`` (``"key"``: light + no diacritics, hamza kept; or
    ``"search"``). Read-only once built; :meth:`with_vocab` makes a new one.

    >>> Segmenter({"جيش": 30, "الجيش": 90, "بالجيش": 20, "وبالجيش": 3}).proclitics("وبالجيش")
    ('و', 'ب', 'ال')
    """

    def __init__(
        self,
        counts: Mapping[str, float],
        whole: Iterable[str] = (),
        preset: str = _KEY_PRESET,
    ) -> None:
        self.preset = preset
        self.counts: Mapping[str, float] = counts  # read-only (often the shared general list)
        self.whole: frozenset[str] = frozenset(whole)
        self._memory: dict[str, tuple[str, ...]] | None = None

    @property
    def memory(self) -> dict[str, tuple[str, ...]]:
        """Known words that begin like a proclitic, with their proclitics: the hand list
        and every word of the vocabulary seen at least :data:`FREQUENT` times (about
        30,000), decided once, on first use (the actor matcher reads it: بوش → ``()``).

        >>> Segmenter({"بوش": 3e-5, "وش": 1e-5, "وقال": 2e-4, "قال": 1e-3}).memory
        {'بوش': (), 'وش': (), 'وقال': ('و',)}
        """
        if self._memory is None:
            known = dict.fromkeys(self.whole, ())
            for w, c in self.counts.items():
                if c >= FREQUENT and w[:1] in _PROCLITIC_LETTERS and w not in known:
                    known[w] = self._analyse(w, _ALL)
            self._memory = known
        return self._memory

    def with_vocab(self, vocab: Mapping[str, int] | Iterable[str]) -> Segmenter:
        """A copy whose counts add a corpus vocabulary (see :func:`toolkit.text.lexicon.add_vocab`)."""
        return Segmenter(add_vocab(self.counts, vocab, self.preset), self.whole, self.preset)

    # --- decisions ----------------------------------------------------------------------

    def proclitics(self, key: str) -> tuple[str, ...]:
        """The proclitics of an already-normalized word (``("و", "ب", "ال")`` for وبالجيش)."""
        return self._analyse(key, _ALL)

    def _analyse(self, k: str, allowed: int, ck: float = -1.0) -> tuple[str, ...]:
        """The proclitics of ``k`` among ``allowed`` (``ck``: its count, when known)."""
        n = len(k)
        if n < 3 or k in self.whole:
            if n == 2 and k[1] in _SHORT_PRONOUNS.get(k[0], "") and allowed == _ALL:
                return (k[0],)  # له, لي, به: a preposition and a pronoun
            return _NO_CUT
        kind = _KIND.get(k[0])
        if kind is None or not allowed & kind:
            return _NO_CUT
        get = self.counts.get
        if kind == _ART:  # (the body of _art for the common case: a stem of 3 letters)
            if k[1] != "ل":
                return _NO_CUT
            if n < 5 or k[2] == "ت" or k[2] == "ا" and n < 5:
                return self._art(k, ck)
            if ck < 0:
                ck = get(k, 0.0)
            if ck >= FREQUENT and get(k[2:], 0.0) < ARTICLE_SHARE * ck:
                return self._art(k, ck)  # perhaps a foreign name (المانيا)
            return _ART_CUT
        if ck < 0:
            ck = get(k, 0.0)
        e = get(k[1:], 0.0)  # the rest after one letter
        if kind == _CONJ and ck > 0 and e >= _SURE[k[0]] * ck and k[1] not in _PROCLITIC_LETTERS:
            return self._conj(k, ck, e)  # (settled there at once)
        if n >= 5 and k[-1] in _BASE_LAST:
            base = self._base(k, max(ck, e, UNSEEN_WHOLE))
            if base:  # a word with a pronoun is read as its base is (بطاقاتهم as بطاقات)
                return self._analyse(base, allowed)
        if kind == _CONJ:
            return self._conj(k, ck, e)
        if kind == _PREP:
            return self._prep(k, ck, e, allowed == _ALL)
        return self._fut(k, ck, e, allowed == _ALL)

    def _base(self, k: str, least: float) -> str:
        """The word without its pronoun ending, when that base is seen more than barely and
        at least as often as the word and as the word without its first letter (بطاقاتهم →
        بطاقات, بطولته → بطولة; والتهم is not والت + هم: التهم is more frequent); else "".
        Not after ي: French names end in يه (بيليه). ``least``: the largest of those."""
        get = self.counts.get
        for end in _BASE_PRONOUNS_BY_LAST.get(k[-1], ()):
            if k.endswith(end) and len(k) - len(end) >= 4:
                base = k[: -len(end)]
                if base[-1] == "ي":
                    return ""
                alone = _alone(base)  # بطولته → بطولة, بشرائها → بشراء
                if alone and get(alone, 0.0) >= least:
                    return alone
                return base if get(base, 0.0) >= least else ""
        return ""

    def _enough(
        self,
        p: str,
        k: str,
        rest: str,
        factor: float = 1.0,
        extra: float = 0.0,
        ck: float | None = None,
        e: float | None = None,
    ) -> bool | None:
        """Whether the rest (seen ``extra`` more times) explains the whole word (None:
        neither is seen, nor their base). ``ck``, ``e``: the counts of the whole and the
        rest, when the caller has them."""
        get = self.counts.get
        if ck is None:
            ck = get(k, 0.0)
        e = (get(rest, 0.0) if e is None else e) + extra
        if ck <= 0 and (e <= 0 or p in "فبكل" and e < UNSEEN_WHOLE * factor):
            # the whole seen nowhere, the rest barely: judge both on their base (بتحريرهم on
            # بتحرير, لإبرامها on لإبرام)
            for end in _ENDINGS_BY_LAST.get(k[-1], ()):
                if k.endswith(end) and len(rest) - len(end) >= 2:
                    kb, rb = k[: -len(end)], rest[: -len(end)]
                    ckb, eb = get(kb, 0.0), get(rb, 0.0)
                    if kb.endswith("ت"):  # بطولته: بطولت is بطولة
                        ckb += get(kb[:-1] + "ة", 0.0)
                        eb += get(rb[:-1] + "ة", 0.0)
                    if ckb > 0 or eb > 0:
                        ck, e = ckb, eb
                        break
            else:
                if e <= 0:
                    return None
        if e <= 0:
            return False
        if ck <= 0:  # the whole seen nowhere: the rest must be seen more than barely
            # (و, and ل before an imperfect verb, are productive enough: ليتعرفا)
            return p == "و" or p == "ل" and rest[0] in "يتن" or e >= UNSEEN_WHOLE * factor
        need = THRESHOLD[p] * factor
        if e < need * ck:
            return False
        if e < need * NAME_STEM * FOREIGN * ck:  # (above that nothing below can refuse)
            if get("ال" + k, 0.0) >= LEXEME_SHARE * ck:
                need *= NAME_STEM  # the whole takes the article: a noun of its own (الوزير)
                if e < need * ck:
                    return False
            if (
                factor < NAME_STEM
                and e < need * FOREIGN * ck
                and foreign_shape(k)
                and not rest.startswith("ال")  # (بالتوازي: the article's alef is no vowel)
            ):
                return False  # (a rest already known as a name is not asked for more)
        return True

    def _conj(self, k: str, ck: float, e: float) -> tuple[str, ...]:
        p, rest = k[0], k[1:]
        if ck > 0:
            if e < THRESHOLD[p] * CLITIC_REST * ck:
                return _NO_CUT  # below the lowest threshold: settled
            if e >= _SURE[p] * ck and rest[0] not in _PROCLITIC_LETTERS:
                # above the highest (nothing in _enough can refuse), a rest with no
                # proclitic of its own: settled too (most words in و)
                return _NO_CUT if p == "ف" and self._own_word(k, ck, rest) else _ONE[p]
        factor = 1.0
        inner = None  # the rest's own reading, when it begins like a preposition
        if rest[0] in "بكل":
            inner = self._analyse(rest, _PREP, e)  # (= its reading after و ف: no conjunction)
            if inner[-1:] == ("ال",):
                factor = CLITIC_REST  # وبالتالي: a rest that is itself preposition + article
        extra = 0.0
        if ck <= 0 and rest.startswith("ال") and len(rest) >= 5:
            # a whole seen nowhere before article + stem: the stem attests it (فالروست)
            extra = self.counts.get(rest[2:], 0.0)
        ok = self._enough(p, k, rest, factor, extra, ck=ck, e=e)
        if ok is None:
            ok = len(rest) >= GUESS_MIN_REST.get(p, 99) or (
                _VERB_SHAPE.match(rest) is not None and not foreign_shape(k)
            )
        if not ok or p == "ف" and self._own_word(k, ck, rest):
            return _NO_CUT
        if inner is not None:
            return (p, *inner)
        if rest[0] not in "سا":  # (and not ب ك ل: inner) no proclitic may follow
            return _ONE[p]
        return (p, *self._analyse(rest, _AFTER[p], e))

    def _prep(self, k: str, ck: float, e: float, outer: bool = True) -> tuple[str, ...]:
        p, rest = k[0], k[1:]
        get = self.counts.get
        if p == "ل" and rest[0] == "ل":  # لل: ل + ال + stem, or ل + a word in ل (ليبيا)
            stem = k[2:]
            if len(stem) < 2:
                return _NO_CUT
            art, lam = get("ال" + stem, 0.0), e
            if lam > 3 * art and not self._analyse(rest, _PREP):  # لزيادة is ل + زيادة: no word
                # ل + ال + لغة is written للغة too: the article wins when اللغة is frequent
                if get("ال" + rest, 0.0) < lam:
                    return (p,) if self._enough(p, k, rest, ck=ck, e=e) else _NO_CUT
            return ("ل", "ال") if art > 0 or len(stem) >= 3 else _NO_CUT
        if rest in _PRONOUNS:
            return (p,) if p in "بل" else _NO_CUT  # بها, لهم
        if len(rest) < (2 if outer else 3) or rest in _SUFFIXES_ONLY:
            return _NO_CUT  # وليم is not و + ل + يم; بات is not ب + ات (a suffix, not a stem)
        # ب + ال + نسبة: the article's stem, seen alone, also attests the rest
        extra = get(rest[2:], 0.0) if rest.startswith("ال") and len(rest) > 3 else 0.0
        if ck > 0 and e + extra < NOUN_THRESHOLD * ck and (p != "ب" or not self._idiom(k, rest)):
            return _NO_CUT  # below the lowest threshold (and the idiom's): settled
        if e >= _SURE[p] * ck if ck > 0 else e >= UNSEEN_WHOLE * NAME_STEM:
            ok = True  # the rest frequent enough whatever its article share says
        else:
            ok = self._prep_enough(p, k, rest, ck, e, extra)
        if not ok or self._own_word(k, ck, rest):
            return _NO_CUT
        if rest[0] not in _PROCLITIC_LETTERS:
            return _ONE[p]
        first = self._analyse(rest, _ALL, e)
        if first and first[0] != "ال":
            return _NO_CUT  # a preposition is followed by the article only (بلفقيه, كلها)
        if p == "ل" and first:
            return (p,)  # ل + ال is written لل: in لال... the ال is the stem's own
        return (p, *first)

    def _prep_enough(self, p: str, k: str, rest: str, ck: float, e: float, extra: float) -> bool:
        """Whether the rest explains the whole after a preposition, weighed on how often the
        rest takes the article (a noun needs less, a name or a verb more)."""
        factor = 1.0
        share = 1.0 if rest.startswith("ال") else self._article_share(rest, e)
        if share >= NOUN_SHARE:
            if p != "ك":  # ك before an indefinite noun is rare: كبار, كسر stay whole
                factor = NOUN_THRESHOLD / THRESHOLD[p]
        else:
            if (
                share < ARTICLE_SHARE
                and (p != "ل" or rest[0] not in "يتن")
                and _MASDAR.match(rest) is None
            ):
                factor = NAME_STEM  # the rest never takes the article: a name or a verb
        ok = self._enough(p, k, rest, factor, extra, ck=ck, e=e)
        if ok is None:
            return len(rest) >= GUESS_MIN_REST.get(p, 99)
        # (بقدر, بوسع, كمثال; لقي, لحما stay whole)
        return ok or p != "ل" and self._idiom(k, rest)

    def _own_word(self, k: str, ck: float, rest: str) -> bool:
        """Whether the whole word (seen ``ck`` times) is seen after a preposition often
        enough (:data:`OWN_WORD`) to be a word of its own: preposition + word, and ف + word,
        are never preceded by a preposition, so ببروس, لبروس make بروس a word (a name), not
        ب + روس (كنو, بعيد, بذل likewise). Not before ما, أن, إن (بما, بأن, فإن: the
        particle's reading is the common one) or the article, and not for ل: بل + stem and
        كل + stem are often words of their own (بلحسن، بلكون), لل + stem is ل + ال + stem."""
        if ck < OWN_WORD_WHOLE or k[0] == "ل" or rest in _NOT_OWN or rest.startswith("ال"):
            return False
        get = self.counts.get
        seen = get("ب" + k, 0.0) + get("ك" + k, 0.0) + get("ل" + k, 0.0)
        return seen >= OWN_WORD_SEEN and seen >= OWN_WORD * ck

    def _article_share(self, rest: str, e: float) -> float:
        """How often ال + rest is written against rest (seen ``e`` times; on its base without
        a pronoun when that says more: نفسه on نفس)."""
        get = self.counts.get
        share = get("ال" + rest, 0.0) / e if e > 0 else 0.0
        for end in _ENCLITICS_BY_LAST.get(rest[-1], ()):
            if rest.endswith(end) and len(rest) - len(end) >= 2:
                base = rest[: -len(end)]
                if base in _PARTICLES:
                    return 1.0
                forms = ((base, 0.0),)
                # بطولته on بطولة; باعترافاته on اعترافات (a plural seen more than barely);
                # شرائها on شراء (a hamza seated before a pronoun is on the line at the end)
                if base[-1] in "ئؤ" and _alone(base):
                    forms = ((_alone(base), 0.0),)
                elif base.endswith("ت"):
                    forms = ((base[:-1] + "ة", 0.0),)
                    if base.endswith("ات") and len(base) >= 4:
                        forms += ((base, UNSEEN_WHOLE),)
                for b_form, least in forms:
                    b = get(b_form, 0.0)
                    if b > least:
                        share = max(share, get("ال" + b_form, 0.0) / b)
                break
        return share

    def _idiom(self, k: str, rest: str) -> bool:
        """A preposition before a frequent noun the whole is not (بقدر, بوسع): the rest is
        about as frequent as the whole (after ب: with its article), takes the article, and
        the whole never does."""
        get = self.counts.get
        ck, e = get(k, 0.0), get(rest, 0.0)
        art = get("ال" + rest, 0.0)
        # after ب the noun counts with its article too (بإمكان, باستثناء: إمكان is
        # mostly written الإمكان); ك before a name is too frequent for that (كريس)
        return (
            ck > 0
            and (e + art if k[0] == "ب" else e) >= 0.5 * ck
            and art >= 0.05 * e
            and get("ال" + k, 0.0) <= 0.01 * ck
            and not foreign_shape(k)
        )

    def _fut(self, k: str, ck: float, e: float, outer: bool = True) -> tuple[str, ...]:
        rest = k[1:]
        if rest[0] not in _IMPERFECT or len(rest) < 3:
            return _NO_CUT
        ok = self._enough("س", k, rest, ck=ck, e=e)
        if ok is None:  # seen nowhere: after a conjunction, س + imperfect (فستغتصبن)
            ok = len(rest) >= GUESS_MIN_REST.get("س", 99) or (
                not outer and _INFLECTED.search(rest) is not None and not foreign_shape(k)
            )
        return ("س",) if ok else _NO_CUT

    def _art(self, k: str, ck: float = -1.0) -> tuple[str, ...]:
        stem = k[2:]
        m = len(stem)
        if m < 2 or stem[0] == "ا" and m < 3:
            return _NO_CUT
        get = self.counts.get
        ev = get(stem, 0.0)
        if ck < 0:
            ck = get(k, 0.0)
        if stem[0] == "ت" and stem[1] not in "اوي" and ev < ARTICLE_SHARE * ck:
            return _NO_CUT  # التقت, التزم: a verb of a root in ل (form VIII), not ال + تقت
        if (
            ck >= FREQUENT
            and ev < ARTICLE_SHARE * ck
            and foreign_shape(k)
            and not self._light(stem)
        ):
            return _NO_CUT  # المانيا, البانيا: a frequent foreign-shaped word, its "stem" rare
        if m >= 3 or ev > 0:
            return ("ال",)
        return _NO_CUT

    def _light(self, stem: str) -> bool:
        """Whether the stem is seen without one of its endings (قادسية as قادسي)."""
        get = self.counts.get
        for end in _ENDINGS_BY_LAST.get(stem[-1], ()):
            if stem.endswith(end) and len(stem) - len(end) >= 2 and get(stem[: -len(end)], 0.0) > 0:
                return True
        return False

    def split(self, key: str) -> tuple[str, str]:
        """``(written prefix, stem)`` of a normalized word: ``("لل", "جيش")`` for للجيش."""
        n = _written_len(self.proclitics(key))
        return key[:n], key[n:]

    def prefix_lengths(self, keys: Iterable[str]) -> list[int]:
        """How many letters of each normalized word its proclitics take (``split(key)`` is
        ``(key[:n], key[n:])``), in one loop; a word met twice in ``keys`` is decided once.

        >>> Segmenter({"جيش": 3, "الجيش": 9}).prefix_lengths(["وبالجيش", "للجيش", "جيش"])
        [4, 2, 0]
        """
        seen: dict[str, int] = {}
        out = []
        for k in keys:
            n = seen.get(k)
            if n is None:
                if k[:1] not in _PROCLITIC_LETTERS:
                    n = 0
                else:
                    segs = self._analyse(k, _ALL)
                    n = len(segs[0]) if len(segs) == 1 else _written_len(segs)
                seen[k] = n
            out.append(n)
        return out

    def split_many(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """:meth:`split` of each normalized word (see :meth:`prefix_lengths`).

        >>> Segmenter({"جيش": 3, "الجيش": 9}).split_many(["وبالجيش", "جيش"])
        [('وبال', 'جيش'), ('', 'جيش')]
        """
        keys = list(keys)
        return [(k[:n], k[n:]) for k, n in zip(keys, self.prefix_lengths(keys), strict=True)]


@lru_cache(maxsize=2)
def default_segmenter(preset: str = _KEY_PRESET) -> Segmenter:
    """The segmenter over the wordfreq list and the hand list (keys normalized with
    ``preset``); built on first use, once per process and preset."""
    return Segmenter(general_counts(preset), _whole_words(preset), preset)


_vocab_seen: list = []  # [(vocab object, preset, segmenter)] of the last vocabularies used


def _segmenter_for(vocab, preset: str) -> Segmenter:
    base = default_segmenter(preset)
    if vocab is None:
        return base
    for v, p, seg in _vocab_seen:
        if v is vocab and p == preset:
            return seg
    seg = base.with_vocab(vocab)
    _vocab_seen.insert(0, (vocab, preset, seg))
    del _vocab_seen[2:]
    return seg


@lru_cache(maxsize=1)
def _key_changer():
    """Finds a character that the key table changes (most words hold none)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_key_tab())) + "]")


@lru_cache(maxsize=1)
def _removed() -> frozenset[str]:
    """The characters that the key table removes (diacritics, marks)."""
    return frozenset(chr(c) for c, v in _key_tab().items() if not v)


#: the default key-preset segmenter and the key changer's search, once built by segment()
_DEFAULT: list[Segmenter] = []
_KEY_CHANGER: list = []


def _first_use() -> Segmenter:
    _KEY_CHANGER.append(_key_changer().search)
    _DEFAULT.append(default_segmenter(_KEY_PRESET))
    return _DEFAULT[0]


#: Arabic presentation forms (legacy encodings write letters as their contextual glyphs)
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def segment(
    word: str,
    vocab: Mapping[str, int] | Iterable[str] | None = None,
    enclitics: bool = False,
) -> list[str]:
    """Split a word into proclitics and stem (and, optionally, pronoun enclitics).

    ``vocab``: the corpus's own word counts (or a set of words) to attest stems with,
    added to the general vocabulary (:mod:`toolkit.text.lexicon`). Segments slice the original word (diacritics stay on
    their letter), except that للـ gives ``ل``, ``ال`` (the elided alef restored).

    >>> segment("وبالجيش")
    ['و', 'ب', 'ال', 'جيش']
    >>> segment("للجيش")
    ['ل', 'ال', 'جيش']
    >>> segment("وزير"), segment("بريطانيا")
    (['وزير'], ['بريطانيا'])
    """
    if not isinstance(word, str):
        check_text(word, "word")
    if not word:
        return []
    seg = _DEFAULT[0] if _DEFAULT else _first_use()
    if vocab is not None:
        seg = _segmenter_for(vocab, _KEY_PRESET)
    if _KEY_CHANGER[0](word) is None:  # the word is its own key (most words)
        if word[0] not in _PROCLITIC_LETTERS:
            segs = _NO_CUT
        else:  # the frequent words were decided once for the vocabulary (Segmenter.memory)
            segs = (seg._memory or seg.memory).get(word)
            if segs is None:
                segs = seg._analyse(word, _ALL)
        if not enclitics:
            if not segs:
                return [word]
            # the segments are the proclitics as written (لل gives ل, ال: the same strings)
            if len(segs) == 1:
                return [segs[0], word[len(segs[0]) :]]
            return [*segs, word[_written_len(segs) :]]
        key, kept = word, range(len(word))
    else:
        tab = _key_tab()
        key = word.translate(tab)
        if key and _PRESENTATION_FORM.search(word):
            # letters written as presentation forms (ﻝ for ل; the only characters that
            # expand: ligatures): cut the normalized form, so that segments are in one spelling
            word = key
        if not key or key[0] not in _PROCLITIC_LETTERS:
            segs = _NO_CUT
        else:
            segs = (seg._memory or seg.memory).get(key)
            if segs is None:
                segs = seg._analyse(key, _ALL)
        if not segs and not enclitics:
            return [word]
        if word is key:
            kept = range(len(key))
        else:  # positions of the kept characters, so that cuts fall in the original word
            removed = _removed()
            kept = [i for i, ch in enumerate(word) if ch not in removed]
    out: list[str] = []
    start = 0  # position in word
    if segs:
        plan = _CUT_PLANS.get(segs) or _cut_plan(segs)
        n_kept, n_word = len(kept), len(word)
        for cut, elided in plan:  # cut: the end of the segment in key
            end = kept[cut] if cut < n_kept else n_word
            out.append("ال" if elided else word[start:end])
            start = end
    stem = word[start:]
    if enclitics and stem:
        enc = _split_enclitic(seg, _key(stem))
        if enc:
            cut_at = len(stem) - _tail_len(stem, len(enc))
            out += [stem[:cut_at], stem[cut_at:]]
            return out
    out.append(stem)
    return out


_CUT_PLANS: dict[tuple[str, ...], tuple[tuple[int, bool], ...]] = {}


def _cut_plan(segs: tuple[str, ...]) -> tuple[tuple[int, bool], ...]:
    """Where each segment ends in the key, and whether it is an elided article (in لل the
    article's lam is written once: the segment is "ال", alef restored); memoised."""
    plan = []
    cut = 0
    for i, s in enumerate(segs):
        elided = s == "ال" and i > 0 and segs[i - 1] == "ل"
        cut += 1 if elided else len(s)
        plan.append((cut, elided))
    if len(_CUT_PLANS) < 1000:
        _CUT_PLANS[segs] = tuple(plan)
    return tuple(plan)


def _tail_len(surface: str, key_len: int) -> int:
    """How many trailing characters of ``surface`` hold its last ``key_len`` key letters."""
    n = 0
    i = len(surface)
    while i > 0 and n < key_len:
        i -= 1
        if surface[i].translate(_key_tab()) != "":
            n += 1
    # trailing marks after the last letter stay with it
    return len(surface) - i


def _split_enclitic(seg: Segmenter, key: str) -> str:
    for enc in _ENCLITICS:
        if len(key) - len(enc) >= 2 and key.endswith(enc):
            base = key[: -len(enc)]
            variants = (base, base[:-1] + "ة" if base.endswith("ت") else base)
            if any(seg.counts.get(v, 0) > 0 for v in variants):
                return enc
    return ""


def split_proclitics(norm_word: str) -> tuple[str, str]:
    """``(prefix, stem)`` of an already search-normalized word; the stem is attested.

    For counting and matching: ``prefix + stem == norm_word``.

    >>> split_proclitics("وبالجيش"), split_proclitics("للجيش"), split_proclitics("وزير")
    (('وبال', 'جيش'), ('لل', 'جيش'), ('', 'وزير'))
    """
    check_text(norm_word, "norm_word")
    return default_segmenter("search").split(norm_word)


def proclitic_lengths(norm_words: Iterable[str]) -> list[int]:
    """How many letters of each already search-normalized word are proclitics, many words
    at once: ``split_proclitics(w) == (w[:n], w[n:])``. One loop; nothing is kept between
    calls (the caller memoises what it keeps).

    >>> proclitic_lengths(["وبالجيش", "للجيش", "وزير"])
    [4, 2, 0]
    """
    if isinstance(norm_words, str):
        raise TypeError(f"norm_words must be an iterable of str, not a str: {norm_words!r:.60}")
    words = norm_words if isinstance(norm_words, list) else list(norm_words)
    if not all(map(isinstance, words, repeat(str))):
        for i, w in enumerate(words):
            check_text(w, f"norm_words[{i}]")
    return default_segmenter("search").prefix_lengths(words)


def split_proclitics_many(norm_words: Iterable[str]) -> list[tuple[str, str]]:
    """:func:`split_proclitics` of each word, many at once (see :func:`proclitic_lengths`).

    >>> split_proclitics_many(["وبالجيش", "للجيش", "وزير"])
    [('وبال', 'جيش'), ('لل', 'جيش'), ('', 'وزير')]
    """
    if isinstance(norm_words, str):
        raise TypeError(f"norm_words must be an iterable of str, not a str: {norm_words!r:.60}")
    words = list(norm_words)
    lengths = proclitic_lengths(words)
    return [(w[:n], w[n:]) for w, n in zip(words, lengths, strict=True)]


def parse_gold(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(word, leading proclitics)`` for each Arabic word of a Farasa-style gold file.

    Lines are ``seg+seg+...<TAB>POS``; the word is rebuilt as written (``ل+ال+جيش`` is
    written للجيش). Lines that are not Arabic words (punctuation, numbers) are left out.

    >>> parse_gold("و+ب+ال+جيش\\tCONJ+PREP+DET+NOUN\\nل+ال+جيش\\tPREP+DET+NOUN")
    [('وبالجيش', ('و', 'ب', 'ال')), ('للجيش', ('ل', 'ال'))]
    """
    out = []
    for line in text.splitlines():
        tok = line.split("\t", 1)[0].strip()
        if not tok or not any("\u0621" <= ch <= "\u064a" for ch in tok):
            continue
        segs = [s for s in tok.split("+") if s]
        pro: list[str] = []
        for s in segs[:-1]:
            if s in PROCLITICS:
                pro.append(s)
            else:
                break
        rest = "".join(segs[len(pro) :])
        written = "".join(pro)
        if len(pro) >= 2 and pro[-1] == "ال" and pro[-2] == "ل":
            written = written[:-2] + "ل"  # ل + ال is written لل
            if rest.startswith("ل"):
                rest = rest[1:]  # ل + ال + لغة is written للغة
        out.append((written + rest, tuple(pro)))
    return out
