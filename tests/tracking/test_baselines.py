"""Baselines: save, compare across edits, choose, remove, the limit of 11, and refusals that
leave the database byte-for-byte unchanged."""

from __future__ import annotations

import json

import pytest

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.tracking import MAX_BASELINES
from pmtui.services import baselines, resources
from pmtui.services.history import undo
from pmtui.services.tasks import add_task, delete_task, edit_task
from tests.conftest import file_digest
from tests.foundation.helpers import cli, dump


@pytest.fixture
def planned(store, project):
    pid = project.id
    resources.add_resource(store, pid, "Alice Chen", cost_rate=600)
    add_task(store, pid, "Design", duration=5)
    add_task(store, pid, "Build", duration=10, after="1")
    add_task(store, pid, "Docs", duration=3, after="1", fixed_cost=500)
    add_task(store, pid, "Launch", duration=0, after="2,3")
    resources.assign(store, pid, "2", "Alice Chen")
    return pid


def test_save_then_compare_across_edits(store, planned):
    b = baselines.save_baseline(store, planned, "Approved")
    assert (b.number, b.active, b.cost) == (0, True, 6_000 + 500)
    assert b.finish.isoformat() == "2027-01-22"  # Design 4–8 Jan, Build 11–22 Jan
    edit_task(store, planned, "2", duration=13)  # Build takes 3 days more
    add_task(store, planned, "Training", duration=2, after="2")
    delete_task(store, planned, "3")  # Docs dropped
    v = baselines.variance(store, planned)
    by_name = {t.name: t for t in v.tasks}
    assert by_name["Build"].finish_var == 3 and by_name["Build"].duration_var == 3
    assert by_name["Build"].cost_var == pytest.approx(3 * 600)
    assert by_name["Launch"].start_var == 3 and by_name["Launch"].finish_var == 3
    assert by_name["Design"].start_var == 0
    # The project now ends with Training, two days after Build's new finish on Wednesday 27th.
    assert v.finish_var == 5 and v.finish.isoformat() == "2027-01-29"
    assert v.added == [("4", "Training")] and v.removed == [("3", "Docs")]
    assert v.cost_var == pytest.approx(1_800 - 500)


def test_money_spent_beyond_the_budget_is_a_cost_variance(store, planned, db_path):
    # MS Project: Cost = actual + remaining, cost variance = Cost - Baseline Cost. Build's
    # budget is 10 days x 600 = 6,000; at 20 % with 2,000 spent, 4,800 remain: it will cost
    # 6,800, 800 over, though its budget did not change.
    from datetime import date

    from pmtui.services import costing
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import set_progress

    baselines.save_baseline(store, planned, "Approved")
    set_status_date(store, planned, date(2027, 1, 13))
    set_progress(store, planned, "2", percent=20, started_on=date(2027, 1, 11))
    costing.set_actual_cost(store, planned, "2", 2_000)
    v = baselines.variance(store, planned)
    build = next(t for t in v.tasks if t.name == "Build")
    assert (build.base_cost, build.cost, build.cost_var) == (6_000, 6_800, 800)
    assert v.cost_var == pytest.approx(800)
    ran = cli(db_path, "cost", "list", "--json")
    rows = {r["name"]: r for r in json.loads(ran.stdout)["tasks"]}
    assert (rows["Build"]["cost"], rows["Build"]["forecast"]) == (6_000, 6_800)


def test_a_slip_over_a_weekend_counts_working_days(store, planned):
    baselines.save_baseline(store, planned, "BL")
    edit_task(store, planned, "1", duration=6)  # Design ends on Monday instead of Friday
    v = baselines.variance(store, planned)
    design = next(t for t in v.tasks if t.name == "Design")
    assert (design.base_finish.isoformat(), design.finish.isoformat(), design.finish_var) == ("2027-01-08", "2027-01-11", 1)


def test_choose_remove_replace_and_undo(store, planned):
    baselines.save_baseline(store, planned, "Approved")
    edit_task(store, planned, "2", duration=12)
    second = baselines.save_baseline(store, planned, "Re-plan")
    assert (second.number, second.active) == (1, False)
    assert baselines.variance(store, planned).finish_var == 2
    assert baselines.variance(store, planned, "Re-plan").finish_var == 0
    baselines.use_baseline(store, planned, "re-plan")  # case does not matter
    assert baselines.get_baseline(store, planned).name == "Re-plan"
    with pytest.raises(Conflict, match="--replace"):
        baselines.save_baseline(store, planned, "Re-plan")
    edit_task(store, planned, "2", duration=15)
    replaced = baselines.save_baseline(store, planned, "Re-plan", replace=True)
    assert (replaced.number, replaced.active) == (1, True)
    assert baselines.variance(store, planned).finish_var == 0
    active = baselines.remove_baseline(store, planned, "Re-plan")
    assert active.name == "Approved" and active.active
    undo(store, planned)
    assert [b.name for b in baselines.list_baselines(store, planned)] == ["Approved", "Re-plan"]


def test_numbers_are_reused_and_a_twelfth_is_refused(store, planned, db_path):
    for i in range(MAX_BASELINES):
        baselines.save_baseline(store, planned, f"BL {i}")
    assert sorted(b.number for b in baselines.list_baselines(store, planned)) == list(range(11))
    before = dump(store, journal=True)
    with pytest.raises(Conflict, match="at most 11 baselines"):
        baselines.save_baseline(store, planned, "One too many")
    assert dump(store, journal=True) == before
    baselines.remove_baseline(store, planned, "BL 4")
    assert baselines.save_baseline(store, planned, "New").number == 4


def test_bad_names_and_unknown_baselines(store, planned):
    baselines.save_baseline(store, planned, "Approved")
    before = dump(store, journal=True)
    with pytest.raises(BadValue):
        baselines.save_baseline(store, planned, "   ")
    with pytest.raises(NotFound, match="no baseline 'Nope'.*'Approved'"):
        baselines.use_baseline(store, planned, "Nope")
    with pytest.raises(NotFound):
        baselines.remove_baseline(store, planned, "Nope")
    with pytest.raises(NotFound):
        baselines.variance(store, planned, "Nope")
    assert dump(store, journal=True) == before


def test_cli_baselines_and_refusals_leave_the_file_unchanged(db_path):
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    assert cli(db_path, "variance").exit_code == 1  # nothing to compare with yet
    for i in range(11):
        r = cli(db_path, "baseline", "save", f"BL{i}")
        assert r.exit_code == 0, r.stderr
    assert "Baseline10" in cli(db_path, "baseline", "list").stdout
    assert cli(db_path, "task", "edit", "1", "--duration", "7d").exit_code == 0
    data = json.loads(cli(db_path, "variance", "--json").stdout)
    assert data["baseline"] == "BL0" and data["finish_variance"] == 2 and data["tasks"][0]["duration_var"] == 2
    digest = file_digest(db_path)
    r = cli(db_path, "baseline", "save", "BL11")
    assert r.exit_code == 1 and r.stderr.startswith("pmtui: a project keeps at most 11 baselines")
    r = cli(db_path, "baseline", "use", "Unknown")
    assert r.exit_code == 1 and "no baseline 'Unknown'" in r.stderr and r.stderr.count("\n") == 1
    assert cli(db_path, "variance", "--baseline", "Unknown").exit_code == 1
    assert cli(db_path, "baseline", "rm", "Unknown").exit_code == 1
    assert file_digest(db_path) == digest
    assert cli(db_path, "baseline", "use", "BL3").exit_code == 0
    assert json.loads(cli(db_path, "variance", "--json").stdout)["baseline"] == "BL3"


def test_days_left_show_in_the_duration_variance(store, planned):
    # Build (10 days from 11 Jan) has 5 days done by Monday 18th and 7 left: 12 days, as MS
    # Project's Duration (actual + remaining) and as its cost (+2 days of Alice) have it. The
    # variance said Δ dur +0d beside Δ cost +1,200 and a finish 2 days late.
    from datetime import date

    from pmtui.services.progress import mark_done, mark_started, set_remaining
    from pmtui.services.projects import set_status_date

    baselines.save_baseline(store, planned, "Approved")
    set_status_date(store, planned, date(2027, 1, 18))
    mark_done(store, planned, "1", on=date(2027, 1, 8))
    mark_started(store, planned, "2", on=date(2027, 1, 11))
    set_remaining(store, planned, "2", 7)
    build = next(t for t in baselines.variance(store, planned).tasks if t.name == "Build")
    assert (build.finish_var, build.cost_var) == (2, pytest.approx(2 * 600))
    assert (build.base_duration, build.duration, build.duration_var) == (10, 12, 2)
    baselines.save_baseline(store, planned, "Re-plan")  # a fresh baseline: no variance at all
    build = next(t for t in baselines.variance(store, planned, "Re-plan").tasks if t.name == "Build")
    assert (build.finish_var, build.cost_var, build.duration_var) == (0, 0, 0) and build.base_duration == 12


def test_work_finished_on_a_saturday_is_late_by_the_working_days_it_took(store, project):
    # Design, planned Monday 4 to Friday 8 January, started Sunday 10 and finished Saturday 16:
    # its finish is a week late (Friday 15 is +5d, and a Saturday adds no working time),
    # but counted from the Monday after the Saturday it read +6d. Its phase and the project
    # end on the Saturday as recorded, with the same +5d.
    from datetime import date

    from pmtui.services import status
    from pmtui.services.progress import mark_done, mark_started
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import get_plan

    pid = project.id
    add_task(store, pid, "Phase")
    add_task(store, pid, "Design", under="1", duration=5)
    baselines.save_baseline(store, pid, "Plan")
    set_status_date(store, pid, date(2027, 1, 18))
    mark_started(store, pid, "1.1", on=date(2027, 1, 10))
    mark_done(store, pid, "1.1", on=date(2027, 1, 16))
    var = baselines.variance(store, pid)
    rows = {t.wbs: t for t in var.tasks}
    assert (rows["1.1"].finish, rows["1.1"].finish_var, rows["1.1"].start_var) == (date(2027, 1, 16), 5, 5)
    assert (rows["1"].start, rows["1"].finish, rows["1"].finish_var) == (date(2027, 1, 10), date(2027, 1, 16), 5)
    assert (var.finish, var.finish_var) == (date(2027, 1, 16), 5)
    assert status.project_status(store, pid).finish_slip == 5
    plan = get_plan(store, pid)
    assert plan.schedule.tasks[plan.resolve("1").id].start == date(2027, 1, 10)


def test_a_name_two_baselines_share_but_for_case_is_refused_not_guessed(db_path):
    """With 'BL' and 'bl' saved, `pmtui baseline rm Bl` removed 'BL', the active one, and said
    "Removed baseline 'Bl'."; the name must now be given exactly, and a removal names the
    baseline as it was saved."""
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    for name in ("BL", "bl", "Final"):
        assert cli(db_path, "baseline", "save", name).exit_code == 0
    digest = file_digest(db_path)
    for command in (("baseline", "rm", "Bl"), ("baseline", "use", "Bl"), ("variance", "-b", "Bl")):
        r = cli(db_path, *command)
        assert r.exit_code == 1 and r.stderr == ("pmtui: no baseline 'Bl' in this project, and 'BL' and 'bl' "
                                                 "differ from it only in case: give the name exactly\n")
    assert file_digest(db_path) == digest
    r = cli(db_path, "baseline", "rm", "final")
    assert r.exit_code == 0 and r.stdout.startswith("Removed baseline 'Final'.")
    r = cli(db_path, "baseline", "rm", "bl")
    assert r.exit_code == 0 and r.stdout.startswith("Removed baseline 'bl'.")
    assert [b["name"] for b in json.loads(cli(db_path, "baseline", "list", "--json").stdout)] == ["BL"]


@pytest.mark.parametrize("name, char", [("Evil\x1b[31mRED", "U+001B"), ("Two\nlines", "U+000A"), ("Tab\there", "U+0009")])
def test_a_baseline_name_with_a_control_character_is_refused(db_path, name, char):
    """'Evil\\x1b[31mRED' was saved as a baseline's name, and `pmtui baseline list` turned the
    terminal red; every other name refuses a control character."""
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    digest = file_digest(db_path)
    r = cli(db_path, "baseline", "save", name)
    assert r.exit_code == 2 and r.stderr == (f"pmtui: baseline name contains the control character {char}: "
                                             "names are plain text\n")
    assert file_digest(db_path) == digest


def test_a_baseline_name_too_long_is_refused_as_every_text_limit_is(store, planned):
    """'baseline name is 61 characters long; keep it to 60', where every other limit reads 'is 60
    characters at most; you gave 61'."""
    before = dump(store, journal=True)
    with pytest.raises(BadValue, match=r"^baseline name is 60 characters at most; you gave 61$"):
        baselines.save_baseline(store, planned, "x" * 61)
    assert dump(store, journal=True) == before
    assert baselines.save_baseline(store, planned, "x" * 60).name == "x" * 60


def test_baseline_and_variance_give_their_amounts_currency(db_path):
    """'Saved baseline …: finish 2027-01-08, cost 5,000', a 'Cost' column and 'cost 7,000 vs
    5,000 (+2,000)': no currency, where `status` and `cost list` give it."""
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04", "--currency", "GBP").exit_code == 0
    assert cli(db_path, "resource", "add", "Ann", "--rate", "1000").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    assert cli(db_path, "assign", "1", "Ann").exit_code == 0
    r = cli(db_path, "baseline", "save", "Plan")
    assert r.stdout.startswith("Saved baseline 'Plan' (Baseline): finish 2027-01-08, cost 5,000 GBP — active")
    assert "Cost (GBP)" in cli(db_path, "baseline", "list").stdout.splitlines()[0]
    assert cli(db_path, "task", "edit", "1", "--duration", "7d").exit_code == 0
    assert ("Project finish 2027-01-12 vs baseline 2027-01-08 (+2d); cost 7,000 vs 5,000 GBP (+2,000) — "
            "baseline 'Plan'") in cli(db_path, "variance").stdout


@pytest.mark.parametrize("quick", [True, False], ids=["sqlite3", "store"])
def test_baseline_list_gives_the_time_saved_in_local_time_as_history_does(db_path, monkeypatch, quick):
    # saved_at is kept in UTC; `history` shows its entries in local time, and `baseline list`
    # showed the same moment in UTC, hours apart for a PM east or west of Greenwich
    import time
    from datetime import datetime, timedelta, timezone

    monkeypatch.setenv("TZ", "IST-5:30")  # POSIX: 5 h 30 east of UTC, no summer time
    time.tzset()
    try:
        assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
        assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
        assert cli(db_path, "baseline", "save", "Approved").exit_code == 0
        if not quick:  # through the store: the sqlite3 read gives way to it
            from pmtui.cli import context
            monkeypatch.setattr(context.State, "quick", lambda self, read: None)
        saved = datetime.fromisoformat(json.loads(cli(db_path, "baseline", "list", "--json").stdout)[0]["saved_at"])
        if saved.tzinfo is None:
            saved = saved.replace(tzinfo=timezone.utc)
        local = saved.astimezone(timezone(timedelta(hours=5, minutes=30))).strftime("%Y-%m-%d %H:%M")
        assert local in cli(db_path, "baseline", "list").stdout
        entry = cli(db_path, "history").stdout
        assert local in entry  # the save's own line in the journal, at the same minute
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
