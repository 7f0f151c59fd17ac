"""Sentence splitting on the seed article and on the hard cases DESIGN.md names."""

from __future__ import annotations

import pytest

from toolkit.text import sentences

# The first two words of each sentence of the seed article, read off the text by hand:
# every sentence of the article ends with "." (39 of them, no decimals, no abbreviations),
# six of them with no space before the next sentence (البلاد.لكن ...).
SEED_STARTS = [
    "تتجدد محاولات", "لكن يبدو", "إلى ذلك،استقبل", "وقال مكتب", "وأضاف مكتب",
    "ووفقا للمكتب،", "ونقلت وكالة", "وأضاف المسؤول،", "وقال المسؤول", "وأضاف، أنه",
    "وهو ما", "وكان مؤتمر", "لكن تركيا", "وقال ماكرون", "ونشرت وكالة", "ونقلت حينها",
    "وهذه ليست", "فقد جاءها", "وتسعى فرنسا", "وسبق أن", "ومنذ مؤتمر", "ودعا جان",
    "ودعا لودريان", "ومن فرنسا", "وقال المتحدث", "وتصطدم محاولات", "وتصاعد الحديث",
    "وكان الناطق", "ولفت المسماري", "وأشار الناطق", "وفي ظل", "وفي هذا", "وبشأن إمكانية",
    "وتابع الميهوب", "ويشترط الجيش", "وقال قائد", "وأكد حفتر", "ويشير مسؤولون", "وهو ما",
]  # fmt: skip


def test_seed_sentences(seed_text):
    spans = sentences(seed_text)
    assert seed_text.count(".") == 39
    assert [" ".join(s.text.split()[:2]) for s in spans] == SEED_STARTS
    for s in spans:
        assert seed_text[s.start : s.end] == s.text
        assert s.text.endswith((".", '".'))
    # quotations stay whole, with the colon glued to them: باريس:"أكد ... الميليشيات".
    quoted = [s.text for s in spans if 'باريس:"أكد' in s.text]
    assert len(quoted) == 1
    assert quoted[0].startswith("وأضاف المسؤول، بعد أن اجتمع حفتر")
    assert quoted[0].endswith('إذا لم تحترمه الميليشيات".')
    # ، never ends a sentence: "إلى ذلك،استقبل ... باريس." is one sentence
    assert spans[2].text.startswith("إلى ذلك،استقبل") and spans[2].text.endswith("باريس.")


def test_hard_cases():
    text = (
        "ارتفع النمو إلى 3.5 في المئة.وقال د. أحمد إن الأمر انتهى؟ نعم! "
        'وأضاف: "لن نوقّع. لن نتراجع." ثم غادر؛ وعاد لاحقاً\n'
        "سطر بلا نقطة\n"
        "زار U.S. وفدٌ «قال: انتهى. الأمر» ثم موقع www.example.com اليوم."
    )
    got = [s.text for s in sentences(text)]
    assert got == [
        "ارتفع النمو إلى 3.5 في المئة.",
        "وقال د. أحمد إن الأمر انتهى؟",
        "نعم!",
        'وأضاف: "لن نوقّع. لن نتراجع."',
        "ثم غادر؛",
        "وعاد لاحقاً",
        "سطر بلا نقطة",
        "زار U.S. وفدٌ «قال: انتهى. الأمر» ثم موقع www.example.com اليوم.",
    ]


def test_unclosed_quote_ends_at_the_line_break():
    text = 'قال "هذا كلام. بلا نهاية\nسطر جديد. وآخر.'
    assert [s.text for s in sentences(text)] == [
        'قال "هذا كلام. بلا نهاية',
        "سطر جديد.",
        "وآخر.",
    ]


def test_bad_input():
    with pytest.raises(TypeError, match="list"):
        sentences(["نص"])
    assert sentences("") == []
    assert sentences("\n \u200f\n") == []
