"""Atomic writes for briefs: a file through a temporary name and ``os.replace``; a set of
files (a brief's ipynb, html and pdf) through a folder staged beside the target and swapped
in as one (:func:`swap_in`); one writer per target at a time (:func:`exclusive`).

A reader (or a crash, or ``kill -9``) never sees a half-written file at the target path, nor
files of two runs side by side: it sees the previous set or the complete new one. Temporary
names start with ``.antk-tmp-`` and carry the writer's process id, so a later run can remove
the leftovers of a killed one (files and staged folders).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
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
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
    return removed


# -- a set of files replaced as one: a folder staged beside the target, then swapped in ----
OLD_PREFIX = ".antk-old-"
LOCK_PREFIX = ".antk-lock-"
_OLD_RE = re.compile(re.escape(OLD_PREFIX) + r"(\d+)-[0-9a-f]+-(.+)")
_RENAME_EXCHANGE = 2  # renameat2 flag (Linux 3.15+)
_AT_FDCWD = -100


class FolderLockedError(FileExistsError):
    """Another process holds the lock of this target (it is writing the same brief)."""


def staging_folder(target: str | os.PathLike[str]) -> Path:
    """A new empty folder beside ``target`` (same parent, so it can be swapped in).

    >>> import tempfile; out = Path(tempfile.mkdtemp())
    >>> staging_folder(out / "2015-W31").name.startswith(".antk-tmp-")
    True
    """
    stage = temp_path(target)
    stage.parent.mkdir(parents=True, exist_ok=True)
    stage.mkdir()
    return stage


@contextlib.contextmanager
def exclusive(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the lock of ``target`` (a hidden ``.antk-lock-NAME`` file beside it) while the
    block runs; raises :class:`FolderLockedError` at once when another process holds it.

    The lock is an ``flock`` on the file (exclusive create where there is no ``flock``), so
    a killed holder releases it with its death; the file itself stays (removing it would
    let two processes lock two different files).

    >>> import tempfile; out = Path(tempfile.mkdtemp())
    >>> with exclusive(out / "2015-W31"):
    ...     pass
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(LOCK_PREFIX + target.name)
    try:
        import fcntl
    except ImportError:  # no flock (Windows): an exclusive create, removed afterwards
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            raise FolderLockedError(
                f"another run is writing {target} (lock {lock}; remove it if no run is)") from None
        try:
            yield lock
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                lock.unlink()
        return
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderLockedError(f"another run is writing {target} right now") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield lock
    finally:
        os.close(fd)  # releases the flock


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one atomic step (Linux ``renameat2``); False when
    the platform or the file system cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _sync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def swap_in(stage: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Put the finished folder ``stage`` at ``target`` as one step; the previous folder (if
    any) goes as a whole. A reader, or a kill at any moment, sees the old set or the new
    set, never a mix: on Linux the two folders are exchanged atomically (``renameat2``);
    elsewhere the old folder is first renamed aside (``.antk-old-…``, put back by
    :func:`recover` if the process dies before the new one is in place).

    >>> import tempfile; out = Path(tempfile.mkdtemp())
    >>> stage = staging_folder(out / "w"); _ = (stage / "brief.html").write_text("<p>١</p>")
    >>> (swap_in(stage, out / "w") / "brief.html").read_text()
    '<p>١</p>'
    """
    stage, target = Path(stage), Path(target)
    _sync_tree(stage)
    if not target.exists():
        os.rename(stage, target)
    elif _exchange(stage, target):
        _fsync_dir(target.parent)
        shutil.rmtree(stage, ignore_errors=True)  # the stage now holds the previous set
    else:
        old = target.with_name(f"{OLD_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{target.name}")
        os.rename(target, old)
        os.rename(stage, target)
        _fsync_dir(target.parent)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(target.parent)
    return target


def recover(target: str | os.PathLike[str]) -> Path | None:
    """After a run died between the two renames of :func:`swap_in` (platforms without an
    atomic exchange): put the previous folder back at ``target``; return it, or None."""
    target = Path(target)
    if target.exists() or not target.parent.is_dir():
        return None
    for path in sorted(target.parent.iterdir()):
        match = _OLD_RE.match(path.name)
        if match and match.group(2) == target.name and not _alive(int(match.group(1))):
            os.rename(path, target)
            return target
    return None
