"""The people of the plan with their working weeks and leave (W): whose week is the project's
and whose is their own, the days they work that it has off, and their leave ahead, as
`pmtui resource calendar show` and `resource leave list` say them; Enter sets the working days of
the one highlighted, as `pmtui resource calendar workdays NAME DAYS|project` does (the same
service, one journal entry: u undoes it)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_workdays
from pmtui.models.vocabulary import WEEKDAY_NAMES
from pmtui.models.wording import counted
from pmtui.screens.dialogs import ChoiceList, DialogField, fit_list
from pmtui.services.resource_load import days_text
from pmtui.widgets.footer import Footer

# read in the edit's worker and for the list: not before the dialog opens
rcal_svc = LazyModule("pmtui.services.resource_calendar")
leave_svc = LazyModule("pmtui.services.leave")

PROJECT = "project"  # typed for the project's week, as the CLI takes it
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


class PeopleList(ChoiceList):
    """Made shorter while a week is typed, it keeps the person typed for in view."""

    def on_resize(self, event) -> None:
        self.scroll_to_highlight()


class ResourceWeeks(ModalScreen[None]):
    """Shows the plan the app shows, and again each time it changes (an edit here, an undo,
    the CLI in another terminal)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="resources.close"),
        # The app's undo does not reach a modal screen: here it takes back a week just set,
        # which the list then shows.
        Binding("u,ctrl+z", "undo", "Undo", id="resources.undo"),
    ]
    FOOTER_ORDER = ("list.choose", "resources.undo", "resources.close")

    def __init__(self, plan, today: date | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.today = today
        self.weeks: list = []
        self.editing: str | None = None  # the name whose week is being typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog resources"):
            yield Static("People: working days and leave", id="r-title", classes="dialog-title")
            yield PeopleList(id="resource-list", words={"list.choose": "Working days"})
            yield Static("", id="r-detail")
            # a Static, not a Label: it wraps, and a long name left the label cut at 80 columns
            yield Static("", id="r-label", classes="form-label")
            yield DialogField(id="r-week", compact=True, words={"field.confirm": "Set"})
            yield Static("", id="r-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#r-week", Input).cursor_blink = False
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
        # the title, the two lines under the list and, while a week is typed, the field's label
        # (two lines at 80 columns), the field and a refusal: the dialog scrolled at 80x24 with
        # them, and its scroll bar narrowed the list, which wrapped its rows
        fit_list(self.query_one(OptionList), height, around=9 if self.editing is None else 15)

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
        at = next((i for i, w in enumerate(self.weeks) if kept is not None and w.resource_id == kept.resource_id), 0)
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

    def _show_field(self, name: str | None) -> None:
        self.editing = name
        for wid in ("#r-label", "#r-week"):
            self.query_one(wid).display = name is not None
        self._refuse("")
        self._fit(self.app.size.height)
        self.refresh_bindings()  # the footer's undo comes and goes with the field

    def _refuse(self, message: str) -> None:
        error = self.query_one("#r-error", Static)
        error.update(Text(message))
        error.display = bool(message)  # an empty row under the list otherwise
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # typing the days, u is a letter and ^z undoes nothing here: not offered
        return not (action == "undo" and self.editing is not None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        w = self._current()
        if w is None:
            return
        self._show_field(w.name)
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
