"""The toolkit's Arabic font (Tajawal, SIL OFL 1.1, package ``fontpkg-tajawal``), prepared so
that PDFs printed with it give back their words.

Why Tajawal: printed by Chromium, its text layer extracts as whole words (``خليفة حفتر``);
Noto Sans Arabic (variable) is embedded as Type 3 glyphs that split words, Cairo and IBM
Plex Sans Arabic reorder letters. DejaVu Sans (shipped with matplotlib) is the fallback.

One defect remains in every font tried: a ligature of Arabic letters (lam-alef ``لا``,
``الله``) is one glyph for two or more letters. Chromium marks right-to-left text as
``ReversedChars`` and gives the ligature the logical text ``لا``; pdftotext and PyMuPDF then
reverse the whole run, ligature text included, and ``إطلاق`` comes out as ``إطالق``.
:func:`split_ligatures` rewrites those ligature rules so the same drawing is produced by
one glyph per letter: the first letter becomes the ligature's glyph, the others an empty
zero-width glyph. The page looks the same; every glyph now stands for one letter, so the
reversal is exact. The rewritten fonts are made once and kept in ``~/.cache/antk/fonts``
(``$XDG_CACHE_HOME``), or in a temporary folder when that is not writable.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
from pathlib import Path

__all__ = [
    "FONT_FAMILY",
    "FONT_WEIGHTS",
    "font_file",
    "add_isolated_forms",
    "source_font",
    "split_ligatures",
]

FONT_FAMILY = "Tajawal"
#: weights the briefs embed (regular and bold)
FONT_WEIGHTS = (400, 700)
#: bump when :func:`split_ligatures` changes, so cached fonts are made again
PREPARATION = "split-ligatures-2"
EMPTY_GLYPH = "antk.empty"

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                  (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def source_font(weight: int = 400) -> Path:
    """The font file of ``fontpkg-tajawal`` at ``weight`` (as installed, not rewritten).

    >>> source_font(700).name
    'Tajawal-Bold.ttf'
    """
    import fontpkg

    return Path(fontpkg.path(FONT_FAMILY, weight))


def _is_arabic(code: int | None) -> bool:
    return code is not None and any(lo <= code <= hi for lo, hi in _ARABIC_RANGES)


def _single_lookup(mapping: dict[str, str], flag: int) -> object:
    from fontTools.ttLib.tables import otTables as ot

    sub = ot.SingleSubst()
    sub.mapping = dict(mapping)
    lookup = ot.Lookup()
    lookup.LookupType, lookup.LookupFlag = 1, flag
    lookup.SubTable = [sub]
    lookup.SubTableCount = 1
    return lookup


def _context_rule(glyphs: list[str], first: int, rest: int) -> object:
    """A chaining context rule (format 3): at ``glyphs``, apply lookup ``first`` to the first
    glyph and lookup ``rest`` to every other."""
    from fontTools.ttLib.tables import otTables as ot

    rule = ot.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackGlyphCount = rule.LookAheadGlyphCount = 0
    rule.BacktrackCoverage, rule.LookAheadCoverage = [], []
    rule.InputCoverage = []
    for glyph in glyphs:
        coverage = ot.Coverage()
        coverage.glyphs = [glyph]
        rule.InputCoverage.append(coverage)
    rule.InputGlyphCount = len(glyphs)
    rule.SubstLookupRecord = []
    for index in range(len(glyphs)):
        record = ot.SubstLookupRecord()
        record.SequenceIndex = index
        record.LookupListIndex = first if index == 0 else rest
        rule.SubstLookupRecord.append(record)
    rule.SubstCount = len(rule.SubstLookupRecord)
    return rule


def _add_empty_glyph(font: object) -> None:
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    order = font.getGlyphOrder()
    if EMPTY_GLYPH in order:
        return
    font.setGlyphOrder([*order, EMPTY_GLYPH])
    font["glyf"].glyphs[EMPTY_GLYPH] = Glyph()
    font["glyf"].glyphOrder = font.getGlyphOrder()
    font["hmtx"].metrics[EMPTY_GLYPH] = (0, 0)
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
        font["GDEF"].table.GlyphClassDef.classDefs[EMPTY_GLYPH] = 1


def split_ligatures(font: object) -> int:
    """Rewrite the Arabic letter ligatures of a fontTools ``TTFont`` in place; return how many.

    A lookup whose ligatures all join Arabic letters (no marks) becomes a chaining context
    lookup: for ``ل + ا → ﻻ``, the lam is replaced by the ``ﻻ`` glyph and the alef by an
    empty glyph of zero width. Other lookups (marks, Latin ``fi``) are left as they are.

    >>> from fontTools.ttLib import TTFont
    >>> split_ligatures(TTFont(source_font())) >= 8  # the lam-alef forms, and الله
    True
    """
    if "GSUB" not in font:
        return 0
    table = font["GSUB"].table
    lookups = table.LookupList.Lookup
    reverse = {glyph: code for code, glyph in font.getBestCmap().items()}
    classes = {}
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
        classes = font["GDEF"].table.GlyphClassDef.classDefs

    def letter(glyph: str) -> bool:
        return _is_arabic(reverse.get(glyph)) and classes.get(glyph) != 3

    converted = 0
    for lookup in list(lookups):
        if lookup.LookupType not in (4, 7):
            continue
        subtables = [s.ExtSubTable if lookup.LookupType == 7 else s for s in lookup.SubTable]
        if not subtables or any(getattr(s, "LookupType", 4) != 4 for s in subtables):
            continue
        ligatures = [
            (first, lig)
            for sub in subtables
            for first, ligs in sub.ligatures.items()
            for lig in ligs
        ]
        if not ligatures or not all(
            letter(first) and all(letter(c) for c in lig.Component) for first, lig in ligatures
        ):
            continue
        _add_empty_glyph(font)
        flag = lookup.LookupFlag
        empty_index = len(lookups)
        lookups.append(_single_lookup({}, flag))
        rules = []
        for first, lig in ligatures:
            for component in lig.Component:
                lookups[empty_index].SubTable[0].mapping[component] = EMPTY_GLYPH
            first_index = len(lookups)
            lookups.append(_single_lookup({first: lig.LigGlyph}, flag))
            rules.append(_context_rule([first, *lig.Component], first_index, empty_index))
            converted += 1
        lookup.LookupType = 6
        lookup.SubTable = rules
        lookup.SubTableCount = len(rules)
    table.LookupList.LookupCount = len(lookups)
    for tag in ("DSIG", "hdmx", "LTSH", "VDMX"):  # tables that the new glyph or edit invalidate
        if tag in font:
            del font[tag]
    return converted


def add_isolated_forms(font: object) -> int:
    """Map the isolated presentation forms (U+FE80–U+FEFC, one letter each) that the cmap
    lacks to the letter's own glyph, as fonts draw an isolated letter; return how many.

    matplotlib without libraqm is handed reshaped text (presentation forms); Tajawal maps
    ``ﺍ`` (U+FE8D) and ``ﻕ`` (U+FED5) to nothing, so they would be drawn from the fallback.

    >>> from fontTools.ttLib import TTFont
    >>> add_isolated_forms(TTFont(source_font())) > 0
    True
    """
    import unicodedata

    added = 0
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for code in range(0xFB50, 0xFEFD):
            parts = unicodedata.decomposition(chr(code)).split()
            if len(parts) != 2 or parts[0] != "<isolated>" or code in table.cmap:
                continue
            glyph = table.cmap.get(int(parts[1], 16))
            if glyph is not None:
                table.cmap[code] = glyph
                added += 1
    return added


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "antk" / "fonts"


def _prepare(source: Path) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(str(source))
    split_ligatures(font)
    add_isolated_forms(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ttf", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


@functools.cache
def font_file(weight: int = 400) -> Path:
    """The prepared font file at ``weight`` (ligatures split; made once, then read from the
    cache). Both the briefs' HTML/PDF and the figures use it.

    >>> font_file().name.startswith("Tajawal-Regular")
    True
    """
    source = source_font(weight)
    stat = source.stat()
    name = f"{source.stem}-{stat.st_size}-{int(stat.st_mtime)}-{PREPARATION}.ttf"
    user = os.getuid() if hasattr(os, "getuid") else "user"
    data = None
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / f"antk-fonts-{user}"):
        if (folder / name).is_file():
            return folder / name
        data = data or _prepare(source)
        with contextlib.suppress(OSError):
            return _write(folder, name, data)
    raise OSError(f"could not write the prepared font {name} in {_cache_dir()} or the temp folder")
