from __future__ import annotations

from datetime import date

import pytest

from pmtui.scheduling import LinkSpec, TaskSpec, WorkCalendar

MONDAY = date(2027, 1, 4)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar(anchor=MONDAY)


def T(id: int, dur: int = 1, **kw) -> TaskSpec:
    return TaskSpec(id, kw.pop("name", f"T{id}"), dur, **kw)


def L(pred: int, succ: int, type: str = "FS", lag: int = 0) -> LinkSpec:
    from pmtui.scheduling import LinkType

    return LinkSpec(pred, succ, LinkType(type), lag)
