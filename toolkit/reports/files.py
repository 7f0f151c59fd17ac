"""Atomic file writes for briefs: a temporary file in the target's folder, then ``os.replace``.

A reader (or a crash, or ``kill -9``) never sees a half-written file at the target path: it
sees the previous file or the complete new one. Temporary names start with ``.antk-tmp-`` and
carry the writer's process id, so a later run can remove the leftovers of a killed one.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

TMP_PREFIX = ".antk-tmp-"
_TMP_RE = re.compile(re.escape(TMP_PREFIX) + r"(\d+)-[0-9a-f]+")


def temp_path(target: str | os.PathLike[str]) -> Path:
    """A fresh temporary path beside ``target`` (same folder, so ``os.replace`` is atomic).

    The name keeps the target's suffix (papermill and browsers look at it).

    >>> temp_path("reports/2015-W31/brief.html").name.startswith(".antk-tmp-")
    True
    """
    target = Path(target)
    token = secrets.token_hex(4)
    return target.with_name(f"{TMP_PREFIX}{os.getpid()}-{token}-{target.name}")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform lets a folder be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def commit(temp: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Move a finished temporary file onto ``target`` atomically (flushed to disk first)."""
    temp, target = Path(temp), Path(target)
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, target)
    _fsync_dir(target.parent)
    return target


def atomic_write(target: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (bytes, or str encoded as UTF-8) to ``target`` atomically.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "brief.html", "<p dir='rtl'>حفتر</p>").read_text(encoding="utf-8")
    "<p dir='rtl'>حفتر</p>"
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(temp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(target.parent)
    return target


@contextlib.contextmanager
def pending(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to fill; on success it replaces ``target``, on error it is removed.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> with pending(folder / "brief.pdf") as tmp:
    ...     _ = tmp.write_bytes(b"%PDF-1.7")
    >>> (folder / "brief.pdf").read_bytes()
    b'%PDF-1.7'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path(target)
    try:
        yield temp
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    commit(temp, target)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def remove_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete temporary files left in ``folder`` by writers that no longer run; return them."""
    removed: list[Path] = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TMP_RE.match(path.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
