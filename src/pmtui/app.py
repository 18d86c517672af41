"""The planner's app shell: screens by digit, a header and footer, the command palette, help,
the project switcher, undo and redo, remappable keys from config.toml, and the workers that load
and reschedule the plan.

Data flows one way: a key → one service call in a worker → the plan is reloaded and scheduled in
that worker → ``PlanReady`` → the screens redraw from the new plan. A progress edit skips both
reads: the service is offered the plan on screen (used only while the journal shows no change
since it was read) and hands back the rescheduled copy it checked.

Start-up draws the plan before SQLAlchemy, SQLModel and pydantic are loaded (about 0.35 s of
imports): given a QuickReader (pmtui.store.quick), the first plan is read through sqlite3 and the
store is opened in the background once that frame is on screen. So nothing here, in the first
screen or in its widgets imports a service at module level; the other screens are imported when
first shown (or in the background after the store).
"""

from __future__ import annotations

import gc
import importlib
import select
import sys
import threading
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from pmtui.config import load_config, unknown_ids
from pmtui.help_keys import PALETTE_ACTIONS, binding_rows, long_description
from pmtui.messages import (EditRefused, Note, OutsideChanged, PlanFailed, PlanReady, ProjectsChanged,
                            StoreOpened)
from pmtui.models.errors import NotFound, PmtuiError
from pmtui.models.wording import brief
from pmtui.screens.dialogs import (ChoiceList, ConfirmScreen, DialogField, DialogScroll, HelpScreen, KeyScroll,
                                  PickScreen, TaskForm)
from pmtui.services.gc_pause import paused_gc
from pmtui.services.plan import Plan, offering, quick_plan
from pmtui.widgets.held_keys import HeldKeys
from pmtui.widgets.task_table import TaskTable
from pmtui.widgets.themes import THEMES

if TYPE_CHECKING:
    from pmtui.store import Store
    from pmtui.store.quick import QuickReader


class ScreenRef:
    """A screen class named by "module:Class", imported when first needed."""

    def __init__(self, path: str) -> None:
        self.path = path

    def load(self) -> type[Screen]:
        module, _, name = self.path.partition(":")
        return getattr(importlib.import_module(module), name)

    def __call__(self) -> Screen:  # as a MODES factory
        screen = self.load()()
        app = screen.app
        if getattr(app, "_css_done", None) == app._css_update_count:
            # Styled as it is mounted, by a stylesheet no theme has changed since it was last
            # refreshed (PmtuiApp.refresh_css). Textual takes a new screen for one styled
            # before that and restyles the app twice for it: the first 2 parsed all the CSS
            # three times, most of the work of the Gantt's first frame.
            screen._css_update_count = app._css_update_count
        return screen


# One line per screen: (digit, mode name, title, screen). Later screens add a line here.
SCREEN_LIST: list[tuple[str, str, str, ScreenRef]] = [
    ("1", "wbs", "WBS", ScreenRef("pmtui.screens.wbs:WbsScreen")),
    ("2", "gantt", "Gantt", ScreenRef("pmtui.screens.gantt:GanttScreen")),
    ("3", "risks", "Risks", ScreenRef("pmtui.screens.risks:RiskScreen")),
    ("4", "standup", "Stand-up", ScreenRef("pmtui.screens.standup:StandupScreen")),
    ("5", "status", "Status", ScreenRef("pmtui.screens.status:StatusScreen")),
]


def _screen_bindings() -> list[Binding]:
    return [
        Binding(key, f"app.show_screen('{mode}')", title, show=False, id=f"app.screen.{mode}")
        for key, mode, title, _cls in SCREEN_LIST
    ]


def load_plan_scheduled(store: Store, project_id: int, plan=None):
    """Load and schedule a plan (unless the edit just checked one), and warm what drawing it
    needs, so the UI thread does not."""
    with paused_gc():
        if plan is None:
            from pmtui.services import history as history_svc
            from pmtui.services.tasks import get_plan

            # Read before the plan: a change committed in between makes the next check reload
            # once more, never miss it.
            seen = history_svc.version(store, project_id)
            plan = get_plan(store, project_id)
            plan.version = seen
    return plan.prepare_views()


EDIT_HOLD_LIMIT = 45.0  # seconds; longer than pmtui.store.engine.BUSY_TIMEOUT_MS


class PmtuiApp(HeldKeys, App):
    _plan_selected: int | None = None  # the task an edit's plan last put the cursor on
    CSS_PATH = "pmtui.tcss"
    TITLE = "pmtui"
    SCREEN_LIST = SCREEN_LIST
    MODES = {mode: ref for _key, mode, _title, ref in SCREEN_LIST}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("u,ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("o", "projects", "Projects", show=False, id="app.projects"),
        # everywhere, as o: a person's week and leave matter on every screen that has people
        Binding("W", "resources", "Working days", show=False, id="app.resources"),
        # T as well: the Gantt's t is "today" and the risk screen's "threats/opportunities"
        Binding("t,T", "toggle_theme", "Light/dark", show=False, id="app.theme"),
        *_screen_bindings(),
    ]

    # The header watches it and redraws its line; the default (repaint the app) redrew the whole
    # screen when an edit started and again when it ended.
    busy: reactive[int] = reactive(0, repaint=False)

    def __init__(self, store: Store | None, project_name: str | None = None, *,
                 config_path: Path | None = None, today: date | None = None, screen: str | None = None,
                 quick: QuickReader | None = None, db: str | None = None) -> None:
        """``store``: the open store; or None with ``quick``, a reader for the first plan, and
        ``db``, what to open the store from once that plan is drawn."""
        super().__init__()
        if store is None and quick is None:
            raise ValueError("PmtuiApp needs a store, or a quick reader and the database to open")
        modes = [mode for _k, mode, _t, _c in self.SCREEN_LIST]
        if screen is not None and screen not in modes:
            raise ValueError(f"no screen {brief(screen)}: the screens are {', '.join(modes)}")
        self.start_screen = screen or modes[0]
        self._store = store
        self._store_error: PmtuiError | None = None
        self._store_ready = threading.Event()
        if store is not None:
            self._store_ready.set()
        self._quick = quick
        self._db = db
        self._first_frame = threading.Event()
        self._gc_off_for_start = False
        self._retired = None
        self._plans_since_collect = 0  # big plans shown (and frozen) since the last full collection
        self._collect_timer = None
        self._tty_fd: int | None = None  # the terminal _check_terminal watches
        self._quitting = False
        self.project_name = project_name
        # With no plan: what the screens say instead (see _set_no_plan), and the project whose
        # creation an undo took back, (id, name), watched for a redo while nothing else is open.
        self.no_plan_text = "No project open.\no opens or creates a project"
        self._gone: tuple[int, str] | None = None
        self.no_plan_shown = False
        self._all_seen: tuple[int, int] | None = None
        self.clock = None  # the stand-up's time box reads the wall clock unless a test sets one
        self.project_id: int | None = None
        self.plan = None
        self.today = today
        self.busy_what = ""
        self.plan_screens: list[Any] = []
        # The summaries folded, one set for the WBS and the Gantt: the two show the same rows in
        # the same order and share the selection, so a phase folded on one is folded on the other
        # (as MS Project's Gantt Chart view is one outline, table and bars); were they apart, the
        # task selected on one could be hidden on the other.
        self.folded: set[int] = set()
        # They are the project's, kept in its row (Project.folded): read with each project's
        # first plan, written when they change (checked with the outside changes) and on q.
        # (project id, the folds written last); a write takes the newest of its project.
        self._folds_kept: tuple[int, frozenset[int]] | None = None
        self._folds_newest: dict[int, frozenset[int]] = {}  # by project: what its write is to write
        self._folds_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        self.config = load_config(config_path)
        self.theme = self.config.theme
        self.set_keymap(self.config.keymap)

    @property
    def store(self) -> Store:
        """The open store; at start-up, waits for it to finish opening in the background."""
        self._store_ready.wait()
        if self._store is None:
            raise self._store_error or PmtuiError("the database is not open")
        return self._store

    # -- changes made elsewhere ----------------------------------------------------------------
    OUTSIDE_CHECK_SECONDS = 2.0

    def _check_outside_changes(self) -> None:
        if self.busy or not self._store_ready.is_set():
            return
        self._keep_folds()
        if self.plan is None:
            self._projects_worker(self._all_seen)
            return
        if self.plan.version is None:
            return
        from pmtui.services.actions import take_committed_version

        # An action a screen ran on this thread (a risk edit, a snapshot) changed the version
        # without a new plan: ours, not another process's (it said "changed outside" and reloaded).
        # Only when it started from the version the plan shows: a change made elsewhere before it
        # is in its version too, and must still be reloaded.
        own = take_committed_version(self.plan.project.id, self.plan.version)
        if own is not None:
            self.plan.version = own
        self._outside_worker(self.plan.project.id, self.plan.version)

    # -- the folds, kept with the project -------------------------------------------------------
    def _take_folds(self, old, plan) -> None:
        """Another project's plan (or the first): the folds of the one left are kept, the new
        one's read from its row. One set for every project folded what was folded in any (task
        ids are never shared), and a restart opened every summary again."""
        from pmtui.services.plan import folded_summaries

        if old is not None:
            self._keep_folds()
        # as this window left them, if it did: its write may not have landed yet
        folds = set(self._folds_newest.get(plan.project.id, folded_summaries(plan.project))) & set(plan.by_id)
        self.folded.clear()
        self.folded.update(folds)  # in place: the WBS table and the Gantt chart hold this set
        self._folds_kept = (plan.project.id, frozenset(folds))

    def _keep_folds(self, *, wait: bool = False) -> None:
        """Write the folds of the plan shown if they changed since last written."""
        plan = self.plan
        if plan is None or self._folds_kept is None or not self._store_ready.is_set():
            return
        folds = frozenset(self.folded)
        if self._folds_kept == (plan.project.id, folds):
            return
        self._folds_kept = (plan.project.id, folds)
        self._folds_newest[plan.project.id] = folds
        if wait:
            self._write_folds(plan.project.id)
        else:
            self._folds_worker(plan.project.id)

    @work(thread=True, group="folds")
    def _folds_worker(self, project_id: int) -> None:
        self._write_folds(project_id)

    def _write_folds(self, project_id: int) -> None:
        from pmtui.services.projects import save_folded

        with self._folds_lock:  # the project's newest folds, whichever write comes last
            folds = self._folds_newest[project_id]
            try:
                save_folded(self.store, project_id, folds)
            except Exception as exc:  # noqa: BLE001 - a view not kept is said, never a crash
                self.post_message(Note(f"The folds could not be kept for the next start: {exc}",
                                       severity="warning", timeout=6))

    @work(thread=True, exclusive=True, group="outside")
    def _outside_worker(self, project_id: int, seen: tuple[int, int]) -> None:
        from pmtui.services import history as history_svc

        try:
            now = history_svc.version(self.store, project_id)
        except PmtuiError:
            return  # the next check tries again; a real problem shows on the next edit
        if now != seen:
            self.post_message(OutsideChanged(project_id, seen))

    @work(thread=True, exclusive=True, group="outside")
    def _projects_worker(self, seen: tuple[int, int] | None) -> None:
        from pmtui.services import history as history_svc

        try:
            now = history_svc.all_version(self.store)
        except PmtuiError:
            return
        if now != seen:  # the first reading too: a change may have come before it
            self.post_message(ProjectsChanged(now))

    @on(ProjectsChanged)
    def _projects_changed(self, msg: ProjectsChanged) -> None:
        """With no project open, a project was created, renamed or brought back elsewhere
        (`pmtui redo` of the one undone): the switcher showed the list as it was when it
        opened (empty, when the only project had gone) until it was closed and opened again."""
        self._all_seen = msg.seen
        if self.plan is not None or not self.screen_stack:
            # no screen: the app is quitting, and a change found on the way out ended it in a
            # traceback ("No screens on stack")
            return
        from pmtui.screens.projects import ProjectSwitcher

        for screen in self.screen_stack:
            if isinstance(screen, ProjectSwitcher):
                screen.reload()
        if self._gone is None:
            return
        gone_id, name = self._gone
        back = isinstance(self.screen, ProjectSwitcher) and any(p.id == gone_id for p, _n, _c in self.screen.projects)
        if not back:
            from pmtui.services import projects as project_svc

            try:
                back = any(p.id == gone_id for p, _n, _c in project_svc.list_projects(self.store))
            except PmtuiError:
                return
        if back:
            self._gone = None
            self.notify(f"Project {name!r} is back (redone by another pmtui or the CLI): "
                        "Enter in the project list (o) opens it", timeout=10)
            self._set_no_plan(f"No project open: {name!r} is back (redone elsewhere).\n"
                              "o opens it or another, or creates a project")

    @on(OutsideChanged)
    def _outside_changed(self, msg: OutsideChanged) -> None:
        project_id, seen = msg.project_id, msg.seen
        # Still the plan we checked, and no edit of ours on the way (it reloads anyway)?
        if self.plan is None or self.plan.project.id != project_id or self.plan.version != seen or self.busy:
            return
        # said once the plan is read: a project whose creation was undone is not reloaded
        self.run_edit("Reload", lambda store, pid: None,
                      say=lambda _r: "The plan was changed outside this window (another pmtui or the CLI): reloaded")

    # -- start-up ---------------------------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications never read markup: they carry task, risk and project names, and a name
        holding "[/]" raised a MarkupError (screens pass markup=True, Textual's default). A long
        one stays up until it can be read: 2 s to notice it and 0.3 s a word (200 words a
        minute, a common figure for reading on screen); a three-line note used to go in 4 s."""
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        timeout = max(timeout, 2 + 0.3 * len(message.split()))
        if severity in ("warning", "error"):
            self.key_refused()  # (said by a key's binding: the keys typed behind it are not run)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        actions = sys.modules.get("pmtui.services.actions")  # not imported yet: nothing to forget
        if actions is not None:
            # What this thread committed before the app began is none of its edits, and may be
            # of another database with the same project id: taken as ours, a version ahead of
            # the plan's made the first check report a change "outside" that never happened and
            # reload (a test process running one app after another saw it under load).
            actions.take_committed_version(None, None)
        self.set_interval(self.OUTSIDE_CHECK_SECONDS, self._check_outside_changes)
        stdin = sys.__stdin__
        if not self.is_headless and stdin is not None and stdin.isatty():
            self._tty_fd = stdin.fileno()
            self.set_interval(1.0, self._check_terminal)
        for line in self.config.problems:
            self.notify(line, title="config.toml", severity="error", timeout=12)
        self.switch_mode(self.start_screen)
        if self._quick is not None:
            self._start("loading plan")
            self._quick_start_worker(self._quick, self._db)
            self._quick = None
        else:
            self._report_unknown_ids(known_binding_ids())
            self.open_project(self.project_name)

    def _check_terminal(self) -> None:
        """End the app when its terminal has hung up. A hang-up normally comes with SIGHUP, but
        not to a process outside the terminal's session (started with setsid, or by a harness
        that died): its stdin then reads as end of file, and Textual's input thread spun on it at
        100 % CPU for good (seen on this machine). poll() marks a hung-up terminal with POLLHUP,
        which typing never sets, and it reads nothing."""
        if self._tty_fd is None:
            return
        watch = select.poll()
        watch.register(self._tty_fd, select.POLLIN)
        try:
            hung_up = any(mask & select.POLLHUP for _fd, mask in watch.poll(0))
        except OSError:
            hung_up = True
        if hung_up:
            self._tty_fd = None
            self.exit(return_code=1)

    def exit(self, *args, **kwargs) -> None:
        # A start-up worker waiting for the first frame must not hold the closing app up.
        self._quitting = True
        self._first_frame.set()
        super().exit(*args, **kwargs)

    def _report_unknown_ids(self, known: set[str]) -> None:
        for line in unknown_ids(self.config, known):
            self.notify(line, title="config.toml", severity="error", timeout=12)

    @work(thread=True, exclusive=True, group="open")
    def _quick_start_worker(self, quick: QuickReader, db: str | None) -> None:
        """The first plan through sqlite3, then the store and the rest of the app, loaded while
        the plan is on screen; without a current project, the ordinary path."""
        plan = None
        try:
            plan = quick_plan(quick)
            if plan is not None:
                plan = load_plan_scheduled(None, plan.project.id, plan)
        except Exception:  # noqa: BLE001 - anything odd: the ordinary path below has the messages
            plan = None
        finally:
            quick.close()
        if plan is not None:
            self.post_message(PlanReady(plan))
            self._first_frame.wait(5)
        if self._quitting:  # quit before the store was needed: the process ends without it
            self._store_error = PmtuiError("the app closed before its database was opened")
            self._store_ready.set()
            return
        try:
            from pmtui.store import open_store

            self._store = open_store(db)
        except PmtuiError as exc:
            self._store_error = exc
        finally:
            self._store_ready.set()
        # Every screen's bindings are read here, so every screen is imported: in this thread,
        # while the PM reads the plan, and not before the first frame.
        known = known_binding_ids() if self._store is not None else None
        self.post_message(StoreOpened(known, plan_shown=plan is not None))

    @on(StoreOpened)
    def _store_opened(self, msg: StoreOpened) -> None:
        if self._gc_off_for_start:  # see pmtui.launch.main: start-up is over
            self._gc_off_for_start = False
            # What start-up made lives on (SQLAlchemy, the screens' modules, the store): left to
            # the collector, the first collection of its middle generation walked all of it,
            # 0.1 to 0.2 s in whatever came next, most often the first switch to the Gantt.
            gc.freeze()
            gc.enable()
        if msg.known_binding_ids is None:
            self.exit(None, 1)  # as if the app had not started: run_quick says why, on one line
            return
        self._report_unknown_ids(msg.known_binding_ids)
        if not msg.plan_shown:
            self._stop()
            self.open_project(self.project_name)

    def open_project(self, name_or_id: str | int | None) -> None:
        self._start("loading plan")
        self._open_worker(name_or_id)

    @work(thread=True, exclusive=True, group="open")
    def _open_worker(self, name_or_id: str | int | None) -> None:
        from pmtui.services import projects as project_svc

        try:
            if isinstance(name_or_id, int):
                project = project_svc.use_project(self.store, f"#{name_or_id}")
            else:
                project = project_svc.current_project(self.store, name_or_id)
            plan = load_plan_scheduled(self.store, project.id)
        except NotFound as exc:
            message = str(exc)
            if name_or_id is None:  # no project yet, or none current: the switcher opens
                message = "No project open: n creates one here, Enter opens the one selected"
            self.post_message(PlanFailed(message))
            return
        except PmtuiError as exc:
            self.post_message(PlanFailed(str(exc)))
            return
        self.post_message(PlanReady(plan))

    def reload_plan(self) -> None:
        if self.project_id is not None:
            self.run_edit("Reload", lambda store, pid: None)

    # -- edits --------------------------------------------------------------------------------------
    def run_edit(self, what: str, call: Callable[[Store, int], Any], *,
                 select: int | Callable[[Any], int] | None = None, form: Any = None,
                 before: int | None = None, say: Callable[[Any], str] | None = None,
                 task: int | None = None, say_plan: Callable[[Plan], str] | None = None) -> None:
        """Run one service call in a worker, then reload and reschedule the plan there.
        ``before``: the selected task when the command was given, if not the one now;
        ``say``: the message for the call's result, once the plan on screen shows it;
        ``say_plan``: a message drawn from the plan the edit left ("" for none), after ``say``'s;
        ``task``: the task the edit is about (else ``select``), named if it is refused because
        that task was deleted elsewhere meanwhile."""
        if self.project_id is None:
            self.notify("No project open: press o to open or create one", severity="warning")
            return
        if task is None and isinstance(select, int):
            task = select
        # named as the user last saw it: by the form, which may be older than the plan on screen
        known = getattr(form, "plan", None) or self.plan
        subject = None
        if task is not None and known is not None and task in known.by_id:
            t = known.by_id[task]
            subject = (task, f"{t.wbs} {t.name}")
        self._start(what.lower())
        selected = self._cursor_task_id()
        if selected != self._plan_selected:
            self._plan_selected = None  # moved since a plan put it there
        if before is not None:
            # the cursor when the command was given: a dialog's answer runs this from a callback
            # that may come after a key typed behind it has moved the cursor
            selected = before
        # A timer's task and a worker's task keep the context they were started in, which names
        # the widget whose handler runs now (a form's input, when the form is saved): the hold
        # limit's timer kept it 45 s, and the finished worker, a cycle with its task, until a
        # collection (put off by a big plan's freezes, see _show_plan). Started in the app's own
        # context (App._context, as Textual runs its workers), they name the app.
        with self._context():
            if form is not None:
                # Keys typed behind the form's Enter wait for its edit: they are for the screen
                # below if it is saved, and dropped if it is refused (see pmtui.widgets.held_keys).
                # An edit waiting for another process's write gives up after the store's 30 s busy
                # timeout; the limit only guards against an edit that never reports back.
                form.busy = edit = object()
                self.hold_keys_for(edit)
                self.set_timer(EDIT_HOLD_LIMIT, partial(self.release_keys, edit))
            # The form goes to the worker in a box the worker empties: a thread worker stays the
            # current worker of its pool thread until that thread runs another, and kept the
            # form it was given alive meanwhile.
            self._edit_worker(what, call, select, [form], self.project_id, selected, say, subject, say_plan)

    @work(thread=True, group="edit")
    def _edit_worker(self, what: str, call, select, form_box: list, project_id: int, selected: int | None,
                     say=None, subject: tuple[int, str] | None = None, say_plan=None) -> None:
        from pmtui.services.actions import take_checked_plan

        form = form_box.pop()
        with self._write_lock:  # edits run one after the other, in the order of the keys
            shown = self.plan
            if shown is not None and shown.project.id != project_id:
                shown = None
            try:
                # The plan on screen stands in for a reload when nothing changed since it was read
                with offering(shown):
                    result = call(self.store, project_id)
            except PmtuiError as exc:
                self.post_message(self._refusal(exc, form, project_id, shown, subject))
                return
            try:
                plan = load_plan_scheduled(self.store, project_id, take_checked_plan(project_id))
            except NotFound as exc:  # the project itself: its creation was undone (here or elsewhere)
                undone = f"Undone: {result.action} — {result.summary}" if what == "Undo" and result else ""
                self.post_message(PlanFailed(str(exc), form, gone=project_id, undone=undone))
                return
            except PmtuiError as exc:
                self.post_message(PlanFailed(str(exc), form))
                return
        select_id = select(result) if callable(select) else select
        note = ""
        if what in ("Undo", "Redo") and result is not None:
            # "Undo: 2.1: actual start none → 4 Dec" read as the change made, not taken back
            note = f"{'Undone' if what == 'Undo' else 'Redone'}: {result.action} — {result.summary}"
        elif say is not None:
            note = say(result)
        if say_plan is not None:
            note = "\n".join(filter(None, [note, say_plan(plan)]))
        self.post_message(PlanReady(plan, select_id=select_id, note=note, edited=True, form=form,
                                    selected_before=selected))

    def _refusal(self, exc: PmtuiError, form, project_id: int, shown, subject) -> EditRefused | PlanFailed:
        """What to say of a refused edit (in the edit's worker). Refused after a change made
        elsewhere (`pmtui delete 2.3` in another terminal while a form was open on 2.3), it said
        "no task with id #32" and left the deleted task on screen: the plan is read again, shown,
        and a deleted task is named as the user knew it."""
        from pmtui.services import history as history_svc

        if isinstance(exc, history_svc.RemovesProject):
            return EditRefused(str(exc), form, confirm=exc.question, agreed=exc.entry_id)
        message, reloaded, now = str(exc), None, shown
        try:
            changed = shown is None or history_svc.version(self.store, project_id) != shown.version
            if changed:
                now = load_plan_scheduled(self.store, project_id)
                reloaded = PlanReady(now)
        except NotFound as gone:  # the project itself: another process undid its creation
            return PlanFailed(str(gone), form, gone=project_id)
        except PmtuiError:
            now = None  # the refusal as it came; the next check of the journal reloads
        if subject is not None and now is not None and subject[0] not in now.by_id:
            message = (f"{subject[1]} was deleted elsewhere (another pmtui or the CLI): nothing was "
                       f"changed{' · esc closes the form' if isinstance(form, ModalScreen) else ''}")
        return EditRefused(message, form, reloaded)

    def _cursor_task_id(self) -> int | None:
        """The task under the cursor of the screen in front, else the shared selection.
        ``selected_task_id`` follows a table's cursor through its CursorMoved message, which may
        still be queued when an edit's plan arrives: a key that had just moved the cursor was
        then taken for no move, and the plan put the cursor back on the task edited (seen under
        load: "R", "5", "j" typed at once left the cursor on the task given the resource)."""
        current = getattr(self.screen, "cursor_task_id", None)
        return current if current is not None else getattr(self, "selected_task_id", None)

    def _start(self, what: str) -> None:
        self.busy_what = what
        self.busy += 1

    def _stop(self) -> None:
        self.busy = max(0, self.busy - 1)

    @on(PlanReady)
    def _plan_ready(self, msg: PlanReady) -> None:
        self._stop()
        self._show_plan(msg)

    def _show_plan(self, msg: PlanReady) -> None:
        old = self.plan
        # freed once the frame is drawn, not before it (see TaskTable.set_plan)
        self._retired = old
        self.call_after_refresh(self._drop_retired)
        same_project = old is not None and old.project.id == msg.plan.project.id
        if not same_project:
            self._take_folds(old, msg.plan)  # (before self.plan is the new one: the old one's are kept)
        self.plan = msg.plan
        self._gone = self._all_seen = None
        self.no_plan_shown = False
        self.project_id = msg.plan.project.id
        if len(msg.plan.tasks) > 5000:
            # A big plan is a million long-lived objects: a full collection scanning them stalls
            # the screen for 0.4 s at 100,000 tasks. Freezing moves them out of the collector's
            # way; they are still freed by reference counting when the next plan replaces them.
            gc.freeze()
            # ... but not what is in a cycle: Textual's widgets are all cycles, so the forms and
            # screens closed since are never freed while frozen (at 10,000 tasks about 5,000
            # objects an edit). A full collection every so many plans bounds them; it waits for
            # a quiet moment, as it stalls the app (0.2 s at 10,000 tasks), and is counted by
            # plans, as gc.get_freeze_count() walks every frozen object (an edit took 30 ms more).
            self._plans_since_collect += 1
            if self._plans_since_collect >= 8 * self.COLLECT_AFTER_PLANS:
                self.call_after_refresh(self._collect_frozen)  # edits without a pause: not later
            elif self._plans_since_collect >= self.COLLECT_AFTER_PLANS:
                if self._collect_timer is not None:
                    self._collect_timer.stop()
                self._collect_timer = self.set_timer(self.COLLECT_WHEN_IDLE_SECONDS, self._collect_frozen)
        self.sub_title = msg.plan.project.name
        if not self._first_frame.is_set():
            self.call_after_refresh(self._first_frame.set)
        previous = old.schedule if msg.edited and same_project else None
        select_id = msg.select_id
        if msg.edited:
            # The cursor moved on while the edit ran (by the user, not by an earlier edit's plan):
            # it stays where it was put, on every screen that shares the selection.
            current = self._cursor_task_id()
            if current != msg.selected_before and current != self._plan_selected:
                select_id = current
            if select_id is not None:
                self.selected_task_id = self._plan_selected = select_id
        for screen in self.plan_screens:
            screen.plan_changed(msg.plan, select_id=select_id, previous=previous)
        form = msg.form
        if form is not None:
            if form.is_attached and self.screen is form:
                form.dismiss(None)
            self._form_edit_over(form, saved=True)
        if msg.note:
            self.notify(msg.note, timeout=4)
        if previous is not None:
            before, after = previous.finish, msg.plan.schedule.finish
            if before != after:
                self.notify(f"Finish moved {before} → {after}", timeout=5)
            self.set_timer(6, self._clear_marks)

    def _form_edit_over(self, form, saved: bool) -> None:
        """The form's edit ended: the keys typed behind its Enter go to the screen in front if
        it was saved, and are dropped if not (they were typed for the screen below)."""
        edit, form.busy = form.busy, False
        self.release_keys(edit, drop=not saved)

    def _drop_retired(self) -> None:
        self._retired = None

    COLLECT_AFTER_PLANS = 8
    COLLECT_WHEN_IDLE_SECONDS = 3.0

    def _collect_frozen(self) -> None:
        """Collect what the freezes of big plans kept from the collector (see _show_plan)."""
        if self._collect_timer is not None:
            self._collect_timer.stop()
        self._collect_timer = None
        self._plans_since_collect = 0
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _clear_marks(self) -> None:
        for screen in self.plan_screens:
            for table in screen.query(TaskTable):
                table.clear_marks()

    @on(Note)
    def _note(self, msg: Note) -> None:
        self.notify(msg.text, severity=msg.severity, timeout=msg.timeout)

    @on(EditRefused)
    def _edit_refused(self, msg: EditRefused) -> None:
        self._stop()
        if msg.confirm:
            self.push_screen(ConfirmScreen(msg.confirm),
                             lambda yes: self.run_edit("Undo", lambda store, pid: _history().undo(store, pid, only=msg.agreed))
                             if yes else self.notify("Nothing undone", timeout=3))
            return
        if msg.reloaded is not None:
            self._show_plan(msg.reloaded)
        if msg.form is not None:
            self._form_edit_over(msg.form, saved=False)
        if msg.form is not None and msg.form.is_attached:
            msg.form.show_error(msg.message)
        else:
            self.notify(msg.message, severity="error", timeout=8)

    @on(PlanFailed)
    def _plan_failed(self, msg: PlanFailed) -> None:
        self._stop()
        if msg.form is not None:
            self._form_edit_over(msg.form, saved=False)
        if msg.gone is not None and self.plan is not None and self.plan.project.id == msg.gone:
            # Kept, the plan of a project that no longer exists was reloaded on every check of
            # the journal, and failed each time: say it once, and let the user choose another.
            name = self.plan.project.name
            back = "U brings it back"
            if msg.undone:
                self.notify(f"{msg.undone}. Project {name!r} is gone: U brings it back", timeout=10)
                how = "its creation was undone"
            elif (deleted := self._deleted_project()) is not None and deleted.id == msg.gone:
                # `pmtui project delete` in another terminal: U (redo) had nothing to bring back
                back = "u brings it back"
                self.notify(f"Project {name!r} is gone: the CLI deleted it; u brings it back",
                            severity="warning", timeout=10)
                how = "the CLI deleted it"
            elif not self._kept_for_undo(msg.gone):
                # `project delete --purge` or `project purge` elsewhere: "U brings it back" sent
                # the user after a project nothing can bring back
                back = ""
                self.notify(f"Project {name!r} is gone: the CLI deleted it for good",
                            severity="warning", timeout=10)
                how = "the CLI deleted it for good"
            else:
                self.notify(f"Project {name!r} is gone: another pmtui or the CLI undid its creation",
                            severity="warning", timeout=10)
                how = "another pmtui or the CLI undid its creation"
            self._plan_gone(msg.gone, f"Project {name!r} is gone: {how}.\n"
                                      + " · ".join(filter(None, (back, "o opens or creates a project"))))
            self._gone = (msg.gone, name)
            self.action_projects()
            return
        self.notify(msg.message, severity="error", timeout=10)
        if self.plan is None:
            self._set_no_plan(self.no_plan_text)
            self.action_projects()

    def _plan_gone(self, project_id: int, text: str) -> None:
        """No plan any more: every screen shows ``text`` in its place (they showed the gone
        project's tasks under "no project open"), and the forms and pickers opened on it close."""
        self.plan, self.project_id, self.selected_task_id = None, None, None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._set_no_plan(text)

    def _set_no_plan(self, text: str) -> None:
        """Every screen says ``text`` where the plan would be; a screen shown for the first time
        later says it too (``no_plan_shown``)."""
        self.no_plan_text = text
        if self.plan is None:
            self.no_plan_shown = True
            for screen in self.plan_screens:
                screen.plan_changed(None)

    def on_key(self, event: events.Key) -> None:
        # A key reaches this handler after bubbling up from the focused widget, just before the
        # bindings are looked up, and in the order keys were typed: the place for the second key
        # of a screen's chord (WbsScreen.take_chord_key), which must come after the first key's
        # action even when typed right behind it. prevent_default skips the bindings.
        # Typed behind a key that was refused, before it was refused: meant for what that key would
        # have opened, not a command (see pmtui.widgets.held_keys).
        if self.drop_behind_refusal(event):
            event.prevent_default()
            event.stop()
            return
        # A key typed before an inline bar had focus, routed to the widget under it (see
        # pmtui.widgets.inline_input): it is the bar's, not a command.
        typed = getattr(self.focused, "take_typed_ahead", None)
        if typed is not None and typed(event):
            event.prevent_default()
            event.stop()
            return
        take = getattr(self.screen, "take_chord_key", None)
        if take is not None and take(event):
            event.prevent_default()

    # -- app actions ----------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        # An edit typed right before q (an answer, Enter and q arriving as one burst over SSH)
        # may not have reached its thread yet, and quitting then dropped it. Edits are short:
        # they land first.
        edits = [w for w in self.workers if w.group == "edit" and not w.is_finished]
        if edits:
            await self.workers.wait_for_complete(edits)
        self._keep_folds(wait=True)  # folded since the last check (which comes every 2 s)
        self.exit()

    _css_done: int | None = None  # Textual's CSS count when the stylesheet was last refreshed

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self._css_done = self._css_update_count
        # The screen shown was restyled, mounted or not (its widgets mounted later are styled
        # from this stylesheet). Textual counts it only once mounted, and the first screen, not
        # yet mounted then, had the whole app restyled again each time it was shown.
        stack = self._screen_stacks.get(self._current_mode)
        if stack:
            stack[-1]._css_update_count = self._css_update_count

    def action_show_screen(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_undo(self) -> None:
        if self.project_id is None:
            deleted = self._deleted_project()
            if deleted is not None:
                # deleted elsewhere (`pmtui project delete`): its undo is the one meant, as the
                # CLI's right after, and it is opened again
                from pmtui.screens.projects import ProjectSwitcher

                if isinstance(self.screen, ProjectSwitcher):
                    self.screen.dismiss(None)
                self._start("undo")
                self._step_gone_worker(deleted.id, "undo")
                return
            gone = self._undone_project()
            if gone is not None:
                self.notify(f"Nothing to undo: no project is open. The last undo took back the creation of "
                            f"{gone.name!r}: U brings it back", severity="warning")
                return
        self.run_edit("Undo", lambda store, pid: _history().undo(store, pid, keep_project=True),
                      form=self._held_behind())

    def _held_behind(self):
        """Keys typed behind u or U wait for its answer: an undo that would take a whole project
        away asks first, and a second u typed before the question was up asked it again (two
        questions, one behind the other). Dropped if it is refused ("Nothing to undo")."""
        from pmtui.widgets.inline_input import BarAnswer

        return BarAnswer(lambda message: self.notify(message, severity="error", timeout=8))

    def action_redo(self) -> None:
        if self.project_id is None:
            gone = self._undone_project()
            if gone is not None:
                # As `pmtui redo` does right after such an undo: that project is the one meant,
                # brought back and opened (U said "No project open", the CLI was the only way).
                from pmtui.screens.projects import ProjectSwitcher

                if isinstance(self.screen, ProjectSwitcher):
                    self.screen.dismiss(None)
                self._start("redo")
                self._step_gone_worker(gone.id, "redo")
                return
        self.run_edit("Redo", lambda store, pid: _history().redo(store, pid), form=self._held_behind())

    def _undone_project(self):
        try:
            return _history().undone_project(self.store)
        except PmtuiError:
            return None

    def _kept_for_undo(self, project_id: int) -> bool:
        try:
            return _history().kept_for_undo(self.store, project_id)
        except PmtuiError:
            return True

    def _deleted_project(self):
        try:
            return _history().deleted_project(self.store)
        except PmtuiError:
            return None

    @work(thread=True, group="edit")
    def _step_gone_worker(self, project_id: int, step: str) -> None:
        """Redo a project's undone creation, or undo its deletion: it comes back and opens."""
        with self._write_lock:
            try:
                entry = getattr(_history(), step)(self.store, project_id)
                plan = load_plan_scheduled(self.store, project_id)
            except PmtuiError as exc:
                self.post_message(EditRefused(str(exc)))
                return
        done = "Redone" if step == "redo" else "Undone"
        self.post_message(PlanReady(plan, note=f"{done}: {entry.action} — {entry.summary}"))

    def action_projects(self) -> None:
        from pmtui.screens.projects import ProjectSwitcher

        def chosen(project_id: int | None) -> None:
            if project_id is not None:
                self.open_project(project_id)

        self.push_screen(ProjectSwitcher(self.store, self.project_id, self.today), chosen)

    def action_resources(self) -> None:
        from pmtui.screens.resources import ResourceWeeks

        if self.plan is None:
            self.notify("No project open: press o to open or create one", severity="warning")
            return
        if not isinstance(self.screen, ResourceWeeks):
            # on the stand-up, the person being asked: "I'm off Thursday" is said of them
            person = getattr(self.screen, "person_in_view", lambda: None)()
            self.push_screen(ResourceWeeks(self.plan, self.today, person))

    def action_toggle_theme(self) -> None:
        self.theme = "pmtui-light" if self.theme == "pmtui-dark" else "pmtui-dark"

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        from pmtui.screens.wbs import LEGEND, WbsScreen

        rows = binding_rows(self, screen)
        title = getattr(screen, "TITLE", None) or type(screen).__name__
        self.push_screen(HelpScreen(str(title), rows, LEGEND if isinstance(screen, WbsScreen) else ""))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from pmtui.screens.palette import Palette

        # as Textual's, with a footer of the palette's keys (pmtui.screens.palette)
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Textual's own commands: its "Theme" offered Textual's themes, which lack pmtui's
        # colours ($pm-cursor-bg …), and choosing one ended the app on a stylesheet error; its
        # "Quit", "Keys" (a panel of Textual's key names) and "Maximize" said again, or worse,
        # what q, ? and t do. Its screenshot has no key of ours, so it is kept.
        yield SystemCommand("Screenshot", "Save an SVG picture of the screen in the current folder",
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        # One command per binding id; in a dialog one per words, keys and ids together, as its
        # footer shows them ("⏎/^s Save"): the palette offered the task form's Enter as
        # "Confirm" beside a "Save" for ^s, where the footer says "⏎/^s Save". Only bindings
        # with an id (every one of pmtui's): Textual's own, a field's or a scroll view's
        # ("Scroll Up ↑ · scroll_up", "Page Left ^pgup", "Focus Next"), are keys to use, not
        # commands to run from a list, and were named in Textual's words.
        commands: dict[object, list] = {}
        for active in screen.active_bindings.values():
            b = active.binding
            if b.action in PALETTE_ACTIONS or not b.id:
                continue
            words = long_description(b, active.node)
            slot = words if screen.is_modal else b.id
            keys, bid = self.get_key_display(b), b.id
            if slot in commands:
                command = commands[slot]
                if screen.is_modal:  # every key, as the footer shows them: "y/⏎ Yes", not "y"
                    for part, have in ((keys, command[1]), (bid, command[2])):
                        if part not in have:
                            have.append(part)
                continue
            commands[slot] = [words, [keys], [bid], partial(self._run_binding, active.node, b.action)]
        for words, keys, ids, run in commands.values():
            yield SystemCommand(words, f"{'/'.join(keys)} · {' '.join(ids)}", run)

    async def _run_binding(self, node, action: str) -> None:
        await self.run_action(action, node)


def _history():
    from pmtui.services import history

    return history


def known_binding_ids() -> set[str]:
    from pmtui.screens.finish_why import FinishWhy
    from pmtui.screens.palette import Palette
    from pmtui.screens.projects import ProjectSwitcher
    from pmtui.screens.resources import ResourceWeeks
    from pmtui.screens.risks import RegisterTable
    from pmtui.screens.standup_dialogs import PersonNotes, SummaryView
    from pmtui.widgets.risk_form import RiskForm, RiskText
    from pmtui.widgets.risk_matrix import RiskMatrix
    from pmtui.widgets.inline_input import InlineInput

    classes = [PmtuiApp, TaskTable, ConfirmScreen, PickScreen, TaskForm, HelpScreen, ProjectSwitcher,
               PersonNotes, SummaryView, RiskForm, RiskText, RiskMatrix, InlineInput, DialogField, ChoiceList,
               DialogScroll, KeyScroll, Palette, FinishWhy, RegisterTable, ResourceWeeks]
    classes += [ref.load() for _k, _m, _t, ref in SCREEN_LIST]
    ids = set()
    for cls in classes:
        for b in cls.BINDINGS:
            if isinstance(b, Binding) and b.id:
                ids.add(b.id)
    return ids


def run_app(store: Store, project_name: str | None, screen: str | None = None) -> None:
    gc.enable()  # a command runs without the collector (pmtui.launch.main); the app lives on
    PmtuiApp(store, project_name, screen=screen).run()


def run_quick(quick: QuickReader, db: str | None) -> int:
    """The app on the current project, drawn from ``quick`` before the store is open; returns
    the exit code."""
    app = PmtuiApp(None, quick=quick, db=db)
    app._gc_off_for_start = not gc.isenabled()
    try:
        app.run()
    finally:
        gc.enable()
        if app._store is not None:
            app._store.close()
    if app._store_error is not None:
        sys.stderr.write(f"pmtui: {app._store_error}\n")
    return app.return_code or 0
