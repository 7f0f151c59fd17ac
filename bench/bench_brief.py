"""Time `antk brief` on one SaudiNewsNet week (≈10k articles), split into execute / HTML / PDF.

Target: ≤ 30 s in all on this machine. The machine is shared (other jobs, 2 cores), so the
wall times come with the load average and the CPU seconds of each process of the run (the
notebook's kernel, its background workers, Chromium, this process), sampled with psutil:
the kernel's CPU time is the critical path, the total divided by 2 the floor on 2 cores. Also, side by side: our HTML exporter against
nbconvert's stock ``lab`` HTML exporter, and our PDF through playwright against Chromium's own
``--print-to-pdf``, as ratios. Per-cell times of the notebook (papermill's) say where the
execute time goes.

    .venv/bin/python bench/bench_brief.py                      # 2015-W32: 10,003 articles
    .venv/bin/python bench/bench_brief.py --via-store          # the weekly route: from a store
    .venv/bin/python bench/bench_brief.py --via-store --no-counts  # ... with no term counts stored
    .venv/bin/python bench/bench_brief.py --week 2015-W31      # 6,214 articles
    .venv/bin/python bench/bench_brief.py --corpus ../shared/data/saudinewsnet/libya.jsonl --week 2015-W31
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "saudinewsnet" / "raw"
TARGET_S = 30.0


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


class CpuMonitor:
    """CPU seconds of every descendant process, by role, sampled while the brief is built."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _role(self, proc) -> str:
        """kernel: our child running ipykernel; background: a Python child of a kernel;
        chromium: the browser and playwright's driver (decided once the process has exec'd)."""
        try:
            cmd = " ".join(proc.cmdline())
            parent = proc.ppid()
        except Exception:
            return ""
        if "ipykernel_launcher" in cmd and parent == os.getpid():
            return "kernel"
        if self.seen.get(parent, ("", 0.0))[0] == "kernel":
            return "background" if "spawn_main" in cmd or "forkserver" in cmd else ""
        if any(k in cmd for k in ("chrom", "headless_shell", "playwright", "node")):
            return "chromium"
        return ""  # not yet exec'd, or another helper: counted as "other"

    def _sample(self) -> None:
        import psutil

        for proc in psutil.Process().children(recursive=True):
            try:
                role = self.seen.get(proc.pid, ("", 0.0))[0] or self._role(proc)
                t = proc.cpu_times()
                self.seen[proc.pid] = (role, t.user + t.system)
            except Exception:  # ended between listing and reading
                continue

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)

    def __enter__(self) -> CpuMonitor:
        try:
            import psutil  # noqa: F401
        except ImportError:
            return self
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def by_role(self) -> dict[str, tuple[int, float]]:
        out: dict[str, tuple[int, float]] = {}
        for role, cpu in self.seen.values():
            role = role or "other"
            n, total = out.get(role, (0, 0.0))
            out[role] = (n + 1, total + cpu)
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--week", default="2015-W32")
    parser.add_argument("--sources", default="")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the HTML/PDF peers")
    parser.add_argument("--json", default="", help="also write the results here")
    parser.add_argument(
        "--notebook",
        default=None,
        help="another brief notebook (e.g. an older version, to compare)",
    )
    parser.add_argument(
        "--via-store",
        action="store_true",
        help="the weekly job's route: ingest the corpus into a temporary SQLite store first "
        "(timed apart: a daily `antk ingest` does it), then brief from the store",
    )
    parser.add_argument(
        "--no-counts",
        action="store_true",
        help="with --via-store: ingest without storing the term counts by week (as "
        "`antk ingest --no-counts`), so that the brief counts its weeks from the texts",
    )
    parser.add_argument(
        "--dask",
        default="",
        metavar="ADDRESS",
        help="run the passes on Dask ('local' or an address)",
    )
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus} (../shared/data is needed)", file=sys.stderr)
        return 2

    from nbconvert import HTMLExporter

    from toolkit.reports import build_brief, export_html, find_chromium, html_to_pdf

    with tempfile.TemporaryDirectory(prefix="antk-bench-") as tmp:
        source = {"corpus": args.corpus}
        if args.via_store:
            from toolkit.corpus import iter_documents
            from toolkit.corpus.store import Store
            from toolkit.frequency.week_counts import update_week_counts

            store_path = Path(tmp) / "news.sqlite"
            t0 = time.perf_counter()
            with Store(store_path) as store:
                report = store.add(iter_documents(args.corpus))
                added = time.perf_counter() - t0
                weeks = 0 if args.no_counts else update_week_counts(store)
            print(f"ingest into a store (not part of the brief): {added:.1f} s, {report}")
            if args.no_counts:
                print("term counts by week: not stored (--no-counts): the brief counts its 5 "
                      "weeks from the texts, and stores them")
            else:
                print(f"term counts by week (antk ingest does it): {weeks} weeks in "
                      f"{time.perf_counter() - t0 - added:.1f} s")
            source = {"store": str(store_path)}
        load_before = os.getloadavg()
        cpu_self, cpu_children = time.process_time(), _children_cpu()
        started = time.perf_counter()
        with CpuMonitor() as monitor:
            result = build_brief(
                **source,
                week=args.week,
                sources=args.sources,
                out=tmp,
                formats="html,pdf" if find_chromium() else "html",
                dask=args.dask or None,
                notebook=args.notebook,
            )
        total = time.perf_counter() - started
        cpu_self = time.process_time() - cpu_self
        cpu_children = _children_cpu() - cpu_children
        load_after = os.getloadavg()
        executed = nbformat.read(str(result.notebook), as_version=4)
        cells = []
        for index, cell in enumerate(executed.cells):
            duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell.cell_type == "code" and duration:
                cells.append((index, duration, cell.source.strip().splitlines()[0][:50]))
        n_docs = next(
            (int(m) for c in executed.cells for o in c.get("outputs", []) for m in [_kpi(o)] if m),
            None,
        )

        route = f"--store {source['store']}" if "store" in source else f"--corpus {args.corpus}"
        print(f"antk brief {route} --week {args.week}: {n_docs} articles")
        print(f"{'phase':<10}{'seconds':>9}")
        for phase in ("execute", "html", "pdf"):
            if phase in result.timings:
                print(f"{phase:<10}{result.timings[phase]:>9.1f}")
        print(
            f"{'total':<10}{total:>9.1f}   target ≤ {TARGET_S:.0f} s: "
            f"{'met' if total <= TARGET_S else 'NOT met'} ({total / TARGET_S:.2f}× the target)"
        )
        print(
            f"\nload average (1 min) before/after: {load_before[0]:.1f} / {load_after[0]:.1f} "
            f"on {os.cpu_count()} cores"
        )
        roles = monitor.by_role()
        print("CPU seconds by process (psutil samples):")
        for role in ("kernel", "background", "chromium", "other"):
            if role in roles:
                n, cpu = roles[role]
                print(f"  {role:<11}{cpu:>7.1f}  ({n} process{'es' if n > 1 else ''})")
        print(f"  {'this':<11}{cpu_self:>7.1f}  (papermill client, HTML export)")
        whole = cpu_self + cpu_children
        kernel = roles.get("kernel", (0, 0.0))[1]
        print(
            f"  total {whole:.1f} s of CPU (rusage); on an idle 2-core machine the run cannot be "
            f"shorter than max(kernel + this, total / 2) = {max(kernel + cpu_self, whole / 2):.1f} s"
        )
        print("\nslowest cells (papermill durations):")
        for index, duration, first in sorted(cells, key=lambda c: -c[1])[:6]:
            print(f"  cell {index:>2} {duration:>6.1f} s  {first}")

        # peers: stock nbconvert HTML (lab template, code shown) and Chromium's CLI printer
        ours_html = best_of(lambda: export_html(executed), args.repeat)
        stock = HTMLExporter(template_name="lab")
        stock_html = best_of(lambda: stock.from_notebook_node(executed), args.repeat)
        print(
            f"\nHTML: antk template {ours_html:.2f} s, nbconvert lab {stock_html:.2f} s "
            f"(ratio {ours_html / stock_html:.2f})"
        )
        peers = {"html_antk_s": ours_html, "html_nbconvert_lab_s": stock_html}
        if result.html and find_chromium():
            pw = best_of(lambda: html_to_pdf(result.html, engine="playwright"), args.repeat)
            cli = best_of(lambda: html_to_pdf(result.html, engine="cli"), args.repeat)
            print(
                f"PDF: playwright {pw:.2f} s, chromium --print-to-pdf {cli:.2f} s "
                f"(ratio {pw / cli:.2f})"
            )
            peers.update(pdf_playwright_s=pw, pdf_cli_s=cli)
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        "week": args.week,
                        "articles": n_docs,
                        "timings": result.timings,
                        "total_s": total,
                        "cells": cells,
                        "load_average": [load_before[0], load_after[0]],
                        "cpu_by_role": monitor.by_role(),
                        "cpu_self_s": cpu_self,
                        "cpu_children_s": cpu_children,
                        **peers,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
    return 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _kpi(output) -> int | None:
    import re

    html = output.get("data", {}).get("text/html", "")
    found = re.search(r'<div class="antk-kpi"><b>([\d,]+)</b>(?:مقالات|articles)</div>', html)
    return int(found.group(1).replace(",", "")) if found else None


if __name__ == "__main__":
    sys.exit(main())
