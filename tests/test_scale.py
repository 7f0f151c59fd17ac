"""toolkit.scale on a real LocalCluster (2 worker processes): same tables as the serial path.

The equality tests use 3 of the 18 SaudiNewsNet daily zips (the three smallest, 2015-07-23,
2015-08-01 and 2015-08-09: 4,400 documents) for term frequencies, and the 435-article
Libya subset (cut into partitions of 100 lines) for mentions, counts, co-mentions, quotes
and n-grams; the serial result is the expected value and frames must be equal with exact
dtypes (``assert_frame_equal``), not approximately.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

distributed = pytest.importorskip("distributed", reason="pip install -e '.[scale]'")

from toolkit import actors as A  # noqa: E402
from toolkit import frequency as F  # noqa: E402
from toolkit import scale as S  # noqa: E402
from toolkit.corpus import Corpus, CorpusError, load_corpus  # noqa: E402
from toolkit.corpus.store import Store  # noqa: E402
from toolkit.scale import functions as SF  # noqa: E402
from toolkit.scale.partitions import JsonlChunk, Partition  # noqa: E402
from toolkit.text import analyze  # noqa: E402

# the test's partition wrappers are defined here: ship them to the workers by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])

ZIPS = ("2015-07-23.zip", "2015-08-01.zip", "2015-08-09.zip")


@pytest.fixture(scope="module")
def client():
    cluster = S.local_cluster(n_workers=2)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def actors():
    return A.load_libya_actors()


@pytest.fixture(scope="module")
def libya(libya_jsonl):
    return load_corpus(libya_jsonl)


@pytest.fixture(scope="module")
def libya_mentions(libya, actors):
    return A.find_mentions(libya, actors)


# --------------------------------------------------------------------------- equality


def test_term_frequencies_of_three_zips_equal_serial(client, saudinewsnet_raw):
    paths = [saudinewsnet_raw / z for z in ZIPS]
    serial = F.term_frequencies(load_corpus(paths))
    seen = []
    dask = SF.term_frequencies(
        paths, client=client, progress=lambda done, total, label: seen.append((done, total, label))
    )
    assert_frame_equal(dask, serial)
    assert len(serial) > 20_000  # a real vocabulary, not an empty table
    # progress: one call per partition (one partition per zip), done counts up to 3
    assert [s[0] for s in seen] == [1, 2, 3] and {s[1] for s in seen} == {3}
    assert sorted(s[2] for s in seen) == list(ZIPS)


def test_mentions_counts_and_co_mentions_equal_serial(client, libya_jsonl, libya, actors,
                                                      libya_mentions):
    m = SF.find_mentions(libya_jsonl, actors, client=client, partition_size=100)
    assert_frame_equal(m, libya_mentions)
    assert len(m) > 1000
    # one pass per call: per source by actor, per week by group (a mention counts toward
    # each camp of its actor)
    for by, level in (("source", "actor"), ("week", "group")):
        serial = A.mention_counts(libya_mentions, by=by, level=level, corpus=libya, actors=actors)
        dask = SF.mention_counts(
            libya_jsonl, by=by, level=level, actors=actors, client=client, partition_size=100
        )
        assert_frame_equal(dask, serial)
    serial = A.co_mentions(libya_mentions, window="sentence")
    dask = SF.co_mentions(libya_jsonl, actors=actors, client=client, partition_size=100)
    assert_frame_equal(dask, serial)
    assert len(serial) > 50


def test_quotes_and_ngrams_equal_serial(client, libya_jsonl, libya, actors, libya_mentions):
    serial = A.quotes(libya, mentions=libya_mentions)
    assert_frame_equal(SF.quotes(libya_jsonl, actors, client=client, partition_size=150), serial)
    assert len(serial) > 100
    first = Corpus(libya.frame.iloc[:120])  # n-grams: 120 articles, 4 partitions
    assert_frame_equal(
        SF.ngrams(first, 2, by="source", client=client, partition_size=30),
        F.ngrams(first, 2, by="source"),
    )


def test_store_partitions_equal_serial(client, libya_jsonl, actors, tmp_path):
    path = tmp_path / "news.sqlite"
    with Store(path) as store:
        store.add(load_corpus(libya_jsonl))
        stored = store.read()
        parts = S.make_partitions(store)
        # one partition per ISO week of the store (SaudiNewsNet spans 2015-W30 to W33)
        assert [p.week for p in parts] == ["2015-W30", "2015-W31", "2015-W32", "2015-W33"]
        # mentions come back in the store's order (date, doc_id), week after week
        assert_frame_equal(
            SF.find_mentions(store, actors, client=client), A.find_mentions(stored, actors)
        )


def test_counts_by_hand_across_partitions(client):
    # three one-document partitions; counted by hand (clitics stripped: وليبيا, لليبيا → ليبيا):
    # ليبيا: 2 in doc a, 1 in doc b, 0 in c → count 3, docs 2; حفتر: 1 (a) + 1 (c) → 2, 2
    corpus = Corpus.from_records([
        {"doc_id": "a", "text": "وصل حفتر إلى ليبيا ثم غادر ليبيا"},
        {"doc_id": "b", "text": "الهدنة في لليبيا صامدة"},
        {"doc_id": "c", "text": "التقى ماكرون حفتر في باريس"},
    ])
    freq = SF.term_frequencies(corpus, client=client, partition_size=1).set_index("term")
    assert freq.loc["ليبيا", ["count", "docs", "rank"]].tolist() == [3, 2, 1]
    assert freq.loc["حفتر", ["count", "docs"]].tolist() == [2, 2]
    # the same through the scheduler's address (what `--dask ADDRESS` does)
    freq2 = SF.term_frequencies(corpus, client=client.scheduler.address, partition_size=2)
    assert_frame_equal(freq2, freq.reset_index()[freq2.columns])


def test_client_on_the_serial_functions_and_texts_mean_texts(client):
    # the serial functions take client=: the Dask table, equal to the serial one
    texts = ["وصل حفتر إلى ليبيا ثم غادر ليبيا", "الهدنة في لليبيا صامدة", "التقى ماكرون حفتر"]
    serial = F.term_frequencies(texts)
    assert_frame_equal(F.term_frequencies(texts, client=client), serial)
    # a list of strings is texts here too (as in toolkit.frequency), in one partition or
    # cut: ليبيا 2 + 1 = 3 times in 2 documents
    freq = SF.term_frequencies(texts, client=client, partition_size=1).set_index("term")
    assert freq.loc["ليبيا", ["count", "docs"]].tolist() == [3, 2]
    assert [len(p.corpus()) for p in S.make_partitions(texts, partition_size=2)] == [2, 1]
    assert S.make_partitions(texts)[0].corpus().frame.doc_id.tolist() == ["0", "1", "2"]
    # an analysis is read like its corpus
    assert_frame_equal(SF.term_frequencies(analyze(texts), client=client), serial)
    assert_frame_equal(
        F.ngrams(texts, 2, client=client, min_count=1), F.ngrams(texts, 2, min_count=1)
    )
    with pytest.raises(TypeError, match="presets"):
        SF.term_frequencies(texts, client=client, presets="light")


def test_mentions_and_quotes_of_texts_through_client_keep_the_serial_doc_ids(client, actors):
    # worked by hand: حفتر at [4, 8) and ليبيا at [13, 18) of text "0", لليبيا at [0, 6) of "1"
    texts = ["وصل حفتر إلى ليبيا", "لليبيا جيش"]
    m = A.find_mentions(texts, actors, client=client)
    assert m[["doc_id", "start", "end", "actor_id"]].values.tolist() == [
        ["0", 4, 8, "haftar"], ["0", 13, 18, "libya"], ["1", 0, 6, "libya"]]
    assert_frame_equal(m, A.find_mentions(texts, actors))
    said = ["وقال علي الغفيلي: وداعة الله أخوي.", "وصل حفتر إلى ليبيا"]
    q = A.quotes(said, actors, client=client)
    assert q[["doc_id", "quote", "kind", "speaker"]].values.tolist() == [
        ["0", "وداعة الله أخوي", "direct", "علي الغفيلي"]]
    assert_frame_equal(q, A.quotes(said, actors))


def test_toolkit_scale_is_no_second_copy_of_the_public_functions():
    public = {"term_frequencies", "ngrams", "find_mentions", "mention_counts", "co_mentions",
              "quotes", "terms_and_mentions"}
    assert public.isdisjoint(S.__all__) and public.isdisjoint(vars(S))
    with pytest.warns(DeprecationWarning, match=r"find_mentions\(corpus, client=\.\.\.\)"):
        assert S.find_mentions is SF.find_mentions  # the old name, for a while
    with pytest.raises(AttributeError, match="no attribute 'terms'"):
        S.terms  # noqa: B018


# --------------------------------------------------------------------------- failures


@dataclass(frozen=True)
class KillOnce(Partition):
    """Reads ``inner``, but the first attempt kills its own worker process (SIGKILL)."""

    inner: Partition
    marker: str

    @property
    def label(self) -> str:
        return "kill-once " + self.inner.label

    def corpus(self):
        if not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.corpus()


@dataclass(frozen=True)
class AlwaysFails(Partition):
    inner: Partition

    @property
    def label(self) -> str:
        return "broken " + self.inner.label

    def corpus(self):
        raise OSError("disk unreadable (simulated)")


def test_worker_killed_mid_run_gives_identical_result(client, libya_jsonl, libya, actors,
                                                      libya_mentions, tmp_path):
    parts = S.make_partitions(libya_jsonl, partition_size=100)
    assert len(parts) == 5
    marker = tmp_path / "killed"
    parts[2] = KillOnce(parts[2], str(marker))
    dask = SF.mention_counts(parts, by="source", actors=actors, client=client, retries=2)
    assert marker.exists()  # a worker really died (its pid is in the marker)
    # ... and was replaced: no live worker has the pid written in the marker
    assert int(marker.read_text()) not in set(client.run(os.getpid).values())
    assert_frame_equal(dask, A.mention_counts(libya_mentions, by="source", corpus=libya))


def test_local_workers_run_without_the_frequent_monitors(client):
    # the local cluster's workers (a replaced one too) start with LOCAL_CONFIG: no
    # statistical profiler sampling every 10 ms
    import dask

    def settings():
        return (dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"))

    assert set(client.run(settings).values()) == {(False, "1s")}
    assert dask.config.get("distributed.worker.profile.enabled") is True  # caller untouched


def test_failing_partition_fails_the_run_without_partial_table(client, libya_jsonl, actors):
    parts = S.make_partitions(libya_jsonl, partition_size=100)
    parts[3] = AlwaysFails(parts[3])
    with pytest.raises(OSError, match="simulated") as info:
        SF.mention_counts(parts, actors=actors, client=client, retries=1)
    assert any("broken libya.jsonl:301" in n and "no table" in n for n in info.value.__notes__)


def test_bad_line_is_named_in_the_whole_file(client, tmp_path, libya_jsonl):
    lines = Path(libya_jsonl).read_text(encoding="utf-8").splitlines()[:10]
    lines[6] = '{"id": "x", "content": '  # line 7 is cut short
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl, line 7: invalid JSON"):
        SF.term_frequencies(bad, client=client, partition_size=3, retries=0)
    # errors="skip": the same table as the serial skip, and one warning with the count
    with pytest.warns(UserWarning, match="skipped 1 bad record"):
        dask = SF.term_frequencies(bad, client=client, partition_size=3, errors="skip")
    with pytest.warns(UserWarning):
        serial = F.term_frequencies(load_corpus(bad, errors="skip"))
    assert_frame_equal(dask, serial)


def test_ids_repeated_across_partitions_are_refused(client, tmp_path, libya_jsonl):
    # the same 3 articles (explicit ids) in two files: serial load_corpus refuses the repeat
    lines = Path(libya_jsonl).read_text(encoding="utf-8").splitlines()[:3]
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    with pytest.raises(ValueError, match="repeats"):
        load_corpus(paths)
    with pytest.raises(S.ScaleError, match="3 document id"):
        SF.term_frequencies(paths, client=client)


# --------------------------------------------------------------------------- partitions


def test_jsonl_chunks_cover_every_line_once(libya_jsonl):
    chunks = S.make_partitions(libya_jsonl, partition_size=100)
    assert all(isinstance(c, JsonlChunk) for c in chunks)
    assert [c.first_line for c in chunks] == [1, 101, 201, 301, 401]
    size = Path(libya_jsonl).stat().st_size
    assert chunks[0].start == 0 and chunks[-1].end == size
    assert all(a.end == b.start for a, b in zip(chunks, chunks[1:], strict=False))
    ids = [json.loads(line)["id"] for line in Path(libya_jsonl).read_text("utf-8").splitlines()]
    got = pd.concat([c.corpus().frame["doc_id"] for c in chunks], ignore_index=True)
    assert got.tolist() == ids


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(TypeError, match="client="):
        with S.connect(42):
            pass
    with pytest.raises(ValueError, match="partition_size=0"):
        S.make_partitions(tmp_path, partition_size=0)
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        S.make_partitions([tmp_path / "nope.jsonl"])
    with pytest.raises(TypeError, match="corpus_or_paths"):
        S.make_partitions(3.5)
    with pytest.raises(ValueError, match="level must be one of"):
        SF.mention_counts(tmp_path, level="country")


def test_cli_dask_flag_gives_the_serial_table(client, libya_jsonl, tmp_path, capsys):
    from toolkit.cli import main

    serial, dask = tmp_path / "serial.csv", tmp_path / "dask.csv"
    assert main(["freq", str(libya_jsonl), "--top", "50", "--out", str(serial)]) == 0
    address = client.scheduler.address
    assert main(["freq", str(libya_jsonl), "--top", "50", "--out", str(dask), "--dask", address]) == 0
    assert "partition 1/1 libya.jsonl:1" in capsys.readouterr().err  # progress on stderr
    assert dask.read_bytes() == serial.read_bytes()
    assert serial.read_text(encoding="utf-8").splitlines()[1].startswith("ليبيا,")


def test_cli_dask_address_with_no_scheduler_exits_2(seed_text, tmp_path):
    """`antk freq --dask ADDRESS` with nothing listening: a clear message, exit 2, no file."""
    import os
    import subprocess
    import sys

    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "freq.csv"
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "freq", str(src), "--dask", "tcp://127.0.0.1:1",
         "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "no Dask scheduler answers" in proc.stderr and "tcp://127.0.0.1:1" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
