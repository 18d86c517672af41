"""The demo plan's risk register, built from demo_data.RISKS inside create_demo's action:
risks across the matrix with their score history, owners and linked tasks, one that occurred
(with its issue) and one closed."""

from __future__ import annotations

from datetime import date
from typing import Callable

from pmtui.models.risks import Issue, Risk, RiskScore, RiskTask
from pmtui.models.tables import Project, Resource, Task
from pmtui.services import demo_data as D
from pmtui.services.actions import Action
from pmtui.services.numbering import next_number

WORKSHOP = 5  # the risk workshop, a week after kick-off: first score of risks with no history
OCCURRED_ON = 11  # the partner confirmed its architect late, just after the day-10 trigger


def add_demo_risks(act: Action, project: Project, resources: dict[str, Resource],
                   tasks: dict[str, Task], at: Callable[[int], date], today: date) -> None:
    s = act.session
    for r in D.RISKS:
        risk = Risk(
            project_id=project.id, number=next_number(s, Risk, project.id), title=r.title,
            description=r.description, kind=r.kind,
            category=r.category, cause=r.cause, effect=r.effect, probability=r.probability,
            impact=r.impact, owner_id=resources[r.owner].id, strategy=r.strategy, response=r.response,
            trigger=r.trigger, review_date=at(r.review_offset), schedule_impact=r.schedule_impact,
            cost_impact=r.cost_impact,
        )
        s.add(risk)
        s.flush()
        history = r.history or ((WORKSHOP, r.probability, r.impact, "Identified in the risk workshop."),)
        for offset, p, i, comment in history:
            s.add(RiskScore(risk_id=risk.id, day=min(at(offset), today), probability=p, impact=i, comment=comment))
        if (history[-1][1], history[-1][2]) != (r.probability, r.impact):
            s.add(RiskScore(risk_id=risk.id, day=today, probability=r.probability, impact=r.impact,
                            comment="Reviewed at the status meeting."))
        for key in r.tasks:
            s.add(RiskTask(risk_id=risk.id, task_id=tasks[key].id))
        if r.status == "closed":
            risk.status, risk.closed_on = "closed", min(at(r.review_offset), today)
        elif r.status == "occurred":
            risk.status = "occurred"
            s.add(Issue(project_id=project.id, number=next_number(s, Issue, project.id), title=r.title,
                        description=r.effect, kind="issue",
                        severity=r.impact, owner_id=risk.owner_id, task_id=tasks[r.tasks[0]].id if r.tasks else None,
                        risk_id=risk.id, raised_on=min(at(OCCURRED_ON), today)))
