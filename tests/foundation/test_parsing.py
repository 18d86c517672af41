from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.models.errors import BadValue
from pmtui.models.parsing import (
    format_link,
    format_workdays,
    parse_date,
    parse_duration,
    parse_lag,
    parse_money,
    parse_percent,
    parse_predecessors,
    parse_units,
    parse_workdays,
)

from pmtui.services.costing import parse_amount  # noqa: E402
from pmtui.services.risk_rules import parse_ref, parse_scale  # noqa: E402

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize("text,days", [("3d", 3), ("2w", 10), ("0", 0), ("5", 5), ("1 week", 5), (" 4 days ", 4)])
def test_durations(text, days):
    assert parse_duration(text) == days


@pytest.mark.parametrize("text", ["banana", "-3d", "+3d", "1.5d", "", "3x", "200000d"])
def test_bad_durations_say_what_is_expected(text):
    with pytest.raises(BadValue) as err:
        parse_duration(text)
    assert repr(text) in str(err.value) or text.strip() in str(err.value)


def test_lags_may_be_negative():
    assert parse_lag("-2d") == -2
    assert parse_lag("+1w") == 5


@pytest.mark.parametrize("text,expected", [
    ("2027-01-04", date(2027, 1, 4)), ("today", TODAY), ("tomorrow", date(2026, 11, 24)),
    ("next monday", date(2026, 11, 30)), ("next friday", date(2026, 11, 27)),
    ("in 3 days", date(2026, 11, 26)), ("in 2 weeks", date(2026, 12, 7)),
    ("March 3 2027", date(2027, 3, 3)), ("2028-02-29", date(2028, 2, 29)),
])
def test_dates(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2027-02-30", "2027-13-01", "banana", "", "2027-02-29"])
def test_impossible_dates(text):
    with pytest.raises(BadValue):
        parse_date(text, TODAY)


def test_predecessor_notation_round_trips():
    refs = parse_predecessors("1.2FS+2d, 1.3, 4SS-1w,5ff")
    assert [(r.ref, r.type, r.lag) for r in refs] == [("1.2", "FS", 2), ("1.3", "FS", 0), ("4", "SS", -5), ("5", "FF", 0)]
    assert ", ".join(str(r) for r in refs) == "1.2FS+2d, 1.3, 4SS-5d, 5FF"
    assert format_link("3", "FS", 0) == "3"
    assert parse_predecessors("") == []


@pytest.mark.parametrize("text", ["1.2XX", "abc", "1.2FS+banana", "1..2"])
def test_bad_predecessors(text):
    with pytest.raises(BadValue):
        parse_predecessors(text)


def test_percent_units_workdays():
    assert parse_percent("60%") == 60
    assert parse_percent(" 60 % ") == 60 and parse_percent("60.0") == 60 and parse_percent(60) == 60
    for bad in ("140", "-1", "abc", "50.5", "50%%", "1_0", "5e1", "0x32", "inf", "nan"):
        with pytest.raises(BadValue):
            parse_percent(bad)
    for change in ("+10", "-10%"):  # a change, not a percent: "+10" was taken for 10 %
        with pytest.raises(BadValue, match="is a change, not a percent"):
            parse_percent(change)
    assert parse_units("50%") == 0.5 and parse_units("1") == 1.0 and parse_units("150") == 1.5
    for bad in ("0%", "10", "2"):  # "10" was 1000 % and "11" 11 %
        with pytest.raises(BadValue):
            parse_units(bad)
    assert format_workdays(parse_workdays("mon-fri")) == "mon,tue,wed,thu,fri"
    assert format_workdays(parse_workdays("mon-thu,sat")) == "mon,tue,wed,thu,sat"
    assert format_workdays(parse_workdays("Monday\u2013Friday")) == "mon,tue,wed,thu,fri"  # pasted en dash
    assert format_workdays(parse_workdays("tues,thurs")) == "tue,thu"
    # each of these was read as "mon" alone: a five-day week became a one-day week
    for bad in ("", "fri-mon", "funday", "mon fri", "mon..fri", "mon/fri", "monXfri", "mon tue wed", "mo"):
        with pytest.raises(BadValue):
            parse_workdays(bad)


# Whatever a person types, a parser answers with a value or a BadValue (one line for the CLI and
# the forms), never another exception: a traceback on `nan%` is how this test came about.
_TYPED = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "nan%", "inf%", "1e309d", "-0", "0x10", "1_000",
                     "９", "²", "1,5", "--1", "+-1", "1e-400", "\x00", "next", "in 99999999999 days",
                     "next blursday", "9999-99-99", "0000-01-01", "2027-02-29T25:00"]),
    st.builds(lambda n, u: f"{n}{u}", st.floats(allow_nan=True, allow_infinity=True),
              st.sampled_from(["", "d", "w", "%", " days"])),
)
_PARSERS = [parse_duration, parse_lag, parse_percent, parse_units, parse_money, parse_workdays,
            parse_predecessors, lambda s: parse_date(s, TODAY), parse_amount,
            lambda s: parse_scale(s, "probability"), lambda s: parse_ref(s, "R", "risk"),
            lambda s: parse_ref(s, "I", "issue")]


@settings(max_examples=300, deadline=None)
@given(text=_TYPED)
def test_every_parser_answers_bad_text_with_bad_value(text):
    for parse in _PARSERS:
        try:
            parse(text)
        except BadValue as exc:
            assert "\n" not in str(exc)


@pytest.mark.parametrize("text,one,two", [("06/01/2027", "1 June 2027", "6 January 2027"),
                                          ("6.1.2027", "1 June 2027", "6 January 2027"),
                                          ("03/04/27", "4 March", "3 April")])
def test_a_date_that_reads_both_day_first_and_month_first_is_refused(text, one, two):
    # '06/01/2027' was taken as 1 June; much of the world means 6 January by it
    with pytest.raises(BadValue) as err:
        parse_date(text, TODAY)
    assert str(err.value) == f"date {text!r} could be {one} or {two}: write it as YYYY-MM-DD"


@pytest.mark.parametrize("text,expected", [("13/01/2027", date(2027, 1, 13)), ("01/13/2027", date(2027, 1, 13)),
                                           ("05/05/2027", date(2027, 5, 5))])
def test_a_slashed_date_only_one_way_round_is_read(text, expected):
    assert parse_date(text, TODAY) == expected
