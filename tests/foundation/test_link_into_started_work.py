"""A link into work under way or done moves nothing (progress override): `pmtui link` says so.
On the demo plan 2.8 Solution design document is under way and 1.2 is finished; "Linked: 2.8 now
follows 3.5." alone left a PM reading that 2.8 would now wait for 3.5, while it kept finishing
twelve days before 3.5 did."""

from __future__ import annotations

import json

import pytest

from tests.conftest import copy_demo_file
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def demo(db_path, built_db):
    copy_demo_file(built_db, db_path)
    return db_path


def dates(db, wbs):
    rows = {t["wbs"]: t for t in json.loads(ok(db, "schedule", "--json").stdout)["tasks"]}
    return rows[wbs]["start"], rows[wbs]["finish"]


def test_a_link_into_a_started_task_says_it_does_not_move_it(demo):
    before = dates(demo, "2.8")
    out = ok(demo, "link", "3.5", "2.8").stdout
    assert "Linked: 2.8 now follows 3.5." in out
    assert (f"note: 2.8 has started ({before[0]}), so the link does not move it: work under way or done "
            "keeps its dates whatever its links say (progress wins over logic, as in MS Project).") in " ".join(out.split())
    assert dates(demo, "2.8") == before


def test_a_link_into_a_finished_task_says_so_and_one_into_unstarted_work_says_nothing(demo):
    out = " ".join(ok(demo, "link", "1.1", "1.2").stdout.split())
    assert "note: 1.2 is finished, so the link does not move it" in out
    out = ok(demo, "link", "3.3.1", "3.5").stdout
    assert "Linked: 3.5 now follows" in out and "note:" not in out
