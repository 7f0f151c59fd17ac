"""The Corpus model: frame contract, dates, filtering, duplicates, fingerprint, HTML view."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.corpus import Corpus, Document, fingerprint, iso_week, load_corpus, sample
from toolkit.corpus.hashing import content_hash

# Pairs with the same text in libya.jsonl, found by grouping the raw JSON lines by content.
# 7 pairs are byte-identical (the syndicated copies the issue counts); 2 more differ only
# in whitespace: sn-16111 (alyaum) vs sn-15574 (alriyadh), and sn-29549 vs sn-29535 (one
# paragraph break "\n\n " vs "\n"). The normalized hash flags all 9.
LIBYA_DUPLICATES = {
    "sn-01241": "sn-01204", "sn-01329": "sn-01167", "sn-03554": "sn-03507",
    "sn-03560": "sn-03503", "sn-03564": "sn-03514", "sn-07626": "sn-07577",
    "sn-21792": "sn-21690", "sn-16111": "sn-15574", "sn-29549": "sn-29535",
}


def test_from_records_contract():
    corpus = Corpus.from_records([
        {"text": "استقبل ماكرون حفتر في الإليزيه.", "date": "2020-03-09T18:30:00+01:00",
         "source": "وكالة", "id": "a"},
        {"content": "انطلق مؤتمر برلين.", "date_extracted": "2020-01-19 10:00:00"},
        {"text": "خبر بلا تاريخ."},
    ])
    frame = corpus.frame
    assert list(frame.columns[:7]) == ["doc_id", "date", "source", "title", "url", "author", "text"]
    assert str(frame["date"].dtype) == "datetime64[ns]"  # naive
    # +01:00 converted to UTC: 18:30 Paris time is 17:30 UTC
    assert frame.loc[0, "date"] == pd.Timestamp("2020-03-09 17:30:00")
    assert frame.loc[1, "date"] == pd.Timestamp("2020-01-19 10:00:00")
    assert pd.isna(frame.loc[2, "date"])  # missing dates stay visible as NaT
    assert frame["doc_id"].is_unique
    assert frame.loc[0, "doc_id"] == "a"
    # absent ids are generated from the content hash (no URL here), stable across loads
    assert frame.loc[1, "doc_id"] == "auto-h" + content_hash("انطلق مؤتمر برلين.")[:16]
    again = Corpus.from_records([{"content": "انطلق مؤتمر برلين."}])
    assert again.frame.loc[0, "doc_id"] == frame.loc[1, "doc_id"]
    docs = list(corpus)
    assert isinstance(docs[0], Document)
    assert docs[0].source == "وكالة" and docs[2].date is None
    assert corpus.text("a") == "استقبل ماكرون حفتر في الإليزيه."
    with pytest.raises(KeyError, match="doc_id='zz' is not in this corpus of 3"):
        corpus.text("zz")


def test_same_text_twice_without_ids_keeps_both():
    corpus = Corpus.from_records([{"text": "هدنة في طرابلس."}, {"text": "هدنةٌ في  طرابلس."}])
    frame = corpus.frame
    assert frame["doc_id"].is_unique and len(frame) == 2
    # the second differs only by a damma and a double space: flagged as a duplicate
    assert frame.loc[1, "duplicate_of"] == frame.loc[0, "doc_id"]
    assert frame.loc[1, "doc_id"] == frame.loc[0, "doc_id"] + "-2"


def test_from_frame_and_bad_records():
    df = pd.DataFrame({"content": ["قال الوزير.", "قالت الوزيرة."], "date": ["2015-07-21", "أمس"]})
    with pytest.raises(ValueError, match=r"<records>, line 2: date 'أمس' is not an ISO 8601"):
        Corpus.from_frame(df)
    with pytest.warns(UserWarning, match="skipped 1 bad record"):
        corpus = Corpus.from_frame(df, errors="skip")
    assert len(corpus) == 1
    assert corpus.skipped.to_dict("records")[0]["line"] == 2


def test_libya_duplicates_flagged_and_droppable(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    dups = corpus.duplicates()
    assert dict(zip(dups["doc_id"], dups["duplicate_of"], strict=True)) == LIBYA_DUPLICATES
    frame = corpus.frame.set_index("doc_id")
    exact = [d for d, first in LIBYA_DUPLICATES.items()
             if frame.loc[d, "text"] == frame.loc[first, "text"]]
    assert len(exact) == 7
    assert len(corpus.drop_duplicates()) == 435 - 9


def test_filter_week_range_sources(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    dates = corpus.frame["date"]
    # ISO week 31 of 2015 is Monday 27 July to Sunday 2 August
    week = corpus.filter(week="2015-W31")
    in_week = ((dates >= "2015-07-27") & (dates < "2015-08-03")).sum()
    assert len(week) == in_week == 76
    assert set(week.weeks()) == {"2015-W31"}
    # a date-only end includes its whole day
    day = corpus.filter(start="2015-07-21", end="2015-07-21")
    assert len(day) == (dates.dt.strftime("%Y-%m-%d") == "2015-07-21").sum()
    sabq = corpus.filter(sources="sabq", week="2015-W31")
    assert set(sabq.frame["source"]) <= {"sabq"}
    assert len(sabq) == ((corpus.frame["source"] == "sabq") & week_mask(dates)).sum()
    with pytest.raises(ValueError, match="week='2015-31' is not an ISO week label"):
        corpus.filter(week="2015-31")
    with pytest.raises(ValueError, match="start='yesterday' is not a date"):
        corpus.filter(start="yesterday")


def week_mask(dates: pd.Series) -> pd.Series:
    return (dates >= "2015-07-27") & (dates < "2015-08-03")


def test_iso_week_labels():
    dates = pd.Series(pd.to_datetime(["2015-07-26", "2015-07-27", "2021-01-03", None]))
    # 26 July 2015 is a Sunday (week 30); 3 January 2021 belongs to ISO week 53 of 2020
    labels = iso_week(dates)
    assert labels.tolist()[:3] == ["2015-W30", "2015-W31", "2020-W53"]
    assert pd.isna(labels.iloc[3])


def test_sample_and_fingerprint(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    first = fingerprint(corpus)
    assert first["documents"] == 435
    # same documents in another order: same fingerprint
    assert fingerprint(corpus.sample(frac=1.0, seed=3)) == first
    # one character changed: a different fingerprint
    frame = corpus.frame.copy()
    frame.loc[0, "text"] = frame.loc[0, "text"] + "."
    assert fingerprint(Corpus.from_frame(frame))["sha256"] != first["sha256"]
    assert len(corpus.sample(n=10, seed=1)) == 10
    assert sample().filter(week="2020-W11").frame["doc_id"].tolist() == ["seed-libya-2020"]


def test_repr_html_rtl_escaped_truncated(seed_text):
    corpus = Corpus.from_records([
        {"id": "x", "title": "<script>alert(1)</script> عنوان", "text": seed_text},
    ])
    page = corpus._repr_html_()
    assert 'dir="rtl"' in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; عنوان" in page
    # the 13 KB article is cut to 160 characters plus an ellipsis
    assert seed_text[:160] + "…" in page.replace("&quot;", '"')
    assert seed_text[:400] not in page


def test_load_can_drop_duplicates(libya_jsonl):
    corpus = load_corpus(libya_jsonl, duplicates="drop")
    assert len(corpus) == 435 - 9
    assert not set(LIBYA_DUPLICATES) & set(corpus.frame["doc_id"])
    assert set(LIBYA_DUPLICATES.values()) <= set(corpus.frame["doc_id"])  # first copies stay
    with pytest.raises(ValueError, match="duplicates='remove' is not valid; accepted values"):
        load_corpus(libya_jsonl, duplicates="remove")


def test_from_frame_converts_aware_dates_to_utc():
    # 02:00 in Tripoli (UTC+2) on 10 March is 00:00 UTC; the same instant in UTC is unchanged
    df = pd.DataFrame(
        {
            "text": ["اجتماع في طرابلس.", "اجتماع في جنيف."],
            "date": pd.to_datetime(["2020-03-10 02:00"]).tz_localize("Africa/Tripoli").tolist()
            + [pd.Timestamp("2020-03-10 00:00", tz="UTC")],
        }
    )
    frame = Corpus.from_frame(df).frame
    assert frame["date"].tolist() == [pd.Timestamp("2020-03-10 00:00")] * 2
    assert frame["date"].dt.tz is None


def test_content_hash_ignores_layout_and_vowels_only():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.lists(st.sampled_from(["قال", "الرئيس", "ليبيا", "حفتر", "إلى", "باريس", "٢٠٢٠"]),
                     min_size=1, max_size=12)
    spaces = st.sampled_from([" ", "  ", "\n", "\n\n ", "\t"])

    @settings(max_examples=40, deadline=None)
    @given(words, spaces)
    def check(tokens, space):
        plain = " ".join(tokens)
        assert content_hash(space.join(tokens)) == content_hash(plain)
        # a harakah or tatweel changes nothing; a different word does
        assert content_hash(plain.replace("قال", "قالَ").replace("حفتر", "حفـتر")) == content_hash(plain)
        assert content_hash(plain + " تونس") != content_hash(plain)

    check()


def _hash_str_path(text: str) -> str:
    """normalized_for_hash with its array path switched off (the reference)."""
    from toolkit.corpus import hashing

    saved = hashing._ARRAY_MIN_CHARS
    hashing._ARRAY_MIN_CHARS = 10**12
    try:
        return hashing.normalized_for_hash(text)
    finally:
        hashing._ARRAY_MIN_CHARS = saved


def test_hash_array_path_equals_str_path_on_the_libya_subset(libya_jsonl):
    from toolkit.corpus.hashing import normalized_for_hash

    texts = load_corpus(libya_jsonl).frame["text"].tolist()
    assert sum(len(t) >= 256 for t in texts) > 100  # most take the array path
    for text in texts:
        assert normalized_for_hash(text) == _hash_str_path(text)


@pytest.mark.parametrize(
    "text",
    [
        "  قالَ   الرئيسُ\n\n\t" * 30,  # harakat and whitespace runs at both ends
        "ﻟﻴﺒﻴﺎ " * 60,  # presentation forms: NFKC (str path)
        "وصل حفتر \U0001f600 " * 40,  # beyond the BMP (str path)
        "حفـــتر\u200f إلى\u00a0طرابلس\u3000" * 40,  # tatweel, RLM, no-break and ideographic spaces
        "نص\x00 " * 100,  # a NUL (str path)
    ],
)
def test_hash_array_path_edge_cases(text):
    from toolkit.corpus.hashing import normalized_for_hash

    assert len(text) >= 256
    assert normalized_for_hash(text) == _hash_str_path(text)


def test_hash_array_path_by_hand():
    from toolkit.corpus.hashing import normalized_for_hash

    # 100 copies of "قالَ  إلى\n": the fatha goes, إ → ا, ى → ي, every whitespace run
    # becomes one space and the final one goes
    assert normalized_for_hash("قالَ  إلى\n" * 100) == " ".join(["قال الي"] * 100)
