"""Run a slow, independent step of a notebook in a second Python process while the notebook goes on.

A weekly brief's keyness pass (term counts of the week and of the 4 weeks before) needs
nothing the other sections compute, so on a machine with two cores it can run beside them:

>>> from toolkit.frequency import keyness
>>> bg = Background(preload=("toolkit.frequency",))        # doctest: +SKIP
>>> job = bg.submit(keyness, target, reference, min_count=3)  # doctest: +SKIP
>>> # ... mentions, quotes, labels meanwhile ...
>>> key = job.result()                                     # doctest: +SKIP
>>> bg.close()                                             # doctest: +SKIP

The result is the very table the function returns when called in the notebook (same code,
same arguments; arguments and results travel pickled). Rules and guarantees:

- one worker process, started with ``spawn`` (``forkserver`` is not needed: a kernel has
  threads, so plain ``fork`` is unsafe); jobs run one after the other, in submission order;
- the function must be importable by name (``toolkit.frequency.keyness``, not a lambda or a
  function defined in the notebook); its exception is raised again by ``job.result()``;
- ``preload`` modules are imported by the worker as soon as it starts, while the notebook
  imports its own: the first job does not pay for them;
- clean shutdown: :meth:`Background.close` (also ``with Background() as bg:``, and at exit of
  the interpreter) cancels what is queued and terminates a running job; the worker also
  exits by itself when the process that started it dies (a kernel killed after a failing
  cell), so no orphan keeps a core busy;
- the worker dying (killed, out of memory) makes every pending ``result()`` raise
  :class:`BackgroundError` instead of waiting forever.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import itertools
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

#: how often the worker checks that the process that started it is alive (seconds)
PARENT_CHECK_S = 0.5
#: start method of the worker process (``spawn`` works on every platform and in kernels)
START_METHOD = "spawn"


class BackgroundError(RuntimeError):
    """The background worker died, was closed, or raised an exception it could not send back."""


class RemoteTraceback(Exception):
    """The worker's traceback, chained as the cause of a job's exception (for debugging)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return "\n\n" + self.text


# ---------------------------------------------------------------------------------- worker side


def _watch_parent(parent_pid: int) -> None:
    """Exit this process as soon as its parent is gone (re-parented to init or a subreaper)."""
    while True:
        time.sleep(PARENT_CHECK_S)
        if os.getppid() != parent_pid:
            os._exit(1)


def _receive(conn: Any, inbox: queue.Queue) -> None:
    """Read requests while the main thread computes, so a sender never blocks on a busy worker."""
    try:
        while True:
            inbox.put(conn.recv())
    except (EOFError, OSError):
        inbox.put(None)


def _serve(conn: Any, parent_pid: int, preload: Sequence[str], nice: int = 0) -> None:
    """The worker's main loop: run ``(job_id, pickled call)`` requests in order."""
    # an interrupt (Ctrl-C, Jupyter's "interrupt kernel", a kernel shutdown) goes to the whole
    # process group: it is the caller's to handle; the worker stops only by close() or with
    # its parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    # requests are read from the start, so that a caller sending a large job while this
    # process still imports goes on at once instead of waiting on a full pipe
    inbox: queue.Queue = queue.Queue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    for name in preload:
        with contextlib.suppress(ImportError):  # the job itself will report a missing module
            importlib.import_module(name)
    while True:
        request = inbox.get()
        if request is None:
            return
        job_id, payload = request
        trace = ""
        try:
            fn, args, kwargs = pickle.loads(payload)
            ok, value = True, fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - sent back and raised by result()
            ok, value = False, exc
            trace = "".join(traceback.format_exception(exc)).strip()
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the result or the exception does not pickle
            text = "".join(traceback.format_exception(exc)).strip()
            ok, data = (
                False,
                pickle.dumps(BackgroundError(f"could not send the result back: {text}")),
            )
        conn.send((job_id, ok, data, trace))


# ---------------------------------------------------------------------------------- caller side
# (module functions, not methods: the threads must not keep a Background alive, so that an
# unreferenced one is garbage-collected and its finalizer stops the worker)


def _fail_pending(pending: dict[int, Future], lock: Any, process: Any, state: dict) -> None:
    with lock:
        futures = list(pending.values())
        pending.clear()
    if not futures:
        return
    process.join(1)
    why = "it was closed" if state["closed"] else f"it exited (code {process.exitcode})"
    for future in futures:
        if not future.done():
            future.set_exception(
                BackgroundError(f"the background worker stopped before the job ended: {why}")
            )


def _collect(conn: Any, pending: dict[int, Future], lock: Any, process: Any, state: dict) -> None:
    """Resolve futures as replies arrive; on a dead worker, fail every pending future."""
    try:
        while True:
            job_id, ok, data, trace = conn.recv()
            with lock:
                future = pending.pop(job_id, None)
            if future is None or future.done():
                continue
            try:
                value = pickle.loads(data)
            except Exception as exc:  # e.g. an exception class the caller cannot import
                ok, value = False, BackgroundError(f"could not read the job's reply: {exc!r}")
            if ok:
                future.set_result(value)
            else:
                if trace and isinstance(value, BaseException):
                    value.__cause__ = RemoteTraceback(trace)
                future.set_exception(value)
    except (EOFError, OSError):
        pass
    _fail_pending(pending, lock, process, state)


def _qualified_name(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


class Background:
    """One worker process that runs submitted functions while the caller goes on.

    ``preload``: modules the worker imports as soon as it starts. ``nice``: how much lower
    the worker's scheduling priority is than the caller's (``os.nice``; 0 = the same): a
    worker whose results are needed late yields the cores to the work that is needed first.
    The worker starts at construction (so its imports overlap the caller's).
    :meth:`submit` returns a ``concurrent.futures.Future``.

    >>> with Background() as bg:
    ...     job = bg.submit(divmod, 17, 5)
    ...     job.result(timeout=60)
    (3, 2)
    >>> from toolkit.text import normalize
    >>> with Background(preload=("toolkit.text",)) as bg:
    ...     bg.submit(normalize, "إلى").result(timeout=60)
    'الي'
    """

    def __init__(
        self, preload: Sequence[str] = (), *, nice: int = 0, start_method: str = START_METHOD
    ) -> None:
        if isinstance(preload, str):
            preload = (preload,)
        if not isinstance(nice, int) or isinstance(nice, bool) or not 0 <= nice <= 19:
            raise ValueError(f"nice={nice!r} must be an integer from 0 to 19")
        ctx = multiprocessing.get_context(start_method)
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(
            target=_serve,
            args=(child, os.getpid(), tuple(preload), nice),
            name="antk-background",
            daemon=True,  # terminated by multiprocessing at the caller's exit, never joined
        )
        self._process.start()
        child.close()
        self._ids = itertools.count()
        self._pending: dict[int, Future] = {}
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._state = {"closed": False}
        self._reader = threading.Thread(
            target=_collect,
            args=(self._conn, self._pending, self._lock, self._process, self._state),
            name="antk-background-results",
            daemon=True,
        )
        self._reader.start()
        self._finalizer = weakref.finalize(self, Background._stop, self._process, self._conn)
        atexit.register(self._finalizer)

    # the worker is stopped by a finalizer that holds no reference to self
    @staticmethod
    def _stop(process: Any, conn: Any) -> None:
        with contextlib.suppress(OSError):
            conn.close()
        if process.is_alive():
            process.terminate()
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join(5)

    @property
    def pid(self) -> int | None:
        """Process id of the worker (``None`` before it started)."""
        return self._process.pid

    def alive(self) -> bool:
        """Whether the worker process is running."""
        return self._process.is_alive()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Queue ``fn(*args, **kwargs)`` in the worker; return its ``Future``.

        ``fn`` must be importable by name; ``args`` and ``kwargs`` are pickled now, in the
        caller (a ``TypeError``/``PicklingError`` is raised here, not later).
        """
        if not callable(fn):
            raise TypeError(f"fn={fn!r} is not callable")
        if getattr(fn, "__module__", None) == "__main__" or "<" in getattr(fn, "__qualname__", ""):
            raise TypeError(
                f"fn={_qualified_name(fn)} cannot run in another process: give a function "
                "importable by name (e.g. toolkit.frequency.keyness), not a lambda or a "
                "function defined in the notebook"
            )
        if self._state["closed"]:
            raise BackgroundError("this Background is closed; start a new one")
        if not self._process.is_alive():
            raise BackgroundError(
                f"the background worker is not running (exit code {self._process.exitcode})"
            )
        payload = pickle.dumps((fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        future: Future = Future()
        future.set_running_or_notify_cancel()  # queued jobs are not cancellable: close() is
        job_id = next(self._ids)
        with self._lock:
            self._pending[job_id] = future
        try:
            with self._send_lock:
                self._conn.send((job_id, payload))
        except BaseException:
            with self._lock:
                self._pending.pop(job_id, None)
            raise
        return future

    def close(self) -> None:
        """Stop the worker now: a running job is terminated, pending futures raise
        :class:`BackgroundError`. Safe to call twice."""
        self._state["closed"] = True
        self._finalizer()
        self._reader.join(5)
        _fail_pending(self._pending, self._lock, self._process, self._state)
        atexit.unregister(self._finalizer)

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._state["closed"] else ("running" if self.alive() else "stopped")
        return f"<Background pid={self.pid} {state}, {len(self._pending)} pending>"
