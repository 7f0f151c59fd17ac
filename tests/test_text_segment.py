"""Proclitic segmentation: contract examples, the seed article and the WikiNews gold."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from toolkit.text import segment, split_proclitics, words
from toolkit.text.segmentation import default_segmenter

ROOT = Path(__file__).resolve().parents[1]


def _bench(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_contract_examples():
    assert segment("وبالجيش") == ["و", "ب", "ال", "جيش"]
    assert segment("للجيش") == ["ل", "ال", "جيش"]
    for name in ("بوش", "بلير", "وزير", "فرنسا", "لبنان", "بريطانيا"):
        assert segment(name) == [name]
    assert segment("لليبيا") == ["ل", "ليبيا"]  # ل + ليبيا, not ل + ال + يبيا
    assert segment("والتي") == ["و", "التي"]  # التي keeps its ال
    assert segment("كان") == ["كان"]


def test_segments_slice_the_original_word():
    assert segment("وَبِالْجَيْشِ") == ["وَ", "بِ", "الْ", "جَيْشِ"]  # marks stay on their letter
    assert segment("فالحكومة") == ["ف", "ال", "حكومة"]
    for w in ("وبالجيش", "والحكومة", "بالدور", "وزير", "حفتر", "وحفتر", "لفرنسا"):
        assert "".join(segment(w)) == w


def test_seed_article_words(seed_text):
    # words of the seed article, segmented by hand (each one occurs in the text)
    expected = {
        "وكبار": ["و", "كبار"],
        "بالجيش": ["ب", "ال", "جيش"],
        "للقيادة": ["ل", "ال", "قيادة"],
        "والداخلية": ["و", "ال", "داخلية"],
        "بالحكومة": ["ب", "ال", "حكومة"],
        "لوقف": ["ل", "وقف"],
        "وشحنات": ["و", "شحنات"],
        "للمكتب": ["ل", "ال", "مكتب"],
        "وقال": ["و", "قال"],
        "والحوار": ["و", "ال", "حوار"],
        "لتركيا": ["ل", "تركيا"],
        "ليبيا": ["ليبيا"],
        "باريس": ["باريس"],
        "برلين": ["برلين"],
        "وزير": ["وزير"],
        "فرنسا": ["فرنسا"],
        "سلامة": ["سلامة"],
        "الليبي": ["ال", "ليبي"],
    }
    present = set(seed_text.split()) | {t for t in words(seed_text, "none")}
    for word, segs in expected.items():
        assert word in present, word
        assert segment(word) == segs, word


def test_vocab_attests_a_stem_the_lexicon_lacks():
    # worked out by hand: غريان (a town in the seed) is not in the wordfreq list, nor is
    # بغريان: with nothing known, ب + a rest of 5 letters is a guess that holds. With a
    # corpus vocabulary where بغريان is frequent and غريان rare, the whole word wins; a
    # rest that never takes the article (a name) must be 10 times as frequent as the whole
    assert segment("بغريان") == ["ب", "غريان"]
    assert segment("بغريان", vocab=Counter({"بغريان": 40, "غريان": 1})) == ["بغريان"]
    assert segment("بغريان", vocab=Counter({"بغريان": 1, "غريان": 12})) == ["ب", "غريان"]
    assert segment("بغريان", vocab=["غريان", "بغريان"]) == ["بغريان"]  # once each: 1 < 10
    with pytest.raises(TypeError, match="vocab"):
        segment("بغريان", vocab="غريان")


def test_split_proclitics_on_search_normalized_words():
    assert split_proclitics("وبالجيش") == ("وبال", "جيش")
    assert split_proclitics("للجيش") == ("لل", "جيش")
    assert split_proclitics("وزير") == ("", "وزير")
    assert split_proclitics("والحكومه") == ("وال", "حكومه")
    for w in ("وبالجيش", "للجيش", "وزير", "والحكومه", "حفتر"):
        p, s = split_proclitics(w)
        assert p + s == w and s


def test_enclitics_optional():
    assert segment("ترشيحاتها") == ["ترشيحاتها"]
    assert segment("وترشيحاتها", enclitics=True) == ["و", "ترشيحات", "ها"]


def test_bad_input():
    with pytest.raises(TypeError, match="bytes"):
        segment(b"x")
    with pytest.raises(TypeError, match="int"):
        split_proclitics(3)
    assert segment("") == []
    assert segment("2020") == ["2020"]
    assert segment("Reuters") == ["Reuters"]


# The typical errors listed in issue 15, each worked out by hand (development material:
# these shaped the rules, the held-out figures are in bench/segment_accuracy.py).
ORDINARY_WORDS_WHOLE = ["بعضهم", "لديه", "كلها", "لكنهم", "وجوده", "بحثت", "وقعت", "بطولته",
                        "باحثين", "والداه", "بلدتي"]  # fmt: skip
NAMES_WHOLE = ["وينستون", "بريتيش", "كلاين", "بيونغ", "فالنتينو", "وودز", "لاهور", "بيلاروسيا",
               "بلفقيه"]  # fmt: skip
MISSED_SPLITS = {
    "بوسع": ["ب", "وسع"],  # بوسعه: in his capacity; وسع takes the article
    "بقدر": ["ب", "قدر"],
    "فخانوا": ["ف", "خانوا"],
    "فيخوض": ["ف", "يخوض"],
    "بثقل": ["ب", "ثقل"],
    "للرس": ["ل", "ال", "رس"],  # the town الرس
    "وكلامٍ": ["و", "كلامٍ"],  # not و + ك + لامٍ
}


def test_issue_errors_fixed():
    for w in ORDINARY_WORDS_WHOLE + NAMES_WHOLE:
        assert segment(w) == [w], w
    for w, segs in MISSED_SPLITS.items():
        assert segment(w) == segs, w


def test_what_may_follow_what():
    # after a preposition only the article: كلها is كل + ها, not ك + لها; بلفقيه is a name
    assert segment("كلها") == ["كلها"]
    assert segment("وبالجيش") == ["و", "ب", "ال", "جيش"]
    assert segment("وللمساجد") == ["و", "ل", "ال", "مساجد"]
    # لل: ل + ال + stem, ل + a word that begins with ل (ليبيا), ل + ال + لغة (written للغة)
    assert segment("للزيادة") == ["ل", "ال", "زيادة"]
    assert segment("لليبيا") == ["ل", "ليبيا"]
    # ل + ال is always written لل, so in لالتزام the ال is the stem's own (ل + التزام)
    assert segment("لالتزام") == ["ل", "التزام"]
    # a verb of form VIII from a root in ل is no article + verb
    assert segment("التقت") == ["التقت"]
    assert segment("له") == ["ل", "ه"] and segment("ولي") != ["و", "ل", "ي"]


# Measured with `python bench/segment_accuracy.py` on the words that begin with a proclitic
# letter (8,894): 0.991 on the development half (even blocks of 500 gold lines, whose errors
# were read while writing the rules), 0.991 on the held-out half. The tests fail below 0.98.
HELD_OUT_FLOOR = 0.98


def test_wikinews_gold_accuracy_held_out(wikinews_gold):
    bench = _bench("segment_accuracy")
    a, b = (
        bench.proclitic_initial(x) for x in bench.folds(wikinews_gold.read_text(encoding="utf-8"))
    )
    assert (len(a), len(b)) == (4547, 4347)
    seg = default_segmenter()
    assert bench.accuracy(seg, b) >= HELD_OUT_FLOOR
    assert bench.accuracy(seg, a) >= HELD_OUT_FLOOR


def test_judged_samples_floor():
    # the 300 SaudiNewsNet types and 245 proper nouns judged by hand before the rules were
    # written (tests/data): 0.967 and 0.918 measured (0.913 and 0.629 before the wordfreq
    # evidence), 0.970 and 0.931 after the second session; the floors keep them from
    # sliding back
    bench = _bench("segment_accuracy")
    seg = default_segmenter()
    judged = bench.read_judged()
    assert len(judged) == 300
    assert bench.accuracy(seg, judged) >= 0.95
    names = bench.read_names()
    assert len(names) == 245
    kept = sum(1 for w in names if not seg.proclitics(bench._key(w)))
    assert kept / len(names) >= 0.92


def test_vocabulary_loads_on_first_use_only():
    # importing the toolkit reads no vocabulary; the first segment() call does
    code = (
        "import sys, toolkit.text, toolkit.frequency, toolkit.actors\n"
        "before = 'wordfreq' in sys.modules\n"
        "from toolkit.text import segment\n"
        "assert segment('وبالجيش') == ['و', 'ب', 'ال', 'جيش']\n"
        "print(before, 'wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_word_with_a_pronoun_is_read_as_its_base():
    # بطاقات (cards) is far more frequent than طاقات (energies): بطاقاتهم is their cards
    assert segment("بطاقاتهم") == ["بطاقاتهم"]
    # الاعترافات is frequent: اعترافاته takes a preposition (يخرج للناس باعترافاته)
    assert segment("باعترافاته") == ["ب", "اعترافاته"]
    assert segment("وبابها") == ["و", "بابها"]  # as وباب: و + باب
    assert segment("بيليه") == ["بيليه"]  # Pelé: no base read after ي


def test_article_after_a_proclitic():
    # the article's alef is no long vowel of a foreign shape
    assert segment("بالتوازي") == ["ب", "ال", "توازي"]
    # a word seen nowhere: its stem روست (roast) attests ف + ال + stem
    assert segment("فالروست") == ["ف", "ال", "روست"]


def test_idiom_rule_is_for_b_and_k_only():
    assert segment("كمثال") == ["ك", "مثال"]  # "as an example"
    assert segment("لقي") == ["لقي"]  # "he met", not ل + قي
    assert segment("لحما") == ["لحما"]  # "meat"


def _rebuilt(parts: list[str]) -> str:
    word = "".join(parts)
    if len(parts) >= 3 and parts[-3:-1] == ["ل", "ال"]:
        word = word.replace("لال", "لل", 1)  # ل + ال is written لل
    return word


def test_development_samples():
    # the development sets (their errors shaped the rules): well formed, and floors below
    # the figures measured when they were committed (0.970 and 0.873; the names grew from
    # 205 to 302 and the second sample of 200 types came in the second session)
    bench = _bench("segment_accuracy")
    rows = [
        ln.split("\t")
        for ln in (ROOT / "tests" / "data" / "segment_dev_saudinewsnet_300.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if ln and not ln.startswith("#")
    ]
    assert len(rows) == 300 and len({r[0] for r in rows}) == 300
    for word, seg_text, reason, context in rows:
        assert _rebuilt(seg_text.split("+")) == word, word
        assert reason and word in context, word
    second = [
        ln.split("\t")
        for ln in (ROOT / "tests" / "data" / "segment_dev_saudinewsnet_200.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if ln and not ln.startswith("#")
    ]
    assert len(second) == 200 and not {r[0] for r in second} & {r[0] for r in rows}
    for word, seg_text, reason, context in second:
        assert _rebuilt(seg_text.split("+")) == word, word
        assert reason and word in context, word
    seg = default_segmenter()
    judged = bench.read_judged(ROOT / "tests" / "data" / "segment_dev_saudinewsnet_300.tsv")
    assert bench.accuracy(seg, judged) >= 0.96
    judged = bench.read_judged(ROOT / "tests" / "data" / "segment_dev_saudinewsnet_200.tsv")
    assert bench.accuracy(seg, judged) >= 0.96  # 0.975 measured (0.970 when it was judged)
    names = bench.read_names(ROOT / "tests" / "data" / "segment_dev_proper_nouns.tsv")
    assert len(names) >= 200 and all(n[0] in "وفبكل" for n in names)
    kept = sum(1 for w in names if not seg.proclitics(bench._key(w)))
    assert kept / len(names) >= 0.86


def test_a_derived_verbal_noun_after_a_preposition():
    # اتخاذ, انتهاج, إنجاح hardly take the article, yet they are no names
    assert segment("لاتخاذ") == ["ل", "اتخاذ"]
    assert segment("بانتهاج") == ["ب", "انتهاج"]
    assert segment("لإنجاح") == ["ل", "إنجاح"]


def test_b_before_a_noun_written_mostly_with_its_article():
    # إمكان and استثناء are mostly written الإمكان, الاستثناء: بإمكانه, باستثناء split
    assert segment("بإمكانه") == ["ب", "إمكانه"]
    assert segment("باستثناء") == ["ب", "استثناء"]
    assert segment("كريس") == ["كريس"]  # Chris: not for ك


def test_a_word_seen_after_a_preposition_is_a_word_of_its_own():
    # wordfreq, per million words: بروس 14.45, and after a preposition ببروس 0.018 + لبروس
    # 0.126 + كبروس 0.011 = 0.155, over 1% of it (the rule asks 0.5%): ب + روس is never
    # preceded by another preposition, so بروس (Bruce) is a word; so is بعيد (120; ببعيد
    # 1.48 + لبعيد 0.24), though عيد is more frequent than بعيد
    assert segment("بروس") == ["بروس"]
    assert segment("بعيد") == ["بعيد"]
    assert segment("ببروس") == ["ب", "بروس"] and segment("وبروس") == ["و", "بروس"]
    assert segment("ببعيد") == ["ب", "بعيد"]
    # before أن/ان the particle's reading stays (بان 72: لبان 1.29 is the word لبان, gum)
    assert segment("بان") == ["ب", "ان"] and segment("بأن") == ["ب", "أن"]
    # not for words in ل: بل + stem and كل + stem are other words (لحسن is ل + حسن)
    assert segment("لحسن") == ["ل", "حسن"]


def test_a_seated_hamza_before_a_pronoun_is_read_on_the_base_written_alone():
    # شرائها is شراء + ها (the hamza sits on ئ before a pronoun): بشرائها (1.48 per million)
    # is read as بشراء (15.5), which is ب + شراء (67.6, 4 times as frequent)
    assert segment("بشرائها") == ["ب", "شرائها"]
    assert segment("لعملائها") == ["ل", "عملائها"]
    assert segment("وكلاؤهم") == ["وكلاؤهم"]  # وكلاء (agents), not و + كلاؤهم
    assert segment("بقائه") == ["بقائه"]  # بقاء (staying) is a word of its own


def test_the_preposition_evidence_is_not_read_before_a_pronoun():
    # لفها (wrapping it) is seen after prepositions, yet فها is ف + ها: the rule that a word
    # seen after a preposition is a word of its own is not for a pronoun rest, so لفها is
    # no ل + فها and بلفها is ب + لفها
    assert segment("فها") == ["ف", "ها"]
    assert segment("بلفها") == ["ب", "لفها"] and segment("ولفها") == ["و", "لفها"]
    # a seated hamza is on the line when alone only after a long vowel: بارئها is بارئ + ها
    assert segment("لبارئها") == ["ل", "بارئها"]


def test_a_word_seen_nowhere_after_fa_is_split_when_shaped_like_a_verb():
    # none of these is in the wordfreq list: ف before a future, a past in ت or a plural
    # verb is a conjunction (names are seldom so shaped); after a conjunction, س before an
    # inflected imperfect is the future particle
    assert segment("فستغتصبن") == ["ف", "س", "تغتصبن"]
    assert segment("فسأهددها") == ["ف", "س", "أهددها"]
    assert segment("فمططت") == ["ف", "مططت"]
    # a foreign-shaped word stays whole (بيرلنجتون-like names in ف)
    assert segment("فينيليثيلامين") == ["فينيليثيلامين"]
