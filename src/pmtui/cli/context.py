"""What every command shares: the open store, the chosen project, the console, value parsers."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

from pmtui.cli.table_render import PinnedTable
from pmtui.models.errors import NotFound, StoreError
from pmtui.models.wording import cut_path

if TYPE_CHECKING:  # SQLAlchemy and SQLModel come with them: a command reading a plan does without
    from pmtui.models.tables import Project
    from pmtui.services.plan import Plan
    from pmtui.store import Store
    from pmtui.store.quick import QuickReader

T = TypeVar("T")


@dataclass
class Col(Column):
    """A column of a CLI table, saying what may give way when a terminal is too narrow for it.

    A column without a share is kept whole: a WBS code, a date or a figure cut or wrapped is a
    wrong one. A column with a share (a name) takes that share of the room the whole ones leave,
    down to ``least`` characters, cut with an ellipsis (or wrapped over lines with ``wrap``, for
    prose read as a whole). Columns with a ``drop`` rank are left out, lowest rank first (every
    column of that rank together), when the rest cannot fit otherwise; a note names them.
    A pipe gets every column whole, whatever the hints.
    """

    share: int = 0
    least: int = 8
    drop: int = 0
    wrap: bool = False


_WIDE = Console(width=1_000_000, markup=False, highlight=False, emoji=False)  # measures: no cell is capped


def _natural(table: Table) -> list[int]:
    """Each column's width with no cell cut: its longest cell (or heading)."""
    options = _WIDE.options  # made anew at each read: once per cell was half of a 2,000-task list

    def width(cell) -> int:
        # One line of printable text is as wide as its characters: what Rich's measure comes to
        # (a ':' may start an emoji code, which Rich replaces)
        if type(cell) is str:
            if cell.isprintable() and ":" not in cell:
                return cell_len(cell)
        elif type(cell) is Text and cell.plain.isprintable():
            return cell_len(cell.plain)
        return Measurement.get(_WIDE, options, cell).maximum

    return [max([width(c.header) if table.show_header else 0, *map(width, c._cells)])
            for c in table.columns]


def _gaps(table: Table) -> int:
    """The width of the table's padding and borders, as Rich adds them to the columns' (worked
    out, not measured: measuring a table of 2,000 tasks took as long as printing it)."""
    if table.collapse_padding:
        return Measurement.get(_WIDE, _WIDE.options, table).maximum - sum(_natural(table))
    _, right, _, left = table.padding
    last = len(table.columns) - 1
    total = 0
    for i in range(last + 1):
        pad_left, pad_right = left, right
        if not table.pad_edge:
            pad_left = 0 if i == 0 else pad_left
            pad_right = 0 if i == last else pad_right
        total += pad_left + pad_right
    if table.box:
        total += last + (2 if table.show_edge else 0)
    return total


def _widths(table: Table, natural: list[int], width: int, squeeze: bool = False) -> list[int] | None:
    """Each column's width for the table to fit ``width``, or None when the whole columns and the
    shortest the others may be (with ``squeeze``, a few characters) do not fit."""
    gaps = _gaps(table)
    if sum(natural) + gaps <= width:
        return natural
    room = width - gaps - sum(n for n, c in zip(natural, table.columns) if not getattr(c, "share", 0))
    flex = {i for i, c in enumerate(table.columns) if getattr(c, "share", 0)}
    least = {i: min(natural[i], 6 if squeeze else table.columns[i].least) for i in flex}
    if room < sum(least.values()):
        return None
    widths = list(natural)
    # shared by the columns' shares, none wider than its longest cell nor narrower than its least
    active = set(flex)
    while active:
        total = sum(table.columns[i].share for i in active)
        part = {i: room * table.columns[i].share / total for i in active}
        settled = {i: natural[i] for i in active if part[i] >= natural[i]} or \
                  {i: least[i] for i in active if part[i] < least[i]}
        if not settled:
            floors = {i: int(part[i]) for i in active}
            spare = room - sum(floors.values())
            for i in sorted(active, key=lambda i: part[i] - floors[i], reverse=True)[:spare]:
                floors[i] += 1
            settled = floors
        for i, w in settled.items():
            widths[i] = w
            room -= w
            active.discard(i)
    return widths


def fit(table: Table, width: int) -> tuple[Table, list[str]]:
    """The table as it fits ``width`` columns of a terminal, and the headings left out for it.

    At 80 columns Rich wrapped every column word by word: a task name took four lines, a date
    became '2026-…' and the figures of one row could no longer be read across."""
    left_out: list[str] = []
    natural = _natural(table)
    if sum(natural) + _gaps(table) > width and table.box is None:
        # one space between columns, as a spreadsheet's: two cost a 9-column list 8 characters
        table = copy.copy(table)
        table.padding = (0, 1, 0, 0)
    while (widths := _widths(table, natural, width)) is None:
        ranks = [c.drop for c in table.columns if getattr(c, "drop", 0)]
        if not ranks:
            # the names as short as it takes; narrower than the figures alone, Rich's own wrapping
            widths = _widths(table, natural, width, squeeze=True)
            if widths is None:
                return table, left_out
            break
        rank = min(ranks)
        left_out += [str(c.header) for c in table.columns if getattr(c, "drop", 0) == rank]
        kept = [(c, n) for c, n in zip(table.columns, natural) if getattr(c, "drop", 0) != rank]
        table = copy.copy(table)
        table.columns = [replace(c, _index=i) for i, (c, _n) in enumerate(kept)]
        natural = [n for _c, n in kept]
    fitted = copy.copy(table)
    fitted.columns = []
    for i, (c, w) in enumerate(zip(table.columns, widths)):
        fitted.columns.append(replace(c, _index=i, width=w if _pinnable(c) else c.width,
                                      no_wrap=not getattr(c, "wrap", False), overflow="ellipsis"))
    return fitted, left_out


def _pinnable(column: Column) -> bool:
    """A column Rich may be given its width: one with no bounds or ratio of its own. Given it,
    Rich measures none of its cells again (measured: a 2,000-task `task list` spent half its
    time measuring each cell twice, once here and once in Rich)."""
    return column.min_width is None and column.max_width is None and column.ratio is None


def natural_table(table: Table) -> tuple[Table, int]:
    """The table with each column as wide as its longest cell, for a pipe, and its width."""
    natural = [n if c.width is None else c.width for c, n in zip(table.columns, _natural(table))]
    pinned = copy.copy(table)
    pinned.columns = [replace(c, width=n) for c, n in zip(table.columns, natural)]
    return pinned, sum(natural) + _gaps(table)


# Where a line may break, best first: between fields (two spaces, '; '), else between words,
# but never between a figure and its label or unit ('CPI 1.00', 'Wed 09 Dec', '64 tasks') unless
# a comma ends the first. A break between fields is taken unless it leaves the line under half full.
_FIELDS = re.compile(r" {2,}|(?<=;) ")
_FIGURE = re.compile(r"[(\[]?[-+±]?\d")


def _word_breaks(plain: str, start: int, limit: int) -> list[int]:
    found = []
    for m in re.finditer(r"(?<=\S) (?=\S)", plain[:limit + 1]):
        if m.start() <= start:
            continue
        before = plain[:m.start()].rsplit(" ", 1)[-1]
        after = plain[m.end():].split(" ", 1)[0]
        if before.endswith((",", ";", ":")) or not (_FIGURE.match(before) or _FIGURE.match(after)):
            found.append(m.start())
    return found


def wrap_line(line: Text, width: int) -> list[Text]:
    """A line too long for the terminal, broken where it reads best, its continuations indented
    under it. Rich broke at the last space that fitted: 'SPI 0.98, CPI' with '1.00' on the next
    line at column 0, and a stand-up agenda's 'finishes Wed 09' with 'Dec' below it."""
    plain = line.plain
    indent = len(plain) - len(plain.lstrip(" "))
    hang = indent + 2 if indent else 0
    if len(plain) <= width or width - hang < 20:
        return [line]
    lines: list[Text] = []
    start, room = 0, width
    while len(plain) - start > room:
        limit = start + room
        fields = [m for m in _FIELDS.finditer(plain, start, limit + 1) if m.start() > start]
        if fields and fields[-1].start() - start >= room // 2:
            cut, end = fields[-1].start(), fields[-1].end()
        elif words := _word_breaks(plain, start, limit):
            cut = words[-1]
            end = cut + 1
        else:  # no place to break in the line: where it ends
            cut = end = limit
        piece = line[start:cut]
        lines.append(Text(" " * hang) + piece if lines else piece)
        start, room = end, width - hang
    lines.append(Text(" " * hang) + line[start:] if lines else line[start:])
    return lines


class _Out:
    """Rich output to whatever sys.stdout is now; pipes get wide lines instead of wrapped ones,
    a terminal gets tables fitted to its width, one line a row."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        width = None
        if not sys.stdout.isatty():
            try:
                width = int(os.environ.get("COLUMNS", "160"))
            except ValueError:
                width = 160
            # A pipe is read by a script, not a screen: every line as long as it needs to be, so
            # that no column is cut ("2026-10-…" at COLUMNS=80) and no name is wrapped
            wide = Console(highlight=False, width=1_000_000, markup=False, emoji=False)
            measured = []
            for o in objects:
                if isinstance(o, Table) and not o.collapse_padding and all(map(_pinnable, o.columns)):
                    o, w = natural_table(o)
                    o = PinnedTable(o)
                else:
                    w = wide.measure(o).maximum
                measured.append(o)
                width = max(width, w)
            objects = tuple(measured)
        # markup=False: names are printed as typed ("[phase 2]" was dropped, "[/]" raised a
        # MarkupError after the write was saved); styled output is built as rich Text
        console = Console(highlight=False, soft_wrap=False, width=width, markup=False, emoji=False)
        if width is None and len(objects) == 1 and isinstance(objects[0], (str, Text)) and "\n" not in str(objects[0]):
            for piece in wrap_line(Text(objects[0]) if isinstance(objects[0], str) else objects[0], console.width):
                console.print(piece, **kwargs)
            return
        if width is None:
            fitted: list[Any] = []
            for o in objects:
                if isinstance(o, Table):
                    o, left_out = fit(o, console.width)
                    o = PinnedTable(o)
                    if left_out:
                        fitted.append(o)
                        o = Text(f"Left out at {console.width} columns: {', '.join(left_out)} "
                                 f"(`| less -S` shows every column)", "dim")
                fitted.append(o)
            objects = tuple(fitted)
        console.print(*objects, **kwargs)


    def steps(self, lines: Iterable[str], indent: str = "", hang: str = "    ") -> None:
        """Lines that each say one thing (the steps of a why), each begun at ``indent``: on a
        terminal, a line too long for it goes on under itself, ``hang`` further in. Wrapped
        back to the edge, at 80 columns nothing showed where one step of `pmtui why` ended and
        the next began. A pipe gets each whole on its line, as from print."""
        if not sys.stdout.isatty():
            for line in lines:
                self.print(indent + line)
            return
        width = Console().width
        for line in lines:
            # dates and codes stay whole: '2027-01-20' broken at its hyphen read as two things
            self.print("\n".join(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + hang,
                                               break_on_hyphens=False, break_long_words=False)) or indent)


out = _Out()


@dataclass
class State:
    db: str | None = None
    project_name: str | None = None
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from pmtui.store import open_store

            self._store = open_store(self.db)
        return self._store

    def quick(self, read: Callable[[QuickReader], T | None]) -> T | None:
        """What ``read`` reads through sqlite3 (pmtui.store.quick), when the database is one
        open_store would open as it is and no project was named; None otherwise, or when
        ``read`` gives None or SQLite fails: the caller then asks the store, which has the
        messages for anything out of the ordinary. SQLAlchemy, SQLModel and the table models are
        not loaded on this path: they were half of a reading command's start-up."""
        if self._store is not None or self.project_name is not None or (self.db is not None and not self.db.strip()):
            return None
        import sqlite3

        from pmtui.store.quick import quick_reader

        reader = quick_reader(self.db)
        if reader is None:
            return None
        try:
            return read(reader)
        except sqlite3.Error:  # a damaged file, say: the store has the message for it
            return None
        finally:
            reader.close()

    def plan(self) -> Plan:
        """The chosen project's plan, scheduled on first use: read as the app reads its first
        frame (services.plan.quick_plan, the same queries through sqlite3) where ``quick`` can."""
        from pmtui.services.plan import quick_plan

        plan = self.quick(quick_plan)
        if plan is not None:
            return plan
        from pmtui.services.tasks import get_plan

        return get_plan(self.store, self.project().id)

    def project(self) -> Project:
        from pmtui.services.projects import current_project

        try:
            return current_project(self.store, self.project_name)
        except NotFound as exc:
            if self.project_name or self.db_named() is None or self._has_projects():
                raise
            # a typo in --db opened (and made) a new, empty database: "no project yet" sent the
            # user to create one there, with no word of which file was read
            raise NotFound(f"{exc.message} ({self.where()})") from None

    def db_named(self) -> str | None:
        """How the database was named when not the default: '--db' or '$PMTUI_DB'."""
        if self.db is not None:
            return "--db"
        return "$PMTUI_DB" if os.environ.get("PMTUI_DB") else None

    def where(self) -> str:
        return f"in {self.store.label}, from {self.db_named()}: is that the database you meant?"

    def _has_projects(self) -> bool:
        from pmtui.services.projects import list_projects

        return bool(list_projects(self.store))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def can_ask() -> bool:
    """Whether a question can be answered: a script's stdin is not a terminal."""
    stdin = sys.stdin
    return stdin is not None and stdin.isatty()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def done(message: str) -> None:
    out.print(message)


SQLITE_HEADER = b"SQLite format 3\x00"


def _is_database(path: Path) -> bool:
    try:
        if not path.is_file():  # opening a FIFO to read its header waited for a writer: for ever
            return False
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def refuse_database(path: Path) -> None:
    """An export or report written over a database (the open plan, a backup, its -wal or -shm
    file) would lose every project and the undo history in it: refused, whatever the database."""
    target = path
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix):
            target = path.with_name(path.name[: -len(suffix)])
    if _is_database(path) or (target != path and _is_database(target)):
        raise StoreError(f"{cut_path(path)} is {'a file of ' if target != path else ''}a database, not an output file: "
                         f"choose another name (nothing was written)")


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(path, text: str) -> None:
    """Write a file the user asked for, beside the target then renamed, so a reader (or a crash)
    never leaves half a file; an unwritable path is one line, not a traceback."""
    path = Path(path)
    refuse_database(path)
    tmp = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        if path.exists() and not path.is_file():
            # a pipe or a device (/dev/stdout, a FIFO a script reads): the rename put a plain file
            # in its place, and the reader got nothing. Written to as it is; no half file is left
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            return
        # a link is followed: the rename replaced it by a file of its own, and the page it points
        # to (in the web server's folder, say) kept last week's report
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        refuse_database(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent.resolve()))
        # mkstemp's 0600 is for the temporary file only: a report rewritten for a web server or a
        # shared folder went unreadable to everyone else. The file keeps the mode it had; a new one
        # gets the umask's, as 'pmtui report > file' gives
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        # a path pasted twice over is cut, and the reason (File name too long) stays in sight
        raise StoreError(f"cannot write {cut_path(path)}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
