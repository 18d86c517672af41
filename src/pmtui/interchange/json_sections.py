"""A project's records in pmtui's JSON: the sections ``risks``, ``issues``, ``standups``,
``baselines`` and ``snapshots``.

    "risks":     [{"code": "R1", "number": 1, "title": …, "probability": 4, "impact": 3,
                   "owner": <resource id>, "tasks": [<task id>, …],
                   "scores": [{"day": "2026-11-23", "probability": 4, "impact": 3, "comment": …}], …}]
    "issues":    [{"code": "I1", "number": 1, "title": …, "task": <task id>, "risk": <risk number>, …}]
    "standups":  [{"day": "2026-11-25", "state": "closed", "started_at": "2026-11-25T08:59:00+00:00",
                   "summary": {…}, "notes": [{"person": <resource id>, "yesterday": …}],
                   "events": [{"at": …, "person": …, "task": …, "kind": "progress", "detail": …}]}]
    "baselines": [{"name": "Approved plan", "number": 0, "active": true, "saved_at": …, "start": …,
                   "finish": …, "cost": …, "work": …,
                   "tasks": [{"task": <task id, or negative: deleted since>, "wbs": …, "start": …, …}]}]
    "snapshots": [{"day": "2026-11-25", "source": "standup", "finish": …, "spi": 0.97, …, "data": {…}}]

Tasks and resources are the file's own ids, as in ``links`` and ``assignments``; an issue names
its risk by number. ``code`` is written for readers and ignored on import (``number`` counts).
Type errors are refused here, naming the section, the record and the field; the rules on values
(scales, kinds, statuses, references) are services.project_records', the ones every import obeys.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pmtui.interchange import json_values as jv
from pmtui.models.wording import brief, cut
from pmtui.services.project_records import (
    BASELINE_TASK_FIELDS,
    NOTE_FIELDS,
    SNAPSHOT_FIELDS,
    Records,
    map_keys,
    record_name,
)

KEYS = ("risks", "issues", "standups", "baselines", "snapshots")

_RISK_TEXT = ("title", "description", "kind", "category", "cause", "effect", "status", "strategy", "response",
              "trigger")
_RISK_DAYS = ("review_date", "closed_on")
_ISSUE_TEXT = ("title", "description", "kind", "status", "resolution")
_STANDUP_DAYS = ("day", "status_date_before", "finish_before", "finish_after")


def _plain(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def records_json(reg: Records, task_ids: dict, resource_ids: dict) -> dict[str, list]:
    """The five sections, with the file's ids for the tasks and resources the records name."""
    reg = map_keys(reg, task_ids.get, resource_ids.get)
    risks = [{"code": f"R{r['number']}", **{k: _plain(v) for k, v in r.items() if k != "scores"},
              "scores": [{k: _plain(v) for k, v in s.items()} for s in r["scores"]]} for r in reg.risks]
    issues = [{"code": f"I{x['number']}", **{k: _plain(v) for k, v in x.items()}} for x in reg.issues]
    standups = [{**{k: _plain(v) for k, v in s.items() if k not in ("notes", "events")},
                 "notes": s["notes"], "events": [{k: _plain(v) for k, v in e.items()} for e in s["events"]]}
                for s in reg.standups]
    baselines = [{**{k: _plain(v) for k, v in b.items() if k != "tasks"},
                  "tasks": [{k: _plain(v) for k, v in t.items()} for t in b["tasks"]]} for b in reg.baselines]
    snapshots = [{k: _plain(v) for k, v in x.items()} for x in reg.snapshots]
    return {"risks": risks, "issues": issues, "standups": standups, "baselines": baselines, "snapshots": snapshots}


def read_records(doc: dict) -> Records | None:
    """The records of a file that has any of the five sections, else None."""
    if not any(k in doc for k in KEYS):
        return None
    reg = Records()
    for i, r in enumerate(jv.items(doc.get("risks"), "risks")):
        where = f"risks[{i}]"
        jv.obj(r, where)
        where = record_name("risks", i, r.get("title"))
        row: dict[str, Any] = {f: jv.text(r.get(f), f"{where}: {f}") for f in _RISK_TEXT}
        row["kind"] = row["kind"] or "threat"
        row["status"] = row["status"] or "open"
        row["number"] = jv.whole(r.get("number"), f"{where}: number")
        for f in ("probability", "impact"):
            row[f] = jv.whole(r.get(f), f"{where}: {f}")
        row["schedule_impact"] = jv.whole(r.get("schedule_impact", 0), f"{where}: schedule_impact")
        row["cost_impact"] = jv.number(r.get("cost_impact", 0), f"{where}: cost_impact")
        for f in _RISK_DAYS:
            row[f] = jv.day(r.get(f), f"{where}: {f}")
        # a hand-made file without one: the moment it is imported, as a new risk gets
        row["created_at"] = jv.moment(r.get("created_at"), f"{where}: created_at") or datetime.now().astimezone()
        row["owner"] = _ref(r.get("owner"), f"{where}: owner")
        row["tasks"] = [jv.key(t, f"{where}: tasks[{j}]") for j, t in enumerate(jv.items(r.get("tasks"), f"{where}: tasks"))]
        row["scores"] = []
        for j, s in enumerate(jv.items(r.get("scores"), f"{where}: scores")):
            at = f"{where} scores[{j}]"
            jv.obj(s, at)
            d = jv.day(s.get("day"), f"{at}: day")
            if d is None:
                raise jv.Bad(f"{at}: it has no day")
            row["scores"].append({"day": d, "probability": jv.whole(s.get("probability"), f"{at}: probability"),
                                  "impact": jv.whole(s.get("impact"), f"{at}: impact"),
                                  "comment": jv.text(s.get("comment"), f"{at}: comment")})
        reg.risks.append(row)
    for i, x in enumerate(jv.items(doc.get("issues"), "issues")):
        jv.obj(x, f"issues[{i}]")
        where = record_name("issues", i, x.get("title"))
        row = {f: jv.text(x.get(f), f"{where}: {f}") for f in _ISSUE_TEXT}
        row["kind"] = row["kind"] or "issue"
        row["status"] = row["status"] or "open"
        row["number"] = jv.whole(x.get("number"), f"{where}: number")
        row["severity"] = jv.whole(x.get("severity", 3), f"{where}: severity")
        row["raised_on"] = jv.day(x.get("raised_on"), f"{where}: raised_on")
        row["resolved_on"] = jv.day(x.get("resolved_on"), f"{where}: resolved_on")
        row["owner"] = _ref(x.get("owner"), f"{where}: owner")
        row["task"] = _ref(x.get("task"), f"{where}: task")
        risk = x.get("risk")
        row["risk"] = None if risk is None else jv.whole(risk, f"{where}: risk (a risk number)")
        reg.issues.append(row)
    for i, s in enumerate(jv.items(doc.get("standups"), "standups")):
        jv.obj(s, f"standups[{i}]")
        where = f"standups[{i}] {cut(str(s.get('day')))}"
        row = {f: jv.day(s.get(f), f"{where}: {f}") for f in _STANDUP_DAYS}
        if row["day"] is None:
            raise jv.Bad(f"{where}: it has no day")
        row["state"] = jv.text(s.get("state"), f"{where}: state") or "closed"
        row["started_at"] = jv.moment(s.get("started_at"), f"{where}: started_at") or datetime.now().astimezone()
        row["ended_at"] = jv.moment(s.get("ended_at"), f"{where}: ended_at")
        row["position"] = jv.whole(s.get("position", 0), f"{where}: position")
        summary = s.get("summary") or {}
        row["summary"] = jv.obj(summary, f"{where}: summary")
        row["notes"] = []
        for j, n in enumerate(jv.items(s.get("notes"), f"{where}: notes")):
            at = f"{where} notes[{j}]"
            jv.obj(n, at)
            row["notes"].append({"person": _ref(n.get("person"), f"{at}: person"),
                                 **{f: jv.text(n.get(f), f"{at}: {f}") for f in NOTE_FIELDS}})
        row["events"] = []
        for j, e in enumerate(jv.items(s.get("events"), f"{where}: events")):
            at = f"{where} events[{j}]"
            jv.obj(e, at)
            row["events"].append({"person": _ref(e.get("person"), f"{at}: person"),
                                  "task": _ref(e.get("task"), f"{at}: task"),
                                  "at": jv.moment(e.get("at"), f"{at}: at") or row["started_at"],
                                  "kind": jv.text(e.get("kind"), f"{at}: kind"),
                                  "detail": jv.text(e.get("detail"), f"{at}: detail")})
        reg.standups.append(row)
    for i, b in enumerate(jv.items(doc.get("baselines"), "baselines")):
        jv.obj(b, f"baselines[{i}]")
        where = record_name("baselines", i, b.get("name"))
        row = {"name": jv.text(b.get("name"), f"{where}: name"),
               "number": jv.whole(b.get("number"), f"{where}: number"),
               "saved_at": jv.moment(b.get("saved_at"), f"{where}: saved_at") or datetime.now().astimezone(),
               "active": _flag(b.get("active", False), f"{where}: active"),
               "start": jv.day(b.get("start"), f"{where}: start"), "finish": jv.day(b.get("finish"), f"{where}: finish"),
               "cost": jv.number(b.get("cost", 0), f"{where}: cost"), "work": jv.number(b.get("work", 0), f"{where}: work")}
        row["tasks"] = []
        for j, t in enumerate(jv.items(b.get("tasks"), f"{where}: tasks")):
            at = f"{where} tasks[{j}]"
            jv.obj(t, at)
            item: dict[str, Any] = {"task": jv.key(t.get("task"), f"{at}: task")}
            for f in BASELINE_TASK_FIELDS:
                v = t.get(f)
                if f in ("wbs", "name"):
                    item[f] = jv.text(v, f"{at}: {f}")
                elif f in ("summary", "milestone"):
                    item[f] = _flag(v or False, f"{at}: {f}")
                elif f in ("start", "finish"):
                    item[f] = jv.day(v, f"{at}: {f}")
                elif f == "duration":
                    item[f] = jv.whole(v or 0, f"{at}: {f}")
                else:
                    item[f] = jv.number(v or 0, f"{at}: {f}")
            row["tasks"].append(item)
        reg.baselines.append(row)
    for i, x in enumerate(jv.items(doc.get("snapshots"), "snapshots")):
        jv.obj(x, f"snapshots[{i}]")
        where = f"snapshots[{i}] {cut(str(x.get('day')))}"
        row = {}
        for f in SNAPSHOT_FIELDS:
            v = x.get(f)
            if f == "taken_at":
                row[f] = jv.moment(v, f"{where}: {f}") or datetime.now().astimezone()
            elif f in ("day", "finish"):
                row[f] = jv.day(v, f"{where}: {f}")
            elif f == "source":
                row[f] = jv.text(v, f"{where}: {f}") or "manual"
            elif f in ("spi", "cpi"):
                row[f] = None if v is None else jv.number(v, f"{where}: {f}")
            elif f in ("risks_high", "risks_medium", "risks_low", "open_issues"):
                row[f] = jv.whole(v or 0, f"{where}: {f}")
            else:
                row[f] = jv.number(v or 0, f"{where}: {f}")
        row["data"] = jv.obj(x.get("data") or {}, f"{where}: data")
        reg.snapshots.append(row)
    return reg


def _flag(v, where: str) -> bool:
    if not isinstance(v, bool):
        raise jv.Bad(f"{where} {brief(v)} must be true or false")
    return v


def _ref(v, where: str):
    return None if v is None else jv.key(v, where)
