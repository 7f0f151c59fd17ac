"""Hostile corpus input: nothing garbled, nothing lost unreported, bounded, no traceback.

Every input is generated here, small. For each case the documents plus the reported skips
(each with file, line and reason) equal the records written.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from toolkit.corpus import CorpusEncodingError, CorpusError, load_corpus
from toolkit.corpus.encoding import LegacyEncodingWarning

ARTICLE = "وصل المشير خليفة حفتر إلى باريس للقاء الرئيس الفرنسي"


def _line(i: int, text: str = ARTICLE) -> str:
    return json.dumps({"id": f"a{i}", "source": "sabq", "text": f"{text} {i}"}, ensure_ascii=False)


def _skip(path: Path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path, errors="skip")
    return corpus, [str(w.message) for w in caught]


# -- encodings, record by record ---------------------------------------------------------------

def test_one_windows_1256_line_leaves_the_utf8_lines_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    old = '{"id": "old", "text": "ليبيا: اجتماع في طرابلس"}'.encode("cp1256")
    path.write_bytes(b"\n".join([_line(1).encode(), old, _line(3).encode()]) + b"\n")
    with pytest.warns(LegacyEncodingWarning, match=r"mixed\.jsonl: not UTF-8, decoded as "
                      r"Windows-1256: 1 record \(line 2\)"):
        corpus = load_corpus(path)
    assert corpus.frame["text"].tolist() == [f"{ARTICLE} 1", "ليبيا: اجتماع في طرابلس",
                                             f"{ARTICLE} 3"]


def test_a_stray_byte_refuses_its_record_only(tmp_path):
    # 200 UTF-8 records, one with a byte that is not UTF-8: before, the whole file was read as
    # Windows-1256 and every record stored as mojibake (ظˆطµ...)
    lines = [_line(i).encode() for i in range(200)]
    lines[57] = lines[57].replace("حفتر".encode(), "حفتر".encode() + b"\xff")
    path = tmp_path / "stray.jsonl"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(CorpusEncodingError, match=r"stray\.jsonl, line 58: cannot decode byte "
                       r"0xff .*mojibake") as err:
        load_corpus(path)
    assert err.value.line == 58
    corpus, messages = _skip(path)
    assert len(corpus) == 199 and corpus.skipped["line"].tolist() == [58]
    assert corpus.frame["text"].tolist() == [f"{ARTICLE} {i}" for i in range(200) if i != 57]
    assert not any("Windows-1256" in m for m in messages)


def test_a_windows_1256_csv_row_among_utf8_rows(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes("id,text\n1,حفتر في باريس\n".encode() + "2,مؤتمر برلين\n".encode("cp1256")
                     + "3,غسان سلامة\n".encode())
    with pytest.warns(LegacyEncodingWarning, match=r"line 3"):
        corpus = load_corpus(path)
    assert corpus.frame["text"].tolist() == ["حفتر في باريس", "مؤتمر برلين", "غسان سلامة"]


def test_short_windows_1256_file_with_more_latin_keys_than_arabic(tmp_path):
    path = tmp_path / "short.jsonl"
    path.write_bytes('{"id": "x1", "source": "sabq", "title": "news", "text": "مصر"}'
                     .encode("cp1256"))
    with pytest.warns(LegacyEncodingWarning):
        assert load_corpus(path).frame["text"].tolist() == ["مصر"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_bom(tmp_path, codec):
    txt = tmp_path / "arabic.txt"
    txt.write_bytes("ليبيا وتونس".encode(codec))  # no ASCII at all (apart from the space)
    assert load_corpus(txt).frame["text"].tolist() == ["ليبيا وتونس"]
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_bytes("\n".join(_line(i) for i in range(3)).encode(codec))
    assert load_corpus(jsonl).frame["doc_id"].tolist() == ["a0", "a1", "a2"]


def test_stored_mojibake_is_refused_real_arabic_with_ta_kept(tmp_path):
    garbled = ARTICLE.encode("utf-8").decode("cp1256")  # what the old reader stored
    assert garbled.startswith("ظˆطµظ„")
    path = tmp_path / "garbled.jsonl"
    texts = [ARTICLE, garbled, "ضغط، شطط، ظظ؟"]  # ط and ظ before Arabic punctuation: prose
    path.write_text("\n".join(json.dumps({"id": f"g{i}", "text": t}, ensure_ascii=False)
                              for i, t in enumerate(texts)), encoding="utf-8")
    corpus, _ = _skip(path)
    assert corpus.frame["text"].tolist() == [ARTICLE, "ضغط، شطط، ظظ؟"]
    assert corpus.skipped["line"].tolist() == [2]
    assert corpus.skipped.loc[0, "reason"].startswith("mojibake: Arabic UTF-8")


def test_control_characters_are_refused_not_stored(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(1, 9)) * 20)
    with pytest.raises(CorpusEncodingError, match=r"garbage\.txt.*mostly control characters"):
        load_corpus(path)


# -- every record accounted for ------------------------------------------------------------

def test_runaway_csv_quote_is_an_error_at_its_row(tmp_path):
    rows = [f'{i},"خبر رقم {i}"' for i in range(10)]
    rows[3] = '3,"خبر بلا علامة إغلاق'
    path = tmp_path / "quote.csv"
    path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"quote\.csv, line 5: unclosed quote"):
        load_corpus(path)
    corpus, _ = _skip(path)
    assert corpus.frame["doc_id"].tolist() == [str(i) for i in range(10) if i != 3]
    assert corpus.skipped["line"].tolist() == [5]


def test_runaway_quote_on_the_last_row(tmp_path):
    path = tmp_path / "end.csv"
    path.write_text('id,text\n1,"حفتر"\n2,"سلامة\n', encoding="utf-8")
    corpus, _ = _skip(path)
    assert corpus.frame["doc_id"].tolist() == ["1"]
    assert corpus.skipped["line"].tolist() == [3]
    assert "unclosed quote" in corpus.skipped.loc[0, "reason"]


def test_repeated_header_column_is_an_error(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,text,text\n1,حفتر,باريس\n2,سلامة,برلين\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"dup\.csv, line 2: the header \(line 1\) names "
                       r"column 'text' more than once"):
        load_corpus(path)
    corpus, _ = _skip(path)
    assert len(corpus) == 0 and corpus.skipped["line"].tolist() == [2, 3]


def test_wrapper_object_gives_its_records(tmp_path):
    path = tmp_path / "wrapped.json"
    records = [{"id": f"w{i}", "text": f"خبر {i}"} for i in range(5)]
    path.write_text(json.dumps({"count": 5, "articles": records}, ensure_ascii=False, indent=2),
                    encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.frame["doc_id"].tolist() == ["w0", "w1", "w2", "w3", "w4"]
    # a single pretty-printed object is one record
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "o", "text": "خبر"}, ensure_ascii=False, indent=2),
                   encoding="utf-8")
    assert load_corpus(one).frame["doc_id"].tolist() == ["o"]


def test_cr_only_line_endings(tmp_path):
    jsonl = tmp_path / "mac.jsonl"
    jsonl.write_bytes("\r".join(_line(i) for i in range(5)).encode())
    assert len(load_corpus(jsonl)) == 5
    csv_path = tmp_path / "mac.csv"
    csv_path.write_bytes("id,text\r1,حفتر\r2,سلامة\r".encode())
    assert load_corpus(csv_path).frame["text"].tolist() == ["حفتر", "سلامة"]


# -- bounded inputs ------------------------------------------------------------------------

def test_deep_json_is_a_clean_error_and_a_counted_skip(tmp_path):
    deep = '{"id": "deep", "text": "x", "m": ' + "[" * 100_000 + "]" * 100_000 + "}"
    nested = '{"id": "nest", "text": "x", "m": ' + "[" * 50 + "]" * 50 + "}"
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([_line(1), deep, nested, _line(4)]), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"deep\.jsonl, line 2: invalid JSON: nested too deeply"):
        load_corpus(path)
    corpus, _ = _skip(path)
    assert corpus.frame["doc_id"].tolist() == ["a1", "a4"]
    assert corpus.skipped["line"].tolist() == [2, 3]
    assert "more than 32 levels deep" in corpus.skipped.loc[1, "reason"]
    array = tmp_path / "deep.json"
    array.write_text("[" + ",".join([_line(1), deep, _line(3)]) + "]", encoding="utf-8")
    corpus, _ = _skip(array)
    assert corpus.frame["doc_id"].tolist() == ["a1", "a3"]  # the record after it is still read
    assert len(corpus.skipped) == 1


def test_huge_integer_names_file_and_line_and_does_not_stop_skip(tmp_path):
    path = tmp_path / "digits.jsonl"
    path.write_text("\n".join([_line(1), '{"id": "n", "text": "x", "n": ' + "7" * 5000 + "}",
                               _line(3)]), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"digits\.jsonl, line 2: invalid JSON: .*digits"):
        load_corpus(path)
    corpus, _ = _skip(path)
    assert corpus.frame["doc_id"].tolist() == ["a1", "a3"]


def test_zip_member_above_the_limit_is_refused_before_inflating(tmp_path, monkeypatch):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("small.jsonl", _line(1))
        archive.writestr("big.jsonl", " " * 200_000)  # 200 KB of spaces: a few hundred bytes packed
    assert path.stat().st_size < 2_000
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open",
                        lambda self, info, *a, **k: opened.append(str(getattr(info, "filename", info)))
                        or real_open(self, info, *a, **k))
    corpus = load_corpus(path, errors="skip", max_bytes=100_000)
    assert corpus.frame["doc_id"].tolist() == ["a1"]
    assert corpus.skipped["file"].tolist() == [f"{path}!big.jsonl"]
    assert "unpacks to 200,000 bytes, above the limit of 100,000" in corpus.skipped.loc[0, "reason"]
    assert opened == ["small.jsonl"]  # the big member was never inflated
    monkeypatch.setenv("ANTK_MAX_FILE_BYTES", "100000")  # the same limit for every command
    assert len(load_corpus(path, errors="skip").skipped) == 1


def test_a_member_larger_than_its_header_says_is_refused(tmp_path):
    # an archive whose headers claim 10 bytes for a member that inflates to 200,000: reading
    # stops at the declared size (never past max_bytes) and the member is refused as damaged
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("liar.jsonl", " " * 200_000)
    data = bytearray(buffer.getvalue())
    true_size = (200_000).to_bytes(4, "little")
    for at in [i for i in range(len(data) - 3) if data[i:i + 4] == true_size]:
        data[at:at + 4] = (10).to_bytes(4, "little")
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    corpus = load_corpus(path, errors="skip", max_bytes=100_000)
    assert len(corpus) == 0 and len(corpus.skipped) == 1
    assert "damaged member 'liar.jsonl'" in corpus.skipped.loc[0, "reason"]


def test_a_file_above_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(_line(i) for i in range(100)), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"big\.jsonl: is [\d,]+ bytes, above the limit of 1,000"):
        load_corpus(path, max_bytes=1_000)


# -- Parquet -------------------------------------------------------------------------------

def test_parquet_read_leaves_no_reader_thread_to_abort_at_exit(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = tmp_path / "week.parquet"
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(2000)], "text": [ARTICLE] * 2000}), good)
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    code = ("import sys; from toolkit.corpus import load_corpus\n"
            "c = load_corpus(sys.argv[1:], errors='skip'); print(len(c), len(c.skipped))")
    for _ in range(3):  # the abort came at exit, in up to 7 runs of 20
        done = subprocess.run([sys.executable, "-W", "ignore", "-c", code, str(good), str(bad)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-500:]
        assert done.stdout.split() == ["2000", "1"]
