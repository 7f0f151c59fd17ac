"""The weekly brief's tables, as DataFrames, from a store or a corpus: one call.

:func:`weekly_tables` returns a :class:`WeeklyTables` — every table the brief shows, and
the frames its figures are drawn from — so that a notebook is its parameters, this call,
and one display cell per section. The same call serves a researcher in JupyterLab.

Where the numbers come from:

- **a store** (``toolkit.corpus.store.Store`` or the path of one): the documents of the
  period and of the week before are read; their mentions and quotes are the ones the store
  keeps (computed once at ingest, :mod:`toolkit.reports.kept`) when they were kept with
  this dictionary and this toolkit version, else computed now; keyness is a view of the
  tidy term counts the store keeps by week and source
  (:func:`toolkit.frequency.week_counts.store_keyness`) when the period is made of whole
  ISO weeks, and the KWIC of a key term reuses the terms those counts give each word; of
  the week before, only the dates are read when its mentions are kept;
- **a corpus** (a ``Corpus``, or a path ``load_corpus`` reads): everything is computed
  from the documents, serially, or on Dask with ``client=`` (mentions, quotes and the term
  counts of keyness; a ``distributed.Client``, a scheduler address, or ``"local"``).

Every route gives the same tables (tested): the same functions on the same documents.

>>> from toolkit.corpus import sample
>>> t = weekly_tables(sample(), "2020-W11")
>>> int(t.headline.set_index("item").loc["articles", "value"])
1
>>> t.actors["actor_id"].head(3).tolist()
['libya', 'france', 'turkey']
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.reports.params import REFERENCE_WEEKS, Period, resolve_period

__all__ = ["WeeklyTables", "weekly_tables", "open_client", "normalize_dask", "check_scheduler"]

#: keyness: a term must be seen this often (both sides together) to be listed
KEYNESS_MIN_COUNT = 3
#: a distinctive term is one with p below this
KEYNESS_P = 0.01
#: words each side of a KWIC line
KWIC_WINDOW = 8
#: characters each side of an actor's mention in the contexts table
CONTEXT_CHARS = 80
SQLITE_MAGIC = b"SQLite format 3\x00"

#: what ``dask`` may be: empty (no Dask), ``local``, or a scheduler address
LOCAL = "local"
_ADDRESS = re.compile(
    r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[^\]]+\]|[^:/\s]+)(?::(?P<port>\d+))?/?$"
)
#: seconds to wait for a scheduler to accept a connection before calling it unreachable
CONNECT_TIMEOUT_S = 5.0


@dataclass
class WeeklyTables:
    """The tables of one weekly brief (every one a ``pandas.DataFrame``).

    ``headline``: ``item, value`` (items ``articles``, ``sources``, ``days``,
    ``previous_articles`` — the last only when the week before holds articles);
    ``by_source``: ``source, articles``; ``actors``: the ``top_n`` most mentioned actors,
    ``actor_id, actor_type, mentions, docs, name`` (+ ``previous, change`` when there is a
    previous week); ``actor_counts``: ``mention_counts`` of every actor (the chart's);
    ``groups``: the same per group (``group`` instead of ``actor_id, actor_type``);
    ``co_mentions``: every pair (``co_mentions``), ``pairs``: the ``top_n`` first with
    names ``a, b``; ``quotes``: the quote table, ``speakers``: ``who, quotes, direct``,
    ``quote_examples``: the first quote of the 3 most quoted speakers; ``keyness``: the
    keyness table against the ``REFERENCE_WEEKS`` weeks before (empty without them),
    ``rising``/``falling``: its significant rows, ``top_terms``: the term frequencies
    when there is no reference; ``key_terms``: up to 3 terms the brief shows in context;
    ``timeline``: ``period, actor_id, count`` (daily mentions of the 5 most mentioned,
    over this week and the one before); ``labels``: the ``labels`` table,
    ``descriptors``: ``actor_id, name, descriptors``; ``contexts``: ``doc_id, left,
    match, right`` around mentions of 3 of the top actors; ``term_kwic``: the KWIC lines
    of the first key term. ``mentions``/``previous_mentions``: the mention tables;
    ``corpus``: the period's documents (for the provenance block); ``flags``: what the
    notes of the brief say (``has_previous``, ``has_reference``, ``documents``,
    ``no_timeline``: why the timeline is empty, ``no_mentions`` or ``one_day``); ``sources_of``:
    where each table came from (``kept``, ``computed``, ``dask``).
    """

    period: Period
    actor_dict: Any
    corpus: Any
    headline: pd.DataFrame
    by_source: pd.DataFrame
    mentions: pd.DataFrame
    previous_mentions: pd.DataFrame | None
    actor_counts: pd.DataFrame
    actors: pd.DataFrame
    groups: pd.DataFrame
    co_mentions: pd.DataFrame
    pairs: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    quote_examples: pd.DataFrame
    keyness: pd.DataFrame
    rising: pd.DataFrame
    falling: pd.DataFrame
    top_terms: pd.DataFrame
    key_terms: list[str]
    timeline: pd.DataFrame
    labels: pd.DataFrame
    descriptors: pd.DataFrame
    contexts: pd.DataFrame
    term_kwic: pd.DataFrame
    flags: dict[str, Any] = field(default_factory=dict)
    sources_of: dict[str, str] = field(default_factory=dict)

    @property
    def dates(self) -> tuple[Any, Any]:
        """First and last day of the period's articles (``None, None`` when empty)."""
        dates = self.corpus.frame["date"].dropna()
        if not len(dates):
            return None, None
        return dates.min().date(), dates.max().date()


# ------------------------------------------------------------------------------ Dask
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
    """Raise ``ConnectionError`` when nothing accepts connections at a scheduler address
    (a quick TCP check before a brief runs, so a wrong address fails at once: exit 2).
    ``""`` and ``"local"`` need no check.

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
    if (found.group("scheme") or "tcp").lower() not in ("tcp", "tls"):
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


@contextlib.contextmanager
def open_client(dask: Any) -> Iterator[Any]:
    """``None`` for ``dask=""`` (compute here), else a ``distributed.Client`` of a
    LocalCluster (``"local"``) or of a scheduler address, closed on exit.

    >>> with open_client("") as client:
    ...     client is None
    True
    """
    where = normalize_dask(dask)
    if not where:
        yield None
        return
    from toolkit.scale import connect

    with connect(None if where == LOCAL else where) as client:
        yield client


# ------------------------------------------------------------------------------ reading
def _is_store(source: Any) -> bool:
    from toolkit.corpus.store import Store

    if isinstance(source, Store):
        return True
    if isinstance(source, (str, os.PathLike)) and Path(source).is_file():
        with open(source, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    return False


@dataclass
class _Inputs:
    target: Any
    previous: Any
    reference: Any  # None when keyness comes from the store's counts
    has_reference: bool
    mentions: pd.DataFrame | None = None
    previous_mentions: pd.DataFrame | None = None
    quotes: pd.DataFrame | None = None
    keyness: pd.DataFrame | None = None
    labels: pd.DataFrame | None = None
    keyness_counted: bool = False  # the store's term counts were missing: counted now
    known_terms: dict[str, str] | None = None  # each word's term, as the store counted it


def _within(corpus: Any, period: Period) -> Any:
    return corpus.filter(start=period.start.isoformat(), end=period.end.isoformat())


def _from_corpus(source: Any, period: Period, sources: list[str]) -> _Inputs:
    from toolkit.corpus import Corpus, load_corpus

    everything = source if isinstance(source, Corpus) else load_corpus(source)
    if sources:
        everything = everything.filter(sources=sources)
    if period.start is None:
        return _Inputs(everything, None, None, False)
    reference = _within(everything, period.previous(REFERENCE_WEEKS))
    return _Inputs(_within(everything, period), _within(everything, period.previous(1)),
                   reference, len(reference) > 0)


def _from_store(db: Any, period: Period, sources: list[str], actors: Any) -> _Inputs:
    from datetime import timedelta

    from toolkit.corpus.results import read_dates
    from toolkit.reports.kept import kept_labels, kept_mentions, kept_quotes

    chosen = sources or None
    if period.start is None:
        inputs = _Inputs(db.read(sources=chosen), None, None, False)
        where = {"sources": chosen}
    else:
        before = period.previous(1)
        inputs = _Inputs(db.read(start=period.start, end=period.end, sources=chosen), None,
                         None, False)
        first = period.previous(REFERENCE_WEEKS).start
        inputs.has_reference = db.count(start=first, end=period.start - timedelta(days=1),
                                        sources=chosen) > 0
        where = {"start": period.start, "end": period.end, "sources": chosen}
        if db.count(start=before.start, end=before.end, sources=chosen):
            inputs.previous_mentions = kept_mentions(db, actors, start=before.start,
                                                     end=before.end, sources=chosen)
        # the week before serves its kept mentions and its dates: its texts only when its
        # mentions must be found again
        read_before = db.read if inputs.previous_mentions is None else partial(read_dates, db)
        inputs.previous = read_before(start=before.start, end=before.end, sources=chosen)
        weeks, reference_weeks = period.weeks(), period.previous(REFERENCE_WEEKS).weeks()
        if inputs.has_reference and len(inputs.target) and weeks and reference_weeks:
            from toolkit.frequency.week_counts import stale_weeks, store_keyness

            inputs.keyness_counted = bool(stale_weeks(db, weeks + reference_weeks))
            inputs.keyness = store_keyness(db, weeks, reference_weeks, sources=chosen,
                                           min_count=KEYNESS_MIN_COUNT)
        if weeks and len(inputs.target):
            from toolkit.frequency.week_counts import store_terms

            inputs.labels = kept_labels(db, actors, weeks=weeks, sources=chosen)
            inputs.known_terms = store_terms(db, weeks, sources=chosen)
        if inputs.has_reference and inputs.keyness is None:
            inputs.reference = db.read(start=first, end=period.start - timedelta(days=1),
                                       sources=chosen)
    inputs.mentions = kept_mentions(db, actors, **where)
    if inputs.mentions is not None:
        inputs.quotes = kept_quotes(db, actors, **where)
    return inputs


# ------------------------------------------------------------------------------ computing
def _find_mentions(corpus: Any, actors: Any, client: Any) -> pd.DataFrame:
    from toolkit.actors import find_mentions

    return find_mentions(corpus, actors, client=client)


def _quotes(corpus: Any, actors: Any, mentions: pd.DataFrame, client: Any) -> pd.DataFrame:
    from toolkit.actors import quotes

    if client is not None:  # each partition finds its own mentions
        return quotes(corpus, actors, client=client)
    return quotes(corpus, actors, mentions=mentions)


def _dask_keyness(target: Any, reference: Any, client: Any, min_count: int) -> pd.DataFrame:
    """``keyness(target, reference, min_count=min_count)`` from term counts computed on
    Dask: one ``term_frequencies(..., client=)`` pass over both corpora grouped by side,
    every term kept (the sides' totals count stopwords, as ``keyness`` does), written
    forms merged over both sides; then the serial reduce ``keyness_table``."""
    from toolkit.corpus import Corpus
    from toolkit.frequency import dropper, keyness_table, make_options, term_frequencies

    opts = make_options()
    side = "__antk_side__"
    both = Corpus(pd.concat([target.frame.assign(**{side: "t"}),
                             reference.frame.assign(**{side: "r"})], ignore_index=True))
    keep_all = make_options(preset=opts.preset, clitics=opts.clitics, stopwords=False,
                            kinds=opts.kinds)
    freq = term_frequencies(both, by=side, options=keep_all, client=client)
    t, r = freq[freq[side] == "t"], freq[freq[side] == "r"]
    forms = dict(zip(freq["term"], freq["form"], strict=True)) if "form" in freq else None
    return keyness_table(
        pd.Series(t["count"].to_numpy(), index=t["term"].to_numpy()),
        pd.Series(r["count"].to_numpy(), index=r["term"].to_numpy()),
        int(t["count"].sum()), int(r["count"].sum()),
        min_count=min_count, drop=dropper(opts), forms=forms)


def _keyness(inputs: _Inputs, client: Any) -> pd.DataFrame:
    if inputs.keyness is not None:
        return inputs.keyness
    if client is not None:
        return _dask_keyness(inputs.target, inputs.reference, client, KEYNESS_MIN_COUNT)
    from toolkit.frequency import keyness

    return keyness(inputs.target, inputs.reference, min_count=KEYNESS_MIN_COUNT)


# ------------------------------------------------------------------------------ sections
def _headline(target: Any, previous: Any, has_previous: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = target.frame
    sources = frame["source"].dropna()
    items = [("articles", len(target)), ("sources", int(sources.nunique())),
             ("days", int(frame["date"].dropna().dt.normalize().nunique()))]
    if has_previous:
        items.append(("previous_articles", len(previous)))
    by_source = (sources.value_counts().rename_axis("source").reset_index(name="articles")
                 .sort_values(["articles", "source"], ascending=[False, True])
                 .reset_index(drop=True))
    return pd.DataFrame(items, columns=["item", "value"]), by_source


def _with_change(counts: pd.DataFrame, before: pd.DataFrame | None, key: str, top_n: int,
                 name: Any) -> pd.DataFrame:
    """Top rows of a mention_counts table, with names, the previous week's mentions and the
    change."""
    table = counts.sort_values(["mentions", key], ascending=[False, True]).head(top_n).copy()
    table["name"] = table[key].map(name)
    if before is not None:
        earlier = before.set_index(key)["mentions"]
        table["previous"] = table[key].map(earlier).fillna(0).astype(int)
        table["change"] = table["mentions"] - table["previous"]
    return table.reset_index(drop=True)


def _speakers(said: pd.DataFrame, top_n: int, name: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    speakers = pd.DataFrame({"who": pd.Series(dtype=object), "quotes": pd.Series(dtype="int64"),
                             "direct": pd.Series(dtype="int64")})
    if said.empty:
        return speakers, pd.DataFrame(columns=["who", "quote", "doc_id"])
    anonymous = said["anonymous"].fillna(False).astype(bool)
    named = said[~anonymous].copy()
    named["who"] = [name(i) if isinstance(i, str) and i else s
                    for i, s in zip(named["speaker_id"], named["speaker"], strict=True)]
    named = named[named["who"].fillna("").astype(str).str.strip() != ""]
    if named.empty:
        return speakers, pd.DataFrame(columns=["who", "quote", "doc_id"])
    named["direct"] = (named["kind"] == "direct").astype("int64")
    speakers = (named.groupby("who").agg(quotes=("quote", "size"), direct=("direct", "sum"))
                .reset_index().sort_values(["quotes", "who"], ascending=[False, True])
                .reset_index(drop=True))
    examples = (named.sort_values(["doc_id", "start"]).drop_duplicates("who").set_index("who")
                .reindex(speakers["who"].head(3)).reset_index())
    return speakers.head(top_n), examples[["who", "quote", "doc_id"]]


def _timeline(mentions: list[pd.DataFrame], corpora: list[Any],
              top: list[str]) -> tuple[pd.DataFrame, str]:
    """The daily mentions of the 5 first of ``top``, and why there are none (``""``, or
    ``"no_mentions"``, ``"one_day"``)."""
    empty = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                          "actor_id": pd.Series(dtype=object), "count": pd.Series(dtype="int64")})
    both = [m for m in mentions if m is not None and len(m)]
    frames = [c.frame for c in corpora if c is not None and len(c)]
    if not both or not top:
        return empty, "no_mentions"
    day_of = (pd.concat(frames).drop_duplicates("doc_id").set_index("doc_id")["date"]
              .dt.normalize())
    daily = pd.concat(both)
    daily = daily[daily["actor_id"].isin(top[:5])].assign(period=lambda m: m["doc_id"].map(day_of))
    daily = daily.dropna(subset=["period"])
    if daily["period"].nunique() < 2:
        return empty, "one_day"
    days = pd.date_range(daily["period"].min(), daily["period"].max(), freq="D")
    return (daily.groupby(["period", "actor_id"]).size()
            .unstack(fill_value=0).reindex(days, fill_value=0).rename_axis("period")
            .stack().rename("count").reset_index()), ""


def _descriptors(described: pd.DataFrame, top: list[str], name: Any) -> pd.DataFrame:
    rows = []
    if not described.empty:
        for actor_id in top:
            mine = described[described["actor_id"] == actor_id]
            mine = mine.sort_values(["score", "count", "descriptor"],
                                    ascending=[False, False, True]).head(5)
            if len(mine):
                rows.append({"actor_id": actor_id, "name": name(actor_id),
                             "descriptors": "، ".join(mine["descriptor"].astype(str))})
    return pd.DataFrame(rows, columns=["actor_id", "name", "descriptors"])


def _contexts(mentions: pd.DataFrame, actors_table: pd.DataFrame, target: Any) -> pd.DataFrame:
    """``doc_id, left, match, right``: 3 mentions of each of 3 top actors (people and
    organisations first: they say more in context than country names do)."""
    rows: list[dict[str, Any]] = []
    top = actors_table["actor_id"].tolist() if len(actors_table) else []
    if top:
        frame = target.frame
        texts = dict(zip(frame["doc_id"], frame["text"], strict=True))
        kinds = dict(zip(actors_table["actor_id"], actors_table["actor_type"], strict=True))
        chosen = [a for a in top if kinds.get(a) not in ("country", "place")] or top
        n = CONTEXT_CHARS
        for actor_id in chosen[:3]:
            mine = mentions[mentions["actor_id"] == actor_id].sort_values(["doc_id", "start"])
            for m in mine.head(3).itertuples():
                text = texts[m.doc_id]
                left, right = text[max(0, m.start - n):m.start], text[m.end:m.end + n]
                rows.append({"doc_id": m.doc_id,
                             "left": left.split(" ", 1)[-1] if m.start > n else left,
                             "match": text[m.start:m.end], "right": right.rsplit(" ", 1)[0]})
    return pd.DataFrame(rows, columns=["doc_id", "left", "match", "right"])


def _bare(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """``frame`` without its ``attrs`` (a shallow copy; None stays None)."""
    if frame is None or not frame.attrs:
        return frame
    out = frame.copy(deep=False)
    out.attrs = {}
    return out


def _actor_dict(actors: Any) -> Any:
    from toolkit.actors import Actors, load_actors, load_default_actors

    if actors is None or actors == "":
        return load_default_actors()
    return actors if isinstance(actors, Actors) else load_actors(actors)


def weekly_tables(
    store_or_corpus: Any,
    period: Period | str | None = None,
    actors: Any = None,
    *,
    sources: Sequence[str] = (),
    top_n: int = 10,
    lang: str = "ar",
    client: Any = None,
) -> WeeklyTables:
    """Every table of the weekly brief of ``period`` (a :class:`Period`, an ISO week
    ``"2015-W32"``, or None for everything), from a store or a corpus.

    ``store_or_corpus``: a ``Store``, the path of a SQLite store, a ``Corpus`` or a path
    ``load_corpus`` reads. ``actors``: an ``Actors``, the path of a YAML dictionary, or
    None (the bundled one). ``sources``: only these sources. ``top_n``: rows of the top
    tables. ``lang``: the language of the actors' names (``ar`` or ``en``). ``client``: a
    ``distributed.Client`` to compute the corpus-wide passes on Dask (what the store keeps
    is read, not recomputed). See :class:`WeeklyTables` for the tables and their columns.

    >>> t = weekly_tables("news.sqlite", "2015-W32")  # doctest: +SKIP
    >>> t.actors.head()  # doctest: +SKIP
    """
    from toolkit.actors import co_mentions, labels, mention_counts
    from toolkit.corpus.store import Store
    from toolkit.frequency import kwic, make_options, term_frequencies
    from toolkit.frequency.terms import remember_terms

    if not isinstance(period, Period):
        period = resolve_period(period or "")
    sources = list(sources or [])
    actor_dict = _actor_dict(actors)
    made: dict[str, str] = {}
    if _is_store(store_or_corpus):
        db = store_or_corpus if isinstance(store_or_corpus, Store) else Store(store_or_corpus)
        try:
            inputs = _from_store(db, period, sources, actor_dict)
        finally:
            if db is not store_or_corpus:
                db.close()
    else:
        inputs = _from_corpus(store_or_corpus, period, sources)
    target, previous = inputs.target, inputs.previous
    has_previous = previous is not None and len(previous) > 0
    route = "dask" if client is not None else "computed"

    if inputs.mentions is None:
        inputs.mentions = _find_mentions(target, actor_dict, client)
        made["mentions"] = route
    else:
        made["mentions"] = "kept"
    previous_mentions = None
    if has_previous:
        previous_mentions = inputs.previous_mentions
        made["previous_mentions"] = "kept"
        if previous_mentions is None:
            previous_mentions = _find_mentions(previous, actor_dict, client)
            made["previous_mentions"] = route
    # the tables below get the dictionary itself (actors=): without the attrs (a dict of
    # every actor's groups), pandas does not deep-copy them at every step
    mentions, before_week = _bare(inputs.mentions), _bare(previous_mentions)

    def name(actor_id: str) -> str:
        """An actor's (or group's) label in ``lang``; the id when unknown."""
        try:
            return actor_dict.label(actor_id, lang=lang) or actor_id
        except (KeyError, LookupError):
            return actor_id

    headline, by_source = _headline(target, previous, has_previous)
    counts = mention_counts(mentions)
    before = mention_counts(before_week) if has_previous and len(before_week) else None
    actors_table = _with_change(counts, before if has_previous else None, "actor_id", top_n, name)
    groups = mention_counts(mentions, level="group", actors=actor_dict)
    before = (mention_counts(before_week, level="group", actors=actor_dict)
              if has_previous and len(before_week) else None)
    groups_table = _with_change(groups, before if has_previous else None, "group", top_n, name)
    co = co_mentions(mentions)
    pairs = co.sort_values(["count", "actor_a", "actor_b"],
                           ascending=[False, True, True]).head(top_n).copy()
    pairs["a"], pairs["b"] = pairs["actor_a"].map(name), pairs["actor_b"].map(name)

    if inputs.quotes is None:
        inputs.quotes = (_quotes(target, actor_dict, mentions, client) if len(target)
                         else pd.DataFrame())
        made["quotes"] = route
    else:
        made["quotes"] = "kept"
    said = inputs.quotes
    speakers, examples = _speakers(said, top_n, name)

    key = top = pd.DataFrame()
    key_terms: list[str] = []
    if len(target) and inputs.has_reference:
        made["keyness"] = ("kept" if inputs.keyness is not None and not inputs.keyness_counted
                           else route)
        key = _keyness(inputs, client)
        rising = key[(key["g2"] > 0) & (key["p_value"] < KEYNESS_P)].reset_index(drop=True)
        falling = (key[(key["g2"] < 0) & (key["p_value"] < KEYNESS_P)].sort_values("g2")
                   .reset_index(drop=True))
        key_terms = rising["term"].head(3).tolist()
    else:
        rising = falling = pd.DataFrame()
        if len(target):
            top = term_frequencies(target)
            key_terms = top["term"].head(3).tolist()
    top_actors = actors_table["actor_id"].tolist()
    described = pd.DataFrame()
    if len(mentions):
        described = inputs.labels
        made["labels"] = "kept"
        if described is None:
            described, made["labels"] = labels(target, mentions), "computed"
    timeline, no_timeline = _timeline([before_week, mentions], [previous, target], top_actors)
    lines = pd.DataFrame()
    if len(target) and key_terms:
        # from a store, the words' terms are those it counted: no word segmented again
        options = (remember_terms(make_options(stopwords=False), inputs.known_terms)
                   if inputs.known_terms else None)
        lines = kwic(target, key_terms[0], window=KWIC_WINDOW, options=options)
        lines = lines.sort_values(["doc_id", "start"])
        lines = lines.reset_index(drop=True)
    return WeeklyTables(
        period=period, actor_dict=actor_dict, corpus=target, headline=headline,
        by_source=by_source, mentions=inputs.mentions, previous_mentions=previous_mentions,
        actor_counts=counts, actors=actors_table, groups=groups_table, co_mentions=co,
        pairs=pairs.reset_index(drop=True), quotes=said, speakers=speakers,
        quote_examples=examples, keyness=key, rising=rising, falling=falling, top_terms=top,
        key_terms=key_terms,
        timeline=timeline,
        labels=described, descriptors=_descriptors(described, top_actors, name),
        contexts=_contexts(mentions, actors_table, target), term_kwic=lines,
        flags={"has_previous": has_previous, "has_reference": inputs.has_reference,
               "documents": len(target), "no_timeline": no_timeline},
        sources_of=made,
    )
