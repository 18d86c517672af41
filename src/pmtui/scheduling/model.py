"""Plain data in and out of the scheduler: specs describe the plan, TaskSchedule the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class LinkType(str, Enum):
    # Value order is ours; MSPDI's numeric codes (0 = FF, 1 = FS, 2 = SF, 3 = SS) belong to the
    # interchange layer.
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class ConstraintType(str, Enum):
    # Declaration order is ours and is NOT MSPDI's numbering: MSPDI's ConstraintType codes are
    # 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT. Map them explicitly in the
    # interchange layer; never use list(ConstraintType).index(c) as an MSPDI code.
    ASAP = "ASAP"
    ALAP = "ALAP"
    SNET = "SNET"
    SNLT = "SNLT"
    FNET = "FNET"
    FNLT = "FNLT"
    MSO = "MSO"
    MFO = "MFO"


# Constraints that carry a date; ASAP and ALAP do not.
DATED_CONSTRAINTS = frozenset(
    {
        ConstraintType.SNET,
        ConstraintType.SNLT,
        ConstraintType.FNET,
        ConstraintType.FNLT,
        ConstraintType.MSO,
        ConstraintType.MFO,
    }
)

CONSTRAINT_NAMES = {
    ConstraintType.ASAP: "As Soon As Possible",
    ConstraintType.ALAP: "As Late As Possible",
    ConstraintType.SNET: "Start No Earlier Than",
    ConstraintType.SNLT: "Start No Later Than",
    ConstraintType.FNET: "Finish No Earlier Than",
    ConstraintType.FNLT: "Finish No Later Than",
    ConstraintType.MSO: "Must Start On",
    ConstraintType.MFO: "Must Finish On",
}


@dataclass(slots=True)
class TaskSpec:
    id: int
    name: str
    duration: int = 0
    parent: int | None = None
    wbs: str = ""
    constraint: ConstraintType = ConstraintType.ASAP
    constraint_date: date | None = None
    deadline: date | None = None
    percent_complete: float = 0.0
    actual_start: date | None = None
    actual_finish: date | None = None
    remaining: int | None = None


@dataclass(slots=True)
class LinkSpec:
    pred: int
    succ: int
    type: LinkType = LinkType.FS
    lag: int = 0


@dataclass(slots=True)
class TaskSchedule:
    id: int
    summary: bool
    milestone: bool
    es: int
    ef: int
    ls: int
    lf: int
    start: date
    finish: date
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    total_float: int
    free_float: int
    critical: bool
    driving: tuple[int, ...]
    driven_by: str
    late: bool
    violations: tuple[str, ...]
    completed: bool = False
    in_progress: bool = False


@dataclass
class Violation:
    task_id: int
    kind: str  # "constraint" | "deadline" | "summary_constraint"
    message: str


def label(spec: TaskSpec) -> str:
    """How a task is named in messages: "1.2 Design", or "Design" / "task 7" without a WBS code."""
    name = spec.name or f"task {spec.id}"
    return f"{spec.wbs} {name}" if spec.wbs else name
