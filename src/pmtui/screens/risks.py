"""Screen 3: the risk matrix and the register under it.

Arrows move between the matrix's cells; the register lists the open risks of the selected cell,
or (a) every risk of the kind shown, by score or (s) by exposure on the critical path. Keys act
on the risk under the register's cursor: n add, e edit, r re-score with a comment, c close (or reopen),
l/x link/unlink a task, i raise an issue, w why (its linked tasks' float and driving path), and
+ - [ ] or shift+arrows move it one cell (each a journaled re-score).
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Static

from pmtui.models.errors import NotFound, PmtuiError
from pmtui.models.risks import Risk
from pmtui.models.parsing import parse_date, parse_duration, parse_money
from pmtui.services import risks as svc
from pmtui.services.as_of import day_text
from pmtui.services.gantt_layout import cells, fit
from pmtui.services.risk_register import Register, RiskView, if_it_happens_text, load_register
from pmtui.services.risk_rules import parse_scale
from pmtui.services.why_span import why_steps
from pmtui.widgets.footer import Footer
from pmtui.widgets.risk_form import RiskForm, RiskText
from pmtui.widgets.risk_matrix import RiskMatrix
from pmtui.widgets.risk_panel import BAND_TEXT, RiskPanel

KINDS = ("threat", "opportunity")


def _money(text: str) -> float:
    return parse_money(text) if text.strip() else 0.0


def _review(text: str) -> date | None:
    return parse_date(text) if text.strip() and text.strip().lower() != "none" else None


def _strategy_label(kind: str) -> str:
    """The responses of the risk's kind (DESIGN), in a label that fits an 80-column dialog."""
    if kind.strip() and "opportunity".startswith(kind.strip().lower()):  # 'opp', as risk_kind reads it
        return "Strategy: exploit, enhance, share, accept, escalate"
    return "Strategy: avoid, mitigate, transfer, accept, escalate"


def _relabel(values: dict[str, str]) -> dict[str, str]:
    """The strategy label follows the kind typed in the same form."""
    return {"strategy": _strategy_label(values["kind"])}


def risk_fields(kind: str, probability: int, impact: int, *, risk=None, owner: str = "",
                tasks: str | None = None) -> list[tuple[str, str, str]]:
    """The risk form's fields, filled from ``risk`` (an edit) or else blank: every field DESIGN
    names and the CLI sets, so a risk is recorded fully from the TUI; ``tasks`` (a new risk's
    linked tasks) adds their field before the comment."""
    r = risk
    fields = [
        ("title", "Title", r.title if r else ""),
        ("kind", "Kind: threat or opportunity", r.kind if r else kind),
        ("description", "Description: what could happen", r.description if r else ""),
        ("cause", "Cause: why it could happen", r.cause if r else ""),
        ("effect", "Effect: what it would do to the project", r.effect if r else ""),
        ("probability", "Probability 1–5", str(probability)),
        ("impact", "Impact 1–5", str(impact)),
        ("owner", "Owner (a resource)", owner),
        ("strategy", _strategy_label(r.kind if r else kind), r.strategy if r else ""),
        ("category", "Category", r.category if r else ""),
        ("review", "Review date", r.review_date.isoformat() if r and r.review_date else ""),
        ("schedule_impact", "Schedule impact (working days)", f"{r.schedule_impact}d" if r else "0d"),
        ("cost_impact", "Cost impact", f"{r.cost_impact:g}" if r else "0"),
        ("response", "Response plan", r.response if r else ""),
        ("trigger", "Trigger: the sign that it is about to happen", r.trigger if r else ""),
        ("comment", "Comment on the score", ""),
    ]
    if r is None:
        fields.insert(-1, ("tasks", "Linked tasks (WBS codes, comma-separated)", tasks or ""))
    return fields


def parsed_risk(values: dict[str, str]) -> dict:
    return {
        "title": values["title"], "kind": values["kind"].strip().lower() or "threat",
        "probability": parse_scale(values["probability"], "probability"),
        "impact": parse_scale(values["impact"], "impact"),
        "strategy": values["strategy"], "category": values["category"],
        "review_date": _review(values["review"]),
        "schedule_impact": parse_duration(values["schedule_impact"] or "0", "schedule impact"),
        "cost_impact": _money(values["cost_impact"]), "response": values["response"],
        # as the CLI's --description, --cause, --effect and --trigger: kept as typed
        "description": values["description"], "cause": values["cause"], "effect": values["effect"],
        "trigger": values["trigger"],
    }


def new_risk_form(store, project_id: int, today: date | None, fields: list[tuple[str, str, str]],
                  added: Callable[[Risk], None] | None = None) -> RiskForm:
    """The form that adds a risk (the risk screen's n, the stand-up's R): saved, the app says
    which risk it added and what it is tied to, then ``added(risk)``."""

    def submit(values: dict[str, str]) -> str | None:
        try:
            parsed = parsed_risk(values)
            tasks = [t.strip() for t in values["tasks"].split(",") if t.strip()]
            risk = svc.add_risk(store, project_id, owner=values["owner"] or None, tasks=tasks,
                                comment=values["comment"], today=today, **parsed)
        except PmtuiError as exc:
            return str(exc)
        if added is not None:
            added(risk)
        form.app.notify(f"Added {svc.risk_code(risk.number)} {risk.title} (P{risk.probability}×I{risk.impact}"
                        f"={risk.probability * risk.impact})" + (f", linked to {', '.join(tasks)}" if tasks else "")
                        + ".", timeout=6)
        return None

    form = RiskForm("New risk", fields, submit, relabel=_relabel)
    return form


class RegisterTable(DataTable):
    """The register: j and k move its cursor as they do in every other list of the app (here they
    did nothing, and dropped the keys typed behind them)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="risks.row_down"),
        Binding("k", "cursor_up", "Up", show=False, id="risks.row_up"),
    ]


class RiskScreen(Screen):
    TITLE = "Risks"
    DEFAULT_CSS = """
    RiskScreen #risk-title { height: 1; padding: 0 1; background: $panel; }
    RiskScreen #risk-top { height: 8; }
    RiskScreen #risk-register { height: 1fr; }
    """

    # The footer shows what fits and cuts the rest at the screen's edge: the keys that act on
    # a risk come first, so that at 80 columns they are all on show (the view toggles first,
    # in long words, cut it at "c Cl", without l and w).
    BINDINGS = [
        Binding("n", "add", "New", id="risks.add"),
        Binding("e", "edit", "Edit", id="risks.edit"),
        Binding("r", "score", "Re-score", id="risks.score"),
        Binding("c", "close_risk", "Close", id="risks.close"),  # reopens a closed one
        Binding("l", "link", "Link", id="risks.link"),
        Binding("w", "why", "Why", id="risks.why"),
        Binding("a", "toggle_all", "All", id="risks.all"),
        Binding("t", "toggle_kind", "Kind", id="risks.kind"),  # threats or opportunities
        Binding("s", "toggle_sort", "Sort", id="risks.sort"),
        Binding("x", "unlink", "Unlink", show=False, id="risks.unlink"),
        Binding("i", "raise_issue", "Issue", show=False, id="risks.raise"),
        Binding("plus,shift+up", "step(1, 0)", "P+", show=False, id="risks.prob_up"),
        Binding("minus,shift+down", "step(-1, 0)", "P−", show=False, id="risks.prob_down"),
        Binding("right_square_bracket,shift+right", "step(0, 1)", "I+", show=False, id="risks.impact_up"),
        Binding("left_square_bracket,shift+left", "step(0, -1)", "I−", show=False, id="risks.impact_down"),
    ]
    FOOTER_ORDER = ("risks.add", "risks.edit", "risks.score", "risks.close", "risks.link", "risks.why", "risks.all",
                    "app.undo", "risks.kind", "risks.sort", "app.quit")

    def __init__(self, store=None, project_id: int | None = None, today: date | None = None) -> None:
        super().__init__()
        self._store, self._project_id, self.today = store, project_id, today
        self.kind = "threat"
        self.show_all = False
        self.sort = "score"
        self.reg: Register | None = None
        self.rows: list[RiskView] = []
        # rows[:in_cell] are the selected cell's risks; those after them the other open risks
        # of the kind, dimmed (see redraw)
        self.in_cell = 0
        self._no_project = False  # shown: there is no project (its creation was undone)

    # -- where the data comes from: given, or the app's open project ----------------------------
    @property
    def store(self):
        return self._store if self._store is not None else self.app.store

    @property
    def project_id(self) -> int | None:
        if self._project_id is not None:
            return self._project_id
        plan = getattr(self.app, "plan", None)
        return plan.project.id if plan is not None else self.app.project_id

    def compose(self) -> ComposeResult:
        if hasattr(self.app, "busy") and hasattr(self.app, "SCREEN_LIST"):
            from pmtui.widgets.header import PlanHeader

            yield PlanHeader("3")
        yield Static("", id="risk-title")
        with Horizontal(id="risk-top"):
            yield RiskMatrix(id="risk-matrix")
            yield RiskPanel(id="risk-panel")
        table = RegisterTable(id="risk-register", cursor_type="row", zebra_stripes=False)
        table.cursor_blink = False
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self._add_columns()
        screens = getattr(self.app, "plan_screens", None)
        if screens is not None:
            screens.append(self)  # undo/redo and edits elsewhere reach this screen as plan_changed
        self.reload()
        top = self.reg.select(kind=self.kind, open_only=True) if self.reg else []
        if top:
            # Open on the cell of the worst risk: that is what a PM looks at first.
            self.query_one(RiskMatrix).cell = (top[0].risk.probability, top[0].risk.impact)
        self.query_one(RiskMatrix).focus()

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("id", "ID"), ("score", "Score"), ("trend", "↕"), ("title", "Title"),
                           ("owner", "Owner"), ("review", "Review"), ("tasks", "Tasks"), ("exp", "Exp")):
            table.add_column(label, key=key)

    def on_screen_resume(self) -> None:
        if self.reg is not None or self._no_project:
            self._reload_keeping()

    def on_resize(self) -> None:
        # the title's words and the register's columns are chosen for the width: made for 120
        # columns, they were cut when the terminal narrowed to 80
        if self.reg is not None:
            # A column keeps the widest cell it ever held: narrowed from 120 to 80, the title
            # column stayed 50 wide around titles cut to 19, and Review, Tasks and Exp were off
            # the screen. Only a new width makes them afresh, so that from cell to cell they
            # still stand still. Made in the table's own turn: it measures its rows when it next
            # falls idle, and made from here they stayed as narrow as their labels.
            self.query_one(DataTable).call_later(self._redraw_for_width)

    def _redraw_for_width(self) -> None:
        keep = self.selected_id()
        self.query_one(DataTable).clear(columns=True)
        self._add_columns()
        self.redraw(keep)

    def plan_changed(self, plan, *, select_id=None, previous=None) -> None:
        # Hidden, it reloads when shown again (on_screen_resume): reading the register of a
        # 10,000-task plan after every edit on another screen cost 130-220 ms.
        if self.is_attached and (self.reg is not None or self._no_project) and self.app.screen is self:
            self._reload_keeping()

    def _reload_keeping(self) -> None:
        """Read the register again with the cursor on the same risk, the matrix following it
        to another cell: after u took back a move (+), the matrix stayed on the cell the risk
        had left, "No risk selected" over it."""
        shown = self.selected_view()
        keep = shown.id if shown else None
        self.reload(keep=keep)
        if shown is None or self.reg is None:
            return
        now = next((v for v in self.reg.risks if v.id == keep), None)
        where = lambda v: (v.risk.kind, v.risk.probability, v.risk.impact, v.risk.status)  # noqa: E731
        if now is not None and where(now) != where(shown):  # moved, not merely left behind by the cursor
            self._go_to(keep)

    # -- drawing ---------------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        self._no_project = self.project_id is None
        if self._no_project:
            # the project is gone (its creation undone): its risks were left on screen, and
            # reading the register said "no project with id None"
            self.reg, self.rows = None, []
            self.query_one("#risk-title", Static).update(Text(getattr(self.app, "no_plan_text", "No project open"),
                                                              "bold"))
            matrix = self.query_one(RiskMatrix)
            matrix.show({}, matrix.bands, matrix.title)
            self.query_one(DataTable).clear()
            self._show_panel()
            return
        try:
            self.reg = load_register(self.store, self.project_id, self.today)
        except PmtuiError as exc:
            self.notify(str(exc), severity="error")
            return
        self.redraw(keep)

    def redraw(self, keep: int | None = None) -> None:
        reg = self.reg
        if reg is None:
            return
        matrix = self.query_one(RiskMatrix)
        matrix.show(reg.matrix(self.kind), reg.bands, "Threats" if self.kind == "threat" else "Opportunities")
        if self.show_all:
            self.rows = reg.select(kind=self.kind, sort=self.sort)
            self.in_cell = len(self.rows)
        else:
            # The cell's risks, then the other open ones, dimmed: at 80×24 the register showed a
            # cell's one risk over a dozen empty lines, and the rest of the register was a away.
            # The dimmed ones are the register's to select (tab to it), not the matrix's.
            self.rows = reg.select(kind=self.kind, open_only=True, cell=matrix.cell, sort=self.sort)
            self.in_cell = len(self.rows)
            ids = {v.id for v in self.rows}
            self.rows += [v for v in reg.select(kind=self.kind, open_only=True, sort=self.sort) if v.id not in ids]
        p, i = matrix.cell
        where = "all" if self.show_all else f"cell P{p}×I{i}" + (" first" if len(self.rows) > self.in_cell else "")
        kind = {"threat": "Threats", "opportunity": "Opportunities"}.get(self.kind, self.kind.capitalize())
        bands = f"L<{reg.bands.medium}≤M<{reg.bands.high}≤H"
        # Cut at 80 columns after '! review', the legend of the register's 'C' was lost: what
        # fits is kept, the date first given up (the header shows it), then the longer words.
        room = self.size.width - 2
        for parts in ((where, f"by {self.sort}", f"as of {reg.day}", bands, "! review overdue · C critical task"),
                      (where, f"by {self.sort}", bands, "! review overdue · C critical task"),
                      (where, f"by {self.sort}", bands, "! overdue · C critical"),
                      (where, f"by {self.sort}", "! overdue · C critical")):
            rest = "".join(f" · {x}" for x in parts)
            if len(kind) + len(rest) <= room:
                break
        self.query_one("#risk-title", Static).update(Text.assemble((kind, "bold"), rest))
        self._fill_table(keep)

    def _fill_table(self, keep: int | None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        reg = self.reg
        narrow = self.size.width < 100
        owner_w, tasks_w = (10, 8) if narrow else (14, 12)

        def review_text(v: RiskView) -> str:
            day = v.risk.review_date
            if day is None:
                return ""
            # Narrow, as the stand-up says a date: "30 Nov", with its year when that is not the
            # year the register is seen as of ("11-30" read as this year's for a review in 2027).
            return (day_text(day, reg.day) if narrow else day.isoformat()) + ("!" if v.overdue else "")

        reviews = [review_text(v) for v in self.rows]
        # Wide enough for every review of the register, not only those in view, and never less
        # than the column already is (a column keeps the widest cell it ever held): the title
        # is cut to what is left, so the table keeps to the screen
        review_w = max([6 if narrow else 11, table.columns["review"].content_width]
                       + [len(review_text(v)) for v in reg.risks])
        # ID, score, trend, owner, review, tasks, exposure, and two cells of padding per column
        width = max(12, self.size.width - (4 + 5 + 1 + owner_w + review_w + tasks_w + 4) - 18)
        for n, (v, day) in enumerate(zip(self.rows, reviews)):
            r = v.risk
            dim = "dim" if n >= self.in_cell else ""  # another cell's
            # padded to the width kept for it, so the columns stand still from cell to cell
            review = Text.assemble((day, "bold red" if v.overdue else dim), " " * (review_w - len(day)))
            tasks = ",".join(f"{t.wbs}{'C' if t.critical and not t.done else ''}" for t in v.linked)
            title = r.title if r.status == "open" else f"({r.status}) {r.title}"
            # names as Text: a DataTable reads a str cell as markup ("[/]" in a title)
            table.add_row(Text(v.code, dim), Text(f"{v.score:>2} {v.letter}", dim or BAND_TEXT[v.band]),
                          Text(v.arrow, dim), Text(_cut(title, width), dim), Text(_cut(v.owner or "", owner_w), dim),
                          review, Text(_cut(tasks, tasks_w), dim), Text(f"{v.exposure:.1f}", dim), key=str(v.id))
        if keep is not None and any(v.id == keep for v in self.rows):
            table.move_cursor(row=[v.id for v in self.rows].index(keep))
        # on an empty cell no row is the matrix's: none looks selected
        table.show_cursor = bool(self.in_cell) or table.has_focus
        self._show_panel()

    def _show_panel(self) -> None:
        self.query_one(RiskPanel).show(self.selected_view())

    def selected_view(self) -> RiskView | None:
        """The risk under the register's cursor; one of another cell (dimmed) only while the
        register has the focus: from the matrix, an empty cell selects nothing."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        if table.cursor_row >= self.in_cell and not table.has_focus:
            return None
        return self.rows[table.cursor_row]

    def on_descendant_focus(self) -> None:
        self._focus_moved()

    def on_descendant_blur(self) -> None:
        self._focus_moved()

    def _focus_moved(self) -> None:
        """Back on the matrix from a dimmed risk: the cursor on the cell's first risk again."""
        table = self.query_one(DataTable)
        if not table.has_focus and self.in_cell and table.cursor_row >= self.in_cell:
            table.move_cursor(row=0)
        table.show_cursor = bool(self.in_cell) or table.has_focus
        self._show_panel()

    def selected_id(self) -> int | None:
        v = self.selected_view()
        return v.id if v else None

    def on_risk_matrix_cell_changed(self, event: RiskMatrix.CellChanged) -> None:
        if not self.show_all:
            self.redraw()
            return
        # Every risk listed: the cursor goes to the first risk of the cell moved to, so that the
        # cell and the risk shown beside it stay one (an empty cell leaves the cursor where it is).
        ids = [v.id for v in self.rows if (v.risk.probability, v.risk.impact) == event.cell]
        if ids and self.selected_id() not in ids:
            self.query_one(DataTable).move_cursor(row=[v.id for v in self.rows].index(ids[0]))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._follow_cursor()
        self._show_panel()

    def _follow_cursor(self) -> None:
        """With every risk listed (a) the matrix stayed on the cell it was on while the cursor went
        to a risk in another: its cell is now the selected risk's."""
        v = self.selected_view()
        if not self.show_all or v is None:
            return
        with self.prevent(RiskMatrix.CellChanged):
            self.query_one(RiskMatrix).cell = (v.risk.probability, v.risk.impact)

    # -- view toggles ----------------------------------------------------------------------------
    def action_toggle_kind(self) -> None:
        self.kind = KINDS[1 - KINDS.index(self.kind)]
        self.redraw()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.redraw(self.selected_id())

    def action_toggle_sort(self) -> None:
        self.sort = "exposure" if self.sort == "score" else "score"
        self.redraw(self.selected_id())

    # -- edits: one service call each, refusals shown and nothing changed --------------------------
    def _has_project(self) -> bool:
        if self.project_id is None:
            self.notify("No project open: o opens or creates a project", severity="warning")
            return False
        return True

    def _do(self, fn, v: RiskView, *args, **kwargs):
        """``fn`` on the risk ``v`` (its code first), or None and the refusal said."""
        if not self._has_project():
            return None
        try:
            return fn(self.store, self.project_id, v.code, *args, **kwargs)
        except PmtuiError as exc:
            self.notify(self._refusal(exc, v), severity="error", timeout=6)
            return None

    def _refusal(self, exc: PmtuiError, v: RiskView, form: bool = False) -> str:
        """Refused because the risk was deleted elsewhere (`pmtui undo` of its add in another
        terminal), an edit said "no risk R15 in this project (see `pmtui risk list`)" and the
        register went on showing it: it is read again, and the risk named as the user saw it."""
        if not isinstance(exc, NotFound):
            return str(exc)
        self.reload(keep=self.selected_id())
        if self.reg is None or any(r.id == v.id for r in self.reg.risks):
            return str(exc)
        return (f"{v.code} {v.risk.title} was deleted elsewhere (another pmtui or the CLI): nothing was "
                f"changed{' · esc closes the form' if form else ''}")

    def _need_risk(self) -> RiskView | None:
        v = self.selected_view()
        if v is None:
            self.notify("No risk selected: move to a cell with risks, or press a to list them all.")
        return v

    def _follow(self, risk_id: int) -> None:
        """Reload and keep the cursor on this risk, moving the matrix to its cell if needed."""
        self.reg = load_register(self.store, self.project_id, self.today)
        self._go_to(risk_id)

    def _go_to(self, risk_id: int) -> None:
        """The cursor on this risk of the register read, the matrix moved to its cell if needed."""
        view = self.reg.view(risk_id)
        matrix = self.query_one(RiskMatrix)
        if view.risk.kind != self.kind:
            self.kind = view.risk.kind
        cell = (view.risk.probability, view.risk.impact)
        if not self.show_all and view.risk.status == "open" and matrix.cell != cell:
            with self.prevent(RiskMatrix.CellChanged):
                matrix.cell = cell
        self.redraw(keep=risk_id)

    def action_step(self, dp: int, di: int) -> None:
        v = self._need_risk()
        if v and self._do(svc.step_risk, v, probability=dp, impact=di, today=self.today):
            self._follow(v.id)
            self.notify(f"{v.code} moved: {_score(v)} → {_score(self.reg.view(v.id))}.", timeout=4)

    @staticmethod
    def _form_fields(v: RiskView) -> list[tuple[str, str, str]]:
        return risk_fields(v.risk.kind, v.risk.probability, v.risk.impact, risk=v.risk, owner=v.owner)

    def action_add(self) -> None:
        if not self._has_project():
            return

        def added(risk) -> None:
            self.show_all = self.show_all or risk.kind != self.kind
            self._follow(risk.id)

        self.app.push_screen(new_risk_form(self.store, self.project_id, self.today,
                                           risk_fields(self.kind, *self.query_one(RiskMatrix).cell), added))

    def action_edit(self) -> None:
        v = self._need_risk()
        if v is None:
            return
        initial = {k: val for k, _l, val in self._form_fields(v)}

        def submit(values: dict[str, str]) -> str | None:
            try:
                parsed = parsed_risk(values)
                before = parsed_risk(initial)
                changes = {k: val for k, val in parsed.items() if val != before[k]}
                owner = values["owner"] if values["owner"] != initial["owner"] else None
                if changes or owner is not None:
                    svc.edit_risk(self.store, self.project_id, v.code, comment=values["comment"],
                                  owner=owner if owner is None or owner.strip() else "none",
                                  today=self.today, **changes)
            except svc.NothingChanged:
                # typed differently, the same values (" Data" for Data, "alice" for Alice Chen)
                changes = {}
            except PmtuiError as exc:
                return self._refusal(exc, v, form=True)
            self._follow(v.id)
            after = self.reg.view(v.id)
            said = [f"{_FIELD_WORDS.get(k, k.replace('_', ' '))} {_said(before[k])} → {_said(val)}"
                    for k, val in changes.items()]
            if after.owner != v.owner:
                said.insert(0, f"owner {_said(v.owner)} → {_said(after.owner)}")
            self.notify(f"{v.code} updated: {', '.join(said)}." if said else f"Nothing changed in {v.code}.",
                        timeout=6)
            return None

        self.app.push_screen(RiskForm(f"Edit {v.code}", self._form_fields(v), submit, relabel=_relabel))

    def action_score(self) -> None:
        v = self._need_risk()
        if v is None:
            return
        fields = [("probability", "Probability 1–5", str(v.risk.probability)),
                  ("impact", "Impact 1–5", str(v.risk.impact)), ("comment", "Why (kept in the history)", "")]

        def submit(values: dict[str, str]) -> str | None:
            try:
                svc.score_risk(self.store, self.project_id, v.code, parse_scale(values["probability"], "probability"),
                               parse_scale(values["impact"], "impact"), comment=values["comment"], today=self.today)
            except PmtuiError as exc:
                return self._refusal(exc, v, form=True)
            self._follow(v.id)
            self.notify(f"{v.code} re-scored: {_score(v)} → {_score(self.reg.view(v.id))}.", timeout=4)
            return None

        form = RiskForm(Text(f"Re-score {v.code} {v.risk.title}"), fields, submit)  # Text: "[" in a title
        self.app.push_screen(form)

    def _confirm(self, question: Text, then) -> None:
        # Text, not a str: a str is read as markup, and a title may hold "[" and "]"
        from pmtui.screens.dialogs import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question), lambda yes: then() if yes else None)

    def action_close_risk(self) -> None:
        """c closes an open risk, and reopens a closed or occurred one (shown with a): that was
        only possible with `pmtui risk reopen`, c answering "R1 is already closed"."""
        v = self._need_risk()
        if v is None:
            return

        def close(values: dict[str, str]) -> str | None:
            # the comment goes where `pmtui risk close --comment` puts it: the history's line
            comment = values["comment"].strip()
            try:
                svc.close_risk(self.store, self.project_id, v.code, comment=comment, today=self.today)
            except PmtuiError as exc:
                return self._refusal(exc, v, form=True)
            self.reload()
            self.notify(f"Closed {v.code}" + (f": {comment}" if comment else "") + ".")
            return None

        def reopen() -> None:
            if self._do(svc.reopen_risk, v):
                self._follow(v.id)
                self.notify(f"Reopened {v.code} (was {v.risk.status}): back on the matrix at "
                            f"P{v.risk.probability}×I{v.risk.impact}.")

        if v.risk.status != "open":
            self._confirm(Text(f"{v.code} {v.risk.title} is {v.risk.status}: reopen it?"), reopen)
        elif self._has_project():
            # a form, not a yes/no question: the why of a close could only be given in the CLI
            self.app.push_screen(RiskForm(Text(f"Close {v.code} {v.risk.title}?"),
                                          [("comment", "Why it is closed (optional, kept in the history)", "")],
                                          close,
                                          words={"field.confirm": "Close it", "field.save": "Close it",
                                                 "field.cancel": "Leave it open"}))

    def action_raise_issue(self) -> None:
        v = self._need_risk()
        if v is None:
            return

        def raise_() -> None:
            issue = self._do(svc.raise_issue, v, today=self.today)
            if issue:
                self.reload()
                self.notify(f"{v.code} occurred: raised {svc.issue_code(issue.number)}.")

        self._confirm(Text(f"{v.code} happened? Mark it occurred and raise an issue?"), raise_)

    def _task_form(self, title: str, fn, said: str, *, unlink: bool = False) -> None:
        v = self._need_risk()
        if v is None:
            return
        if unlink and not v.linked:
            # the form asked for a task to unlink from a risk tied to none
            self.notify(f"{v.code} is linked to no task: l links one", severity="warning")
            return
        # the tasks linked now, as the form's label: x asked for a code to unlink with none of
        # them on show (at 80 columns the panel cuts its list of them)
        linked = ", ".join(t.wbs for t in v.linked)
        label = "Task (WBS code like 1.2, or #id)" + (f"; linked now: {linked}" if linked else "")

        def submit(values: dict[str, str]) -> str | None:
            try:
                label = fn(self.store, self.project_id, v.code, values["task"])
            except PmtuiError as exc:
                return self._refusal(exc, v, form=True)
            self._follow(v.id)
            after = self.reg.view(v.id)
            task = next((t for t in after.linked if label.startswith(f"{t.wbs} ")), None)
            critical = " (critical)" if task is not None and task.critical and not task.done else ""
            self.notify(f"{said.format(code=v.code, label=label)}{critical}: "
                        f"exposure {v.exposure:.1f} → {after.exposure:.1f}.", timeout=6)
            return None

        self.app.push_screen(RiskForm(Text(f"{title} {v.code} {v.risk.title}"),
                                      [("task", label, "")], submit))

    def action_link(self) -> None:
        self._task_form("Link a task to", svc.link_risk_task, "Linked {code} to {label}")

    def action_unlink(self) -> None:
        self._task_form("Unlink a task from", svc.unlink_risk_task, "Unlinked {code} from {label}", unlink=True)

    def action_why(self) -> None:
        v = self._need_risk()
        if v is None or self.reg is None:
            return
        self.app.push_screen(RiskText(why_text(self.reg, v)))


_FIELD_WORDS = {"review_date": "review", "schedule_impact": "schedule impact (days)"}


def _said(value) -> str:
    return "none" if value is None or value == "" else (f"{value:g}" if isinstance(value, float) else str(value))


def _score(v: RiskView) -> str:
    return f"P{v.risk.probability}×I{v.risk.impact}={v.score} {v.letter}"


def _cut(text: str, width: int) -> str:
    # in cells, not characters: a Chinese title cut to 19 characters took 38 cells and pushed
    # Tasks and Exp off an 80-column screen
    return text if cells(text) <= width else fit(text, width)


def why_text(reg: Register, v: RiskView) -> Text:
    """The risk's linked tasks with float and criticality, and why each starts when it does."""
    text = Text()
    text.append(f"{v.code} {v.risk.title}\n", "bold")
    text.append(f"exposure on the critical path {v.exposure:.1f}"
                + (f"; would slip the finish {v.slip}d" if v.slip else "") + "\n")
    happens = if_it_happens_text(v.risk.schedule_impact, v.if_it_happens)
    if happens:
        text.append(f"if it occurs, {happens[0]}\n", "bold red" if v.slip or v.if_it_happens.broken else "")
        for missed in happens[1:]:
            text.append(f"  {missed}\n")
    text.append("\n")
    if not v.linked:
        text.append("No linked task: press l to link one.\n", "dim")
    sched = reg.plan.schedule if v.linked else None
    for t in v.linked:
        text.append(f"{t.wbs} {t.name}", "bold")
        state = "done" if t.done else ("CRITICAL" if t.critical else f"total float {t.total_float}d")
        text.append(f"  finish {t.finish} · {state}\n", "bold red" if t.critical and not t.done else "")
        path = [reg.plan.by_id[i].wbs for i in sched.driving_path(t.id) if i in reg.plan.by_id]
        if len(path) > 1:
            text.append(f"  driving path: {' → '.join(path)}\n")
        for line in why_steps(reg.plan, t.id):  # as `pmtui why` and the WBS detail give them
            text.append(f"  {line}\n", "dim")
        text.append("\n")
    return text
