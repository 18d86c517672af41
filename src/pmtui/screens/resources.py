"""The people of the plan with their working weeks and leave (W): whose week is the project's
and whose is their own, the days they work that it has off, and their leave ahead, as
`pmtui resource calendar show` and `resource leave list` say them. On the one highlighted: Enter
sets their working days, as `pmtui resource calendar workdays NAME DAYS|project` does; l records
leave, as `pmtui resource leave add NAME FIRST [LAST]` does; x takes back a run of leave ahead, as
`resource leave rm` does. The same services, one journal entry each: u undoes it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date, parse_workdays
from pmtui.models.vocabulary import WEEKDAY_NAMES
from pmtui.models.wording import counted
from pmtui.screens.dialogs import ChoiceList, DialogField, PickScreen, fit_list
from pmtui.services.resource_load import days_text
from pmtui.widgets.footer import Footer

# read in the edit's worker and for the list: not before the dialog opens
rcal_svc = LazyModule("pmtui.services.resource_calendar")
leave_svc = LazyModule("pmtui.services.leave")

PROJECT = "project"  # typed for the project's week, as the CLI takes it
WEEK, LEAVE = "week", "leave"  # the field open
# runs of leave on a person's row: with two, a row ran past 80 columns and the list wrapped it
# over two lines; the line under the list names them all
LEAVE_NAMED = 1


def week_text(mask: int) -> str:
    """'mon-fri', 'mon-wed,fri', 'mon,wed': runs of three days or more from first to last, as
    they are typed (the CLI's 'mon,tue,wed,thu,fri' took a third of a row at 80 columns)."""
    days = [i for i in range(7) if mask >> i & 1]
    parts, run = [], []
    for i in days + [None]:
        if run and (i is None or i != run[-1] + 1):
            names = [WEEKDAY_NAMES[d] for d in run]
            parts.append(f"{names[0]}-{names[-1]}" if len(run) >= 3 else ",".join(names))
            run = []
        if i is not None:
            run.append(i)
    return ",".join(parts)


OWN, PROJECTS = "own", "project's"


def whose(mask: int, own: bool) -> str:
    """'mon-thu (own)', 'mon-fri (project's)', as `pmtui resource calendar show` marks them."""
    return f"{week_text(mask)} ({OWN if own else PROJECTS})"


def person_note(plan, resource_id: int, since: date) -> str:
    """' · works mon-thu · leave 08–09 Dec': a week of their own and their next leave, for a
    list that names people to pick from (the assign list); '' for someone on the project's week
    with no leave ahead, as most are."""
    mask, own = plan.resource_week(resource_id)
    parts = [f"works {week_text(mask)}"] if own else []
    run = next((r for r in leave_svc.runs(plan, resource_id) if r.last >= since), None)
    if run is not None:
        parts.append(f"leave {days_text(max(run.first, since), run.last, since)}")
    return "".join(f" · {p}" for p in parts)


class LeaveAnswer:
    """Stands in for a form in ``run_edit`` while leave typed in the dialog is recorded or taken
    back: the keys typed behind its Enter wait for the edit, and are dropped if it is refused (a
    j behind it moved the list off the person whose field the refusal then opened again), and the
    service's refusal (leave there already, no working day in the span) is said in the dialog by
    ``refused``: the field opens again with what was typed, and the reason under it."""

    busy: object = False

    def __init__(self, dialog: "ResourceWeeks", refused) -> None:
        self.dialog = dialog
        self.refused = refused

    @property
    def is_attached(self) -> bool:  # for the app: a refusal goes to show_error, else a notification
        return self.dialog.is_attached

    def show_error(self, message: str) -> None:
        self.refused(message)


class PeopleList(ChoiceList):
    """Made shorter while a week is typed, it keeps the person typed for in view."""

    def on_resize(self, event) -> None:
        self.scroll_to_highlight()


class ResourceWeeks(ModalScreen[None]):
    """Shows the plan the app shows, and again each time it changes (an edit here, an undo,
    the CLI in another terminal)."""

    TITLE = "People: working days and leave"  # help's title ("Keys — ResourceWeeks" before)
    BINDINGS = [
        Binding("escape", "close", "Close", id="resources.close"),
        # The app's undo does not reach a modal screen: here it takes back a week just set,
        # which the list then shows.
        Binding("u,ctrl+z", "undo", "Undo", id="resources.undo"),
        Binding("l", "add_leave", "Leave", id="resources.add_leave"),
        Binding("x,delete", "remove_leave", "Remove leave", id="resources.remove_leave"),
        # nor does its help: ? did nothing here, and the keys above were found only in the footer
        # (the app's id: remapped in config.toml, it moves here too)
        Binding("question_mark,f1", "app.help", "Help", show=False, id="app.help"),
    ]
    FOOTER_ORDER = ("list.choose", "resources.add_leave", "resources.remove_leave", "resources.undo",
                    "resources.close")

    def __init__(self, plan, today: date | None = None, person: int | None = None) -> None:
        """``person``: the resource id to open on (the stand-up's person: the PM who hears of
        their leave records it without looking for them in the list)."""
        super().__init__()
        self.plan = plan
        self.today = today
        self.opened_on = person
        self.weeks: list = []
        self.editing: str | None = None  # the name whose week or leave is being typed
        self.typing: str | None = None  # WEEK or LEAVE while a field is open

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog resources"):
            yield Static("People: working days and leave", id="r-title", classes="dialog-title")
            yield PeopleList(id="resource-list", words={"list.choose": "Working days"})
            yield Static("", id="r-detail")
            # a Static, not a Label: it wraps, and a long name left the label cut at 80 columns
            yield Static("", id="r-label", classes="form-label")
            yield DialogField(id="r-week", compact=True, words={"field.confirm": "Set"})
            with Horizontal(id="r-leave"):
                yield Static("From ", classes="form-label")
                yield DialogField(id="r-from", compact=True, words={"field.confirm": "Add leave"})
                yield Static(" to ", classes="form-label")
                yield DialogField(id="r-to", compact=True, words={"field.confirm": "Add leave"})
            yield Static("", id="r-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        for field in self.query(DialogField):
            field.cursor_blink = False
        self._show_field(None)
        self.plan_changed(self.plan)
        plan_screens = getattr(self.app, "plan_screens", None)
        if plan_screens is not None:
            plan_screens.append(self)

    def on_unmount(self) -> None:
        plan_screens = getattr(self.app, "plan_screens", None)
        if plan_screens is not None and self in plan_screens:
            plan_screens.remove(self)

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        # the title, the two lines under the list and, while a week or leave is typed, the field's
        # label (two lines at 80 columns), the field and a refusal (x on someone with no leave: a
        # line without a field): the dialog scrolled at 80x24 with them, and its scroll bar
        # narrowed the list, which wrapped its rows
        if self.editing is not None:
            around = 15
        else:
            around = 11 if self.query_one("#r-error").display else 9
        fit_list(self.query_one(OptionList), height, around=around)

    def _as_of(self) -> date:
        """Leave and worked days from the status date (else today) on: the ones before are history."""
        return self.plan.project.status_date or self.today or date.today()

    def plan_changed(self, plan, select_id=None, previous=None) -> None:
        """Drawn again from ``plan``, keeping the person highlighted; closed when no plan is open."""
        if plan is None:
            if self.app.screen is self:  # (the project gone: the app closes the screens over it)
                self.dismiss(None)
            return
        self.plan = plan
        ol = self.query_one(OptionList)
        kept = self._current()
        self.weeks = rcal_svc.weeks(plan)
        ol.clear_options()
        if not self.weeks:
            self.query_one("#r-detail", Static).update(
                Text("No resources yet: R on a task of the WBS adds one, or `pmtui resource add NAME`."))
            return
        name_width = min(24, max(len(w.name) for w in self.weeks))
        for w in self.weeks:
            row = Text()
            name = w.name if len(w.name) <= name_width else w.name[:name_width - 1] + "…"
            row.append(f"{name:<{name_width}}  ")
            row.append(f"{whose(w.workdays, w.own):<19}", "bold" if w.own else "")
            ahead = self._leave_ahead(w.resource_id)
            if ahead:
                shown = ", ".join(days_text(a, b, self._as_of()) for a, b, _n in ahead[:LEAVE_NAMED])
                more = f" +{len(ahead) - LEAVE_NAMED}" if len(ahead) > LEAVE_NAMED else ""
                row.append(f"  leave {shown}{more}")
            ol.add_option(Option(row, id=str(w.resource_id)))
        keep_id = kept.resource_id if kept is not None else self.opened_on
        self.opened_on = None
        at = next((i for i, w in enumerate(self.weeks) if w.resource_id == keep_id), 0)
        ol.highlighted = at
        self._show_detail()
        if self.editing is None:
            self.set_focus(ol)

    def _leave_ahead(self, resource_id: int) -> list[tuple[date, date, int]]:
        """(first, last, working days off) of each run of leave, from the day the plan is seen as
        of on: the days before it are history."""
        since = self._as_of()
        off = self.plan.leave.get(resource_id, {})
        return [(max(r.first, since), r.last, sum(1 for d in off if since <= d and r.first <= d <= r.last))
                for r in leave_svc.runs(self.plan, resource_id) if r.last >= since]

    def _current(self):
        ol = self.query_one(OptionList)
        if ol.highlighted is None or not self.weeks or ol.highlighted >= len(self.weeks):
            return None
        return self.weeks[ol.highlighted]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.editing is None:
            self._refuse("")  # said of the person highlighted before
        self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted person in full: what their week follows, and every run of leave ahead."""
        w = self._current()
        if w is None:
            return
        ref = self._as_of()
        if w.own:
            line = (f"{w.name} works a week of their own, {week_text(w.workdays)}: it stays when the "
                    "project's week changes.")
        else:
            line = (f"{w.name} works the project's week, {week_text(w.workdays)}: it changes with the "
                    "project's.")
        worked = [d for d in w.worked if d >= ref]
        if worked:
            line += f" Also works {', '.join(days_text(d, d, ref) for d in worked)}."
        ahead = self._leave_ahead(w.resource_id)
        if ahead:
            line += " Leave " + ", ".join(f"{days_text(a, b, ref)} ({counted(n, 'working day')})"
                                          for a, b, n in ahead) + "."
        else:
            line += f" No leave from {days_text(ref, ref, ref)} on."
        self.query_one("#r-detail", Static).update(Text(line))

    def _show_field(self, name: str | None, typing: str = "") -> None:
        self.editing = name
        self.typing = typing if name is not None else None
        self.query_one("#r-label").display = name is not None
        self.query_one("#r-week").display = self.typing == WEEK
        self.query_one("#r-leave").display = self.typing == LEAVE
        self._refuse("")
        self._fit(self.app.size.height)
        self.refresh_bindings()  # the footer's undo comes and goes with the field

    def _refuse(self, message: str) -> None:
        error = self.query_one("#r-error", Static)
        error.update(Text(message))
        error.display = bool(message)  # an empty row under the list otherwise
        if self.editing is None:
            self._fit(self.app.size.height)
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # typing the days, u, l and x are letters and ^z undoes nothing here: not offered
        return not (action in ("undo", "add_leave", "remove_leave") and self.editing is not None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        w = self._current()
        if w is None:
            return
        self._show_field(w.name, WEEK)
        self.query_one("#r-label", Static).update(
            Text(f"Working days of {w.name}: e.g. mon-thu or mon,wed,fri; {PROJECT} for the project's week"))
        field = self.query_one("#r-week", DialogField)
        field.value = week_text(w.workdays) if w.own else PROJECT
        self.set_focus(field)

    def submitted(self, field: Input) -> None:
        """Enter in the field: the days checked here, as the CLI checks them, before anything is
        written; a refusal is said under the field and changes nothing."""
        name = self.editing
        if name is None:
            return
        if self.typing == LEAVE:
            self._add_leave(name)
            return
        typed = field.value.strip()
        try:
            mask = None if typed.casefold() == PROJECT else parse_workdays(typed)
        except BadValue as exc:
            self._refuse(f"{exc} (or {PROJECT} for the project's week)")
            return
        app = self.app
        before = app.plan.schedule if getattr(app, "plan", None) is not None else None
        self._show_field(None)
        self.set_focus(self.query_one(OptionList))
        app.run_edit("Working days", lambda store, pid: rcal_svc.set_week(store, pid, name, mask),
                     say=lambda result: said(result, before))

    def action_add_leave(self) -> None:
        w = self._current()
        if w is None or self.editing is not None:
            return
        self._open_leave(w.name, ("", ""), "")

    def _open_leave(self, name: str, typed: tuple[str, str], refusal: str, at: str = "#r-from") -> None:
        self._show_field(name, LEAVE)
        self.query_one("#r-label", Static).update(Text(
            f"Leave of {name}: the first day off and the last (none: that one day), "
            "e.g. 2027-02-08, thu, next friday"))
        self.query_one("#r-from", DialogField).value, self.query_one("#r-to", DialogField).value = typed
        self._refuse(refusal)
        self.set_focus(self.query_one(at, DialogField))

    def _add_leave(self, name: str) -> None:
        """The dates read as the CLI reads them (today: the app's), and the span checked as the
        service checks it, before anything is written; what only the plan can say (leave there
        already, no working day) comes back from the service and is said the same way."""
        typed = (self.query_one("#r-from", Input).value, self.query_one("#r-to", Input).value)
        today = self.today or date.today()
        try:
            first = parse_date(typed[0], today, what="first day")
        except BadValue as exc:
            self._open_leave(name, typed, str(exc))
            return
        try:
            last = parse_date(typed[1], today, what="last day") if typed[1].strip() else None
            leave_svc.check_span(first, last or first)
        except BadValue as exc:
            self._open_leave(name, typed, str(exc), "#r-to" if typed[1].strip() else "#r-from")
            return
        app = self.app
        before = app.plan.schedule if getattr(app, "plan", None) is not None else None
        ref = self._as_of()
        self._show_field(None)
        self.set_focus(self.query_one(OptionList))
        answer = LeaveAnswer(self, lambda message: self._open_leave(name, typed, message))
        app.run_edit("Add leave", lambda store, pid: leave_svc.add_leave(store, pid, name, first, last),
                     form=answer, say=lambda result: leave_said(result, before, ref, added=True))

    def action_remove_leave(self) -> None:
        """The run of leave ahead taken back; with several, a list to choose which."""
        w = self._current()
        if w is None or self.editing is not None:
            return
        ref = self._as_of()
        ahead = self._leave_ahead(w.resource_id)
        if not ahead:
            self._refuse(f"{w.name} has no leave from {days_text(ref, ref, ref)} on: l records some")
            return
        notes = {r.last: r.note for r in leave_svc.runs(self.plan, w.resource_id)}
        if len(ahead) == 1:
            self._remove_leave(w.name, ahead[0][0], ahead[0][1])
            return
        choices = []
        for i, (first, last, n) in enumerate(ahead):
            note = notes.get(last, "")
            label = f"{days_text(first, last, ref)} ({counted(n, 'working day')})"
            if note and note != leave_svc.DEFAULT_NOTE:
                label += f" · {note}"
            choices.append((str(i + 1) if i < 9 else "", label, (first, last)))

        def chosen(span) -> None:
            if span is not None:
                self._remove_leave(w.name, *span)

        self.app.push_screen(PickScreen(f"Take back which leave of {w.name}?", choices), chosen)

    def _remove_leave(self, name: str, first: date, last: date) -> None:
        # the days as the list shows them, from the status date on: the ones before are history,
        # and stay as they were. A run wholly ahead goes as `resource leave rm NAME DAY` takes it:
        # given its last day too, a run longer than leave_svc.MAX_SPAN (two recorded end to end)
        # was refused as too long to record
        app = self.app
        before = app.plan.schedule if getattr(app, "plan", None) is not None else None
        ref = self._as_of()
        until = last if first <= ref else None
        app.run_edit("Remove leave", lambda store, pid: leave_svc.remove_leave(store, pid, name, first, until),
                     form=LeaveAnswer(self, self._refuse),
                     say=lambda result: leave_said(result, before, ref, added=False))

    def action_undo(self) -> None:
        if self.editing is None:
            self.app.action_undo()

    def action_close(self) -> None:
        if self.editing is not None:
            self._show_field(None)
            self.set_focus(self.query_one(OptionList))
        else:
            self.dismiss(None)

    action_cancel = action_close  # Escape in the field (DialogInput)


def leave_said(result, before, ref: date, added: bool) -> str:
    """What recording or taking back leave did, as the CLI says it: the days, and the tasks it
    moved or a constraint still holds at work on them."""
    who, run, plan = result
    when = f"{days_text(run.first, run.last, ref)} ({counted(run.days, 'working day')})"
    moved = leave_svc.moved_by(before, plan, run.resource_id) if before is not None else ""
    if added:
        text = f"Leave of {who}: {when}; "
        text += f"scheduled around it: {moved}" if moved else f"no unfinished task of {who} moved"
        hit = [c for c in leave_svc.clashes(plan, run.first, only=run.resource_id) if c.first <= run.last]
        if hit:
            tasks = ", ".join(dict.fromkeys(plan.by_id[t].wbs for c in hit for t in c.tasks))
            text += f"; a constraint holds {who} at work on {sum(c.days for c in hit)} of those days ({tasks})"
    else:
        text = f"Leave of {who} taken back: {when}; "
        text += f"scheduled on those days again: {moved}" if moved else f"no unfinished task of {who} moved"
    return text + " · u undoes"


def said(result, before) -> str:
    """What setting a week did, in the CLI's words: the week before and after, and the tasks it
    moved."""
    who, (old, old_own), (new, new_own), plan = result
    if plan is None:
        week = "a week of their own" if new_own else "the project's week"
        return f"{who} works {week}, {week_text(new)}, already: nothing changed"
    if old == new:
        # the same days, now kept or now the project's: what that does, as nothing moved
        if new_own:
            return f"{who} keeps {week_text(new)} as a week of their own: a change to the project's week leaves it · u undoes"
        return f"{who} works the project's week again ({week_text(new)}): a change to it changes theirs · u undoes"
    were = week_text(old) if old_own else f"the project's, {week_text(old)}"
    now = week_text(new) if new_own else f"the project's, {week_text(new)}"
    rid = next(r.id for r in plan.resources if r.name == who)
    moved = leave_svc.moved_by(before, plan, rid) if before is not None else ""
    effect = f"scheduled on their days: {moved}" if moved else f"no unfinished task of {who} moved"
    return f"Working days of {who}: {now} (were {were}); {effect} · u undoes"
