"""Long CLI tables are written in one pass (pmtui.cli.table_render), with the very bytes Rich's
Table writes: on a terminal in colour, in a pipe, cut or whole, with any text a name can hold."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings, strategies as st
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from pmtui.cli.table_render import PinnedTable
from tests.foundation.helpers import cli

# Names as PMs type them, and what Rich treats apart: wide and combining characters, an emoji code
# (':warning:' is drawn as an emoji), tabs, line breaks, control characters, spaces at the ends.
PLAIN = st.sampled_from(["Phase", "Task 12", "Ann Other", "2026-12-04", "", " ", "  lead", "tail  ", "[x]", "[bold]b[/]",
                         "100%", "◆", "Ωmega", "✓ done", "a" * 30])
ODD = st.sampled_from(["日本語", "e\u0301", ":warning:", "a:b", "x\ty", "two\nlines", "bell\x07", "\u200b"])
WORDS = st.one_of(PLAIN, PLAIN, PLAIN, ODD)
STYLES = st.sampled_from(["", "bold", "red", "dim", "bold red", "underline"])


@st.composite
def cells(draw):
    text = " ".join(draw(st.lists(WORDS, min_size=0, max_size=3)))
    kind = draw(st.sampled_from(["str", "text", "spans"]))
    if kind == "str":
        return text
    if kind == "text":
        return Text(text, draw(STYLES))
    parts = draw(st.lists(st.tuples(WORDS, STYLES), min_size=1, max_size=3))
    return Text.assemble(*parts)


@st.composite
def tables(draw):
    ncols = draw(st.integers(1, 5))
    columns = []
    for i in range(ncols):
        columns.append(Column(draw(cells()), width=draw(st.sampled_from([*range(3, 15), 0, 1, 2])),
                              no_wrap=draw(st.sampled_from([True, True, False])),
                              overflow=draw(st.sampled_from(["ellipsis", "crop", "fold"])),
                              justify=draw(st.sampled_from(["left", "left", "left", "right", "center"])),
                              highlight=draw(st.sampled_from([False, False, True]))))
    table = Table(*columns, box=None, pad_edge=draw(st.booleans()), show_edge=draw(st.booleans()),
                  show_header=draw(st.booleans()), padding=draw(st.sampled_from([(0, 1), (0, 1, 0, 0), (0, 2), 0])),
                  header_style=draw(st.sampled_from([None, "bold", "red"])))
    for _ in range(draw(st.integers(0, 6))):
        table.add_row(*[draw(cells()) for _ in range(ncols)],
                      style=draw(st.sampled_from([None, None, "bold", "on blue"])))
    return table


def written(renderable, width: int, color: bool, markup: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, markup=markup, highlight=False, soft_wrap=False,
                      force_terminal=color, color_system="truecolor" if color else None)
    console.print(renderable)
    return buf.getvalue()


@settings(max_examples=300, deadline=None)
@given(table=tables(), width=st.sampled_from([80, 120, 160, 40, 12]), color=st.booleans(),
       markup=st.sampled_from([False, False, True]))
def test_a_table_is_written_byte_for_byte_as_rich_writes_it(table, width, color, markup):
    assert written(PinnedTable(table), width, color, markup) == written(table, width, color, markup)


@pytest.mark.parametrize("columns", [None, 80])
def test_task_list_is_written_without_rich_laying_out_its_table(tmp_path, monkeypatch, columns):
    # Rich's layout of each cell was 3 s of a 2,000-task `pmtui task list`, in a pipe (None) as
    # on a terminal
    from typer.testing import CliRunner, _NamedTextIOWrapper

    from pmtui.cli import app

    db = tmp_path / "demo.db"
    assert cli(db, "demo").exit_code == 0
    if columns:
        monkeypatch.setattr(_NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    laid_out = []
    render = Table._render
    monkeypatch.setattr(Table, "_render", lambda self, *a: laid_out.append(self) or render(self, *a))
    r = CliRunner(env={"COLUMNS": str(columns or 160), "TERM": "xterm-256color"}).invoke(
        app, ["--db", str(db), "task", "list"], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    assert laid_out == []
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in r.stdout.splitlines()]
    assert lines[1].split()[:3] == ["WBS", "Name", "Dur"]
    assert [line.split()[0] for line in lines[2:66]] == [line.split()[0] for line in lines[2:66] if line[0].isdigit()]
    assert lines[66].startswith("Left out at 80 columns: Predecessors" if columns else "Finish ")


@pytest.mark.parametrize("columns", [None, 80])
def test_names_with_an_emoji_code_are_printed_as_typed(tmp_path, monkeypatch, columns):
    # Rich draws ':warning:' as an emoji even with markup off: a risk titled ':warning: vendors'
    # was listed as '⚠ vendors', in a pipe and on a terminal
    from typer.testing import CliRunner, _NamedTextIOWrapper

    from pmtui.cli import app

    db = tmp_path / "demo.db"
    assert cli(db, "demo").exit_code == 0
    assert ":smile: party" in cli(db, "task", "add", ":smile: party").stdout
    added = cli(db, "risk", "add", ":warning: vendors", "--probability", "3", "--impact", "3")
    assert ":warning: vendors" in added.stdout
    if columns:
        monkeypatch.setattr(_NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    runner = CliRunner(env={"COLUMNS": str(columns or 160), "TERM": "dumb"})
    for args, name in ((["task", "list"], ":smile: party"), (["risk", "list"], ":warning: vendors")):
        r = runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)
        assert r.exit_code == 0, r.stderr
        assert name in r.stdout and "⚠ vendors" not in r.stdout and "😄" not in r.stdout
