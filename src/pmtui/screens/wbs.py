"""The WBS screen: the task tree with its schedule, edited from the keyboard.

Each edit key is one service call (one transaction, one journal entry, undoable); the app runs it
in a worker, reloads and reschedules the plan, and the table marks the rows whose dates moved.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from pmtui.lazy import LazyModule
from pmtui.models.errors import PmtuiError
from pmtui.screens.dialogs import ConfirmScreen, PickScreen, edit_task_in_form
from pmtui.screens.find import TaskFinder, find_bindings
from pmtui.widgets.detail import TaskDetail
from pmtui.widgets.footer import Footer
from pmtui.widgets.header import PlanHeader
from pmtui.widgets.task_table import TaskTable, layout

# Imported at the first edit: the plan is drawn before the services' database layer is loaded.
res_svc = LazyModule("pmtui.services.resources")
task_svc = LazyModule("pmtui.services.tasks")
# the stand-up's and the CLI's rules for the dates that progress implies
progress_svc = LazyModule("pmtui.services.progress")

LEGEND = ("Marks: C critical · L late (past its deadline) · ! constraint not met · * dates changed "
          "by the last edit · ▾/▸ summary (expanded/collapsed) · ◆ milestone · 6d† a duration now (days "
          "done + days left, or as it ran) that is not the planned one: the detail panel gives both, d edits "
          "the planned one · ⚠ someone on the task booked above their max units from the status date (else "
          "today) on; (history: …) such days before it, done and past")

PROGRESS = [("0", "0 % — not started", 0), ("1", "25 %", 25), ("2", "50 %", 50),
            ("3", "75 %", 75), ("4", "100 % — done", 100)]
PROGRESS_PROMPT = " · ".join(f"{key} {label}" for key, label, _v in PROGRESS) + " · Esc cancel"
NEW_RESOURCE = object()  # the pick list's "New resource…" choice


class AddHold:
    """Stands in for a form in ``run_edit`` while a task typed in the inline bar is added: the
    keys typed behind its Enter wait for the new task to be selected, so "a", a name, Enter,
    "a", ... puts each task below the one before it (the second "a" was handled first, and its
    task went in above the first). A refusal opens the bar again with the name typed (it was
    lost with the bar) and says why in a notification."""

    busy: object = False
    is_attached = True  # for the app: a refusal goes to show_error

    def __init__(self, screen: "WbsScreen") -> None:
        self.screen = screen
        self.typed: tuple[str, str, str] | None = None  # (mode, label, text) of the add running

    def show_error(self, message: str) -> None:
        if self.typed is not None and self.screen.is_attached and self.screen.app.screen is self.screen:
            self.screen._open_inline(*self.typed)
        self.screen.notify(message, severity="error", timeout=8)


def ref(task_id: int) -> str:
    """Tasks are addressed by id in service calls: ids stay put while WBS codes shift."""
    return f"#{task_id}"


class WbsScreen(TaskFinder, Screen):
    TITLE = "WBS"
    BINDINGS = [
        Binding("a", "add_below", "Add", id="wbs.add_task"),
        Binding("A", "add_child", "Add child", show=False, id="wbs.add_child"),
        Binding("r,f2", "rename", "Rename", show=False, id="wbs.rename"),
        Binding("e,enter", "edit('name')", "Edit", id="wbs.edit"),
        Binding("d", "edit('duration')", "Duration", show=False, id="wbs.edit_duration"),
        Binding("p", "edit('predecessors')", "Predecessors", show=False, id="wbs.edit_predecessors"),
        Binding("c", "edit('constraint')", "Constraint", show=False, id="wbs.edit_constraint"),
        Binding("D", "edit('deadline')", "Deadline", show=False, id="wbs.edit_deadline"),
        Binding("N", "edit('notes')", "Notes", show=False, id="wbs.edit_notes"),
        Binding("greater_than_sign", "indent", "Indent", show=False, id="wbs.indent"),
        Binding("less_than_sign", "outdent", "Outdent", show=False, id="wbs.outdent"),
        Binding("K,ctrl+up", "move('up')", "Move up", show=False, id="wbs.move_up"),
        Binding("J,ctrl+down", "move('down')", "Move down", show=False, id="wbs.move_down"),
        Binding("x,delete", "delete", "Delete", id="wbs.delete"),
        Binding("m", "progress", "Progress", id="wbs.progress"),
        Binding("R", "assign", "Assign", show=False, id="wbs.assign"),
        *find_bindings("wbs"),
    ]
    # The footer's keys, most used first: the ones left out at 80 columns are in `?` help.
    FOOTER_ORDER = ("wbs.add_task", "wbs.edit", "wbs.progress", "wbs.delete", "wbs.search", "app.undo", "app.quit")

    def __init__(self) -> None:
        super().__init__()
        self.assign_to: int | None = None  # the task R was pressed on
        self._detail_timer = None
        # A key chord waiting for its second key: (key -> value, what to do with the value,
        # the task it is for).
        self._chord: tuple[dict[str, Any], Callable[[Any], None], int] | None = None
        self._prompt_stale = False  # the panel still shows a chord's prompt, answered
        self._add_hold = AddHold(self)

    @property
    def busy(self) -> object:
        """While an add runs: keys reaching the inline bar are held too (DialogInput)."""
        return self._add_hold.busy

    def compose(self) -> ComposeResult:
        yield PlanHeader("1", id="header")
        yield TaskTable(id="tasks")
        yield TaskDetail(id="detail")
        yield from self.compose_bar()
        yield Footer()

    @property
    def table(self) -> TaskTable:
        return self.query_one(TaskTable)

    @property
    def task_view(self) -> TaskTable:  # for TaskFinder
        return self.table

    @property
    def cursor_task_id(self) -> int | None:  # see PmtuiApp._cursor_task_id
        tables = self.query(TaskTable)
        return tables.first().current_id if tables else None

    def on_mount(self) -> None:
        self.app.plan_screens.append(self)
        self.mount_bar()
        if hasattr(self.app, "busy"):
            self.watch(self.app, "busy", self._busy_changed, init=False)
        if self.app.plan is not None:
            self.plan_changed(self.app.plan)
        elif getattr(self.app, "no_plan_shown", False):
            self.plan_changed(None)
        self.table.focus()

    # -- the plan ---------------------------------------------------------------------------------
    def plan_changed(self, plan, *, select_id: int | None = None, previous=None) -> None:
        """``plan`` None: the project is gone (its creation undone): no rows, and the app's
        word on what happened in their place."""
        if plan is None:
            self._cancel_chord()
            if self.inline_mode is not None:
                self._close_inline()
        self.table.set_plan(plan, select_id=select_id, previous=previous,
                            no_plan_text=getattr(self.app, "no_plan_text", ""))
        self.query_one(PlanHeader).refresh()
        self._show_detail()

    def on_screen_resume(self) -> None:
        # the Gantt screen may have moved the shared selection
        self.table.refold()
        wanted = getattr(self.app, "selected_task_id", None)
        if self.table.plan is not None and wanted is not None and wanted != self.table.current_id:
            self.table.select_task(wanted)

    def on_task_table_cursor_moved(self, event: TaskTable.CursorMoved) -> None:
        if event.task_id is not None:
            self.app.selected_task_id = event.task_id
        if self._chord is not None and self.table.current_id != self._chord[2]:
            # A click elsewhere: the chord was for another task. (The table as it is now, not
            # the event: keys typed ahead leave moves queued behind the chord's first key.)
            self._cancel_chord()
        # At 10,000 tasks "why" can walk a long chain: draw the panel once the keys stop.
        plan = self.table.plan
        if plan is not None and len(plan.tasks) > 2000:
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(0.08, self._show_detail)
        else:
            self._show_detail()

    def _show_detail(self) -> None:
        if self._chord is not None:
            return  # its prompt stays until the second key
        self._prompt_stale = False
        self.query_one(TaskDetail).show(self.table.plan, self.table.current_id, self.table.no_plan_text)

    # -- chords: a key, then a second key from a short list shown in the detail panel -------------
    # Drawn in place of a dialog: closing a modal made Textual redraw the whole screen twice,
    # a third of a progress edit's time at 10,000 tasks (trace of the pty benchmark). The app
    # hands the second key over (PmtuiApp.on_key) where bindings are looked up, in the order
    # keys were typed: "m2" typed fast sets progress rather than showing screen 2.
    def take_chord_key(self, event: events.Key) -> bool:
        """True if the key was the second key of a chord (or cancelled it)."""
        if self._chord is None:
            return False
        keys, chosen, _task = self._chord
        self._chord = None
        if event.character in keys and event.key != "escape":
            chosen(keys[event.character])
            if getattr(self.app, "busy", 0):
                # An edit is running: its plan redraws the panel (plan_changed, or the busy
                # count dropping if it is refused). Drawing it now as well made a frame while
                # the worker ran, and the two took turns at the interpreter (9 of the 50-70 ms
                # of a progress edit at 10,000 tasks, pty trace).
                self._prompt_stale = True
                return True
        elif event.key != "escape":
            self.notify(f"{event.key!r} is none of {', '.join(keys)}: nothing changed", severity="warning")
        self._show_detail()
        return True

    def _busy_changed(self, busy: int) -> None:
        if not busy and self._prompt_stale:
            self._show_detail()

    def _await_key(self, task_id: int, prompt: str, choices: list[tuple[str, str, Any]],
                   chosen: Callable[[Any], None]) -> None:
        self._chord = ({key: value for key, _label, value in choices}, chosen, task_id)
        self.query_one(TaskDetail).prompt(prompt)

    def _cancel_chord(self) -> None:
        if self._chord is not None:
            self._chord = None
            self._show_detail()

    def on_descendant_blur(self) -> None:
        self._cancel_chord()  # the second key would not reach the table

    def on_screen_suspend(self) -> None:
        self._cancel_chord()

    # -- edits ------------------------------------------------------------------------------------
    def _current(self):
        row = self.table.current
        if row is None:
            self.notify("No task selected: press a to add one", severity="warning")
        return row

    def action_add_below(self) -> None:
        self._open_inline("add_below", "New task:", "")

    def action_add_child(self) -> None:
        if self._current() is not None:
            self._open_inline("add_child", "New subtask:", "")

    def action_rename(self) -> None:
        row = self._current()
        if row is not None:
            self._open_inline("rename", "Name:", row.name)

    def action_edit(self, focus: str) -> None:
        row = self._current()
        if row is None:
            return
        if focus == "duration" and row.children:
            self.notify(f"{row.label} is a summary: its duration comes from its tasks", severity="warning")
            return
        edit_task_in_form(self.app, self.table.plan, row.id, focus)

    def action_indent(self) -> None:
        self._reshape("Indent", task_svc.indent_task)

    def action_outdent(self) -> None:
        self._reshape("Outdent", task_svc.outdent_task)

    def action_move(self, direction: str) -> None:
        row = self._current()
        if row is not None:
            tid = row.id
            self.app.run_edit(f"Move {direction}",
                              lambda store, pid: task_svc.move_task(store, pid, ref(tid), direction), select=tid)

    def _reshape(self, what: str, fn) -> None:
        """Indent or outdent: said when a task becomes a summary or a summary a task again."""
        row = self._current()
        if row is not None:
            tid, said = row.id, []
            self.app.run_edit(what, lambda store, pid: fn(store, pid, ref(tid), said=said), select=tid,
                              say=lambda _row: _outline_note(said, what.lower()))

    def action_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        tid, said = row.id, []

        def go(yes: bool | None = True) -> None:
            if yes:
                # the row leaves from under the cursor: say which, so an x on the wrong row
                # is noticed (and undone)
                self.app.run_edit("Delete",
                                  lambda store, pid: task_svc.delete_task(store, pid, ref(tid), recursive=True,
                                                                          said=said),
                                  say=lambda labels: _deleted(labels, said), task=tid)

        if row.children:
            n = len(self.table.plan.descendants(tid))
            self.app.push_screen(ConfirmScreen(f"Delete {row.label} and the {n} task{'s' if n != 1 else ''} under it?"), go)
        else:
            go()

    def action_progress(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.children:
            self.notify(f"{row.label} is a summary: record progress on the tasks under it", severity="warning")
            return
        tid = row.id

        today = self.app.today  # the app's day, as the stand-up reports progress

        def chosen(percent: int) -> None:
            self.app.run_edit("Progress",
                              lambda store, pid: progress_svc.set_percent(store, pid, ref(tid), percent, today=today),
                              select=tid)

        self._await_key(tid, f"Progress of {row.label}\n{PROGRESS_PROMPT}", PROGRESS, chosen)

    def action_assign(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.children:
            # said before the list, not after a name was picked from it
            self.notify(f"{row.label} is a summary: assign people to the tasks under it", severity="warning")
            return
        plan = self.table.plan
        tid = row.id
        self.assign_to = tid
        if not plan.resources:
            self._open_inline("assign_new", f"No resources yet. New resource for {row.wbs}:", "")
            return
        # The people on the task are marked, with their units: unmarked, picking one of them
        # set someone on at 50 % to 100 % without a word. Picked, they are taken off (u undoes).
        on = {a.resource_id: a.units for a in plan.assignments_of.get(tid, [])}
        keys = "123456789"
        choices = []
        # a part-timer's week and the next leave, to pick someone who is there (W lists them all)
        from pmtui.screens.resources import person_note

        since = plan.project.status_date or self.app.today or date.today()
        for i, r in enumerate(plan.resources):
            label = f"✓ {r.name}  on it at {on[r.id]:.0%}: takes off" if r.id in on else f"  {r.name}"
            label += person_note(plan, r.id, since)
            choices.append((keys[i] if i < len(keys) else "", label, r))
        choices.append(("+", "  New resource…", NEW_RESOURCE))

        def chosen(res) -> None:
            if res is NEW_RESOURCE:
                self._open_inline("assign_new", f"New resource for {row.wbs}:", "")
            elif res is not None and res.id in on:
                self.app.run_edit("Unassign",
                                  lambda store, pid: res_svc.unassign(store, pid, ref(tid), res.name),
                                  select=tid, before=tid, say=lambda done: f"Took {done} · u undoes")
            elif res is not None:
                self.app.run_edit("Assign",
                                  lambda store, pid: res_svc.assign(store, pid, ref(tid), res.name),
                                  select=tid, before=tid, say=lambda done: f"Assigned {done} · u undoes")

        self.app.push_screen(PickScreen(f"Assign a resource to {row.label} (✓ on it)", choices), chosen)

    # -- the inline editor: the finder's bar, opened over a row to name a task ---------------------
    def _open_inline(self, mode: str, label: str, value: str) -> None:
        if mode not in ("rename", "add_below", "add_child"):
            super()._open_inline(mode, label, value)  # at the bottom: search, go to, a new resource
            return
        if mode != "add_below" and self.table.plan is None:
            return
        table = self.table
        region = table.content_region
        # Over the name cell of the row being named (the row below for a new task).
        cols = layout(table.scrollable_content_region.width)
        x = 0
        for c in cols:
            if c.key == "name":
                break
            x += c.width + 1
        at = table.cursor
        if mode in ("add_below", "add_child") and table.rows and table.plan is not None:
            # a task added below a summary goes after the whole phase (it is its sibling), a
            # subtask after its last child: the bar opens under the phase's last row shown,
            # not over its first task, scrolled into view when the phase runs below it
            by_id, level = table.plan.by_id, table.plan.by_id[table.rows[at]].level
            while at + 1 < len(table.rows) and by_id[table.rows[at + 1]].level > level:
                at += 1
            if at + 1 == len(table.rows):
                table.make_room(1)
            if at + 1 >= round(table.scroll_offset.y) + table.page:
                table.scroll_to(y=at + 2 - table.page, animate=False, immediate=True)
        row = at - round(table.scroll_offset.y) + 1 + (0 if mode == "rename" else 1)
        row = max(1, min(row, region.height - 1))
        name_w = next(c.width for c in cols if c.key == "name")
        code = self._new_code(mode)
        if code is not None:
            # A new task's bar covers another row (the one below), all of it, so that none of
            # that row's flags, code, dates or float seem to be the new task's; it shows the
            # code the new task gets.
            wbs = next(c for c in cols if c.key == "wbs")
            lead = " " * (x - wbs.width - 1)  # the flags, which are the covered row's too
            self._show_bar(mode, label, value, (region.x, region.y + row), region.width,
                           shown=f"{lead}{code:<{wbs.width}} {label}")
            return
        inp = self._show_bar(mode, label, value, (region.x + x, region.y + row), max(30, name_w + 5))
        if mode == "rename":
            inp.action_end()

    def _new_code(self, mode: str) -> str | None:
        """The WBS code the task being added will have (None when renaming)."""
        plan, row = self.table.plan, self.table.current
        if mode == "add_below":
            if row is None:
                return str(len(plan.roots) + 1) if plan is not None else "1"
            head, _, last = row.wbs.rpartition(".")
            return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
        if mode == "add_child" and row is not None:
            return f"{row.wbs}.{len(row.children) + 1}"
        return None

    def _answer(self, mode: str, label: str, text: str) -> None:
        """Enter in the bar of a name (the finder's own answers are taken by TaskFinder)."""
        row = self.table.current
        if not text.strip():
            return
        if mode in ("rename", "add_below", "add_child", "assign_new"):
            from pmtui.models.rules import check_name  # pydantic: not before the first frame

            try:
                check_name(text, "resource" if mode == "assign_new" else "task")
            except PmtuiError as exc:
                # the bar opens again with what was typed (a refused edit lost it)
                self._open_inline(mode, label, text)
                self.notify(str(exc), severity="error")
                return
        if mode == "assign_new" and self.assign_to is not None:
            tid = self.assign_to
            self.app.run_edit("Assign", lambda store, pid: res_svc.add_and_assign(store, pid, ref(tid), text),
                              select=tid, before=tid)
        elif mode == "rename" and row is not None:
            tid = row.id
            if text != row.name:
                self.app.run_edit("Rename",
                                  lambda store, pid: task_svc.edit_task(store, pid, ref(tid), name=text), select=tid)
        elif mode == "add_below":
            self._add_hold.typed = (mode, label, text)
            below = ref(row.id) if row is not None else None
            self.app.run_edit("Add task",
                              lambda store, pid: task_svc.add_task(store, pid, text, below=below),
                              select=lambda result: result.id, form=self._add_hold,
                              task=row.id if row is not None else None)
        elif mode == "add_child" and row is not None:
            self._add_hold.typed = (mode, label, text)
            under, said = ref(row.id), []
            self.app.run_edit("Add subtask",
                              lambda store, pid: task_svc.add_task(store, pid, text, under=under, said=said),
                              select=lambda result: result.id, form=self._add_hold, task=row.id,
                              say=lambda _row: _outline_note(said, "add"))


def _deleted(labels: list[str], said: list[str]) -> str:
    under = len(labels) - 1
    extra = f" and the {under} task{'s' if under != 1 else ''} under it" if under else ""
    if said:  # it was the last task of its summary, a task again
        return f"Deleted {labels[0]}{extra}. {_outline_note(said, 'delete')}"
    return f"Deleted {labels[0]}{extra} · u undoes"


def _outline_note(said: list[str], what: str) -> str:
    """The task an edit made a summary (or a summary a task again) and what of its own stopped
    (or started) counting: the plan's dates moved, and only the * marks said so."""
    if not said:
        return ""
    return ". ".join(said) + f" · u undoes the {what} and {'this' if len(said) == 1 else 'these'}"
