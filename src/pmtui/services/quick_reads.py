"""What the CLI's reading commands read, through the standard library's sqlite3 alone.

The same rows, in the same order, as the services' own reads through the store (their SQL is
what SQLAlchemy sends for them), as plain rows rather than table models: a command that only
reads then starts without SQLAlchemy, SQLModel and pydantic (see pmtui.cli.context.State.quick).
Each function reads in one transaction, a consistent snapshot of the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from pmtui.models.errors import NotFound
from pmtui.models.parsing import no_numbered, parse_ref
from pmtui.services.baselines import SavedBaseline, chosen
from pmtui.services.plan import Plan, Rows, _with_dates, read_plan
from pmtui.services.risk_bands import load_bands
from pmtui.services.risk_register import Register, RiskView, register_of
from pmtui.services.status import Status, eac_method, issue_rows, risk_rows, status_of
from pmtui.store.quick import CURRENT_PROJECT, QuickReader, created_name_in, deleted_name_in


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


def _utc(value):
    """A moment as the store's UTCDateTime columns hand it over: aware, in UTC (SQLite keeps the
    text without its offset)."""
    value = datetime.fromisoformat(value) if value.__class__ is str else value
    return value.replace(tzinfo=timezone.utc) if value.utcoffset() is None else value.astimezone(timezone.utc)


def _baselines(rows: Rows, project_id: int) -> list[BaselineRow]:
    return [BaselineRow(i, pid, n, number, _utc(at), bool(active), start, finish, cost, work)
            for i, pid, n, number, at, active, start, finish, cost, work
            in _with_dates(rows(_BASELINES_SQL, {"pid": project_id}), [6, 7])]


def read_baseline(rows: Rows, project_id: int, name: str | None) -> SavedBaseline | None:
    """As pmtui.services.baselines.load_baseline: the named baseline (NotFound when there is no
    such), or the active one, or None."""
    base = chosen(_baselines(rows, project_id), name)
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


@dataclass(frozen=True, slots=True)
class RiskRow:
    """A risk (pmtui.models.risks.Risk)."""

    id: int
    project_id: int
    number: int
    title: str
    description: str
    kind: str
    category: str
    cause: str
    effect: str
    probability: int
    impact: int
    owner_id: int | None
    status: str
    strategy: str
    response: str
    trigger: str
    review_date: date | None
    schedule_impact: int
    cost_impact: float
    created_at: datetime
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class RiskScoreRow:
    """A risk's score on a day (pmtui.models.risks.RiskScore)."""

    id: int
    risk_id: int
    day: date
    probability: int
    impact: int
    comment: str


@dataclass(frozen=True, slots=True)
class RiskTaskRow:
    """A risk's link to a task (pmtui.models.risks.RiskTask)."""

    id: int
    risk_id: int
    task_id: int


@dataclass(frozen=True, slots=True)
class IssueRow:
    """An issue (pmtui.models.risks.Issue)."""

    id: int
    project_id: int
    number: int
    title: str
    description: str
    kind: str
    status: str
    severity: int
    owner_id: int | None
    task_id: int | None
    risk_id: int | None
    raised_on: date
    resolved_on: date | None
    resolution: str


def _columns(table: str, row: type) -> str:
    return ", ".join(f"{table}.{name}" for name in row.__dataclass_fields__)


def _risks(found: list) -> list[RiskRow]:
    return [RiskRow(*r[:19], _utc(r[19]), r[20]) for r in _with_dates(found, [16, 20])]


def _issues(found: list) -> list[IssueRow]:
    return [IssueRow(*r) for r in _with_dates(found, [11, 12])]


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    """A snapshot of the project's key figures (pmtui.models.tracking.Snapshot)."""

    id: int
    project_id: int
    taken_at: datetime
    day: date
    source: str
    finish: date | None
    percent_complete: float
    bac: float
    pv: float
    ev: float
    ac: float
    spi: float | None
    cpi: float | None
    risks_high: int
    risks_medium: int
    risks_low: int
    open_issues: int
    data: str


_STATUS_SQL = {
    "names": "SELECT resource.id, resource.name FROM resource WHERE resource.project_id = :pid",
    # the whole rows, as the store's path reads them (status_of sorts them)
    "risks": f"SELECT {_columns('risk', RiskRow)} FROM risk WHERE risk.project_id = :pid AND risk.status = 'open'",
    "issues": f"SELECT {_columns('issue', IssueRow)} FROM issue WHERE issue.project_id = :pid AND issue.status = 'open'",
    "snapshots": ("SELECT snapshot.id, snapshot.project_id, snapshot.taken_at, snapshot.day, snapshot.source, "
                  "snapshot.finish, snapshot.percent_complete, snapshot.bac, snapshot.pv, snapshot.ev, snapshot.ac, "
                  "snapshot.spi, snapshot.cpi, snapshot.risks_high, snapshot.risks_medium, snapshot.risks_low, "
                  "snapshot.open_issues, snapshot.data FROM snapshot WHERE snapshot.project_id = :pid "
                  "ORDER BY snapshot.day, snapshot.taken_at, snapshot.id"),
}


def _snapshots(rows: Rows, project_id: int) -> list[SnapshotRow]:
    return [SnapshotRow(i, p, _utc(at), *rest)
            for i, p, at, *rest in _with_dates(rows(_STATUS_SQL["snapshots"], {"pid": project_id}), [3, 5])]


def project_status(reader: QuickReader) -> Status | None:
    """As pmtui.services.status.project_status for the current project, with the active
    baseline and the configured EAC method (checked once the project is known, as there)."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        if pid is None:
            return None
        method = eac_method(None)
        seen = reader.version(pid)
        plan = read_plan(rows, pid)
        saved = read_baseline(rows, pid, None)
        sql = _STATUS_SQL
        names = dict(rows(sql["names"], {"pid": pid}))
        risks = _risks(rows(sql["risks"], {"pid": pid}))
        issues = _issues(rows(sql["issues"], {"pid": pid}))
        snapshots = _snapshots(rows, pid)
    plan.version = seen
    return status_of(plan, saved, method, None, risks=lambda: risk_rows(risks, names),
                     issues=lambda: issue_rows(issues, names, plan), snapshots=lambda: snapshots)


# As pmtui.services.risk_register.load_register's selects; the risks' ids as a subquery, where
# SQLAlchemy sends them as a list
_REGISTER_SQL = {
    "risks": f"SELECT {_columns('risk', RiskRow)} FROM risk WHERE risk.project_id = :pid ORDER BY risk.id",
    "scores": (f"SELECT {_columns('risk_score', RiskScoreRow)} FROM risk_score WHERE risk_score.risk_id IN "
               "(SELECT risk.id FROM risk WHERE risk.project_id = :pid) ORDER BY risk_score.id"),
    "links": (f"SELECT {_columns('risk_task', RiskTaskRow)} FROM risk_task WHERE risk_task.risk_id IN "
              "(SELECT risk.id FROM risk WHERE risk.project_id = :pid) ORDER BY risk_task.id"),
    "issues": f"SELECT {_columns('issue', IssueRow)} FROM issue WHERE issue.project_id = :pid ORDER BY issue.id",
}


def _register(reader: QuickReader, rows: Rows, pid: int) -> Register:
    bands = load_bands()
    seen = reader.version(pid)
    plan = read_plan(rows, pid)
    sql = _REGISTER_SQL
    risks = _risks(rows(sql["risks"], {"pid": pid}))
    scores = [RiskScoreRow(*r) for r in _with_dates(rows(sql["scores"], {"pid": pid}), [2])]
    links = [RiskTaskRow(*r) for r in rows(sql["links"], {"pid": pid})]
    issues = _issues(rows(sql["issues"], {"pid": pid}))
    plan.version = seen
    return register_of(plan, risks, scores, links, issues, None, bands)


def risk_register(reader: QuickReader) -> Register | None:
    """As pmtui.services.risk_register.load_register for the current project, its risk bands
    read once the project is known, as there."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        return None if pid is None else _register(reader, rows, pid)


def risk_detail(ref: str) -> Callable[[QuickReader], tuple[Register, RiskView] | None]:
    """A reader as pmtui.services.risk_register.risk_detail for the current project: the risk
    ``ref`` names (refused as there, before the risk bands are read) and the register."""
    def read(reader: QuickReader) -> tuple[Register, RiskView] | None:
        with reader.reading() as rows:
            pid = reader.current_project_id()
            if pid is None:
                return None
            number = parse_ref(ref, "R", "risk")
            found = rows("SELECT risk.id FROM risk WHERE risk.project_id = :pid AND risk.number = :number",
                         {"pid": pid, "number": number})
            if not found:
                raise no_numbered("risk", "R", number)
            reg = _register(reader, rows, pid)
        return reg, reg.view(found[0][0])

    return read


@dataclass(frozen=True, slots=True)
class JournalRow:
    """A journal entry (pmtui.models.tables.JournalEntry), as `pmtui history` shows it."""

    id: int
    project_id: int | None
    at: datetime
    action: str
    summary: str
    changes: str
    state: str
    effect: str | None


@dataclass(frozen=True, slots=True)
class GoneProject:
    """A project `pmtui history` means although it is gone (pmtui.services.history.UndoneProject)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class History:
    """What `pmtui history` shows: the project's entries, newest first, and its plan (None when
    the project is gone); ``deleted`` or ``gone`` when the project is one the last change deleted,
    or whose creation the last undo took back."""

    project_id: int
    entries: list[JournalRow]
    plan: Plan | None
    deleted: GoneProject | None
    gone: GoneProject | None


# As pmtui.store.journal's selects (the cursor is the row with no project, see its docstring)
_JOURNAL_SQL = {
    "cursor": "SELECT journal.changes FROM journal WHERE journal.project_id IS NULL AND journal.state = 'cursor' "
              "ORDER BY journal.id DESC LIMIT 1",
    "current": "SELECT setting.value FROM setting WHERE setting.key = :key",
    "exists": "SELECT project.id FROM project WHERE project.id = :pid",
    "last_state": "SELECT journal.state FROM journal WHERE journal.project_id = :pid ORDER BY journal.id DESC LIMIT 1",
    "undone": "SELECT journal.id FROM journal WHERE journal.project_id = :pid AND journal.state = 'undone' LIMIT 1",
    "entries": f"SELECT {_columns('journal', JournalRow)} FROM journal WHERE journal.project_id = :pid "
               "AND journal.state != 'cursor' ORDER BY journal.id DESC",
}


def _journal(rows: Rows, project_id: int, limit: int | None = None) -> list[JournalRow]:
    sql = _JOURNAL_SQL["entries"] + (" LIMIT :limit" if limit else "")
    return [JournalRow(i, p, _utc(at), *rest)
            for i, p, at, *rest in rows(sql, {"pid": project_id, "limit": limit})]


def _gone_projects(rows: Rows) -> tuple[GoneProject | None, GoneProject | None]:
    """As pmtui.services.history.deleted_project and undone_project (store.journal's rules)."""
    sql = _JOURNAL_SQL
    found = rows(sql["cursor"], {})
    if not found:
        return None, None
    cursor = json.loads(found[0][0])
    current = rows(sql["current"], {"key": CURRENT_PROJECT})
    current = current[0][0] if current else None
    if current != cursor.get("current"):  # a project was chosen since: the current one is meant
        return None, None
    deleted = cursor.get("deleted")
    if deleted is not None and not rows(sql["exists"], {"pid": deleted}):
        last = rows(sql["last_state"], {"pid": deleted})
        if last and last[0][0] == "done":
            name = deleted_name_in(_journal(rows, deleted, 1)[0].changes)
            return GoneProject(deleted, name or f"#{deleted}"), None
    undone = cursor.get("project")
    if undone is not None and not rows(sql["exists"], {"pid": undone}) and rows(sql["undone"], {"pid": undone}):
        entries = _journal(rows, undone)
        name = next((n for n in (created_name_in(e.changes, e.project_id) for e in reversed(entries)) if n), None)
        return None, GoneProject(undone, name or f"#{undone}")
    return None, None


def history(limit: int | None) -> Callable[[QuickReader], History | None]:
    """A reader of what `pmtui history` shows, in one transaction: the project the store's path
    means (the one deleted last, else the one whose creation was undone, else the current one)."""
    def read(reader: QuickReader) -> History | None:
        with reader.reading() as rows:
            deleted, gone = _gone_projects(rows)
            pid = (deleted or gone).id if deleted or gone else reader.current_project_id()
            if pid is None:
                return None
            entries = _journal(rows, pid, limit)
            plan = None
            if entries:
                try:
                    plan = read_plan(rows, pid)
                except NotFound:  # the project is gone: its effects are said without its calendar
                    plan = None
        return History(pid, entries, plan, deleted, gone)

    return read


# As pmtui.services.standup.open_day and pmtui.services.progress.open_blockers (no order given
# there: the rows come as SQLite gives them for this query)
_AGENDA_SQL = {
    "open_day": "SELECT standup.day FROM standup WHERE standup.project_id = :pid AND standup.state = 'open' "
                "ORDER BY standup.day DESC",
    "blockers": "SELECT issue.task_id, issue.title FROM issue WHERE issue.project_id = :pid AND issue.kind = 'blocker' "
                "AND issue.status = 'open' AND issue.task_id IS NOT NULL",
}


def standup_agenda(reader: QuickReader) -> tuple[Plan, date | None, dict[int, list[str]]] | None:
    """What `pmtui standup agenda` reads, in one transaction: the current project's plan, the
    day of its open stand-up (None when none is open) and its open blockers by task."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        if pid is None:
            return None
        seen = reader.version(pid)
        opened = _with_dates(rows(_AGENDA_SQL["open_day"], {"pid": pid})[:1], [0])
        plan = read_plan(rows, pid)
        blockers: dict[int, list[str]] = {}
        for task_id, title in rows(_AGENDA_SQL["blockers"], {"pid": pid}):
            blockers.setdefault(task_id, []).append(title)
    plan.version = seen
    return plan, opened[0][0] if opened else None, blockers


def baseline_list(reader: QuickReader) -> tuple[str, list[BaselineRow]] | None:
    """As pmtui.services.baselines.list_baselines for the current project, with its currency."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        if pid is None:
            return None
        (currency,) = rows("SELECT project.currency FROM project WHERE project.id = :pid", {"pid": pid})[0]
        return currency, _baselines(rows, pid)


def snapshot_list(reader: QuickReader) -> list[SnapshotRow] | None:
    """As pmtui.services.snapshots.list_snapshots for the current project, oldest first."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        return None if pid is None else _snapshots(rows, pid)
