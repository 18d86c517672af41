"""The "why" texts on the demo plan with leave added, as a PM reads them: `pmtui why`, the
why section of `pmtui task show` and the WBS detail say the same things."""

from __future__ import annotations

import pytest

from tests.conftest import copy_demo_file
from tests.foundation.helpers import cli


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
