"""Turn ReportData into Markdown or HTML through a template.

Templates are ``string.Template`` files (``$name`` placeholders, ``$$`` for a dollar sign): the
ones shipped in ``pmtui/reports/templates/``, or the user's own ``<config dir>/templates/report.md``
and ``report.html``. string.Template keeps templates logic-free and needs no new dependency; the
sections (tables, lists) are rendered here and dropped in whole, so an override can reorder,
rename or leave out sections, and add its own text and styling.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from importlib import resources
from string import Template

from pmtui.models.errors import BadValue
from pmtui.models.wording import brief, days as in_days, signed_days
from pmtui.reports.chart import first_last, sparkline, trend_svg
from pmtui.reports.content import ReportData, gather, local
from pmtui.services.finish_story import PROGRESS, Story, story_lines
from pmtui.store import Store
from pmtui.store.locations import config_dir

PLACEHOLDERS = ("title", "project", "status_date", "status_note", "since", "until", "generated", "overall", "summary", "rag",
                "moved", "milestones", "late", "done", "slipped", "critical", "overbooked", "risks", "issues", "evm", "trend")
RAG_COLOURS = {"green": "#2e7d32", "amber": "#b26a00", "red": "#c62828", "none": "#666"}


def load_template(fmt: str) -> tuple[str, str]:
    """(template text, where it came from): the user's override first."""
    user = config_dir() / "templates" / f"report.{fmt}"
    if user.is_file():
        try:
            return user.read_text(encoding="utf-8"), str(user)
        except (OSError, UnicodeDecodeError) as exc:
            raise BadValue(f"cannot read report template {user}: {exc}") from None
    return resources.files("pmtui.reports").joinpath("templates", f"report.{fmt}").read_text(encoding="utf-8"), "built-in"


def fill(template: str, where: str, values: dict[str, str]) -> str:
    try:
        return Template(template).substitute(values)
    except KeyError as exc:
        raise BadValue(f"report template {where} uses ${exc.args[0]}, which pmtui does not fill; "
                       f"known: {', '.join('$' + p for p in PLACEHOLDERS)}") from None
    except ValueError as exc:
        raise BadValue(f"report template {where}: {exc} (write $$ for a dollar sign)") from None


def money(v: float | None) -> str:
    return "n/a" if v is None else f"{round(v):,}"  # round(): never "-0"


def index(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def days(v: int | None) -> str:
    """A variance in working days, as the screens and the RAG reason above it write it."""
    return "" if v is None else signed_days(v)


# -- the rows every format shows --------------------------------------------------------------------

def _summary_lines(d: ReportData) -> list[str]:
    s, p = d.status, d.status.evm.project.whole()
    slip = f", {days(s.finish_slip)} against baseline {s.evm.baseline!r} ({s.baseline_finish})" if s.finish_slip is not None else " (no baseline saved)"
    c = s.risk_counts
    return [
        f"Overall status: {s.overall.letter} ({s.overall.level}) — {s.overall.reason}",
        f"Forecast finish: {s.finish}{slip}",
        f"Complete: {s.percent_complete:.0f}% as of {s.as_of.label}",
        f"Cost: EAC {money(p.eac)} {s.currency} against a budget (BAC) of {money(p.bac)} (VAC {money(p.vac)}); "
        f"SPI {index(p.spi)}, CPI {index(p.cpi)}",
        f"Open threats: {c['high']} high, {c['medium']} medium, {c['low']} low; opportunities: {s.opportunities}; "
        f"open issues: {len(s.issues)} "
        f"({len(s.blockers)} blocker{'' if len(s.blockers) == 1 else 's'})",
    ]


def _evm_rows(d: ReportData) -> list[tuple[str, str, str]]:
    p = d.status.evm.project.whole()
    return [
        ("BAC", money(p.bac), "budget at completion"), ("PV", money(p.pv), "planned value"),
        ("EV", money(p.ev), "earned value"), ("AC", money(p.ac), "actual cost"),
        ("SV", money(p.sv), "EV − PV"), ("CV", money(p.cv), "EV − AC"),
        ("SPI", index(p.spi), "EV / PV"), ("CPI", index(p.cpi), "EV / AC"),
        ("EAC", money(p.eac), f"estimate at completion ({p.eac_label})"),
        ("ETC", money(p.etc), "EAC − AC"), ("VAC", money(p.vac), "BAC − EAC"),
        ("TCPI (BAC)", index(p.tcpi_bac), "(BAC − EV) / (BAC − AC)"),
        ("TCPI (EAC)", index(p.tcpi_eac), "(BAC − EV) / (EAC − AC)"),
    ]


def _evm_note(d: ReportData) -> str:
    # the table's amounts had no unit: the currency was only in the summary, sections above
    s = d.status
    source = (f"planned value from baseline {s.evm.baseline!r}" if s.evm.baseline
              else "no baseline saved: no planned value, so no SV or SPI")
    return f"Amounts in {s.currency}; {source}."


def _milestone_rows(d: ReportData) -> list[tuple[str, ...]]:
    return [(m.wbs, m.name, str(m.baseline or "—"), str(m.forecast), days(m.variance),
             # the deadline's date: "late for its deadline" left the reader to look it up
             "done" if m.done else (f"past its deadline {m.deadline}" if m.deadline and m.forecast > m.deadline else ""))
            for m in d.status.milestones]


def _risk_rows(d: ReportData) -> list[tuple[str, ...]]:
    # with the codes the team says (R1, I3) and `pmtui risk show` takes: the title alone gave
    # a reader nothing to look a risk up by
    return [(str(r.score), r.band, f"{r.code} {r.title}", r.kind, (r.strategy + ": " if r.strategy else "") + r.response, r.owner)
            for r in d.status.risks[:5]]


def _issue_rows(d: ReportData) -> list[tuple[str, ...]]:
    return [(i.kind, str(i.severity), f"{i.code} {i.title}", i.task, i.owner, str(i.raised_on)) for i in d.status.issues]


def _overbooked_rows(d: ReportData) -> list[tuple[str, ...]]:
    return [(name, f"{cap:.0%}", f"{peak:.0%}", in_days(n), f"{first} to {last}", tasks)
            for name, cap, first, last, n, peak, tasks in d.overbooked]


MAX_MOVES = 10  # the changes that moved the finish most; `pmtui why finish` lists them all
MOVES_HEAD = ("When", "Change", "What changed", "Finish", "Effect")


def _finish_then_now(story: Story) -> str:
    """'2027-02-15 → 2027-02-22 (+5d)', as the slips are written; the cases with no 'then'."""
    now = str(story.now) if story.now else "none (no tasks)"
    if not story.then_known:
        return f"not known before (those changes were made before pmtui recorded the finish); now {now}"
    if story.then is None and story.now is None:
        return "no tasks yet"
    if story.then is None or story.now is None:
        return f"{story.then or 'none (no tasks)'} → {now}"
    if story.then == story.now:
        return f"{now}, unchanged"
    return f"{story.then} → {now} ({days(story.total)})"


def _moves(d: ReportData) -> tuple[list[tuple[str, ...]], int]:
    """The rows of the changes that moved the finish (the MAX_MOVES that moved it most, in the
    order they were made) and how many more there were."""
    story = d.moved
    moves = story.moves if story else []
    kept = sorted(sorted(moves, key=lambda m: -abs(m.days or 0))[:MAX_MOVES], key=lambda m: m.id)
    rows = [(f"{local(m.at):%Y-%m-%d %H:%M}", m.action + (" (progress)" if m.kind == PROGRESS else ""), m.summary,
             f"{m.before} → {m.after}" if m.before and m.after else f"{m.before or 'none'} → {m.after or 'none'}",
             days(m.days)) for m in kept]
    return rows, len(moves) - len(kept)


def _moved_lines(d: ReportData) -> tuple[str, list[str]]:
    """(the period's finish then and now, the lines after the table: what the changes explain,
    the changes left out, the movement since the baseline)."""
    story, ref = d.moved, d.status.status_date
    if story is None:
        return "", []
    head = f"Since {d.changes_from}: {_finish_then_now(story)}."
    lines = story_lines(story, ref)
    if not story.moves:
        lines.insert(0, f"No change made since {d.changes_from} moved the finish"
                        + (f" ({story.changes} made)." if story.changes else "."))
    more = _moves(d)[1]
    if more:
        lines.append(f"{more} more change{' moved' if more == 1 else 's moved'} it, by no more than those listed: "
                     f"pmtui why finish --since {d.changes_from} lists them all")
    base = d.moved_since_baseline
    if base is not None:
        name = d.status.evm.baseline
        why = story_lines(base, ref)
        # its first line is the sum ('Of the +9d: +5d by 2 plan changes; …') when the finish moved
        total = f"; {why[0][0].lower()}{why[0][1:]}" if why and why[0].startswith(("Of the", "Back where")) else "."
        lines.insert(0, f"Against baseline {name!r}: {_finish_then_now(base)}{total}"
                        + (f" pmtui why finish --baseline {name!r} lists the changes." if base.moves else ""))
    return head, lines


LATE_HEAD = ("WBS", "Task", "Baseline finish", "Forecast", "Variance", "Note")


def _late_rows(d: ReportData) -> list[tuple[str, ...]]:
    def note(x) -> str:
        parts = []
        if x.past_deadline:
            parts.append(f"past its deadline {x.deadline} by {in_days(x.past_deadline)}")
        if x.due_to_start:
            parts.append(f"not started: due to start {x.due_to_start}")
        return "; ".join(parts)

    return [(x.wbs, x.name, str(x.base_finish or "—"), str(x.forecast), days(x.variance), note(x)) for x in d.late]


def _late_empty(d: ReportData) -> str:
    if d.status.evm.baseline is None:
        return "No task is past its deadline (no baseline saved to measure lateness against)."
    return "No task is late against the baseline or past its deadline."


def _late_more(d: ReportData) -> str:
    n = d.more_late
    return (f"{n} more late task{'' if n == 1 else 's'}, no later than those listed: pmtui variance "
            "gives every task against the baseline") if n else ""


OVERBOOKED_HEAD = ("Resource", "Max", "Peak", "Days over", "Between", "Tasks")
OVERBOOKED_NOTE = "From the status date on; pmtui resource load gives each run of days."


def _nobody(d: ReportData) -> str:
    # with a double booking only in the past, "Nobody is booked" alone read as nobody ever was
    return "Nobody is booked above their max units" + (" from the status date on." if d.overbooked_before else ".")


COMPLETED_HEAD, CHANGES_HEAD = "Tasks completed", "Notable changes to the plan"


def _completed_items(d: ReportData) -> list[str]:
    return [f"{wbs} {name}, finished {day}" for wbs, name, day in d.completed]


def _no_changes(d: ReportData) -> str:
    return "No other change to the plan." if d.progress_records else "No change to the plan."


def _done_items(d: ReportData) -> list[str]:
    """The notable changes: the journal's, but the progress records (content.PROGRESS_ACTIONS)."""
    items = [f"{at:%Y-%m-%d} {action}: {summary}" for at, action, summary in d.changes]
    if d.progress_records:
        n = d.progress_records
        items.append(f"{n} progress and stand-up record{'' if n == 1 else 's'} (started, percent, days left, "
                     "done, notes) not listed: pmtui history lists them")
    if d.older_changes:
        n, oldest = d.older_changes, d.changes[-1][0]
        items.append(f"{n} earlier change{'' if n == 1 else 's'} made from {d.changes_from} to {oldest:%Y-%m-%d} "
                     f"(not listed: the latest {len(d.changes)} are): pmtui history")
    if d.changes_ahead:
        # the dates of the changes lie before the days covered: say why they are here
        ahead = (d.until - d.changes_to).days
        items.append(f"{'Changes above: those' if d.changes else 'No changes to the plan'} made from "
                     f"{d.changes_from} to today, {d.changes_to} (the status date {d.until} is "
                     f"{ahead} day{'' if ahead == 1 else 's'} ahead of today)")
    if d.later_changes:
        n = d.later_changes
        items.append(f"{n} change{'' if n == 1 else 's'} to the plan made after {d.until} (not listed; the "
                     "forecasts above include them): pmtui history")
    return items


def _slipped_items(d: ReportData) -> list[str]:
    return [f"{x.what}: {x.before} → {x.now} ({days(x.days)})" for x in d.slipped]


def _trend_series(d: ReportData) -> dict[str, list]:
    return {"Finish slip (working days)": [t["slip"] for t in d.trend], "SPI": [t["spi"] for t in d.trend],
            "CPI": [t["cpi"] for t in d.trend]}


# -- Markdown ---------------------------------------------------------------------------------------

def _snapshot_span(d: ReportData) -> str:
    """'1 snapshot, 2027-01-04' or '3 snapshots, 2027-01-04 to 2027-01-18'."""
    if len(d.trend) == 1:
        return f"1 snapshot, {d.trend[0]['day']}"
    return f"{len(d.trend)} snapshots, {d.trend[0]['day']} to {d.trend[-1]['day']}"


def _compared(d: ReportData) -> tuple[str, str]:
    """What 'Slipped since the last report' compares with, and what it says when nothing slipped
    ('' where nothing could: the first line says it all). The tasks late against the baseline
    are under What's late: here they read as this week's news, however long ago they slipped."""
    baseline, day = d.status.evm.baseline, d.status.status_date
    if d.previous is not None:
        return f"Compared with the snapshot of {d.previous.day}", "Nothing slipped."
    if baseline:
        return (f"No snapshot as of {day} or earlier to compare with: what is late against the baseline "
                "is under What's late", "")
    # "Compared with the baseline … Nothing slipped." of a plan with neither read as a clean bill
    return (f"No baseline saved and no snapshot as of {day} or earlier: nothing to measure a slip against "
            "(pmtui baseline save NAME)", "")


def _later_snapshots(d: ReportData) -> str:
    n, same = d.later_snapshots, d.same_day_snapshots
    text = f"; the last of each day (pmtui status history lists all {same + len(d.trend)})" if same else ""
    return text + (f"; {n} later snapshot{'' if n == 1 else 's'}, after the status date, not shown" if n else "")


def _no_snapshots(d: ReportData) -> str:
    if not d.later_snapshots:
        return "No snapshots yet:"
    n = d.later_snapshots
    return (f"No snapshot as of {d.status.status_date} or earlier ({n} later one{'' if n == 1 else 's'}, "
            "after the status date, not shown):")


def _cell(text: str) -> str:
    # "<" and ">" as entities: a name like "<script>…" passes through Markdown as raw HTML, and
    # many renderers (wikis, pandoc) would run it; "&" alone opens no tag and stays readable
    return _no_tags(str(text)).replace("|", "\\|").replace("\n", " ")


def _no_tags(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_table(head: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    if not rows:
        return f"_{empty}_"
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _md_list(items: list[str], empty: str) -> str:
    return "\n".join(f"- {_cell(i)}" for i in items) if items else f"_{empty}_"


CRITICAL_HEAD = ("WBS", "Task", "Start", "Finish", "Float")
# One table read as one path: the chain to the finish, then tasks of other dates with negative
# float, as if the path ran back in time.
OFF_PATH_NOTE = ("Also without float, off the path to the finish above: held by a deadline or a "
                 "constraint, or on another path as long as it.")
NO_PATH_NOTE = "No chain of tasks without float reaches the finish. Tasks without float, held by a deadline or a constraint:"


def _critical_parts(s, table, note) -> tuple[str, str, str]:
    """The critical path to the finish as a table, then the other tasks without float under a
    note of their own (empty strings where there are none)."""
    rows = [(w, n, str(a), str(b), in_days(tf)) for w, n, a, b, tf in s.critical]
    k = s.critical_to_finish
    if not rows[k:]:
        return table(CRITICAL_HEAD, rows, "No critical path."), "", ""
    if not k:
        return "", note(NO_PATH_NOTE), table(CRITICAL_HEAD, rows, "")
    return table(CRITICAL_HEAD, rows[:k], ""), note(OFF_PATH_NOTE), table(CRITICAL_HEAD, rows[k:], "")


def markdown_sections(d: ReportData) -> dict[str, str]:
    s = d.status
    done, slipped = _done_items(d), _slipped_items(d)
    base, calm = _compared(d)
    trend = f"_{_no_snapshots(d)} take one with `pmtui status snapshot` (each stand-up takes one)._"
    if d.trend:
        # "None → 1" where the first snapshot came before the baseline: the measured ends, as the chart gives
        rows = [(name, sparkline(values), first_last(values))
                for name, values in _trend_series(d).items() if any(v is not None for v in values)]
        trend = f"{_snapshot_span(d)}{_later_snapshots(d)}\n\n" + _md_table(("Figure", "Trend", "First → last"), rows, "")
    head, lines = _moved_lines(d)
    moves = _moves(d)[0]
    return {
        "summary": "\n".join(f"- {line}" for line in _summary_lines(d)),
        "moved": "\n\n".join(part for part in (_cell(head), _md_table(MOVES_HEAD, moves, "") if moves else "",
                                                _md_list(lines, "") if lines else "") if part),
        "rag": _md_table(("Area", "RAG", "Why"), [(r.area.capitalize(), f"**{r.letter}**", r.reason) for r in s.rags], ""),
        "milestones": _md_table(("WBS", "Milestone", "Baseline", "Forecast", "Variance", "Note"), _milestone_rows(d), "No milestones."),
        "late": _md_table(LATE_HEAD, _late_rows(d), _late_empty(d)) + (f"\n\n{_cell(_late_more(d))}." if d.more_late else ""),
        "done": f"{COMPLETED_HEAD}:\n\n{_md_list(_completed_items(d), 'No task completed.')}\n\n"
        f"{CHANGES_HEAD}:\n\n{_md_list(done, _no_changes(d))}",
        "slipped": f"{_no_tags(base)}." + (f"\n\n{_md_list(slipped, calm)}" if slipped or calm else ""),
        "critical": "\n\n".join(part for part in _critical_parts(s, _md_table, lambda note: note) if part),
        "overbooked": (f"{OVERBOOKED_NOTE}\n\n" if d.overbooked else "")
        + _md_table(OVERBOOKED_HEAD, _overbooked_rows(d), _nobody(d))
        + (f"\n\n{_cell(d.overbooked_before)}." if d.overbooked_before else ""),
        "risks": _md_table(("Score", "Band", "Risk", "Kind", "Response", "Owner"), _risk_rows(d), "No open risks."),
        "issues": _md_table(("Kind", "Severity", "Issue", "Task", "Owner", "Raised"), _issue_rows(d), "No open issues."),
        "evm": _md_table(("Figure", "Value", "Meaning"), _evm_rows(d), "") + f"\n\n{_no_tags(_evm_note(d))}",
        "trend": trend,
    }


# -- HTML -------------------------------------------------------------------------------------------

def _h_table(head: tuple[str, ...], rows: list[tuple[str, ...]], empty: str, cls: str = "") -> str:
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _h_list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="empty">{escape(empty)}</p>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _badge(level: str, letter: str) -> str:
    return f'<span class="rag rag-{level}" style="background:{RAG_COLOURS[level]}">{escape(letter)}</span>'


def html_sections(d: ReportData) -> dict[str, str]:
    s = d.status
    done, slipped = _done_items(d), _slipped_items(d)
    rag_rows = "".join(f"<tr><td>{escape(r.area.capitalize())}</td><td>{_badge(r.level, r.letter)}</td>"
                       f"<td>{escape(r.reason)}</td></tr>" for r in s.rags)
    base, calm = _compared(d)
    if d.trend:
        trend = trend_svg([str(t["day"]) for t in d.trend], _trend_series(d),
                          {"Finish slip (working days)": "#c62828", "SPI": "#1565c0", "CPI": "#2e7d32"})
        trend += f'<p class="note">{_snapshot_span(d)}{escape(_later_snapshots(d))}.</p>'
    else:
        trend = f'<p class="empty">{escape(_no_snapshots(d))} take one with pmtui status snapshot (each stand-up takes one).</p>'
    head, lines = _moved_lines(d)
    moves = _moves(d)[0]
    return {
        "summary": _h_list(_summary_lines(d), ""),
        "moved": f"<p>{escape(head)}</p>" + (_h_table(MOVES_HEAD, moves, "") if moves else "")
        + "".join(f'<p class="note">{escape(line)}</p>' for line in lines),
        "rag": f'<table class="rag-table"><thead><tr><th>Area</th><th>RAG</th><th>Why</th></tr></thead><tbody>{rag_rows}</tbody></table>',
        "milestones": _h_table(("WBS", "Milestone", "Baseline", "Forecast", "Variance", "Note"), _milestone_rows(d), "No milestones."),
        "late": _h_table(LATE_HEAD, _late_rows(d), _late_empty(d))
        + (f'<p class="note">{escape(_late_more(d))}.</p>' if d.more_late else ""),
        "done": f"<h3>{COMPLETED_HEAD}</h3>" + _h_list(_completed_items(d), "No task completed.")
        + f"<h3>{CHANGES_HEAD}</h3>" + _h_list(done, _no_changes(d)),
        "slipped": f'<p class="note">{escape(base)}.</p>' + (_h_list(slipped, calm) if slipped or calm else ""),
        "critical": "".join(_critical_parts(s, _h_table, lambda note: f'<p class="note">{escape(note)}</p>')),
        "overbooked": (f'<p class="note">{escape(OVERBOOKED_NOTE)}</p>' if d.overbooked else "")
        + _h_table(OVERBOOKED_HEAD, _overbooked_rows(d), _nobody(d))
        + (f'<p class="note">{escape(d.overbooked_before)}.</p>' if d.overbooked_before else ""),
        "risks": _h_table(("Score", "Band", "Risk", "Kind", "Response", "Owner"), _risk_rows(d), "No open risks."),
        "issues": _h_table(("Kind", "Severity", "Issue", "Task", "Owner", "Raised"), _issue_rows(d), "No open issues."),
        "evm": _h_table(("Figure", "Value", "Meaning"), _evm_rows(d), "", "num")
        + f'<p class="note">{escape(_evm_note(d))}</p>',
        "trend": trend,
    }


def render(d: ReportData, fmt: str) -> str:
    s = d.status
    sections = markdown_sections(d) if fmt == "md" else html_sections(d)
    plain = {
        "title": f"Status report: {s.project}", "project": s.project, "status_date": str(s.status_date),
        "status_note": f" ({s.as_of.note})" if s.as_of.note else "", "until": str(d.until),
        "since": str(d.since), "generated": f"{d.generated:%Y-%m-%d %H:%M}",
        "overall": f"{s.overall.letter} ({s.overall.level})",
    }
    if fmt == "html":
        plain = {k: escape(v) for k, v in plain.items()}
    else:
        plain = {k: _no_tags(v) for k, v in plain.items()}
    if fmt == "html":
        plain["overall"] = _badge(s.overall.level, s.overall.letter) + " " + escape(s.overall.reason)
    template, where = load_template(fmt)
    return fill(template, where, {**plain, **sections})


def render_report(store: Store, project_id: int, *, fmt: str = "md", since: date | None = None,
                  method: str | None = None, now: datetime | None = None) -> str:
    if fmt not in ("md", "html"):
        raise BadValue(f"report format {brief(fmt)}: use md or html")
    return render(gather(store, project_id, since=since, method=method, now=now), fmt)
