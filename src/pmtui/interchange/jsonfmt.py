"""pmtui's own JSON: everything a project holds, versioned, for backups and scripts.

    {"format": "pmtui", "version": 1, "project": {...}, "calendar": {...},
     "resources": [...], "tasks": [...], "links": [...], "assignments": [...], "schedule": {...},
     "risks": [...], "issues": [...], "standups": [...], "baselines": [...], "snapshots": [...]}

Tasks carry ``id`` numbers local to the file (1..n in outline order) and ``parent``; links and
assignments refer to those ids, resources likewise, and so do the project's records (risks,
issues, stand-ups, baselines, snapshots: json_sections.py). ``schedule`` is the computed
schedule, written for readers and ignored on import (dates are derived data). A file without
the records' sections imports as before, and leaves a project's records alone when it replaces
the project's plan.

Readers of version 1 ignore top-level keys they do not know and say so; a file with a higher
``version`` is refused.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pmtui.interchange import json_sections
from pmtui.interchange.base import ImportFailed, Imported, StatusFrom, read_text
from pmtui.interchange.json_values import Bad
from pmtui.interchange.json_values import day as _date
from pmtui.interchange.json_values import key as _key
from pmtui.interchange.json_values import lone_surrogate
from pmtui.interchange.json_values import number as _number
from pmtui.interchange.json_values import whole as _whole
from pmtui.models.tables import WEEKDAY_NAMES
from pmtui.models.wording import brief
from pmtui.scheduling import ScheduleResult
from pmtui.services.bulk import AssignmentData, CalendarData, LinkData, Part, PlanData, ResourceData, TaskData
from pmtui.services.project_records import clean_standups, cleaned_text, past_limits, record_name

FORMAT, VERSION = "pmtui", 1
CORE_KEYS = {"format", "version", "project", "calendar", "resources", "tasks", "links", "assignments", "schedule",
             *json_sections.KEYS}
TASK_FIELDS = ("name", "duration", "optimistic", "most_likely", "pessimistic", "constraint_type",
               "constraint_date", "deadline", "percent_complete", "actual_start", "actual_finish",
               "remaining", "fixed_cost", "notes", "actual_cost")
DATE_FIELDS = {"constraint_date", "deadline", "actual_start", "actual_finish"}


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def _calendar_json(cal: CalendarData, project_week: int | None = None) -> dict:
    """A calendar; with ``project_week``, a resource's, which says whether its week is its own
    (kept when the project's changes) or the project's."""
    out = {"name": cal.name,
           "workdays": [n for i, n in enumerate(WEEKDAY_NAMES) if cal.workdays >> i & 1],
           "exceptions": [{"day": d.isoformat(), "working": w, "name": n}
                          for d, (w, n) in sorted(cal.exceptions.items())]}
    if project_week is not None:
        own = cal.own_week_of(project_week)
        out["workdays"] = [n for i, n in enumerate(WEEKDAY_NAMES) if (project_week if own is None else own) >> i & 1]
        out["own_week"] = own is not None
    return out


def write_json(data: PlanData, sched: ScheduleResult | None) -> tuple[str, list[str]]:
    tid = {t.key: i + 1 for i, t in enumerate(data.tasks)}
    rid = {r.key: i + 1 for i, r in enumerate(data.resources)}
    doc: dict[str, Any] = {
        "format": FORMAT, "version": VERSION,
        "project": {"name": data.name, "start": _d(data.start), "status_date": _d(data.status_date),
                    "currency": data.currency, "notes": data.notes},
        "calendar": _calendar_json(data.calendar),
        "resources": [{"id": rid[r.key], "name": r.name, "kind": r.kind, "cost_rate": r.cost_rate,
                       "max_units": r.max_units,
                       "calendar": _calendar_json(r.calendar, data.calendar.workdays) if r.calendar else None}
                      for r in data.resources],
        "tasks": [],
        "links": [{"pred": tid[l.pred], "succ": tid[l.succ], "type": l.type, "lag": l.lag} for l in data.links],
        "assignments": [{"task": tid[a.task], "resource": rid[a.resource], "units": a.units}
                        for a in data.assignments],
    }
    for t in data.tasks:
        row: dict[str, Any] = {"id": tid[t.key], "parent": tid[t.parent] if t.parent is not None else None,
                               "wbs": t.wbs}
        for f in TASK_FIELDS:
            v = getattr(t, f)
            row[f] = _d(v) if f in DATE_FIELDS else v
        doc["tasks"].append(row)
    if sched is not None:
        doc["schedule"] = {
            "start": _d(sched.start), "finish": _d(sched.finish),
            "tasks": {str(tid[t.key]): {
                "start": _d(ts.start), "finish": _d(ts.finish), "early_start": _d(ts.early_start),
                "early_finish": _d(ts.early_finish), "late_start": _d(ts.late_start),
                "late_finish": _d(ts.late_finish), "total_float": ts.total_float,
                "free_float": ts.free_float, "critical": ts.critical}
                for t in data.tasks for ts in (sched.dates[t.key],)},
        }
    if data.records is not None:
        doc.update(json_sections.records_json(data.records, tid, rid))
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n", []


def _calendar(obj, where: str) -> CalendarData:
    if not isinstance(obj, dict):
        raise Bad(f"{where}: a calendar must be an object")
    mask = 0
    for name in obj.get("workdays", ["mon", "tue", "wed", "thu", "fri"]):
        if str(name).lower()[:3] not in WEEKDAY_NAMES:
            raise Bad(f"{where}: {brief(name)} is not a weekday")
        mask |= 1 << WEEKDAY_NAMES.index(str(name).lower()[:3])
    exceptions = {}
    for i, ex in enumerate(obj.get("exceptions", [])):
        d = _date(ex.get("day"), f"{where} exception {i + 1}")
        if d is None:
            raise Bad(f"{where} exception {i + 1}: it has no day")
        exceptions[d] = (bool(ex.get("working", False)), str(ex.get("name") or ""))
    own = obj.get("own_week")  # a file from before it: their own when it differs from the project's
    if own is not None and not isinstance(own, bool):
        raise Bad(f"{where}: own_week must be true or false, not {brief(json.dumps(own))}")
    return CalendarData(name=str(obj.get("name") or "Standard"), workdays=mask, exceptions=exceptions,
                        own_week=own)


def read_json(path: Path) -> Imported:
    path = Path(path)
    try:
        text = read_text(path, "JSON")
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path.name} line {exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ImportFailed(f"{path.name}: nested too deeply to be a pmtui export") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportFailed(f"{path.name}: not a pmtui JSON export (no \"format\": \"pmtui\")")
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise ImportFailed(f"{path.name}: \"version\" {brief(version)} is not a version number")
    if version > VERSION:
        raise ImportFailed(f"{path.name}: written by a newer pmtui (format version {version}; this one reads {VERSION})")
    where = lone_surrogate(text, doc)
    if where is not None:
        raise ImportFailed(f"{path.name}: {where}: the text holds half of a UTF-16 pair (a \\uD800-\\uDFFF escape "
                           "alone), which is not a character")
    try:
        return _read(doc, path)
    except Bad as exc:
        raise ImportFailed(f"{path.name}: {exc}") from None
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as exc:
        raise ImportFailed(f"{path.name}: unexpected structure ({type(exc).__name__}: {exc})") from None


def _read(doc: dict, path: Path) -> Imported:
    p = doc.get("project") or {}
    start = _date(p.get("start"), "project start")
    if start is None:
        raise Bad("project has no start date")
    data = PlanData(name=str(p.get("name") or path.stem), start=start,
                    status_date=_date(p.get("status_date"), "project status_date"),
                    currency=str(p.get("currency") or "EUR"), notes=str(p.get("notes") or ""),
                    calendar=_calendar(doc.get("calendar") or {}, "calendar"))
    # a part a file leaves out (one written by hand, or by a script) is not the file's word:
    # an import into a project keeps the project's own; pmtui writes every one of them
    data.absent = frozenset(part for part, there in (
        (Part.CALENDAR, "calendar" in doc), (Part.STATUS_DATE, "status_date" in p),
        (Part.CURRENCY, "currency" in p), (Part.NOTES, "notes" in p), (Part.RESOURCES, "resources" in doc))
        if not there)
    # the import says which status date the plan came back with, as an MS Project import does
    imp = Imported(data=data, path=path, format="json",
                   status_from=StatusFrom.FILE if data.status_date else StatusFrom.NONE)
    for i, r in enumerate(doc.get("resources") or []):
        where = f"resources[{i}]"
        data.resources.append(ResourceData(
            key=_key(r["id"], f"{where}: id"), name=str(r["name"]), kind=str(r.get("kind", "person")),
            cost_rate=_number(r.get("cost_rate") or 0, f"{where}: cost_rate"),
            max_units=_number(r.get("max_units") or 1, f"{where}: max_units"),
            calendar=_calendar(r["calendar"], f"{where} calendar") if r.get("calendar") else None,
            source=record_name("resources", i, r.get("name"))))
    for i, t in enumerate(doc.get("tasks") or []):
        where = record_name("tasks", i, t.get("name"))
        fields = {}
        for f in TASK_FIELDS:
            if f in t:
                fields[f] = _date(t[f], f"{where} {f}") if f in DATE_FIELDS else t[f]
        for f in ("duration", "percent_complete", "remaining"):
            if f in fields and not (f == "remaining" and fields[f] is None):
                _whole(fields[f], f"{where}: {f}")
        for f in ("optimistic", "most_likely", "pessimistic", "fixed_cost", "actual_cost"):
            if fields.get(f) is not None:
                _number(fields[f], f"{where}: {f}")
        for f in ("name", "constraint_type", "notes"):
            if fields.get(f) is not None and not isinstance(fields[f], str):
                raise Bad(f"{where}: {f} {brief(fields[f])} must be text")
        fields["notes"] = fields.get("notes") or ""
        parent = t.get("parent")
        data.tasks.append(TaskData(key=_key(t["id"], f"{where}: id"),
                                   parent=None if parent is None else _key(parent, f"{where}: parent"),
                                   source=where, **fields))
    for i, l in enumerate(doc.get("links") or []):
        data.links.append(LinkData(_key(l["pred"], f"links[{i}]: pred"), _key(l["succ"], f"links[{i}]: succ"),
                                   str(l.get("type", "FS")),
                                   _whole(l.get("lag", 0), f"links[{i}]: lag"),
                                   source=f"links[{i}]"))
    for i, a in enumerate(doc.get("assignments") or []):
        data.assignments.append(AssignmentData(_key(a["task"], f"assignments[{i}]: task"),
                                               _key(a["resource"], f"assignments[{i}]: resource"),
                                               _number(a.get("units", 1), f"assignments[{i}]: units"),
                                               source=f"assignments[{i}]"))
    data.records = json_sections.read_records(doc)
    if data.records is not None:
        cleaned = clean_standups(data.records)
        if cleaned:
            imp.warnings.append(cleaned_text(cleaned))
        imp.warnings += past_limits(data.records)
    for key, value in doc.items():
        if key in CORE_KEYS:
            continue
        data.extras[key] = value
        n = len(value) if isinstance(value, (list, dict)) else 1
        if n:
            imp.ignored[f"{key} (not imported by this version)"] += n
    return imp
