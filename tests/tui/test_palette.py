"""The command palette (^p) lists pmtui's actions, worded as help and the footer word them, and
nothing of Textual's that means nothing to a PM or does harm."""

from __future__ import annotations

from textual.command import CommandPalette

from .conftest import press, screen_text, settle, type_text


async def test_the_palette_offers_no_textual_theme_that_would_end_the_app(make_app):
    # Textual's own "Theme" command listed its themes (nord, dracula …), which lack pmtui's
    # colours: choosing one ended the app on "reference to undefined variable '$pm-cursor-bg'".
    # Its "Quit", "Keys" and "Maximize" said again what q, ? and t do.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not {"Theme", "Keys", "Maximize"} & set(titles), titles
        assert titles.count("Quit") == 1  # q's, with its key and id
        await press(pilot, "ctrl+p")
        await type_text(pilot, "theme")
        await settle(pilot)
        assert "Change the current theme" not in screen_text(app)
        await press(pilot, "enter")  # the one command that matches: t's
        assert not isinstance(app.screen, CommandPalette) and app.is_running
        assert app.theme == "pmtui-light"
        assert "pm-cursor-bg" in app.get_css_variables()


async def test_the_palette_lists_no_key_of_textual_s_own(make_app):
    # Over a dialog (and on a screen) the palette listed one of Textual's keys of the widget in
    # front, in Textual's words: "Scroll Up  ↑ · scroll_up" over the task form, "Scroll Left" over
    # help, "Up  ↑ · cursor_up" over a pick list, "Focus Next" over the delete confirm, "Page Left
    # ^pgup" on the WBS. Each command is now one of pmtui's, with its keys and binding ids.
    from pmtui.app import known_binding_ids

    ours = known_binding_ids()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        places = [("1",), ("1", "slash"), ("5",), ("1", "question_mark"), ("1", "home", "x"),
                  ("1", "home", "j", "e"), ("1", "o"), ("1", "home", "j", "R"), ("3", "n"), ("4", "y")]
        for keys in places:
            await press(pilot, *keys)
            commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
            assert commands.pop("Screenshot")
            for title, help_text in commands.items():
                shown, _, ids = help_text.partition(" · ")
                assert shown and ids and set(ids.split()) <= ours, (keys, title, help_text)
            assert not {"Scroll Up", "Scroll Left", "Focus Next", "Page Left"} & set(commands), keys
            await press(pilot, "escape", "escape")


async def test_the_palette_over_a_dialog_names_every_key_of_a_command_as_its_footer_does(make_app):
    # The palette named the first key of a binding only: "Yes  y" over the delete confirm whose
    # footer reads "y/⏎ Yes", "Close  esc" over help's "esc/q/f1/? Close".
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys, expected in [
            (("home", "x"), {"Yes": "y/⏎ · confirm.yes", "No": "n/esc · confirm.no"}),
            (("question_mark",), {"Close": "esc/q/f1/? · help.close"}),
        ]:
            await press(pilot, *keys)
            commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
            assert {k: commands.get(k) for k in expected} == expected
            footer = screen_text(app).splitlines()[-1]
            for title, help_text in expected.items():
                assert f" {help_text.partition(' · ')[0]} {title} " in footer, footer
            await press(pilot, "escape")
