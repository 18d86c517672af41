"""Reading values out of a pmtui JSON file: each refuses, naming where it is, what JSON would
otherwise let through as something else (2.5 days, "3", true, NaN, a date of 2027-02-30) or
the database could not hold (2**63, half of a UTF-16 pair)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone

from pmtui.models.wording import brief, cut

# SQLite's INTEGER holds 64 bits: a larger number would get as far as the insert and fail there
_LIMIT = 2**63
# JSON may spell half of a UTF-16 pair alone; Python reads it into text that cannot be stored
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class Bad(Exception):
    """A value the file should not hold; the reader adds the file's name."""


def day(v, where: str) -> date | None:
    if v is None or v == "":
        return None
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError):
        raise Bad(f"{where}: {brief(v)} is not a date (YYYY-MM-DD)") from None


def moment(v, where: str) -> datetime | None:
    """A date and time (ISO 8601); one without a zone is read as UTC, as pmtui stores them."""
    if v is None or v == "":
        return None
    try:
        t = datetime.fromisoformat(v)
        return t.replace(tzinfo=timezone.utc) if t.tzinfo is None else t.astimezone(timezone.utc)
    except (TypeError, ValueError):
        raise Bad(f"{where}: {brief(v)} is not a date and time (YYYY-MM-DDTHH:MM:SS+00:00)") from None
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first UTC moment Python has
        raise Bad(f"{where}: {brief(v)} is out of range") from None


def whole(v, where: str) -> int:
    """Whole working days or percent: JSON's 2.5, NaN, 1e400, "3" or true are refused, not cut."""
    if isinstance(v, bool) or not isinstance(v, int):
        raise Bad(f"{where} {brief(v)} must be a whole number")
    if not -_LIMIT <= v < _LIMIT:
        raise Bad(f"{where} {cut(str(v))} is too large")
    return v


def key(v, where: str) -> int | str:
    """An id as the export writes it (a number; text is let through for hand-made files)."""
    if isinstance(v, bool) or not isinstance(v, (int, str)):
        raise Bad(f"{where} {brief(v)} is not an id")
    if isinstance(v, int) and not -_LIMIT <= v < _LIMIT:
        raise Bad(f"{where} {cut(str(v))} is too large to be an id")
    return v


def number(v, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise Bad(f"{where} {brief(v)} must be a finite number")
    return float(v)


def text(v, where: str) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise Bad(f"{where} {brief(v)} must be text")
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


def lone_surrogate(text: str, doc) -> str | None:
    """Where the document holds text with half a UTF-16 pair (as "risks[0] description"), if
    anywhere; the walk is only taken when the file's text spells such an escape."""
    if not _SURROGATE_ESCAPE.search(text):
        return None

    def bad(s: str) -> bool:
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False

    stack = [(doc, "")]
    while stack:
        v, where = stack.pop()
        if isinstance(v, str) and bad(v):
            return where or "the file"
        if isinstance(v, dict):
            for k in v:
                if bad(k):
                    return f"{where} key {brief(k)}".strip()
            stack.extend((x, f"{where} {k}".strip()) for k, x in reversed(v.items()))
        elif isinstance(v, list):
            stack.extend((v[i], f"{where}[{i}]") for i in range(len(v) - 1, -1, -1))
    return None
