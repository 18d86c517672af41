"""Recording progress the way a stand-up reports it: started, percent, days left, done, a blocker
(and its clearing), a note. Each call is one action (one journal entry); when a stand-up is open that day, the same
action also writes the StandupEvent, so an undo takes back both.

Dates follow DESIGN's status date: it is the first day of unfinished work (Primavera's data
date). So "done" without a date means done when the plan had it finish (MS Project's rule, see
_done_day) but by the end of the working day before the status date at the latest, and "started"
without a date means started on the status date at the latest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from math import ceil
from typing import Callable

from sqlalchemy import select

from pmtui.models.errors import BadValue, Conflict, NothingChanged
from pmtui.models.risks import Issue
from pmtui.models.rules import TaskRules, control_character, validated
from pmtui.models.standup import Standup, StandupEvent
from pmtui.models.tables import Task
from pmtui.scheduling import SchedulingError, schedule, work_split
from pmtui.services.actions import Action, action
from pmtui.services.as_of import progress_day
from pmtui.services.numbering import next_number
from pmtui.services.plan import Plan, TaskRow, plan_for_edit
from pmtui.services.risk_rules import check_length
from pmtui.services.tasks import EDITABLE, PROGRESS_FIELDS
from pmtui.store import Store

MAX_TEXT = 200  # a note: one dated line of the task's notes (a blocker is held to the issue title's limit)
# what progress may change: the duration too, re-estimated by days left on a task not started
WRITTEN = PROGRESS_FIELDS | {"notes", "duration"}


@dataclass
class Recorded:
    """What one progress call did: the task and the whole plan after it, and what was said."""

    task: TaskRow
    plan: Plan
    lines: list[str] = field(default_factory=list)
    issue_id: int | None = None
    issue_number: int | None = None  # shown as I<number> (services.risks.issue_code)
    cleared: list[tuple[int, str]] = field(default_factory=list)  # blockers cleared: (number, title)
    kind: str = ""  # the stand-up event's kind and detail: what a confirmation says it did
    detail: str = ""
    standup_day: date | None = None  # the day of the stand-up the event went to, if one was open


def open_standup_id(session, project_id: int, today: date) -> int | None:
    return session.execute(
        select(Standup.id).where(Standup.project_id == project_id, Standup.day == today,
                                 Standup.state == "open")
    ).scalars().first()


as_of = progress_day


def _one_line(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise BadValue(f"{what} is empty")
    if "\n" in text or "\r" in text:
        raise BadValue(f"{what} must be one line")
    if len(text) > MAX_TEXT:
        # worded as the risk and issue rules word their limits, with the length given
        raise BadValue(f"{what} is {MAX_TEXT} characters at most; you gave {len(text)}")
    bad = control_character(text)
    if bad is not None:
        # an escape sequence would act on the terminal of whoever reads the task's notes or the
        # stand-up's summary (`pmtui task show`, `pmtui standup report`), as a blocker's would
        raise BadValue(f"{what} contains the control character U+{ord(bad):04X}: it must be plain text")
    return text


def _blocker_title(text: str) -> str:
    """A blocker as typed, held to the rule of the issue title it becomes (limit, one line, plain
    text), so `pmtui blocker`, the stand-up's b and `pmtui issue add` refuse the same text alike."""
    text = (text or "").strip()
    if not text:
        raise BadValue("blocker is empty")
    check_length(text, "title", "blocker")
    if any(ch in text for ch in "\n\r\t\x00"):
        raise BadValue("blocker must be one line")
    bad = control_character(text)
    if bad is not None:
        # an escape sequence would act on the terminal of everyone who lists the issues
        raise BadValue(f"blocker contains the control character U+{ord(bad):04X}: it must be plain text")
    return text


def _check_actual(plan: Plan, day: date, what: str, today: date | None) -> None:
    cal, limit = plan.calendar, as_of(plan, today)
    starts = "start" in what
    # a start may be on the first day of unfinished work, which a status date on a day off means
    if day > (cal.date_of(cal.index_on_or_after(limit)) if starts else limit):
        raise BadValue(f"{what} {day} is after the status date {limit}: actual dates are in the past")
    if day < plan.project.start:
        raise BadValue(f"{what} {day} is before the project start {plan.project.start}")


def _first_working(plan: Plan) -> date:
    """The project's first working day: a project may start on a holiday or a weekend."""
    cal = plan.calendar
    return cal.date_of(cal.index_on_or_after(plan.project.start))


def _is_done(t: TaskRow) -> bool:
    return t.actual_finish is not None or t.percent_complete >= 100


def _refuse_done(t: TaskRow) -> None:
    if _is_done(t):
        when = f" (finished {t.actual_finish})" if t.actual_finish else ""
        raise Conflict(f"{t.label} is already done{when}: undo that change, or set its percent below 100 to reopen it")


def _reported_by(plan: Plan, today: date | None) -> date:
    """The status date progress is reported up to; refused before the project starts, where
    no work can have been done (dates were put after it, in the future)."""
    ref = as_of(plan, today)
    if ref < plan.project.start:
        raise Conflict(f"{'the status date' if plan.project.status_date else 'today'} {ref} is before the project "
                       f"start {plan.project.start}: no work is done yet (pmtui project status-date DATE moves it)")
    return ref


def _done_day(plan: Plan, t: TaskRow, day: date | None, today: date | None) -> date:
    """The actual finish "done" implies without a date. MS Project copies the scheduled finish
    into Actual Finish when a task is set to 100 % (support.microsoft.com, "Actual Finish
    fields": "sets the Actual Finish field to the status date or scheduled finish date"; MPXJ's
    MicrosoftScheduler then keeps it). Its scheduled finish is the logic's, with no status-date
    floor (MS Project moves unfinished work to the status date only when asked): ours without
    the floor. But never on or after the status date, the first day of unfinished work, so a
    task due later that is done already finished by the working day before it. Before, every
    task done without a date finished the day before the status date: one due three days before
    a stand-up showed a three-day slip against the baseline that never happened.

    A task with a percent below 100 was reported unfinished as of some status date, which is not
    kept with it (a stand-up's 60 % is as of that stand-up): its planned finish may be before
    that report, so it keeps the working day before the status date, which contradicts none."""
    if day is not None:
        return day
    cal = plan.calendar
    ref = _reported_by(plan, today)
    previous = cal.date_of(cal.index_on_or_after(ref) - 1)
    planned = previous if 0 < t.percent_complete < 100 else min(_unfloored_finish(plan, t), previous)
    return max(planned, t.actual_start or planned, _first_working(plan))


def _unfloored_finish(plan: Plan, t: TaskRow) -> date:
    """``t``'s finish as the plan's logic and progress give it without a status date."""
    if plan.project.status_date is None:
        return plan.schedule.tasks[t.id].finish
    tasks, links = plan.specs()
    try:
        result = schedule(tasks, links, plan.calendar, plan.project.start, None,
                          resource_time=plan.resource_time)
    except SchedulingError:  # the plan with its status date schedules, so this is not expected
        return plan.schedule.tasks[t.id].finish
    return result.tasks[t.id].finish


def _start_day(plan: Plan, t: TaskRow, today: date | None, worked: int = 0) -> date:
    """The actual start that progress reported without one implies: the scheduled start, but
    never after the status date, and early enough that the ``worked`` days already done lie
    before it (the status date is the first day of unfinished work). The scheduled start of a
    task not yet started is held at the status date, so without this a task 80 % done on the
    last day of its plan was put as started that day, and its finish moved by four days."""
    cal = plan.calendar
    ref = cal.index_on_or_after(_reported_by(plan, today))  # a status date on a Saturday is Monday's work
    start = min(plan.schedule.tasks[t.id].start, cal.date_of(ref))
    if worked > 0:
        first = cal.index_on_or_after(plan.project.start)
        start = min(start, cal.date_of(max(ref - worked, first)))
    return max(start, _first_working(plan))


def _finish_values(plan: Plan, t: TaskRow, values: dict, day: date) -> None:
    if values["actual_start"] is None:
        # As the scheduler would place it: the task's duration ending on the finish.
        cal = plan.calendar
        first = cal.date_of(cal.index_on_or_before(day) - max(t.duration - 1, 0))
        values["actual_start"] = max(first, _first_working(plan))
    if day < values["actual_start"]:
        raise BadValue(f"finish {day} is before {t.label}'s actual start {values['actual_start']}")
    values.update(percent_complete=100, actual_finish=day, remaining=0)


def _percent_values(plan: Plan, t: TaskRow, values: dict, pct: int, today: date | None) -> None:
    if not 0 <= pct <= 100:
        raise BadValue(f"percent complete {pct}% must be from 0 to 100")
    if t.milestone and 0 < pct < 100:
        raise Conflict(f"{t.label} is a milestone: it is reached (100 %) or not (0 %), not {pct} %")
    if pct == 100:
        _finish_values(plan, t, values, _done_day(plan, t, None, today))
        return
    left = values["remaining"]
    if pct and left and values["actual_finish"] is None:
        # days left re-estimated before (r, --remaining): the task's length is now days done +
        # days left (MS Project's Duration), and a percent is of that length. Dropped, as it was,
        # the task went back to its planned length without a word, and its finish came earlier
        # by as much as the re-estimate had put it later.
        done, left = work_split(t.duration, values["percent_complete"], left)
        left = work_split(done + left, pct)[1]
    else:
        left = None
    values.update(percent_complete=pct, actual_finish=None, remaining=left)
    if pct == 0:
        values["actual_start"] = None
    elif values["actual_start"] is None:
        worked, _ = work_split(t.duration, pct, values["remaining"])
        values["actual_start"] = _start_day(plan, t, today, worked)


def _record(store: Store, project_id: int, ref: str, name: str, kind: str, change, *,
            person: int | None, today: date | None, detail: str | Callable[[], str] = "",
            summary_ok: bool = False) -> Recorded:
    """Run ``change(act, plan, row, values)`` on a leaf task (or, with ``summary_ok``, a summary
    whose values it leaves alone), store what moved, and log the event."""
    today = today or date.today()
    standup_day = None
    with action(store, project_id, name) as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        if row.summary and not summary_ok:
            raise Conflict(f"{row.label} is a summary: record progress on the tasks under it")
        task = act.session.get(Task, row.id)
        values = {k: getattr(task, k) for k in EDITABLE}
        extra = change(act, plan, row, values)
        if callable(detail):  # known once the change has run (the blockers it cleared)
            detail = detail()
        rules = validated(TaskRules, **values)
        said = []
        for key in sorted(WRITTEN):
            new_value = getattr(rules, key)
            if getattr(task, key) != new_value:
                if key != "notes":
                    said.append(f"{key.replace('_', ' ')} {_show(getattr(task, key))} → {_show(new_value)}")
                setattr(task, key, new_value)
        if kind in ("blocker", "note"):
            said.insert(0, f"{kind}: {detail}")
        elif kind == "unblocked":
            said.insert(0, f"cleared {extra}")
        if not _is_done(row) and (rules.actual_finish is not None or rules.percent_complete >= 100):
            # a finished task leaves the stand-up's list, and with it the only place its
            # blockers showed and could be cleared: they were left open for good
            gone = _resolve_blockers(act, project_id, row, as_of(plan, today), "The task was finished.")
            if gone:
                said.append(f"blocker{'' if len(gone) == 1 else 's'} cleared: " + "; ".join(t for _n, t in gone))
        if not said:
            raise NothingChanged(f"{row.label}: nothing changed, it already has those values")
        act.say(f"{row.wbs} {row.name}: " + ", ".join(said))
        detail = detail or _detail(kind, values, row)
        # the stand-up open on the status date (`standup start --date D` moves it to D), else today's
        day = plan.project.status_date
        sid = (open_standup_id(act.session, project_id, day) if day is not None else None) \
            or open_standup_id(act.session, project_id, today)
        if sid is not None:
            standup_day = act.session.get(Standup, sid).day
            if person is None:
                first = plan.assignments_of.get(row.id)
                person = first[0].resource_id if first else None
            act.session.add(StandupEvent(standup_id=sid, resource_id=person, task_id=row.id, kind=kind,
                                         detail=detail))
        act.session.flush()
        new = plan.with_task_values(row.id, {k: getattr(task, k) for k in WRITTEN})
        new.schedule  # a plan that no longer schedules rolls the change back (Conflict)
        act.checked_plan = new
    issue = extra if isinstance(extra, Issue) else None
    return Recorded(new.by_id[row.id], new, act.lines, issue.id if issue else None,
                    issue.number if issue else None, kind=kind, detail=detail, standup_day=standup_day)


def _detail(kind: str, values: dict, before: TaskRow) -> str:
    """The event as a person would say it."""
    if kind == "started":
        return f"started {values['actual_start']}"
    if kind == "done" or values["actual_finish"] is not None:
        return f"done {values['actual_finish']}"
    if kind == "remaining" and values["remaining"] is None:
        return f"{values['duration']}d left (not started)"
    if kind == "remaining":
        return f"{values['remaining']}d left ({values['percent_complete']}%)"
    return f"{before.percent_complete}% → {values['percent_complete']}%"


def _show(value) -> str:
    return "none" if value is None or value == "" else str(value)


def mark_started(store: Store, project_id: int, ref: str, *, on: date | None = None,
                 person: int | None = None, today: date | None = None) -> Recorded:
    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        _refuse_done(t)
        if t.milestone:
            raise Conflict(f"{t.label} is a milestone: it is reached or not, so mark it done instead")
        if on is None and t.actual_start is not None:
            raise Conflict(f"{t.label} already started on {t.actual_start}")
        day = on or _start_day(plan, t, today)
        _check_actual(plan, day, "actual start", today)
        values["actual_start"] = day
    return _record(store, project_id, ref, "Mark started", "started", change, person=person, today=today)


def set_percent(store: Store, project_id: int, ref: str, percent: int, *, person: int | None = None,
                today: date | None = None) -> Recorded:
    """Exactly ``percent``; below 100 on a finished task reopens it (MS Project does the same)."""
    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        if percent == 100:
            _refuse_done(t)
        _percent_values(plan, t, values, percent, today)
    kind = "done" if percent == 100 else "progress"
    return _record(store, project_id, ref, "Record progress", kind, change, person=person, today=today)


def step_percent(store: Store, project_id: int, ref: str, steps: int, step: int = 10, *,
                 person: int | None = None, today: date | None = None) -> Recorded:
    """Move percent complete by ``steps`` multiples of ``step``, landing on the grid (37 + 10 → 40)."""
    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        cur = 100 if _is_done(t) else t.percent_complete
        if steps > 0:
            _refuse_done(t)
            pct = 100 if t.milestone else min(100, (cur // step + steps) * step)
        else:
            pct = 0 if t.milestone else max(0, (ceil(cur / step) + steps) * step)
        _percent_values(plan, t, values, pct, today)
    return _record(store, project_id, ref, "Record progress", "progress", change, person=person, today=today)


def set_remaining(store: Store, project_id: int, ref: str, days: int, *, person: int | None = None,
                  today: date | None = None) -> Recorded:
    """Days of work left. Percent complete follows MS Project's rule:
    % = actual duration / (actual duration + remaining duration)."""
    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        _refuse_done(t)
        if days < 0:
            raise BadValue(f"remaining duration {days}d is negative")
        if t.milestone:
            raise Conflict(f"{t.label} is a milestone: it has no duration left, mark it done instead")
        if days == 0:
            _finish_values(plan, t, values, _done_day(plan, t, None, today))
            return
        if values["actual_start"] is None and not t.percent_complete:
            # not started: days left are a new estimate of its duration (MS Project's remaining
            # duration of a task not started is its duration), not a start on the status date
            # ahead of its predecessors
            values["duration"] = days
            return
        start = values["actual_start"] or _start_day(plan, t, today)
        values["actual_start"] = start
        values["remaining"] = days
        worked = max(0, plan.calendar.working_days_between(start, as_of(plan, today)))
        values["percent_complete"] = min(99, round(100 * worked / (worked + days)))
    return _record(store, project_id, ref, "Set remaining", "remaining", change, person=person, today=today)


def mark_done(store: Store, project_id: int, ref: str, *, on: date | None = None,
              person: int | None = None, today: date | None = None) -> Recorded:
    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        _refuse_done(t)
        day = _done_day(plan, t, on, today)
        if on is not None:
            _check_actual(plan, on, "actual finish", today)
        _finish_values(plan, t, values, day)
    return _record(store, project_id, ref, "Mark done", "done", change, person=person, today=today)


def raise_blocker(store: Store, project_id: int, ref: str, text: str, *, person: int | None = None,
                  today: date | None = None) -> Recorded:
    """An open issue (kind "blocker") linked to the task, raised on the status date."""
    text = _blocker_title(text)

    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        _refuse_done(t)
        issue = Issue(project_id=project_id, number=next_number(act.session, Issue, project_id),
                      title=text, kind="blocker", status="open", task_id=t.id,
                      owner_id=person, raised_on=as_of(plan, today),
                      description=f"Blocks {t.label}.")
        act.session.add(issue)
        act.session.flush()
        return issue
    return _record(store, project_id, ref, "Raise blocker", "blocker", change, person=person,
                   today=today, detail=text)


def _resolve_blockers(act: Action, project_id: int, t: TaskRow, day: date, why: str) -> list[tuple[int, str]]:
    """Resolve the task's open blockers; their numbers and titles, oldest first."""
    rows = act.session.execute(
        select(Issue).where(Issue.project_id == project_id, Issue.kind == "blocker", Issue.status == "open",
                            Issue.task_id == t.id).order_by(Issue.number)
    ).scalars().all()
    for issue in rows:
        issue.status, issue.resolved_on, issue.resolution = "resolved", day, why
    return [(issue.number, issue.title) for issue in rows]


def clear_blockers(store: Store, project_id: int, ref: str, *, person: int | None = None,
                   today: date | None = None, why: str = "Cleared in the stand-up.") -> Recorded:
    """Resolve every open blocker of the task, as said in the stand-up ("no longer blocked"):
    one action, so one undo brings them all back. A summary task's too: `pmtui issue add --kind
    blocker --task 3` may put one there, and "3 is a summary" left it with no way to clear."""
    cleared: list[tuple[int, str]] = []

    def titles() -> str:  # known once the change has run
        return "; ".join(title for _n, title in cleared)

    def change(act: Action, plan: Plan, t: TaskRow, values: dict) -> str:
        cleared.extend(_resolve_blockers(act, project_id, t, as_of(plan, today), why))
        if not cleared:
            raise Conflict(f"{t.label} has no open blocker to clear: nothing changed")
        return f"{len(cleared)} blocker{'' if len(cleared) == 1 else 's'}: " + titles()
    r = _record(store, project_id, ref, "Clear blockers", "unblocked", change, person=person, today=today,
                detail=titles, summary_ok=True)
    r.cleared = cleared
    return r


def add_note(store: Store, project_id: int, ref: str, text: str, *, person: int | None = None,
             today: date | None = None) -> Recorded:
    """A dated line appended to the task's notes."""
    text = _one_line(text, "note")

    def change(act: Action, plan: Plan, t: TaskRow, values: dict):
        line = f"{as_of(plan, today)}: {text}"
        values["notes"] = f"{values['notes']}\n{line}" if values["notes"] else line
    return _record(store, project_id, ref, "Add note", "note", change, person=person, today=today, detail=text)


def open_blockers(plan: Plan, session) -> dict[int, list[str]]:
    """Open blocker issues by task id."""
    rows = session.execute(
        select(Issue.task_id, Issue.title).where(Issue.project_id == plan.project.id, Issue.kind == "blocker",
                                                 Issue.status == "open", Issue.task_id.is_not(None))
    ).all()
    out: dict[int, list[str]] = {}
    for task_id, title in rows:
        out.setdefault(task_id, []).append(title)
    return out
