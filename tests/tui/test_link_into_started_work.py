"""A link made in the TUI into work under way or done moves nothing (progress override): the app
says so, as `pmtui link` does. On the demo plan 2.8 Solution design document is under way and
1.2 is finished; linked from the Gantt's prompt or the WBS's task form, the successor kept its
dates and the screen said nothing of why."""

from __future__ import annotations

from pmtui.screens.dialogs import TaskForm
from pmtui.screens.link_prompt import LinkPrompt

from .conftest import notes, press, settle, type_text

KEEPS = ("so the link does not move it: work under way or done keeps its dates whatever its links say "
         "(progress wins over logic, as in MS Project).")


def dates(app, wbs: str):
    s = app.plan.schedule.tasks[app.plan.by_wbs[wbs].id]
    return s.start, s.finish


async def go_to(pilot, wbs: str) -> None:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")


async def link_on_gantt(pilot, at: str, key: str, other: str) -> None:
    await go_to(pilot, at)
    await press(pilot, key)
    assert isinstance(pilot.app.screen, LinkPrompt)
    await type_text(pilot, other)
    await press(pilot, "enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, LinkPrompt)


async def test_the_gantts_link_into_a_started_task_says_it_does_not_move_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        before = dates(app, "2.8")
        await link_on_gantt(pilot, "3.5", "s", "2.8")  # 2.8, under way, as 3.5's successor
        assert "3.5" in app.plan.predecessors_text(app.plan.by_wbs["2.8"].id)
        assert dates(app, "2.8") == before
        assert f"2.8 has started ({before[0]}), {KEEPS}" in notes(app).splitlines()


async def test_the_gantts_link_into_a_finished_task_says_so_and_one_into_unstarted_work_says_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await link_on_gantt(pilot, "1.2", "p", "1.1")  # on 1.2, finished: 1.1 before it
        assert f"1.2 is finished, {KEEPS}" in notes(app).splitlines()
        seen = len(notes(app))
        await link_on_gantt(pilot, "3.3.1", "s", "3.5")  # 3.5 is not started: it moves
        assert "3.3.1" in app.plan.predecessors_text(app.plan.by_wbs["3.5"].id)
        assert "keeps its dates" not in notes(app)[seen:]


async def form_predecessors(pilot, wbs: str, text: str) -> None:
    """On the WBS: p on ``wbs``, the predecessors field set to ``text``, saved."""
    await go_to(pilot, wbs)
    await press(pilot, "p")
    assert isinstance(pilot.app.screen, TaskForm) and pilot.app.focused.id == "f-predecessors"
    pilot.app.focused.value = ""
    await type_text(pilot, text)
    await press(pilot, "enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, TaskForm)


async def test_the_task_forms_predecessors_into_started_work_say_they_do_not_move_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = dates(app, "2.8")
        # nothing to say where no link came, or into a task not started (it moves)
        await form_predecessors(pilot, "2.8", "2.5, 2.6FF+1d")  # 2.7 taken away
        assert app.plan.predecessors_text(app.plan.by_wbs["2.8"].id) == "2.5, 2.6FF+1d"
        await form_predecessors(pilot, "3.5", "3.2.5FF, 3.3.1FF+2d, 3.4.5")
        assert "3.4.5" in app.plan.predecessors_text(app.plan.by_wbs["3.5"].id)
        await go_to(pilot, "2.8")
        await press(pilot, "e")  # its name alone
        await type_text(pilot, " v2")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.plan.by_wbs["2.8"].name.endswith(" v2")
        assert "keeps its dates" not in notes(app)
        # 3.5 new: said, as `pmtui link` says it
        await form_predecessors(pilot, "2.8", "2.5, 2.6FF+1d, 3.5")
        assert dates(app, "2.8") == before
        assert f"2.8 has started ({before[0]}), {KEEPS}" in notes(app).splitlines()
        # two links more: said of both
        await form_predecessors(pilot, "2.8", "2.5, 2.6FF+1d, 2.7, 3.5, 3.3.1")
        assert (f"2.8 has started ({before[0]}), so the links do not move it: work under way or done keeps "
                "its dates whatever its links say (progress wins over logic, as in MS Project).") in notes(app)
        await form_predecessors(pilot, "1.2", "1.1SS+2d")  # a lag changed on a finished task
        assert f"1.2 is finished, {KEEPS}" in notes(app).splitlines()
