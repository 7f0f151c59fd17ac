"""Render an executed notebook as a self-contained Arabic HTML brief, and print it to A4 PDF.

HTML: nbconvert with the ``antk`` template (``templates/antk``): ``dir="rtl"``, code hidden,
the Arabic font embedded as a base64 ``@font-face`` (Tajawal, see :mod:`toolkit.plots.fonts`),
images inline, no script and a Content-Security-Policy that forbids any network fetch.

PDF: a headless Chromium. Found in this order: playwright's own installed browser, then
``chromium`` / ``chromium-browser`` / ``google-chrome`` on ``PATH``, then the ``ANTK_CHROMIUM``
environment variable. Driven through playwright (:class:`toolkit.reports.template.ChromiumPDFExporter` is nbconvert's
``WebPDFExporter`` taught to use that browser), or, without playwright, through Chromium's own
``--print-to-pdf``. Every request other than the page itself and ``data:`` URLs is blocked.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import functools
import glob
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.reports.files import atomic_write

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "antk"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENV_BROWSER = "ANTK_CHROMIUM"
#: cells with this tag are shown in JupyterLab but left out of the HTML/PDF brief
NOTEBOOK_ONLY_TAG = "notebook-only"
#: flags for an unattended, offline Chromium (``--no-sandbox`` is added when running as root)
CHROMIUM_FLAGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--mute-audio",
)
INSTALL_HINT = (
    "no headless Chromium found for PDF output (looked for playwright's browser, then "
    f"{', '.join(BROWSER_NAMES)} on PATH, then ${ENV_BROWSER}). Install one, e.g. "
    "'apt-get install chromium' (Debian/Ubuntu), or point "
    f"{ENV_BROWSER}=/path/to/chrome at an existing Chrome/Chromium binary."
)


class BrowserNotFoundError(RuntimeError):
    """No Chromium to print PDFs with; the message says how to install one."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


class PDFRenderError(RuntimeError):
    """Chromium was found but failed to print the page."""


# ---------------------------------------------------------------------------------- HTML


@functools.lru_cache(maxsize=1)
def font_face_css() -> str:
    """``@font-face`` rules embedding the toolkit's Arabic font (Tajawal, regular and bold) as
    base64: the files :func:`toolkit.plots.fonts.font_file` prepares, whose PDF text layer
    extracts as whole words (``خليفة حفتر``, ``وقف إطلاق النار``).

    >>> 'font-family: "Tajawal"' in font_face_css()
    True
    """
    from toolkit.plots import fonts

    rules = []
    for weight in fonts.FONT_WEIGHTS:
        encoded = base64.b64encode(fonts.font_file(weight).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{fonts.FONT_FAMILY}"; font-style: normal; '
            f"font-weight: {weight}; font-display: block; "
            f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}'
        )
    return "\n".join(rules)


def _brief_css() -> str:
    return (TEMPLATES / TEMPLATE_NAME / "brief.css").read_text(encoding="utf-8")


def _read_notebook(notebook: Any) -> Any:
    import nbformat

    if isinstance(notebook, (str, os.PathLike)):
        return nbformat.read(str(notebook), as_version=4)
    return notebook


def _parameters(nb: Any) -> dict[str, Any]:
    return dict(nb.get("metadata", {}).get("papermill", {}).get("parameters", {}) or {})


def _drop_stderr(nb: Any) -> Any:
    """A copy of ``nb`` without stderr streams (warnings belong in logs, not in briefs)."""
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return nb


def html_exporter(**traits: Any) -> Any:
    """An nbconvert ``HTMLExporter`` with the ``antk`` template (code and prompts hidden,
    cells tagged ``notebook-only`` left out: :class:`toolkit.reports.template.BriefPreprocessor`,
    which the template's ``conf.json`` names)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name=TEMPLATE_NAME, **traits
    )


def _first_heading(nb: Any) -> str:
    """The text of the first ``<h1>`` a cell displayed (the title the notebook computed)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = re.search(
                r"<h1[^>]*>(.*?)</h1>", output.get("data", {}).get("text/html", ""), re.S
            )
            if found:
                return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()
    return ""


def _resources(nb: Any, title: str | None, lang: str | None) -> dict[str, Any]:
    from toolkit import __version__

    params = _parameters(nb)
    lang = lang or str(params.get("lang") or nb.get("metadata", {}).get("antk_lang") or "ar")
    if lang not in ("ar", "en"):
        raise ValueError(f"lang={lang!r} is not supported; accepted values: 'ar', 'en'")
    if title is None:
        title = str(
            params.get("title") or _first_heading(nb) or nb.get("metadata", {}).get("title") or ""
        )
    return {
        "antk": {
            "lang": lang,
            "dir": "rtl" if lang == "ar" else "ltr",
            "title": title or ("موجز أسبوعي" if lang == "ar" else "Weekly brief"),
            "font_face": font_face_css(),
            "css": _brief_css(),
            "version": __version__,
        }
    }


def export_html(notebook: Any, *, title: str | None = None, lang: str | None = None) -> str:
    """The brief's HTML (a string) for an executed notebook (path or ``NotebookNode``).

    ``title`` and ``lang`` default to the notebook's papermill parameters ``title`` and
    ``lang`` (``"ar"`` → ``dir="rtl"``). The title is escaped: ``<script>`` stays text.

    >>> html = export_html("reports/sample/brief.ipynb")  # doctest: +SKIP
    >>> 'dir="rtl"' in html and "حفتر" in html  # doctest: +SKIP
    True
    """
    nb = _read_notebook(notebook)
    html, _ = html_exporter().from_notebook_node(nb, resources=_resources(nb, title, lang))
    return html


def render_html(
    notebook: Any,
    output: str | os.PathLike[str],
    *,
    title: str | None = None,
    lang: str | None = None,
) -> Path:
    """Write the HTML brief of ``notebook`` to ``output`` atomically; return the path.

    >>> render_html("reports/sample/brief.ipynb", "reports/sample/brief.html")  # doctest: +SKIP
    PosixPath('reports/sample/brief.html')
    """
    return atomic_write(output, export_html(notebook, title=title, lang=lang))


# ---------------------------------------------------------------------------------- browser


def _playwright_browsers() -> list[str]:
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(
        Path.home()
        / (".cache/ms-playwright" if sys.platform != "darwin" else "Library/Caches/ms-playwright")
    )
    patterns = (
        "chromium-*/chrome-linux*/chrome",
        "chromium_headless_shell-*/chrome-linux*/headless_shell",
        "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
        "chromium-*/chrome-win*/chrome.exe",
    )
    found: list[str] = []
    for pattern in patterns:
        found.extend(sorted(glob.glob(os.path.join(root, pattern)), reverse=True))
    return [p for p in found if os.access(p, os.X_OK)]


def find_chromium() -> str | None:
    """Path of a Chromium to print with, or ``None``.

    Order: playwright's installed browser, then ``chromium`` / ``chromium-browser`` /
    ``google-chrome`` on ``PATH``, then ``$ANTK_CHROMIUM``.

    >>> find_chromium()  # doctest: +SKIP
    '/usr/bin/chromium'
    """
    candidates = _playwright_browsers()
    candidates += [p for p in (shutil.which(name) for name in BROWSER_NAMES) if p]
    env = os.environ.get(ENV_BROWSER)
    if env:
        candidates.append(env)
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def chromium_args() -> list[str]:
    """Command-line flags for the headless browser (``--no-sandbox`` only when root)."""
    args = list(CHROMIUM_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")
    return args


def _allowed(url: str, page_url: str) -> bool:
    return url == page_url or url.startswith(("data:", "about:", "blob:"))


async def _launch(pw: Any, executable: str, timeout_ms: int) -> Any:
    try:
        return await pw.chromium.launch(
            executable_path=executable,
            args=chromium_args(),
            handle_sigint=False,
            handle_sigterm=False,
            handle_sighup=False,
            timeout=timeout_ms,
        )
    except Exception as exc:  # playwright raises its own Error type
        raise PDFRenderError(f"could not start Chromium at {executable}: {exc}") from exc


async def _print_page(browser: Any, html_file: Path, timeout_ms: int) -> tuple[bytes, list[str]]:
    """Print one page in a fresh offline context of ``browser`` (no JavaScript, no network)."""
    blocked: list[str] = []
    page_url = html_file.resolve().as_uri()
    context = await browser.new_context(offline=True, java_script_enabled=False)
    try:
        page = await context.new_page()

        async def guard(route: Any) -> None:
            url = route.request.url
            if _allowed(url, page_url):
                await route.continue_()
            else:
                blocked.append(url)
                await route.abort()

        await page.route("**/*", guard)
        await page.emulate_media(media="print")
        await page.goto(page_url, wait_until="load", timeout=timeout_ms)
        pdf = await page.pdf(
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
            margin={"top": "11mm", "bottom": "11mm", "left": "12mm", "right": "12mm"},
            outline=True,  # a bookmark per heading (the brief's sections)
            tagged=True,  # a structure tree, and the page's lang as the document language
        )
    finally:
        await context.close()
    return pdf, blocked


async def _print_with_playwright(
    html_file: Path, executable: str, timeout_ms: int
) -> tuple[bytes, list[str]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await _launch(pw, executable, timeout_ms)
        try:
            return await _print_page(browser, html_file, timeout_ms)
        finally:
            await browser.close()


class ChromiumPrinter:
    """A headless Chromium started ahead of time, to print a page as soon as it is ready.

    Starting playwright and the browser takes 1–3 s; a brief starts it while its notebook
    runs (the waiting process is idle then), and prints the moment the HTML is written.
    The browser lives in a thread with its own event loop (so this works inside Jupyter's
    running loop too); :meth:`close` stops it (also ``with ChromiumPrinter() as p:``).
    A browser that could not start makes :meth:`print` raise :class:`PDFRenderError`.

    >>> with ChromiumPrinter() as printer:  # doctest: +SKIP
    ...     pdf, blocked = printer.print("reports/sample/brief.html")
    """

    def __init__(self, executable: str | None = None, timeout: float = 120.0) -> None:
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserNotFoundError()
        self.timeout_ms = int(timeout * 1000)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="antk-chromium", daemon=True
        )
        self._thread.start()
        self._started = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        self._closed = False

    async def _start(self) -> tuple[Any, Any]:
        from playwright.async_api import async_playwright

        manager = async_playwright()
        pw = await manager.start()
        try:
            return manager, await _launch(pw, self.executable, self.timeout_ms)
        except BaseException:
            await manager.__aexit__(None, None, None)
            raise

    def print(self, html_file: str | os.PathLike[str]) -> tuple[bytes, list[str]]:
        """``(pdf bytes, blocked URLs)`` of an HTML file, printed on A4 like :func:`html_to_pdf`."""
        if self._closed:
            raise PDFRenderError("this ChromiumPrinter is closed")
        try:
            _manager, browser = self._started.result(self.timeout_ms / 1000)
        except PDFRenderError:
            raise
        except Exception as exc:  # playwright missing or broken, a timeout
            raise PDFRenderError(f"could not start Chromium at {self.executable}: {exc}") from exc
        job = asyncio.run_coroutine_threadsafe(
            _print_page(browser, Path(html_file), self.timeout_ms), self._loop
        )
        return job.result()

    async def _stop(self) -> None:
        try:  # a launch still under way is waited for, so nothing is left running
            manager, browser = await asyncio.wrap_future(self._started)
        except BaseException:
            return
        try:
            await browser.close()
        finally:
            await manager.__aexit__(None, None, None)

    def close(self) -> None:
        """Close the browser and its thread (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        if not self._thread.is_alive():
            self._loop.close()

    def __enter__(self) -> ChromiumPrinter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _print_with_cli(html_file: Path, executable: str, timeout_s: float) -> tuple[bytes, list[str]]:
    with tempfile.TemporaryDirectory(prefix="antk-chromium-") as profile:
        out = Path(profile) / "out.pdf"
        cmd = [
            executable,
            "--headless",
            *chromium_args(),
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: no network
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--export-tagged-pdf",
            f"--print-to-pdf={out}",
            html_file.resolve().as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout_s, check=False)
        if proc.returncode != 0 or not out.is_file():
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PDFRenderError(f"{executable} --print-to-pdf failed: {' | '.join(tail)}")
        return out.read_bytes(), []


def html_to_pdf(
    html: str | os.PathLike[str],
    *,
    executable: str | None = None,
    engine: str = "auto",
    timeout: float = 120.0,
) -> tuple[bytes, list[str]]:
    """Print an HTML file (path) or HTML text to A4 PDF; return ``(pdf bytes, blocked URLs)``.

    ``engine``: ``"playwright"``, ``"cli"`` (Chromium's ``--print-to-pdf``) or ``"auto"``
    (playwright when importable). ``blocked`` lists every request that was refused (a
    self-contained brief gives ``[]``). Raises :class:`BrowserNotFoundError` without a browser.

    >>> pdf, blocked = html_to_pdf('<p dir="rtl">خليفة حفتر</p>')  # doctest: +SKIP
    >>> pdf[:5], blocked  # doctest: +SKIP
    (b'%PDF-', [])
    """
    if engine not in ("auto", "playwright", "cli"):
        raise ValueError(
            f"engine={engine!r} is not supported; accepted: 'auto', 'playwright', 'cli'"
        )
    executable = executable or find_chromium()
    if not executable:
        raise BrowserNotFoundError()
    if engine == "auto":
        try:
            import playwright  # noqa: F401
        except ImportError:
            engine = "cli"
        else:
            engine = "playwright"
    with tempfile.TemporaryDirectory(prefix="antk-pdf-") as tmp:
        if isinstance(html, str) and "<" in html:  # HTML text, not a path
            html_file = Path(tmp) / "brief.html"
            html_file.write_text(html, encoding="utf-8")
        else:
            html_file = Path(html)
        if engine == "cli":
            return _print_with_cli(html_file, executable, timeout)
        # a worker thread owns its event loop, so this also works inside Jupyter's running loop
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            job = pool.submit(
                asyncio.run, _print_with_playwright(html_file, executable, int(timeout * 1000))
            )
            return job.result()


def render_pdf(
    source: Any,
    output: str | os.PathLike[str],
    *,
    executable: str | None = None,
    engine: str = "auto",
    title: str | None = None,
    lang: str | None = None,
) -> Path:
    """Write an A4 PDF of ``source`` to ``output`` atomically; return the path.

    ``source`` is an HTML file (``.html``, printed as is) or a notebook (path or node,
    rendered with the brief template first).

    >>> render_pdf("reports/sample/brief.html", "reports/sample/brief.pdf")  # doctest: +SKIP
    PosixPath('reports/sample/brief.pdf')
    """
    if isinstance(source, (str, os.PathLike)) and str(source).endswith((".html", ".htm")):
        pdf, _ = html_to_pdf(os.fspath(source), executable=executable, engine=engine)
    else:
        pdf, _ = html_to_pdf(
            export_html(source, title=title, lang=lang), executable=executable, engine=engine
        )
    return atomic_write(output, pdf)


# ---------------------------------------------------------------------------------- nbconvert


def chromium_pdf_exporter(executable: str | None = None) -> Any:
    """nbconvert's ``WebPDFExporter`` printing with a system Chromium and the ``antk``
    template (:class:`toolkit.reports.template.ChromiumPDFExporter`, also
    ``jupyter nbconvert --to antkpdf``).

    >>> pdf, _ = chromium_pdf_exporter().from_filename("reports/sample/brief.ipynb")  # doctest: +SKIP
    """
    from toolkit.reports.template import ChromiumPDFExporter

    return ChromiumPDFExporter(executable=executable or "")


def pdf_backends() -> Sequence[str]:
    """Which PDF engines can run here (``playwright`` and/or ``cli``), given a browser."""
    if not find_chromium():
        return ()
    try:
        import playwright  # noqa: F401
    except ImportError:
        return ("cli",)
    return ("playwright", "cli")


async def _screenshot(html_file: Path, output: Path, executable: str, width: int) -> list[str]:
    from playwright.async_api import async_playwright

    blocked: list[str] = []
    page_url = html_file.resolve().as_uri()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=executable,
            args=chromium_args(),
            handle_sigint=False,
            handle_sigterm=False,
            handle_sighup=False,
        )
        try:
            context = await browser.new_context(
                offline=True, java_script_enabled=False, viewport={"width": width, "height": 900}
            )
            page = await context.new_page()

            async def guard(route: Any) -> None:
                if _allowed(route.request.url, page_url):
                    await route.continue_()
                else:
                    blocked.append(route.request.url)
                    await route.abort()

            await page.route("**/*", guard)
            await page.goto(page_url, wait_until="load")
            await page.screenshot(path=str(output), full_page=True)
        finally:
            await browser.close()
    return blocked


def screenshot_html(
    html_file: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    width: int = 1000,
    executable: str | None = None,
) -> list[str]:
    """Screenshot an HTML brief (the whole page) to a PNG, offline; return blocked requests.

    For looking at what a browser shows (shaping, direction, tables, figures).

    >>> screenshot_html("reports/sample/brief.html", "/tmp/brief.png")  # doctest: +SKIP
    []
    """
    executable = executable or find_chromium()
    if not executable:
        raise BrowserNotFoundError()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(
            asyncio.run, _screenshot(Path(html_file), Path(output), executable, width)
        )
        return job.result()
