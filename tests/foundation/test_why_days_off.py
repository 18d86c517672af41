"""`pmtui why WBS` says when holidays inside a task's own span push its finish: the driving chain
explains its start only, and a 3-day task from Monday 21 Dec ending on the 28th read as wrong."""

from __future__ import annotations

import pytest

from tests.foundation.helpers import cli, why_chain


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def xmas(db_path):
    for args in (("project", "new", "Cutover", "--start", "2026-12-14"),
                 ("task", "add", "Prepare", "--duration", "5d"),           # 14–18 Dec
                 ("task", "add", "Migrate", "--duration", "4d", "--after", "1"),  # from Mon 21 Dec
                 ("task", "add", "Sign-off", "--duration", "0", "--after", "2"),
                 ("calendar", "holiday", "add", "2026-12-24", "Christmas Eve"),
                 ("calendar", "holiday", "add", "2026-12-25", "Christmas Day")):
        ok(db_path, *args)
    return db_path


def test_holidays_inside_the_span_are_named_with_the_finish_they_cost(xmas):
    lines = ok(xmas, "why", "2").stdout.splitlines()
    assert lines[0].startswith("2 Migrate starts 2026-12-21 because 1 Prepare (FS) finishes 2026-12-18")
    # Mon 21, Tue 22, Wed 23, then Mon 28: the weekend is no holiday and is not named. Right
    # after the step on its own start, before the chain goes back to Prepare's.
    assert lines[1] == ("2 Migrate finishes 2026-12-28, not 2026-12-24: its work spans 2 holidays of the "
                        "project calendar, 2026-12-24 Christmas Eve and 2026-12-25 Christmas Day")


def test_a_task_whose_span_has_no_holiday_and_a_milestone_say_nothing_of_days_off(xmas):
    assert "holiday" not in ok(xmas, "why", "1").stdout
    assert "holiday" not in ok(xmas, "why", "3").stdout


def test_one_holiday_and_many(db_path):
    ok(db_path, "project", "new", "Long", "--start", "2027-01-04")
    ok(db_path, "task", "add", "Build", "--duration", "20d")
    ok(db_path, "calendar", "holiday", "add", "2027-01-06", "Epiphany")
    assert why_chain(ok(db_path, "why", "1").stdout)[-1] == (
        "1 Build finishes 2027-02-01, not 2027-01-29: its work spans a holiday of the project calendar, "
        "2027-01-06 Epiphany")
    for day in ("2027-01-12", "2027-01-19", "2027-01-26", "2027-01-27"):
        ok(db_path, "calendar", "holiday", "add", day)
    last = why_chain(ok(db_path, "why", "1").stdout)[-1]
    assert last == ("1 Build finishes 2027-02-05, not 2027-01-29: its work spans 5 holidays of the project "
                    "calendar, 2027-01-06 Epiphany, 2027-01-12, 2027-01-19 and 2 more")


def test_a_task_under_way_names_only_the_holidays_in_the_work_it_has_left(db_path):
    # Build, 10 days from Mon 21 Dec, 20 % done: 8 days left. With the status date Wed 6 Jan
    # they run 6 to 15 Jan, after Christmas: it read "finishes 2027-01-15, not 2027-01-13: its
    # work spans 2 holidays", though the status date, not the holidays, put the finish there
    for args in (("project", "new", "Cutover", "--start", "2026-12-21"), ("task", "add", "Build", "--duration", "10d"),
                 ("calendar", "holiday", "add", "2026-12-24", "Christmas Eve"),
                 ("calendar", "holiday", "add", "2026-12-25", "Christmas Day"),
                 ("project", "status-date", "2027-01-06"),
                 ("progress", "1", "--started", "--on", "2026-12-21"), ("progress", "1", "20%")):
        ok(db_path, *args)
    assert why_chain(ok(db_path, "why", "1").stdout) == [
        "1 Build started 2026-12-21 (actual start); its remaining work runs to 2027-01-15"]
    # from Tue 22 Dec they resume Wed 23 (2 days done) and do span them: Wed 23, Mon 28 to Tue 5
    ok(db_path, "project", "status-date", "2026-12-22")
    assert ok(db_path, "why", "1").stdout.splitlines()[1] == (
        "1 Build finishes 2027-01-05, not 2027-01-01: its remaining work spans 2 holidays of the project calendar, "
        "2026-12-24 Christmas Eve and 2026-12-25 Christmas Day")
