"""A session left open all day: what an edit replaces is freed, on a big plan too."""

from __future__ import annotations

import gc
import weakref

from pmtui.screens.dialogs import TaskForm

from .conftest import press, settle, type_text


async def test_a_saved_form_does_not_keep_a_big_plan_alive(db_path):
    # Over 5,000 tasks the app freezes the heap after each plan (PmtuiApp._show_plan): a form
    # open at that moment, garbage in cycles once closed, was never collected, and kept the
    # plan it was opened on (at 10,000 tasks, 30 MB per saved form).
    from benchmarks.bench_tui import build_plan
    from pmtui.app import PmtuiApp
    from pmtui.store import open_store

    build_plan(db_path, 6000)
    store = open_store(str(db_path))
    app = PmtuiApp(store, None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "j", "d")
            assert isinstance(app.screen, TaskForm)
            opened_on = weakref.ref(app.screen.plan)
            await press(pilot, "ctrl+u")
            await type_text(pilot, "4d")
            await press(pilot, "enter")
            assert not isinstance(app.screen, TaskForm)
            for key in "1234":  # more edits: their plans replace the one the form saw
                await press(pilot, "m", key)
            gc.collect()
            assert opened_on() is None
    finally:
        gc.unfreeze()
        store.close()


async def test_a_saved_form_is_freed_once_its_edit_is_over(make_app):
    # What Textual starts keeps the context it was started in, which names the widget whose
    # handler ran: the hold limit's timer kept the form's input 45 s. And the edit's worker,
    # the last one its pool thread ran, kept the form it was given until that thread ran another.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "d")
        assert isinstance(app.screen, TaskForm)
        form, field = weakref.ref(app.screen), weakref.ref(app.focused)
        await press(pilot, "ctrl+u")
        await type_text(pilot, "4d")
        await press(pilot, "enter")
        assert not isinstance(app.screen, TaskForm)
        assert app.plan.by_id[app.screen.table.current_id].duration == 4  # saved
        gc.collect()
        assert field() is None
        assert form() is None


async def test_the_rows_an_edit_redraws_leave_nothing_in_cycles(make_app):
    # The table's cache of drawn rows was Textual's LRUCache, whose clear() drops its ring of
    # entries whole: every row drawn until then was garbage in a cycle, at each edit, kept
    # until a full collection (which a big plan's freezes put off).
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "m", "2")  # an edit: its plan keeps the rows, marks the changes
        table = app.screen.table
        assert len(table._cache) > 10
        gc.collect()
        table.set_plan(app.plan)  # the rows drawn so far are dropped, as on every edit
        assert gc.collect() == 0
