"""Sentence splitting on the seed article and on the hard cases DESIGN.md names."""

from __future__ import annotations

import json

import pytest

from toolkit.text import sentences
from toolkit.text.sentence_split import MAX_QUOTE_CHARS

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


def test_unpaired_or_overlong_quotes_do_not_swallow_sentences():
    # the quote opened on the first line is never closed in its paragraph: it is ignored
    text = 'قال "هذا كلام. بلا نهاية\nسطر جديد. وآخر.'
    assert [s.text for s in sentences(text)] == [
        'قال "هذا كلام.',
        "بلا نهاية",
        "سطر جديد.",
        "وآخر.",
    ]
    # a pair of « » further apart than MAX_QUOTE_CHARS is a stray mark, not a quotation
    long_body = "جملة طويلة. " * (MAX_QUOTE_CHARS // 12 + 1)
    spans = sentences("قال: «" + long_body + "» وانتهى.")
    assert len(spans) > MAX_QUOTE_CHARS // 12
    short = sentences("قال: «جملة أولى. جملة ثانية.» وانتهى.")
    assert [s.text for s in short] == ["قال: «جملة أولى. جملة ثانية.»", "وانتهى."]


def test_saudinewsnet_libya_sentences_are_bounded(libya_jsonl):
    # 435 articles about Libya: every sentence slices its article, none swallows a page
    rows = [json.loads(line) for line in libya_jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 435
    count = 0
    for row in rows:
        text = row["content"] or ""
        for s in sentences(text):
            assert text[s.start : s.end] == s.text
            assert len(s.text) <= 2 * MAX_QUOTE_CHARS or "." not in s.text[:-1], s.text[:80]
            count += 1
    assert count > 5000


def test_bad_input():
    with pytest.raises(TypeError, match="list"):
        sentences(["نص"])
    assert sentences("") == []
    assert sentences("\n \u200f\n") == []


# ------------------------------------------------ sentence_starts: the same starts, less work


def _reference_starts(text: str) -> list[int]:
    from toolkit.text import sentences

    return [s.start for s in sentences(text)]


def test_sentence_starts_hand_counted():
    from toolkit.text.sentence_split import sentence_starts

    # "قال ماكرون." is 11 characters, then a space: the second sentence starts at 12;
    # "وصل حفتر إلى باريس؟" is 19 more (12 + 19 = 31), a space, so "نعم" starts at 32
    text = "قال ماكرون. وصل حفتر إلى باريس؟ نعم"
    assert sentence_starts(text) == [0, 12, 32]
    # upto=5 lies in the first paragraph: the text is cut at the line break after it,
    # so only the sentences of that paragraph are worked out
    two = "قال ماكرون. وصل حفتر\nثم عاد إلى باريس. نعم"
    assert sentence_starts(two, upto=5) == [0, 12]
    assert sentence_starts(two) == [0, 12, 21, 39]


@pytest.mark.parametrize(
    "text",
    [
        # abbreviation: a one-letter word before the dot does not end the sentence
        "قال د. محمد إن الوضع صعب. وأضاف أن الحل قريب",
        # a quotation stays whole, then the closing quote ends the sentence with it
        'قال الوزير "الوضع صعب. جدا". وغادر القاعة',
        # a stray dot alone joins the sentence before it, even across words on both sides
        "وصل حفتر إلى باريس . . ثم عاد",
        # closing brackets after the final dot belong to the sentence
        "اجتمع الطرفان (في تونس.) ثم افترقا",
        # Latin, digits, hashtags and punctuation inside runs of words
        "قال CNN إن 3 قتلى سقطوا، #ليبيا (طرابلس) - اليوم. ثم عاد 3.5 مرة",
        # a quotation longer than MAX_QUOTE_CHARS on one line is taken for a stray mark
        "قال " + "«" + "كلمة " * 400 + "نهاية. بداية» ثم انتهى. وعاد",
        # the same words on short lines: the quotation stays whole
        "قال «كلمة كلمة. كلمة» ثم\nانتهى. وعاد\n\n. وحده",
    ],
)
def test_sentence_starts_equal_sentences(text):
    from toolkit.text.sentence_split import sentence_starts

    assert sentence_starts(text) == _reference_starts(text)


def test_sentence_starts_equal_sentences_on_the_libya_subset(libya_jsonl):
    from toolkit.corpus import load_corpus
    from toolkit.text.sentence_split import sentence_starts

    texts = load_corpus(libya_jsonl).frame.text.tolist()
    assert len(texts) > 100
    for text in texts:
        ref = _reference_starts(text)
        assert sentence_starts(text) == ref
        up = len(text) // 2
        cut = text.find("\n", up)
        cut = len(text) if cut < 0 else cut
        assert sentence_starts(text, upto=up) == [s for s in ref if s < cut]
