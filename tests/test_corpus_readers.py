"""Reading every format: the real SaudiNewsNet zips and libya subset, and round trips."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from toolkit.corpus import Corpus, iter_documents, load_corpus, sample
from toolkit.corpus.readers import read_records

FIELDS = ["doc_id", "date", "source", "title", "url", "author", "text"]

# Per-source counts printed in SaudiNewsNet's own README (../shared/data/saudinewsnet/
# README.upstream.md, "Statistics"); they add up to 31,030. The README's identifier table
# spells the last one "arreyadiyah"; the data itself says "arriyadiyah".
UPSTREAM_SOURCES = {
    "alriyadh": 4852, "aljazirah": 3690, "alyaum": 3065, "aleqtisadiya": 2964,
    "aawsat": 2947, "okaz": 2846, "alwatan": 2279, "almadina": 2252, "alweeam": 2090,
    "3alyoum": 2080, "sabq": 1411, "was": 369, "arreyadi": 133, "arriyadiyah": 52,
}


def _libya_lines(libya_jsonl: Path, n: int) -> list[dict]:
    with open(libya_jsonl, encoding="utf-8") as handle:
        return [json.loads(next(handle)) for _ in range(n)]


def test_libya_jsonl_fields_mapped(libya_jsonl):
    corpus = load_corpus(libya_jsonl)
    assert len(corpus) == 435  # `grep -c . libya.jsonl` gives 435 lines
    frame = corpus.frame
    assert list(frame.columns[:7]) == FIELDS
    assert frame["doc_id"].is_unique
    assert str(frame["date"].dtype) == "datetime64[ns]"
    first = frame.iloc[0]
    # the first line of the file: id sn-00005, aawsat, crawled 2015-07-21 02:51:38
    assert first["doc_id"] == "sn-00005"
    assert first["source"] == "aawsat"
    assert first["date"] == pd.Timestamp("2015-07-21 02:51:38")
    assert first["title"] == "الخارجية الإيطالية: أربعة من مواطنينا مخطوفون في ليبيا"
    assert first["text"].startswith("أعلنت وزارة الخارجية الايطالية")
    # `batch_file` is not a document field: it stays as extra metadata
    assert first["batch_file"] == "2015-07-21.json"
    # 71 authors are "" in the file (counted with json.loads over the raw lines): missing, visible
    assert frame["author"].isna().sum() == 71


@pytest.mark.slow
def test_saudinewsnet_all_zips(saudinewsnet_raw):
    zips = sorted(saudinewsnet_raw.glob("*.zip"))
    assert len(zips) == 18
    corpus = load_corpus(saudinewsnet_raw)
    # 31,030: the upstream README's total, and the sum of `grep -c '^        "source": '`
    # over the 18 unzipped JSON arrays
    assert len(corpus) == 31_030
    frame = corpus.frame
    assert frame["doc_id"].is_unique
    assert frame["source"].value_counts().to_dict() == UPSTREAM_SOURCES
    assert frame["date"].min() >= pd.Timestamp("2015-07-21")
    assert frame["date"].max() < pd.Timestamp("2015-08-12")
    assert frame["date"].notna().all()
    # no ids upstream: generated from the URL, stable across loads
    assert frame["doc_id"].str.startswith("auto-u").all()
    # 354 articles have an empty or blank content (crawler failures): kept, not dropped,
    # and never flagged as duplicates of each other
    blank = frame["text"].str.strip() == ""
    assert blank.sum() == 354
    assert frame.loc[blank, "duplicate_of"].isna().all()
    assert len(corpus.skipped) == 0


def test_one_saudinewsnet_zip_matches_its_json(saudinewsnet_raw):
    path = saudinewsnet_raw / "2015-07-23.zip"
    corpus = load_corpus(path)
    assert len(corpus) == 1318  # grep -c '^        "source": ' on the unzipped array
    with zipfile.ZipFile(path) as archive:
        records = json.loads(archive.read("2015-07-23.json"))
    assert corpus.frame["url"].tolist() == [r["url"] for r in records]
    # texts are kept exactly, spaces and line breaks included
    assert corpus.frame["text"].tolist() == [r["content"] for r in records]


def test_line_numbers_of_a_json_array(saudinewsnet_raw):
    # the arrays are pretty-printed: "[" then 8 lines per article ({, 6 fields, },)
    records = read_records([saudinewsnet_raw / "2015-07-23.zip"])
    lines = [r.line for _, r in zip(range(3), records, strict=False)]
    assert lines == [2, 10, 18]


def test_formats_round_trip(libya_jsonl, tmp_path):
    """The first five libya articles written as CSV, TSV, Parquet, a JSON array and a zip."""
    rows = _libya_lines(libya_jsonl, 5)
    expected = load_corpus(libya_jsonl).frame.head(5)
    with open(tmp_path / "five.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with open(tmp_path / "five.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    pd.DataFrame(rows).to_parquet(tmp_path / "five.parquet")
    (tmp_path / "five.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "five.zip", "w") as archive:
        archive.writestr("inner/five.csv", (tmp_path / "five.csv").read_text(encoding="utf-8"))
    for name in ("five.csv", "five.tsv", "five.parquet", "five.json", "five.zip"):
        frame = load_corpus(tmp_path / name).frame
        for column in FIELDS:
            assert frame[column].tolist() == expected[column].tolist(), (name, column)


def test_txt_folder_with_sidecar_and_names(tmp_path, seed_text):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2020-03-10_haftar.txt").write_text(seed_text, encoding="utf-8")
    (folder / "berlin.txt").write_text("انطلق مؤتمر برلين حول ليبيا.", encoding="utf-8")
    (folder / "notes.md").write_text("# not a corpus file", encoding="utf-8")
    corpus = load_corpus(folder)
    frame = corpus.frame.set_index("doc_id")
    # no sidecar: doc_id from the file name, the date found in it
    assert sorted(frame.index) == ["2020-03-10_haftar", "berlin"]
    assert frame.loc["2020-03-10_haftar", "date"] == pd.Timestamp("2020-03-10")
    assert pd.isna(frame.loc["berlin", "date"])
    assert frame.loc["2020-03-10_haftar", "text"] == seed_text
    # with a sidecar, metadata comes from it (matched on the file name)
    (folder / "metadata.csv").write_text(
        "file,id,source,date,title\nberlin.txt,b-1,الشرق الأوسط,2020-01-19,مؤتمر برلين\n",
        encoding="utf-8",
    )
    frame = load_corpus(folder).frame.set_index("doc_id")
    assert frame.loc["b-1", "source"] == "الشرق الأوسط"
    assert frame.loc["b-1", "date"] == pd.Timestamp("2020-01-19")
    assert len(frame) == 2  # the sidecar is not read as a document


def test_iter_documents_streams(libya_jsonl):
    docs = iter_documents(libya_jsonl)
    first = next(docs)
    assert (first.doc_id, first.source) == ("sn-00005", "aawsat")
    assert first.date == datetime(2015, 7, 21, 2, 51, 38)
    assert first.meta == {"batch_file": "2015-07-21.json"}
    assert sum(1 for _ in docs) == 434


def test_field_mapping_override(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(
        json.dumps({"رقم": "a1", "نص_الخبر": "قال المتحدث إن الهدنة صامدة.", "text": "ملخص"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = load_corpus(path, fields={"text": "نص_الخبر", "doc_id": ["رقم"]})
    row = corpus.frame.iloc[0]
    assert row["doc_id"] == "a1"
    assert row["text"] == "قال المتحدث إن الهدنة صامدة."
    # the unused "text" key is kept, renamed so it cannot shadow the text column
    assert row["meta_text"] == "ملخص"
    with pytest.raises(ValueError, match="unknown field 'body'.*accepted fields: doc_id"):
        load_corpus(path, fields={"body": "نص_الخبر"})


def test_sample_is_the_seed_article(seed_text):
    corpus = sample()
    assert isinstance(corpus, Corpus) and len(corpus) == 1
    row = corpus.frame.iloc[0]
    assert row["doc_id"] == "seed-libya-2020"
    assert row["date"] == pd.Timestamp("2020-03-10")
    assert bool(row["date_approximate"]) is True
    assert "9 March 2020" in row["date_note"]
    assert pd.isna(row["source"])
    assert corpus.text("seed-libya-2020") == seed_text


def test_missing_paths_and_unknown_extensions(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_corpus(tmp_path / "nope.jsonl")
    odd = tmp_path / "corpus.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(ValueError, match=r"unsupported extension '\.xlsx'; accepted: \.jsonl"):
        load_corpus(odd)
    with pytest.raises(ValueError, match="errors='ignore' is not valid; accepted values"):
        load_corpus(odd, errors="ignore")
