"""A milestone's variance is counted as a task's: in working days of the project calendar, as
MS Project's Finish Variance (Finish - Baseline Finish, a field of type Duration, and a duration
is "the total span of active working time": Microsoft Support, "Finish Variance fields" and
"Duration (task field)"). A milestone moved from a Friday to the Monday after is 1 day late, not
3, in `pmtui variance`, `pmtui status --json` (the status screen's table) and the report."""

from __future__ import annotations

import json

from tests.conftest import copy_demo_file
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


def test_a_milestone_slipped_over_a_weekend_is_late_by_working_days_everywhere(db_path, built_db):
    # The demo plan (status date Mon 23 Nov 2026, baseline "Approved plan"): 2.8 five days
    # longer pushes 2.9 Design sign-off from Mon 23 to Mon 30 Nov (5 working days, 7 calendar
    # days) and 3.6 Build complete from Fri 4 to Mon 7 Dec (1 working day, 3 calendar days)
    copy_demo_file(built_db, db_path)
    ok(db_path, "task", "edit", "2.8", "--duration", "11d")
    want = {"2.9": ("2026-11-23", "2026-11-30", 5), "3.6": ("2026-12-04", "2026-12-07", 1)}
    variance = {t["wbs"]: (t["base_finish"], t["finish"], t["finish_var"])
                for t in json.loads(ok(db_path, "variance", "--json").stdout)["tasks"] if t["wbs"] in want}
    assert variance == want
    status = {m["wbs"]: (m["baseline"], m["forecast"], m["variance"])
              for m in json.loads(ok(db_path, "status", "--json").stdout)["milestones"] if m["wbs"] in want}
    assert status == want
    report = ok(db_path, "report").stdout
    assert "| 2.9 | Design sign-off | 2026-11-23 | 2026-11-30 | +5d | past its deadline 2026-11-23 |" in report
    assert "| 3.6 | Build complete | 2026-12-04 | 2026-12-07 | +1d | past its deadline 2026-12-03 |" in report
    # and a task of the same plan, for comparison: 2.8 itself, Mon 23 to Mon 30 Nov
    task = next(t for t in json.loads(ok(db_path, "variance", "--json").stdout)["tasks"] if t["wbs"] == "2.8")
    assert (task["base_finish"], task["finish"], task["finish_var"]) == ("2026-11-23", "2026-11-30", 5)
