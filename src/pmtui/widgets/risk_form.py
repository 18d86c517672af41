"""A small modal form of labelled one-line fields for the risk screen (add, edit, re-score,
link). On save it hands the values to ``submit``, which returns None when the service took them
or the one-line refusal to show under the fields; nothing is changed when it is refused."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from pmtui.screens.dialogs import DialogField, DialogScroll, focus_first
from pmtui.widgets.footer import Footer
from pmtui.widgets.refusal import Refusal

Submit = Callable[[dict[str, str]], "str | None"]
Relabel = Callable[[dict[str, str]], dict[str, str]]


class RiskForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    RiskForm { align: center middle; }
    /* overflow-y: the last resort on a tiny terminal (see _fit): the error was cut off below
       the screen */
    RiskForm > Vertical { width: 70; max-width: 100%; height: auto; max-height: 100%; overflow-y: auto;
                          border: round $primary; background: $surface; padding: 0 1; }
    RiskForm VerticalScroll { height: auto; max-height: 16; }
    RiskForm .risk-form-title { text-style: bold; }
    RiskForm .risk-form-label { color: $text-muted; }
    RiskForm #risk-form-error { color: $error; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="risk_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="risk_form.save"),
    ]
    AUTO_FOCUS = ""  # on_mount focuses (focus_first)

    def __init__(self, title: str, fields: list[tuple[str, str, str]], submit: Submit,
                 relabel: Relabel | None = None, words: dict[str, str] | None = None) -> None:
        """``fields``: (key, label, initial value). ``relabel``: new labels by key, from the
        values as typed (a label that depends on another field). ``words``: the keys, as the
        footer says them (pmtui.screens.dialogs.DialogField)."""
        super().__init__()
        self.title_text, self.fields, self.submit, self.relabel = title, fields, submit, relabel
        self.words = {"field.confirm": "Save", **(words or {})}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="risk-form-title")
            with VerticalScroll():
                for key, label, value in self.fields:
                    yield Label(label, id=f"rf-label-{key}", classes="risk-form-label")
                    field = DialogField(value, id=f"rf-{key}", compact=True, words=self.words)
                    field.cursor_blink = False
                    yield field
            yield Refusal(id="risk-form-error")
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        focus_first(self, self.query(Input).first())

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """The fields scroll in what a short terminal leaves of their 16 rows once the border,
        the title, a refusal of two lines and the footer are shown: the form itself need not
        scroll too (nested scrolling lost the focused field below the screen)."""
        self.query_one(VerticalScroll).styles.max_height = max(2, min(16, height - 6))

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#rf-{key}", Input).value for key, _l, _v in self.fields}

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.relabel is not None and self.is_mounted:
            for key, label in self.relabel(self.values()).items():
                self.query_one(f"#rf-label-{key}", Label).update(label)

    def submitted(self, field: Input) -> None:
        self.action_save()

    def action_save(self) -> None:
        problem = self.submit(self.values())
        if problem:
            self.query_one("#risk-form-error", Refusal).say(problem)  # in view once laid out
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class RiskText(ModalScreen[None]):
    """Read-only text (the why of a risk's linked tasks), scrollable; esc, q or w closes it."""

    DEFAULT_CSS = """
    RiskText { align: center middle; }
    RiskText > VerticalScroll { width: 90%; height: 80%; border: round $primary; background: $surface;
                                padding: 0 1; }
    """

    BINDINGS = [Binding("escape,q,w", "close", "Close", id="risk_text.close")]
    FOOTER_ORDER = ("risk_text.close",)

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with DialogScroll():
            yield Static(self.text)
        yield Footer()  # its own: the register's under it offered keys, none of which work here

    def action_close(self) -> None:
        self.dismiss(None)
