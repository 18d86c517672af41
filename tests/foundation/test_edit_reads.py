"""How often an edit reads and schedules the plan, and that the plan it hands over is the one a
reload gives. On a 10,000-task plan each read costs about 100 ms and each schedule about 50 ms:
moving a task read it twice, `pmtui task edit` four times."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from pmtui.services import history, resources, tasks
from pmtui.services import plan as plan_mod
from pmtui.services.actions import take_checked_plan
from pmtui.services.plan import offering
from tests.foundation.helpers import cli


@pytest.fixture
def counted(monkeypatch):
    seen = {"reads": 0, "schedules": 0}
    real_read, real_schedule = plan_mod._read_plan, plan_mod.schedule

    def read(*a, **k):
        seen["reads"] += 1
        return real_read(*a, **k)

    def schedule(*a, **k):
        seen["schedules"] += 1
        return real_schedule(*a, **k)

    monkeypatch.setattr(plan_mod, "_read_plan", read)
    monkeypatch.setattr(plan_mod, "schedule", schedule)
    return seen


def _plan(store, project) -> None:
    """Two phases of three tasks and a phase with one task, its summary storing no duration of
    its own (as imported ones do: outdenting that task keeps the span), links across phases,
    someone on two tasks."""
    add = tasks.add_task
    pid = project.id
    add(store, pid, "Design", duration=0)
    add(store, pid, "Spec", under="1", duration=3)
    add(store, pid, "Review", under="1", duration=2, after="1.1")
    add(store, pid, "Sign-off", under="1", duration=0, after="1.2")
    add(store, pid, "Build", duration=0)
    add(store, pid, "API", under="2", duration=5, after="1.3")
    add(store, pid, "UI", under="2", duration=4, after="1.1SS+1d")
    add(store, pid, "Docs", under="2", duration=2, constraint_type="SNET", constraint_date=date(2027, 1, 20))
    add(store, pid, "Launch", duration=0)
    add(store, pid, "Go-live", under="3", duration=1, after="2")
    tasks.edit_task(store, pid, "3", duration=0)  # a summary storing 0 days
    add(store, pid, "Retro", duration=1, after="2")
    resources.add_resource(store, pid, "Ana Lopez")
    resources.assign(store, pid, "1.2", "Ana Lopez")
    resources.assign(store, pid, "2.1", "Ana Lopez")


def _shown(store, project):
    """The plan as the app holds it: read with its version, scheduled."""
    plan = tasks.plan_to_edit(store, project.id)
    plan.schedule  # noqa: B018
    return plan


def _same_as_a_reload(store, project) -> None:
    handed = take_checked_plan(project.id)
    fresh = tasks.get_plan(store, project.id)
    assert handed is not None
    assert [asdict(t) for t in handed.tasks] == [asdict(t) for t in fresh.tasks]
    assert handed.roots == fresh.roots and handed.by_wbs.keys() == fresh.by_wbs.keys()
    assert handed.links == fresh.links and handed.assignments == fresh.assignments
    assert handed.schedule.finish == fresh.schedule.finish
    assert all(handed.schedule.tasks[t.id] == fresh.schedule.tasks[t.id] for t in fresh.tasks)
    assert handed.percent == fresh.percent and handed.durations_now == fresh.durations_now


EDITS = {
    "move up": lambda s, p: tasks.move_task(s, p, "1.2", "up"),
    "move down into the next phase": lambda s, p: tasks.move_task(s, p, "1.3", "down"),
    "move a phase": lambda s, p: tasks.move_task(s, p, "2", "up"),
    "indent, making a summary": lambda s, p: tasks.indent_task(s, p, "2.3"),
    "indent a top-level task": lambda s, p: tasks.indent_task(s, p, "4"),
    "outdent with tasks below it": lambda s, p: tasks.outdent_task(s, p, "2.2"),
    "outdent the last task of a summary": lambda s, p: tasks.outdent_task(s, p, "3.1"),
    "rename": lambda s, p: tasks.edit_task(s, p, "2.1", name="Public API"),
    "duration": lambda s, p: tasks.edit_task(s, p, "2.1", duration=8),
    "constraint": lambda s, p: tasks.edit_task(s, p, "2.2", constraint_type="MSO", constraint_date=date(2027, 2, 1)),
    "link": lambda s, p: tasks.link_tasks(s, p, "1.3", "2.3", type="SS", lag=2),
    "change a link": lambda s, p: tasks.link_tasks(s, p, "1.1", "1.2", type="SS", lag=-1),
    "unlink": lambda s, p: tasks.unlink_tasks(s, p, "1.2", "1.3"),
    "delete a linked task": lambda s, p: tasks.delete_task(s, p, "1.2"),
    "delete a phase": lambda s, p: tasks.delete_task(s, p, "1", recursive=True),
    "delete the last task of a summary": lambda s, p: tasks.delete_task(s, p, "3.1"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_in_the_app_reads_nothing_and_schedules_once(store, project, counted, edit):
    # the app offers the plan it shows; a move or an indent read the project twice more
    _plan(store, project)
    shown = _shown(store, project)
    before = [asdict(t) for t in shown.tasks]
    counted.update(reads=0, schedules=0)
    with offering(shown):
        EDITS[edit](store, project.id)
    assert counted == {"reads": 0, "schedules": 1}
    assert [asdict(t) for t in shown.tasks] == before  # the plan on screen is left as it was
    _same_as_a_reload(store, project)


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_from_a_script_reads_the_plan_once(store, project, counted, edit):
    _plan(store, project)
    counted.update(reads=0, schedules=0)
    EDITS[edit](store, project.id)
    # the outdent that empties a summary needs its span before the change, which is a schedule
    assert counted == {"reads": 1, "schedules": 2 if "the last task of a summary" in edit else 1}
    _same_as_a_reload(store, project)


def test_an_offered_plan_older_than_the_database_is_not_used(store, project, counted):
    _plan(store, project)
    shown = _shown(store, project)
    tasks.edit_task(store, project.id, "1.1", duration=6)  # elsewhere, after the plan was read
    assert shown.version != history.version(store, project.id)
    counted.update(reads=0, schedules=0)
    with offering(shown):
        tasks.move_task(store, project.id, "1.2", "up")
    assert counted["reads"] == 1
    assert [(t.wbs, t.name, t.duration) for t in tasks.get_plan(store, project.id).tasks[1:3]] == \
           [("1.1", "Review", 2), ("1.2", "Spec", 6)]  # the move built on the change made elsewhere
    _same_as_a_reload(store, project)


@pytest.mark.parametrize("argv", [["task", "add", "QA", "--under", "2", "-d", "3d", "--after", "2.1"],
                                  ["task", "edit", "2.1", "-d", "9d"], ["link", "1.2", "2.3"],
                                  ["task", "move", "2.2", "up"], ["task", "indent", "2.3"]])
def test_a_command_reads_the_plan_once_and_a_new_task_once_more(store, project, db_path, counted, argv):
    # `task add`, `task edit` and `link` read it before (for the conflicts it had), in the edit
    # twice, and after: four reads and three schedules. A new task is read back.
    _plan(store, project)
    counted.update(reads=0, schedules=0)
    ran = cli(db_path, *argv)
    assert ran.exit_code == 0, ran.stderr
    assert counted["reads"] == (2 if argv[1] == "add" else 1)
    # the conflicts before and after the change need a schedule each
    assert counted["schedules"] == (1 if argv[0] == "task" and argv[1] in ("move", "indent") else 2)


def test_a_command_still_names_the_conflict_it_made(store, project, db_path):
    _plan(store, project)
    ran = cli(db_path, "task", "edit", "2.2", "--constraint", "MFO", "--constraint-date", "2027-01-05")
    assert ran.exit_code == 0 and "conflict:" in ran.stdout
    ran = cli(db_path, "task", "edit", "2.2", "--name", "UI screens")
    assert ran.exit_code == 0 and "conflict:" not in ran.stdout  # one it already had is not news
