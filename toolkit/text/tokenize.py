"""Tokenization of Arabic news text with offsets into the original string.

One compiled regular expression runs over the ORIGINAL text; each token keeps
``start, end`` (so ``text[start:end] == token.text``), its normalized form and a
kind:

``word``     Arabic-script letters, with diacritics, tatweel and ZWNJ/ZWJ inside
             (``لـ`` and ``الـ`` written with tatweel are words, normalized ``ل``, ``ال``)
``latin``    letters of any other script (digits may follow the first letter: ``G20``)
``number``   ``2020``, ``٢٠٢٠``, ``2,5``, ``3.5``, ``٣٫٥``, ``45%``, ``٤٥٪``
``url``      ``https://...``, ``www....`` (trailing punctuation left out)
``email``    ``name@example.org``
``hashtag``  ``#ليبيا``, ``#وقف_اطلاق_النار``
``mention``  ``@UNSMILibya``
``emoji``    pictographs with skin tones, VS16, ZWJ sequences, flags, keycaps
``punct``    any other single visible character

Whitespace, control and format characters (LRM, RLM, ZWNJ ... between tokens),
lone surrogates, stray combining marks and bare tatweel yield no token.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from functools import partial
from itertools import accumulate, chain
from typing import NamedTuple

from toolkit.text.normalize import _apply, check_preset, check_text

__all__ = ["Token", "KINDS", "WORD_KINDS", "tokenize", "words"]

#: every token kind, in the order the tokenizer tries them
KINDS = ("url", "email", "hashtag", "mention", "word", "latin", "number", "emoji", "punct")
#: the kinds :func:`words` returns
WORD_KINDS = ("word", "latin")


class Token(NamedTuple):
    """One token: ``text[start:end] == token.text``; ``norm`` is its normalized form."""

    start: int
    end: int
    text: str
    norm: str
    kind: str


def _ranges_class(pred, limit: int = 0x10000, extra: str = "") -> str:
    """A regex character class body of the BMP characters satisfying ``pred``."""
    parts = []
    run_start = None
    for cp in range(limit + 1):
        ok = cp < limit and pred(chr(cp))
        if ok and run_start is None:
            run_start = cp
        elif not ok and run_start is not None:
            a, b = run_start, cp - 1
            parts.append(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}")
            run_start = None
    return "".join(parts) + extra


def _esc(cp: int) -> str:
    return f"\\U{cp:08x}" if cp > 0xFFFF else f"\\u{cp:04x}"


def _is_arabic_block(c: str) -> bool:
    cp = ord(c)
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x0870 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
    )


def _cat(c: str) -> str:
    return unicodedata.category(c)


# Arabic letters (tatweel excluded: it is allowed inside and after a word, not alone)
_AR = _ranges_class(lambda c: _is_arabic_block(c) and c.isalpha() and c != "\u0640")
# combining marks of any script (Mn, Mc, Me)
_MARK = _ranges_class(lambda c: _cat(c)[0] == "M")
# Characters that never start a token: controls, format marks, surrogates, marks, tatweel.
# Classes are kept to the BMP (the regex engine then tests them with one table lookup;
# a class reaching past U+FFFF is scanned range by range) and the few characters beyond
# it get a class of their own.
_SKIP = _ranges_class(
    lambda c: (
        _cat(c) in ("Cc", "Cf", "Cs", "Mn", "Mc", "Me", "Zs", "Zl", "Zp")
        or c.isspace()
        or c == "\u0640"
    )
)
_SKIP_ASTRAL = "\\U000e0000-\\U000e007f\\U000e0100-\\U000e01ef"  # tags, variation selectors
_GAP = rf"[{_SKIP}]*+(?:[{_SKIP_ASTRAL}]++[{_SKIP}]*+)*+"
_JOIN = "\u200c\u200d\u00ad"
_DIGIT = r"\d"
_EMOJI_BASE = (
    "\\U0001f000-\\U0001faff"  # pictographs, emoticons, transport, supplemental
    "\u2600-\u27bf"  # misc symbols and dingbats
    "\u2300-\u23ff"  # misc technical (⌚ ⏰ ...)
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe"
    "\u2934\u2935\u3030\u303d\u3297\u3299\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199"
)
_EMOJI_MOD = "\ufe0f\u20e3\\U0001f3fb-\\U0001f3ff\\U000e0020-\\U000e007f"

_URL = r"(?:https?://|www\.)[^\s<>\"'«»“”]*[^\s<>\"'«»“”.,;:!?)\]}،؛؟]"
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
_HASHTAG = rf"#[{_AR}\w\u0640{_MARK}{_JOIN}]*[{_AR}\w]"
_MENTION = r"@\w+"
_WORD = rf"[{_AR}][{_AR}\u0640{_MARK}]*+(?:[{_JOIN}]++[{_AR}\u0640{_MARK}]++)*+"
# other scripts: a letter, then letters, digits or marks; never an Arabic letter
_LAT = _ranges_class(lambda c: c.isalpha() and not _is_arabic_block(c))
# old scripts, mathematical letters (𝕏), CJK extensions
_LAT_ASTRAL = "\\U00010000-\\U0001039f\\U0001d400-\\U0001d7ff\\U00020000-\\U0003134f"
_LATIN = (
    rf"(?:[{_LAT}]|[{_LAT_ASTRAL}])[{_LAT}\d{_MARK}]*+(?:[{_LAT_ASTRAL}]++[{_LAT}\d{_MARK}]*+)*+"
)
_NUMBER = rf"{_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)*[%\u066a]?"
_FLAG = "[\\U0001f1e6-\\U0001f1ff]{2}"
_EMOJI = rf"{_FLAG}|[{_EMOJI_BASE}][{_EMOJI_MOD}]*(?:\u200d[{_EMOJI_BASE}][{_EMOJI_MOD}]*)*"
_PUNCT = rf"(?![{_SKIP_ASTRAL}])[^{_SKIP}]"

_PARTS = {
    "url": _URL,
    "email": _EMAIL,
    "hashtag": _HASHTAG,
    "mention": _MENTION,
    "word": _WORD,
    "latin": _LATIN,
    "number": _NUMBER,
    "emoji": _EMOJI,
    "punct": _PUNCT,
}
# Arabic words come first (most tokens are words, and an Arabic letter starts no other kind);
# url and email come before latin and number, punct is the fallback.
_ORDER = ("word", "url", "email", "number", "hashtag", "mention", "latin", "emoji", "punct")
_TOKEN_RE = re.compile("|".join(f"(?P<{k}>{_PARTS[k]})" for k in _ORDER))
# The offsets path: (gap, token) pairs, found in C; offsets are running sums of lengths.
_PAIRS_RE = re.compile(f"({_GAP})(" + "|".join(f"(?:{_PARTS[k]})" for k in _ORDER) + ")")
# The fast path: the alternatives that can start where a word could, in the same order,
# with only the words captured. Emoji and punctuation can be left out (single characters
# or sequences in which no word, number, url, e-mail, hashtag or mention can start); the
# number must stay: "1,2@x.org" is a number, then a mention, not the e-mail "2@x.org".
_WORDS_RE = re.compile(
    "|".join(f"(?:{_PARTS[k]})" for k in ("url", "email", "number", "hashtag", "mention"))
    + f"|({_WORD}|{_LATIN})"
)
# Without "#", "@", "://" and "www." no url, e-mail, hashtag or mention can match, and
# simpler expressions give the same tokens (most news articles take this road); there a
# number never holds the start of a word (digits and separators start no letter run).
_PLAIN_KINDS = ("word", "number", "latin", "emoji", "punct")
_PAIRS_PLAIN_RE = re.compile(
    f"({_GAP})(" + "|".join(f"(?:{_PARTS[k]})" for k in _PLAIN_KINDS) + ")"
)
_WORDS_PLAIN_RE = re.compile(f"{_WORD}|{_LATIN}")


def _plain(text: str) -> bool:
    return "#" not in text and "@" not in text and "://" not in text and "www." not in text


_CACHE_LIMIT = 200_000  # surfaces remembered per preset (about 40 MB at most)
_infos: dict[str, dict[str, tuple[str, str]]] = {}  # preset -> surface -> (norm, kind)


def _kind(surface: str) -> str:
    """The kind of a token surface.

    The kind does not depend on the context: no alternative of the expression looks
    ahead or behind, so matching the surface alone picks the same alternative.
    """
    m = _TOKEN_RE.match(surface)
    return m.lastgroup if m is not None and m.end() == len(surface) else "punct"


def _norms(surfaces: list[str], preset: str) -> list[str]:
    """Normalize many surfaces at once: join, normalize the whole, split.

    Tokens never hold a line break and normalization never makes one, so the split
    gives back one string per surface (checked; token by token otherwise).
    """
    if preset == "none":
        return surfaces
    out = _apply("\n".join(surfaces), preset).split("\n")
    if len(out) != len(surfaces):  # pragma: no cover - defensive
        out = [_apply(s, preset) for s in surfaces]
    return out


_new_token = partial(tuple.__new__, Token)


def tokenize(text: str, preset: str = "search") -> list[Token]:
    """Split ``text`` into tokens with offsets into the original string.

    ``preset`` names the normalization of ``Token.norm`` (see :func:`normalize`); emoji keep
    their surface as norm (removing the ZWJ would change the picture).

    >>> [(t.text, t.norm, t.kind) for t in tokenize("قال لـ«رويترز»: 45%")]
    [('قال', 'قال', 'word'), ('لـ', 'ل', 'word'), ('«', '"', 'punct'), ('رويترز', 'رويترز', 'word'), ('»', '"', 'punct'), (':', ':', 'punct'), ('45%', '45%', 'number')]
    """
    check_text(text)
    check_preset(preset)
    # Pairs and tokens are tuples that cannot form cycles; pausing the cyclic collector
    # while they are made avoids collections that would scan them again and again.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        pairs = (_PAIRS_PLAIN_RE if _plain(text) else _PAIRS_RE).findall(text)
        return _build(pairs, preset) if pairs else []
    finally:
        if paused:
            gc.enable()


def _build(pairs: list[tuple[str, str]], preset: str) -> list[Token]:
    # everything below runs in C loops; only unseen surfaces call back into Python
    bounds = list(accumulate(map(len, chain.from_iterable(pairs))))
    surfaces = [p[1] for p in pairs]
    info = _infos.get(preset)
    if info is None or len(info) > _CACHE_LIMIT:
        info = _infos[preset] = {}
    nk = list(map(info.get, surfaces))
    if None in nk:
        missing = list({s for s, x in zip(surfaces, nk, strict=True) if x is None})
        for s, n in zip(missing, _norms(missing, preset), strict=True):
            k = _kind(s)
            info[s] = (s if k == "emoji" else n, k)
        nk = list(map(info.__getitem__, surfaces))
    norms, kinds = zip(*nk, strict=True)
    return list(
        map(_new_token, zip(bounds[0::2], bounds[1::2], surfaces, norms, kinds, strict=True))
    )


def words(text: str, preset: str = "search") -> list[str]:
    """The fast path: normalized word strings (kinds ``word`` and ``latin``), for counting.

    Equal to ``[t.norm for t in tokenize(text, preset) if t.kind in WORD_KINDS]``.

    >>> words("وأضاف مكتب الإعلام: «نظمت الرئاسة»")
    ['واضاف', 'مكتب', 'الاعلام', 'نظمت', 'الرءاسه']
    """
    check_text(text)
    check_preset(preset)
    if _plain(text):
        found = _WORDS_PLAIN_RE.findall(text)
    else:
        found = list(filter(None, _WORDS_RE.findall(text)))
    return _norms(found, preset) if found else []
