"""The WBS detail's Float line on a big plan: an edit's frame does not wait for it, and it still
ends up telling the float of the task shown, on the schedule shown."""

from __future__ import annotations

import re

import pytest

from pmtui.scheduling.result import ScheduleResult
from pmtui.widgets.detail import TaskDetail

from .conftest import press, screen_text, settle, type_text, until

SIZE = (120, 40)


@pytest.fixture
def big_app(db_path):
    # over TaskDetail.FLOAT_AFTER_FRAME_OVER tasks, as few as will do: 1.2 Task 3 has 442d of
    # float, 1.3 Task 4 below it 446d
    from benchmarks.bench_tui import build_plan
    from pmtui.app import PmtuiApp
    from pmtui.store import open_store

    build_plan(db_path, 2100)
    store = open_store(str(db_path))
    try:
        yield PmtuiApp(store, None)
    finally:
        store.close()


def float_row(detail: TaskDetail) -> str:
    """The Float line of what the panel draws now ('' for a row held blank)."""
    rows = detail.render().plain.splitlines()
    why = next(i for i, row in enumerate(rows) if row.startswith("Why: "))
    return rows[why + 1]


def worded(plan, wbs: str) -> str:
    """The Float line for ``wbs`` on ``plan``'s schedule, from the scheduler's own words."""
    t = plan.by_wbs[wbs]
    ts = plan.schedule.tasks[t.id]
    first = plan.schedule.explain_float(t.id)[0]
    head = f"{t.label} has {ts.total_float}d of float"
    assert first.startswith(head)
    return re.sub(r"; it (starts|finishes|is dated) \S+$", "", f"Float {ts.total_float}d" + first[len(head):])


async def goto(pilot, wbs: str) -> None:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")
    detail = pilot.app.screen.query_one(TaskDetail)
    want = pilot.app.plan.by_wbs[wbs].id
    assert await until(pilot, lambda: detail.task_id == want)  # drawn once the keys stop, on a big plan
    await settle(pilot)


async def longer(pilot, days: int) -> None:
    await press(pilot, "d", "ctrl+u")
    await type_text(pilot, f"{days}d")
    await press(pilot, "enter")
    await settle(pilot)


async def test_an_edits_frame_comes_before_the_float_line_which_then_tells_the_new_float(big_app, monkeypatch):
    # At 10,000 tasks the line walked a chain of 536 links before the edit's frame was drawn
    # (in the edit's worker, then its draw): 3-8 ms of every edit. The frame now shows the line
    # the task had, and the new schedule's line follows it.
    events: list[tuple] = []
    explain_float = ScheduleResult.explain_float

    def walked(self, task_id, brief=False):
        events.append(("walk", self))
        return explain_float(self, task_id, brief)

    render = TaskDetail.render

    def drawn(self):
        text = render(self)
        if self.plan is not None:
            events.append(("draw", self.plan.schedule, text.plain))
        return text

    app = big_app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        detail = app.screen.query_one(TaskDetail)
        before = float_row(detail)
        assert before == worded(app.plan, "1.2") and before.startswith("Float 442d: ")
        assert before in screen_text(app)
        monkeypatch.setattr(ScheduleResult, "explain_float", walked)
        monkeypatch.setattr(TaskDetail, "render", drawn)
        old = app.plan
        await longer(pilot, 11)  # 1d → 11d: ten days less of float
        plan = app.plan
        assert plan is not old and plan.by_wbs["1.2"].duration == 11
        new = plan.schedule
        draws = [i for i, e in enumerate(events) if e[0] == "draw" and e[1] is new]
        walks = [i for i, e in enumerate(events) if e[0] == "walk" and e[1] is new]
        assert draws and walks, events
        # the edit's first frame was drawn with no walk of the new schedule before it, and held
        # the line the task had
        assert draws[0] < walks[0]
        first = events[draws[0]][2].splitlines()
        assert before in first and "Float total 432d" in first[1], first
        after = float_row(detail)
        assert after == worded(plan, "1.2") and after.startswith("Float 432d: ")
        assert after in screen_text(app)  # drawn, not just worded
        assert detail._float_held is None and not detail._float_later


async def test_a_cursor_move_while_the_float_line_waits_shows_the_line_of_the_task_moved_to(big_app, monkeypatch):
    app = big_app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        detail = app.screen.query_one(TaskDetail)
        kept = []
        word_float = TaskDetail._word_float
        monkeypatch.setattr(TaskDetail, "_word_float", lambda self: kept.append(self))
        await longer(pilot, 11)
        # the edit's frame is drawn; its Float line is still to be worded: j moves on meanwhile
        assert len(kept) == 1 and detail._float_later
        assert float_row(detail).startswith("Float 442d: ")  # 1.2's line before the edit
        await press(pilot, "j")
        want = app.plan.by_wbs["1.3"].id
        assert await until(pilot, lambda: detail.task_id == want)
        await settle(pilot)
        assert float_row(detail) == ""  # 1.3 never had a line drawn: its row is held blank
        assert len(kept) == 1  # one wording for the frame, not one more for the move
        monkeypatch.setattr(TaskDetail, "_word_float", word_float)
        word_float(kept.pop())
        await settle(pilot)
        line = float_row(detail)
        assert line == worded(app.plan, "1.3") and line.startswith("Float 446d: ")
        assert line in screen_text(app)
        # moves on the plan shown word the line at once, in the one draw the move makes
        for key, wbs in (("k", "1.2"), ("j", "1.3"), ("j", "1.4")):
            draws = []
            render = TaskDetail.render
            monkeypatch.setattr(TaskDetail, "render", lambda self: draws.append(self.task_id) or render(self))
            await press(pilot, key)
            want = app.plan.by_wbs[wbs].id
            assert await until(pilot, lambda: detail.task_id == want)
            await settle(pilot)
            monkeypatch.setattr(TaskDetail, "render", render)
            assert draws == [want] and not detail._float_later
            line = float_row(detail)
            assert line == worded(app.plan, wbs) and line in screen_text(app)
        assert float_row(detail).startswith("Float 442d: ")  # 1.4 Task 5
