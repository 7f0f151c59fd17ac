"""``antk actors``: counts, mention tables, lint and discover from the command line."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from toolkit.cli import main

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


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8"
    )
    return path


def test_counts_by_source(corpus_file, capsys):
    assert main(["actors", str(corpus_file), "--by", "source"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns) == ["source", "actor_id", "actor_type", "mentions", "docs"]
    # d1 (aawsat): حفتر twice, ماكرون, باريس; d2 (okaz): حفتر twice, القاهرة and مصر
    assert table[["source", "actor_id", "mentions"]].values.tolist() == [
        ["aawsat", "haftar", 2],
        ["aawsat", "france", 1],
        ["aawsat", "macron", 1],
        ["okaz", "egypt", 2],
        ["okaz", "haftar", 2],
    ]


def test_mentions_as_json_and_group_level(corpus_file, capsys, tmp_path):
    assert main(["actors", str(corpus_file), "--table", "mentions", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["surface"] for r in rows] == [
        "ماكرون",
        "حفتر",
        "باريس",
        "حفتر",
        "حفتر",
        "القاهرة",
        "مصر",
        "حفتر",
    ]
    out = tmp_path / "groups.csv"
    assert main(["actors", str(corpus_file), "--level", "group", "--out", str(out)]) == 0
    assert pd.read_csv(out).group.tolist() == ["lna", "egypt", "france"]
    # an existing --out is not overwritten without --force
    assert main(["actors", str(corpus_file), "--out", str(out)]) == 2
    assert "add --force" in capsys.readouterr().err


def test_gexf_export(corpus_file, tmp_path, capsys):
    import networkx as nx

    out = tmp_path / "net.gexf"
    assert main(["actors", str(corpus_file), "--table", "co-mentions", "--gexf", str(out)]) == 0
    graph = nx.read_gexf(out)
    # sentence co-mentions: egypt-haftar twice (d2), the d1 trio once each
    assert graph.edges["egypt", "haftar"]["count"] == 2
    assert graph.nodes["haftar"]["label"] == "خليفة حفتر"
    assert main(["actors", str(corpus_file), "--gexf", str(out)]) == 2  # exists, no --force


def test_bad_usage_exits_2(corpus_file, tmp_path, capsys):
    assert main(["actors", str(tmp_path / "missing.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: x\n    label: [\n", encoding="utf-8")
    assert main(["actors", str(corpus_file), "--actors", str(bad)]) == 2
    assert "malformed YAML at line" in capsys.readouterr().err
    assert main(["actors", str(corpus_file), "--by", "colour"]) == 2


def test_lint(tmp_path, capsys):
    path = tmp_path / "a.yaml"
    path.write_text(
        "actors:\n"
        "  - {id: Haftar, label: حفتر, type: person, aliases: [حفتر]}\n"
        "  - {id: saddam, label: صدام حفتر, type: person, aliases: [حفتر]}\n",
        encoding="utf-8",
    )
    assert main(["actors", "lint", str(path)]) == 1
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert sorted(table.kind) == ["bad-id", "claimed"]
    from toolkit.actors.dictionary import DEFAULT_PATH

    assert main(["actors", "lint", str(DEFAULT_PATH)]) == 0
    assert main(["actors", "lint"]) == 2


def test_discover(corpus_file, capsys):
    pytest.importorskip("toolkit.actors.discover")
    assert main(["actors", "discover", str(corpus_file)]) == 0
    assert capsys.readouterr().out.startswith("candidate")
