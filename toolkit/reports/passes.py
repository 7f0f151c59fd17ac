"""Where the weekly brief's corpus-wide passes run: in the kernel, or on Dask — same tables.

The brief reads its corpus several times: actor mentions (this week and the week before),
reported speech and labels around the mentions, and term counts for keyness (this week
against the 4 weeks before). :class:`BriefPasses` gives the notebook one object for them, so
the notebook reads the same whatever runs them:

- ``dask=""`` (default): the kernel finds the mentions; keyness, and quotes + labels, each
  start in a second process (:class:`toolkit.reports.background.Background`) as soon as
  their inputs exist, and are collected in their sections. On two cores the three streams
  of work (kernel ≈ mentions, charts; keyness; quotes + labels, which share a per-text cache,
  so they share a process) keep both cores busy. Small corpora (fewer than
  ``BACKGROUND_MIN_DOCS`` documents) are computed in the kernel, where starting a process
  would cost more than it saves;
- ``dask="local"``: on a ``LocalCluster`` of 2 worker processes started for the brief;
- ``dask="tcp://HOST:PORT"``: on that Dask scheduler's workers (they need the toolkit, the
  same version; the documents travel from the kernel).

Every route returns the tables of the serial functions (``toolkit.actors.find_mentions``,
``quotes``, ``labels``, ``toolkit.frequency.keyness``), equal frame for frame: the same code
runs on the same input, only elsewhere.

>>> passes = BriefPasses()                                      # doctest: +SKIP
>>> key_job = passes.start_keyness(target, reference, min_count=3)  # doctest: +SKIP
>>> mentions = passes.find_mentions(target, actors)            # doctest: +SKIP
>>> quotes_job = passes.start_quotes(target, actors, mentions)  # doctest: +SKIP
>>> key = key_job.result()                                     # doctest: +SKIP
>>> kwic_job = passes.start_kwic(target, key["term"][0], window=8)  # doctest: +SKIP
>>> passes.close()                                             # doctest: +SKIP
"""

from __future__ import annotations

import re
import socket
from concurrent.futures import Future
from typing import Any

#: what ``dask`` may be: empty (no Dask), ``local``, or a scheduler address
LOCAL = "local"
_ADDRESS = re.compile(
    r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[^\]]+\]|[^:/\s]+)(?::(?P<port>\d+))?/?$"
)
#: seconds to wait for a scheduler to accept a connection before calling it unreachable
CONNECT_TIMEOUT_S = 5.0
#: below this many documents a pass runs in the kernel: a process start costs ~3 s of CPU
BACKGROUND_MIN_DOCS = 1000
#: background lanes (one process each): the modules each imports on start, and how much
#: lower its priority is than the kernel's (measured on 2 cores: keyness at nice 10 starved
#: and ended last, 4-5 s after the others; at the same priority the lanes end together).
LANES = {"counts": (("toolkit.frequency",), 0), "speech": (("toolkit.actors",), 0)}


def normalize_dask(dask: Any) -> str:
    """``dask`` as ``""`` (no Dask), ``"local"`` or a scheduler address; else ``ValueError``.

    >>> normalize_dask(None), normalize_dask(" Local "), normalize_dask("tcp://10.0.0.5:8786")
    ('', 'local', 'tcp://10.0.0.5:8786')
    >>> normalize_dask("tcp://host")
    Traceback (most recent call last):
    ...
    ValueError: dask='tcp://host' is not valid: give '' (no Dask), 'local' (a LocalCluster of 2 processes) or a scheduler address such as 'tcp://10.0.0.5:8786'
    """
    if dask is None or dask is False:
        return ""
    if dask is True:
        return LOCAL
    if not isinstance(dask, str):
        raise ValueError(f"dask={dask!r} must be a string (a scheduler address or 'local')")
    text = dask.strip()
    if text.lower() in ("", LOCAL):
        return text.lower()
    found = _ADDRESS.match(text)
    if not found or not found.group("port"):
        raise ValueError(
            f"dask={dask!r} is not valid: give '' (no Dask), 'local' (a LocalCluster of 2 "
            "processes) or a scheduler address such as 'tcp://10.0.0.5:8786'"
        )
    return text


def check_scheduler(dask: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Raise ``ConnectionError`` when nothing accepts connections at a scheduler address.

    A quick TCP check, done before a brief runs, so that a wrong address fails at once
    (exit 2 on the command line) instead of in the middle of the notebook. ``""`` and
    ``"local"`` need no check.

    >>> check_scheduler("tcp://127.0.0.1:9")  # doctest: +SKIP
    Traceback (most recent call last):
    ...
    ConnectionError: dask='tcp://127.0.0.1:9': no Dask scheduler answers at this address ...
    """
    dask = normalize_dask(dask)
    if dask in ("", LOCAL):
        return
    found = _ADDRESS.match(dask)
    assert found is not None  # normalize_dask checked it
    scheme = (found.group("scheme") or "tcp").lower()
    if scheme not in ("tcp", "tls"):
        return  # ucx://, ws:// ...: Dask itself reports what it cannot reach
    host = found.group("host").strip("[]")
    try:
        with socket.create_connection((host, int(found.group("port"))), timeout=timeout):
            pass
    except OSError as exc:
        raise ConnectionError(
            f"dask={dask!r}: no Dask scheduler answers at this address ({exc}); start one "
            "with `dask scheduler` and `dask worker ADDRESS`, or use --dask alone for a "
            "local cluster"
        ) from None


class _Deferred:
    """A result computed when first asked for (the Dask route of ``start_keyness``)."""

    def __init__(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self._call = (fn, args, kwargs)
        self._future: Future = Future()

    def result(self, timeout: float | None = None) -> Any:
        if not self._future.done():
            fn, args, kwargs = self._call
            try:
                self._future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                self._future.set_exception(exc)
        return self._future.result(timeout)

    def done(self) -> bool:
        return self._future.done()


def _dask_keyness(target: Any, reference: Any, client: Any, **options: Any) -> Any:
    """``keyness(target, reference, **options)`` from term counts computed on Dask.

    One ``toolkit.scale.term_frequencies`` pass over both corpora, grouped by side, with
    every term kept (its sums are the sides' totals, stopwords included, as ``keyness``
    counts them) and written forms merged over both sides; then the serial reduce-side
    :func:`toolkit.frequency.keyness.keyness_table`.
    """
    import pandas as pd

    from toolkit import scale
    from toolkit.corpus import Corpus
    from toolkit.frequency.keyness import keyness_table
    from toolkit.frequency.terms import dropper, make_options

    measure = options.pop("measure", "g2")
    correction = options.pop("correction", "default")
    min_count = options.pop("min_count", 1)
    opts = make_options(options.pop("options", None), **options)
    side = "__antk_side__"
    both = Corpus(  # the loaded rows, as they are: no second validation
        pd.concat(
            [target.frame.assign(**{side: "t"}), reference.frame.assign(**{side: "r"})],
            ignore_index=True,
        )
    )
    keep_all = make_options(
        preset=opts.preset, clitics=opts.clitics, stopwords=False, kinds=opts.kinds
    )
    freq = scale.term_frequencies(both, by=side, options=keep_all, client=client)
    t = freq[freq[side] == "t"]
    r = freq[freq[side] == "r"]
    forms = dict(zip(freq["term"], freq["form"], strict=True)) if "form" in freq else None
    return keyness_table(
        pd.Series(t["count"].to_numpy(), index=t["term"].to_numpy()),
        pd.Series(r["count"].to_numpy(), index=r["term"].to_numpy()),
        int(t["count"].sum()),
        int(r["count"].sum()),
        measure=measure,
        correction=correction,
        min_count=min_count,
        drop=dropper(opts),
        forms=forms,
    )


class BriefPasses:
    """The brief's corpus-wide passes, run in the kernel (+ background processes) or on Dask.

    ``dask``: ``""`` (the kernel, with background processes), ``"local"`` (a LocalCluster of
    2 worker processes, closed by :meth:`close`) or a scheduler address. ``background``
    (with ``dask=""``): ``None`` = background processes for inputs of at least
    ``BACKGROUND_MIN_DOCS`` documents, ``True`` = always, ``False`` = never (every pass in
    the kernel, computed when its result is asked for). ``start_*`` methods return a job
    whose ``result()`` is the table. Close it at the end (:meth:`close`, or ``with``); a
    kernel that dies takes its background processes and local cluster with it.

    >>> from toolkit.corpus import sample
    >>> from toolkit.actors import load_default_actors
    >>> with BriefPasses() as passes:
    ...     m = passes.find_mentions(sample(), load_default_actors())
    ...     said = passes.start_quotes(sample(), load_default_actors(), m).result()
    >>> "haftar" in set(m["actor_id"]) and passes.where
    'kernel'
    """

    def __init__(self, dask: str = "", *, background: bool | None = None) -> None:
        self.dask = normalize_dask(dask)
        if background not in (None, True, False):
            raise ValueError(f"background={background!r} must be None (auto), True or False")
        self.background = background
        self._lanes: dict[str, Any] = {}
        self._client = None
        self._connection = None
        if self.dask:
            from toolkit.scale import connect

            self._connection = connect(None if self.dask == LOCAL else self.dask)
            self._client = self._connection.__enter__()

    @property
    def where(self) -> str:
        """Where the passes ran (for the provenance block)."""
        if self.dask == LOCAL:
            return "Dask LocalCluster (2 processes)"
        if self.dask:
            return f"Dask {self.dask}"
        if self._lanes:
            return f"kernel + {len(self._lanes)} background process(es)"
        return "kernel"

    def _wanted(self, documents: int) -> bool:
        if self._client is not None:
            return False
        if self.background is None:
            return documents >= BACKGROUND_MIN_DOCS
        return self.background

    def _lane(self, lane: str) -> Any:
        worker = self._lanes.get(lane)
        if worker is None:
            from toolkit.reports.background import Background

            preload, nice = LANES[lane]
            worker = self._lanes[lane] = Background(preload=preload, nice=nice)
        return worker

    def prepare(self, documents: int) -> None:
        """Start every background process now, if ``documents`` (the size of the period's
        corpus) calls for them: their imports then overlap the kernel's own work, and the
        passes started later (quotes and labels, once the mentions are found) begin at once.

        >>> with BriefPasses() as passes:
        ...     passes.prepare(10)  # a small corpus: everything stays in the kernel
        ...     passes.where
        'kernel'
        """
        if self._wanted(documents):
            for lane in LANES:
                self._lane(lane)

    def _start(self, lane: str, documents: int, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in the lane's background process, or deferred here."""
        if not self._wanted(documents):
            return _Deferred(fn, *args, **kwargs)
        return self._lane(lane).submit(fn, *args, **kwargs)

    def find_mentions(self, corpus: Any, actors: Any) -> Any:
        """``toolkit.actors.find_mentions(corpus, actors)`` (columns: see DESIGN.md)."""
        if self._client is not None:
            from toolkit import scale

            return scale.find_mentions(corpus, actors, client=self._client)
        from toolkit.actors import find_mentions

        return find_mentions(corpus, actors)

    def start_quotes(self, corpus: Any, actors: Any, mentions: Any = None) -> Any:
        """Start ``toolkit.actors.quotes(corpus, actors, mentions=mentions)``; return a job."""
        if self._client is not None:
            from toolkit import scale

            return _Deferred(scale.quotes, corpus, actors, client=self._client)
        from toolkit.actors import quotes

        return self._start("speech", len(corpus), quotes, corpus, actors, mentions=mentions)

    def start_labels(self, corpus: Any, mentions: Any) -> Any:
        """Start ``toolkit.actors.labels(corpus, mentions)``; return a job (in the process
        of the quotes: they share the per-text analysis of the corpus)."""
        from toolkit.actors import labels

        return self._start("speech", len(corpus), labels, corpus, mentions)

    def term_frequencies(self, corpus: Any) -> Any:
        """``toolkit.frequency.term_frequencies(corpus)``."""
        if self._client is not None:
            from toolkit import scale

            return scale.term_frequencies(corpus, client=self._client)
        from toolkit.frequency import term_frequencies

        return term_frequencies(corpus)

    def start_keyness(self, target: Any, reference: Any, **options: Any) -> Any:
        """Start ``toolkit.frequency.keyness(target, reference, **options)``; return a job
        (term counts on Dask when ``dask`` is set)."""
        if self._client is not None:
            return _Deferred(_dask_keyness, target, reference, self._client, **options)
        from toolkit.frequency import keyness

        size = len(target) + len(reference)
        return self._start("counts", size, keyness, target, reference, **options)

    def start_kwic(self, corpus: Any, pattern: str, **options: Any) -> Any:
        """Start ``toolkit.frequency.kwic(corpus, pattern, **options)``; return a job (in
        the process of the keyness, idle by then: the lines are ready when their section
        is reached, instead of being searched at the end of the brief)."""
        from toolkit.frequency import kwic

        return self._start("counts", len(corpus), kwic, corpus, pattern, **options)

    def close(self) -> None:
        """Stop the background processes, or disconnect from Dask (closing a local cluster)."""
        lanes, self._lanes = self._lanes, {}
        for worker in lanes.values():
            worker.close()
        connection, self._connection, self._client = self._connection, None, None
        if connection is not None:
            connection.__exit__(None, None, None)

    def __enter__(self) -> BriefPasses:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
