"""The footer is rebuilt only when the keys it shows change (Textual's rebuilds it on every
binding update: each modal closed, each focus change)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from pmtui.screens.dialogs import PickScreen
from pmtui.widgets.footer import Footer

from .conftest import press, settle

SIZE = (120, 40)


def footer_keys(app) -> list:
    return list(app.screen.query_one(Footer).query(FooterKey))


async def test_footer_keeps_its_keys_until_they_change(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down")
        before = footer_keys(app)
        assert any(k.description == "Progress" for k in before)
        await press(pilot, "R")  # a dialog: the resources to assign
        assert isinstance(app.screen, PickScreen)
        await press(pilot, "escape")
        await press(pilot, "down")
        assert footer_keys(app) == before  # the same widgets: not rebuilt
        # Typing a search shows the input's keys instead: rebuilt.
        await press(pilot, "slash")
        during = footer_keys(app)
        assert during and during != before
        assert [k.description for k in during] != [k.description for k in before]
        await press(pilot, "escape")
        after = footer_keys(app)
        assert [k.description for k in after] == [k.description for k in before]
