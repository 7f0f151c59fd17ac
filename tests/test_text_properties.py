"""Property tests (hypothesis) over arbitrary Unicode and Arabic-heavy text."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.text import (
    PRESETS,
    WORD_KINDS,
    normalize,
    normalize_with_offsets,
    segment,
    sentences,
    split_proclitics,
    tokenize,
    words,
)
from toolkit.text.segmentation import _key

# Arabic letters, marks, tatweel, digits, punctuation, invisible marks and the
# characters that sit next to them in news and social text
_ARABIC_BITS = (
    [chr(c) for c in range(0x0600, 0x0700)]
    + [chr(c) for c in range(0xFE70, 0xFEFD)]
    + list("ﷲﷺﻻﻷ")
    + list(" \n\t.,:;!?\"'«»“”()[]-–_#@%/0123456789")
    + ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2066", "\u2069"]
    + ["\x00", "\x07", "\ud800", "\udfff", "\ufe0f", "\u20e3"]
    + ["👍", "🏽", "🇱", "🇾", "https://", "www.", "a", "B", "é", "ß", "İ"]
)
arabic_text = st.lists(st.sampled_from(_ARABIC_BITS), max_size=80).map("".join)
any_text = st.text(alphabet=st.characters(codec=None), max_size=80)
texts = st.one_of(arabic_text, any_text)
presets = st.sampled_from(sorted(PRESETS))
# 300 examples per property in CI; run deeper by hand with ANTK_HYPOTHESIS_EXAMPLES=5000
SETTINGS = settings(
    max_examples=int(os.environ.get("ANTK_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(texts, presets)
def test_tokenize_offsets_are_ordered_and_slice_the_original(text, preset):
    toks = tokenize(text, preset)
    last = 0
    for t in toks:
        assert last <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        last = t.end
        assert t.kind in ("word", "number", "punct", "latin", "url", "email", "hashtag",
                          "mention", "emoji")  # fmt: skip
        if t.kind != "emoji":
            assert t.norm == normalize(t.text, preset)


@SETTINGS
@given(texts, presets)
def test_words_fast_path_equals_word_tokens(text, preset):
    assert words(text, preset) == [t.norm for t in tokenize(text, preset) if t.kind in WORD_KINDS]


@SETTINGS
@given(texts, presets)
def test_normalize_is_idempotent(text, preset):
    once = normalize(text, preset)
    assert normalize(once, preset) == once


@SETTINGS
@given(texts, presets, st.data())
def test_offset_map_spans_are_valid(text, preset, data):
    norm, om = normalize_with_offsets(text, preset)
    assert norm == normalize(text, preset)
    start = data.draw(st.integers(0, len(norm)))
    end = data.draw(st.integers(start, len(norm)))
    s, e = om.span(start, end)
    assert 0 <= s <= e <= len(text)
    # the original span normalizes to a string containing the normalized span
    assert norm[start:end] in normalize(text[s:e], preset)
    assert om.span(0, len(norm))[1] <= len(text)


@SETTINGS
@given(texts)
def test_sentences_are_ordered_spans_of_the_original(text):
    last = 0
    for s in sentences(text):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        last = s.end


@SETTINGS
@given(arabic_text)
def test_segment_never_raises_and_split_rebuilds_the_word(text):
    for w in words(text, "none"):
        segs = segment(w)
        assert segs and all(segs)
        joined = "".join(segs)
        # ل + ال is written لل; a ligature (ﻵ) is cut in its normalized form
        written = (joined, joined.replace("لال", "لل", 1))
        assert w in written or _key(w) in written
    for w in words(text):
        p, s = split_proclitics(w)
        assert p + s == w


@SETTINGS
@given(texts)
def test_one_tokenization_gives_tokens_and_sentences(text):
    # the analysis of one text (toolkit.text.document_tokens, what analyze() keeps per
    # document): its tokens and sentences equal tokenize(text) and sentences(text)
    from toolkit.text import document_tokens

    doc = document_tokens(text)
    toks = tokenize(text)
    got = list(zip(doc.starts, doc.ends, doc.surfaces, doc.norms, doc.kinds, strict=True))
    assert got == [tuple(t) for t in toks]
    assert list(doc.sentences) == [(s.start, s.end) for s in sentences(text)]
