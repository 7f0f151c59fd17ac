"""How the weekly brief reads its corpora: the period, the week before, the reference weeks.

The notebook's reading, as functions (tested apart from the notebook).

>>> from toolkit.corpus import sample
>>> from toolkit.reports.params import resolve_period
>>> target, previous, reference = period_corpora(sample(), resolve_period("2020-W11"))
>>> len(target), len(previous), len(reference)
(1, 0, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.reports.params import REFERENCE_WEEKS, Period

__all__ = ["read_store", "period_corpora"]


def read_store(
    store: str, period: Period, sources: Sequence[str] = (), weeks_before: int = REFERENCE_WEEKS
) -> Any:
    """The stored documents a brief of ``period`` reads: the period and the ``weeks_before``
    weeks before it (the whole store for an unbounded period), of ``sources`` (all when
    empty)."""
    from toolkit.corpus.store import Store

    first = period.previous(weeks_before).start if period.start else None
    with Store(store) as db:
        everything = db.read(start=first, end=period.end, sources=list(sources) or None)
    return everything.filter(sources=list(sources)) if sources else everything


def period_corpora(everything: Any, period: Period) -> tuple[Any, Any, Any]:
    """``(target, previous, reference)``: the documents of the period, of the week before
    it and of the ``REFERENCE_WEEKS`` weeks before it (``None, None`` for an unbounded
    period, whose target is everything)."""
    if period.start is None:
        return everything, None, None

    def within(p: Period) -> Any:
        return everything.filter(start=p.start.isoformat(), end=p.end.isoformat())

    return within(period), within(period.previous(1)), within(period.previous(REFERENCE_WEEKS))
