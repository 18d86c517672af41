"""The selected task in full: dates, floats, links, resources, and why it starts when it does."""

from __future__ import annotations

import re
import weakref
from datetime import date

from rich.text import Text
from textual.widget import Widget

from pmtui.models.wording import counted
from pmtui.services.resource_load import days_text, resource_loads
from pmtui.services.why_span import float_steps, leave_waited_days, leave_waited_text, starters_text, why_steps

MAX_WHY = 3  # steps of why drawn before the panel has a size


class TaskDetail(Widget):
    # Seven rows (six of text) on a terminal 24 rows high, where the tree needs the rest; on a
    # taller one 28 % of it, up to twelve rows. At 120x40 a fixed seven cut the why-chain of a
    # task with people on it after two steps, with the tree given 31 rows; now ten rows give it
    # five, and the tree keeps 28.
    DEFAULT_CSS = """
    TaskDetail { height: 28%; min-height: 7; max-height: 12; border-top: solid $primary; padding: 0 1;
                 text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = None
        self.task_id: int | None = None
        self.prompt_text: str | None = None
        self.no_plan_text = ""  # said when there is no plan (the project is gone)
        self._loads = None  # (plan, resource id -> its load)
        # The schedules below are weak references: the app frees a replaced plan once the next
        # frame is drawn (PmtuiApp._show_plan); one held here would be freed in a later draw.
        self._float: tuple[weakref.ref, int, list[str]] | None = None  # (schedule, task id, its float_steps)
        self._float_shown: tuple[int, Text] | None = None  # (task id, the last Float line drawn)
        # (schedule, task id, width, line): a Float line drawn in place of the new plan's, to word after the frame
        self._float_held: tuple[weakref.ref, int, int, Text] | None = None
        self._float_later = False

    # On a plan this big the Float line walks a late-driving chain of hundreds of links (3-8 ms
    # for a task of the bench's 10,000) on every new schedule, which each edit makes: the
    # edit's frame waited for it. The frame is drawn first, with
    # the line the task had before; the new one is worded right after (_word_float). A cursor
    # move words it at once, as before: the neighbours' chains share their ends, cached.
    FLOAT_AFTER_FRAME_OVER = 2000

    def show(self, plan, task_id: int | None, no_plan_text: str = "") -> None:
        if plan is not None and plan is not self.plan and len(plan.tasks) > self.FLOAT_AFTER_FRAME_OVER:
            self._float_later = True
        self.plan, self.task_id, self.prompt_text = plan, task_id, None
        self.no_plan_text = no_plan_text
        self.refresh()

    def _word_float(self) -> None:
        """After the new plan's frame: word the Float line the frame held over, and draw the
        panel again only if the line differs (an edit leaves most tasks' floats as they were)."""
        self._float_later = False
        held, self._float_held = self._float_held, None
        if held is None:
            return
        schedule, tid, width, line = held
        plan = self.plan
        if plan is None or self.prompt_text is not None:
            return  # no task in the panel now: the show() that puts one there draws its line
        if plan.schedule is not schedule() or self.task_id != tid or tid not in plan.by_id:
            self.refresh()  # shown since on something else: the draw words what it shows
            return
        new = self._float_text(plan, plan.by_id[tid], plan.schedule.tasks[tid], width)
        if new is None or new.plain != line.plain:
            self.refresh()

    def prompt(self, text: str) -> None:
        """Ask for a key here, in place of the task, until the next show()."""
        self.prompt_text = text
        self.refresh()

    def _overbooked(self, plan, tid: int) -> tuple[list[tuple[str, int, str]], list[str]]:
        """This task's people booked above their max units while it runs: from the status date
        (else today) on, to settle, and before it, history, said as such (this is the view of the
        whole plan: the stand-up and the report look ahead only): (what is said, the resource id,
        the short mark that may follow the name instead) and what is history. Each resource's
        loads are computed once per plan."""
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
                peak = max(o.load for o in runs)
                # short, to follow the person's name in the resources: '⚠200% 09–11 Dec'
                mark = (f"⚠{peak:.0%}{'' if abs(load.max_units - 1) < 1e-9 else f' of {load.max_units:.0%}'} "
                        + days_text(runs[0].first, runs[-1].last, since))
                now.append((_booked(name, runs, load.max_units, when), rid, mark))
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
        # Lines in the order shown; the why-chain has the lines the others leave. Six lines
        # tall, the panel cut the last ones: a task with three steps of why never showed the
        # deadline it misses, the constraint it cannot meet, or its notes.
        title = Text()
        title.append(f"{t.wbs} {t.name}", "bold")
        title.append(f"  #{t.id} · {kind} · {plan.percent[tid]:.0f}%")
        if marks:
            title.append("  " + " · ".join(marks), "bold")
        lines = [title]
        dates = [f"Start {ts.start}", f"Finish {ts.finish}", f"Float total {ts.total_float}d free {ts.free_float}d"]
        if t.constraint_type != "ASAP":
            dates.append(f"Constraint {t.constraint_type} {t.constraint_date or ''}".rstrip())
        # the task's own words on what it misses, without its name (the first line has it)
        broken = [v[len(t.label):].lstrip(": ") if v.startswith(t.label) else v for v in ts.violations[:1]]
        if t.deadline and not (ts.late and broken and "deadline" in broken[0]):  # which says it
            dates.append(f"Deadline {t.deadline}")
        # the leave its work was scheduled around, in short: the why-chain's line on it comes
        # second, and at 80x24, room for one step, was never shown
        ref = plan.project.status_date or getattr(self.app, "today", None)
        leave = leave_waited_text(plan, tid, ref)
        starts = ""
        if leave:
            # who starts it while another of its people is away: why's line on it is a second
            # step, which the panel cuts first
            starts = starters_text(plan, tid)
            dates.append(f"Waits for leave: {leave}" + (f"; {starts}" if starts else ""))
        # at 80 columns a constraint and a deadline ran off the edge ('Deadline 2027-0…'): the
        # line goes on below, each figure whole
        width = self.content_size.width or 1000
        for part in dates:
            if lines[-1] is title or lines[-1].cell_len + 2 + len(part) > width:
                lines.append(Text(part))
            else:
                lines[-1].append("  " + part)
        preds = plan.predecessors_text(tid) or "none"
        driving = ", ".join(plan.by_id[d].label for d in ts.driving if d in plan.by_id) or ts.driven_by.replace("_", " ")
        logic = f"Predecessors {preds}  Driving {driving}"
        if (ts.early_start, ts.early_finish) != (ts.start, ts.finish):  # else the line above has them
            logic += f"  Early {ts.early_start}→{ts.early_finish}"
        # at 80 columns the early dates, the start and finish again, pushed the late ones off the edge
        lines.append(Text(logic + f"  Late {ts.late_start}→{ts.late_finish}"))
        res = plan.resources_text(tid)
        if res:
            over, history = self._overbooked(plan, tid)
            full = Text(f"Resources {res}")
            if over:
                full.append("  ⚠ " + "; ".join(o for o, _, _ in over), "bold red")
            if full.cell_len > width:
                # at 80 columns '… Jonas Berg[50%]  ⚠ Anika Schultz booked 125% of…' ran off the
                # edge and Jonas, at 200 % those days, was never named: each person's mark now
                # follows their name ('Jonas Berg[50%] ⚠200% 09–11 Dec'), the panel's lines
                # being too few to give the warning one of its own
                # being too few to give the warning one of its own. With three people or more
                # that line ran off the edge too, with the marks of the last ones: it goes on
                # below, a person whole on each line, and the why-chain gives up the line.
                marks = {rid: mark for _, rid, mark in over}
                full = Text("Resources ")
                people = plan.assignments_of.get(tid, ())
                for i, a in enumerate(people):
                    r = plan.resource_by_id[a.resource_id]
                    person = Text(r.name if abs(a.units - 1) < 1e-9 else f"{r.name}[{a.units:.0%}]")
                    if a.resource_id in marks:
                        person.append(" " + marks[a.resource_id], "bold red")
                    if i + 1 < len(people):
                        person.append(",")
                    if i and full.cell_len + 1 + person.cell_len > width:
                        lines.append(full)
                        full = Text(" " * len("Resources "))
                    elif i:
                        full.append(" ")
                    full.append_text(person)
            lines.append(full)
            if history:  # before the status date, history: cut at the edge rather than take a line
                lines[-1].append(f"  (history: {'; '.join(history)})", "dim")
        for v in broken:
            lines.append(Text(v[:1].upper() + v[1:], "bold"))
        notes = Text("Notes: " + t.notes.replace("\n", " ")) if t.notes else None
        # the holidays and leave inside its own span come right after its own start (why_steps),
        # so that at 80x24, room for one step, the start's reason is not pushed out
        why = why_steps(plan, tid)
        room = (self.content_size.height or len(lines) + MAX_WHY + 1) - len(lines) - (notes is not None)
        tail = ""  # said at the end of the one Why line, in place of the line of its own
        own = [i for i, line in enumerate(lines) if line.plain.startswith("Waits for leave: ")]
        if room < 1 and why and own:
            # The leave, and who starts the task meanwhile, go on the Why line only if the start's
            # reason stays whole beside them; else the notes give way first, to follow the name
            # (the form shows them whole). At 80x24, 3.5 on the demo with Anika Schultz away read
            # "because 3.3.1 (FF+2d) …; waits for leave 08–09 Dec": neither the date it waits for
            # nor that Jonas Berg starts it was said.
            whole = next((tail for tail in _leave_tails(leave, leave_waited_days(plan, tid, ref), starts)
                          if _why_line(plan, t.label, why[0], width - len(tail)).cell_len + len(tail) <= width), "")
            if whole:
                del lines[own[0]]
                room += 1
                tail = whole
            elif notes is not None:
                title.append("  " + notes.plain)
                notes = None
                room += 1
        if room < 1 and why and own and not tail:
            # At 80x24, with notes, or someone's load above their max (each person's name and
            # mark a line), the leave's line took the last row the why-chain had, and the
            # reason for the start was never shown. With the notes moved and still no room (two
            # lines of people), the leave (why the finish is later) follows the start's reason on
            # one Why line, in full or, short of room, its days only, in the leave's row.
            del lines[own[0]]
            room += 1
            tail = f"; waits for leave: {leave}"
            if len(tail) > width // 2:
                tail = f"; waits for leave {leave_waited_days(plan, tid, ref)}"
        if room < 1 and why and notes is not None:
            # At 80x24 the notes took the row of the Why line when a ⚠ went on to a second
            # line (two people above their max, 3.2.5 on the demo) or a constraint took a line
            # of its own (5.2): the PM saw no reason for the task's dates. The notes, which
            # the form shows whole (N), now follow the task's name on its line, cut at the edge.
            title.append("  " + notes.plain)
            notes = None
            room += 1
        # What its float answers to (a deadline, a constraint, the project finish), after the
        # reason for its start: the float was shown and never explained. Only where a row is
        # left beside the Why line (not at 80x24), ahead of the steps further back.
        slack = self._float_line(plan, t, ts, width) if room >= 2 and why else None
        if slack is not None:
            room -= 1
        shown = why[:max(0, room)]  # a taller panel (a taller terminal) goes further back
        for i, step in enumerate(shown):
            left = len(why) - len(shown) if i == len(shown) - 1 else 0  # steps not shown
            after = tail or (f"  (+{counted(left, 'step')}: pmtui why {t.wbs})" if left else "")
            line = _why_line(plan, t.label, step, width - len(after))
            if left and not tail and line.cell_len + len(after) > width:
                # the reason before the count, and the count before the command (README, ? help)
                after = f"  (+{counted(left, 'step')})"
                if line.cell_len + len(after) > width:
                    after = ""
            if after and line.cell_len + len(after) > width:  # the step gives way to what follows
                line.truncate(max(1, width - len(after)), overflow="ellipsis")
            line.append(after, "" if tail else "dim")
            lines.append(line)
            if i == 0 and slack is not None:
                lines.append(slack)
        if notes is not None:
            lines.append(notes)
        return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)

    def _float_line(self, plan, t, ts, width: int) -> Text | None:
        """The Float line (_float_text); while a new plan's first frame is drawn on a big plan,
        the line this task had before, or a blank row if it had none, worded after the frame."""
        if ts.completed:
            return None
        known = self._float
        if self._float_later and (known is None or known[0]() is not plan.schedule or known[1] != t.id):
            shown = self._float_shown
            line = shown[1] if shown is not None and shown[0] == t.id else Text("")
            if self._float_held is None:
                # asked for from the draw, not from show(), so that it comes after the frame:
                # asked for in show(), it may reach the screen before the panel's call for a draw
                self.call_after_refresh(self._word_float)
            self._float_held = (weakref.ref(plan.schedule), t.id, width, line)
            return line
        line = self._float_text(plan, t, ts, width)
        if line is not None:
            self._float_shown = (t.id, line)
        return line

    def _float_text(self, plan, t, ts, width: int) -> Text | None:
        """'Float -6d: to meet 3.6's deadline 2026-12-03, it must finish by …': the first line
        of why_span.float_steps without the task's name (the panel's first line has it) nor its
        dates (the line of dates has them); None for finished work, which has none. Narrow, the
        tasks go by their codes, then a summary's task's date goes, then the people on leave go
        by "their", then it is cut."""
        if ts.completed:
            return None
        known = self._float
        if known is not None and known[0]() is plan.schedule and known[1] == t.id:
            steps = known[2]
        else:
            steps = float_steps(plan, t.id, brief=True)
            self._float = (weakref.ref(plan.schedule), t.id, steps)
        head = f"{t.label} has {ts.total_float}d of float"
        if not steps or not steps[0].startswith(head):
            return None
        text = f"Float {ts.total_float}d" + steps[0][len(head):]
        # '; it finishes 2026-12-09' closes it: the line of dates above has that. A summary's
        # ' and finishes 2026-12-17' is its task's, which no other line has: it goes last.
        text = re.sub(r"; it (starts|finishes|is dated) \S+$", "", text)
        if len(text) > width:
            text = codes_only(plan, text)
        if len(text) > width:
            text = re.sub(r" and (starts|finishes|is dated) \S+$", "", text)
        if len(text) > width:
            text = re.sub(r" \([^()]*\)", " (over their leave)", text)
        line = Text(text)
        line.truncate(width, overflow="ellipsis")
        return line


def _why_line(plan, label: str, step: str, room: int) -> Text:
    """'Why: it starts …' for a step about the task itself (named on the first line: the reason
    gets the room), with the codes alone of the tasks it names when it is wider than ``room``."""
    if step.startswith(label + " "):
        step = "it" + step[len(label):]
    line = Text("Why: " + step)
    if line.cell_len > room:
        # At 80 columns the names of the tasks it waits for took the room of the reason
        # ('because 4.8 Go/no-go de…'): the driving line above names the first, the tree the
        # others, and their codes leave the reason whole ('because 4.8 (FS) finishes 2027-01-20')
        line = Text("Why: " + codes_only(plan, step))
    return line


def _leave_tails(leave: str, days: str, starts: str) -> list[str]:
    """The ways to say the leave after the start's reason, the longest first; with who starts
    the task meanwhile when someone does, as its own line says it."""
    if starts:
        return [f"; waits for leave: {leave}; {starts}", f"; waits for leave {days}; {starts}"]
    return [f"; waits for leave: {leave}", f"; waits for leave {days}"]


# a WBS code as the why-chain puts it before a task's name: not part of a date (2026-12-08)
_CODE = re.compile(r"(?<![\w.\-])\d+(?:\.\d+)*(?= )")


def codes_only(plan, step: str) -> str:
    """The step with each task it names by its code alone: 'because 3.2.3 (SS+4d) starts …' for
    'because 3.2.3 Sales process: leads, opportunities, quotes (SS+4d) starts …'. A name that ends
    the step keeps it: cut at the edge, it still shows more than its code."""
    out, at = [], 0
    for m in _CODE.finditer(step):
        task = plan.by_wbs.get(m.group())
        if (m.start() >= at and task is not None and step.startswith(task.label, m.start())
                and m.start() + len(task.label) < len(step)):
            out.append(step[at:m.end()])
            at = m.start() + len(task.label)
    out.append(step[at:])
    return "".join(out)


def _booked(name: str, runs: list, max_units: float, when: str) -> str:
    """'Claire Dubois booked up to 150% of 100% 13–14 Oct': runs of days above max units."""
    peak = max(o.load for o in runs)
    return f"{name} booked {'up to ' if len(runs) > 1 else ''}{peak:.0%} of {max_units:.0%} {when}"
