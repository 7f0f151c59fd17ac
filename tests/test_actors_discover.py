"""Discovery of actors missing from the dictionary (toolkit.actors.discover).

Expected counts were taken by reading the seed article, and for the Libya subset by
searching its texts for the exact strings (given in the comments).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from toolkit.actors import find_mentions, load_actors, load_libya_actors
from toolkit.actors.discover import DISCOVER_COLUMNS, discover_actors, slugify, to_yaml_stub
from toolkit.corpus import Corpus, load_corpus


@pytest.fixture(scope="module")
def reduced_actors(tmp_path_factory):
    """The default dictionary without al-Mismari and al-Sheikhi."""
    from importlib import resources

    raw = yaml.safe_load(
        resources.files("toolkit").joinpath("data", "actors", "libya.yaml").read_text("utf-8")
    )
    raw["actors"] = [a for a in raw["actors"] if a["id"] not in {"mismari", "sheikhi"}]
    path = tmp_path_factory.mktemp("dict") / "reduced.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_actors(path)


def test_seed_names_after_titles(seed_text, reduced_actors):
    corpus = Corpus.from_records([{"doc_id": "seed", "date": "2020-03-10", "text": seed_text}])
    found = discover_actors(corpus, actors=reduced_actors, min_count=1)
    assert list(found.columns) == DISCOVER_COLUMNS
    got = {r.candidate: (r.count, r.anchor, r.kind) for r in found.itertuples()}
    # line 17: الناطق الرسمي باسم القيادة العامة، اللواء أحمد المسماري،أكد
    assert got["أحمد المسماري"] == (1, "اللواء", "person")
    # line 16: الضابط بالجيش الليبي المقدم مهندس جبريل الشيخى (stacked titles skipped)
    assert got["جبريل الشيخى"] == (1, "المقدم", "person")
    # line 18: ولفت المسماري — a verb, and المسماري was read after a title above
    assert got["المسماري"] == (1, "ولفت", "person")
    # line 14: المتحدث بإسم الحكومة الالمانية (الالمانية is a mention of Germany)
    assert got["الحكومة"] == (1, "باسم", "organization")
    assert len(found) == 4
    # with the full dictionary, only the German government's spokesman body is new
    full = discover_actors(corpus, actors=load_libya_actors(), min_count=1)
    assert full["candidate"].tolist() == ["الحكومة"]


def test_examples_point_into_the_text(seed_text, reduced_actors):
    corpus = Corpus.from_records([{"doc_id": "seed", "text": seed_text}])
    found = discover_actors(corpus, actors=reduced_actors, min_count=1)
    for r in found.itertuples():
        assert r.candidate in r.example
        assert " ".join(r.example.split()) in " ".join(seed_text.split())


def test_libya_subset(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    mentions = find_mentions(corpus, load_libya_actors())
    found = discover_actors(corpus, mentions=mentions)
    got = {r.candidate: r for r in found.itertuples()}
    # "العقيد ميلود الزوي" in sn-02710, sn-13563, sn-16724 and "قال ميلود الزوي" in sn-24759
    z = got["ميلود الزوي"]
    assert (z.count, z.docs, z.anchor) == (4, 4, "العقيد")
    # "وأضاف/وأكد/وقال الزوي": 7 times in 5 documents
    assert (got["الزوي"].count, got["الزوي"].docs) == (7, 5)
    # "باسم القوات الجوية": 10 documents, once each
    b = got["القوات الجوية"]
    assert (b.count, b.docs, b.anchor, b.kind) == (10, 10, "باسم", "organization")
    # ranked by count, every candidate seen at least twice, none a dictionary alias
    assert found["count"].is_monotonic_decreasing and found["count"].min() >= 2
    assert "حفتر" not in got and "خليفة حفتر" not in got


def test_yaml_stub_loads_as_a_dictionary(tmp_path, seed_text, reduced_actors):
    corpus = Corpus.from_records([{"doc_id": "seed", "text": seed_text}])
    found = discover_actors(corpus, actors=reduced_actors, min_count=1)
    stub = to_yaml_stub(found)
    path = tmp_path / "stub.yaml"
    path.write_text(stub, encoding="utf-8")
    actors = load_actors(path)
    ids = [a.id for a in actors]
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids) and len(set(ids)) == len(ids)
    assert "ahmd_almsmary" in ids
    assert actors["ahmd_almsmary"].aliases == ("أحمد المسماري",)
    assert "# count: 1; docs: 1; anchor: اللواء" in stub


def test_slugify():
    assert slugify("خليفة حفتر") == "khlyfa_hftr"
    assert slugify("عبدالهادي الحويج") == "bdalhady_alhwyj"
    assert slugify("G20 قمة") == "g20_qma"
    assert slugify("!!!") == "actor"


def test_bad_input():
    with pytest.raises(TypeError, match="corpus must be a toolkit.corpus.Corpus.*str"):
        discover_actors("قال الرئيس")
    empty = discover_actors(Corpus.from_records([]))
    assert empty.empty and list(empty.columns) == DISCOVER_COLUMNS
    c = Corpus.from_records([{"text": "قال العقيد ميلود الزوي"}])
    with pytest.raises(ValueError, match="min_count must be a positive int"):
        discover_actors(c, min_count=0)
    with pytest.raises(TypeError, match="frame must be the DataFrame"):
        to_yaml_stub([{"candidate": "x"}])
    with pytest.raises(ValueError, match="missing the columns"):
        to_yaml_stub(pd.DataFrame({"count": [1]}))
