"""Arabic in figures is drawn right: matplotlib's glyphs equal HarfBuzz's shaping.

The reference is HarfBuzz (uharfbuzz) on the same font file, with the text split into
bidi level runs (Unicode Bidi Algorithm levels from python-bidi) and the runs put in
visual order; HarfBuzz returns each right-to-left run's glyphs in visual order and mirrors
its brackets. matplotlib's glyphs are recorded where the Agg renderer draws them.
"""

from __future__ import annotations

import re
import unicodedata

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D

from toolkit.plots import arabic
from toolkit.plots.arabic import (
    LRI,
    PDI,
    font_path,
    prepare,
    presentation_forms,
    style,
)

hb = pytest.importorskip("uharfbuzz", reason="pip install -e '.[test]' (uharfbuzz)")

LABELS = ["خليفة حفتر", "حكومة الوفاق (GNA)", "وقف إطلاق النار 2020", "رويترز Reuters", "45%"]
NATIVE = arabic.SHAPING == "native"
needs_libraqm = pytest.mark.skipif(not NATIVE, reason="this matplotlib has no libraqm: pip install 'matplotlib>=3.11'")

SIZE, DPI = 20.0, 100.0


# --------------------------------------------------------------------------- references

@pytest.fixture(scope="module")
def hb_font():
    face = hb.Face(font_path().read_bytes())
    return hb.Font(face)


def _runs(text: str) -> list[tuple[str, bool, list[int]]]:
    """Level runs in visual order: (logical substring, right-to-left?, logical indices)."""
    levels = arabic._levels(text)
    order = arabic._reorder(levels)
    runs, i = [], 0
    while i < len(order):
        j = i
        while j < len(order) and levels[order[j]] == levels[order[i]]:
            j += 1
        idx = sorted(order[i:j])
        runs.append(("".join(text[k] for k in idx), levels[order[i]] % 2 == 1, idx))
        i = j
    return runs


def _shape(font, run: str, rtl: bool, features: dict | None = None):
    buf = hb.Buffer()
    buf.add_str(run)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buf, features or {})
    return buf.glyph_infos, buf.glyph_positions


def hb_glyphs(font, text: str) -> list[tuple[int, float]]:
    """HarfBuzz glyph ids in visual order with their pen x (pixels at SIZE/DPI)."""
    scale = SIZE * DPI / 72 / font.face.upem
    out, pen = [], 0
    for run, rtl, _ in _runs(text):
        infos, positions = _shape(font, run, rtl)
        for info, pos in zip(infos, positions, strict=True):
            out.append((info.codepoint, (pen + pos.x_offset) * scale))
            pen += pos.x_advance
    return out


def mpl_glyphs(text: str, monkeypatch) -> list[tuple[str, int, float]]:
    """(font family, glyph id, x) of every glyph the Agg renderer draws for *text*."""
    drawn: list[list[tuple[str, int, float]]] = []
    original = RendererAgg._draw_text_glyphs_and_boxes

    def record(self, gc, x, y, angle, glyphs, boxes):
        glyphs = list(glyphs)
        drawn.append([(g[0].family_name, int(g[2]), float(g[5])) for g in glyphs])
        return original(self, gc, x, y, angle, glyphs, boxes)

    monkeypatch.setattr(RendererAgg, "_draw_text_glyphs_and_boxes", record)
    with style():
        fig = Figure(figsize=(6, 1), dpi=DPI)
        fig.text(0.02, 0.4, text, fontsize=SIZE)
    FigureCanvasAgg(fig).draw()
    assert len(drawn) == 1
    return drawn[0]


# --------------------------------------------------------------------------- native path

@needs_libraqm
@pytest.mark.parametrize("label", LABELS)
def test_matplotlib_draws_harfbuzz_glyphs_in_visual_order(label, hb_font, monkeypatch):
    drawn = mpl_glyphs(prepare(label), monkeypatch)
    expected = hb_glyphs(hb_font, label)
    assert {family for family, _, _ in drawn} == {arabic.FONT_FAMILY}
    assert [g for _, g, _ in drawn] == [g for g, _ in expected]
    # Same pen positions too (marks included): matplotlib rounds each advance to whole
    # pixels, so allow half a pixel of drift per glyph.
    for i, ((_, _, x), (_, want)) in enumerate(zip(drawn, expected, strict=True)):
        assert abs(x - want) <= 1 + 0.5 * i, (i, x, want)


@needs_libraqm
@pytest.mark.parametrize("label", [s for s in LABELS if arabic.has_arabic(s)])
def test_a_reshaper_on_native_matplotlib_is_caught(label, hb_font, monkeypatch):
    """The check above fails if someone adds arabic_reshaper + bidi on libraqm matplotlib."""
    drawn = mpl_glyphs(prepare(label, shaping="reshape"), monkeypatch)
    assert [g for _, g, _ in drawn] != [g for g, _ in hb_glyphs(hb_font, label)]


@needs_libraqm
def test_hand_checked_visual_order_of_mixed_labels(hb_font, monkeypatch):
    # Worked out by hand: in "حكومة الوفاق (GNA)" the right-to-left paragraph puts the
    # bracketed Latin at the left end, read "(GNA)" left to right; the first glyph drawn
    # is therefore the opening bracket and the next three are G, N, A.
    cmap = {c: hb_font.get_nominal_glyph(ord(c)) for c in "(GNA)20%45"}
    drawn = [g for _, g, _ in mpl_glyphs(prepare("حكومة الوفاق (GNA)"), monkeypatch)]
    assert drawn[:5] == [cmap[c] for c in "(GNA)"]
    # "وقف إطلاق النار 2020": the number sits at the left end, digits in order 2 0 2 0.
    drawn = [g for _, g, _ in mpl_glyphs(prepare("وقف إطلاق النار 2020"), monkeypatch)]
    assert drawn[:4] == [cmap[c] for c in "2020"]
    drawn = [g for _, g, _ in mpl_glyphs(prepare("45%"), monkeypatch)]
    assert drawn == [cmap[c] for c in "45%"]


@needs_libraqm
def test_dates_beside_arabic_keep_their_order(hb_font, monkeypatch):
    label = "في 2020-03-09 قال"
    assert prepare(label) == f"في {LRI}2020-03-09{PDI} قال"
    digits = {hb_font.get_nominal_glyph(ord(c)): c for c in "0123456789-"}
    shown = "".join(digits[g] for _, g, _ in mpl_glyphs(prepare(label), monkeypatch)
                    if g in digits)
    assert shown == "2020-03-09"
    # Without the isolates the bidi algorithm shows the groups reversed (the bug).
    raw = "".join(digits[g] for _, g, _ in mpl_glyphs(label, monkeypatch) if g in digits)
    assert raw == "09-03-2020"
    # libraqm lays the isolates out as zero-width glyphs: nothing else is drawn, no tofu.
    drawn = mpl_glyphs(prepare(label), monkeypatch)
    assert all(g != 0 for _, g, _ in drawn)
    space = hb_font.get_nominal_glyph(32)
    want = [g for g, _ in hb_glyphs(hb_font, prepare(label)) if g != space]
    assert [g for _, g, _ in drawn if g != space] == want


def test_native_prepare_keeps_logical_text():
    for label in LABELS:
        assert prepare(label, shaping="native") == label
        assert presentation_forms(prepare(label, shaping="native")) == []


# --------------------------------------------------------------------------- fallback path

FORMS = {"<initial>": "init", "<medial>": "medi", "<final>": "fina", "<isolated>": "isol"}


def _fallback_letters(visual: str) -> list[tuple[str, str]]:
    """(character, joining form) of each letter of a reshaped visual string, left to right,
    as a pre-3.11 matplotlib draws it (one glyph per character)."""
    out = []
    for ch in visual:
        decomposition = unicodedata.decomposition(ch).split()
        if decomposition and decomposition[0] in FORMS:
            form, chars = FORMS[decomposition[0]], [chr(int(c, 16)) for c in decomposition[1:]]
            if len(chars) == 2:  # lam-alef ligature: alef (final) drawn left of lam
                out += [(chars[1], "fina"), (chars[0], "init" if form == "isol" else "medi")]
            else:
                out.append((chars[0], form))
        else:
            out.append((ch, "isol"))
    return out


def _hb_letters(font, text: str) -> list[tuple[str, str | None]]:
    """(character, joining form from the glyph name, or None) of each spacing glyph HarfBuzz
    draws for *text*, left to right; brackets in right-to-left runs are mirrored."""
    out = []
    for run, rtl, idx in _runs(text):
        infos, positions = _shape(font, run, rtl)
        seen = set()
        for info, pos in zip(infos, positions, strict=True):
            if pos.x_advance == 0 or info.cluster in seen:
                continue  # marks (dots, hamza) belong to their letter
            seen.add(info.cluster)
            ch = text[idx[info.cluster]]
            if rtl:
                ch = arabic.MIRRORED.get(ch, ch)
            name = font.get_glyph_name(info.codepoint)
            parts = name.split(".")
            form = parts[1] if len(parts) > 1 and parts[1] in ("init", "medi", "fina") else None
            if re.fullmatch(r"uni[0-9A-F]{4}", name):  # named by its presentation form
                decomposition = unicodedata.decomposition(chr(int(name[3:], 16))).split()
                if decomposition and decomposition[0] in FORMS:
                    form = FORMS[decomposition[0]]
                    if len(decomposition) == 3:  # lam-alef: the alef is drawn left of the lam
                        lam = "init" if form == "isol" else "medi"
                        out += [(chr(int(decomposition[2], 16)), "fina"), (ch, lam)]
                        continue
                    form = None if form == "isol" else form
            out.append((ch, form))
    return out


@pytest.mark.parametrize("label", [*LABELS, "قال 2020-03-09 (رويترز)"])
def test_fallback_gives_harfbuzz_visual_order_and_joining(label, hb_font):
    visual = prepare(label, shaping="reshape")
    assert not any(c in visual for c in (LRI, PDI))
    # Every character has a glyph in the font: drawn one by one there is no tofu.
    assert all(hb_font.get_nominal_glyph(ord(c)) for c in visual)
    got = _fallback_letters(visual)
    want = _hb_letters(hb_font, arabic.isolate(label))  # the text as meant: dates isolated
    assert [c for c, _ in got] == [c for c, _ in want]
    for (ch, form), (_, hb_form) in zip(got, want, strict=True):
        # Glyph names without a positional suffix are shared isolated/final designs.
        assert form == hb_form or (hb_form is None and form in ("isol", "fina")), (ch, form)


def test_fallback_hand_checked_strings():
    # Visual order written out by hand (left to right as drawn), presentation forms named.
    # "حكومة الوفاق (GNA)": brackets mirrored back, Latin kept left to right at the left end.
    visual = prepare("حكومة الوفاق (GNA)", shaping="reshape")
    assert visual.startswith("(GNA) ")
    assert visual.endswith("\ufea3")  # HAH initial form, the first letter, at the right end
    assert prepare("في 2020-03-09 قال", shaping="reshape") == "\ufedd\ufe8e\ufed7 2020-03-09 \ufef2\ufed3"
    assert prepare("45%", shaping="reshape") == "45%"
    assert prepare("رويترز Reuters", shaping="reshape").startswith("Reuters ")


def test_fallback_forced_in_charts(monkeypatch):
    """Forcing the fallback policy makes the charts hand reshaped, reordered text over."""
    import pandas as pd

    from toolkit.plots import charts

    monkeypatch.setattr(arabic, "SHAPING", "reshape")
    freq = pd.DataFrame({"term": ["حفتر", "ليبيا"], "count": [5, 9]})
    fig = charts.top_terms(freq)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == [prepare("ليبيا", shaping="reshape"), prepare("حفتر", shaping="reshape")]
    assert all(presentation_forms(t) for t in ticks)


def test_prepare_rejects_unknown_policy_and_handles_missing():
    with pytest.raises(ValueError, match="shaping='raqm'"):
        prepare("حفتر", shaping="raqm")
    assert prepare(None) == ""
    assert prepare(float("nan")) == ""
    assert prepare(2020) == "2020"
    # Multi-line labels are handled line by line.
    assert prepare("حفتر\nباريس", shaping="reshape").split("\n") == [
        prepare("حفتر", shaping="reshape"), prepare("باريس", shaping="reshape")]


def test_policy_follows_libraqm():
    assert (arabic.SHAPING == "native") == hasattr(matplotlib.ft2font, "__libraqm_version__")


def test_font_registered_with_dejavu_fallback():
    from matplotlib import font_manager

    with style():
        assert matplotlib.rcParams["font.sans-serif"][:2] == ["Tajawal", "DejaVu Sans"]
        found = font_manager.findfont(font_manager.FontProperties(family="Tajawal"),
                                      fallback_to_default=False)
    assert found == str(font_path())


# --------------------------------------------------------------------------- PIL (word cloud)

def _raster_hb(font, text: str, size: int, features: dict | None = None) -> np.ndarray:
    """Rasterize HarfBuzz's shaping of *text* (outlines from HarfBuzz's draw API)."""
    scale = size / font.face.upem
    verts: list[tuple[float, float]] = []
    codes: list[int] = []

    class Pen:
        def __init__(self, dx: float, dy: float):
            self.dx, self.dy = dx, dy

        def _p(self, p):
            return (self.dx + p[0]) * scale, (self.dy + p[1]) * scale

        def moveTo(self, p):  # noqa: N802 - fontTools pen protocol
            verts.append(self._p(p))
            codes.append(MplPath.MOVETO)

        def lineTo(self, p):  # noqa: N802
            verts.append(self._p(p))
            codes.append(MplPath.LINETO)

        def qCurveTo(self, *pts):  # noqa: N802
            # TrueType: an on-curve point is implied between two off-curve points.
            *offs, end = pts
            if not offs:
                self.lineTo(end)
            for i, c in enumerate(offs):
                nxt = end if i == len(offs) - 1 else (
                    (c[0] + offs[i + 1][0]) / 2, (c[1] + offs[i + 1][1]) / 2)
                verts.extend([self._p(c), self._p(nxt)])
                codes.extend([MplPath.CURVE3, MplPath.CURVE3])

        def curveTo(self, c1, c2, p):  # noqa: N802
            verts.extend([self._p(c1), self._p(c2), self._p(p)])
            codes.extend([MplPath.CURVE4] * 3)

        def closePath(self):  # noqa: N802
            verts.append((0.0, 0.0))
            codes.append(MplPath.CLOSEPOLY)

        def endPath(self):  # noqa: N802
            pass

    pen_x = 0
    for run, rtl, _ in _runs(text):
        infos, positions = _shape(font, run, rtl, features)
        for info, pos in zip(infos, positions, strict=True):
            font.draw_glyph_with_pen(info.codepoint, Pen(pen_x + pos.x_offset, pos.y_offset))
            pen_x += pos.x_advance
    width, height = int(pen_x * scale) + 40, int(size * 3)
    renderer = RendererAgg(width, height, 72)
    gc = renderer.new_gc()
    gc.set_linewidth(0)
    renderer.draw_path(gc, MplPath(verts, codes), Affine2D().translate(20, size * 0.6),
                       (0, 0, 0, 1))
    return np.asarray(renderer.buffer_rgba())[..., 3] > 127


def _raster_pil(text: str, size: int) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path()), size)  # the layout engine wordcloud gets
    image = Image.new("L", (size * len(text) + 40, size * 3), 0)
    ImageDraw.Draw(image).text((20, size // 2), text, fill=255, font=font)
    return np.asarray(image) > 127


def _crop(mask: np.ndarray) -> np.ndarray:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return mask[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def _dilate(mask: np.ndarray) -> np.ndarray:
    padded = np.pad(mask, 1)
    out = np.zeros_like(mask)
    for dy in range(3):
        for dx in range(3):
            out |= padded[dy:dy + mask.shape[0], dx:dx + mask.shape[1]]
    return out


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Share of each image's ink lying within a pixel of the other's (the smaller of the two
    shares), after cropping both to their ink: hinting and anti-aliasing move edges by a
    pixel, a different glyph order moves whole letters."""
    a, b = _crop(a), _crop(b)
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    pa = np.zeros((h, w), bool)
    pb = np.zeros((h, w), bool)
    pa[:a.shape[0], :a.shape[1]] = a
    pb[:b.shape[0], :b.shape[1]] = b
    return min(float((pa & _dilate(pb)).sum() / pa.sum()),
               float((pb & _dilate(pa)).sum() / pb.sum()))


@pytest.mark.parametrize("word", ["حفتر", "طرابلس", "الليبي", "حكومة الوفاق (GNA)"])
def test_word_cloud_text_drawn_by_pil_matches_harfbuzz(word, hb_font):
    """What the word cloud hands PIL, PIL draws as HarfBuzz shapes the word (pixels)."""
    size = 64
    reference = _raster_hb(hb_font, word, size)
    drawn = _raster_pil(arabic.prepare_pil(word), size)
    good = _overlap(drawn, reference)
    assert good > 0.95, good
    # The other policy draws something else: the test can tell them apart.
    other = "reshape" if arabic.PIL_SHAPING == "native" else "native"
    wrong = _overlap(_raster_pil(prepare(word, shaping=other), size), reference)
    assert wrong < 0.8, (good, wrong)


def _raster_unshaped(text: str, size: int) -> np.ndarray:
    """Draw one glyph per character, left to right, no shaping or reordering: what a
    matplotlib without libraqm does (PIL's BASIC layout does the same)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path()), size, layout_engine=ImageFont.Layout.BASIC)
    image = Image.new("L", (size * len(text) + 40, size * 3), 0)
    ImageDraw.Draw(image).text((20, size // 2), text, fill=255, font=font)
    return np.asarray(image) > 127


@pytest.mark.parametrize("label", [*LABELS, "قال 2020-03-09 (رويترز)"])
def test_fallback_drawn_unshaped_looks_like_harfbuzz(label, hb_font):
    """The fallback string drawn glyph by glyph matches HarfBuzz's shaping in pixels, and
    clearly better than the reshaper alone (logical order) would. Drawing one glyph per
    character cannot kern (Tajawal kerns an isolated ر against its neighbours), so the
    reference is shaped without the ``kern`` feature."""
    import arabic_reshaper

    size = 64
    reference = _raster_hb(hb_font, arabic.isolate(label), size, {"kern": False})
    good = _overlap(_raster_unshaped(prepare(label, shaping="reshape"), size), reference)
    assert good > 0.85, good
    if arabic.has_arabic(label):
        logical = _overlap(_raster_unshaped(arabic_reshaper.reshape(label), size), reference)
        assert logical < 0.6, (good, logical)


def test_bidi_levels_and_reordering_by_hand():
    # "حفتر GNA": four Arabic letters and the space at level 1, the Latin run at level 2
    # (rule I2: L in a right-to-left embedding goes up one).
    assert arabic._levels("حفتر GNA") == [1, 1, 1, 1, 1, 2, 2, 2]
    assert arabic._levels("abc") == [0, 0, 0]
    # Rule L2 on levels 0 0 1 1 1: the odd run is reversed, the rest stays.
    assert arabic._reorder([0, 0, 1, 1, 1]) == [0, 1, 4, 3, 2]
    # Levels 1 2 2 1: reverse the level-2 run, then the whole line at level 1.
    assert arabic._reorder([1, 2, 2, 1]) == [3, 1, 2, 0]
