"""Quote attribution (toolkit.actors.quotes) on the seed article and the Libya subset.

Expected values were worked out by reading the seed article line by line (line numbers
below are those of ``seed_article.txt``); each quote's boundaries are the words of the
text between the complementizer (or the quotation marks) and the end of the clause.
"""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.actors import find_mentions, load_libya_actors
from toolkit.actors.quotes import QUOTE_COLUMNS, quote_spans, quotes
from toolkit.corpus import Corpus, load_corpus


@pytest.fixture(scope="module")
def seed(seed_text):
    corpus = Corpus.from_records([{"doc_id": "seed", "date": "2020-03-10", "text": seed_text}])
    return corpus, quotes(corpus, load_libya_actors())


def _row(q: pd.DataFrame, quote: str) -> pd.Series:
    hits = q[q["quote"] == quote]
    assert len(hits) == 1, f"expected one row quoting {quote[:40]!r}, got {len(hits)}"
    return hits.iloc[0]


def test_macron_quoted_sentence(seed):
    # line 8: وقال ماكرون "لقد رأينا ... الأراضي الليبية" وهذا انتهاك ...
    _, q = seed
    r = _row(q, "لقد رأينا في الأيام الأخيرة سفنا تركية تقل مرتزقة سوريين تصل إلى الأراضي الليبية")
    assert (r.kind, r.verb, r.speaker, r.speaker_id, r.anonymous) == (
        "direct",
        "قال",
        "ماكرون",
        "macron",
        False,
    )


def test_french_presidency_official_via_reuters(seed):
    # line 5: ونقلت وكالة "رويترز" عن مسؤول بالرئاسة الفرنسية ،أن ... حكومة الوفاق.
    _, q = seed
    r = _row(
        q,
        "المشير حفتر أبلغ الرئيس ماكرون بأنه سيوقّع على اتفاق لوقف النار، وسيلتزم به إذا "
        "احترمته الجماعات المسلحة التي تدعمها حكومة الوفاق",
    )
    assert (r.kind, r.verb, r.speaker, r.anonymous, r.source_via) == (
        "indirect",
        "نقل ... عن",
        "مسؤول بالرئاسة الفرنسية",
        True,
        "رويترز",
    )
    assert pd.isna(r.speaker_id)
    # "رويترز" between quotation marks is a medium, never a quote
    assert "رويترز" not in set(q["quote"])


def test_mismari_quotes(seed):
    # line 17: subject before the verb: اللواء أحمد المسماري،أكد الخميس الماضي إن "..."
    _, q = seed
    r = _row(
        q, "الساعات القادمة ستكون ساخنة جدًا في جميع قطاعات العمليات في المنطقة العسكرية الغربية"
    )
    assert (r.kind, r.verb, r.speaker_id, r.attribution) == ("direct", "أكد", "mismari", "before")
    # line 18: ولفت المسماري خلال مؤتمر صحفي،الى أن ... (indirect, the quoted fragments kept)
    r = _row(
        q,
        'قوات القيادة العامة "نفذت عدة عمليات عسكرية استباقية" بمناطق جنوب شرق غريان والهيرة '
        'والعزيزية خلال الفترة الماضية لـ"منع القوات التابعة لحكومة الوفاق من استغلال حالة الهدنة"',
    )
    assert (r.kind, r.verb, r.speaker, r.speaker_id) == ("indirect", "لفت", "المسماري", "mismari")
    # line 18: وأشار الناطق العسكري ... = the spokesman named in line 17
    rows = q[q["speaker"] == "الناطق العسكري"]
    assert rows["speaker_id"].tolist() == ["mismari", "mismari"]
    assert rows["verb"].tolist() == ["أشار", "لفت"]


def test_mihoub_via_sputnik(seed):
    # line 21: أكد الميهوب لوكالة "سبوتنيك" الروسية،أن ... والتوقيع على وقف إطلاق النار.
    _, q = seed
    r = _row(
        q,
        "الشروط التي طرحتها القوات المسلحة الليبية في وقت سابق لم تتغير، وأنه حال توافر الشروط "
        "المعلنة مسبقا يمكن اتخاذ خطوة مغايرة للموقف الحالي، والتوقيع على وقف إطلاق النار",
    )
    assert (r.kind, r.verb, r.speaker, r.speaker_id, r.source_via) == (
        "indirect",
        "أكد",
        "الميهوب",
        "mihoub",
        "سبوتنيك",
    )
    # line 19: قال طلال الميهوب ...، إن <a> مشيرا الى أن <b>: two rows, one speaker
    a = _row(q, "زيارة المشير خليفة حفتر إلى فرنسا وبرلين تتعلق بمسارات الحل المطروحة")
    assert (a.verb, a.speaker, a.speaker_id) == ("قال", "طلال الميهوب", "mihoub")
    b = q[(q["verb"] == "أشار") & (q["speaker_id"] == "mihoub")].iloc[0]
    assert b.quote.startswith("المجتمع الدولي على إطلاع") and b.quote.endswith("حتى الأن")
    assert b.attribution == "continuation"


def test_haftar_february_statement(seed):
    # line 22: وقال قائد الجيش الوطني الليبي في تصريحات أواخر فبراير الماضي إن "..."
    _, q = seed
    r = _row(
        q,
        "مفاوضات جنيف لن تفضي إلى نتيجة إلا إذا انسحب المرتزقة الأتراك والسوريون وتوقفت تركيا "
        "عن تسليم أسلحة لطرابلس وتمت تصفية الجماعات الإرهابية",
    )
    assert (r.kind, r.verb, r.speaker, r.speaker_id) == (
        "direct",
        "قال",
        "قائد الجيش الوطني الليبي",
        "haftar",
    )
    # and the next sentence: وأكد حفتر أنه "في حال ... العثمانيين".
    nxt = q[(q["verb"] == "أكد") & (q["speaker_id"] == "haftar")].iloc[0]
    assert nxt.kind == "direct" and nxt.quote.startswith("في حال لم تتوصل مفاوضات جنيف")
    assert nxt.quote.endswith("من الغزاة الأتراك – العثمانيين")


def test_every_seed_quote_in_order(seed):
    # All 30 reports of the article, checked one by one against the text:
    # (kind, verb, speaker id, or the speaker as written when no actor says it)
    _, q = seed
    got = [
        (r.kind, r.verb, r.speaker_id if isinstance(r.speaker_id, str) else r.speaker)
        for r in q.itertuples()
    ]
    assert got == [
        ("indirect", "قال", "مكتب الإعلام التابع للقيادة العامة للجيش الليبي"),  # line 2
        ("direct", "أضاف", "مكتب الإعلام"),  # line 3
        ("indirect", "وفقا لـ", "للمكتب"),  # ووفقا للمكتب، أشاد الرئيس الفرنسي ...
        ("direct", "أكد", "macron"),  # ... مؤكدا "دعمه التام"
        ("indirect", "نقل ... عن", "مسؤول بالرئاسة الفرنسية"),  # line 5
        ("direct", "أضاف", "المسؤول"),
        ("direct", "قال", "المسؤول في الرئاسة الفرنسية"),  # line 6
        ("indirect", "أضاف", "المسؤول في الرئاسة الفرنسية"),  # وأضاف، أنه ... (inherited)
        ("indirect", "أعرب", "المشاركون"),  # line 7
        ("direct", "قال", "macron"),  # line 8
        ("indirect", "نقل ... عن", "مصدر لم تذكره"),  # line 10
        ("indirect", "أفاد", "marinetraffic"),  # فيما أفاد موقع "مارين ترافيك" بأن ...
        ("indirect", "دعا", "france"),  # line 12: كثفت فرنسا ... داعية الى ضرورة ...
        ("indirect", "دعا", "ledrian"),  # line 13
        ("indirect", "دعا", "ledrian"),
        ("direct", "قال", "المتحدث بإسم الحكومة الالمانية"),  # line 14
        ("indirect", "كشف", "sheikhi"),  # line 16
        ("direct", "أكد", "mismari"),  # line 17
        ("indirect", "لفت", "mismari"),
        ("indirect", "لفت", "mismari"),  # line 18
        ("indirect", "أشار", "mismari"),
        ("indirect", "لفت", "mismari"),
        ("indirect", "قال", "mihoub"),  # line 19
        ("indirect", "أشار", "mihoub"),
        ("indirect", "أكد", "mihoub"),  # line 21
        ("indirect", "تابع", "mihoub"),
        ("direct", "قال", "haftar"),  # line 22
        ("direct", "أكد", "haftar"),
        ("indirect", "أشار", "مسؤولون ليبيون"),  # line 23
        ("direct", "اعتبر", "huwaij"),  # حيث اعتبر "ان أي حل ..."
    ]


def test_inherited_and_via_details(seed):
    _, q = seed
    # line 6: وأضاف، أنه لا توجد خطط ... : no subject, inherits the previous speaker
    r = _row(q, "لا توجد خطط للقاء ماكرون برئيس حكومة طرابلس فائز السراج أو التحدث معه")
    assert (r.speaker, r.anonymous, r.attribution) == (
        "المسؤول في الرئاسة الفرنسية",
        True,
        "inherited",
    )
    # line 16: في تصريح لـ"بوابة إفريقيا الإخبارية" is the outlet, the officer is named
    r = q[q["verb"] == "كشف"].iloc[0]
    assert (r.speaker, r.anonymous, r.source_via) == (
        "جبريل الشيخى",
        False,
        "بوابة إفريقيا الإخبارية",
    )
    # line 14: في بيان نقلته "رويترز": "..." -> via Reuters, the quote is the second one
    r = q[q["speaker"] == "المتحدث بإسم الحكومة الالمانية"].iloc[0]
    assert r.source_via == "رويترز" and r.quote.startswith("أكدت المستشارة أنه ما من حل عسكري")
    # no reporting verb inside a direct quote makes a row (أكد لنا القائد العسكري ... line 5)
    assert not ((q["start"] > r.start) & (q["end"] <= r.end)).any()


def test_offsets_slice_the_original(seed):
    corpus, q = seed
    text = corpus.text("seed")
    assert len(q) == 30
    for r in q.itertuples():
        assert text[r.start : r.end] == r.quote
        assert text[r.speaker_start : r.speaker_end] == r.speaker
        assert r.verb_start < r.verb_end
    assert set(q["kind"]) == {"direct", "indirect"}
    assert list(q.columns) == QUOTE_COLUMNS


def _q(text: str, date: str = "2020-03-10") -> pd.DataFrame:
    return quotes(Corpus.from_records([{"doc_id": "x", "date": date, "text": text}]),
                  load_libya_actors())


def test_guillemets_and_postposed_attribution():
    q = _q("«لن نقبل بأي تدخل أجنبي في ليبيا»، قال حفتر.")
    assert q[["quote", "kind", "verb", "speaker_id"]].values.tolist() == [
        ["لن نقبل بأي تدخل أجنبي في ليبيا", "direct", "قال", "haftar"]
    ]


def test_trailing_and_leading_frames():
    q = _q("قتل عشرة أشخاص في اشتباكات بطرابلس، بحسب مصدر أمني.")
    assert q[["quote", "verb", "speaker", "anonymous"]].values.tolist() == [
        ["قتل عشرة أشخاص في اشتباكات بطرابلس", "بحسب", "مصدر أمني", True]
    ]
    # a frame on a law is not a source
    assert _q("ووفقا للقانون، يحق للبرلمان سحب الثقة من الحكومة.").empty


def test_not_reports():
    # a relative clause, and أن after بعد, are not reported speech
    assert _q("ومنذ مؤتمر برلين الذي دعت إليه الأمم المتحدة وألمانيا.").empty
    q = _q("وقال الوزير بعد أن التقى نظيره إن الحوار مستمر.")
    assert q[["quote", "speaker"]].values.tolist() == [["الحوار مستمر", "الوزير"]]


def test_quote_spans_pair_marks_per_line():
    text = 'قال "أ" و«ب "ج"» ثم "د\nهـ"'
    # the straight quote left open at the end of line 1 does not pair across the line break
    assert [text[o + 1 : c] for o, c in quote_spans(text)] == ["أ", 'ب "ج"']


def test_bad_input():
    with pytest.raises(TypeError, match="corpus must be a toolkit.corpus.Corpus.*list"):
        quotes([{"text": "قال"}])
    empty = quotes(Corpus.from_records([]))
    assert empty.empty and list(empty.columns) == QUOTE_COLUMNS
    c = Corpus.from_records([{"doc_id": "x", "text": "وقال ماكرون إن الحل سياسي."}])
    with pytest.raises(ValueError, match="mentions is missing the columns"):
        quotes(c, mentions=pd.DataFrame({"doc_id": ["x"]}))


def test_libya_subset(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    mentions = find_mentions(corpus, load_libya_actors())
    q = quotes(corpus, mentions=mentions)
    texts = dict(zip(corpus.frame["doc_id"], corpus.frame["text"], strict=True))
    for r in q.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.quote
        if isinstance(r.speaker, str):
            assert texts[r.doc_id][r.speaker_start : r.speaker_end] == r.speaker
    assert len(q) > 1000 and (q["kind"] == "direct").sum() > 300
    # sn-00005 (aawsat): وقال وزير الخارجية الايطالي باولو جينتيلوني "انها منطقة شهدت سوابق"
    # then واضاف لشبكات التلفزيون الايطالية "ما زال من الصعب ...": same speaker, via TV
    d = q[q["doc_id"] == "sn-00005"].reset_index(drop=True)
    g = d[d["speaker_id"] == "gentiloni"]
    assert g["quote"].tolist()[:2] == [
        "انها منطقة شهدت سوابق",
        "ما زال من الصعب بعد ساعات فقط (على خطفهم) معرفة المسؤولين وفهم طبيعة",
    ]
    assert g["source_via"].tolist()[1] == "شبكات التلفزيون الايطالية"
    assert d.loc[0, ["verb", "speaker"]].tolist() == ["أعلن", "وزارة الخارجية الايطالية"]


def test_shared_analysis_cache_gives_the_same_tokens_and_sentences(seed_text, monkeypatch):
    # quotes and labels share one tokenization per text (toolkit.actors._speech): a cached
    # analysis must rebuild exactly the tokens and sentences toolkit.text makes
    from toolkit.actors import _speech
    from toolkit.text import sentences, tokenize

    _speech.clear_cache()
    cold = _speech.analyze(seed_text)
    warm = _speech.analyze(seed_text)
    expected = (tokenize(seed_text), [(s.start, s.end) for s in sentences(seed_text)])
    assert cold == expected and warm == expected
    assert len(_speech._cache) == 1
    # the cache is bounded by characters: the oldest text goes first
    monkeypatch.setattr(_speech, "CACHE_CHARS", len(seed_text) + 10)
    _speech.analyze("قال ماكرون")  # 10 characters: both fit
    assert len(_speech._cache) == 2
    _speech.analyze("وأضاف حفتر")  # one more: the seed is dropped
    assert seed_text not in _speech._cache and len(_speech._cache) == 2
    _speech.clear_cache()
    assert _speech._cached_chars == 0


def test_columns_are_the_tokens_and_sentences_without_token_objects(seed_text):
    # _speech.columns gives the fields of tokenize(text) as parallel lists and the
    # sentences of toolkit.text.sentences, from one tokenization; cold and cached alike
    from toolkit.actors import _speech
    from toolkit.text import sentences, tokenize

    toks = tokenize(seed_text)
    expected = (
        [t.start for t in toks],
        [t.end for t in toks],
        [t.text for t in toks],
        [t.norm for t in toks],
        [t.kind for t in toks],
        tuple((s.start, s.end) for s in sentences(seed_text)),
    )
    _speech.clear_cache()
    assert _speech.columns(seed_text) == expected  # computed
    assert _speech.columns(seed_text) == expected  # rebuilt from the cache
    # the seed's 48 straight quote marks (24 quotations) are 48 punctuation tokens; its
    # first sentence ends with the first "." of the text ("... في البلاد.لكن يبدو")
    quote_kinds = [k for s, k in zip(expected[2], expected[4], strict=True) if s == '"']
    assert quote_kinds == ["punct"] * 48
    first_dot = seed_text.index(".")
    assert seed_text[first_dot - 6 : first_dot + 4] == "البلاد.لكن"
    assert expected[5][0] == (0, first_dot + 1)
    _speech.clear_cache()
    assert _speech.columns("") == ([], [], [], [], [], ())
    with pytest.raises(TypeError):
        _speech.columns(None)


def test_lean_and_cached_norms_are_the_columns_without_surfaces(seed_text):
    # _speech.lean: the columns less the surfaces, the kinds as one code character each;
    # _speech.cached_norms: the cached norms joined by line breaks, with the same codes
    from toolkit.actors import _speech

    _speech.clear_cache()
    assert _speech.cached_norms(seed_text) is None  # not analyzed yet
    starts, ends, surfaces, norms, kinds, sents = _speech.columns(seed_text)
    codes = "".join(_speech.KIND_CODE[k] for k in kinds)
    for _ in range(2):  # from the cache, and once more
        assert _speech.lean(seed_text) == (starts, ends, norms, codes, sents)
    assert _speech.cached_norms(seed_text) == ("\n".join(norms), codes)
    # the 48 straight quote marks of the seed are punctuation: code "I" (the 9th kind)
    assert codes.count(_speech.KIND_CODE["punct"]) >= 48 and _speech.KIND_CODE["punct"] == "I"
    _speech.clear_cache()
    assert _speech.lean(seed_text) == (starts, ends, norms, codes, sents)  # computed again
    assert _speech.lean("") == ([], [], [], "", ())


def test_reporting_verbs_with_a_conjunction():
    # و/ف in front of a reporting verb is the conjunction (وقال، فأكد); a two-letter word
    # keeps its first letter (the rule of _bare)
    from toolkit.actors.quotes import _verb, lexicon

    lex = lexicon()
    assert _verb(lex, "قال") == _verb(lex, "وقال") == _verb(lex, "فقال") == ("قال", "finite")
    assert _verb(lex, "مضيفا") == _verb(lex, "ومضيفا") == ("أضاف", "participle")
    assert _verb(lex, "وا") is None and _verb(lex, "ووقال") is None
