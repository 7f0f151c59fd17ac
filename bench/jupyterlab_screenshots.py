"""Screenshots of the brief and the tutorials in a real JupyterLab, driven by Playwright.

Run::

    .venv/bin/python bench/jupyterlab_screenshots.py --out /tmp/antk-lab [--chromium PATH]

It briefs the embedded sample (``antk brief --format html``), copies the executed
``brief.ipynb`` (opened from disk it is *untrusted*: JupyterLab sanitizes its HTML, drops
``<style>`` and keeps only allowed inline styles — the case a reader of a brief meets) and
the tutorials into a scratch folder, starts ``jupyter lab`` on 127.0.0.1 with a random
token, and for each notebook takes screenshots of the notebook area from top to bottom
(``OUT/<name>-NN.png``; for the brief, whose code is long, one per output area). ``--run`` also runs the tutorials in the browser (trusted
outputs). Every request that is not to 127.0.0.1 is refused, so nothing leaves the machine.
Look at the PNGs: headings, notes and tables on the right, KPI boxes apart, KWIC lines
reading right to left.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
SETTINGS = {
    # every cell rendered (no virtual scrolling), so a screenshot shows all of them in turn
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        '{"fetchNews": "false", "checkForUpdates": false}',
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(folder: Path, port: int, token: str, settings: Path) -> subprocess.Popen:
    for name, text in SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(settings / "workspaces"))
    lab = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={folder}", "--ServerApp.open_browser=False",
         "--LabApp.extension_manager=readonly",  # no package index asked
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return lab
        except OSError:
            time.sleep(0.5)
    lab.terminate()
    raise RuntimeError("jupyter lab did not answer within 90 s")


def shoot(page, url: str, out: Path, name: str, run: bool, shots: int,
          outputs: bool) -> list[Path]:
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel:visible .jp-Cell", timeout=60_000)
    page.wait_for_timeout(1500)
    if run:  # Run → Run All Cells, then wait for the kernel to be idle again
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_text("Run All Cells", exact=True).click()
        page.wait_for_timeout(2000)
        page.wait_for_function(
            "() => !document.querySelector('.jp-Notebook .jp-InputArea-prompt')"
            "?.closest('.jp-Notebook').innerText.includes('[*]')", timeout=300_000)
        page.wait_for_timeout(2000)
    paths = []
    if outputs:  # each output area on its own (the brief's code is long)
        areas = page.locator(".jp-NotebookPanel:visible .jp-Cell-outputArea:has(.jp-OutputArea-output)")
        for i in range(min(shots, areas.count())):
            area = areas.nth(i)
            area.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            path = out / f"{name}-{i:02d}.png"
            area.screenshot(path=str(path))
            paths.append(path)
        return paths
    scroller = ".jp-WindowedPanel-outer"
    height = page.evaluate(f"() => document.querySelector('{scroller}').clientHeight")
    total = page.evaluate(f"() => document.querySelector('{scroller}').scrollHeight")
    for i in range(min(shots, max(1, -(-total // height)))):
        page.evaluate(f"() => document.querySelector('{scroller}').scrollTo(0, {i * height})")
        page.wait_for_timeout(400)
        path = out / f"{name}-{i:02d}.png"
        page.locator(".jp-NotebookPanel:visible").screenshot(path=str(path))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--run", action="store_true", help="also run the tutorials in the browser")
    parser.add_argument("--shots", type=int, default=12, help="screenshots per notebook at most")
    parser.add_argument("--outputs", action="store_true",
                        help="tutorials too: one screenshot per output area (the brief always)")
    parser.add_argument("--notebooks", nargs="*", default=None,
                        help="tutorial names to show (default: all of notebooks/tutorials)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="antk-lab-") as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        antk = Path(sys.executable).with_name("antk")
        subprocess.run([str(antk), "brief", "--out", str(Path(scratch) / "reports"),
                        "--format", "html", "--force"], check=True, stdout=subprocess.DEVNULL)
        shutil.copy(Path(scratch) / "reports" / "sample" / "brief.ipynb", work / "brief.ipynb")
        tutorials = sorted(p for form in ("student", "solutions")
                           for p in (ROOT / "notebooks" / "tutorials" / form).glob("*.ipynb"))
        chosen = [p for p in tutorials if not args.notebooks or p.stem in args.notebooks]
        for path in chosen:
            shutil.copy(path, work / f"{path.parent.name}-{path.name}")
        port, token = free_port(), secrets.token_hex(16)
        lab = start_lab(work, port, token, Path(scratch) / "settings")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=args.chromium, args=BROWSER_ARGS)
                names = ["brief.ipynb", *(f"{p.parent.name}-{p.name}" for p in chosen)]
                for name in names:  # one page each: one notebook open at a time
                    page = browser.new_page(viewport={"width": 1280, "height": 1000})
                    page.route("**/*", lambda route: route.continue_()
                               if route.request.url.startswith(f"http://127.0.0.1:{port}")
                               else route.abort())
                    space = Path(name).stem.replace("_", "-")  # a fresh workspace: only this notebook
                    url = f"http://127.0.0.1:{port}/lab/workspaces/{space}/tree/{name}?token={token}"
                    run = args.run and name != "brief.ipynb"
                    for path in shoot(page, url, args.out, Path(name).stem, run, args.shots,
                                      outputs=name == "brief.ipynb" or args.outputs):
                        print(path)
                    page.close()
                browser.close()
        finally:
            lab.terminate()
            lab.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
