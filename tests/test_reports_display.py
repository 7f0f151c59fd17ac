"""The brief's HTML fragments carry their own direction, language and layout (JupyterLab
shows them without the brief's stylesheet), and Arabic DataFrames show written forms."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from toolkit.corpus import sample
from toolkit.frequency import kwic, ngrams, term_frequencies
from toolkit.reports import display as d


class Roots(HTMLParser):
    """The attributes of the top-level elements of a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.roots = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.roots.append((tag, dict(attrs)))
        if tag not in ("img", "br"):
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1


def roots(fragment: str) -> list[tuple[str, dict]]:
    parser = Roots()
    parser.feed(fragment)
    return parser.roots


FRAME = pd.DataFrame({"actor": ["خليفة حفتر", "فرنسا"], "mentions": [12, 20]})
FRAGMENTS = {
    "heading": d.heading("actors"),
    "note": d.note("مقال واحد فقط في هذه الفترة"),
    "paragraph": d.paragraph("قال المشير خليفة حفتر"),
    "table": d.table(FRAME),
    "kpis": d.kpis([("أقوال", 30), ("مباشرة", 4)]),
    "quote": d.quote("الساعات القادمة ستكون ساخنة", "أحمد المسماري", "seed-libya-2020"),
    "kwic": d.kwic(pd.DataFrame({"doc_id": ["s"], "left": ["قال المشير"], "match": ["حفتر"],
                                 "right": ["إن الهدنة"]})),
    "key_values": d.key_values({"المعاملات": "week=2015-W31"}),
    "paragraph_html": d.paragraph_html(d.esc("تواريخ المقالات:") + " " + d.ltr("2020-03-10")),
}


@pytest.mark.parametrize("name", FRAGMENTS)
def test_every_fragment_carries_dir_lang_and_its_alignment(name):
    (tag, attrs), = roots(FRAGMENTS[name])
    assert attrs.get("dir") == "rtl" and attrs.get("lang") == "ar", (tag, attrs)
    assert "direction:rtl" in attrs.get("style", "")


def test_english_text_is_laid_out_left_to_right():
    (_, attrs), = roots(d.heading("actors", lang="en"))
    assert (attrs["dir"], attrs["lang"]) == ("ltr", "en") and "text-align:left" in attrs["style"]
    (_, attrs), = roots(d.note("No previous week in the corpus to compare with."))
    assert attrs["dir"] == "ltr"


def test_kpi_number_and_label_never_run_together():
    # as blocks, the number sits above its label: «30» then «أقوال», never «30أقوال»
    html = d.kpis([("أقوال", 30)])
    assert '<b style="display:block;' in html and '<span style="display:block">أقوال</span>' in html
    assert "display:inline-block" in html  # boxes side by side, each apart


def test_quote_text_itself_is_right_aligned():
    # JupyterLab aligns <p> left; the quotation's paragraph says otherwise itself
    assert '<p style="direction:rtl;text-align:right">«الساعات القادمة ستكون ساخنة»</p>' in \
        FRAGMENTS["quote"]


def test_kwic_reads_right_to_left_towards_the_match():
    html = FRAGMENTS["kwic"]
    # first cell = rightmost: the words before the match, aligned (left) against it
    assert html.index("قال المشير") < html.index("حفتر") < html.index("إن الهدنة")
    assert '<td class="left" style="text-align:left' in html
    assert '<td class="right" style="text-align:right' in html


def test_arabic_table_shows_written_forms_of_terms():
    freq = term_frequencies(sample()).head(3)  # ليبي وقف اطلاق, written الليبي وقف إطلاق
    assert freq["term"].tolist() == ["ليبي", "وقف", "اطلاق"]
    html = str(d.arabic_table(freq))
    assert "<td>إطلاق</td>" in html and "<td>اطلاق</td>" not in html
    assert "<td>الليبي</td>" in html
    assert ">form<" not in html  # the form is shown in the term's place, not twice


def test_arabic_table_shows_written_forms_of_ngrams():
    docs = sample()
    grams = ngrams(docs, n=2)
    grams = grams[grams["ngram"].isin(["حكومه الوفاق", "الجيش الليبي", "القياده العامه"])]
    html = str(d.arabic_table(grams, corpus=docs))
    # written لحكومة الوفاق ×3 and حكومة الوفاق ×2: the proclitic ل is not part of the form
    assert "<td>حكومة الوفاق</td>" in html and "حكومه" not in html
    # للجيش ×2, الجيش ×2, بالجيش ×1: the article restored, the clitics left out
    assert "<td>الجيش الليبي</td>" in html
    assert "<td>القيادة العامة</td>" in html


def test_arabic_table_names_actors_and_lays_out_kwic():
    from toolkit.actors import co_mentions, find_mentions, load_libya_actors

    docs, actors = sample(), load_libya_actors()
    co = co_mentions(find_mentions(docs, actors)).head(1)  # france – haftar, 8 sentences
    html = str(d.arabic_table(co[["actor_a", "actor_b", "count"]], actors=actors))
    assert "<td>فرنسا</td>" in html and "<td>خليفة حفتر</td>" in html and "france" not in html
    lines = kwic(docs, "حفتر", window=4)[["left", "match", "right"]]
    shown = d.arabic_table(lines, max_rows=2)
    assert shown._repr_html_().startswith('<table class="antk-kwic" dir="rtl"')
    assert shown._repr_html_().count("<tr>") == 2
