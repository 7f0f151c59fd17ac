"""Views of the mention table: counts, co-mentions, the co-mention graph and its GEXF export.

Every function here takes the mention table of :func:`toolkit.actors.find_mentions`
(and, for source/week breakdowns, the corpus metadata) and nothing else, so a fix in
matching shows up in every view.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["mention_counts", "co_mentions", "co_mention_graph", "write_gexf"]

LEVELS = ("actor", "group", "type")
WINDOWS = ("sentence", "document")
_REQUIRED = ("doc_id", "actor_id", "actor_type")


def _check_mentions(mentions: object, need: Sequence[str] = _REQUIRED) -> pd.DataFrame:
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError(
            f"mentions must be the DataFrame of find_mentions, got {type(mentions).__name__}"
        )
    missing = [c for c in need if c not in mentions.columns]
    if missing:
        raise ValueError(
            f"mentions lacks column(s) {missing}; pass the table returned by find_mentions"
        )
    return mentions


def _with_by(mentions: pd.DataFrame, by: list[str], corpus) -> pd.DataFrame:
    """Add the ``by`` columns the mention table lacks from ``corpus.frame`` (joined on doc_id)."""
    missing = [b for b in by if b not in mentions.columns]
    if not missing:
        return mentions
    if corpus is None:
        raise ValueError(
            f"by={missing} needs the documents' metadata: pass corpus= (the Corpus the mentions "
            f"came from) or add the column(s) to mentions; mention columns: {list(mentions.columns)}"
        )
    frame = corpus.frame if hasattr(corpus, "frame") else corpus
    if not isinstance(frame, pd.DataFrame) or "doc_id" not in frame.columns:
        raise TypeError("corpus must be a Corpus (or a DataFrame with doc_id and metadata)")
    meta = frame[["doc_id"] + [c for c in ("date", "source") if c in frame.columns]].copy()
    meta["doc_id"] = meta["doc_id"].astype(str)
    if "week" in missing:
        if "date" not in meta.columns:
            raise ValueError("by='week' needs a 'date' column in the corpus")
        from toolkit.corpus import iso_week

        meta["week"] = iso_week(pd.to_datetime(meta["date"]))
    if "day" in missing:
        if "date" not in meta.columns:
            raise ValueError("by='day' needs a 'date' column in the corpus")
        meta["day"] = pd.to_datetime(meta["date"]).dt.normalize()
    extra = [c for c in frame.columns if c in missing and c not in meta.columns]
    for c in extra:
        meta[c] = frame[c].to_numpy()
    unknown = [b for b in missing if b not in meta.columns]
    if unknown:
        raise ValueError(
            f"by={unknown}: not a column of the mentions or the corpus; corpus columns: "
            f"{list(frame.columns)}"
        )
    meta = meta.drop_duplicates("doc_id")
    return mentions.merge(meta[["doc_id"] + missing], on="doc_id", how="left")


def mention_counts(
    mentions: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    level: str = "actor",
    *,
    corpus=None,
    actors=None,
) -> pd.DataFrame:
    """Count mentions and documents per actor (or group, or type), optionally per source/week.

    ``by``: None, a column of ``mentions`` or of the corpus (``source``, ``week`` — the ISO
    week of the date, ``day`` — the date without its time, ``date`` ...) or a list of them; columns the mention table lacks are
    joined from ``corpus.frame`` on ``doc_id``.  ``level``: ``actor``; ``group`` (a mention
    counts toward each group of its actor; an actor without groups toward its own id;
    membership from ``actors`` or else the table's ``attrs["groups"]`` set by
    find_mentions); ``type`` (per actor type).

    Columns: the ``by`` columns, then ``actor_id, actor_type`` (level actor) or ``group``
    or ``actor_type``, then ``mentions``, ``docs``; sorted by ``by``, then most mentioned.

    >>> from toolkit.actors import find_mentions
    >>> m = find_mentions("وقال حفتر إن قوات حفتر تقدمت نحو طرابلس")
    >>> mention_counts(m)[["actor_id", "mentions", "docs"]].values.tolist()
    [['haftar', 2, 1], ['tripoli', 1, 1]]
    """
    m = _check_mentions(mentions)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {list(LEVELS)}, got {level!r}")
    by_cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    m = _with_by(m, by_cols, corpus)
    if level == "actor":
        keys = ["actor_id", "actor_type"]
    elif level == "type":
        keys = ["actor_type"]
    else:
        groups = _groups(m, actors)
        m = m.assign(group=m["actor_id"].map(lambda a: groups.get(a, [a]))).explode("group")
        keys = ["group"]
    cols = by_cols + keys
    if m.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols}).assign(
            mentions=pd.Series(dtype="int64"), docs=pd.Series(dtype="int64")
        )
    out = (
        m.groupby(cols, dropna=False, sort=False)
        .agg(mentions=("doc_id", "size"), docs=("doc_id", "nunique"))
        .reset_index()
    )
    out = out.sort_values(
        by_cols + ["mentions", keys[0]], ascending=[True] * len(by_cols) + [False, True]
    )
    return out.reset_index(drop=True).astype({"mentions": "int64", "docs": "int64"})


def _groups(mentions: pd.DataFrame, actors) -> dict[str, list[str]]:
    if actors is not None:
        return {a.id: list(a.groups or (a.id,)) for a in actors}
    groups = mentions.attrs.get("groups")
    if not isinstance(groups, Mapping):
        raise ValueError(
            "level='group' needs the dictionary: pass actors= (the Actors the mentions came from)"
        )
    return {k: list(v) for k, v in groups.items()}


def co_mentions(
    mentions: pd.DataFrame, window: str = "sentence", min_count: int = 1
) -> pd.DataFrame:
    """Pairs of actors mentioned in the same sentence (or document), with association scores.

    Units are the sentences (``window="sentence"``) or documents (``"document"``) that
    hold at least one mention; ``count`` is the number of units where both actors occur.
    ``pmi`` = log2(count·N / (n_a·n_b)) and ``ll`` = Dunning's log-likelihood G² of the
    2×2 table of units (N units in all, n_a with actor a, n_b with b).

    Columns: ``actor_a, actor_b`` (a < b), ``count``, ``pmi``, ``ll``; sorted by count,
    then ll, descending.

    >>> from toolkit.actors import find_mentions
    >>> m = find_mentions("التقى ماكرون حفتر في باريس. وقال حفتر إنه ملتزم.")
    >>> co_mentions(m)[["actor_a", "actor_b", "count"]].values.tolist()[0]
    ['france', 'macron', 1]
    """
    need = ["doc_id", "actor_id"] + (["sentence"] if window == "sentence" else [])
    m = _check_mentions(mentions, need)
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {list(WINDOWS)}, got {window!r}")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be an integer >= 1, got {min_count!r}")
    unit_cols = ["doc_id", "sentence"] if window == "sentence" else ["doc_id"]
    cols = ["actor_a", "actor_b", "count", "pmi", "ll"]
    if m.empty:
        return pd.DataFrame(
            {"actor_a": [], "actor_b": [], "count": pd.Series(dtype="int64"),
             "pmi": pd.Series(dtype=float), "ll": pd.Series(dtype=float)}
        )[cols]
    units = m[unit_cols + ["actor_id"]].drop_duplicates()
    units = units.assign(unit=units.groupby(unit_cols, sort=False).ngroup())[["unit", "actor_id"]]
    n_units = int(units["unit"].nunique())
    n_actor = units["actor_id"].value_counts()
    pairs = units.merge(units, on="unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_id_a"] < pairs["actor_id_b"]]
    co = pairs.groupby(["actor_id_a", "actor_id_b"]).size().reset_index(name="count")
    co = co.rename(columns={"actor_id_a": "actor_a", "actor_id_b": "actor_b"})
    co = co[co["count"] >= min_count]
    na = co["actor_a"].map(n_actor).to_numpy(float)
    nb = co["actor_b"].map(n_actor).to_numpy(float)
    k = co["count"].to_numpy(float)
    co["pmi"] = np.log2(k * n_units / (na * nb))
    co["ll"] = _g2(k, na, nb, float(n_units))
    co = co.sort_values(["count", "ll", "actor_a", "actor_b"], ascending=[False, False, True, True])
    return co.reset_index(drop=True)[cols].astype({"count": "int64"})


def _g2(k11: np.ndarray, na: np.ndarray, nb: np.ndarray, n: float) -> np.ndarray:
    """Dunning's G² for 2×2 tables given the joint count, both margins and the total."""
    obs = np.stack([k11, na - k11, nb - k11, n - na - nb + k11])
    exp = np.stack([na * nb, na * (n - nb), (n - na) * nb, (n - na) * (n - nb)]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return np.maximum(2.0 * terms.sum(axis=0), 0.0)


def co_mention_graph(
    co: pd.DataFrame, mentions: pd.DataFrame | None = None, labels=None
) -> nx.Graph:
    """The co-mention network: actors as nodes, co-mentions as weighted edges.

    Node attributes: ``mentions`` (from ``mentions`` when given, else 0), ``actor_type``
    (when ``mentions`` is given), ``label`` (from ``labels``: a dict id → label or an
    ``Actors``; else the id).  Edge attributes: ``count`` (also ``weight``), ``pmi``, ``ll``.

    >>> from toolkit.actors import find_mentions
    >>> m = find_mentions("التقى ماكرون حفتر في باريس.")
    >>> g = co_mention_graph(co_mentions(m), m)
    >>> g.nodes["haftar"]["mentions"], g.edges["haftar", "macron"]["count"]
    (1, 1)
    """
    need = ("actor_a", "actor_b", "count", "pmi", "ll")
    if not isinstance(co, pd.DataFrame) or any(c not in co.columns for c in need):
        raise ValueError(f"co must be the table of co_mentions with columns {list(need)}")
    if labels is not None and not isinstance(labels, Mapping):
        labels = labels.labels() if hasattr(labels, "labels") else dict(labels)
    g = nx.Graph()
    counts: dict[str, int] = {}
    types: dict[str, str] = {}
    if mentions is not None:
        _check_mentions(mentions)
        counts = {str(k): int(v) for k, v in mentions["actor_id"].value_counts().items()}
        types = dict(zip(mentions["actor_id"], mentions["actor_type"], strict=True))
    nodes = list(dict.fromkeys(list(counts) + co["actor_a"].tolist() + co["actor_b"].tolist()))
    for n in nodes:
        attrs = {"mentions": counts.get(n, 0), "label": str((labels or {}).get(n, n))}
        if n in types:
            attrs["actor_type"] = str(types[n])
        g.add_node(str(n), **attrs)
    for r in co.itertuples(index=False):
        g.add_edge(
            str(r.actor_a), str(r.actor_b), count=int(r.count), weight=int(r.count),
            pmi=float(r.pmi), ll=float(r.ll),
        )
    return g


def write_gexf(graph: nx.Graph, path: str | os.PathLike, overwrite: bool = True) -> Path:
    """Write ``graph`` as GEXF (for Gephi), atomically (temporary file, then rename).

    >>> import tempfile, networkx as nx
    >>> g = nx.Graph(); g.add_edge("haftar", "macron", count=3)
    >>> write_gexf(g, tempfile.mkdtemp() + "/net.gexf").suffix
    '.gexf'
    """
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx graph, got {type(graph).__name__}")
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"folder of {path} does not exist")
    clean = graph.__class__()
    for n, d in graph.nodes(data=True):
        clean.add_node(n, **{k: _plain(v) for k, v in d.items()})
    for a, b, d in graph.edges(data=True):
        clean.add_edge(a, b, **{k: _plain(v) for k, v in d.items()})
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            nx.write_gexf(clean, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _plain(v: object) -> object:
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        v = float(v)
    if isinstance(v, float) and not math.isfinite(v):
        return 0.0
    return v
