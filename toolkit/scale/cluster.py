"""Where the work runs: a Dask ``Client`` from a Client, a scheduler address or a local cluster.

``client=None`` starts a private ``LocalCluster`` (2 worker processes, 1 thread each) for
the duration of one call and closes it afterwards; a ``Client`` is used as is and left open;
a string is a scheduler address (``"tcp://10.0.0.5:8786"``) connected to for one call.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: the default local cluster: 2 worker processes, 1 thread each (pure-Python work holds the GIL)
LOCAL_WORKERS = 2
#: what ``--dask`` without an address means on the command line
LOCAL = "local"
#: Dask settings of the local cluster. Its tasks are few and long (a partition each), and
#: nobody watches a dashboard: the monitors that sample every few milliseconds (the
#: statistical profiler of each worker, the event-loop tick, the GIL and system monitors)
#: would take about 0.15 s of CPU per second of the run from the 2 cores that do the
#: work; here they take about 0.02 s (bench: an idle cluster, 20 s).
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def _client_class():
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "toolkit.scale needs dask.distributed: pip install 'dask[distributed]'"
        ) from exc
    return Client


def local_cluster(n_workers: int = LOCAL_WORKERS, **kwargs: Any):
    """A ``LocalCluster`` of ``n_workers`` processes with one thread each (no dashboard),
    whose workers import the toolkit as they start; the frequent monitors are slowed down
    (``LOCAL_CONFIG``). ``kwargs`` go to ``LocalCluster``.

    >>> cluster = local_cluster()  # doctest: +SKIP
    """
    import dask
    from distributed import LocalCluster

    if not isinstance(n_workers, int) or n_workers < 1:
        raise ValueError(f"n_workers={n_workers!r} must be an integer >= 1")
    options = {
        "n_workers": n_workers,
        "processes": True,
        "threads_per_worker": 1,
        "dashboard_address": None,
        # each worker imports the toolkit while the cluster starts (pandas, pyarrow, the
        # lexicons: ~1.5 s of CPU per worker), not in the middle of the first task
        "preload": ["toolkit.scale.tasks"],
    }
    options.update(kwargs)
    with dask.config.set(LOCAL_CONFIG):  # read as the scheduler and the workers start
        # and in each worker's spec: a nanny the cluster starts later (to replace one that
        # gave up on a dying worker) is made outside this block
        options.setdefault("config", copy.deepcopy(dask.config.config))
        return LocalCluster(**options)


@contextmanager
def connect(client: Any = None) -> Iterator[Any]:
    """Yield a ``distributed.Client`` for ``client`` (a Client, an address string or None).

    What this context opened (a connection to an address, a local cluster) it closes;
    a Client passed in stays open.

    >>> with connect("tcp://127.0.0.1:8786") as c:  # doctest: +SKIP
    ...     c.scheduler_info()["workers"]
    """
    Client = _client_class()
    if isinstance(client, Client):
        yield client
        return
    if client is None or (isinstance(client, str) and client.strip().lower() in ("", LOCAL)):
        cluster = local_cluster()
        try:
            with Client(cluster) as c:
                yield c
        finally:
            cluster.close()
        return
    if isinstance(client, str):
        try:
            c = Client(client.strip(), timeout="20s")
        except OSError as exc:
            raise ConnectionError(
                f"client={client!r}: no Dask scheduler answers at this address ({exc}); "
                "start one with `dask scheduler` and `dask worker ADDRESS`, or pass "
                "client=None for a local cluster"
            ) from None
        try:
            yield c
        finally:
            c.close()
        return
    raise TypeError(
        f"client={client!r} ({type(client).__name__}) is not accepted: give a "
        "distributed.Client, a scheduler address such as 'tcp://host:8786', or None "
        "(a local cluster of 2 worker processes)"
    )


@contextmanager
def cli_client(address_or_none: str | None) -> Iterator[Any]:
    """The Client behind ``antk ... --dask [ADDRESS]``: an address, or ``local``/None.

    ``--dask`` alone (``"local"``) or None starts a local cluster of 2 worker processes.

    >>> with cli_client("tcp://scheduler:8786") as client:  # doctest: +SKIP
    ...     freq = term_frequencies(paths, client=client)
    """
    with connect(address_or_none) as c:
        yield c
