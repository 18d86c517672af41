"""CSV: one task per row, for spreadsheets. UTF-8 (with a BOM on export, accepted on import), comma
separated (on import also semicolon or tab separated, as Excel saves it in many countries), first
row the header. Columns are found by their header name (case and spaces do not matter), so they may
come in any order; unknown columns, and columns with no header that hold something, are listed
as ignored. A row with cells past the header's last column is refused (see
_refuse_cells_past_header).

=================  =========  =============================================================
column             required   meaning
=================  =========  =============================================================
WBS                yes        outline code: 1, 1.1, 1.2.3. A row's summary is the row whose
                              WBS is its code without the last part; it must come earlier.
Name               yes        task name
Duration           no         working days: 5d, 2w, 0 (a milestone); default 1d; ignored
                              for summary rows
Predecessors       no         MS Project notation with the WBS codes of this file:
                              ``3FS+2d, 4SS, 5`` (type FS/SS/FF/SF, lag in d or w, - = lead)
Start, Finish      no         written on export (the computed schedule); ignored on import,
                              where dates come from links and constraints
Resources          no         ``Ana Lima, Bob[50%]``; unknown names become new people
                              (a name with a comma, bracket or quote in quotes:
                              ``"Smith, John"[50%]``)
Percent complete   no         0-100, with or without %
Constraint         no         ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO
Constraint date    no         YYYY-MM-DD
Deadline           no         YYYY-MM-DD
Notes              no         free text
=================  =========  =============================================================

Export writes all of these columns; importing that file gives back the same tasks, outline,
durations, links, assignments, progress, constraints, deadlines and notes. What CSV does not
carry (calendar, status date, resource rates, actual dates, estimates, costs) is named on export;
an import with progress says it has no status date and that ``pmtui project status-date`` sets it.
An import into a project (``--into``) keeps the project's calendar, start, status date, currency,
notes and people (their rates, kinds, units and calendars): the file has no place for them.

A CSV saved by MS Project is read too (see _MS_SPAN and the notes at _KEY): a file with an ID
column refers to its rows by ID in Predecessors, takes its outline from Outline Level (else from
WBS; with neither, the rows are one list, and the import says so), and its durations and lags in
MS Project's units ("5 days", "2 wks", "16 hrs"; fractions rounded and said).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from pmtui.interchange.base import ImportFailed, Imported, Rounded, StatusFrom, one_line, read_text, whole_days
from pmtui.interchange.mspdi_writer import summary_percents, summary_spans
from pmtui.models.errors import BadValue
from pmtui.models.parsing import (
    MAX_DAYS,
    format_link,
    is_digits,
    parse_constraint,
    parse_date,
    parse_duration,
    parse_percent,
    parse_predecessors,
    parse_units,
)
from pmtui.models.wording import brief, cut
from pmtui.scheduling import ScheduleResult
from pmtui.services.bulk import AssignmentData, LinkData, Part, PlanData, ResourceData, TaskData

COLUMNS = ["WBS", "Name", "Duration", "Predecessors", "Start", "Finish", "Resources",
           "Percent complete", "Constraint", "Constraint date", "Deadline", "Notes"]
_KEY = {c.lower().replace(" ", "").replace("_", ""): c for c in COLUMNS}
_KEY.update({"%complete": "Percent complete", "percent": "Percent complete", "task": "Name",
             "taskname": "Name", "outline": "WBS", "outlinenumber": "WBS"})
# MS Project's own CSV ("Save As" > CSV, the export wizard). Its task fields carry MS Project's
# names: the default task Export table has "ID", "Name", "Duration", "Start", "Finish",
# "Predecessors", "Outline Level", "% Complete", "Constraint Type", "Constraint Date" … (Microsoft
# KB Q124368, "Task Export Table Fields"), and the wizard's maps head a column with the field's
# name, its spaces as underscores ("Start" as "Start_Date", "Resource Names" as "Resource_Names":
# the "Default task information" map writes ID, Name, Duration, Start_Date, Finish_Date,
# Predecessors, Resource_Names; Syniti's "Export a Project as an Excel File in MS Project" lists
# the same pairs). Values are as MS Project shows them: durations "5 days", "3 days?", "2 wks",
# "16 hrs", "1 mon", elapsed "2 edays"; predecessors by ID, "3FS+2 days, 4SS, 5"; dates
# "Mon 1/4/27" or "January 4, 2027 8:00 AM"; "NA" for no date. Underscores and spaces in a header
# are ignored, so both spellings are read.
_KEY.update({"resourcenames": "Resources", "resource": "Resources", "startdate": "Start", "finishdate": "Finish",
             "constrainttype": "Constraint", "id": "ID", "outlinelevel": "Outline level"})


# A name in quotes, "" for a quote inside, then its units if any: how a name holding a comma,
# a bracket or a quote is written (see _resource_cell)
_QUOTED = re.compile(r'\s*"((?:[^"]|"")*)"\s*(?:\[([^\]]*)\])?\s*(?:,|$)')


def _split_resources(text: str) -> list[tuple[str, float]]:
    out = []
    pos = 0
    while pos < len(text):
        m = _QUOTED.match(text, pos)
        if m:
            out.append((m.group(1).replace('""', '"').strip(), parse_units(m.group(2)) if m.group(2) is not None else 1.0))
            pos = m.end()
            continue
        end = text.find(",", pos)
        end = len(text) if end < 0 else end
        part = text[pos:end].strip()
        pos = end + 1
        if not part:
            continue
        if part.startswith('"'):
            raise BadValue(f"resource {brief(part)}: a name in quotes ends with a quote, and only its "
                           'units may follow, as in "Smith, John"[50%]')
        if part.endswith("]") and "[" in part:
            name, units = part[:-1].rsplit("[", 1)
            out.append((name.strip(), parse_units(units)))
        else:
            out.append((part, 1.0))
    return out


def _resource_cell(name: str, units: float) -> str:
    """One person in the Resources cell. A name holding a comma ("Smith, John") was read back as
    two people, and one ending in brackets ("Zoë [ext]") as units 'ext', which refused the whole
    file: such a name is written in quotes, as MS Project's own lists cannot carry it."""
    if any(c in name for c in ',[]"'):
        name = '"' + name.replace('"', '""') + '"'
    return name if abs(units - 1) < 1e-9 else f"{name}[{units * 100:g}%]"


# A date as a spreadsheet saves it in the user's locale: 04.01.2027, 04/01/2027, 1/4/27, 4-1-2027
_LOCAL_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
_DATE_COLUMNS = ("Start", "Finish", "Constraint date", "Deadline")


# MS Project's date cells: "Mon 1/4/27", "Mon 04.01.27", "January 4, 2027 8:00 AM", "1/4/27 08:00"
_WEEKDAY_PREFIX = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*([ap]\.?m\.?)?$", re.I)
_WEEKDAY_NUMBER = {name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


def _date_parts(text: str) -> tuple[int | None, str]:
    """(the weekday it names, 0 = Monday, or None; the date without weekday and time)."""
    text = text.strip()
    m = _WEEKDAY_PREFIX.match(text)
    weekday = _WEEKDAY_NUMBER[m.group(1).lower()] if m else None
    return weekday, _TIME_SUFFIX.sub("", text[m.end():] if m else text)


def _both_ways(a: int, b: int, year: str) -> tuple[date | None, date | None]:
    """(a/b read day first, month first); None for a reading that is no date."""
    y = int(year) + (2000 if len(year) == 2 else 0)
    out = []
    for day, month in ((a, b), (b, a)):
        try:
            out.append(date(y, month, day))
        except ValueError:
            out.append(None)
    return out[0], out[1]


def _day_first(path: Path, rows: list[tuple[int, list[str]]], cols: dict[str, int]) -> bool | None:
    """Whether the file's 04/01/2027 is 4 January (True) or April 1st (False), from its other
    dates: Excel saves every date of a file in one order, and a day above 12 shows which, as does
    the weekday MS Project writes before a date ("Mon 04/01/27" is a Monday only on 4 January
    2027). None when no date tells (each is then read as itself, and refused if it could be
    either)."""
    seen: dict[bool, tuple[int, str]] = {}
    for line, row in rows:
        for col in _DATE_COLUMNS:
            i = cols.get(col)
            weekday, text = _date_parts(row[i]) if i is not None and i < len(row) else (None, "")
            m = _LOCAL_DATE.fullmatch(text)
            if m is None or m.group(2) == ".":
                continue
            a, b = int(m.group(1)), int(m.group(3))
            if a > 12 >= b:
                seen.setdefault(True, (line, m.group(0)))
            elif b > 12 >= a:
                seen.setdefault(False, (line, m.group(0)))
            elif weekday is not None and a != b:
                first, second = _both_ways(a, b, m.group(4))
                fits = [d is not None and d.weekday() == weekday for d in (first, second)]
                if fits[0] != fits[1]:
                    seen.setdefault(fits[0], (line, row[i].strip()))
    if len(seen) == 2:
        (dl, dtext), (ml, mtext) = seen[True], seen[False]
        raise ImportFailed(f"{path.name}: its dates are in two orders: {dtext} (line {dl}) is day first, "
                           f"{mtext} (line {ml}) month first; write them as YYYY-MM-DD")
    return next(iter(seen), None)


def _file_date(text: str, day_first: bool | None):
    """A date cell. dateutil, which parse_date asks, reads 04.01.2027 as April 1st: the German,
    Austrian or Swiss Excel that saved it means 4 January, and a deadline moved three months
    without a word. Dots are day first everywhere; slashes and dashes as the file's other dates
    say, and refused when none says and the date could be either."""
    weekday, text = _date_parts(text)
    m = _LOCAL_DATE.fullmatch(text)
    if m is None:
        return parse_date(text)
    a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
    readings = _both_ways(a, b, year)
    fits = [d is not None and d.weekday() == weekday for d in readings] if weekday is not None else [False, False]
    if sep == "." or day_first is not None:
        first = day_first if sep != "." else True
    elif a > 12 or b > 12 or a == b:
        first = a > 12
    elif fits[0] != fits[1]:
        first = fits[0]
    else:
        raise BadValue(f"date {brief(text)} could be {a} {_MONTHS[b]} or {b} {_MONTHS[a]}, and no other date of "
                       "the file tells which: write it as YYYY-MM-DD")
    day, month = (a, b) if first else (b, a)
    try:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        raise BadValue(f"date {brief(text)} does not exist: use YYYY-MM-DD") from None


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


# What makes Excel, LibreOffice and Google Sheets take a cell for a formula (OWASP, "CSV Injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    """A cell written so that a spreadsheet shows it as text: a note '- call the vendor' opened as
    #NAME? (and was saved back so), '=HYPERLINK(…)' in a task name ran. The leading ' is Excel's
    mark for text; one is added before any run of them, so that _from_text gives the cell back."""
    return "'" + cell if cell.lstrip("'").startswith(_FORMULA_START) else cell


def _from_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].lstrip("'").startswith(_FORMULA_START) else cell


def _lines_text(lines: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    return f"line{'s' if len(lines) > 1 else ''} {shown}" + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def _refuse_cells_past_header(path: Path, rows: list[tuple[int, list[str]]], width: int) -> None:
    """A row with more cells than the header: the cells past it belong to no column and were
    dropped without a word. More often than a stray column, they are a comma not put in quotes
    ("Design, build"), which also moves every cell after it into the wrong column: which cells
    are the extra ones cannot be told, so the file is refused, naming the rows. Empty cells past
    the header (a trailing comma) hold nothing to lose."""
    long = [(line, row) for line, row in rows if any(c.strip() for c in row[width:])]
    if not long:
        return
    first_line, first = long[0]
    extra = next(c.strip() for c in first[width:] if c.strip())
    raise ImportFailed(
        f"{path.name} {_lines_text([line for line, _row in long])}: more fields than the header's {width} "
        f"(line {first_line} has {len(first)}, with {brief(one_line(extra)[:40])} past the header); nothing was "
        "imported, as those cells belong to no column: give their column a header, or put quotes around "
        "a cell that holds a comma")


def _warn_unnamed_columns(imp: Imported, rows: list[tuple[int, list[str]]], unnamed: list[int]) -> None:
    """A column with an empty header is ignored; one that holds something is said, with its rows,
    like a column whose header pmtui does not read: a spreadsheet's stray column lost its data
    without a word."""
    for i in unnamed:
        lines = [line for line, row in rows if i < len(row) and row[i].strip()]
        if lines:
            imp.ignored["unknown columns"] += 1
            imp.warnings.append(f"column {i + 1} has no header: its cells on {_lines_text(lines)} ignored")


def _excel_code(code: str, by_code: dict, last_child: dict[str, int], rebuilt: dict, line: int) -> str:
    """The WBS code of a row, with one that Excel cut short put back. Excel takes a cell of a
    two-part code for a number, and saves 1.10 as 1.1, 1.20 as 1.2, 1.100 as 1.1, so that a
    plan exported by pmtui, opened in Excel and saved was refused ("WBS 1.1 appears twice").
    Rows come in outline order, numbered 1, 2, 3 … under each summary: a code that repeats one
    already read is rebuilt when adding the zeros Excel drops makes it the next number under its
    summary (after 1.9, a second "1.1" is 1.10), and only then; else it is refused, saying what
    Excel does and how to keep the codes. A code read once is taken as it is, in any order."""
    if code not in by_code:
        return code
    head, dot, tail = code.rpartition(".")
    last = last_child.get(head, 0)
    if dot and "." not in head:
        for zeros in ("0", "00", "000"):
            fixed = f"{head}.{tail}{zeros}"
            if int(tail + zeros) == last + 1 and fixed not in by_code:
                rebuilt[fixed] = (code, line)
                return fixed
    excel = (f"; if the file was saved by Excel, it turned a code such as {head}.{tail}0 into {code}: "
             "export from pmtui again and format the WBS column as Text in Excel before saving, or type "
             "the codes back") if dot and "." not in head else ""
    raise BadValue(f"WBS {code} appears twice{excel}")


def _na(cell: str) -> str:
    """MS Project writes "NA" for a date or value it has none of."""
    return "" if cell.upper() == "NA" else cell


def _column(header: str) -> str | None:
    return _KEY.get(header.strip().lower().replace(" ", "").replace("_", ""))


# MS Project's duration and lag units (its abbreviations and words, an "e" before one for
# elapsed time) in working days of 8 hours, 5 days a week and 20 days a month (its defaults);
# elapsed time runs round the clock, 7 days a week
_MS_SPAN = re.compile(r"^\s*([+-]?)\s*(\d+(?:\.\d+)?)\s*(e?)(minutes|minute|mins|min|months|month|mons|mon|mo|m|"
                      r"hours|hour|hrs|hr|h|days|day|dys|dy|d|weeks|week|wks|wk|w)?\s*(\?)?\s*$", re.I)
_MS_UNIT = {"m": 1 / 480, "h": 1 / 8, "d": 1.0, "w": 5.0, "mo": 20.0}
_MS_ELAPSED = {"m": 1 / 1440, "h": 1 / 24, "d": 1.0, "w": 7.0, "mo": 30.0}


def _ms_unit(word: str) -> str:
    word = word.lower()
    if word.startswith("mo"):
        return "mo"
    return word[0]


def _ms_days(text: str, what: str, imp: Imported, who: str, rounded: Rounded, *, lag: bool = False) -> int:
    """A duration or lag as MS Project writes it ("5 days", "3 days?", "2 wks", "-1 day",
    "16 hrs", "2 edays") in whole working days; a fraction is rounded and said (as MS Project
    XML's are), an elapsed span converted at 5 working days in 7 and counted as ignored."""
    m = _MS_SPAN.match(text)
    if m is None:
        if text.strip().endswith("%"):
            raise BadValue(f"{what} {brief(text.strip())} is in percent of the predecessor's duration, which pmtui "
                           "cannot read: give it in days (3FS+2 days)")
        raise BadValue(f"{what} {brief(text.strip())} is not understood: use MS Project's form (5 days, 2 wks, "
                       "16 hrs, 1 mon) or pmtui's (5d, 2w)")
    sign, number, elapsed, unit, _estimated = m.groups()
    value = float(number) * (-1 if sign == "-" else 1)
    if elapsed:
        value *= _MS_ELAPSED[_ms_unit(unit or "d")] * 5 / 7
        imp.ignored["elapsed durations and lags (converted to working days)"] += 1
    else:
        value *= _MS_UNIT[_ms_unit(unit or "d")]
    days = whole_days(value, who, rounded, keep_positive=not lag)
    if abs(days) > MAX_DAYS:
        raise BadValue(f"{what} {brief(text.strip())} is too long: at most {MAX_DAYS} working days")
    return days


_MS_LINK = re.compile(r"^\s*(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-].*))?$", re.I)
_MS_CONSTRAINTS = {"as soon as possible": "ASAP", "as late as possible": "ALAP", "must start on": "MSO",
                   "must finish on": "MFO", "start no earlier than": "SNET", "start no later than": "SNLT",
                   "finish no earlier than": "FNET", "finish no later than": "FNLT"}


def _ms_links(text: str, imp: Imported, who: str, rounded: Rounded) -> list[tuple[int, str, int]]:
    """MS Project's Predecessors cell: IDs with a type and a lag, "3FS+2 days, 4SS, 5", its
    list separator a comma or (where the decimal mark is a comma) a semicolon. A link to another
    project ("C:\\plans\\infra.mpp\\12") has no task here: counted as ignored."""
    out = []
    for part in (p.strip() for p in re.split(r"[,;]", text) if p.strip()):
        if "\\" in part or "/" in part:
            imp.ignored["links to other projects"] += 1
            continue
        m = _MS_LINK.match(part)
        if m is None:
            raise BadValue(f"predecessor {brief(part)} is not understood: MS Project writes an ID with a type and "
                           "a lag, e.g. 3FS+2 days, 4SS or 5")
        lag = _ms_days(m.group(3), f"predecessor {brief(part)}: its lag", imp, f"{who} lag", rounded,
                       lag=True) if m.group(3) else 0
        out.append((int(m.group(1)), (m.group(2) or "FS").upper(), lag))
    return out


def _delimiter(raw: str) -> str:
    """The separator of the file's cells: a comma, or the semicolon Excel writes where the decimal
    mark is a comma (Germany, France …; also its "CSV UTF-8") or a tab ("Unicode Text"), when the
    header read with it names the WBS and Name columns. A plan exported by pmtui, edited in such
    an Excel and saved was refused as having no 'WBS' column, 'found: WBS;Name;Duration;…'."""
    first = raw.split("\n", 1)[0]
    for sep in (",", ";", "\t"):
        found = {_column(h) for h in next(csv.reader([first], delimiter=sep), [])}
        if "Name" in found and found & {"WBS", "ID", "Outline level"}:
            return sep
    return ","


def read_csv(path: Path) -> Imported:
    path = Path(path)
    raw = read_text(path, "CSV")
    reader = csv.reader(io.StringIO(raw, newline=""), delimiter=_delimiter(raw))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed(f"{path.name}: the file is empty: it needs a header row (WBS,Name,…)") from None
    except csv.Error as exc:
        raise ImportFailed(f"{path.name} line 1: {exc}") from None
    cols: dict[str, int] = {}
    imp = Imported(data=PlanData(name=path.stem, start=None), path=path, format="csv")  # type: ignore[arg-type]
    unnamed: list[int] = []
    for i, h in enumerate(header):
        key = _column(h)
        if key is None:
            if h.strip():
                imp.ignored["unknown columns"] += 1
                imp.warnings.append(f"column {brief(h.strip())} is not one pmtui reads: ignored")
            else:
                unnamed.append(i)
            continue
        cols[key] = i
    if "Name" not in cols:
        raise ImportFailed(f"{path.name} line 1: no 'Name' column in the header "
                           f"(found: {', '.join(h for h in header if h) or 'nothing'})")
    # A file saved by MS Project names its rows by ID (its predecessors refer to them) and gives
    # the outline as Outline Level; pmtui's own names them by WBS code
    by_id = "ID" in cols
    outline = "level" if "Outline level" in cols else "wbs" if "WBS" in cols else None
    if outline is None and not by_id:
        raise ImportFailed(f"{path.name} line 1: no 'WBS' column in the header "
                           f"(found: {', '.join(h for h in header if h) or 'nothing'}): pmtui's CSV has WBS; "
                           "one saved by MS Project has ID, and Outline Level for the outline")
    data = imp.data
    starts: list = []
    by_code: dict[str, TaskData] = {}
    ids: dict[int, TaskData] = {}
    stack: list[tuple[int, TaskData]] = []  # (outline level, task) of the rows above
    link_text: list[tuple[TaskData, str, int]] = []
    ms_links: list[tuple[TaskData, list[tuple[int, str, int]], int]] = []
    last_child: dict[str, int] = {}  # a code ("" for the top) -> the highest number under it yet
    rebuilt: dict[str, tuple[str, int]] = {}  # a code rebuilt -> (as the file had it, its line)
    assign: list[tuple[TaskData, str, int]] = []
    rounded = Rounded("durations and lags")
    rounded_at: dict[int, int] = {}  # a row's line -> the place of its duration's rounding in rounded
    width = len(header)
    try:
        rows = list(enumerate(reader, start=2))
    except csv.Error as exc:
        raise ImportFailed(f"{path.name} line {reader.line_num}: {exc}") from None
    _refuse_cells_past_header(path, rows, width)
    _warn_unnamed_columns(imp, rows, unnamed)
    day_first = _day_first(path, rows, cols)
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        row = [_from_text(c) for c in row]
        if len(row) < width:
            raise ImportFailed(f"{path.name} line {line}: {len(row)} fields, the header has {width}")
        get = lambda col: _na(row[cols[col]].strip()) if col in cols else ""  # noqa: E731
        where = f"line {line}"
        try:
            name = one_line(get("Name"))
            if by_id and not name and not get("Duration"):
                imp.skipped["blank rows"] += 1  # MS Project's blank rows keep their ID
                continue
            number = None
            if by_id:
                text = get("ID")
                if text and not is_digits(text):
                    raise BadValue(f"ID {brief(text)} is not a whole number")
                number = int(text) if text else None
                if number is not None and number in ids:
                    raise BadValue(f"ID {number} appears twice")
            level = None
            if outline == "level":
                text = get("Outline level")
                if not is_digits(text):
                    raise BadValue(f"outline level {brief(text)} is not a whole number (1 for a top-level task)")
                level = int(text)
            if level == 0 or level is None and number == 0:
                # MS Project's project summary task, when it is shown: the project, not a task
                imp.skipped["project summary rows (ID 0)"] += 1
                continue
            code = None
            parent = None
            if outline == "level":
                while stack and stack[-1][0] >= level:
                    stack.pop()
                above = stack[-1][0] if stack else 0
                if level > above + 1:
                    raise BadValue(f"outline level {level} follows level {above}: a level is missing (was a "
                                   "summary row left out of the export?)")
                parent = stack[-1][1].key if stack else None
            elif outline == "wbs":
                code = get("WBS")
                if not code or not all(is_digits(p) for p in code.split(".")):
                    raise BadValue(f"WBS {brief(code)} is not an outline code like 1.2")
                code = ".".join(str(int(p)) for p in code.split("."))
                code = _excel_code(code, by_code, last_child, rebuilt, line)
                parent_code = code.rsplit(".", 1)[0] if "." in code else None
                if parent_code is not None and parent_code not in by_code:
                    raise BadValue(f"its summary {parent_code} is not an earlier row")
                parent = by_code[parent_code].key if parent_code else None
            if not name:
                raise BadValue("the task has no name")
            who = f"line {line} ({brief(name)})"
            if by_id:
                before = len(rounded.items)
                duration = _ms_days(get("Duration"), "duration", imp, who, rounded) if get("Duration") else 1
                if len(rounded.items) > before:
                    rounded_at[line] = before
                ctext = get("Constraint")
                ctype = _MS_CONSTRAINTS.get(" ".join(ctext.lower().split()), None) if ctext else "ASAP"
                ctype = ctype or parse_constraint(ctext)
            else:
                duration = parse_duration(get("Duration")) if get("Duration") else 1
                ctype = parse_constraint(get("Constraint")) if get("Constraint") else "ASAP"
            cdate = _file_date(get("Constraint date"), day_first) if get("Constraint date") else None
            task = TaskData(
                key=line, name=name, parent=parent, duration=duration,
                percent_complete=parse_percent(get("Percent complete")) if get("Percent complete") else 0,
                constraint_type=ctype, constraint_date=cdate,
                deadline=_file_date(get("Deadline"), day_first) if get("Deadline") else None,
                notes=row[cols["Notes"]] if "Notes" in cols else "", source=who,
            )
            if get("Start"):
                starts.append(_file_date(get("Start"), day_first))
            if get("Predecessors"):
                if by_id:
                    ms_links.append((task, _ms_links(get("Predecessors"), imp, who, rounded), line))
                else:
                    parse_predecessors(get("Predecessors"))  # refuse bad notation on this line
                    link_text.append((task, get("Predecessors"), line))
            if get("Resources"):
                # MS Project separates names with its list separator, a semicolon where the
                # decimal mark is a comma (and refuses names holding one)
                cell = get("Resources").replace(";", ",") if by_id else get("Resources")
                for rname, units in _split_resources(cell):
                    assign.append((task, rname, units))
        except BadValue as exc:
            raise ImportFailed(f"{path.name} {where}: {exc}") from None
        if code is not None:
            by_code[code] = task
            head, _dot, tail = code.rpartition(".")
            last_child[head] = max(last_child.get(head, 0), int(tail))
        if number is not None:
            ids[number] = task
        if level is not None:
            stack.append((level, task))
        data.tasks.append(task)
    if by_id and outline is None and len(data.tasks) > 1:
        imp.warnings.append("the file has no Outline Level (nor WBS) column, so its rows are imported as one list "
                            "with no summaries: a summary row of MS Project's is a task of its own here. In MS "
                            "Project add Outline Level to the export map, or save as XML, and import that")
    # The file's first start, else today: where the plan begins.
    data.start = min(starts) if starts else date.today()
    imp.tasks_begin = min(starts) if starts else None
    key_of = {code: t.key for code, t in by_code.items()}
    for task, parsed, line in ms_links:
        for number, kind, lag in parsed:
            if number not in ids:
                raise ImportFailed(f"{path.name} line {line}: predecessor {number} is not an ID of this file")
            data.links.append(LinkData(ids[number].key, task.key, kind, lag, source=f"line {line}"))
    if rebuilt:
        shown = ", ".join(f"line {ln} {was} → {code}" for code, (was, ln) in list(rebuilt.items())[:8])
        more = f" and {len(rebuilt) - 8} more" if len(rebuilt) > 8 else ""
        imp.warnings.append(f"WBS codes a spreadsheet had cut short rebuilt from the rows' order ({shown}{more}): "
                            "Excel turns 1.10 into 1.1; format the WBS column as Text to keep them")
    as_read = {was: code for code, (was, _ln) in rebuilt.items()}
    for task, text, line in link_text:
        lone = text.strip()
        if lone in as_read:
            # a cell of one code alone is the one Excel takes for a number: '1.10' became '1.1',
            # and whether this '1.1' was 1.1 or 1.10 cannot be told from the file
            raise ImportFailed(
                f"{path.name} line {line}: predecessor {lone} could be {lone} or {as_read[lone]}: Excel turns a cell "
                f"holding one code such as 1.10 into 1.1, as it did to this file's WBS codes. Write it as "
                f"{as_read[lone]}FS or {lone}FS (Excel leaves those alone) and import again, or export from pmtui "
                "again and format the columns as Text in Excel")
        for ref in parse_predecessors(text):
            code = ".".join(str(int(p)) for p in ref.ref.lstrip("#").split("."))
            if ref.ref.startswith("#") or code not in key_of:
                raise ImportFailed(f"{path.name} line {line}: predecessor {ref.ref} is not a WBS code of this file")
            data.links.append(LinkData(key_of[code], task.key, ref.type, ref.lag, source=f"line {line}"))
    summaries = data.summaries()
    # a summary's duration is its tasks' span, not read: its rounding is nothing to report
    # (MS Project writes a summary over 10 days and a half as 10.5 days)
    dropped = {i for key, i in rounded_at.items() if key in summaries}
    rounded.items = [x for i, x in enumerate(rounded.items) if i not in dropped]
    if rounded.line():
        imp.warnings.append(rounded.line())
    for t in data.tasks:
        if t.key in summaries:
            # its percent is rolled up from its tasks, as the export writes it: kept, it was
            # stored with the summary and came back in a JSON export the app never showed
            t.percent_complete = 0
    resources: dict[str, ResourceData] = {}
    for task, rname, units in assign:
        if task.key in summaries:
            imp.warnings.append(f"{task.source}: resource {cut(rname)} on a summary row dropped")
            continue
        if rname not in resources:
            resources[rname] = ResourceData(key=rname, name=rname, source=task.source)
        data.assignments.append(AssignmentData(task.key, rname, units, source=task.source))
    data.resources = list(resources.values())
    # a row per task: the project around the tasks is not in the file, and what the reader
    # made up for it (today as the start, Monday to Friday) must not replace a project's own
    data.absent = frozenset(Part)
    if any(t.percent_complete for t in data.tasks):
        imp.status_from = StatusFrom.NOT_IN_FORMAT
    return imp


def write_csv(data: PlanData, sched: ScheduleResult) -> tuple[str, list[str]]:
    buf = io.StringIO(newline="")
    # Excel takes a CSV without a byte order mark for the system's code page: a double-clicked
    # export showed 'Müller' as 'MÃ¼ller'. With it, Excel, LibreOffice and pmtui read UTF-8
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    wbs = {t.key: t.wbs for t in data.tasks}
    preds: dict = {}
    for l in data.links:
        preds.setdefault(l.succ, []).append(format_link(wbs[l.pred], l.type, l.lag))
    names = {r.key: r.name for r in data.resources}
    res: dict = {}
    for a in data.assignments:
        res.setdefault(a.task, []).append(_resource_cell(names[a.resource], a.units))
    summaries = data.summaries()
    # a summary holds no progress of its own: the app shows the rolled-up figure, and a done
    # phase read 'Initiation … 0%' in the spreadsheet
    rolled = summary_percents(data, sched)
    # the working days it spans, as MS Project's Duration of it: ef - es was a day short
    spans = summary_spans(data, sched)
    for t in data.tasks:
        ts = sched.dates[t.key]
        dur = spans[t.key] if t.key in summaries else t.duration
        pct = rolled.get(t.key, t.percent_complete)
        w.writerow([t.wbs, _as_text(t.name), f"{dur}d", ", ".join(preds.get(t.key, [])), ts.start.isoformat(),
                    ts.finish.isoformat(), _as_text(", ".join(res.get(t.key, []))), f"{pct}%",
                    t.constraint_type if t.constraint_type != "ASAP" else "",
                    t.constraint_date.isoformat() if t.constraint_date else "",
                    t.deadline.isoformat() if t.deadline else "", _as_text(t.notes)])
    lost = []
    if data.calendar.exceptions or data.calendar.workdays != 0b0011111:
        lost.append("the working calendar")
    if any(r.cost_rate or r.kind != "person" or r.max_units != 1 or r.calendar for r in data.resources):
        lost.append("resource kinds, rates and calendars")
    if data.status_date:
        lost.append(f"the status date ({data.status_date})")
    if any(t.actual_start or t.actual_finish for t in data.tasks):
        lost.append("actual start and finish dates")
    if any(t.optimistic is not None or t.fixed_cost or t.actual_cost is not None for t in data.tasks):
        lost.append("estimates and costs")
    notes = [f"not written to CSV: {', '.join(lost)} (use the JSON format to keep them)"] if lost else []
    return buf.getvalue(), notes
