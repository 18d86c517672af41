"""Counts in messages: "1 risk", "2 risks", never "2 risk(s)"; working days as "3d" and "+2d"."""

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
