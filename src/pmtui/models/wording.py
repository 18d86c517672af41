"""Counts in messages: "1 risk", "2 risks", never "2 risk(s)"; working days as "3d" and "+2d";
a value a message quotes, cut short."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes; ``plural`` for a noun not made with -s."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


# The two ways a figure in working days is written, as the screens write them (the WBS's float,
# the Gantt's "(+2d)", the status screen's variance): a report, the CLI and a screen that wrote
# "+2 d", "+2d" and a bare "2" for one figure left a reader asking whether they were the same.

def days(n: int) -> str:
    """A count of working days, a duration, float, days over: '3d', '0d', '-2d' (float below 0)."""
    return f"{n}d"


def signed_days(n: int) -> str:
    """A change or variance in working days, later positive: '+2d', '-1d', '+0d' (the sign says
    which way, and that it is a difference, not a duration)."""
    return f"{n:+d}d"


# A value a message quotes is cut, as the user may have pasted a page into a field: a refusal
# that quoted a risk kind of 5,000 characters whole filled the terminal, and the reason for it
# scrolled out of sight. Every message that quotes what it was given (the JSON reader's, the
# risk and issue rules') cuts it here.
QUOTED = 60


def cut(text: str) -> str:
    """``text`` cut to 60 characters, the last one …: what a message about a record or a value
    quotes of it (a title of ten thousand characters, written out whole, filled the terminal)."""
    return text if len(text) <= QUOTED else text[:QUOTED - 1] + "…"


def brief(value) -> str:
    """``value`` quoted as a message quotes it ('Vendor late', 7, [1, 2]), cut to 60 characters."""
    return repr(cut(value)) if isinstance(value, str) else cut(repr(value))


# A path is quoted longer, and cut in its middle: a real one of 90 characters (a project folder
# in a temporary test folder, a share) was useful whole, and its end names the file.
PATH_QUOTED = 160


def cut_path(path) -> str:
    """``path`` as a message quotes it: whole up to 160 characters, else its first 100 and its
    last 59 around a … (a pasted page as --db filled the terminal, and the reason after it
    scrolled away)."""
    text = str(path)
    return text if len(text) <= PATH_QUOTED else text[:100] + "…" + text[-(PATH_QUOTED - 101):]
