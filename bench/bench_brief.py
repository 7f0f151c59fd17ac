"""Time `antk brief` on one SaudiNewsNet week (≈10k articles), split into execute / HTML / PDF.

Target: ≤ 30 s in all on this machine. Also, side by side: our HTML exporter against
nbconvert's stock ``lab`` HTML exporter, and our PDF through playwright against Chromium's own
``--print-to-pdf``, as ratios. Per-cell times of the notebook (papermill's) say where the
execute time goes.

    .venv/bin/python bench/bench_brief.py                      # 2015-W32: 10,003 articles
    .venv/bin/python bench/bench_brief.py --week 2015-W31      # 6,214 articles
    .venv/bin/python bench/bench_brief.py --corpus ../shared/data/saudinewsnet/libya.jsonl --week 2015-W31
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--week", default="2015-W32")
    parser.add_argument("--sources", default="")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the HTML/PDF peers")
    parser.add_argument("--json", default="", help="also write the results here")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus} (../shared/data is needed)", file=sys.stderr)
        return 2

    from nbconvert import HTMLExporter

    from toolkit.reports import build_brief, export_html, find_chromium, html_to_pdf

    with tempfile.TemporaryDirectory(prefix="antk-bench-") as tmp:
        started = time.perf_counter()
        result = build_brief(
            corpus=args.corpus,
            week=args.week,
            sources=args.sources,
            out=tmp,
            formats="html,pdf" if find_chromium() else "html",
        )
        total = time.perf_counter() - started
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

        print(f"antk brief --corpus {args.corpus} --week {args.week}: {n_docs} articles")
        print(f"{'phase':<10}{'seconds':>9}")
        for phase in ("execute", "html", "pdf"):
            if phase in result.timings:
                print(f"{phase:<10}{result.timings[phase]:>9.1f}")
        print(
            f"{'total':<10}{total:>9.1f}   target ≤ {TARGET_S:.0f} s: "
            f"{'met' if total <= TARGET_S else 'NOT met'} ({total / TARGET_S:.2f}× the target)"
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
                        **peers,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
    return 0


def _kpi(output) -> int | None:
    import re

    html = output.get("data", {}).get("text/html", "")
    found = re.search(r'<div class="antk-kpi"><b>([\d,]+)</b>(?:مقالات|articles)</div>', html)
    return int(found.group(1).replace(",", "")) if found else None


if __name__ == "__main__":
    sys.exit(main())
