"""The date the status figures (earned value, RAG, the report) are as of, and how to say it.

The status date when one is set. Without one, today, but never before the project start: the
status date is the first day of unfinished work (DESIGN; Primavera's data date, which a new
Primavera project sets to its start), and before the start no work can be done (the progress
commands refuse it). Figures dated before the plan began read as a status of a project not yet
under way, with a date outside it; at the start they say what is true (nothing planned, earned or
spent yet, the whole budget to go) and are labelled so. A PM who wants another date sets one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SET, TODAY, START = "set", "today", "start"


@dataclass(frozen=True, slots=True)
class AsOf:
    day: date
    source: str  # SET, TODAY (no status date) or START (none, and today is before the start)

    @property
    def default(self) -> bool:
        return self.source != SET

    @property
    def short(self) -> str:
        """For a crowded line (the header): the date, and why it is that date when nobody set it."""
        return {SET: "", TODAY: "today", START: "not started"}[self.source]

    @property
    def note(self) -> str:
        """For a report or a command's output: '' for a status date that was set."""
        if self.source == TODAY:
            return "no status date set: today"
        if self.source == START:
            return "no status date set: the project start, as it has not started yet"
        return ""

    @property
    def label(self) -> str:
        return f"{self.day} ({self.note})" if self.note else str(self.day)


def day_text(day: date, ref: date | None, fmt: str = "%d %b", year: str = " %Y") -> str:
    """A date as a person says it ("Mon 04 Jan"), with its year when that is not the year of
    ``ref``, the date the plan is seen as of (its status date, else today): "Mon 04 Jan 2027" in a
    plan as of November 2026, every date of an MS Project file of 2011 with its year. None: always."""
    return day.strftime(fmt if ref is not None and day.year == ref.year else fmt + year)


def span_text(first: date, last: date, ref: date | None, fmt: str = "%d %b", year: str = " %Y",
              dash: str = "–") -> str:
    """Two dates as day_text says them, a year they share said once, at the end: "30 Dec–01 Jan
    2027", "04 Jan–05 Jan 2027" (as of 2026)."""
    head = day_text(first, last if first.year == last.year else ref, fmt, year)
    return head + dash + day_text(last, ref, fmt, year)


def figures_date(status_date: date | None, start: date, today: date | None = None) -> AsOf:
    if status_date is not None:
        return AsOf(status_date, SET)
    today = today or date.today()
    return AsOf(start, START) if today < start else AsOf(today, TODAY)


def risk_day(project, today: date | None = None) -> date:
    """The day a risk change is dated, and the register's day: the plan's status date, else
    today (``project``: the table's Project, or a plan's ProjectRow)."""
    return project.status_date or today or date.today()


def progress_day(plan, today: date | None = None) -> date:
    """The date progress is reported up to: the plan's status date, else today."""
    return plan.project.status_date or today or date.today()


def ahead_of(cal, status_date: date | None, day: date) -> bool:
    """The status date puts the first day of work not yet done after ``day``'s. A Monday's is not
    ahead of the Sunday before it: both leave Monday's work to do, and nothing moves between them.
    Here, not in services.standup: `pmtui standup agenda` says it without loading the store."""
    return status_date is not None and cal.index_on_or_after(status_date) > cal.index_on_or_after(day)
