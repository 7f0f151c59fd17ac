"""Descriptors of actors (toolkit.actors.descriptors) on the seed article.

Counts were made by reading every sentence of the seed that mentions the actor and
listing the words within the window (see the comments).
"""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from toolkit.actors import find_mentions, load_libya_actors
from toolkit.actors.descriptors import LABEL_COLUMNS, g2, labels
from toolkit.corpus import Corpus, load_corpus


@pytest.fixture(scope="module")
def seed(seed_text):
    corpus = Corpus.from_records(
        [{"doc_id": "seed", "date": "2020-03-10", "source": "seed", "text": seed_text}]
    )
    return corpus, find_mentions(corpus, load_libya_actors())


def _counts(lab: pd.DataFrame, actor: str, kind: str = "context") -> dict[str, int]:
    rows = lab[(lab["actor_id"] == actor) & (lab["kind"] == kind)]
    return dict(zip(rows["norm"], rows["count"], strict=True))


def test_what_the_seed_calls_the_gna_side(seed):
    # The six mentions of the GNA (حكومة الوفاق، حكومة السراج، لحكومة الوفاق) and the words
    # within 5 of them in their sentence:
    #   line 5  احترمته الجماعات المسلحة التي تدعمها [حكومة الوفاق]
    #   line 11 تدفق المرتزقة الموالين لتركيا لدعم قوات [حكومة الوفاق]
    #   line 17 تحشيد للقوات الموالية [لحكومة الوفاق] مع المرتزقة الموالين لأنقرة
    #   line 17 من قبل القوات التابعة [لحكومة الوفاق] لـ"القيام بعمل كبير"
    #   line 18 منع القوات التابعة [لحكومة الوفاق] من استغلال حالة الهدنة
    # The seed's "الميليشيات" (line 5) never shares a sentence with a GNA mention.
    corpus, mentions = seed
    c = _counts(labels(corpus, mentions, window=5), "gna")
    assert c["مرتزقه"] == 2  # المرتزقة
    assert c["موالين"] == 2  # الموالين
    assert c["جماعات"] == 1 and c["مسلحه"] == 1  # الجماعات المسلحة
    assert c["قوات"] == 4  # قوات / للقوات / القوات ×2
    assert c["تابعه"] == 2  # التابعة
    assert "ميليشيات" not in c and "مليشيات" not in c
    # with the default window of 3, الجماعات (4 words away) drops out, المرتزقة stays once
    c3 = _counts(labels(corpus, mentions), "gna")
    assert "جماعات" not in c3 and c3["مرتزقه"] == 1 and c3["قوات"] == 4


def test_titles_in_apposition(seed):
    corpus, mentions = seed
    lab = labels(corpus, mentions)
    haftar = lab[(lab["actor_id"] == "haftar") & (lab["kind"] == "title")]
    got = dict(zip(haftar["descriptor"], haftar["count"], strict=True))
    # المشير before حفتر in lines 5, 19, 21 (line 2's المشير sits inside the long mention
    # "قائد الجيش الوطني الليبي المشير خليفة حفتر"); the role in lines 2 and 22
    assert got["المشير"] == 3
    assert got["قائد الجيش الوطني الليبي"] == 2
    assert got["القائد العسكري"] == 1  # line 5, inside the official's quote
    # line 19: طلال الميهوب رئيس لجنة الدفاع والأمن القومي في البرلمان الليبي
    mihoub = lab[(lab["actor_id"] == "mihoub") & (lab["kind"] == "title")]
    assert mihoub["descriptor"].tolist() == ["رئيس لجنة الدفاع والأمن القومي"]
    # line 11: بالرئيس إيمانويل ماكرون والوزير جان إيف لودريان — the conjunction is dropped,
    # and والوزير is not Macron's title
    ledrian = lab[(lab["actor_id"] == "ledrian") & (lab["kind"] == "title")]
    assert "الوزير" in set(ledrian["descriptor"])
    macron = set(lab[(lab["actor_id"] == "macron") & (lab["kind"] == "title")]["descriptor"])
    assert "الوزير" not in macron and "والوزير" not in macron
    assert "الرئيس الفرنسي" in macron
    # titles describe people only: no title row for the parliament or the LNA
    assert lab[(lab["kind"] == "title")]["actor_id"].isin(["hor", "lna", "un"]).sum() == 0


def test_scores_rank_typical_words_first(seed):
    corpus, mentions = seed
    lab = labels(corpus, mentions)
    haftar = lab[lab["actor_id"] == "haftar"]
    assert haftar["score"].is_monotonic_decreasing
    # المشير: 3 of Haftar's context words and no other occurrence in the article
    top = haftar[haftar["kind"] == "context"].iloc[0]
    assert top["norm"] == "مشير" and top["count"] == 3


def test_g2_matches_scipy():
    for a, b, c, d in [(10, 90, 10, 990), (3, 40, 1, 2000), (5, 5, 50, 50)]:
        expected = chi2_contingency([[a, b], [c, d]], correction=False, lambda_="log-likelihood")[0]
        assert g2(a, b, c, d) == pytest.approx(expected)
    assert g2(1, 99, 10, 90) < 0  # rarer in the target: negative
    assert g2(0, 0, 0, 0) == 0.0


def test_by_week_and_source(seed):
    corpus, mentions = seed
    lab = labels(corpus, mentions, by="week")
    assert lab.columns[0] == "week" and set(lab["week"]) == {"2020-W11"}
    assert list(lab.columns[1:]) == LABEL_COLUMNS
    assert set(labels(corpus, mentions, by="source")["source"]) == {"seed"}


def test_groups_are_scored_apart(seed_text):
    # the seed's first 11 lines as source "a", the rest as "b": المشير stands before Haftar
    # in lines 5 (a), 19 and 21 (b)
    lines = seed_text.split("\n")
    corpus = Corpus.from_records(
        [
            {"doc_id": "a", "date": "2020-03-10", "source": "a", "text": "\n".join(lines[:11])},
            {"doc_id": "b", "date": "2020-03-10", "source": "b", "text": "\n".join(lines[11:])},
        ]
    )
    lab = labels(corpus, find_mentions(corpus, load_libya_actors()), by="source")
    rows = lab[(lab["actor_id"] == "haftar") & (lab["kind"] == "title")]
    rows = rows[rows["descriptor"] == "المشير"]
    assert dict(zip(rows["source"], rows["count"], strict=True)) == {"a": 1, "b": 2}


def test_bad_input(seed):
    corpus, mentions = seed
    with pytest.raises(TypeError, match="corpus must be a toolkit.corpus.Corpus"):
        labels("نص", mentions)
    with pytest.raises(TypeError, match="mentions must be the DataFrame"):
        labels(corpus, [1, 2])
    with pytest.raises(ValueError, match="window must be a positive int"):
        labels(corpus, mentions, window=0)
    with pytest.raises(ValueError, match=r"by must be one of \[None, 'source', 'week'\]"):
        labels(corpus, mentions, by="month")
    empty = labels(Corpus.from_records([]), mentions.iloc[:0])
    assert empty.empty and list(empty.columns) == LABEL_COLUMNS


def test_libya_subset_haftar_rank_in_2015(libya_jsonl):
    # In July-August 2015 Haftar was "الفريق" (before his 2016 promotion to المشير).
    # Searching the texts: "الفريق حفتر" / "الفريق خليفة حفتر" occur 14 times in 8 documents;
    # one of them sits inside the longer mention "قائد الجيش الفريق خليفة حفتر" (its own
    # title row), so 13 stand in apposition. "الفريق أول خليفة حفتر": 4 times, one of them
    # inside "قائد الجيش الفريق أول خليفة حفتر".
    corpus = load_corpus(libya_jsonl)
    mentions = find_mentions(corpus, load_libya_actors())
    lab = labels(corpus, mentions)
    titles = lab[(lab["actor_id"] == "haftar") & (lab["kind"] == "title")]
    got = {r.descriptor: (r.count, r.docs) for r in titles.itertuples()}
    assert got["الفريق"] == (13, 8)
    assert got["الفريق أول"] == (3, 3)
    assert got["قائد الجيش الفريق أول"] == (1, 1)
    assert titles.iloc[0]["descriptor"] == "الفريق"  # the most typical title
    assert "المشير" not in got


# --- the fast paths of labels() give what the plain definitions give ---------------------


def test_word_norms_are_the_word_tokens(seed_text, libya_jsonl):
    # the word tokens' norms (kind "word", not latin) of every text, from toolkit.text.words
    # when the first characters tell the kinds apart, from the tokens otherwise
    from toolkit.actors.descriptors import _word_norms
    from toolkit.text import tokenize

    texts = [seed_text] + load_corpus(libya_jsonl).frame["text"].tolist()
    # latin words, numbers, a hashtag, a ligature that normalizes to four words, and a
    # presentation form of a diacritic (ﹰ) whose normal form is empty: a word of its own
    texts.append("قال محمد ﷺ عن G20 و#ليبيا 2020 Macron")  # words() path
    texts.append("قال محمد ﷺ عن G20 و#ليبيا 2020 ﹰ ﹰب Macron")  # token path
    for text in texts:
        expected = [t.norm for t in tokenize(text) if t.kind == "word"]
        assert _word_norms(text) == expected
    fast, slow = _word_norms(texts[-2]), _word_norms(texts[-1])
    # the و of و#ليبيا is a word (the hashtag is not); ﷺ is one word of four normal words
    assert fast == ["قال", "محمد", "صلي الله عليه وسلم", "عن", "و"]
    assert slow == fast + ["", "ب"]


def test_first_characters_tell_word_from_latin():
    # What _word_norms relies on, over the whole BMP: a word token starts with a character
    # of the Arabic blocks whose normal form starts in those blocks (or is one of the
    # "unsure" letters that send a text to the token path); a latin token's never does.
    from toolkit.actors.descriptors import _arabic_first
    from toolkit.text import normalize, tokenize

    arabic, unsure = _arabic_first()
    chars = [chr(cp) for cp in range(0x21, 0x10000) if not 0xD800 <= cp <= 0xDFFF]
    tokens = tokenize(" ".join(chars))
    kinds = {t.text: t.kind for t in tokens if len(t.text) == 1}
    assert sum(k == "word" for k in kinds.values()) > 300  # the Arabic letters were seen
    for ch, kind in kinds.items():
        form = normalize(ch)
        if kind == "word":
            assert ch in arabic and (unsure.match(ch) or form[:1] in arabic), ch
        elif kind == "latin":
            assert form and form[0] not in arabic, ch


def test_prefixes_are_proclitic_letters(libya_jsonl):
    # _wanted_key looks for a word's key among the suffixes left after a run of proclitic
    # letters; that holds when every prefix split_proclitics cuts is made of them
    from toolkit.actors.descriptors import _PREFIX_LETTERS, _key, _wanted_key
    from toolkit.text import split_proclitics, words

    vocab = set()
    for text in load_corpus(libya_jsonl).frame["text"].tolist():
        vocab.update(words(text))
    cut = 0
    for w in vocab:
        prefix, stem = split_proclitics(w)
        assert prefix + stem == w and set(prefix) <= set(_PREFIX_LETTERS), w
        cut += bool(prefix)
    assert cut > 1000  # وال، لل، ب ... were cut from many words
    # and the shortcut agrees with keying every word, for a set of wanted keys
    wanted = {_key(w) for w in sorted(vocab)[::3]}
    for w in vocab:
        assert _wanted_key(w, wanted) == (_key(w) if _key(w) in wanted else None), w


def test_sentence_range_of_each_token(seed_text):
    # a token belongs to the first sentence ending after its start (the last one for
    # tokens past every end); _sentence_range gives the tokens of that sentence
    from bisect import bisect_right

    from toolkit.actors.descriptors import _sentence_range
    from toolkit.text import document_tokens

    doc = document_tokens(seed_text)
    starts, spans = doc.starts, doc.sentences
    ends = [e for _, e in spans]
    expected = [min(bisect_right(ends, s), len(spans) - 1) for s in starts]
    for a in range(len(starts)):
        lo, hi = _sentence_range(starts, ends, a)
        assert lo <= a < hi
        assert [k for k, s in enumerate(expected) if s == expected[a]] == list(range(lo, hi))
    assert len(set(expected)) == len(spans) > 20  # every sentence holds tokens


def test_same_labels_from_the_corpus_and_from_its_analysis(libya_jsonl):
    # a notebook analyses once and passes the analysis on: labels of the analysis equal
    # labels of the corpus (no cache of texts shared between passes any more)
    from toolkit.text import analyze

    corpus = load_corpus(libya_jsonl)
    mentions = find_mentions(corpus, load_libya_actors())
    alone = labels(corpus, mentions, by="week")
    assert len(alone) > 50
    pd.testing.assert_frame_equal(labels(analyze(corpus), mentions, by="week"), alone)
