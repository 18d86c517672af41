"""The daily stand-up as a meeting: open (or resume) it, note what each person said, finish it
and keep its summary; list and compare past ones.

A stand-up row is opened once per project and day. Opening it records the plan as it was (the
"before": every task's dates, the critical set, the project finish's driving path) inside
Standup.summary, so the live consequences and the final "why did the finish move" compare
against the same picture, also after a restart. Which person the meeting is on (Standup.position)
is view state, saved without a journal entry so that undo only ever takes back a real change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from pmtui.models.errors import BadValue, Conflict, NotFound, NothingChanged
from pmtui.models.rules import control_character, plan_date
from pmtui.models.standup import Standup, StandupNote
from pmtui.models.tables import Project, utcnow
from pmtui.models.wording import counted
from pmtui.services.actions import action, reading
from pmtui.services.as_of import ahead_of
from pmtui.services.plan import Plan, load_plan
from pmtui.services.progress import open_blockers
from pmtui.services.projects import progress_after
from pmtui.services.snapshots import take_snapshot_in
from pmtui.services.standup_agenda import UNASSIGNED, find_person, standup_config
from pmtui.services.standup_summary import blocker_text, capture, iso_day, summarize, utc
from pmtui.store import Store

# What one person said, per field: a few sentences. Worded as services/risk_rules words its limits.
MAX_NOTE = 500


# -- where to go from a refusal -------------------------------------------------------------
# Every refusal names what goes on from there: "no stand-up on 2026-12-07" alone left the user
# to guess whether to start one, finish another day's or look up which days have one.


def start_command(day: date) -> str:
    """The command that opens (or reopens) the stand-up of ``day``."""
    return "pmtui standup start" + ("" if day == date.today() else f" --date {day}")


def _days(session: Session, project_id: int, state: str | None = None) -> list[date]:
    query = select(Standup.day).where(Standup.project_id == project_id)
    if state is not None:
        query = query.where(Standup.state == state)
    return list(session.execute(query.order_by(Standup.day)).scalars())


def _none_on(session: Session, project_id: int, day: date) -> str:
    """Why there is nothing to show for ``day``, and the nearest days there is: a day mistyped
    is most often one next to the right one."""
    days = _days(session, project_id)
    if not days:
        return f"no stand-up on {day}, nor on any other day yet: `{start_command(day)}` opens one"
    if len(days) == 1:
        return f"no stand-up on {day} (the only one is on {days[0]})"
    near = [d for d in days if d < day][-1:] + [d for d in days if d > day][:1]
    return (f"no stand-up on {day} (the nearest {'is' if len(near) == 1 else 'are'} on "
            f"{' and '.join(map(str, near))}; `pmtui standup list` shows all {len(days)})")


def _open_elsewhere(session: Session, project_id: int, day: date) -> date | None:
    """The day of the stand-up open on another day than ``day`` (the latest), if any."""
    days = [d for d in _days(session, project_id, "open") if d != day]
    return days[-1] if days else None


# -- running the meeting --------------------------------------------------------------------


@dataclass
class Opened:
    standup: Standup
    before: dict
    status_before: date | None
    status_after: date | None
    resumed: bool
    message: str
    # with the status date kept ahead of the day: whether it may go back to the day, no work
    # being reported done or started after it (services.projects.progress_after)
    can_go_back: bool = False


def _find(session: Session, project_id: int, day: date) -> Standup | None:
    return session.execute(
        select(Standup).where(Standup.project_id == project_id, Standup.day == day)
    ).scalars().first()


def stored(row: Standup) -> dict:
    try:
        data = json.loads(row.summary or "{}")
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def start_standup(store: Store, project_id: int, day: date, *, keep_status_date: bool = False,
                  now: datetime | None = None) -> Opened:
    """Open (or resume, or reopen) the stand-up of ``day`` and move the status date forward to
    it; a status date already after ``day`` is kept (and said), never moved back."""
    with action(store, project_id, "Start stand-up") as act:
        s = act.session
        project = s.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        plan_date(day, "stand-up day")
        if day < project.start:
            raise Conflict(f"stand-up day {day} is before the project start {project.start}: there is no work "
                           f"to report yet (the first stand-up can be on {project.start})")
        row = _find(s, project_id, day)
        old_sd = project.status_date
        if row is not None and row.state == "open":
            return Opened(row, stored(row).get("before", {}), old_sd, old_sd, True,
                          f"Resumed the stand-up of {day}.")
        if row is not None:
            # The clock goes on from where f stopped it: counted from the first start, a meeting
            # reopened an hour later read "+45:00 over" at once and its summary "60 min".
            took = utc(row.ended_at) - utc(row.started_at) if row.ended_at else timedelta(0)
            # its finish after is the next f's to say: kept, `standup list` gave the reopened
            # stand-up the finish of the first one ('open  finish … → …', not 'in progress')
            row.state, row.ended_at, row.finish_after = "open", None, None
            row.started_at = utc(now or utcnow()) - max(took, timedelta(0))
            act.say(f"reopened the stand-up of {day}")
            return Opened(row, stored(row).get("before", {}), old_sd, old_sd, True,
                          f"Reopened the stand-up of {day}.")
        plan = load_plan(act.conn, project_id)
        before = capture(plan)
        row = Standup(project_id=project_id, day=day, state="open", started_at=now or utcnow(),
                      status_date_before=old_sd, finish_before=iso_day(before["finish"]),
                      summary=json.dumps({"before": before}, separators=(",", ":")))
        s.add(row)
        act.say(f"started the stand-up of {day}")
        # The status date is the first day of unfinished work (DESIGN; Primavera's data date):
        # a stand-up on a day off sets that day, and the work still to do goes on the next
        # working day. Set to the Friday before, it made Friday's work undone again: every
        # unfinished date moved a day earlier and a task marked done was dated Thursday.
        target, can_go_back = day, False
        cal = plan.calendar
        why = "" if cal.is_working(day) else \
            f", a day off: the work still to do is scheduled from {cal.date_of(cal.index_on_or_after(day))}"
        if keep_status_date or old_sd == target:
            msg = f"Stand-up of {day}; status date kept at {old_sd or 'none'}{'' if keep_status_date else why}."
        elif ahead_of(cal, old_sd, target):
            # Never back. Moved from a status date weeks ahead to today, the work reported up to it
            # (done, started) lay after the status date, the unfinished work was scheduled weeks
            # earlier, and the stand-up's "before" credited the move to what was said in it.
            msg = (f"Stand-up of {day}; status date kept at {old_sd}, which is ahead of it: what this stand-up "
                   f"records is dated as of {old_sd}, not {day}.")
            can_go_back = not progress_after(plan, day)
        else:
            project.status_date = target
            act.say(f"status date {old_sd or 'none'} → {target}")
            msg = f"Status date set to {target}{why} (was {old_sd or 'none'})."
        other = _open_elsewhere(s, project_id, day)
        if other is not None:
            # left open (f forgotten): `standup finish` and `note` without --date now mean this
            # one, and the other stayed open for good, found only by `standup list`
            msg += (f" The stand-up of {other} is still open: "
                    f"`pmtui standup finish --date {other}` finishes it.")
        s.flush()
    return Opened(row, before, old_sd, project.status_date, False, msg, can_go_back)


def get_standup(store: Store, project_id: int, day: date) -> Standup | None:
    with reading(store) as s:
        return _find(s, project_id, day)


def open_day(store: Store, project_id: int) -> date | None:
    """The day of the stand-up still open (the latest, should there be more), if any: the one
    `note` and `finish` mean without a date, as progress recorded meanwhile goes to it."""
    with reading(store) as s:
        return s.execute(select(Standup.day).where(Standup.project_id == project_id, Standup.state == "open")
                         .order_by(Standup.day.desc())).scalars().first()


def latest_standup(store: Store, project_id: int) -> Standup:
    with reading(store) as s:
        row = s.execute(select(Standup).where(Standup.project_id == project_id)
                        .order_by(Standup.day.desc())).scalars().first()
    if row is None:
        raise NotFound("no stand-up yet: start one with `pmtui standup`")
    return row


def save_position(store: Store, standup_id: int, position: int) -> None:
    """Where the meeting stands; view state, so not journaled (undo skips it)."""
    with Session(store.writer) as s:
        row = s.get(Standup, standup_id)
        if row is not None and row.position != position:
            row.position = position
            s.commit()


def _note_text(value: str | None, what: str) -> str | None:
    """A note field as kept: on one line, at most MAX_NOTE characters, plain text."""
    if value is None:
        return None
    value = " ".join(value.split())
    if len(value) > MAX_NOTE:
        # the length given, as the risk and issue rules give it, so the user knows how much to cut
        raise BadValue(f"{what} is {MAX_NOTE} characters at most; you gave {len(value)}")
    bad = control_character(value)
    if bad is not None:
        # an escape sequence would act on the terminal of whoever reads the summary
        raise BadValue(f"{what} contains the control character U+{ord(bad):04X}: it must be plain text")
    return value


@dataclass
class Noted:
    """What a note did, field by field: ``changed`` holds the fields it changed (their new text,
    "" when cleared), ``same`` those given that already said that (their text, "" when there was
    nothing to clear)."""

    name: str
    changed: dict[str, str]
    same: dict[str, str]
    note: StandupNote

    def message(self, day: date | str) -> str:
        return f"Noted for {self.name} in the stand-up of {day}: {_said(self.changed, self.same)}."


def _said(changed: dict[str, str], same: dict[str, str]) -> str:
    parts = []
    for key in ("yesterday", "today", "blockers"):
        if key in changed:
            parts.append(f"{key}: {changed[key]}" if changed[key] else f"{key} cleared")
        elif key in same:
            # "today cleared", said twice in a row, read as if something had been there to clear
            parts.append(f"{key} is {same[key]!r} already" if same[key] else f"nothing was noted for {key} to clear")
    return " · ".join(parts)


def set_person_note(store: Store, project_id: int, day: date, person: str | int | None, *,
                    yesterday: str | None = None, today: str | None = None,
                    blockers: str | None = None) -> Noted:
    """Yesterday / today / blockers of one person (None or "Unassigned": the unassigned work).
    A field left out keeps what was typed before. A note that would change nothing is refused
    with NothingChanged: no row, no journal entry."""
    fields = {"yesterday": _note_text(yesterday, "yesterday"), "today": _note_text(today, "today"),
              "blockers": _note_text(blockers, "blockers")}
    if all(v is None for v in fields.values()):
        raise BadValue("nothing to note: give --yesterday, --today or --blockers")
    with action(store, project_id, "Stand-up note") as act:
        s = act.session
        row = _find(s, project_id, day)
        if row is None:
            other = _open_elsewhere(s, project_id, day)
            if other is not None:
                raise Conflict(f"no stand-up open on {day}; the one open is on {other}: note it there with "
                               f"`--date {other}`, or `{start_command(day)}` opens the one of {day}")
            raise Conflict(f"no stand-up open on {day}: start it with `{start_command(day)}`")
        if row.state != "open":
            raise Conflict(f"the stand-up of {day} is finished: `{start_command(day)}` reopens it")
        plan = load_plan(act.conn, project_id)
        if person is None or (isinstance(person, str) and person.strip().casefold() == UNASSIGNED.casefold()):
            rid, name = None, UNASSIGNED
        elif isinstance(person, int):
            r = plan.resource_by_id.get(person)
            if r is None:
                raise NotFound(f"no resource with id {person}")
            rid, name = r.id, r.name
        else:
            r = find_person(plan, person)
            rid, name = r.id, r.name
        note = s.execute(select(StandupNote).where(StandupNote.standup_id == row.id,
                                                   StandupNote.resource_id == rid
                                                   if rid is not None else StandupNote.resource_id.is_(None))
                         ).scalars().first()
        given = {k: v for k, v in fields.items() if v is not None}
        now = {k: getattr(note, k) if note is not None else "" for k in given}
        changed = {k: v for k, v in given.items() if v != now[k]}
        same = {k: v for k, v in given.items() if k not in changed}
        if not changed:
            # it wrote an empty row and an entry "today ''", which undo then took back to no effect
            raise NothingChanged(f"{name} in the stand-up of {day}: nothing changed, {_said({}, same)}")
        if note is None:
            note = StandupNote(standup_id=row.id, resource_id=rid)
            s.add(note)
        for key, value in changed.items():
            setattr(note, key, value)
        act.say(f"{name}: " + "; ".join(f"{k} {v!r}" for k, v in changed.items()))
    return Noted(name, changed, same, note)


def live_summary(store: Store, project_id: int, day: date, now: datetime | None = None) -> dict:
    """The summary as it would be saved now (an open stand-up), or as it was saved (a closed one)."""
    with reading(store) as s:
        row = _find(s, project_id, day)
        if row is None:
            raise NotFound(_none_on(s, project_id, day))
        if row.state == "closed":
            return public(stored(row))
        plan = load_plan(s.connection(), project_id)
        return summarize(s, plan, row, stored(row).get("before", {}), standup_config(), utc(now or utcnow()))


def public(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in ("before", "after")}


def finish_standup(store: Store, project_id: int, day: date, now: datetime | None = None) -> dict:
    """Close the stand-up, save its summary and a status snapshot (one journal entry, so one undo
    takes back both); returns the summary."""
    now = utc(now or utcnow())
    cfg = standup_config()
    with action(store, project_id, "Finish stand-up") as act:
        row = _find(act.session, project_id, day)
        if row is None:
            other = _open_elsewhere(act.session, project_id, day)
            if other is not None:
                raise NotFound(f"no stand-up on {day} to finish; the one open is on {other}: "
                               f"`pmtui standup finish --date {other}` finishes it")
            raise NotFound(f"no stand-up on {day} to finish, and none is open: `{start_command(day)}` opens one")
        if row.state == "closed":
            raise Conflict(f"the stand-up of {day} is already finished: `pmtui standup report --date {day}` "
                           f"shows it, `{start_command(day)}` reopens it")
        plan = load_plan(act.conn, project_id)
        row.ended_at = now
        summary = summarize(act.session, plan, row, stored(row).get("before", {}), cfg, now)
        summary["state"] = "closed"
        saved = stored(row)
        full = {**summary, "before": saved.get("before", {}), "after": capture(plan)}
        row.state = "closed"
        row.finish_after = iso_day(summary["finish"]["after"])
        row.summary = json.dumps(full, separators=(",", ":"), ensure_ascii=False)
        f = summary["finish"]
        act.say(f"finished the stand-up of {day}: finish {f['before']} → {f['after']}, "
                f"{counted(len(summary['progress']), 'update')}, {blockers_raised(summary)}")
        take_snapshot_in(act, "standup")
    return summary


def cleared_blockers(summary: dict) -> int:
    """How many of the blockers raised in the stand-up were cleared by its end (by now, while it
    is open); a summary saved before that was known counts them all as open."""
    return sum(1 for b in summary.get("blockers", []) if b.get("open", True) is False)


def blockers_raised(summary: dict) -> str:
    """'2 blockers raised (1 cleared)': "2 blockers" alone counted the ones cleared since as if
    they still held work up, and read as the blockers open."""
    cleared = cleared_blockers(summary)
    return (counted(len(summary.get("blockers", [])), "blocker") + " raised"
            + (f" ({cleared} cleared)" if cleared else ""))


def state_word(state: str) -> str:
    """A stand-up's state as the screen and the messages word it: "open" or "finished"."""
    return "finished" if state == "closed" else state


def list_standups(store: Store, project_id: int) -> list[Standup]:
    with reading(store) as s:
        return list(s.execute(select(Standup).where(Standup.project_id == project_id)
                              .order_by(Standup.day.desc())).scalars())


def compare(store: Store, project_id: int, first: date, second: date) -> dict:
    """Two closed stand-ups side by side: finish, milestones, how much was reported."""
    if first == second:
        raise BadValue(f"give two different days to compare (both are {first})")
    a, b = sorted((first, second))
    with reading(store) as s:
        rows = [_find(s, project_id, d) for d in (a, b)]
        missing = [_none_on(s, project_id, d) for d, row in zip((a, b), rows) if row is None]
    if missing:
        raise NotFound(missing[0])
    for d, row in zip((a, b), rows):
        if row.state != "closed":
            raise Conflict(f"the stand-up of {d} is not finished yet: finish it with "
                           f"`pmtui standup finish --date {d}`")
    sa, sb = (stored(r) for r in rows)
    plan = load_plan_for(store, project_id)
    cal = plan.calendar
    fa, fb = iso_day(sa["finish"]["after"]), iso_day(sb["finish"]["after"])
    moved = []
    ta, tb = sa.get("after", {}).get("tasks", {}), sb.get("after", {}).get("tasks", {})
    for t in plan.tasks:
        if t.milestone and str(t.id) in ta and str(t.id) in tb and ta[str(t.id)][1] != tb[str(t.id)][1]:
            moved.append({"wbs": t.wbs, "name": t.name, "first": ta[str(t.id)][1], "second": tb[str(t.id)][1],
                          "days": cal.working_days_between(iso_day(ta[str(t.id)][1]), iso_day(tb[str(t.id)][1]))})
    return {
        "first": a.isoformat(), "second": b.isoformat(),
        "finish": {"first": sa["finish"]["after"], "second": sb["finish"]["after"],
                   "change_days": cal.working_days_between(fa, fb) if fa and fb else 0},
        "milestones_moved": moved,
        "updates": {"first": len(sa.get("progress", [])), "second": len(sb.get("progress", []))},
        "blockers": {"first": [f"{x['wbs']} {blocker_text(x)}" for x in sa.get("blockers", [])],
                     "second": [f"{x['wbs']} {blocker_text(x)}" for x in sb.get("blockers", [])]},
    }


def load_plan_for(store: Store, project_id: int) -> Plan:
    with reading(store) as s:
        return load_plan(s.connection(), project_id)




@dataclass
class Meeting:
    """What the stand-up screen shows besides the plan: the row, the notes, open blockers."""

    standup: Standup | None
    notes: dict[int | None, StandupNote]
    blockers: dict[int, list[str]]


def meeting_state(store: Store, project_id: int, day: date, plan: Plan) -> Meeting:
    with reading(store) as s:
        row = _find(s, project_id, day)
        notes = {}
        if row is not None:
            notes = {n.resource_id: n for n in s.execute(
                select(StandupNote).where(StandupNote.standup_id == row.id)).scalars()}
        return Meeting(row, notes, open_blockers(plan, s))
