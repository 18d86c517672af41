"""pmtui gantt: the Gantt chart of screen 2 printed with Rich, for reports and pipes, or as SVG.

The cells come from pmtui.services.gantt_layout, as on the screen; only the colours differ (a
fixed palette here, the theme there).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.control import strip_control_codes
from rich.text import Span, Text

from pmtui.cli.context import state, write_output
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date
from pmtui.models.wording import brief
from pmtui.services import gantt_layout as gl
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
_tasks = LazyModule("pmtui.services.tasks")
_quick_reads = LazyModule("pmtui.services.quick_reads")  # the same reads through sqlite3 (State.quick)


# 256-colour names, so the chart looks the same on a 256-colour terminal as in the SVG.
PALETTE = {
    "": "", "header": "bold", "bar": "dodger_blue2", "crit": "red1", "done": "green3",
    "summary": "bold", "milestone": "bold gold3", "crit_milestone": "bold red1",
    "slack": "grey50", "deadline": "bold dark_orange", "late": "bold red1", "baseline": "cyan3",
    "off": "on grey19", "today": "bold gold3", "status": "cyan3", "flag": "bold dark_orange",
}
MIN_TIMELINE = 10


def colour_of(style: str) -> str:
    """The Rich style of a layout style name; a cell drawn over the baseline is underlined."""
    if style.endswith(gl.ON_BASELINE):
        return f"{PALETTE[style[:-len(gl.ON_BASELINE)]]} underline".strip()
    return PALETTE[style]


def _default_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    try:
        return int(os.environ.get("COLUMNS", "120"))
    except ValueError:
        return 120


def chart_lines(plan, *, width: int, first: date, last: date, today: date, zoom: str | None = None,
                critical: bool = False, baseline=None) -> list[Text]:
    """The chart as lines of Rich text: two header rows, one row per task, the legend."""
    tw = gl.task_width(width)
    lw = width - tw - 1
    if lw < MIN_TIMELINE:
        raise BadValue(f"--width {width} is too narrow for a chart: give at least {tw + 1 + MIN_TIMELINE}")
    scale = gl.Timescale(zoom or gl.choose_zoom(first, last, lw))
    x0 = scale.col(first)
    lw = min(lw, gl.scale_width(scale, first, last))
    sched = plan.schedule
    tasks = plan.tasks
    if critical:
        # the tasks the screen flags C: no float left, including those already behind
        tasks = [t for t in tasks if not t.children and sched.tasks[t.id].critical]
    back = gl.background(scale, x0, lw, plan.calendar.is_working, today, plan.project.status_date)
    top, bottom = scale.header(x0, lw)
    lines = [Text("".ljust(tw) + "│" + top, PALETTE["header"]),
             Text(gl.TASK_TITLE.ljust(tw) + "│" + bottom, PALETTE["header"])]
    flag, summary = PALETTE["flag"], PALETTE["summary"]
    colours: dict[str, str] = {}
    for t in tasks:
        bar = gl.bar_of(plan, t.id, baseline)
        # The line's text and spans as Text.append would make them (flags, then the code and
        # name, bold for a summary, then the runs of the timeline), built at once: appended run
        # by run, 15,000 appends were a tenth of the chart at 2,000 tasks
        label = strip_control_codes(gl.label(plan, t.id, tw, " ", bar))
        parts, spans = [label, "│"], []
        if label[:3]:
            spans.append(Span(0, len(label[:3]), flag))
        if bar.summary and len(label) > 3:
            spans.append(Span(3, len(label), summary))
        at = len(label) + 1
        for text, style in gl.runs(gl.row_cells(scale, bar, x0, lw, back)):
            colour = colours.get(style)
            if colour is None:
                colour = colours[style] = colour_of(style)
            if colour and text:
                spans.append(Span(at, at + len(text), colour))
            parts.append(text)
            at += len(text)
        lines.append(Text("".join(parts), spans=spans))
    return lines


def cli_legend() -> str:
    """The screen's legend with this command's options for the screen's keys: it told a reader
    of `pmtui gantt` to press b or f."""
    return gl.LEGEND.replace(" (b),", " (--baseline),").replace("(f shows it)", "(--from, --to)")


def legend(zoom: str, first: date, last: date, width: int, drawn: date | None = None) -> Text:
    """The key, broken between its entries: wrapped at any space, a mark ('◆', '▕') ended one
    line and its meaning began the next. ``drawn``: the last day the width had room for, when
    that is before ``last``."""
    flags = gl.FLAGS_LEGEND.split(" · P ")[0]  # the relation flags belong to the screen's cursor
    span = f"{first} to {last}"
    if drawn is not None and drawn < last:
        span = f"{first} to {drawn} of {span} (cut at {width} columns: --to, --zoom or --width for the rest)"
    entries = [f"{zoom} zoom, {span}.", *cli_legend().split("  ")]
    entries[-1] += "."
    entries.append(flags)
    lines = [entries[0]]
    for entry in entries[1:]:
        if len(lines[-1]) + 2 + len(entry) <= width:
            lines[-1] += "  " + entry
        else:
            lines.append(entry)
    return Text("\n".join(lines), "dim")


def gantt(
    ctx: typer.Context,
    width: int = typer.Option(None, "--width", help="Characters per line (default: the terminal's, or $COLUMNS)."),
    date_from: str = typer.Option(None, "--from", help="First day shown (default: the project start)."),
    date_to: str = typer.Option(None, "--to", help="Last day shown (default: the project finish)."),
    critical: bool = typer.Option(False, "--critical", help="Only the tasks on the critical path(s)."),
    zoom: str = typer.Option(None, "--zoom", help="day, week, month, quarter or year (default: the finest that fits)."),
    baseline: bool = typer.Option(False, "--baseline", help="Draw the active baseline (▁) under the bars."),
    today: str = typer.Option(None, "--today", help="Day of the today line (default: today)."),
    svg: Path = typer.Option(None, "--svg", help="Write the chart to this SVG file instead of stdout."),
) -> None:
    """Print the Gantt chart: bars, critical path, slack, deadlines, today and the status date."""
    if zoom is not None and zoom not in gl.ZOOMS:
        raise BadValue(f"--zoom {brief(zoom)}: choose one of {', '.join(gl.ZOOMS)}")
    width = _default_width() if width is None else width
    if width < 1:
        raise BadValue(f"--width {width} must be a positive number of characters")
    day = parse_date(today, what="--today date") if today is not None else date.today()
    first = parse_date(date_from, day, what="--from date") if date_from is not None else None
    last = parse_date(date_to, day, what="--to date") if date_to is not None else None
    if first and last and first > last:
        raise BadValue(f"--from {first} is after --to {last}")
    st = state(ctx)
    read = None
    if baseline:
        # the plan and its active baseline in one transaction, where sqlite3 can read them
        read = st.quick(_quick_reads.plan_and_baseline())
        plan = read[0] if read is not None else None
    else:
        from pmtui.services.plan import quick_plan

        plan = st.quick(quick_plan)
    if plan is None:
        plan = _tasks.get_plan(st.store, st.project().id)
    project = plan.project
    if not plan.tasks:
        typer.echo(f"{project.name}: no tasks yet.")
        return
    if first is None and last is not None and last < plan.schedule.start:
        raise BadValue(f"--to {last} is before the project start {plan.schedule.start}: nothing to draw")
    first = first or plan.schedule.start
    last = last or max(plan.schedule.finish, first)
    saved = None
    if baseline:
        if read is not None:
            saved = read[1]
        else:
            from pmtui.services.baselines import get_baseline

            saved = get_baseline(st.store, project.id)
        if saved is None:
            raise BadValue("--baseline: the project has no active baseline (pmtui baseline save NAME)")
    tw = gl.task_width(width)
    zoom = zoom or gl.choose_zoom(first, last, width - tw - 1)
    lines = chart_lines(plan, width=width, first=first, last=last, today=day, zoom=zoom,
                        critical=critical, baseline=saved)
    # a fine zoom on a long plan is cut at the width: the key said the whole range was drawn
    scale = gl.Timescale(zoom)
    drawn = scale.date_at(scale.col(first) + min(width - tw - 1, gl.scale_width(scale, first, last))) - timedelta(days=1)
    key = legend(zoom, first, last, width, drawn)
    if svg is not None:
        console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", highlight=False)
        print_chart(console, lines, key)
        write_output(svg, console.export_svg(title=f"{project.name}: Gantt"))
        typer.echo(f"wrote {svg}")
        return
    print_chart(Console(width=width, highlight=False, soft_wrap=False), lines, key)


def print_chart(console: Console, lines: list[Text], key: Text) -> None:
    """The chart's lines, each cropped at the console's width, then the key. One print of all
    the lines: a print per line asked the terminal its size and rendered anew each time, half
    of `pmtui gantt` on 2,000 tasks; the bytes written are the same."""
    chart = Text("\n").join(lines)
    console.print(_Fitted(chart) if fits(lines, console.width) else chart, no_wrap=True, overflow="crop")
    console.print(key)


def fits(lines: list[Text], width: int) -> bool:
    """Whether every line is one line within ``width`` cells as it is (no tab to expand)."""
    return all(len(line) <= width and "\n" not in line.plain and "\t" not in line.plain
               and cell_len(line.plain) <= width for line in lines)


class _Fitted:
    """Lines that fit the width as they are (see ``fits``), printed without Text.wrap, which
    split, copied and measured the whole chart again to crop nothing (a third of the drawing of
    2,000 rows). Rich would make the same segments of them: wrap's lines, joined again."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console, options):
        return self.text.render(console, end="\n")


def register(app: typer.Typer) -> None:
    app.command("gantt", epilog="Example: pmtui gantt --width 120 --from 2027-01-01 --to 2027-03-31 --critical")(gantt)
