"""Working-day calendar: a table between working-day indexes and dates.

The scheduler counts in working days, so every date it reads or writes goes through this table.
The table is a sorted list of the ordinals of working days; date -> index is a bisect and
index -> date a list lookup, so converting costs the same whether a task lasts a day or a year.
It grows in whole chunks of years when asked about a date or index outside it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date

from .errors import InvalidTaskError, SchedulingError

# Index 0 when no anchor is given; any fixed date will do, a fixed one keeps indexes reproducible.
DEFAULT_ANCHOR = date(2000, 1, 3)
# Growth step in calendar days; a plan rarely spans more, so one extension usually suffices.
_CHUNK = 4 * 366
_MIN_ORD = date.min.toordinal()
_MAX_ORD = date.max.toordinal() + 1


class WorkCalendar:
    def __init__(
        self,
        workdays: Iterable[int] = (0, 1, 2, 3, 4),
        exceptions: Mapping[date, bool] | None = None,
        anchor: date | None = None,
    ):
        days = frozenset(int(d) for d in workdays)
        if not days:
            # Exceptions alone would give a finite set of working days and any plan longer than
            # them could not be scheduled at all.
            raise InvalidTaskError("the calendar has no working weekday: choose at least one")
        bad = sorted(d for d in days if not 0 <= d <= 6)
        if bad:
            raise InvalidTaskError(f"weekday numbers run from 0 (Monday) to 6 (Sunday), not {bad[0]}")
        self.workdays = days
        self.exceptions = dict(exceptions or {})
        self.anchor = anchor or DEFAULT_ANCHOR
        # toordinal() of a Monday is 1 mod 7, so weekday == (ordinal - 1) % 7.
        self._weekly = tuple(d in days for d in range(7))
        self._exc = {d.toordinal(): bool(v) for d, v in self.exceptions.items()}
        a = self.anchor.toordinal()
        self._lo = max(_MIN_ORD, a - 366)
        self._hi = min(_MAX_ORD, a + _CHUNK)
        self._ords = self._working(self._lo, self._hi)
        while bisect_left(self._ords, a) == len(self._ords):
            self._grow_up(self._hi + _CHUNK)
        # index i lives at self._ords[i - self._base]
        self._base = -bisect_left(self._ords, a)
        # index -> date, as handed out: a plan's dates fall on a few hundred days, asked for
        # four times per task by every view and export (indexes never move when the table grows)
        self._dates: dict[int, date] = {}

    # -- table -------------------------------------------------------------------------------

    def _working(self, lo: int, hi: int) -> list[int]:
        weekly, exc = self._weekly, self._exc
        if not exc:
            return [o for o in range(lo, hi) if weekly[(o - 1) % 7]]
        get = exc.get
        return [o for o in range(lo, hi) if get(o, weekly[(o - 1) % 7])]

    def _grow_up(self, target: int) -> None:
        if self._hi >= _MAX_ORD:
            # a SchedulingError, so that an edit that runs the plan this far is refused, not a crash
            raise SchedulingError("the plan runs past the year 9999: a duration, lag or start is far too large")
        hi = min(_MAX_ORD, max(target, self._hi + _CHUNK))
        self._ords.extend(self._working(self._hi, hi))
        self._hi = hi

    def _grow_down(self, target: int) -> None:
        if self._lo <= _MIN_ORD:
            raise SchedulingError("the plan runs before the year 1: a lead or date is far too early")
        lo = max(_MIN_ORD, min(target, self._lo - _CHUNK))
        new = self._working(lo, self._lo)
        self._ords[:0] = new
        self._base -= len(new)
        self._lo = lo

    def _cover(self, o: int) -> None:
        if o >= self._hi:
            self._grow_up(o + 1)
        elif o < self._lo:
            self._grow_down(o)

    # -- public ------------------------------------------------------------------------------

    def is_working(self, d: date) -> bool:
        return self._exc.get(d.toordinal(), self._weekly[d.weekday()])

    def date_of(self, index: int) -> date:
        d = self._dates.get(index)
        if d is None:
            d = self._dates[index] = self._date_of(index)
        return d

    def _date_of(self, index: int) -> date:
        pos = index - self._base
        while pos < 0:
            self._grow_down(self._lo - 2 * (-pos) - 7)
            pos = index - self._base
        while pos >= len(self._ords):
            self._grow_up(self._hi + 2 * (pos - len(self._ords)) + 7)
        return date.fromordinal(self._ords[pos])

    def index_on_or_after(self, d: date) -> int:
        o = d.toordinal()
        self._cover(o)
        pos = bisect_left(self._ords, o)
        while pos == len(self._ords):
            self._grow_up(self._hi + _CHUNK)
            pos = bisect_left(self._ords, o)
        return pos + self._base

    def index_on_or_before(self, d: date) -> int:
        o = d.toordinal()
        self._cover(o)
        pos = bisect_right(self._ords, o) - 1
        while pos < 0:
            self._grow_down(self._lo - _CHUNK)
            pos = bisect_right(self._ords, o) - 1
        return pos + self._base

    def add_working_days(self, d: date, n: int) -> date:
        """``d`` moved by ``n`` working days. From a non-working day, counting starts at the
        working-time position of ``d``: Saturday + 1 is Monday, Saturday - 1 is Friday, and
        Saturday + 0 is Monday (the day work would resume)."""
        if n > 0 and not self.is_working(d):
            return self.date_of(self.index_on_or_before(d) + n)
        return self.date_of(self.index_on_or_after(d) + n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in [a, b); negative when b is before a."""
        return self.index_on_or_after(b) - self.index_on_or_after(a)

    def days_worked(self, first: date, last: date) -> int:
        """Days worked from ``first`` to ``last`` (a task's actual start and finish, inclusive):
        the working days, and the two ends themselves when the calendar has them off, since
        work was recorded on them. A job done over a weekend the calendar does not work was
        counted as no working day, then floored to one: two days of cutover cost one."""
        if last < first:
            return 0
        days = max(0, self.index_on_or_before(last) - self.index_on_or_after(first) + 1)
        days += not self.is_working(first)
        if last != first:
            days += not self.is_working(last)
        return days

    def __repr__(self) -> str:
        days = "".join("MTWTFSS"[d] for d in sorted(self.workdays))
        return f"WorkCalendar(workdays={days}, exceptions={len(self.exceptions)}, anchor={self.anchor})"
