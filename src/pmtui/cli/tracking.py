"""pmtui baseline save | list | use | rm, variance, cost actual | list, evm, status [snapshot |
history], report: tracking the plan against its baseline and telling management about it."""

from __future__ import annotations

from datetime import timezone

import typer
from rich.table import Table

from pmtui.cli.context import Col, done, out, print_json, state, write_output
from pmtui.models.errors import BadValue, NotFound
from pmtui.models.parsing import parse_date
from pmtui.models.wording import brief, signed_days
from pmtui.scheduling.evm import EAC_METHODS, EarnedValue
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
bsvc = LazyModule("pmtui.services.baselines")
costing = LazyModule("pmtui.services.costing")
snapshots = LazyModule("pmtui.services.snapshots")
ssvc = LazyModule("pmtui.services.status")
quick_reads = LazyModule("pmtui.services.quick_reads")  # the same reads through sqlite3 (State.quick)


baseline_cmd = typer.Typer(help="Save, list, choose and remove baselines (at most 11 per project).",
                           no_args_is_help=True)
cost_cmd = typer.Typer(help="Costs: enter actual costs, list budget, actual and remaining cost per task.",
                       no_args_is_help=True)
status_cmd = typer.Typer(help="The RAG summary of the project; snapshots of its key figures for trends.",
                         invoke_without_command=True)


def _money(value: float | None) -> str:
    return "" if value is None else f"{round(value):,}"  # round(): never "-0"


def _index(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _signed(value: int | None) -> str:
    return "" if value is None else signed_days(value)


# -- baselines ------------------------------------------------------------------------------------

@baseline_cmd.command("save", epilog="Example: pmtui baseline save 'Approved plan' --replace")
def baseline_save(ctx: typer.Context, name: str = typer.Argument(..., help="A name, e.g. 'Approved plan'."),
                  replace: bool = typer.Option(False, "--replace", help="Save over a baseline of that name.")) -> None:
    """Save the plan's dates, durations, work and costs as a baseline."""
    st = state(ctx)
    project = st.project()
    b = bsvc.save_baseline(st.store, project.id, name, replace=replace)
    label = "Baseline" if b.number == 0 else f"Baseline{b.number}"
    done(f"Saved baseline {b.name!r} ({label}): finish {b.finish}, cost {b.cost:,.0f} {project.currency}"
         + (" — active" if b.active else f" (compare with it: pmtui baseline use {b.name!r})"))


@baseline_cmd.command("list", epilog="Example: pmtui baseline list --json")
def baseline_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the project's baselines; * marks the active one."""
    st = state(ctx)
    read = st.quick(quick_reads.baseline_list)
    if read is not None:
        currency, rows = read
    else:
        project = st.project()
        currency, rows = project.currency, bsvc.list_baselines(st.store, project.id)
    if as_json:
        print_json([{"name": b.name, "number": b.number, "active": b.active, "saved_at": b.saved_at.isoformat(),
                     "start": b.start, "finish": b.finish, "cost": b.cost, "work": b.work} for b in rows])
        return
    if not rows:
        done("No baselines yet: save one with `pmtui baseline save NAME`.")
        return
    # the amounts' currency, as `cost list` and `status` give it
    table = Table("", Col("Name", share=1, least=16), "MS Project", "Saved", "Finish", f"Cost ({currency})",
                  box=None)
    for b in rows:
        table.add_row("*" if b.active else "", b.name, "Baseline" if b.number == 0 else f"Baseline{b.number}",
                      _local(b.saved_at), str(b.finish), _money(b.cost))
    out.print(table)


def _local(at) -> str:
    """A time stored in UTC (naive from the store, aware through sqlite3) in local time, as
    `pmtui history` gives the same moment."""
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone().strftime("%Y-%m-%d %H:%M")


@baseline_cmd.command("use", epilog="Example: pmtui baseline use 'Approved plan'")
def baseline_use(ctx: typer.Context, name: str = typer.Argument(..., help="Baseline name.")) -> None:
    """Compare against this baseline from now on (variance, EVM, status, report)."""
    st = state(ctx)
    b = bsvc.use_baseline(st.store, st.project().id, name)
    done(f"Baseline {b.name!r} is active.")


@baseline_cmd.command("rm", epilog="Example: pmtui baseline rm 'Draft'")
def baseline_rm(ctx: typer.Context, name: str = typer.Argument(..., help="Baseline name.")) -> None:
    """Remove a baseline (undo brings it back)."""
    st = state(ctx)
    # the name as saved: 'bl' typed for 'BL' was reported as "Removed baseline 'bl'."
    name = bsvc.get_baseline(st.store, st.project().id, name).name
    active = bsvc.remove_baseline(st.store, st.project().id, name)
    done(f"Removed baseline {name!r}." + (f" Active: {active.name!r}." if active else " No baseline is active."))


def variance(ctx: typer.Context,
             baseline: str = typer.Option(None, "--baseline", "-b", help="Compare with this baseline, not the active one."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Start, finish, duration and cost variance against the baseline (dates in working days)."""
    st = state(ctx)
    read = st.quick(quick_reads.plan_and_baseline(baseline))
    if read is not None:
        plan, saved = read
        if saved is None:
            raise NotFound(bsvc.NO_BASELINE)
        project, v = plan.project, bsvc.compare(plan, saved)
    else:
        project = st.project()
        v = bsvc.variance(st.store, project.id, baseline)
    if as_json:
        print_json({
            "baseline": v.baseline, "start": v.start, "finish": v.finish, "baseline_finish": v.base_finish,
            "finish_variance": v.finish_var, "cost": v.cost, "baseline_cost": v.base_cost, "cost_variance": v.cost_var,
            "tasks": [{k: getattr(t, k) for k in t.__slots__} for t in v.tasks],
            "added": [{"wbs": w, "name": n} for w, n in v.added],
            "removed": [{"wbs": w, "name": n} for w, n in v.removed],
        })
        return
    # at 80 columns the finish and cost variances stay, the start's give way first
    table = Table("WBS", Col("Task", share=1, least=16), Col("BL start", drop=1), Col("Start", drop=1),
                  Col("Δ", drop=1), "BL finish", "Finish", "Δ", Col("Δ dur", drop=2), Col("BL cost", drop=3),
                  Col("Cost", drop=3), "Δ cost", box=None)
    for t in v.tasks:
        table.add_row(t.wbs, ("  " * (t.level - 1)) + t.name, str(t.base_start), str(t.start), _signed(t.start_var),
                      str(t.base_finish), str(t.finish), _signed(t.finish_var), _signed(t.duration_var),
                      _money(t.base_cost), _money(t.cost), f"{round(t.cost_var):+,}")
    out.print(table)
    out.print(f"Project finish {v.finish} vs baseline {v.base_finish} ({_signed(v.finish_var)}); "
              f"cost {v.cost:,.0f} vs {v.base_cost:,.0f} {project.currency} ({round(v.cost_var):+,}) — "
              f"baseline {v.baseline!r}")
    for what, rows in (("Added since the baseline", v.added), ("Removed since the baseline", v.removed)):
        if rows:
            out.print(f"{what}: " + "; ".join(f"{w} {n}" for w, n in rows))


# -- costs ----------------------------------------------------------------------------------------

@cost_cmd.command("actual", epilog="Example: pmtui cost actual 2.3.1 12500   (or 'none' to derive it again)")
def cost_actual(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id."),
                amount: str = typer.Argument(..., help="Money spent so far, or 'none' to derive it from progress.")) -> None:
    """Enter the actual cost of a task."""
    st = state(ctx)
    value = costing.parse_amount(amount)
    row = costing.set_actual_cost(st.store, st.project().id, ref, value)
    done(f"Actual cost of {row.label}: " + ("derived from progress" if value is None else f"{value:,.2f}"))


@cost_cmd.command("list", epilog="Example: pmtui cost list --json")
def cost_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Budget, actual, remaining and forecast cost (actual + remaining) per task, summary and project."""
    st = state(ctx)
    read = st.quick(quick_reads.plan_and_baseline())
    if read is not None:
        plan, saved = read
    else:
        from pmtui.services.tasks import get_plan

        plan = get_plan(st.store, st.project().id)
        saved = None
    costs = costing.plan_costs(plan)
    rows = [{"id": t.id, "wbs": t.wbs, "name": t.name, "summary": t.summary, "budget": costs[t.id].budget, "cost": costs[t.id].cost,
             "work": costs[t.id].work, "actual": costs[t.id].actual, "remaining": costs[t.id].remaining,
             "forecast": costs[t.id].forecast, "actual_entered": costs[t.id].entered} for t in plan.tasks]
    total = costing.project_cost(plan, costs)
    budget = costing.project_budget(plan, costs)
    forecast = sum(costs[r].forecast for r in plan.roots)
    # With a baseline the BAC is its budget for today's tasks (as `pmtui evm` counts it), not the
    # plan's own cost: the two differ after a re-baseline with an overrun, or a task added since.
    if read is None:
        saved = bsvc.get_baseline(st.store, st.project().id)
    own = saved.own_costs() if saved else {}
    bac = sum(own.get(t.id, 0.0) for t in plan.tasks if t.id in saved.tasks) if saved else budget
    if as_json:
        print_json({"currency": plan.project.currency, "cost": total, "forecast": forecast, "bac": bac,
                    "baseline": saved.name if saved else None, "tasks": rows})
        return
    table = Table("WBS", Col("Task", share=1, least=16), "Budget", "Actual", "Remaining", "Forecast",
                  Col("Work (pd)", drop=1), box=None)
    for t, r in zip(plan.tasks, rows):
        table.add_row(t.wbs, ("  " * (t.level - 1)) + t.name, _money(r["budget"]),
                      _money(r["actual"]) + ("*" if r["actual_entered"] else ""), _money(r["remaining"]),
                      _money(r["forecast"]), f"{r['work']:g}")
    out.print(table)
    head = (f"Planned cost {_money(budget)} {plan.project.currency}; budget at completion (BAC) {_money(bac)} "
            f"from baseline {saved.name!r}" if saved else f"Budget at completion {_money(budget)} {plan.project.currency}")
    out.print(f"{head}; forecast (actual + remaining) "
              f"{_money(forecast)} (* = actual cost entered; [costs] actual = {costing.actual_mode()!r})")


# -- earned value ---------------------------------------------------------------------------------

def _ev_dict(ev: EarnedValue) -> dict:
    return ev.as_dict()


def evm(ctx: typer.Context,
        eac: str = typer.Option(None, "--eac", help=f"EAC formula: {', '.join(EAC_METHODS)} (default [evm] eac, else cpi)."),
        baseline: str = typer.Option(None, "--baseline", "-b", help="Budget and PV from this baseline."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Earned value as of the status date, per task, summary and project."""
    st = state(ctx)
    # the EAC method is checked where the store's path checks it: after the project, before the baseline
    read = st.quick(quick_reads.plan_and_baseline(baseline, first=lambda: ssvc.eac_method(eac)))
    if read is not None:
        rep = ssvc.evm_of(*read, ssvc.eac_method(eac))
    else:
        rep = ssvc.earned_value_report(st.store, st.project().id, method=eac, baseline=baseline)
    if as_json:
        print_json({"status_date": rep.status_date, "status_date_source": rep.as_of.source,
                    "baseline": rep.baseline, "eac_method": rep.method,
                    "project": _ev_dict(rep.project),
                    "tasks": [{"id": l.task_id, "wbs": l.wbs, "name": l.name, "summary": l.summary, **_ev_dict(l.value)}
                              for l in rep.lines]})
        return
    # SV and CV are EV - PV and EV - AC, and the project's line below gives them: they give way first
    table = Table("WBS", Col("Task", share=1, least=16), Col("BAC", drop=2), "PV", "EV", "AC", Col("SV", drop=1),
                  Col("CV", drop=1), "SPI", "CPI", "EAC", box=None)
    for l in rep.lines:
        v = l.value.whole()  # SV and CV of the figures shown, as the report gives them
        table.add_row(l.wbs, ("  " * (l.level - 1)) + l.name, _money(v.bac), _money(v.pv) or "n/a", _money(v.ev),
                      _money(v.ac), _money(v.sv) or "n/a", _money(v.cv), _index(v.spi), _index(v.cpi), _money(v.eac))
    out.print(table)
    p = rep.project.whole()
    # worded as the status screen and the report say it: 'PV from no baseline (none without
    # one: …)' read as if PV came from somewhere
    source = (f", PV from baseline {rep.baseline!r}" if rep.baseline
              else "; no baseline: no PV, SV or SPI (save one with `pmtui baseline save NAME`)")
    out.print(f"As of {rep.as_of.label}{source}; EAC method {rep.project.eac_label}")
    out.print(f"BAC {_money(p.bac)}  PV {_money(p.pv) or 'n/a'}  EV {_money(p.ev)}  AC {_money(p.ac)}  SV {_money(p.sv) or 'n/a'}  "
              f"CV {_money(p.cv)}  SPI {_index(p.spi)}  CPI {_index(p.cpi)}")
    out.print(f"EAC {_money(p.eac)}  ETC {_money(p.etc)}  VAC {_money(p.vac)}  TCPI(BAC) {_index(p.tcpi_bac)}  "
              f"TCPI(EAC) {_index(p.tcpi_eac)}")


# -- status ---------------------------------------------------------------------------------------

@status_cmd.callback(epilog="Example: pmtui status; pmtui status snapshot; pmtui status history")
def status_summary(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the RAG summary: schedule, cost, scope and risk, with the figures behind them."""
    if ctx.invoked_subcommand is not None:
        return
    st = state(ctx)
    s = st.quick(quick_reads.project_status) or ssvc.project_status(st.store, st.project().id)
    if as_json:
        print_json({"project": s.project, "status_date": s.status_date, "status_date_source": s.as_of.source,
                    "finish": s.finish,
                    "baseline_finish": s.baseline_finish, "finish_slip": s.finish_slip,
                    "percent_complete": s.percent_complete, "overall": s.overall.letter,
                    "overall_why": s.overall.reason,
                    "rag": {r.area: {"rag": r.letter, "level": r.level, "why": r.reason} for r in s.rags},
                    "evm": s.evm.project.as_dict(), "risks": s.risk_counts, "open_issues": len(s.issues),
                    "blockers": len(s.blockers),
                    # what the status screen and the report list, for a script's dashboard
                    "milestones": [{"wbs": m.wbs, "name": m.name, "baseline": m.baseline, "forecast": m.forecast,
                                    "variance": m.variance, "done": m.done, "deadline": m.deadline}
                                   for m in s.milestones],
                    "late": [{"wbs": x.wbs, "name": x.name, "baseline_finish": x.base_finish, "forecast": x.forecast,
                              "variance": x.variance, "deadline": x.deadline, "past_deadline": x.past_deadline,
                              "due_to_start": x.due_to_start} for x in s.late]})
        return
    # the reason, as the report and the status screen give it: 'overall [G] GREEN' alone, of a
    # plan with no baseline and no costs, read as on track where only its risks were measured
    out.print(f"{s.project} — status {s.as_of.label}: overall [{s.overall.letter}] {s.overall.level.upper()}"
              f" — {s.overall.reason}")
    for r in s.rags:
        out.print(f"  [{r.letter}] {r.area:<9} {r.reason}")
    slip = f" ({_signed(s.finish_slip)} vs baseline {s.baseline_finish})" if s.finish_slip is not None else ""
    p = s.evm.project
    out.print(f"  finish {s.finish}{slip}; {s.percent_complete:.0f}% complete; SPI {_index(p.spi)}, CPI {_index(p.cpi)}, "
              f"EAC {_money(p.eac)} of BAC {_money(p.bac)} {s.currency}")
    c = s.risk_counts
    out.print(f"  open threats: {c['high']} high, {c['medium']} medium, {c['low']} low; opportunities: "
              f"{s.opportunities}; open issues {len(s.issues)} "
              f"({len(s.blockers)} blocker{'' if len(s.blockers) == 1 else 's'})")


@status_cmd.command("snapshot", epilog="Example: pmtui status snapshot")
def status_snapshot(ctx: typer.Context) -> None:
    """Store today's key figures (finish, % complete, SPI, CPI, risks, issues) for trends."""
    st = state(ctx)
    snap = snapshots.take_snapshot(st.store, st.project().id, "manual")
    done(f"Snapshot of {snap.day}: finish {snap.finish}, {snap.percent_complete:.0f}% complete, "
         f"SPI {_index(snap.spi)}, CPI {_index(snap.cpi)}.")


@status_cmd.command("history", epilog="Example: pmtui status history --json")
def status_history(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the snapshots, oldest first."""
    st = state(ctx)
    rows = st.quick(quick_reads.snapshot_list)
    if rows is None:
        rows = snapshots.list_snapshots(st.store, st.project().id)
    if as_json:
        # A snapshot taken with no baseline stores PV 0 (the column is not nullable): there was no
        # PV, as `status --json` says (null), not nothing planned, which made SV = EV
        def pv(r) -> float | None:
            data = ssvc.data_of(r)
            return None if "baseline" in data and not data["baseline"] else r.pv

        print_json([{"day": r.day, "source": r.source, "finish": r.finish, "percent_complete": r.percent_complete,
                     "spi": r.spi, "cpi": r.cpi, "bac": r.bac, "pv": pv(r), "ev": r.ev, "ac": r.ac,
                     "risks_high": r.risks_high, "risks_medium": r.risks_medium, "risks_low": r.risks_low,
                     "open_issues": r.open_issues, **ssvc.data_of(r)} for r in rows])
        return
    if not rows:
        done("No snapshots yet: take one with `pmtui status snapshot` (stand-ups take one too).")
        return
    # the overall RAG and the EAC as they stood each week: the two a steering committee asks
    # about, kept in each snapshot and shown nowhere (the source gives way first at 80 columns)
    table = Table("Day", Col("Source", drop=1), "RAG", "Finish", "Slip", "Done", "SPI", "CPI", "EAC",
                  Col("High risks", drop=2), Col("Issues", drop=2), box=None)
    for r in rows:
        data = ssvc.data_of(r)
        eac = data.get("eac")
        table.add_row(str(r.day), r.source, str(data.get("overall", "")), str(r.finish), _signed(data.get("finish_slip")),
                      f"{r.percent_complete:.0f}%", _index(r.spi), _index(r.cpi),
                      _money(eac) if isinstance(eac, (int, float)) else "", str(r.risks_high), str(r.open_issues))
    out.print(table)


# -- report ---------------------------------------------------------------------------------------

def report(ctx: typer.Context,
           fmt: str = typer.Option("md", "--format", "-f", help="md (Markdown) or html (one self-contained file)."),
           output: str = typer.Option(None, "--output", "-o", help="Write to this file instead of printing."),
           since: str = typer.Option(None, "--since", help="Report what happened since this date (default: a week before the status date)."),
           eac: str = typer.Option(None, "--eac", help=f"EAC formula: {', '.join(EAC_METHODS)}.")) -> None:
    """Write a status report a manager can read without pmtui."""
    from pmtui.reports import render_report

    fmt = fmt.strip().lower()
    if fmt not in ("md", "html"):
        raise BadValue(f"--format {brief(fmt)}: use md or html")
    if output is not None and not output.strip():
        # a script's unset "$OUT" read as '.', and the report ended in "cannot write .: Is a directory"
        raise BadValue("--output is empty: give a file name, or leave --output out to print the report")
    st = state(ctx)
    text = render_report(st.store, st.project().id, fmt=fmt, since=parse_date(since, what="--since date") if since is not None else None, method=eac)
    if output is None:
        import sys

        sys.stdout.write(text)
        return
    write_output(output, text)
    done(f"Wrote {fmt.upper()} report to {output}.")


def register(app: typer.Typer) -> None:
    app.add_typer(baseline_cmd, name="baseline")
    app.add_typer(cost_cmd, name="cost")
    app.add_typer(status_cmd, name="status")
    app.command("variance", epilog="Example: pmtui variance --baseline 'Approved plan' --json")(variance)
    app.command("evm", epilog="Example: pmtui evm --eac composite --json")(evm)
    app.command("report", epilog="Example: pmtui report --format html --output status.html --since 2026-11-16")(report)
