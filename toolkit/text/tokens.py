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
from functools import cache
from itertools import compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from toolkit.text.normalization import _apply, check_preset, check_text

__all__ = ["Token", "KINDS", "KIND_CODE", "WORD_KINDS", "tokenize", "words"]

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


_first = itemgetter(0)


@cache
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[name])


def _plain(text: str) -> bool:
    return "#" not in text and "@" not in text and "://" not in text and "www." not in text


#: one character per token kind (the analysis keeps the kinds of a document as one string)
KIND_CODE = {k: chr(65 + i) for i, k in enumerate(KINDS)}
CODE_KIND = {c: k for k, c in KIND_CODE.items()}
_EMOJI_CODE = KIND_CODE["emoji"]

# Only a surface holding one of these can be a url, an e-mail, a hashtag or a mention (see
# _plain); every other token has the kind of its first character.
_MARKED = re.compile("[#@]|://|www\\.")

# The kind code of the tokens starting with each code point (0: not looked up yet), filled
# as characters are met. Code points at and past _LUT_LAST (beyond the emoji planes) are
# looked up each time.
_LUT_LAST = 0x1FFFF
_FIRST_CODE = np.zeros(_LUT_LAST + 1, dtype=np.uint8)


def _kind(surface: str) -> str:
    """The kind of a token surface.

    The kind does not depend on the context: no alternative of the expression looks
    behind, and none looks ahead past the token, so matching the surface alone picks
    the same alternative.
    """
    m = _re("token").match(surface)
    return m.lastgroup if m is not None and m.end() == len(surface) else "punct"


def _first_code(cp: int) -> int:
    """The kind code of every unmarked token starting with code point ``cp``: each kind but
    url, e-mail, hashtag and mention matches as soon as its first character does."""
    code = ord(KIND_CODE[_kind(chr(cp))])
    if cp < _LUT_LAST:
        _FIRST_CODE[cp] = code
    return code


def _codes(piece: str, starts: np.ndarray, surfaces: list[str], plain: bool) -> str:
    """The kind codes of the tokens of ``piece`` that start at ``starts``, as one string:
    a table lookup of their first characters, in C."""
    points = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first = points[starts]
    codes = _FIRST_CODE.take(np.minimum(first, _LUT_LAST))
    unknown = np.flatnonzero(codes == 0)
    for i in unknown.tolist():
        codes[i] = _first_code(int(first[i]))
    if not plain:
        memo: dict[str, str] = {}
        for i in compress(count(), map(_MARKED.search, surfaces)):
            s = surfaces[i]
            k = memo.get(s)
            if k is None:
                k = memo[s] = _kind(s)
            codes[i] = ord(KIND_CODE[k])
    return codes.tobytes().decode("ascii")


def _norms(surfaces: list[str], preset: str, codes: str) -> list[str]:
    """Normalize many surfaces at once: join, normalize the whole, split (emoji keep
    their joiners and selectors: their norm is their surface).

    Tokens never hold a line break and normalization never makes one, so the split
    gives back one string per surface (checked; token by token otherwise).
    """
    if preset == "none":
        return surfaces
    out = _apply("\n".join(surfaces), preset).split("\n")
    if len(out) != len(surfaces):  # pragma: no cover - defensive
        out = [_apply(s, preset) for s in surfaces]
    if _EMOJI_CODE in codes:
        for i in compress(count(), map(_EMOJI_CODE.__eq__, codes)):
            out[i] = surfaces[i]
    return out


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
    # tuple.__new__ straight from the columns: NamedTuple's own __new__ is Python code
    return list(map(tuple.__new__, repeat(Token), zip(*cols, strict=True))) if cols[0] else []


#: a longer text is read in pieces of about this many characters, cut at whitespace
CHUNK_CHARS = 1 << 16


def _pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces a text is read in: the whole text when short, else
    pieces of at most :data:`CHUNK_CHARS`, cut at a line break or a space (no token holds
    whitespace, so the tokens of the pieces are those of the text). Each piece then takes
    the road its own content allows (see :func:`_plain`): a single URL in a book no longer
    sends the whole book down the slower expression, and what is built per piece stays
    small enough for the processor's caches."""
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


def _offsets(text: str) -> tuple[np.ndarray, np.ndarray, list[str], str]:
    """``starts, ends`` (integer arrays), surfaces and kind codes (:data:`KIND_CODE`, one
    character per token) of the tokens of ``text``.

    Each piece is split by one expression into ``[before, gap, token, before, gap, token,
    ..., rest]`` (``before`` is always empty: gap and token cover the text), strings only;
    the offsets are the running sums of their lengths. No Python int and no Token per
    token: on a long text what is built stays proportional to its characters, and the
    garbage collector has next to nothing to follow."""
    dtype = np.int64 if len(text) >= 2**31 else np.int32
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    surfaces: list[str] = []
    codes: list[str] = []
    for a, b in _pieces(text):
        piece = text if b - a == len(text) else text[a:b]
        plain = _plain(piece)
        parts = _re("pairs_plain" if plain else "pairs").split(piece)
        n = len(parts) // 3
        if not n:
            continue
        sums = np.fromiter(map(len, parts), dtype, len(parts)).cumsum(dtype=dtype)
        found = parts[2::3]
        first = sums[1::3] + a  # a new array: the view would keep all the sums alive
        codes.append(_codes(piece, first - a if a else first, found, plain))
        starts.append(first)
        ends.append(sums[2::3] + a)
        surfaces.extend(found)
    if len(starts) == 1:
        return starts[0], ends[0], surfaces, codes[0]
    if not starts:
        return np.zeros(0, dtype), np.zeros(0, dtype), [], ""
    return np.concatenate(starts), np.concatenate(ends), surfaces, "".join(codes)


def _columns(
    text: str, preset: str
) -> tuple[list[int], list[int], list[str], list[str], list[str]]:
    """The fields of :func:`tokenize` as parallel lists ``starts, ends, surfaces, norms,
    kinds`` (unchecked arguments; no Token built): for callers that need a few fields
    of many tokens."""
    starts, ends, surfaces, codes = _offsets(text)
    if not surfaces:
        return [], [], [], [], []
    norms = _norms(surfaces, preset, codes)
    kinds = list(map(CODE_KIND.__getitem__, codes))
    return starts.tolist(), ends.tolist(), surfaces, norms, kinds


def _compact(text: str, preset: str) -> tuple[np.ndarray, np.ndarray, list[str], str, str]:
    """The tokens of ``text`` in the form the analysis keeps (unchecked arguments):
    :func:`_offsets` and the norms joined by line breaks (``starts, ends, surfaces,
    joined norms, codes``)."""
    starts, ends, surfaces, codes = _offsets(text)
    joined = "\n".join(surfaces)
    if preset != "none" and surfaces:
        joined = _apply(joined, preset)
        if _EMOJI_CODE in codes:  # emoji keep their joiners and selectors
            joined = "\n".join(_norms(surfaces, preset, codes))
    return starts, ends, surfaces, joined, codes


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
    return _norms(found, preset, "") if found else []
