"""The "why" texts on the demo plan with leave added, as a PM reads them: `pmtui why`, the
why section of `pmtui task show` and the WBS detail say the same things."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import copy_demo_file
from tests.foundation.helpers import cli, why_chain


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def demo_leave(db_path, built_db):
    """The demo plan (status date Mon 23 Nov 2026) with Jonas Berg and Anika Schultz, the two
    people on 3.5 Technical documentation, on leave Thu 26 and Fri 27 Nov."""
    copy_demo_file(built_db, db_path)
    for name in ("Jonas Berg", "Anika Schultz"):
        ok(db_path, "resource", "leave", "add", name, "2026-11-26", "2026-11-27")
    return db_path


def test_an_ff_link_that_fixes_the_finish_is_named_not_the_leave_before_the_start(demo_leave):
    # 3.3.1 (Jonas) works Mon 23 to Wed 25, waits out his leave, and finishes Mon 7 Dec; 3.5
    # must finish 2 days after it (FF+2d), Wed 9 Dec, and counted back 8 days over its people's
    # time starts Mon 30 Nov, the first day after their leave. It read "starts 2026-11-30, not
    # 2026-11-26: Anika Schultz is on leave 26-27 Nov 2026; ...": the leave decides nothing here.
    lines = ok(demo_leave, "why", "3.5").stdout.splitlines()
    assert lines[0] == ("3.5 Technical documentation & runbooks finishes 2026-12-09 because 3.3.1 SAP S/4HANA "
                        "customer & order sync via middleware (FF+2d) finishes 2026-12-07")
    assert "on leave" not in lines[0] and "not 2026-11-26" not in "\n".join(lines)


def _why_of_show(db, wbs: str) -> list[str]:
    shown = ok(db, "task", "show", wbs).stdout.splitlines()
    return [line[2:] for line in shown[shown.index("why:") + 1:]]


def test_task_show_gives_the_leave_and_holiday_lines_that_why_gives(demo_leave):
    # the why section of `task show` was the driving chain alone: 3.3.2's finish, two days late
    # for its people's leave, and 4.6.1's, two days late for Christmas and New Year, went unsaid
    sso = _why_of_show(demo_leave, "3.3.2")
    assert sso[1] == ("3.3.2 Single sign-on with Entra ID (SAML, MFA) finishes 2026-12-01, not 2026-11-27: its work "
                      "waits while Anika Schultz is on leave 2 working days from 2026-11-26 to 2026-11-27; "
                      "Jonas Berg is on leave 2 working days from 2026-11-26 to 2026-11-27")
    uat = _why_of_show(demo_leave, "4.6.1")
    assert uat[1] == ("4.6.1 UAT execution with key users (sales & service) finishes 2027-01-06, not 2027-01-04: its "
                      "work spans 2 holidays of the project calendar, 2026-12-25 Christmas Day and 2027-01-01 "
                      "New Year's Day")
    assert ok(demo_leave, "why", "4.6.1").stdout.splitlines()[1] == uat[1]


@pytest.mark.parametrize("wbs", ["2.9", "3.2.4", "3.3.1", "3.3.2", "4.6", "4.6.1", "5.3", "5.5"])
def test_why_and_task_show_give_the_same_steps(demo_leave, wbs):
    import json

    # one source (why_span.why_steps): `why` puts what the task's dates break first, which
    # `task show` gives on its own lines (conflict), then the same steps in the same order. The
    # tasks: a milestone past its deadline, leave inside the span, a task under way, a summary,
    # holidays inside the span, an SF link, a Must Start On.
    shown = json.loads(ok(demo_leave, "task", "show", wbs, "--json").stdout)
    assert ok(demo_leave, "why", wbs).stdout.splitlines() == [*shown["conflicts"], *shown["why"], *shown["why_float"]]
    assert _why_of_show(demo_leave, wbs) == [*shown["why"], *shown["why_float"]]


def test_days_off_inside_a_task_whose_finish_a_link_fixes_move_its_start_not_its_finish(demo_leave):
    # 5.3 Siebel run-off, 30 days, must finish when 5.4 cutover starts (SF): it read "finishes
    # 2027-01-11, not 2027-01-07: its work spans 2 holidays", when without them it would finish
    # the same day and start two working days later (Fri 27 Nov + Mon 30 Nov, Tue 1 Dec)
    why = ok(demo_leave, "why", "5.3").stdout.splitlines()
    assert why[0].startswith("5.3 Siebel support & hosting run-off finishes 2027-01-11 because 5.4 ")
    assert why[1] == ("5.3 Siebel support & hosting run-off starts 2026-11-27, not 2026-12-01: counted back from "
                      "its finish, its work spans 2 holidays of the project calendar, 2026-12-25 Christmas Day "
                      "and 2027-01-01 New Year's Day")


def test_leave_inside_a_task_whose_finish_a_link_fixes_moves_its_start(db_path, built_db):
    # 3.5 must finish 2 days after 3.3.1 (FF+2d); both its people off Tue 1 Dec (Jonas's
    # 3.3.1 with it, to Fri 4): counted back 8 of their days from Tue 8 Dec it starts Thu 26
    # Nov, a day earlier than 8 days back on the project's, and finishes as the link asks
    copy_demo_file(built_db, db_path)
    for name in ("Jonas Berg", "Anika Schultz"):
        ok(db_path, "resource", "leave", "add", name, "2026-12-01")
    why = ok(db_path, "why", "3.5").stdout.splitlines()
    assert why[0].startswith("3.5 Technical documentation & runbooks finishes 2026-12-08 because 3.3.1 ")
    assert why[1] == ("3.5 Technical documentation & runbooks starts 2026-11-26, not 2026-11-27: counted back from "
                      "its finish, its work waits while Anika Schultz is on leave 2026-12-01; Jonas Berg is on "
                      "leave 2026-12-01")


def test_leave_inside_the_remaining_work_of_a_task_under_way_is_named(demo_leave):
    # 3.3.1 (12 days, 30 % done: 9 left from the status date, Mon 23 Nov, to Thu 3 Dec) is
    # Jonas Berg's, off Thu 26 and Fri 27: it runs to Mon 7 Dec, and `why` said only that
    # "its remaining work runs to 2026-12-07", nothing of the leave that put it there
    why = why_chain(ok(demo_leave, "why", "3.3.1").stdout)
    assert why == [
        "3.3.1 SAP S/4HANA customer & order sync via middleware started 2026-11-16 (actual start); its remaining "
        "work runs to 2026-12-07",
        "3.3.1 SAP S/4HANA customer & order sync via middleware finishes 2026-12-07, not 2026-12-03: its remaining "
        "work waits while Jonas Berg is on leave 2 working days from 2026-11-26 to 2026-11-27",
    ]
    # the one under way without leave in what is left says nothing more
    assert len(why_chain(ok(demo_leave, "why", "2.8").stdout)) == 1


def test_a_risks_linked_tasks_are_explained_as_why_explains_them(demo_leave):
    # R2 "SAP interface more complex than specified" is linked to 3.3.1; its owner read that
    # 3.3.1 runs to 7 Dec and not that Jonas Berg's leave put it there (risk show, and the risk
    # screen's w made their own list of the why-chain)
    from pmtui.screens.risks import why_text
    from pmtui.services.projects import current_project
    from pmtui.services.risk_register import risk_detail
    from pmtui.store import open_store

    leave = ("3.3.1 SAP S/4HANA customer & order sync via middleware finishes 2026-12-07, not 2026-12-03: its "
             "remaining work waits while Jonas Berg is on leave 2 working days from 2026-11-26 to 2026-11-27")
    assert f"    {leave}" in ok(demo_leave, "risk", "show", "R2").stdout.splitlines()
    store = open_store(str(demo_leave))
    try:
        reg, view = risk_detail(store, current_project(store).id, "R2")
        assert f"  {leave}" in why_text(reg, view).plain.splitlines()
    finally:
        store.close()


def test_the_short_leave_of_a_task_under_way_is_its_remaining_works(demo_leave):
    # the WBS detail's "Waits for leave" and the Gantt's "on leave" said nothing for a task under
    # way: 3.3.1 waits for Jonas Berg's two days; 2.8, under way too, for none (done by then)
    from datetime import date

    from pmtui.services.projects import current_project
    from pmtui.services.tasks import get_plan
    from pmtui.services.why_span import leave_waited, leave_waited_text
    from pmtui.store import open_store

    store = open_store(str(demo_leave))
    try:
        plan = get_plan(store, current_project(store).id)
        sync, sdd = plan.resolve("3.3.1").id, plan.resolve("2.8").id
        assert leave_waited(plan, sync) == [("Jonas Berg", date(2026, 11, 26), date(2026, 11, 27))]
        assert leave_waited_text(plan, sync, date(2026, 11, 23)) == "Jonas Berg 26–27 Nov"
        assert leave_waited(plan, sdd) == []
    finally:
        store.close()


DEC_6 = date(2026, 12, 6)  # a Sunday


@pytest.fixture
def demo_dec(db_path, built_db):
    """The demo plan made on Sun 6 Dec 2026, its status date: 3.3.1 (Jonas Berg, under way)
    runs to Thu 17 Dec, and 3.5 Technical documentation (8 days, Anika Schultz and Jonas Berg)
    finishes 2 days after it (FF+2d), Thu 10 to Mon 21 Dec; 3.6 Build complete, after 3.5, has
    its deadline on Thu 17 Dec."""
    copy_demo_file(built_db, db_path, DEC_6)
    return db_path


def test_why_names_who_starts_a_task_while_the_others_part_waits_for_leave(demo_dec):
    # Anika Schultz off Tue 8 and Wed 9 Dec. 3.5's 8 days counted back from 3.3.1's finish, Thu
    # 17: Jonas from Tue 8, Anika, over her leave, from Fri 4; the lag counts from the earlier
    # (MS Project's rule, own_time): Fri 4 + 2 days, Tue 8. Jonas works Tue 8 to Thu 17, Anika
    # Thu 10 to Mon 21. It read "its work waits while Anika Schultz is on leave": nothing said
    # that Jonas starts it, so its start two days earlier for her leave made no sense.
    ok(demo_dec, "resource", "leave", "add", "Anika Schultz", "2026-12-08", "2026-12-09")
    why = ok(demo_dec, "why", "3.5").stdout.splitlines()
    assert why[0].startswith("3.5 Technical documentation & runbooks finishes 2026-12-21 because 3.3.1 ")
    assert why[1] == ("3.5 Technical documentation & runbooks starts 2026-12-08, not 2026-12-10: counted back "
                      "from its finish, Jonas Berg starts it on 2026-12-08 while Anika Schultz is on leave 2 "
                      "working days from 2026-12-08 to 2026-12-09; Anika Schultz's part runs 2026-12-10 to "
                      "2026-12-21")
    assert _why_of_show(demo_dec, "3.5") == why


def test_leave_before_a_tasks_start_inside_its_late_dates_costs_its_float(demo_dec):
    # Jonas Berg off Tue 8 and Wed 9 Dec: 3.3.1 runs to Mon 21, and 3.5 (FF+2d) Mon 14 to Wed 23,
    # both of its people after his leave. Its late finish is 3.6's deadline, Thu 17; to finish by
    # then Jonas's 8 days, counted back over his leave, start Fri 4: late start Fri 4 against an
    # early start Mon 14 is -6 days, late finish Thu 17 against Wed 23 -4; total float is the
    # smaller, -6, as MS Project gives (MPXJ's MicrosoftScheduler:
    # tests/scheduling/test_mpxj_resource_time.py, the same plan by hand). Without his leave
    # it was -2.
    import json

    before = json.loads(ok(demo_dec, "task", "show", "3.5", "--json").stdout)
    assert (before["late_start"], before["early_start"], before["total_float"]) == ("2026-12-08", "2026-12-10", -2)
    ok(demo_dec, "resource", "leave", "add", "Jonas Berg", "2026-12-08", "2026-12-09")
    docs = json.loads(ok(demo_dec, "task", "show", "3.5", "--json").stdout)
    assert (docs["early_start"], docs["early_finish"]) == ("2026-12-14", "2026-12-23")
    assert (docs["late_start"], docs["late_finish"]) == ("2026-12-04", "2026-12-17")
    assert docs["total_float"] == -6
    assert json.loads(ok(demo_dec, "task", "show", "3.6", "--json").stdout)["total_float"] == -4
