"""The tidy term counts kept in the store by ISO week and source: keyness without reading
the texts again.

A weekly brief compares the week with the 4 weeks before it, so counting from the texts
reads 5 weeks of articles every Monday, 4 of them counted the Monday before. Here each
(week, source) group of a :class:`toolkit.corpus.store.Store` gets its tidy term-count table
(:func:`toolkit.frequency.document_counts.term_counts`: ``term, form, count, docs``, and
the group's ``tokens`` and ``documents``) counted once (``antk ingest`` does it for the
weeks it adds to; :func:`store_keyness` for any group it finds missing) and stored beside
the documents. A stored group is used only while its documents are the same (the store's
group fingerprint), and only by the code version that wrote it; otherwise it is counted
again. :func:`week_counts` reads the stored tables back (summed over groups, a group-by);
keyness, term frequencies by week or source are views of them.

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
>>> counts, sizes = week_counts(store, ["2020-W03"])
>>> counts.query("term == 'حفتر'")[["week", "form", "count", "docs"]].values.tolist()
[['2020-W03', 'حفتر', 1, 1], ['2020-W03', 'وحفتر', 1, 0]]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit import __version__
from toolkit import text as _text
from toolkit.frequency.document_counts import count_keyed, key_column
from toolkit.frequency.key_terms import keyness, scored_table
from toolkit.frequency.terms import (
    TermOptions,
    _form_preset,
    dropper,
    forms_path,
    forms_to_terms,
    make_options,
)

__all__ = ["SCHEME", "stale_weeks", "store_keyness", "store_terms", "update_week_counts",
           "week_counts"]

#: version of the stored layout; with the toolkit's version it names what is stored (a
#: stored group written by another version is counted again, and the old one deleted)
SCHEME = "2"
_PREFIX = "forms/"
#: the options whose terms are stored with the forms (the defaults)
_STORED_TERMS = (TermOptions.preset, TermOptions.clitics)
_COLUMNS = ["term", "form", "count", "docs"]


def _kind(form_preset: str) -> str:
    return f"{_PREFIX}{SCHEME}/{__version__}/{form_preset}"


def _open(store: Any) -> tuple[Any, bool]:
    from toolkit.corpus.store import Store

    if isinstance(store, Store):
        return store, False
    return Store(store), True


def _encode(rows: pd.DataFrame, tokens: int, documents: int) -> bytes:
    table = pa.Table.from_pandas(rows[_COLUMNS], preserve_index=False)
    table = table.replace_schema_metadata({"tokens": str(tokens), "documents": str(documents)})
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _decode(value: bytes) -> tuple[pa.Table, int, int]:
    table = pa.ipc.open_stream(pa.py_buffer(value)).read_all()
    meta = table.schema.metadata
    return table, int(meta[b"tokens"]), int(meta[b"documents"])


def _count_week(store: Any, week: str, form_preset: str) -> dict[str | None, tuple[str, bytes]]:
    """Count one week's documents, by source: ``{source: (fingerprint, value)}``."""
    groups, texts = store.week_snapshot(week)
    # the stored terms are those of the default options (of the forms' preset)
    options = TermOptions(preset="none" if form_preset == "none" else "search")
    counts, sizes = count_keyed(((text, (source,)) for source, text in texts), ["source"],
                                options)
    out = {}
    where = {s: i for i, s in enumerate(sizes["source"])}
    unit = counts["source"].map(where).to_numpy() if len(counts) else np.zeros(0, np.int64)
    for source, fp in groups.items():
        i = where.get(source)
        mine = counts[unit == i] if i is not None else counts.iloc[:0]
        tokens = int(sizes["tokens"].iloc[i]) if i is not None else 0
        documents = int(sizes["documents"].iloc[i]) if i is not None else 0
        out[source] = (fp, _encode(mine, tokens, documents))
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
    """Count and store the tidy term counts of every (week, source) group of ``weeks``
    (all the store's weeks when None) that is not stored yet or whose documents changed;
    return how many weeks were counted. Each week is written in one transaction.

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


def _read_groups(
    db: Any, weeks: Sequence[str], opts: TermOptions, sources: Sequence[str] | None, save: bool
) -> tuple[pa.Table, pd.DataFrame]:
    """The stored tables of ``weeks`` (of ``sources``) as one arrow table (``week, source,
    term, form, count, docs``; the terms of ``opts``) and their sizes (``week, source,
    tokens, documents``)."""
    groups, _ = _stored(db, list(weeks), _form_preset(opts.preset), save=save)
    tables, sizes = [], []
    for (week, source), (_fp, value) in sorted(groups.items(), key=lambda g: str(g[0])):
        if sources is not None and source not in sources:
            continue
        table, tokens, documents = _decode(value)
        n = table.num_rows
        tables.append(table.add_column(0, "week", pa.array([week] * n, pa.string()))
                      .add_column(1, "source", pa.array([source] * n, pa.string())))
        sizes.append((week, source, tokens, documents))
    schema = pa.schema([("week", pa.string()), ("source", pa.string()), ("term", pa.string()),
                        ("form", pa.string()), ("count", pa.int64()), ("docs", pa.int64())])
    table = pa.concat_tables([t.cast(schema) for t in tables]) if tables else schema.empty_table()
    if (opts.preset, opts.clitics) != _STORED_TERMS:  # the forms mapped to these terms
        forms = table.column("form").unique()
        mapping = dict(zip(forms.to_pylist(), forms_to_terms(forms.to_pylist(), opts),
                           strict=True))
        terms = pa.array([mapping[f] for f in table.column("form").to_pylist()], pa.string())
        table = table.set_column(2, "term", terms)
    return table, pd.DataFrame(sizes, columns=["week", "source", "tokens", "documents"])


def week_counts(
    store: Any,
    weeks: Sequence[str],
    *,
    sources: Sequence[str] | None = None,
    preset: str = "search",
    clitics: str = "strip",
    options: TermOptions | None = None,
    save: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy term counts the store keeps for the ISO ``weeks`` (of ``sources``; counted
    now where missing, stored when ``save``): ``counts`` with ``week, source, term, form,
    count, docs`` and ``sizes`` with ``week, source, tokens, documents`` — the tables of
    :func:`toolkit.frequency.document_counts.term_counts` of ``store.read(week=...)`` by
    ``["week", "source"]`` (``docs`` exact with the default ``preset`` and ``clitics``).
    ``frequency_view(counts, sizes, by="week")`` is then ``term_frequencies`` by week.

    >>> counts, sizes = week_counts("news.sqlite", ["2015-W32"])  # doctest: +SKIP
    """
    opts = make_options(options, preset=preset, clitics=clitics)
    if not forms_path(opts):
        raise ValueError("the store keeps one term per word: clitics='split' and extra kinds "
                         "are counted from the texts (term_counts(store.read(...)))")
    db, opened = _open(store)
    try:
        table, sizes = _read_groups(db, weeks, opts, sources, save)
    finally:
        if opened:
            db.close()
    counts = table.to_pandas()
    for c in ("term", "form"):
        counts[c] = counts[c].astype(object)
    for c in ("week", "source"):  # as term_counts gives its grouping columns
        counts[c] = key_column(counts[c].astype(object).where(counts[c].notna(), None))
    return counts, sizes


def store_terms(
    store: Any, weeks: Sequence[str], *, sources: Sequence[str] | None = None, save: bool = True
) -> dict[str, str]:
    """Each word of the documents of the ISO ``weeks`` (of ``sources``), normalized
    (``search``), with the term the store counted it as (default options): what
    :func:`toolkit.frequency.terms.remember_terms` gives :func:`toolkit.frequency.kwic`
    so that it finds a term in those documents without segmenting their words again.

    >>> from toolkit.corpus.store import Store
    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "وصل حفتر إلى باريس وحفتر", "date": "2020-01-13"}])
    >>> store_terms(store, ["2020-W03"])["وحفتر"]
    'حفتر'
    """
    opts = TermOptions()
    db, opened = _open(store)
    try:
        table, _sizes = _read_groups(db, list(weeks), opts, sources, save)
    finally:
        if opened:
            db.close()
    forms = pc.dictionary_encode(table.column("form")).combine_chunks()
    _, first_row = np.unique(forms.indices.to_numpy(zero_copy_only=False), return_index=True)
    names = forms.dictionary.to_pylist()
    terms = table.column("term").take(pa.array(first_row)).to_pylist()
    norms = _text.normalize("\n".join(names), preset=opts.preset).split("\n") if names else []
    if len(norms) != len(names):
        norms = [_text.normalize(f, preset=opts.preset) for f in names]
    return dict(zip(norms, terms, strict=True))


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
    """Keyness of the ISO week(s) ``target`` against the weeks ``reference``, a view of
    the term counts stored by week and source (counted now where missing; stored for next
    time when ``save``): the frame of :func:`toolkit.frequency.keyness` on
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
        table, sizes = _read_groups(db, targets + references, opts, sources, save)
    finally:
        if opened:
            db.close()
    n_target = int(sizes.loc[sizes["week"].isin(targets), "tokens"].sum())
    n_reference = int(sizes.loc[sizes["week"].isin(references), "tokens"].sum())
    if n_target == 0:
        raise ValueError("the target corpus has no terms (empty corpus or empty texts)")
    if n_reference == 0:
        raise ValueError("the reference corpus has no terms (empty corpus or empty texts)")
    return scored_table(_sides(table, targets), n_target, n_reference, measure=measure,
                        correction=correction, min_count=min_count, drop=dropper(opts))


def _sides(table: pa.Table, targets: list[str]) -> pd.DataFrame:
    """``term, count_target, count_reference, form`` from stored rows (``week, term, form,
    count``): the tidy table summed by side, on integer codes (each string hashed once);
    ``form``: the term's most frequent written form over both sides (ties: the first in
    code-point order)."""
    count = table.column("count").to_numpy()
    target = pc.is_in(table.column("week"), value_set=pa.array(targets, pa.string()))
    target = target.to_numpy(zero_copy_only=False)
    forms = pc.dictionary_encode(table.column("form")).combine_chunks()
    form_code = forms.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    n_forms = len(forms.dictionary)
    t = np.bincount(form_code, weights=np.where(target, count, 0), minlength=n_forms)
    r = np.bincount(form_code, weights=np.where(target, 0, count), minlength=n_forms)
    # a form's term is the same in every row (the same options): the first row's
    _, first_row = np.unique(form_code, return_index=True)
    terms = pc.dictionary_encode(table.column("term").take(pa.array(first_row))).combine_chunks()
    term_of_form = terms.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    n_terms = len(terms.dictionary)
    # the best form of each term: most frequent, then first in code-point order (arrow
    # sorts UTF-8 bytes: the same order)
    rank = np.empty(n_forms, dtype=np.int64)
    rank[pc.sort_indices(forms.dictionary).to_numpy()] = np.arange(n_forms)
    order = np.lexsort((rank, -(t + r), term_of_form))
    firsts = order[np.r_[True, term_of_form[order][1:] != term_of_form[order][:-1]]]
    best = np.empty(n_terms, dtype=np.int64)
    best[term_of_form[firsts]] = firsts
    return pd.DataFrame({
        "term": np.asarray(terms.dictionary.to_pylist(), dtype=object),
        "count_target": np.bincount(term_of_form, weights=t, minlength=n_terms).astype(np.int64),
        "count_reference": np.bincount(term_of_form, weights=r, minlength=n_terms).astype(
            np.int64),
        "form": np.asarray(forms.dictionary.take(pa.array(best)).to_pylist(), dtype=object),
    })
