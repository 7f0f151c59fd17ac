"""Views of the mention table: counts by source/week/group, co-mentions, graph and GEXF."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from toolkit.actors import (
    co_mention_graph,
    co_mentions,
    find_mentions,
    load_libya_actors,
    mention_counts,
    write_gexf,
)
from toolkit.corpus import Corpus

# Two short reports.  d1, sentence 0: ماكرون حفتر باريس(France) ; sentence 1: حفتر
#                    d2, sentence 0: حفتر القاهرة(Egypt) ; sentence 1: مصر حفتر
RECORDS = [
    {
        "doc_id": "d1",
        "date": "2015-07-21",
        "source": "aawsat",
        "text": "التقى ماكرون حفتر في باريس. وقال حفتر إنه ملتزم.",
    },
    {
        "doc_id": "d2",
        "date": "2015-07-28",
        "source": "okaz",
        "text": "زار حفتر القاهرة. ودعت مصر إلى الحوار مع حفتر.",
    },
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_records(RECORDS)


@pytest.fixture(scope="module")
def mentions(corpus):
    return find_mentions(corpus, load_libya_actors())


def test_the_mentions_are_as_read(mentions):
    assert list(zip(mentions.doc_id, mentions.sentence, mentions.actor_id, strict=True)) == [
        ("d1", 0, "macron"),
        ("d1", 0, "haftar"),
        ("d1", 0, "france"),
        ("d1", 1, "haftar"),
        ("d2", 0, "haftar"),
        ("d2", 0, "egypt"),
        ("d2", 1, "egypt"),
        ("d2", 1, "haftar"),
    ]


def test_counts_per_actor(mentions):
    c = mention_counts(mentions)
    assert list(c.columns) == ["actor_id", "actor_type", "mentions", "docs"]
    assert c.values.tolist() == [
        ["haftar", "person", 4, 2],
        ["egypt", "country", 2, 1],
        ["france", "country", 1, 1],
        ["macron", "person", 1, 1],
    ]


def test_counts_by_source_and_week_join_the_corpus(mentions, corpus):
    by_source = mention_counts(mentions, by="source", corpus=corpus)
    assert by_source[["source", "actor_id", "mentions"]].values.tolist() == [
        ["aawsat", "haftar", 2],
        ["aawsat", "france", 1],
        ["aawsat", "macron", 1],
        ["okaz", "egypt", 2],
        ["okaz", "haftar", 2],
    ]
    # 21 July 2015 is a Tuesday of ISO week 30, 28 July of week 31
    by_week = mention_counts(mentions, by="week", corpus=corpus)
    assert by_week.groupby("week").mentions.sum().to_dict() == {"2015-W30": 4, "2015-W31": 4}
    by_day = mention_counts(mentions, by=["day", "source"], corpus=corpus)
    assert by_day.day.astype(str).unique().tolist() == ["2015-07-21", "2015-07-28"]
    with pytest.raises(ValueError, match="pass corpus="):
        mention_counts(mentions, by="source")
    with pytest.raises(ValueError, match="not a column"):
        mention_counts(mentions, by="colour", corpus=corpus)


def test_counts_per_group_and_type(mentions):
    # haftar counts toward lna, macron toward france (with France itself), egypt toward itself
    g = mention_counts(mentions, level="group")
    assert g[["group", "mentions", "docs"]].values.tolist() == [
        ["lna", 4, 2],
        ["egypt", 2, 1],
        ["france", 2, 1],
    ]
    t = mention_counts(mentions, level="type")
    assert t.values.tolist() == [["person", 5, 2], ["country", 3, 2]]
    with pytest.raises(ValueError, match="level must be one of"):
        mention_counts(mentions, level="camp")


def test_co_mentions_sentence_window(mentions):
    co = co_mentions(mentions)
    assert list(co.columns) == ["actor_a", "actor_b", "count", "pmi", "ll"]
    # 4 sentence units: {macron, haftar, france}, {haftar}, {haftar, egypt}, {egypt, haftar}
    assert co[["actor_a", "actor_b", "count"]].values.tolist() == [
        ["egypt", "haftar", 2],
        ["france", "macron", 1],
        ["france", "haftar", 1],
        ["haftar", "macron", 1],
    ]
    pmi = dict(zip(zip(co.actor_a, co.actor_b, strict=True), co.pmi, strict=True))
    assert pmi["egypt", "haftar"] == pytest.approx(0.0)  # log2(2*4 / (2*4))
    assert pmi["france", "macron"] == pytest.approx(2.0)  # log2(1*4 / (1*1))
    # G² of [[1, 0], [0, 3]] against expectations [[.25, .75], [.75, 2.25]]
    ll = dict(zip(zip(co.actor_a, co.actor_b, strict=True), co.ll, strict=True))
    assert ll["france", "macron"] == pytest.approx(2 * (math.log(4) + 3 * math.log(3 / 2.25)))
    assert ll["haftar", "macron"] == pytest.approx(0.0)


def test_co_mentions_document_window(mentions):
    co = co_mentions(mentions, window="document")
    assert co["count"].tolist() == [1, 1, 1, 1]
    assert set(zip(co.actor_a, co.actor_b, strict=True)) == {
        ("egypt", "haftar"),
        ("france", "haftar"),
        ("france", "macron"),
        ("haftar", "macron"),
    }
    with pytest.raises(ValueError, match="window must be one of"):
        co_mentions(mentions, window="paragraph")
    with pytest.raises(ValueError, match="min_count"):
        co_mentions(mentions, min_count=0)


def test_graph_and_gexf_round_trip(mentions, tmp_path):
    actors = load_libya_actors()
    g = co_mention_graph(co_mentions(mentions), mentions, labels=actors)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 4
    assert g.nodes["haftar"]["mentions"] == 4 and g.nodes["haftar"]["label"] == "خليفة حفتر"
    assert g.edges["egypt", "haftar"]["count"] == 2
    path = write_gexf(g, tmp_path / "net.gexf")
    back = nx.read_gexf(path)
    assert back.nodes["haftar"]["mentions"] == 4
    assert back.edges["egypt", "haftar"]["count"] == 2
    assert back.edges["france", "macron"]["pmi"] == pytest.approx(2.0)
    assert [p.name for p in tmp_path.iterdir()] == ["net.gexf"]  # no temporary left
    with pytest.raises(FileExistsError):
        write_gexf(g, path, overwrite=False)


def test_views_on_the_seed(seed_text):
    corpus = Corpus.from_records([{"doc_id": "seed", "text": seed_text, "date": "2020-03-10"}])
    m = find_mentions(corpus, load_libya_actors())
    counts = mention_counts(m).set_index("actor_id").mentions
    assert counts[["libya", "france", "turkey", "haftar"]].tolist() == [25, 20, 16, 12]
    top = counts.index[:3].tolist()
    # counted from the gold: libya 25 (11 names + 14 demonyms), france 20 (6 names, 10
    # demonyms, 4 metonyms), turkey 16 (5 names, 10 demonyms, 1 metonym); haftar 12 next
    assert top == ["libya", "france", "turkey"]
    co = co_mentions(m)
    assert ("haftar", "macron") in set(zip(co.actor_a, co.actor_b, strict=True))
