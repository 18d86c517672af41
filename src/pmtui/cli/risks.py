"""pmtui risk add | list | show | edit | score | close | reopen | link | unlink | raise | matrix,
and pmtui issue add | edit | list | resolve."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from pmtui.cli.context import Col, done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date, parse_duration, parse_money, risk_kind
from pmtui.models.vocabulary import SCALE_WORDS, issue_code, risk_code
from pmtui.models.wording import brief, days
from pmtui.services.risk_bands import LETTERS
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
if TYPE_CHECKING:
    from pmtui.services.risk_register import Register, RiskView

_risk_register = LazyModule("pmtui.services.risk_register")
_risk_rules = LazyModule("pmtui.services.risk_rules")
svc = LazyModule("pmtui.services.risks")
quick_reads = LazyModule("pmtui.services.quick_reads")  # the same reads through sqlite3 (State.quick)


cmd = typer.Typer(
    help="The risk register and its 5×5 probability-impact matrix (risks are R1, R2, … or just 1, 2).\n\n"
    "Exposure on the critical path = score / (1 + F/5), F = least total float of the risk's "
    "unfinished linked tasks (working days): a critical task keeps the whole score, a week of "
    "float halves it, a risk tied to no task has exposure 0.",
    no_args_is_help=True,
)
issues = typer.Typer(help="The issue log: problems that happened, and blockers (issues are I1, I2, …).",
                     no_args_is_help=True)

BAND_STYLE = {"low": "green", "medium": "yellow", "high": "bold red"}
NONE_WORDS = {"none", "-", ""}


def _review(text: str | None):
    if text is None:
        return ...
    return None if text.strip().lower() in NONE_WORDS else parse_date(text)


def _fields(kind, category, description, cause, effect, strategy, response, trigger, review,
            schedule_impact, cost_impact) -> dict:
    """The options that were given, parsed; an option left out is not in the result."""
    fields = {"kind": kind, "category": category, "description": description, "cause": cause,
              "effect": effect, "strategy": strategy, "response": response, "trigger": trigger}
    fields = {k: v for k, v in fields.items() if v is not None}
    value = _review(review)
    if value is not ...:
        fields["review_date"] = value
    if schedule_impact is not None:
        fields["schedule_impact"] = parse_duration(schedule_impact, "schedule impact")
    if cost_impact is not None:
        fields["cost_impact"] = parse_money(cost_impact)
    return fields


KIND = typer.Option(None, "--kind", help="threat (default) or opportunity.")
CATEGORY = typer.Option(None, "--category", help="Technical, Data, Vendor, People, Schedule, Budget, …")
DESCRIPTION = typer.Option(None, "--description", help="What could happen.")
CAUSE = typer.Option(None, "--cause", help="Why it could happen.")
EFFECT = typer.Option(None, "--effect", help="What it would do to the project.")
STRATEGY = typer.Option(None, "--strategy", help="Threats: avoid, mitigate, transfer, accept, escalate; "
                        "opportunities: exploit, enhance, share, accept, escalate.")
RESPONSE = typer.Option(None, "--response", help="The response plan.")
TRIGGER = typer.Option(None, "--trigger", help="The sign that it is about to happen.")
REVIEW = typer.Option(None, "--review", help="Next review date (YYYY-MM-DD, 'next friday', 'none').")
SCHEDULE_IMPACT = typer.Option(None, "--schedule-impact", help="Working days it would move the plan: 3d, 1w.")
COST_IMPACT = typer.Option(None, "--cost-impact", help="What it would cost (or save), in the project's currency.")
OWNER = typer.Option(None, "--owner", "-o", help="The resource who owns it.")


@cmd.command("add", epilog="Example: pmtui risk add 'Vendor late' -P 4 -I 3 --owner 'Alice Chen' -t 1.2")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="A one-line title."),
    probability: str = typer.Option(..., "--probability", "-P", help="1 (very low) to 5 (very high)."),
    impact: str = typer.Option(..., "--impact", "-I", help="1 (very low) to 5 (very high)."),
    owner: str = OWNER,
    task: list[str] = typer.Option(None, "--task", "-t", help="A linked task, by WBS code or #id (repeatable)."),
    comment: str = typer.Option("", "--comment", help="Why this score (kept in the score history)."),
    kind: str = KIND, category: str = CATEGORY, description: str = DESCRIPTION, cause: str = CAUSE,
    effect: str = EFFECT, strategy: str = STRATEGY, response: str = RESPONSE, trigger: str = TRIGGER,
    review: str = REVIEW, schedule_impact: str = SCHEDULE_IMPACT, cost_impact: str = COST_IMPACT,
) -> None:
    """Add a risk (a threat, or an opportunity with --kind opportunity)."""
    st = state(ctx)
    fields = _fields(kind, category, description, cause, effect, strategy, response, trigger, review,
                     schedule_impact, cost_impact)
    risk = svc.add_risk(st.store, st.project().id, title, probability=_risk_rules.parse_scale(probability, "probability"),
                        impact=_risk_rules.parse_scale(impact, "impact"), owner=owner, tasks=task or (),
                        comment=comment, **fields)
    done(f"Added {risk_code(risk.number)} {risk.title!r}: score {risk.probability * risk.impact}.")


@cmd.command("edit", epilog="Example: pmtui risk edit R3 --owner 'Bob Li' --review 2027-03-01")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
    title: str = typer.Option(None, "--title", help="New title."),
    probability: str = typer.Option(None, "--probability", "-P", help="1 to 5 (recorded as a re-score)."),
    impact: str = typer.Option(None, "--impact", "-I", help="1 to 5 (recorded as a re-score)."),
    comment: str = typer.Option("", "--comment", help="Why the score changed."),
    owner: str = typer.Option(None, "--owner", "-o", help="The resource who owns it ('none' to clear)."),
    kind: str = KIND, category: str = CATEGORY, description: str = DESCRIPTION, cause: str = CAUSE,
    effect: str = EFFECT, strategy: str = STRATEGY, response: str = RESPONSE, trigger: str = TRIGGER,
    review: str = REVIEW, schedule_impact: str = SCHEDULE_IMPACT, cost_impact: str = COST_IMPACT,
) -> None:
    """Change a risk's fields."""
    st = state(ctx)
    fields = _fields(kind, category, description, cause, effect, strategy, response, trigger, review,
                     schedule_impact, cost_impact)
    if title is not None:
        fields["title"] = title
    if probability is not None:
        fields["probability"] = _risk_rules.parse_scale(probability, "probability")
    if impact is not None:
        fields["impact"] = _risk_rules.parse_scale(impact, "impact")
    if not fields and owner is None:
        raise BadValue("nothing to change: give at least one option, e.g. --owner NAME (see --help)")
    risk = svc.edit_risk(st.store, st.project().id, ref, comment=comment, owner=owner, **fields)
    done(f"Updated {risk_code(risk.number)} {risk.title!r}.")


@cmd.command("score", epilog="Example: pmtui risk score R3 4 5 --comment 'Spec found 17 custom fields'")
def score(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
    probability: str = typer.Argument(..., help="1 (very low) to 5 (very high)."),
    impact: str = typer.Argument(..., help="1 (very low) to 5 (very high)."),
    comment: str = typer.Option("", "--comment", "-m", help="Why (kept in the score history)."),
) -> None:
    """Re-assess a risk's probability and impact; every score is kept with its date."""
    st = state(ctx)
    p, i = _risk_rules.parse_scale(probability, "probability"), _risk_rules.parse_scale(impact, "impact")
    risk = svc.score_risk(st.store, st.project().id, ref, p, i, comment=comment)
    done(f"{risk_code(risk.number)} scored P{p}×I{i} = {p * i}.")


@cmd.command("close", epilog="Example: pmtui risk close R3 --comment 'SSO licence confirmed'")
def close(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
          comment: str = typer.Option("", "--comment", "-m", help="Why it is closed.")) -> None:
    """Close a risk that can no longer happen (or has been dealt with)."""
    st = state(ctx)
    risk = svc.close_risk(st.store, st.project().id, ref, comment=comment)
    done(f"Closed {risk_code(risk.number)} {risk.title!r}.")


@cmd.command("reopen", epilog="Example: pmtui risk reopen R3")
def reopen(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3.")) -> None:
    """Open a closed or occurred risk again."""
    st = state(ctx)
    risk = svc.reopen_risk(st.store, st.project().id, ref)
    done(f"Reopened {risk_code(risk.number)} {risk.title!r}.")


@cmd.command("link", epilog="Example: pmtui risk link R3 2.4")
def link(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
         task: str = typer.Argument(..., help="WBS code or #id of the task it threatens.")) -> None:
    """Tie a risk to a task, so its float and criticality count in the risk's exposure."""
    st = state(ctx)
    label = svc.link_risk_task(st.store, st.project().id, ref, task)
    done(f"Linked {risk_code(_risk_rules.parse_ref(ref, 'R', 'risk'))} to {label}.")


@cmd.command("unlink", epilog="Example: pmtui risk unlink R3 2.4")
def unlink(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
           task: str = typer.Argument(..., help="WBS code or #id.")) -> None:
    """Remove the tie between a risk and a task."""
    st = state(ctx)
    label = svc.unlink_risk_task(st.store, st.project().id, ref, task)
    done(f"Unlinked {label}.")


@cmd.command("raise", epilog="Example: pmtui risk raise R3 --title 'Architect starts two weeks late'")
def raise_(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
           title: str = typer.Option(None, "--title", help="The issue's title (default: the risk's)."),
           description: str = typer.Option(None, "--description", help="What happened (default: the risk's effect).")) -> None:
    """The risk happened: mark it occurred and open a linked issue."""
    st = state(ctx)
    issue = svc.raise_issue(st.store, st.project().id, ref, title=title, description=description)
    code = risk_code(_risk_rules.parse_ref(ref, "R", "risk"))
    done(f"{code} occurred: raised {issue_code(issue.number)} {issue.title!r}.")


def _risk_json(v: RiskView) -> dict:
    r = v.risk
    return {
        "id": r.id, "code": v.code, "title": r.title, "kind": r.kind, "category": r.category,
        "status": r.status, "probability": r.probability, "impact": r.impact, "score": v.score,
        "band": v.band, "trend": {1: "up", -1: "down", 0: "same"}[v.trend], "previous_score": v.previous_score,
        "owner": v.owner or None, "strategy": r.strategy or None, "response": r.response,
        "description": r.description, "cause": r.cause, "effect": r.effect, "trigger": r.trigger,
        "review_date": r.review_date.isoformat() if r.review_date else None, "overdue": v.overdue,
        "schedule_impact": r.schedule_impact, "cost_impact": r.cost_impact, "emv": round(v.emv, 2),
        "closed_on": r.closed_on.isoformat() if r.closed_on else None,
        "exposure": round(v.exposure, 2), "min_float": v.min_float, "slip": v.slip,
        # the slip worked out: on which linked task, and the dates it would newly miss
        "if_it_happens": ({"task": v.if_it_happens.task_wbs, "slip": v.slip, "broken": list(v.if_it_happens.broken)}
                          if v.if_it_happens.task_wbs else None),
        "tasks": [{"id": t.id, "wbs": t.wbs, "name": t.name, "total_float": t.total_float,
                   "critical": t.critical, "done": t.done} for t in v.linked],
        "history": [{"day": h.day.isoformat(), "probability": h.probability, "impact": h.impact,
                     "score": h.score, "comment": h.comment} for h in v.history],
    }


def _score_text(v: RiskView) -> Text:
    return Text(f"{v.score:>2} {v.letter}", style=BAND_STYLE[v.band])


@cmd.command("list", epilog="Example: pmtui risk list --open --min-score 9 --sort exposure")
def list_(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    open_only: bool = typer.Option(False, "--open", help="Only open risks."),
    min_score: int = typer.Option(0, "--min-score", help="Only risks scoring at least this (1–25)."),
    kind: str = typer.Option(None, "--kind", help="threat or opportunity."),
    sort: str = typer.Option("score", "--sort", help="score, exposure (on the critical path) or review."),
) -> None:
    """List the risks, highest score first; ↑ ↓ → is the trend since the last review, ! an overdue review."""
    st = state(ctx)
    if sort not in _risk_register.SORTS:
        raise BadValue(f"sort {brief(sort)} is unknown: use {', '.join(_risk_register.SORTS)}")
    if kind is not None:
        kind = risk_kind(kind)
    if not 0 <= min_score <= 25:
        raise BadValue(f"minimum score {min_score} is out of range: scores run from 1 to 25")
    reg = st.quick(quick_reads.risk_register) or _risk_register.load_register(st.store, st.project().id)
    rows = reg.select(open_only=open_only, kind=kind, min_score=min_score, sort=sort)
    if as_json:
        print_json([_risk_json(v) for v in rows])
        return
    if not rows:
        out.print("No risks match." if reg.risks else "No risks yet: add one with `pmtui risk add TITLE -P 3 -I 4`.")
        return
    # at 80 columns the title, owner and review date stay; exposure, the tasks and the kind give way
    table = Table("ID", "Score", "", "P", "I", Col("Title", share=3, least=16), Col("Kind", drop=3), "Status",
                  Col("Owner", share=1, least=13), "Review", Col("Tasks", share=1, least=6, drop=2),
                  Col("Exposure", drop=1), box=None, pad_edge=False, show_edge=False)
    for v in rows:
        r = v.risk
        review = Text(f"{r.review_date}!", "red") if v.overdue else str(r.review_date or "")
        tasks = ", ".join(f"{t.wbs}{'*' if t.critical and not t.done else ''}" for t in v.linked)
        table.add_row(v.code, _score_text(v), v.arrow, str(r.probability), str(r.impact), r.title,
                      "opp" if r.kind == "opportunity" else "threat", r.status, v.owner, review, tasks,
                      f"{v.exposure:.1f}")
    out.print(table)
    out.print(f"{len(rows)} risk{'' if len(rows) == 1 else 's'} as of {reg.day}; * = critical task, ! = review overdue, "
              f"bands: L < {reg.bands.medium} ≤ M < {reg.bands.high} ≤ H")


@cmd.command("show", epilog="Example: pmtui risk show R3")
def show(ctx: typer.Context, ref: str = typer.Argument(..., help="Risk code in this project: R3 or 3."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Everything about one risk: its score history, linked tasks with float and criticality, and
    why those tasks are scheduled when they are (their driving path)."""
    st = state(ctx)
    reg, v = st.quick(quick_reads.risk_detail(ref)) or _risk_register.risk_detail(st.store, st.project().id, ref)
    if as_json:
        print_json(_risk_json(v))
        return
    for line in detail_lines(reg, v):
        out.print(line)


def detail_lines(reg: Register, v: RiskView) -> list[str | Text]:
    from pmtui.services.why_span import why_steps

    r = v.risk
    lines: list[str | Text] = [
        Text.assemble((f"{v.code} {r.title}", "bold"), f"  ({r.kind}, {r.status})"),
        Text.assemble("score        ", _score_text(v),
                      f"  P{r.probability} {SCALE_WORDS[r.probability]} × I{r.impact} {SCALE_WORDS[r.impact]}  "
                      f"trend {v.arrow}" + (f" (was {v.previous_score})" if v.previous_score is not None else "")),
    ]
    for label, value in (("category", r.category), ("owner", v.owner), ("strategy", r.strategy),
                         ("description", r.description), ("cause", r.cause), ("effect", r.effect),
                         ("response", r.response), ("trigger", r.trigger)):
        if value:
            lines.append(f"{label:<12} {value}")
    review = f"{r.review_date}" + ("  OVERDUE" if v.overdue else "") if r.review_date else "none"
    lines.append(f"review       {review}")
    lines.append(f"impact       {days(r.schedule_impact)}, {r.cost_impact:,.0f} {reg.plan.project.currency}"
                 f"  (EMV {v.emv:,.0f})")
    if r.closed_on:
        lines.append(f"closed on    {r.closed_on}")
    mf = v.min_float
    lines.append(f"exposure     {v.exposure:.1f} on the critical path"
                 + (f" (least float {days(mf)}" + (f", would slip the finish {days(v.slip)})" if v.slip else ")") if mf is not None else
                    " (no unfinished linked task)"))
    happens = _risk_register.if_it_happens_text(r.schedule_impact, v.if_it_happens)
    if happens:
        lines.append(f"if it occurs {happens[0]}")
        lines.extend(f"  {missed}" for missed in happens[1:])
    for issue in reg.issues_of(r.id):
        lines.append(f"issue        {issue_code(issue.number)} {issue.title} ({issue.status}, raised {issue.raised_on})")
    lines.append("linked tasks:" if v.linked else "linked tasks: none (link one with `pmtui risk link R1 WBS`)")
    sched = reg.plan.schedule if v.linked else None
    for t in v.linked:
        # the float once: 'total float 7d, float 7d' said it again where a task is neither
        state_ = ", done" if t.done else (", CRITICAL" if t.critical else "")
        lines.append(f"  {t.wbs} {t.name}: finish {t.finish}, total float {days(t.total_float)}{state_}")
        path = [reg.plan.by_id[i].wbs for i in sched.driving_path(t.id) if i in reg.plan.by_id]
        if len(path) > 1:
            lines.append(f"    driving path: {' → '.join(path)}")
        for why in why_steps(reg.plan, t.id):  # as `pmtui why` gives them
            lines.append(f"    {why}")
    lines.append("score history:")
    for h in v.history:
        lines.append(f"  {h.day}  P{h.probability}×I{h.impact}={h.score:<2}  {h.comment}")
    return lines


@cmd.command("matrix", epilog="Example: pmtui risk matrix --kind opportunity")
def matrix(ctx: typer.Context, kind: str = typer.Option("threat", "--kind", help="threat or opportunity."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The 5×5 probability-impact grid: open risks per cell, with band letters L/M/H."""
    st = state(ctx)
    kind = risk_kind(kind)
    reg = st.quick(quick_reads.risk_register) or _risk_register.load_register(st.store, st.project().id)
    counts = reg.matrix(kind)
    if as_json:
        print_json({"kind": kind, "medium": reg.bands.medium, "high": reg.bands.high,
                    "cells": [{"probability": p, "impact": i, "band": reg.bands.cell(p, i), "open": counts[(p, i)]}
                              for p in range(5, 0, -1) for i in range(1, 6)]})
        return
    out.print(matrix_table(reg, counts, kind))
    total = sum(v.score for v in reg.risks if v.risk.kind == kind and v.risk.status == "open")
    out.print(f"{sum(counts.values())} open {_PLURAL[kind]}, total score {total}; "
              f"L < {reg.bands.medium} ≤ M < {reg.bands.high} ≤ H")


_PLURAL = {"threat": "threats", "opportunity": "opportunities"}  # not "opportunitys"


def matrix_table(reg: Register, counts: dict, kind: str) -> Table:
    table = Table(title=f"{_PLURAL[kind].capitalize()}: probability × impact", show_lines=True,
                  title_justify="left")
    table.add_column("P \\ I", justify="right")
    for i in range(1, 6):
        table.add_column(str(i), justify="center", min_width=5)
    for p in range(5, 0, -1):
        cells = []
        for i in range(1, 6):
            band = reg.bands.cell(p, i)
            n = counts[(p, i)]
            cells.append(Text(f"{LETTERS[band]} {n if n else '·'}", style=BAND_STYLE[band]))
        table.add_row(str(p), *cells)
    return table


@issues.command("add", epilog="Example: pmtui issue add 'Test server down' --kind blocker -s 4 --task 3.2")
def issue_add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="A one-line title."),
    kind: str = typer.Option("issue", "--kind", help="issue or blocker."),
    severity: str = typer.Option("3", "--severity", "-s", help="1 (very low) to 5 (very high)."),
    owner: str = OWNER,
    task: str = typer.Option(None, "--task", "-t", help="The task it affects (WBS code or #id)."),
    risk: str = typer.Option(None, "--risk", help="The risk it came from (R3)."),
    description: str = typer.Option("", "--description", help="What happened."),
) -> None:
    """Record an issue (something that happened) or a blocker."""
    st = state(ctx)
    issue = svc.add_issue(st.store, st.project().id, title, kind=kind, severity=_risk_rules.parse_scale(severity, "severity"),
                          owner=owner, task=task, risk=risk, description=description)
    done(f"Added {issue_code(issue.number)} {issue.title!r}.")


@issues.command("edit", epilog="Example: pmtui issue edit I1 --owner 'Priya Raman' --severity 4 --task 3.2")
def issue_edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Issue code in this project: I3 or 3."),
    title: str = typer.Option(None, "--title", help="New title."),
    kind: str = typer.Option(None, "--kind", help="issue or blocker."),
    severity: str = typer.Option(None, "--severity", "-s", help="1 (very low) to 5 (very high)."),
    owner: str = typer.Option(None, "--owner", "-o", help="The resource who owns it ('none' to clear)."),
    task: str = typer.Option(None, "--task", "-t", help="The task it affects (WBS code or #id; 'none' to clear)."),
    risk: str = typer.Option(None, "--risk", help="The risk it came from (R3; 'none' to clear)."),
    description: str = typer.Option(None, "--description", help="What happened."),
) -> None:
    """Change an issue's title, kind, severity, owner, task, risk or description."""
    fields = {k: v for k, v in (("title", title), ("kind", kind), ("description", description)) if v is not None}
    if severity is not None:
        fields["severity"] = _risk_rules.parse_scale(severity, "severity")
    if not fields and owner is None and task is None and risk is None:
        raise BadValue("nothing to change: give at least one option, e.g. --owner NAME (see --help)")
    st = state(ctx)
    issue, said = svc.edit_issue(st.store, st.project().id, ref, owner=owner, task=task, risk=risk, **fields)
    code = issue_code(issue.number)
    if not said:
        done(f"{code} {issue.title!r} has those values already: nothing changed.")
        return
    done(f"Updated {code} {issue.title!r}: {'; '.join(said)}.")


@issues.command("list", epilog="Example: pmtui issue list --open --json")
def issue_list(ctx: typer.Context, open_only: bool = typer.Option(False, "--open", help="Only open issues."),
               as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the issues, most severe first."""
    st = state(ctx)
    reg = st.quick(quick_reads.risk_register) or _risk_register.load_register(st.store, st.project().id)
    rows = sorted((i for i in reg.issues if not open_only or i.status == "open"),
                  key=lambda i: (i.status != "open", -i.severity, i.number))
    names = {r.id: r.name for r in reg.plan.resources}
    if as_json:
        print_json([{"id": i.id, "code": issue_code(i.number), "title": i.title, "kind": i.kind, "status": i.status,
                     "severity": i.severity, "owner": names.get(i.owner_id),
                     "task": reg.plan.by_id[i.task_id].wbs if i.task_id in reg.plan.by_id else None,
                     "risk": reg.risk_code_of(i.risk_id), "raised_on": i.raised_on.isoformat(),
                     "resolved_on": i.resolved_on.isoformat() if i.resolved_on else None,
                     "resolution": i.resolution, "description": i.description} for i in rows])
        return
    if not rows:
        out.print("No issues.")
        return
    # At 80 columns the titles got a dozen characters ("Implementati…" and the rest of it below)
    # and the raised date was cut: one space between columns, short ones never wrapped. Titles and
    # owners wrap rather than being cut: no `issue show` gives them whole
    table = Table("ID", "Sev", "Kind", Col("Title", share=3, least=16, wrap=True), "Status",
                  Col("Owner", share=1, least=13, wrap=True),
                  "Task", "Risk", "Raised", box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    for i in rows:
        table.add_row(issue_code(i.number), str(i.severity), i.kind, i.title, i.status, names.get(i.owner_id, ""),
                      reg.plan.by_id[i.task_id].wbs if i.task_id in reg.plan.by_id else "",
                      reg.risk_code_of(i.risk_id) or "", str(i.raised_on))
    out.print(table)


@issues.command("resolve", epilog="Example: pmtui issue resolve I2 --resolution 'Server replaced'")
def issue_resolve(ctx: typer.Context, ref: str = typer.Argument(..., help="Issue code in this project: I2 or 2."),
                  resolution: str = typer.Option("", "--resolution", "-m", help="How it was resolved.")) -> None:
    """Mark an issue resolved."""
    st = state(ctx)
    issue = svc.resolve_issue(st.store, st.project().id, ref, resolution)
    done(f"Resolved {issue_code(issue.number)} {issue.title!r}.")


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="risk")
    app.add_typer(issues, name="issue")
