"""Hostile-input and fault suite: every case through the real ``antk`` command, in a subprocess.

Reports, for every case: a clean exit (0, 1 or 2, no traceback, no signal), records in =
documents + reported skips (read from the command's ``N records read: D documents, S
skipped`` line and checked against the records the case wrote), peak RSS (``wait4``) and
wall time; a re-ingest of 300 changed articles (300 new versions, each article still once);
then 50 runs of the Parquet cases (aborts counted), 30 kills of a process that
commits brief sets back to back (mixed sets counted), and two simultaneous ``antk brief``
runs to one target (one must be refused). Inputs are generated in a temporary folder.

A file-level refusal (a zip member above the size limit, a binary file) counts as one
record: the member or file is the unit that is reported.

    python bench/hostile.py            # the whole suite (a few minutes)
    python bench/hostile.py --quick    # 10 Parquet runs, 10 kills
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ARTICLE = ("وصل المشير خليفة حفتر إلى باريس للقاء الرئيس الفرنسي إيمانويل ماكرون، "
           "وبحث الجانبان الأوضاع في ليبيا ومسار مؤتمر برلين. ")
SUMMARY = re.compile(r"(\d+) records? read: (\d+) documents?, (\d+) skipped")
LIMIT_RSS_MB = 1024
LIMIT_SECONDS = 20.0


@dataclass
class Case:
    name: str
    args: list[str]  # after "antk"
    records: int | None  # records written (None: the command reads no corpus)
    expect_exit: tuple[int, ...] = (0,)


def _jsonl_line(i: int, text: str = ARTICLE) -> bytes:
    return json.dumps({"id": f"h{i}", "source": "sabq", "date": "2015-07-21",
                       "text": f"{text} {i}"}, ensure_ascii=False).encode()


def build_cases(root: Path) -> list[Case]:
    """Write every input under ``root``; return the cases."""
    cases: list[Case] = []

    def add(name: str, data: bytes, records: int, command: str = "freq",
            extra: tuple[str, ...] = (), expect: tuple[int, ...] = (0,)) -> None:
        path = root / name
        path.write_bytes(data)
        args = [command, str(path), *extra, "--errors", "skip"]
        cases.append(Case(name, args, records, expect))

    good = [_jsonl_line(i) for i in range(5)]
    old = json.dumps({"id": "old", "text": "ليبيا: اجتماع في طرابلس"}, ensure_ascii=False)
    add("cp1256_line.jsonl", b"\n".join([*good[:2], old.encode("cp1256"), *good[2:]]), 6)
    # a SaudiNewsNet-sized file (about 12 MB) with one stray byte in record 1,000
    big = [_jsonl_line(i, ARTICLE * 25) for i in range(3000)]
    big[999] = big[999].replace("حفتر".encode(), "حفتر".encode() + b"\xff", 1)
    add("stray_byte_12mb.jsonl", b"\n".join(big), 3000)
    (root / "stray_byte_300.jsonl").write_bytes(b"\n".join(big[900:1200]))
    add("utf16le_nobom.txt", "ليبيا وتونس والجزائر".encode("utf-16-le"), 1)
    add("utf16be.jsonl", b"\n".join(good).decode().encode("utf-16-be"), 5)
    add("cp1256_short_latin_keys.jsonl",
        '{"id": "x1", "source": "sabq", "title": "news", "text": "مصر"}'.encode("cp1256"), 1)
    rows = [f'{i},"خبر رقم {i}"' for i in range(10)]
    rows[3] = '3,"خبر بلا علامة إغلاق'
    add("runaway_quote.csv", ("id,text\n" + "\n".join(rows) + "\n").encode(), 10)
    add("duplicate_header.csv", "id,text,text\n1,حفتر,باريس\n2,سلامة,برلين\n".encode(), 2)
    wrapped = {"count": 5, "articles": [{"id": f"w{i}", "text": f"خبر {i}"} for i in range(5)]}
    add("wrapper.json", json.dumps(wrapped, ensure_ascii=False, indent=2).encode(), 5)
    add("cr_only.jsonl", b"\r".join(good), 5)
    deep = b'{"id": "deep", "text": "x", "m": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    add("deep_100000.jsonl", b"\n".join([good[0], deep, good[1]]), 3)
    add("deep_100000_array.json", b"[" + b",".join([good[0], deep, good[1]]) + b"]", 3)
    digits = b'{"id": "n", "text": "x", "n": ' + b"7" * 5000 + b"}"
    add("integer_5000_digits.jsonl", b"\n".join([good[0], digits, good[1]]), 3)
    add("binary.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 1)
    add("control_chars.txt", bytes(range(1, 9)) * 100, 1)
    add("one_line_50mb.txt", ("ليبيا " * 4_800_000).encode(), 1)
    add("escapes.jsonl", json.dumps({"id": "e\x1b]0;x\x07", "text": "حفتر \x1b[2J يصل"})
        .encode(), 1, "kwic", ("حفتر",))
    add("redos.jsonl", json.dumps({"id": "r", "text": "a" * 60 + "b"}).encode(), None, "kwic",
        ("(a|aa)+$", "--regex", "--preset", "none"), (2,))
    cases[-1].records = None  # refused as a pattern: no summary line
    # a zip of 2 good records and a member that unpacks to 300 MB (above the 256 MB limit)
    bomb = root / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("good.jsonl", b"\n".join(good[:2]))
        with archive.open("huge.jsonl", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    cases.append(Case(f"bomb.zip ({bomb.stat().st_size // 1024} KB)",
                      ["freq", str(bomb), "--errors", "skip"], 3))
    for command in ("actors", "kwic"):
        extra = ["طرابلس"] if command == "kwic" else []  # kwic: the reading, not 75,000 rows
        cases.append(Case(f"stray_byte_300.jsonl ({command})",
                          [command, str(root / "stray_byte_300.jsonl"), *extra, "--errors",
                           "skip"], 300))
    store = root / "store.sqlite"
    cases.append(Case("stray_byte_12mb.jsonl (ingest)",
                      ["ingest", str(root / "stray_byte_12mb.jsonl"), "--store", str(store),
                       "--errors", "skip", "--no-counts"], 3000))
    # the first 300 of those articles again, their texts corrected: 300 new versions
    (root / "changed_300.jsonl").write_bytes(b"\n".join(
        _jsonl_line(i, ARTICLE.replace("باريس", "روما") * 25) for i in range(300)))
    cases.append(Case("changed_300.jsonl (ingest again)",
                      ["ingest", str(root / "changed_300.jsonl"), "--store", str(store),
                       "--no-counts"], 300))
    foreign = root / "foreign.sqlite"
    import sqlite3

    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    cases.append(Case("foreign SQLite (ingest)", ["ingest", str(root / "cr_only.jsonl"),
                                                  "--store", str(foreign)], None, (2,)))
    cases.append(Case("foreign SQLite (brief)", ["brief", "--store", str(foreign), "--out",
                                                 str(root / "out")], None, (2,)))
    cases.append(Case("--out is a file (brief)", ["brief", "--out", str(root / "wrapper.json"),
                                                  "--format", "html"], None, (2,)))
    cases.append(Case("--timeout 0 (brief)", ["brief", "--timeout", "0"], None, (2,)))
    return cases


def _versions(path: Path) -> tuple[int, int, int]:
    """(documents, earlier versions, documents whose latest text is an old one) of the
    store the ingest cases wrote: each article once, its latest text read."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return (db.execute("SELECT count(*) FROM documents").fetchone()[0],
                db.execute("SELECT count(*) FROM earlier_versions").fetchone()[0],
                db.execute("SELECT count(*) FROM documents WHERE doc_id IN (SELECT doc_id"
                           " FROM earlier_versions) AND text NOT LIKE '%روما%'").fetchone()[0])
    finally:
        db.close()


def _parquet_inputs(root: Path) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = root / "week.parquet"
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(5000)],
                             "text": [ARTICLE * 4] * 5000}), good, row_group_size=500)
    bad = root / "damaged.parquet"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return good, bad


def run(args: list[str], cwd: Path, timeout: float = 300) -> tuple[int, str, float, float, float]:
    """Run ``antk ARGS``: (exit code or -signal, stderr, wall seconds, peak RSS in MB, CPU
    seconds)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "toolkit", *args], cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return (proc.returncode, stderr, seconds, usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


WRITER = """\
import sys
from pathlib import Path
from toolkit.reports.files import staging_folder, swap_in
target, run = Path(sys.argv[1]), int(sys.argv[2])
while True:
    run += 1
    stage = staging_folder(target)
    for name in ("brief.ipynb", "brief.html", "brief.pdf"):
        (stage / name).write_text(f"run {run} " + "حفتر " * 20000, encoding="utf-8")
    swap_in(stage, target)
"""


def kills(root: Path, n: int) -> tuple[int, int]:
    """Kill a process committing brief sets back to back ``n`` times: (kills, mixed sets)."""
    target = root / "killed" / "brief"
    target.parent.mkdir()
    rng = random.Random(18)
    mixed = 0
    for k in range(n):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(k * 10_000)])
        time.sleep(1.0 + rng.random())
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        names = sorted(p.name for p in target.iterdir()) if target.exists() else []
        runs = {(target / n_).read_text(encoding="utf-8").split()[1] for n_ in names}
        if names != ["brief.html", "brief.ipynb", "brief.pdf"] or len(runs) != 1:
            mixed += 1
    return n, mixed


def race(root: Path) -> tuple[list[int], bool]:
    """Two ``antk brief`` runs to one target at once: their exit codes, and whether exactly
    one wrote and the other was refused."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('title = ""\nlabel = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("print('موجز ' + title)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = root / "race.ipynb"
    nbformat.write(nb, str(notebook))
    cmd = [sys.executable, "-m", "toolkit", "brief", "--notebook", str(notebook), "--out",
           str(root / "race"), "--label", "w", "--format", "html"]
    procs = [subprocess.Popen([*cmd, "--title", t], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for t in ("a", "b")]
    codes = [p.wait() for p in procs]
    return codes, sorted(codes) == [0, 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 Parquet runs and 10 kills")
    options = parser.parse_args()
    parquet_runs, kill_runs = (10, 10) if options.quick else (50, 30)
    with tempfile.TemporaryDirectory(prefix="antk-hostile-") as tmp:
        root = Path(tmp)
        cases = build_cases(root)
        good, bad = _parquet_inputs(root)
        cases.append(Case("parquet good + damaged", ["freq", str(good), str(bad), "--errors",
                                                     "skip"], 5001))
        print(f"{'case':44} {'exit':>4} {'in':>6} {'docs':>6} {'skip':>5} {'wall s':>6} "
              f"{'cpu s':>6} {'MB':>6}  ok")
        clean = accounted = 0
        longest, longest_cpu, peak = (0.0, ""), (0.0, ""), (0.0, "")
        stored = None  # documents the first ingest stored (its records less its skips)
        for case in cases:
            code, err, seconds, rss, cpu = run(case.args, root)
            ok_exit = code in case.expect_exit and "Traceback" not in err
            found = SUMMARY.findall(err)
            total = docs = skipped = None
            if found:
                total, docs, skipped = map(int, found[-1])
            ok_count = case.records is None or (
                total == case.records and docs is not None and docs + skipped == total)
            clean += ok_exit
            if case.name == "stray_byte_12mb.jsonl (ingest)":
                stored = docs
            accounted += ok_count
            longest = max(longest, (seconds, case.name))
            longest_cpu = max(longest_cpu, (cpu, case.name))
            peak = max(peak, (rss, case.name))
            ok = ok_exit and ok_count and rss <= LIMIT_RSS_MB and seconds <= LIMIT_SECONDS
            print(f"{case.name[:44]:44} {code:>4} {case.records if case.records is not None else '-':>6} "
                  f"{docs if docs is not None else '-':>6} {skipped if skipped is not None else '-':>5} "
                  f"{seconds:6.1f} {cpu:6.1f} {rss:6.0f}  {'ok' if ok else 'FAIL'}")
            if not ok:
                print("    " + err.strip().replace("\n", "\n    ")[-1500:])
        versions = _versions(root / "store.sqlite")
        aborts = 0
        for _ in range(parquet_runs):
            code, err, _s, _m, _c = run(["freq", str(good), str(bad), "--errors", "skip"], root)
            aborts += code < 0 or code not in (0, 2)
        n_kills, mixed = kills(root, kill_runs)
        codes, refused = race(root)
    counted = sum(c.records is not None for c in cases)
    print()
    print(f"cases tried: {len(cases)}; clean exits: {clean}/{len(cases)}; "
          f"records in = documents + skips: {accounted - (len(cases) - counted)}/{counted} "
          "cases that read a corpus")
    print(f"peak RSS: {peak[0]:.0f} MB ({peak[1]}), limit {LIMIT_RSS_MB} MB; longest case: "
          f"{longest[0]:.1f} s wall ({longest[1]}), {longest_cpu[0]:.1f} s CPU "
          f"({longest_cpu[1]}), limit {LIMIT_SECONDS:.0f} s")
    print(f"re-ingest of 300 changed articles: {versions[0]} documents in the store, "
          f"{versions[1]} earlier versions, {versions[2]} documents holding the old text "
          f"(expected {stored}, 300, 0)")
    print(f"Parquet (good + damaged): {aborts} aborts in {parquet_runs} runs")
    print(f"kills during the brief commit: {mixed} mixed sets in {n_kills} kills")
    print(f"race of two antk brief to one target: exits {codes}, "
          f"{'one refused' if refused else 'NOT refused'}")
    failed = (clean < len(cases) or accounted < len(cases) or peak[0] > LIMIT_RSS_MB
              or longest[0] > LIMIT_SECONDS or aborts or mixed or not refused
              or versions != (stored, 300, 0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
