"""A project's records beyond its plan, as plain data for backups: its risks (with their score
history and tied tasks), issues, stand-ups (with what each person said and what was recorded),
baselines (with every task as it was saved) and status snapshots.

Like PlanData, the records refer to tasks and resources by their keys (database ids when read
from a project, the file's ids when read from a file) and issues to risks by the risk's number,
so that a project restored from a file keeps R3 as R3. A baseline may hold a task deleted since
it was saved: in a file it has a negative id, which no task ever has, so it stays "removed since
the baseline". ``check_records`` applies the rules the CLI and the screens apply to the same
fields, but takes a text past its length limit whole, as a backup written before the limits
holds it (``past_limits`` words the warning); ``write_records`` and ``drop_records`` journal
what they do, so an import and its undo carry the records too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable

from sqlalchemy import func, select

from pmtui.models.errors import BadValue
from pmtui.models.risks import ISSUE_STATUSES, RISK_STATUSES, Issue, Risk, RiskScore, RiskTask
from pmtui.models.rules import plan_date, validated, visible
from pmtui.models.wording import brief, counted, cut
from pmtui.models.standup import EVENT_KINDS, STANDUP_STATES, Standup, StandupEvent, StandupNote
from pmtui.models.tracking import MAX_BASELINES, Baseline, BaselineTask, Snapshot
from pmtui.services.progress import MAX_TEXT
from pmtui.services.risk_rules import LIMITS, IssueRules, RiskRules
from pmtui.services.standup import MAX_NOTE
from pmtui.services.standup_summary import remap_task_ids

# The fields each record carries as they are stored (references are added apart)
RISK_FIELDS = ("number", "title", "description", "kind", "category", "cause", "effect", "probability", "impact",
               "status", "strategy", "response", "trigger", "review_date", "schedule_impact", "cost_impact",
               "created_at", "closed_on")
ISSUE_FIELDS = ("number", "title", "description", "kind", "status", "severity", "raised_on", "resolved_on",
                "resolution")
STANDUP_FIELDS = ("day", "state", "started_at", "ended_at", "status_date_before", "finish_before",
                  "finish_after", "position")
NOTE_FIELDS = ("yesterday", "today", "blockers")
EVENT_FIELDS = ("at", "kind", "detail")
BASELINE_FIELDS = ("name", "number", "saved_at", "active", "start", "finish", "cost", "work")
BASELINE_TASK_FIELDS = ("wbs", "name", "summary", "milestone", "start", "finish", "duration", "work", "cost")
SNAPSHOT_FIELDS = ("taken_at", "day", "source", "finish", "percent_complete", "bac", "pv", "ev", "ac", "spi", "cpi",
                   "risks_high", "risks_medium", "risks_low", "open_issues")
SNAPSHOT_SOURCES = ("manual", "standup")
# The five kinds of record, in Records' order (the fields' names and, singular, their words)
KINDS = ("risks", "issues", "standups", "baselines", "snapshots")
_WORDS = ("risk", "issue", "stand-up", "baseline", "snapshot")


@dataclass
class Records:
    risks: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)
    standups: list[dict] = field(default_factory=list)
    baselines: list[dict] = field(default_factory=list)
    snapshots: list[dict] = field(default_factory=list)
    # The kinds the source has a place for, and so replaces in a project it is imported into:
    # MS Project XML carries baselines and nothing else of the register, and replacing a
    # project's risks and stand-ups with the file's "none" would have lost them
    carried: tuple[str, ...] = KINDS
    # False when the source numbers its baselines but has no names for them (MS Project XML):
    # an import into a project keeps the project's name for a baseline of the same number
    named: bool = True

    def counts(self) -> str:
        return counts_text((len(self.risks), len(self.issues), len(self.standups), len(self.baselines),
                            len(self.snapshots)), self.carried)


def counts_text(numbers: tuple[int, ...], kinds: tuple[str, ...] = KINDS) -> str:
    """Kinds of record counted, in Records' order, as "14 risks, 1 issue, …" (``numbers`` has
    all five; only ``kinds`` are named)."""
    return ", ".join(counted(n, w) for n, w, k in zip(numbers, _WORDS, KINDS) if k in kinds)


def stored_counts(conn, project_id: int) -> tuple[int, ...]:
    """How many of each kind of record the project holds, in Records' order."""
    return tuple(conn.execute(select(func.count()).select_from(t).where(t.c.project_id == project_id)).scalar_one()
                 for t in (Risk.__table__, Issue.__table__, Standup.__table__, Baseline.__table__,
                           Snapshot.__table__))


def _aware(v: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for what was stored as UTC
    return v.replace(tzinfo=timezone.utc) if v is not None and v.tzinfo is None else v


def read_records(conn, project_id: int) -> Records:
    """The project's register; tasks and resources by database id."""
    reg = Records()
    risk_t, score_t, rt_t = Risk.__table__, RiskScore.__table__, RiskTask.__table__
    risks = conn.execute(select(risk_t).where(risk_t.c.project_id == project_id).order_by(risk_t.c.number)).all()
    ids = [r.id for r in risks]
    scores: dict[int, list[dict]] = {}
    tied: dict[int, list[int]] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        for s in conn.execute(select(score_t).where(score_t.c.risk_id.in_(chunk)).order_by(score_t.c.id)):
            scores.setdefault(s.risk_id, []).append(
                {"day": s.day, "probability": s.probability, "impact": s.impact, "comment": s.comment})
        for t in conn.execute(select(rt_t).where(rt_t.c.risk_id.in_(chunk)).order_by(rt_t.c.id)):
            tied.setdefault(t.risk_id, []).append(t.task_id)
    number_of = {r.id: r.number for r in risks}
    for r in risks:
        row = {f: getattr(r, f) for f in RISK_FIELDS}
        row["created_at"] = _aware(row["created_at"])
        row.update(owner=r.owner_id, scores=scores.get(r.id, []), tasks=tied.get(r.id, []))
        reg.risks.append(row)
    issue_t = Issue.__table__
    for x in conn.execute(select(issue_t).where(issue_t.c.project_id == project_id).order_by(issue_t.c.number)):
        row = {f: getattr(x, f) for f in ISSUE_FIELDS}
        row.update(owner=x.owner_id, task=x.task_id, risk=number_of.get(x.risk_id))
        reg.issues.append(row)
    su_t, note_t, ev_t = Standup.__table__, StandupNote.__table__, StandupEvent.__table__
    for s in conn.execute(select(su_t).where(su_t.c.project_id == project_id).order_by(su_t.c.day)):
        row = {f: getattr(s, f) for f in STANDUP_FIELDS}
        row["started_at"], row["ended_at"] = _aware(row["started_at"]), _aware(row["ended_at"])
        try:
            summary = json.loads(s.summary or "{}")
        except ValueError:
            summary = {}
        row["summary"] = summary if isinstance(summary, dict) else {}
        row["notes"] = [{"person": n.resource_id, **{f: getattr(n, f) for f in NOTE_FIELDS}}
                        for n in conn.execute(select(note_t).where(note_t.c.standup_id == s.id).order_by(note_t.c.id))]
        row["events"] = [{"person": e.resource_id, "task": e.task_id, "at": _aware(e.at),
                          **{f: getattr(e, f) for f in ("kind", "detail")}}
                         for e in conn.execute(select(ev_t).where(ev_t.c.standup_id == s.id).order_by(ev_t.c.id))]
        reg.standups.append(row)
    base_t, bt_t = Baseline.__table__, BaselineTask.__table__
    for b in conn.execute(select(base_t).where(base_t.c.project_id == project_id).order_by(base_t.c.number)):
        row = {f: getattr(b, f) for f in BASELINE_FIELDS}
        row["saved_at"] = _aware(row["saved_at"])
        row["tasks"] = [{"task": t.task_id, **{f: getattr(t, f) for f in BASELINE_TASK_FIELDS}}
                        for t in conn.execute(select(bt_t).where(bt_t.c.baseline_id == b.id).order_by(bt_t.c.id))]
        reg.baselines.append(row)
    snap_t = Snapshot.__table__
    for x in conn.execute(select(snap_t).where(snap_t.c.project_id == project_id).order_by(snap_t.c.id)):
        row = {f: getattr(x, f) for f in SNAPSHOT_FIELDS}
        row["taken_at"] = _aware(row["taken_at"])
        try:
            data = json.loads(x.data or "{}")
        except ValueError:
            data = {}
        row["data"] = data if isinstance(data, dict) else {}
        reg.snapshots.append(row)
    return reg


def map_keys(reg: Records, task: Callable[[Any], Any], resource: Callable[[Any], Any]) -> Records:
    """The register with every task and resource reference passed through ``task`` and
    ``resource`` (which give None for one that no longer exists: a stand-up may name a task
    deleted since; its record is kept, without the task)."""
    out = Records(carried=reg.carried, named=reg.named)
    for r in reg.risks:
        out.risks.append({**r, "owner": resource(r["owner"]) if r["owner"] is not None else None,
                          "tasks": [k for k in map(task, r["tasks"]) if k is not None]})
    for x in reg.issues:
        out.issues.append({**x, "owner": resource(x["owner"]) if x["owner"] is not None else None,
                           "task": task(x["task"]) if x["task"] is not None else None})
    for b in reg.baselines:
        # a task deleted since the baseline keeps an id no task has (see the module's docstring)
        low = min([0, *(t["task"] for t in b["tasks"] if _gone(t["task"]))])
        gone = iter(range(low - 1, low - 1 - len(b["tasks"]), -1))
        out.baselines.append({**b, "tasks": [
            {**t, "task": t["task"] if _gone(t["task"]) else _or(task(t["task"]), gone)}
            for t in b["tasks"]]})
    for x in reg.snapshots:
        data = dict(x["data"])
        if isinstance(data.get("milestones"), dict):
            data["milestones"] = {str(k): v for i, v in data["milestones"].items()
                                  for k in (task(int(i)) if str(i).isdigit() else None,) if k is not None}
        out.snapshots.append({**x, "data": data})
    for s in reg.standups:
        out.standups.append({
            **s, "summary": remap_task_ids(s["summary"], task),
            "notes": [{**n, "person": resource(n["person"]) if n["person"] is not None else None} for n in s["notes"]],
            "events": [{**e, "person": resource(e["person"]) if e["person"] is not None else None,
                        "task": task(e["task"]) if e["task"] is not None else None} for e in s["events"]],
        })
    return out


def _or(key, gone):
    return key if key is not None else next(gone)


def _gone(key) -> bool:
    """A baseline's task deleted before it was written to a file."""
    return isinstance(key, int) and not isinstance(key, bool) and key < 0


# -- checking ------------------------------------------------------------------------------------

def record_name(kind: str, i: int, title) -> str:
    """'risks[3] 'Vendor late'': the record a message is about, by its place and its title cut
    short; the JSON reader names records so too (one rule for both)."""
    return f"{kind}[{i}] {brief(title)}"


# The texts a file may hold past the limits a new one has (risk_rules.LIMITS): pmtui wrote
# backups before there were limits, and a PM restoring one must get it back as it was. A title
# had its limit before, and no text escapes the other rules (one line, no control character).
RISK_WHOLE = ("category", "description", "cause", "effect", "response", "trigger")
ISSUE_WHOLE = ("description", "resolution")
# What a person said in a stand-up and the text of a note or a blocker recorded in it had their
# limits from the first, so a file past them was not written by pmtui: refused, as a title is.
# The other events' details are pmtui's own words ('60% → 70%'), not typed.
EVENT_LIMITS = {"note": MAX_TEXT, "blocker": LIMITS["title"]}
_SHOWN_PAST = 20


def _past(row: dict, fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in fields if isinstance(row.get(f), str) and len(row[f]) > LIMITS[f])


def past_limits(reg: Records) -> list[str]:
    """What ``check_records`` takes whole past its limit, one line per record and field: 'R3
    category is 100 characters, above the 64 a new one may have: kept whole'."""
    found = []
    for r in reg.risks:
        code = f"R{r['number']}"
        found += [(code, f, len(r[f]), LIMITS[f]) for f in _past(r, RISK_WHOLE)]
        found += [(f"{code} score of {s['day']}", "comment", len(s["comment"]), LIMITS["comment"])
                  for s in r["scores"] if len(s["comment"] or "") > LIMITS["comment"]]
    for x in reg.issues:
        found += [(f"I{x['number']}", f, len(x[f]), LIMITS[f]) for f in _past(x, ISSUE_WHOLE)]
    lines = [f"{who} {f} is {n} characters, above the {limit} a new one may have: kept whole"
             for who, f, n, limit in found[:_SHOWN_PAST]]
    if len(found) > _SHOWN_PAST:
        lines.append(f"and {len(found) - _SHOWN_PAST} more texts above the limits a new one may have: kept whole")
    return lines


def clean_standups(reg: Records) -> int:
    """Make the control characters in the stand-ups' texts visible (ESC as ␛, see rules.visible)
    and return how many texts had one. What a person said, a note or blocker recorded and the
    saved summary that repeats them reached the terminal as they were: an escape sequence in a
    backup then recoloured or rewrote the screen of whoever ran `standup report`. `standup note`
    refuses one, but a backup written before it did must still restore, so it is kept, shown."""
    cleaned = 0

    def clean(v):
        nonlocal cleaned
        if isinstance(v, str):
            shown = visible(v)
            cleaned += shown != v
            return shown
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, list):
            return [clean(x) for x in v]
        return v

    for s in reg.standups:
        for n in s["notes"]:
            for f in NOTE_FIELDS:
                n[f] = clean(n[f])
        for e in s["events"]:
            e["detail"] = clean(e["detail"])
        s["summary"] = clean(s["summary"])
    return cleaned


def cleaned_text(n: int) -> str:
    """The import's word on ``clean_standups``: '2 stand-up texts held control characters …'."""
    return (f"{counted(n, 'stand-up text')} held control characters (as an escape sequence has): "
            "imported with each shown as a visible sign (ESC as ␛), so that none acts on the terminal")


def _bad(where: str, message: str) -> BadValue:
    return BadValue(f"{where}: {message}")


def _one_of(v, allowed, where: str, what: str) -> None:
    if v not in allowed:
        raise _bad(where, f"{what} {brief(v)} is unknown: use {', '.join(allowed)}")


def _at_most(text: str, limit: int, where: str, what: str) -> None:
    """Refuse a text past a limit its field has always had, worded as the CLI words it."""
    if len(text) > limit:
        raise _bad(where, f"{what} is {limit} characters at most; you gave {len(text)}")


def _new_number(number: int, seen: set[int], where: str, what: str) -> None:
    """R<number> / I<number>: 1 and up, once per project."""
    if number < 1 or number in seen:
        raise _bad(where, f"number {number} is {'used twice' if number in seen else f'not {what} number (1, 2, …)'}")
    seen.add(number)


def check_records(reg: Records, task_keys: set, resource_keys: set) -> None:
    """Refuse, naming the record and the field, what the CLI and the screens would refuse, but
    for a text longer than a new one may be, taken whole (``past_limits`` says which)."""
    def ref(key, keys: set, where: str, what: str) -> None:
        if key is not None and key not in keys:
            raise _bad(where, f"{what} {brief(key)} is not in the file")

    numbers: set[int] = set()
    for i, r in enumerate(reg.risks):
        where = record_name("risks", i, r.get("title"))
        _new_number(r["number"], numbers, where, "a risk")
        try:
            rules = validated(RiskRules, context={"whole": _past(r, RISK_WHOLE)},
                              **{f: r[f] for f in RiskRules.model_fields if f != "owner_id"})
            r.update(rules.model_dump(exclude={"owner_id"}))  # stored as the CLI stores it ("Mitigate" -> "mitigate")
            plan_date(r["closed_on"], "closed on")
        except BadValue as exc:
            raise _bad(where, exc.message) from None
        _one_of(r["status"], RISK_STATUSES, where, "status")
        ref(r["owner"], resource_keys, where, "owner")
        for k in r["tasks"]:
            ref(k, task_keys, where, "task")
        if len(set(r["tasks"])) != len(r["tasks"]):
            raise _bad(where, "a task is tied to it twice")
        for j, s in enumerate(r["scores"]):
            for what in ("probability", "impact"):
                if not 1 <= s[what] <= 5:
                    raise _bad(f"{where} scores[{j}]", f"{what} {s[what]} is out of range: use 1 to 5")
            try:
                plan_date(s["day"], "day")
            except BadValue as exc:
                raise _bad(f"{where} scores[{j}]", exc.message) from None
    issue_numbers: set[int] = set()
    for i, x in enumerate(reg.issues):
        where = record_name("issues", i, x.get("title"))
        _new_number(x["number"], issue_numbers, where, "an issue")
        try:
            x.update(validated(IssueRules, context={"whole": _past(x, ISSUE_WHOLE)},
                               **{f: x[f] for f in IssueRules.model_fields}).model_dump())
            for f in ("raised_on", "resolved_on"):
                plan_date(x[f], f.replace("_", " "))
        except BadValue as exc:
            raise _bad(where, exc.message) from None
        if x["raised_on"] is None:
            raise _bad(where, "it has no raised_on date")
        _one_of(x["status"], ISSUE_STATUSES, where, "status")
        ref(x["owner"], resource_keys, where, "owner")
        ref(x["task"], task_keys, where, "task")
        if x["risk"] is not None and x["risk"] not in numbers:
            raise _bad(where, f"risk R{x['risk']} is not in the file")
    days: set[date] = set()
    for i, s in enumerate(reg.standups):
        where = f"standups[{i}] {s['day']}"
        try:
            for f in ("day", "status_date_before", "finish_before", "finish_after"):
                plan_date(s[f], f.replace("_", " "))
        except BadValue as exc:
            raise _bad(where, exc.message) from None
        if s["day"] in days:
            raise _bad(where, "there are two stand-ups on this day")
        days.add(s["day"])
        _one_of(s["state"], STANDUP_STATES, where, "state")
        if s["position"] < 0:
            raise _bad(where, f"position {s['position']} is negative")
        people: set = set()
        for j, n in enumerate(s["notes"]):
            ref(n["person"], resource_keys, f"{where} notes[{j}]", "person")
            if n["person"] in people:
                raise _bad(f"{where} notes[{j}]", "a second note for the same person")
            people.add(n["person"])
            for f in NOTE_FIELDS:
                # measured as `standup note` measures it, its spaces run together
                _at_most(" ".join((n[f] or "").split()), MAX_NOTE, f"{where} notes[{j}]", f)
        for j, e in enumerate(s["events"]):
            ref(e["person"], resource_keys, f"{where} events[{j}]", "person")
            ref(e["task"], task_keys, f"{where} events[{j}]", "task")
            _one_of(e["kind"], EVENT_KINDS, f"{where} events[{j}]", "kind")
            if e["kind"] in EVENT_LIMITS:
                _at_most((e["detail"] or "").strip(), EVENT_LIMITS[e["kind"]], f"{where} events[{j}]", e["kind"])
    if len(reg.baselines) > MAX_BASELINES:
        raise BadValue(f"baselines: {len(reg.baselines)} of them; a project keeps at most {MAX_BASELINES}")
    names: set[str] = set()
    slots: set[int] = set()
    for i, b in enumerate(reg.baselines):
        where = record_name("baselines", i, b["name"])
        if not b["name"].strip() or b["name"] in names:
            raise _bad(where, "a baseline needs a name of its own" if b["name"].strip() else "it has no name")
        names.add(b["name"])
        if not 0 <= b["number"] < MAX_BASELINES or b["number"] in slots:
            raise _bad(where, f"number {b['number']} is {'used twice' if b['number'] in slots else 'not 0 to 10'}")
        slots.add(b["number"])
        try:
            for f in ("start", "finish"):
                plan_date(b[f], f)
            for j, t in enumerate(b["tasks"]):
                for f in ("start", "finish"):
                    plan_date(t[f], f"tasks[{j}] {f}")
                if t["start"] is None or t["finish"] is None:
                    raise BadValue(f"tasks[{j}] has no start or finish")
        except BadValue as exc:
            raise _bad(where, exc.message) from None
        for j, t in enumerate(b["tasks"]):
            if not _gone(t["task"]) and t["task"] not in task_keys:
                raise _bad(f"{where} tasks[{j}]", f"task {brief(t['task'])} is not in the file (one deleted since the "
                           "baseline has a negative id)")
        if len({t["task"] for t in b["tasks"]}) != len(b["tasks"]):
            raise _bad(where, "a task is in it twice")
    if sum(1 for b in reg.baselines if b["active"]) > 1:
        raise BadValue("baselines: more than one is active; variance compares against one")
    for i, x in enumerate(reg.snapshots):
        where = f"snapshots[{i}] {x['day']}"
        try:
            for f in ("day", "finish"):
                plan_date(x[f], f)
        except BadValue as exc:
            raise _bad(where, exc.message) from None
        if x["day"] is None:
            raise _bad(where, "it has no day")
        _one_of(x["source"], SNAPSHOT_SOURCES, where, "source")
        for f in ("risks_high", "risks_medium", "risks_low", "open_issues"):
            if x[f] < 0:
                raise _bad(where, f"{f} {x[f]} is negative")


# -- writing -------------------------------------------------------------------------------------

def write_records(act, project_id: int, reg: Records, task_ids: dict, res_ids: dict,
                   insert: Callable[[Any, Any, list[dict]], list[dict]]) -> None:
    """Insert the register's records (keys -> the ids ``task_ids`` and ``res_ids`` give) with
    ``insert`` (bulk._insert: journalled, ids handed back)."""
    reg = map_keys(reg, task_ids.get, res_ids.get)
    risks = insert(act, Risk.__table__, [
        {"project_id": project_id, **{f: r[f] for f in RISK_FIELDS}, "owner_id": r["owner"]} for r in reg.risks])
    risk_ids = {r["number"]: row["id"] for r, row in zip(reg.risks, risks)}
    insert(act, RiskScore.__table__, [
        {"risk_id": risk_ids[r["number"]], **s} for r in reg.risks for s in r["scores"]])
    insert(act, RiskTask.__table__, [
        {"risk_id": risk_ids[r["number"]], "task_id": t} for r in reg.risks for t in r["tasks"]])
    insert(act, Issue.__table__, [
        {"project_id": project_id, **{f: x[f] for f in ISSUE_FIELDS}, "owner_id": x["owner"],
         "task_id": x["task"], "risk_id": risk_ids.get(x["risk"])} for x in reg.issues])
    standups = insert(act, Standup.__table__, [
        {"project_id": project_id, **{f: s[f] for f in STANDUP_FIELDS},
         "summary": json.dumps(s["summary"], separators=(",", ":"), ensure_ascii=False) if s["summary"] else ""}
        for s in reg.standups])
    insert(act, StandupNote.__table__, [
        {"standup_id": row["id"], "resource_id": n["person"], **{f: n[f] for f in NOTE_FIELDS}}
        for s, row in zip(reg.standups, standups) for n in s["notes"]])
    insert(act, StandupEvent.__table__, [
        {"standup_id": row["id"], "at": e["at"], "resource_id": e["person"], "task_id": e["task"],
         "kind": e["kind"], "detail": e["detail"]}
        for s, row in zip(reg.standups, standups) for e in s["events"]])
    baselines = insert(act, Baseline.__table__, [
        {"project_id": project_id, **{f: b[f] for f in BASELINE_FIELDS}} for b in reg.baselines])
    insert(act, BaselineTask.__table__, [
        {"baseline_id": row["id"], "task_id": t["task"], **{f: t[f] for f in BASELINE_TASK_FIELDS}}
        for b, row in zip(reg.baselines, baselines) for t in b["tasks"]])
    insert(act, Snapshot.__table__, [
        {"project_id": project_id, **{f: x[f] for f in SNAPSHOT_FIELDS},
         "data": json.dumps(x["data"], sort_keys=True)} for x in reg.snapshots])


def drop_records(act, project_id: int, kinds: tuple[str, ...] = KINDS) -> int:
    """Delete the project's records of these kinds, journalled (children first, so that an
    undo, which replays the journal backwards, puts parents back first); returns how many
    records went."""
    conn = act.conn
    risk_t, issue_t, su_t = Risk.__table__, Issue.__table__, Standup.__table__
    base_t = Baseline.__table__
    risk_ids = [r for (r,) in conn.execute(select(risk_t.c.id).where(risk_t.c.project_id == project_id))]
    su_ids = [s for (s,) in conn.execute(select(su_t.c.id).where(su_t.c.project_id == project_id))]
    base_ids = [b for (b,) in conn.execute(select(base_t.c.id).where(base_t.c.project_id == project_id))]
    gone = 0
    for kind, table, column, ids in (("baselines", BaselineTask.__table__, "baseline_id", base_ids),
                                     ("baselines", base_t, "project_id", [project_id]),
                                     ("snapshots", Snapshot.__table__, "project_id", [project_id]),
                                     ("standups", StandupEvent.__table__, "standup_id", su_ids),
                                     ("standups", StandupNote.__table__, "standup_id", su_ids),
                                     ("issues", issue_t, "project_id", [project_id]),
                                     ("risks", RiskTask.__table__, "risk_id", risk_ids),
                                     ("risks", RiskScore.__table__, "risk_id", risk_ids),
                                     ("risks", risk_t, "project_id", [project_id]),
                                     ("standups", su_t, "project_id", [project_id])):
        if kind not in kinds:
            continue
        for i in range(0, len(ids), 900):
            rows = conn.execute(select(table).where(table.c[column].in_(ids[i:i + 900])).order_by(table.c.id)).all()
            act.recorder.drop(conn, table, rows)
            gone += len(rows)
    return gone
