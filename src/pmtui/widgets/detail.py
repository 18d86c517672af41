"""The selected task in full: dates, floats, links, resources, and why it starts when it does."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from pmtui.services.resource_load import days_text, resource_loads

MAX_WHY = 3


class TaskDetail(Widget):
    DEFAULT_CSS = """
    TaskDetail { height: 7; border-top: solid $primary; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = None
        self.task_id: int | None = None
        self.prompt_text: str | None = None
        self.no_plan_text = ""  # said when there is no plan (the project is gone)
        self._loads = None  # (plan, resource id -> its load)

    def show(self, plan, task_id: int | None, no_plan_text: str = "") -> None:
        self.plan, self.task_id, self.prompt_text = plan, task_id, None
        self.no_plan_text = no_plan_text
        self.refresh()

    def prompt(self, text: str) -> None:
        """Ask for a key here, in place of the task, until the next show()."""
        self.prompt_text = text
        self.refresh()

    def _overbooked(self, plan, tid: int) -> tuple[list[str], list[str]]:
        """This task's people booked above their max units while it runs: from the status date
        (else today) on, to settle, and before it, history, said as such (this is the view of the
        whole plan: the stand-up and the report look ahead only). Each resource's loads are
        computed once per plan."""
        if self._loads is None or self._loads[0] is not plan:
            self._loads = (plan, {})
        cache = self._loads[1]
        # the app's today, as the header and the stand-up (the wall clock ignored a frozen one)
        since = plan.project.status_date or getattr(self.app, "today", None) or date.today()
        cal = plan.calendar
        eve = cal.index_on_or_after(since) - 1  # the last working day before it
        now, past = [], []
        for a in plan.assignments_of.get(tid, ()):
            rid = a.resource_id
            if rid not in cache:
                cache[rid] = (resource_loads(plan, since, only=rid).get(rid), resource_loads(plan, None, only=rid).get(rid))
            load, whole = cache[rid]
            name = plan.resource_by_id[rid].name
            runs = [o for o in load.overloads if tid in o.tasks] if load is not None else []
            if runs:
                when = days_text(runs[0].first, runs[-1].last, since)
                if len(runs) > 1:
                    when = f"on {sum(o.days for o in runs)} days, {when}"
                now.append(_booked(name, runs, load.max_units, when))
            old = [o for o in whole.overloads if tid in o.tasks and o.first < since] if whole is not None else []
            if old:
                last = min(old[-1].last, cal.date_of(eve))
                past.append(_booked(name, old, whole.max_units, days_text(old[0].first, last, since)))
        return now, past

    def render(self) -> Text:
        if self.prompt_text is not None:
            return Text(self.prompt_text, style="bold")
        plan, tid = self.plan, self.task_id
        if plan is None and self.no_plan_text:
            return Text(self.no_plan_text, style="bold")
        if plan is None or tid is None or tid not in plan.by_id:
            return Text("No task. Press a to add one.", style="dim")
        t = plan.by_id[tid]
        ts = plan.schedule.tasks[tid]
        kind = "summary" if t.children else "milestone" if t.milestone else f"{t.duration}d"
        now = plan.duration_now(t)
        if not t.children and now != t.duration:
            kind = f"{now}d (planned {t.duration}d)"
        marks = []
        if ts.critical:
            marks.append("C critical")
        if ts.late:
            marks.append("L late")
        if any("cannot be met" in v for v in ts.violations):
            marks.append("! constraint")
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(f"{t.wbs} {t.name}", "bold")
        out.append(f"  #{t.id} · {kind} · {plan.percent[tid]:.0f}%")
        if marks:
            out.append("  " + " · ".join(marks), "bold")
        out.append("\n")
        out.append(f"Start {ts.start}  Finish {ts.finish}  Float total {ts.total_float}d free {ts.free_float}d")
        if t.constraint_type != "ASAP":
            out.append(f"  Constraint {t.constraint_type} {t.constraint_date or ''}".rstrip())
        if t.deadline:
            out.append(f"  Deadline {t.deadline}")
        out.append("\n")
        preds = plan.predecessors_text(tid) or "none"
        driving = ", ".join(plan.by_id[d].label for d in ts.driving if d in plan.by_id) or ts.driven_by.replace("_", " ")
        out.append(f"Predecessors {preds}  Driving {driving}  Early {ts.early_start}→{ts.early_finish}  "
                   f"Late {ts.late_start}→{ts.late_finish}")
        res = plan.resources_text(tid)
        if res:
            out.append(f"\nResources {res}")
            over, history = self._overbooked(plan, tid)
            if over:
                out.append("  ⚠ " + "; ".join(over), "bold red")
            if history:  # before the status date: said first, as a long line is cut at the edge
                out.append(f"  (history: {'; '.join(history)})", "dim")
        why = plan.schedule.explain(tid)
        for line in why[:MAX_WHY]:
            out.append("\nWhy: " + line)
        if len(why) > MAX_WHY:
            out.append(f"  (+{len(why) - MAX_WHY} steps: pmtui why {t.wbs})", "dim")
        for v in ts.violations[:1]:
            out.append("\n" + v, "bold")
        if t.notes:
            out.append("\nNotes: " + t.notes.replace("\n", " "))
        return out


def _booked(name: str, runs: list, max_units: float, when: str) -> str:
    """'Claire Dubois booked up to 150% of 100% 13–14 Oct': runs of days above max units."""
    peak = max(o.load for o in runs)
    return f"{name} booked {'up to ' if len(runs) > 1 else ''}{peak:.0%} of {max_units:.0%} {when}"
