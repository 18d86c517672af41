"""What a stand-up did to the plan: the "before" picture taken when it opens, the live
consequences (finish, newly critical tasks, slipped milestones), why the finish moved (the project
finish's driving path before and after), and the summary with its Markdown form."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlmodel import Session

from pmtui.models.standup import Standup, StandupEvent, StandupNote
from pmtui.models.tables import JournalEntry
from pmtui.models.wording import days, signed_days
from pmtui.services.plan import Plan
from pmtui.services.progress import open_blockers
from pmtui.services.standup_agenda import UNASSIGNED, StandupConfig, people_order
from pmtui.store.journal import row_changes


def utc(value: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def remap_task_ids(summary: dict, task: Callable[[int], int | None]) -> dict:
    """A stored summary with its task ids passed through ``task`` (for a copy of the project:
    a file's ids, a new database's): the "before" and "after" pictures (capture) key tasks by id,
    and the listed tasks carry one beside their WBS code and name. An id ``task`` does not know
    (a task deleted since) is dropped from the pictures and left as None in a listed task."""
    def picture(p):
        if not isinstance(p, dict):
            return p
        out = dict(p)
        if isinstance(p.get("path"), list):
            out["path"] = [k for k in map(task, p["path"]) if k is not None]
        if isinstance(p.get("critical"), list):
            out["critical"] = [k for k in map(task, p["critical"]) if k is not None]
        if isinstance(p.get("tasks"), dict):
            out["tasks"] = {str(k): v for i, v in p["tasks"].items()
                            for k in (task(int(i)) if i.lstrip("-").isdigit() else None,) if k is not None}
        return out

    def walk(v):
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            out = {k: walk(x) for k, x in v.items()}
            if "wbs" in v and isinstance(v.get("id"), int):
                out["id"] = task(v["id"])
            return out
        return v

    out = {k: (picture(v) if k in ("before", "after") else walk(v)) for k, v in summary.items()}
    return out


def finish_task(plan: Plan) -> int | None:
    """The leaf that ends at the project finish (the last in outline order on ties)."""
    sched = plan.schedule
    leaves = [t for t in plan.tasks if not t.summary and sched.tasks[t.id].finish == sched.finish]
    return leaves[-1].id if leaves else None


def capture(plan: Plan) -> dict:
    """The dates a later comparison needs, as JSON-ready values."""
    if not plan.tasks:
        return {"finish": None, "path": [], "tasks": {}, "critical": [], "status_date": None}
    sched = plan.schedule
    end = finish_task(plan)
    return {
        "finish": sched.finish.isoformat(),
        "status_date": plan.project.status_date.isoformat() if plan.project.status_date else None,
        "path": sched.driving_path(end) if end is not None else [],
        "tasks": {str(t.id): [sched.tasks[t.id].start.isoformat(), sched.tasks[t.id].finish.isoformat()]
                  for t in plan.tasks if not t.summary},
        "critical": [t.id for t in plan.tasks if not t.summary and sched.tasks[t.id].critical],
    }


@dataclass
class Consequences:
    finish_before: date | None
    finish_now: date | None
    change_days: int  # working days, later is positive
    became_critical: list[dict]
    milestones_slipped: list[dict]
    milestones_at_risk: list[dict]


def iso_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def consequences(before: dict, plan: Plan) -> Consequences:
    if not plan.tasks:
        return Consequences(None, None, 0, [], [], [])
    sched, cal = plan.schedule, plan.calendar
    was = iso_day(before.get("finish"))
    change = cal.working_days_between(was, sched.finish) if was else 0
    old_crit = set(before.get("critical", []))
    old_dates = before.get("tasks", {})
    became, slipped, risk = [], [], []
    for t in plan.tasks:
        if t.summary:
            continue
        s = sched.tasks[t.id]
        if s.critical and t.id not in old_crit and not s.completed:
            became.append({"id": t.id, "wbs": t.wbs, "name": t.name})
        if not t.milestone or s.completed:
            continue
        old = old_dates.get(str(t.id))
        if old and s.finish > iso_day(old[1]):
            slipped.append({"id": t.id, "wbs": t.wbs, "name": t.name, "before": old[1],
                            "after": s.finish.isoformat(),
                            "days": cal.working_days_between(iso_day(old[1]), s.finish)})
        reason = _risk_reason(plan, t.id)
        if reason:
            risk.append({"id": t.id, "wbs": t.wbs, "name": t.name, "finish": s.finish.isoformat(),
                         "reason": reason})
    return Consequences(was, sched.finish, change, became, slipped, risk)


def _risk_reason(plan: Plan, task_id: int) -> str:
    s = plan.schedule.tasks[task_id]
    t = plan.by_id[task_id]
    if any("cannot be met" in v for v in s.violations):
        return f"its {t.constraint_type} date cannot be met: the work before it ends later"
    if s.late:
        return f"after its deadline {t.deadline}"
    if s.total_float < 0:
        return f"{days(-s.total_float)} behind"
    return ""


@dataclass(frozen=True)
class Change:
    """A change made since the stand-up began, outside its own records, that moved the finish,
    with its effect as the journal recorded it when it was made (pmtui.services.finish_effect)."""

    text: str  # "5.6 duration: 20 → 23 (Edit task, +3d)"
    days: int | None  # working days it moved the finish, later positive


_MEETING_TABLES = {"standup", "standup_event", "standup_note"}
_LIST_AT_MOST = 6  # changes named in the why; the rest are counted, for `pmtui history`
_SCAN_AT_MOST = 500  # journal entries read back to the stand-up's start


def changes_since(session: Session, plan: Plan, standup_id: int) -> list[Change]:
    """The journaled changes made since the stand-up ``standup_id`` began that moved the finish,
    oldest first, but the meeting's own (its records are named with their task already). Each
    with its recorded effect, as `pmtui why finish` and the next stand-up's summary count it: a
    scan of the driving path named a change to it that had moved nothing (another task held the
    finish) and missed one made off it. Empty when the entry that began it is not in the journal
    (a stand-up imported from a file): without it, nothing tells which changes came after."""
    from pmtui.services import finish_effect as fx
    from pmtui.services.finish_story import effect_days

    rows = session.execute(select(JournalEntry).where(JournalEntry.project_id == plan.project.id,
                                                      JournalEntry.state == "done")
                           .order_by(JournalEntry.id.desc()).limit(_SCAN_AT_MOST)).scalars()
    found: list[Change] = []
    for entry in rows:
        try:
            changes = json.loads(entry.changes or "[]")
        except ValueError:
            changes = []
        changes = list(row_changes(c for c in changes if isinstance(c, dict)))
        if any(c.get("op") == "insert" and c.get("table") == "standup" and c.get("id") == standup_id
               for c in changes):
            return found[::-1]
        if any(c.get("table") in _MEETING_TABLES for c in changes):
            continue
        effect = fx.loads(entry.effect)
        if not fx.moved(effect):
            continue
        n = effect_days(plan, effect)
        moved = "" if n is None else f", {signed_days(n)}"
        found.append(Change(f"{entry.summary} ({entry.action}{moved})", n))
    return []


def why_moved(before: dict, plan: Plan, events_by_task: dict[int, list[str]] | None = None,
              changes: list[Change] | None = None) -> tuple[list[str], list[dict]]:
    """Lines saying why the finish moved (or did not), and the tasks on the driving path whose
    dates moved: the path of the project finish now, compared with the one before, and the
    ``changes`` made since (changes_since) that touched either path or every date."""
    events_by_task = events_by_task or {}
    if not plan.tasks:
        return ["The plan has no tasks."], []
    sched, cal = plan.schedule, plan.calendar
    lines: list[str] = []
    was = iso_day(before.get("finish"))
    old_sd, new_sd = before.get("status_date"), plan.project.status_date
    if (new_sd.isoformat() if new_sd else None) != old_sd:
        lines.append(f"Status date {old_sd or 'none'} → {new_sd or 'none'}: unfinished work is scheduled "
                     f"from {new_sd or 'the project start'} on.")
    end = finish_task(plan)
    path = sched.driving_path(end) if end is not None else []
    old_path = [i for i in before.get("path", []) if i in plan.by_id]
    old_dates = before.get("tasks", {})
    moved = []
    for tid in path:
        old = old_dates.get(str(tid))
        s = sched.tasks[tid]
        if old and old[1] != s.finish.isoformat():
            t = plan.by_id[tid]
            moved.append({"id": tid, "wbs": t.wbs, "name": t.name, "finish_before": old[1],
                          "finish_after": s.finish.isoformat(),
                          "days": cal.working_days_between(iso_day(old[1]), s.finish)})
    if was is None or was == sched.finish:
        lines.append(f"The finish did not move: {sched.finish}.")
    else:
        lines.append(f"The finish moved {was} → {sched.finish} "
                     f"({signed_days(cal.working_days_between(was, sched.finish))}).")
        if moved:
            first = moved[0]
            cause = "; ".join(events_by_task.get(first["id"], []))
            lines.append(f"It moved with {first['wbs']} {first['name']} ({signed_days(first['days'])}"
                         + (f": {cause}" if cause else "") + "), which drives the finish through "
                         + " → ".join(plan.by_id[i].wbs for i in path[path.index(first['id']):]) + ".")
        # the edits that did it: 'It moved with 5.6 (+4d)' gave no word of the duration
        # lengthened and the holiday added, which only `pmtui history` told
        named = [c.text for c in changes or []]
        if named:
            more = len(named) - _LIST_AT_MOST
            lines.append("Changes since the stand-up began: " + "; ".join(named[:_LIST_AT_MOST])
                         + (f"; and {more} more (pmtui history)" if more > 0 else "") + ".")
    for tid in path:
        s = sched.tasks[tid]
        if s.driven_by == "constraint" and any("cannot be met" in v for v in s.violations):
            t = plan.by_id[tid]
            lines.append(f"{t.wbs} {t.name} holds the finish on its {t.constraint_type} date "
                         f"{t.constraint_date}, but the work before it now ends later: it is at risk.")
    left = ", ".join(plan.by_id[i].wbs for i in old_path if i not in path)
    joined = ", ".join(plan.by_id[i].wbs for i in path if i not in old_path)
    # a path that only grew (a fixed date that held the finish let go) or only shrank has one
    # side empty: "it ran through  and now runs through 3.3.1, …" named nothing it had left
    if old_path and (left or joined):
        lines.append("The driving path changed: it "
                     + (f"ran through {left} and now runs through {joined}" if left and joined
                        else f"now also runs through {joined}" if joined else f"no longer runs through {left}")
                     + ".")
    for m in moved[1:] if len(moved) > 1 else []:
        lines.append(f"  {m['wbs']} {m['name']}: {m['finish_before']} → {m['finish_after']} ({signed_days(m['days'])})")
    return lines, moved


def since_last_standup(session: Session, plan: Plan, row: Standup) -> dict | None:
    """How the finish moved since the stand-up before ``row`` (from its end), and the changes that
    moved it, as the journal recorded their effects when they were made: the story `pmtui why
    finish` tells (pmtui.services.finish_story), and the move the header counts. None for the
    first stand-up."""
    from pmtui.services.finish_story import standup_anchor, story_in, story_lines

    last = session.execute(select(Standup).where(Standup.project_id == plan.project.id, Standup.day < row.day)
                           .order_by(Standup.day.desc(), Standup.id.desc()).limit(1)).scalars().first()
    if last is None:
        return None
    ref = plan.project.status_date or row.day

    def day(d: date | None) -> str | None:
        return d.isoformat() if d else None

    anchor = utc(standup_anchor(last))
    first = session.execute(select(JournalEntry.at, JournalEntry.action).where(
        JournalEntry.project_id == plan.project.id).order_by(JournalEntry.id).limit(1)).first()
    if first is not None and utc(first.at) >= anchor:
        # A project imported from a file (or made again) after that stand-up: its history begins
        # there, and the import itself read as the change that moved the finish from none.
        then, now = last.finish_after, plan.schedule.finish if plan.tasks else None
        began = utc(first.at).astimezone()
        return {"standup": last.day.isoformat(), "then": day(then), "now": day(now),
                "change_days": plan.calendar.working_days_between(then, now) if then and now else None,
                "moves": [], "changes": 0,
                "notes": [f"This project's history begins with {first.action} ({began:%a %d %b %H:%M}), after "
                          "that stand-up: which changes moved the finish is not known."]}
    story = story_in(session, plan, standup=last)
    return {
        "standup": last.day.isoformat(),
        "then": day(story.then) if story.then_known else None,
        "now": day(story.now),
        "change_days": story.total,
        "moves": [{"at": utc(m.at).isoformat(), "action": m.action, "summary": m.summary, "kind": m.kind,
                   "before": day(m.before), "after": day(m.after), "days": m.days} for m in story.moves],
        "changes": story.changes,
        "notes": story_lines(story, ref),
    }


def blocker_text(b: dict) -> str:
    """A raised blocker's words and, once it is no longer open, that it was cleared (a summary
    saved before this was known says nothing of it)."""
    return b["detail"] + (" — cleared" if b.get("open", True) is False else "")


_STEP = re.compile(r"(\d+)% → (\d+)%")  # a percent recorded (services.progress._detail)


def _no_change(item: dict) -> bool:
    """Steps that came back to where they began ("60% → 60%")."""
    step = _STEP.fullmatch(item["detail"] or "") if item["kind"] == "progress" else None
    return step is not None and step.group(1) == step.group(2)


def summarize(session: Session, plan: Plan, row: Standup, before: dict, cfg: StandupConfig,
              now: datetime) -> dict:
    """Who reported what, what was recorded, and what it did to the plan since ``before``."""
    events = session.execute(select(StandupEvent).where(StandupEvent.standup_id == row.id)
                             .order_by(StandupEvent.id)).scalars().all()
    notes = {n.resource_id: n for n in session.execute(
        select(StandupNote).where(StandupNote.standup_id == row.id)).scalars()}

    def who(rid):
        r = plan.resource_by_id.get(rid)
        return r.name if r else UNASSIGNED

    def task_of(tid):
        t = plan.by_id.get(tid)
        return (t.wbs, t.name) if t else (f"#{tid}", "(deleted task)")

    still_open = open_blockers(plan, session)
    kept: list[tuple[int, int | None, dict]] = []  # (task id, person, item), in the order recorded
    latest: dict[int, tuple[int | None, dict]] = {}  # each task's last item: what a step nets with
    for e in events:
        wbs, name = task_of(e.task_id)
        item = {"person": who(e.resource_id), "wbs": wbs, "name": name, "kind": e.kind, "detail": e.detail}
        if e.kind == "blocker":
            # cleared in the meeting (c, d) or since (`pmtui issue resolve`): the summary listed it
            # among the blockers raised as if the task were still held up
            item["open"] = e.detail in still_open.get(e.task_id, ())
        step, prev = _STEP.fullmatch(e.detail or ""), latest.get(e.task_id)
        first = _STEP.fullmatch(prev[1]["detail"] or "") if prev else None
        if step and first and e.kind == prev[1]["kind"] == "progress" and prev[0] == e.resource_id:
            # + then - (a key pressed once too often, put right) read as two updates, "60% → 70%"
            # and "70% → 60%": steps in a row on a task are one update, none if they net to nothing
            prev[1]["detail"] = f"{first.group(1)}% → {step.group(2)}%"
            continue
        kept.append((e.task_id, e.resource_id, item))
        latest[e.task_id] = (e.resource_id, item)
    kept = [k for k in kept if not _no_change(k[2])]
    recorded = [item for _t, _r, item in kept if item["kind"] != "blocker"]
    raised = [item for _t, _r, item in kept if item["kind"] == "blocker"]
    pairs = [(rid, item) for _t, rid, item in kept]
    by_task: dict[int, list[str]] = {}
    for tid, _r, item in kept:
        by_task.setdefault(tid, []).append(f"{item['kind']} {item['detail']} ({item['person']})")
    people = []
    for rid in [r.id for r in people_order(plan, cfg)] + [None]:
        n = notes.get(rid)
        mine = [item for r, item in pairs if r == rid]
        if n is None and not mine:
            continue
        people.append({"name": who(rid), "yesterday": n.yesterday if n else "", "today": n.today if n else "",
                       "blockers": n.blockers if n else "", "events": mine})
    cons = consequences(before, plan)
    since_last = since_last_standup(session, plan, row)
    why, moved = why_moved(before, plan, by_task, changes_since(session, plan, row.id))
    ended = utc(row.ended_at) if row.ended_at else now
    return {
        "project": plan.project.name,
        "day": row.day.isoformat(),
        "state": row.state,
        "minutes": max(0, round((ended - utc(row.started_at)).total_seconds() / 60)),
        "status_date": {"before": row.status_date_before.isoformat() if row.status_date_before else None,
                        "after": plan.project.status_date.isoformat() if plan.project.status_date else None},
        "finish": {"before": cons.finish_before.isoformat() if cons.finish_before else None,
                   "after": cons.finish_now.isoformat() if cons.finish_now else None,
                   "change_days": cons.change_days},
        "why": why,
        "since_last": since_last,
        "moved_on_path": moved,
        "became_critical": cons.became_critical,
        "milestones_slipped": cons.milestones_slipped,
        "milestones_at_risk": cons.milestones_at_risk,
        "people": people,
        "progress": recorded,
        "blockers": raised,
        "silent": [r.name for r in people_order(plan, cfg)
                   if r.kind == "person" and r.name not in {p["name"] for p in people}],
    }


# -- as text ----------------------------------------------------------------------------------

_KIND_WORDS = {"started": "started", "progress": "progress", "remaining": "remaining",
               "done": "done", "blocker": "BLOCKER", "unblocked": "blocker cleared", "note": "note"}


def event_text(e: dict) -> str:
    """What was recorded, as said: 'progress: 60% → 70%', 'done 2026-12-03' (not 'done: done
    2026-12-03', as a detail that starts with its kind read)."""
    kind, detail = _KIND_WORDS.get(e["kind"], e["kind"]), e["detail"] or ""
    if e["kind"] == "blocker":
        detail = blocker_text(e)
    if detail.split(" ", 1)[0] == kind:
        return detail
    return f"{kind}: {detail}"


# Day figures are written as the status report writes them ("+2d" a change, "3d" a count): the
# summary goes out beside it, and "(+2 working days)" over "(+1d)" two lines on read as two kinds
# of figure. Whoever reads it in an e-mail, without the app, is told once what the d means.
DAY_KEY = "d = working days"
_DAY_FIGURE = re.compile(r"(?<![\w.-])[+-]?\d+d\b")


def _keyed(out: list[str], at: int) -> list[str]:
    """``out`` with the key to its day figures added to line ``at``, if it has any."""
    if any(_DAY_FIGURE.search(line) for line in out):
        out[at] += f" · {DAY_KEY}"
    return out


def length_text(minutes: int) -> str:
    """How long a stand-up was open: '12 min', and in hours past one ('24 h 1 min'): one left
    open overnight and finished the next morning read '1441 min', a figure to work out."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" + (f" {rest} min" if rest else "")


def to_markdown(summary: dict) -> str:
    """The summary for a chat message or an e-mail: Markdown, short lines, most important first."""
    f, sd = summary["finish"], summary["status_date"]
    state = "" if summary.get("state") == "closed" else " (in progress)"
    out = [f"# Stand-up {summary['day']} — {summary['project']}{state}", ""]
    out.append(f"Status date {sd['before'] or 'none'} → {sd['after'] or 'none'} · {length_text(summary['minutes'])}")
    change = f" ({signed_days(f['change_days'])})" if f["change_days"] else " (unchanged)"
    out += ["", "## Finish", f"{f['before']} → {f['after']}{change}", ""]
    out += [f"- {line.strip()}" for line in summary["why"]]
    out += since_last_markdown(summary.get("since_last"))
    if summary["milestones_slipped"] or summary["milestones_at_risk"]:
        out += ["", "## Milestones"]
        out += [f"- slipped: {m['wbs']} {m['name']} {m['before']} → {m['after']} ({signed_days(m['days'])})"
                for m in summary["milestones_slipped"]]
        out += [f"- at risk: {m['wbs']} {m['name']} ({m['finish']}): {m['reason']}"
                for m in summary["milestones_at_risk"]]
    if summary["became_critical"]:
        out += ["", "## Became critical"] + [f"- {t['wbs']} {t['name']}" for t in summary["became_critical"]]
    if summary["blockers"]:
        out += ["", "## Blockers raised"]
        out += [f"- {b['wbs']} {b['name']}: {blocker_text(b)} ({b['person']})" for b in summary["blockers"]]
    out += ["", "## People"]
    for p in summary["people"]:
        out.append(f"### {p['name']}")
        for key in ("yesterday", "today", "blockers"):
            if p[key]:
                out.append(f"- {key.capitalize()}: {p[key]}")
        for e in p["events"]:
            out.append(f"- {e['wbs']} {e['name']} — {event_text(e)}")
    if summary.get("silent"):
        out += ["", f"No update from: {', '.join(summary['silent'])}"]
    return "\n".join(_keyed(out, 2)) + "\n"


def since_last_markdown(last: dict | None) -> list[str]:
    """The section on the finish since the last stand-up: its move, each change that moved it
    with its effect and when (local time), then what the effects explain."""
    if not last:  # the first stand-up, or a summary saved before this was said
        return []
    then, now, n = last["then"], last["now"], last["change_days"]
    out = ["", f"## Since the last stand-up ({last['standup']})"]
    if then is None:
        out.append(f"Finish now {now or 'none'}; then not known")
    elif n:
        out.append(f"Finish {then} → {now} ({signed_days(n)})")
    else:
        out.append(f"Finish {now} (unchanged)" if then == now else f"Finish {then} → {now}")
    for m in last["moves"]:
        at = datetime.fromisoformat(m["at"]).astimezone()
        effect = signed_days(m["days"]) if m["days"] is not None else "new"
        kind = " (progress)" if m["kind"] == "progress" else ""
        out.append(f"- {effect} {m['action']}{kind}: {m['summary']} ({at:%a %d %b %H:%M})")
    if not last["moves"] and not last["notes"]:
        out.append("- No change moved it." if last["changes"] else "- No changes since.")
    elif not last["moves"] and last["changes"]:
        out.append("- No change moved it.")
    out += [f"- {line}" for line in last["notes"]]
    return out


def compare_markdown(cmp: dict) -> str:
    f = cmp["finish"]
    out = [f"# Stand-ups {cmp['first']} and {cmp['second']}", "",
           f"Finish {f['first']} → {f['second']} ({signed_days(f['change_days'])})",
           f"Updates recorded: {cmp['updates']['first']} → {cmp['updates']['second']}"]
    if cmp["milestones_moved"]:
        out += ["", "## Milestones moved"]
        out += [f"- {m['wbs']} {m['name']}: {m['first']} → {m['second']} ({signed_days(m['days'])})"
                for m in cmp["milestones_moved"]]
    for key in ("first", "second"):
        if cmp["blockers"][key]:
            out += ["", f"## Blockers raised on {cmp[key]}"] + [f"- {b}" for b in cmp["blockers"][key]]
    return "\n".join(_keyed(out, 2)) + "\n"
