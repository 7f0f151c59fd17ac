"""Scale benchmark: streaming serial pass vs Dask (2 worker processes), time and peak RSS.

One pass = tokenize + term counts + actor mentions (``toolkit.scale.functions.terms_and_mentions``'s
work): serially, the per-file partitions are read and counted one after the other in one
process (streaming: memory grows with the vocabulary and the result tables, not the corpus);
on Dask, the same partitions run on a LocalCluster of 2 worker processes, 1 thread each.

Corpora: SaudiNewsNet (the 18 daily zips, 107 MB of JSON) and a synthetic corpus of about
``--synthetic-gb`` GB made by repeating it with distinct document ids (written on the fly
as JSON Lines shards into a temporary folder, deleted afterwards; never committed).

Targets: serial <= 60 s per 107 MB on one core, peak RSS <= 1 GB at any size; Dask time
<= 0.6 x serial. Each measurement runs in a fresh subprocess so its peak RSS is its own.

    .venv/bin/python bench/bench_scale.py                     # SaudiNewsNet + 1 GB synthetic
    .venv/bin/python bench/bench_scale.py --synthetic-gb 0    # SaudiNewsNet only
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = ROOT.parent / "shared" / "data" / "saudinewsnet" / "raw"


ZIPS_LIMIT: list[int] = []  # --zips N (a quick smoke run on the first N days)
WARM = "--warm" in sys.argv  # also time a second pass on the same (warm) cluster


def _zips(raw: Path) -> list[Path]:
    zips = sorted(raw.glob("*.zip"))
    if ZIPS_LIMIT:
        zips = zips[: ZIPS_LIMIT[0]]
    if not zips:
        sys.exit(f"no SaudiNewsNet zips in {raw} (see ../shared/data/README.md)")
    return zips


def make_synthetic(raw: Path, out: Path, gigabytes: float) -> tuple[list[Path], int]:
    """Write copies of SaudiNewsNet as JSONL shards (one per day and copy), distinct ids.

    Streams one daily zip at a time; returns the shard paths and the bytes written.
    """
    out.mkdir(parents=True, exist_ok=True)
    zips = _zips(raw)
    per_copy = sum(
        info.file_size for z in zips for info in zipfile.ZipFile(z).infolist()
    )
    copies = max(1, round(gigabytes * 1e9 / per_copy))
    paths: list[Path] = []
    written = 0
    for z in zips:
        with zipfile.ZipFile(z) as archive:
            member = archive.namelist()[0]
            records = json.loads(archive.read(member))
        for k in range(copies):
            path = out / f"{z.stem}-copy{k:02d}.jsonl"
            with open(path, "w", encoding="utf-8") as f:
                for i, rec in enumerate(records):
                    rec = dict(rec, id=f"syn{k:02d}-{z.stem}-{i:05d}")
                    f.write(json.dumps(rec, ensure_ascii=False))
                    f.write("\n")
            written += path.stat().st_size
            paths.append(path)
        del records
    return sorted(paths), written


# --------------------------------------------------------------------------- one run


def run_serial(paths: list[Path]) -> dict:
    """The streaming serial pass, in this process: partitions one after the other."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from toolkit.actors import load_default_actors
    from toolkit.frequency import TermOptions
    from toolkit.frequency.terms import dropper
    from toolkit.scale import make_partitions, tasks
    from toolkit.scale.functions import _shippable_actors

    actors, token = _shippable_actors(load_default_actors())
    opts = TermOptions()
    t0 = time.perf_counter()
    c0 = time.process_time()
    table = tasks.CountTable()
    docs = n_mentions = mention_sum = 0
    # the mention rows stream to a Parquet file as each partition is done, so memory holds
    # the term table and one partition, whatever the corpus size
    with tempfile.TemporaryDirectory(prefix="antk-mentions-") as tmp:
        writer = None
        for part in make_partitions(paths):
            res = tasks.terms_and_mentions(part, (), opts, actors, token, True)
            table.merge(res.value[0])
            m = res.value[1]
            if len(m):
                rows = pa.Table.from_pandas(m, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(Path(tmp) / "mentions.parquet", rows.schema)
                writer.write_table(rows.cast(writer.schema))
                n_mentions += len(m)
                mention_sum += int(m["end"].sum())
            docs += res.documents
        if writer is not None:
            writer.close()
        freq = table.to_frame((), drop=dropper(opts), options=opts)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu": time.process_time() - c0, "documents": docs,
            "terms": len(freq), "mentions": n_mentions, "top": freq["term"].head(3).tolist(),
            "mention_sum": mention_sum}


def run_dask(paths: list[Path], workers: int) -> dict:
    """The same pass on a LocalCluster of ``workers`` processes (1 thread each)."""
    from distributed import Client

    from toolkit.actors import load_default_actors
    from toolkit.scale import local_cluster
    from toolkit.scale.functions import terms_and_mentions

    t0 = time.perf_counter()
    cluster = local_cluster(n_workers=workers)
    client = Client(cluster)
    startup = time.perf_counter() - t0
    def cpu() -> float:
        u = resource.getrusage(resource.RUSAGE_SELF)
        return u.ru_utime + u.ru_stime

    before = sum(client.run(cpu).values())  # the workers' start-up, not part of the pass
    t1 = time.perf_counter()
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    freq, m = terms_and_mentions(paths, load_default_actors(), client=client)
    seconds = time.perf_counter() - t1
    c2 = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (c2.ru_utime + c2.ru_stime) - (c1.ru_utime + c1.ru_stime)
    worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    worker_cpu = sum(client.run(cpu).values()) - before
    warm = None
    if WARM:  # a second pass: the workers' word caches (terms, proclitic splits) are filled
        t2 = time.perf_counter()
        terms_and_mentions(paths, load_default_actors(), client=client)
        warm = time.perf_counter() - t2
    client.close()
    cluster.close()
    return {"seconds": seconds, "warm_seconds": warm, "worker_cpu": worker_cpu,
            "client_cpu": client_cpu, "startup": startup, "terms": len(freq), "mentions": len(m),
            "top": freq["term"].head(3).tolist(), "mention_sum": int(m["end"].sum()),
            "worker_peak_rss_mb": max(worker_rss.values()) / 1024}


def measure(mode: str, paths: list[Path], workers: int) -> dict:
    """Run one measurement in a fresh subprocess; add its peak RSS (MB)."""
    arg = json.dumps([str(p) for p in paths])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(arg)
    cmd = [sys.executable, __file__, "--_child", mode, "--_paths", f.name, "--workers", str(workers)]
    cmd += ["--warm"] if WARM else []
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    Path(f.name).unlink()
    if proc.returncode:
        sys.exit(f"{mode} run failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["peak_rss_mb"] = out["rss_mb"]  # the measuring process's own peak (the client for Dask)
    return out


def report(name: str, size_mb: float, serial: dict, dask: dict | None) -> None:
    per107 = serial["seconds"] * 107 / size_mb
    print(f"\n== {name}: {size_mb:,.0f} MB of JSON, {serial['documents']:,} documents")
    print(f"serial (1 core, streaming): {serial['seconds']:8.1f} s  ({per107:.1f} s per 107 MB; "
          f"target <= 60)  peak RSS {serial['peak_rss_mb']:,.0f} MB (target <= 1024)")
    print(f"  {serial['terms']:,} terms, {serial['mentions']:,} mentions; CPU time "
          f"{serial['cpu']:.1f} s ({serial['cpu'] * 107 / size_mb:.1f} CPU-s per 107 MB)")
    if dask is not None:
        same = all(dask[k] == serial[k] for k in ("terms", "mentions", "top", "mention_sum"))
        print(f"dask (2 workers):           {dask['seconds']:8.1f} s  ratio {dask['seconds'] / serial['seconds']:.2f}x "
              f"of serial (target <= 0.6); + {dask['startup']:.1f} s cluster start")
        print(f"  workers' CPU time in the pass {dask['worker_cpu']:.1f} s; client's "
              f"(and scheduler's) CPU time {dask['client_cpu']:.1f} s; on 2 cores the pass "
              f"cannot be shorter than their sum / 2 = "
              f"{(dask['worker_cpu'] + dask['client_cpu']) / 2:.1f} s")
        if dask["warm_seconds"] is not None:
            print(f"  second, warm pass on the same cluster {dask['warm_seconds']:.1f} s = "
                  f"{dask['warm_seconds'] / serial['seconds']:.2f}x of serial")
        print(f"  client peak RSS {dask['peak_rss_mb']:,.0f} MB, worker peak RSS "
              f"{dask['worker_peak_rss_mb']:,.0f} MB; same tables as serial: {same}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of the SaudiNewsNet zips")
    ap.add_argument("--synthetic-gb", type=float, default=1.0, help="size of the synthetic corpus (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tmp", type=Path, default=None, help="where the synthetic shards go")
    ap.add_argument("--no-dask", action="store_true", help="serial measurements only")
    ap.add_argument("--only-synthetic", action="store_true")
    ap.add_argument("--no-serial", action="store_true", help="synthetic corpus: Dask run only")
    ap.add_argument("--zips", type=int, default=0, help="use only the first N daily zips (smoke run)")
    ap.add_argument("--warm", action="store_true", help="also time a second Dask pass, warm")
    ap.add_argument("--_child", help=argparse.SUPPRESS)
    ap.add_argument("--_paths", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._child:
        paths = [Path(p) for p in json.loads(Path(args._paths).read_text())]  # not texts
        out = run_serial(paths) if args._child == "serial" else run_dask(paths, args.workers)
        out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out, ensure_ascii=False))
        return 0

    if args.zips:
        ZIPS_LIMIT.append(args.zips)
    zips = _zips(args.raw)
    json_mb = sum(i.file_size for z in zips for i in zipfile.ZipFile(z).infolist()) / 1e6
    print(f"python {sys.version.split()[0]}; cores: {__import__('os').cpu_count()}; "
          f"load average {__import__('os').getloadavg()[0]:.1f}")
    if not args.only_synthetic:
        serial = measure("serial", zips, args.workers)
        dask = None if args.no_dask else measure("dask", zips, args.workers)
        report("SaudiNewsNet", json_mb, serial, dask)
        sys.stdout.flush()
    if args.synthetic_gb > 0:
        tmp = Path(tempfile.mkdtemp(prefix="antk-synthetic-", dir=args.tmp))
        try:
            t0 = time.perf_counter()
            shards, written = make_synthetic(args.raw, tmp, args.synthetic_gb)
            print(f"\nsynthetic corpus: {len(shards)} JSONL shards, {written / 1e6:,.0f} MB, "
                  f"written in {time.perf_counter() - t0:.0f} s to {tmp}")
            if args.no_serial:  # Dask alone (e.g. after a serial run of the same size)
                dask = measure("dask", shards, args.workers)
                print(f"dask (2 workers): {dask['seconds']:.1f} s, {dask['terms']:,} terms, "
                      f"{dask['mentions']:,} mentions; workers' CPU {dask['worker_cpu']:.1f} s; "
                      f"client peak RSS {dask['peak_rss_mb']:,.0f} MB, worker peak RSS "
                      f"{dask['worker_peak_rss_mb']:,.0f} MB")
                return 0
            serial = measure("serial", shards, args.workers)
            dask = None if args.no_dask else measure("dask", shards, args.workers)
            report("synthetic", written / 1e6, serial, dask)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
