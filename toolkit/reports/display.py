"""HTML fragments the notebooks display: escaped text, right-to-left tables, notes, quotes.

Every function returns a string (``IPython.display.HTML(...)`` shows it); every value coming
from data is escaped, so a title holding ``<script>`` is shown as text, never run. Dates are
isolated (``<bdi dir="ltr">``) so they keep their order inside Arabic lines.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

#: section headings in both heading languages
HEADINGS: dict[str, dict[str, str]] = {
    "brief": {"ar": "الموجز الأسبوعي", "en": "Weekly brief"},
    "headline": {"ar": "أرقام رئيسية", "en": "Headline numbers"},
    "actors": {"ar": "الفاعلون الأكثر ذكرًا", "en": "Most-mentioned actors"},
    "groups": {"ar": "المعسكرات والمجموعات", "en": "Groups and camps"},
    "network": {"ar": "شبكة الذكر المشترك", "en": "Co-mention network"},
    "quotes": {"ar": "من نُقلت أقواله", "en": "Who was quoted"},
    "keyness": {"ar": "الكلمات المميِّزة للفترة", "en": "Distinctive terms"},
    "timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "labels": {"ar": "الأوصاف الملحقة بالفاعلين", "en": "Labels of top actors"},
    "kwic": {"ar": "سياقات مختارة", "en": "Keywords in context"},
    "provenance": {"ar": "المصدر وإمكانية الإعادة", "en": "Provenance"},
}


def esc(value: Any) -> str:
    """``value`` as escaped HTML text (``None``/NaN/NaT → empty).

    >>> esc("<script>حفتر</script>")
    '&lt;script&gt;حفتر&lt;/script&gt;'
    """
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


def heading(key_or_text: str, lang: str = "ar", level: int = 2) -> str:
    """A section heading from :data:`HEADINGS` (or literal text), in ``lang``.

    >>> heading("actors")
    '<h2>الفاعلون الأكثر ذكرًا</h2>'
    """
    text = HEADINGS.get(key_or_text, {}).get(lang, key_or_text)
    level = min(max(int(level), 1), 6)
    return f"<h{level}>{esc(text)}</h{level}>"


def note(text: str) -> str:
    """A muted sentence (used when a section has too little data).

    >>> note("مقال واحد فقط هذا الأسبوع")
    '<p class="antk-note" dir="auto">مقال واحد فقط هذا الأسبوع</p>'
    """
    return f'<p class="antk-note" dir="auto">{esc(text)}</p>'


def paragraph(text: str) -> str:
    """A paragraph of escaped text, direction from its content."""
    return f'<p dir="auto">{esc(text)}</p>'


def ltr(value: Any) -> str:
    """An isolated left-to-right run (dates, ids, hashes) inside Arabic text.

    >>> ltr("2015-07-27")
    '<bdi dir="ltr">2015-07-27</bdi>'
    """
    return f'<bdi dir="ltr">{esc(value)}</bdi>'


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def format_value(value: Any, digits: int = 2) -> str:
    """Escaped HTML for one table cell: numbers rounded, dates isolated left-to-right.

    >>> format_value(pd.Timestamp("2015-07-27"))
    '<bdi dir="ltr">2015-07-27</bdi>'
    >>> format_value(12.3456)
    '12.35'
    """
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, (pd.Timestamp, datetime)):
        text = (
            value.strftime("%Y-%m-%d")
            if (value.hour, value.minute) == (0, 0)
            else value.strftime("%Y-%m-%d %H:%M")
        )
        return ltr(text)
    if isinstance(value, date):
        return ltr(value.isoformat())
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        text = f"{abs(value):,.{digits}f}"
        return text if value >= 0 else ltr(f"−{text}")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if value >= 0 else ltr(f"−{-value:,}")
    return esc(value)


def _signed(value: Any) -> str:
    """A change as ``+3`` / ``−2`` / ``0``, kept left-to-right inside Arabic tables.

    >>> _signed(-2)
    '<bdi dir="ltr">−2</bdi>'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "item"):
        value = value.item()
    if value == 0:
        return "0"
    return ltr(f"+{value:,}" if value > 0 else f"−{-value:,}")


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    *,
    caption: str | None = None,
    max_rows: int | None = None,
    digits: int = 2,
    signed: Sequence[str] = (),
    css_class: str = "antk-table",
) -> str:
    """``frame`` as an escaped right-to-left HTML table.

    ``columns``: which columns to show, optionally renamed (``{"actor": "الفاعل"}``).
    Numeric columns are aligned at the end; dates isolated; ``signed`` columns show ``+3``/``−2``.

    >>> t = table(pd.DataFrame({"actor": ["حفتر"], "mentions": [12]}), {"actor": "الفاعل", "mentions": "مرات"})
    >>> 'dir="rtl"' in t and "<td>حفتر</td>" in t
    True
    """
    if columns is None:
        columns = {c: str(c) for c in frame.columns}
    elif not isinstance(columns, Mapping):
        columns = {c: str(c) for c in columns}
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"columns {missing} are not in the frame (it has {list(frame.columns)})")
    shown = frame if max_rows is None else frame.head(max_rows)
    numeric = {
        c
        for c in columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    }
    out = [f'<table class="{esc(css_class)}" dir="rtl">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>")
    for col, title in columns.items():
        cls = ' class="num"' if col in numeric else ""
        out.append(f"<th{cls}>{esc(title)}</th>")
    out.append("</tr></thead><tbody>")
    for row in shown[list(columns)].itertuples(index=False, name=None):
        out.append("<tr>")
        for col, value in zip(columns, row, strict=True):
            cls = ' class="num"' if col in numeric else ""
            text = _signed(value) if col in signed else format_value(value, digits)
            out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def kpis(items: Iterable[tuple[str, Any]]) -> str:
    """Headline numbers as a row of boxes: ``[("مقالات", 1203), ("مصادر", 14)]``.

    >>> "<b>14</b>" in kpis([("مصادر", 14)])
    True
    """
    boxes = "".join(
        f'<div class="antk-kpi"><b>{format_value(value)}</b>{esc(label)}</div>'
        for label, value in items
    )
    return f'<div class="antk-kpis" dir="auto">{boxes}</div>'


def quote(text: str, speaker: str = "", where: str = "") -> str:
    """A quotation block with its speaker and where it was found.

    >>> "حفتر" in quote("لن نتراجع", "حفتر", "seed-libya-2020")
    True
    """
    meta = " — ".join(p for p in (esc(speaker), ltr(where) if where else "") if p)
    return (
        f'<blockquote class="antk-quote" dir="rtl"><p>«{esc(text)}»</p>'
        + (f"<footer>{meta}</footer>" if meta else "")
        + "</blockquote>"
    )


def kwic(frame: pd.DataFrame, max_rows: int = 10) -> str:
    """Concordance lines (columns ``doc_id, left, match, right``) as a right-to-left table."""
    # In a right-to-left table the first cell is the rightmost: the text before the match
    # (``left`` in reading order) comes first, aligned towards the match.
    out = ['<table class="antk-kwic" dir="rtl"><tbody>']
    for row in frame.head(max_rows).itertuples(index=False):
        out.append(
            f'<tr><td class="left">{esc(row.left)}</td><td class="match">{esc(row.match)}</td>'
            f'<td class="right">{esc(row.right)}</td><td>{ltr(row.doc_id)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def key_values(
    pairs: Mapping[str, Any] | Iterable[tuple[str, Any]], css_class: str = "antk-provenance"
) -> str:
    """A two-column table of names and values (values without Arabic shown left-to-right)."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    rows = "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(v) if _ARABIC.search(str(v)) else ltr(v)}</td></tr>"
        for k, v in items
    )
    return f'<table class="{esc(css_class)}" dir="rtl"><tbody>{rows}</tbody></table>'


def figure(fig: Any, *, alt: str = "", dpi: int = 110, close: bool = True) -> str:
    """A matplotlib figure as an inline PNG ``<img>`` (works with any backend; no file, no URL).

    The PNG carries no timestamp, so the same figure gives the same bytes.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["حفتر"], [3])
    >>> figure(fig, alt="حفتر").startswith('<figure class="antk-figure"><img alt="حفتر" src="data:image/png;base64,')
    True
    """
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<figure class="antk-figure"><img alt="{esc(alt)}" src="data:image/png;base64,{data}"></figure>'
