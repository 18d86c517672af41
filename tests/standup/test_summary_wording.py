"""The stand-up summary, pasted into an e-mail or a chat, writes its day figures as the status
report does ("+2d" for a change, "3d" for a count) and says once that they are working days."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pmtui.services import progress as pg
from pmtui.services import standup as su
from pmtui.services.standup_summary import compare_markdown, to_markdown
from pmtui.services.tasks import edit_task, get_plan
from tests.standup.helpers import DAY, NINE, TODAY, demo_id

KEY = "d = working days"
# a figure in words ("+2 working days", "3 working days behind") beside "+2d" in the same text
IN_WORDS = re.compile(r"\d working days?\b")


@pytest.fixture
def pid(store):
    return demo_id(store)


def test_a_moved_finish_is_written_as_the_report_writes_it(store, pid):
    # without go-live's fixed date, 40 days left on the SAP integration move the finish
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    su.start_standup(store, pid, TODAY, now=NINE)
    before = get_plan(store, pid).schedule.finish
    pg.set_remaining(store, pid, "3.3.1", 40, today=TODAY)
    summary = su.finish_standup(store, pid, TODAY, now=NINE)
    after, n = summary["finish"]["after"], summary["finish"]["change_days"]
    assert n > 0
    # it said "(+N working days)" here and "(+Nd)" for the tasks that moved with it, two lines on
    assert summary["why"][0] == f"The finish moved {before} → {after} (+{n}d)."
    md = to_markdown(summary)
    assert f"## Finish\n{before} → {after} (+{n}d)\n" in md
    assert not IN_WORDS.search(md), IN_WORDS.search(md)
    # said once, where the reader starts, for whoever reads "+2d" in an e-mail without the app
    assert md.splitlines()[2].endswith(f" · {KEY}")
    assert md.count(KEY) == 1


def test_a_milestone_behind_is_a_count_of_days(store, pid):
    # 40 days left on the SAP integration put 4.8 Go/no-go decision behind: it said
    # "23 working days behind" beside "(+10d)" for the milestones that slipped
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    su.start_standup(store, pid, TODAY, now=NINE)
    pg.set_remaining(store, pid, "3.3.1", 40, today=TODAY)
    summary = su.live_summary(store, pid, TODAY, now=NINE)
    behind = [m["reason"] for m in summary["milestones_at_risk"] if m["reason"].endswith(" behind")]
    assert behind and all(re.fullmatch(r"\d+d behind", r) for r in behind), summary["milestones_at_risk"]
    assert not IN_WORDS.search(to_markdown(summary))


def test_two_stand_ups_compared_write_the_finish_alike(store, pid):
    su.start_standup(store, pid, TODAY, now=NINE)
    su.finish_standup(store, pid, TODAY, now=NINE)
    su.start_standup(store, pid, DAY, now=NINE)
    pg.set_remaining(store, pid, "3.3.1", 20, today=DAY)
    su.finish_standup(store, pid, DAY, now=NINE)
    cmp = su.compare(store, pid, TODAY, DAY)
    md = compare_markdown(cmp)
    f = cmp["finish"]
    assert f"\nFinish {f['first']} → {f['second']} ({f['change_days']:+d}d) · {KEY}\n" in md
    assert not IN_WORDS.search(md)
    assert md.count(KEY) == 1


def test_a_summary_without_a_day_figure_has_no_key(store, pid):
    su.start_standup(store, pid, DAY, now=NINE)
    summary = su.live_summary(store, pid, DAY, now=NINE)
    summary = {**summary, "milestones_slipped": [], "milestones_at_risk": []}
    md = to_markdown(summary)
    assert "(unchanged)" in md and KEY not in md


def test_a_driving_path_that_grew_says_what_it_now_runs_through(store, pid):
    # Go-live's fixed date held the finish (path 5.5 → 5.9); freed in the stand-up, the slip of
    # the SAP integration drives it. The line said "it ran through  and now runs through 3.3.1, …"
    su.start_standup(store, pid, TODAY, now=NINE)
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    pg.set_remaining(store, pid, "3.3.1", 40, today=TODAY)
    why = su.live_summary(store, pid, TODAY, now=NINE)["why"]
    changed = [line for line in why if line.startswith("The driving path")]
    assert changed == ["The driving path changed: it now also runs through 3.3.1, 3.5, 3.6, 4.3, 4.6.1, "
                       "4.6.3, 5.1.2, 5.4."], why
    assert not any("through  and" in line for line in why)


def test_a_driving_path_that_shrank_says_what_it_no_longer_runs_through(store, pid):
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    pg.set_remaining(store, pid, "3.3.1", 40, today=TODAY)
    su.start_standup(store, pid, TODAY, now=NINE)
    # a go-live date fixed again in the stand-up holds the finish on its own
    edit_task(store, pid, "5.5", constraint_type="MSO", constraint_date=date(2027, 2, 1))
    why = su.live_summary(store, pid, TODAY, now=NINE)["why"]
    changed = [line for line in why if line.startswith("The driving path")]
    assert len(changed) == 1 and changed[0].startswith("The driving path changed: it no longer runs through 3.3.1, "), why


def test_a_stand_up_finished_the_next_day_says_its_length_in_hours(store):
    # left open at 09:00 and finished at 09:01 the next morning, it read '· 1441 min'
    from datetime import timedelta

    pid = demo_id(store)
    su.start_standup(store, pid, DAY, now=NINE)
    summary = su.finish_standup(store, pid, DAY, now=NINE + timedelta(days=1, minutes=1))
    assert summary["minutes"] == 1441
    assert "· 24 h 1 min" in to_markdown(summary)
    assert "· 12 min" in to_markdown({**summary, "minutes": 12})
    assert "· 2 h" in to_markdown({**summary, "minutes": 120}).split("\n")[2]
