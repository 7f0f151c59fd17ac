"""Results kept in the store: each document's analysis tables, computed once, stamped.

A document never changes after ingest, so what is computed from it alone (its actor
mentions, its quotes, ...) is kept beside it in the same SQLite file and read back by
every later brief instead of being computed again. This module is storage only: it knows
tables of rows that carry a ``doc_id`` column, grouped by ``kind`` (``"mentions"``,
``"quotes"``, ...) and stamped with a ``fingerprint`` string; what a kind holds and how
it is computed is decided later in the flow (:mod:`toolkit.reports.kept`), so that the
corpus package depends on no analysis.

Layout: the rows of one kind for a batch of documents are one Arrow IPC blob
(``result_chunks``, zstd, dtypes kept exactly); ``result_docs`` says, per kind and
document, which chunk holds its rows and under which fingerprint they were computed (a
document without rows is recorded too, so "no mention" is a kept result). A document is
*stale* for a kind when it has no entry or one with another fingerprint. Writing a batch is
one transaction (all or none); chunks no document points to any more are deleted with it.

>>> from toolkit.corpus.store import Store
>>> import pandas as pd
>>> store = Store(":memory:")
>>> _ = store.add([{"id": "a", "text": "وصل حفتر", "date": "2020-01-13"}])
>>> [doc for _rowid, doc in stale(store, "demo", "fp1")]
['a']
>>> put(store, "demo", "fp1", stale(store, "demo", "fp1"),
...     pd.DataFrame({"doc_id": ["a"], "word": ["حفتر"]}))
>>> read(store, "demo", "fp1", week="2020-W03")["word"].tolist(), stale(store, "demo", "fp1")
(['حفتر'], [])
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["fingerprint", "stale", "put", "read", "read_dates", "kept_kinds", "encode_frame",
           "decode_frame"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS result_chunks (
    chunk       INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    value       BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS result_docs (
    kind        TEXT NOT NULL,
    doc         INTEGER NOT NULL,
    chunk       INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (kind, doc)
);
CREATE INDEX IF NOT EXISTS result_docs_chunk ON result_docs (chunk)
"""
_CHUNK = 500  # SQLite variables per IN (...) list


def fingerprint(*parts: Any) -> str:
    """A short stable hash of ``parts`` (JSON-serialisable values: versions, options,
    the digest of a dictionary's content).

    >>> fingerprint("0.1.0", {"window": 3}) == fingerprint("0.1.0", {"window": 3})
    True
    >>> fingerprint("0.1.0") == fingerprint("0.2.0")
    False
    """
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _ready(db: sqlite3.Connection) -> bool:
    """Create the tables when absent; False when they are absent and cannot be created
    (a read-only file: nothing is kept)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'result_docs'").fetchone():
        return True
    try:
        for statement in filter(str.strip, _SCHEMA.split(";")):
            db.execute(statement)
    except sqlite3.OperationalError:
        return False
    return True


def stale(
    store: Any, kind: str, fingerprint: str, week: str | None = None, start: Any = None,
    end: Any = None, sources: str | Sequence[str] | None = None,
) -> list[tuple[int, str]]:
    """``(rowid, doc_id)`` of the stored documents (of ``week``, ``start``–``end``,
    ``sources``) whose ``kind`` is not kept under ``fingerprint``, in rowid order.

    >>> from toolkit.corpus.store import Store
    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "نص"}])
    >>> stale(store, "demo", "fp")
    [(1, 'a')]
    """
    db = store.connection
    where, params = store.where_clause(week, start, end, sources)
    if not _ready(db):
        rows = db.execute(f"SELECT rowid, doc_id FROM documents{where} ORDER BY rowid", params)
        return [(r, d) for r, d in rows]
    cond = where.replace(" WHERE ", " AND ", 1)
    rows = db.execute(
        "SELECT documents.rowid, doc_id FROM documents LEFT JOIN result_docs"
        " ON result_docs.doc = documents.rowid AND result_docs.kind = ?"
        f" WHERE (result_docs.fingerprint IS NULL OR result_docs.fingerprint != ?){cond}"
        " ORDER BY documents.rowid", [kind, fingerprint, *params])
    return [(r, d) for r, d in rows]


def encode_frame(frame: pd.DataFrame) -> bytes:
    """``frame`` as one Arrow IPC stream (zstd), its dtypes recorded (:func:`decode_frame`)."""
    plain = frame.copy()
    plain.attrs = {}
    table = pa.Table.from_pandas(plain, preserve_index=False)
    nan_columns = []  # object columns whose missing values are NaN (not None)
    for column, dtype in plain.dtypes.items():
        if str(dtype) == "object":
            missing = plain[column][plain[column].isna()]
            if len(missing) and not any(v is None for v in missing):
                nan_columns.append(str(column))
    dtypes = json.dumps({str(c): str(t) for c, t in plain.dtypes.items()})
    table = table.replace_schema_metadata({**table.schema.metadata, b"antk_dtypes": dtypes,
                                           b"antk_nan": json.dumps(nan_columns)})
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def decode_frame(value: bytes) -> pd.DataFrame:
    """The frame :func:`encode_frame` kept: the same dtypes (object columns stay object,
    with ``None`` where a value is missing; pandas' ``str`` columns stay ``str``)."""
    table = pa.ipc.open_stream(pa.py_buffer(value)).read_all()
    dtypes = json.loads(table.schema.metadata[b"antk_dtypes"])
    plain = [c for c, t in dtypes.items() if t == "object"]
    rest = table.drop_columns(plain)
    frame = (rest.to_pandas() if rest.num_columns
             else pd.DataFrame(index=pd.RangeIndex(table.num_rows)))
    nan_columns = set(json.loads(table.schema.metadata.get(b"antk_nan", b"[]")))
    for column in plain:
        values = pd.Series(table.column(column).to_pylist(), dtype=object)
        if column in nan_columns:
            values = values.where(values.notna(), float("nan"))
        frame[column] = values
    frame = frame[list(dtypes)]
    changed = {c: t for c, t in dtypes.items() if str(frame[c].dtype) != t}
    return frame.astype(changed) if changed else frame


def put(
    store: Any, kind: str, fingerprint: str, documents: Sequence[tuple[int, str]],
    frame: pd.DataFrame,
) -> None:
    """Keep ``frame`` (rows of ``kind`` with a ``doc_id`` column) as the results of
    ``documents`` (``(rowid, doc_id)`` pairs, as :func:`stale` gives them) under
    ``fingerprint``, in one transaction; their earlier results of ``kind`` are replaced.
    Rows of a ``doc_id`` outside ``documents`` are a ``ValueError`` (nothing written).
    """
    if "doc_id" not in frame.columns:
        raise ValueError(f"results of kind {kind!r} need a doc_id column, got {list(frame.columns)}")
    ids = {d for _r, d in documents}
    strays = set(frame["doc_id"].astype(str)) - ids
    if strays:
        raise ValueError(f"results of kind {kind!r} hold rows of documents not given: "
                         f"{sorted(strays)[:5]}")
    db = store.connection
    value = encode_frame(frame)
    db.execute("BEGIN IMMEDIATE")
    try:
        if not _ready(db):
            raise sqlite3.OperationalError(f"store={str(store.path)!r} cannot keep results")
        chunk = db.execute("INSERT INTO result_chunks (kind, fingerprint, value) VALUES (?, ?, ?)",
                           (kind, fingerprint, value)).lastrowid
        db.executemany("INSERT OR REPLACE INTO result_docs VALUES (?, ?, ?, ?)",
                       [(kind, rowid, chunk, fingerprint) for rowid, _d in documents])
        db.execute("DELETE FROM result_chunks WHERE kind = ? AND chunk NOT IN"
                   " (SELECT DISTINCT chunk FROM result_docs WHERE kind = ?)", (kind, kind))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def read(
    store: Any, kind: str, fingerprint: str, week: str | None = None, start: Any = None,
    end: Any = None, sources: str | Sequence[str] | None = None,
) -> pd.DataFrame | None:
    """The kept rows of ``kind`` of the documents of ``week``, ``start``–``end``,
    ``sources`` (the selection of :meth:`Store.read`), in the order of that read (by
    date, doc_id; each document's rows as computed); ``None`` when one of them is not kept
    under ``fingerprint`` (compute them instead), or nothing of ``kind`` was ever kept.
    """
    db = store.connection
    where, params = store.where_clause(week, start, end, sources)
    db.execute("BEGIN")  # one snapshot for the three queries
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'result_docs'").fetchone():
            return None
        order = db.execute(f"SELECT doc_id FROM documents{where} ORDER BY date, doc_id",
                           params).fetchall()
        cond = where.replace(" WHERE ", " AND ", 1)
        entries = db.execute(
            "SELECT documents.doc_id, result_docs.chunk FROM result_docs JOIN documents"
            " ON documents.rowid = result_docs.doc"
            f" WHERE result_docs.kind = ? AND result_docs.fingerprint = ?{cond}",
            [kind, fingerprint, *params]).fetchall()
        if len(entries) != len(order):
            return None
        chunk_of = dict(entries)  # a document's rows come from its own chunk only: an
        # earlier version of it (same doc_id, another rowid) may share an older chunk
        chunks = sorted(set(chunk_of.values()))
        if not chunks:
            chunks = [c for (c,) in db.execute(
                "SELECT chunk FROM result_chunks WHERE kind = ? ORDER BY chunk LIMIT 1", [kind])]
            if not chunks:
                return None
        values = []
        for i in range(0, len(chunks), _CHUNK):
            part = chunks[i:i + _CHUNK]
            values.extend(db.execute(
                f"SELECT chunk, value FROM result_chunks WHERE chunk IN ({', '.join('?' * len(part))})"
                " ORDER BY chunk", part))
    finally:
        db.execute("COMMIT")
    frames = [decode_frame(value) for _, value in values]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    ids = frame["doc_id"].astype(str)
    read_from = np.repeat([chunk for chunk, _ in values], [len(part) for part in frames])
    own = (ids.map(chunk_of) == read_from).to_numpy()  # one lookup for all chunks
    frame, ids = frame[own], ids[own]
    position = {d: i for i, (d,) in enumerate(order)}
    at = ids.map(position)
    keep = at.notna().to_numpy()
    frame = frame[keep]
    frame = frame.iloc[at[keep].astype("int64").argsort(kind="stable")]
    return frame.reset_index(drop=True)


def read_dates(
    store: Any, week: str | None = None, start: Any = None, end: Any = None,
    sources: str | Sequence[str] | None = None,
) -> Any:
    """The documents :meth:`Store.read` gives for the same selection, without their texts
    (``text`` empty; ``doc_id, date, source`` as stored): what a brief needs of the week
    before, whose tables are kept.

    >>> from toolkit.corpus.store import Store
    >>> store = Store(":memory:")
    >>> _ = store.add([{"id": "a", "text": "وصل حفتر", "date": "2020-01-13", "source": "x"}])
    >>> read_dates(store, week="2020-W03").frame[["doc_id", "source", "text"]].values.tolist()
    [['a', 'x', '']]
    """
    from datetime import datetime

    from toolkit.corpus.model import Corpus, Document

    where, params = store.where_clause(week, start, end, sources)
    rows = store.connection.execute(
        f"SELECT doc_id, date, source FROM documents{where} ORDER BY date, doc_id", params)
    return Corpus.from_documents(
        Document(d, datetime.fromisoformat(t) if t else None, s, None, None, None, "")
        for d, t, s in rows)


def kept_kinds(store: Any) -> pd.DataFrame:
    """What the store keeps: columns ``kind, fingerprint, documents``.

    >>> from toolkit.corpus.store import Store
    >>> kept_kinds(Store(":memory:")).columns.tolist()
    ['kind', 'fingerprint', 'documents']
    """
    db = store.connection
    rows = []
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'result_docs'").fetchone():
        rows = db.execute("SELECT kind, fingerprint, count(*) FROM result_docs"
                          " GROUP BY kind, fingerprint ORDER BY kind, fingerprint").fetchall()
    return pd.DataFrame(rows, columns=["kind", "fingerprint", "documents"])
