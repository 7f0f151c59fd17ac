"""HTML fragments the notebooks display: escaped text, right-to-left tables, notes, quotes.

Every function returns a string (``IPython.display.HTML(...)`` shows it); every value coming
from data is escaped, so a title holding ``<script>`` is shown as text, never run. Dates are
isolated (``<bdi dir="ltr">``) so they keep their order inside Arabic lines.

Each fragment carries its own ``dir``/``lang`` and, as inline ``style`` attributes, the
layout it needs (right alignment, tables at the right edge, KPI boxes), so that it reads
right to left in JupyterLab — whose output area is left to right, and which keeps only
inline styles of an untrusted notebook such as an executed brief — as in the brief's HTML,
whose stylesheet (``templates/antk/brief.css``) adds the colours and fonts.
:func:`arabic_table` shows a DataFrame of Arabic that way, with written forms.
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


#: inline layout of the fragments (JupyterLab keeps these properties in untrusted outputs)
STYLES = {
    "rtl": "direction:rtl;text-align:right",
    "ltr": "direction:ltr;text-align:left",
    "table": "direction:rtl;margin-left:auto;margin-right:0",
    "kpis": "direction:rtl;text-align:right;margin:0.5em 0 1em",
    "kpi": "display:inline-block;vertical-align:top;min-width:8em;margin:0 0 0.5em 0.6em;"
           "padding:0.4em 0.9em;border:1px solid #d5dbe1;border-radius:6px;text-align:right",
    "kpi_value": "display:block;font-size:1.5em;line-height:1.3",
    "kpi_label": "display:block",
    "quote": "direction:rtl;text-align:right;border-left:none;border-right:3px solid #d5dbe1;"
             "padding:0 0.8em 0 0;margin:0.5em 0",
    "kwic_left": "text-align:left;padding-left:0.3em",  # the text before the match, next to it
    "kwic_match": "text-align:center;font-weight:700;white-space:nowrap",
    "kwic_right": "text-align:right;padding-right:0.3em",
    "muted": "color:#5b6570",
    "nowrap": "white-space:nowrap;font-size:0.8em;color:#5b6570",
}


def direction(text: Any) -> str:
    """``"rtl"`` when the first letter of ``text`` is Arabic, else ``"ltr"``.

    >>> direction("حفتر في باريس"), direction("Haftar in Paris (حفتر)")
    ('rtl', 'ltr')
    """
    for char in str(text):
        if _ARABIC.match(char):
            return "rtl"
        if char.isalpha():
            return "ltr"
    return "rtl"


def _attrs(text: Any, style: str = "") -> str:
    """``dir``, ``lang`` and the alignment of a block holding ``text`` (plus ``style``)."""
    side = direction(text)
    lang = "ar" if side == "rtl" else "en"
    return f'dir="{side}" lang="{lang}" style="{STYLES[side]}{";" + style if style else ""}"'


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
    """A section heading from :data:`HEADINGS` (or literal text), in ``lang``, laid out for
    it (``"ar"``: right to left, also for a title opening with a Latin name).

    >>> heading("actors")
    '<h2 dir="rtl" lang="ar" style="direction:rtl;text-align:right">الفاعلون الأكثر ذكرًا</h2>'
    """
    text = HEADINGS.get(key_or_text, {}).get(lang, key_or_text)
    level = min(max(int(level), 1), 6)
    side = "rtl" if lang == "ar" else "ltr"  # the brief's language, whatever the text opens with
    return f'<h{level} dir="{side}" lang="{lang}" style="{STYLES[side]}">{esc(text)}</h{level}>'


def note(text: str) -> str:
    """A muted sentence (used when a section has too little data).

    >>> note("مقال واحد فقط هذا الأسبوع")
    '<p class="antk-note" dir="rtl" lang="ar" style="direction:rtl;text-align:right;color:#5b6570">مقال واحد فقط هذا الأسبوع</p>'
    """
    return f'<p class="antk-note" {_attrs(text, STYLES["muted"])}>{esc(text)}</p>'


def paragraph(text: str) -> str:
    """A paragraph of escaped text, direction (and alignment) from its content."""
    return f"<p {_attrs(text)}>{esc(text)}</p>"


def paragraph_html(inner: str, lang: str = "ar") -> str:
    """A paragraph around HTML already made by these functions (``esc``, ``ltr`` ...), laid
    out for ``lang`` (``"ar"``: right to left).

    >>> paragraph_html(esc("تواريخ المقالات:") + " " + ltr("2020-03-10")).startswith(
    ...     '<p dir="rtl" lang="ar" style="direction:rtl;text-align:right">تواريخ')
    True
    """
    side = "rtl" if lang == "ar" else "ltr"
    return f'<p dir="{side}" lang="{lang}" style="{STYLES[side]}">{inner}</p>'


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
    >>> t.startswith('<table class="antk-table" dir="rtl" lang="ar" style="direction:rtl;margin-left:auto')
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
    out = [f'<table class="{esc(css_class)}" dir="rtl" lang="ar" style="{STYLES["table"]}">']
    if caption:
        out.append(f'<caption style="{STYLES["rtl"]}">{esc(caption)}</caption>')
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

    Each box is an inline block with the number above its label, so they never run together
    (``30أقوال``) where the brief's stylesheet is absent, as in JupyterLab.

    >>> '<b style="display:block;font-size:1.5em;line-height:1.3">14</b>' in kpis([("مصادر", 14)])
    True
    """
    boxes = "".join(
        f'<div class="antk-kpi" style="{STYLES["kpi"]}"><b style="{STYLES["kpi_value"]}">'
        f'{format_value(value)}</b><span style="{STYLES["kpi_label"]}">{esc(label)}</span></div>'
        for label, value in items
    )
    return f'<div class="antk-kpis" dir="rtl" lang="ar" style="{STYLES["kpis"]}">{boxes}</div>'


def quote(text: str, speaker: str = "", where: str = "") -> str:
    """A quotation block with its speaker and where it was found.

    >>> "حفتر" in quote("لن نتراجع", "حفتر", "seed-libya-2020")
    True
    """
    meta = " — ".join(p for p in (esc(speaker), ltr(where) if where else "") if p)
    return (
        f'<blockquote class="antk-quote" dir="rtl" lang="ar" style="{STYLES["quote"]}">'
        f'<p style="{STYLES["rtl"]}">«{esc(text)}»</p>'
        + (f'<footer style="{STYLES["muted"]}">{meta}</footer>' if meta else "")
        + "</blockquote>"
    )


def kwic(frame: pd.DataFrame, max_rows: int = 10) -> str:
    """Concordance lines (columns ``left, match, right``, optionally ``doc_id``) as a
    right-to-left table: the text before the match on its right, read towards it.

    (``left``/``right`` are the text before/after the match in reading order, as
    :func:`toolkit.frequency.kwic` names them.)

    >>> row = pd.DataFrame({"left": ["قال المشير"], "match": ["حفتر"], "right": ["إن الهدنة"]})
    >>> html = kwic(row)
    >>> html.index("قال المشير") < html.index("حفتر") < html.index("إن الهدنة")
    True
    """
    # In a right-to-left table the first cell is the rightmost: the text before the match
    # (``left`` in reading order) comes first, aligned towards the match.
    out = [f'<table class="antk-kwic" dir="rtl" lang="ar" style="{STYLES["table"]}"><tbody>']
    has_id = "doc_id" in frame
    for row in frame.head(max_rows).itertuples(index=False):
        where = f'<td style="{STYLES["nowrap"]}">{ltr(row.doc_id)}</td>' if has_id else ""
        out.append(
            f'<tr><td class="left" style="{STYLES["kwic_left"]}">{esc(row.left)}</td>'
            f'<td class="match" style="{STYLES["kwic_match"]}">{esc(row.match)}</td>'
            f'<td class="right" style="{STYLES["kwic_right"]}">{esc(row.right)}</td>{where}</tr>'
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
    return (f'<table class="{esc(css_class)}" dir="rtl" lang="ar" style="{STYLES["table"]}">'
            f"<tbody>{rows}</tbody></table>")


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


_PROCLITICS = "وفبكل"
#: columns of actor ids shown as the actor's label when ``actors`` is given
_ID_COLUMNS = ("actor_id", "actor_a", "actor_b", "speaker_id", "speaker_actor_id", "group")


def _bare(word: str, term: str) -> str:
    """``word`` without the proclitics its ``term`` lacks: ``لحكومة`` → ``حكومة`` for
    ``حكومه``; ``للجيش`` → ``الجيش`` for ``الجيش`` (the elided alef restored)."""
    from toolkit.text import normalize

    for cut in range(0, 3):
        if cut and word[cut - 1] not in _PROCLITICS:
            break
        rest = word[cut:]
        if normalize(rest) == term:
            return rest
        if rest.startswith("ل") and term.startswith("ال") and normalize("ا" + rest) == term:
            return "ا" + rest
    return word


def ngram_forms(ngrams: Iterable[str], corpus: Any, clitics: str = "keep_article") -> dict[str, str]:
    """The written form of each n-gram (terms joined by a space, as
    :func:`toolkit.frequency.ngrams` gives them) as most often written in ``corpus``,
    without the proclitics the terms leave out: ``حكومه الوفاق`` → ``حكومة الوفاق``.

    >>> from toolkit.corpus import sample
    >>> ngram_forms(["حكومه الوفاق", "الجيش الليبي"], sample())
    {'حكومه الوفاق': 'حكومة الوفاق', 'الجيش الليبي': 'الجيش الليبي'}
    """
    from collections import Counter

    from toolkit.frequency import kwic as find

    out = {}
    for gram in dict.fromkeys(ngrams):
        terms = str(gram).split()
        seen: Counter = Counter()
        for written in find(corpus, str(gram), window=0, clitics=clitics)["match"]:
            words = written.split()
            if len(words) == len(terms):
                seen[" ".join(_bare(w, t) for w, t in zip(words, terms, strict=True))] += 1
        out[gram] = seen.most_common(1)[0][0] if seen else gram
    return out


class ArabicTable:
    """An HTML table of Arabic that JupyterLab shows right to left (``_repr_html_``);
    ``str()`` gives the HTML."""

    def __init__(self, html_text: str, frame: pd.DataFrame) -> None:
        self.html = html_text
        self.frame = frame

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<ArabicTable: {len(self.frame)} rows, columns {list(self.frame.columns)}>"


def arabic_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str] | None = None,
    *,
    corpus: Any = None,
    actors: Any = None,
    max_rows: int | None = 20,
    caption: str | None = None,
    digits: int = 2,
    signed: Sequence[str] = (),
) -> ArabicTable:
    """A DataFrame of Arabic as JupyterLab should show it: right to left, at the right edge,
    with the words as written rather than their normalized keys.

    - a ``term`` column is shown by its ``form`` (``الحكومة`` rather than ``حكومه``) when the
      frame has one (``term_frequencies``, ``keyness``), and ``form`` is not repeated; a
      ``norm`` column beside a written one (``descriptor``, ``surface``) is left out;
    - an ``ngram`` column is shown as most often written in ``corpus`` (``حكومة الوفاق``,
      not ``حكومه الوفاق``) when the corpus is given (:func:`ngram_forms`);
    - actor ids (``actor_id``, ``actor_a``, ``actor_b``, ``speaker_id``) are shown by their
      Arabic labels when ``actors`` (the dictionary) is given;
    - a concordance (``left``, ``match``, ``right``) is laid out by :func:`kwic`, reading
      right to left.

    Last in a cell, the result displays itself (``_repr_html_``). ``columns`` chooses and
    renames columns as in :func:`table`.

    >>> from toolkit.corpus import sample
    >>> from toolkit.frequency import ngrams
    >>> shown = arabic_table(ngrams(sample(), n=2).head(5), corpus=sample())
    >>> "حكومة الوفاق" in str(shown), "حكومه الوفاق" in str(shown)
    (True, False)
    """
    if {"left", "match", "right"} <= set(frame.columns):
        return ArabicTable(kwic(frame, max_rows=max_rows or len(frame)), frame)
    shown = frame if max_rows is None else frame.head(max_rows)
    shown = shown.copy()
    if "term" in shown and "form" in shown:
        shown["term"] = shown["form"].where(shown["form"].notna(), shown["term"])
        shown = shown.drop(columns="form")
    if "norm" in shown and columns is None and {"descriptor", "surface"} & set(shown):
        shown = shown.drop(columns="norm")  # the key of a column already shown as written
    if "ngram" in shown and corpus is not None:
        shown["ngram"] = shown["ngram"].map(ngram_forms(shown["ngram"], corpus))
    if actors is not None:
        for col in _ID_COLUMNS:
            if col in shown:
                shown[col] = [_label(actors, value) for value in shown[col]]
    if columns is None:
        columns = [c for c in shown.columns]
    elif not isinstance(columns, Mapping):
        columns = [c for c in columns if c != "form" or c in shown]
    return ArabicTable(
        table(shown, columns, caption=caption, digits=digits, signed=signed), shown
    )


def _label(actors: Any, actor_id: Any) -> Any:
    if not isinstance(actor_id, str) or not actor_id:
        return actor_id
    try:
        return actors.label(actor_id, lang="ar") or actor_id
    except (KeyError, LookupError, AttributeError):
        return actor_id
