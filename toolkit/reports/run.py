"""Execute a parameterized notebook with papermill, in a kernel of the current Python.

The kernel is always ``sys.executable -m ipykernel_launcher``, whatever kernelspec the
notebook names, so a brief runs against the same installed ``toolkit`` as the caller
(no stray system-wide ``python3`` kernel).
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

#: tag papermill looks for, and the tag of the cell it injects after it
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


class CurrentPythonKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel is ``sys.executable`` (the current environment).

    Async, like nbclient's default: with a synchronous manager, jupyter_client 8's blocking
    channels make nbclient ignore the cell timeout (jupyter/jupyter_client#938).
    """

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        if self._kernel_spec is None:
            self._kernel_spec = KernelSpec(
                argv=[
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                    "--IPKernelApp.log_level=ERROR",  # no banner about TCP transport
                ],
                display_name=f"Python ({sys.executable})",
                language="python",
                env={},
                metadata={"debugger": False},
            )
        return self._kernel_spec

    #: folder the kernel starts in; set per run by :func:`_manager_in`
    working_dir: str | None = None

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:  # type: ignore[override]
        if self.working_dir is not None:
            kw.setdefault("cwd", self.working_dir)
        return await super()._async_pre_start_kernel(**kw)


def _manager_in(folder: Path) -> type[CurrentPythonKernelManager]:
    """A kernel manager class whose kernels start in ``folder``.

    papermill's own ``cwd=`` changes the working directory of the whole process while the
    notebook runs, so two notebooks run from two threads race for it; here only the kernel's
    process starts in ``folder``.
    """
    return type(
        "CurrentPythonKernelManagerIn", (CurrentPythonKernelManager,), {"working_dir": str(folder)}
    )


@dataclass(frozen=True)
class CellFailure:
    """Where and how a notebook failed.

    ``index`` counts cells of the *source* notebook from 0 (the cell papermill injects
    for parameters is not counted); ``first_line`` is the first non-blank line of its code.
    """

    index: int
    execution_count: int | None
    first_line: str
    ename: str
    evalue: str

    def __str__(self) -> str:
        count = "" if self.execution_count is None else f", In [{self.execution_count}]"
        value = f": {self.evalue}" if self.evalue else ""
        return f"cell {self.index}{count} `{self.first_line}` raised {self.ename}{value}"


class NotebookExecutionError(RuntimeError):
    """A cell raised while the notebook ran; ``failure`` says which, ``notebook`` is the run."""

    def __init__(self, failure: CellFailure, executed_path: Path | None) -> None:
        self.failure = failure
        self.executed_path = executed_path
        super().__init__(f"notebook failed at {failure}")


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:120]
    return "(empty cell)"


def _source_index(cells: list[Any], index: int) -> int:
    """Index in the source notebook of cell ``index`` of the executed one.

    ``cells`` are the executed notebook's cells as papermill saved them (its error banner and
    anchor cells are dropped here); the injected-parameters cell does not count.
    """
    cells = [
        c for c in cells if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])
    ]
    injected = sum(
        1 for c in cells[:index] if INJECTED_TAG in c.get("metadata", {}).get("tags", [])
    )
    return index - injected


def run_notebook(
    notebook: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    parameters: dict[str, Any] | None = None,
    *,
    cwd: str | os.PathLike[str] | None = None,
    timeout: int | None = 1800,
    start_timeout: int = 120,
) -> Any:
    """Run ``notebook`` with ``parameters`` injected after its ``parameters`` cell.

    The executed notebook is written to ``output`` (also when a cell raises, with
    papermill's error banner) and returned as an ``nbformat.NotebookNode``. A failing cell
    raises :class:`NotebookExecutionError` naming the cell (source index, first line,
    exception).

    >>> nb = run_notebook("notebooks/weekly_brief.ipynb", "/tmp/brief.ipynb",
    ...                   {"title": "ليبيا، الأسبوع 31"})  # doctest: +SKIP
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook)
    if not notebook.is_file():
        raise FileNotFoundError(f"notebook not found: {notebook}")
    try:
        return papermill.execute_notebook(
            str(notebook.resolve()),
            None if output is None else str(Path(output).resolve()),
            parameters=dict(parameters or {}),
            kernel_name="python3",
            progress_bar=False,
            start_timeout=start_timeout,
            execution_timeout=timeout,
            kernel_manager_class=_manager_in(
                Path(cwd).resolve() if cwd is not None else notebook.resolve().parent
            ),
        )
    except PapermillExecutionError as exc:
        cells: list[Any] = []
        if output is not None and Path(output).is_file():
            import nbformat

            cells = nbformat.read(str(output), as_version=4).cells
        index = _source_index(cells, exc.cell_index)
        failure = CellFailure(
            index=index,
            execution_count=exc.exec_count,
            first_line=_first_line(exc.source),
            ename=exc.ename,
            evalue=str(exc.evalue),
        )
        raise NotebookExecutionError(
            failure, Path(output) if output is not None else None
        ) from None
    except Exception as exc:  # a timeout, a dead kernel: name the cell that was running
        for cause in (exc, exc.__context__):  # papermill may re-raise a failed write as another
            if isinstance(cause, OSError) and cause.errno in _WRITE_FAULTS:
                raise cause from None  # the executed notebook could not be written: disk full
        saved = Path(output) if output is not None and Path(output).is_file() else None
        raise NotebookExecutionError(_running_cell(saved, exc), saved) from exc


#: errors of a write that failed for want of room or rights (not a kernel's or a cell's)
_WRITE_FAULTS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EROFS, errno.EDQUOT, errno.EIO})


def _running_cell(saved: Path | None, exc: Exception) -> CellFailure:
    """The cell papermill marked as running or failed in the saved notebook, if any."""
    cells: list[Any] = []
    if saved is not None:
        import nbformat

        try:
            cells = nbformat.read(str(saved), as_version=4).cells
        except (ValueError, OSError):  # cut short (a write that failed): no cell to name
            cells = []
    started = [
        i
        for i, c in enumerate(cells)
        if c.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    for index, cell in enumerate(cells):
        state = cell.get("metadata", {}).get("papermill", {})
        # marked failed or running, else the last cell that started (a timeout marks none)
        if state.get("exception") or state.get("status") == "running" or [index] == started[-1:]:
            return CellFailure(
                index=_source_index(cells, index),
                execution_count=cell.get("execution_count"),
                first_line=_first_line(cell.get("source", "")),
                ename=type(exc).__name__,
                evalue=str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            )
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return CellFailure(-1, None, "(before any cell ran)", type(exc).__name__, message)
