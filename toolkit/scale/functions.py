"""The corpus-wide analyses on Dask, under the names and with the results of the serial ones.

Each function takes what the serial one takes plus where the documents are
(``corpus_or_paths``: a Corpus, a Store, paths or partitions — see
:func:`toolkit.scale.partitions.make_partitions`) and where to compute
(``client``: a ``distributed.Client``, a scheduler address, or None for a local cluster of
2 processes). Shared keyword arguments: ``partition_size`` (documents per partition when a
Corpus or a JSON Lines file is cut), ``fields`` and ``errors`` (as ``load_corpus``),
``retries`` (re-runs of a failing partition) and ``progress`` (``progress(done, total,
label)`` after each partition).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.actors import co_mentions as serial_co_mentions
from toolkit.actors import mention_counts as serial_mention_counts
from toolkit.actors.network import LEVELS, WINDOWS
from toolkit.frequency.ngram_counts import ngram_sizes
from toolkit.frequency.source import normalize_by
from toolkit.frequency.terms import TermOptions, dropper, make_options
from toolkit.scale import tasks
from toolkit.scale.partitions import PARTITION_SIZE, make_partitions
from toolkit.scale.run import Progress, run_partitions


def _plan(corpus_or_paths: Any, partition_size: int, fields: Any, errors: str):
    return make_partitions(
        corpus_or_paths, partition_size=partition_size, fields=fields, errors=errors
    )


def _check_min_count(min_count: Any) -> int:
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    return min_count


def _shippable_actors(actors: Any) -> tuple[Any, str]:
    """The dictionary without its compiled matcher (rebuilt once per worker), and its token."""
    if actors is None:
        from toolkit.actors import load_default_actors

        actors = load_default_actors()
    from toolkit.actors import Actors

    if not isinstance(actors, Actors):
        raise TypeError(
            f"actors must be an Actors (see toolkit.actors.load_actors), got {type(actors).__name__}"
        )
    light = copy.copy(actors)
    vars(light).pop("_matcher", None)
    return light, tasks.actors_token(light)


def _count(corpus_or_paths: Any, fn: Any, args: tuple, **where: Any) -> tasks.CountTable:
    """Run a counting map on every partition; the merged ``CountTable``. ``where``:
    ``client, partition_size, fields, errors, retries, progress``."""
    total = tasks.CountTable()
    _run(corpus_or_paths, fn, args, lambda _i, table: total.merge(table), **where)
    return total


def _frames(corpus_or_paths: Any, fn: Any, args: tuple, **where: Any) -> list[pd.DataFrame]:
    """Run a map that gives a frame per partition; the frames in partition order."""
    frames: list[Any] = []

    def fold(i: int, value: Any) -> None:
        frames[i] = value

    parts = _run(corpus_or_paths, fn, args, fold, frames=frames, **where)
    return frames[: len(parts)]


def _run(
    corpus_or_paths: Any, fn: Any, args: tuple, fold: Any, *, client: Any,
    partition_size: int, fields: Any, errors: str, retries: int,
    progress: Progress | None, frames: list | None = None,
) -> list:
    parts = _plan(corpus_or_paths, partition_size, fields, errors)
    if frames is not None:
        frames.extend([None] * len(parts))
    run_partitions(parts, fn, args, fold=fold, client=client, retries=retries, progress=progress)
    return parts


def _term_options(terms: dict[str, Any], **defaults: Any) -> TermOptions:
    """The :class:`TermOptions` of the serial function's keywords (``options``, ``preset``,
    ``clitics``, ``stopwords``, ``kinds``); an unknown keyword is a TypeError naming it."""
    terms = {**defaults, **terms}
    allowed = {"options", "preset", "clitics", "stopwords", "kinds"}
    unknown = sorted(set(terms) - allowed)
    if unknown:
        raise TypeError(f"unexpected keyword argument(s) {unknown}; accepted: {sorted(allowed)}")
    if "kinds" in terms:
        terms["kinds"] = tuple(terms["kinds"])
    return make_options(terms.pop("options", None), **terms)


def term_frequencies(
    corpus_or_paths: Any,
    by: str | Sequence[str] | None = None,
    *,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
    min_count: int = 1,
    forms: bool = True,
    **terms: Any,
) -> pd.DataFrame:
    """``toolkit.frequency.term_frequencies`` on Dask: the same table, computed per partition
    (``toolkit.frequency.term_frequencies(corpus, client=...)`` calls this).

    ``terms``: the serial function's keywords (``preset``, ``clitics``, ``stopwords``,
    ``kinds``, ``options``). Each worker counts its partition into a ``CountTable``; the
    client merges the tables as they arrive and finalizes once. Columns: ``*by, term,
    count, docs, share, rank`` and, with ``forms=True``, ``form``. What travels to the
    workers: the partition description and the ``TermOptions``.

    >>> from toolkit.corpus import Corpus
    >>> c = Corpus.from_records([{"text": "وصل حفتر إلى ليبيا"}, {"text": "لليبيا جيش"}])
    >>> freq = term_frequencies(c, client="tcp://127.0.0.1:8786", partition_size=1)  # doctest: +SKIP
    >>> freq.set_index("term").loc["ليبيا", ["count", "docs"]].tolist()  # doctest: +SKIP
    [2, 2]
    """
    min_count = _check_min_count(min_count)
    opts = _term_options(terms)
    cols = normalize_by(by)
    table = _count(
        corpus_or_paths,
        tasks.count_terms,
        (cols, opts, forms),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    return table.to_frame(cols, min_count=min_count, drop=dropper(opts), options=opts)


def ngrams(
    corpus_or_paths: Any,
    n: int | Sequence[int] = 2,
    *,
    by: str | Sequence[str] | None = None,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
    min_count: int = 1,
    **terms: Any,
) -> pd.DataFrame:
    """``toolkit.frequency.ngrams`` on Dask (``terms``: its keywords; clitics default to
    ``keep_article`` as there). Columns: ``*by, ngram, count, docs, share, rank``.

    >>> ngrams([Path("raw/2015-07-21.zip")], 2, client=client).head(1)  # doctest: +SKIP
    """
    min_count = _check_min_count(min_count)
    sizes = ngram_sizes(n)
    opts = _term_options(terms, clitics="keep_article")
    cols = normalize_by(by)
    table = _count(
        corpus_or_paths,
        tasks.count_ngrams,
        (sizes, cols, opts),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    return table.to_frame(cols, min_count=min_count, item="ngram")


def find_mentions(
    corpus_or_paths: Any,
    actors: Any = None,
    *,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """``toolkit.actors.find_mentions`` on Dask: one row per mention, documents in corpus order.

    Columns: ``doc_id, sentence, start, end, surface, actor_id, actor_type, via, matched``.
    The dictionary travels to each worker once per task (a few tens of KB) and is compiled
    once per worker process.

    >>> from toolkit.corpus import Corpus
    >>> c = Corpus.from_records([{"text": "استقبل ماكرون المشير حفتر في باريس"}])
    >>> find_mentions(c, client=client).actor_id.tolist()  # doctest: +SKIP
    ['macron', 'haftar', 'france']
    """
    light, token = _shippable_actors(actors)
    frames = _frames(
        corpus_or_paths,
        tasks.mentions,
        (light, token),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    out = tasks.concat_frames(frames)
    out.attrs["groups"] = {a.id: list(a.groups or (a.id,)) for a in light}
    return out


def mention_counts(
    corpus_or_paths: Any,
    by: str | Sequence[str] | None = None,
    level: str = "actor",
    *,
    actors: Any = None,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """``toolkit.actors.mention_counts`` of a corpus's mentions, on Dask.

    Each partition counts its own mentions (``by`` may name ``source``, ``week`` or another
    column of the corpus); counts and document counts add up across partitions. Given a
    mention table (a DataFrame) instead of a corpus, this is the serial function.
    Columns: ``*by, actor_id, actor_type`` (or ``group``, or ``actor_type``), ``mentions, docs``.

    >>> mention_counts("libya.jsonl", client=client).head(1)  # doctest: +SKIP
    """
    if isinstance(corpus_or_paths, pd.DataFrame):
        return serial_mention_counts(corpus_or_paths, by=by, level=level, actors=actors)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    by_cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    light, token = _shippable_actors(actors)
    frames = _frames(
        corpus_or_paths,
        tasks.partial_mention_counts,
        (light, token, by_cols, level),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    return tasks.sum_mention_counts(frames, by_cols, level)


def co_mentions(
    corpus_or_paths: Any,
    window: str = "sentence",
    min_count: int = 1,
    *,
    actors: Any = None,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """``toolkit.actors.co_mentions`` of a corpus's mentions, on Dask.

    Each partition sends back only its distinct (sentence or document, actor) rows; the
    association scores are computed once on their union. Given a mention table (a
    DataFrame) instead of a corpus, this is the serial function.
    Columns: ``actor_a, actor_b, count, pmi, ll``.

    >>> co_mentions("libya.jsonl", client=client).head(1)  # doctest: +SKIP
    """
    if isinstance(corpus_or_paths, pd.DataFrame):
        return serial_co_mentions(corpus_or_paths, window=window, min_count=min_count)
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {list(WINDOWS)}, got {window!r}")
    _check_min_count(min_count)
    light, token = _shippable_actors(actors)
    frames = _frames(
        corpus_or_paths,
        tasks.mention_units,
        (light, token, window),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    return serial_co_mentions(tasks.concat_frames(frames), window=window, min_count=min_count)


def quotes(
    corpus_or_paths: Any,
    actors: Any = None,
    *,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """``toolkit.actors.quotes`` on Dask: one row per quote, documents in corpus order.

    Columns: those of ``toolkit.actors.quotes`` (``doc_id, start, end, quote, kind, cue,
    cue_start, cue_end, speaker, speaker_start, speaker_end, speaker_actor_id, anonymous,
    rule, ...``).

    >>> quotes("libya.jsonl", client=client).kind.value_counts()  # doctest: +SKIP
    """
    light, token = _shippable_actors(actors)
    frames = _frames(
        corpus_or_paths,
        tasks.quotes,
        (light, token),
        client=client, partition_size=partition_size, fields=fields, errors=errors,
        retries=retries, progress=progress,
    )
    if not frames:
        from toolkit.actors.speech import empty_quotes

        return empty_quotes()
    return tasks.concat_frames(frames)


def terms_and_mentions(
    corpus_or_paths: Any,
    actors: Any = None,
    by: str | Sequence[str] | None = None,
    *,
    options: TermOptions | None = None,
    min_count: int = 1,
    forms: bool = True,
    client: Any = None,
    partition_size: int = PARTITION_SIZE,
    fields: Any = None,
    errors: str = "raise",
    retries: int = 2,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Term frequencies and the mention table in ONE pass over the partitions.

    Equal to ``(term_frequencies(c, by, options=options), find_mentions(c, actors))``; each
    partition is read once. The usual pair of a weekly brief.

    >>> freq, mentions = terms_and_mentions("raw/", client=client)  # doctest: +SKIP
    """
    min_count = _check_min_count(min_count)
    opts = options or TermOptions()
    cols = normalize_by(by)
    light, token = _shippable_actors(actors)
    parts = _plan(corpus_or_paths, partition_size, fields, errors)
    table = tasks.CountTable()
    frames: list[Any] = [None] * len(parts)

    def fold(i: int, value: Any) -> None:
        table.merge(value[0])
        frames[i] = value[1]

    run_partitions(
        parts,
        tasks.terms_and_mentions,
        (cols, opts, light, token, forms),
        fold=fold,
        client=client,
        retries=retries,
        progress=progress,
    )
    freq = table.to_frame(cols, min_count=min_count, drop=dropper(opts), options=opts)
    mentions = tasks.concat_frames(frames)
    mentions.attrs["groups"] = {a.id: list(a.groups or (a.id,)) for a in light}
    return freq, mentions
