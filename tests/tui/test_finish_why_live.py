"""The status screen's "why the finish moved" (5, then w) follows the plan while it is open."""

from __future__ import annotations

from pmtui.screens.finish_why import FinishWhy

from .conftest import elsewhere, press, screen_text, settle


async def test_the_why_dialog_shows_a_change_made_elsewhere_while_it_is_open(make_app, db_path):
    """Opened on a plan, it went on showing that plan after the CLI (or another pmtui) had moved
    the finish: the header said the new finish, the dialog over it the old one and none of the
    change that moved it."""
    from pmtui.services.tasks import edit_task

    app = make_app()
    app.OUTSIDE_CHECK_SECONDS = 3600  # the check comes where the test calls it
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "5", "w", "s", "s", "s", "s")  # the whole history: a period s chose
        assert isinstance(app.screen, FinishWhy)
        assert "since the project was created" in screen_text(app)
        assert "5.6 duration: 20 → 24" not in screen_text(app)
        elsewhere(db_path, lambda other: edit_task(other, app.project_id, "5.6", duration=24))  # `pmtui task edit`
        app._check_outside_changes()
        await settle(pilot)
        assert isinstance(app.screen, FinishWhy)
        text = screen_text(app)
        assert "since the project was created" in text  # the period chosen is kept
        assert "Edit task: 5.6 duration: 20 → 24" in text
        assert "+4d" in text
