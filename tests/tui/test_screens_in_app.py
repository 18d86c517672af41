"""The screens as the real shell registers them: digits switch, undo reaches every screen, and the
key of the risk screen's unlink does not hide the app's undo."""

from __future__ import annotations

from pmtui.screens.gantt import GanttScreen
from pmtui.screens.risks import RiskScreen
from pmtui.screens.standup import StandupScreen
from pmtui.screens.status import StatusScreen
from pmtui.screens.wbs import WbsScreen

from .conftest import press, settle

SIZE = (120, 40)


async def test_digits_open_every_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, cls in (("2", GanttScreen), ("3", RiskScreen), ("4", StandupScreen), ("5", StatusScreen),
                         ("1", WbsScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, cls), key


async def test_undo_on_the_risk_screen_takes_back_a_rescore_and_redraws(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        screen = app.screen
        view = screen.selected_view()
        assert view is not None
        before = (view.risk.probability, view.risk.impact)
        await press(pilot, "minus")  # probability one lower: a journaled re-score
        after = next(v for v in screen.reg.risks if v.id == view.id)
        assert (after.risk.probability, after.risk.impact) == (before[0] - 1, before[1])
        await press(pilot, "u")
        undone = next(v for v in screen.reg.risks if v.id == view.id)
        assert (undone.risk.probability, undone.risk.impact) == before


async def test_the_app_can_open_on_a_given_screen(demo_store):
    from pmtui.app import PmtuiApp

    app = PmtuiApp(demo_store, None, screen="status")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
    try:
        PmtuiApp(demo_store, None, screen="nowhere")
    except ValueError as exc:
        assert "no screen 'nowhere'" in str(exc)
    else:
        raise AssertionError("an unknown screen must be refused")


async def test_j_and_k_scroll_the_status_screen_and_keys_typed_behind_5_scroll_it_as_typed(make_app):
    # j and k move or scroll every other list and text of the app, and did nothing on the status
    # screen: "5jjj" dropped the j's as typed behind a key that did nothing. Keys typed at once
    # each scrolled from where the view was at the last refresh: four downs typed behind the 5
    # (in tmux, at 80x24) scrolled one line, down down pgdn one page.
    from .conftest import notes
    from .test_wbs import burst

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "5", "j", "j", "j", "k")  # the screen's first showing
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        body = app.screen.query_one("#status-body")
        page = body.scrollable_content_region.height
        assert body.max_scroll_y > page + 2 and body.scroll_y == 2
        assert "Not run" not in notes(app)
        burst(app, "1")
        await settle(pilot)
        burst(app, "5", "down", "pagedown", "up")  # shown again
        await settle(pilot)
        assert app.screen.query_one("#status-body") is body and body.scroll_y == min(body.max_scroll_y, 3 + page) - 1


async def test_j_and_k_move_on_the_risk_screen_and_keys_typed_behind_3_move_it(make_app):
    # j and k move the cursor in every other list of the app, and did nothing on the risk screen,
    # neither in the matrix nor in the register: "3jj" dropped the j's as typed behind a key that
    # did nothing.
    from pmtui.widgets.risk_matrix import RiskMatrix

    from .conftest import notes
    from .test_wbs import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "3", "j", "j", "k")  # the screen's first showing: it opens on the worst risk's cell
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RiskScreen)
        matrix = screen.query_one(RiskMatrix)
        worst = screen.reg.select(kind="threat", open_only=True)[0].risk
        assert worst.probability >= 3 and matrix.cell == (worst.probability - 1, worst.impact)
        assert "Not run" not in notes(app)
        burst(app, "1")
        await settle(pilot)
        burst(app, "3", "j")  # shown again
        await settle(pilot)
        assert app.screen is screen and matrix.cell == (worst.probability - 2, worst.impact)
        table = screen.query_one("#risk-register")
        assert table.row_count >= 3 and table.cursor_row == 0
        burst(app, "tab", "j", "j", "k")
        await settle(pilot)
        assert app.focused is table and table.cursor_row == 1
        assert screen.selected_view() is screen.rows[1]  # the panel follows it
        assert "Not run" not in notes(app)
