"""Why a task has its float, as `pmtui why` and `pmtui task show` say it: on the demo plan (status
date Mon 23 Nov 2026) with Jonas Berg and Anika Schultz, the two people on 3.5 Technical
documentation, on leave Thu 26 and Fri 27 Nov. 3.5 showed -6d of float, and 3.6 Build complete,
after it, 4 working days past its deadline: no line tied the two."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import copy_demo_file
from tests.foundation.helpers import cli, why_chain


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def demo_leave(db_path, built_db):
    copy_demo_file(built_db, db_path)
    for name in ("Jonas Berg", "Anika Schultz"):
        ok(db_path, "resource", "leave", "add", name, "2026-11-26", "2026-11-27")
    return db_path


DOCS = "3.5 Technical documentation & runbooks"


def test_why_ties_the_negative_float_to_the_deadline_it_answers_to(demo_leave):
    lines = ok(demo_leave, "why", "3.5").stdout.splitlines()
    chain = why_chain("\n".join(lines))
    assert lines[:len(chain)] == chain and chain[0].startswith(f"{DOCS} finishes 2026-12-09 because 3.3.1 ")
    # 3.6 must be reached by its deadline, Thu 3 Dec: 3.5 must finish by then, and its 8 days,
    # counted back over the two days both its people are off, must start by Fri 20 Nov; it
    # starts Mon 30 Nov: -6 days
    assert lines[len(chain):] == [
        f"{DOCS} has -6d of float: to meet 3.6 Build complete's deadline 2026-12-03, it must finish by 2026-12-03, "
        "so start by 2026-11-20 (Anika Schultz and Jonas Berg are on leave 26-27 Nov 2026); it starts 2026-11-30",
        f"{DOCS} must finish by 2026-12-03 because 3.6 Build complete (FS) must be reached by 2026-12-03",
        "3.6 Build complete must be reached by 2026-12-03: its deadline is 2026-12-03",
    ]
    # the task before it, through an FF link: the leave is said where it is counted back
    sap = ok(demo_leave, "why", "3.3.1").stdout.splitlines()
    assert sap[-3:] == [
        "3.3.1 SAP S/4HANA customer & order sync via middleware must finish by 2026-12-01 because "
        f"{DOCS} (FF+2d) must finish by 2026-12-03",
        f"{DOCS} must finish by 2026-12-03 because 3.6 Build complete (FS) must be reached by 2026-12-03; "
        "counted back over the time off (Anika Schultz and Jonas Berg are on leave 26-27 Nov 2026), it must "
        "start by 2026-11-20",
        "3.6 Build complete must be reached by 2026-12-03: its deadline is 2026-12-03",
    ]


def test_every_task_of_the_demo_says_what_its_float_answers_to(demo_leave):
    plan = json.loads(ok(demo_leave, "schedule", "--json").stdout)
    for row in plan["tasks"]:
        shown = json.loads(ok(demo_leave, "task", "show", row["wbs"], "--json").stdout)
        first = shown["why_float"][0]
        if row["percent_complete"] == 100:
            assert "finished work has no float" in first, (row["wbs"], first)
            continue
        assert first.startswith(f"{row['wbs']} {row['name']} has {row['total_float']}d of float"), first
        # it ends at what caps the late dates: the project finish, a deadline or a constraint
        assert any(w in first for w in ("to meet the project finish 2027-02-15", "deadline", "constraint")), first
        last = shown["why_float"][-1]
        assert re.search(r"(the project finish: no task's late finish is later|: its deadline is \S+|"
                         r": its constraint is .+|holds its late dates on its dates)$", last), (row["wbs"], last)


def test_task_show_gives_the_float_lines_under_why(demo_leave):
    text = ok(demo_leave, "task", "show", "3.6").stdout.splitlines()
    at = text.index("why:")
    assert text[at + 1:] == [
        "  3.6 Build complete is dated 2026-12-09 because 3.5 Technical documentation & runbooks (FS) finishes 2026-12-09",
        f"  {DOCS} finishes 2026-12-09 because 3.3.1 SAP S/4HANA customer & order sync via middleware (FF+2d) "
        "finishes 2026-12-07",
        "  3.3.1 SAP S/4HANA customer & order sync via middleware started 2026-11-16 (actual start); its remaining work "
        "runs to 2026-12-07",
        "  3.6 Build complete has -4d of float: to meet its deadline 2026-12-03, it must be reached by 2026-12-03; "
        "it is dated 2026-12-09",
        "  3.6 Build complete must be reached by 2026-12-03: its deadline is 2026-12-03",
    ]
    # `schedule --json` keeps its keys, and gives the late-driving links beside the driving ones
    rows = {row["wbs"]: row for row in json.loads(ok(demo_leave, "schedule", "--json").stdout)["tasks"]}
    assert {"driving", "total_float", "late_start", "late_finish"} <= rows["3.5"].keys()
    assert (rows["3.5"]["late_driving"], rows["3.5"]["late_driven_by"]) == ([rows["3.6"]["id"]], "link")
    assert (rows["3.6"]["late_driving"], rows["3.6"]["late_driven_by"]) == ([], "deadline")
    assert (rows["3"]["late_driving"], rows["3"]["late_driven_by"]) == ([], "children")
    assert rows["1.1"]["late_driven_by"] == "actual"



def test_a_summary_says_whose_float_it_has_and_names_that_task_once(demo_leave):
    # "5 Deployment & hypercare has 0d of float, that of its task 5.5 Go-live: to meet 5.5
    # Go-live's constraint ..., it must be reached by ...": the task twice, and "it" the summary
    assert ok(demo_leave, "why", "5").stdout.splitlines()[-2:] == [
        "5 Deployment & hypercare has 0d of float, that of its task 5.5 Go-live, which must be reached by 2027-01-18 "
        "to meet its constraint Must Start On 2027-01-18 and is dated 2027-01-18",
        "5.5 Go-live has no float: its constraint Must Start On 2027-01-18 holds its late dates on its dates",
    ]
    # 3.5's float, counted back over its people's leave, is 3's: the dates are 3.5's, not 3's
    assert ok(demo_leave, "task", "show", "3").stdout.splitlines()[-3:] == [
        "  3 Build & data migration has -6d of float, that of its task 3.5 Technical documentation & runbooks, which "
        "must finish by 2026-12-03 to meet 3.6 Build complete's deadline 2026-12-03, so must start by 2026-11-20 "
        "(Anika Schultz and Jonas Berg are on leave 26-27 Nov 2026), and starts 2026-11-30",
        f"  {DOCS} must finish by 2026-12-03 because 3.6 Build complete (FS) must be reached by 2026-12-03",
        "  3.6 Build complete must be reached by 2026-12-03: its deadline is 2026-12-03",
    ]
