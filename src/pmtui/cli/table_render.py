"""Long CLI tables written in one pass, with the same text and styles as Rich's Table.

Rich lays out and renders every cell of a table through its general machinery (padding,
wrapping, cropping, each a renderable of its own): a 2,000-task `pmtui task list` spent about
3 s there. The CLI's tables are simpler: no borders, each column's width already fixed (by
context.fit on a terminal, context.natural_table in a pipe), one line per cell. For those this
module makes the same segments Rich would, cell by cell, with Rich's own Text methods wherever
a cell is more than plain text that fits; anything else (a border, a title, a cell over two
lines, a column left for Rich to size) is left to Rich's Table, so the output never differs.
"""

from __future__ import annotations

from typing import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_NEW_LINE = Segment.line()
_JOIN = Text("\n")


class PinnedTable:
    """Renders as ``table`` would; in one pass when each of its columns has a width."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        lines = render_rows(self.table, console, options) if simple(self.table) else None
        if lines is None:
            yield from self.table.__rich_console__(console, options)
            return
        yield from lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions):
        return self.table.__rich_measure__(console, options)


def simple(table: Table) -> bool:
    """Whether the table is of the kind render_rows lays out as Rich does."""
    top, _right, bottom, _left = table.padding
    return (table.box is None and not table.title and not table.caption and not table.show_footer
            and table.width is None and table.min_width is None and not table.expand
            and not table.collapse_padding and top == 0 and bottom == 0 and bool(table.columns)
            and all(c.width is not None and not c.highlight for c in table.columns))


def render_rows(table: Table, console: Console, options: ConsoleOptions) -> list[Segment] | None:
    """The table's segments, line by line; None when a cell would not fit on one line (Rich
    wraps it) or the columns are wider than ``options`` allow (Rich narrows them)."""
    max_width = options.max_width
    columns = table.columns
    last = len(columns) - 1
    _top, pad_right, _bottom, pad_left = table.padding
    # Table._calculate_column_widths and _get_cells, for columns of a fixed width and no box
    layout = []
    table_width = 0
    for i, column in enumerate(columns):
        left = 0 if i == 0 and not table.pad_edge else pad_left
        right = 0 if i == last and not table.pad_edge else pad_right
        total = min(column.width + left + right, max_width) or 1
        if total - left - right < 1:
            return None
        layout.append((column, total - left - right, left, right))
        table_width += total
    if table_width > max_width:
        return None
    get_style = console.get_style
    # a str cell is read as markup when the options say so, else when the console does
    markup = options.markup if options.markup is not None else getattr(console, "_markup", True)
    out: list[Segment] = []
    rows: list[tuple[list, object]] = []
    if table.show_header:
        head = get_style(table.header_style or "")
        rows.append(([c.header for c in columns], [head + get_style(c.header_style) for c in columns]))
    body = [get_style(c.style or "") for c in columns]
    cells = [c._cells for c in columns]
    plain_rows = not table.row_styles and all(r.style is None for r in table.rows)
    for index in range(len(table.rows)):
        if plain_rows:
            styles = body
        else:
            row_style = get_style(table.get_row_style(console, index))
            styles = [s + row_style for s in body]
        rows.append(([col[index] for col in cells], styles))
    for row, styles in rows:
        line: list[Segment] = []
        for (column, width, left, right), cell, style in zip(layout, row, styles):
            if left:
                line.append(Segment(" " * left, style))
            if (type(cell) is str and column.justify == "left" and not markup and cell.isprintable()
                    and ":" not in cell and (n := cell_len(cell)) <= width):
                # plain text that fits, as Rich would pad it ("left" justification pads)
                line.append(Segment(cell + " " * (width - n), style or None))
            else:
                segments = _cell(console, options, cell, column, width)
                if segments is None:
                    return None
                if style:
                    segments = [Segment(text, style + s_style, control) for text, s_style, control in segments]
                line.extend(segments)
            if right:
                line.append(Segment(" " * right, style))
        _merge_into(out, line)
        out.append(_NEW_LINE)
    return out


def _cell(console: Console, options: ConsoleOptions, cell, column, width: int) -> list[Segment] | None:
    """One cell's segments as Text.__rich_console__ makes them, or None when not one line."""
    if isinstance(cell, str):
        cell = console.render_str(cell, markup=options.markup, highlight=False)
    elif not isinstance(cell, Text):
        return None
    plain = cell.plain
    if ((cell.justify or column.justify) == "left" and plain.isprintable()
            and (n := cell_len(plain)) <= width):
        # what wrap makes of one line that fits, justified left: the line padded to the width
        line = cell.copy()
        line.pad_right(width - n)
        return list(_JOIN.join([line]).render(console, end=""))
    lines = cell.wrap(console, width,
                      justify=cell.justify or column.justify or "default",
                      overflow=cell.overflow or column.overflow or "fold",
                      tab_size=(console.tab_size if cell.tab_size is None else cell.tab_size) or 8,
                      no_wrap=cell.no_wrap if cell.no_wrap is not None else bool(column.no_wrap))
    if len(lines) != 1:
        return None
    segments = list(_JOIN.join(lines).render(console, end=""))
    if sum(cell_len(s.text) for s in segments) != width:
        return None  # justified other than by padding to the width: Rich pads or crops after
    return segments


def _merge_into(out: list[Segment], line: list[Segment]) -> None:
    """Append the line's segments, runs of unstyled text as one: a segment with no style is
    written as its bare text, so joining them changes no byte of the output."""
    run: list[str] = []
    for segment in line:
        if not segment.style and not segment.control:
            run.append(segment.text)
            continue
        if run:
            out.append(Segment("".join(run)))
            run = []
        out.append(segment)
    if run:
        out.append(Segment("".join(run)))
