"""Where dates fall in columns at every zoom: month ends, leap years, the header rows, and the
shading of weekends and holidays from the project calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pmtui.scheduling import WorkCalendar
from pmtui.services.gantt_layout import LEGEND, ZOOMS, Timescale, background, choose_zoom, scale_width, task_width


def days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


@pytest.mark.parametrize("zoom", ZOOMS)
def test_every_day_is_drawn_in_the_columns_that_map_back_to_it(zoom):
    sc = Timescale(zoom)
    previous = None
    for d in days(date(2027, 12, 1), date(2028, 3, 31)):  # across a year end and 29 February
        c = sc.col(d)
        first, last = sc.days_of(c)
        assert first <= d <= last
        assert sc.end_col(d) >= c
        if previous is not None:
            assert c >= sc.end_col(previous) or c == sc.col(previous)  # columns never go back
        previous = d


def test_day_and_week_zooms_give_every_day_the_same_width():
    day, week = Timescale("day"), Timescale("week")
    d = date(2028, 2, 28)
    assert day.col(d + timedelta(days=1)) - day.col(d) == 3
    assert day.span(d, d + timedelta(days=2)) == (day.col(d), day.col(d) + 8)  # 28, 29 Feb, 1 Mar
    assert week.col(date(2028, 3, 1)) - week.col(date(2028, 2, 28)) == 2  # 2028 is a leap year
    assert week.col(date(2027, 3, 1)) - week.col(date(2027, 2, 28)) == 1
    assert week.date_at(week.col(date(2028, 2, 29))) == date(2028, 2, 29)


def test_month_zoom_gives_every_month_the_same_width_whatever_its_length():
    sc = Timescale("month")
    k = sc.k
    for first in (date(2027, 1, 1), date(2027, 2, 1), date(2028, 2, 1), date(2027, 4, 1)):
        nxt = (first + timedelta(days=32)).replace(day=1)
        last = nxt - timedelta(days=1)
        assert sc.col(nxt) - sc.col(first) == k
        assert sc.span(first, last) == (sc.col(first), sc.col(first) + k - 1)  # a whole month fills its columns
    # the last day of February is in the month's last column, leap year or not
    assert sc.col(date(2028, 2, 29)) == sc.col(date(2028, 2, 1)) + k - 1
    assert sc.col(date(2027, 2, 28)) == sc.col(date(2027, 2, 1)) + k - 1
    assert sc.col(date(2028, 2, 28)) == sc.col(date(2028, 2, 1)) + k - 1
    assert sc.date_at(sc.col(date(2027, 1, 31))) <= date(2027, 1, 31)


def test_quarter_zoom_lines_quarters_up_and_places_month_ends():
    sc = Timescale("quarter")
    assert sc.col(date(2027, 4, 1)) - sc.col(date(2027, 1, 1)) == sc.k
    assert sc.col(date(2028, 1, 1)) - sc.col(date(2027, 1, 1)) == 4 * sc.k
    assert sc.end_col(date(2027, 3, 31)) == sc.col(date(2027, 4, 1)) - 1
    # Q1 2028 has 91 days, Q1 2027 has 90: the same columns either way
    assert sc.span(date(2028, 1, 1), date(2028, 3, 31)) == (sc.col(date(2028, 1, 1)), sc.col(date(2028, 1, 1)) + sc.k - 1)


def test_year_zoom_shows_a_two_year_programme_in_quarters_at_80_columns():
    """There was no zoom coarser than a quarter: nine columns a quarter show 16 months in the 49
    columns of the timeline at 80, so a two-year programme never fitted on one screen."""
    sc = Timescale("year")
    width = 80 - task_width(80) - 1
    assert scale_width(Timescale("quarter"), date(2027, 1, 4), date(2028, 12, 29)) > width
    assert scale_width(sc, date(2027, 1, 4), date(2028, 12, 29)) <= width - 2 * sc.k  # a quarter either side
    assert sc.col(date(2027, 4, 1)) - sc.col(date(2027, 1, 1)) == sc.k == 4
    assert sc.end_col(date(2027, 3, 31)) == sc.col(date(2027, 4, 1)) - 1
    top, bottom = sc.header(sc.col(date(2027, 1, 1)), width)
    # every quarter named, with a space before the next; every year over its first quarter
    assert bottom.split() == ["Q1", "Q2", "Q3", "Q4"] * 3
    assert top.split() == ["2027", "2028", "2029"] and top.index("2028") == bottom.index("Q1", 1)
    assert sc.step() == sc.k  # h and l move by a quarter


def test_header_rows_name_the_periods_above_their_first_column():
    sc = Timescale("week")
    c0 = sc.col(date(2027, 2, 22))  # a Monday
    top, bottom = sc.header(c0, 21)
    assert bottom.startswith("22     1      8")  # the weeks of 22 February, 1 and 8 March
    assert top.index("Mar 2027") == 7  # March starts with the second week
    top, bottom = Timescale("month").header(Timescale("month").col(date(2027, 11, 1)), 32)
    assert top.startswith("2027") and "2028" in top
    assert bottom.split() == ["Nov", "Dec", "Jan", "Feb"]
    top, bottom = Timescale("quarter").header(Timescale("quarter").col(date(2027, 1, 1)), 36)
    assert bottom.split() == ["Q1", "Q2", "Q3", "Q4"] and top.strip() == "2027"
    top, bottom = Timescale("day").header(Timescale("day").col(date(2027, 1, 30)), 15)
    assert bottom.split() == ["30", "31", "1", "2", "3"]
    assert top.index("Feb 2027") == 6 and "Jan" not in top  # "Jan 2027" does not fit in two days


def test_the_day_zoom_names_each_weekday_over_its_number_where_the_month_leaves_room():
    """Weekends were told by their shading alone, lost on a monochrome terminal or with NO_COLOR."""
    sc = Timescale("day")
    top, bottom = sc.header(sc.col(date(2026, 11, 23)), 49)  # from a Monday, into December
    assert top == "Nov 2026 Th Fr Sa Su Mo Dec 2026 Fr Sa Su Mo Tu  "
    assert bottom == "23 24 25 26 27 28 29 30  1  2  3  4  5  6  7  8  "
    # each initial is over its day's number, whatever day the view starts on
    names = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    c0 = sc.col(date(2027, 1, 5))
    top, bottom = sc.header(c0, 30)
    assert top.startswith("Jan 2027 ")  # the month under way keeps its name, over 5-7 January
    shown = [i for i in range(0, 30, 3) if top[i:i + 2] in names]
    assert len(shown) == 7
    for i in shown:
        day = sc.date_at(c0 + i)
        assert top[i:i + 2] == names[day.weekday()] and bottom[i:i + 2] == f"{day.day:>2}"
    # the other zooms have no room for them
    for zoom in ("week", "month", "quarter", "year"):
        top, _bottom = Timescale(zoom).header(Timescale(zoom).col(date(2027, 1, 4)), 60)
        assert "Mo" not in top and "Sa" not in top


def test_a_label_cut_by_the_right_edge_is_left_out():
    sc = Timescale("day")
    _top, bottom = sc.header(sc.col(date(2027, 1, 30)), 10)  # "30 31  1 " and one column of " 2"
    assert bottom.split() == ["30", "31", "1"]


def test_weekends_and_holidays_are_shaded_from_the_calendar():
    cal = WorkCalendar(exceptions={date(2027, 1, 6): False, date(2027, 1, 9): True})  # a holiday, a worked Saturday
    sc = Timescale("week")
    c0 = sc.col(date(2027, 1, 4))
    cells = background(sc, c0, 14, cal.is_working, today=None, status=None)
    shaded = [date(2027, 1, 4) + timedelta(days=i) for i, (_g, s) in enumerate(cells) if s == "off"]
    assert shaded == [date(2027, 1, 6), date(2027, 1, 10), date(2027, 1, 16), date(2027, 1, 17)]
    # at month zoom a column is shaded only when none of its days is worked
    msc = Timescale("month")
    cells = background(msc, msc.col(date(2027, 1, 1)), msc.k, cal.is_working, None, None)
    assert all(s == "" for _g, s in cells)


def test_today_and_status_lines_sit_on_their_days():
    cal = WorkCalendar()
    sc = Timescale("day")
    c0 = sc.col(date(2027, 1, 4))
    cells = background(sc, c0, 30, cal.is_working, today=date(2027, 1, 6), status=date(2027, 1, 5))
    assert cells[6] == ("│", "today") and cells[3] == ("┆", "status")


def test_today_and_the_status_date_in_one_column_show_both():
    """Today's line was drawn over the status date's whenever they shared a column: on the same
    day at any zoom, or on days a month column holds together; the status date vanished."""
    cal = WorkCalendar()
    for zoom, status, today in (("week", date(2027, 1, 6), date(2027, 1, 6)),
                                ("month", date(2027, 1, 1), date(2027, 1, 3)),
                                ("year", date(2027, 1, 4), date(2027, 1, 20))):
        sc = Timescale(zoom)
        c0 = sc.col(date(2026, 12, 1))
        assert sc.col(status) == sc.col(today)
        cells = background(sc, c0, 40, cal.is_working, today=today, status=status)
        marks = [(i, g) for i, (g, s) in enumerate(cells) if g != " "]
        assert marks == [(sc.col(today) - c0, "║")], zoom
        assert "║ today and status date in one column" in LEGEND
    # a day apart at the month zoom, in two columns: each its own line
    sc = Timescale("month")
    c0 = sc.col(date(2026, 12, 1))
    cells = background(sc, c0, 40, cal.is_working, today=date(2027, 1, 12), status=date(2027, 1, 4))
    assert [g for g, _s in cells if g != " "] == ["┆", "│"]


def test_the_zoom_chosen_for_a_report_is_the_finest_that_fits():
    assert choose_zoom(date(2027, 1, 4), date(2027, 1, 15), 40) == "day"
    assert choose_zoom(date(2027, 1, 4), date(2027, 2, 15), 60) == "week"
    assert choose_zoom(date(2027, 1, 4), date(2027, 12, 15), 100) == "month"
    # three years: 107 columns of quarters, 48 at the year zoom
    assert choose_zoom(date(2027, 1, 4), date(2029, 12, 15), 110) == "quarter"
    assert choose_zoom(date(2027, 1, 4), date(2029, 12, 15), 100) == "year"


def test_a_view_snaps_to_the_start_of_a_labelled_period():
    d = date(2027, 2, 17)  # a Wednesday
    assert Timescale("week").snap(Timescale("week").col(d)) == Timescale("week").col(date(2027, 2, 15))
    assert Timescale("month").snap(Timescale("month").col(d)) == Timescale("month").col(date(2027, 2, 1))
    assert Timescale("quarter").snap(Timescale("quarter").col(d)) == Timescale("quarter").col(date(2027, 1, 1))
    year = Timescale("year")  # its columns are a quarter's: a view starts on a quarter
    assert year.snap(year.col(date(2027, 8, 17))) == year.col(date(2027, 7, 1))
    day = Timescale("day")
    assert day.snap(day.col(d) + 2) == day.col(d)


def test_a_week_under_way_at_the_left_edge_is_not_labelled():
    sc = Timescale("week")
    top, bottom = sc.header(sc.col(date(2027, 2, 17)), 14)  # from a Wednesday
    assert bottom.split() == ["22", "1"] and bottom.index("22") == 5
    assert top.startswith("Feb 2027")  # the month under way is named
