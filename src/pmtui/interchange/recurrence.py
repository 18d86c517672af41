"""Expanding MS Project's calendar exceptions (MSPDI ``Calendar/Exceptions/Exception``) to days.

Public format facts used (MS Project's XML schema, mspdi_pj12.xsd, as read by MPXJ's
MSPDIReader; checked here against the expanded legacy ``WeekDay``/``DayType 0`` copies MS Project
writes beside them, see tests/interchange/test_mspdi_files.py):

- ``Type``: 1 daily range (every day From..To), 7 every ``Period`` days, 6 weekly (every
  ``Period`` weeks on ``DaysOfWeek``, a bit mask 1 = Sunday … 64 = Saturday; weeks begin on the
  Sunday on or before the first day), 4 monthly on day ``MonthDay``, 5 monthly on the
  ``MonthPosition`` (0–3 = first–fourth, 4 = last) ``MonthItem`` (0 day, 1 weekday, 2 weekend
  day, 3–9 = Sunday–Saturday), 2 yearly on ``Month`` (0 = January) ``MonthDay``, 3 yearly on the
  ``MonthPosition`` ``MonthItem`` of ``Month``.
- It ends after ``Occurrences`` when ``EnteredByOccurrences`` is 1, else at ``ToDate``.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

MAX_OCCURRENCES = 50_000  # a hostile file must not make us loop for ever


def _nth(year: int, month: int, position: int, item: int) -> date | None:
    """The position-th (4 = last) day of kind ``item`` in the month."""
    days_in = _cal.monthrange(year, month)[1]
    days = [date(year, month, d) for d in range(1, days_in + 1)]
    if item == 0:
        pick = days
    elif item == 1:
        pick = [d for d in days if d.weekday() < 5]
    elif item == 2:
        pick = [d for d in days if d.weekday() >= 5]
    elif 3 <= item <= 9:
        want = (item - 3 + 6) % 7  # 3 = Sunday -> Python weekday 6
        pick = [d for d in days if d.weekday() == want]
    else:
        return None
    if not pick:
        return None
    if position >= 4:
        return pick[-1]
    return pick[position] if position < len(pick) else None


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    m = month - 1 + n
    return year + m // 12, m % 12 + 1


def expand(kind: int, first: date, last: date, *, occurrences: int | None, period: int = 1,
           days_of_week: int = 0, month_item: int = 0, month_position: int = 0, month: int = 0,
           month_day: int = 1) -> list[date]:
    """The days an exception covers. ``occurrences`` None means "until ``last``"."""
    period = max(1, period or 1)
    limit = occurrences if occurrences and occurrences > 0 else None
    out: list[date] = []

    def take(d: date) -> bool:
        """Add d; False when the series is over."""
        if d > last and limit is None:
            return False
        if limit is not None and len(out) >= limit:
            return False
        if d >= first:
            out.append(d)
        return len(out) < MAX_OCCURRENCES

    if kind == 1:
        d = first
        while d <= last and len(out) < MAX_OCCURRENCES:
            out.append(d)
            d += timedelta(days=1)
        return out
    if kind == 7:
        d = first
        while take(d):
            d += timedelta(days=period)
        return out
    if kind == 6:
        week = first - timedelta(days=(first.weekday() + 1) % 7)  # the Sunday on or before
        wanted = [i for i in range(7) if days_of_week >> i & 1]  # 0 = Sunday
        if not wanted:
            return out
        for _ in range(MAX_OCCURRENCES):
            for i in wanted:
                d = week + timedelta(days=i)
                if d < first:
                    continue
                if not take(d):
                    return out
            week += timedelta(weeks=period)
        return out
    if kind in (4, 5, 2, 3):
        step = 12 if kind in (2, 3) else period
        if kind in (2, 3):
            y, m = first.year, (month % 12) + 1
        else:
            y, m = first.year, first.month
        for i in range(MAX_OCCURRENCES):
            yy, mm = _add_months(y, m, i * step)
            if yy > 9999:
                break
            if kind in (4, 2):
                d = date(yy, mm, min(max(1, month_day), _cal.monthrange(yy, mm)[1]))
            else:
                d = _nth(yy, mm, month_position, month_item)
                if d is None:
                    continue
            if d < first:
                continue
            if not take(d):
                break
        return out
    return out
