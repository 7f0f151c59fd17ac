"""Dates: strict ISO 8601 parsing to naive UTC datetimes, and ISO week labels."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pandas as pd

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MIN, _MAX = datetime(1678, 1, 1), datetime(2261, 12, 31)
_ISO_HINT = "expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, optionally with a UTC offset"
#: a day-first date: dd/mm/yyyy (also with - or .), optionally followed by HH:MM[:SS]
_DAYFIRST = re.compile(
    r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


def _day_first(text: str, value: object) -> datetime | None:
    """``21/07/2015`` (or ``21-07-2015 14:05``) as a datetime; None when not of that shape."""
    match = _DAYFIRST.match(text)
    if not match:
        return None
    day, _, month, year, hour, minute, second = match.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                        int(second or 0))
    except ValueError as exc:
        raise ValueError(f"date {value!r} is not a valid day-first date ({exc})") from None


def parse_date(value: object, dayfirst: bool = False) -> datetime | None:
    """Parse one date value to a naive datetime in UTC (None when missing).

    Accepts ISO 8601 strings (``2015-07-21``, ``2015-07-21 02:51:38``,
    ``2020-03-10T09:00:00+02:00``), ``datetime``/``date`` objects and pandas Timestamps.
    With ``dayfirst=True``, ``dd/mm/yyyy`` strings too (``21/07/2015``, ``21-07-2015 14:05``;
    ISO strings still parse). Aware values are converted to UTC. Raises ``ValueError``
    saying why otherwise.

    Example::

        >>> parse_date("2020-03-10T11:00:00+02:00")
        datetime.datetime(2020, 3, 10, 9, 0)
        >>> parse_date("09/03/2020", dayfirst=True)
        datetime.datetime(2020, 3, 9, 0, 0)
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN from CSV / pandas
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            day_first = _day_first(text, value) if dayfirst else None
            if day_first is None:
                hint = (" or dd/mm/yyyy" if dayfirst else
                        "; a day-first date like 21/07/2015 needs dayfirst=True (--dayfirst)"
                        if _DAYFIRST.match(text) else "")
                raise ValueError(
                    f"date {value!r} is not an ISO 8601 date ({_ISO_HINT}{hint})"
                ) from None
            parsed = day_first
    elif isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        parsed = pd.Timestamp(value).to_pydatetime()
    elif isinstance(value, datetime):
        parsed = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        raise ValueError(
            f"date {value!r} is a {type(value).__name__}, not an ISO 8601 string ({_ISO_HINT})"
        )
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    if not _MIN <= parsed <= _MAX:
        raise ValueError(f"date {value!r} is outside the supported range 1678-2261")
    return parsed


def iso_week(dates: pd.Series) -> pd.Series:
    """ISO-week labels (``2015-W31``) of a datetime Series; missing dates give <NA>.

    Example::

        >>> iso_week(pd.Series(pd.to_datetime(["2015-07-27", None]))).tolist()
        ['2015-W31', nan]
    """
    dates = pd.to_datetime(dates)
    cal = dates.dt.isocalendar()
    labels = cal["year"].astype("string") + "-W" + cal["week"].astype("string").str.zfill(2)
    return labels.astype(object).where(dates.notna(), other=float("nan")).rename("week")


def week_label(value: datetime) -> str:
    """The ISO-week label of one datetime: ``week_label(datetime(2015, 7, 27)) == '2015-W31'``."""
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_range(week: str) -> tuple[datetime, datetime]:
    """Monday 00:00 of ISO week ``week`` and the Monday after (exclusive end).

    Example::

        >>> week_range("2015-W31")
        (datetime.datetime(2015, 7, 27, 0, 0), datetime.datetime(2015, 8, 3, 0, 0))
    """
    match = _WEEK.match(week) if isinstance(week, str) else None
    if not match:
        raise ValueError(f"week={week!r} is not an ISO week label; expected e.g. '2015-W31'")
    try:
        monday = datetime.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"week={week!r} does not exist in year {match[1]}") from None
    return monday, monday + timedelta(days=7)


def bound(value: object, name: str, *, end: bool = False) -> datetime | None:
    """A filter bound: date-only ends include their whole day (exclusive end = next midnight)."""
    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise ValueError(f"{name}={value!r} is not a date: {exc}") from None
    if parsed is None:
        return None
    date_only = isinstance(value, date) and not isinstance(value, datetime)
    date_only = date_only or (isinstance(value, str) and len(value.strip()) == 10)
    if end and date_only:
        return parsed + timedelta(days=1)
    if end:
        return parsed + timedelta(microseconds=1)
    return parsed
