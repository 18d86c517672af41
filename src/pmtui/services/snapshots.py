"""Status snapshots: the project's key figures on a day, kept so that trends can be drawn.

Every stand-up ends with one (``take_snapshot(store, pid, source="standup")``), and a PM can take
one any time with ``pmtui status snapshot``. Besides the columns, ``data`` keeps the finish slip,
the forecast date of each milestone and the EAC, so a report can say what slipped since the last.
"""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session

from pmtui.models.errors import BadValue
from pmtui.models.tracking import Snapshot
from pmtui.models.wording import brief
from pmtui.services.actions import Action, action, reading
from pmtui.services.status import Status, data_of, snapshots_of, status_from
from pmtui.store import Store

SOURCES = ("manual", "standup")


def snapshot_of(status: Status, project_id: int, source: str) -> Snapshot:
    evm = status.evm.project
    counts = status.risk_counts
    data = {
        "finish_slip": status.finish_slip,
        "baseline": status.evm.baseline,
        "eac": round(evm.eac, 2),
        "blockers": len(status.blockers),
        "overall": status.overall.letter,
        "rag": {r.area: r.letter for r in status.rags},
        "milestones": {str(m.task_id): [m.wbs, m.name, m.forecast.isoformat()] for m in status.milestones},
    }
    return Snapshot(
        project_id=project_id, day=status.status_date, source=source, finish=status.finish,
        percent_complete=round(status.percent_complete, 2), bac=evm.bac, pv=evm.pv or 0.0, ev=evm.ev, ac=evm.ac,
        spi=evm.spi, cpi=evm.cpi, risks_high=counts["high"], risks_medium=counts["medium"],
        risks_low=counts["low"], open_issues=len(status.issues), data=json.dumps(data, sort_keys=True),
    )


def take_snapshot_in(act: Action, source: str = "standup") -> Snapshot:
    """Record a snapshot inside an action already running (e.g. the one that closes a stand-up),
    so that both land in one journal entry."""
    if source not in SOURCES:
        raise BadValue(f"snapshot source {brief(source)} must be one of {', '.join(SOURCES)}")
    act.session.flush()
    status = status_from(act.session, act.project_id)
    snap = snapshot_of(status, act.project_id, source)
    act.session.add(snap)
    act.session.flush()
    spi = f"{snap.spi:.2f}" if snap.spi is not None else "n/a"
    cpi = f"{snap.cpi:.2f}" if snap.cpi is not None else "n/a"
    act.say(f"status snapshot ({source}) of {snap.day}: finish {snap.finish}, {snap.percent_complete:.0f}% done, "
            f"SPI {spi}, CPI {cpi}")
    return snap


def take_snapshot(store: Store, project_id: int, source: str = "manual") -> Snapshot:
    if source not in SOURCES:
        raise BadValue(f"snapshot source {brief(source)} must be one of {', '.join(SOURCES)}")
    with action(store, project_id, "Take status snapshot") as act:
        return take_snapshot_in(act, source)


def list_snapshots(store: Store, project_id: int) -> list[Snapshot]:
    with reading(store) as s:
        return snapshots_of(s, project_id)


def last_before(snapshots: list[Snapshot], day: date) -> Snapshot | None:
    """The latest snapshot taken on or before ``day`` (the state "at the last report")."""
    earlier = [s for s in snapshots if s.day <= day]
    return earlier[-1] if earlier else None


def last_of_each_day(snapshots: list[Snapshot]) -> list[Snapshot]:
    """The snapshots a trend draws: the last taken as of each status date, in order of day.
    A stand-up's, then a manual one, then a stand-up finished again the same day were three
    points a day apart on the trend's axis, each day's figures repeated or jumping within it.
    ``snapshots`` as snapshots_of orders them (day, then the time taken); `pmtui status history`
    still lists them all."""
    last: dict[date, Snapshot] = {}
    for snap in snapshots:
        last[snap.day] = snap
    return sorted(last.values(), key=lambda snap: snap.day)


__all__ = ["take_snapshot", "take_snapshot_in", "list_snapshots", "data_of", "last_before", "last_of_each_day",
           "SOURCES", "Session"]
