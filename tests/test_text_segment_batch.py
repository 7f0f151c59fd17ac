"""Batch proclitic splitting: the same decisions as one word at a time, on real words."""

from __future__ import annotations

from collections import Counter

import pytest

from toolkit.frequency.terms import TermOptions, document_forms, forms_to_terms
from toolkit.text import normalize, words
from toolkit.text.segmentation import (
    Segmenter,
    _key,
    default_segmenter,
    parse_gold,
    proclitic_lengths,
    split_proclitics,
    split_proclitics_many,
)


def _gold_and_seed_words(seed_text: str, gold_text: str) -> list[str]:
    found = set(words(seed_text, preset="light"))
    found.update(w for w, _ in parse_gold(gold_text))
    return sorted(found)


def test_batch_split_examples():
    # worked out by hand: وبال (و ب ال) is 4 letters, لل (ل ال) 2, وال 3; وزير stays whole
    assert proclitic_lengths(["وبالجيش", "للجيش", "وزير", "والحكومه"]) == [4, 2, 0, 3]
    assert split_proclitics_many(["وبالجيش", "للجيش", "وزير"]) == [
        ("وبال", "جيش"),
        ("لل", "جيش"),
        ("", "وزير"),
    ]
    assert split_proclitics_many(iter(["بالجيش"])) == [("بال", "جيش")]
    assert proclitic_lengths([]) == []


def test_batch_split_bad_input():
    with pytest.raises(TypeError, match=r"norm_words\[1\] must be a str, got bytes"):
        proclitic_lengths(["وزير", b"x"])
    with pytest.raises(TypeError, match="not a str"):
        split_proclitics_many("وزير")


def test_base_evidence_for_unseen_words():
    # worked out by hand: فكتابها and كتابها are seen nowhere, so both are judged on their
    # base without ها: كتاب is seen (5), فكتاب not, so ف splits. With nothing known at all,
    # only و is split (a guess): unseen words in ب ل ك ف are mostly foreign names
    assert Segmenter({"كتاب": 5}).proclitics("فكتابها") == ("ف",)
    assert Segmenter({}).proclitics("فكتابها") == ()
    assert Segmenter({}).proclitics("فيكتبها") == ()
    assert Segmenter({}).proclitics("وكتابها") == ("و",)
    assert Segmenter({}).proclitics("بكتابها") == ()
    # the whole word more frequent than the rest: no split (ف needs 3 times as much)
    assert Segmenter({"فكتاب": 5, "كتاب": 10}).proclitics("فكتاب") == ()
    assert Segmenter({"فكتاب": 5, "كتاب": 16}).proclitics("فكتاب") == ("ف",)
    # ... unless the whole takes the article (الفكتاب: a noun of its own): 10 times more
    assert Segmenter({"فكتاب": 5, "كتاب": 16, "الفكتاب": 1}).proclitics("فكتاب") == ()


def test_batch_decisions_equal_one_by_one(seed_text, wikinews_gold):
    # every word of the seed article and of the WikiNews gold, both key presets, with the
    # general vocabulary and with the seed's own word counts added as a vocabulary
    found = _gold_and_seed_words(seed_text, wikinews_gold.read_text(encoding="utf-8"))
    assert len(found) > 5000
    vocab = Counter(words(seed_text, preset="light"))
    for preset, norm in (("key", _key), ("search", lambda w: normalize(w, "search"))):
        keys = sorted({norm(w) for w in found} - {""})
        for seg in (default_segmenter(preset), default_segmenter(preset).with_vocab(vocab)):
            expected = [seg.proclitics(k) for k in keys]
            lengths = seg.prefix_lengths(keys + keys[::-1])
            assert lengths[: len(keys)] == [len(seg.split(k)[0]) for k in keys]
            assert lengths[len(keys) :] == lengths[: len(keys)][::-1]
            assert seg.split_many(keys) == [seg.split(k) for k in keys]
            assert all("".join(seg.split(k)) == k for k in keys)
            assert sum(1 for p in expected if p) > len(keys) // 3


def test_forms_to_terms_batch_matches_the_rules(seed_text):
    # fresh options, fresh memo: the batch of first sight is what is tested
    forms = document_forms(seed_text)
    for clitics in ("strip", "keep_article"):
        got = forms_to_terms(forms, TermOptions(clitics=clitics))
        expected = []
        for form in forms:
            w = normalize(form, "search")
            prefix, stem = split_proclitics(w) if w[:1] in "وفبكلسا" else ("", w)
            if clitics == "keep_article" and stem and prefix.endswith(("ال", "لل")):
                stem = "ال" + stem
            expected.append(stem or w)
        assert got == expected
    # by hand: للجيش keeps its article (elided alef restored) only with keep_article
    assert forms_to_terms(["للجيش", "وبالحكومة", "وزير"]) == ["جيش", "حكومه", "وزير"]
    keep = TermOptions(clitics="keep_article")
    assert forms_to_terms(["للجيش", "وبالحكومة", "وزير"], keep) == ["الجيش", "الحكومه", "وزير"]
