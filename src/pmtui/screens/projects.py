"""The project switcher: open, create or rename a project. Dismisses with the id to open."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.models.errors import PmtuiError
from pmtui.models.parsing import parse_date
from pmtui.screens.dialogs import ChoiceList, DialogField, fit_list
from pmtui.services import projects as svc
from pmtui.widgets.footer import Footer


class ProjectSwitcher(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="projects.close"),
        Binding("n", "new", "New project", id="projects.new"),
        Binding("r", "rename", "Rename", id="projects.rename"),
        # the app's redo does not reach a modal screen; here it is the way back to a project
        # whose creation was just undone (the screen under it says "U brings it back")
        Binding("U,ctrl+y", "redo", "Bring back the project undone", show=False, id="projects.redo"),
        # and the way back to one deleted from the CLI (the screen under it says "u brings it back")
        Binding("u,ctrl+z", "undo", "Bring back the project deleted", show=False, id="projects.undo"),
    ]
    FOOTER_ORDER = ("projects.new", "projects.rename", "projects.close")

    def __init__(self, store, current_id: int | None, today: date | None = None) -> None:
        super().__init__()
        self.store, self.current_id = store, current_id
        self.today = today or date.today()
        self.mode: str | None = None
        self.projects: list = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog projects"):
            yield Static("Projects", classes="dialog-title")
            yield ChoiceList(id="project-list", words={"list.choose": "Open"})
            yield Label("", id="p-label-1", classes="form-label")
            yield DialogField(id="p-name", compact=True)  # its Enter worded by mode (action_new, action_rename)
            yield Label("Start date", id="p-label-2", classes="form-label")
            yield DialogField(id="p-start", compact=True, words={"field.confirm": "Create"})
            yield Static("", id="p-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        for w in self.query(Input):
            w.cursor_blink = False
        fit_list(self.query_one(OptionList), self.app.size.height)
        self._show_form(None)
        self.reload()

    def on_resize(self, event) -> None:
        fit_list(self.query_one(OptionList), event.size.height)

    def reload(self) -> None:
        """Read the list (again: the app calls this when projects change elsewhere), keeping
        the highlighted project and, while a name is typed, the focus."""
        shown = self._selected()
        try:
            self.projects = svc.list_projects(self.store)
        except PmtuiError as exc:
            # a damaged or unreadable file: say so here (the app opens this switcher when the
            # plan could not load) instead of ending in a traceback
            self.projects = []
            self.query_one("#p-error", Static).update(Text(str(exc)))
        # With none open (its creation undone), the database's current project is the one
        # `pmtui` and the CLI would take: marked as such, not left unmarked among the rest
        marked = self.current_id
        if marked is None:
            marked = next((p.id for p, _n, current in self.projects if current), None)
        keep = shown.id if shown is not None else marked
        ol = self.query_one(OptionList)
        ol.clear_options()
        for p, n, _current in self.projects:
            mark = "●" if p.id == marked else " "
            ol.add_option(Option(f"{mark} {p.name}  ({n} task{'' if n == 1 else 's'}, starts {p.start})", id=str(p.id)))
        index = next((i for i, (p, _n, _c) in enumerate(self.projects) if p.id == keep), 0)
        if self.projects:
            ol.highlighted = index
        if self.mode is None:
            self.set_focus(ol)  # at once: keys typed behind Enter are the list's (DialogInput)

    def _show_form(self, mode: str | None) -> None:
        self.mode = mode
        for wid in ("#p-label-1", "#p-name"):
            self.query_one(wid).display = mode is not None
        for wid in ("#p-label-2", "#p-start"):
            self.query_one(wid).display = mode == "new"
        self.query_one("#p-error", Static).update("")

    def _selected(self):
        ol = self.query_one(OptionList)
        if ol.highlighted is None or not self.projects:
            return None
        return self.projects[ol.highlighted][0]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_new(self) -> None:
        if self.mode is not None:
            return
        self._show_form("new")
        self.query_one("#p-label-1", Label).update("Name of the new project")
        self.query_one("#p-name", Input).value = ""
        self.query_one("#p-start", Input).value = self.today.isoformat()
        # Enter in the name goes on to the start date (submitted), which creates the project
        self.query_one("#p-name", DialogField).footer_words = {"field.confirm": "Next field"}
        # at once: the letters typed behind "n" are the name's (DialogInput.take_typed_ahead)
        self.set_focus(self.query_one("#p-name", Input))

    def action_rename(self) -> None:
        project = self._selected()
        if project is None or self.mode is not None:
            return
        self._show_form("rename")
        self.query_one("#p-label-1", Label).update(Text(f"New name for {project.name}"))
        inp = self.query_one("#p-name", DialogField)
        inp.value = project.name
        inp.footer_words = {"field.confirm": "Rename"}
        self.set_focus(inp)

    def action_redo(self) -> None:
        if self.mode is None and getattr(self.app, "project_id", 0) is None:
            self.app.action_redo()

    def action_undo(self) -> None:
        if self.mode is None and getattr(self.app, "project_id", 0) is None:
            self.app.action_undo()

    def action_close(self) -> None:
        if self.mode is not None:
            self._show_form(None)
            self.set_focus(self.query_one(OptionList))
        else:
            self.dismiss(None)

    action_cancel = action_close  # Escape in a field (DialogInput)

    def submitted(self, field: Input) -> None:
        if self.mode == "new" and field.id == "p-name":
            if not field.value.strip():  # said at once, not after the date
                self.query_one("#p-error", Static).update("A new project needs a name.")
                return
            self.query_one("#p-error", Static).update("")
            self.set_focus(self.query_one("#p-start", Input))
            return
        name = self.query_one("#p-name", Input).value
        try:
            if self.mode == "new":
                start = parse_date(self.query_one("#p-start", Input).value, today=self.today)
                project = svc.create_project(self.store, name, start)
                self.dismiss(project.id)
                return
            if self.mode == "rename":
                target = self._selected()
                svc.rename_project(self.store, target.id, name)
                if target.id == self.current_id:
                    self.app.reload_plan()
                self._show_form(None)
                self.reload()
        except PmtuiError as exc:
            error = self.query_one("#p-error", Static)
            error.update(Text(str(exc)))
            # in view once laid out: the switcher scrolls on a small terminal (pmtui.tcss, .dialog)
            self.call_after_refresh(error.scroll_visible, animate=False)
