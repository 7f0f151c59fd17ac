"""Actor matching: each rule on real strings, the seed-article gold, offsets on real news."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.actors import Actors, find_mentions, load_libya_actors
from toolkit.actors.match import Matcher, demonym_forms
from toolkit.corpus import Corpus
from toolkit.text import normalize

GOLD = Path(__file__).parent / "data" / "seed_mentions_gold.csv"


@pytest.fixture(scope="module")
def actors() -> Actors:
    return load_libya_actors()


def spans(text: str, actors: Actors, date: str | None = None) -> list[tuple[str, str, str]]:
    corpus = Corpus.from_records([{"doc_id": "d", "text": text, "date": date}])
    m = find_mentions(corpus, actors)
    return list(zip(m.surface, m.actor_id, m.via, strict=True))


# --------------------------------------------------------------------------- one rule each


def test_proclitic_waw_is_part_of_the_mention(actors):
    text = "واجتمع ماكرون وحفتر في باريس"
    assert spans(text, actors) == [
        ("ماكرون", "macron", "alias"),
        ("وحفتر", "haftar", "alias"),
        ("باريس", "france", "metonym"),
    ]
    m = find_mentions(text, actors)
    # وحفتر starts at 14 (6 letters of واجتمع, space, 6 of ماكرون, space) and ends at 19
    assert (m.start[1], m.end[1]) == (14, 19)


def test_preposition_lam_before_a_country(actors):
    assert spans("تسليم أسلحة لفرنسا ولتركيا", actors) == [
        ("لفرنسا", "france", "alias"),
        ("ولتركيا", "turkey", "alias"),
    ]


def test_bi_plus_definite_article_multiword(actors):
    # "بقرار الأمم المتحدة" has ب on قرار; "بالأمم المتحدة" carries it on the name itself
    assert spans("وندد بالأمم المتحدة ثم وبالأمم المتحدة", actors) == [
        ("بالأمم المتحدة", "un", "alias"),
        ("وبالأمم المتحدة", "un", "alias"),
    ]


def test_elided_article_after_lam(actors):
    # ل + الجيش is written للجيش: the alias's alef disappears
    assert spans("التابع للقيادة العامة للجيش الليبي وللجيش الليبي", actors) == [
        ("للقيادة العامة للجيش الليبي", "lna", "alias"),
        ("وللجيش الليبي", "lna", "alias"),
    ]


def test_broken_plural_demonym(actors):
    assert spans("انسحب المرتزقة الأتراك والسوريون", actors) == [
        ("الأتراك", "turkey", "demonym"),
        ("والسوريون", "syria", "demonym"),
    ]


def test_demonym_inflections():
    forms = demonym_forms("فرنسي")
    for f in ["فرنسي", "الفرنسي", "الفرنسيه", "الفرنسيين", "الفرنسيون", "فرنسيون", "فرنسيين",
              "فرنسيه", "فرنسيات", "الفرنسيات", "فرنسيا"]:
        assert f in forms
    assert demonym_forms("أتراك") == ["اتراك", "الاتراك"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # Hollande held the title until 13 May 2017, Macron from 14 May 2017
        ("2016-06-01", [("الرئيس الفرنسي", "hollande", "role")]),
        ("2020-03-10", [("الرئيس الفرنسي", "macron", "role")]),
        # no date: the role does not resolve and the demonym inside it is what remains
        (None, [("الفرنسي", "france", "demonym")]),
    ],
)
def test_role_resolves_by_date(actors, date, expected):
    assert spans("استقبل الرئيس الفرنسي ضيفه", actors, date) == expected


def test_default_date_for_undated_text(actors):
    m = find_mentions("استقبل الرئيس الفرنسي ضيفه", actors, date="2016-01-01")
    assert m.actor_id.tolist() == ["hollande"]
    # a document's own date wins over the default
    dated = Corpus.from_records([{"text": "استقبل الرئيس الفرنسي ضيفه", "date": "2020-03-10"}])
    assert find_mentions(dated, actors, date="2016-01-01").actor_id.tolist() == ["macron"]
    with pytest.raises(ValueError, match="date must be a date"):
        find_mentions("نص", actors, date="yesterday")


def test_role_range_boundaries(actors):
    text = "قال الرئيس الفرنسي"
    assert spans(text, actors, "2017-05-13")[0][1] == "hollande"
    assert spans(text, actors, "2017-05-14")[0][1] == "macron"


def test_bush_is_not_b_plus_wsh():
    # a dictionary with an actor named وش: the word بوش (Bush) must not be read as ب + وش
    actors = Actors.from_dict({"actors": [
        {"id": "wsh", "label": "وش", "type": "person", "aliases": ["وش"]},
        {"id": "bush", "label": "جورج بوش", "type": "person", "aliases": ["بوش", "جورج بوش"]},
    ]})
    assert spans("قال بوش ثم وبوش ثم وش", actors) == [
        ("بوش", "bush", "alias"),
        ("وبوش", "bush", "alias"),
        ("وش", "wsh", "alias"),
    ]
    # without Bush in the dictionary, بوش is still a known whole word (the lexicon)
    only_wsh = Actors([actors["wsh"]])
    assert spans("قال بوش إن", only_wsh) == []
    # the same holds for لبنان (not ل + بنان) and وزير (not و + زير)
    names = Actors.from_dict({"actors": [
        {"id": "banan", "label": "بنان", "type": "person", "aliases": ["بنان"]},
        {"id": "zir", "label": "زير", "type": "person", "aliases": ["زير"]},
    ]})
    assert spans("زار لبنان وزير الخارجية، ولبنان", names) == []
    assert spans("قالت بنان ولبنان", names) == [("بنان", "banan", "alias")]
    # a known word with MORE proclitics than the reading (بالإسكندرية = ب + ال + إسكندرية in
    # the WikiNews gold) is the same reading and still matches the alias الإسكندرية
    city = Actors.from_dict({"actors": [
        {"id": "alexandria", "label": "الإسكندرية", "type": "place", "aliases": ["الإسكندرية"]},
    ]})
    assert spans("وصل بالإسكندرية", city) == [("بالإسكندرية", "alexandria", "alias")]


def test_misr_not_inside_masraf(actors):
    assert spans("أعلن مصرف ليبيا المركزي", actors) == [("ليبيا", "libya", "alias")]
    assert spans("زار مصر ومصرف", actors) == [("مصر", "egypt", "alias")]


def test_leon_not_inside_million(actors):
    # ليون (León) is ambiguous; مليون is a different word altogether
    text = "إنتاج مليون برميل. والتقى برناردينو ليون الأطراف، وقال ليون إن"
    assert spans(text, actors, "2015-07-25") == [
        ("برناردينو ليون", "leon", "alias"),
        ("ليون", "leon", "ambiguous"),
    ]


def test_salama_common_noun_not_counted(actors):
    text = "حرصا على سلامة المدنيين وسلامة الطرق"
    assert spans(text, actors) == []


def test_salama_after_the_full_name_or_a_title(actors):
    text = "استقال غسان سلامة. وطالب لودريان بتعيين بديل عن سلامة"
    assert spans(text, actors) == [
        ("غسان سلامة", "salame", "alias"),
        ("لودريان", "ledrian", "alias"),
        ("سلامة", "salame", "ambiguous"),
    ]
    # before the full name: not counted; after a title word: counted
    assert spans("عن سلامة ثم غسان سلامة", actors) == [("غسان سلامة", "salame", "alias")]
    assert spans("قال المبعوث سلامة", actors) == [("سلامة", "salame", "ambiguous")]


def test_longest_match_wins_and_no_overlap(actors):
    # قائد الجيش الوطني الليبي (role, Haftar) contains الجيش الوطني الليبي (LNA) and الليبي
    assert spans("وقال قائد الجيش الوطني الليبي", actors, "2020-03-10") == [
        ("قائد الجيش الوطني الليبي", "haftar", "role")
    ]
    assert spans("ميليشيات فجر ليبيا", actors) == [("فجر ليبيا", "fajr_libya", "alias")]


def test_role_and_name_side_by_side_are_one_mention(actors):
    got = spans("استقبل الرئيس الفرنسي إيمانويل ماكرون", actors, "2020-03-10")
    assert got == [("الرئيس الفرنسي إيمانويل ماكرون", "macron", "alias")]
    m = find_mentions(
        Corpus.from_records([{"text": "قائد الجيش الوطني الليبي المشير خليفة حفتر", "date": "2020-03-10"}]),
        actors,
    )
    assert m.matched.tolist() == ["قائد الجيش الوطني الليبي + خليفة حفتر"]
    # a comma between them keeps two mentions
    assert len(spans("الرئيس الفرنسي، ماكرون", actors, "2020-03-10")) == 2


def test_normalization_variants_meet(actors):
    # hamza-less الايطالية (SaudiNewsNet) and diacritics
    assert spans("الخارجية الايطالية وأَرْدُوغَان", actors) == [
        ("الايطالية", "italy", "demonym"),
        ("وأَرْدُوغَان", "erdogan", "alias"),
    ]


def test_matcher_rejects_wrong_type():
    with pytest.raises(TypeError, match="actors must be an Actors"):
        Matcher({"haftar": ["حفتر"]})
    with pytest.raises(TypeError, match="corpus must be"):
        find_mentions(42, load_libya_actors())


def test_empty_inputs(actors):
    assert find_mentions("", actors).empty
    m = find_mentions(Corpus.from_records([{"text": "لا شيء هنا"}]), actors)
    assert list(m.columns) == [
        "doc_id", "sentence", "start", "end", "surface", "actor_id", "actor_type", "via", "matched",
    ]
    assert m.empty


# --------------------------------------------------------------------------- the seed gold


def test_seed_gold_precision_recall(seed_text, actors):
    """Score against the hand-made gold (tests/data/seed_mentions_gold.csv).

    The gold was written by reading the article line by line and listing every mention
    of a person, organisation, country, place or medium (names, dated titles, demonyms,
    capitals used for their state), offsets computed with Python and checked with
    text[start:end] == surface.  Anaphora (المسؤول، الناطق العسكري) and generic nouns
    (المرتزقة، الميليشيات) are not mentions.  A match counts when start, end and actor agree.
    """
    gold = pd.read_csv(GOLD)
    for r in gold.itertuples():
        assert seed_text[r.start : r.end] == r.surface
    corpus = Corpus.from_records([{"doc_id": "seed", "text": seed_text, "date": "2020-03-10"}])
    m = find_mentions(corpus, actors)
    pred = set(zip(m.start, m.end, m.actor_id, strict=True))
    true = set(zip(gold.start, gold.end, gold.actor_id, strict=True))
    tp = len(pred & true)
    precision, recall = tp / len(pred), tp / len(true)
    print(f"seed gold: {len(true)} mentions, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95
    both = m.merge(gold, on=["start", "end", "actor_id"], suffixes=("", "_gold"))
    assert (both.via == both.via_gold).mean() >= 0.95


def test_seed_sentences_and_sample(actors):
    from toolkit.corpus import sample

    corpus = sample()
    m = find_mentions(corpus, actors)
    text = corpus.text(m.doc_id[0])
    assert (m.surface == [text[s:e] for s, e in zip(m.start, m.end, strict=True)]).all()
    # the article opens with one sentence mentioning ليبيا, the second mentions تركيا
    # ("في البلاد.لكن" splits the first line in two)
    assert m.sentence.tolist()[:2] == [0, 1]
    assert m.sentence.is_monotonic_increasing


def test_offsets_slice_the_original_on_the_libya_subset(libya_jsonl, actors):
    from toolkit.corpus import load_corpus

    corpus = load_corpus(libya_jsonl)
    m = find_mentions(corpus, actors)
    assert len(m) > 5000
    texts = dict(zip(corpus.frame.doc_id, corpus.frame.text, strict=True))
    bad = [r for r in m.itertuples() if texts[r.doc_id][r.start : r.end] != r.surface]
    assert not bad
    # the mentions never overlap inside a document
    m = m.sort_values(["doc_id", "start"])
    prev_end = m.groupby("doc_id").end.shift()
    assert (m.start[prev_end.notna()] >= prev_end[prev_end.notna()]).all()
    top = m.actor_id.value_counts()
    assert top.index[0] == "libya"
    assert top["isis"] > 100 and top["leon"] > 20
    # مليون never counts for León
    assert not m.surface.str.contains("مليون").any()


def test_ambiguous_titles_depend_on_the_actor_type(actors):
    # البيضاء (al-Bayda) is a place: a place word before it resolves it, an adjective does not
    assert spans("وصل إلى مدينة البيضاء أمس", actors) == [("البيضاء", "bayda", "ambiguous")]
    assert spans("رفعت الراية البيضاء", actors) == []
    # البرلمان is an organisation's ambiguous alias: a person title is not enough ...
    assert spans("قال رئيس البرلمان المصري", actors) == [("المصري", "egypt", "demonym")]
    # ... but the full alias earlier in the document is
    assert spans("اجتمع مجلس النواب الليبي في طبرق. وصوت البرلمان على القرار", actors) == [
        ("مجلس النواب الليبي", "hor", "alias"),
        ("طبرق", "tobruk", "alias"),
        ("البرلمان", "hor", "ambiguous"),
    ]


def test_diacritics_and_tatweel_do_not_change_mentions(seed_text, actors):
    """Property: decorating the seed with harakat and tatweel (removed by the search
    normalization) keeps the same mentions, and offsets still slice the decorated text."""
    import random

    matcher = Matcher(actors)
    base = [(a, via) for _s, _e, a, via, _m in matcher.spans(seed_text, "2020-03-10")]
    letters = [i for i, c in enumerate(seed_text) if "\u0621" <= c <= "\u064a"]
    rng = random.Random(20200310)
    for _ in range(8):
        added = {i: rng.choice("\u064e\u064f\u0650\u0651\u0652\u064b\u0640")
                 for i in rng.sample(letters, rng.randint(1, 2000))}
        text = "".join(c + added.get(i, "") for i, c in enumerate(seed_text))
        got = matcher.spans(text, "2020-03-10")
        assert [(a, via) for _s, _e, a, via, _m in got] == base
        # each mention starts on a letter of the decorated text, never on a mark
        assert all(text[s].isalpha() and text[s] != "\u0640" for s, _e, *_ in got)


def test_unseen_2015_articles(libya_jsonl, actors):
    """Out-of-sample check on two 2015 SaudiNewsNet articles (sn-00146, sn-02717) annotated
    by hand AFTER the dictionary was written, with the seed's guideline and every actor
    counted whether or not the dictionary has it (tests/data/libya2015_mentions_gold.csv:
    offsets only, the text stays in ../shared/data).

    Measured: precision 1.00, recall 0.77 (48 of 62).  The 14 misses: six actors absent
    from the dictionary (Mogherini, Margallo, Reynders, Hawas, Spain, Belgium/Brussels)
    and seven ambiguous aliases left unresolved by design (مجلس النواب ×4, المغرب ×3 with no
    full alias or title before them).  The floors below keep that level."""
    from toolkit.corpus import load_corpus

    gold = pd.read_csv(GOLD.parent / "libya2015_mentions_gold.csv")
    frame = load_corpus(libya_jsonl).frame
    docs = frame[frame.doc_id.isin(gold.doc_id.unique())]
    m = find_mentions(docs, actors)
    pred = set(zip(m.doc_id, m.start, m.end, m.actor_id, strict=True))
    true = set(zip(gold.doc_id, gold.start, gold.end, gold.actor_id, strict=True))
    tp = len(pred & true)
    precision, recall = tp / len(pred), tp / len(true)
    print(f"unseen 2015 gold: {len(true)} mentions, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.75
    # every miss is an actor outside the dictionary or an unresolved ambiguous alias
    missed = true - pred
    ambiguous = {normalize(f) for a in actors for f in a.ambiguous}
    texts = dict(zip(docs.doc_id, docs.text, strict=True))
    for doc_id, s, e, actor_id in missed:
        assert actor_id not in actors or normalize(texts[doc_id][s:e]).lstrip("وفبكل") in ambiguous


def test_hashtags_and_social_media_text(actors):
    # underscores join the words of a hashtag; emoji and Latin around a name are boundaries
    assert spans("تضامنا مع #ليبيا_الآن 🇱🇾 و@Haftar حفتر!", actors) == [
        ("ليبيا", "libya", "alias"),
        ("حفتر", "haftar", "alias"),
    ]


# --------------------------------------------------------------------------- routes


def _seed_and_libya(seed_text, request) -> Corpus:
    """The seed article (dated) and, when ../shared is there, 60 Libya-subset articles."""
    records = [{"doc_id": "seed", "text": seed_text, "date": "2020-03-10"}]
    try:
        path = request.getfixturevalue("libya_jsonl")
    except pytest.skip.Exception:
        path = None
    if path is not None:
        from toolkit.corpus import load_corpus

        records += load_corpus(path).frame.head(60).to_dict("records")
    return Corpus.from_records(records)


def test_analysis_route_gives_the_corpus_table_without_tokenizing(
    seed_text, actors, request, monkeypatch
):
    from toolkit.actors import match
    from toolkit.text import analyze

    corpus = _seed_and_libya(seed_text, request)
    direct = find_mentions(corpus, actors)
    analysis = analyze(corpus)

    def no_second_pass(*_args, **_kwargs):
        raise AssertionError("find_mentions split the sentences again")

    monkeypatch.setattr(match, "sentence_starts", no_second_pass)
    via = find_mentions(analysis, actors)
    pd.testing.assert_frame_equal(via, direct)
    seed = via[via.doc_id == "seed"]
    # the seed opens with ليبيا in sentence 0 and تركيا in sentence 1 ("في البلاد.لكن")
    assert seed.surface.tolist()[:2] == ["ليبيا", "تركيا"]
    assert seed.sentence.tolist()[:2] == [0, 1]


def test_plain_texts_are_numbered_from_zero_on_every_route(actors):
    from toolkit.text import analyze

    texts = ["وصل حفتر إلى باريس", "لا أحد هنا", "واستقبل ماكرون وفدا من تركيا"]
    direct = find_mentions(texts, actors)
    assert direct[["doc_id", "surface"]].values.tolist() == [
        ["0", "حفتر"], ["0", "باريس"], ["2", "ماكرون"], ["2", "تركيا"],
    ]
    pd.testing.assert_frame_equal(find_mentions(analyze(texts), actors), direct)
    assert find_mentions("زار حفتر باريس", actors).doc_id.tolist() == ["0", "0"]


def test_client_route_gives_the_serial_table(seed_text, actors, request):
    distributed = pytest.importorskip("distributed", reason="pip install -e '.[scale]'")
    from toolkit.scale import local_cluster
    from toolkit.text import analyze

    corpus = _seed_and_libya(seed_text, request)
    serial = find_mentions(corpus, actors)
    assert len(serial) > 40  # the seed alone has 46 mentions of the Libya dictionary
    cluster = local_cluster(n_workers=1)
    client = distributed.Client(cluster)
    try:
        pd.testing.assert_frame_equal(find_mentions(corpus, actors, client=client), serial)
        pd.testing.assert_frame_equal(
            find_mentions(analyze(corpus), actors, client=client), serial
        )
    finally:
        client.close()
        cluster.close()
    with pytest.raises(ValueError, match="date= cannot be combined with client="):
        find_mentions("زار حفتر باريس", actors, date="2020-03-10", client="tcp://127.0.0.1:1")


def test_batched_search_equals_text_by_text(libya_jsonl, actors):
    from toolkit.corpus import load_corpus

    frame = load_corpus(libya_jsonl).frame
    texts, dates = frame.text.tolist(), frame.date.tolist()
    # marks the normalization removes (harakat, tatweel, RLM) shift offsets inside a batch
    texts[3:3] = ["وَصَلَ المُشِيرُ خَلِيفَةُ حَفْتَر إِلَى بَارِيس", "التقى حفـــتر \u200fبماكرون"]
    dates[3:3] = [None, None]
    matcher = Matcher(actors)
    one_by_one = [matcher.spans(t, d) for t, d in zip(texts, dates, strict=True)]
    assert matcher.spans_many(texts, dates) == one_by_one
    assert sum(map(len, one_by_one)) > 1000
    # the spans keep the marks of the original: حَفْتَر is 6 characters, حفـــتر 7
    assert [texts[3][s:e] for s, e, *_ in one_by_one[3]] == ["خَلِيفَةُ حَفْتَر", "بَارِيس"]
    assert [texts[4][s:e] for s, e, *_ in one_by_one[4]] == ["حفـــتر", "بماكرون"]


def test_a_hash_collision_is_never_a_match(monkeypatch):
    # with the hash base set to 1 a word's hash is the sum of its letters, so حبل (rope)
    # and بلح (dates) collide with حلب (Aleppo); the string check must reject them
    from toolkit.actors import match

    monkeypatch.setattr(match, "_HASH_P", 1)
    monkeypatch.setattr(match, "_HASH_INV", 1)
    aleppo = Actors.from_dict({"actors": [
        {"id": "aleppo", "label": "حلب", "type": "place", "aliases": ["حلب"]},
    ]})
    m = find_mentions("شد الحبل ثم أكل بلح حلب وذهب إلى حلب", aleppo)
    assert m[["surface", "start"]].values.tolist() == [["حلب", 20], ["حلب", 33]]
