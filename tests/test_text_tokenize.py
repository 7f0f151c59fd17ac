"""Tokens with offsets on the seed article and on FIGNEWS-style social text."""

from __future__ import annotations

import json

import pytest

from toolkit.text import WORD_KINDS, tokenize, words

# Every spot of the seed article where punctuation is followed directly by a letter (or by
# an opening quote then a letter) with no space, found with
#   re.finditer(r'[.،:"](?=[^\W\d_])', seed) and checked by eye; (left, punct..., right).
SEED_MISSING_SPACES = [
    ("البلاد", ".", "لكن"),
    ("ذلك", "،", "استقبل"),
    ("باريس", ".", "وقال"),
    ("الفرنسي", '"', ".", "ووفقا"),
    ("الفرنسية", "،", "أن"),  # written " ،أن": the space is on the wrong side
    ("الوفاق", ".", "وأضاف"),
    ("باريس", ":", '"', "أكد"),
    ("الفرنسية", ":", '"', "حفتر"),
    ("معه", ".", "وهو"),
    ("ليبيا", "،", "وكانت"),
    ("ليبيا", ".", "وقال"),
    ("طرابلس", ".", "ونقلت"),
    ("لودريان", ".", "وتسعى"),
    ("نتيجة", ".", "ومنذ"),
    ("مؤخراً", "،", "كثفت"),
    ("الفرنسي", "،", "الأسبوع"),
    ("الماضي", "،", "الى"),
    ("الليبية", ".", "ودعا"),
    ("ميركل", "،", "حيث"),
    ("القتال", "،", "حيث"),
    ("جديدة", ".", "وكان"),
    ("المسماري", "،", "أكد"),
    ("صحفي", "،", "الى"),
    ("الهدنة", '"', ".", "وأشار"),
    ("صعبا", ".", "وفي"),
    ("السياق", "،", "قال"),
    ("النار", "،", "أكد"),
    ("الروسية", "،", "أن"),
    ("النار", ".", "وتابع"),
    ("الليبية", ".", "وقال"),
    ("الإرهابية", '"', ".", "وأكد"),
    ("الليبية", ".", "وهو"),
    ("الحويج", "،", "الأحد", "،", "في"),
    ("والمغاربي", "،", "حيث"),
]


def _runs(tokens, n):
    surf = [t.text for t in tokens]
    return {tuple(surf[i : i + n]) for i in range(len(surf) - n + 1)}


def test_every_missing_space_spot_of_the_seed_is_split(seed_text):
    toks = tokenize(seed_text)
    for spot in SEED_MISSING_SPACES:
        assert spot in _runs(toks, len(spot)), spot
    # and the surfaces really touch in the original (but for the one " ،أن")
    touching = seed_text.replace("الفرنسية ،أن", "الفرنسية،أن")
    for spot in SEED_MISSING_SPACES:
        assert "".join(spot) in touching, spot


def test_offsets_slice_the_original_seed(seed_text):
    toks = tokenize(seed_text)
    assert toks
    for a, b in zip(toks, toks[1:], strict=False):
        assert a.end <= b.start
    for t in toks:
        assert seed_text[t.start : t.end] == t.text
    # the article has no URL, e-mail, hashtag, mention or emoji
    assert {t.kind for t in toks} == {"word", "number", "punct"}
    # its numbers, found by eye: 2011 2017 2018 7 6 35
    assert [t.text for t in toks if t.kind == "number"] == ["2011", "2017", "2018", "7", "6", "35"]


def test_tatweel_prefixes_and_quotes_in_the_seed(seed_text):
    # في تصريح لـ"بوابة إفريقيا الإخبارية"، أن
    i = seed_text.index('لـ"بوابة')
    j = seed_text.index("أن قوات", i) + 2
    got = [(t.text, t.norm, t.kind) for t in tokenize(seed_text[i:j])]
    assert got == [
        ("لـ", "ل", "word"),
        ('"', '"', "punct"),
        ("بوابة", "بوابه", "word"),
        ("إفريقيا", "افريقيا", "word"),
        ("الإخبارية", "الاخباريه", "word"),
        ('"', '"', "punct"),
        ("،", ",", "punct"),
        ("أن", "ان", "word"),
    ]
    assert [t.norm for t in tokenize("الـمؤتمر لـ 45% و2,5 و٢٠٢٠ و3.5")] == [
        "المءتمر",
        "ل",
        "45%",
        "و",
        "2,5",
        "و",
        "2020",
        "و",
        "3.5",
    ]


def test_social_media_kinds():
    text = (
        "عاجل: #غزة_الآن تقرير @AJArabic على https://t.co/AbC12?x=1، "
        "راسلونا news@example.org 👍🏽👨‍👩‍👧 🇵🇸 ٤٥٪"
    )
    got = [(t.text, t.kind) for t in tokenize(text)]
    assert got == [
        ("عاجل", "word"),
        (":", "punct"),
        ("#غزة_الآن", "hashtag"),
        ("تقرير", "word"),
        ("@AJArabic", "mention"),
        ("على", "word"),
        ("https://t.co/AbC12?x=1", "url"),
        ("،", "punct"),
        ("راسلونا", "word"),
        ("news@example.org", "email"),
        ("👍🏽", "emoji"),
        ("👨‍👩‍👧", "emoji"),
        ("🇵🇸", "emoji"),
        ("٤٥٪", "number"),
    ]
    emoji = [t for t in tokenize(text) if t.kind == "emoji"]
    assert emoji[1].norm == "👨\u200d👩\u200d👧"  # the ZWJ sequence keeps its joiners


def test_invisible_marks_control_chars_and_surrogates_make_no_token():
    text = "\u200fحفتر\u200e \x00\x07 \ud800 \u200c\ufeff ماكرون\u061c ـــ \u064b"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["حفتر", "ماكرون"]
    assert words(text) == ["حفتر", "ماكرون"]
    # a ZWNJ inside a word stays in its surface and leaves its norm
    t = tokenize("مي\u200cخواهم")[0]
    assert (t.text, t.norm) == ("مي\u200cخواهم", "ميخواهم")


def test_words_equals_the_word_tokens_on_fignews(shared_data):
    path = shared_data / "fignews" / "fignews_iaa_arabic.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) == 297
    kinds = set()
    for row in rows:
        toks = tokenize(row["text"])
        kinds |= {t.kind for t in toks}
        for t in toks:
            assert row["text"][t.start : t.end] == t.text
        for preset in ("light", "search"):
            assert words(row["text"], preset) == [
                t.norm for t in tokenize(row["text"], preset) if t.kind in WORD_KINDS
            ]
    # the posts carry hashtags, links and emoji: all recognized
    assert {"word", "hashtag", "url", "emoji", "punct"} <= kinds


def test_words_and_tokens_agree_on_tricky_boundaries():
    # a number followed by "@": the e-mail may not start inside the number
    for text in ("1,2@x.org", "٣٫٥@x.org حفتر", "a1,2b", "G20 #قمة_العشرين", "www.x.org/وزير"):
        assert words(text) == [t.norm for t in tokenize(text) if t.kind in WORD_KINDS], text
    assert [t.kind for t in tokenize("1,2@x.org")] == ["number", "mention", "punct", "latin"]


def test_bad_input():
    for f in (tokenize, words):
        with pytest.raises(TypeError, match="bytes"):
            f("نص".encode())
        with pytest.raises(TypeError, match="int"):
            f(42)
        with pytest.raises(ValueError, match="preset"):
            f("نص", preset="nope")
        assert f("") == []
        assert f(" \n\t\u200f") == []


def test_first_sentence_of_the_seed_by_hand(seed_text):
    first = seed_text[: seed_text.index("البلاد.") + len("البلاد.")]
    toks = tokenize(first)
    # read off the text: 23 words then the full stop
    assert [t.text for t in toks] == (
        "تتجدد محاولات التوصل الى اتفاق لوقف اطلاق نار دائم في ليبيا يسمح يكون مقدمة "
        "للعودة الى طاولة الحوار بين الأطراف المتصارعة في البلاد ."
    ).split()
    assert [t.kind for t in toks] == ["word"] * 23 + ["punct"]
    assert [t.norm for t in toks][18:23] == ["بين", "الاطراف", "المتصارعه", "في", "البلاد"]
    assert (toks[-2].start, toks[-2].end, toks[-1].start) == (125, 131, 131)


def test_saudinewsnet_libya_offsets_and_fast_path(libya_jsonl):
    # 435 real articles: offsets slice the text, the fast path equals the word tokens, and
    # spelling variants found in them (by grep) share one norm: hamza-less الايطالية,
    # tatweel-stretched ليبيــــا, presentation forms ﻣﺴﺆﻭﻝ
    rows = [json.loads(line) for line in libya_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 435
    variants: dict[str, set[str]] = {}
    for row in rows:
        text = row["content"] or ""
        toks = tokenize(text)
        assert all(text[t.start : t.end] == t.text for t in toks)
        assert words(text) == [t.norm for t in toks if t.kind in WORD_KINDS]
        for t in toks:
            variants.setdefault(t.norm, set()).add(t.text)
    assert {"الايطالية", "الإيطالية"} <= variants["الايطاليه"]
    assert "ليبيا" in variants["ليبيا"]
    assert any("\u0640" in v for v in variants["ليبيا"])  # ليبيــــــــا with tatweel
    assert {"مسؤول", "ﻣﺴﺆﻭﻝ"} <= variants["مسءول"]
    assert {"الأمم", "الامم"} <= variants["الامم"]


# --- the columnar route against a reference written the slow, obvious way -------------------
# The reference: the named expression of every kind, searched match by match, each surface
# normalized on its own (emoji keep their surface). tokenize() splits whole pieces at once,
# looks kinds up by first character and normalizes all surfaces in one pass; they must agree.
def _reference(text, preset="search"):
    import re

    from toolkit.text import normalize
    from toolkit.text.tokens import _SOURCES

    out = []
    for m in re.compile(_SOURCES["token"]).finditer(text):
        s, kind = m.group(), m.lastgroup
        out.append((m.start(), m.end(), s, s if kind == "emoji" else normalize(s, preset), kind))
    return out


# diacritics, tatweel, presentation forms (ﻻ and ﷲ expand, ﻣﺴﺆﻭﻝ does not), a url ending in
# a dot, a hashtag with tatweel and underscores, a mention, an e-mail, Arabic-Indic digits with
# Arabic separators, a missing space after punctuation, ZWNJ inside a word, Persian letters,
# an emoji ZWJ sequence with a skin tone, a flag, RLM between words
AWKWARD = (
    "وَقَالَ المُتَحَدِّثُ لـ«رويترز» إنّ الـمـفـاوضات ﻻ تزال «صعبة» و ﻣﺴﺆﻭﻝ ﷲ أكد.لكن "
    "البلاد،استقبلت ٣٫٥ مليون و٤٥٪ في ٢٠٢٠/٧/٢١ عبر https://www.un.org/ar/libya. و "
    "#وقف_اطلاق_النار و#ليبيـا @UNSMILibya info@un.org می‌خواهم کتاب 👩🏽‍⚕️ 🇱🇾\u200f"
    "G20 ٢,٥ 3.5%؟!"
)


@pytest.mark.parametrize("preset", ["search", "light", "aggressive", "none"])
def test_tokenize_equals_the_reference_on_awkward_arabic(preset):
    assert tokenize(AWKWARD, preset) == _reference(AWKWARD, preset)


def test_awkward_cases_by_hand():
    t = {tok.text: tok for tok in tokenize(AWKWARD)}
    assert (t["وَقَالَ"].norm, t["وَقَالَ"].kind) == ("وقال", "word")
    assert t["الـمـفـاوضات"].norm == "المفاوضات"
    assert t["ﻻ"].norm == "لا" and t["ﷲ"].norm == "الله"  # the two ligatures expand
    assert t["ﻣﺴﺆﻭﻝ"].norm == "مسءول"
    assert (t["٣٫٥"].kind, t["٣٫٥"].norm) == ("number", "3.5")
    assert (t["٤٥٪"].norm, t["٢٠٢٠"].norm) == ("45%", "2020")
    assert (t["https://www.un.org/ar/libya"].kind, t["#وقف_اطلاق_النار"].kind) == ("url", "hashtag")
    assert (t["@UNSMILibya"].kind, t["info@un.org"].kind) == ("mention", "email")
    assert t["#ليبيـا"].norm == "#ليبيا"
    assert (t["می‌خواهم"].norm, t["کتاب"].norm) == ("ميخواهم", "كتاب")  # ZWNJ inside, removed
    assert t["👩🏽‍⚕️"].norm == "👩🏽‍⚕️" and t["🇱🇾"].kind == "emoji"
    surfaces = [tok.text for tok in tokenize(AWKWARD)]
    i = surfaces.index("أكد")
    assert surfaces[i : i + 3] == ["أكد", ".", "لكن"]  # البلاد.لكن: no space after the dot
    i = surfaces.index("البلاد")
    assert surfaces[i : i + 3] == ["البلاد", "،", "استقبلت"]


def test_long_text_with_one_marked_piece_equals_the_reference(seed_text):
    # Over CHUNK_CHARS the text is read in pieces; only the piece holding the url and the
    # hashtag takes the slower expression, and kinds are found piece by piece.
    from toolkit.text.tokens import CHUNK_CHARS

    reps = CHUNK_CHARS // len(seed_text) + 2
    text = "\n".join([seed_text] * reps + [AWKWARD] + [seed_text] * reps)
    assert len(text) > 2 * CHUNK_CHARS  # three pieces at least
    toks = tokenize(text)
    assert toks == _reference(text)
    assert [t.kind for t in toks].count("url") == 1
    assert words(text) == [t.norm for t in toks if t.kind in WORD_KINDS]


def test_real_articles_equal_the_reference(libya_jsonl):
    rows = [json.loads(line) for line in libya_jsonl.read_text(encoding="utf-8").splitlines()]
    for row in rows[:120]:
        text = row["content"] or ""
        assert tokenize(text) == _reference(text), row.get("title")
