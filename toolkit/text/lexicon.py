"""The word frequencies the segmenter weighs its evidence with.

The general vocabulary is the ``wordfreq`` package's Arabic list (``large_ar``: about
620,000 word forms from Wikipedia, subtitles, news, books, web text and social media,
by Robyn Speer; data CC BY-SA 4.0), read at run time from the installed package, never
copied into this project. Frequencies are given per billion words, keyed by a normalized
form (:data:`KEY_PRESET` for :func:`toolkit.text.segment`, ``"search"`` for
:func:`toolkit.text.split_proclitics`), as the share of all words (``counts["قال"]``
is about 0.001: once in a thousand words).

A corpus's own vocabulary (word -> count) is added on the same scale by
:func:`add_vocab`: each count is divided by the corpus's size, taken as at least a
million words, so that a small corpus cannot outweigh the general list.

Hand lists (``toolkit/data/lexicon/whole_ar.txt``: words never split) are written for
this project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files

from toolkit.text.normalization import _table, normalize

__all__ = ["KEY_PRESET", "key", "general_counts", "whole_words", "add_vocab"]

#: light preset without diacritics: hamza seats kept, so ألمانيا never reads as ال + مانيا
KEY_PRESET = "key"
#: the size a corpus vocabulary is taken to have at least, in words (see :func:`add_vocab`)
MIN_VOCAB_SIZE = 1_000_000


@lru_cache(maxsize=1)
def _key_tab() -> dict[int, str]:
    t = dict(_table("light"))
    for cp, v in _table("search").items():
        if v == "":  # removals only: diacritics, dagger alef, marks
            t[cp] = ""
    return t


def key(word: str) -> str:
    """The form decisions are made on: light preset, no diacritics (``وَبِالْجَيْشِ`` → ``وبالجيش``)."""
    return word.translate(_key_tab())


def norm_many(words: list[str], preset: str) -> list[str]:
    """The key (``preset="key"``) or the ``normalize(w, preset)`` of each word, in one call."""
    joined = "\n".join(words)
    out = (key(joined) if preset == KEY_PRESET else normalize(joined, preset)).split("\n")
    if len(out) != len(words):  # a word held a line break: one by one
        one = key if preset == KEY_PRESET else (lambda w: normalize(w, preset))
        out = [one(w) for w in words]
    return out


@lru_cache(maxsize=2)
def general_counts(preset: str = KEY_PRESET) -> dict[str, float]:
    """Frequencies (the share of all words: 0.001 is once in a thousand) of the wordfreq
    Arabic list, keys normalized with ``preset``; read once per process and preset.
    Treat it as read-only: it is shared by every segmenter of the process.

    For the key preset this is wordfreq's own table (its words carry no diacritics; the
    few with Persian letters or bidi marks are never looked up). For other presets several
    spellings meet in one key, which keeps the frequency of the most frequent of them.

    >>> general_counts()["قال"] > general_counts()["وقال"] > 0
    True
    """
    try:
        import wordfreq
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ImportError(
            "toolkit.text.segment needs the 'wordfreq' package: pip install wordfreq"
        ) from exc
    table = wordfreq.get_frequency_dict("ar", "large")  # most frequent first
    if preset == KEY_PRESET:
        return table
    words = list(table)
    words.reverse()  # rarest first: the most frequent spelling of a key is written last
    freqs = list(table.values())
    freqs.reverse()
    counts = dict(zip(norm_many(words, preset), freqs, strict=True))
    counts.pop("", None)
    return counts


def _read_list(name: str) -> list[str]:
    text = files("toolkit").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


@lru_cache(maxsize=2)
def whole_words(preset: str = KEY_PRESET) -> frozenset[str]:
    """The hand list of words never split (بوش، وزير، الذي ...), normalized with ``preset``.

    >>> "وزير" in whole_words()
    True
    """
    return frozenset(w for w in norm_many(_read_list("whole_ar.txt"), preset) if w)


def add_vocab(
    counts: Mapping[str, float], vocab: Mapping[str, int] | Iterable[str], preset: str
) -> dict[str, float]:
    """``counts`` plus a corpus vocabulary (word -> count, or words counted once each),
    each count divided by the corpus's size taken as at least a million words.

    >>> c = add_vocab({"غريان": 0.0}, {"غريان": 12, "بغريان": 3}, "key")
    >>> round(c["غريان"] * 1e6), round(c["بغريان"] * 1e6)
    (12, 3)
    """
    if isinstance(vocab, str):
        raise TypeError(
            "vocab must be a mapping of words to counts or an iterable of words, not a str"
        )
    items = list(vocab.items()) if isinstance(vocab, Mapping) else [(w, 1) for w in vocab]
    items = [(w, int(c)) for w, c in items if isinstance(w, str) and w]
    total = sum(max(c, 0) for _, c in items)
    scale = 1.0 / max(total, MIN_VOCAB_SIZE)
    out = dict(counts)
    get = out.get
    for w, (_word, c) in zip(norm_many([w for w, _ in items], preset), items, strict=True):
        if w:
            out[w] = get(w, 0.0) + c * scale
    return out
