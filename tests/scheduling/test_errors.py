from __future__ import annotations

import pytest

from pmtui.scheduling import (
    CycleError, InvalidTaskError, LinkSpec, SchedulingError, TaskSpec, UnknownTaskError,
    WorkCalendar, schedule,
)

from .conftest import MONDAY, L


def run(tasks, links):
    return schedule(tasks, links, WorkCalendar(anchor=MONDAY), MONDAY)


def named():
    return [TaskSpec(1, "Spec", 2, wbs="1.1"), TaskSpec(2, "Design", 3, wbs="1.2"),
            TaskSpec(3, "Build", 4, wbs="1.3"), TaskSpec(4, "Test", 1, wbs="1.4")]


def test_cycle_names_its_tasks_in_order():
    with pytest.raises(CycleError) as e:
        run(named(), [L(1, 2), L(2, 3), L(3, 4), L(4, 2)])
    assert str(e.value) == "dependency cycle: 1.2 Design → 1.3 Build → 1.4 Test → 1.2 Design"
    assert e.value.cycle == [2, 3, 4]
    assert isinstance(e.value, SchedulingError) and isinstance(e.value, ValueError)


def test_cycle_message_does_not_depend_on_input_order():
    links = [L(1, 2), L(2, 3), L(3, 4), L(4, 2)]
    msgs = set()
    for tasks, lk in ((named(), links), (named()[::-1], links[::-1])):
        with pytest.raises(CycleError) as e:
            run(tasks, lk)
        msgs.add(str(e.value))
    assert len(msgs) == 1


def test_self_link_is_a_cycle():
    with pytest.raises(CycleError, match=r"1\.1 Spec → 1\.1 Spec"):
        run(named(), [L(1, 1)])


def test_cycle_through_a_summary():
    tasks = [TaskSpec(1, "A", 1, wbs="1"), TaskSpec(2, "Phase", wbs="2"),
             TaskSpec(3, "B", 1, parent=2, wbs="2.1")]
    with pytest.raises(CycleError) as e:
        run(tasks, [L(1, 2), L(3, 1)])
    assert e.value.cycle == [1, 2, 3]
    assert "1 A → 2 Phase → 2.1 B → 1 A" in str(e.value)


def test_cycle_through_a_summarys_roll_up():
    # A link from a summary reads its roll-up, which waits for every task under it: a path
    # from that link back to one of those tasks is a loop, named with the summary in it.
    tasks = [TaskSpec(1, "Phase", wbs="1"), TaskSpec(2, "A", 2, parent=1, wbs="1.1"),
             TaskSpec(3, "B", 1, parent=1, wbs="1.2"), TaskSpec(4, "X", 3, wbs="2"),
             TaskSpec(5, "Y", 1, wbs="3")]
    with pytest.raises(CycleError) as e:
        run(tasks, [L(1, 4), L(4, 5), L(5, 3)])
    assert str(e.value) == "dependency cycle: 1 Phase → 2 X → 3 Y → 1.2 B → 1 Phase"
    with pytest.raises(CycleError, match=r"^dependency cycle: 1 Phase → 2 X → 1\.1 A → 1 Phase$"):
        run(tasks, [L(4, 2), L(1, 4)])


def test_long_cycle_does_not_recurse():
    n = 50_000
    tasks = [TaskSpec(i, f"T{i}", 1) for i in range(n)]
    links = [LinkSpec(i, i + 1) for i in range(n - 1)] + [LinkSpec(n - 1, 0)]
    with pytest.raises(CycleError) as e:
        run(tasks, links)
    assert len(e.value.cycle) == n


def test_unknown_ids():
    with pytest.raises(UnknownTaskError, match="task id 9"):
        run(named(), [L(1, 9)])
    with pytest.raises(UnknownTaskError, match="parent task id 77"):
        run([TaskSpec(1, "A", 1, parent=77)], [])


@pytest.mark.parametrize("tasks, msg", [
    ([TaskSpec(1, "A", -1)], "negative duration"),
    ([TaskSpec(1, "A", 1), TaskSpec(1, "B", 1)], "used twice"),
    ([TaskSpec(1, "A", 1, parent=2), TaskSpec(2, "B", parent=1)], "outline loops"),
    ([TaskSpec(1, "A", 1, parent=1)], "its own parent"),
])
def test_invalid_tasks(tasks, msg):
    with pytest.raises(InvalidTaskError, match=msg):
        run(tasks, [])


def test_bad_link_type():
    with pytest.raises(InvalidTaskError, match="use FS, SS, FF or SF"):
        run(named(), [LinkSpec(1, 2, "XX")])


def test_plain_strings_are_accepted_for_enums():
    r = run([TaskSpec(1, "A", 2), TaskSpec(2, "B", 1)], [LinkSpec(1, 2, "SS", 1)])
    assert r.tasks[2].es == 1


def test_empty_plan():
    r = run([], [])
    assert r.finish == r.start == MONDAY and not r.tasks and r.critical_paths() == []
