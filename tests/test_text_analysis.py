"""toolkit.text.analyze: the one public analysis, and the table functions that accept it.

Expected values are worked out by hand on short Arabic sentences (offsets counted
character by character), and on the real corpora the analysis must give exactly what
the corpus gives.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit.actors import find_mentions, labels, load_default_actors
from toolkit.corpus import Corpus, load_corpus, sample
from toolkit.frequency import collocations, keyness, kwic, ngrams, term_frequencies, tfidf, trends
from toolkit.text import Analysis, analyze, sentences, tokenize


def test_tokens_and_sentences_by_hand():
    # "قال ماكرون." is 11 characters (3 + 1 + 6 + 1); "ثم" starts at 12
    a = analyze(["قال ماكرون. ثم غادر", "نعم"])
    assert isinstance(a, Analysis) and len(a) == 2
    t = a.tokens
    assert list(t.columns) == ["doc_id", "sentence", "start", "end", "surface", "norm", "kind"]
    assert t.values.tolist() == [
        ["0", 0, 0, 3, "قال", "قال", "word"],
        ["0", 0, 4, 10, "ماكرون", "ماكرون", "word"],
        ["0", 0, 10, 11, ".", ".", "punct"],
        ["0", 1, 12, 14, "ثم", "ثم", "word"],
        ["0", 1, 15, 19, "غادر", "غادر", "word"],
        ["1", 0, 0, 3, "نعم", "نعم", "word"],
    ]
    assert a.sentences.values.tolist() == [["0", 0, 0, 11], ["0", 1, 12, 19], ["1", 0, 0, 3]]


def test_norm_is_the_search_preset_and_offsets_slice_the_original():
    text = "وأضاف مكتب الإعلام:«نظمت الرئاسة»"
    t = analyze(text).tokens
    assert t.norm.tolist() == ["واضاف", "مكتب", "الاعلام", ":", '"', "نظمت", "الرءاسه", '"']
    assert all(text[s:e] == w for s, e, w in zip(t.start, t.end, t.surface, strict=True))


def test_same_as_tokenize_and_sentences_on_the_seed():
    corpus = sample()
    text = corpus.frame.text.iloc[0]
    a = analyze(corpus)
    toks = tokenize(text)
    assert a.tokens[["start", "end", "surface", "norm", "kind"]].values.tolist() == [
        [t.start, t.end, t.text, t.norm, t.kind] for t in toks
    ]
    assert a.sentences[["start", "end"]].values.tolist() == [
        [s.start, s.end] for s in sentences(text)
    ]
    # every token lies inside the sentence it is numbered with
    merged = a.tokens.merge(a.sentences, on=["doc_id", "sentence"], suffixes=("", "_s"))
    assert len(merged) == len(toks)
    assert ((merged.start >= merged.start_s) & (merged.end <= merged.end_s)).all()
    assert set(a.tokens.doc_id) == {"seed-libya-2020"}


def test_empty_texts_and_bad_input():
    a = analyze(["", "   "])
    assert len(a) == 2 and a.tokens.empty and a.sentences.empty
    assert list(a.tokens.columns)[:3] == ["doc_id", "sentence", "start"]
    with pytest.raises(TypeError, match="text #1 is a int"):
        analyze(["نص", 3])
    with pytest.raises(ValueError, match="preset"):
        analyze("نص", preset="heavy")


def test_one_doc_id_rule_for_plain_texts():
    texts = ["وصل حفتر إلى باريس", "حفتر في برلين"]
    a = analyze(texts)
    assert a.doc_ids == ["0", "1"]
    k = kwic(a, "حفتر")
    assert k.doc_id.tolist() == ["0", "1"]
    assert kwic(texts, "حفتر").doc_id.tolist() == ["0", "1"]
    assert set(tfidf(a).doc_id) == {"0", "1"}


def test_analysis_is_returned_as_is():
    a = analyze("نص")
    assert analyze(a) is a
    assert analyze(a, preset="light").preset == "light"


@pytest.fixture(scope="module")
def libya(libya_jsonl):
    return load_corpus(libya_jsonl)


def test_table_functions_accept_the_analysis(libya):
    a = analyze(libya)
    assert_frame_equal(term_frequencies(a, by="source"), term_frequencies(libya, by="source"))
    assert_frame_equal(ngrams(a, 2), ngrams(libya, 2))
    assert_frame_equal(tfidf(a, top=5), tfidf(libya, top=5))
    assert_frame_equal(collocations(a), collocations(libya))
    assert_frame_equal(kwic(a, "الأمم المتحدة"), kwic(libya, "الأمم المتحدة"))
    assert_frame_equal(trends(a, ["ليبيا", "حفتر"]), trends(libya, ["ليبيا", "حفتر"]))
    okaz = libya.frame.source == "okaz"
    assert_frame_equal(keyness(a, group=okaz.tolist()), keyness(libya, group=okaz.tolist()))
    m = find_mentions(libya, load_default_actors())
    assert_frame_equal(labels(a, m), labels(libya, m))
    assert_frame_equal(labels(a, m, by="week"), labels(libya, m, by="week"))


def test_labels_from_a_corpus_of_records():
    c = Corpus.from_records(
        [{"text": "قال المشير خليفة حفتر إن الجيش تقدم.", "doc_id": "a"}, {"text": "لا شيء هنا"}]
    )
    m = find_mentions(c, load_default_actors())
    lab = labels(analyze(c), m)
    assert isinstance(lab, pd.DataFrame)
    assert "المشير" in set(lab.loc[lab.actor_id == "haftar", "descriptor"])


def test_a_long_text_is_read_in_pieces_with_the_same_tokens(seed_text):
    # 12 copies of the seed (13 KB each) make a text past CHUNK_CHARS (64 K characters),
    # read in pieces cut at whitespace; a URL and a hashtag in the last copy only (they
    # send that piece down the other expression): every copy must give the seed's tokens,
    # shifted by its offset, and the words must be the seed's words 12 times
    from toolkit.text import words
    from toolkit.text.tokens import CHUNK_CHARS

    tail = " https://example.org/a #ليبيا"
    copies = 12
    text = "\n".join([seed_text] * copies) + tail
    assert len(text) > CHUNK_CHARS
    one = [(t.start, t.end, t.text, t.norm, t.kind) for t in tokenize(seed_text)]
    got = [(t.start, t.end, t.text, t.norm, t.kind) for t in tokenize(text)]
    step = len(seed_text) + 1
    expected = [
        (s + k * step, e + k * step, w, n, kind) for k in range(copies) for s, e, w, n, kind in one
    ]
    assert got[: len(expected)] == expected
    assert [t[2] for t in got[len(expected) :]] == ["https://example.org/a", "#ليبيا"]
    assert words(text) == words(seed_text) * copies  # a url and a hashtag are no words
    d = analyze(text).document(0)
    assert d.starts == [t[0] for t in got] and d.norms == [t[3] for t in got]


def test_no_submodule_of_frequency_is_shadowed_by_a_function():
    # `import toolkit.frequency.X as m` must give the module X wherever X is a module
    import importlib
    import pkgutil
    import types

    import toolkit.frequency as freq

    for info in pkgutil.iter_modules(freq.__path__):
        module = importlib.import_module(f"toolkit.frequency.{info.name}")
        assert isinstance(getattr(freq, info.name), types.ModuleType), info.name
        assert getattr(freq, info.name) is module
    import toolkit.actors.descriptors as d

    assert isinstance(d, types.ModuleType) and callable(d.labels)


def test_labels_by_week_of_plain_texts_is_a_clear_error():
    texts = ["قال المشير خليفة حفتر إن الجيش تقدم."]
    m = find_mentions(texts, load_default_actors())
    with pytest.raises(ValueError, match="needs a 'date' column"):
        labels(analyze(texts), m, by="week")


def test_analysis_columns_equal_tokenize_and_sentences_on_real_articles(libya_jsonl):
    # the analysis keeps offsets as integer arrays, norms joined and kinds as codes; read back
    # as a table it must give exactly what tokenize() and sentences() give, article by article
    import json

    texts = [json.loads(line)["content"] or "" for line in libya_jsonl.read_text("utf-8").splitlines()]
    texts = texts[:150] + ["وَقَالَ لـ«رويترز»:ﻻ #ليبيا https://x.org/a. ٣٫٥ 👩🏽‍⚕️ البلاد.لكن"]
    a = analyze(texts)
    t = a.tokens
    assert a.token_count == len(t)
    expected = [
        [str(i), t.start, t.end, t.text, t.norm, t.kind]
        for i, text in enumerate(texts)
        for t in tokenize(text)
    ]
    assert t[["doc_id", "start", "end", "surface", "norm", "kind"]].values.tolist() == expected
    assert t.start.dtype == "int64" and t.sentence.dtype == "int64"
    spans = [[str(i), s.start, s.end] for i, text in enumerate(texts) for s in sentences(text)]
    assert a.sentences[["doc_id", "start", "end"]].values.tolist() == spans
    assert all(type(v) is int for d in a for pair in d.sentences for v in pair)
