"""Written-form counts per ISO week and source, kept in the store: keyness of a week without
reading its texts again.

A weekly brief compares the week with the 4 weeks before it, so counting from the texts
reads 5 weeks of articles every Monday, 4 of them counted the Monday before. Here each
(week, source) group of a :class:`toolkit.corpus.store.Store` gets its written forms
counted once (``antk ingest`` does it for the weeks it adds to; :func:`store_keyness` for
any group it finds missing) and stored beside the documents: the distinct written forms,
their counts, the group's number of words, and each form's term under the default
options. A stored group is used only while its documents are the same (the store's group
fingerprint), and only by the code version that wrote it; otherwise it is counted again.

:func:`store_keyness` gives exactly :func:`toolkit.frequency.keyness` of the corpora
``Store.read`` returns for the same weeks and sources, frame for frame.

>>> from toolkit.corpus.store import Store
>>> store = Store(":memory:")
>>> _ = store.add([
...     {"id": "a", "text": "وصل حفتر إلى باريس وحفتر", "date": "2020-01-13"},
...     {"id": "b", "text": "السراج في طرابلس", "date": "2020-01-06"}])
>>> update_week_counts(store)
2
>>> store_keyness(store, "2020-W03", ["2020-W02"]).iloc[0]["term"]
'حفتر'
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit import __version__
from toolkit.frequency.form_counts import FormCounts
from toolkit.frequency.key_terms import keyness, side_counts, sides_table
from toolkit.frequency.terms import (
    TermOptions,
    _form_preset,
    document_forms,
    forms_path,
    forms_to_terms,
    make_options,
)

__all__ = ["SCHEME", "stale_weeks", "update_week_counts", "store_keyness"]

#: version of the stored layout; with the toolkit's version it names what is stored (a
#: stored group written by another version is counted again, and the old one deleted)
SCHEME = "1"
_PREFIX = "forms/"
#: the (preset, clitics) whose terms are stored with the forms (the defaults)
_STORED_TERMS = (TermOptions.preset, TermOptions.clitics)


def _kind(form_preset: str) -> str:
    return f"{_PREFIX}{SCHEME}/{__version__}/{form_preset}"


def _open(store: Any) -> tuple[Any, bool]:
    from toolkit.corpus.store import Store

    if isinstance(store, Store):
        return store, False
    return Store(store), True


def _encode(forms: pa.Array, counts: pa.Array, terms: pa.Array | None, tokens: int) -> bytes:
    columns = {"form": forms, "count": counts}
    if terms is not None:
        columns["term"] = terms
    table = pa.table(columns).replace_schema_metadata({"tokens": str(tokens)})
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _decode(value: bytes) -> tuple[pa.Table, int]:
    table = pa.ipc.open_stream(pa.py_buffer(value)).read_all()
    return table, int(table.schema.metadata[b"tokens"])


def _count_week(store: Any, week: str, form_preset: str) -> dict[str | None, tuple[str, bytes]]:
    """Count one week's documents, by source: ``{source: (fingerprint, value)}``."""
    groups, texts = store.week_snapshot(week)
    index = {source: i for i, source in enumerate(groups)}
    options = TermOptions(preset="none" if form_preset == "none" else "search")
    counter = FormCounts()
    docs: list[list[str]] = []
    sides: list[int] = []
    for source, text in texts:
        docs.append(document_forms(text, options))
        sides.append(index[source])
        if len(docs) >= 1000:
            counter.add(docs, sides)
            docs, sides = [], []
    counter.add(docs, sides)
    table = counter.table()
    tokens = counter.tokens()
    group = table.column("group").to_numpy()
    out = {}
    stored_opts = TermOptions()  # a memo for this week's forms only
    for source, i in index.items():
        mine = table.filter(pa.array(group == i))
        forms = mine.column("form").combine_chunks()
        terms = None
        if form_preset == _form_preset(_STORED_TERMS[0]):
            terms = pa.array(forms_to_terms(forms.to_pylist(), stored_opts), type=pa.string())
        value = _encode(forms, mine.column("count").combine_chunks(), terms, tokens.get(i, 0))
        out[source] = (groups[source], value)
    return out


def _stale(current: dict, stored: dict) -> list[str]:
    """The weeks with a group whose stored fingerprint is missing or not the current one."""
    return sorted({key[0] for key, fp in current.items() if stored.get(key, ("",))[0] != fp})


def _stored(
    store: Any, weeks: Sequence[str], form_preset: str, *, save: bool
) -> tuple[dict[tuple[str, str | None], tuple[str, bytes]], int]:
    """Every group of ``weeks`` as stored, counting (and, with ``save``, storing) the ones
    missing or out of date; also how many weeks were counted."""
    kind = _kind(form_preset)
    current = store.week_groups(weeks)
    stored = store.derived(kind, weeks)
    stale = _stale(current, stored)
    for week in stale:
        counted = _count_week(store, week, form_preset)
        rows = [(week, source, fp, value) for source, (fp, value) in counted.items()]
        stored.update(((week, source), (fp, value)) for source, (fp, value) in counted.items())
        if save:
            try:
                store.put_derived(kind, rows, replace_kinds=_PREFIX)
            except sqlite3.OperationalError:
                save = False  # a read-only or busy file: the counts still serve this call
    return {key: stored[key] for key in current}, len(stale)


def _stored_terms(pairs: pa.Table) -> Any:
    """``to_terms`` from stored ``form, term`` rows (every form it is asked about is there)."""
    forms = pairs.column("form").combine_chunks()
    terms = pairs.column("term").combine_chunks()

    def to_terms(wanted: list[str]) -> list[str]:
        at = pc.index_in(pa.array(wanted, type=pa.string()), value_set=forms)
        return terms.take(at).to_pylist()

    return to_terms


def stale_weeks(store: Any, weeks: Sequence[str], *, preset: str = "search") -> list[str]:
    """The weeks of ``weeks`` with a (week, source) group whose counts are not stored, or
    were stored before its documents changed (what :func:`store_keyness` would count from
    the texts).

    >>> from toolkit.corpus.store import Store
    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "وصل حفتر", "date": "2020-01-13"}])
    >>> stale_weeks(store, ["2020-W03", "2020-W04"])
    ['2020-W03']
    """
    db, opened = _open(store)
    try:
        kind = _kind(_form_preset(make_options(preset=preset).preset))
        return _stale(db.week_groups(weeks), db.derived(kind, weeks, values=False))
    finally:
        if opened:
            db.close()


def update_week_counts(
    store: Any, weeks: Sequence[str] | None = None, *, preset: str = "search"
) -> int:
    """Count and store the written forms of every (week, source) group of ``weeks`` (all
    the store's weeks when None) that is not stored yet or whose documents changed; return
    how many weeks were counted. Each week is written in one transaction.

    ``store``: a :class:`toolkit.corpus.store.Store` or its path. ``preset``: the term
    options' preset the counts will serve (written forms are ``light``-normalized for every
    preset but ``none``).

    >>> from toolkit.corpus.store import Store
    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "وصل حفتر", "date": "2020-01-13"}])
    >>> update_week_counts(store), update_week_counts(store)
    (1, 0)
    """
    db, opened = _open(store)
    try:
        if weeks is None:
            weeks = sorted({w for w, _s in db.week_groups()})
        return _stored(db, weeks, _form_preset(make_options(preset=preset).preset), save=True)[1]
    finally:
        if opened:
            db.close()


def store_keyness(
    store: Any,
    target: str | Sequence[str],
    reference: Sequence[str],
    measure: str = "g2",
    *,
    sources: Sequence[str] | None = None,
    correction: str = "default",
    min_count: int = 1,
    preset: str = "search",
    clitics: str = "strip",
    stopwords: bool | Sequence[str] = True,
    options: TermOptions | None = None,
    save: bool = True,
) -> pd.DataFrame:
    """Keyness of the ISO week(s) ``target`` against the weeks ``reference``, from the term
    counts stored by week and source (counted now where missing; stored for next time when
    ``save``): the frame of :func:`toolkit.frequency.keyness` on
    ``store.read(week=...)`` of the same weeks and ``sources`` (all when None), with the
    same options. Options that count more than one term per word (``clitics="split"``,
    other token kinds) read the texts instead.

    >>> store_keyness("news.sqlite", "2015-W32",
    ...               ["2015-W28", "2015-W29", "2015-W30", "2015-W31"])  # doctest: +SKIP
    """
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    targets = [target] if isinstance(target, str) else list(target)
    references = list(reference)
    if not targets or not references:
        raise ValueError("store_keyness needs at least one target week and one reference week")
    if set(targets) & set(references):
        raise ValueError(f"weeks {sorted(set(targets) & set(references))} are on both sides")
    if sources is not None:
        sources = [sources] if isinstance(sources, str) else list(sources)
    stats = dict(measure=measure, correction=correction, min_count=min_count, options=opts)
    db, opened = _open(store)
    try:
        if not forms_path(opts):
            def read(weeks: list[str]) -> Any:
                from toolkit.corpus import Corpus

                return Corpus.from_documents(
                    d for w in sorted(weeks) for d in db.iter_documents(week=w, sources=sources))

            return keyness(read(targets), read(references), **stats)
        groups, _ = _stored(db, targets + references, _form_preset(opts.preset), save=save)
    finally:
        if opened:
            db.close()
    counter = FormCounts()
    stored_terms = (opts.preset, opts.clitics) == _STORED_TERMS
    pairs: list[pa.Table] = []
    side_of = {w: 0 for w in targets} | {w: 1 for w in references}
    for (week, source), (_fp, value) in groups.items():
        if sources is not None and source not in sources:
            continue
        table, tokens = _decode(value)
        counter.add_counts(table.column("form"), table.column("count"), side_of[week], tokens)
        if stored_terms:
            pairs.append(table.select(["form", "term"]))
    to_terms = _stored_terms(pa.concat_tables(pairs)) if stored_terms and pairs else None
    counts, tokens, forms = side_counts(counter, opts, True, to_terms)
    empty = pd.Series([], dtype="int64")
    return sides_table(counts.get(0, empty), tokens.get(0, 0), counts.get(1, empty),
                       tokens.get(1, 0), forms, opts, measure, correction, min_count)
