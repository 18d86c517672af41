"""Turn what a user types into values, or refuse it with a message that says what is expected.

Durations and lags are whole working days ("3d", "2w", "0"); a week is five working days, as in
MS Project's default "days per week". Dates are ISO, a few words ("today", "next monday",
"in 3 days") or anything python-dateutil reads unambiguously.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pmtui.models.errors import BadValue, NotFound
from pmtui.models.vocabulary import CONSTRAINT_TYPES, LINK_TYPES, RISK_KINDS, WEEKDAY_NAMES, check_money
from pmtui.models.wording import brief

DAYS_PER_WEEK = 5
MAX_DAYS = 100_000

_SPAN = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(d|day|days|w|wk|wks|week|weeks|)\s*$", re.I)
_WEEKDAYS = {name: i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAYS.update(
    {n: i for i, n in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
)


def _span_days(text: str, what: str, *, allow_negative: bool) -> int:
    m = _SPAN.match(text or "")
    if not m:
        raise BadValue(f"{what} {brief(text)} is not understood: use working days like 3d, 2w or 0")
    number, unit = float(m.group(1)), m.group(2).lower()
    days = number * DAYS_PER_WEEK if unit.startswith("w") else number
    if days != int(days):
        raise BadValue(f"{what} {brief(text)} is not a whole number of working days")
    days = int(days)
    if days < 0 and not allow_negative:
        raise BadValue(f"{what} {brief(text)} is negative: it must be 0 or more working days")
    if abs(days) > MAX_DAYS:
        raise BadValue(f"{what} {brief(text)} is too long: at most {MAX_DAYS} working days")
    return days


def is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' and other digits int() refuses."""
    return bool(_DIGITS.fullmatch(text))


_DIGITS = re.compile(r"[0-9]+")


def parse_duration(text: str | int, what: str = "duration") -> int:
    """'3d' -> 3, '2w' -> 10, '0' -> 0 (a milestone). ``what`` names the value in a refusal
    (days left, a schedule impact): the user typed that, not a duration."""
    if isinstance(text, int):
        text = str(text)
    m = _SPAN.match(text or "")
    if m and m.group(1)[0] == "+" and float(m.group(1)):
        # `task edit 3.4.4 --duration +5d`, five more days, set a 10-day task to 5: the plus was
        # read as part of the number (a minus is refused as negative, which it is either way)
        raise BadValue(f"{what} {text!r} is a change: give the {what} itself in working days (e.g. 15d), "
                       "not what to add or take away")
    return _span_days(text, what, allow_negative=False)


def parse_lag(text: str | int) -> int:
    """'2d' -> 2, '-1w' -> -5: negative is a lead."""
    if isinstance(text, int):
        text = str(text)
    return _span_days(text, "lag", allow_negative=True)


def format_days(days: int) -> str:
    return f"{days}d"


def parse_date(text: str | date, today: date | None = None, *, what: str = "date") -> date:
    """ISO dates, 'today', 'tomorrow', 'yesterday', 'next monday', 'in 3 days', or what dateutil reads.
    ``what`` names the value in messages: a command with several date options passes the
    option ('--since date'), so the message says which one to fix."""
    if isinstance(text, date):
        return text
    raw = (text or "").strip()
    if not raw:
        raise BadValue(f"{what} is empty: use YYYY-MM-DD, e.g. 2027-01-04{_WORDS}")
    today = today or date.today()
    low = raw.lower()
    simple = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if low in simple:
        return today + timedelta(days=simple[low])
    m = re.fullmatch(r"(next|this|last)\s+(\w+)", low)
    if m and m.group(2) in _WEEKDAYS:
        target = _WEEKDAYS[m.group(2)]
        delta = (target - today.weekday()) % 7
        if m.group(1) == "next":
            delta = delta or 7
        elif m.group(1) == "last":
            delta = -((today.weekday() - target) % 7 or 7)
        return today + timedelta(days=delta)
    m = re.fullmatch(r"in\s+(\d+)\s+(day|days|week|weeks)", low)
    if m:
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        try:
            return today + timedelta(days=n)
        except OverflowError:
            raise BadValue(f"{what} {brief(raw)} is out of range: use YYYY-MM-DD") from None
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", raw):
        try:
            y, mo, d = (int(p) for p in raw.split("-"))
            return date(y, mo, d)
        except ValueError as exc:
            raise BadValue(f"{what} {brief(raw)} does not exist ({exc})") from None
    m = _NUMERIC.fullmatch(raw)
    if m and int(m.group(1)) != int(m.group(2)) and all(1 <= int(g) <= 12 for g in m.groups()[:2]):
        # dateutil read '06/01/2027' month first, as 1 June; a user in most of Europe meant
        # 6 January, and the holiday or start went in five months off without a word
        a, b, year = m.groups()
        one, two = (_month_day(year, int(a), int(b)), _month_day(year, int(b), int(a)))
        raise BadValue(f"{what} {brief(raw)} could be {one} or {two}: write it as YYYY-MM-DD")
    # imported here: dateutil's parser is 13 ms of the app's start, and most dates are ISO
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(raw, default=_midnight(today), dayfirst=False)
    except (ValueError, OverflowError):
        # dateutil's own message repeats the text unescaped; the repr above already shows it
        raise BadValue(f"{what} {brief(raw)} is not understood: use YYYY-MM-DD, e.g. 2027-01-04{_WORDS}") from None
    return parsed.date()


# the words parse_date takes besides dates, named where a date was refused: "use YYYY-MM-DD"
# alone sent users who typed "next fri" to the calendar for a date the parser reads
_WORDS = ", or today, tomorrow, next friday, in 3 days"
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")


def _month_day(year: str, month: int, day: int) -> str:
    return f"{day} {date(2000, month, 1):%B}" + (f" {year}" if len(year) == 4 else "")


def _midnight(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


_PERCENT = re.compile(r"[+-]?\d+(\.\d*)?|[+-]?\.\d+")  # a plain decimal, as typed


def parse_percent(text: str | int | float) -> int:
    """'60%', '60' -> 60; whole percent from 0 to 100."""
    raw = str(text).strip().removesuffix("%").strip()
    # float() alone took '50%%' (every % stripped), '1_0' and '5e1' for 50: a typo passed as a value
    if not _PERCENT.fullmatch(raw):
        raise BadValue(f"percent complete {brief(text)} is not a number: use 0 to 100, e.g. 60%")
    if raw[0] in "+-" and float(raw):
        # `pmtui progress 2.8 +10` meant ten more, and set 60 % to 10 % (and -10 read as a typo)
        raise BadValue(f"percent complete {brief(text)} is a change, not a percent: give what it is now, "
                       f"0 to 100, e.g. 60%")
    value = float(raw)
    if not 0 <= value <= 100 or value != int(value):  # NaN fails the range test first
        raise BadValue(f"percent complete {brief(text)} must be a whole number from 0 to 100")
    return int(value)


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def parse_money(text: str | float, what: str = "amount", why_not_negative: str = "") -> float:
    """'12,500', '12500.50' -> a finite, non-negative amount."""
    raw = str(text).replace("_", "").strip()
    if "," in raw:
        # a comma only groups thousands: dropping every comma read the European '1.200,50' as
        # 1.2005 and '1,5' as 15, and saved them without a word
        if not _GROUPED.fullmatch(raw):
            raise BadValue(f"amount {brief(text)} is not a number: a comma only groups thousands, "
                           f"as in 12,500.50; decimals go after a point")
        raw = raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        raise BadValue(f"amount {brief(text)} is not a number (e.g. 12500 or 12,500.50)") from None
    try:
        return check_money(value, what, why_not_negative)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def parse_units(text: str | float) -> float:
    """'50%' -> 0.5; a bare number up to 1 is a fraction ('0.5', '1'), above 10 a percentage
    ('150'); between the two it could be either ('10': 10 % or 1000 %?), so it is refused."""
    raw = str(text).strip()
    try:
        if raw.endswith("%"):
            value = float(raw[:-1]) / 100
        else:
            value = float(raw)
            if value > 10:
                value /= 100
            elif value > 1:
                raise BadValue(f"units {brief(text)} could be {raw}% or {value:.0%}: write it with a % sign")
    except ValueError:
        raise BadValue(f"units {brief(text)} are not understood: use a percentage like 50%") from None
    if not 0 < value <= 10:
        raise BadValue(f"units {brief(text)} must be more than 0% and at most 1000%")
    return round(value, 4)


def parse_workdays(text: str) -> int:
    """'mon-fri' -> bitmask; 'mon,tue,thu', 'mon-thu,sat' and full names ('monday-friday') work
    too. Each name must be a whole day's name or its start ('tues'): cutting every word to three
    letters read 'mon fri' and 'mon..fri' as Monday alone."""
    mask = 0
    # a dash pasted from a document is an en or em dash
    cleaned = (text or "").replace("\u2013", "-").replace("\u2014", "-")
    for part in (p.strip().lower() for p in cleaned.split(",")):
        if not part:
            continue
        ends = [_weekday(e.strip()) for e in part.split("-")]
        if len(ends) > 2 or None in ends:
            raise BadValue(f"working days {brief(text)} are not understood: use e.g. mon-fri or mon,tue,thu")
        first = WEEKDAY_NAMES.index(ends[0])
        last = WEEKDAY_NAMES.index(ends[-1])
        if last < first:
            raise BadValue(f"working days {brief(part)} run backwards: write the range as mon-fri")
        for i in range(first, last + 1):
            mask |= 1 << i
    if not mask:
        raise BadValue(f"working days {brief(text)} name no day: a calendar needs at least one working day")
    return mask


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(word: str) -> str | None:
    """The three-letter name of the day ``word`` names (at least its first three letters)."""
    if len(word) >= 3:
        for short, full in zip(WEEKDAY_NAMES, _FULL_DAYS):
            if full.startswith(word):
                return short
    return None


def format_workdays(mask: int) -> str:
    return ",".join(name for i, name in enumerate(WEEKDAY_NAMES) if mask >> i & 1)


def parse_constraint(text: str) -> str:
    value = (text or "").strip().upper()
    if value not in CONSTRAINT_TYPES:
        raise BadValue(f"constraint {brief(text)} is unknown: use one of {', '.join(CONSTRAINT_TYPES)}")
    return value


def parse_link_type(text: str) -> str:
    value = (text or "").strip().upper()
    if value not in LINK_TYPES:
        raise BadValue(f"link type {brief(text)} is unknown: use FS, SS, FF or SF")
    return value


@dataclass(frozen=True)
class LinkRef:
    """One predecessor in MS Project notation: '1.2FS+2d' -> ('1.2', 'FS', 2)."""

    ref: str
    type: str = "FS"
    lag: int = 0

    def __str__(self) -> str:
        return format_link(self.ref, self.type, self.lag)


_LINK = re.compile(r"^\s*(#?\d+(?:\.\d+)*)\s*(FS|SS|FF|SF)?\s*([+-]\s*\d+(?:\.\d+)?\s*[a-z]*)?\s*$", re.I)


def parse_predecessors(text: str) -> list[LinkRef]:
    """'3FS+2d, 5SS' -> two LinkRefs; an empty text is no predecessor."""
    result: list[LinkRef] = []
    for part in (p for p in (text or "").split(",") if p.strip()):
        m = _LINK.match(part)
        if not m:
            raise BadValue(
                f"predecessor {brief(part.strip())} is not understood: use a WBS code with an optional "
                "type and lag, e.g. 1.2FS+2d, 1.3SS or 4"
            )
        ref, kind, lag = m.group(1), (m.group(2) or "FS").upper(), m.group(3)
        if lag and not kind:
            kind = "FS"
        result.append(LinkRef(ref, kind, parse_lag(lag.replace(" ", "")) if lag else 0))
    return result


def format_link(ref: str, kind: str, lag: int) -> str:
    """MS Project's notation: FS with no lag is the bare code."""
    if kind == "FS" and lag == 0:
        return ref
    text = f"{ref}{kind}"
    if lag:
        text += f"{lag:+d}d"
    return text


def risk_kind(text: str) -> str:
    """'threat' or 'opportunity' from either word or a start of it, in any case: `risk list`
    writes an opportunity as 'opp', and `--kind opp` was refused as unknown."""
    v = (text or "").strip().lower()
    kinds = [k for k in RISK_KINDS if v and k.startswith(v)]
    if len(kinds) != 1:
        raise BadValue(f"risk kind {brief(v)} is unknown: use threat or opportunity")
    return kinds[0]


def parse_ref(text: str | int, prefix: str, what: str) -> int:
    """'R3', '#3' or '3' -> 3 (prefix 'R' for risks, 'I' for issues): the risk's or issue's number
    within its project (Risk.number, Issue.number), never a row id, which runs across projects."""
    raw = str(text).strip()
    digits = raw.lstrip("#")
    if digits[:1].upper() == prefix:
        digits = digits[1:]
    if not is_digits(digits) or len(digits) > 18:  # more would overflow SQLite's integer
        raise BadValue(f"{what} {brief(raw)} is not an id: use a number like {prefix}3 or 3")
    return int(digits)


def no_numbered(what: str, prefix: str, number: int) -> NotFound:
    """The refusal of a risk's or issue's number that is not in the project."""
    return NotFound(f"no {what} {prefix}{number} in this project (see `pmtui {what} list`)")
