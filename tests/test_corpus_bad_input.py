"""Bad input: every file gives a clear error naming file and line (or byte), or a counted skip."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from toolkit.corpus import CorpusEncodingError, CorpusError, load_corpus
from toolkit.corpus.encoding import LegacyEncodingWarning

BAD = Path(__file__).parent / "data" / "corpus_bad"


def _skip(path: Path, expected_skips: int):
    """Load with errors="skip": exactly one warning, giving the count; skips recorded."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path, errors="skip")
    counts = [str(w.message) for w in caught if "skipped" in str(w.message)]
    assert counts == [f"skipped {expected_skips} bad record{'s' * (expected_skips != 1)} "
                      "(see corpus.skipped: file, line, reason)"]
    assert len(corpus.skipped) == expected_skips
    assert list(corpus.skipped.columns) == ["file", "line", "reason"]
    assert (corpus.skipped["file"] == str(path)).all()
    return corpus


def test_windows_1256_detected_with_warning():
    path = BAD / "cp1256_article.txt"
    with pytest.warns(LegacyEncodingWarning, match=r"cp1256_article\.txt: not UTF-8, decoded as Windows-1256"):
        corpus = load_corpus(path)
    assert corpus.frame.loc[0, "text"].startswith("وصل المشير خليفة حفتر إلى باريس")


def test_utf8_bom_is_stripped():
    corpus = load_corpus(BAD / "bom.jsonl")
    # without stripping, the first key would be "\ufeffid" and the id would be lost
    assert corpus.frame["doc_id"].tolist() == ["bom-1", "bom-2"]
    assert corpus.frame.loc[0, "title"] == "حفتر في باريس"


def test_truncated_json_line():
    path = BAD / "truncated_line.jsonl"
    with pytest.raises(CorpusError, match=r"truncated_line\.jsonl, line 2: invalid JSON") as err:
        load_corpus(path)
    assert (err.value.file, err.value.line) == (str(path), 2)
    corpus = _skip(path, 1)
    assert corpus.frame["doc_id"].tolist() == ["t-1", "t-3"]
    assert corpus.skipped.loc[0, "line"] == 2


def test_json_array_cut_in_half():
    path = BAD / "cut_array.json"
    # the 4-record array is cut inside record 2, which starts on line 10
    with pytest.raises(CorpusError, match=r"cut_array\.json, line 10: invalid JSON in record 2 "
                       r".*it is cut off; the rest of the file is not read"):
        load_corpus(path)
    corpus = _skip(path, 1)
    assert corpus.frame["url"].tolist() == ["http://example.org/1"]


def test_csv_without_text_column():
    path = BAD / "missing_text.csv"
    with pytest.raises(CorpusError, match=r"missing_text\.csv, line 2: no text: .* the record has "
                       r"id, date, title"):
        load_corpus(path)
    corpus = _skip(path, 2)  # both data rows, lines 2 and 3
    assert corpus.skipped["line"].tolist() == [2, 3]
    assert len(corpus) == 0
    # mapping the right column fixes it
    assert load_corpus(path, fields={"text": "title"}).frame["text"].tolist() == [
        "حفتر في باريس", "مؤتمر برلين"]


def test_empty_file():
    path = BAD / "empty.jsonl"
    with pytest.raises(CorpusError, match=r"empty\.jsonl: file is empty \(0 bytes\)"):
        load_corpus(path)
    _skip(path, 1)


def test_binary_file_names_byte_offset():
    path = BAD / "binary.jsonl"
    with pytest.raises(CorpusEncodingError, match=r"binary\.jsonl: cannot decode byte 0x89 at "
                       r"byte offset 0") as err:
        load_corpus(path)
    assert err.value.offset == 0
    _skip(path, 1)


def test_latin1_is_not_taken_for_arabic():
    # "Le maréchal": é (0xe9 in Latin-1) is byte 6; as Windows-1256 it would read as Arabic
    # letters inside French words, so the file is refused rather than garbled
    with pytest.raises(CorpusEncodingError, match=r"latin1\.txt: cannot decode byte 0xe9 at "
                       r"byte offset 6"):
        load_corpus(BAD / "latin1.txt")


def test_date_in_a_wrong_format():
    path = BAD / "bad_date.jsonl"
    with pytest.raises(CorpusError, match=r"bad_date\.jsonl, line 2: date '10/03/2020' is not an "
                       r"ISO 8601 date"):
        load_corpus(path)
    corpus = _skip(path, 1)
    # line 3 is 08:00 at +02:00, stored as 06:00 UTC
    assert corpus.frame["date"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2020-03-09 00:00", "2020-03-11 06:00"]


def test_repeated_doc_id():
    path = BAD / "duplicate_id.jsonl"
    with pytest.raises(CorpusError, match=r"duplicate_id\.jsonl, line 3: doc_id 'x-1' repeats "
                       r"the one at .*duplicate_id\.jsonl, line 1"):
        load_corpus(path)
    assert _skip(path, 1).frame["doc_id"].tolist() == ["x-1", "x-2"]


def test_50_mb_single_line_document(tmp_path):
    # generated here, never committed: 50 MB of Arabic on one line
    word = "ليبيا "  # 6 characters, 11 bytes in UTF-8
    repeat = 50 * 1024 * 1024 // len(word.encode("utf-8")) + 1
    big = tmp_path / "huge.txt"
    big.write_text(word * repeat, encoding="utf-8")
    assert big.stat().st_size >= 50 * 1024 * 1024
    with pytest.raises(CorpusError, match=rf"huge\.txt, line 1: text has {len(word) * repeat:,} "
                       r"characters, above max_chars=2,000,000"):
        load_corpus(big)
    # the same limit inside JSON Lines (just over 2,000,000 characters, to keep the test fast)
    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text('{"id": "ok", "text": "خبر قصير"}\n{"id": "big", "text": "'
                     + word * 333_334 + '"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"huge\.jsonl, line 2: text has"):
        load_corpus(jsonl)
    corpus = _skip(jsonl, 1)
    assert corpus.frame["doc_id"].tolist() == ["ok"]


def test_folder_mixing_good_and_bad_files(tmp_path):
    for name in ("bom.jsonl", "truncated_line.jsonl", "empty.jsonl"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path, errors="skip")
    # bom: 2 documents; truncated_line: 2 of 3; empty: the file itself
    assert len(corpus) == 4
    assert sorted(Path(f).name for f in corpus.skipped["file"]) == [
        "empty.jsonl",
        "truncated_line.jsonl",
    ]
    assert [str(w.message) for w in caught] == [
        "skipped 2 bad records (see corpus.skipped: file, line, reason)"
    ]


def test_folder_without_corpus_files(tmp_path):
    (tmp_path / "notes.md").write_text("ملاحظات", encoding="utf-8")
    with pytest.raises(CorpusError, match="no corpus file in this folder"):
        load_corpus(tmp_path)
