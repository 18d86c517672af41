"""The CLI's tables on a terminal of 80 and 120 columns, as a PM reads them over SSH: one line a
row, the WBS code, dates and figures whole, names cut with an ellipsis rather than wrapped."""

from __future__ import annotations

import json
import re

import pytest

from tests.foundation.helpers import cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("tables") / "demo.db"
    assert cli(db, "demo").exit_code == 0
    return db


def on_terminal(monkeypatch, db, columns: int, *args: str) -> list[str]:
    """What the command shows on a terminal of that width (its headings are bold there)."""
    from typer.testing import CliRunner, _NamedTextIOWrapper

    from pmtui.cli import app

    monkeypatch.setattr(_NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    r = CliRunner(env={"COLUMNS": str(columns), "LINES": "24", "TERM": "xterm-256color"}).invoke(
        app, ["--db", str(db), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    lines = ANSI.sub("", r.stdout).splitlines()
    assert all(len(line) <= columns for line in lines), [line for line in lines if len(line) > columns]
    return lines


def data(db, *args: str):
    r = cli(db, *args, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def rows_of(lines: list[str], wbs: list[str]) -> dict[str, str]:
    """The table's rows by WBS code; every line between the heading and the first line after
    the last row must be a row of its own (a wrapped name or date made a line of its own)."""
    head = next(i for i, line in enumerate(lines) if line.startswith("WBS"))
    body = lines[head + 1: head + 1 + len(wbs)]
    assert [line.split()[0] for line in body] == wbs
    after = lines[head + 1 + len(wbs):]
    assert not after or not after[0].startswith(" "), after[:2]  # no continuation line after the last row
    return {line.split()[0]: line for line in body}


def has(line: str, *values: str) -> bool:
    tokens = [t.lstrip("!") for t in line.split()]
    return all(v in tokens for v in values)


def money(v: float) -> str:
    return f"{round(v):,}"


def index(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def name_cell(lines: list[str], line: str, name: str) -> None:
    """The name is whole, or cut with an ellipsis after a good part of it; it spans the heading
    above it ('Name' or 'Task') up to the next heading."""
    head = next(h for h in lines if h.startswith("WBS"))
    start = re.search(r" (Name|Task) ", head).start() + 1
    end = start + re.search(r" \S", head[start:]).start() + 1
    cell = line[start:end].strip()
    if cell.endswith("…"):
        assert name.startswith(cell[:-1].rstrip()) and len(cell) >= 8, (cell, name)
    else:
        assert cell.removesuffix(" ◆") == name, (cell, name)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_task_list_and_schedule_show_each_task_on_one_line(demo, monkeypatch, columns):
    # at 80 columns a task took three or four lines ("Solution / architec… / & / integrat…") and
    # every finish was cut to "2026-11-…"
    tasks = data(demo, "task", "list")
    wbs = [t["wbs"] for t in tasks]
    lines = on_terminal(monkeypatch, demo, columns, "task", "list")
    rows = rows_of(lines, wbs)
    for t in tasks:
        line = rows[t["wbs"]]
        assert has(line, t["start"], t["finish"], str(t["total_float"])), line
        name_cell(lines, line, t["name"])
    sched = {t["wbs"]: t for t in data(demo, "schedule")["tasks"]}
    lines = on_terminal(monkeypatch, demo, columns, "schedule")
    for w, line in rows_of(lines, wbs).items():
        s = sched[w]
        assert has(line, s["start"], s["finish"], f"{s['total_float']}d"), line
        name_cell(lines, line, s["name"])


@pytest.mark.parametrize("columns", [80, 120])
def test_evm_variance_and_cost_tables_keep_every_figure_they_show_whole(demo, monkeypatch, columns):
    ev = data(demo, "evm")["tasks"]
    wbs = [t["wbs"] for t in ev]
    lines = on_terminal(monkeypatch, demo, columns, "evm")
    rows = rows_of(lines, wbs)
    for t in ev:
        shown = [money(t[k]) for k in ("bac", "pv", "ev", "ac", "eac")] + [index(t["spi"]), index(t["cpi"])]
        assert has(rows[t["wbs"]], *shown), rows[t["wbs"]]
        name_cell(lines, rows[t["wbs"]], t["name"])
    # what a narrow terminal leaves out is named, and a wider one has room for it
    left_out = [line for line in lines if line.startswith("Left out")]
    if columns == 80:
        assert left_out == ["Left out at 80 columns: SV, CV (`| less -S` shows every column)"]
    else:
        assert left_out == [] and "SV" in lines[0].split() and "CV" in lines[0].split()

    var = data(demo, "variance")["tasks"]
    lines = on_terminal(monkeypatch, demo, columns, "variance")
    rows = rows_of(lines, wbs)
    for t in var:
        line = rows[t["wbs"]]
        assert has(line, t["base_finish"], t["finish"], f"{round(t['cost_var']):+,}"), line
        # at 80 columns the start variance gives way first; the finish's and the cost's stay
        assert len(re.findall(r"\d{4}-\d\d-\d\d", line)) == (2 if columns == 80 else 4), line
        name_cell(lines, line, t["name"])

    costs = data(demo, "cost", "list")["tasks"]
    lines = on_terminal(monkeypatch, demo, columns, "cost", "list")
    rows = rows_of(lines, wbs)
    for t in costs:
        line = rows[t["wbs"]]
        assert has(line, *(money(t[k]) for k in ("budget", "remaining", "forecast"))), line
        name_cell(lines, line, t["name"])


def test_risk_list_at_80_columns_keeps_title_owner_and_review_date_on_one_line(demo, monkeypatch):
    risks = data(demo, "risk", "list")
    lines = on_terminal(monkeypatch, demo, 80, "risk", "list")
    head = next(i for i, line in enumerate(lines) if line.startswith("ID"))
    body = lines[head + 1: head + 1 + len(risks)]
    assert [line.split()[0] for line in body] == [r["code"] for r in risks]
    for r, line in zip(risks, body):
        assert r["owner"] in line and (r["review_date"] or "") in line, line
    assert lines[head + 1 + len(risks)].startswith("Left out at 80 columns: ")


def test_a_pipe_still_gets_every_column_whole(demo):
    # a script reads the piped output: no column is left out, no name cut, whatever COLUMNS says
    from typer.testing import CliRunner

    from pmtui.cli import app

    out = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["--db", str(demo), "variance"]).stdout
    assert "…" not in out and "Left out" not in out
    assert out.splitlines()[0].split()[:5] == ["WBS", "Task", "BL", "start", "Start"]
    names = {t["wbs"]: t["name"] for t in data(demo, "task", "list")}
    assert all(f"  {names[line.split()[0]]}  " in line for line in out.splitlines()[1:len(names) + 1])


def test_history_at_80_columns_wraps_what_changed_but_never_the_action(demo, monkeypatch):
    lines = on_terminal(monkeypatch, demo, 80, "history")
    first = lines[1]
    # the entry's id first (what `pmtui why finish --entry` takes), then when
    assert re.match(r" *1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Create demo project ", first), first
    # the sentence is read whole: wrapped below its column, not cut
    said = " ".join(line[first.index("Create demo project") + len("Create demo project "):].strip()
                    for line in lines[1:])
    assert "created demo project 'CRM migration': 64 tasks, 9 resources" in said and "…" not in said


def test_a_long_line_breaks_between_fields_never_inside_a_figure():
    from rich.text import Text

    from pmtui.cli.context import wrap_line

    def wrapped(line: str, width: int = 80) -> list[str]:
        return [t.plain for t in wrap_line(Text(line), width)]

    # 'CPI' ended one line and '1.00' began the next, at column 0
    assert wrapped("  finish 2027-03-01 (+0d vs baseline 2027-03-01); 36% complete; SPI 0.98, CPI 1.00, "
                   "EAC 399,255 of BAC 399,255 EUR") == [
        "  finish 2027-03-01 (+0d vs baseline 2027-03-01); 36% complete;",
        "    SPI 0.98, CPI 1.00, EAC 399,255 of BAC 399,255 EUR"]
    # a stand-up agenda's date was 'finishes Wed 09' with 'Dec' below it
    assert wrapped("  4.2      Test cases & test data preparation  in progress, 70%, finishes Wed 09 Dec") == [
        "  4.2      Test cases & test data preparation", "    in progress, 70%, finishes Wed 09 Dec"]
    assert wrapped("BAC 399,255  PV 199,395  EV 196,122  AC 196,122  SV -3,273  CV 0  SPI 0.98  CPI 1.00") == [
        "BAC 399,255  PV 199,395  EV 196,122  AC 196,122  SV -3,273  CV 0  SPI 0.98", "CPI 1.00"]
    # prose breaks between words, a word longer than the line where the line ends
    assert wrapped("word " * 20, 40) == ["word " * 7 + "word"] * 2 + ["word word word word "]
    assert wrapped("x" * 50, 40) == ["x" * 40, "x" * 10]
    assert wrapped("short") == ["short"]


def test_status_and_the_agenda_at_80_columns_keep_every_figure_with_its_label(demo, monkeypatch):
    piped = cli(demo, "status").stdout + cli(demo, "standup", "agenda").stdout
    shown = "\n".join(on_terminal(monkeypatch, demo, 80, "status") + on_terminal(monkeypatch, demo, 80, "standup", "agenda"))
    pairs = set(re.findall(r"(?:SPI|CPI|EAC|BAC|VAC) [\d,.]+|\w{3} \d\d \w{3}|\d+% complete", piped))
    assert len(pairs) > 5
    for pair in pairs:
        assert shown.count(pair) == piped.count(pair), pair


def test_fitting_a_table_works_out_its_padding_as_rich_does():
    # the gaps are worked out, not measured (measuring a 2,000-task table took as long as printing it)
    from rich import box
    from rich.measure import Measurement
    from rich.table import Table

    from pmtui.cli.context import _WIDE, _gaps, _natural

    for kw in (dict(box=None, pad_edge=False), dict(box=None), dict(box=None, padding=(0, 1, 0, 0)),
               dict(show_lines=True), dict(box=box.SIMPLE, show_edge=False), dict(box=None, show_header=False),
               dict(box=None, collapse_padding=True, padding=(0, 2))):
        t = Table("a", "bb", "ccc", **kw)
        t.add_row("x" * 5, "y" * 7, "z")
        assert _gaps(t) == Measurement.get(_WIDE, _WIDE.options, t).maximum - sum(_natural(t)), kw
