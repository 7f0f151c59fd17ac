"""Proclitic segmentation that splits only where the stem is attested.

A word such as وبالجيش is read as conjunction + preposition + article + stem
(و ب ال جيش); للجيش gives ل ال جيش with the article's elided alef restored, as
in the WikiNews gold. The proclitics are, in order: a conjunction (و ف), a
preposition or the future particle (ب ك ل س) and the article (ال).

A split is made only when the evidence says the rest is a word of its own:

* a *memory* of words whose segmentation is known (the WikiNews gold and a
  hand-written list of words that are never split, ``بوش بلير وزير فرنسا``);
* *counts*: how often a string occurs as a word or as a stem, from the shipped
  lexicon plus, when given, the corpus's own vocabulary (``vocab=``). The
  conjunction/preposition split needs the stem to be frequent relative to the
  whole word (``وقال`` splits, ``وزير`` does not: زير is rare).

Data files (``toolkit/data/lexicon/``): ``wikinews_segmentations.tsv`` (word,
proclitics, count: derived from the WikiNews gold by
``bench/build_lexicon.py``), ``whole_ar.txt`` (hand list, never split) and
``stems_ar.txt`` (hand list of attested stems).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from itertools import repeat

from toolkit.text.normalize import _table, check_text, normalize

__all__ = [
    "Segmenter",
    "segment",
    "split_proclitics",
    "split_proclitics_many",
    "proclitic_lengths",
    "default_segmenter",
    "PROCLITICS",
]

#: every proclitic segment this module produces
PROCLITICS = ("و", "ف", "ب", "ك", "ل", "س", "ال")
_PRONOUNS = frozenset("ه ها هم هما هن ك كم كما كن نا ي ني".split())
_ENCLITICS = sorted(_PRONOUNS, key=len, reverse=True)
_IMPERFECT = "يتنأا"  # a future س is only read before an imperfect verb prefix

# Weight of the stem's count against the whole word's: the conjunction and the
# prepositions are productive, so a stem seen half as often as the whole word
# still wins (وأضاف is more frequent than أضاف in news, but both are common).
STEM_WEIGHT = 2.0
#: shortest stem a proclitic is split from when nothing is known about word or stem
GUESS_MIN_STEM = {"و": 3, "ل": 4, "ب": 4}
#: ... and only when the whole word is rare (a frequent word with an unknown "stem" is whole)
GUESS_MAX_COUNT = 5
_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ات", "ون", "ين", "ان", "ه", "ة", "ي", "ت")


def _patterns() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for conj in ("", "و", "ف"):
        for mid in ("", "ب", "ك", "ل", "س"):
            for det in ("", "ال"):
                if mid == "س" and det:
                    continue
                segs = tuple(s for s in (conj, mid, det) if s)
                if not segs:
                    continue
                written = conj + ("لل" if (mid == "ل" and det) else mid + det)
                out.append((written, segs))
    out.sort(key=lambda p: (-len(p[0]), -len(p[1])))
    return out


_PATTERNS = _patterns()
# written prefix -> its segments: a word has at most one written prefix of each length, so
# trying its prefixes from the longest visits the patterns in the order of _PATTERNS
_BY_WRITTEN = dict(_PATTERNS)
if len(_BY_WRITTEN) != len(_PATTERNS):  # pragma: no cover - the table above is fixed
    raise RuntimeError("two proclitic patterns are written alike")


def _candidates() -> tuple[dict, dict]:
    """The readings a word may have, by its first two letters (or, when no written prefix of
    two letters or more starts so, by its first letter), longest written prefix first, as
    :meth:`Segmenter._cut` tries them: ``(size, written, cut, article, several, lil, last)``
    = the written prefix's length and letters, ``(segments, size)``, whether the segments end
    with the article, are two or more, are written ...لل, and the last segment."""

    def reading(w: str) -> tuple:
        segs = _BY_WRITTEN[w]
        return (
            len(w),
            w,
            (segs, len(w)),
            segs[-1] == "ال",
            len(segs) > 1,
            w.endswith("لل"),
            segs[-1],
        )

    by_two: dict[str, tuple] = {}
    for two in {w[:2] for w in _BY_WRITTEN if len(w) >= 2}:
        fits = [w for w in _BY_WRITTEN if w[:2] == two or w == two[0]]
        fits.sort(key=len, reverse=True)
        by_two[two] = tuple(map(reading, fits))
    by_one = {w: (reading(w),) for w in _BY_WRITTEN if len(w) == 1}
    return by_two, by_one


_BY_TWO, _BY_ONE = _candidates()
_NO_CUT: tuple[tuple[str, ...], int] = ((), 0)
# letters written by each pattern's segments (لل for ل + ال)
_PATTERN_LEN = {segs: len(w) for w, segs in _PATTERNS}

# _SUFFIXES by length, longest first: a stem ends with at most one suffix of each length, so
# trying stem[-3:], stem[-2:], stem[-1:] visits the matching suffixes in the order of _SUFFIXES
_SUFFIX_SETS = tuple(
    (k, frozenset(x for x in _SUFFIXES if len(x) == k))
    for k in sorted({len(x) for x in _SUFFIXES}, reverse=True)
)
if [len(x) for x in _SUFFIXES] != sorted((len(x) for x in _SUFFIXES), reverse=True):
    raise RuntimeError("_SUFFIXES must run from the longest to the shortest")  # pragma: no cover


def _evidence(alone_or_article: dict[str, int], light: dict[str, int], stem: str) -> int:
    """How often the stem, or a light stem of it (no pronoun / feminine / plural ending),
    occurs alone or after the article (the tables of :meth:`Segmenter._tables`)."""
    ev = alone_or_article.get(stem, 0)
    if ev:
        return ev
    m = len(stem)
    for k, suffixes in _SUFFIX_SETS:
        if m - k >= 2 and stem[-k:] in suffixes:
            ev = light.get(stem[:-k], 0)
            if ev:
                return ev
    return 0


# the key used for decisions: the light preset without diacritics (hamza seats kept, so
# ألمانيا never looks like ال + مانيا) for segment(); split_proclitics works on search keys
_KEY_PRESET = "key"


def _key_table() -> dict[int, str]:
    t = dict(_table("light"))
    for cp, v in _table("search").items():
        if v == "":  # removals only: diacritics, dagger alef, marks
            t[cp] = ""
    return t


@lru_cache(maxsize=1)
def _key_tab() -> dict[int, str]:
    return _key_table()


def _key(word: str) -> str:
    return word.translate(_key_tab())


@lru_cache(maxsize=1)
def _key_changer() -> re.Pattern[str]:
    """Finds a character that the key table changes (most words hold none)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_key_tab())) + "]")


def _data(name: str) -> str:
    return files("toolkit").joinpath("data", "lexicon", name).read_text(encoding="utf-8")


def _read_list(name: str) -> list[str]:
    out = []
    for line in _data(name).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


def read_segmentations(text: str) -> list[tuple[str, tuple[str, ...], int]]:
    """Parse ``word<TAB>proclitics<TAB>count`` rows (proclitics joined by ``+``, may be empty)."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"segmentation line {n}: expected 3 tab-separated fields: {line!r}")
        word, pro, count = parts
        segs = pro.split("+") if pro else ()
        if "" in segs:
            segs = [p for p in segs if p]
        rows.append((word, tuple(segs), int(count)))
    return rows


class Segmenter:
    """A proclitic segmenter over a memory of known words and a table of counts.

    ``memory``: word -> proclitics (``()`` = never split); ``counts``: word -> how often
    it occurs as a word or a stem. Keys are normalized with ``preset`` (``"key"``:
    light + no diacritics, hamza kept; or ``"search"``). Both are read-only once built:
    decisions are cached and look their evidence up in sums built on the first decision
    (:meth:`with_vocab` makes a new segmenter).

    >>> Segmenter({}, {"جيش": 3, "قال": 5}).proclitics("وبالجيش")
    ('و', 'ب', 'ال')
    """

    def __init__(
        self,
        memory: Mapping[str, tuple[str, ...]],
        counts: Mapping[str, int],
        preset: str = _KEY_PRESET,
    ) -> None:
        self.preset = preset
        self._norm = _key if preset == _KEY_PRESET else (lambda w: normalize(w, preset))
        self.memory: dict[str, tuple[str, ...]] = {}
        known = list(memory.items())
        for w, (_word, p) in zip(self._norm_many(w for w, _ in known), known, strict=True):
            self.memory[w] = tuple(p)
        self.counts: Counter[str] = Counter()
        seen = list(counts.items())
        for w, (_word, c) in zip(self._norm_many(w for w, _ in seen), seen, strict=True):
            self.counts[w] += int(c)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._derived: tuple | None = None

    def _norm_many(self, words: Iterable[str]) -> list[str]:
        """``self._norm`` of each word, in one call on the words joined by line breaks."""
        words = list(words)
        normed = self._norm("\n".join(words)).split("\n")
        if len(normed) != len(words):  # a word held a line break: one by one
            normed = [self._norm(w) for w in words]
        return normed

    def with_vocab(self, vocab: Mapping[str, int] | Iterable[str]) -> Segmenter:
        """A copy whose counts add ``vocab`` (a word -> count mapping, or words counted once each)."""
        if isinstance(vocab, str):
            raise TypeError(
                "vocab must be a mapping of words to counts or an iterable of words, not a str"
            )
        new = Segmenter.__new__(Segmenter)
        new.preset, new._norm, new.memory = self.preset, self._norm, self.memory
        new.counts = Counter(self.counts)
        items = vocab.items() if isinstance(vocab, Mapping) else ((w, 1) for w in vocab)
        norm = self._norm
        for w, c in items:
            if isinstance(w, str) and w:
                new.counts[norm(w)] += int(c)
        new._cache = {}
        new._derived = None
        return new

    # --- decisions ----------------------------------------------------------------------

    def proclitics(self, key: str) -> tuple[str, ...]:
        """The proclitics of an already-normalized word (``("و", "ب", "ال")`` for وبالجيش)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = self._cut(key)[0]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def _tables(self) -> tuple[dict, dict, dict, dict, bool]:
        """What decisions look up, built on the first decision (memory and counts are not
        changed after that, as the cache of decisions assumes):

        * ``cuts[word]`` = ``(memory[word], letters its proclitics take)``;
        * ``article_memory[x]`` = ``memory["ال" + x]``;
        * ``alone_or_article[x]`` = ``counts[x] + counts["ال" + x]``;
        * ``light[b]`` = ``alone_or_article[b] + alone_or_article[b + "ة"]``;
        * whether no count is negative.
        """
        if self._derived is None:
            memory, counts = self.memory, self.counts
            cuts = {w: (p, _written_len(p)) for w, p in memory.items()}
            article_memory = {w[2:]: p for w, p in memory.items() if w.startswith("ال")}
            alone_or_article = dict(counts)
            for word, c in counts.items():
                if word.startswith("ال"):
                    rest = word[2:]
                    alone_or_article[rest] = alone_or_article.get(rest, 0) + c
            light = dict(alone_or_article)
            for word, c in alone_or_article.items():
                if word.endswith("ة"):
                    base = word[:-1]
                    light[base] = light.get(base, 0) + c
            nonneg = min(counts.values(), default=0) >= 0
            self._derived = (cuts, article_memory, alone_or_article, light, nonneg)
        return self._derived

    def _cut(self, key: str) -> tuple[tuple[str, ...], int]:
        """The proclitics of ``key`` and how many letters they take: its memory, else the
        longest written prefix whose reading is valid (the stem after it is attested, or a
        guess is allowed), else none."""
        cuts, article_memory, alone_or_article, light, nonneg = self._derived or self._tables()
        known = cuts.get(key)
        if known is not None:
            return known
        n = len(key)
        if n < 3:
            return _NO_CUT
        candidates = _BY_TWO.get(key[:2]) or _BY_ONE.get(key[0])
        if candidates is None:
            return _NO_CUT  # no proclitic is written so
        memory = self.memory
        get = self.counts.get
        key_count = -1  # how often the whole word occurs, looked up when first needed
        # longest written prefix first; a reading that is not valid goes on to the next one
        for size, written, cut, det, several, lil, mid in candidates:
            if size >= n or size > 2 and not key.startswith(written):
                continue
            stem = key[size:]
            m = n - size
            if det:
                if lil and stem[0] == "ل":
                    continue  # ل + ال + لغة is written للغة: لل + ل... is not that
                if m < 2 or stem[0] == "ا" and m < 3:
                    continue
                known = article_memory.get(stem)  # the memory of "ال" + stem
                if known is not None:
                    if not known:  # التي, الذي, الله ... never lose their ال
                        continue
                    if several:
                        if known[0] == "ال":
                            return cut
                        continue
                ev = alone_or_article.get(stem, 0) if several else get(stem, 0)
                if ev > 0:
                    return cut
                if lil and ("ل" + stem in memory or get("ل" + stem)):
                    continue  # لليبيا is ل + ليبيا, not ل + ال + يبيا
                # an unseen stem: trust the article (proper names: القادسية, الجبالي)
                if m >= 3:
                    return cut
                continue
            # conjunction / preposition / future particle without the article
            if stem in _PRONOUNS:
                if mid in ("ب", "ل", "ك") and m <= 3:
                    return cut
                continue
            if m < (3 if several else 2):  # وليد is not و + ل + يد
                continue
            if mid == "س" and (stem[0] not in _IMPERFECT or m < 3):
                continue
            if key_count < 0:
                key_count = get(key, 0)
            known = memory.get(stem)
            if known is not None:
                if known and known[0] in ("و", "ف") and mid in ("و", "ف"):
                    continue  # وو, فو: no double conjunction
                sc = max(get(stem, 0), 1)
            else:
                # nothing known about the stem: guess from how productive the proclitic is
                # (unseen words starting with و are conjunction + word 86% of the time in
                # news; ل and ب less often), unless the whole word itself is known
                guess = key_count < GUESS_MAX_COUNT and not several
                guess = guess and m >= GUESS_MIN_STEM.get(mid, 99)
                if guess and key_count <= 0 and nonneg:
                    return cut  # the guess holds, and any evidence >= 0 would win too
                sc = _evidence(alone_or_article, light, stem)
                if sc == 0:
                    if guess:
                        return cut
                    continue
            if sc * STEM_WEIGHT >= key_count:
                return cut  # the longest attested reading wins
        return _NO_CUT

    def split(self, key: str) -> tuple[str, str]:
        """``(written prefix, stem)`` of a normalized word: ``("لل", "جيش")`` for للجيش."""
        segs = self.proclitics(key)
        n = _written_len(segs)
        return key[:n], key[n:]

    def prefix_lengths(self, keys: Iterable[str]) -> list[int]:
        """How many letters of each normalized word its proclitics take (``split(key)`` is
        ``(key[:n], key[n:])``), in one loop; for the first sight of many words: nothing
        is cached, the caller keeps what it needs.

        >>> Segmenter({}, {"جيش": 3}).prefix_lengths(["وبالجيش", "للجيش", "جيش"])
        [4, 2, 0]
        """
        cut = self._cut
        return [cut(key)[1] for key in keys]

    def split_many(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """:meth:`split` of each normalized word (see :meth:`prefix_lengths`).

        >>> Segmenter({}, {"جيش": 3}).split_many(["وبالجيش", "جيش"])
        [('وبال', 'جيش'), ('', 'جيش')]
        """
        keys = list(keys)
        return [(k[:n], k[n:]) for k, n in zip(keys, self.prefix_lengths(keys), strict=True)]


def _written_len(segs: tuple[str, ...]) -> int:
    """How many letters the proclitics ``segs`` take in the written word."""
    n = _PATTERN_LEN.get(segs)
    if n is not None:
        return n
    n = sum(len(s) for s in segs)
    if len(segs) >= 2 and segs[-1] == "ال" and segs[-2] == "ل":
        n -= 1  # لل: the article's alef is not written
    return n


@lru_cache(maxsize=4)
def default_segmenter(preset: str = _KEY_PRESET) -> Segmenter:
    """The segmenter over the shipped lexicon (keys normalized with ``preset``)."""
    memory, counts = _shipped_lexicon()
    return Segmenter(memory, counts, preset)


@lru_cache(maxsize=1)
def _shipped_lexicon() -> tuple[dict[str, tuple[str, ...]], Counter[str]]:
    """Memory and counts of the shipped lexicon, as written (read once per process)."""
    memory: dict[str, tuple[str, ...]] = {}
    counts: Counter[str] = Counter()
    for word, pro, count in read_segmentations(_data("wikinews_segmentations.tsv")):
        memory[word] = pro
        counts[word] += count
        stem = word[_written_len(pro) :]
        if pro:
            counts[stem] += count
    for word in _read_list("stems_ar.txt"):
        counts[word] += 1
    for word in _read_list("whole_ar.txt"):
        memory[word] = ()
        counts[word] += 1
    return memory, counts


_vocab_cache: list = []  # [(vocab object, preset, segmenter)] of the last vocabularies used


def _segmenter_for(vocab, preset: str) -> Segmenter:
    base = default_segmenter(preset)
    if vocab is None:
        return base
    for v, p, seg in _vocab_cache:
        if v is vocab and p == preset:
            return seg
    seg = base.with_vocab(vocab)
    _vocab_cache.insert(0, (vocab, preset, seg))
    del _vocab_cache[4:]
    return seg


def segment(
    word: str,
    vocab: Mapping[str, int] | Iterable[str] | None = None,
    enclitics: bool = False,
) -> list[str]:
    """Split a word into proclitics and stem (and, optionally, pronoun enclitics).

    ``vocab``: the corpus's own word counts (or a set of words) to attest stems with,
    added to the shipped lexicon. Segments slice the original word (diacritics stay on
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
    seg = default_segmenter(_KEY_PRESET) if vocab is None else _segmenter_for(vocab, _KEY_PRESET)
    # positions of the kept characters, so that cuts fall in the original word
    if _key_changer().search(word) is None:  # the word is its own key
        key, kept = word, range(len(word))
    else:
        tab = _key_tab()
        kept = [i for i, ch in enumerate(word) if ch.translate(tab) != ""]
        key = word.translate(tab)
        if len(key) != len(kept):  # a ligature expanded: cut the normalized form instead
            word, kept = key, range(len(key))
    segs = seg.proclitics(key) if key else ()
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


@lru_cache(maxsize=200_000)
def split_proclitics(norm_word: str) -> tuple[str, str]:
    """``(prefix, stem)`` of an already search-normalized word; the stem is attested.

    Fast and cached, for counting and matching: ``prefix + stem == norm_word``.

    >>> split_proclitics("وبالجيش"), split_proclitics("للجيش"), split_proclitics("وزير")
    (('وبال', 'جيش'), ('لل', 'جيش'), ('', 'وزير'))
    """
    check_text(norm_word, "norm_word")
    return default_segmenter("search").split(norm_word)


def proclitic_lengths(norm_words: Iterable[str]) -> list[int]:
    """How many letters of each already search-normalized word are proclitics, many words
    at once: ``split_proclitics(w) == (w[:n], w[n:])``. One loop, no cache filled (for the
    first sight of a vocabulary; the caller memoises what it keeps).

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


def segmentations_table(pairs: Iterable[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str, int]]:
    """Rows ``(word, "+".join(proclitics), count)`` of the most frequent reading of each word."""
    by_word: dict[str, Counter[tuple[str, ...]]] = {}
    for word, pro in pairs:
        by_word.setdefault(word, Counter())[pro] += 1
    rows = []
    for word in sorted(by_word):
        readings = by_word[word]
        pro, _ = readings.most_common(1)[0]
        rows.append((word, "+".join(pro), sum(readings.values())))
    return rows


def segmenter_from_pairs(
    pairs: Iterable[tuple[str, tuple[str, ...]]], preset: str = _KEY_PRESET, hand_lists: bool = True
) -> Segmenter:
    """A segmenter whose memory and counts come from ``(word, proclitics)`` pairs (+ hand lists)."""
    memory: dict[str, tuple[str, ...]] = {}
    counts: Counter[str] = Counter()
    for word, pro, count in segmentations_table(pairs):
        p = tuple(x for x in pro.split("+") if x)
        memory[word] = p
        counts[word] += count
        if p:
            counts[word[_written_len(p) :]] += count
    if hand_lists:
        for word in _read_list("stems_ar.txt"):
            counts[word] += 1
        for word in _read_list("whole_ar.txt"):
            memory[word] = ()
            counts[word] += 1
    return Segmenter(memory, counts, preset)
