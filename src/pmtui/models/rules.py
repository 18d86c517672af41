"""Pydantic rules for the fields a user edits, with messages a project manager understands."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from pmtui.models.errors import BadValue
from pmtui.models.vocabulary import (  # noqa: F401 - check_plan_date and the limits are used from here too
    CONSTRAINT_TYPES,
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_AMOUNT,
    RESOURCE_KINDS,
    check_money,
    check_plan_date,
)
from pmtui.models.wording import brief

MAX_NAME = 200
_DATED = {"SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"}


def plan_date(value: date | None, what: str) -> date | None:
    """check_plan_date for services: raises BadValue."""
    try:
        return check_plan_date(value, what)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def _name(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValueError(f"{what} name is empty")
    if len(value) > MAX_NAME:
        raise ValueError(f"{what} name is longer than {MAX_NAME} characters")
    if any(ch in value for ch in "\n\r\t\x00"):
        raise ValueError(f"{what} name must be one line")
    bad = control_character(value)
    if bad is not None:
        # an escape sequence in a name would act on every terminal that lists it
        raise ValueError(f"{what} name contains the control character U+{ord(bad):04X}: names are plain text")
    return value


def day_name(value: str | None, what: str) -> str:
    """The name of a holiday or a worked day: a name's rules, but it may be left out ("")."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return _name(value, what)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def control_character(text: str) -> str | None:
    """The first C0 or C1 control character (or DEL) in ``text``: names are plain text."""
    return next((ch for ch in text if ch < " " or "\x7f" <= ch <= "\x9f"), None)


# A control character shown as the sign Unicode has for it (U+2400 + its code: ESC is ␛, DEL ␡),
# a C1 one as U+FFFD: visible, so that a reader sees something was there, and inert on every
# terminal. A tab or a line break is a space, as the CLI takes a note ("a  b" read as "a b").
_PICTURES = {**{c: chr(0x2400 + c) for c in range(0x20)}, 0x7F: "\u2421",
             **{c: "\ufffd" for c in range(0x80, 0xA0)}, 0x09: " ", 0x0A: " ", 0x0D: " "}


def visible(text: str) -> str:
    """``text`` with every control character made visible and harmless (ESC as ␛): for a text
    taken from a file that the rules would refuse, kept rather than refused whole."""
    return text.translate(_PICTURES) if control_character(text) is not None else text


def check_name(value: str, what: str) -> str:
    """A name as the rules take it, or BadValue: for an editor that keeps what was typed on a
    refusal instead of sending it off to be refused."""
    try:
        return _name(value, what)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


class TaskRules(BaseModel):
    """The whole editable state of a task; services validate the merged result of an edit."""

    model_config = ConfigDict(extra="forbid")

    name: str
    duration: int = 0
    optimistic: float | None = None
    most_likely: float | None = None
    pessimistic: float | None = None
    constraint_type: str = "ASAP"
    constraint_date: date | None = None
    deadline: date | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    remaining: int | None = None
    fixed_cost: float = 0.0
    notes: str = ""
    actual_cost: float | None = None

    @field_validator("name")
    @classmethod
    def _check_name(cls, v: str) -> str:
        return _name(v, "task")

    @field_validator("actual_cost")
    @classmethod
    def _check_actual_cost(cls, v: float | None) -> float | None:
        return check_money(v, "actual cost")

    @field_validator("constraint_date", "deadline", "actual_start", "actual_finish")
    @classmethod
    def _check_dates(cls, v: date | None, info) -> date | None:
        return check_plan_date(v, info.field_name.replace("_", " "))

    @field_validator("duration")
    @classmethod
    def _check_duration(cls, v: int) -> int:
        if v < 0:
            raise ValueError(f"duration {v}d is negative: it must be 0 or more working days")
        return v

    @field_validator("percent_complete")
    @classmethod
    def _check_percent(cls, v: int) -> int:
        if not 0 <= v <= 100:
            raise ValueError(f"percent complete {v}% must be from 0 to 100")
        return v

    @field_validator("remaining")
    @classmethod
    def _check_remaining(cls, v: int | None) -> int | None:
        if v is not None and v < 0:
            raise ValueError(f"remaining duration {v}d is negative")
        return v

    @field_validator("fixed_cost")
    @classmethod
    def _check_cost(cls, v: float) -> float:
        return check_money(v, "fixed cost")

    @field_validator("constraint_type")
    @classmethod
    def _check_constraint(cls, v: str) -> str:
        if v not in CONSTRAINT_TYPES:
            raise ValueError(f"constraint {brief(v)} is unknown: use one of {', '.join(CONSTRAINT_TYPES)}")
        return v

    @model_validator(mode="after")
    def _check_together(self) -> "TaskRules":
        if self.constraint_type in _DATED and self.constraint_date is None:
            raise ValueError(f"constraint {self.constraint_type} needs a date")
        estimates = [self.optimistic, self.most_likely, self.pessimistic]
        if any(e is not None for e in estimates):
            if any(e is None for e in estimates):
                raise ValueError("a three-point estimate needs optimistic, most likely and pessimistic")
            o, m, p = estimates
            if o < 0 or not o <= m <= p:
                raise ValueError(
                    f"estimates must be 0 ≤ optimistic ≤ most likely ≤ pessimistic (got {o:g}, {m:g}, {p:g})"
                )
        if self.actual_start and self.actual_finish and self.actual_finish < self.actual_start:
            raise ValueError(
                f"actual finish {self.actual_finish} is before actual start {self.actual_start}"
            )
        return self


class ResourceRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str = "person"
    cost_rate: float = 0.0
    max_units: float = 1.0

    @field_validator("name")
    @classmethod
    def _check_name(cls, v: str) -> str:
        return _name(v, "resource")

    @field_validator("kind")
    @classmethod
    def _check_kind(cls, v: str) -> str:
        v = (v or "").strip().lower()
        if v not in RESOURCE_KINDS:
            raise ValueError(f"resource kind {brief(v)} is unknown: use person, vendor or equipment")
        return v

    @field_validator("cost_rate")
    @classmethod
    def _check_rate(cls, v: float) -> float:
        return check_money(v, "cost rate")

    @field_validator("max_units")
    @classmethod
    def _check_units(cls, v: float) -> float:
        if not 0 < v <= 100:
            raise ValueError(f"max units {v:.0%} must be more than 0%")
        return v


class ProjectRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    start: date
    currency: str = "EUR"

    @field_validator("name")
    @classmethod
    def _check_name(cls, v: str) -> str:
        return _name(v, "project")

    @field_validator("start")
    @classmethod
    def _check_start(cls, v: date) -> date:
        return check_plan_date(v, "project start")

    @field_validator("currency")
    @classmethod
    def _check_currency(cls, v: str) -> str:
        v = (v or "").strip().upper()
        if len(v) != 3 or not v.isalpha():
            raise ValueError(f"currency {brief(v)} must be a three-letter ISO code such as EUR or USD")
        return v


def validated(rules: type[BaseModel], *, context: dict | None = None, **values) -> BaseModel:
    """Validate or raise BadValue with the first problem, phrased for a person; ``context`` goes
    to the validators (which fields of an edit hold stored values, not typed ones)."""
    try:
        return rules.model_validate(values, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        field = ".".join(str(p) for p in err.get("loc", ()))
        if err.get("type", "").endswith("_parsing") or err.get("type") in {"missing", "extra_forbidden"}:
            msg = f"{field}: {msg}"
        raise BadValue(msg) from None
