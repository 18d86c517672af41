"""One user action = one write transaction = one journal entry."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from pmtui.models.errors import Conflict, StoreError
from pmtui.services import finish_effect
from pmtui.services.gc_pause import paused_gc
from pmtui.store import Store
from pmtui.store.journal import Recorder, version, write_entry


@dataclass
class Action:
    """What a service fills in while it works: the session, the entry's summary lines."""

    session: Session
    recorder: Recorder
    project_id: int | None
    name: str
    lines: list[str] = field(default_factory=list)
    # The plan as this transaction left it, loaded and scheduled to check the edit; once the
    # action commits, the caller may take it instead of loading the plan again.
    checked_plan: Any = None
    # The finish point the action left (finish_effect.point), when it knows it without reading
    # the plan back: an import has the schedule it checked before writing, and reading back and
    # scheduling 10,000 tasks again cost 90 ms of the import.
    after_point: dict | None = None
    # Run with the connection once the entry is written, in the same transaction (the entry
    # drops the journal's cursor; a deletion points it at the project it took away).
    after_entry: list = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)

    @property
    def conn(self):
        return self.session.connection()


@contextmanager
def action(store: Store, project_id: int | None, name: str) -> Iterator[Action]:
    """Run a service's writes atomically; nothing is kept if it raises, and no journal entry is
    written when nothing changed."""
    with paused_gc():
        with _action(store, project_id, name) as act:
            yield act


@contextmanager
def _action(store: Store, project_id: int | None, name: str) -> Iterator[Action]:
    session = Session(store.writer, expire_on_commit=False)
    recorder = Recorder(session)
    act = Action(session=session, recorder=recorder, project_id=project_id, name=name)
    _committed.plan = None
    try:
        # Checked at commit, so that an action may write parent and child rows in any order.
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        # where the finish stood before the action, for its entry's effect (a project being
        # created had none)
        found = finish_effect.point_now(conn, project_id) if project_id is not None else dict(finish_effect.EMPTY)
        yield act
        session.flush()
        written = None
        if recorder.changes:
            summary = "; ".join(act.lines) or name
            # The version this action starts from (the write lock is held since BEGIN): what
            # tells the app's own change from one another process made just before it.
            before = version(session.connection(), act.project_id) if act.project_id is not None else None
            effect = (finish_effect.dumps(finish_effect.effect_after(act, found, recorder.changes))
                      if act.project_id is not None else None)
            write_entry(session, act.project_id, name, summary, recorder.changes, effect)
            for then in act.after_entry:
                then(session.connection())
            if act.project_id is not None:
                written = (act.project_id, before, version(session.connection(), act.project_id))
        if act.checked_plan is not None:
            # read in the transaction, so it names exactly the state the plan shows
            act.checked_plan.version = version(session.connection(), act.checked_plan.project.id)
        session.commit()
        _committed.plan = act.checked_plan
        if written is not None:
            last = getattr(_committed, "version", None)
            if last is not None and last[0] == written[0] and last[2] == written[1]:
                written = (written[0], last[1], written[2])  # right after this thread's last: one run
            _committed.version = written
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(f"{name} refused by the database: {exc.orig}") from None
    except OperationalError as exc:
        session.rollback()
        raise StoreError(f"{name} could not be saved: {exc.orig}") from None
    except BaseException:
        session.rollback()
        raise
    finally:
        recorder.detach()
        session.close()


_committed = threading.local()


def take_committed_version(project_id: int | None, seen: tuple[int, int] | None) -> tuple[int, int] | None:
    """The project's version after the actions this thread committed since the version ``seen``
    (once), if nothing else was committed to the project before or between them: a screen that
    writes without reloading the plan (a risk, a snapshot) tells the app it was its own change.
    Taken only from its last version, a change another process had made before it (`pmtui delete
    2.8`, then a risk edited here before the app's next check) was taken for the app's own: the
    plan was never reloaded, the WBS went on showing 2.8, and saving a form on it said "no task
    with id #32". None tells the app to compare versions as for any change from outside."""
    written = getattr(_committed, "version", None)
    _committed.version = None
    if written is None or written[0] != project_id or written[1] != seen:
        return None
    return written[2]


def take_checked_plan(project_id: int):
    """The scheduled plan the last action committed on this thread checked, if it was of this
    project; None otherwise. Each plan is handed out once."""
    plan = getattr(_committed, "plan", None)
    _committed.plan = None
    if plan is None or plan.project.id != project_id:
        return None
    return plan


@contextmanager
def reading(store: Store) -> Iterator[Session]:
    session = Session(store.engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
