"""A screen shown for the first time is styled without restyling the whole app, and every screen
still wears the theme chosen last, whenever it was first shown."""

from __future__ import annotations

from textual.color import Color
from textual.css.stylesheet import Stylesheet

from .conftest import press, settle

SIZE = (120, 40)


def background(app) -> Color:
    return Color.parse(app.get_css_variables()["background"])


def count_reparses(monkeypatch) -> list[int]:
    calls: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self) -> None:
        calls.append(1)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return calls


async def test_a_screen_shown_first_parses_no_stylesheet_again(make_app, monkeypatch):
    # The first 2 parsed every stylesheet of the app three times (Textual restyles the app for
    # a screen it takes to be styled before the last CSS change): most of the Gantt's first
    # frame at 100,000 tasks. Nothing changed the CSS since it was parsed.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        calls = count_reparses(monkeypatch)
        for digit, mode in (("2", "gantt"), ("3", "risks"), ("1", "wbs"), ("2", "gantt")):
            await press(pilot, digit)
            await settle(pilot)
            assert app.current_mode == mode
            assert app.screen.styles.background == background(app), mode
        assert calls == []
        chart = app.screen.query_one("#gantt")
        assert chart.styles.overflow_x == "hidden"  # its own default CSS, styled when mounted


async def test_each_screen_wears_the_last_theme_chosen_whenever_it_was_first_shown(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dark = background(app)
        await press(pilot, "t")  # on the WBS: light
        await settle(pilot)
        light = background(app)
        assert light != dark
        await press(pilot, "2")  # first shown after the change
        await settle(pilot)
        assert app.screen.styles.background == light
        await press(pilot, "T")  # on the Gantt: dark again, the WBS left light meanwhile
        await settle(pilot)
        assert app.screen.styles.background == dark
        for digit in ("3", "1", "2"):  # a new screen, one styled light before, the Gantt
            await press(pilot, digit)
            await settle(pilot)
            assert app.screen.styles.background == dark, digit
