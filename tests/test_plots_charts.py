"""Charts: layout, labels, determinism, no presentation forms on the native path, errors,
and every chart rendered from the seed article and the Libya subset.

Set ``ANTK_FIGURES_DIR`` to a folder (e.g. ``reports/figures-check``) to keep the PNGs for
looking at them; otherwise they go to pytest's tmp dir.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from toolkit.plots import arabic, charts
from toolkit.plots.arabic import presentation_forms

# Substring counts in ../shared/data/seed_article.txt, by hand with `grep -o WORD | wc -l`.
SEED_COUNTS = {"وقف": 16, "ليبيا": 11, "حفتر": 10, "ماكرون": 7, "برلين": 7, "الفرنسية": 7,
               "تركيا": 5, "الأمم المتحدة": 3, "السراج": 2, "المسماري": 2, "ميركل": 1}

LABELS = {
    "haftar": {"ar": "خليفة حفتر", "en": "Khalifa Haftar"},
    "macron": {"ar": "إيمانويل ماكرون", "en": "Emmanuel Macron"},
    "sarraj": {"ar": "فايز السراج", "en": "Fayez al-Sarraj"},
    "un": {"ar": "الأمم المتحدة", "en": "United Nations"},
    "turkey": {"ar": "تركيا", "en": "Turkey"},
    "merkel": {"ar": "أنجيلا ميركل", "en": "Angela Merkel"},
}


@pytest.fixture
def freq() -> pd.DataFrame:
    rows = sorted(SEED_COUNTS.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame({"term": [t for t, _ in rows], "count": [c for _, c in rows],
                         "docs": 1, "share": [c / 71 for _, c in rows],
                         "rank": pd.Series([c for _, c in rows]).rank(
                             method="min", ascending=False).astype(int)})


@pytest.fixture
def key() -> pd.DataFrame:
    return pd.DataFrame({
        "term": ["حفتر", "ماكرون", "برلين", "الحج", "المملكة", "السعودية", "النار"],
        "count_target": [10, 7, 7, 0, 1, 0, 4],
        "count_reference": [40, 2, 30, 500, 900, 700, 60],
        "g2": [35.2, 30.1, 12.4, -20.5, -44.0, -31.7, 0.0],
    })


@pytest.fixture
def counts() -> pd.DataFrame:
    return pd.DataFrame({
        "actor_id": ["haftar", "haftar", "macron", "sarraj", "un", "un", "turkey"],
        "actor_type": ["person", "person", "person", "person", "organization",
                       "organization", "country"],
        "source": ["okaz", "alriyadh", "okaz", "alriyadh", "okaz", "aleqtisadiya", "okaz"],
        "mentions": [9, 4, 7, 2, 2, 1, 5],
        "docs": [3, 2, 1, 1, 1, 1, 2],
    })


@pytest.fixture
def co() -> pd.DataFrame:
    return pd.DataFrame({
        "actor_a": ["haftar", "haftar", "haftar", "macron", "sarraj", "turkey"],
        "actor_b": ["macron", "sarraj", "turkey", "merkel", "un", "un"],
        "count": [6, 3, 2, 1, 2, 1],
        "pmi": [1.2, 0.4, 0.1, 2.0, 1.5, -0.3],
        "ll": [8.5, 2.1, 0.3, 3.0, 4.2, -0.5],
    })


@pytest.fixture
def trend() -> pd.DataFrame:
    periods = pd.to_datetime(["2015-07-20", "2015-07-27", "2015-08-03", "2015-08-10"])
    return pd.DataFrame({
        "period": list(periods) * 2, "term": ["ليبيا"] * 4 + ["حفتر"] * 4,
        "count": [12, 30, 18, 7, 3, 9, 4, 1], "total": [1000] * 8,
        "per_10k": [120.0, 300.0, 180.0, 70.0, 30.0, 90.0, 40.0, 10.0],
    })


@pytest.fixture
def kwic_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["seed-libya-2020", "seed-libya-2020"], "start": [210, 790],
        "end": [214, 794],
        "left": ["قائد الجيش الوطني الليبي المشير خليفة", "أن المشير"],
        "match": ["حفتر", "حفتر"],
        "right": ["في العاصمة باريس", 'أبلغ الرئيس <script>alert("x")</script> & ماكرون'],
    })


def _all_charts(freq, key, counts, co, trend, lang="ar") -> dict[str, Figure]:
    return {
        "top_terms": charts.top_terms(freq, lang=lang),
        "keyness_bars": charts.keyness_bars(key, n=3, lang=lang),
        "actor_bars": charts.actor_bars(counts, LABELS, stack="source", lang=lang),
        "timeline": charts.timeline(trend, lang=lang, title="ليبيا 2015-07-20 إلى 2015-08-10"),
        "co_mention_network": charts.co_mention_network(co, counts, LABELS, lang=lang),
        "word_cloud": charts.word_cloud(freq, lang=lang, width=600, height=300),
    }


# --------------------------------------------------------------------------- each chart

def test_top_terms_rtl_layout_and_order(freq):
    fig = charts.top_terms(freq, n=5)
    ax = fig.axes[0]
    # Top five by count, ties by term: وقف 16, ليبيا 11, حفتر 10, then the three 7s sorted
    # by term (الفرنسية < برلين < ماكرون), cut at five.
    ticks = [t.get_text() for t in sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])]
    assert ticks == ["وقف", "ليبيا", "حفتر", "الفرنسية", "برلين"]
    widths = sorted((p.get_width() for p in ax.patches), reverse=True)
    assert widths == [16, 11, 10, 7, 7]
    # Right to left: the x axis is inverted (bars grow leftwards), labels on the right.
    assert ax.xaxis_inverted()
    assert ax.yaxis.get_ticks_position() == "right"
    assert ax.title.get_text() == "" and ax._right_title.get_text() == "الكلمات الأكثر تكرارا"
    en = charts.top_terms(freq, n=5, lang="en").axes[0]
    assert not en.xaxis_inverted() and en.yaxis.get_ticks_position() == "left"
    assert en.get_title(loc="left") == "Most frequent terms"


def test_keyness_bars_diverging_two_colours(key):
    fig = charts.keyness_bars(key, n=2)
    ax = fig.axes[0]
    bars = [(p.get_width(), mcolors.to_hex(p.get_facecolor())) for p in ax.patches
            if p.get_height() > 0 and p.get_width() != 0]
    bars = [b for b in bars if b[0] != 0][:4]
    # Two most positive (حفتر 35.2, ماكرون 30.1) and two most negative (المملكة -44.0,
    # السعودية -31.7); النار at 0.0 is in neither.
    assert sorted(w for w, _ in bars) == [-44.0, -31.7, 30.1, 35.2]
    assert {c for w, c in bars if w > 0} == {charts.TARGET_COLOR}
    assert {c for w, c in bars if w < 0} == {charts.REFERENCE_COLOR}
    texts = {t.get_text(): t for t in ax.texts}
    assert set(texts) == {"حفتر", "ماكرون", "المملكة", "السعودية"}
    # Each term sits across the zero line from its bar.
    assert texts["حفتر"].get_position()[0] < 0 < texts["المملكة"].get_position()[0]
    with pytest.raises(ValueError, match="measure='chi2'"):
        charts.keyness_bars(key, measure="chi2")


def test_actor_bars_stacked_with_dictionary_labels(counts):
    fig = charts.actor_bars(counts, LABELS, stack="source", lang="en")
    ax = fig.axes[0]
    ticks = [t.get_text() for t in sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])]
    # Totals by hand: haftar 9+4=13, macron 7, turkey 5, un 2+1=3, sarraj 2.
    assert ticks == ["Khalifa Haftar", "Emmanuel Macron", "Turkey", "United Nations",
                     "Fayez al-Sarraj"]
    # Stacked: the bar segments of Haftar (okaz 9 + alriyadh 4) end at 13.
    y_haftar = max(t.get_position()[1] for t in ax.get_yticklabels())
    ends = [p.get_x() + p.get_width() for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y_haftar) < 1e-9]
    assert max(ends) == 13
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["okaz", "alriyadh", "aleqtisadiya"]
    ar = charts.actor_bars(counts, LABELS)
    assert [t.get_text() for t in ar.axes[0].get_yticklabels()][0] == "خليفة حفتر"
    # level="group" tables carry a group column instead of actor_id.
    groups = pd.DataFrame({"group": ["lna", "gna"], "mentions": [13, 4]})
    g = charts.actor_bars(groups, {"lna": "الجيش الوطني الليبي", "gna": "حكومة الوفاق"})
    assert {t.get_text() for t in g.axes[0].get_yticklabels()} == {"الجيش الوطني الليبي",
                                                                  "حكومة الوفاق"}


class _Actors:
    """The ``Actors`` interface the charts rely on: ``label(id, lang)``."""

    def label(self, actor_id, lang="ar"):
        return LABELS[actor_id][lang]


def test_actor_labels_from_an_actors_object(counts):
    fig = charts.actor_bars(counts, _Actors(), lang="en")
    assert "Khalifa Haftar" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert charts.actor_label("unknown", LABELS, "ar") == "unknown"


def test_timeline_lines_legend_and_dates(trend):
    fig = charts.timeline(trend)
    ax = fig.axes[0]
    # Series ordered by total: ليبيا 12+30+18+7=67 before حفتر 3+9+4+1=17.
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["ليبيا", "حفتر"]
    assert [list(line.get_ydata()) for line in ax.lines] == [[12, 30, 18, 7], [3, 9, 4, 1]]
    per10k = charts.timeline(trend, y="per_10k", lang="en")
    assert per10k.axes[0].get_ylabel() == "Per 10,000 words"
    weeks = pd.DataFrame({"period": ["2015-W30", "2015-W31"], "count": [4, 6]})
    fig = charts.timeline(weeks, hue=None)
    fig.canvas.draw()
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2015-W30", "2015-W31"]


def test_network_sizes_widths_and_labels(co, counts):
    fig = charts.co_mention_network(co, counts, LABELS)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    assert labels == {v["ar"] for v in LABELS.values()}
    nodes = ax.collections[-1]
    sizes = sorted(nodes.get_sizes())
    # Mentions by hand from `counts`: haftar 13 (largest node), merkel absent -> 0 (smallest).
    assert sizes[-1] == 1500 and sizes[0] == 100
    edges = ax.collections[0]
    assert len(edges.get_linewidths()) == len(co)
    en = charts.co_mention_network(co, None, LABELS, lang="en", weight="ll", top=3)
    # The three actors with the largest summed co-mention counts: haftar 11, macron 7, sarraj 5.
    assert {t.get_text() for t in en.axes[0].texts} == {"Khalifa Haftar", "Emmanuel Macron",
                                                       "Fayez al-Sarraj"}


def test_word_cloud_words_and_shaping(freq):
    fig = charts.word_cloud(freq, n=5)
    words = [w for (w, _), *_ in fig.cloud.layout_]
    assert sorted(words) == sorted(arabic.prepare_pil(t) for t in
                                   ["وقف", "ليبيا", "حفتر", "الفرنسية", "برلين"])
    if arabic.PIL_SHAPING == "native":
        assert all(presentation_forms(w) == [] for w in words)


def test_kwic_html_rtl_escaped_and_highlighted(kwic_frame):
    out = charts.kwic_html(kwic_frame)
    assert '<table class="antk-kwic" dir="rtl"' in out
    assert out.count("<mark>حفتر</mark>") == 2
    assert "<script>" not in out and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in out
    # In a right-to-left table the first cell is the rightmost: preceding context, then the
    # match, then the following context leftwards.
    row = out.split("<tbody>")[1].split("</tr>")[0]
    assert row.index('class="left"') < row.index('class="match"') < row.index('class="right"')
    assert "السياق السابق" in out and "Before" in charts.kwic_html(kwic_frame, lang="en")
    assert charts.kwic_html(kwic_frame, max_rows=1).count("<mark>") == 1


# --------------------------------------------------------------------------- properties

def test_no_presentation_forms_reach_matplotlib(freq, key, counts, co, trend, monkeypatch):
    if arabic.SHAPING != "native":
        pytest.skip("the reshape fallback hands presentation forms over on purpose")
    drawn: list[str] = []
    original = RendererAgg.draw_text

    def record(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        drawn.append(s)
        return original(self, gc, x, y, s, prop, angle, ismath, mtext)

    monkeypatch.setattr(RendererAgg, "draw_text", record)
    for lang in ("ar", "en"):
        for name, fig in _all_charts(freq, key, counts, co, trend, lang).items():
            texts = [t.get_text() for t in fig.findobj(Text)]
            assert texts, name
            assert [t for t in texts if presentation_forms(t)] == [], name
            charts.png_bytes(fig, dpi=40)  # draws every text artist
    assert any(arabic.has_arabic(s) for s in drawn)
    assert [s for s in drawn if presentation_forms(s)] == []
    assert "خليفة حفتر" in drawn  # logical order, unchanged


def test_same_data_same_png_bytes(freq, key, counts, co, trend):
    def render() -> dict[str, bytes]:
        figures = _all_charts(freq, key, counts, co, trend)
        return {k: charts.png_bytes(f, dpi=60) for k, f in figures.items()}

    first, second = render(), render()
    for name in first:
        assert first[name][:8] == b"\x89PNG\r\n\x1a\n"
        assert first[name] == second[name], name
    assert b"Software" not in first["top_terms"]
    # The word cloud and the network depend on their seeds: another seed, another picture.
    other = charts.word_cloud(freq, seed=8, width=600, height=300)
    assert charts.png_bytes(other, dpi=60) != first["word_cloud"]


def test_empty_tables_give_a_figure_with_a_note():
    empty = pd.DataFrame({"term": pd.Series([], dtype=str), "count": pd.Series([], dtype=int)})
    fig = charts.top_terms(empty)
    assert "لا توجد بيانات" in [t.get_text() for t in fig.findobj(Text)]
    co = pd.DataFrame(columns=["actor_a", "actor_b", "count", "pmi", "ll"])
    assert isinstance(charts.co_mention_network(co), Figure)
    assert isinstance(charts.word_cloud(empty), Figure)


def test_bad_arguments_name_what_is_wrong(freq, counts, trend):
    with pytest.raises(ValueError, match=r"lang='fr'.*\['ar', 'en'\]"):
        charts.top_terms(freq, lang="fr")
    with pytest.raises(ValueError, match="n=0"):
        charts.top_terms(freq, n=0)
    with pytest.raises(ValueError, match=r"freq lacks the column\(s\) \['count'\]"):
        charts.top_terms(freq.drop(columns="count"))
    with pytest.raises(ValueError, match="counts lacks .*'source'"):
        charts.actor_bars(counts.drop(columns="source"), stack="source")
    with pytest.raises(TypeError, match="freq must be a pandas DataFrame"):
        charts.word_cloud({"ليبيا": 3})
    with pytest.raises(ValueError, match="weight='jaccard'"):
        charts.co_mention_network(pd.DataFrame(columns=["actor_a", "actor_b", "count"]),
                                  weight="jaccard")
    with pytest.raises(ValueError, match="trend_frame lacks"):
        charts.timeline(trend, hue="actor_id")


def test_charts_leave_data_and_global_style_alone(freq):
    import matplotlib

    before = freq.copy()
    family = list(matplotlib.rcParams["font.family"])
    charts.top_terms(freq)
    pd.testing.assert_frame_equal(freq, before)
    assert list(matplotlib.rcParams["font.family"]) == family


# --------------------------------------------------------------------------- real corpora

def _out_dir(tmp_path: Path) -> Path:
    out = Path(os.environ.get("ANTK_FIGURES_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    return out


def _save(fig: Figure, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    data = charts.png_bytes(fig)
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def real(request):
    """The seed article and the 435-article Libya subset, as toolkit corpora."""
    corpus_mod = pytest.importorskip("toolkit.corpus")
    libya_jsonl = request.getfixturevalue("libya_jsonl")
    return {"seed": corpus_mod.sample(), "libya": corpus_mod.load_corpus(libya_jsonl)}


@pytest.mark.parametrize("name", ["seed", "libya"])
def test_every_chart_from_seed_and_libya(name, real, tmp_path):
    frequency = pytest.importorskip("toolkit.frequency")
    corpus = real[name]
    out = _out_dir(tmp_path)
    written = []
    freq = frequency.term_frequencies(corpus)
    written.append(_save(charts.top_terms(freq), out, f"{name}_top_terms"))
    cloud = charts.word_cloud(freq, width=800, height=400)
    assert len(cloud.cloud.layout_) > 50
    written.append(_save(cloud, out, f"{name}_word_cloud"))
    matches = frequency.kwic(corpus, "حفتر")
    html = charts.kwic_html(matches)
    assert html.count("<mark>") == len(matches) > 0
    (out / f"{name}_kwic.html").write_text(html, encoding="utf-8")
    other = real["libya" if name == "seed" else "seed"]
    key = frequency.keyness(corpus, other)
    written.append(_save(charts.keyness_bars(key), out, f"{name}_keyness"))
    trend = frequency.trends(corpus, ["ليبيا", "حفتر", "طرابلس", "داعش"], freq="D")
    written.append(_save(charts.timeline(trend), out, f"{name}_timeline"))
    written += _actor_charts(name, corpus, out)
    assert all(p.stat().st_size > 5000 for p in written)


def _actor_charts(name: str, corpus, out: Path) -> list[Path]:
    actors = pytest.importorskip("toolkit.actors")
    needed = ("load_libya_actors", "find_mentions", "mention_counts", "co_mentions")
    if not all(hasattr(actors, n) for n in needed):
        pytest.skip(f"toolkit.actors does not provide {needed} yet")
    dictionary = actors.load_libya_actors()
    mentions = actors.find_mentions(corpus, dictionary)
    counts = actors.mention_counts(mentions, by="source", corpus=corpus)
    bars = charts.actor_bars(counts, dictionary, stack="source")
    top = counts.groupby("actor_id")["mentions"].sum().idxmax()
    first = [t.get_text() for t in bars.axes[0].get_yticklabels()][0]
    assert first == dictionary.label(top, lang="ar") and arabic.has_arabic(first)
    written = [
        _save(bars, out, f"{name}_actor_bars"),
        _save(
            charts.actor_bars(counts, dictionary, stack="source", lang="en"),
            out,
            f"{name}_actor_bars_en",
        ),
    ]
    co = actors.co_mentions(mentions)
    written.append(
        _save(charts.co_mention_network(co, mentions, dictionary), out, f"{name}_network")
    )
    return written


def test_term_charts_label_bars_with_the_written_form(seed_text):
    """Bars are labelled with each term's most frequent spelling in the seed, not the
    normalized key: the seed writes الرئيس (10 times, counted as رءيس) and حكومة."""
    from toolkit.corpus import Corpus
    from toolkit.frequency import term_frequencies
    from toolkit.plots.charts import keyness_bars, top_terms

    freq = term_frequencies(Corpus.from_records([{"text": seed_text, "doc_id": "seed"}]))
    fig = top_terms(freq, n=12)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "الرئيس" in labels and "رءيس" not in labels
    assert "حكومة" in labels and "حكومه" not in labels
    key = freq.head(5).assign(g2=[5.0, 4.0, 3.0, -2.0, -1.0])
    texts = {t.get_text() for t in keyness_bars(key).axes[0].texts}
    assert set(freq.head(5)["form"]) <= texts
