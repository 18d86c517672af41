"""Who the stand-up asks about what: the [standup] config section, the order of people, and each
person's tasks that are in progress, due within the look-ahead, or late."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pmtui.models.errors import BadValue, NotFound
from pmtui.models.wording import brief
from pmtui.services.as_of import day_text, progress_day
from pmtui.services.plan import Plan, ResourceRow
from pmtui.store.settings import section

UNASSIGNED = "Unassigned"


@dataclass(frozen=True)
class StandupConfig:
    """The [standup] section of config.toml, e.g.

        [standup]
        timebox_minutes = 15
        lookahead_days = 3          # working days ahead that put a task on the agenda
        order = ["Claire Dubois", "Jonas Berg"]   # or "alphabetical"; others follow by name
        percent_step = 10           # what + and - add to percent complete

    Checked by pmtui.services.standup_rules.StandupSection.
    """

    timebox_minutes: int = 15
    lookahead_days: int = 3
    order: list[str] | str = "alphabetical"
    percent_step: int = 10


# What StandupSection allows of each whole number, and takes as it is.
_BOUNDS = {"timebox_minutes": (1, 240), "lookahead_days": (0, 60), "percent_step": (1, 50)}


def _as_written(values: dict) -> StandupConfig | None:
    """The section when it holds only what StandupSection takes unchanged (whole numbers in
    range, "alphabetical" or a list of names), else None: pydantic checks it and words what is
    wrong. A section given, even a good one, loaded pydantic for every `pmtui standup agenda`
    (a tenth of the command)."""
    if not set(values) <= {*_BOUNDS, "order"}:
        return None
    for key, (low, high) in _BOUNDS.items():
        v = values.get(key)
        if v is not None and not (type(v) is int and low <= v <= high):
            return None
    order = values.get("order", "alphabetical")
    if order != "alphabetical" and not (type(order) is list and all(type(x) is str for x in order)):
        return None
    default = StandupConfig()
    # a list of its own, as pydantic gives: the file's is cached (pmtui.store.settings)
    return StandupConfig(values.get("timebox_minutes", default.timebox_minutes),
                         values.get("lookahead_days", default.lookahead_days),
                         list(order) if type(order) is list else order,
                         values.get("percent_step", default.percent_step))


def standup_config() -> StandupConfig:
    values = section("standup")
    if not values:
        # the defaults need no checking: pydantic (a tenth of `pmtui standup agenda`) stays unloaded
        return StandupConfig()
    quick = _as_written(values)
    if quick is not None:
        return quick
    from pydantic import ValidationError

    from pmtui.services.standup_rules import StandupSection

    try:
        checked = StandupSection(**values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "section"
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        raise BadValue(f"config [standup] {where}: {msg}") from None
    return StandupConfig(checked.timebox_minutes, checked.lookahead_days, checked.order, checked.percent_step)


@dataclass
class AgendaTask:
    id: int
    wbs: str
    name: str
    percent: int
    start: date
    finish: date
    why: str
    critical: bool
    milestone: bool
    started: bool
    blockers: list[str] = field(default_factory=list)


@dataclass
class Person:
    resource_id: int | None
    name: str
    tasks: list[AgendaTask]


def people_order(plan: Plan, cfg: StandupConfig) -> list[ResourceRow]:
    """Names listed in the config first, in that order (names of other projects are skipped),
    then everyone else by name."""
    by_name = {r.name.casefold(): r for r in plan.resources}
    first = []
    if isinstance(cfg.order, list):
        for name in cfg.order:
            r = by_name.get(name.strip().casefold())
            if r is not None and r not in first:
                first.append(r)
    return first + [r for r in plan.resources if r not in first]


def agenda(plan: Plan, cfg: StandupConfig, blockers: dict[int, list[str]] | None = None,
           today: date | None = None) -> list[Person]:
    """Everyone's unfinished tasks that are in progress, start or finish within the look-ahead,
    or late; every person is asked even with nothing due, other resources only when they have
    work due, and unassigned work comes last."""
    blockers = blockers or {}
    if not plan.tasks:
        return [Person(r.id, r.name, []) for r in people_order(plan, cfg) if r.kind == "person"]
    sched, cal = plan.schedule, plan.calendar
    ref = progress_day(plan, today)
    horizon = cal.date_of(cal.index_on_or_after(ref) + cfg.lookahead_days)
    due: list[AgendaTask] = []
    for t in plan.tasks:
        if t.summary:
            continue
        s = sched.tasks[t.id]
        if s.completed:
            continue
        reasons = []
        if s.in_progress:
            reasons.append(f"in progress, {t.percent_complete}%")
        elif s.start <= horizon:
            reasons.append(f"starts {day_text(s.start, ref, '%a %d %b')}")
        if s.finish <= horizon and not t.milestone:
            reasons.append(f"finishes {day_text(s.finish, ref, '%a %d %b')}")
        elif t.milestone and s.finish <= horizon:
            reasons = [f"due {day_text(s.finish, ref, '%a %d %b')}"]
        if not reasons and not s.late:
            continue
        if not reasons:
            # late alone, past the look-ahead: 'late' said nothing of when it ends, nor by when
            # it had to (the deadline it misses)
            end = day_text(s.finish, ref, '%a %d %b')
            reasons.append(f"{'due' if t.milestone else 'finishes'} {end}"
                           + (f" (deadline {day_text(t.deadline, ref, '%a %d %b')})" if t.deadline else ""))
        # Negative float only marks work already due: everything downstream of a slip has it.
        if s.late or s.total_float < 0:
            reasons.append("late")
        due.append(AgendaTask(t.id, t.wbs, t.name, t.percent_complete, s.start, s.finish,
                              ", ".join(reasons), s.critical, t.milestone, s.in_progress,
                              list(blockers.get(t.id, []))))
    mine: dict[int | None, list[AgendaTask]] = {}
    for item in due:
        owners = [a.resource_id for a in plan.assignments_of.get(item.id, [])] or [None]
        for rid in owners:
            mine.setdefault(rid, []).append(item)
    out = [Person(r.id, r.name, mine.get(r.id, [])) for r in people_order(plan, cfg)
           if r.kind == "person" or mine.get(r.id)]
    if mine.get(None):
        out.append(Person(None, UNASSIGNED, mine[None]))
    return out


def find_person(plan: Plan, text: str) -> ResourceRow:
    """A resource by full name, or by a unique start of a name ("Claire")."""
    key = (text or "").strip().casefold()
    if not key:
        raise BadValue("person is empty: give a resource name")
    exact = [r for r in plan.resources if r.name.casefold() == key]
    if exact:
        return exact[0]
    near = [r for r in plan.resources if r.name.casefold().startswith(key)]
    if len(near) == 1:
        return near[0]
    # with nobody in the project, naming nobody left no way on: how to add one, or note for nobody
    names = ", ".join(r.name for r in (near or plan.resources)) or (
        f"none yet (`pmtui resource add NAME` adds one; {UNASSIGNED!r} notes the unassigned work)")
    if near:
        raise BadValue(f"{brief(text)} could be {names}: type more of the name")
    raise NotFound(f"no person named {brief(text)} in project {brief(plan.project.name)}; people: {names}")


