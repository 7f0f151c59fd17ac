"""Charts from the toolkit's tables: each function takes a documented DataFrame and returns a
``matplotlib.figure.Figure`` (``kwic_html`` returns HTML), with every label passed through
the shaping policy of :mod:`toolkit.plots.arabic` when the text is created.

Layout choices for ``lang="ar"``: horizontal bar charts read right to left (bars grow from
the right edge leftwards, labels on the right, title on the right); diverging keyness bars
keep the numeric convention (positive to the right) in both languages; time runs left to
right in both languages, as in Arabic newspapers' charts.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.plots.arabic import font_path, prepare, prepare_pil, style

__all__ = [
    "actor_bars",
    "co_mention_network",
    "keyness_bars",
    "kwic_html",
    "png_bytes",
    "timeline",
    "top_terms",
    "word_cloud",
]

LANGS = ("ar", "en")

# Every heading and axis label, in both languages.
TEXT: dict[str, dict[str, str]] = {
    "top_terms": {"ar": "الكلمات الأكثر تكرارا", "en": "Most frequent terms"},
    "count": {"ar": "عدد المرات", "en": "Occurrences"},
    "keyness": {"ar": "الكلمات المميزة", "en": "Key terms"},
    "target": {"ar": "أكثر في الهدف", "en": "More in target"},
    "reference": {"ar": "أكثر في المرجع", "en": "More in reference"},
    "g2": {"ar": "الأرجحية اللوغاريتمية (G²) بإشارة", "en": "Signed log-likelihood (G²)"},
    "log_ratio": {"ar": "نسبة لوغاريتمية", "en": "Log ratio"},
    "pct_diff": {"ar": "فرق النسبة المئوية", "en": "% difference"},
    "actor_bars": {"ar": "ذكر الفاعلين", "en": "Actor mentions"},
    "mentions": {"ar": "عدد الإشارات", "en": "Mentions"},
    "docs": {"ar": "عدد المقالات", "en": "Articles"},
    "timeline": {"ar": "التطور عبر الزمن", "en": "Over time"},
    "period": {"ar": "الفترة", "en": "Period"},
    "per_10k": {"ar": "لكل 10 آلاف كلمة", "en": "Per 10,000 words"},
    "total": {"ar": "المجموع", "en": "Total"},
    "network": {"ar": "شبكة الذكر المشترك", "en": "Co-mention network"},
    "other": {"ar": "أخرى", "en": "Other"},
    "unknown": {"ar": "غير معروف", "en": "Unknown"},
    "source": {"ar": "المصدر", "en": "Source"},
    "group": {"ar": "المجموعة", "en": "Group"},
    "empty": {"ar": "لا توجد بيانات", "en": "No data"},
    "doc_id": {"ar": "المقال", "en": "Document"},
    "left": {"ar": "السياق السابق", "en": "Before"},
    "match": {"ar": "الكلمة", "en": "Match"},
    "right": {"ar": "السياق اللاحق", "en": "After"},
}

PALETTE = ["#1b6ca8", "#c8553d", "#2a9d8f", "#e9c46a", "#6d597a", "#8ab17d", "#b56576",
           "#577590", "#f4a261", "#264653"]
TARGET_COLOR, REFERENCE_COLOR = PALETTE[0], PALETTE[1]


# --------------------------------------------------------------------------- helpers

def _t(key: str, lang: str) -> str:
    return prepare(TEXT.get(key, {}).get(lang, key))


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r} is not supported; use one of {list(LANGS)}")


def _check_frame(frame: Any, required: Iterable[str], argument: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{argument} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{argument} lacks the column(s) {missing}; it has {list(frame.columns)}"
        )
    return frame


def _check_n(n: Any, argument: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"{argument}={n!r} must be a positive integer")
    return int(n)


def _figure(width: float, height: float) -> Figure:
    """A new figure under the toolkit style (rcParams are read when artists are made)."""
    return Figure(figsize=(width, height))


def _empty(fig: Figure, lang: str, title: str | None) -> Figure:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, _t("empty", lang), ha="center", va="center", fontsize=14,
            transform=ax.transAxes)
    if title:
        ax.set_title(prepare(title), loc="right" if lang == "ar" else "left")
    return fig


def _title(ax: Any, title: str, lang: str) -> None:
    ax.set_title(prepare(title), loc="right" if lang == "ar" else "left")


def _rtl_barh(ax: Any) -> None:
    """Right-to-left horizontal bars: values grow leftwards, category labels on the right."""
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)


def actor_label(actor_id: Any, labels: Any = None, lang: str = "ar") -> str:
    """The display name of an actor: from an ``Actors`` dictionary (``labels.label(id,
    lang)``), a mapping ``id -> name`` or ``id -> {"ar": ..., "en": ...}``, an iterable of
    ``Actor`` (``.id``, ``.label`` dict), or the id itself when nothing is known.

    >>> actor_label("haftar", {"haftar": {"ar": "خليفة حفتر", "en": "Khalifa Haftar"}}, "en")
    'Khalifa Haftar'
    """
    key = str(actor_id)
    if labels is None:
        return key
    if hasattr(labels, "label") and callable(labels.label):
        try:
            found = labels.label(key, lang=lang)
        except (KeyError, LookupError):
            found = None
        return str(found) if found else key
    if isinstance(labels, Mapping):
        value = labels.get(key, labels.get(actor_id))
        if value is None:
            return key
        if isinstance(value, Mapping):
            return str(value.get(lang) or value.get("ar") or value.get("en") or key)
        label = getattr(value, "label", None)
        if isinstance(label, Mapping):
            return str(label.get(lang) or label.get("ar") or key)
        return str(value)
    for actor in labels:  # an iterable of Actor objects
        if str(getattr(actor, "id", "")) == key:
            label = getattr(actor, "label", None)
            if isinstance(label, Mapping):
                return str(label.get(lang) or label.get("ar") or key)
    return key


def png_bytes(fig: Figure, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes without a software/date stamp, so the same data gives the
    same bytes (used by the reports and the tests).

    >>> png_bytes(top_terms(pd.DataFrame({"term": ["ليبيا"], "count": [3]})))[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _labelled(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """``term``, ``value`` and ``label``: the term's most frequent written ``form`` when the
    table has one (``حكومة`` rather than the normalized ``حكومه``), else the term itself."""
    out = frame[["term", value]].assign(term=lambda d: d["term"].astype(str))
    if "form" in frame.columns:
        form = frame["form"].astype(object).where(frame["form"].notna(), None)
        out["label"] = [f if isinstance(f, str) and f else t
                        for f, t in zip(form, out["term"], strict=True)]
    else:
        out["label"] = out["term"]
    return out


# --------------------------------------------------------------------------- bar charts

def top_terms(freq: pd.DataFrame, n: int = 20, *, lang: str = "ar",
              title: str | None = None, value: str = "count") -> Figure:
    """Horizontal bars of the ``n`` most frequent terms of a ``term_frequencies`` table
    (columns ``term`` and ``count``; ``docs``/``share`` usable as ``value``).

    For ``lang="ar"`` the bars grow from right to left with the terms on the right.

    >>> freq = pd.DataFrame({"term": ["ليبيا", "حفتر"], "count": [12, 7]})
    >>> fig = top_terms(freq, n=2)
    """
    _check_lang(lang)
    n = _check_n(n)
    _check_frame(freq, ["term", value], "freq")
    with style():
        top = (_labelled(freq, value)
               .sort_values([value, "term"], ascending=[False, True], kind="mergesort")
               .head(n))
        fig = _figure(7.5, max(2.5, 0.32 * len(top) + 1.2))
        heading = title if title is not None else TEXT["top_terms"][lang]
        if top.empty:
            return _empty(fig, lang, heading)
        ax = fig.add_subplot()
        y = np.arange(len(top))[::-1]
        bars = ax.barh(y, top[value].to_numpy(), color=PALETTE[0], height=0.7)
        ax.set_yticks(y, labels=[prepare(t) for t in top["label"]])
        ax.tick_params(axis="y", length=0)
        for bar, v in zip(bars, top[value], strict=True):
            # Beyond the bar's end: leftwards when the bars grow right to left.
            ax.annotate(_number(v), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        xytext=(-3 if lang == "ar" else 3, 0), textcoords="offset points",
                        ha="right" if lang == "ar" else "left", va="center", fontsize=9)
        ax.set_xlabel(_t(value if value in TEXT else "count", lang))
        ax.margins(x=0.12)
        if lang == "ar":
            _rtl_barh(ax)
        _title(ax, heading, lang)
    return fig


def _number(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and not float(value).is_integer():
        return f"{value:.3g}"
    return f"{int(value):,}"


def keyness_bars(key: pd.DataFrame, n: int = 15, *, measure: str = "g2", lang: str = "ar",
                 title: str | None = None, target: str | None = None,
                 reference: str | None = None) -> Figure:
    """Diverging bars of a ``keyness`` table (columns ``term`` and the signed ``measure``:
    ``g2``, ``log_ratio`` or ``pct_diff``): the ``n`` most positive terms (typical of the
    target, first colour) above the ``n`` most negative (typical of the reference, second
    colour), each term written beside the zero line.

    >>> key = pd.DataFrame({"term": ["حفتر", "السعودية"], "g2": [14.2, -9.5]})
    >>> fig = keyness_bars(key, target="ليبيا", reference="الخليج")
    """
    _check_lang(lang)
    n = _check_n(n)
    measures = ("g2", "log_ratio", "pct_diff")
    if measure not in measures:
        raise ValueError(f"measure={measure!r} is not a signed keyness measure; use one of "
                         f"{list(measures)}")
    _check_frame(key, ["term", measure], "key")
    with style():
        values = _labelled(key, measure).dropna(subset=[measure])
        order = ["term"]
        pos = (values[values[measure] > 0]
               .sort_values([measure, *order], ascending=[False, True], kind="mergesort")
               .head(n))
        neg = (values[values[measure] < 0]
               .sort_values([measure, *order], ascending=[True, True], kind="mergesort")
               .head(n)[::-1])
        rows = pd.concat([pos, neg], ignore_index=True)
        fig = _figure(8, max(2.5, 0.3 * len(rows) + 1.6))
        heading = title if title is not None else TEXT["keyness"][lang]
        if rows.empty:
            return _empty(fig, lang, heading)
        ax = fig.add_subplot()
        y = np.arange(len(rows))[::-1]
        v = rows[measure].to_numpy(dtype=float)
        colors = [TARGET_COLOR if x > 0 else REFERENCE_COLOR for x in v]
        ax.barh(y, v, color=colors, height=0.7)
        span = float(np.abs(v).max()) or 1.0
        pad = span * 0.015
        for yi, xi, term in zip(y, v, rows["label"], strict=True):
            # Terms sit on the other side of the zero line from their bar.
            ax.text(-pad if xi > 0 else pad, yi, prepare(term), va="center",
                    ha="right" if xi > 0 else "left", fontsize=10)
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlim(-span * 1.45, span * 1.45)
        ax.set_xlabel(_t(measure, lang))
        from matplotlib.patches import Patch

        handles = [Patch(color=TARGET_COLOR, label=prepare(target) if target else _t("target", lang)),
                   Patch(color=REFERENCE_COLOR,
                         label=prepare(reference) if reference else _t("reference", lang))]
        ax.legend(handles=handles, loc="lower right" if lang == "ar" else "lower left",
                  frameon=False, fontsize=9, markerfirst=lang != "ar")
        _title(ax, heading, lang)
    return fig


def actor_bars(counts: pd.DataFrame, labels: Any = None, stack: str | None = None, *,
               n: int = 15, value: str = "mentions", lang: str = "ar",
               title: str | None = None, max_stacks: int = 8) -> Figure:
    """Horizontal bars of actor mentions from a ``mention_counts`` table (columns
    ``actor_id`` — or ``group`` for ``level="group"`` — and ``mentions``), stacked by the
    column ``stack`` (e.g. ``"source"``) when given. Actor names come from ``labels`` (an
    ``Actors`` dictionary or a mapping), in ``lang``; beyond ``max_stacks`` the smaller
    stack values are pooled as "other".

    >>> counts = pd.DataFrame({"actor_id": ["haftar", "sarraj"], "mentions": [9, 4]})
    >>> fig = actor_bars(counts, labels={"haftar": "خليفة حفتر", "sarraj": "فايز السراج"})
    """
    _check_lang(lang)
    n = _check_n(n)
    _check_n(max_stacks, "max_stacks")
    if "actor_id" in counts.columns if isinstance(counts, pd.DataFrame) else False:
        ident = "actor_id"
    else:
        ident = "group"
    required = [ident, value] + ([stack] if stack is not None else [])
    _check_frame(counts, required, "counts")
    with style():
        frame = counts[required].copy()
        frame[ident] = frame[ident].astype(str)
        totals = (frame.groupby(ident, sort=True)[value].sum()
                  .sort_values(ascending=False, kind="mergesort").head(n))
        fig = _figure(8, max(2.5, 0.34 * len(totals) + 1.4))
        heading = title if title is not None else TEXT["actor_bars"][lang]
        if totals.empty:
            return _empty(fig, lang, heading)
        ax = fig.add_subplot()
        ids = list(totals.index)
        y = np.arange(len(ids))[::-1]
        if stack is None:
            ax.barh(y, totals.to_numpy(), color=PALETTE[0], height=0.7)
        else:
            unknown = TEXT["unknown"][lang]
            frame[stack] = frame[stack].where(frame[stack].notna(), unknown).astype(str)
            table = (frame[frame[ident].isin(ids)]
                     .pivot_table(index=ident, columns=stack, values=value, aggfunc="sum",
                                  fill_value=0)
                     .reindex(ids).fillna(0))
            keep = (table.sum().sort_values(ascending=False, kind="mergesort").index
                    .tolist())
            if len(keep) > max_stacks:
                other = table[keep[max_stacks - 1:]].sum(axis=1)
                table = table[keep[:max_stacks - 1]].assign(**{"\0other": other})
            else:
                table = table[keep]
            left = np.zeros(len(ids))
            for i, column in enumerate(table.columns):
                widths = table[column].to_numpy(dtype=float)
                name = TEXT["other"][lang] if column == "\0other" else column
                ax.barh(y, widths, left=left, color=PALETTE[i % len(PALETTE)], height=0.7,
                        label=prepare(name))
                left += widths
            fig.legend(loc="outside lower center", frameon=False, fontsize=9,
                       ncols=min(len(table.columns), 5), title=_t(stack, lang),
                       markerfirst=lang != "ar")
        ax.set_yticks(y, labels=[prepare(actor_label(i, labels, lang)) for i in ids])
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(_t(value, lang))
        if lang == "ar":
            _rtl_barh(ax)
        _title(ax, heading, lang)
    return fig


# --------------------------------------------------------------------------- time

def timeline(trend_frame: pd.DataFrame, x: str = "period", y: str = "count",
             hue: str | None = "term", *, labels: Any = None, lang: str = "ar",
             title: str | None = None, top: int = 8) -> Figure:
    """Lines over time from a ``trends`` table (``period``, ``term``, ``count``,
    ``per_10k``) or any frame with a date column ``x``, a value ``y`` and a series column
    ``hue`` (``actor_id`` series are named from ``labels``). At most ``top`` series, the
    largest totals first.

    >>> trend = pd.DataFrame({"period": pd.to_datetime(["2020-03-02", "2020-03-09"]),
    ...                       "term": ["هدنة", "هدنة"], "count": [2, 5]})
    >>> fig = timeline(trend)
    """
    _check_lang(lang)
    top = _check_n(top, "top")
    required = [x, y] + ([hue] if hue is not None else [])
    _check_frame(trend_frame, required, "trend_frame")
    with style():
        frame = trend_frame[required].copy()
        if hue is None:
            frame["\0series"] = TEXT["total"][lang]
            series_col = "\0series"
        else:
            series_col = hue
            frame[hue] = frame[hue].astype(str)
        fig = _figure(9, 4.2)
        heading = title if title is not None else TEXT["timeline"][lang]
        if frame.empty:
            return _empty(fig, lang, heading)
        dates = pd.api.types.is_datetime64_any_dtype(frame[x])
        totals = (frame.groupby(series_col, sort=True)[y].sum()
                  .sort_values(ascending=False, kind="mergesort").head(top))
        ax = fig.add_subplot()
        if not dates:
            periods = sorted(frame[x].astype(str).unique())
            position = {p: i for i, p in enumerate(periods)}
        for i, name in enumerate(totals.index):
            part = (frame[frame[series_col] == name].groupby(x, sort=True)[y].sum()
                    .sort_index())
            xs = part.index if dates else [position[str(p)] for p in part.index]
            label = actor_label(name, labels, lang) if hue == "actor_id" else name
            ax.plot(xs, part.to_numpy(), marker="o", markersize=3.5, linewidth=1.8,
                    color=PALETTE[i % len(PALETTE)], label=prepare(label))
        if dates:
            import matplotlib.dates as mdates

            unique = sorted(frame[x].dropna().unique())
            if len(unique) <= 12:  # few periods (weeks, a short run): a tick on each
                ax.set_xticks(unique)
            else:
                ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        else:
            step = max(1, len(periods) // 10)
            ax.set_xticks(range(0, len(periods), step),
                          labels=[prepare(p) for p in periods[::step]])
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        ax.set_xlabel(_t(x if x in TEXT else "period", lang))
        ax.set_ylabel(_t(y if y in TEXT else "count", lang))
        ax.set_ylim(bottom=0)
        fig.legend(loc="outside right upper", frameon=False, fontsize=9,
                   markerfirst=lang != "ar")
        _title(ax, heading, lang)
    return fig


# --------------------------------------------------------------------------- network

def co_mention_network(co: pd.DataFrame, mentions: pd.DataFrame | None = None,
                       labels: Any = None, *, weight: str = "count", lang: str = "ar",
                       title: str | None = None, top: int = 25, min_count: int = 1,
                       max_edges: int = 60, seed: int = 7) -> Figure:
    """The co-mention network from a ``co_mentions`` table (``actor_a``, ``actor_b``,
    ``count``, ``pmi``, ``ll``): a spring layout with a fixed ``seed``, node size by
    mentions (from a mention table or a ``mention_counts`` table when given, else the sum
    of co-mention counts), edge width by ``weight`` (``count``, ``pmi`` or ``ll``; values
    at or below 0 get the thinnest line), Arabic (or English) node labels from ``labels``.
    At most ``top`` actors, the most mentioned, and the ``max_edges`` strongest edges.

    >>> co = pd.DataFrame({"actor_a": ["haftar"], "actor_b": ["macron"], "count": [3]})
    >>> fig = co_mention_network(co, labels={"haftar": "حفتر", "macron": "ماكرون"})
    """
    import networkx as nx

    _check_lang(lang)
    top = _check_n(top, "top")
    max_edges = _check_n(max_edges, "max_edges")
    weights = ("count", "pmi", "ll")
    if weight not in weights:
        raise ValueError(f"weight={weight!r} is not an association column; use one of "
                         f"{list(weights)}")
    _check_frame(co, ["actor_a", "actor_b", "count", weight], "co")
    with style():
        edges = co[co["count"] >= min_count][["actor_a", "actor_b", "count", weight]].copy()
        edges = edges.loc[:, ~edges.columns.duplicated()]
        edges["actor_a"] = edges["actor_a"].astype(str)
        edges["actor_b"] = edges["actor_b"].astype(str)
        edges = edges[edges["actor_a"] != edges["actor_b"]]
        size = _node_mentions(edges, mentions)
        fig = _figure(8.5, 7)
        heading = title if title is not None else TEXT["network"][lang]
        if edges.empty:
            return _empty(fig, lang, heading)
        nodes = sorted(size.index, key=lambda a: (-size[a], a))[:top]
        keep = set(nodes)
        edges = (edges[edges["actor_a"].isin(keep) & edges["actor_b"].isin(keep)]
                 .sort_values(["actor_a", "actor_b"], kind="mergesort"))
        layout = nx.Graph()
        layout.add_nodes_from(sorted(nodes))
        layout.add_edges_from(zip(edges["actor_a"], edges["actor_b"], strict=True))
        # A seeded spring layout from the circle of the sorted nodes: the picture is fixed
        # by `seed` (numpy only; Kamada-Kawai needed scipy.optimize, 3 s of a brief)
        start = nx.circular_layout(layout)
        positions = nx.spring_layout(layout, pos=start, seed=seed, weight=None, iterations=60,
                                     k=2.5 / max(1.0, np.sqrt(layout.number_of_nodes())))
        # Draw the strongest associations only, so a dense week stays readable.
        strongest = (edges.assign(_w=edges[weight].fillna(0.0))
                     .sort_values(["_w", "count", "actor_a", "actor_b"],
                                  ascending=[False, False, True, True], kind="mergesort")
                     .head(max_edges)
                     .sort_values(["actor_a", "actor_b"], kind="mergesort"))
        graph = nx.Graph()
        graph.add_nodes_from(sorted(nodes))
        for row in strongest.itertuples(index=False):
            w = float(getattr(row, weight))
            graph.add_edge(row.actor_a, row.actor_b, weight=max(w, 0.0) if w == w else 0.0)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ew = np.array([d["weight"] for _, _, d in graph.edges(data=True)], dtype=float)
        widths = _scale(ew, 0.6, 7.0)
        nx.draw_networkx_edges(graph, positions, ax=ax, width=list(widths), edge_color="#9aa5b1",
                               alpha=0.7)
        ns = np.array([float(size[a]) for a in graph.nodes], dtype=float)
        nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=list(_scale(ns, 100, 1500)),
                               node_color=PALETTE[0], alpha=0.85, linewidths=0)
        for node in graph.nodes:
            px, py = positions[node]
            ax.text(px, py, prepare(actor_label(node, labels, lang)), ha="center",
                    va="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.6})
        ax.margins(0.12)
        _title(ax, heading, lang)
    return fig


def _node_mentions(edges: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.Series:
    if mentions is not None:
        _check_frame(mentions, ["actor_id"], "mentions")
        ids = mentions["actor_id"].astype(str)
        if "mentions" in mentions.columns:
            size = mentions.assign(actor_id=ids).groupby("actor_id")["mentions"].sum()
        else:
            size = ids.value_counts()
    else:
        size = pd.concat([edges.groupby("actor_a")["count"].sum(),
                          edges.groupby("actor_b")["count"].sum()]).groupby(level=0).sum()
    present = pd.unique(pd.concat([edges["actor_a"], edges["actor_b"]]))
    return size.reindex(present).fillna(0).astype(float)


def _scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    if values.size == 0:
        return values
    v = np.where(np.isfinite(values), np.maximum(values, 0.0), 0.0)
    top = v.max()
    if top <= 0:
        return np.full(v.shape, low)
    return low + (high - low) * np.sqrt(v / top)


# --------------------------------------------------------------------------- word cloud

def word_cloud(freq: pd.DataFrame, n: int = 100, *, value: str = "count",
               lang: str = "ar", title: str | None = None, seed: int = 7,
               width: int = 1000, height: int = 500) -> Figure:
    """A word cloud (the ``wordcloud`` package) of the ``n`` most frequent terms of a
    ``term_frequencies`` table (``term``, ``count``), drawn with the packaged Arabic font;
    words are shaped for PIL under :data:`toolkit.plots.arabic.PIL_SHAPING`; the placement is
    fixed by ``seed``.

    >>> fig = word_cloud(pd.DataFrame({"term": ["ليبيا", "حفتر"], "count": [12, 7]}))
    """
    from wordcloud import WordCloud

    _check_lang(lang)
    n = _check_n(n)
    _check_frame(freq, ["term", value], "freq")
    with style():
        top = (_labelled(freq, value)
               .groupby("term", sort=True).agg({value: "sum", "label": "first"}).reset_index()
               .sort_values([value, "term"], ascending=[False, True], kind="mergesort"))
        top = top[top[value] > 0].head(n)
        fig = _figure(width / 100, height / 100 + (0.4 if title else 0))
        if top.empty:
            return _empty(fig, lang, title)
        words: dict[str, float] = {}
        for term, count in zip(top["label"], top[value], strict=True):
            words[prepare_pil(term)] = words.get(prepare_pil(term), 0.0) + float(count)
        cloud = WordCloud(font_path=str(font_path()), width=width, height=height,
                          background_color="white", random_state=seed, prefer_horizontal=1.0,
                          max_words=n, colormap="viridis", collocations=False,
                          include_numbers=True, margin=4, font_step=2)
        cloud.generate_from_frequencies(words)
        ax = fig.add_subplot()
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        fig.cloud = cloud  # the laid-out words (``cloud.layout_``) for inspection
        if title:
            _title(ax, title, lang)
    return fig


# --------------------------------------------------------------------------- KWIC

_KWIC_CSS = (
    ".antk-kwic{border-collapse:collapse;font-family:'Tajawal','DejaVu Sans',"
    "sans-serif;font-size:0.95em;width:100%}"
    ".antk-kwic th,.antk-kwic td{padding:0.2em 0.5em;border-bottom:1px solid #ddd;"
    "vertical-align:top}"
    ".antk-kwic td.left{text-align:end;white-space:nowrap}"
    ".antk-kwic td.right{text-align:start;white-space:nowrap}"
    ".antk-kwic td.match{text-align:center;white-space:nowrap}"
    ".antk-kwic mark{background:#ffe08a;padding:0 0.15em}"
    ".antk-kwic td.doc{color:#666;font-size:0.85em}"
)


def kwic_html(kwic_frame: pd.DataFrame, *, lang: str = "ar",
              max_rows: int | None = None) -> str:
    """A KWIC table (``doc_id``, ``left``, ``match``, ``right`` — as from ``kwic``) as a
    right-to-left HTML table for notebooks: the preceding context on the right of the
    highlighted match, the following context on its left, every value HTML-escaped.

    >>> kw = pd.DataFrame({"doc_id": ["seed"], "left": ["استقبل الرئيس"],
    ...                    "match": ["حفتر"], "right": ["في باريس"]})
    >>> "<mark>حفتر</mark>" in kwic_html(kw)
    True
    """
    _check_lang(lang)
    _check_frame(kwic_frame, ["doc_id", "left", "match", "right"], "kwic_frame")
    rows = kwic_frame if max_rows is None else kwic_frame.head(_check_n(max_rows, "max_rows"))

    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        return html.escape(str(value), quote=True)

    head = "".join(f"<th>{html.escape(TEXT[k][lang])}</th>"
                   for k in ("doc_id", "left", "match", "right"))
    body = []
    for row in rows.itertuples(index=False):
        body.append(
            "<tr>"
            f'<td class="doc" dir="ltr">{cell(row.doc_id)}</td>'
            f'<td class="left" dir="rtl">{cell(row.left)}</td>'
            f'<td class="match" dir="rtl"><mark>{cell(row.match)}</mark></td>'
            f'<td class="right" dir="rtl">{cell(row.right)}</td>'
            "</tr>"
        )
    return (f"<style>{_KWIC_CSS}</style>"
            f'<table class="antk-kwic" dir="rtl" lang="ar"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
