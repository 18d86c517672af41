"""The domain's fixed codes and limits, and the checks on them, free of SQLModel and pydantic:
the app draws its first frame before either is imported (see pmtui.launch)."""

from __future__ import annotations

import math
from datetime import date

LINK_TYPES = ("FS", "SS", "FF", "SF")
CONSTRAINT_TYPES = ("ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO")
RESOURCE_KINDS = ("person", "vendor", "equipment")
RISK_KINDS = ("threat", "opportunity")
# PMBOK's 1-5 scale of a risk's probability and impact, and an issue's severity, in words
SCALE_WORDS = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MON_TO_FRI = 0b0011111

# MS Project accepts dates from 1 January 1984 to 31 December 2149 ("Project supports dates
# between 1/1/1984 and 12/31/2149", Microsoft support). A plan date outside that range is a typo,
# and no file we exchange could carry it.
EARLIEST_DATE = date(1984, 1, 1)
LATEST_DATE = date(2149, 12, 31)
# No IT project costs a trillion; above this an amount is a typo (and sums would lose precision).
MAX_AMOUNT = 1e12


def check_plan_date(value: date | None, what: str) -> date | None:
    """Refuse a date a plan cannot hold; raises ValueError (pydantic) — see plan_date for BadValue."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"{what} {value} is out of range: plan dates run from {EARLIEST_DATE} to {LATEST_DATE}")
    return value


def check_money(value: float | None, what: str, why_not_negative: str = "") -> float | None:
    """Refuse NaN, infinity, negative and absurd amounts of money."""
    if value is None:
        return None
    if not math.isfinite(value):
        raise ValueError(f"{what} {value} is not a finite number")
    if value < 0:
        raise ValueError(f"{what} {value:,.2f} is negative{why_not_negative}")
    if value > MAX_AMOUNT:
        raise ValueError(f"{what} {value:,.0f} is too large: at most {MAX_AMOUNT:,.0f}")
    return value


def risk_code(number: int) -> str:
    """R<number>: the risk's number within its project (Risk.number), not its row id."""
    return f"R{number}"


def issue_code(number: int) -> str:
    """I<number>: the issue's number within its project (Issue.number), not its row id."""
    return f"I{number}"
