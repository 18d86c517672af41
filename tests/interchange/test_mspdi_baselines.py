"""MS Project XML baselines come in as pmtui's: MS Project's Baseline is pmtui's baseline number
0, named "Baseline", and Baseline1 … Baseline10 numbers 1 … 10 named so, each with its tasks'
dates, durations, work and cost (in hundredths in the file) and the project's from the project
summary task. The import listed them as ignored, so a PM opening a baselined MS Project plan had
no `pmtui variance` and no baseline bars on the Gantt until the plan was baselined again, from
its current dates, which hid every slip the file's baselines showed.

None of the real MS Project files in shared/data/mspdi holds a baseline (none has a <Baseline>
element), so MS Project's form is written here as MS Project writes it (Number, Start, Finish,
Duration, DurationFormat, Work, Cost; a milestone at 17:00 of its day) and MPXJ's writer is
checked besides."""

from __future__ import annotations

import json
from datetime import date

from pmtui.interchange import export_text, read_file
from pmtui.services.baselines import save_baseline
from pmtui.services.bulk import get_plan_data
from pmtui.services.demo import create_demo
from pmtui.services.project_records import read_records
from pmtui.services.projects import find_project
from pmtui.services.tasks import edit_task
from tests.foundation.helpers import cli, dump

from .test_bad_input import HEAD

TASK_FIELDS = ("wbs", "name", "summary", "milestone", "start", "finish", "duration", "work", "cost")


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def _saved(store, project_id) -> dict:
    """number -> (name, active, start, finish, cost, work, {wbs: the task's fields})."""
    with store.engine.connect() as conn:
        bls = read_records(conn, project_id).baselines
    return {b["number"]: (b["name"], b["active"], b["start"], b["finish"], round(b["cost"], 2), round(b["work"], 4),
                          {t["wbs"]: tuple(round(t[f], 4) if isinstance(t[f], float) else t[f] for f in TASK_FIELDS)
                           for t in b["tasks"]})
            for b in bls}


def test_a_round_trip_through_ms_project_xml_keeps_the_baselines(store, db_path, tmp_path):
    project = create_demo(store, today=date(2026, 11, 23))
    edit_task(store, project.id, "3.2.3", duration=12)
    save_baseline(store, project.id, "Replan")
    before = _saved(store, project.id)
    path = tmp_path / "demo.xml"
    ok(db_path, "export", str(path))
    r = ok(db_path, "import", str(path), "--name", "Back")
    assert "2 baselines." in r.stdout
    assert ("baselines: Baseline, Baseline1; `pmtui variance` and the Gantt's `b` compare against Baseline "
            "(`pmtui baseline use NAME` picks another)\n") in r.stdout
    assert "ignored" not in r.stdout
    after = _saved(store, find_project(store, "Back").id)
    # MS Project has no names for its baselines: they come back under its labels
    assert {n: b[0] for n, b in after.items()} == {0: "Baseline", 1: "Baseline1"}
    assert {n: b[1:] for n, b in after.items()} == {n: b[1:] for n, b in before.items()}
    variance = json.loads(ok(db_path, "-p", "Back", "variance", "--json").stdout)
    assert variance["baseline"] == "Baseline" and variance["added"] == [] and variance["removed"] == []
    grown = next(t for t in variance["tasks"] if t["wbs"] == "3.2.3")
    # Baseline is the approved plan, saved before 3.2.3 grew to 12 days; Baseline1 after
    assert (grown["base_duration"], grown["duration"]) == (before[0][6]["3.2.3"][6], 12) != (12, 12)
    assert next(t for t in json.loads(ok(db_path, "-p", "Back", "variance", "--baseline", "Baseline1", "--json")
                                      .stdout)["tasks"] if t["wbs"] == "3.2.3")["base_duration"] == 12


def _bl(number, start, finish, hours, work_h, cost):
    return (f"<Baseline><Number>{number}</Number><Interim>0</Interim><Start>{start}</Start><Finish>{finish}</Finish>"
            f"<Duration>PT{hours}H0M0S</Duration><DurationFormat>7</DurationFormat><EstimatedDuration>0</EstimatedDuration>"
            f"<Work>PT{work_h}H0M0S</Work><Cost>{cost}</Cost><BCWS>0</BCWS><BCWP>0</BCWP></Baseline>")


def _task(uid, name, level, hours, extra=""):
    return (f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>{level}</OutlineLevel>"
            f"<Duration>PT{hours}H0M0S</Duration>{extra}</Task>")


# As MS Project 2016 writes them: a phase of a 5-day build (40 h of work at 62.50/h, cost
# 2,500.00 written as 250000) and a go-live milestone at 17:00 of its day, and Baseline1 saved
# when the build was 3 days; a task added after Baseline1 (Docs) has only Baseline, and a
# task with MS Project's NA baseline (no dates) has none that can be compared
MS_FILE = (HEAD + "<Tasks>"
           + _task(0, "Shop", 0, 48, _bl(0, "2027-01-04T08:00:00", "2027-01-11T17:00:00", 48, 48, 265000)
                   + _bl(1, "2027-01-04T08:00:00", "2027-01-07T17:00:00", 32, 24, 150000))
           + _task(1, "Phase", 1, 48, "<Summary>1</Summary>"
                   + _bl(0, "2027-01-04T08:00:00", "2027-01-11T17:00:00", 48, 48, 265000)
                   + _bl(1, "2027-01-04T08:00:00", "2027-01-07T17:00:00", 32, 24, 150000))
           + _task(2, "Build", 2, 40, _bl(0, "2027-01-04T08:00:00", "2027-01-08T17:00:00", 40, 40, 250000)
                   + _bl(1, "2027-01-04T08:00:00", "2027-01-06T17:00:00", 24, 24, 150000))
           + _task(3, "Docs", 2, 8, _bl(0, "2027-01-11T08:00:00", "2027-01-11T17:00:00", 8, 8, 15000)
                   + "<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink>")
           + _task(4, "Go-live", 2, 0, "<Milestone>1</Milestone>"
                   + _bl(0, "2027-01-11T17:00:00", "2027-01-11T17:00:00", 0, 0, 0)
                   + _bl(1, "2027-01-07T17:00:00", "2027-01-07T17:00:00", 0, 0, 0)
                   + "<PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type></PredecessorLink>")
           + _task(5, "Unbaselined", 1, 8, "<Baseline><Number>0</Number><Duration>PT0H0M0S</Duration>"
                   "<DurationFormat>7</DurationFormat><Cost>0</Cost></Baseline>")
           + "</Tasks></Project>")


def test_ms_project_baselines_import_with_their_dates_durations_work_and_cost(tmp_path):
    path = tmp_path / "shop.xml"
    path.write_text(MS_FILE, encoding="utf-8")
    imp = read_file(path)
    assert imp.skipped == {"task baselines without dates (MS Project's NA)": 1}
    assert "task baselines" not in imp.ignored
    b0, b1 = imp.data.records.baselines
    assert imp.data.records.carried == ("baselines",)
    assert (b0["name"], b0["number"], b0["active"], b0["start"], b0["finish"], b0["cost"], b0["work"]) == (
        "Baseline", 0, True, date(2027, 1, 4), date(2027, 1, 11), 2650.0, 6.0)
    assert (b1["name"], b1["number"], b1["active"], b1["finish"], b1["cost"], b1["work"]) == (
        "Baseline1", 1, False, date(2027, 1, 7), 1500.0, 3.0)
    rows = {t["name"]: tuple(t[f] for f in TASK_FIELDS[1:]) for t in b0["tasks"]}
    assert rows == {
        "Phase": ("Phase", True, False, date(2027, 1, 4), date(2027, 1, 11), 6, 6.0, 2650.0),
        "Build": ("Build", False, False, date(2027, 1, 4), date(2027, 1, 8), 5, 5.0, 2500.0),
        "Docs": ("Docs", False, False, date(2027, 1, 11), date(2027, 1, 11), 1, 1.0, 150.0),
        # a milestone at 17:00 is on that day, not the next morning as a task's start would be
        "Go-live": ("Go-live", False, True, date(2027, 1, 11), date(2027, 1, 11), 0, 0.0, 0.0)}
    assert {t["name"]: (t["start"], t["finish"], t["duration"]) for t in b1["tasks"]} == {
        "Phase": (date(2027, 1, 4), date(2027, 1, 7), 4), "Build": (date(2027, 1, 4), date(2027, 1, 6), 3),
        "Go-live": (date(2027, 1, 7), date(2027, 1, 7), 0)}


def test_variance_works_at_once_on_an_imported_ms_project_plan(db_path, tmp_path):
    path = tmp_path / "shop.xml"
    path.write_text(MS_FILE, encoding="utf-8")
    ok(db_path, "import", str(path))
    v = json.loads(ok(db_path, "variance", "--baseline", "Baseline1", "--json").stdout)
    # the plan finishes on Monday 11 (Build 5 days, Docs on the Monday), Baseline1 on Thursday 7
    assert (v["baseline_finish"], v["finish"], v["finish_variance"]) == ("2027-01-07", "2027-01-11", 2)
    assert [(x["wbs"], x["name"]) for x in v["added"]] == [("1.2", "Docs"), ("2", "Unbaselined")]
    build = next(t for t in v["tasks"] if t["name"] == "Build")
    assert (build["base_duration"], build["duration_var"], build["base_cost"]) == (3, 2, 1500.0)


def test_mpxj_written_baselines_import(mpxj_reader, store, tmp_path):
    """MPXJ (which ProjectLibre, GanttProject's and many converters' MS Project files come from)
    writes Baseline and Baseline3 set through its API; they import with the values it was given."""
    import jpype

    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    text, _ = export_text(data, "mspdi")
    src = tmp_path / "plain.xml"
    src.write_text(text, encoding="utf-8")
    pf = mpxj_reader().read(str(src))
    ldt = jpype.JClass("java.time.LocalDateTime")
    dur, unit = jpype.JClass("org.mpxj.Duration"), jpype.JClass("org.mpxj.TimeUnit")
    num = jpype.JClass("java.lang.Double")
    set_on = {}
    for jt in pf.getTasks():
        if int(jt.getUniqueID()) == 0 or jt.getSummary():
            continue
        name = str(jt.getName())
        s, f = str(jt.getStart())[:10], str(jt.getFinish())[:10]
        days = float(jt.getDuration().getDuration())
        jt.setBaselineStart(ldt.parse(f"{s}T08:00"))
        jt.setBaselineFinish(ldt.parse(f"{f}T{'08:00' if days == 0 and s == '2026-10-26' else '17:00'}"))
        jt.setBaselineDuration(dur.getInstance(days, unit.DAYS))
        jt.setBaselineCost(num.valueOf(123.45))
        jt.setBaselineWork(dur.getInstance(days * 8, unit.HOURS))
        jt.setBaselineDuration(3, dur.getInstance(days + 1, unit.DAYS))
        jt.setBaselineStart(3, ldt.parse(f"{s}T08:00"))
        jt.setBaselineFinish(3, ldt.parse(f"{f}T17:00"))
        set_on[name] = (date.fromisoformat(s), date.fromisoformat(f), int(days))
    out = tmp_path / "mpxj.xml"
    jpype.JClass("org.mpxj.mspdi.MSPDIWriter")().write(pf, str(out))
    imp = read_file(out)
    by_number = {b["number"]: b for b in imp.data.records.baselines}
    assert sorted(by_number) == [0, 3]
    assert (by_number[0]["name"], by_number[3]["name"], by_number[0]["active"]) == ("Baseline", "Baseline3", True)
    got = {t["name"]: t for t in by_number[0]["tasks"]}
    for name, (s, f, days) in set_on.items():
        t = got[name]
        assert (t["start"], t["finish"], t["duration"], t["cost"], t["work"]) == (s, f, days, 123.45, days), name
        assert next(x for x in by_number[3]["tasks"] if x["name"] == name)["duration"] == days + 1


def _shop_with_baseline_and_risk(db):
    ok(db, "project", "new", "Shop", "--start", "2027-01-04")
    ok(db, "-p", "Shop", "task", "add", "Build", "--duration", "5d")
    ok(db, "-p", "Shop", "task", "add", "Test", "--duration", "3d", "--after", "1")
    ok(db, "-p", "Shop", "baseline", "save", "Approved plan")
    ok(db, "-p", "Shop", "risk", "add", "Vendor late", "-P", "3", "-I", "4")


def test_into_with_a_file_of_baselines_replaces_the_projects_baselines_and_keeps_its_risks(store, db_path, tmp_path):
    _shop_with_baseline_and_risk(db_path)
    path = tmp_path / "shop.xml"
    path.write_text(MS_FILE, encoding="utf-8")
    before = dump(store)
    r = ok(db_path, "import", str(path), "--into", "Shop")
    assert ("5 tasks, 2 links, 0 resources, 0 assignments, 0 calendar exceptions, 2 baselines, in place of its "
            "1 baseline; its 1 risk, 0 issues, 0 stand-ups, 0 snapshots stay, as the file has none "
            "(`pmtui undo` brings the old plan and records back).") in r.stdout
    shown = json.loads(ok(db_path, "-p", "Shop", "baseline", "list", "--json").stdout)
    # Baseline is the slot of the project's 'Approved plan', whose name it keeps
    assert [b["name"] for b in shown] == ["Approved plan", "Baseline1"]
    assert "the names of its baselines of the same number (Baseline as 'Approved plan')" in r.stdout
    assert len(json.loads(ok(db_path, "-p", "Shop", "risk", "list", "--json").stdout)) == 1
    ok(db_path, "-p", "Shop", "undo")
    assert dump(store) == before


def test_into_with_a_file_without_baselines_keeps_the_projects_tied_to_the_files_tasks(store, db_path, tmp_path):
    """The project's baselines stay, as its risks do; its tasks are replaced by the file's, and
    the baselines followed the old tasks' ids: every task was 'added' and every baselined one
    'removed since the baseline', and variance compared nothing."""
    _shop_with_baseline_and_risk(db_path)
    ok(db_path, "-p", "Shop", "task", "add", "Docs", "--duration", "1d", "--after", "2")
    plan = tmp_path / "plan.csv"
    plan.write_text("WBS,Name,Duration,Predecessors\n1,Build,6d,\n2,Test,3d,1\n3,Ship,0,2\n", encoding="utf-8")
    before = dump(store)
    dry = ok(db_path, "import", str(plan), "--into", "Shop", "--dry-run")
    r = ok(db_path, "import", str(plan), "--into", "Shop")
    said = "stay, tied to the file's tasks by WBS code and name (2 of their 2 tasks)\n"
    assert f"the project's baselines would {said}" in dry.stdout
    assert f"the project's baselines {said}" in r.stdout
    v = json.loads(ok(db_path, "-p", "Shop", "variance", "--json").stdout)
    assert v["removed"] == [] and [(x["wbs"], x["name"]) for x in v["added"]] == [("3", "Ship")]
    build = next(t for t in v["tasks"] if t["name"] == "Build")
    assert (build["base_duration"], build["duration_var"]) == (5, 1)
    ok(db_path, "-p", "Shop", "undo")
    assert dump(store) == before


def test_into_the_project_it_came_from_keeps_the_baselines_names(store, db_path, tmp_path):
    """MS Project has no names for its baselines, only numbers: a plan sent to MS Project and
    imported back into its project came in with 'Approved plan' renamed 'Baseline'. A baseline
    of the same number keeps the project's name."""
    _shop_with_baseline_and_risk(db_path)
    ok(db_path, "-p", "Shop", "task", "edit", "2", "--duration", "4d")
    ok(db_path, "-p", "Shop", "baseline", "save", "Replan")
    before = _saved(store, find_project(store, "Shop").id)
    path = tmp_path / "shop.xml"
    ok(db_path, "-p", "Shop", "export", str(path))
    r = ok(db_path, "import", str(path), "--into", "Shop")
    assert ("the names of its baselines of the same number (Baseline as 'Approved plan', Baseline1 as 'Replan')"
            in r.stdout)
    assert "compare against Approved plan" in r.stdout
    after = _saved(store, find_project(store, "Shop").id)
    # the same baselines, tied to the new tasks: only the tasks' ids differ, which _saved leaves out
    assert after == before


def test_resource_and_assignment_baselines_are_counted_among_the_ignored(db_path, tmp_path):
    """A person's and an assignment's <Baseline> (work and cost per baseline) have no place in
    pmtui, which keeps the tasks' and the project's: they were dropped without a word, so the
    summary said nothing was ignored while the file's resource baselines were gone."""
    bl = ("<Baseline><Number>{n}</Number><Work>PT40H0M0S</Work><Cost>250000</Cost></Baseline>")
    people = ("<Resources><Resource><UID>1</UID><ID>1</ID><Name>Ann</Name>" + bl.format(n=0) + bl.format(n=1)
              + "</Resource></Resources>")
    work = ("<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID>"
            "<Units>1</Units>" + bl.format(n=0) + "</Assignment></Assignments>")
    path = tmp_path / "people.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><Project xmlns="http://schemas.microsoft.com/project">'
                    "<StartDate>2027-01-04T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay><Tasks>"
                    "<Task><UID>1</UID><ID>1</ID><Name>Build</Name><OutlineLevel>1</OutlineLevel>"
                    "<Duration>PT40H0M0S</Duration></Task></Tasks>" + people + work + "</Project>",
                    encoding="utf-8")
    imp = read_file(path)
    assert imp.ignored == {"resource baselines": 2, "assignment baselines": 1}
    r = ok(db_path, "import", str(path))
    assert r.stdout.splitlines()[-1] == "ignored: 1 assignment baselines, 2 resource baselines"
