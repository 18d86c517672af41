"""Status reports for the demo plan: sections and key numbers in Markdown, a well-formed and
self-contained HTML file, and templates a user can override."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from html.parser import HTMLParser

import pytest

from pmtui.models.errors import BadValue
from pmtui.reports import render_report
from pmtui.scheduling.evm import earned_value
from pmtui.services import snapshots, status
from pmtui.services.resource_load import resource_loads
from pmtui.services.demo import create_demo
from pmtui.services.projects import current_project
from pmtui.services.tasks import edit_task
from pmtui.store import open_store
from pmtui.store.locations import config_dir
from tests.conftest import file_digest
from tests.foundation.helpers import cli

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0)
SECTIONS = ("## Summary", "## RAG status", "## What moved the finish", "## Milestones", "## What's late", "## Done since", "## Slipped since the last report",
            "## Critical path", "## Resources booked above their max units", "## Top risks and responses", "## Open issues and blockers", "## Earned value", "## Trend")


@pytest.fixture
def clock(monkeypatch):
    """The journal's clock (UTC), set by the test: what a report lists depends on the day a change
    was made, and the real clock is not the demo's."""
    now = [datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)]  # at 10:00 UTC the same day on most clocks
    monkeypatch.setattr("pmtui.store.journal.utcnow", lambda: now[0])
    return now


@pytest.fixture
def demo(store, clock, built_db):
    built_db(f"{__name__}.demo", _demo, store.path)  # built once per session, on the clock set
    return current_project(store).id


def _demo(path):
    store = open_store(str(path))
    try:
        pid = create_demo(store, today=TODAY).id  # the demo saves its baseline 'Approved plan'
        snapshots.take_snapshot(store, pid)
        edit_task(store, pid, "5.6", duration=25)  # hypercare extended by a week: the finish slips
    finally:
        store.close()


def test_markdown_report_of_the_demo(store, demo):
    text = render_report(store, demo, fmt="md", since=date(2026, 11, 16), now=NOW)
    positions = [text.index(h) for h in SECTIONS]
    assert positions == sorted(positions)
    st = status.project_status(store, demo)
    p = st.evm.project
    assert text.startswith("# Status report: CRM migration")
    assert f"BAC | {p.bac:,.0f} |" in text and f"| SPI | {p.spi:.2f} |" in text and f"| CPI | {p.cpi:.2f} |" in text
    assert "Forecast finish: 2027-02-22, +5d against baseline 'Approved plan' (2027-02-15)" in text
    assert "Project closed: 2027-02-15 → 2027-02-22 (+5d)" in text  # slipped since the snapshot
    assert "| Schedule | **A** | SPI" in text  # 5 days of slip is amber by default
    assert "Edit task: 5.6 duration: 20 → 25" in text  # what was done, from the journal
    # with its code, as the team says it and every other screen shows it
    assert re.search(r"\| 16 \| high \| R1 Legacy data quality worse than profiled \| threat \| mitigate: ", text)
    assert "| 5.9 | Project closed | 2026-02-15" not in text and "| 5.9 | Project closed | 2027-02-15 | 2027-02-22 | +5d |" in text
    assert "Implementation partner staffing delay" in text
    # the critical path to the finish, then the tasks behind the unmet Go-live date (negative
    # float, driving no finish): the report left out the tasks most behind. They are a table of
    # their own: in one, 2.8 of November read as the next step of a path that ended in March.
    critical = text[text.index("## Critical path"):text.index("## Top risks")]
    path, others = critical.split("Also without float, off the path to the finish above: held by a deadline or a "
                                  "constraint, or on another path as long as it.")
    path_wbs = re.findall(r"^\| ([\d.]+) \|", path, re.M)
    assert path_wbs == [st.plan.by_id[i].wbs for i in st.plan.schedule.critical_paths(limit=1)[0]]
    assert path_wbs[-1] == "5.9" and st.critical_to_finish == len(path_wbs)
    assert "| 2.8 | Solution design document (SDD) | 2026-11-16 | 2026-11-25 | -2d |" in others
    assert not set(path_wbs) & set(re.findall(r"^\| ([\d.]+) \|", others, re.M))


def done_part(text: str) -> str:
    return text[text.index("## Done since"):text.index("## Slipped")]


def test_done_since_covers_the_days_up_to_the_status_date_not_the_clock(store, demo, clock):
    """A report as of a status date in the past listed the changes made since, by the clock (today's
    among 'done' a week before), and tasks finished after that date; one as of a date ahead, the
    tasks of its week but none of the changes made then."""
    from pmtui.services.projects import set_status_date

    plan = status.project_status(store, demo).plan
    finished = sorted((t.actual_finish, t.wbs, t.name) for t in plan.tasks
                      if not t.children and t.actual_finish is not None)
    assert finished[-1][0] > date(2026, 11, 9)  # the demo finished work after the day used below
    clock[0] = datetime(2026, 11, 6, 10, 0, tzinfo=timezone.utc)
    edit_task(store, demo, "5.8", duration=4)  # a change made in the week the report covers
    clock[0] = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    set_status_date(store, demo, date(2026, 11, 9))
    text = render_report(store, demo, fmt="md", now=NOW)
    assert "covering 2026-11-02 to 2026-11-09" in text
    part = done_part(text)
    assert "2026-11-06 Edit task: 5.8 duration" in part
    assert "5.6 duration: 20 → 25" not in part and "Set status date" not in part  # made on 23 Nov
    assert "changes to the plan made after 2026-11-09 (not listed" in part
    for day, wbs, name in finished:
        assert (f"{wbs} {name}, finished {day}" in part) == (date(2026, 11, 2) <= day <= date(2026, 11, 9))


def test_snapshots_after_the_status_date_are_not_the_last_report(store, demo):
    """The demo's snapshot is as of 23 November; with the status date moved back to 9 November the
    report compared with it as 'the last report' (a slip 'since' a state two weeks later) and drew
    it in the trend of a report as of 9 November."""
    from pmtui.services.projects import set_status_date

    set_status_date(store, demo, date(2026, 11, 9))
    text = render_report(store, demo, fmt="md", now=NOW)
    slipped = text[text.index("## Slipped"):text.index("## Critical")]
    assert ("No snapshot as of 2026-11-09 or earlier to compare with: what is late against the baseline is "
            "under What's late.") in slipped
    assert "Project closed: 2027-02-15 → 2027-02-22" not in slipped and "2026-11-23" not in slipped
    assert ("_No snapshot as of 2026-11-09 or earlier (1 later one, after the status date, not shown): take one "
            "with `pmtui status snapshot`") in text
    snapshots.take_snapshot(store, demo)  # as of 9 November
    for fmt in ("md", "html"):
        text = render_report(store, demo, fmt=fmt, now=NOW)
        assert "Compared with the snapshot of 2026-11-09." in text
        assert "1 snapshot, 2026-11-09; 1 later snapshot, after the status date, not shown" in text
    set_status_date(store, demo, date(2026, 11, 23))  # both count again
    assert "2 snapshots, 2026-11-09 to 2026-11-23\n" in render_report(store, demo, fmt="md", now=NOW)


def test_earned_value_figures_add_up_as_shown(store, demo, db_path):
    """The demo's EV is 196,122.5 and its PV 199,395: each rounded on its own, the report, the
    status screen and evm showed EV 196,122, PV 199,395 and SV -3,272 (-3,272.5), and ETC 203,132
    beside EAC 399,255 and AC 196,122: differences a reader checks and finds one off."""
    text = render_report(store, demo, fmt="md", now=NOW)
    part = text[text.index("## Earned value"):text.index("## Trend")]
    shown = {m[1]: int(m[2].replace(",", "")) for m in re.finditer(r"^\| (\w+) \| (-?[\d,]+) \|", part, re.M)}
    assert shown["SV"] == shown["EV"] - shown["PV"] == -3273
    assert shown["CV"] == shown["EV"] - shown["AC"]
    assert shown["ETC"] == shown["EAC"] - shown["AC"] == 203133
    assert shown["VAC"] == shown["BAC"] - shown["EAC"]
    # evm says the same
    store.close()
    line = next(line for line in cli(db_path, "evm").stdout.splitlines() if line.startswith("BAC "))
    assert "EV 196,122  AC 196,122  SV -3,273  CV 0" in line


def test_a_plan_without_baseline_or_snapshot_does_not_read_nothing_slipped(store, project):
    """With neither a baseline nor a snapshot, 'Slipped since the last report' read 'Compared with
    the baseline (no snapshot from before then). Nothing slipped.': a baseline that does not exist
    and a clean bill nothing could have measured."""
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    add_task(store, project.id, "Build", duration=3)
    set_status_date(store, project.id, date(2027, 1, 6))
    for fmt in ("md", "html"):
        text = render_report(store, project.id, fmt=fmt, now=NOW)
        assert ("No baseline saved and no snapshot as of 2027-01-06 or earlier: nothing to measure a slip "
                "against (pmtui baseline save NAME).") in text
        assert "Nothing slipped." not in text and "Compared with the baseline" not in text
    snapshots.take_snapshot(store, project.id)
    text = render_report(store, project.id, fmt="md", now=NOW)
    assert "Compared with the snapshot of 2027-01-06.\n\n_Nothing slipped._" in text


def test_a_milestone_past_its_deadline_names_the_deadline(store, demo):
    """'Design sign-off | … | late for its deadline': which deadline, the reader had to look up."""
    st = status.project_status(store, demo)
    past = [m for m in st.milestones if m.deadline and not m.done and m.forecast > m.deadline]
    assert past  # the demo has milestones forecast past their deadlines
    for fmt in ("md", "html"):
        text = render_report(store, demo, fmt=fmt, now=NOW)
        for m in past:
            assert f"past its deadline {m.deadline}" in text
        assert "late for its deadline" not in text
    assert "| 2.9 | Design sign-off | 2026-11-23 | 2026-11-25 | +2d | past its deadline 2026-11-23 |" in (
        render_report(store, demo, fmt="md", now=NOW))


def test_the_earned_value_table_gives_its_currency(store, demo, project):
    """The table read 'BAC | 399,255' with no unit: the currency was only in the summary."""
    for fmt in ("md", "html"):
        text = render_report(store, demo, fmt=fmt, now=NOW)
        quote = "&#x27;" if fmt == "html" else "'"
        assert f"Amounts in EUR; planned value from baseline {quote}Approved plan{quote}." in text
    text = render_report(store, project.id, fmt="md", now=NOW)
    assert f"Amounts in {project.currency}; no baseline saved: no planned value, so no SV or SPI." in text


def test_a_trend_begun_before_the_baseline_gives_its_measured_ends(store, project):
    """A snapshot taken before the baseline was saved has no slip and no SPI: the Markdown trend
    read 'None → +2' where the chart's legend gave the measured values."""
    from pmtui.services.baselines import save_baseline
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    add_task(store, project.id, "Build", duration=3)
    set_status_date(store, project.id, date(2027, 1, 4))
    snapshots.take_snapshot(store, project.id)  # no baseline yet
    save_baseline(store, project.id, "Plan")
    edit_task(store, project.id, "1", duration=5)
    set_status_date(store, project.id, date(2027, 1, 5))  # the next day's (a trend draws one a day)
    snapshots.take_snapshot(store, project.id)
    text = render_report(store, project.id, fmt="md", now=NOW)
    assert "None" not in text
    # Build, baselined Mon 4 - Wed 6, now 5 days from the status date Tue 5: Mon 11, +3d
    assert "| Finish slip (working days) |  ▁ | +3d → +3d |" in text
    assert "Finish slip (working days): +3d → +3d" in render_report(store, project.id, fmt="html", now=NOW)


def test_since_after_today_before_the_start_names_today(store, project):
    """Before the project starts the report covers the week up to today; '--since 2026-12-20' on
    23 November said it was 'after the status date 2027-01-04'."""
    with pytest.raises(BadValue) as err:
        render_report(store, project.id, fmt="md", since=date(2026, 12, 20), now=NOW)
    assert str(err.value) == ("--since 2026-12-20 is after today, 2026-11-23: before the project starts (2027-01-04) "
                              "a report covers what happened up to today")


def test_a_busy_week_lists_its_latest_changes_and_counts_the_rest(store, demo, clock):
    """35 edits after the demo's: the report listed the 30 oldest (the demo's creation among them)
    and dropped the 5 latest, the ones the reader most needs, without a word."""
    for n in range(35):
        clock[0] = datetime(2026, 11, 23, 11, n, tzinfo=timezone.utc)
        edit_task(store, demo, "5.8", duration=2 + n % 2 * 2)  # 2, 4, 2, 4 ...
    part = done_part(render_report(store, demo, fmt="md", now=NOW))
    lines = [line for line in part.splitlines() if line.startswith("- 2026-")]
    assert len(lines) == 30 and all(line == "- 2026-11-23 Edit task: 5.8 duration: " + change
                                    for line, change in zip(lines, ["4 → 2", "2 → 4"] * 15))
    assert "- 7 earlier changes made from 2026-11-16 to 2026-11-23 (not listed: the latest 30 are): pmtui history" in part
    assert "Create demo project" not in part and "5.6 duration" not in part


def test_a_status_date_weeks_ahead_lists_the_changes_made_up_to_today(store, demo, clock):
    """Status date 14 December, today 23 November: the report covered 7-14 December by the plan's
    days and listed none of the changes, by the clock, made today (nor any of the week before),
    as if nothing had been done for it. The changes listed are now those of the week up to today,
    and a line says why their dates lie before the days covered."""
    from pmtui.services.projects import set_status_date

    clock[0] = datetime(2026, 11, 12, 10, 0, tzinfo=timezone.utc)
    edit_task(store, demo, "5.8", duration=4)  # 11 days ago: before the week up to today
    clock[0] = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    set_status_date(store, demo, date(2026, 12, 14))
    text = render_report(store, demo, fmt="md", now=NOW)
    assert "covering 2026-12-07 to 2026-12-14" in text
    part = done_part(text)
    assert "2026-11-23 Edit task: 5.6 duration: 20 → 25" in part and "2026-11-23 Set status date" in part
    assert "5.8 duration" not in part
    assert ("Changes above: those made from 2026-11-16 to today, 2026-11-23 (the status date 2026-12-14 is "
            "21 days ahead of today)") in part
    assert "changes to the plan made after" not in part  # nothing is later than the status date
    # an earlier --since that today reaches is taken as it is, by the clock too
    part = done_part(render_report(store, demo, fmt="md", since=date(2026, 11, 10), now=NOW))
    assert "2026-11-12 Edit task: 5.8 duration" in part and "Changes above" not in part
    # a week with no change says so, with the same dates
    page = render_report(store, demo, fmt="html", now=datetime(2026, 12, 3, 17, 0))
    assert "Edit task" not in page
    assert ("No changes to the plan made from 2026-11-26 to today, 2026-12-03 (the status date 2026-12-14 "
            "is 11 days ahead of today)") in page


def test_the_report_names_who_is_booked_above_their_max_units(store, demo, project):
    text = render_report(store, demo, fmt="md", now=NOW)
    part = text[text.index("## Resources booked above"):text.index("## Top risks")]
    plan = status.project_status(store, demo).plan
    loads = resource_loads(plan, plan.project.status_date)
    over = [r for r in plan.resources if loads[r.id].overloads]
    assert over and len(over) < len(plan.resources)  # the demo books some people twice, not all
    for r in plan.resources:
        runs = loads[r.id].overloads
        row = next((line for line in part.splitlines() if line.startswith(f"| {r.name} |")), None)
        if not runs:
            assert row is None
            continue
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1:5] == [f"{r.max_units:.0%}", f"{max(o.load for o in runs):.0%}",
                              f"{sum(o.days for o in runs)}d", f"{runs[0].first} to {runs[-1].last}"]
    # without a double booking the section says so, in both formats
    calm = render_report(store, project.id, fmt="md", now=NOW)
    assert "Nobody is booked above their max units." in calm
    assert "Nobody is booked above their max units." in render_report(store, project.id, fmt="html", now=NOW)


class _Checker(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input", "circle", "rect", "polyline", "line", "path"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors, self.urls = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_report_is_well_formed_and_self_contained(store, demo):
    from pmtui.services.projects import set_status_date

    # a snapshot of another day than the demo's so that the trend chart draws lines
    set_status_date(store, demo, date(2026, 11, 20))
    snapshots.take_snapshot(store, demo)
    set_status_date(store, demo, TODAY)
    page = render_report(store, demo, fmt="html", now=NOW)
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert checker.urls == [] and "<script" not in page and "url(" not in page  # nothing to fetch
    assert "svg" in checker.tags and "polyline" in checker.tags
    assert page.count("<h2>") == 13
    critical = page[page.index("<h2>Critical path</h2>"):page.index("<h2>Resources booked")]
    assert critical.count("<table") == 2
    assert critical.index("<td>5.9</td>") < critical.index('<p class="note">Also without float') < critical.index("<td>2.8</td>")
    assert 'class="rag rag-amber"' in page
    assert "Legacy data quality worse than profiled" in page


def test_user_templates_override_and_bad_ones_are_reported(store, demo):
    folder = config_dir() / "templates"
    folder.mkdir(parents=True)
    (folder / "report.md").write_text("Weekly: $project ($status_date) costs $$ $overall\n\n$rag\n")
    text = render_report(store, demo, fmt="md", now=NOW)
    assert text.startswith("Weekly: CRM migration (2026-11-23) costs $ R (red)") and "| Cost |" in text
    (folder / "report.md").write_text("$project $budget\n")
    with pytest.raises(BadValue, match=r"uses \$budget"):
        render_report(store, demo, fmt="md")


def test_cli_report_writes_a_file(db_path, tmp_path):
    assert cli(db_path, "demo").exit_code == 0
    target = tmp_path / "status.html"
    r = cli(db_path, "report", "--format", "html", "--output", str(target))
    assert r.exit_code == 0 and target.read_text().rstrip().endswith("</html>")
    assert "## Earned value" in cli(db_path, "report").stdout
    digest = file_digest(db_path)
    assert cli(db_path, "report", "--format", "pdf").exit_code == 2
    assert cli(db_path, "report", "--since", "yesterday-ish").exit_code == 2
    r = cli(db_path, "report", "--output", "")
    assert r.exit_code == 2 and "--output is empty: give a file name" in r.stderr
    # an empty --eac (a script's unset "$EAC") gave the default formula without a word
    for command in ("report", "evm"):
        r = cli(db_path, command, "--eac", "")
        assert r.exit_code == 2 and "--eac is empty: use cpi, typical, atypical, composite, bottom-up" in r.stderr
    assert file_digest(db_path) == digest


def test_a_report_file_keeps_its_mode_and_a_new_one_follows_the_umask(db_path, tmp_path):
    """'report -o status.html' wrote the file 0600 (its temporary file's mode) whatever it was
    before: a page a web server or the team read from a shared folder went unreadable to them."""
    import os
    import stat

    assert cli(db_path, "demo").exit_code == 0
    old = os.umask(0o022)
    try:
        fresh, shared = tmp_path / "new.md", tmp_path / "status.html"
        shared.write_text("last week's")
        os.chmod(shared, 0o640)
        assert cli(db_path, "report", "-o", str(fresh)).exit_code == 0
        assert cli(db_path, "report", "-f", "html", "-o", str(shared)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # as 'pmtui report > new.md' gives
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640 and shared.read_text().startswith("<!DOCTYPE html>")


def test_a_report_goes_through_a_link_or_into_a_pipe(db_path, tmp_path):
    """'report -o status.html', a link to the web server's page, replaced the link by a file of its
    own and left the page as it was; '-o' to a pipe (a FIFO a script reads, /dev/stdout) put a plain
    file in its place and the reader got nothing."""
    import os
    import stat

    assert cli(db_path, "demo").exit_code == 0
    (tmp_path / "www").mkdir()
    page = tmp_path / "www" / "status.html"
    page.write_text("last week's")
    link = tmp_path / "status.html"
    link.symlink_to(page)
    assert cli(db_path, "report", "-f", "html", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and page.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in page.parent.iterdir()) == ["status.html"]  # no temporary file left
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits, as a script's would
    try:
        r = cli(db_path, "report", "-o", str(fifo))
        assert r.exit_code == 0, r.stderr
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(reader, 100).startswith(b"# Status report: CRM migration")
    finally:
        os.close(reader)


def test_markdown_report_passes_no_html_through(store, demo):
    # a name like "<script>" went into the Markdown verbatim, where many renderers run it
    edit_task(store, demo, "5.8", name='<script>alert("t")</script> & Co')
    text = render_report(store, demo, fmt="md", now=NOW)
    assert "<script>" not in text and '&lt;script&gt;alert("t")&lt;/script&gt; & Co' in text


def test_one_snapshot_reads_in_the_singular(store, project):
    # After the first stand-up the trend read "1 snapshots, 2027-01-04 to 2027-01-04"
    from pmtui.services.tasks import add_task

    from pmtui.services.projects import set_status_date

    add_task(store, project.id, "Build", duration=3)
    set_status_date(store, project.id, date(2027, 1, 4))
    snapshots.take_snapshot(store, project.id)
    for fmt in ("md", "html"):
        text = render_report(store, project.id, fmt=fmt, now=NOW)
        assert "1 snapshot, 2027-01-04" in text and "1 snapshots" not in text
    snapshots.take_snapshot(store, project.id, "standup")  # the same day: drawn in place of the first
    assert ("1 snapshot, 2027-01-04; the last of each day (pmtui status history lists all 2)"
            in render_report(store, project.id, fmt="md", now=NOW))
    set_status_date(store, project.id, date(2027, 1, 5))
    snapshots.take_snapshot(store, project.id, "standup")
    assert "2 snapshots, 2027-01-04 to 2027-01-05; the last of each day" in render_report(store, project.id, fmt="md", now=NOW)


def test_a_double_booking_before_the_status_date_is_named_as_history(db_path):
    """Alice at 150 % on 6-8 January, all finished by the status date of 11 January: the report
    read 'Nobody is booked above their max units.', as if nobody ever had been."""
    steps = [("project", "new", "Load", "--start", "2027-01-04"),
             ("task", "add", "Design", "--duration", "5d"),
             ("task", "add", "Review", "--duration", "3d", "--after", "1SS+2d"),
             ("resource", "add", "Alice", "--rate", "500"),
             ("assign", "1", "Alice"), ("assign", "2", "Alice", "--units", "50%"),
             ("project", "status-date", "2027-01-11"),
             ("progress", "1", "--done", "--on", "2027-01-08"), ("progress", "2", "--done", "--on", "2027-01-08")]
    for args in steps:
        assert cli(db_path, *args).exit_code == 0, args
    note = ("Not counted, as history: before 2027-01-11, Alice (3 working days) booked above max units; "
            "pmtui resource load --all shows the whole plan.")
    for fmt in ("md", "html"):
        r = cli(db_path, "report", "--format", fmt)
        assert r.exit_code == 0, r.stderr
        part = r.stdout[r.stdout.index("booked above their max units"):]
        assert "Nobody is booked above their max units from the status date on." in part and note in part


def test_overall_green_says_what_it_could_not_measure(store, project):
    """A plan with no baseline and no costs read 'Overall status: G (green) — on track' at the top
    of the report, on the strength of its risk register alone: schedule, cost and scope had not
    been measured at all."""
    from pmtui.services import baselines
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    add_task(store, project.id, "Build", duration=3)
    set_status_date(store, project.id, date(2027, 1, 6))
    text = render_report(store, project.id, fmt="md", now=NOW)
    assert "Overall status: G (green) — risk G; not measured: schedule, cost, scope" in text
    baselines.save_baseline(store, project.id, "Plan")
    s = status.project_status(store, project.id)
    assert s.overall.reason == "schedule G, scope G, risk G; not measured: cost"  # no rates, no costs
    assert status.overall(status.rate(earned_value(1000, 100, 100, 100), None, 5, status.load_thresholds())).reason \
        == "risk R; not measured: scope"  # what is off track, then what was not measured


def test_a_finish_brought_forward_is_not_listed_as_a_slip(store, demo):
    """'Slipped since the last report' listed a finish brought forward as a slip: 'Project
    finish: 2027-02-15 → 2027-02-12 (-1d)'."""
    edit_task(store, demo, "5.6", duration=19)  # hypercare a day shorter
    text = render_report(store, demo, fmt="md", now=NOW)
    slipped = text[text.index("## Slipped"):text.index("## Critical")]
    assert "- Project finish, earlier (not a slip): 2027-02-15 → 2027-02-12 (-1d)" in slipped
    edit_task(store, demo, "5.6", duration=22)
    text = render_report(store, demo, fmt="md", now=NOW)
    assert "- Project finish: 2027-02-15 → 2027-02-17 (+2d)" in text


def test_the_reports_risks_and_issues_carry_their_codes(store, demo):
    """The report named risks and issues by title alone: a reader asking about 'the legacy data
    one' had no R1 to find it by with `pmtui risk show`, nor an I1 for `pmtui issue resolve`."""
    text = render_report(store, demo, fmt="md", since=date(2026, 11, 16), now=NOW)
    risks = text[text.index("## Top risks"):text.index("## Open issues")]
    assert all(re.match(r"\| \d+ \| \w+ \| R\d+ ", row) for row in risks.splitlines() if row.startswith("| ") and "---" not in row
               and not row.startswith("| Score")), risks
    issues = text[text.index("## Open issues"):text.index("## Earned value")]
    rows = [row for row in issues.splitlines() if row.startswith("| ") and "---" not in row and not row.startswith("| Kind")]
    assert rows and all(re.match(r"\| \w+ \| \d \| I\d+ ", row) for row in rows), issues


def moved_part(text: str) -> str:
    return text[text.index("What moved the finish"):text.index("Milestones</h2>" if "<h2>" in text else "## Milestones")]


def test_the_report_says_which_changes_moved_the_finish(store, project):
    """The report gave the finish against the baseline (+3d) and never what moved it, though the
    journal knows (`pmtui why finish`): the reader had to ask the PM, who had to run pmtui."""
    from pmtui.services.baselines import save_baseline
    from pmtui.services.tasks import add_task

    add_task(store, project.id, "Build", duration=5)  # 2027-01-04 to 2027-01-08
    save_baseline(store, project.id, "Plan")
    edit_task(store, project.id, "1", duration=8)  # to 2027-01-13: +3 working days
    add_task(store, project.id, "Docs", duration=2)  # beside it: the finish stays
    text = render_report(store, project.id, fmt="md")
    assert text.index("## RAG status") < text.index("## What moved the finish") < text.index("## Milestones")
    part = moved_part(text)
    assert re.search(r"\| Edit task \| 1 duration: 5 → 8 \| 2027-01-08 → 2027-01-13 \| \+3d \|", part), part
    assert "Docs" not in part  # it moved nothing
    assert ("- Against baseline 'Plan': 2027-01-08 → 2027-01-13 (+3d); of the +3d: +3d by 1 plan change. "
            "pmtui why finish --baseline 'Plan' lists the changes.") in part
    page = moved_part(render_report(store, project.id, fmt="html"))
    assert "<td>Edit task</td><td>1 duration: 5 → 8</td><td>2027-01-08 → 2027-01-13</td><td>+3d</td>" in page
    assert "Against baseline &#x27;Plan&#x27;: 2027-01-08 → 2027-01-13 (+3d); of the +3d" in page


def test_the_report_lists_the_changes_that_moved_the_finish_most(store, project):
    """A week of small edits and one big one: the ten that moved the finish most are listed, in
    the order they were made, and the rest are counted, with the command that lists them all."""
    from pmtui.services.tasks import add_task

    add_task(store, project.id, "Build", duration=5)
    for n in range(6, 17):  # eleven edits, a day each
        edit_task(store, project.id, "1", duration=n)
    edit_task(store, project.id, "1", duration=22)  # six days at once
    text = render_report(store, project.id, fmt="md")
    part = moved_part(text)
    rows = [line for line in part.splitlines() if line.startswith("| 20")]
    assert len(rows) == 10 and rows[-1].endswith("| 1 duration: 16 → 22 | 2027-01-25 → 2027-02-02 | +6d |")
    since = re.search(r"Since (\d{4}-\d\d-\d\d): none \(no tasks\) → 2027-02-02\.", part).group(1)
    assert (f"- 3 more changes moved it, by no more than those listed: pmtui why finish --since {since} "
            "lists them all") in part
    assert "Against baseline" not in part  # none saved
    from pmtui.services.projects import create_project

    empty = create_project(store, "Empty", date(2027, 1, 4))
    assert "Since " in (part := moved_part(render_report(store, empty.id, fmt="md")))
    assert re.search(r"Since \d{4}-\d\d-\d\d: no tasks yet\.", part) and "none (no tasks) → none" not in part


def test_a_printed_report_shows_its_rag_letters(store, demo):
    """The RAG badges were white letters on a coloured background, and printers leave out
    backgrounds by default: on paper every badge was blank. Printed, each is its letter in its
    level's colour (as on screen, from RAG_COLOURS), with a box, not white on nothing."""
    from pmtui.reports.render import RAG_COLOURS

    page = render_report(store, demo, fmt="html", now=NOW)
    css = page[page.index("<style>"):page.index("</style>")]
    printed = css[css.index("@media print"):]
    printed = printed[:printed.index("\n}\n")]
    assert re.search(r"\.rag \{[^}]*background: none !important", printed)
    for level, colour in RAG_COLOURS.items():
        assert re.search(rf"\.rag-{level} \{{ color: {colour}; \}}", printed), level


def test_the_report_says_whats_late(store, project, monkeypatch):
    """The tasks late against the baseline were under 'Slipped since the last report', as news of
    the week however long ago they slipped; a task past its deadline or not started when due was
    named nowhere, and without a baseline nothing was listed at all. 'What's late' lists them,
    worst first, with what makes each late."""
    from pmtui.services.baselines import save_baseline
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task, set_progress

    add_task(store, project.id, "Design", duration=5)  # 2027-01-04 to 01-08
    add_task(store, project.id, "Build", duration=5, after="1", deadline=date(2027, 1, 13))  # 01-11 to 01-15
    add_task(store, project.id, "Docs", duration=3)  # 01-04 to 01-06
    add_task(store, project.id, "Review", duration=2, after="1")  # 01-11 to 01-12
    add_task(store, project.id, "Go-live", duration=0, after="2")  # in the milestones' table
    add_task(store, project.id, "Kick-off", duration=1)
    save_baseline(store, project.id, "Plan")
    set_status_date(store, project.id, date(2027, 1, 6))
    set_progress(store, project.id, "6", done_on=date(2027, 1, 5), started_on=date(2027, 1, 5))  # done, a day late
    set_progress(store, project.id, "1", percent=40, started_on=date(2027, 1, 4))
    edit_task(store, project.id, "1", duration=7)  # Design to 01-12: +2d, and all after it
    text = render_report(store, project.id, fmt="md")
    late = text[text.index("## What's late"):text.index("## Done since")]
    assert late.splitlines()[2:8] == [
        "| WBS | Task | Baseline finish | Forecast | Variance | Note |", "|---|---|---|---|---|---|",
        # Friday 13th → Tuesday 19th: 4 working days past the deadline, the worst
        "| 2 | Build | 2027-01-15 | 2027-01-19 | +2d | past its deadline 2027-01-13 by 4d |",
        "| 1 | Design | 2027-01-08 | 2027-01-12 | +2d |  |",
        # the status date is the first day of work not done: due on the 4th, the work runs 6th-8th
        "| 3 | Docs | 2027-01-06 | 2027-01-08 | +2d | not started: due to start 2027-01-04 |",
        "| 4 | Review | 2027-01-12 | 2027-01-14 | +2d |  |"], late
    assert "Go-live" not in late and "Kick-off" not in late  # a milestone; a task done
    monkeypatch.setattr("pmtui.reports.content.MAX_LATE", 2)
    late = (t := render_report(store, project.id, fmt="md"))[t.index("## What's late"):t.index("## Done since")]
    assert "| 1 | Design |" in late and "| 3 | Docs |" not in late
    assert ("2 more late tasks, no later than those listed: pmtui variance gives every task against the "
            "baseline.") in late
    monkeypatch.undo()
    slipped = text[text.index("## Slipped"):text.index("## Critical")]
    assert "against the baseline" not in slipped.replace("what is late against the baseline is under", "")
    page = render_report(store, project.id, fmt="html")
    assert "<td>2</td><td>Build</td><td>2027-01-15</td><td>2027-01-19</td><td>+2d</td><td>past its deadline" in page
    # without a baseline, a task past its deadline is still late
    from pmtui.services.baselines import remove_baseline

    remove_baseline(store, project.id, "Plan")
    late = (t := render_report(store, project.id, fmt="md"))[t.index("## What's late"):t.index("## Done since")]
    assert "| 2 | Build | — | 2027-01-19 |  | past its deadline 2027-01-13 by 4d |" in late
    assert "Design" not in late
    edit_task(store, project.id, "2", deadline=None)
    late = (t := render_report(store, project.id, fmt="md"))[t.index("## What's late"):t.index("## Done since")]
    assert "_No task is past its deadline (no baseline saved to measure lateness against)._" in late


def test_done_lists_the_tasks_completed_then_the_notable_changes_without_the_progress_records(store, clock):
    """Design (Mon 4 - Wed 6 January 2027) done, Build started and 40 % with a note, Test made
    3 days long, all on Monday 11 January, the status date. 'Done since' listed 'Completed 1
    Design (2027-01-06)' among the journal's raw lines, 'Mark done: 1 Design: actual finish none
    → 2027-01-06, ...' and 'Record progress: 2 Build: percent complete 0 → 40' with them."""
    from pmtui.services import progress as pg
    from pmtui.services.projects import create_project, set_status_date
    from pmtui.services.tasks import add_task

    clock[0] = datetime(2027, 1, 1, 10, 0, tzinfo=timezone.utc)  # the plan made before the week covered
    pid = create_project(store, "Rollout", date(2027, 1, 4)).id
    add_task(store, pid, "Design", duration=3, after=None)
    add_task(store, pid, "Build", duration=5, after="1")
    add_task(store, pid, "Test", duration=2, after="2")
    set_status_date(store, pid, date(2027, 1, 11))
    clock[0] = datetime(2027, 1, 11, 10, 0, tzinfo=timezone.utc)
    pg.mark_done(store, pid, "1")
    pg.mark_started(store, pid, "2", on=date(2027, 1, 7))
    pg.set_percent(store, pid, "2", 40)
    pg.add_note(store, pid, "2", "API keys arrived late")
    edit_task(store, pid, "3", duration=3)
    text = render_report(store, pid, fmt="md", now=datetime(2027, 1, 11, 17, 0))
    assert done_part(text) == (
        "## Done since 2027-01-04\n\n"
        "Tasks completed:\n\n"
        "- 1 Design, finished 2027-01-06\n\n"
        "Notable changes to the plan:\n\n"
        "- 2027-01-11 Edit task: 3 duration: 2 → 3\n"
        "- 4 progress and stand-up records (started, percent, days left, done, notes) not listed: "
        "pmtui history lists them\n\n")
    page = render_report(store, pid, fmt="html", now=datetime(2027, 1, 11, 17, 0))
    assert ("<h3>Tasks completed</h3><ul><li>1 Design, finished 2027-01-06</li></ul>"
            "<h3>Notable changes to the plan</h3><ul><li>2027-01-11 Edit task: 3 duration: 2 → 3</li>") in page
    # a week of progress alone: no change to the plan beside it
    clock[0] = datetime(2027, 1, 18, 10, 0, tzinfo=timezone.utc)
    set_status_date(store, pid, date(2027, 1, 25))
    clock[0] = datetime(2027, 1, 25, 10, 0, tzinfo=timezone.utc)
    pg.set_percent(store, pid, "2", 80)
    part = done_part(render_report(store, pid, fmt="md", now=datetime(2027, 1, 25, 17, 0)))
    assert "No task completed." in part and "Record progress" not in part
    assert "- 2027-01-18 Set status date" in part and "- 1 progress and stand-up record (" in part


def test_the_trend_draws_the_last_snapshot_of_each_day(db_path):
    """Rollout: Design 3 days, Build 5 after it, baselined to finish Wednesday 13 January 2027.
    A snapshot as of Monday 4 January (slip +0d); two as of Monday 11, nothing started: the first
    with the finish on Wednesday 20 (+5d), the second after Build grew to 7 days, Friday 22
    (+7d). The trend drew three points, two of them the same day's; now +0d then +7d."""
    for args in (("project", "new", "Rollout", "--start", "2027-01-04"), ("task", "add", "Design", "--duration", "3d"),
                 ("task", "add", "Build", "--duration", "5d", "--after", "1"), ("baseline", "save", "Plan"),
                 ("project", "status-date", "2027-01-04"), ("status", "snapshot"),
                 ("project", "status-date", "2027-01-11"), ("status", "snapshot"),
                 ("task", "edit", "2", "--duration", "7d"), ("status", "snapshot")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    history = cli(db_path, "status", "history").stdout
    assert [line.split()[4] for line in history.splitlines() if line.startswith(" 2027-")] == ["+0d", "+5d", "+7d"]
    text = cli(db_path, "report").stdout
    trend = text[text.index("## Trend"):]
    assert "2 snapshots, 2027-01-04 to 2027-01-11; the last of each day (pmtui status history lists all 3)" in trend
    assert "| Finish slip (working days) | ▁█ | +0d → +7d |" in trend
    page = cli(db_path, "report", "--format", "html").stdout
    assert "Finish slip (working days): +0d → +7d" in page


def test_critical_tasks_with_no_path_to_the_finish_say_so():
    from types import SimpleNamespace

    from pmtui.reports.render import _critical_parts, _md_table

    row = ("2.8", "SDD", date(2026, 11, 30), date(2026, 12, 9), -2)
    path = ("5.9", "Closed", date(2027, 3, 1), date(2027, 3, 1), 0)
    parts = _critical_parts(SimpleNamespace(critical=[row], critical_to_finish=0), _md_table, str)
    assert parts[0] == "" and parts[1].startswith("No chain of tasks without float reaches the finish")
    assert "| 2.8 | SDD | 2026-11-30 | 2026-12-09 | -2d |" in parts[2]
    # all of them on the path: one table, no note
    parts = _critical_parts(SimpleNamespace(critical=[path], critical_to_finish=1), _md_table, str)
    assert "| 5.9 |" in parts[0] and parts[1:] == ("", "")
    assert _critical_parts(SimpleNamespace(critical=[], critical_to_finish=0), _md_table, str)[0] == "_No critical path._"
