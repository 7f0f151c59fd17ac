"""What a store keeps of each document's analysis, computed once at ingest.

The weekly brief reads, for every document of its weeks, results that never change after
ingest: the actor mentions (:func:`toolkit.actors.find_mentions`), the quotes
(:func:`toolkit.actors.quotes`, from those mentions) and the tidy term counts by ISO week
and source that keyness sums (:func:`toolkit.frequency.week_counts.update_week_counts`). This
module decides what is kept and computes what is stale; :mod:`toolkit.corpus.results`
stores it. (It sits here, after ``actors`` and ``frequency`` in the flow, because it calls
them: the corpus package only stores.)

Each kept table is stamped with a fingerprint of the toolkit's version, the kind and the
actor dictionary's content, so a changed dictionary or version makes every document stale
and :func:`analyse_store` computes them again, saying how many it analysed.

>>> from toolkit.corpus.store import Store
>>> store = Store(":memory:")
>>> _ = store.add([{"id": "a", "text": "وقال حفتر إن الحل سياسي", "date": "2020-01-13"}])
>>> report = analyse_store(store)
>>> report.analysed, kept_mentions(store, week="2020-W03")["actor_id"].tolist()
(1, ['haftar'])
>>> analyse_store(store).analysed
0
"""

from __future__ import annotations

import copy
import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from toolkit import __version__
from toolkit.corpus import Corpus, results
from toolkit.corpus.store import Store

__all__ = ["KINDS", "AnalyseReport", "actors_digest", "analyse_store", "kept_labels",
           "kept_mentions", "kept_quotes", "kept_word_counts", "stamp", "update_week_labels",
           "update_word_counts"]

#: the per-document tables kept in the store
KINDS = ("mentions", "quotes", "labels")
#: the content words of each (ISO week, source) group, by key, for labels (kept with the
#: store's group fingerprints, like the term counts of keyness)
WORDS_PREFIX = "label-words/"
WORDS_KIND = f"{WORDS_PREFIX}{__version__}"
#: the ``labels`` table of each whole ISO week (all its sources), computed once from the
#: kept inputs: the brief of one week reads it instead of summing 10,000 documents' inputs
WEEK_LABELS_PREFIX = "week-labels/"
WEEK_LABELS_KIND = f"{WEEK_LABELS_PREFIX}{__version__}"
#: documents analysed (and written) together: one transaction, one chunk per kind
BATCH = 500


def actors_digest(actors: Any) -> str:
    """A hash of a dictionary's content (its name and every actor's fields): two
    dictionaries with the same digest find the same mentions.

    >>> from toolkit.actors import load_default_actors
    >>> actors_digest(load_default_actors()) == actors_digest(load_default_actors())
    True
    """
    # the reprs of the frozen dataclasses show every field, nested roles and memberships
    # too, in a fixed order (a hundredth of the time of asdict + json on the world one)
    text = repr([getattr(actors, "name", ""), list(actors)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(kind: str, actors: Any) -> str:
    """The fingerprint the ``kind`` results of ``actors`` are kept under (toolkit version,
    kind, dictionary content).

    >>> from toolkit.actors import load_default_actors
    >>> stamp("mentions", load_default_actors()) != stamp("quotes", load_default_actors())
    True
    """
    return results.fingerprint(__version__, kind, actors_digest(actors))


def _actors(actors: Any) -> Any:
    from toolkit.actors import load_actors, load_default_actors

    if actors is None or actors == "":
        return load_default_actors()
    if isinstance(actors, str) or hasattr(actors, "__fspath__"):
        return load_actors(actors)
    return actors


def analyse_documents(corpus: Corpus, actors: Any) -> dict[str, pd.DataFrame]:
    """The kept tables of ``corpus``'s documents: ``{"mentions": ..., "quotes": ...,
    "labels": ...}``, the frames of ``find_mentions(corpus, actors)``, ``quotes(corpus,
    actors, mentions=...)`` and ``label_inputs(corpus, mentions, words=False)`` (each
    document's rows depend on that document alone).

    >>> from toolkit.actors import load_default_actors
    >>> from toolkit.corpus import sample
    >>> tables = analyse_documents(sample(), load_default_actors())
    >>> "haftar" in set(tables["mentions"]["actor_id"]), len(tables["quotes"]) > 0
    (True, True)
    """
    from toolkit.actors import find_mentions, quotes
    from toolkit.actors.descriptors import label_inputs

    mentions = find_mentions(corpus, actors)
    return {"mentions": mentions, "quotes": quotes(corpus, actors, mentions=mentions),
            "labels": label_inputs(corpus, mentions, words=False)}


@dataclass
class AnalyseReport:
    """What :func:`analyse_store` did: documents analysed (``analysed``), documents whose
    results were already kept (``kept``), weeks whose term counts were (re)counted."""

    analysed: int = 0
    kept: int = 0
    weeks_counted: int = 0

    def __str__(self) -> str:
        return (f"analysed {self.analysed} document(s) ({self.kept} already kept); "
                f"term counts stored for {self.weeks_counted} week(s)")


def _batches(store: Store, stale: list[tuple[int, str]]) -> Iterator[tuple[list, Corpus]]:
    """The stale documents, ``BATCH`` at a time: ``(rowid, doc_id)`` pairs and a Corpus."""
    for i in range(0, len(stale), BATCH):
        pairs = stale[i:i + BATCH]
        yield pairs, Corpus.from_documents(store.documents([r for r, _d in pairs]))


def analyse_store(
    store: str | Store, actors: Any = None, *, client: Any = None, counts: bool = True,
    weeks: Sequence[str] | None = None,
) -> AnalyseReport:
    """Compute and keep what is stale: the mentions and quotes of every document not yet
    analysed with this toolkit version and this dictionary (``actors``: an ``Actors``, a
    YAML path, or None for the bundled one), and (``counts``) the term counts of the
    weeks whose documents changed. ``client``: a ``distributed.Client`` (or an address,
    ``"local"``) to analyse the batches on Dask; the kernel writes them (one writer).
    Returns an :class:`AnalyseReport`.

    >>> analyse_store("news.sqlite", "libya.yaml")  # doctest: +SKIP
    AnalyseReport(analysed=31030, kept=0, weeks_counted=62)
    """
    db = store if isinstance(store, Store) else Store(store)
    try:
        return _analyse(db, _actors(actors), client, counts, weeks)
    finally:
        if db is not store:
            db.close()


def _analyse(db: Store, actors: Any, client: Any, counts: bool, weeks: Any) -> AnalyseReport:
    stamps = {kind: stamp(kind, actors) for kind in KINDS}
    stale: dict[int, str] = {}
    for kind in KINDS:
        stale.update(results.stale(db, kind, stamps[kind]))
    todo = sorted(stale.items())
    report = AnalyseReport(analysed=len(todo), kept=len(db) - len(todo))

    def keep(pairs: list, tables: dict[str, pd.DataFrame]) -> None:
        for kind in KINDS:
            results.put(db, kind, stamps[kind], pairs, tables[kind])

    if client is None:
        for pairs, corpus in _batches(db, todo):
            keep(pairs, analyse_documents(corpus, actors))
    elif todo:
        _on_dask(db, todo, actors, client, keep)
    if counts:
        from toolkit.frequency.week_counts import update_week_counts

        try:
            report.weeks_counted = update_week_counts(db, weeks)
            update_word_counts(db, weeks)
            update_week_labels(db, actors, weeks)
        except sqlite3.OperationalError:  # a read-only store: nothing kept
            pass
    return report


def update_word_counts(db: Store, weeks: Sequence[str] | None = None) -> int:
    """Count and keep the content words (:func:`toolkit.actors.descriptors.content_word_counts`)
    of every (week, source) group of ``weeks`` (all when None) not kept yet or whose
    documents changed; return how many weeks were counted (one transaction each)."""
    from toolkit.actors.descriptors import content_word_counts

    current = db.week_groups(weeks)
    stored = db.derived(WORDS_KIND, sorted({w for w, _s in current}), values=False)
    stale = sorted({key[0] for key, fp in current.items() if stored.get(key, ("",))[0] != fp})
    for week in stale:
        groups, texts = db.week_snapshot(week)
        by_source: dict[Any, list[str]] = {source: [] for source in groups}
        for source, text in texts:
            by_source[source].append(text)
        db.put_derived(WORDS_KIND, [
            (week, source, fp, results.encode_frame(content_word_counts(by_source[source])))
            for source, fp in groups.items()], replace_kinds=WORDS_PREFIX)
    return len(stale)


def _week_fingerprint(labels_stamp: str, groups: dict) -> str:
    """What a whole week's labels depend on: the dictionary and version (``labels_stamp``)
    and the fingerprint of each of the week's (week, source) groups."""
    parts = [labels_stamp, *(f"{source}={fp}" for (_w, source), fp
                             in sorted(groups.items(), key=lambda kv: str(kv[0][1])))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def update_week_labels(db: Store, actors: Any = None, weeks: Sequence[str] | None = None) -> int:
    """Compute and keep the ``labels`` table of every whole ISO week of ``weeks`` (all when
    None) whose documents or dictionary changed since, from the kept label inputs and
    content words (:func:`kept_labels`); return how many weeks were computed. A week
    whose inputs are not all kept is left for later.

    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "وقال حفتر إن الحل سياسي", "date": "2020-01-13"}])
    >>> analyse_store(store, counts=False).analysed, update_week_labels(store)
    (1, 0)
    >>> _ = update_word_counts(store); update_week_labels(store), update_week_labels(store)
    (1, 0)
    """
    actors = _actors(actors)
    current = db.week_groups(weeks)
    by_week: dict[str, dict] = {}
    for key, fp in current.items():
        by_week.setdefault(key[0], {})[key] = fp
    labels_stamp = stamp("labels", actors)
    stored = db.derived(WEEK_LABELS_KIND, sorted(by_week), values=False)
    done = 0
    for week in sorted(by_week):
        fp = _week_fingerprint(labels_stamp, by_week[week])
        if stored.get((week, None), ("",))[0] == fp:
            continue
        table = kept_labels(db, actors, weeks=[week], sources=None, whole_weeks=False)
        if table is None:
            continue
        db.put_derived(WEEK_LABELS_KIND, [(week, None, fp, results.encode_frame(table))],
                       replace_kinds=WEEK_LABELS_PREFIX)
        done += 1
    return done


def _kept_week_labels(db: Store, actors: Any, week: str) -> pd.DataFrame | None:
    """The kept ``labels`` table of the whole ISO ``week``, or None when it is not kept or
    its documents or dictionary changed since."""
    groups = db.week_groups([week])
    stored = db.derived(WEEK_LABELS_KIND, [week]).get((week, None))
    if not groups or stored is None:
        return None
    if stored[0] != _week_fingerprint(stamp("labels", actors), groups):
        return None
    return results.decode_frame(stored[1])


def kept_word_counts(
    store: Store, weeks: Sequence[str], sources: Sequence[str] | None = None
) -> pd.DataFrame | None:
    """The kept content-word counts (``key, count``, one part per group) of the ISO
    ``weeks`` (of ``sources``), or None when a group is not kept or changed since."""
    current = store.week_groups(weeks)
    stored = store.derived(WORDS_KIND, list(weeks))
    if any(stored.get(key, ("",))[0] != fp for key, fp in current.items()):
        return None
    frames = [results.decode_frame(stored[key][1]) for key in sorted(current, key=str)
              if sources is None or key[1] in sources]
    if not frames:
        return pd.DataFrame({"key": pd.Series(dtype=object), "count": pd.Series(dtype="int64")})
    return pd.concat(frames, ignore_index=True)


def _on_dask(db: Store, todo: list, actors: Any, client: Any, keep: Any) -> None:
    """The batches analysed on Dask workers (the documents travel from here), at most
    two per worker in flight so memory stays bounded; kept here as they come back."""
    from distributed import as_completed

    from toolkit.scale import connect

    light = copy.copy(actors)  # without its compiled matcher: each worker builds its own
    vars(light).pop("_matcher", None)
    with connect(client) as c:
        remote_actors = c.scatter(light, broadcast=True)
        batches = _batches(db, todo)
        limit = 2 * max(1, len(c.scheduler_info().get("workers", {})))
        pending = {}
        running = as_completed()
        for pairs, corpus in batches:
            future = c.submit(analyse_documents, corpus, remote_actors, pure=False)
            pending[future.key] = pairs
            running.add(future)
            if running.count() >= limit:
                done = next(running)
                keep(pending.pop(done.key), done.result())
        for done in running:
            keep(pending.pop(done.key), done.result())


def _kept(store: str | Store, kind: str, actors: Any, where: dict) -> pd.DataFrame | None:
    db = store if isinstance(store, Store) else Store(store)
    try:
        return results.read(db, kind, stamp(kind, _actors(actors)), **where)
    finally:
        if db is not store:
            db.close()


def kept_mentions(
    store: str | Store, actors: Any = None, *, week: str | None = None, start: Any = None,
    end: Any = None, sources: Any = None,
) -> pd.DataFrame | None:
    """The kept mention table of the documents ``Store.read`` gives for ``week``,
    ``start``–``end``, ``sources`` — equal to ``find_mentions`` of that corpus — or
    ``None`` when one of them was not analysed with ``actors`` (and this version)."""
    actors = _actors(actors)
    frame = _kept(store, "mentions", actors, dict(week=week, start=start, end=end,
                                                  sources=sources))
    if frame is not None:
        frame.attrs["groups"] = {a.id: list(a.groups or (a.id,)) for a in actors}
    return frame


def kept_quotes(
    store: str | Store, actors: Any = None, *, week: str | None = None, start: Any = None,
    end: Any = None, sources: Any = None,
) -> pd.DataFrame | None:
    """The kept quote table (as :func:`kept_mentions`): equal to ``quotes`` of that corpus."""
    return _kept(store, "quotes", actors, dict(week=week, start=start, end=end,
                                               sources=sources))


def kept_labels(
    store: str | Store, actors: Any = None, *, weeks: Sequence[str],
    sources: Sequence[str] | None = None, whole_weeks: bool = True,
) -> pd.DataFrame | None:
    """``labels`` of the documents of the ISO ``weeks`` (of ``sources``) from what the
    store keeps — the label inputs of each document and the content words of each (week,
    source) group, or for one whole week (``whole_weeks``, no ``sources``) its labels
    table kept by :func:`update_week_labels` — equal to ``labels(corpus,
    find_mentions(corpus, actors))`` of that corpus; None when part of it is not kept
    (or stale)."""
    from toolkit.actors.descriptors import labels_from_inputs

    actors = _actors(actors)
    db = store if isinstance(store, Store) else Store(store)
    try:
        if whole_weeks and sources is None and len(weeks) == 1:
            table = _kept_week_labels(db, actors, weeks[0])
            if table is not None:
                return table
        fingerprint = stamp("labels", actors)
        parts = []
        for week in weeks:
            part = results.read(db, "labels", fingerprint, week=week, sources=sources)
            if part is None:
                return None
            parts.append(part)
        words = kept_word_counts(db, weeks, sources)
    finally:
        if db is not store:
            db.close()
    if words is None:
        return None
    inputs = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return labels_from_inputs(inputs, words=words)
