"""Changing the risk register: add, edit, re-score, close, reopen, link tasks, raise an issue.
Each function is one user action (one transaction, one journal entry, undoable).

Every change of probability or impact writes a RiskScore row dated on the project's status
date (else today) with the user's comment, so trends and exposure over time can be shown.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from sqlalchemy import select
from sqlmodel import Session

from pmtui.models.errors import BadValue, Conflict, NotFound, NothingChanged
from pmtui.models.risks import Issue, Risk, RiskScore, RiskTask
from pmtui.models.rules import validated
from pmtui.models.vocabulary import issue_code, risk_code
from pmtui.models.tables import Project, Resource
from pmtui.models.wording import brief
from pmtui.services.actions import Action, action
from pmtui.services.as_of import risk_day as as_of
from pmtui.services.numbering import next_number
from pmtui.services.plan import Plan, load_plan
from pmtui.models.parsing import no_numbered
from pmtui.services.risk_rules import IssueRules, RiskRules, check_length, check_owner, parse_ref
from pmtui.store import Store

EDITABLE = tuple(name for name in RiskRules.model_fields if name != "owner_id")
INITIAL_COMMENT = "Initial assessment."


def find_owner(session: Session, project_id: int, name: str) -> Resource:
    """A resource by its name, in any case, or by a unique start of it ("alice"): as the
    stand-up finds a person (`pmtui standup note Alice`)."""
    rows = session.execute(select(Resource).where(Resource.project_id == project_id)
                           .order_by(Resource.name)).scalars().all()
    wanted = name.strip()
    exact = [r for r in rows if r.name == wanted]
    loose = [r for r in rows if r.name.casefold() == wanted.casefold()]
    if exact or len(loose) == 1:
        return (exact or loose)[0]
    near = [r for r in rows if r.name.casefold().startswith(wanted.casefold())]
    if len(near) == 1:
        return near[0]
    if near:
        names = ", ".join(r.name for r in near[:-1]) + f" or {near[-1].name}"
        raise BadValue(f"{brief(name.strip())} could be {names}: type more of the name")
    known = ", ".join(r.name for r in rows[:12]) + (", …" if len(rows) > 12 else "")
    raise NotFound(f"no resource named {brief(name)} in this project; "
                   + (f"its resources: {known}" if rows else "it has no resources yet (`pmtui resource add`)"))


def _owner_id(session: Session, project_id: int, owner: str | None) -> int | None:
    if owner is None or not owner.strip() or owner.strip().lower() == "none":
        return None
    return find_owner(session, project_id, check_owner(owner)).id


def _numbered_row(session: Session, model, project_id: int, ref: str | int, letter: str, what: str):
    """The project's risk or issue a code (R3, I2 or 3) names, or NotFound."""
    number = parse_ref(ref, letter, what)
    row = session.execute(
        select(model).where(model.project_id == project_id, model.number == number)
    ).scalars().first()
    if row is None:
        raise no_numbered(what, letter, number)
    return row


def get_risk_row(session: Session, project_id: int, ref: str | int) -> Risk:
    return _numbered_row(session, Risk, project_id, ref, "R", "risk")


def _record_score(act: Action, risk: Risk, day: date, comment: str) -> None:
    act.session.add(RiskScore(risk_id=risk.id, day=day, probability=risk.probability,
                              impact=risk.impact, comment=comment.strip()))


def _link_rows(act: Action, plan: Plan, risk: Risk, refs: Iterable[str]) -> list[str]:
    existing = set(act.session.execute(select(RiskTask.task_id).where(RiskTask.risk_id == risk.id)).scalars())
    added, given = [], {}
    for ref in refs:
        row = plan.resolve(ref)
        if row.id in given:
            # said of the list typed: the risk it is for may be one being added (not stored if refused)
            # what was typed is malformed (2), as `task add --after 1,1` is, not a refusal by the plan
            raise BadValue(f"task {row.label} is given twice (as {given[row.id]} and {ref}): give it once")
        if row.id in existing:
            raise Conflict(f"{risk_code(risk.number)} is already linked to {row.label}")
        existing.add(row.id)
        given[row.id] = ref
        act.session.add(RiskTask(risk_id=risk.id, task_id=row.id))
        added.append(row.wbs)
    return added


def add_risk(store: Store, project_id: int, title: str, *, probability: int, impact: int,
             owner: str | None = None, tasks: Iterable[str] = (), comment: str = "",
             today: date | None = None, **fields: Any) -> Risk:
    """Add a risk with its first score (and optional linked tasks, by WBS code or #id)."""
    rules = validated(RiskRules, title=title, probability=probability, impact=impact, **fields)
    check_length(comment, "comment")
    with action(store, project_id, "Add risk") as act:
        plan = load_plan(act.conn, project_id)
        values = rules.model_dump()
        values["owner_id"] = _owner_id(act.session, project_id, owner)
        risk = Risk(project_id=project_id, number=next_number(act.session, Risk, project_id), **values)
        act.session.add(risk)
        act.session.flush()
        _record_score(act, risk, as_of(plan.project, today), comment or INITIAL_COMMENT)
        linked = _link_rows(act, plan, risk, tasks)
        act.say(f"added {rules.kind} {risk_code(risk.number)} {rules.title!r} "
                f"P{rules.probability}×I{rules.impact}={rules.probability * rules.impact}"
                + (f", linked to {', '.join(linked)}" if linked else ""))
    return risk


def edit_risk(store: Store, project_id: int, ref: str | int, *, comment: str = "",
              today: date | None = None, owner: str | None = None, **changes: Any) -> Risk:
    """Change any editable field; a new probability or impact is recorded as a re-score.
    ``owner`` is a resource name, or '' / 'none' to clear it."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Conflict(f"cannot edit {', '.join(sorted(unknown))} of a risk")
    check_length(comment, "comment")
    with action(store, project_id, "Edit risk") as act:
        risk = get_risk_row(act.session, project_id, ref)
        merged = {k: getattr(risk, k) for k in RiskRules.model_fields}
        merged.update(changes)
        if owner is not None:
            merged["owner_id"] = _owner_id(act.session, project_id, owner)
        # the fields not edited hold what is stored: text longer than a limit set after it was
        # written stays, and does not hold back a change to another field
        rules = validated(RiskRules, context={"kept": set(merged) - set(changes)}, **merged)
        rescored = (rules.probability, rules.impact) != (risk.probability, risk.impact)
        code = risk_code(risk.number)
        if all(getattr(risk, key) == value for key, value in rules.model_dump().items()):
            # as `task edit` says it: it said "Updated R1" and journaled an empty change
            raise NothingChanged(f"{code}: nothing changed, it already has those values")
        for key, value in rules.model_dump().items():
            if getattr(risk, key) != value:
                old, new = getattr(risk, key), value
                if key == "owner_id":
                    key, old, new = "owner", _owner_name(act.session, old), _owner_name(act.session, new)
                act.say(f"{code} {key.replace('_', ' ')}: {_show(old)} → {_show(new)}")
                setattr(risk, "owner_id" if key == "owner" else key, value)
        if rescored:
            project = act.session.get(Project, project_id)
            _record_score(act, risk, as_of(project, today), comment or "Re-assessed in an edit.")
    return risk


def _owner_name(session: Session, owner_id: int | None) -> str | None:
    res = session.get(Resource, owner_id) if owner_id is not None else None
    return res.name if res else None


def _show(value: Any) -> str:
    return "none" if value is None or value == "" else str(value)


def score_risk(store: Store, project_id: int, ref: str | int, probability: int, impact: int, *,
               comment: str = "", today: date | None = None) -> Risk:
    """Re-assess a risk. The same score again is recorded too: it is a review that confirmed it."""
    merged_check = validated(RiskRules, title="x", probability=probability, impact=impact)
    check_length(comment, "comment")
    with action(store, project_id, "Re-score risk") as act:
        risk = get_risk_row(act.session, project_id, ref)
        if risk.status != "open":
            raise Conflict(f"{risk_code(risk.number)} is {risk.status}: reopen it before re-scoring")
        before = (risk.probability, risk.impact)
        risk.probability, risk.impact = merged_check.probability, merged_check.impact
        project = act.session.get(Project, project_id)
        _record_score(act, risk, as_of(project, today), comment)
        act.say(f"{risk_code(risk.number)} P{before[0]}×I{before[1]}={before[0] * before[1]} → "
                f"P{risk.probability}×I{risk.impact}={risk.probability * risk.impact}"
                + (f": {comment.strip()}" if comment.strip() else ""))
    return risk


def step_risk(store: Store, project_id: int, ref: str | int, *, probability: int = 0, impact: int = 0,
              comment: str = "", today: date | None = None) -> Risk:
    """Move a risk one cell on the matrix (probability or impact ± 1), as one re-score."""
    from pmtui.services.actions import reading

    with reading(store) as s:
        risk = get_risk_row(s, project_id, ref)
        p, i = risk.probability + probability, risk.impact + impact
    for value, what, delta in ((p, "probability", probability), (i, "impact", impact)):
        if delta and not 1 <= value <= 5:
            raise Conflict(f"{risk_code(risk.number)} {what} is already {value - delta}: the scale is 1 to 5")
    return score_risk(store, project_id, risk.number, p, i, comment=comment or "Moved on the matrix.", today=today)


def close_risk(store: Store, project_id: int, ref: str | int, *, comment: str = "",
               today: date | None = None) -> Risk:
    check_length(comment, "comment")
    with action(store, project_id, "Close risk") as act:
        risk = get_risk_row(act.session, project_id, ref)
        if risk.status == "closed":
            raise Conflict(f"{risk_code(risk.number)} is already closed")
        risk.status = "closed"
        risk.closed_on = as_of(act.session.get(Project, project_id), today)
        act.say(f"closed {risk_code(risk.number)} {risk.title!r}" + (f": {comment.strip()}" if comment.strip() else ""))
    return risk


def reopen_risk(store: Store, project_id: int, ref: str | int) -> Risk:
    with action(store, project_id, "Reopen risk") as act:
        risk = get_risk_row(act.session, project_id, ref)
        if risk.status == "open":
            raise Conflict(f"{risk_code(risk.number)} is already open")
        act.say(f"reopened {risk_code(risk.number)} {risk.title!r} (was {risk.status})")
        risk.status, risk.closed_on = "open", None
    return risk


def link_risk_task(store: Store, project_id: int, ref: str | int, task_ref: str) -> str:
    """Tie a risk to a task (WBS code or #id); returns the task's label."""
    with action(store, project_id, "Link risk to task") as act:
        risk = get_risk_row(act.session, project_id, ref)
        plan = load_plan(act.conn, project_id)
        _link_rows(act, plan, risk, [task_ref])
        label = plan.resolve(task_ref).label
        act.say(f"linked {risk_code(risk.number)} to {label}")
    return label


def unlink_risk_task(store: Store, project_id: int, ref: str | int, task_ref: str) -> str:
    with action(store, project_id, "Unlink risk from task") as act:
        risk = get_risk_row(act.session, project_id, ref)
        row = load_plan(act.conn, project_id).resolve(task_ref)
        link = act.session.execute(
            select(RiskTask).where(RiskTask.risk_id == risk.id, RiskTask.task_id == row.id)
        ).scalars().first()
        if link is None:
            raise Conflict(f"{risk_code(risk.number)} is not linked to {row.label}")
        act.session.delete(link)
        act.say(f"unlinked {risk_code(risk.number)} from {row.label}")
    return row.label


def raise_issue(store: Store, project_id: int, ref: str | int, *, title: str | None = None,
                description: str | None = None, today: date | None = None) -> Issue:
    """The risk happened: mark it occurred and open an issue that points back to it."""
    with action(store, project_id, "Raise issue from risk") as act:
        risk = get_risk_row(act.session, project_id, ref)
        if risk.status != "open":
            raise Conflict(f"{risk_code(risk.number)} is {risk.status}: only an open risk can occur")
        if risk.kind != "threat":
            raise Conflict(f"{risk_code(risk.number)} is an opportunity: an issue is raised from a threat")
        rules = validated(IssueRules, title=title or risk.title,
                          description=description if description is not None else risk.effect,
                          severity=risk.impact,
                          # the risk's title and effect as stored, when none is typed
                          context={"kept": {k for k, v in (("title", title), ("description", description)) if v is None}})
        first_task = act.session.execute(
            select(RiskTask.task_id).where(RiskTask.risk_id == risk.id).order_by(RiskTask.id)
        ).scalars().first()
        issue = Issue(project_id=project_id, number=next_number(act.session, Issue, project_id), risk_id=risk.id,
                      owner_id=risk.owner_id, task_id=first_task,
                      raised_on=as_of(act.session.get(Project, project_id), today), **rules.model_dump())
        act.session.add(issue)
        risk.status = "occurred"
        act.session.flush()
        act.say(f"{risk_code(risk.number)} occurred: raised {issue_code(issue.number)} {issue.title!r}")
    return issue


def add_issue(store: Store, project_id: int, title: str, *, kind: str = "issue", severity: int = 3,
              owner: str | None = None, task: str | None = None, risk: str | None = None,
              description: str = "", today: date | None = None) -> Issue:
    rules = validated(IssueRules, title=title, kind=kind, severity=severity, description=description)
    with action(store, project_id, "Add issue") as act:
        plan = load_plan(act.conn, project_id)
        task_id = plan.resolve(task).id if task is not None else None
        risk_id = get_risk_row(act.session, project_id, risk).id if risk is not None else None
        issue = Issue(project_id=project_id, number=next_number(act.session, Issue, project_id),
                      owner_id=_owner_id(act.session, project_id, owner),
                      task_id=task_id, risk_id=risk_id, raised_on=as_of(plan.project, today),
                      **rules.model_dump())
        act.session.add(issue)
        act.session.flush()
        act.say(f"added {rules.kind} {issue_code(issue.number)} {rules.title!r}")
    return issue


def get_issue_row(session: Session, project_id: int, ref: str | int) -> Issue:
    return _numbered_row(session, Issue, project_id, ref, "I", "issue")


def _cleared(text: str | None) -> bool:
    return text is not None and text.strip().lower() in ("", "none")


def edit_issue(store: Store, project_id: int, ref: str | int, *, owner: str | None = None,
               task: str | None = None, risk: str | None = None, **changes: Any) -> tuple[Issue, list[str]]:
    """Change an issue's title, kind, severity or description, and its owner, task or risk
    (a name, WBS code or risk code; '' or 'none' clears them). Returns the issue and what changed,
    one 'severity: 3 → 4' a field; nothing changed writes no entry, so there is no empty undo."""
    unknown = set(changes) - {"title", "kind", "severity", "description"}
    if unknown:
        raise Conflict(f"cannot edit {', '.join(sorted(unknown))} of an issue")
    with action(store, project_id, "Edit issue") as act:
        issue = get_issue_row(act.session, project_id, ref)
        merged = {k: getattr(issue, k) for k in IssueRules.model_fields}
        merged.update(changes)
        # the fields not edited hold what is stored (text longer than a later limit stays)
        rules = validated(IssueRules, context={"kept": set(merged) - set(changes)}, **merged)
        links: dict[str, tuple[Any, str, str]] = {}  # column: (new id, old label, new label)
        if owner is not None:
            new = _owner_id(act.session, project_id, owner)
            links["owner_id"] = (new, _show(_owner_name(act.session, issue.owner_id)),
                                 _show(_owner_name(act.session, new)))
        if task is not None or risk is not None:
            plan = load_plan(act.conn, project_id)
            wbs = {t.id: t.wbs for t in plan.tasks}
            if task is not None:
                new = None if _cleared(task) else plan.resolve(task).id
                links["task_id"] = (new, _show(wbs.get(issue.task_id)), _show(wbs.get(new)))
            if risk is not None:
                new = None if _cleared(risk) else get_risk_row(act.session, project_id, risk).id
                numbers = dict(act.session.execute(select(Risk.id, Risk.number).where(Risk.project_id == project_id)).all())

                def code_of(risk_id: int | None) -> str:
                    return risk_code(numbers[risk_id]) if risk_id in numbers else "none"

                links["risk_id"] = (new, code_of(issue.risk_id), code_of(new))
        code, said = issue_code(issue.number), []
        for key, value in rules.model_dump().items():
            if key in changes and getattr(issue, key) != value:
                said.append(f"{key}: {_show(getattr(issue, key))} → {_show(value)}")
                setattr(issue, key, value)
        for column, (new, old_label, new_label) in links.items():
            if getattr(issue, column) != new:
                said.append(f"{column.removesuffix('_id')}: {old_label} → {new_label}")
                setattr(issue, column, new)
        for line in said:
            act.say(f"{code} {line}")
    return issue, said


def resolve_issue(store: Store, project_id: int, ref: str | int, resolution: str = "", *,
                  today: date | None = None) -> Issue:
    check_length(resolution.strip(), "resolution", "issue resolution")
    with action(store, project_id, "Resolve issue") as act:
        issue = get_issue_row(act.session, project_id, ref)
        if issue.status != "open":
            raise Conflict(f"{issue_code(issue.number)} is already {issue.status}")
        issue.status = "resolved"
        issue.resolved_on = as_of(act.session.get(Project, project_id), today)
        issue.resolution = resolution.strip()
        act.say(f"resolved {issue_code(issue.number)} {issue.title!r}")
    return issue
