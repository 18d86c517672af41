"""What every format shares: the import error, the result of reading a file, warning helpers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

from pmtui.models.errors import PmtuiError
from pmtui.services.bulk import Part, PlanData


class ImportFailed(PmtuiError):
    """A file pmtui cannot read: one line naming the file and the line or element."""

    exit_code = 1


class ExportFailed(PmtuiError):
    exit_code = 1


# Far above any real plan (MS Project XML of 100,000 tasks is about 120 MB), and a bound on
# what a device or pipe given by mistake (/dev/zero, /dev/urandom) can make pmtui read: it hung.
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def read_limited(path: Path) -> bytes:
    """The file's bytes, or ImportFailed when it cannot be read or is larger than any plan."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        # `pmtui import .` has no file name to give: ': cannot be read: Is a directory'
        raise ImportFailed(f"{path.name or path}: cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFailed(f"{path.name}: larger than {MAX_IMPORT_BYTES >> 20} MB, far more than any plan "
                           f"pmtui imports: is it the file you meant?")
    return raw


def read_text(path: Path, kind: str) -> str:
    """The file as text: UTF-8 (a BOM allowed), or UTF-16 when it begins with UTF-16's BOM, as
    Excel's "Unicode Text" and Windows PowerShell's `>` write. Such a file was refused with
    Python's "'utf-8' codec can't decode byte 0xff in position 0", or as "not UTF-8 (byte 0)"
    though what it held was plain to tell."""
    raw = read_limited(path)
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path.name}: not UTF-8 text (byte {exc.start}): save the {kind} as UTF-8") from None


class StatusFrom(Enum):
    """Where an import's status date came from. What an import does with it is decided on this,
    never on the words that say it (STATUS_WORDS), so the message can be reworded freely."""

    NONE = "none"
    FILE = "file"  # the file's own status date
    CURRENT_DATE = "current date"  # MS Project's <CurrentDate>: the file has progress, no <StatusDate>
    NOT_IN_FORMAT = "not in format"  # a plan with progress from a format with no place for one (CSV)


STATUS_WORDS = {
    StatusFrom.FILE: "the file's status date",
    StatusFrom.CURRENT_DATE: "the file's current date (it has progress and no status date)",
}


@dataclass
class Imported:
    """A file read into PlanData, with what was changed on the way and what was left out."""

    data: PlanData
    path: Path
    format: str
    warnings: list[str] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # "custom fields" -> 12
    skipped: Counter = field(default_factory=Counter)  # handled on purpose: "blank rows" -> 3
    status_from: StatusFrom = StatusFrom.NONE  # where data.status_date came from
    # The earliest date the file gives a task, when it gives any and no project start (a CSV's
    # Start column): an import into a project keeps the project's start, which may differ
    tasks_begin: date | None = None

    def start_kept_line(self, kept: date) -> str:
        """Said when an import into a project keeps a start the file's tasks do not begin on:
        the plan then moved to the project's start without a word."""
        if self.tasks_begin is None or self.tasks_begin == kept or Part.START not in self.data.absent:
            return ""
        return (f"the file's tasks begin on {self.tasks_begin}; the project start {kept} is kept "
                "(`pmtui project edit --start` changes it)")

    def status_line(self) -> str:
        """'status date 2016-03-11 from the file's current date (…)' (empty without one)."""
        if self.status_from is StatusFrom.NOT_IN_FORMAT:
            # without one, progress counts as of the wall clock's today (services.as_of), which
            # a plan exported weeks ago is not: say it, and how to set the right one
            return (f"no status date: {self.format.upper()} has no place for one, so the progress in it "
                    "counts as of today; `pmtui project status-date YYYY-MM-DD` sets it")
        if self.data.status_date is None or self.status_from is StatusFrom.NONE:
            return ""
        return f"status date {self.data.status_date} from {STATUS_WORDS[self.status_from]}"

    def ignored_line(self) -> str:
        """'ignored: 3 resource calendars, 12 custom fields' (empty when nothing was)."""
        if not self.ignored:
            return ""
        parts = [f"{n} {what}" for what, n in sorted(self.ignored.items(), key=lambda kv: kv[0])]
        return "ignored: " + ", ".join(parts)


class Rounded:
    """Collects values rounded to whole working days, to report them in one warning line."""

    def __init__(self, what: str, limit: int = 20) -> None:
        self.what, self.limit, self.items = what, limit, []

    def add(self, who: str, before: float, after: int) -> None:
        self.items.append(f"{who} {before:.4g}d→{after}d")

    def line(self) -> str | None:
        if not self.items:
            return None
        shown = "; ".join(self.items[: self.limit])
        more = f"; and {len(self.items) - self.limit} more" if len(self.items) > self.limit else ""
        return f"{self.what} rounded to whole working days for {len(self.items)}: {shown}{more}"


def whole_days(value: float, who: str, rounded: Rounded, *, keep_positive: bool = True) -> int:
    """Working days as an int; a fraction is rounded (half away from zero) and reported. A
    positive duration never rounds down to 0: that would turn a task into a milestone."""
    r = round(value)
    if abs(value - r) < 1e-6:
        return int(r)
    r = int(value + 0.5) if value >= 0 else -int(-value + 0.5)
    if keep_positive and value > 0 and r == 0:
        r = 1
    rounded.add(who, value, r)
    return r


# The characters below space that XML 1.0 cannot carry (tab, newline and return it can), and
# DEL and the C1 controls, which a terminal may read as the start of an escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str | None) -> str:
    """Text XML 1.0 can carry (control characters other than tab/newline dropped)."""
    if not text:
        return ""
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    return " ".join(clean_text(text).split())
