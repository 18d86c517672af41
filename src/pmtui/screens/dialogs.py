"""Small modal screens: confirm, pick one of a list, the task form, help; and the fields and
lists of dialogs, which name their keys in the dialog's footer (pmtui.widgets.footer)."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.lazy import LazyModule
from pmtui.models.errors import PmtuiError
from pmtui.models.parsing import parse_constraint, parse_date, parse_duration
from pmtui.widgets.dialog_input import DialogInput
from pmtui.widgets.footer import Footer, Worded
from pmtui.widgets.detail import codes_only
from pmtui.widgets.refusal import Refusal, cut_to, wrapped


# Rows of the task form's dialog below which it goes short (pmtui.tcss, TaskForm.-short): at
# 40x8 and smaller its border and the title's blank line took half of it.
FORM_FULL_ROWS = 7
LIST_ROWS = 16  # the most rows a dialog's list takes (#pick-list, #project-list in pmtui.tcss)


def dialog_rows(height: int) -> int:
    """The most rows a dialog takes on a terminal ``height`` rows high: 95% of what its footer
    leaves (max-height of .dialog in pmtui.tcss)."""
    return int((height - 1) * 0.95)


def fit_list(options: OptionList, height: int, around: int = 4) -> None:
    """Cap a dialog's list so the list and the ``around`` rows of its dialog (border, title)
    fit a terminal ``height`` rows high. The dialog scrolls when it is too tall (pmtui.tcss,
    .dialog), but a list cut off by that scroll hides its highlighted option: the list scrolls
    to its highlight only within its own height."""
    options.styles.max_height = max(3, min(LIST_ROWS, dialog_rows(height) - around))


def focus_first(screen: ModalScreen, field: Widget) -> None:
    """Focus a form's first field (in its on_mount) and, on a terminal too short for the form,
    show it from its title down to that field. Textual's focus scroll, worked out before the
    form's layout when the screen focuses a field itself (AUTO_FOCUS), put the field at the top:
    its label and the title out of view. Forms that use this set ``AUTO_FOCUS = ""``."""
    field.focus(scroll_visible=False)
    box = field.parent
    while box is not None and box.parent is not screen:
        box = box.parent
    screen.call_after_refresh(box.scroll_to_widget, field, animate=False, immediate=True)


class DialogField(Worded, DialogInput):
    """A dialog's one-line field, its keys named in the dialog's footer. DialogInput acts on them
    in key order (its on_key); these bindings name them (and run them from a click), worded for
    the dialog by ``words`` ({binding id: words}: the task form's Enter saves, the link prompt's
    links). Keys the dialog does not take are not offered: ^s where there is nothing to save,
    tab with one field."""

    BINDINGS = [
        Binding("enter", "submit", "Confirm", id="field.confirm"),
        Binding("ctrl+s", "save", "Save", id="field.save"),
        Binding("tab", "next_field", "Next field", id="field.next"),
        Binding("escape", "cancel", "Cancel", id="field.cancel"),
    ]
    FOOTER_ORDER = ("field.confirm", "field.save", "field.next", "field.cancel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return hasattr(self.screen, "action_save")
        if action == "cancel":
            return hasattr(self.screen, "action_cancel")
        if action == "next_field":
            return sum(isinstance(w, Input) for w in self.screen.focus_chain) > 1
        return True

    def action_save(self) -> None:
        act = self._action("ctrl+s")
        if act is not None:
            act()

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def action_cancel(self) -> None:
        act = self._action("escape")
        if act is not None:
            act()


class ChoiceList(Worded, OptionList):
    """A dialog's list: its Enter named in the footer, worded for the dialog by ``words``, with
    the keys that pick a choice at once, if it has any (``keys``: {"list.choose": "1-9/+"},
    shown "⏎/1-9/+ Pick")."""

    BINDINGS = [
        Binding("enter", "select", "Pick", id="list.choose"),
        # as in every other list (a pick list's choices are digits, +, or none)
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]
    FOOTER_ORDER = ("list.choose",)


def key_span(keys: list[str]) -> str:
    """The keys of a pick list's choices as its footer names them: a run of three digits or more
    in short ("1-9"), the others one by one ("1-9/+"; "1/2")."""
    parts: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        parts.extend([f"{run[0]}-{run[-1]}"] if len(run) >= 3 else run)
        run.clear()

    for key in keys:
        if key.isdigit() and len(key) == 1 and run and int(key) == int(run[-1]) + 1:
            run.append(key)
            continue
        close_run()
        if key.isdigit() and len(key) == 1:
            run.append(key)
        else:
            parts.append(key)
    close_run()
    return "/".join(parts)


class KeyScroll(VerticalScroll):
    """Text that scrolls from the keyboard, j and k too, each key as far as it says; none of its
    keys in the footer (the status screen's body: its footer is the screen's commands)."""

    BINDINGS = [
        # j and k as on the WBS, the Gantt and the stand-up: a j typed in help or on the status
        # screen to read on did nothing, and dropped the keys typed behind it.
        Binding("j", "scroll_down", "Scroll", show=False, id="scroll.down_j"),
        Binding("k", "scroll_up", "Scroll", show=False, id="scroll.up_k"),
    ]

    # Scrolled at once: Textual's own scrolls wait for the next refresh and count from where the
    # view is until then, so keys typed in one burst each scrolled from the same place ("jjj" in
    # help moved one line, "jjjk" none, two pgdn one page). Textual's own bindings (down, pgdn)
    # run these too.
    def action_scroll_down(self) -> None:
        self._lines_down(1)

    def action_scroll_up(self) -> None:
        self._lines_down(-1)

    def action_page_down(self) -> None:
        self._lines_down(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._lines_down(-self.scrollable_content_region.height)

    def _lines_down(self, lines: int) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()  # (nothing to scroll: the key goes on to the screen's bindings)
        self.scroll_to(y=self.scroll_target_y + lines, animate=False, immediate=True)


class DialogScroll(KeyScroll):
    """A dialog's text that scrolls (help, a summary): its keys named in the dialog's footer,
    which said only how to close it while the text ran on below the dialog's edge. j and k are
    not: in the risk form, whose fields scroll, they are typed into the field."""

    BINDINGS = [
        Binding("down", "scroll_down", "Scroll", id="scroll.down"),
        Binding("up", "scroll_up", "Scroll", id="scroll.up"),
        Binding("pagedown", "page_down", "Page", id="scroll.page_down"),
        Binding("pageup", "page_up", "Page", id="scroll.page_up"),
    ]
    FOOTER_ORDER = ("scroll.down", "scroll.up", "scroll.page_down", "scroll.page_up")


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; y/enter says yes, n/escape says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]
    FOOTER_ORDER = ("confirm.yes", "confirm.no")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PickScreen(ModalScreen[Any]):
    """Choose one value from a short list (enter, or the key shown before it)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]
    FOOTER_ORDER = ("pick.cancel",)

    def __init__(self, title: str, choices: list[tuple[str, str, Any]]) -> None:
        """``choices``: (key, label, value); the key picks it at once."""
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield ChoiceList(
                *[Option(f"{k}  {label}" if k else label, id=str(i)) for i, (k, label, _v) in enumerate(self.choices)],
                id="pick-list", keys={"list.choose": key_span([k for k, _label, _v in self.choices if k])},
            )
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        # again once the title is laid out: a long task name wraps it over two lines or more,
        # and a list sized for one line scrolled the title's first line out of a short terminal
        self.call_after_refresh(lambda: self._fit(self.app.size.height))

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        title = self.query_one(".dialog-title")
        fit_list(self.query_one(OptionList), height, around=3 + max(1, title.size.height))

    def on_key(self, event) -> None:
        for key, _label, value in self.choices:
            if key and event.character == key:
                event.stop()
                self.dismiss(value)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id)][2])

    def action_cancel(self) -> None:
        self.dismiss(None)


task_svc = LazyModule("pmtui.services.tasks")  # read in the edit's worker: not before the first frame


def edit_task_in_form(app, plan, task_id: int, focus: str = "name") -> None:
    """Open the task form on a task, its answer saved as one edit (undone with u): the WBS's e,
    d, p, c, D and N, and the Gantt's e."""

    def submit(form: TaskForm, preds, fields) -> None:
        app.run_edit("Edit task",
                     lambda store, pid: task_svc.edit_task(store, pid, f"#{task_id}", predecessors=preds, **fields),
                     select=task_id, form=form,
                     say_plan=None if preds is None else partial(kept, links_into(form.plan)))

    def links_into(plan) -> set:
        return {(l.pred_id, l.type, l.lag) for l in plan.preds_of.get(task_id, [])}

    def kept(was: set, after) -> str:
        # A predecessor added (or its type or lag changed) to a task under way or done moves
        # nothing; the form closed on the task's dates as they were, with no word why.
        if task_id not in after.by_id:
            return ""
        new = links_into(after) - was
        return after.progress_keeps(task_id, len(new)) if new else ""

    app.push_screen(TaskForm(plan, task_id, focus, submit))


class TaskForm(ModalScreen[None]):
    """Edit a task's fields in one go. Values are checked here and by the service; a refusal is
    shown under the fields and nothing is changed. One service call on save."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]
    FOOTER_ORDER = ("form.save", "form.cancel")
    busy: object = False  # its edit, while it runs (set by PmtuiApp.run_edit)
    AUTO_FOCUS = ""  # on_mount focuses (focus_first)

    FIELDS = [
        ("name", "Name"),
        ("duration", "Duration"),
        ("predecessors", "Predecessors"),
        ("constraint", "Constraint"),
        ("constraint_date", "Constraint date"),
        ("deadline", "Deadline"),
        ("notes", "Notes"),
    ]

    def __init__(self, plan, task_id: int, focus: str = "name",
                 submit: Callable[["TaskForm", str, dict], None] | None = None) -> None:
        super().__init__()
        self.plan, self.task_id, self.focus_field, self.submit = plan, task_id, focus, submit
        self.said = ""  # the refusal as worded, before _fitted cut it to the room
        t = plan.by_id[task_id]
        self.initial = {
            "name": t.name,
            # A summary's duration is its tasks' span (as the table shows), not an editable field.
            "duration": (f"{plan.schedule.tasks[task_id].ef - plan.schedule.tasks[task_id].es + 1}d (from its tasks)"
                         if t.children else f"{t.duration}d"),
            "predecessors": plan.predecessors_text(task_id),
            "constraint": t.constraint_type,
            "constraint_date": t.constraint_date.isoformat() if t.constraint_date else "",
            "deadline": t.deadline.isoformat() if t.deadline else "",
            "notes": t.notes,
        }

    def on_unmount(self) -> None:
        # A closed form is garbage in cycles (as every Textual widget is), freed only by a full
        # collection, which a big plan defers (see PmtuiApp._show_plan): it must not keep the
        # whole plan it was opened on alive meanwhile.
        self.plan = None

    def compose(self) -> ComposeResult:
        t = self.plan.by_id[self.task_id]
        with Vertical(classes="dialog form"):
            yield Static(Text(f"Edit {t.wbs} {t.name}"), classes="dialog-title")
            for key, label in self.FIELDS:
                if key == "duration" and not t.children and self.plan.duration_now(t) != t.duration:
                    # the field holds and changes the planned duration, not the one the tables show
                    how = "as it ran" if t.percent_complete >= 100 else "days done + days left"
                    label = f"Planned duration (now {self.plan.duration_now(t)}d, {how})"
                yield Label(label, classes="form-label")
                inp = DialogField(self.initial[key], id=f"f-{key}", compact=True, words={"field.confirm": "Save"},
                                  disabled=(key == "duration" and bool(t.children)))
                inp.cursor_blink = False
                yield inp
            with Vertical(classes="dialog-foot"):
                yield Refusal(id="form-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        focus_first(self, self.query_one(f"#f-{self.focus_field}", Input))

    def on_resize(self, event) -> None:
        self._fit(event.size.height)
        if self.said:
            self.call_after_refresh(lambda: self.show_error(self.said))

    def _fit(self, height: int) -> None:
        # At 40x6 the form had two rows inside its border, both blank where p had put the
        # predecessors field (the empty refusal docked under them), and a refusal showed alone,
        # without the field it refused. Short, it gives up its border, padding and the title's
        # blank line, and the title stays on its top row: title, label and field fit 40x6.
        self.set_class(dialog_rows(height) < FORM_FULL_ROWS, "-short")
        if not self.has_class("-short"):
            self.remove_class("-untitled")

    def on_descendant_focus(self, event) -> None:
        # Textual's own focus scroll (Screen.set_focus) counts a field under the docked refusal
        # and keys (.dialog-foot) as seen; scroll_to_region leaves room for them.
        self.call_after_refresh(self._show_field, event.widget)

    def _show_field(self, field: Widget) -> None:
        """The field and its label in view: on a terminal a few rows high, a field scrolled to
        from below (shift+tab) showed without the label saying what it was."""
        if not field.is_attached:
            return
        box = self.query_one(".dialog")
        region = field.virtual_region_with_margin
        label = box.children[box.children.index(field) - 1] if field in box.children else None
        if isinstance(label, Label):
            region = region.union(label.virtual_region_with_margin)
        box.scroll_to_region(region, spacing=field.dock_gutter, animate=False, immediate=True)

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#f-{key}", Input).value for key, _ in self.FIELDS}

    def changes(self) -> tuple[dict[str, Any], str | None]:
        """(fields for edit_task, predecessors text or None); raises BadValue for a bad value."""
        new, old = self.values(), self.initial
        fields: dict[str, Any] = {}
        if new["name"] != old["name"]:
            fields["name"] = new["name"]
        if new["duration"].strip() != old["duration"]:
            fields["duration"] = parse_duration(new["duration"])
        ctype = parse_constraint(new["constraint"] or "ASAP")
        cdate = parse_date(new["constraint_date"]) if new["constraint_date"].strip() else None
        # Only what changed goes to the service, which applies MS Project's rules: a date alone
        # on an ASAP task makes it SNET, choosing ASAP or ALAP drops the date.
        t = self.plan.by_id[self.task_id]
        if ctype != t.constraint_type:
            fields["constraint_type"] = ctype
        if cdate != t.constraint_date:
            fields["constraint_date"] = cdate
        deadline = parse_date(new["deadline"]) if new["deadline"].strip() else None
        if deadline != t.deadline:
            fields["deadline"] = deadline
        if new["notes"] != old["notes"]:
            fields["notes"] = new["notes"]
        preds = new["predecessors"] if new["predecessors"].strip() != old["predecessors"] else None
        return fields, preds

    def submitted(self, field: Input) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            fields, preds = self.changes()
        except PmtuiError as exc:
            self.show_error(str(exc))
            return
        if not fields and preds is None:
            self.dismiss(None)
            return
        self.show_error("")
        if self.submit is not None:
            self.submit(self, preds, fields)

    def show_error(self, message: str) -> None:
        # On a small terminal the form scrolls and the message is under the last field:
        # shown once laid out, or the user types blind (pmtui.tcss, .dialog).
        self.said = message
        refusal = self.query_one("#form-error", Refusal)
        if self.has_class("-short"):
            message = self._fitted(message, refusal.content_size.width)
        refusal.say(message)
        focused = self.focused
        if isinstance(focused, Input):
            self.call_after_refresh(self._show_field, focused)

    def _fitted(self, message: str, width: int) -> str:
        """``message`` in the rows the short form has under the field and its label. A refusal
        of three lines (most are, at 40 columns) takes the title's row: what the form is about
        was seen when it opened; what was refused is seen beside why. Longer, the tasks it
        names go by their codes, then it is cut."""
        rows = self.app.size.height - 1 - 2  # the footer; the label and the field
        if not message or width <= 0:
            self.remove_class("-untitled")
            return message
        tries = [message, codes_only(self.plan, message)] if self.plan is not None else [message]
        for text in tries:
            for room in (rows - 1, rows):
                if len(wrapped(text, width)) <= room:
                    self.set_class(room == rows, "-untitled")
                    return text
        self.add_class("-untitled")
        return cut_to(tries[-1], width, rows)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen in front, in groups, with their ids (for config.toml)."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close", id="help.close")]
    FOOTER_ORDER = ("help.close",)

    def __init__(self, title: str, rows: list[tuple[str, str, str]], legend: str = "") -> None:
        super().__init__()
        self.title_text, self.rows, self.legend = title, rows, legend

    def compose(self) -> ComposeResult:
        text = Text()
        width = max((len(k) for k, _d, _i in self.rows), default=4) + 2
        # the words' column as wide as the longest (pmtui.help_keys.LONG), so no id runs into them
        words = max((len(d) for _k, d, _i in self.rows), default=0) + 1
        headings = getattr(self.rows, "headings", {})  # pmtui.help_keys.HelpRows
        for i, (keys, desc, bid) in enumerate(self.rows):
            if i in headings:
                text.append(("\n" if i else "") + headings[i] + "\n", "bold underline")
            text.append(keys.ljust(width), "bold")
            text.append(desc.ljust(words) + " ")
            text.append(f"{bid}\n", "dim")
        if self.legend:
            text.append("\n" + self.legend)
        with Vertical(classes="dialog help"):
            yield Static(Text(f"Keys — {self.title_text}   (remap in config.toml [keys] by id)"),
                         classes="dialog-title")
            with DialogScroll():
                yield Static(text)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
