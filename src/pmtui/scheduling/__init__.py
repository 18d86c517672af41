"""Critical-path scheduling: working calendars and CPM, plain data in, plain results out.

Imports only the standard library (and may use dateutil); nothing else of pmtui.

    result = schedule(tasks, links, WorkCalendar(...), start, status_date=None,
                      resource_time={task_id: [ResourceTime("Alice", days_off)]})
    result.tasks[task_id]          -> TaskSchedule (early/late dates and indexes, floats, driving)
    result.critical_paths()        -> chains of task ids ending at the project finish
    result.explain(task_id)        -> "1.3 Build starts ... because 1.2 Design (FS+2d) finishes ..."
    result.explain_float(task_id)  -> "1.2 Design has 2d of float: to meet the project finish ..."

Where the modules are: ``calendar`` (working-day table), ``model`` (specs and results),
``network`` (checks and the flat graph), ``progress`` (what progress and constraints do; the
semantic choices are listed in its docstring), ``own_time`` (tasks worked on their
resources' time, around their leave), ``cpm`` (the two passes), ``result`` (lazy
results, floats, driving links), ``paths`` (critical paths and explanations), ``errors``.

Semantics follow DESIGN.md's "Domain conventions" and, where it is silent, MS Project; the
random cross-check against MPXJ's MicrosoftScheduler (tests/scheduling/test_mpxj_crosscheck.py)
pins early/late dates, total and free slack, constraints, deadlines, summaries and holidays.
Known, deliberate differences from MS Project: no task before the project start (DESIGN), the
status date holds back unfinished work (DESIGN), summary late dates and floats are the min/max of
their tasks', an SS/SF link from a summary bounds every task that starts with it, the
successors of an ALAP task follow its early dates, and a task in progress on its actual start
bounds neither its predecessors' late dates (MPXJ: by its remaining work's late start) nor, through
an SF link from its start, its own late finish.
"""

from .calendar import WorkCalendar
from .cpm import schedule
from .errors import CycleError, InvalidTaskError, SchedulingError, UnknownTaskError
from .model import ConstraintType, LinkSpec, LinkType, TaskSchedule, TaskSpec, Violation
from .own_time import ResourceTime
from .progress import work_split
from .result import ScheduleResult

__all__ = [
    "WorkCalendar", "TaskSpec", "ResourceTime", "LinkSpec", "LinkType", "ConstraintType",
    "schedule", "ScheduleResult", "TaskSchedule", "Violation",
    "SchedulingError", "CycleError", "UnknownTaskError", "InvalidTaskError", "work_split",
]
