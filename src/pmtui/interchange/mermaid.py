"""Mermaid ``gantt`` text of a project's schedule, to paste into Markdown (GitHub, GitLab, Obsidian).

Syntax used (mermaid.js.org/syntax/gantt.html): ``dateFormat YYYY-MM-DD``, one ``excludes`` for
the non-working weekdays and holidays together, ``includes`` for days off worked, one ``section`` per top-level task, and per task
``Name :tags, id, start, end`` where the end date is exclusive, or ``:milestone, id, date, 0d``.
Tags: ``done`` (100 %), ``active`` (in progress), ``crit`` (critical). Summaries below the top
level are shown as their tasks, prefixed by their WBS code. Characters Mermaid reserves in a
task line (``:`` ``;`` ``#``) are replaced.
"""

from __future__ import annotations

from datetime import timedelta

from pmtui.scheduling import ScheduleResult
from pmtui.services.bulk import PlanData

_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _clean(text: str) -> str:
    return " ".join(text.replace(":", " -").replace(";", ",").replace("#", "No.").split())


def write_mermaid(data: PlanData, sched: ScheduleResult) -> tuple[str, list[str]]:
    lines = ["gantt", f"    title {_clean(data.name)}", "    dateFormat YYYY-MM-DD", "    axisFormat %d %b"]
    free = [_FULL[i] for i in range(7) if not data.calendar.workdays >> i & 1]
    excludes = ["weekends"] if free == ["saturday", "sunday"] else free
    lo, hi = sched.start, sched.finish
    holidays = [d for d, (working, _n) in sorted(data.calendar.exceptions.items()) if not working and lo <= d <= hi]
    excludes += [d.isoformat() for d in holidays]
    if excludes:
        # one line: Mermaid's second `excludes` replaces the first (ganttDb.setExcludes), and
        # the chart of a plan with holidays showed its weekends as working days
        lines.append("    excludes " + ", ".join(excludes))
    worked = [d.isoformat() for d, (working, _n) in sorted(data.calendar.exceptions.items()) if working and lo <= d <= hi]
    if worked:
        # a worked Saturday (a cutover weekend) was shaded as a day off under the work done on it
        lines.append("    includes " + ", ".join(worked))
    summaries = data.summaries()
    for t in data.tasks:
        ts = sched.dates[t.key]
        if t.parent is None and t.key in summaries:
            lines.append(f"    section {t.wbs} {_clean(t.name)}")
            continue
        if t.key in summaries:
            continue  # its tasks are listed with their WBS codes
        if t.parent is None:
            lines.append(f"    section {t.wbs} {_clean(t.name)}")  # a top-level task is its own section
        tags = []
        if t.percent_complete >= 100:
            tags.append("done")
        elif t.percent_complete > 0:
            tags.append("active")
        if ts.critical:
            tags.append("crit")
        ident = f"t{t.wbs.replace('.', '_')}"
        label = f"{t.wbs} {_clean(t.name)}"
        if t.duration == 0:
            lines.append(f"    {label} :{', '.join(['milestone', *tags])}, {ident}, {ts.finish.isoformat()}, 0d")
        else:
            end = ts.finish + timedelta(days=1)
            lines.append(f"    {label} :{', '.join([*tags, ident])}, {ts.start.isoformat()}, {end.isoformat()}")
    return "\n".join(lines) + "\n", []
