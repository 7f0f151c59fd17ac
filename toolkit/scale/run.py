"""Running a map over partitions on Dask: submit, report progress, merge as results arrive.

Results are pulled to the client one partition at a time and folded into the reduce at
once, so the client holds the merged table and one partition's result, never the corpus.
A task whose worker dies is re-run by the scheduler (up to its ``allowed-failures``); a task
that raises is retried ``retries`` times; after that the whole call fails with
:class:`ScaleError` naming the partition, and no table is returned.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from toolkit.scale.cluster import connect
from toolkit.scale.partitions import Partition
from toolkit.scale.tasks import PartResult

#: ``progress(done, total, label)`` after each partition
Progress = Callable[[int, int, str], Any]


class ScaleError(RuntimeError):
    """A distributed run failed; the message names the partition and the cause."""


def _check_retries(retries: int) -> int:
    if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
        raise ValueError(f"retries={retries!r} must be an integer >= 0")
    return retries


def run_partitions(
    partitions: Sequence[Partition],
    fn: Callable[..., PartResult],
    args: tuple = (),
    *,
    fold: Callable[[int, Any], None],
    client: Any = None,
    retries: int = 2,
    progress: Progress | None = None,
) -> int:
    """Run ``fn(partition, *args)`` for every partition on Dask; ``fold(index, value)`` each
    result on the client as it arrives. Returns the number of documents read.

    Raises :class:`ScaleError` when a partition fails for good, and when a document id
    occurs in two partitions (the serial loader would have renamed or refused the second).
    """
    retries = _check_retries(retries)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress={progress!r} must be a callable progress(done, total, label)")
    parts = list(partitions)
    if not parts:
        return 0
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:12]
    name = getattr(fn, "__name__", "map")
    # largest partitions first, so that no worker is left alone with a big one at the end
    order = sorted(range(len(parts)), key=lambda i: -_size(parts[i]))
    with connect(client) as c:
        futures: list[Any] = [None] * len(parts)
        for i in order:
            futures[i] = c.submit(
                fn, parts[i], *args, key=f"antk-{name}-{run_id}-{i}", retries=retries, pure=False
            )
        index = {f.key: i for i, f in enumerate(futures)}
        ids: list[np.ndarray] = []
        skipped: list[tuple] = []
        documents = 0
        done = 0
        try:
            for fut in as_completed(futures):
                i = index[fut.key]
                try:
                    res = fut.result()
                except Exception as exc:
                    where = f"partition {parts[i].label!r} ({i + 1} of {len(parts)})"
                    if _worker_failure(exc):
                        raise ScaleError(
                            f"{where} failed: {type(exc).__name__}: {exc}; the worker running "
                            "it died repeatedly (killed, out of memory?); no table was returned"
                        ) from exc
                    # the same error as the serial path (bad input stays bad input), located
                    exc.add_note(
                        f"toolkit.scale: raised in {where} after retries={retries}; "
                        "no table was returned"
                    )
                    raise
                fut.release()
                futures[i] = None  # type: ignore[call-overload]
                fold(i, res.value)
                ids.append(res.ids)
                skipped.extend(res.skipped)
                documents += res.documents
                done += 1
                if progress is not None:
                    progress(done, len(parts), parts[i].label)
        finally:
            pending = [f for f in futures if f is not None]
            if pending:
                c.cancel(pending)
    _check_ids(ids, parts)
    if skipped:
        warnings.warn(
            f"skipped {len(skipped)} bad record{'s' * (len(skipped) != 1)} across "
            f"{len(parts)} partitions, e.g. {skipped[0][0]}, line {skipped[0][1]}: {skipped[0][2]}",
            UserWarning,
            stacklevel=3,
        )
    return documents


def _size(part: Partition) -> int:
    """A cheap estimate of a partition's work: its bytes on disk, else 0 (keeps its place)."""
    start, end = getattr(part, "start", None), getattr(part, "end", None)
    if isinstance(start, int) and isinstance(end, int):
        return end - start
    path = getattr(part, "path", None)
    if isinstance(path, str):
        try:
            return os.path.getsize(path)
        except OSError:
            return 0
    return 0


def _worker_failure(exc: BaseException) -> bool:
    from distributed.scheduler import KilledWorker

    return isinstance(exc, KilledWorker)


def _check_ids(ids: list[np.ndarray], parts: Sequence[Partition]) -> None:
    if not ids:
        return
    allids = np.concatenate(ids)
    uniq, counts = np.unique(allids, return_counts=True)
    if len(uniq) == len(allids):
        return
    n = int((counts > 1).sum())
    raise ScaleError(
        f"{n} document id(s) occur in more than one partition: read as one corpus they "
        "would be renamed (generated ids) or refused (given ids), so the tables could "
        "differ from the serial path; give the documents distinct ids, or load them into one "
        f"Corpus and pass that (partitions: {', '.join(p.label for p in parts[:5])}...)"
    )
