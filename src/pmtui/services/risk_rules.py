"""What a user may type for a risk or an issue, checked before anything is written."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from pmtui.models.errors import BadValue
from pmtui.models.parsing import MAX_DAYS, is_digits, parse_ref, risk_kind  # noqa: F401 (offered here too)
from pmtui.models.rules import MAX_NAME, check_money, check_plan_date, control_character
from pmtui.models.vocabulary import SCALE_WORDS  # noqa: F401 (offered here too)
from pmtui.models.wording import brief
from pmtui.models.risks import (
    ISSUE_KINDS,
    OPPORTUNITY_STRATEGIES,
    RISK_KINDS,
    THREAT_STRATEGIES,
)

# The most characters each text of a risk or an issue may take. The store's columns take any
# length and so did every way in; a category of 10,000 characters filled `risk show`, the risk
# panel and the form, and a description of a megabyte went into every report and backup. A
# category or a title is a label read in a list, a trigger a sentence; description, cause, effect,
# response and resolution a paragraph or a few; a comment on a score is a line of the history, as
# long as a stand-up note. The CLI, the forms and the import all go through these rules.
LIMITS = {"title": 200, "category": 64, "trigger": 500, "description": 2000, "cause": 2000, "effect": 2000,
          "response": 2000, "resolution": 2000, "comment": 500}


def strategies_for(kind: str) -> tuple[str, ...]:
    return OPPORTUNITY_STRATEGIES if kind == "opportunity" else THREAT_STRATEGIES


def parse_scale(value: str | int, what: str) -> int:
    """'4' -> 4 on PMBOK's 1–5 scale; anything else is refused with the scale spelled out."""
    text = str(value).strip()
    if not is_digits(text.removeprefix("-")):
        # '3.5' is a number, but not one of the scale's five
        whole = "a whole number" if re.fullmatch(r"-?\d*\.\d+|-?\d+\.\d*", text) else "a number"
        raise BadValue(f"{what} {brief(text)} is not {whole}: use 1 (very low) to 5 (very high)")
    number = int(text)
    if not 1 <= number <= 5:
        raise BadValue(f"{what} {number} is out of range: use 1 (very low) to 5 (very high)")
    return number


def too_long(value: str, field: str, what: str | None = None) -> str | None:
    """The refusal of a text longer than its limit: 'category is 64 characters at most; you gave
    10000' (the length given, so the user knows how much to cut), else None."""
    limit = LIMITS[field]
    if len(value) > limit:
        return f"{what or field} is {limit} characters at most; you gave {len(value)}"
    return None


def check_length(value: str, field: str, what: str | None = None) -> str:
    """``value``, or BadValue if it is longer than the limit of ``field``."""
    problem = too_long(value, field, what)
    if problem:
        raise BadValue(problem)
    return value


def check_owner(name: str) -> str:
    """An owner as typed: a resource's name, so no longer than one (not a search for 10,000
    characters that then echoes them back as 'no resource named …')."""
    if len(name.strip()) > MAX_NAME:
        raise BadValue(f"owner is {MAX_NAME} characters at most (the name of a resource); you gave {len(name.strip())}")
    return name


def _kept(info: ValidationInfo) -> bool:
    """Whether the field holds the stored value of an edit that left it alone: text stored before
    its limit still loads, shows and survives an edit of another field."""
    return info.field_name in ((info.context or {}).get("kept") or ())


def _whole(info: ValidationInfo) -> bool:
    """Whether the field is taken past its length limit: a file pmtui wrote before the limits
    (project_records.past_limits says which texts, and the import says so); all else holds."""
    return info.field_name in ((info.context or {}).get("whole") or ())


def _one_line(value: str, what: str, field: str = "title", *, empty: bool = False, whole: bool = False) -> str:
    value = (value or "").strip()
    if not value and not empty:
        raise ValueError(f"{what} is empty")
    problem = None if whole else too_long(value, field, what)
    if problem:
        raise ValueError(problem)
    if any(ch in value for ch in "\n\r\t\x00"):
        raise ValueError(f"{what} must be one line")
    bad = control_character(value)
    if bad is not None:
        # an escape sequence would act on the terminal of everyone who lists the register
        raise ValueError(f"{what} contains the control character U+{ord(bad):04X}: it must be plain text")
    return value


def _text(value: str, info: ValidationInfo, what: str) -> str:
    """A text kept as typed (lines and all), held to its limit."""
    problem = None if _whole(info) else too_long(value or "", info.field_name, what)
    if problem:
        raise ValueError(problem)
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
    def _check_title(cls, v: str, info: ValidationInfo) -> str:
        return v if _kept(info) else _one_line(v, "risk title")

    @field_validator("description", "cause", "effect", "response", "trigger")
    @classmethod
    def _check_text(cls, v: str, info: ValidationInfo) -> str:
        return v if _kept(info) else _text(v, info, info.field_name)

    @field_validator("kind")
    @classmethod
    def _check_kind(cls, v: str) -> str:
        try:
            return risk_kind(v)
        except BadValue as exc:
            raise ValueError(str(exc)) from None

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
    def _check_category(cls, v: str, info: ValidationInfo) -> str:
        return v if _kept(info) else _one_line(v, "category", "category", empty=True, whole=_whole(info))

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
                f"strategy {brief(self.strategy)} does not fit a{'n' if self.kind == 'opportunity' else ''} "
                f"{self.kind}: use {', '.join(allowed)}"
            )
        return self


class IssueRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    description: str = ""
    kind: str = "issue"
    severity: int = 3
    resolution: str = ""

    @field_validator("title")
    @classmethod
    def _check_title(cls, v: str, info: ValidationInfo) -> str:
        return v if _kept(info) else _one_line(v, "issue title")

    @field_validator("description", "resolution")
    @classmethod
    def _check_text(cls, v: str, info: ValidationInfo) -> str:
        # an issue raised from a risk takes its title and description from the risk, as stored
        return v if _kept(info) else _text(v, info, f"issue {info.field_name}")

    @field_validator("kind")
    @classmethod
    def _check_kind(cls, v: str) -> str:
        v = (v or "").strip().lower()
        if v not in ISSUE_KINDS:
            raise ValueError(f"issue kind {brief(v)} is unknown: use {' or '.join(ISSUE_KINDS)}")
        return v

    @field_validator("severity")
    @classmethod
    def _check_severity(cls, v: int) -> int:
        if not 1 <= v <= 5:
            raise ValueError(f"severity {v} is out of range: use 1 (very low) to 5 (very high)")
        return v
