"""Where the weekly brief's corpus-wide passes run: in the kernel, or on Dask — same tables.

The brief reads its corpus several times: actor mentions (this week and the week before),
reported speech and labels around the mentions, and term counts for keyness (this week
against the 4 weeks before). :class:`BriefPasses` gives the notebook one object for them, so
the notebook reads the same whatever runs them:

- ``dask=""`` (default): one second process (:class:`toolkit.reports.background.Background`)
  analyses each text of the period once and finds its mentions, quotes and labels from that
  analysis (:meth:`BriefPasses.start_speech`); the kernel meanwhile reads the week before,
  finds its mentions, sums the keyness counts the store keeps by week
  (:meth:`BriefPasses.start_store_keyness`) and draws, doing its queued work whenever it
  would otherwise wait. Keyness counted from texts (no store, or weeks not counted yet)
  runs in a third process. Small corpora (fewer than ``BACKGROUND_MIN_DOCS`` documents)
  are computed in the kernel, where starting a process would cost more than it saves;
- ``dask="local"``: on a ``LocalCluster`` of 2 worker processes started for the brief;
- ``dask="tcp://HOST:PORT"``: on that Dask scheduler's workers (they need the toolkit, the
  same version; the documents travel from the kernel).

Every route returns the tables of the serial functions (``toolkit.actors.find_mentions``,
``quotes``, ``labels``, ``toolkit.frequency.keyness``), equal frame for frame: the same code
runs on the same input, only elsewhere.

>>> passes = BriefPasses()                                      # doctest: +SKIP
>>> key_job = passes.start_keyness(target, reference, min_count=3)  # doctest: +SKIP
>>> speech = passes.start_speech(target, actors)               # doctest: +SKIP
>>> mentions = speech.mentions.result()                        # doctest: +SKIP
>>> key = key_job.result()                                     # doctest: +SKIP
>>> kwic_job = passes.start_kwic(target, key["term"][0], window=8)  # doctest: +SKIP
>>> said = speech.quotes.result()                              # doctest: +SKIP
>>> passes.close()                                             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import re
import socket
from concurrent.futures import Future
from datetime import timedelta
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

    def run(self) -> None:
        """Compute the result now (an error is kept for :meth:`result`; an interrupt goes on)."""
        with contextlib.suppress(Exception):
            self.result()


class _Job:
    """A background job whose :meth:`result`, while the job is not done, first runs the
    kernel's own queued work (``idle``: deferred jobs, oldest first): the kernel's wait for
    a background process is spent on work instead of sleeping."""

    def __init__(self, future: Future, idle: list[_Deferred]) -> None:
        self._future = future
        self._idle = idle

    def result(self, timeout: float | None = None) -> Any:
        while self._idle and not self._future.done():
            self._idle.pop(0).run()
        return self._future.result(timeout)

    def done(self) -> bool:
        return self._future.done()


# ------------------------------------------------------------------------- the speech process
#: values kept in the speech process between its jobs (the period's corpus, the actors and
#: the mentions), so that they travel once
_KEPT: dict[str, Any] = {}


def _speech_mentions(corpus: Any, actors: Any) -> Any:
    """(In the speech process.) ``find_mentions(corpus, actors)``, after every text of the
    corpus is analysed once into the per-text cache that quotes and labels read (tokens and
    sentences; the mentions take their sentence numbers from it); the corpus, the actors
    and the mentions are kept for :func:`_kept_quotes` and :func:`_kept_labels`."""
    from toolkit.actors import find_mentions
    from toolkit.actors._speech import columns, paused_gc

    with paused_gc():
        for text in corpus.frame["text"].tolist():
            if isinstance(text, str) and text:
                columns(text)
    mentions = find_mentions(corpus, actors)
    _KEPT.clear()
    _KEPT.update(corpus=corpus, actors=actors, mentions=mentions)
    return mentions


def _store_speech_mentions(
    store: str, start: Any, end: Any, sources: Any, actors: str | None
) -> Any:
    """(In the speech process.) :func:`_speech_mentions` of the documents ``store`` holds
    from ``start`` to ``end`` (of ``sources``), with the actor dictionary at ``actors``
    (the bundled one when None), both read here."""
    from toolkit.actors import load_actors, load_default_actors
    from toolkit.corpus.store import Store

    with Store(store) as db:
        corpus = db.read(start=start, end=end, sources=sources)
    return _speech_mentions(corpus, load_actors(actors) if actors else load_default_actors())


def _kept_quotes() -> Any:
    """(In the speech process.) ``quotes`` of the kept corpus, with the kept mentions."""
    from toolkit.actors import quotes

    return quotes(_KEPT["corpus"], _KEPT["actors"], mentions=_KEPT["mentions"])


def _kept_labels() -> Any:
    """(In the speech process.) ``labels`` of the kept corpus and mentions (an empty frame
    when nothing is mentioned)."""
    import pandas as pd

    from toolkit.actors import labels

    mentions = _KEPT["mentions"]
    return labels(_KEPT["corpus"], mentions) if len(mentions) else pd.DataFrame()


class Speech:
    """The three passes over the period's texts that read actors: ``mentions``, ``quotes``
    and ``labels``, each a job (``.result()``); see :meth:`BriefPasses.start_speech`."""

    def __init__(self, mentions: Any, quotes: Any, labels: Any) -> None:
        self.mentions, self.quotes, self.labels = mentions, quotes, labels


def _labels_of(corpus: Any, mentions_job: Any) -> Any:
    import pandas as pd

    from toolkit.actors import labels

    mentions = mentions_job.result()
    return labels(corpus, mentions) if len(mentions) else pd.DataFrame()


def _quotes_of(corpus: Any, actors: Any, mentions_job: Any) -> Any:
    from toolkit.actors import quotes

    return quotes(corpus, actors, mentions=mentions_job.result())


def _dask_keyness(target: Any, reference: Any, client: Any, **options: Any) -> Any:
    """``keyness(target, reference, **options)`` from term counts computed on Dask.

    One ``toolkit.scale.term_frequencies`` pass over both corpora, grouped by side, with
    every term kept (its sums are the sides' totals, stopwords included, as ``keyness``
    counts them) and written forms merged over both sides; then the serial reduce-side
    :func:`toolkit.frequency.keyness_table`.
    """
    import pandas as pd

    from toolkit import scale
    from toolkit.corpus import Corpus
    from toolkit.frequency.key_terms import keyness_table
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
        self._idle: list[_Deferred] = []  # kernel work run while it waits for a background job
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
        """Start the background process of quotes and labels now, if ``documents`` (the size
        of the period's corpus) calls for it: its imports then overlap the kernel's own work,
        and quotes and labels, started once the mentions are found, begin at once. (The
        keyness process starts with its job, at once too, when term counts are needed.)

        >>> with BriefPasses() as passes:
        ...     passes.prepare(10)  # a small corpus: everything stays in the kernel
        ...     passes.where
        'kernel'
        """
        if self._wanted(documents):
            self._lane("speech")

    def _submit(self, lane: str, fn: Any, *args: Any, **kwargs: Any) -> _Job:
        return _Job(self._lane(lane).submit(fn, *args, **kwargs), self._idle)

    def _start(self, lane: str, documents: int, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in the lane's background process, or deferred here."""
        if not self._wanted(documents):
            return _Deferred(fn, *args, **kwargs)
        return self._submit(lane, fn, *args, **kwargs)

    def _when_idle(self, fn: Any, *args: Any, **kwargs: Any) -> _Deferred:
        """``fn(*args, **kwargs)`` in this kernel: while it waits for a background job, or
        when its result is asked for, whichever comes first."""
        job = _Deferred(fn, *args, **kwargs)
        self._idle.append(job)
        return job

    def find_mentions(self, corpus: Any, actors: Any) -> Any:
        """``toolkit.actors.find_mentions(corpus, actors)`` (columns: see DESIGN.md)."""
        if self._client is not None:
            from toolkit import scale

            return scale.find_mentions(corpus, actors, client=self._client)
        from toolkit.actors import find_mentions

        return find_mentions(corpus, actors)

    def start_speech(self, corpus: Any, actors: Any) -> Speech:
        """Start the mentions, quotes and labels of ``corpus`` (the period) at once; return
        their jobs (:class:`Speech`), equal to ``find_mentions(corpus, actors)``,
        ``quotes(corpus, actors, mentions=...)`` and ``labels(corpus, mentions)`` (an empty
        frame when nothing is mentioned).

        For a large corpus all three run one after the other in the speech process, which
        analyses each text once for the three (tokens, sentences; the corpus travels once).
        While the kernel waits for them it does its own queued work (the keyness from stored
        counts, the previous week's mentions, the KWIC lines). On Dask,
        mentions and quotes run there and the labels here; for a small corpus all three run
        here, when asked for.

        >>> from toolkit.actors import load_default_actors
        >>> from toolkit.corpus import sample
        >>> with BriefPasses() as passes:
        ...     speech = passes.start_speech(sample(), load_default_actors())
        ...     len(speech.mentions.result()) > 0, len(speech.quotes.result()) > 0
        (True, True)
        """
        if self._wanted(len(corpus)):
            return Speech(self._submit("speech", _speech_mentions, corpus, actors),
                          self._submit("speech", _kept_quotes),
                          self._submit("speech", _kept_labels))
        if self._client is not None:
            mentions = _Deferred(self.find_mentions, corpus, actors)
            return Speech(mentions, self.start_quotes(corpus, actors),
                          _Deferred(_labels_of, corpus, mentions))
        from toolkit.actors import find_mentions

        mentions = _Deferred(find_mentions, corpus, actors)
        return Speech(mentions, _Deferred(_quotes_of, corpus, actors, mentions),
                      _Deferred(_labels_of, corpus, mentions))

    def start_speech_from_store(
        self, store: str, period: Any, sources: Any = (), actors: str = ""
    ) -> Speech | None:
        """:meth:`start_speech` of the documents ``store`` holds for ``period`` (of
        ``sources``), with the actor dictionary at ``actors`` (empty: the bundled one),
        when the period is large enough for the speech process: that process reads the
        documents and the dictionary itself, so it starts its work while this kernel still
        imports and reads its own copy. ``None`` otherwise (start them from the corpus).

        >>> with BriefPasses() as passes:  # doctest: +SKIP
        ...     speech = passes.start_speech_from_store("news.sqlite", period)
        """
        if self._client is not None or period.start is None:
            return None
        from toolkit.corpus.store import Store

        sources = list(sources) or None
        with Store(store) as db:
            size = db.count(start=period.start, end=period.end, sources=sources)
        if not size or not self._wanted(size):
            return None
        return Speech(
            self._submit("speech", _store_speech_mentions, store, period.start, period.end,
                         sources, actors or None),
            self._submit("speech", _kept_quotes),
            self._submit("speech", _kept_labels),
        )

    def when_idle(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in this kernel, as a job: run while the kernel waits for a
        background job, or when its result is asked for, whichever comes first.

        >>> with BriefPasses() as passes:
        ...     passes.when_idle(divmod, 17, 5).result()
        (3, 2)
        """
        return self._when_idle(fn, *args, **kwargs)

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

    def start_store_keyness(
        self, store: str, period: Any, weeks_before: int, sources: Any = (), **options: Any
    ) -> tuple[Any, bool | None]:
        """Start the keyness of ``period`` against the ``weeks_before`` weeks before it from
        the term counts ``store`` keeps by week and source
        (:func:`toolkit.frequency.week_counts.store_keyness`, the same table as
        :meth:`start_keyness` on the corpora read from the store); return ``(job, whether
        the reference weeks hold documents)``, or ``(None, None)`` when this route does not
        apply (a period that is not made of whole ISO weeks, or Dask). Counts already
        stored are summed in this kernel when the job's result is asked for (a second or
        less); weeks still to count are counted in the keyness process, which stores them
        for the next brief.
        """
        weeks = period.weeks() if period.start else None
        before = period.previous(weeks_before).weeks() if weeks else None
        if self._client is not None or not weeks or not before:
            return None, None
        from toolkit.corpus.store import Store
        from toolkit.frequency.week_counts import stale_weeks, store_keyness

        sources = list(sources) or None
        with Store(store) as db:
            start, end = period.previous(weeks_before).start, period.end
            has_reference = db.count(start=start, end=period.start - timedelta(days=1),
                                     sources=sources) > 0
            size = db.count(start=start, end=end, sources=sources)
            stale = stale_weeks(db, weeks + before, preset=options.get("preset", "search"))
        if not has_reference:
            return None, False
        if not stale or not self._wanted(size):
            return self._when_idle(store_keyness, store, weeks, before, sources=sources,
                                   **options), True
        return self._submit("counts", store_keyness, store, weeks, before, sources=sources,
                            **options), True

    def start_kwic(self, corpus: Any, pattern: str, **options: Any) -> Any:
        """Start ``toolkit.frequency.kwic(corpus, pattern, **options)``; return a job (in
        the process of the keyness, idle by then, or, when keyness came from stored counts,
        in this kernel while it waits: the lines are ready when their section is reached,
        instead of being searched at the end of the brief)."""
        from toolkit.frequency import kwic

        if "counts" not in self._lanes and self._wanted(len(corpus)):
            return self._when_idle(kwic, corpus, pattern, **options)
        return self._start("counts", len(corpus), kwic, corpus, pattern, **options)

    def close(self) -> None:
        """Stop the background processes, or disconnect from Dask (closing a local cluster)."""
        self._idle.clear()
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
