"""Arabic text in figures: one shaping policy, the packaged font, and a matplotlib style.

matplotlib >= 3.11 lays text out with libraqm (HarfBuzz + a bidi algorithm), so it joins
Arabic letters and orders mixed right-to-left/left-to-right text itself. Feeding it the
classic ``arabic_reshaper`` + ``python-bidi`` output would then draw every word backwards.
Older matplotlib draws one glyph per character, left to right, and needs that step.

The policy is decided once, at import (:data:`SHAPING`):

- ``"native"`` (``matplotlib.ft2font.__libraqm_version__`` exists): labels are passed in
  logical order, unchanged except that dates such as ``2020-03-09`` beside Arabic are
  wrapped in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE (U+2066 ... U+2069), which
  libraqm lays out as zero-width, so they are not displayed as ``09-03-2020``.
- ``"reshape"`` (older matplotlib): ``arabic_reshaper`` picks the joining forms, then the
  Unicode bidi levels (python-bidi) drive a reordering done here, which also mirrors
  brackets at right-to-left levels (python-bidi's ``get_display`` does not) and drops the
  invisible bidi controls.

:func:`prepare` applies the policy to one label. Charts call it when they create text
(labels, titles, ticks, annotations, legends); data frames are never changed. The same
choice is made separately for PIL (the word cloud), which shapes only when built with raqm
(:data:`PIL_SHAPING`, :func:`prepare_pil`).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager, ft2font

from toolkit.plots import fonts

__all__ = [
    "FALLBACK_FAMILY",
    "FONT_FAMILY",
    "PIL_SHAPING",
    "SHAPING",
    "font_path",
    "has_arabic",
    "isolate",
    "prepare",
    "prepare_pil",
    "presentation_forms",
    "rc_params",
    "register_fonts",
    "style",
]

FONT_FAMILY = fonts.FONT_FAMILY
FALLBACK_FAMILY = "DejaVu Sans"

SHAPING: str = "native" if hasattr(ft2font, "__libraqm_version__") else "reshape"
"""``"native"`` when matplotlib shapes Arabic itself (libraqm), else ``"reshape"``."""


def _pil_has_raqm() -> bool:
    try:
        from PIL import features
    except ImportError:  # pragma: no cover - PIL comes with matplotlib
        return False
    return bool(features.check("raqm"))


PIL_SHAPING: str = "native" if _pil_has_raqm() else "reshape"
"""The same policy for PIL (used by the word cloud): native only when PIL has raqm."""

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Pairs that change glyph at a right-to-left level (Unicode Bidi_Mirroring_Glyph, the
# characters that occur in news labels).
MIRRORED = {
    "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
    "«": "»", "»": "«", "‹": "›", "›": "‹",
}

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
# Digit groups joined by separators (dates, times, ranges): inside Arabic the bidi algorithm
# turns each group into an Arabic number and shows the groups in reverse order.
_NUMBER_RUN = re.compile(rf"{_DIGIT}+(?:[-\u2010-\u2013/.:]{_DIGIT}+)+")


# --------------------------------------------------------------------------- fonts and style

def font_path(weight: int = 400) -> Path:
    """The Arabic font file of the figures and briefs (Tajawal from ``fontpkg-tajawal``,
    its ligatures split so PDF text extracts exactly: see :mod:`toolkit.plots.fonts`).

    >>> font_path().suffix
    '.ttf'
    """
    return fonts.font_file(weight)


_registered = False


def register_fonts() -> str:
    """Register the packaged Arabic font (regular and bold) with matplotlib's font manager
    (once) and return its family name, e.g. ``fontfamily=register_fonts()`` for ``"خليفة حفتر"``.

    >>> register_fonts()
    'Tajawal'
    """
    global _registered
    if not _registered:
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for weight in fonts.FONT_WEIGHTS:
            path = str(font_path(weight))
            if path not in known:
                font_manager.fontManager.addfont(path)
        _registered = True
    return FONT_FAMILY


def rc_params() -> dict[str, Any]:
    """The rcParams of the toolkit's figures: Arabic font first, DejaVu Sans as fallback
    for any glyph it lacks, quiet axes, reproducible output.

    >>> rc_params()["font.sans-serif"][:2]
    ['Tajawal', 'DejaVu Sans']
    """
    register_fonts()
    return {
        # Named families, not "sans-serif": text artists keep the family list they were
        # created with, while a generic name would be resolved at draw time, outside this
        # style.
        "font.family": [FONT_FAMILY, FALLBACK_FAMILY],
        "font.sans-serif": [FONT_FAMILY, FALLBACK_FAMILY,
                            *[f for f in matplotlib.rcParamsDefault["font.sans-serif"]
                              if f not in (FONT_FAMILY, FALLBACK_FAMILY)]],
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.labelsize": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "figure.dpi": 100,
        "savefig.dpi": 120,
        "savefig.bbox": None,
        "figure.constrained_layout.use": True,
        "svg.fonttype": "path",
        "svg.hashsalt": "antk",
        "pdf.fonttype": 42,
        "path.simplify": True,
    }


def style() -> contextlib.AbstractContextManager[None]:
    """The toolkit's matplotlib style as an rc context, for your own plots too.

    >>> import matplotlib.pyplot as plt
    >>> with style():
    ...     fig, ax = plt.subplots()
    ...     _ = ax.set_title(prepare("خليفة حفتر"))
    >>> plt.close(fig)
    """
    return matplotlib.rc_context(rc_params())


# --------------------------------------------------------------------------- the policy

def has_arabic(text: str) -> bool:
    """True when *text* contains an Arabic letter. ``has_arabic("حفتر 2020")`` is True."""
    return bool(_ARABIC.search(text))


def isolate(text: str) -> str:
    """Wrap digit runs joined by separators (dates, times) in LRI ... PDI when *text*
    contains Arabic, so ``2020-03-09`` keeps its order; other text is returned unchanged.

    >>> isolate("هدنة 2020-03-09") == "هدنة \\u20662020-03-09\\u2069"
    True
    """
    if not has_arabic(text):
        return text
    return _NUMBER_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def prepare(label: Any, *, shaping: str | None = None) -> str:
    """Turn a label into the string to hand to matplotlib, under the shaping policy.

    ``shaping`` defaults to :data:`SHAPING`; ``"native"`` keeps the logical order (dates
    isolated), ``"reshape"`` returns joined presentation forms in visual order for a
    matplotlib without libraqm. ``None`` and NaN give ``""``; other objects are ``str()``-ed.

    >>> prepare("خليفة حفتر", shaping="native")
    'خليفة حفتر'
    >>> prepare("لا", shaping="reshape") == "\\ufefb"
    True
    """
    mode = SHAPING if shaping is None else shaping
    if mode not in ("native", "reshape"):
        raise ValueError(f"shaping={mode!r} is not a shaping policy; use 'native' or 'reshape'")
    if label is None or (isinstance(label, float) and label != label):
        return ""
    text = str(label)
    if mode == "native":
        return "\n".join(isolate(line) for line in text.split("\n"))
    return "\n".join(_visual(line) for line in text.split("\n"))


def prepare_pil(word: Any) -> str:
    """Like :func:`prepare`, for text drawn by PIL (the word cloud) under :data:`PIL_SHAPING`.

    >>> prepare_pil("طرابلس") == prepare("طرابلس", shaping=PIL_SHAPING)
    True
    """
    return prepare(word, shaping=PIL_SHAPING)


# --------------------------------------------------------------------------- fallback

def _levels(text: str) -> list[int]:
    """Resolved bidi embedding level of each character (Unicode Bidi Algorithm, through
    python-bidi, whose debug output lists one level per UTF-8 byte)."""
    from bidi import get_display

    info = str(get_display(text, debug=True))
    try:
        section = info.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    except IndexError:
        section = ""
    per_byte = [int(x) for x in re.findall(r"Level\(\s*(\d+)", section)]
    if len(per_byte) != len(text.encode("utf-8")):
        raise RuntimeError(
            "python-bidi did not report one embedding level per byte "
            f"(got {len(per_byte)} for {len(text.encode('utf-8'))} bytes); "
            "the reshape fallback needs python-bidi >= 0.5"
        )
    levels, offset = [], 0
    for ch in text:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    return levels


def _base_level(text: str) -> int:
    from bidi import get_base_level

    return int(get_base_level(text))


def _visual(line: str) -> str:
    """One line, reshaped and put in visual (left-to-right display) order."""
    import arabic_reshaper

    if not line:
        return line
    text = arabic_reshaper.reshape(isolate(line))
    levels = _levels(text)
    base = _base_level(text)
    # Rule L1: trailing whitespace and isolate controls, and those before them, take the
    # paragraph level.
    i = len(text) - 1
    while i >= 0 and (text[i].isspace() or text[i] in _BIDI_CONTROLS):
        levels[i] = base
        i -= 1
    for j, ch in enumerate(text):
        if ch in (LRI, RLI, FSI, PDI):
            levels[j] = base
            k = j - 1
            while k >= 0 and text[k].isspace():
                levels[k] = base
                k -= 1
    # Rule L4 before reordering: mirror paired characters at odd (right-to-left) levels.
    chars = [MIRRORED.get(ch, ch) if lvl % 2 else ch for ch, lvl in zip(text, levels, strict=True)]
    order = _reorder(levels)
    return "".join(chars[k] for k in order if chars[k] not in _BIDI_CONTROLS)


def _reorder(levels: list[int]) -> list[int]:
    """Rule L2: from the highest level to the lowest odd level, reverse every run at that
    level or higher. Returns the logical indices in visual order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def presentation_forms(text: str) -> list[str]:
    """Arabic presentation-form characters (U+FB50-U+FDFF, U+FE70-U+FEFF) in *text*; on the
    native path none may reach matplotlib.

    >>> presentation_forms("\\ufefb حفتر")
    ['ﻻ']
    """
    return [ch for ch in text if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"]

