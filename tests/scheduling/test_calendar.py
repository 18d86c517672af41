from datetime import date, timedelta

import pytest

from pmtui.scheduling import InvalidTaskError, WorkCalendar

MON = date(2027, 1, 4)


def test_index_and_date_both_ways():
    cal = WorkCalendar(anchor=MON)
    assert cal.date_of(0) == MON
    assert [cal.date_of(i) for i in range(6)] == [
        date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 6), date(2027, 1, 7), date(2027, 1, 8),
        date(2027, 1, 11),
    ]
    for i in range(-600, 600, 7):
        assert cal.index_on_or_after(cal.date_of(i)) == i
        assert cal.index_on_or_before(cal.date_of(i)) == i


def test_anchor_on_weekend_means_next_working_day():
    cal = WorkCalendar(anchor=date(2027, 1, 2))  # Saturday
    assert cal.date_of(0) == MON


def test_non_working_days_round_in_each_direction():
    cal = WorkCalendar(anchor=MON)
    sat = date(2027, 1, 9)
    assert not cal.is_working(sat)
    assert cal.index_on_or_after(sat) == 5  # Monday 11th
    assert cal.index_on_or_before(sat) == 4  # Friday 8th


def test_holidays_and_worked_saturday():
    cal = WorkCalendar(anchor=MON, exceptions={date(2027, 1, 6): False, date(2027, 1, 9): True})
    assert not cal.is_working(date(2027, 1, 6))
    assert cal.is_working(date(2027, 1, 9))
    assert [cal.date_of(i) for i in range(6)] == [
        date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 7), date(2027, 1, 8), date(2027, 1, 9),
        date(2027, 1, 11),
    ]


def test_negative_indexes_are_days_before_the_anchor():
    cal = WorkCalendar(anchor=MON)
    assert cal.date_of(-1) == date(2027, 1, 1)
    assert cal.date_of(-5) == date(2026, 12, 28)
    assert cal.index_on_or_after(date(2026, 12, 28)) == -5


def test_far_dates_extend_the_table():
    cal = WorkCalendar(anchor=MON)
    far = cal.date_of(100_000)  # ~383 years of weekdays
    assert far.year > 2400 and far.weekday() < 5
    assert cal.index_on_or_after(far) == 100_000
    past = date(1801, 3, 2)
    i = cal.index_on_or_after(past)
    assert cal.date_of(i) == past and i < -50_000
    assert cal.index_on_or_after(date(2100, 1, 1)) == cal.index_on_or_after(date(2100, 1, 1))


def test_leap_years():
    cal = WorkCalendar(anchor=date(2028, 2, 28))  # Monday; 2028 is a leap year
    assert cal.date_of(1) == date(2028, 2, 29)
    assert cal.date_of(2) == date(2028, 3, 1)
    # 2100 is not a leap year
    assert cal.add_working_days(date(2100, 2, 26), 1) == date(2100, 3, 1)


def test_add_working_days_forwards_and_back():
    cal = WorkCalendar(anchor=MON)
    assert cal.add_working_days(date(2027, 1, 8), 1) == date(2027, 1, 11)
    assert cal.add_working_days(date(2027, 1, 11), -1) == date(2027, 1, 8)
    assert cal.add_working_days(date(2027, 1, 4), 10) == date(2027, 1, 18)
    assert cal.add_working_days(date(2027, 1, 9), 1) == date(2027, 1, 11)  # Saturday + 1
    assert cal.add_working_days(date(2027, 1, 9), -1) == date(2027, 1, 8)  # Saturday - 1
    assert cal.add_working_days(date(2027, 1, 9), 0) == date(2027, 1, 11)


def test_working_days_between_is_half_open():
    cal = WorkCalendar(anchor=MON, exceptions={date(2027, 1, 6): False})
    assert cal.working_days_between(date(2027, 1, 4), date(2027, 1, 11)) == 4
    assert cal.working_days_between(date(2027, 1, 11), date(2027, 1, 4)) == -4
    assert cal.working_days_between(date(2027, 1, 9), date(2027, 1, 11)) == 0


def test_agrees_with_a_day_by_day_count():
    cal = WorkCalendar(workdays=(0, 1, 2, 3, 5), exceptions={date(2027, 3, 1): False}, anchor=MON)
    d, i = MON, 0
    for _ in range(800):
        if cal.is_working(d):
            assert cal.date_of(i) == d
            i += 1
        d += timedelta(days=1)


def test_a_calendar_needs_a_working_weekday():
    with pytest.raises(InvalidTaskError, match="no working weekday"):
        WorkCalendar(workdays=())
    with pytest.raises(ValueError):
        WorkCalendar(workdays=(7,))
