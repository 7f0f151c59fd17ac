"""The prepared Arabic font draws exactly what the font's author drew, one glyph per letter.

HarfBuzz shapes each text with the installed Tajawal and with the prepared copy: the drawn
glyphs (the empty glyph left out) and their pen positions must be the same, while every
lam-alef that was one glyph for two letters is now one glyph per letter.
"""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from toolkit.plots import fonts

hb = pytest.importorskip("uharfbuzz", reason="pip install -e '.[test]' (uharfbuzz)")

TEXTS = ["وقف إطلاق النار", "خليفة حفتر", "إيمانويل ماكرون", "الأمم المتحدة لا تعلم",
         "عبد الله والإمارات", "لآلئ ولإسقاط", "حكومة الوفاق (GNA) 2020"]


def _shape(path, text):
    font = hb.Font(hb.Face(path.read_bytes()))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    names = TTFont(str(path)).getGlyphOrder()
    drawn, pen = [], 0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        drawn.append((names[info.codepoint], pen + pos.x_offset, info.cluster))
        pen += pos.x_advance
    return drawn, pen


@pytest.mark.parametrize("weight", fonts.FONT_WEIGHTS)
@pytest.mark.parametrize("text", TEXTS)
def test_prepared_font_draws_the_same_glyphs(text, weight):
    source, _ = _shape(fonts.source_font(weight), text)
    prepared, width = _shape(fonts.font_file(weight), text)
    assert [(g, x) for g, x, _ in prepared if g != fonts.EMPTY_GLYPH] == [
        (g, x) for g, x, _ in source
    ]
    assert width == _shape(fonts.source_font(weight), text)[1]
    # one glyph per character: no cluster covers two letters any more
    assert len(prepared) == len(text)
    assert sorted(c for _, _, c in prepared) == list(range(len(text)))


def test_lam_alef_is_drawn_by_the_lam_and_an_empty_alef():
    source, _ = _shape(fonts.source_font(), "إطلاق")
    prepared, _ = _shape(fonts.font_file(), "إطلاق")
    # visual order (left to right): ق isolated (alef does not join on), لا final (U+FEFC,
    # joined from ط), ط initial (U+FEC3), إ isolated
    assert [(g, c) for g, _, c in source] == [
        ("uni0642", 4), ("uniFEFC", 2), ("uniFEC3", 1), ("uni0625", 0)
    ]
    assert [(g, c) for g, _, c in prepared] == [
        ("uni0642", 4), (fonts.EMPTY_GLYPH, 3), ("uniFEFC", 2), ("uniFEC3", 1), ("uni0625", 0)
    ]


def test_prepared_font_is_made_once(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fonts.font_file.cache_clear()
    try:
        first = fonts.font_file()
        assert first.parent == tmp_path / "antk" / "fonts"
        mtime = first.stat().st_mtime_ns
        fonts.font_file.cache_clear()
        assert fonts.font_file() == first and first.stat().st_mtime_ns == mtime
    finally:
        fonts.font_file.cache_clear()


@pytest.mark.parametrize("module", ["toolkit.plots.fonts", "toolkit.plots.arabic"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
