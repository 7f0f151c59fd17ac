"""The weekly brief end to end: validate → execute the notebook → HTML → PDF → atomic commit.

``build_brief`` writes ``OUT/<label>/brief.ipynb`` (executed), ``brief.html`` and ``brief.pdf``.
Nothing is written when a parameter is bad; nothing at a target path is ever half-written
(each file is produced under a temporary name in the same folder and moved in place with
``os.replace`` only once every requested output is ready); an existing brief is replaced
only with ``force=True``; a failing cell leaves the executed notebook as
``brief.failed.ipynb`` and the previous brief untouched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.reports.files import (
    TMP_PREFIX,
    FolderLockedError,
    commit,
    exclusive,
    recover,
    remove_stale_temps,
    staging_folder,
    swap_in,
    temp_path,
)
from toolkit.reports.notebooks import notebook
from toolkit.reports.params import (
    ParameterError,
    check_input,
    check_label,
    check_lang,
    check_top_n,
    parse_sources,
    resolve_period,
)
from toolkit.reports.render import (
    BrowserNotFoundError,
    ChromiumPrinter,
    PDFRenderError,
    export_html,
    find_chromium,
    font_face_css,
    html_exporter,
    html_to_pdf,
)
from toolkit.reports.run import CellFailure, NotebookExecutionError, run_notebook
from toolkit.reports.tables import check_scheduler, normalize_dask

FORMATS = ("html", "pdf")
FAILED_NAME = "brief.failed.ipynb"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BriefExistsError(ParameterError):
    """The brief already exists and ``force`` was not given."""


class BriefBusyError(BriefExistsError):
    """Another run is writing the same brief right now: this one is refused."""


class BriefWriteError(ParameterError):
    """The brief could not be written (disk full, read-only folder, ``out`` is a file):
    the message names the cause; the previous brief is unchanged."""


class BriefFailedError(RuntimeError):
    """The notebook raised: ``failure`` names the cell, ``failed_notebook`` is kept for debugging."""

    def __init__(self, failure: CellFailure, failed_notebook: Path | None) -> None:
        self.failure = failure
        self.failed_notebook = failed_notebook
        kept = (
            f"executed notebook kept at {failed_notebook}"
            if failed_notebook
            else "no executed notebook was saved"
        )
        super().__init__(f"the brief notebook failed at {failure}; {kept}")


class PDFUnavailableError(RuntimeError):
    """A PDF was explicitly requested but could not be printed (the HTML was written)."""

    def __init__(self, message: str, result: BriefResult) -> None:
        self.result = result
        super().__init__(message)


@dataclass
class BriefResult:
    """What ``build_brief`` wrote: paths (``None`` when not produced), timings, warnings."""

    folder: Path
    notebook: Path
    html: Path | None = None
    pdf: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)


def default_notebook() -> Path:
    """The shipped ``weekly_brief.ipynb`` (package data in a wheel, ``notebooks/`` in a source
    tree; see :mod:`toolkit.reports.notebooks`), or ``$ANTK_BRIEF_NOTEBOOK``."""
    env = os.environ.get("ANTK_BRIEF_NOTEBOOK")
    return Path(env) if env else notebook("weekly_brief.ipynb")


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"html,pdf"`` → ``("html", "pdf")``; raises :class:`ParameterError` on unknown names.

    >>> parse_formats("pdf, html")
    ('html', 'pdf')
    """
    if formats is None:
        return FORMATS
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = {str(f).strip().lower() for f in items if str(f).strip()}
    unknown = sorted(names - set(FORMATS))
    if unknown or not names:
        raise ParameterError(
            f"format={formats!r} is not valid; accepted: a comma-separated subset of {FORMATS}"
        )
    return tuple(f for f in FORMATS if f in names)


def _safe_stem(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem if path.is_file() else path.name)
    return stem.strip("-._")[:64] or "corpus"


def default_label(period_label: str, store: Path | None, corpus: Path | None) -> str:
    """The folder name of a brief: the week or date range, else the input's name, else ``sample``.

    >>> default_label("2015-W31", None, None)
    '2015-W31'
    >>> default_label("all", None, None)
    'sample'
    """
    if period_label != "all":
        return period_label
    source = store or corpus
    return _safe_stem(source) if source is not None else "sample"


def _check_store(path: Path) -> None:
    with open(path, "rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise ParameterError(
                f"store={str(path)!r} is not an SQLite store (antk ingest makes one)"
            )
    from toolkit.corpus.store import Store

    try:  # read-only: a brief never writes the store's file to check it
        Store(path, readonly=True).close()
    except (ValueError, OSError) as exc:
        raise ParameterError(f"{exc} (antk ingest makes a store)") from None


def _check_actors(path: Path) -> None:
    try:
        from toolkit.actors import load_actors
    except ImportError:  # the notebook will report it
        return
    try:
        load_actors(path)
    except Exception as exc:  # any loading problem is bad input
        raise ParameterError(
            f"actors={str(path)!r} is not a valid actor dictionary: {exc}"
        ) from exc


@dataclass(frozen=True)
class BriefPlan:
    """Validated parameters: what to run, with which notebook parameters, and where to write."""

    notebook: Path
    parameters: dict[str, Any]
    folder: Path
    formats: tuple[str, ...]
    pdf_required: bool

    def targets(self) -> dict[str, Path]:
        """Final paths by kind (``ipynb`` always; ``html``/``pdf`` as requested)."""
        paths = {"ipynb": self.folder / "brief.ipynb"}
        for kind in self.formats:
            paths[kind] = self.folder / f"brief.{kind}"
        return paths


def plan_brief(
    *,
    store: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    week: str = "",
    date_from: str = "",
    date_to: str = "",
    actors: str | os.PathLike[str] | None = None,
    sources: Any = None,
    top_n: int = 10,
    lang: str = "ar",
    title: str = "",
    out: str | os.PathLike[str] = "reports",
    formats: str | Iterable[str] | None = None,
    label: str | None = None,
    notebook: str | os.PathLike[str] | None = None,
    dask: str | bool | None = None,
    fields: dict[str, str] | None = None,
    dayfirst: bool = False,
) -> BriefPlan:
    """Validate every parameter (touching no file) and return the plan of a brief.

    ``dask``: where the notebook computes what a store does not keep — ``None``/``""`` in
    the kernel, ``"local"`` (or ``True``) a Dask LocalCluster of 2 processes, or a scheduler address ``"tcp://HOST:PORT"``; passed to the notebook as its
    ``dask`` parameter (only when set, so notebooks without one still run).

    Raises :class:`ParameterError` naming the parameter, its value and what is accepted.

    >>> plan_brief(week="2015-W99")
    Traceback (most recent call last):
    ...
    toolkit.reports.params.ParameterError: week='2015-W99' does not exist: 2015 has weeks W01 to W53
    """
    if store and corpus:
        raise ParameterError("give either store or corpus, not both")
    store_path = check_input(os.fspath(store), "store") if store else None
    if store_path is not None:
        _check_store(store_path)
    corpus_path = check_input(os.fspath(corpus), "corpus") if corpus else None
    period = resolve_period(week, date_from, date_to)
    actors_path = check_input(os.fspath(actors), "actors") if actors else None
    if actors_path is not None:
        _check_actors(actors_path)
    nb_path = Path(notebook) if notebook else default_notebook()
    if not nb_path.is_file():
        raise ParameterError(f"notebook={str(nb_path)!r} does not exist")
    chosen = parse_formats(formats)
    try:
        dask_where = normalize_dask(dask)
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    label = check_label(label if label else default_label(period.label, store_path, corpus_path))
    parameters = {
        "store": str(store_path.resolve()) if store_path else "",
        "corpus": str(corpus_path.resolve()) if corpus_path else "",
        "week": week.strip() if week else "",
        "date_from": str(date_from or "").strip(),
        "date_to": str(date_to or "").strip(),
        "actors": str(actors_path.resolve()) if actors_path else "",
        "sources": parse_sources(sources),
        "top_n": check_top_n(top_n),
        "lang": check_lang(lang),
        "title": str(title or ""),
        "label": label,
    }
    if dask_where:
        parameters["dask"] = dask_where
    if fields:  # how the corpus's keys map to document fields (--field), day-first dates
        parameters["fields"] = dict(fields)
    if dayfirst:
        parameters["dayfirst"] = True
    return BriefPlan(
        notebook=nb_path.resolve(),
        parameters=parameters,
        folder=Path(out) / label,
        formats=chosen,
        pdf_required=formats is not None and "pdf" in chosen,
    )


def _start_printer(plan: BriefPlan) -> ChromiumPrinter | None:
    """A Chromium started now, while the notebook runs, when a PDF will be printed with it."""
    if "pdf" not in plan.formats:
        return None
    try:
        import playwright  # noqa: F401
    except ImportError:  # html_to_pdf falls back on Chromium's own --print-to-pdf
        return None
    executable = find_chromium()
    return ChromiumPrinter(executable) if executable else None


def _warm_html() -> None:
    """Import nbconvert and encode the font while the notebook runs (the caller is idle)."""
    with contextlib.suppress(Exception):
        html_exporter()
        font_face_css()


def _refuse_existing(targets: dict[str, Path], force: bool) -> None:
    existing = [p for p in targets.values() if p.exists()]
    if existing and not force:
        raise BriefExistsError(
            f"a brief already exists at {existing[0]}; replace it with --force "
            "(force=True in Python), or choose another --label or --out"
        )


def _carry_over(folder: Path, stage: Path) -> None:
    """Files of ``folder`` that are not the brief's own (a user's notes) go into the new set."""
    if not folder.is_dir():
        return
    own = {"brief.ipynb", FAILED_NAME, *(f"brief.{k}" for k in FORMATS)}
    for path in folder.iterdir():
        if path.name in own or path.name.startswith(TMP_PREFIX) or (stage / path.name).exists():
            continue
        if path.is_dir():
            shutil.copytree(path, stage / path.name, symlinks=True)
        else:
            try:
                os.link(path, stage / path.name)
            except OSError:
                shutil.copy2(path, stage / path.name)


def execute_plan(
    plan: BriefPlan, *, force: bool = False, timeout: int | None = 1800
) -> BriefResult:
    """Run a validated :class:`BriefPlan`; see :func:`build_brief`.

    The brief's files are made in a folder staged beside ``plan.folder`` and swapped in as
    one set (:func:`toolkit.reports.files.swap_in`), under a lock on the target
    (:func:`toolkit.reports.files.exclusive`): a second run for the same target while one
    runs is refused (:class:`BriefBusyError`), and the no-overwrite check is made again
    holding the lock. A write that fails (disk full, read-only folder) raises
    :class:`BriefWriteError` naming the cause; the previous brief stays whole.

    While the kernel runs, this process (otherwise idle) imports nbconvert and starts the
    Chromium that will print the PDF, so neither start-up is paid after the notebook ends.
    """
    targets = plan.targets()
    _refuse_existing(targets, force)
    try:
        with exclusive(plan.folder):
            recover(plan.folder)
            _refuse_existing(targets, force)  # again, holding the lock
            remove_stale_temps(plan.folder.parent)
            remove_stale_temps(plan.folder)
            return _execute_locked(plan, targets, timeout)
    except FolderLockedError as exc:
        raise BriefBusyError(f"{exc}: this run is refused (nothing written)") from None
    except OSError as exc:
        raise BriefWriteError(f"cannot write the brief in {plan.folder}: {exc} "
                              "(the previous brief, if any, is unchanged)") from None


def _execute_locked(plan: BriefPlan, targets: dict[str, Path], timeout: int | None) -> BriefResult:
    stage = staging_folder(plan.folder)
    temps = {kind: stage / path.name for kind, path in targets.items()}
    result = BriefResult(folder=plan.folder, notebook=targets["ipynb"])
    # the renderers get ready while the kernel works: nbconvert imported, Chromium started
    threading.Thread(target=_warm_html, name="antk-warm-html", daemon=True).start()
    printer = _start_printer(plan)
    try:
        started = time.perf_counter()
        try:
            executed = run_notebook(plan.notebook, temps["ipynb"], plan.parameters, timeout=timeout)
        except NotebookExecutionError as exc:
            failed = plan.folder / FAILED_NAME
            if temps["ipynb"].exists():
                plan.folder.mkdir(parents=True, exist_ok=True)
                commit(temps["ipynb"], failed)
                raise BriefFailedError(exc.failure, failed) from None
            raise BriefFailedError(exc.failure, None) from None
        result.timings["execute"] = time.perf_counter() - started

        html_print = None
        if "html" in plan.formats or "pdf" in plan.formats:
            started = time.perf_counter()
            html = export_html(executed, title=plan.parameters["title"] or None)
            html_temp = temps.get("html") or temp_path(stage / "brief.html")
            html_temp.write_text(html, encoding="utf-8")
            if "html" not in temps:
                html_print = html_temp
            result.timings["html"] = time.perf_counter() - started

        pdf_problem = None
        if "pdf" in plan.formats:
            started = time.perf_counter()
            try:
                if printer is not None:
                    pdf, blocked = printer.print(html_temp)
                else:
                    executable = find_chromium()
                    if executable is None:
                        raise BrowserNotFoundError()
                    pdf, blocked = html_to_pdf(html_temp, executable=executable)
                temps["pdf"].write_bytes(pdf)
                result.blocked_requests = blocked
            except (BrowserNotFoundError, PDFRenderError) as exc:
                pdf_problem = f"PDF not written: {exc}"
                result.warnings.append(pdf_problem)
                del temps["pdf"]
            result.timings["pdf"] = time.perf_counter() - started

        # every output is ready: the staged folder replaces the brief's folder as one set
        # (outputs not produced this time, and a failed notebook, belong to the old set)
        if html_print is not None:
            html_print.unlink()
        _carry_over(plan.folder, stage)
        swap_in(stage, plan.folder)
        for kind in ("ipynb", "html", "pdf"):
            if kind in temps:
                setattr(result, "notebook" if kind == "ipynb" else kind, targets[kind])
    finally:
        if printer is not None:
            printer.close()
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
    if pdf_problem and plan.pdf_required:
        raise PDFUnavailableError(pdf_problem, result)
    return result


def build_brief(
    *,
    force: bool = False,
    timeout: int | None = 1800,
    **parameters: Any,
) -> BriefResult:
    """Validate, execute the brief notebook and write ``OUT/<label>/brief.{ipynb,html,pdf}``.

    Keyword parameters are those of :func:`plan_brief` (``store`` or ``corpus``, ``week`` or
    ``date_from``/``date_to``, ``actors``, ``sources``, ``top_n``, ``lang``, ``title``,
    ``out``, ``formats``, ``label``, ``notebook``, ``dask``, ``fields``, ``dayfirst``). With none, the embedded sample
    is briefed into ``reports/sample/``. ``dask="local"`` or ``dask="tcp://HOST:PORT"``
    computes the corpus-wide passes on Dask (same tables).

    Raises :class:`ParameterError` (bad parameter; nothing written), :class:`BriefExistsError`
    (brief exists, no ``force``), ``ConnectionError`` (no scheduler answers at the ``dask``
    address; nothing written), :class:`BriefFailedError` (a cell raised) and
    :class:`PDFUnavailableError` (``formats`` named ``pdf`` but no browser could print it;
    the HTML and notebook were written). Without ``formats``, a missing browser is only a
    warning in ``BriefResult.warnings``.

    >>> result = build_brief(out="reports")  # doctest: +SKIP
    >>> result.html  # doctest: +SKIP
    PosixPath('reports/sample/brief.html')
    """
    plan = plan_brief(**parameters)
    check_scheduler(plan.parameters.get("dask", ""))  # before anything is written
    return execute_plan(plan, force=force, timeout=timeout)
