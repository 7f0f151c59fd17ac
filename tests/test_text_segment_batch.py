"""Batch proclitic splitting: the same decisions as the rules read one word at a time.

``Segmenter._cut`` looks its evidence up in precomputed sums and skips work whose outcome is
already settled; ``ReferenceRules`` below spells the documented rules out plainly (one
method per rule, nothing precomputed), and the two must agree on real words.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from toolkit.frequency.terms import TermOptions, document_forms, forms_to_terms
from toolkit.text import normalize, words
from toolkit.text.segment import (
    GUESS_MAX_COUNT,
    GUESS_MIN_STEM,
    STEM_WEIGHT,
    Segmenter,
    _key,
    default_segmenter,
    parse_gold,
    proclitic_lengths,
    split_proclitics,
    split_proclitics_many,
)

PRONOUNS = frozenset("ه ها هم هما هن ك كم كما كن نا ي ني".split())
SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ات", "ون", "ين", "ان", "ه", "ة", "ي", "ت")


def _written(segs: tuple[str, ...]) -> str:
    out = "".join(segs)
    if len(segs) >= 2 and segs[-2:] == ("ل", "ال"):
        out = out[:-2] + "ل"  # ل + ال is written لل
    return out


def _readings() -> list[tuple[str, tuple[str, ...]]]:
    """Every written proclitic prefix and its segments, longest written prefix first."""
    out = []
    for conj in ("", "و", "ف"):
        for mid in ("", "ب", "ك", "ل", "س"):
            for det in ("", "ال"):
                segs = tuple(s for s in (conj, mid, det) if s)
                if segs and not (mid == "س" and det):
                    out.append((_written(segs), segs))
    return sorted(out, key=lambda r: -len(r[0]))


class ReferenceRules:
    """The segmentation rules of toolkit.text.segment, one plain lookup at a time."""

    def __init__(self, seg: Segmenter) -> None:
        self.memory, self.counts = seg.memory, seg.counts

    def count(self, s: str) -> int:
        return self.counts.get(s, 0)

    def evidence(self, stem: str) -> int:
        ev = self.count(stem) + self.count("ال" + stem)
        if ev:
            return ev
        for suffix in SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                base = stem[: -len(suffix)]
                ev = sum(self.count(v) for v in (base, base + "ة", "ال" + base, "ال" + base + "ة"))
                if ev:
                    return ev
        return 0

    def valid(self, key: str, written: str, segs: tuple[str, ...], stem: str) -> bool:
        if segs[-1] == "ال":
            if len(stem) < 2 or (stem[0] == "ا" and len(stem) < 3):
                return False
            whole = "ال" + stem
            if self.memory.get(whole) == ():
                return False
            if len(segs) > 1 and whole in self.memory:
                return self.memory[whole][:1] == ("ال",)
            ev = self.count(stem) + (self.count(whole) if len(segs) > 1 else 0)
            if ev > 0:
                return True
            if written.endswith("لل") and ("ل" + stem in self.memory or self.count("ل" + stem)):
                return False
            return len(stem) >= 3
        mid = segs[-1]
        if stem in PRONOUNS:
            return mid in ("ب", "ل", "ك") and len(stem) <= 3
        if len(stem) < (3 if len(segs) > 1 else 2):
            return False
        if mid == "س" and (stem[0] not in "يتنأا" or len(stem) < 3):
            return False
        if stem in self.memory:
            if self.memory[stem][:1] in (("و",), ("ف",)) and mid in ("و", "ف"):
                return False
            sc = max(self.count(stem), 1)
        else:
            sc = self.evidence(stem)
            if sc == 0:
                return (
                    self.count(key) < GUESS_MAX_COUNT
                    and len(segs) == 1
                    and len(stem) >= GUESS_MIN_STEM.get(segs[-1], 99)
                )
        return sc * STEM_WEIGHT >= self.count(key)

    def proclitics(self, key: str) -> tuple[str, ...]:
        if key in self.memory:
            return self.memory[key]
        if len(key) < 3:
            return ()
        for written, segs in _readings():
            if len(written) >= len(key) or not key.startswith(written):
                continue
            stem = key[len(written) :]
            if segs[-1] == "ال" and written.endswith("لل") and stem.startswith("ل"):
                continue
            if self.valid(key, written, segs, stem):
                return segs
        return ()


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


def test_light_stem_evidence():
    # worked out by hand: in فكتابها the stem كتابها is unknown, but without its pronoun
    # (ها) it is كتاب, counted 5 times: evidence 5, the word itself never seen, so ف splits;
    # ف is never split on a guess, so without that count the word stays whole
    assert Segmenter({}, {"كتاب": 5}).proclitics("فكتابها") == ("ف",)
    assert Segmenter({}, {"الكتابة": 5}).proclitics("فكتابها") == ("ف",)  # via ال + base + ة
    assert Segmenter({}, {"كتب": 5}).proclitics("فكتابها") == ()


def test_decisions_follow_the_plain_rules(seed_text, wikinews_gold):
    # every word of the seed article and of the WikiNews gold, both key presets, with the
    # shipped lexicon and with the seed's own word counts added as a vocabulary
    found = _gold_and_seed_words(seed_text, wikinews_gold.read_text(encoding="utf-8"))
    assert len(found) > 5000
    vocab = Counter(words(seed_text, preset="light"))
    for preset, norm in (("key", _key), ("search", lambda w: normalize(w, "search"))):
        keys = sorted({norm(w) for w in found} - {""})
        for seg in (default_segmenter(preset), default_segmenter(preset).with_vocab(vocab)):
            ref = ReferenceRules(seg)
            expected = [ref.proclitics(k) for k in keys]
            assert [seg.proclitics(k) for k in keys] == expected
            assert seg.split_many(keys) == [seg.split(k) for k in keys]


def test_decisions_with_unusual_counts_follow_the_plain_rules(seed_text):
    # zero and negative counts (a vocabulary may hold them) and a memory that reads some
    # words oddly: the shortcuts of the fast path must not change any decision
    rng = random.Random(7)
    keys = sorted({_key(w) for w in words(seed_text, preset="light")} - {""})
    stems = [k[1:] for k in keys if len(k) > 3]
    for values in ((-2, 0, 1, 3, 40), (0, 1, 2, 6)):
        counts = Counter({k: rng.choice(values) for k in keys + stems})
        counts.update({"ال" + s: rng.choice(values) for s in stems[::3]})
        # light stems: the stem without a pronoun / feminine / plural ending (+ ة, + ال)
        for s in stems[::2]:
            for suffix in SUFFIXES:
                if s.endswith(suffix) and len(s) - len(suffix) >= 2:
                    base = s[: -len(suffix)]
                    variant = rng.choice([base, base + "ة", "ال" + base, "ال" + base + "ة"])
                    counts[variant] += rng.choice(values)
        memory = {k: rng.choice([(), ("و",), ("ل", "ال"), ("ال",)]) for k in keys[::17]}
        seg = Segmenter(memory, counts)
        ref = ReferenceRules(seg)
        assert [seg.proclitics(k) for k in keys] == [ref.proclitics(k) for k in keys]


def test_forms_to_terms_batch_matches_the_rules(seed_text):
    # fresh options, fresh memo: the batch of first sight is what is tested
    forms = document_forms(seed_text)
    ref = ReferenceRules(default_segmenter("search"))
    for clitics in ("strip", "keep_article"):
        got = forms_to_terms(forms, TermOptions(clitics=clitics))
        expected = []
        for form in forms:
            w = normalize(form, "search")
            prefix, stem = split_proclitics(w) if w[:1] in "وفبكلسا" else ("", w)
            assert ref.proclitics(w) == default_segmenter("search").proclitics(w)
            if clitics == "keep_article" and stem and prefix.endswith(("ال", "لل")):
                stem = "ال" + stem
            expected.append(stem or w)
        assert got == expected
    # by hand: للجيش keeps its article (elided alef restored) only with keep_article
    assert forms_to_terms(["للجيش", "وبالحكومة", "وزير"]) == ["جيش", "حكومه", "وزير"]
    keep = TermOptions(clitics="keep_article")
    assert forms_to_terms(["للجيش", "وبالحكومة", "وزير"], keep) == ["الجيش", "الحكومه", "وزير"]
