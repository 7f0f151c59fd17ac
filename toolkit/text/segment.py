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

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files

from toolkit.text.normalize import _table, check_text, normalize

__all__ = ["Segmenter", "segment", "split_proclitics", "default_segmenter", "PROCLITICS"]

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
# written prefix -> its segments, and the prefix lengths longest first: a word has at most one
# written prefix of each length, so trying key[:4], key[:3] ... in turn visits the patterns
# in the order of _PATTERNS (longest written prefix first) with one dict lookup per length
_BY_WRITTEN = dict(_PATTERNS)
if len(_BY_WRITTEN) != len(_PATTERNS):  # pragma: no cover - the table above is fixed
    raise RuntimeError("two proclitic patterns are written alike")
_PREFIX_LENGTHS = tuple(sorted({len(w) for w in _BY_WRITTEN}, reverse=True))

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
        rows.append((word, tuple(p for p in pro.split("+") if p), int(count)))
    return rows


class Segmenter:
    """A proclitic segmenter over a memory of known words and a table of counts.

    ``memory``: word -> proclitics (``()`` = never split); ``counts``: word -> how often
    it occurs as a word or a stem. Keys are normalized with ``preset`` (``"key"``:
    light + no diacritics, hamza kept; or ``"search"``).

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
        for w, p in memory.items():
            self.memory[self._norm(w)] = tuple(p)
        self.counts: Counter[str] = Counter()
        for w, c in counts.items():
            self.counts[self._norm(w)] += int(c)
        self._cache: dict[str, tuple[str, ...]] = {}

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
        return new

    # --- decisions ----------------------------------------------------------------------

    def _valid(self, key: str, written: str, segs: tuple[str, ...], stem: str) -> bool:
        counts = self.counts
        det = segs[-1] == "ال"
        if det:
            if len(stem) < 2 or stem[0] == "ا" and len(stem) < 3:
                return False
            whole = "ال" + stem
            if self.memory.get(whole) == ():  # التي, الذي, الله ... never lose their ال
                return False
            if len(segs) > 1 and whole in self.memory:
                return self.memory[whole][:1] == ("ال",)
            ev = counts.get(stem, 0)
            if len(segs) > 1:
                ev += counts.get(whole, 0)
            if ev > 0:
                return True
            if written.endswith("لل") and ("ل" + stem in self.memory or counts.get("ل" + stem)):
                return False  # لليبيا is ل + ليبيا, not ل + ال + يبيا
            # an unseen stem: trust the article (proper names: القادسية, الجبالي)
            return len(stem) >= 3
        # conjunction / preposition / future particle without the article
        mid = segs[-1]
        if stem in _PRONOUNS:
            return mid in ("ب", "ل", "ك") and len(stem) <= 3
        if len(stem) < (3 if len(segs) > 1 else 2):  # وليد is not و + ل + يد
            return False
        if mid == "س" and (stem[0] not in _IMPERFECT or len(stem) < 3):
            return False
        if stem in self.memory:
            if self.memory[stem] and self.memory[stem][0] in ("و", "ف") and mid in ("و", "ف"):
                return False  # وو, فو: no double conjunction
            sc = max(counts.get(stem, 0), 1)
        else:
            sc = self._evidence(stem)
            if sc == 0:
                # nothing known about the stem: guess from how productive the proclitic is
                # (unseen words starting with و are conjunction + word 86% of the time in
                # news; ل and ب less often), unless the whole word itself is known
                return (
                    counts.get(key, 0) < GUESS_MAX_COUNT
                    and len(segs) == 1
                    and len(stem) >= GUESS_MIN_STEM.get(mid, 99)
                )
        return sc * STEM_WEIGHT >= counts.get(key, 0)

    def _evidence(self, stem: str) -> int:
        """How often the stem, or a light stem of it (no pronoun / feminine / plural ending),
        occurs alone or after the article."""
        counts = self.counts
        ev = counts.get(stem, 0) + counts.get("ال" + stem, 0)
        if ev:
            return ev
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                base = stem[: -len(suffix)]
                for v in (base, base + "ة", "ال" + base, "ال" + base + "ة"):
                    ev += counts.get(v, 0)
                if ev:
                    return ev
        return 0

    def proclitics(self, key: str) -> tuple[str, ...]:
        """The proclitics of an already-normalized word (``("و", "ب", "ال")`` for وبالجيش)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = self._decide(key)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def _decide(self, key: str) -> tuple[str, ...]:
        known = self.memory.get(key)
        if known is not None:
            return known
        n = len(key)
        if n < 3:
            return ()
        by_written = _BY_WRITTEN
        for size in _PREFIX_LENGTHS:
            if size >= n:
                continue
            written = key[:size]
            segs = by_written.get(written)
            if segs is None:
                continue
            stem = key[size:]
            if segs[-1] == "ال" and written.endswith("لل") and stem.startswith("ل"):
                continue
            if self._valid(key, written, segs, stem):
                return segs  # the longest attested reading wins
        return ()

    def split(self, key: str) -> tuple[str, str]:
        """``(written prefix, stem)`` of a normalized word: ``("لل", "جيش")`` for للجيش."""
        segs = self.proclitics(key)
        n = _written_len(segs)
        return key[:n], key[n:]


def _written_len(segs: tuple[str, ...]) -> int:
    n = sum(len(s) for s in segs)
    if len(segs) >= 2 and segs[-1] == "ال" and segs[-2] == "ل":
        n -= 1  # لل: the article's alef is not written
    return n


@lru_cache(maxsize=4)
def default_segmenter(preset: str = _KEY_PRESET) -> Segmenter:
    """The segmenter over the shipped lexicon (keys normalized with ``preset``)."""
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
    return Segmenter(memory, counts, preset)


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
    check_text(word, "word")
    if not word:
        return []
    seg = _segmenter_for(vocab, _KEY_PRESET)
    # positions of the kept characters, so that cuts fall in the original word
    kept = [i for i, ch in enumerate(word) if ch.translate(_key_tab()) != ""]
    key = _key(word)
    if len(key) != len(kept):  # a ligature expanded: cut the normalized form instead
        word, kept = key, list(range(len(key)))
    segs = seg.proclitics(key) if key else ()
    out: list[str] = []
    cut = 0  # position in key
    start = 0  # position in word
    for i, s in enumerate(segs):
        # in لل the article's lam is written once: the segment is "ال", alef restored
        elided = s == "ال" and i > 0 and segs[i - 1] == "ل"
        cut += 1 if elided else len(s)
        end = kept[cut] if cut < len(kept) else len(word)
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
