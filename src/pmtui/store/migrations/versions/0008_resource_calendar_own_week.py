"""A resource calendar says whether its week is one of its own (own_week) or the project's; before,
a week equal to the project's was taken to be the project's, so a Mon-Thu part-timer on a Mon-Thu
project became Mon-Fri with it. Existing calendars keep what they meant: a week that differs from
their project's is their own, one equal to it follows the project

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # in place, with a default: SQLite adds it without copying the table, which the rows of
    # project, resource and calendar_exception that point at it would not survive (see 0005)
    op.add_column('calendar', sa.Column('own_week', sa.Boolean(), nullable=False, server_default='0'))
    op.execute("UPDATE calendar SET own_week = TRUE WHERE id IN ("
               "SELECT resource.calendar_id FROM resource JOIN project ON project.id = resource.project_id "
               "JOIN calendar AS base ON base.id = project.calendar_id "
               "JOIN calendar AS own ON own.id = resource.calendar_id WHERE own.workdays != base.workdays)")
    _flag_journaled_calendars()


def _flag_journaled_calendars() -> None:
    """The journal keeps whole calendar rows (a resource calendar made, or taken away with its
    resource) and changed weeks: they get own_week by the rule the app applied when they were
    written, so an undo or redo of an entry from before the upgrade gives the week it meant.
    The project's week they are held against is the one the same entry gave the project's
    calendar, if it changed it (a project week the resources' followed), else the one the
    project had then."""
    conn = op.get_bind()
    project_cal = dict(conn.execute(sa.text("SELECT id, calendar_id FROM project")).all())
    weeks = dict(conn.execute(sa.text("SELECT id, workdays FROM calendar")).all())
    entries = conn.execute(sa.text("SELECT id, project_id, changes FROM journal WHERE changes LIKE :c ORDER BY id"),
                           {"c": '%"table":"calendar"%'}).all()
    parsed = []
    for entry_id, project_id, text in entries:
        changes = json.loads(text)
        if not isinstance(changes, list):
            continue  # not a list of row changes (the journal's cursor row is another shape)
        parsed.append((entry_id, project_id, changes))
        for c in changes:  # a deleted project's calendar, as its journaled rows hold it
            for row in _rows(c, "project"):
                project_cal.setdefault(row.get("id"), row.get("calendar_id"))
    project_cals = set(project_cal.values())
    for c in (c for _e, _p, changes in parsed for c in changes):
        for row in _rows(c, "calendar"):
            weeks.setdefault(row.get("id"), row.get("workdays"))
    # each project's changes of its own week, in the journal's order: the week an entry was made
    # in is the one the next of them changed from (the journal's entries after one that is done
    # were all made after it, and an undone one's redo stack in the order it was made)
    changed: dict = {}
    for entry_id, project_id, changes in parsed:
        base = project_cal.get(project_id)
        for c in changes:
            if isinstance(c, dict) and c.get("table") == "calendar" and c.get("op") in ("update", "update_rows"):
                for cid, before, after in _updates(c):
                    if cid == base and "workdays" in before:
                        changed.setdefault(project_id, []).append(
                            (entry_id, {"before": before["workdays"], "after": after["workdays"]}))
    for entry_id, project_id, changes in parsed:
        base = project_cal.get(project_id)
        later = [m for e, m in changed.get(project_id, []) if e >= entry_id]
        moved = later[0] if later and any(e == entry_id for e, _m in changed[project_id]) else {}
        now = later[0]["before"] if later else weeks.get(base)
        touched = False
        for c in changes:
            if not isinstance(c, dict) or c.get("table") != "calendar":
                continue
            if c.get("op") in ("update", "update_rows"):
                touched |= _flag_updates(c, project_cals, moved, now)
            elif c.get("op") in ("insert", "delete"):
                row = c["row"]
                if "own_week" not in row and "workdays" in row:
                    row["own_week"] = row["id"] not in project_cals and _differs(row["workdays"], now)
                    touched = True
            elif c.get("op") in ("insert_rows", "delete_rows") and "own_week" not in c["columns"]:
                flags = [row["id"] not in project_cals and _differs(row["workdays"], now)
                         for row in _rows(c, "calendar")]
                c["columns"].append("own_week")
                for r, flag in zip(c["rows"], flags):
                    r.append(flag)
                touched = True
        if touched:
            conn.execute(sa.text("UPDATE journal SET changes = :c WHERE id = :i"),
                         {"c": json.dumps(changes, separators=(",", ":")), "i": entry_id})


def _differs(week, project_week) -> bool:
    """A week of their own by the old rule; with the project's week not known (an entry of a
    project whose rows the journal no longer holds) it follows, as most resource calendars,
    made for leave, do."""
    return project_week is not None and week != project_week


def _rows(c: dict, table: str) -> list[dict]:
    """The whole rows of ``table`` a change holds, as dicts (copies for the bulk forms)."""
    if not isinstance(c, dict) or c.get("table") != table:
        return []
    if c.get("op") in ("insert", "delete") and isinstance(c.get("row"), dict):
        return [c["row"]]
    if c.get("op") in ("insert_rows", "delete_rows"):
        return [dict(zip(c["columns"], r)) for r in c["rows"]]
    return []


def _updates(c: dict):
    if c["op"] == "update":
        yield c["id"], c["before"], c["after"]
    else:
        for cid, b, a in zip(c["ids"], c["before"], c["after"]):
            yield cid, dict(zip(c["columns"], b)), dict(zip(c["columns"], a))


def _flag_updates(c: dict, project_cals: set, moved: dict, now) -> bool:
    if c["op"] == "update":
        if "workdays" not in c["before"] or "own_week" in c["before"] or c["id"] in project_cals:
            return False
        for side in ("before", "after"):
            c[side]["own_week"] = _differs(c[side]["workdays"], moved.get(side, now))
        return True
    cols = c["columns"]
    if "workdays" not in cols or "own_week" in cols:
        return False
    at = cols.index("workdays")
    cols.append("own_week")
    for cid, b, a in zip(c["ids"], c["before"], c["after"]):
        mine = cid not in project_cals
        b.append(mine and _differs(b[at], moved.get("before", now)))
        a.append(mine and _differs(a[at], moved.get("after", now)))
    return True


def downgrade() -> None:
    # a week of their own equal to the project's cannot be told from following it there: it
    # follows; a follower's stored week is set to the project's, as the old code kept it
    op.execute("UPDATE calendar SET workdays = (SELECT base.workdays FROM resource JOIN project "
               "ON project.id = resource.project_id JOIN calendar AS base ON base.id = project.calendar_id "
               "WHERE resource.calendar_id = calendar.id) WHERE own_week = FALSE AND id IN "
               "(SELECT calendar_id FROM resource WHERE calendar_id IS NOT NULL)")
    op.execute("ALTER TABLE calendar DROP COLUMN own_week")
    conn = op.get_bind()
    for entry_id, text in conn.execute(sa.text("SELECT id, changes FROM journal WHERE changes LIKE :c"),
                                       {"c": '%"own_week"%'}).all():
        changes = json.loads(text)
        if not isinstance(changes, list):
            continue
        for c in changes:
            if not isinstance(c, dict) or c.get("table") != "calendar":
                continue
            if c.get("op") in ("insert", "delete"):
                c["row"].pop("own_week", None)
            elif c.get("op") == "update":
                c["before"].pop("own_week", None)
                c["after"].pop("own_week", None)
            elif "own_week" in c.get("columns", []):
                at = c["columns"].index("own_week")
                c["columns"].pop(at)
                for key in ("rows", "before", "after"):
                    for r in c.get(key, []):
                        r.pop(at)
        conn.execute(sa.text("UPDATE journal SET changes = :c WHERE id = :i"),
                     {"c": json.dumps(changes, separators=(",", ":")), "i": entry_id})
