"""Figures from the toolkit's tables, with Arabic shaped correctly on any matplotlib.

``style()`` is the rc context the charts use (also for your own plots);
``arabic.prepare(label)`` is the draw-time shaping policy; the charts take the tables of
``toolkit.frequency`` and ``toolkit.actors`` and return ``matplotlib.figure.Figure`` objects
(``kwic_html`` returns an HTML string).
"""

from toolkit.plots.arabic import SHAPING, prepare, rc_params, style
from toolkit.plots.charts import (
    actor_bars,
    co_mention_network,
    keyness_bars,
    kwic_html,
    png_bytes,
    timeline,
    top_terms,
    word_cloud,
)

__all__ = [
    "SHAPING",
    "actor_bars",
    "co_mention_network",
    "keyness_bars",
    "kwic_html",
    "png_bytes",
    "prepare",
    "rc_params",
    "style",
    "timeline",
    "top_terms",
    "word_cloud",
]
