"""What a user may type for a risk or an issue, checked before anything is written."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from pmtui.models.errors import BadValue
from pmtui.models.parsing import MAX_DAYS, is_digits
from pmtui.models.rules import check_money, check_plan_date
from pmtui.models.risks import (
    ISSUE_KINDS,
    OPPORTUNITY_STRATEGIES,
    RISK_KINDS,
    THREAT_STRATEGIES,
)

MAX_TITLE = 200
SCALE_WORDS = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


def strategies_for(kind: str) -> tuple[str, ...]:
    return OPPORTUNITY_STRATEGIES if kind == "opportunity" else THREAT_STRATEGIES


def parse_scale(value: str | int, what: str) -> int:
    """'4' -> 4 on PMBOK's 1–5 scale; anything else is refused with the scale spelled out."""
    text = str(value).strip()
    if not is_digits(text.removeprefix("-")):
        raise BadValue(f"{what} {text!r} is not a number: use 1 (very low) to 5 (very high)")
    number = int(text)
    if not 1 <= number <= 5:
        raise BadValue(f"{what} {number} is out of range: use 1 (very low) to 5 (very high)")
    return number


def parse_ref(text: str | int, prefix: str, what: str) -> int:
    """'R3', '#3' or '3' -> 3 (prefix 'R' for risks, 'I' for issues): the risk's or issue's number
    within its project (Risk.number, Issue.number), never a row id, which runs across projects."""
    raw = str(text).strip()
    digits = raw.lstrip("#")
    if digits[:1].upper() == prefix:
        digits = digits[1:]
    if not is_digits(digits) or len(digits) > 18:  # more would overflow SQLite's integer
        raise BadValue(f"{what} {raw!r} is not an id: use a number like {prefix}3 or 3")
    return int(digits)


def _one_line(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValueError(f"{what} is empty")
    if len(value) > MAX_TITLE:
        raise ValueError(f"{what} is longer than {MAX_TITLE} characters")
    if any(ch in value for ch in "\n\r\t\x00"):
        raise ValueError(f"{what} must be one line")
    return value


class RiskRules(BaseModel):
    """The editable state of a risk; an edit validates the merged result."""

    model_config = ConfigDict(extra="forbid")

    title: str
    description: str = ""
    kind: str = "threat"
    category: str = ""
    cause: str = ""
    effect: str = ""
    probability: int = 3
    impact: int = 3
    owner_id: int | None = None
    strategy: str = ""
    response: str = ""
    trigger: str = ""
    review_date: date | None = None
    schedule_impact: int = 0
    cost_impact: float = 0.0

    @field_validator("title")
    @classmethod
    def _check_title(cls, v: str) -> str:
        return _one_line(v, "risk title")

    @field_validator("kind")
    @classmethod
    def _check_kind(cls, v: str) -> str:
        v = (v or "").strip().lower()
        if v not in RISK_KINDS:
            raise ValueError(f"risk kind {v!r} is unknown: use threat or opportunity")
        return v

    @field_validator("probability", "impact")
    @classmethod
    def _check_scale(cls, v: int, info) -> int:
        if not 1 <= v <= 5:
            raise ValueError(f"{info.field_name} {v} is out of range: use 1 (very low) to 5 (very high)")
        return v

    @field_validator("strategy")
    @classmethod
    def _check_strategy_word(cls, v: str) -> str:
        return (v or "").strip().lower()

    @field_validator("category")
    @classmethod
    def _check_category(cls, v: str) -> str:
        return (v or "").strip()

    @field_validator("schedule_impact")
    @classmethod
    def _check_days(cls, v: int) -> int:
        if v < 0:
            raise ValueError(f"schedule impact {v}d is negative: give the working days it would move the plan")
        if v > MAX_DAYS:  # as parse_duration refuses it where it is typed
            raise ValueError(f"schedule impact {v}d is too long: at most {MAX_DAYS} working days")
        return v

    @field_validator("cost_impact")
    @classmethod
    def _check_cost(cls, v: float) -> float:
        return check_money(v, "cost impact")

    @field_validator("review_date")
    @classmethod
    def _check_review(cls, v: date | None) -> date | None:
        return check_plan_date(v, "review date")

    @model_validator(mode="after")
    def _check_strategy(self) -> "RiskRules":
        allowed = strategies_for(self.kind)
        if self.strategy and self.strategy not in allowed:
            raise ValueError(
                f"strategy {self.strategy!r} does not fit a{'n' if self.kind == 'opportunity' else ''} "
                f"{self.kind}: use {', '.join(allowed)}"
            )
        return self


class IssueRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    description: str = ""
    kind: str = "issue"
    severity: int = 3

    @field_validator("title")
    @classmethod
    def _check_title(cls, v: str) -> str:
        return _one_line(v, "issue title")

    @field_validator("kind")
    @classmethod
    def _check_kind(cls, v: str) -> str:
        v = (v or "").strip().lower()
        if v not in ISSUE_KINDS:
            raise ValueError(f"issue kind {v!r} is unknown: use {' or '.join(ISSUE_KINDS)}")
        return v

    @field_validator("severity")
    @classmethod
    def _check_severity(cls, v: int) -> int:
        if not 1 <= v <= 5:
            raise ValueError(f"severity {v} is out of range: use 1 (very low) to 5 (very high)")
        return v
