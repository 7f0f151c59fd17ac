"""Which dictionary forms collide with ordinary Arabic words, found without the user's help.

A one-word alias collides when its search-normalized form is

* a **stopword** (``toolkit.text.STOPWORDS``): علي (Ali) folds into على (on) once ى is
  read as ي; or
* a **common word**: a word of the reference vocabulary (the Arabic frequency list of
  the ``wordfreq`` package, Zipf ≥ :data:`MIN_ZIPF`) whose partner with or without the
  article is about as frequent (within :data:`PAIR_MARGIN` Zipf): ``مالي`` and ``المالي``
  (financial), ``العيون`` and ``عيون`` (eyes), ``أمل`` and ``الأمل`` (hope).  Names
  rarely take or drop the article (``مصر`` 5.8 but ``المصر`` 2.5; ``العراق`` 5.5, ``عراق``
  3.6), nouns and adjectives always do: that is what tells a name from a word.

A word list cannot tell that a family name is shared by many people (الجبير, العبادي,
السراج) or that a surname is a word it ranks as a name (الأسد "the lion", البرهان "the
proof", عرفات the mountain): such forms are written under ``ambiguous`` in the
dictionary and need the same evidence.

The matcher counts a colliding form only with evidence (see ``toolkit.actors.match``):
its exact written form when that form is not itself the stopword (علي, not على), a
title next to it, another mention of the same actor earlier in the document, or the
actor's ``requires`` context.  ``lint_actors`` reports every collision.

>>> collision("مالي").kind, collision("مصر") is None
('common', True)
>>> c = collision("علي")
>>> c.kind, c.word, c.exact_ok
('stopword', 'على', True)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from toolkit.text import normalize

__all__ = ["MIN_ZIPF", "PAIR_MARGIN", "Collision", "collision", "common_words", "exact_form",
           "zipf"]

#: a word rarer than this (Zipf scale: 3 = once per million words) never collides
MIN_ZIPF = 3.3
#: a word is common when the form with/without ال is at most this much rarer
PAIR_MARGIN = 0.6
_FLOOR = MIN_ZIPF - PAIR_MARGIN
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


@dataclass(frozen=True)
class Collision:
    """Why a form needs evidence: ``kind`` (stopword | common), the ``word`` it collides
    with (as written), and whether its exact written form is evidence (``exact_ok``)."""

    kind: str
    word: str
    exact_ok: bool
    reason: str


def exact_form(text: str) -> str:
    """The written form compared for exact-form evidence: diacritics and tatweel removed,
    letters kept (ى stays ى, أ stays أ).

    >>> exact_form("عَلِيّ"), exact_form("على")
    ('علي', 'على')
    """
    return _MARKS.sub("", normalize(text, "light"))


@lru_cache(maxsize=1)
def _stopwords() -> tuple[dict[str, str], frozenset[str]]:
    """Search form -> one written stopword, and the set of written (exact) stopwords."""
    from importlib import resources

    ref = resources.files("toolkit") / "data" / "stopwords_ar.txt"
    by_key: dict[str, str] = {}
    written: set[str] = set()
    for line in ref.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        by_key.setdefault(normalize(word), word)
        written.add(exact_form(word))
    return by_key, frozenset(written)


@lru_cache(maxsize=1)
def common_words() -> dict[str, float]:
    """The reference vocabulary: search form -> Zipf frequency (summed over spellings),
    for words down to Zipf ``MIN_ZIPF - PAIR_MARGIN`` of wordfreq's Arabic list.

    Empty (no collision but stopwords found) when ``wordfreq`` is not installed.
    """
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    freq: dict[str, float] = {}
    for i, bucket in enumerate(wordfreq.get_frequency_list("ar")):
        z = 9 - i / 100  # wordfreq's buckets are centibels: bucket i holds 10 ** (-i / 100)
        if z < _FLOOR:
            break
        share = 10 ** (-i / 100)
        for word in bucket:
            key = normalize(word)
            freq[key] = freq.get(key, 0.0) + share
    return {k: math.log10(v) + 9 for k, v in freq.items()}


def zipf(key: str) -> float:
    """Zipf frequency of a search-normalized word in the reference vocabulary (0 if rare)."""
    return common_words().get(key, 0.0)


def _partner(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 3 else "ال" + key


def collision(form: str) -> Collision | None:
    """The collision of one dictionary form with an ordinary word, or None.

    Only one-word forms collide (a multi-word name is evidence by itself).

    >>> collision("العيون").reason
    "'العيون' is a common word: العيون and عيون are both frequent (Zipf 4.6, 4.5)"
    """
    key = normalize(form)
    if not key or " " in key.strip():
        return None
    stop, written = _stopwords()
    if key in stop:
        ok = exact_form(form) not in written
        return Collision("stopword", stop[key], ok,
                         f"{form!r} reads as the stopword {stop[key]!r} after normalization"
                         + (" (matched only as written)" if ok else ""))
    z = zipf(key)
    if z >= MIN_ZIPF:
        partner = _partner(key)
        zp = zipf(partner)
        if zp >= z - PAIR_MARGIN:
            return Collision("common", key, False,
                             f"{form!r} is a common word: {key} and {partner} are both frequent "
                             f"(Zipf {z:.1f}, {zp:.1f})")
    return None
