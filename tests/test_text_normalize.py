"""Normalization presets and offsets, on real spellings from the shared corpora."""

from __future__ import annotations

import pytest

from toolkit.text import PRESETS, normalize, normalize_with_offsets


def test_presets_are_the_documented_four():
    assert set(PRESETS) == {"none", "light", "search", "aggressive"}


def test_search_unifies_spelling_variants_seen_in_saudinewsnet():
    # SaudiNewsNet writes both الايطالية and الإيطالية; hamza seats: مسؤول / مسئول
    assert normalize("الإيطالية") == normalize("الايطالية") == "الايطاليه"
    assert normalize("مسؤول") == normalize("مسئول") == "مسءول"
    assert normalize("إلى") == normalize("الى") == "الي"
    assert normalize("آخر") == "اخر"
    assert normalize("ٱلله") == "الله"


def test_search_removes_diacritics_dagger_alef_and_tatweel():
    # WikiNews is fully diacritised: فِيلْمُ جَاذِبِيَّةْ يَتَصَدَّرُ
    assert normalize("فِيلْمُ جَاذِبِيَّةْ يَتَصَدَّرُ") == "فيلم جاذبيه يتصدر"
    assert normalize("هٰذا") == "هذا"  # dagger alef
    assert normalize("الـمـؤتـمـر") == "المءتمر"
    assert normalize("جدًا") == "جدا"  # seed article: tanwin on alef


def test_digits_punctuation_and_latin_case():
    assert normalize("عام ٢٠١١") == "عام 2011"
    assert normalize("۲۰۲۰") == "2020"  # Persian digits
    assert normalize("٣٫٥٪") == "3.5%"
    assert normalize("«حفتر»، هل؟ نعم؛") == '"حفتر", هل? نعم;'
    assert normalize("“Reuters”") == '"reuters"'


def test_light_keeps_spelling_but_drops_invisible_marks():
    text = "\u200fإيمانويل\u200c ماكرون\u0640\ufeff"
    assert normalize(text, "light") == "إيمانويل ماكرون"
    assert normalize("مسؤول", "light") == "مسؤول"
    assert normalize("ﻻ", "light") == "لا"  # presentation-form ligature (NFKC)
    assert normalize("ی ک", "light") == "ي ك"  # Persian yeh and keheh


def test_none_is_identity_and_aggressive_goes_further():
    text = "مسؤول «café»…"
    assert normalize(text, "none") == text
    agg = normalize(text, "aggressive")
    assert agg == 'مسول "cafe"...'
    assert normalize("مسئول", "aggressive") == normalize("مسول", "aggressive")


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_idempotent_on_the_seed(seed_text, preset):
    once = normalize(seed_text, preset)
    assert normalize(once, preset) == once


def test_offsets_map_back_to_the_original_on_the_seed(seed_text):
    norm, om = normalize_with_offsets(seed_text)
    assert norm == normalize(seed_text)
    # every occurrence of a normalized word maps back to a surface that normalizes to it
    for target in ("ماكرون", "حفتر", "الاعلام", "ارهابيا", "جدا"):
        start = norm.find(target)
        assert start >= 0, target
        s, e = om.span(start, start + len(target))
        assert normalize(seed_text[s:e]) == target
    # "إرهابيًا" carries a tanwin: the original is one character longer than the view
    i = norm.find("ارهابيا")
    s, e = om.span(i, i + 7)
    assert seed_text[s:e] == "إرهابيًا"


def test_offsets_expansion_and_removal_edges():
    text = "\u200fﻻ\u064e بد"
    norm, om = normalize_with_offsets(text, "search")
    assert norm == "لا بد"
    assert om.span(0, 2) == (1, 2)  # the RLM before stays out, the ligature is one char
    assert om.span(0, 1) == (1, 2)  # half of an expansion maps to the whole character
    assert om.span(3, 5) == (4, 6)
    assert om.span(5, 5) == (6, 6)
    with pytest.raises(ValueError, match="out of range"):
        om.span(0, 9)


def test_bad_input():
    with pytest.raises(TypeError, match="bytes"):
        normalize(b"\xd8\xa7")
    with pytest.raises(TypeError, match="NoneType"):
        normalize_with_offsets(None)
    with pytest.raises(ValueError, match="preset must be one of .*'search'.* got 'fast'"):
        normalize("نص", preset="fast")
    assert normalize("") == ""
    norm, om = normalize_with_offsets("")
    assert norm == "" and om.span(0, 0) == (0, 0)


# --------------------------------------------------------------------------- array path


def _str_path(text: str, preset: str):
    """normalize_with_offsets with the array path switched off (the reference)."""
    import sys

    module = sys.modules["toolkit.text.normalization"]
    saved = module._ARRAY_MIN_CHARS
    module._ARRAY_MIN_CHARS = 10**12
    try:
        return normalize_with_offsets(text, preset)
    finally:
        module._ARRAY_MIN_CHARS = saved


def _same(a, b) -> bool:
    (na, ma), (nb, mb) = a, b
    return na == nb and (ma._ns, ma._ks, ma._os, ma._shift, ma.norm_len) == (
        mb._ns, mb._ks, mb._os, mb._shift, mb.norm_len
    )


@pytest.mark.parametrize("preset", ["light", "search", "aggressive"])
def test_array_path_equals_str_path_on_the_seed(seed_text, preset):
    # the seed is long (array path) and holds harakat, which the array path removes
    assert len(seed_text) > 256
    assert _same(normalize_with_offsets(seed_text, preset), _str_path(seed_text, preset))


def test_array_path_equals_str_path_on_the_libya_subset(libya_jsonl):
    from toolkit.corpus import load_corpus

    texts = load_corpus(libya_jsonl).frame.text.tolist()
    for text in texts:
        assert _same(normalize_with_offsets(text), _str_path(text, "search"))


@pytest.mark.parametrize(
    "tail",
    [
        "ﻻ",  # a ligature the preset expands (str path)
        "\U0001f600",  # beyond the BMP (str path)
        "\ud83d",  # a lone surrogate (str path)
        "قَالَ ـــ",  # harakat and tatweel removed (array path)
    ],
)
def test_array_path_falls_back_and_keeps_offsets(tail):
    text = "قَالَ الرئيس " * 30 + tail + " وصل حفتر"
    got = normalize_with_offsets(text)
    assert _same(got, _str_path(text, "search"))
    norm, om = got
    # حفتر is the last word: its span maps back to the last four characters written
    s, e = om.span(len(norm) - 4, len(norm))
    assert text[s:e] == "حفتر"


def test_long_text_normalizes_as_each_character_alone():
    # a text over 256 characters takes the lookup table over UTF-16 code units; a ligature
    # (expands) or a character beyond the BMP sends it back to the replacements: every road
    # must equal normalizing character by character (every step maps one character)
    from toolkit.text import normalize

    base = "وَقَالَ المُتَحَدِّثُ: «الـمـفـاوضات» ٣٫٥ مسؤول ﻣﺴﺆﻭﻝ \u200fکتاب ABC، "
    for extra in ("", "ﻻ", "👩🏽‍⚕️"):
        text = (base + extra) * 12
        assert len(text) > 256
        for preset in ("light", "search", "aggressive"):
            assert normalize(text, preset) == "".join(normalize(c, preset) for c in text)
    assert normalize(base * 12).startswith("وقال المتحدث: \"المفاوضات\" 3.5 مسءول مسءول كتاب abc, ")
