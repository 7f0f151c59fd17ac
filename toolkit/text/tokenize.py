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

import re
import unicodedata
from functools import cache, partial
from itertools import accumulate, chain
from operator import itemgetter
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


def _ranges_class(flags: list[bool]) -> str:
    """A regex character class body of the BMP characters whose flag is set."""
    parts = []
    run_start = None
    for cp, ok in enumerate([*flags, False]):
        if ok and run_start is None:
            run_start = cp
        elif not ok and run_start is not None:
            a, b = run_start, cp - 1
            parts.append(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}")
            run_start = None
    return "".join(parts)


def _is_arabic_block(cp: int) -> bool:
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x0870 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
    )


# One pass over the BMP gives every class below.
_BMP = [chr(cp) for cp in range(0x10000)]
_CATEGORY = [unicodedata.category(c) for c in _BMP]
_ALPHA = [c.isalpha() for c in _BMP]
_ARABIC = [_is_arabic_block(cp) for cp in range(0x10000)]
_NO_START = frozenset(("Cc", "Cf", "Cs", "Mn", "Mc", "Me", "Zs", "Zl", "Zp"))

# Arabic letters (tatweel excluded: it is allowed inside and after a word, not alone)
_AR = _ranges_class(
    [a and ar and cp != 0x0640 for cp, (a, ar) in enumerate(zip(_ALPHA, _ARABIC, strict=True))]
)
# combining marks of any script (Mn, Mc, Me)
_MARK = _ranges_class([cat[0] == "M" for cat in _CATEGORY])
# Characters that never start a token: controls, format marks, surrogates, marks, tatweel.
# Classes are kept to the BMP (the regex engine then tests them with one table lookup;
# a class reaching past U+FFFF is scanned range by range) and the few characters beyond
# it get a class of their own.
_SKIP = _ranges_class(
    [
        cat in _NO_START or c.isspace() or c == "\u0640"
        for c, cat in zip(_BMP, _CATEGORY, strict=True)
    ]
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
_LAT = _ranges_class([a and not ar for a, ar in zip(_ALPHA, _ARABIC, strict=True)])
del _BMP, _CATEGORY, _ALPHA, _ARABIC
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
# The expressions are compiled on first use (compiling the large classes takes a
# noticeable part of a second, which a command that never tokenizes should not pay).
_SOURCES = {
    # every kind, named: the kind of a token
    "token": "|".join(f"(?P<{k}>{_PARTS[k]})" for k in _ORDER),
    # the offsets path: (gap, token) pairs, found in C; offsets are running sums of lengths
    "pairs": f"({_GAP})(" + "|".join(f"(?:{_PARTS[k]})" for k in _ORDER) + ")",
    # The fast path: the alternatives that can start where a word could, in the same
    # order, with only the words captured. Emoji and punctuation can be left out (single
    # characters or sequences in which no word, number, url, e-mail, hashtag or mention can
    # start); the number must stay: "1,2@x.org" is a number, then a mention, not the
    # e-mail "2@x.org".
    "words": "|".join(f"(?:{_PARTS[k]})" for k in ("url", "email", "number", "hashtag", "mention"))
    + f"|({_WORD}|{_LATIN})",
    # Without "#", "@", "://" and "www." no url, e-mail, hashtag or mention can match, and
    # simpler expressions give the same tokens (most news articles take this road); there
    # a number never holds the start of a word (digits and separators start no letter run).
    "pairs_plain": f"({_GAP})("
    + "|".join(f"(?:{_PARTS[k]})" for k in ("word", "number", "latin", "emoji", "punct"))
    + ")",
    "words_plain": f"{_WORD}|{_LATIN}",
}


@cache
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[name])


def _plain(text: str) -> bool:
    return "#" not in text and "@" not in text and "://" not in text and "www." not in text


_first_kinds: dict[str, str] = {}  # first character -> kind, for texts without url & co.


def _kind(surface: str) -> str:
    """The kind of a token surface.

    The kind does not depend on the context: no alternative of the expression looks
    behind, and none looks ahead past the token, so matching the surface alone picks
    the same alternative.
    """
    m = _re("token").match(surface)
    return m.lastgroup if m is not None and m.end() == len(surface) else "punct"


def _first_kind(char: str) -> str:
    """The kind of every token starting with ``char`` in a text without url, e-mail,
    hashtag or mention: each remaining kind matches as soon as its first character does."""
    kind = _first_kinds.get(char)
    if kind is None:
        if len(_first_kinds) > 100_000:  # pragma: no cover - bounded, whatever the input
            _first_kinds.clear()
        kind = _first_kinds[char] = _kind(char)
    return kind


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
_first = itemgetter(0)
_second = itemgetter(1)


def tokenize(text: str, preset: str = "search") -> list[Token]:
    """Split ``text`` into tokens with offsets into the original string.

    ``preset`` names the normalization of ``Token.norm`` (see :func:`normalize`); emoji keep
    their surface as norm (removing the ZWJ would change the picture).

    >>> [(t.text, t.norm, t.kind) for t in tokenize("قال لـ«رويترز»: 45%")]
    [('قال', 'قال', 'word'), ('لـ', 'ل', 'word'), ('«', '"', 'punct'), ('رويترز', 'رويترز', 'word'), ('»', '"', 'punct'), (':', ':', 'punct'), ('45%', '45%', 'number')]
    """
    check_text(text)
    check_preset(preset)
    cols = _columns(text, preset)
    return list(map(_new_token, zip(*cols, strict=True))) if cols[0] else []


#: a longer text is read in pieces of about this many characters, cut at whitespace
CHUNK_CHARS = 1 << 16


def _pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces a text is read in: the whole text when short, else
    pieces of at most :data:`CHUNK_CHARS`, cut at a line break or a space (no token holds
    whitespace, so the tokens of the pieces are those of the text). Each piece then takes
    the road its own content allows (see :func:`_plain`): a single URL in a book no longer
    sends the whole book down the slower expression."""
    n = len(text)
    if n <= CHUNK_CHARS:
        return [(0, n)]
    out = []
    at = 0
    half = CHUNK_CHARS // 2
    while n - at > CHUNK_CHARS:
        cut = text.rfind("\n", at + half, at + CHUNK_CHARS)
        if cut < 0:
            cut = text.rfind(" ", at + half, at + CHUNK_CHARS)
        if cut < 0:
            break  # no whitespace to cut at: the rest is read whole
        out.append((at, cut))
        at = cut
    out.append((at, n))
    return out


def _surfaces(text: str) -> tuple[list[int], list[int], list[str], bool]:
    """``starts, ends, surfaces`` of every token of ``text`` and whether it is plain."""
    pieces = _pieces(text)
    if len(pieces) == 1:
        plain = _plain(text)
        pairs = _re("pairs_plain" if plain else "pairs").findall(text)
        # C loops over the whole text, not token by token in Python
        bounds = list(accumulate(map(len, chain.from_iterable(pairs))))
        return bounds[0::2], bounds[1::2], list(map(_second, pairs)), plain
    starts: list[int] = []
    ends: list[int] = []
    surfaces: list[str] = []
    plain = True
    for a, b in pieces:
        piece = text[a:b]
        ok = _plain(piece)
        plain = plain and ok
        pairs = _re("pairs_plain" if ok else "pairs").findall(piece)
        bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=a))
        starts.extend(bounds[1::2])
        ends.extend(bounds[2::2])
        surfaces.extend(map(_second, pairs))
    return starts, ends, surfaces, plain


def _columns(
    text: str, preset: str
) -> tuple[list[int], list[int], list[str], list[str], list[str]]:
    """The fields of :func:`tokenize` as parallel lists ``starts, ends, surfaces, norms,
    kinds`` (unchecked arguments; no Token built): for callers that need a few fields
    of many tokens."""
    starts, ends, surfaces, plain = _surfaces(text)
    if not surfaces:
        return [], [], [], [], []
    norms = _norms(surfaces, preset)
    if plain:
        kinds = list(map(_first_kinds.get, map(_first, surfaces)))
        if None in kinds:
            kinds = [k or _first_kind(s[0]) for s, k in zip(surfaces, kinds, strict=True)]
    else:
        memo: dict[str, str] = {}
        kinds = [memo.get(s) or memo.setdefault(s, _kind(s)) for s in surfaces]
    if "emoji" in kinds:  # emoji keep their joiners and selectors
        norms = [s if k == "emoji" else n for s, n, k in zip(surfaces, norms, kinds, strict=True)]
    return starts, ends, surfaces, norms, kinds


def words(text: str, preset: str = "search") -> list[str]:
    """The fast path: normalized word strings (kinds ``word`` and ``latin``), for counting.

    Equal to ``[t.norm for t in tokenize(text, preset) if t.kind in WORD_KINDS]``.

    >>> words("وأضاف مكتب الإعلام: «نظمت الرئاسة»")
    ['واضاف', 'مكتب', 'الاعلام', 'نظمت', 'الرءاسه']
    """
    check_text(text)
    check_preset(preset)
    found: list[str] = []
    for a, b in _pieces(text):
        piece = text if b - a == len(text) else text[a:b]
        if _plain(piece):
            found.extend(_re("words_plain").findall(piece))
        else:
            found.extend(filter(None, _re("words").findall(piece)))
    return _norms(found, preset) if found else []
