"""The stand-up's modals: one person's yesterday / today / blockers, and a summary to read, copy
(OSC 52, works over SSH) or compare with another day's."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from pmtui.screens.dialogs import DialogField, DialogScroll, focus_first
from pmtui.widgets.footer import Footer
from pmtui.widgets.refusal import Refusal

FIELDS = ("yesterday", "today", "blockers")


class PersonNotes(ModalScreen[None]):
    """Three one-line fields; enter goes to the next and saves on the last, escape skips.

    It stays open while its edit runs (``submit``, given the form and the values typed): a
    refusal ('yesterday is 500 characters at most; you gave 612') is shown under the fields with
    what was typed kept, where the form closed first and its text was lost with the refusal.
    The app closes it once the edit is saved (PmtuiApp.run_edit)."""

    BINDINGS = [
        Binding("escape", "cancel", "Skip", id="standup.notes.cancel"),
        Binding("ctrl+s", "save", "Save", id="standup.notes.save"),
    ]
    AUTO_FOCUS = ""  # on_mount focuses (focus_first)
    busy: object = False  # its edit, while it runs (set by PmtuiApp.run_edit)

    def __init__(self, name: str, values: dict[str, str],
                 submit: Callable[["PersonNotes", dict[str, str]], None] | None = None) -> None:
        super().__init__()
        self.person = name
        self.values = values
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(f"{self.person}"), classes="dialog-title")
            for key in FIELDS:
                yield Label(key.capitalize(), classes="form-label")
                # Enter goes to the next field, and saves on the last (submitted)
                enter = "Save" if key == FIELDS[-1] else "Next field"
                inp = DialogField(self.values.get(key, ""), id=f"note-{key}", compact=True,
                                  words={"field.confirm": enter, "field.cancel": "Skip"})
                inp.cursor_blink = False
                yield inp
            yield Refusal(id="form-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        focus_first(self, self.query_one(f"#note-{FIELDS[0]}", Input))

    def submitted(self, field: Input) -> None:
        key = (field.id or "").removeprefix("note-")
        if key == FIELDS[-1]:
            self.action_save()
        else:  # at once: the keys typed behind Enter are the next field's (see DialogInput)
            self.set_focus(self.query_one(f"#note-{FIELDS[FIELDS.index(key) + 1]}", Input))

    def action_save(self) -> None:
        typed = {k: self.query_one(f"#note-{k}", Input).value for k in FIELDS}
        if self.submit is None:
            self.dismiss(None)
            return
        self.show_error("")
        self.submit(self, typed)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Refusal).say(message)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SummaryView(ModalScreen[None]):
    """A stand-up summary as Markdown text: c copies it, v compares with another stand-up."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="standup.summary.close"),
        Binding("c", "copy", "Copy", id="standup.summary.copy"),
        Binding("v", "compare", "Compare", id="standup.summary.compare"),
    ]
    FOOTER_ORDER = ("standup.summary.copy", "standup.summary.compare", "standup.summary.close")

    def __init__(self, title: str, markdown: str, compare: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.markdown = markdown
        self.compare = compare

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help", id="standup-summary"):
            yield Static(self.title_text, classes="dialog-title")
            with DialogScroll():
                yield Static(self.markdown, id="summary-text", markup=False)
        yield Footer()

    def show_text(self, title: str, markdown: str) -> None:
        self.title_text, self.markdown = title, markdown
        self.query_one(".dialog-title", Static).update(title)
        self.query_one("#summary-text", Static).update(markdown)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # v with nothing to compare with is neither offered nor taken
        return not (action == "compare" and self.compare is None)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown)
        self.notify("Summary copied to the clipboard (OSC 52)", timeout=3)

    def action_compare(self) -> None:
        if self.compare is not None:
            self.compare()

    def action_close(self) -> None:
        self.dismiss(None)
