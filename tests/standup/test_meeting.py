"""The stand-up as a meeting: config, agenda, opening (status date), resuming, the summary and
why the finish moved, past stand-ups listed and compared."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.standup import Standup, StandupNote
from pmtui.services import history
from pmtui.services import progress as pg
from pmtui.services import standup as su
from pmtui.services.actions import reading
from pmtui.services.projects import move_status_date, set_status_date
from pmtui.services.standup_agenda import UNASSIGNED, agenda, find_person, standup_config
from pmtui.services.standup_summary import to_markdown
from pmtui.services.tasks import edit_task, get_plan
from tests.standup.helpers import DAY, NINE, TODAY, demo_id, write_config


@pytest.fixture
def pid(store):
    return demo_id(store)


def test_config_section_is_checked_and_orders_people(store, pid):
    assert standup_config().timebox_minutes == 15 and standup_config().lookahead_days == 3
    write_config('[standup]\ntimebox_minutes = 10\norder = ["Marek Novak", "Nobody Here", "jonas berg"]\n')
    cfg = standup_config()
    people = agenda(get_plan(store, pid), cfg)
    assert [p.name for p in people[:3]] == ["Marek Novak", "Jonas Berg", "Anika Schultz"]
    assert people[-1].name == UNASSIGNED
    write_config("[standup]\ntimebox_minutes = 0\n")
    with pytest.raises(BadValue, match=r"config \[standup\] timebox_minutes: .*greater than or equal to 1"):
        standup_config()
    write_config('[standup]\norder = "by mood"\n')
    with pytest.raises(BadValue, match=r"\[standup\] order: must be \"alphabetical\" or a list"):
        standup_config()


def test_agenda_lists_work_in_progress_due_soon_or_late(store, pid):
    plan = get_plan(store, pid)
    people = {p.name: p for p in agenda(plan, standup_config())}
    jonas = {t.wbs: t for t in people["Jonas Berg"].tasks}
    assert "in progress, 30%" in jonas["3.3.1"].why and "late" in jonas["3.3.1"].why
    assert "starts Wed 25 Nov" in jonas["3.3.2"].why
    assert not any(t.wbs.startswith("1.") for p in people.values() for t in p.tasks)  # all done
    assert people["Claire Dubois"].tasks == []  # asked anyway: every person reports
    assert [t.wbs for t in people[UNASSIGNED].tasks][:1] == ["2.9"]
    # late, past the look-ahead: when it is due and by when it had to be (it read just 'late')
    assert {t.wbs: t.why for t in people[UNASSIGNED].tasks}["3.6"] == "due Mon 07 Dec (deadline Thu 03 Dec), late"
    assert find_person(plan, "claire").name == "Claire Dubois"
    with pytest.raises(NotFound, match="no person named 'Bob'"):
        find_person(plan, "Bob")


def test_opening_moves_the_status_date_and_resuming_changes_nothing(store, pid):
    opened = su.start_standup(store, pid, DAY, now=NINE)
    assert opened.message == f"Status date set to {DAY} (was {TODAY})."
    assert get_plan(store, pid).project.status_date == DAY
    assert opened.before["status_date"] == TODAY.isoformat() and opened.before["finish"] == "2027-02-15"
    entries = len(history.history(store, pid))
    again = su.start_standup(store, pid, DAY)
    assert again.resumed and again.before == opened.before and len(history.history(store, pid)) == entries
    kept = su.start_standup(store, pid, DAY + timedelta(days=1), keep_status_date=True)
    assert "kept at 2026-11-25" in kept.message and get_plan(store, pid).project.status_date == DAY
    # Position is view state: saved, but never an undo step.
    su.save_position(store, opened.standup.id, 3)
    assert su.get_standup(store, pid, DAY).position == 3 and len(history.history(store, pid)) == entries + 1


# Three weeks ahead of the stand-up's day (DAY, Wed 25 Nov), as a PM planning ahead leaves it.
AHEAD = date(2026, 12, 14)


def test_a_status_date_ahead_of_the_stand_up_is_kept_and_what_it_records_is_dated_as_of_it(store, pid):
    """Opening a stand-up moved a status date three weeks ahead back to its day: the work
    reported up to it lay in the plan's future, the unfinished work was scheduled weeks earlier,
    and the stand-up's "before" (taken ahead) credited that to what was said in it."""
    set_status_date(store, pid, AHEAD)
    pg.mark_started(store, pid, "3.2.4")  # started on the status date, 14 Dec
    pg.mark_done(store, pid, "2.8")       # done by the working day before it, Fri 11 Dec
    def dates(plan):
        return {t.wbs: (plan.schedule.tasks[t.id].start, plan.schedule.tasks[t.id].finish) for t in plan.tasks}

    before = dates(get_plan(store, pid))
    opened = su.start_standup(store, pid, DAY, now=NINE)
    plan = get_plan(store, pid)
    assert plan.project.status_date == AHEAD and dates(plan) == before
    assert opened.message == (f"Stand-up of {DAY}; status date kept at {AHEAD}, which is ahead of it: what this "
                              f"stand-up records is dated as of {AHEAD}, not {DAY}.")
    assert (opened.status_before, opened.status_after) == (AHEAD, AHEAD) and not opened.can_go_back
    assert opened.before["status_date"] == AHEAD.isoformat()
    assert history.history(store, pid)[0].summary == "started the stand-up of 2026-11-25"
    # recorded in the stand-up of the day, dated as of the status date
    r = pg.mark_done(store, pid, "3.3.2", today=DAY)
    assert r.standup_day == DAY and r.task.actual_finish == date(2026, 12, 11)
    summary = su.finish_standup(store, pid, DAY, now=NINE)
    assert summary["status_date"] == {"before": str(AHEAD), "after": str(AHEAD)}
    assert [e["wbs"] for p in summary["people"] for e in p["events"]] == ["3.3.2"]
    # moved back by hand, it is moved (a report as of an earlier date needs it), and what that
    # does to the work reported after the day is said
    moved = move_status_date(store, pid, DAY)
    assert (moved.project.status_date, moved.was) == (DAY, AHEAD)
    assert moved.warning == (
        "before progress already recorded (3.2.4 started 2026-12-14; 2.8 finished 2026-12-11; 3.3.2 finished "
        "2026-12-11): that work keeps its dates, after the status date now, and the work not done is scheduled "
        "from 2026-11-25 on")
    assert get_plan(store, pid).by_wbs["2.8"].actual_finish == date(2026, 12, 11)
    history.undo(store, pid)
    # back to the earliest day that puts none of it after the status date: nothing to say (a
    # Saturday: Monday's start is the first day not yet done)
    assert move_status_date(store, pid, date(2026, 12, 12)).warning == ""
    assert move_status_date(store, pid, date(2026, 12, 11)).after == [(date(2026, 12, 14), "3.2.4 started 2026-12-14")]
    # forward, or cleared: nothing to say either
    assert move_status_date(store, pid, AHEAD).warning == "" and move_status_date(store, pid, None).warning == ""


def test_a_status_date_ahead_with_nothing_reported_after_the_day_may_go_back(store, pid):
    set_status_date(store, pid, AHEAD)
    opened = su.start_standup(store, pid, DAY, now=NINE)
    assert get_plan(store, pid).project.status_date == AHEAD and opened.can_go_back
    assert move_status_date(store, pid, DAY).warning == "" and get_plan(store, pid).project.status_date == DAY


def test_a_status_date_on_the_day_off_before_a_stand_up_is_not_ahead_of_it(store, pid):
    """A status date of Monday leaves Monday's work to do, as one of the Sunday before does: a
    stand-up on that Sunday may move it there (nothing is dated differently; see the day-off test
    below), one on the Friday before keeps Monday's."""
    sunday, monday = date(2026, 12, 6), date(2026, 12, 7)
    cal = get_plan(store, pid).calendar
    assert not su.ahead_of(cal, monday, sunday) and su.ahead_of(cal, monday, date(2026, 12, 4))
    assert not su.ahead_of(cal, None, sunday)
    set_status_date(store, pid, monday)
    assert su.start_standup(store, pid, date(2026, 12, 4), now=NINE).message.startswith(
        f"Stand-up of 2026-12-04; status date kept at {monday}")


def test_a_whole_stand_up_and_its_saved_summary(store, pid):
    su.start_standup(store, pid, DAY, now=NINE)
    jonas = find_person(get_plan(store, pid), "Jonas").id
    pg.set_remaining(store, pid, "3.3.1", 20, person=jonas, today=DAY)
    pg.mark_done(store, pid, "3.2.3", today=DAY)
    pg.raise_blocker(store, pid, "3.4.3", "Siebel export user locked", today=DAY)
    su.set_person_note(store, pid, DAY, "Jonas", yesterday="SAP mapping", today="IDoc tests")
    su.set_person_note(store, pid, DAY, "Jonas", blockers="none")
    live = su.live_summary(store, pid, DAY, now=NINE + timedelta(minutes=5))
    assert live["state"] == "open" and live["minutes"] == 5
    summary = su.finish_standup(store, pid, DAY, now=NINE + timedelta(minutes=12))
    assert summary["minutes"] == 12 and summary["status_date"] == {"before": "2026-11-23", "after": "2026-11-25"}
    # Go-live is a Must Start On milestone: the finish holds, and go-live is flagged instead.
    assert summary["finish"] == {"before": "2027-02-15", "after": "2027-02-15", "change_days": 0}
    assert any("5.5 Go-live holds the finish" in line for line in summary["why"])
    assert "5.5" in [m["wbs"] for m in summary["milestones_at_risk"]]
    slipped = {m["wbs"]: m for m in summary["milestones_slipped"]}
    assert slipped["3.6"]["after"] > slipped["3.6"]["before"]
    person = next(p for p in summary["people"] if p["name"] == "Jonas Berg")
    assert (person["yesterday"], person["today"], person["blockers"]) == ("SAP mapping", "IDoc tests", "none")
    assert [e["wbs"] for e in person["events"]] == ["3.3.1"]
    assert [b["detail"] for b in summary["blockers"]] == ["Siebel export user locked"]
    assert "Claire Dubois" in summary["silent"]
    with reading(store) as s:
        row = s.execute(select(Standup)).scalars().one()
        notes = s.execute(select(StandupNote)).scalars().all()
    assert row.state == "closed" and row.finish_before == row.finish_after == date(2027, 2, 15)
    saved = json.loads(row.summary)
    assert saved["why"] == summary["why"] and "before" in saved and "after" in saved
    assert len(notes) == 1
    assert su.live_summary(store, pid, DAY) == summary
    md = to_markdown(summary)
    assert md.startswith("# Stand-up 2026-11-25 — CRM migration") and "### Jonas Berg" in md
    assert "- Yesterday: SAP mapping" in md and "BLOCKER: Siebel export user locked" in md
    with pytest.raises(Conflict, match="already finished"):
        su.finish_standup(store, pid, DAY)
    # a finished one is said to be finished, and how to reopen it (not "no stand-up open")
    with pytest.raises(Conflict, match=r"^the stand-up of 2026-11-25 is finished: "
                                       r"`pmtui standup start --date 2026-11-25` reopens it$"):
        su.set_person_note(store, pid, DAY, "Jonas", today="x")


def test_why_the_finish_moved_names_the_driving_path(store, pid):
    # Without the fixed go-live date, a slip in the SAP integration reaches the finish.
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    su.start_standup(store, pid, TODAY, now=NINE)
    before = get_plan(store, pid).schedule.finish
    pg.set_remaining(store, pid, "3.3.1", 40, today=TODAY)
    summary = su.finish_standup(store, pid, TODAY, now=NINE)
    after = date.fromisoformat(summary["finish"]["after"])
    assert summary["finish"]["before"] == before.isoformat() and after > before
    assert summary["finish"]["change_days"] > 0
    moved = [m["wbs"] for m in summary["moved_on_path"]]
    assert moved[0] == "3.3.1" and "5.9" in moved
    assert summary["why"][0].startswith(f"The finish moved {before} → {after}")
    assert "It moved with 3.3.1 SAP S/4HANA" in summary["why"][1] and "40d left" in summary["why"][1]


def test_list_report_and_compare_past_stand_ups(store, pid):
    su.start_standup(store, pid, TODAY, now=NINE)
    pg.raise_blocker(store, pid, "3.4.3", "export user locked", today=TODAY)
    su.finish_standup(store, pid, TODAY, now=NINE)
    su.start_standup(store, pid, DAY, now=NINE)
    pg.set_remaining(store, pid, "3.3.1", 20, today=DAY)
    with pytest.raises(Conflict, match="not finished yet"):
        su.compare(store, pid, TODAY, DAY)
    su.finish_standup(store, pid, DAY, now=NINE)
    assert [(r.day, r.state) for r in su.list_standups(store, pid)] == [(DAY, "closed"), (TODAY, "closed")]
    cmp = su.compare(store, pid, DAY, TODAY)
    assert (cmp["first"], cmp["second"]) == ("2026-11-23", "2026-11-25")
    assert cmp["updates"] == {"first": 0, "second": 1}
    assert cmp["blockers"]["first"] == ["3.4.3 export user locked"]
    assert "3.6" in [m["wbs"] for m in cmp["milestones_moved"]]
    with pytest.raises(BadValue, match="two different days"):
        su.compare(store, pid, DAY, DAY)
    with pytest.raises(NotFound, match="no stand-up on 2026-11-30"):
        su.compare(store, pid, DAY, date(2026, 11, 30))


def test_a_blocker_cleared_in_the_meeting_is_said_to_be_cleared(store, pid):
    # 'Blockers raised' listed a blocker cleared with c a minute later as if the task were still
    # held up, in the summary sent round and in the comparison of two stand-ups
    su.start_standup(store, pid, TODAY, now=NINE)
    pg.raise_blocker(store, pid, "2.8", "waiting for SAP test system", today=TODAY)
    pg.raise_blocker(store, pid, "3.4.3", "export user locked", today=TODAY)
    pg.clear_blockers(store, pid, "2.8", today=TODAY)
    summary = su.finish_standup(store, pid, TODAY, now=NINE)
    md = to_markdown(summary)
    lines = md.split("## Blockers raised\n")[1].split("\n\n")[0].splitlines()
    assert lines == ["- 2.8 Solution design document (SDD): waiting for SAP test system — cleared (Anika Schultz)",
                     "- 3.4.3 Transform & load scripts: accounts & contacts: export user locked (Marek Novak)"]
    assert su.live_summary(store, pid, TODAY)["blockers"] == summary["blockers"]  # as saved
    su.start_standup(store, pid, DAY, now=NINE)
    su.finish_standup(store, pid, DAY, now=NINE)
    cmp = su.compare(store, pid, TODAY, DAY)
    assert cmp["blockers"]["first"] == ["2.8 waiting for SAP test system — cleared", "3.4.3 export user locked"]


def test_a_reopened_stand_up_goes_on_timing_from_where_it_stopped(store, pid):
    # reopened an hour after its 10 minutes, it read "+45:00 over" at once, and "70 min" when
    # finished again 10 minutes on, counted from its first start
    su.start_standup(store, pid, DAY, now=NINE)
    assert su.finish_standup(store, pid, DAY, now=NINE + timedelta(minutes=10))["minutes"] == 10
    su.start_standup(store, pid, DAY, now=NINE + timedelta(minutes=70))
    assert su.live_summary(store, pid, DAY, now=NINE + timedelta(minutes=70))["minutes"] == 10
    assert su.finish_standup(store, pid, DAY, now=NINE + timedelta(minutes=80))["minutes"] == 20


def test_steps_on_a_task_in_a_row_are_one_update(store, pid):
    # + pressed once too often and put right with - read as two updates, '60% → 70%' and
    # '70% → 60%', in the summary sent round and in its count of updates
    su.start_standup(store, pid, TODAY, now=NINE)
    for steps in (1, 1, -1):  # 2.8: 60 → 70 → 80 → 70
        pg.step_percent(store, pid, "2.8", steps, 10, today=TODAY)
    pg.step_percent(store, pid, "4.2", 1, 10, today=TODAY)  # 70 → 80 → 70: nothing reported
    pg.step_percent(store, pid, "4.2", -1, 10, today=TODAY)
    summary = su.finish_standup(store, pid, TODAY, now=NINE)
    assert [(p["wbs"], p["detail"]) for p in summary["progress"]] == [("2.8", "60% → 70%")]
    md = to_markdown(summary)
    assert "— progress: 60% → 70%" in md and "80%" not in md and "4.2" not in md
    assert "Fiona Walsh" in md.split("No update from: ")[1]


def test_what_was_recorded_is_said_once(store, pid):
    # the detail of a task marked done or started begins with its kind: 'done: done 2026-11-20'
    su.start_standup(store, pid, TODAY, now=NINE)
    pg.mark_started(store, pid, "3.2.4", today=TODAY)
    pg.mark_done(store, pid, "4.2", today=TODAY)
    pg.raise_blocker(store, pid, "2.8", "waiting for SAP test system", today=TODAY)
    pg.clear_blockers(store, pid, "2.8", today=TODAY)
    md = to_markdown(su.finish_standup(store, pid, TODAY, now=NINE))
    said = [line.split(" — ", 1)[1] for line in md.splitlines() if line.startswith("- ") and " — " in line
            and "## People" in md.split(line)[0]]
    assert said == ["started 2026-11-23", "BLOCKER: waiting for SAP test system — cleared",
                    "blocker cleared: waiting for SAP test system", "done 2026-11-20"], said


def test_a_stand_up_on_a_day_off_sets_that_day_and_moves_no_date(store, pid):
    # The status date is the first day of unfinished work. A stand-up on Sunday 2026-12-06 set it
    # to the Friday before: Friday's work was undone again, so every unfinished date moved a day
    # earlier (2.8 finished 12-08, not 12-09) just by opening the stand-up, and a task marked
    # done was dated Thursday.
    sunday, monday = date(2026, 12, 6), date(2026, 12, 7)
    set_status_date(store, pid, monday)
    def dates(plan):
        return {t.wbs: (plan.schedule.tasks[t.id].start, plan.schedule.tasks[t.id].finish) for t in plan.tasks}

    before = dates(get_plan(store, pid))
    opened = su.start_standup(store, pid, sunday, now=NINE)
    plan = get_plan(store, pid)
    assert plan.project.status_date == sunday
    assert opened.message == (f"Status date set to {sunday}, a day off: the work still to do is scheduled from "
                              f"{monday} (was {monday}).")
    assert dates(plan) == before
    pg.mark_done(store, pid, "2.8", today=sunday)
    assert get_plan(store, pid).by_wbs["2.8"].actual_finish == date(2026, 12, 4)  # Friday
    su.finish_standup(store, pid, sunday, now=NINE)
    # Saturday's, reopened the next day: kept on its own day
    kept = su.start_standup(store, pid, date(2026, 12, 5), now=NINE)
    assert kept.message.startswith("Status date set to 2026-12-05, a day off: the work still to do is "
                                   "scheduled from 2026-12-07")


def test_why_the_finish_moved_names_the_changes_made_since_the_stand_up_began(store, pid):
    """A duration lengthened and a holiday added during the stand-up moved the finish, and the
    summary said only 'It moved with 5.6 Hypercare (+4d)': no word of either change, which
    `pmtui history` alone told. The changes to the driving path (and the calendar) are named;
    one to a task off the path is not."""
    from pmtui.services.calendars import add_exception

    su.start_standup(store, pid, TODAY, now=NINE)
    edit_task(store, pid, "5.6", duration=23)
    add_exception(store, pid, date(2027, 2, 3), "Works outing")
    edit_task(store, pid, "3.2.5", name="Flows and approvals")  # off the path to the finish
    summary = su.finish_standup(store, pid, TODAY, now=NINE)
    assert summary["finish"]["change_days"] == 4
    assert summary["why"][1].startswith("It moved with 5.6 Hypercare")
    assert summary["why"][2] == ("Changes since the stand-up began: 5.6 duration: 20 → 23 (Edit task, +3d); "
                                 "holiday 2027-02-03 Works outing (Add calendar exception, +1d).")
    assert not any("3.2.5" in line for line in summary["why"])


def test_the_changes_since_the_stand_up_began_are_those_why_finish_counts(store, pid):
    """The summary's "Changes since the stand-up began" named every change to a task on the
    driving path, moved or not, while `pmtui why finish --standup` and the next stand-up's summary
    count the changes by the effect the journal recorded: a task on the path renamed was named
    as a change that moved the finish. Both now name the same changes, with the same days."""
    from pmtui.services.finish_story import finish_story

    su.start_standup(store, pid, TODAY)  # (the journal's clock: why finish reads from its start)
    edit_task(store, pid, "5.6", name="Hypercare and handover")  # on the path; moves nothing
    edit_task(store, pid, "5.6", duration=23)  # +3d
    edit_task(store, pid, "5.6", duration=22)  # back a day
    summary = su.live_summary(store, pid, TODAY)
    story = finish_story(store, get_plan(store, pid), standup=TODAY)
    named = [f"{m.summary} ({m.action}, {'+' if m.days > 0 else ''}{m.days}d)" for m in story.moves]
    assert named == ["5.6 duration: 20 → 23 (Edit task, +3d)", "5.6 duration: 23 → 22 (Edit task, -1d)"]
    assert f"Changes since the stand-up began: {'; '.join(named)}." in summary["why"]
    assert not any("Hypercare and handover (Edit task" in line for line in summary["why"])


def test_the_summary_says_how_the_finish_moved_since_the_last_stand_up_and_which_changes_did_it(store, pid, db_path):
    """The summary said what this meeting did to the finish, and nothing of the days it had moved
    since the last one, nor which changes moved it: the journal records each change's effect
    (`pmtui why finish`), and the summary now tells the same story, from the last stand-up's end."""
    from tests.foundation.helpers import cli

    su.start_standup(store, pid, TODAY)
    first = su.finish_standup(store, pid, TODAY)
    assert first["since_last"] is None and "Since the last stand-up" not in to_markdown(first)
    edit_task(store, pid, "5.6", duration=23)  # +3d, between the two stand-ups
    edit_task(store, pid, "3.2.5", name="Flows and approvals")  # moves nothing
    su.start_standup(store, pid, DAY)
    edit_task(store, pid, "5.8", duration=4)  # +1d, in the meeting
    summary = su.finish_standup(store, pid, DAY)
    last = summary["since_last"]
    assert last["standup"] == TODAY.isoformat() and last["change_days"] == 4
    assert [(m["action"], m["summary"], m["days"]) for m in last["moves"]] == [
        ("Edit task", "5.6 duration: 20 → 23", 3), ("Edit task", "5.8 duration: 3 → 4", 1)]
    # as `pmtui why finish` tells it, since that stand-up
    told = json.loads(cli(db_path, "why", "finish", "--standup", TODAY.isoformat(), "--json").stdout)
    assert (told["finish_then"], told["finish_now"], told["change_days"]) == (last["then"], last["now"], 4)
    assert [(m["action"], m["summary"], m["days"]) for m in told["moves"]] == \
        [(m["action"], m["summary"], m["days"]) for m in last["moves"]]
    assert told["notes"] == last["notes"]
    md = to_markdown(summary)
    section = md.split(f"## Since the last stand-up ({TODAY})\n")[1].split("\n\n")[0].splitlines()
    assert section[0] == f"Finish {last['then']} → {last['now']} (+4d)"
    assert section[1].startswith("- +3d Edit task: 5.6 duration: 20 → 23 (")
    assert section[2].startswith("- +1d Edit task: 5.8 duration: 3 → 4 (")
    assert "- Of the +4d: +4d by 2 plan changes." in section
    # what was saved is what `pmtui standup report` says later
    assert to_markdown(su.live_summary(store, pid, DAY)) == md


SECTIONS = [
    {}, {"timebox_minutes": 10}, {"lookahead_days": 0}, {"lookahead_days": 60}, {"percent_step": 50},
    {"timebox_minutes": 240, "lookahead_days": 5, "order": ["Jonas Berg", "Nobody"], "percent_step": 5},
    {"order": []}, {"order": "alphabetical"},
    # what pydantic takes by converting it, and what it refuses: its words are the ones given
    {"timebox_minutes": 0}, {"timebox_minutes": 241}, {"lookahead_days": -1}, {"lookahead_days": 61},
    {"percent_step": 51}, {"timebox_minutes": 15.0}, {"timebox_minutes": 15.5}, {"timebox_minutes": "15"},
    {"timebox_minutes": "soon"}, {"timebox_minutes": True}, {"order": "by mood"}, {"order": ["A", 3]},
    {"order": {"first": "A"}}, {"lookahead": 3}, {"order": [], "colour": "red"},
]


@pytest.mark.parametrize("values", SECTIONS)
def test_a_section_read_as_written_is_what_pydantic_makes_of_it(monkeypatch, values):
    # the quick read of a good section must give what StandupSection gives, and leave anything
    # else to it, so its messages stay the only ones
    from pmtui.services import standup_agenda
    from pmtui.services.standup_agenda import StandupConfig
    from pmtui.services.standup_rules import StandupSection

    monkeypatch.setattr(standup_agenda, "section", lambda name: values)
    quick = standup_agenda._as_written(values)
    try:
        checked = StandupSection(**values)
    except ValueError:
        assert quick is None
        with pytest.raises(BadValue, match=r"config \[standup\] "):
            standup_config()
        return
    expected = StandupConfig(checked.timebox_minutes, checked.lookahead_days, checked.order, checked.percent_step)
    assert standup_config() == expected
    if quick is not None:
        assert quick == expected and all(type(getattr(quick, k)) is type(getattr(expected, k))
                                         for k in ("timebox_minutes", "lookahead_days", "order", "percent_step"))
        if isinstance(values.get("order"), list):
            assert quick.order is not values["order"]  # the cached file's list is not handed out
    else:
        assert values  # only a section that pydantic converts goes to it
