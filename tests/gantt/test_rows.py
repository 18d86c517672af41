"""The cells of one task's row: each kind of bar has its own glyph, so the chart reads without
colour; progress, slack, deadlines, lateness and the baseline are drawn where their dates fall."""

from __future__ import annotations

from datetime import date

from pmtui.services.gantt_layout import Bar, Timescale, row_cells, runs

MON = date(2027, 1, 4)
SC = Timescale("week")  # one column a day
C0 = SC.col(MON)


def text(bar: Bar, width: int = 21) -> str:
    back = [(" ", "")] * width
    return "".join(g for g, _s in row_cells(SC, bar, C0, width, back))


def styles(bar: Bar, width: int = 21) -> list[str]:
    return [s for _g, s in row_cells(SC, bar, C0, width, [(" ", "")] * width)]


def test_ordinary_critical_summary_and_milestone_bars_differ_in_glyph():
    assert text(Bar(MON, date(2027, 1, 8))) == "▒▒▒▒▒" + " " * 16
    assert text(Bar(MON, date(2027, 1, 8), critical=True)) == "▓▓▓▓▓" + " " * 16
    assert text(Bar(MON, date(2027, 1, 8), summary=True)) == "▛▀▀▀▜" + " " * 16
    assert text(Bar(date(2027, 1, 6), date(2027, 1, 6), milestone=True)) == "  ◆" + " " * 18


def test_progress_fills_the_bar_in_proportion():
    bar = Bar(MON, date(2027, 1, 13), percent=50)  # ten days of columns, weekend included
    assert text(bar).startswith("█████▒▒▒▒▒ ")
    assert text(Bar(MON, date(2027, 1, 13), percent=100)).startswith("██████████ ")
    assert text(Bar(MON, date(2027, 1, 13), percent=1)).startswith("█▒▒▒")  # any progress shows


def test_slack_follows_the_bar_up_to_its_last_day():
    bar = Bar(MON, date(2027, 1, 5), slack_until=date(2027, 1, 8))
    assert text(bar).startswith("▒▒╌╌╌ ")


def test_deadline_is_marked_and_the_part_past_it_is_drawn_late():
    on_time = Bar(MON, date(2027, 1, 5), deadline=date(2027, 1, 7))
    assert text(on_time).startswith("▒▒ ▕ ")
    late = Bar(MON, date(2027, 1, 8), deadline=date(2027, 1, 6), late=True)
    assert text(late).startswith("▒▒▒▒▒ ")
    assert styles(late)[:5] == ["bar", "bar", "bar", "late", "late"]


def test_baseline_shows_where_the_bar_is_not():
    slipped = Bar(date(2027, 1, 6), date(2027, 1, 8), baseline=(MON, date(2027, 1, 6)))
    assert text(slipped).startswith("▁▁▒▒▒ ")


def test_bars_outside_the_view_are_clipped_not_wrapped():
    bar = Bar(date(2026, 12, 28), date(2027, 1, 5), critical=True)
    assert text(bar, 5) == "▓▓   "


def test_a_bar_wholly_out_of_view_points_to_it_from_that_edge_in_its_colour():
    after = Bar(date(2027, 2, 1), date(2027, 2, 5), critical=True)
    assert text(after, 5) == "    ▸" and styles(after, 5)[-1] == "crit"
    before = Bar(date(2026, 12, 1), date(2026, 12, 3), percent=100)
    assert text(before, 5) == "◂    " and styles(before, 5)[0] == "done"
    assert text(Bar(date(2026, 12, 1), date(2026, 12, 3), summary=True), 5) == "◂    "
    milestone = Bar(date(2027, 1, 9), date(2027, 1, 9), milestone=True)  # a day past the view
    assert text(milestone, 5) == "    ▸" and styles(milestone, 5)[-1] == "milestone"
    # one column in view is the bar itself, not a pointer
    assert text(Bar(date(2027, 1, 8), date(2027, 1, 12)), 5) == "    ▒"
    assert text(Bar(date(2026, 12, 28), MON), 5) == "▒    "


def test_runs_join_cells_of_one_style():
    cells = row_cells(SC, Bar(MON, date(2027, 1, 8), percent=40), C0, 8, [(" ", "")] * 8)
    assert runs(cells) == [("██", "done"), ("▒▒▒", "bar"), ("   ", "")]


def test_a_bar_over_its_baseline_is_underlined_there_and_the_baseline_shows_over_the_slack():
    grown = Bar(MON, date(2027, 1, 8), baseline=(MON, date(2027, 1, 6)))  # 3 days planned, 5 now
    assert text(grown).startswith("▒▒▒▒▒ ")
    assert styles(grown)[:6] == ["bar/base"] * 3 + ["bar", "bar", ""]
    done_late = Bar(MON, date(2027, 1, 5), percent=50, critical=True, baseline=(date(2027, 1, 5), date(2027, 1, 5)))
    assert styles(done_late)[:3] == ["done", "crit/base", ""]
    milestone = Bar(date(2027, 1, 6), date(2027, 1, 6), milestone=True, baseline=(MON, date(2027, 1, 6)))
    assert text(milestone).startswith("▁▁◆ ") and styles(milestone)[2] == "milestone/base"
    # moved earlier: its baseline is where its slack would be drawn, and wins over it
    earlier = Bar(MON, MON, slack_until=date(2027, 1, 8), baseline=(date(2027, 1, 6), date(2027, 1, 6)))
    assert text(earlier).startswith("▒╌▁╌╌ ")
    assert text(Bar(MON, MON, slack_until=date(2027, 1, 8))).startswith("▒╌╌╌╌ ")  # no baseline: as before


def test_a_summary_shows_the_progress_of_its_tasks_in_the_colour_of_done_work():
    half = Bar(MON, date(2027, 1, 13), summary=True, percent=50)  # ten columns
    assert text(half).startswith("▛▀▀▀▀▀▀▀▀▜ ")
    assert styles(half)[:10] == ["done"] * 5 + ["summary"] * 5
    assert styles(Bar(MON, date(2027, 1, 13), summary=True))[:10] == ["summary"] * 10
    assert styles(Bar(MON, date(2027, 1, 13), summary=True, percent=100))[:10] == ["done"] * 10
