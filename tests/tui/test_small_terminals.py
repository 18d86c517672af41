"""Small and shrinking terminals: what the user is typing into, the row the cursor is on and a
refusal stay on the screen (found by a tester in tmux at 80×24 and 40×10)."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Footer, OptionList

from pmtui.screens.dialogs import PickScreen, TaskForm
from pmtui.screens.link_prompt import LinkPrompt
from pmtui.widgets.risk_form import RiskForm

from .conftest import press, screen_text, settle, type_keys, type_text


def in_view(widget, container) -> bool:
    """The widget's whole region lies in the part of ``container`` shown on the screen."""
    return container.scrollable_content_region.contains_region(widget.region)


def dialog(app):
    return app.screen.query_one("ModalScreen > Vertical")


# -- the stand-up's answer bar ------------------------------------------------------------------

@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_stand_up_answer_bar_is_above_the_footer(make_app, size):
    # The bar was docked at the bottom with the footer, which covered it: "Days left:" and the
    # answer were never seen.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g")
        assert app.screen.tasks.current is not None
        await press(pilot, "r")
        field = app.screen.query_one("#standup-ask-input")
        assert app.focused is field
        footer = app.screen.query_one(Footer)
        assert app.screen.region.contains_region(field.region)
        assert not field.region.overlaps(footer.region)
        await type_text(pilot, "17")
        line = next((ln for ln in screen_text(app).splitlines() if "Days left:" in ln), "")
        assert "17" in line


async def test_the_stand_up_shows_the_whole_line_of_the_task_at_80_columns(make_app):
    # One line high, the line under the list was cut at 80 columns after the task's dates: its
    # float and the blocker just raised (the reason it is late) were never seen in the meeting.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g", "b")
        await type_text(pilot, "vendor VPN access")
        await press(pilot, "enter")
        app.clear_notifications()  # a toast covers the right of the bottom lines for a while
        await settle(pilot)
        shown = " ".join(ln.strip() for ln in screen_text(app).splitlines())
        assert "⚑ vendor VPN access" in shown
        assert "float" in shown
        detail = app.screen.query_one("#standup-detail")
        assert not detail.region.overlaps(app.screen.query_one(Footer).region)


# -- the cursor row after the terminal shrinks -------------------------------------------------

@pytest.mark.parametrize("screen_key, widget_id", [("1", "#tasks"), ("2", "#gantt")])
async def test_the_cursor_row_stays_in_view_when_the_terminal_shrinks(make_app, screen_key, widget_id):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, screen_key)
        view = app.screen.query_one(widget_id)
        last = view.page - 1  # the last row shown at 120×40
        await type_keys(pilot, *"j" * last)
        await settle(pilot)
        assert view.cursor == last and round(view.scroll_offset.y) == 0
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        top = round(view.scroll_offset.y)
        assert view.page < last and top <= view.cursor < top + view.page
        # and drawn there: the cursor's task is on its row of the widget
        wbs = app.plan.by_id[view.current_id].wbs
        row = view.region.y + view.header_rows + view.cursor - top
        assert f" {wbs} " in screen_text(app).splitlines()[row]


# -- dialogs on a small terminal ---------------------------------------------------------------

async def test_the_task_form_scrolls_to_the_focused_field_and_to_a_refusal(make_app):
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "e")  # 1.1, a task (a summary's duration is not a field)
        assert isinstance(app.screen, TaskForm)
        box = dialog(app)
        # shown from its title: the name field was scrolled to the top, its label out of view
        assert app.focused.id == "f-name" and in_view(app.focused, box)
        assert in_view(box.query_one(".dialog-title"), box) and in_view(box.query_one(".form-label"), box)
        for key, _label in TaskForm.FIELDS[1:]:
            await press(pilot, "tab")
            assert app.focused.id == f"f-{key}" and in_view(app.focused, box), key
        assert app.focused.id == "f-notes"
        # a refused save: its message is scrolled into view, not left below the dialog
        await press(pilot, "shift+tab")
        assert app.focused.id == "f-deadline"
        await type_text(pilot, "nonsense")
        await press(pilot, "enter")
        assert isinstance(app.screen, TaskForm)
        error = app.screen.query_one("#form-error")
        assert "nonsense" in str(error.render())
        assert in_view(error, box)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_refusal_of_two_lines_leaves_the_task_forms_keys_in_view(make_app, size):
    # At 80×24 a wrapped refusal pushed "enter save · esc cancel" below the form's edge: the
    # form scrolled, and the only line saying how to leave it was out of view. The keys are now
    # the dialog's footer's alone, on the terminal's last row.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "j", "D", "ctrl+u")  # 1.1's deadline
        await type_text(pilot, "2027-02-31 or the Monday after")
        await press(pilot, "enter")
        assert isinstance(app.screen, TaskForm)
        box, error = dialog(app), app.screen.query_one("#form-error")
        assert "is not understood" in str(error.render()) and error.region.height >= 2
        assert in_view(error, box)
        last = screen_text(app).splitlines()[size[1] - 1]
        assert " ⏎/^s Save " in last and " esc Cancel " in last, last
        # and no field hides behind the refusal and the keys as the user tabs through them
        foot = app.screen.query_one(".dialog-foot")
        for _ in TaskForm.FIELDS:
            await press(pilot, "tab")
            assert in_view(app.focused, box) and not app.focused.region.overlaps(foot.region), app.focused.id


async def test_a_pick_list_fits_a_short_terminal(make_app):
    # 9 resources at 50×12: the list was cut off by the dialog, and its highlight with it
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "R")  # a task: a summary takes no one
        assert isinstance(app.screen, PickScreen)
        options = app.screen.query_one(OptionList)
        box = dialog(app)
        assert in_view(options, box)
        await press(pilot, *["down"] * 8)
        assert options.highlighted == 8
        assert "Assign a resource" in screen_text(app)
        assert "9  " + app.screen.choices[8][1] in screen_text(app)


async def test_the_risk_form_scrolls_to_the_focused_field_and_to_a_refusal(make_app):
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "n")
        assert isinstance(app.screen, RiskForm)
        box = dialog(app)
        fields = list(app.screen.query("Input"))
        for _ in fields[1:]:
            await press(pilot, "tab")
            assert in_view(app.focused, box), app.focused.id
        await press(pilot, "enter")  # refused: the risk has no title
        assert isinstance(app.screen, RiskForm)
        error = app.screen.query_one("#risk-form-error")
        assert "title" in str(error.render())
        assert in_view(error, box)


async def test_the_link_prompt_shows_a_refusal_on_a_tiny_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(40, 6)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "p")
        assert isinstance(app.screen, LinkPrompt)
        await type_text(pilot, "99.99")
        await press(pilot, "enter")
        assert isinstance(app.screen, LinkPrompt)
        error = app.screen.query_one("#link-error")
        assert "99.99" in str(error.render())
        assert in_view(error, dialog(app))


async def test_the_stand_up_notes_scroll_to_the_focused_field(make_app):
    app = make_app()
    async with app.run_test(size=(40, 8)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g", "y")
        box = dialog(app)
        assert app.focused.id == "note-yesterday"
        title, label = box.query_one(".dialog-title"), box.query_one(".form-label")
        assert in_view(title, box) and in_view(label, box) and in_view(app.focused, box)
        for field in ("note-today", "note-blockers"):
            await press(pilot, "tab")
            assert app.focused.id == field and in_view(app.focused, box)


def layout_asked_late(widget, delay: float = 0.05) -> None:
    """The widget's request for a new layout reaches its screen ``delay`` late, as when the
    process is starved of CPU: a widget passes its request on when its own queue falls idle,
    which under load came after the screen's idle had run the callbacks it holds 'after the
    refresh' (the refusal was scrolled into view by its old height, a line short)."""
    check = widget._check_refresh
    widget._check_refresh = lambda: widget.set_timer(delay, check)


@pytest.mark.parametrize("text", ["1.1, 1.2", "99.99"], ids=["wrapped", "one-line"])
async def test_a_refusal_laid_out_late_is_still_scrolled_into_view(make_app, text):
    app = make_app()
    async with app.run_test(size=(40, 6)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "p")
        assert isinstance(app.screen, LinkPrompt)
        error, box = app.screen.query_one("#link-error"), dialog(app)
        layout_asked_late(error)
        await type_text(pilot, text)
        await press(pilot, "enter")
        assert isinstance(app.screen, LinkPrompt)
        said = str(error.render())
        assert text.split(",")[0] in said or "one task" in said, said
        # the wait is for the layout the message asks for, which settle cannot see coming
        deadline = asyncio.get_running_loop().time() + 10
        while error.region.height < (2 if "," in text else 1):
            assert asyncio.get_running_loop().time() < deadline, "the refusal was never laid out"
            await asyncio.sleep(0.01)
        await settle(pilot)
        assert in_view(error, box), (error.region, box.scrollable_content_region)


async def test_the_link_prompt_at_40x6_shows_what_it_is_for_what_was_typed_and_why_it_was_refused(make_app):
    # Two rows inside its border: the title (and the blank line under it) scrolled away to show
    # the field, and a refusal scrolled the field away; a cycle, its tasks by name, took six lines
    def shown(app) -> list[str]:
        """The dialog's rows, as the screen shows them between its sides."""
        return [line.split("│")[1].strip() for line in screen_text(app).splitlines() if line.count("│") >= 2]

    app = make_app()
    async with app.run_test(size=(40, 6)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "g")
        await type_text(pilot, "3.3.1")
        await press(pilot, "enter", "s")
        assert isinstance(app.screen, LinkPrompt)
        title = "Successor of 3.3.1 SAP S/4HANA cu…"  # one line, cut at the edge
        assert shown(app) == [title, "WBS code, e.g. 2.3 or 2.3SS+2d", ""]  # the refusal's row, empty
        await type_text(pilot, "99.99")
        await press(pilot, "enter")
        await settle(pilot)
        assert shown(app) == [title, "99.99", "no task 99.99 in project 'CRM", "migration'"]
        await press(pilot, *["backspace"] * 5)
        await type_text(pilot, "2.6")
        await press(pilot, "enter")
        await settle(pilot)
        # the tasks by their codes (the last keeps its name): title, field and reason in five rows
        assert shown(app) == [title, "2.6", "dependency cycle: 2.6 → 3.3.1 →", "2.6 SAP interface specification",
                              "(customers, orders)"]
        error = app.screen.query_one("#link-error")
        for widget in (app.screen.query_one(".dialog-title"), app.focused, error):
            assert in_view(widget, dialog(app)), widget
        # with the room back, the prompt and its reason are whole again, as they were
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.has_class("-short")
        assert str(error.render()) == ("dependency cycle: 2.6 SAP interface specification (customers, orders) → 3.3.1 "
                                       "SAP S/4HANA customer & order sync via middleware → 2.6 SAP interface "
                                       "specification (customers, orders)")


async def test_a_link_prompt_refusal_too_long_for_a_tiny_terminal_is_cut_under_the_field(make_app):
    app = make_app()
    async with app.run_test(size=(40, 5)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "g")
        await type_text(pilot, "3.3.1")
        await press(pilot, "enter", "s")
        await type_text(pilot, "2.6")
        await press(pilot, "enter")
        await settle(pilot)
        # four rows: the title, the field and two lines of the reason, the second cut
        assert str(app.screen.query_one("#link-error").render()) == (
            "dependency cycle: 2.6 → 3.3.1 →\n2.6 SAP interface specification…")
        for widget in (app.screen.query_one(".dialog-title"), app.focused):
            assert in_view(widget, dialog(app)), widget


async def test_the_task_form_at_40x6_shows_the_field_p_opens_its_label_and_a_refusal(make_app):
    # Two rows inside its border, both blank: the predecessors field p opens it at could not be
    # seen, and a refusal showed alone, without what it refused
    def rows(app) -> list[str]:
        return [line.rstrip(" ▁▂▃▄▅▆▇█") for line in screen_text(app).splitlines()[:5]]

    app = make_app()
    async with app.run_test(size=(40, 6)) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        await type_text(pilot, "2.8")
        await press(pilot, "enter", "p")
        assert isinstance(app.screen, TaskForm) and app.focused.id == "f-predecessors"
        box, error = dialog(app), app.screen.query_one("#form-error")
        label = box.children[box.children.index(app.focused) - 1]
        title = app.screen.query_one(".dialog-title")
        assert rows(app)[0] == "Edit 2.8 Solution design document (SDD)"
        assert rows(app)[2:4] == ["Predecessors", "2.5, 2.6FF+1d, 2.7"]
        app.focused.value = "x"
        await press(pilot, "enter")
        # three lines of reason: the title gives them its row; the label and the field stay
        said = ("predecessor 'x' is not understood: use a WBS code with an optional type and lag, e.g. "
                "1.2FS+2d, 1.3SS or 4")
        assert isinstance(app.screen, TaskForm) and str(error.render()) == said
        assert rows(app) == ["Predecessors", "x", "predecessor 'x' is not understood: use",
                             "a WBS code with an optional type and", "lag, e.g. 1.2FS+2d, 1.3SS or 4"]
        app.focused.value = "99.99"
        await press(pilot, "enter")
        await settle(pilot)
        # two lines (the service's refusal): the title is back above them
        assert rows(app) == ["Edit 2.8 Solution design document (SDD)", "Predecessors", "99.99",
                             "no task 99.99 in project 'CRM", "migration'"]
        for widget in (title, label, app.focused, error):
            assert app.screen.region.contains_region(widget.region) and widget.region.height, widget
        # a cycle names its tasks by their codes, to keep the title above it
        app.focused.value = "3.3.1, 4.8"
        await press(pilot, "enter")
        await settle(pilot)
        assert rows(app) == ["Edit 2.8 Solution design document (SDD)", "Predecessors", "3.3.1, 4.8",
                             "dependency cycle: 2 → 4.1 → 4.2 → 4.3 →", "4.4 → 4.8 → 2.8 → 2 Analysis & design"]
        # back a field: it shows with its label, not under the title without it
        await press(pilot, "shift+tab")
        assert app.focused.id == "f-duration"
        assert rows(app)[1:3] == ["Duration", "6d"]
        # with the room back, the form is as it was, its reason whole
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.has_class("-short")
        assert str(error.render()).startswith("dependency cycle: 2 Analysis & design → 4.1 Test strategy & test plan → ")
