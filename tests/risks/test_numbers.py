"""Risk and issue codes are numbered per project (R1, I1 in every project), not by row id:
in services and the CLI, through undo and redo, across a schema upgrade and with two writers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import select

from pmtui.models.errors import NotFound
from pmtui.models.risks import Issue, Risk
from pmtui.services import history
from pmtui.services import risks as svc
from pmtui.services.progress import raise_blocker
from pmtui.services.projects import create_project
from pmtui.services.tasks import add_task
from tests.foundation.helpers import cli

START = date(2027, 1, 4)


def _two_projects(store):
    """Project A with three risks and two issues, then project B: its rows come after A's."""
    a = create_project(store, "A", START)
    add_task(store, a.id, "Build", duration=5)
    for title in ("A one", "A two", "A three"):
        svc.add_risk(store, a.id, title, probability=3, impact=3)
    svc.add_issue(store, a.id, "A issue")
    svc.raise_issue(store, a.id, "R1")
    b = create_project(store, "B", START)
    add_task(store, b.id, "Build", duration=5)
    return a, b


def test_a_second_projects_first_risk_and_issue_are_r1_and_i1(store):
    a, b = _two_projects(store)
    risk = svc.add_risk(store, b.id, "B one", probability=2, impact=2)
    assert risk.id == 4 and (risk.number, svc.risk_code(risk.number)) == (1, "R1")
    issue = svc.add_issue(store, b.id, "B issue", risk="R1")
    assert issue.id == 3 and svc.issue_code(issue.number) == "I1"
    assert svc.raise_issue(store, b.id, "R1").number == 2
    assert raise_blocker(store, b.id, "1", "Test rig down").issue_number == 3
    # each project resolves a code to its own row
    with store.engine.connect() as conn:
        assert conn.execute(select(Risk.title).where(Risk.number == 1).order_by(Risk.id)).scalars().all() \
            == ["A one", "B one"]
    assert svc.close_risk(store, b.id, "R1").title == "B one"
    assert svc.resolve_issue(store, a.id, "I1").title == "A issue"


def test_a_code_of_another_projects_risk_is_refused(store):
    a, b = _two_projects(store)
    svc.add_risk(store, b.id, "B one", probability=2, impact=2)
    with pytest.raises(NotFound, match="no risk R3 in this project"):
        svc.close_risk(store, b.id, "R3")  # A's R3 (row 3) is not B's
    with pytest.raises(NotFound, match="no issue I2 in this project"):
        svc.resolve_issue(store, b.id, "I2")


def test_risk_show_in_each_project_shows_its_own_risk(db_path):
    for args in (("project", "new", "A", "--start", "2027-01-04"),
                 ("risk", "add", "A one", "-P", "3", "-I", "3"),
                 ("risk", "add", "A two", "-P", "3", "-I", "3"),
                 ("project", "new", "B", "--start", "2027-01-04"),
                 ("risk", "add", "B one", "-P", "2", "-I", "2"),
                 ("issue", "add", "B trouble", "--risk", "R1")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    shown = json.loads(cli(db_path, "risk", "show", "R1", "--json").stdout)
    assert (shown["code"], shown["title"], shown["id"]) == ("R1", "B one", 3)
    issues = json.loads(cli(db_path, "issue", "list", "--json").stdout)
    assert [(i["code"], i["risk"]) for i in issues] == [("I1", "R1")]
    refused = cli(db_path, "risk", "show", "R2")
    assert refused.exit_code == 1 and "no risk R2 in this project" in refused.stderr
    assert cli(db_path, "project", "use", "A").exit_code == 0
    shown = json.loads(cli(db_path, "risk", "show", "R2", "--json").stdout)
    assert (shown["code"], shown["title"]) == ("R2", "A two")


def test_undo_and_redo_of_a_risk_add_keep_its_code(store):
    a, b = _two_projects(store)
    svc.add_risk(store, b.id, "B one", probability=2, impact=2)
    svc.add_risk(store, b.id, "B two", probability=2, impact=2)
    history.undo(store, b.id)
    with pytest.raises(NotFound, match="no risk R2"):
        svc.close_risk(store, b.id, "R2")
    history.redo(store, b.id)
    assert svc.close_risk(store, b.id, "R2").title == "B two"
    history.undo(store, b.id)  # the close
    history.undo(store, b.id)  # the add
    # A new add after an undo takes the free number again: the undone add cannot come back.
    assert svc.add_risk(store, b.id, "B three", probability=2, impact=2).number == 2


WRITER = """
import sys, time
from pmtui.store import open_store
from pmtui.services.risks import add_risk
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # both start adding together
for n in range(int(sys.argv[3])):
    add_risk(store, int(sys.argv[2]), f"{sys.argv[4]} {n}", probability=3, impact=3)
    time.sleep(0.002)  # let the other writer in between, so that their adds interleave
"""


def test_two_writers_at_once_get_distinct_numbers(store, db_path):
    a, b = _two_projects(store)
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(b.id), "30", name],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("left", "right")]
    for p in runs:
        assert p.stdout.readline() == "ready\n"
    for p in runs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in runs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert err == ""
    with store.engine.connect() as conn:
        numbers = conn.execute(select(Risk.number).where(Risk.project_id == b.id)).scalars().all()
    assert sorted(numbers) == list(range(1, 61))


def test_upgrade_numbers_existing_risks_and_issues_per_project(tmp_path):
    """A database of schema 0004 with two projects: each project's rows are numbered from 1 in
    id order, so the first project keeps the codes it showed (its ids started at 1)."""
    import sqlite3

    from alembic import command

    from pmtui.store import migrate, open_store
    from pmtui.store.files import create_private_file

    path = tmp_path / "old.db"
    create_private_file(path)
    old = open_store(str(path), migrate=False)
    cfg = migrate._alembic_config()
    with old.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.exec_driver_sql("INSERT INTO calendar (id, name, workdays) VALUES (1, 'c', 31)")
        for pid in (1, 2):
            conn.exec_driver_sql("INSERT INTO project (id, name, start, calendar_id, currency, notes, created_at) "
                                 f"VALUES ({pid}, 'P{pid}', '2027-01-04', 1, 'EUR', '', '2026-01-01 00:00:00')")
        for rid, pid in ((1, 1), (2, 1), (3, 2), (4, 1), (5, 2)):
            conn.exec_driver_sql(
                "INSERT INTO risk (id, project_id, title, description, kind, category, cause, effect, probability, "
                "impact, status, strategy, response, \"trigger\", schedule_impact, cost_impact, created_at) "
                f"VALUES ({rid}, {pid}, 'r{rid}', '', 'threat', '', '', '', 3, 3, 'open', '', '', '', 0, 0, "
                "'2026-01-01 00:00:00')")
            conn.exec_driver_sql("INSERT INTO risk_score (risk_id, day, probability, impact, comment) "
                                 f"VALUES ({rid}, '2027-01-04', 3, 3, '')")
        for iid, pid, rid in ((1, 2, 3), (2, 1, 1), (3, 2, None)):
            conn.exec_driver_sql(
                "INSERT INTO issue (id, project_id, title, description, kind, status, severity, risk_id, raised_on, "
                f"resolution) VALUES ({iid}, {pid}, 'i{iid}', '', 'issue', 'open', 3, {rid or 'NULL'}, "
                "'2027-01-05', '')")
        # the journal keeps whole rows: an add that is done, and one undone (its row is gone)
        for jid, pid, rid, state in ((1, 1, 1, "done"), (2, 2, 6, "undone")):
            row = {"id": rid, "project_id": pid, "title": f"r{rid}", "description": "", "kind": "threat",
                   "category": "", "cause": "", "effect": "", "probability": 3, "impact": 3, "owner_id": None,
                   "status": "open", "strategy": "", "response": "", "trigger": "", "review_date": None,
                   "schedule_impact": 0, "cost_impact": 0.0, "created_at": "2026-01-01T00:00:00+00:00",
                   "closed_on": None}
            changes = json.dumps([{"op": "insert", "table": "risk", "id": rid, "row": row}], separators=(",", ":"))
            conn.exec_driver_sql("INSERT INTO journal (id, project_id, at, action, summary, changes, state) "
                                 "VALUES (?, ?, '2026-01-01 00:00:00', 'Add risk', 'added', ?, ?)",
                                 (jid, pid, changes, state))
    old.close()
    new = open_store(str(path))
    with new.engine.connect() as conn:
        assert conn.execute(select(Risk.id, Risk.number).order_by(Risk.id)).all() == \
            [(1, 1), (2, 2), (3, 1), (4, 3), (5, 2)]
        assert conn.execute(select(Issue.id, Issue.number).order_by(Issue.id)).all() == [(1, 1), (2, 1), (3, 2)]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    backups = list(tmp_path.glob("old.db.before-*.bak"))
    assert len(backups) == 1
    saved = sqlite3.connect(backups[0])
    assert "number" not in [c[1] for c in saved.execute("PRAGMA table_info(risk)")]
    saved.close()
    with new.engine.connect() as conn:
        kept = [json.loads(c)[0]["row"]["number"] for c in conn.exec_driver_sql(
            "SELECT changes FROM journal ORDER BY id").scalars()]
    assert kept == [1, 3]  # the undone add takes project 2's next number
    history.redo(new, 2)
    assert svc.close_risk(new, 2, "R3").title == "r6"
    assert svc.close_risk(new, 2, "R2").title == "r5"
    assert svc.add_risk(new, 1, "next", probability=1, impact=1).number == 4
    assert svc.add_issue(new, 2, "next").number == 3
    new.close()


def test_downgrade_and_upgrade_again_give_the_same_numbers(store):
    from alembic import command

    from pmtui.store import migrate

    a, b = _two_projects(store)
    svc.add_risk(store, b.id, "B one", probability=2, impact=2)
    with store.engine.connect() as conn:
        before = conn.execute(select(Risk.id, Risk.number).order_by(Risk.id)).all()
    cfg = migrate._alembic_config()
    with store.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        assert "number" not in [c[1] for c in conn.exec_driver_sql("PRAGMA table_info(risk)")]
        assert all('"number"' not in c for c in conn.exec_driver_sql("SELECT changes FROM journal").scalars())
        command.upgrade(cfg, "head")
    with store.engine.connect() as conn:
        assert conn.execute(select(Risk.id, Risk.number).order_by(Risk.id)).all() == before == \
            [(1, 1), (2, 2), (3, 3), (4, 1)]
