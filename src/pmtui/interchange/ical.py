"""iCalendar (RFC 5545) of a project's milestones and deadlines, for a PM's calendar app.

Each is an all-day VEVENT (DTSTART as a DATE, DTEND the next day, as RFC 5545 §3.6.1 says an
all-day event is written) with a UID stable across exports (the project name and the
task's id), so that re-importing an updated file updates the events instead of duplicating them.
Milestones are dated by the computed schedule; deadlines by the date set on the task.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event

from pmtui.scheduling import ScheduleResult
from pmtui.services.bulk import PlanData


def _uid(project: str, kind: str, t) -> str:
    """The event's UID, by the task's own id: one by WBS code passed to another task when a task
    was added or moved above it, so the calendar kept the old event of the milestone beside a
    new one, and gave its date to whichever task took its code. A plan not read from the
    database (keys of a file) has only its codes."""
    digest = hashlib.sha1(project.encode("utf-8")).hexdigest()[:12]
    ref = f"task{t.key}" if isinstance(t.key, int) else t.wbs
    return f"{kind}-{ref}-{digest}@pmtui"


def write_ics(data: PlanData, sched: ScheduleResult, now: datetime | None = None) -> tuple[str, list[str]]:
    now = now or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//pmtui//pmtui export//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{data.name}: milestones and deadlines")
    summaries = data.summaries()
    for t in data.tasks:
        ts = sched.dates[t.key]
        if t.key not in summaries and t.duration == 0:
            ev = Event()
            ev.add("uid", _uid(data.name, "milestone", t))
            ev.add("dtstamp", now)
            ev.add("summary", f"Milestone: {t.wbs} {t.name}")
            ev.add("dtstart", ts.finish)
            ev.add("dtend", ts.finish + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
            ev.add("categories", ["Milestone"])
            desc = f"{data.name}: milestone {t.wbs} {t.name}"
            if ts.critical:
                desc += " (on the critical path)"
            ev.add("description", desc)
            cal.add_component(ev)
        if t.deadline is not None:
            ev = Event()
            ev.add("uid", _uid(data.name, "deadline", t))
            ev.add("dtstamp", now)
            ev.add("summary", f"Deadline: {t.wbs} {t.name}")
            ev.add("dtstart", t.deadline)
            ev.add("dtend", t.deadline + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
            ev.add("categories", ["Deadline"])
            late = " — forecast LATE: finishes " + ts.finish.isoformat() if ts.finish > t.deadline else ""
            ev.add("description", f"{data.name}: deadline of {t.wbs} {t.name}{late}")
            cal.add_component(ev)
    if not cal.subcomponents:
        return cal.to_ical().decode("utf-8"), ["the plan has no milestones or deadlines, so the calendar has no events"]
    return cal.to_ical().decode("utf-8"), []
