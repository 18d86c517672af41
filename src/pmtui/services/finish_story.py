"""Why did the finish move? The finish then and now, and the journaled changes that moved it, each
with its effect as recorded when it was made (pmtui.services.finish_effect), from a moment the user
names: a date, a baseline, a change in the history, a stand-up, or by default the last stand-up.

Effects are measured against the plan as it stood when each change was made. They add up to the
movement as long as every change in between recorded one, but they are not what taking a change
back now would do: a later change can absorb an earlier one (a task lengthened off the critical
path, then another on it), or reverse it. What the recorded effects do not cover (changes made
before effects were recorded, or a finish that moved without a journaled change) is said as not
explained, not shared out among the changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import select

from pmtui.models.errors import BadValue, NotFound
from pmtui.models.standup import Standup
from pmtui.models.tables import JournalEntry
from pmtui.models.wording import brief, counted, signed_days
from pmtui.services import finish_effect as fx
# said of one entry, as `pmtui history` says it, in finish_effect (no SQLAlchemy there)
from pmtui.services.finish_effect import effect_days, effect_text  # noqa: F401
from pmtui.services.actions import reading
from pmtui.services.as_of import day_text
from pmtui.services.baselines import finish_shift, load_baseline
from pmtui.services.plan import Plan
from pmtui.store import Store
from pmtui.store.journal import row_changes

# Task fields that record progress, and the project's status date: a change of only these is
# progress reported, not the plan changed.
_PROGRESS = {"task": {"percent_complete", "actual_start", "actual_finish", "remaining"},
             "project": {"status_date"}}
PLAN, PROGRESS = "plan", "progress"


@dataclass(frozen=True)
class Move:
    """A change that moved the finish."""

    id: int
    at: datetime  # UTC
    action: str
    summary: str
    kind: str  # PLAN or PROGRESS
    before: date | None
    after: date | None
    days: int | None  # working days, later positive; None when either end is no finish
    end_before: str | None
    end_after: str | None


@dataclass
class Story:
    since: str  # "since Mon 30 Nov", "since baseline 'Approved plan' (saved 26 Oct)"
    then: date | None
    now: date | None
    total: int | None  # working days from then to now, later positive
    moves: list[Move]
    end_then: str | None
    end_now: str | None
    changes: int = 0  # done changes in the period
    still: int = 0  # of them, changes to the schedule that did not move the finish
    unknown: int = 0  # of them, changes that recorded no effect (made before effects were)
    undone: int = 0  # changes made in the period and undone since: not counted
    then_known: bool = True
    notes: list[str] = field(default_factory=list)

    def days_of(self, kind: str) -> int:
        return sum(m.days or 0 for m in self.moves if m.kind == kind)

    def count_of(self, kind: str) -> int:
        return sum(1 for m in self.moves if m.kind == kind and m.days is not None)

    @property
    def unexplained(self) -> int | None:
        """Working days of the movement the recorded effects do not cover; None when the
        movement itself is not known."""
        if self.total is None:
            return None
        return self.total - sum(m.days or 0 for m in self.moves)


def utc_start_of(day: date) -> datetime:
    """The start of ``day`` where the user is, in UTC as the journal keeps its times."""
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc)


def _utc(at: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return at.astimezone(timezone.utc) if at.tzinfo else at.replace(tzinfo=timezone.utc)


def _kind(changes: list) -> str:
    for c in changes:
        if not isinstance(c, dict) or c.get("table") not in fx.SCHEDULE_TABLES:
            continue
        allowed = _PROGRESS.get(c.get("table"))
        if c.get("op") not in ("update", "update_rows") or allowed is None or not set(fx.updated(c)) <= allowed:
            return PLAN
    return PROGRESS


def _latest_standup(session, project_id: int) -> Standup | None:
    return session.execute(select(Standup).where(Standup.project_id == project_id)
                           .order_by(Standup.day.desc(), Standup.id.desc()).limit(1)).scalars().first()


def finish_story(store: Store, plan: Plan, *, since: date | None = None, baseline: str | None = None,
                 entry: int | None = None, whole: bool = False, today: date | None = None,
                 standup: date | None = None) -> Story:
    """Explain the finish's movement since one of ``since`` (a day), ``baseline`` (a name),
    ``entry`` (a journal entry's id: from before that change on) or ``standup`` (the day of a
    stand-up: from its end), or over the ``whole`` history; with none, since the last stand-up,
    else since the project was created."""
    if sum(x is not None for x in (since, baseline, entry, standup)) > 1:
        raise BadValue("give one of --since, --baseline, --entry and --standup, not several")
    with reading(store) as s:
        row = None
        if standup is not None:
            row = s.execute(select(Standup).where(Standup.project_id == plan.project.id, Standup.day == standup)
                            ).scalars().first()
            if row is None:
                raise NotFound(f"no stand-up on {standup} in project {brief(plan.project.name)} "
                               "(`pmtui standup list` gives their days)")
        return story_in(s, plan, since=since, baseline=baseline, entry=entry, whole=whole, today=today,
                        standup=row)


def standup_anchor(row: Standup):
    """Where a story "since the stand-up" begins: its end, or its start while it is open (what
    was recorded in it is then in the story). The header counts the finish's move alike."""
    return row.ended_at if row.state == "closed" and row.ended_at else row.started_at


def story_in(s, plan: Plan, *, since: date | None = None, baseline: str | None = None, entry: int | None = None,
             whole: bool = False, today: date | None = None, standup: Standup | None = None) -> Story:
    """finish_story in the session ``s`` (a stand-up's summary is written in its own transaction);
    ``standup``: since that stand-up rather than the latest."""
    project_id = plan.project.id
    ref = plan.project.status_date or today or date.today()
    cols = JournalEntry.__table__.c
    head = select(cols.id, cols.at, cols.action, cols.summary, cols.state, cols.effect).where(
        cols.project_id == project_id)
    then_point: dict | None = None
    then_given = False
    if entry is not None:
        first = s.execute(head.where(cols.id == entry)).first()
        if first is None:
            raise NotFound(f"no change #{entry} in the history of project {brief(plan.project.name)} "
                           "(`pmtui history` gives each change's id)")
        if first.state == "undone":
            raise BadValue(f"change #{entry} ({first.action}) was undone: it no longer counts; "
                           "name one that stands (see `pmtui history`)")
        where, words = cols.id >= entry, f"since change #{entry} ({first.action}, {_local_day(first.at, ref)})"
    elif baseline is not None:
        saved = load_baseline(s, project_id, baseline)
        if saved is None:
            raise NotFound(f"no baseline {brief(baseline)} in project {brief(plan.project.name)}")
        base = saved.baseline
        then_point, then_given = {"finish": base.finish.isoformat() if base.finish else None,
                                  "end": None, "label": None}, True
        where = cols.id > _saving_entry(s, project_id, base.id, _utc(base.saved_at))
        words = f"since baseline {base.name!r} (saved {_local_day(base.saved_at, ref)})"
    elif since is not None:
        where, words = cols.at >= utc_start_of(since), f"since {day_text(since, ref, '%a %d %b')}"
    else:
        row = None if whole else standup or _latest_standup(s, project_id)
        if row is not None:
            where = cols.at >= _utc(standup_anchor(row))
            words = (f"since the stand-up of {day_text(row.day, ref, '%a %d %b')}"
                     + (" began" if row.state != "closed" else ""))
        else:
            where, words = cols.id >= 0, "since the project was created"
    rows = s.execute(head.where(where, cols.state != "cursor").order_by(cols.id)).all()
    done = [r for r in rows if r.state == "done"]
    if not then_given:
        if done and fx.loads(done[0].effect) is not None:
            then_point = fx.loads(done[0].effect)["before"]
        else:
            # the plan as the last change before the period left it
            prior = s.execute(select(cols.effect).where(
                cols.project_id == project_id, cols.state == "done",
                cols.id < (done[0].id if done else (rows[0].id if rows else 1 << 62)))
                .order_by(cols.id.desc()).limit(1)).first()
            effect = fx.loads(prior.effect) if prior is not None else None
            then_point = effect["after"] if effect is not None else None
            if prior is None and not done:
                then_point = None
    moved = [r for r in done if fx.moved(fx.loads(r.effect))]
    kinds = {}
    if moved:
        for r in s.execute(select(cols.id, cols.changes).where(cols.id.in_([m.id for m in moved]))):
            try:
                kinds[r.id] = _kind(json.loads(r.changes))
            except ValueError:
                kinds[r.id] = PLAN
    now_point = fx.point(plan) if plan.tasks else dict(fx.EMPTY)
    moves = []
    for r in moved:
        e = fx.loads(r.effect)
        moves.append(Move(r.id, r.at, r.action, r.summary, kinds[r.id], fx.finish_of(e["before"]),
                          fx.finish_of(e["after"]), effect_days(plan, e),
                          e["before"].get("label"), e["after"].get("label")))
    then, now = fx.finish_of(then_point), fx.finish_of(now_point)
    total = finish_shift(plan.calendar, then, now) if then and now else None
    story = Story(words, then, now, total, moves, then_point and then_point.get("label"),
                  now_point.get("label"), then_known=then_point is not None)
    story.changes = len(done)
    story.unknown = sum(1 for r in done if fx.loads(r.effect) is None)
    story.undone = len(rows) - len(done)
    story.still = sum(1 for r in done if (e := fx.loads(r.effect)) is not None and e.get("rescheduled")
                      and not fx.moved(e))
    return story


def _saving_entry(session, project_id: int, baseline_id: int, saved_at: datetime) -> int:
    """The id of the entry that saved the baseline as it is (written just after its saved_at,
    in the same action), so that the story starts after it: the demo saves its baseline in the
    entry that creates the plan. Without it, the last entry before the save."""
    cols = JournalEntry.__table__.c
    rows = session.execute(select(cols.id, cols.changes).where(
        cols.project_id == project_id, cols.at >= saved_at).order_by(cols.id).limit(5)).all()
    for r in rows:
        try:
            changes = json.loads(r.changes)
        except ValueError:
            continue
        if any(isinstance(c, dict) and c.get("table") == "baseline" and c.get("id") == baseline_id
               and c.get("op") in ("insert", "update") for c in row_changes(changes)):
            return r.id
    return (rows[0].id - 1) if rows else (1 << 62)


def _local_day(at: datetime, ref: date) -> str:
    local = (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone()
    return day_text(local.date(), ref, "%a %d %b")


def story_lines(story: Story, ref: date | None) -> list[str]:
    """The story's conclusions in words, after its table of moves: how much of the movement the
    changes explain, by kind, and what the numbers cannot say."""
    out: list[str] = []
    if story.total is not None and (story.total or story.unexplained):
        parts = []
        for kind, words in ((PLAN, "plan change"), (PROGRESS, "progress or status-date update")):
            n = story.count_of(kind)
            if n:
                parts.append(f"{signed_days(story.days_of(kind))} by {counted(n, words)}")
        gap = story.unexplained
        explained = "; ".join(parts) if parts else "no recorded change moved it"
        tail = f"; {signed_days(gap)} not explained by a recorded change" if gap else ""
        # back where it began, and yet a change moved it: what moved it back is said, not hidden
        lead = f"Of the {signed_days(story.total)}" if story.total else "Back where it began"
        out.append(f"{lead}: {explained}{tail}.")
        if gap and story.unknown:
            out.append(f"{counted(story.unknown, 'change')} in this period "
                       f"{'was' if story.unknown == 1 else 'were'} made before pmtui recorded what a change "
                       "does to the finish: their effect is not known.")
        elif gap:
            out.append("The finish moved without a change in the history: a newer pmtui can schedule the "
                       "same plan differently, or a change was not journaled.")
    signs = {(m.days or 0) > 0 for m in story.moves if m.days}
    if len(story.moves) > 1:
        out.append("Each effect is the finish just before and after that change, against the plan as it "
                   "then stood" + (", and some changes moved it back" if len(signs) > 1 else "")
                   + ": a later change can absorb or reverse an earlier one, so taking one back now "
                   "need not give back its days.")
    if story.still and story.moves:
        # with none that moved it, every caller has just said that no change did: "6 other
        # changes did not move the finish" repeated it, of no change named
        out.append(f"{counted(story.still, 'other change')} to the schedule did not move the finish "
                   "when made.")
    if story.undone:
        one = story.undone == 1
        out.append(f"{counted(story.undone, 'change')} made in this period {'was' if one else 'were'} undone "
                   f"since and {'is' if one else 'are'} not counted.")
    if story.end_now and story.end_then and story.end_now != story.end_then:
        out.append(f"The plan now ends with {story.end_now} (then {story.end_then}).")
    return out
