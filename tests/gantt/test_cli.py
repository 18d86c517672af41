"""`pmtui gantt` on a small plan: the chart printed for pipes, the SVG, and one-line errors."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text

from pmtui.services import tasks as task_svc
from tests.foundation.helpers import cli


@pytest.fixture
def small(store, project, db_path):
    """From Monday 2027-01-04: Design (3d) → Build (4d) → Launch ◆; Docs (2d) beside them with a
    deadline on Friday it meets; Sign-off (1d) after Design with a deadline on Monday it misses."""
    pid = project.id
    task_svc.add_task(store, pid, "Design", duration=3)
    task_svc.add_task(store, pid, "Build", duration=4, after="1")
    task_svc.add_task(store, pid, "Launch", duration=0, after="2")
    task_svc.add_task(store, pid, "Docs", duration=2, deadline=date(2027, 1, 8))
    task_svc.add_task(store, pid, "Sign-off", duration=1, after="1", deadline=date(2027, 1, 4))
    return db_path


def rows_of(stdout: str) -> dict[str, tuple[str, str]]:
    """WBS code -> (flags, timeline) of each task row."""
    out = {}
    for line in stdout.splitlines()[2:]:
        left, bar, right = line.partition("│")
        if bar and left[4:5].isdigit():
            out[left[4:10].strip()] = (left[:3], right)
    return out


def test_prints_one_row_per_task_with_the_bars_where_the_dates_fall(small):
    ran = cli(small, "gantt", "--width", "60", "--today", "2027-01-05")
    assert ran.exit_code == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0].split("│")[1].startswith("Jan 2027")  # day zoom: nine days fit in 60 columns
    assert lines[1].split("│")[1].startswith(" 4  5  6  7  8  9 10 11 12")
    rows = rows_of(ran.stdout)
    assert list(rows) == ["1", "2", "3", "4", "5"]
    # three columns a day; Build runs Thursday to Tuesday across the weekend
    assert rows["1"] == ("C  ", "▓" * 9 + " " * 18)
    assert rows["2"][1] == "   │     " + "▓" * 18  # today's line (Tuesday) where the row is empty
    assert rows["3"][1].index("◆") == 26 and rows["3"][1].count("◆") == 1  # end of Tuesday
    assert rows["4"] == ("   ", "▒" * 6 + "╌" * 8 + "▕" + " " * 12)  # slack up to its deadline
    assert rows["5"][0] == "CL "  # finishes Thursday, after its Monday deadline
    assert rows["5"][1][9:12] == "▓▓▓"
    assert not any("┆" in timeline for _flags, timeline in rows.values())  # no status date set
    assert "day zoom, 2027-01-04 to 2027-01-12" in ran.stdout


def test_critical_only_and_a_range(small):
    ran = cli(small, "gantt", "--width", "60", "--critical", "--from", "2027-01-06", "--to", "2027-01-12",
              "--today", "2027-01-05")
    assert ran.exit_code == 0, ran.stderr
    assert list(rows_of(ran.stdout)) == ["1", "2", "3", "5"]
    assert ran.stdout.splitlines()[1].split("│")[1].startswith(" 6  7  8")
    assert rows_of(ran.stdout)["1"][1].startswith("▓▓▓ ")  # Design's last day only


def test_a_long_range_is_drawn_at_a_coarser_zoom(small):
    ran = cli(small, "gantt", "--width", "60", "--to", "2027-04-30", "--today", "2027-01-05")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.splitlines()[1].split("│")[1].split() == ["Jan", "Feb", "Mar", "Apr"]
    ran = cli(small, "gantt", "--width", "60", "--to", "2027-12-31", "--today", "2027-01-05")
    assert ran.stdout.splitlines()[1].split("│")[1].split() == ["Q1", "Q2", "Q3", "Q4"]


def test_two_years_are_drawn_whole_at_the_year_zoom(small):
    """Two years at 60 columns were drawn in quarters and cut after 16 months, the coarsest zoom
    there was; the year zoom draws them whole, and --zoom year asks for it."""
    for args in ([], ["--zoom", "year"]):
        ran = cli(small, "gantt", "--width", "60", "--to", "2028-12-31", "--today", "2027-01-05", *args)
        assert ran.exit_code == 0, ran.stderr
        top, bottom = (line.split("│")[1] for line in ran.stdout.splitlines()[:2])
        assert top.split() == ["2027", "2028"] and bottom.split() == ["Q1", "Q2", "Q3", "Q4"] * 2
        assert "year zoom, 2027-01-04 to 2028-12-31." in ran.stdout


def test_writes_svg(small, tmp_path):
    out = tmp_path / "chart.svg"
    ran = cli(small, "gantt", "--width", "80", "--svg", str(out), "--today", "2027-01-05")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout == f"wrote {out}\n"
    svg = out.read_text()
    assert svg.startswith("<svg") and "Sign-off" in svg and "Test&#160;project:&#160;Gantt" in svg


@pytest.mark.parametrize("args, message", [
    (["--from", "2027-02-01", "--to", "2027-01-01"], "--from 2027-02-01 is after --to 2027-01-01"),
    (["--width", "20"], "--width 20 is too narrow"),
    (["--from", "someday"], "date 'someday' is not understood"),
    (["--zoom", "decade"], "choose one of day, week, month, quarter, year"),
    (["--to", "2020-01-01"], "--to 2020-01-01 is before the project start"),  # drew an empty chart
])
def test_bad_options_are_one_line_errors(small, args, message):
    ran = cli(small, "gantt", *args)
    assert ran.exit_code == 2
    assert message in ran.stderr and ran.stderr.count("\n") == 1
    assert ran.stdout == ""


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_the_legend_keeps_each_mark_beside_its_meaning(small, width):
    """At 80 columns '◆' ended one line and 'milestone' began the next (at 120, '▕' and
    'deadline'): the legend breaks between its entries, never inside one."""
    from pmtui.cli.gantt import cli_legend

    out = cli(small, "gantt", "--width", str(width), "--today", "2027-01-04").stdout
    key = out[out.index("zoom, "):].rstrip("\n")
    assert max(len(line) for line in key.splitlines()) <= width
    entries = [e for e in cli_legend().split("  ")] + ["C critical · L late (finishes after its deadline)"]
    for entry in entries:
        assert any(entry in line for line in key.splitlines()), (entry, key)


def test_a_chart_cut_at_the_width_says_where_it_stops(small):
    """MS Project's 2003 progress file runs February 2011 to July 2012: 'gantt --width 80 --zoom
    day' drew 7 to 23 February and said 'day zoom, 2011-02-07 to 2012-07-20', as if all was there."""
    out = cli(small, "gantt", "--width", "40", "--zoom", "day", "--today", "2027-01-04").stdout
    shown = out.splitlines()[1].split("│")[1]  # the day numbers under the month
    last_day = int(shown.split()[-1])
    assert last_day < 12
    assert (f"day zoom, 2027-01-04 to 2027-01-{last_day:02d} of 2027-01-04 to 2027-01-12 "
            "(cut at 40 columns: --to, --zoom or --width for the rest).") in " ".join(out.split())
    out = cli(small, "gantt", "--width", "120", "--zoom", "day", "--today", "2027-01-04").stdout
    assert "day zoom, 2027-01-04 to 2027-01-12.  " in out


def test_with_baseline_a_bar_over_its_baseline_is_underlined_there(small, store, project):
    from pmtui.cli.gantt import chart_lines
    from pmtui.services.baselines import get_baseline, save_baseline

    save_baseline(store, project.id, "Approved")
    task_svc.edit_task(store, project.id, "1", duration=5)  # Design: 3 days planned, 5 now
    plan = task_svc.get_plan(store, project.id)
    lines = chart_lines(plan, width=60, first=date(2027, 1, 4), last=date(2027, 1, 15), today=date(2027, 1, 5),
                        zoom="week", baseline=get_baseline(store, project.id))
    design = next(l for l in lines if "Design" in l.plain)
    under = "".join(design.plain[s.start:s.end] for s in design.spans if "underline" in str(s.style))
    assert under == "▓▓▓"  # its three baseline days; the two days added are not underlined


def test_the_legend_names_the_options_not_the_screens_keys(small):
    out = cli(small, "gantt", "--width", "120", "--today", "2027-01-04").stdout
    key = " ".join(out[out.index("zoom, "):].split())
    assert "▁ baseline (--baseline), underlined where a bar covers it" in key
    assert "◂ ▸ bar before / after the view (--from, --to)" in key
    assert "(b)" not in key and "(f shows it)" not in key


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("colours", [None, "256", "truecolor"])
def test_the_chart_is_printed_at_once_with_the_bytes_a_print_per_line_wrote(small, store, project, monkeypatch,
                                                                             width, colours):
    # a print per line (one Rich render and a terminal size query each) was half of `pmtui
    # gantt` on 2,000 tasks: the lines are now printed at once, to the same bytes, wide
    # characters and names cut at the width included
    import io

    from rich.console import Console

    from pmtui.cli import gantt

    task_svc.edit_task(store, project.id, "2", name="設計レビューと承認のための長い名前のタスク")
    task_svc.edit_task(store, project.id, "4", name="Deploy 🚀 rocket")
    plan = task_svc.get_plan(store, project.id)
    lines = gantt.chart_lines(plan, width=width, first=date(2027, 1, 4), last=date(2027, 1, 12),
                              today=date(2027, 1, 5), critical=False)
    key = gantt.legend("day", date(2027, 1, 4), date(2027, 1, 12), width)

    def console() -> Console:
        return Console(width=width, file=io.StringIO(), force_terminal=colours is not None, color_system=colours,
                       highlight=False, soft_wrap=False)

    old = console()
    for line in lines:
        old.print(line, no_wrap=True, overflow="crop")
    old.print(key)
    new = console()
    prints = []
    real = Console.print
    monkeypatch.setattr(Console, "print", lambda self, *a, **k: prints.append(1) or real(self, *a, **k))
    gantt.print_chart(new, lines, key)
    assert len(prints) == 2  # the chart, then the key
    assert new.file.getvalue() == old.file.getvalue()
    assert ("\x1b[" in new.file.getvalue()) == (colours is not None)
    # a line too wide as it is (never drawn so, but any Text may come) is cropped as before
    wide = [*lines, Text("x" * (width + 1), "bold"), Text("a\tb")]
    assert not gantt.fits(wide, width) and gantt.fits(lines, width)
    old, new = console(), console()
    for line in wide:
        real(old, line, no_wrap=True, overflow="crop")
    real(old, key)
    gantt.print_chart(new, wide, key)
    assert new.file.getvalue() == old.file.getvalue()
