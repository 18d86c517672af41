"""Reading values out of a pmtui JSON file: each refuses, naming where it is, what JSON would
otherwise let through as something else (2.5 days, "3", true, NaN, a date of 2027-02-30)."""

from __future__ import annotations

import math
from datetime import date, datetime, timezone


class Bad(Exception):
    """A value the file should not hold; the reader adds the file's name."""


def day(v, where: str) -> date | None:
    if v is None or v == "":
        return None
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError):
        raise Bad(f"{where}: {v!r} is not a date (YYYY-MM-DD)") from None


def moment(v, where: str) -> datetime | None:
    """A date and time (ISO 8601); one without a zone is read as UTC, as pmtui stores them."""
    if v is None or v == "":
        return None
    try:
        t = datetime.fromisoformat(v)
    except (TypeError, ValueError):
        raise Bad(f"{where}: {v!r} is not a date and time (YYYY-MM-DDTHH:MM:SS+00:00)") from None
    return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)


def whole(v, where: str) -> int:
    """Whole working days or percent: JSON's 2.5, NaN, 1e400, "3" or true are refused, not cut."""
    if isinstance(v, bool) or not isinstance(v, int):
        raise Bad(f"{where} {v!r} must be a whole number")
    return v


def key(v, where: str) -> int | str:
    """An id as the export writes it (a number; text is let through for hand-made files)."""
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise Bad(f"{where} {v!r} is not an id")
    return v


def number(v, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise Bad(f"{where} {v!r} must be a finite number")
    return float(v)


def text(v, where: str) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise Bad(f"{where} {v!r} must be text")
    return v


def items(v, where: str) -> list:
    if v is None:
        return []
    if not isinstance(v, list):
        raise Bad(f"{where} must be a list")
    return v


def obj(v, where: str) -> dict:
    if not isinstance(v, dict):
        raise Bad(f"{where} must be an object")
    return v
