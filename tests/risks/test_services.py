"""The risk register's services: scoring and history, bands from the config file, trends,
exposure on the critical path and over time, issues, refusals, undo."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.services import risks as svc
from pmtui.services.history import undo
from pmtui.services.projects import set_status_date
from pmtui.services.risk_bands import Bands, load_bands
from pmtui.services.risk_register import exposure_over_time, load_register, risk_detail, trend_of
from tests.foundation.helpers import dump
from tests.risks.conftest import DAY, write_config


def test_add_records_score_owner_and_links(store, plan):
    r = svc.add_risk(store, plan.id, "Vendor API late", probability=4, impact=3, owner="alice chen",
                     tasks=["2", "#4"], strategy="Mitigate", review_date=date(2027, 1, 20),
                     schedule_impact=3, cost_impact=5000)
    reg = load_register(store, plan.id)
    v = reg.view(r.id)
    assert (v.score, v.band, v.letter, v.owner, v.risk.strategy) == (12, "high", "H", "Alice Chen", "mitigate")
    assert [(h.day, h.probability, h.impact, h.comment) for h in v.history] == [
        (DAY, 4, 3, "Initial assessment.")]
    assert [(t.wbs, t.critical, t.total_float) for t in v.linked] == [("2", True, 0), ("4", False, 7)]
    assert (v.min_float, v.critical_count, v.exposure, v.slip) == (0, 1, 12.0, 3)
    assert v.emv == pytest.approx(0.7 * 5000)


def test_every_rescore_is_kept_and_trend_compares_with_the_day_before(store, plan):
    r = svc.add_risk(store, plan.id, "Key users busy", probability=3, impact=3)
    set_status_date(store, plan.id, date(2027, 1, 18))
    # Two steps on one day are one review: the trend compares with the score of the last review.
    svc.step_risk(store, plan.id, r.id, probability=+1)
    svc.step_risk(store, plan.id, f"R{r.id}", impact=+1, comment="Quarter end confirmed")
    v = load_register(store, plan.id).view(r.id)
    assert [(h.day, h.score) for h in v.history] == [(DAY, 9), (date(2027, 1, 18), 12), (date(2027, 1, 18), 16)]
    assert v.history[-1].comment == "Quarter end confirmed"
    assert (v.arrow, v.previous_score) == ("↑", 9)
    set_status_date(store, plan.id, date(2027, 1, 25))
    svc.score_risk(store, plan.id, r.id, 2, 4, comment="Backfill agreed")
    v = load_register(store, plan.id).view(r.id)
    assert (v.trend, v.arrow, v.previous_score) == (-1, "↓", 16)
    svc.score_risk(store, plan.id, r.id, 2, 4, comment="Reviewed, no change")
    assert load_register(store, plan.id).view(r.id).arrow == "↓"  # same day: still against 16
    assert trend_of([]) == (0, None)


def test_step_refuses_to_leave_the_scale(store, plan):
    r = svc.add_risk(store, plan.id, "Edge", probability=5, impact=1)
    before = dump(store, journal=True)
    with pytest.raises(Conflict, match="probability is already 5"):
        svc.step_risk(store, plan.id, r.id, probability=+1)
    with pytest.raises(Conflict, match="impact is already 1"):
        svc.step_risk(store, plan.id, r.id, impact=-1)
    assert dump(store, journal=True) == before


def test_edit_rescores_and_validates_the_merged_risk(store, plan):
    r = svc.add_risk(store, plan.id, "Scope creep", probability=2, impact=3, strategy="avoid")
    svc.edit_risk(store, plan.id, r.id, impact=4, owner="Bob Li", comment="Sales asked for more")
    v = load_register(store, plan.id).view(r.id)
    assert (v.score, v.owner, v.history[-1].comment) == (8, "Bob Li", "Sales asked for more")
    with pytest.raises(BadValue, match="strategy 'avoid' does not fit an opportunity"):
        svc.edit_risk(store, plan.id, r.id, kind="opportunity")
    svc.edit_risk(store, plan.id, r.id, kind="opportunity", strategy="exploit", owner="none")
    v = load_register(store, plan.id).view(r.id)
    assert (v.risk.kind, v.risk.strategy, v.owner, len(v.history)) == ("opportunity", "exploit", "", 2)



def test_an_owner_is_found_by_a_unique_start_of_the_name_as_in_the_stand_up(store, plan):
    """`pmtui standup note Alice` found Alice Chen, but `risk add --owner alice` and the risk
    form refused "no resource named 'alice'": the owner had to be typed in full."""
    from pmtui.services import resources

    r = svc.add_risk(store, plan.id, "Vendor API late", probability=3, impact=3, owner="alice")
    assert load_register(store, plan.id).view(r.id).owner == "Alice Chen"
    svc.edit_risk(store, plan.id, r.id, owner=" bo")
    assert load_register(store, plan.id).view(r.id).owner == "Bob Li"
    resources.add_resource(store, plan.id, "Alice Wong")
    before = dump(store, journal=True)
    with pytest.raises(BadValue, match="'ali' could be Alice Chen or Alice Wong: type more of the name"):
        svc.edit_risk(store, plan.id, r.id, owner="ali")
    with pytest.raises(NotFound, match="no resource named 'Zed' in this project; its resources: "
                                       "Alice Chen, Alice Wong, Bob Li"):
        svc.add_risk(store, plan.id, "X", probability=3, impact=3, owner="Zed")
    assert dump(store, journal=True) == before

@pytest.mark.parametrize("kwargs,error,message", [
    ({"probability": 6}, BadValue, "probability 6 is out of range"),
    ({"impact": 0}, BadValue, "impact 0 is out of range"),
    ({"owner": "Nobody"}, NotFound, "no resource named 'Nobody'"),
    ({"tasks": ["9.9"]}, NotFound, "no task 9.9"),
    ({"strategy": "exploit"}, BadValue, "strategy 'exploit' does not fit a threat"),
    ({"kind": "opportunity", "strategy": "mitigate"}, BadValue, "does not fit an opportunity"),
    # named the risk code it would have had ("R1 is already linked to 2 Build"), a risk not stored
    ({"tasks": ["2", "#2"]}, BadValue, r"^task 2 Build is given twice \(as 2 and #2\): give it once$"),
    ({"schedule_impact": -2}, BadValue, "schedule impact -2d is negative"),
    # past what the store holds, it reached SQLite and failed there (from a JSON import)
    ({"schedule_impact": 10**19}, BadValue, "schedule impact 10000000000000000000d is too long: at most 100000"),
])
def test_bad_risks_store_nothing(store, plan, kwargs, error, message):
    before = dump(store, journal=True)
    values = {"probability": 3, "impact": 3, **kwargs}
    with pytest.raises(error, match=message):
        svc.add_risk(store, plan.id, "Bad", **values)
    assert dump(store, journal=True) == before


def test_bands_default_and_from_the_config_file(store, plan):
    assert load_bands() == Bands(5, 12)
    assert [Bands().of(s) for s in (4, 5, 11, 12, 25)] == ["low", "medium", "medium", "high", "high"]
    write_config("[risk]\nmedium = 8\nhigh = 16\n")
    bands = load_bands()
    assert (bands.cell(2, 3), bands.cell(2, 4), bands.cell(4, 4)) == ("low", "medium", "high")
    r = svc.add_risk(store, plan.id, "Twelve", probability=4, impact=3)
    assert load_register(store, plan.id).view(r.id).letter == "M"


@pytest.mark.parametrize("text,message", [
    ("[risk]\nmedium = 0\n", "medium = 0 must be from 1 to 25"),
    ("[risk]\nhigh = 'lots'\n", "high = 'lots' must be a whole score"),
    ("[risk]\nmedium = 13\nhigh = 12\n", "medium = 13 is above high = 12"),
    ("risk = 3\n", "[risk] must be a table"),
])
def test_bad_band_config_is_reported(text, message):
    write_config(text)
    with pytest.raises(BadValue) as exc:
        load_bands()
    assert message in str(exc.value) and "config.toml" in str(exc.value)


def test_exposure_sort_prefers_critical_and_tight_tasks(store, plan):
    pid = plan.id
    big_free = svc.add_risk(store, pid, "Big but unlinked", probability=5, impact=5)
    docs = svc.add_risk(store, pid, "On docs", probability=4, impact=4, tasks=["4"])  # float 7
    build = svc.add_risk(store, pid, "On build", probability=3, impact=4, tasks=["2"])  # critical
    reg = load_register(store, pid)
    assert [v.risk.title for v in reg.select(sort="exposure")] == [
        "On build", "On docs", "Big but unlinked"]
    assert reg.view(docs.id).exposure == pytest.approx(16 / (1 + 7 / 5))
    assert reg.view(big_free.id).exposure == 0
    assert [v.id for v in reg.select(sort="score")] == [big_free.id, docs.id, build.id]
    assert [v.id for v in reg.select(min_score=13)] == [big_free.id, docs.id]
    assert [v.id for v in reg.select(cell=(3, 4))] == [build.id]
    assert reg.matrix()[(4, 4)] == 1 and sum(reg.matrix().values()) == 3
    assert sum(reg.matrix("opportunity").values()) == 0


def test_review_sort_and_overdue(store, plan):
    later = svc.add_risk(store, plan.id, "Later", probability=1, impact=1, review_date=date(2027, 2, 1))
    overdue = svc.add_risk(store, plan.id, "Overdue", probability=1, impact=2, review_date=date(2027, 1, 8))
    none = svc.add_risk(store, plan.id, "No review", probability=5, impact=5)
    reg = load_register(store, plan.id)
    assert [v.id for v in reg.select(sort="review")] == [overdue.id, later.id, none.id]
    assert [v.overdue for v in reg.select(sort="review")] == [True, False, False]
    with pytest.raises(BadValue, match="sort 'age' is unknown"):
        reg.select(sort="age")


def test_close_reopen_raise_issue_and_exposure_over_time(store, plan):
    pid = plan.id
    a = svc.add_risk(store, pid, "A", probability=4, impact=4, tasks=["2"], owner="Bob Li")
    b = svc.add_risk(store, pid, "B", probability=2, impact=2)
    set_status_date(store, pid, date(2027, 1, 13))
    svc.score_risk(store, pid, b.id, 3, 3)
    set_status_date(store, pid, date(2027, 1, 15))
    issue = svc.raise_issue(store, pid, a.id)
    assert (issue.risk_id, issue.severity, issue.raised_on, issue.status) == (a.id, 4, date(2027, 1, 15), "open")
    with pytest.raises(Conflict, match="is occurred: only an open risk can occur"):
        svc.raise_issue(store, pid, a.id)
    set_status_date(store, pid, date(2027, 1, 18))
    svc.close_risk(store, pid, b.id)
    reg = load_register(store, pid)
    assert reg.view(b.id).risk.closed_on == date(2027, 1, 18) and reg.view(a.id).exposure == 0
    assert exposure_over_time(reg) == [(DAY, 20), (date(2027, 1, 13), 25), (date(2027, 1, 15), 9),
                                       (date(2027, 1, 18), 0)]
    with pytest.raises(Conflict, match="already closed"):
        svc.close_risk(store, pid, b.id)
    svc.reopen_risk(store, pid, b.id)
    assert load_register(store, pid).view(b.id).risk.status == "open"
    svc.resolve_issue(store, pid, f"I{issue.id}", "Architect started")
    reg = load_register(store, pid)
    assert (reg.issues[0].status, reg.issues[0].resolution) == ("resolved", "Architect started")
    with pytest.raises(Conflict, match="already resolved"):
        svc.resolve_issue(store, pid, issue.id)


def test_link_unlink_and_detail(store, plan):
    r = svc.add_risk(store, plan.id, "Build slips", probability=3, impact=4)
    assert svc.link_risk_task(store, plan.id, r.id, "2") == "2 Build"
    reg, v = risk_detail(store, plan.id, f"R{r.id}")
    assert [t.wbs for t in v.linked] == ["2"]
    assert reg.plan.schedule.driving_path(v.linked[0].id)
    svc.unlink_risk_task(store, plan.id, r.id, "2")
    with pytest.raises(Conflict, match="is not linked to 2 Build"):
        svc.unlink_risk_task(store, plan.id, r.id, "2")
    with pytest.raises(NotFound, match="no risk R99"):
        risk_detail(store, plan.id, "R99")
    with pytest.raises(BadValue, match="not an id"):
        risk_detail(store, plan.id, "risky")


def test_issue_add_refusals(store, plan):
    before = dump(store, journal=True)
    with pytest.raises(BadValue, match="severity 7 is out of range"):
        svc.add_issue(store, plan.id, "X", severity=7)
    with pytest.raises(BadValue, match="issue kind 'bug'"):
        svc.add_issue(store, plan.id, "X", kind="bug")
    with pytest.raises(NotFound, match="no task 8"):
        svc.add_issue(store, plan.id, "X", task="8")
    assert dump(store, journal=True) == before
    i = svc.add_issue(store, plan.id, "Test server down", kind="blocker", task="2", owner="Alice Chen")
    assert (i.kind, i.raised_on) == ("blocker", DAY)


def test_undo_and_redo_a_rescore(store, plan):
    from pmtui.services.history import redo

    r = svc.add_risk(store, plan.id, "Undoable", probability=2, impact=2)
    before = dump(store)
    svc.step_risk(store, plan.id, r.id, impact=+1)
    after = dump(store)
    entry = undo(store, plan.id)
    assert entry.action == "Re-score risk"
    assert dump(store) == before
    redo(store, plan.id)
    assert dump(store) == after
    undo(store, plan.id)
    undo(store, plan.id)  # the add itself
    assert load_register(store, plan.id).risks == []


def test_demo_register(store):
    from pmtui.services.demo import create_demo

    project = create_demo(store, today=date(2026, 11, 23))
    reg = load_register(store, project.id)
    assert len(reg.risks) == 14
    statuses = sorted(v.risk.status for v in reg.risks)
    assert statuses.count("occurred") == 1 and statuses.count("closed") == 1
    occurred = next(v for v in reg.risks if v.risk.status == "occurred")
    assert [i.risk_id for i in reg.issues] == [occurred.id]
    assert sum(v.overdue for v in reg.risks) >= 2
    assert any(v.arrow == "↑" for v in reg.risks)
    assert all(v.owner for v in reg.risks) and all(v.linked for v in reg.risks)
    assert len({(v.risk.probability, v.risk.impact) for v in reg.risks}) >= 10  # spread over the grid
    assert exposure_over_time(reg)[-1][1] == sum(m for m in (v.score for v in reg.risks
                                                             if v.risk.kind == "threat" and v.risk.status == "open"))


def test_slip_is_what_the_finish_would_do_not_what_float_against_a_deadline_says(store, plan):
    """A risk on a task whose float was cut short by its own deadline read 'would slip the finish
    2d' (impact 3d less 1d of float), while the finish had 7 days of room there: the task would
    miss its deadline, and the finish would hold. The slip is now the scheduler's answer, with
    the dates it would newly miss."""
    from pmtui.services.tasks import edit_task, get_plan

    p = get_plan(store, plan.id)
    docs = p.schedule.tasks[p.by_wbs["4"].id]
    edit_task(store, plan.id, "4", deadline=p.calendar.add_working_days(docs.finish, 1))
    r = svc.add_risk(store, plan.id, "Writer off sick", probability=3, impact=3, tasks=["4"], schedule_impact=3)
    v = load_register(store, plan.id).view(r.id)
    assert v.min_float == 1
    assert (v.slip, v.if_it_happens.task_wbs) == (0, "4")
    assert v.if_it_happens.broken == (
        f"4 Docs finishes {p.calendar.add_working_days(docs.finish, 3)}, 2 working days after its deadline "
        f"{p.calendar.add_working_days(docs.finish, 1)}",)
    # on the critical chain it moves the finish by its whole impact, added to a started task's days left
    from pmtui.services import progress as pg

    pg.mark_done(store, plan.id, "1", on=date(2027, 1, 8))
    pg.mark_started(store, plan.id, "2", on=DAY)
    set_status_date(store, plan.id, date(2027, 1, 15))
    pg.set_percent(store, plan.id, "2", 30)
    r2 = svc.add_risk(store, plan.id, "Build rework", probability=3, impact=3, tasks=["4", "2"], schedule_impact=4)
    v2 = load_register(store, plan.id).view(r2.id)
    assert (v2.slip, v2.if_it_happens.task_wbs) == (4, "2")


def test_a_risk_on_a_summary_is_worked_out_on_the_tasks_under_it(store, plan):
    # linked to a phase, the risk's impact falls on its work: with the slip worked out on linked
    # tasks alone, a risk on a summary would never move the finish
    from pmtui.services.tasks import add_task

    add_task(store, plan.id, "API", under="2", duration=10)
    add_task(store, plan.id, "UI", under="2", duration=4)
    r = svc.add_risk(store, plan.id, "Build phase late", probability=3, impact=3, tasks=["2"], schedule_impact=2)
    v = load_register(store, plan.id).view(r.id)
    assert (v.slip, v.if_it_happens.task_wbs) == (2, "2.1")
