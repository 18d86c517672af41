"""MS Project XML (MSPDI): the format's facts and codes, shared by mspdi_reader and mspdi_writer.

Format facts used (Microsoft's MSPDI schema, mspdi_pj12.xsd, and MPXJ's reader/writer, which
pmtui's tests run against the real MS Project files in shared/data/mspdi):

- Root ``Project`` in namespace ``http://schemas.microsoft.com/project``; ``Calendars``,
  ``Tasks``, ``Resources``, ``Assignments``. The project summary task has UID 0; blank rows
  have ``IsNull`` = 1.
- Durations are ISO 8601 spans of *working* time (``PT16H0M0S``); a day is the project's
  ``MinutesPerDay`` (480 by default). ``LinkLag`` is in tenths of a minute (4800 = one 8-hour
  day) whatever its display ``LagFormat`` (7 days, 9 weeks, 8/10/… elapsed, 19/20 percent).
  ``TotalSlack``/``FreeSlack`` are in tenths of a minute too.
- ``PredecessorLink/Type``: 0 FF, 1 FS, 2 SF, 3 SS.
- ``ConstraintType`` (verified with MPXJ's ``org.mpxj.ConstraintType`` and
  ``mspdi.DatatypeConverter.parseConstraintType``): 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET,
  5 SNLT, 6 FNET, 7 FNLT. (This is *not* the order of pmtui's CONSTRAINT_TYPES tuple.)
- ``WeekDay/DayType`` 1 = Sunday … 7 = Saturday; 0 = an exception (``TimePeriod``), the only
  form Project 2002/2003 writes. Project 2007+ writes ``Exceptions/Exception`` (recurring ones
  included, see recurrence.py) and repeats them expanded as DayType 0; those copies are skipped.
- ``Resource/StandardRate`` is per hour whatever ``StandardRateFormat`` shows; pmtui stores a
  rate per working day (× hours per day). Resource ``Type``: 0 material, 1 work, 2 cost.
- Amounts of money (``Cost``, ``FixedCost``, ``CostPerUse`` …) are in hundredths of the currency
  unit: MS Project 2003's sample plan writes a cost per use of 15.00 as ``1500`` and a task of
  200 h at 10/h plus it as ``<Cost>201500</Cost>``; MPXJ's ``DatatypeConverter.parseCurrency``
  divides by 100. Rates (``StandardRate``) are not: 10/h is ``10``.
- ``Assignment/ResourceUID`` −65535 is MS Project's placeholder for a task without resources.
"""

from __future__ import annotations

import re

MSPDI_NS = "http://schemas.microsoft.com/project"
# Verified with MPXJ (see module docstring and tests/interchange/test_mpxj.py).
CONSTRAINT_FROM_CODE = {0: "ASAP", 1: "ALAP", 2: "MSO", 3: "MFO", 4: "SNET", 5: "SNLT", 6: "FNET", 7: "FNLT"}
CONSTRAINT_TO_CODE = {v: k for k, v in CONSTRAINT_FROM_CODE.items()}
LINK_FROM_CODE = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
LINK_TO_CODE = {v: k for k, v in LINK_FROM_CODE.items()}
LINK_FROM_TEXT = {str(k): v for k, v in LINK_FROM_CODE.items()}
ELAPSED_LAG_FORMATS = {4, 6, 8, 10, 12, 36, 38, 40, 42, 44}
PERCENT_LAG_FORMATS = {19, 20, 51, 52}
NO_RESOURCE = -65535
CURRENCY_UNITS = 100  # an MSPDI amount of money is in hundredths (see above)
# Written after the XML declaration since resource calendars say whose week they keep: a pmtui
# export without it is from before, when every resource calendar's week was written whole
# (see mspdi_reader._old_pmtui_export). A comment, as MSPDI has no field for the writing program.
PMTUI_MARK = "<!-- written by pmtui: a resource calendar with WeekDays keeps a week of its own -->"
# The Project elements every pmtui export has begun with, in order (StatusDate, when it has one,
# comes after them). MS Project and MPXJ write many more (CreationDate, LastSaved, Author …).
PMTUI_HEAD = ("SaveVersion", "Name", "Title", "ScheduleFromStart", "StartDate", "FinishDate", "CurrencyCode",
              "CalendarUID", "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay", "MinutesPerWeek",
              "DaysPerMonth", "DefaultTaskType", "DurationFormat", "WorkFormat", "HonorConstraints",
              "NewTasksEffortDriven", "WeekStartDay")
PMTUI_BODY = ("Calendars", "Tasks", "Resources", "Assignments")
START_CONSTRAINTS = {"SNET", "SNLT", "MSO"}
FINISH_CONSTRAINTS = {"FNET", "FNLT", "MFO"}

ISO_SPAN = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)
