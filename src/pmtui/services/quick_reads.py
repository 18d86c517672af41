"""What the CLI's reading commands read, through the standard library's sqlite3 alone.

The same rows, in the same order, as the services' own reads through the store (their SQL is
what SQLAlchemy sends for them), as plain rows rather than table models: a command that only
reads then starts without SQLAlchemy, SQLModel and pydantic (see pmtui.cli.context.State.quick).
Each function reads in one transaction, a consistent snapshot of the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from pmtui.services.baselines import SavedBaseline, chosen
from pmtui.services.plan import Plan, Rows, _with_dates, read_plan
from pmtui.store.quick import CURRENT_PROJECT, QuickReader


@dataclass(frozen=True, slots=True)
class ProjectListed:
    """The fields of a project (pmtui.models.tables.Project) `pmtui project list` shows."""

    id: int
    name: str
    start: date
    status_date: date | None
    currency: str


def project_list(reader: QuickReader) -> list[tuple[ProjectListed, int, bool]]:
    """As pmtui.services.projects.list_projects: each project by name, its number of tasks and
    whether it is the current one (the setting as it is: no fallback to the only project)."""
    with reader.reading() as rows:
        setting = rows("SELECT value FROM setting WHERE key = :key", {"key": CURRENT_PROJECT})
        counts = dict(rows("SELECT task.project_id, count(*) FROM task GROUP BY task.project_id", {}))
        found = rows("SELECT id, name, start, status_date, currency FROM project ORDER BY project.name", {})
    try:
        current = int(setting[0][0]) if setting else None
    except ValueError:
        current = None
    projects = [ProjectListed(*r) for r in _with_dates(found, [2, 3])]
    return [(p, counts.get(p.id, 0), p.id == current) for p in projects]


@dataclass(frozen=True, slots=True)
class BaselineRow:
    """A baseline's own row (pmtui.models.tracking.Baseline)."""

    id: int
    project_id: int
    name: str
    number: int
    saved_at: datetime
    active: bool
    start: date | None
    finish: date | None
    cost: float
    work: float


@dataclass(frozen=True, slots=True)
class BaselineTaskRow:
    """A task as a baseline saved it (pmtui.models.tracking.BaselineTask)."""

    id: int
    baseline_id: int
    task_id: int
    wbs: str
    name: str
    summary: bool
    milestone: bool
    start: date
    finish: date
    duration: int
    work: float
    cost: float


# The queries SQLAlchemy sends for the services' select(Baseline) and select(BaselineTask), rows
# in the same order
_BASELINES_SQL = ("SELECT baseline.id, baseline.project_id, baseline.name, baseline.number, baseline.saved_at, "
                  "baseline.active, baseline.start, baseline.finish, baseline.cost, baseline.work FROM baseline "
                  "WHERE baseline.project_id = :pid ORDER BY baseline.number")
_BASELINE_TASKS_SQL = ("SELECT baseline_task.id, baseline_task.baseline_id, baseline_task.task_id, baseline_task.wbs, "
                       "baseline_task.name, baseline_task.summary, baseline_task.milestone, baseline_task.start, "
                       "baseline_task.finish, baseline_task.duration, baseline_task.work, baseline_task.cost "
                       "FROM baseline_task WHERE baseline_task.baseline_id = :bid")


def _saved_at(value):
    return datetime.fromisoformat(value) if value.__class__ is str else value


def read_baseline(rows: Rows, project_id: int, name: str | None) -> SavedBaseline | None:
    """As pmtui.services.baselines.load_baseline: the named baseline (NotFound when there is no
    such), or the active one, or None."""
    found = [BaselineRow(i, pid, n, number, _saved_at(at), bool(active), start, finish, cost, work)
             for i, pid, n, number, at, active, start, finish, cost, work
             in _with_dates(rows(_BASELINES_SQL, {"pid": project_id}), [6, 7])]
    base = chosen(found, name)
    if base is None:
        return None
    tasks = [BaselineTaskRow(i, bid, tid, wbs, n, bool(summary), bool(milestone), start, finish, duration, work, cost)
             for i, bid, tid, wbs, n, summary, milestone, start, finish, duration, work, cost
             in _with_dates(rows(_BASELINE_TASKS_SQL, {"bid": base.id}), [7, 8])]
    return SavedBaseline(base, {t.task_id: t for t in tasks})


def plan_and_baseline(name: str | None = None, *, first: Callable[[], object] | None = None
                      ) -> Callable[[QuickReader], tuple[Plan, SavedBaseline | None] | None]:
    """A reader of the current project's plan and its baseline (``name``, else the active one),
    in one transaction. ``first`` runs once the project is known, before the baseline is read:
    the checks the store's path makes there, so that a refusal is the same."""
    def read(reader: QuickReader) -> tuple[Plan, SavedBaseline | None] | None:
        with reader.reading() as rows:
            pid = reader.current_project_id()
            if pid is None:
                return None
            if first is not None:
                first()
            seen = reader.version(pid)
            saved = read_baseline(rows, pid, name)
            plan = read_plan(rows, pid)
        plan.version = seen
        return plan, saved

    return read
