"""`pmtui import FILE --into PROJECT` keeps the parts of the project the file has no place for.

A CSV carries tasks, links and who does what, and nothing of the project around them: importing
one into a project replaced the project's calendar with Monday to Friday and no holidays and
cleared its status date ("0 calendar exceptions" was all it said), set its currency to EUR and
its start to the file's first task, and made its people rate-less newcomers. MS Project XML and
pmtui's JSON carry those parts, and theirs replace the project's; either way the import says
which parts it kept and which it replaced, and a dry run says the same and writes nothing."""

from __future__ import annotations

import json
from datetime import date

from pmtui.services.bulk import get_plan_data
from pmtui.services.projects import find_project
from tests.conftest import file_digest
from tests.foundation.helpers import cli, dump


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


PLAN = """WBS,Name,Duration,Predecessors,Resources,Percent complete
1,Build,5d,,Alice,40%
2,Test,3d,1,"Alice, Zed",
3,Launch,0,2,,
"""


def _shop(db):
    """Shop: Monday 4 January 2027, a holiday on Wednesday 6, a worked Saturday 9, status date
    Friday 8, in USD; Alice at 500/day and Dan, a vendor at 300/day."""
    for args in (("project", "new", "Shop", "--start", "2027-01-04"),
                 ("calendar", "holiday", "add", "2027-01-06", "Epiphany"),
                 ("calendar", "workday", "add", "2027-01-09", "Release Saturday"),
                 ("resource", "add", "Alice", "--rate", "500"),
                 ("resource", "add", "Dan", "--rate", "300", "--kind", "vendor"),
                 ("project", "edit", "--currency", "USD"),
                 ("project", "status-date", "2027-01-08")):
        ok(db, "-p", "Shop", *args) if args[0] != "project" or args[1] != "new" else ok(db, *args)


def _shown(db) -> dict:
    return json.loads(ok(db, "-p", "Shop", "project", "show", "--json").stdout)


def test_a_csv_into_a_project_keeps_its_calendar_status_date_and_people(store, db_path, tmp_path):
    _shop(db_path)
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    before = dump(store)
    store.close()
    digest = file_digest(db_path)
    dry = ok(db_path, "import", str(plan), "--into", "Shop", "--dry-run")
    assert file_digest(db_path) == digest
    r = ok(db_path, "import", str(plan), "--into", "Shop")
    kept = ("the project's own, as plan.csv has none: the calendar ('Shop calendar': mon,tue,wed,thu,fri, "
            "1 holiday, 1 worked day); the start 2027-01-04; the status date 2027-01-08; the currency USD; "
            "the kinds, rates, units and calendars of the people it names (Alice); "
            "the people it does not name, unassigned (Dan)")
    assert f"would keep {kept}\n" in dry.stdout
    assert f"kept {kept}\n" in r.stdout
    assert "replace" not in dry.stdout.replace("Replaced the contents", "")
    # the status date stays, so the CSV's "no status date" advice would be wrong
    assert "no status date" not in r.stdout and "no status date" not in dry.stdout
    for out in (dry.stdout, r.stdout):
        assert "3 tasks, 2 links, 3 resources, 3 assignments, 2 calendar exceptions" in out
        assert "warning: 1 resources created as people with no cost rate: Zed\n" in out
    shown = _shown(db_path)
    assert (shown["start"], shown["status_date"], shown["currency"]) == ("2027-01-04", "2027-01-08", "USD")
    data = get_plan_data(store, find_project(store, "Shop").id)
    assert data.calendar.exceptions == {date(2027, 1, 6): (False, "Epiphany"),
                                        date(2027, 1, 9): (True, "Release Saturday")}
    assert sorted((r.name, r.kind, r.cost_rate) for r in data.resources) == [
        ("Alice", "person", 500.0), ("Dan", "vendor", 300.0), ("Zed", "person", 0.0)]
    # scheduled on the project's calendar and status date: Build, 40 % of 5 days, did Monday 4
    # and Tuesday 5 (Wednesday 6 off); its 3 days left run from the status date, Friday 8, over
    # the worked Saturday 9 to Monday 11; Test, 3 days, Tuesday 12 to Thursday 14
    s = data.schedule()
    assert [s.tasks[t.key].finish for t in data.tasks] == [date(2027, 1, 11), date(2027, 1, 14), date(2027, 1, 14)]
    assert shown["finish"] == "2027-01-14"
    ok(db_path, "-p", "Shop", "undo")
    assert dump(store) == before


def test_a_new_project_from_a_csv_names_all_its_people_as_new(db_path, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    r = ok(db_path, "import", str(plan))
    assert "warning: 2 resources created as people with no cost rate: Alice, Zed\n" in r.stdout
    assert "kept" not in r.stdout and "no status date: CSV has no place for one" in r.stdout


def test_a_csv_into_a_project_without_a_status_date_still_says_how_to_set_one(db_path, tmp_path):
    ok(db_path, "project", "new", "Plain", "--start", "2027-01-04")
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    r = ok(db_path, "import", str(plan), "--into", "Plain")
    assert "no status date: CSV has no place for one" in r.stdout
    assert "the status date" not in r.stdout


def test_ms_project_xml_brings_its_own_calendar_and_says_what_it_replaced(store, db_path):
    """MS Project 2003's sample has a calendar, a start and no status date (MS Project writes
    none when it is NA), and no currency: the file's replace the project's, the currency stays."""
    _shop(db_path)
    src = "/work/shared/data/mspdi/p2003_sample_plan.xml"
    dry = ok(db_path, "import", src, "--into", "Shop", "--dry-run")
    r = ok(db_path, "import", src, "--into", "Shop")
    replaced = ("the file's: the calendar ('Shop calendar': mon,tue,wed,thu,fri, 1 holiday, 1 worked day → "
                "'Standard': mon,tue,wed,thu,fri, 0 holidays); the start 2027-01-04 → 2003-01-07; "
                "the status date 2027-01-08 → none; the 2 people, with their rates and calendars → the file's 2")
    assert f"would replace with {replaced}\n" in dry.stdout and f"replaced with {replaced}\n" in r.stdout
    assert "keep the project's own, as p2003_sample_plan.xml has none: the currency USD\n" in dry.stdout
    assert "kept the project's own, as p2003_sample_plan.xml has none: the currency USD\n" in r.stdout
    shown = _shown(db_path)
    assert (shown["start"], shown["status_date"], shown["currency"]) == ("2003-01-07", None, "USD")
    assert get_plan_data(store, find_project(store, "Shop").id).calendar.exceptions == {}


def test_a_json_written_by_hand_without_a_calendar_keeps_the_projects(store, db_path, tmp_path):
    _shop(db_path)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format": "pmtui", "version": 1, "project": {"name": "x", "start": "2027-01-04"},
                                "tasks": [{"id": 1, "name": "Build", "duration": 5}]}), encoding="utf-8")
    r = ok(db_path, "import", str(plan), "--into", "Shop")
    assert ("kept the project's own, as plan.json has none: the calendar ('Shop calendar': mon,tue,wed,thu,fri, "
            "1 holiday, 1 worked day); the status date 2027-01-08; the currency USD; "
            "the people it does not name, unassigned (Alice, Dan)\n") in r.stdout
    shown = _shown(db_path)
    # 5 days not started, from the status date Friday 8 over the worked Saturday 9: Wednesday 13
    assert (shown["status_date"], shown["currency"], shown["finish"]) == ("2027-01-08", "USD", "2027-01-13")


SPELT = """WBS,Name,Duration,Predecessors,Resources
1,Build,5d,,alice
2,Test,3d,1,"Alice ,  dan"
3,Review,2d,2,"Alice  Chen, zed"
4,Sign-off,1d,3,Zed
"""


def test_a_csv_names_the_projects_people_whatever_their_case_or_spacing(store, db_path, tmp_path):
    """"alice" or "Alice " beside the project's "Alice" made a second, rate-less Alice; the
    names match ignoring case and spacing, the project's spelling is kept, and it is said."""
    _shop(db_path)
    ok(db_path, "-p", "Shop", "resource", "add", "Alice Chen", "--rate", "650")
    plan = tmp_path / "plan.csv"
    plan.write_text(SPELT, encoding="utf-8")
    dry = ok(db_path, "import", str(plan), "--into", "Shop", "--dry-run")
    r = ok(db_path, "import", str(plan), "--into", "Shop")
    for out in (dry.stdout, r.stdout):
        assert ("note: names matched ignoring case and spacing: 'alice' as the project's 'Alice', "
                "'dan' as the project's 'Dan', 'Alice  Chen' as the project's 'Alice Chen', "
                "'Zed' as 'zed' (the file's first spelling)\n") in out
        assert "warning: 1 resources created as people with no cost rate: zed\n" in out
        assert "the people it names (Alice, Dan, Alice Chen)" in out
    data = get_plan_data(store, find_project(store, "Shop").id)
    assert sorted((r.name, r.cost_rate) for r in data.resources) == [
        ("Alice", 500.0), ("Alice Chen", 650.0), ("Dan", 300.0), ("zed", 0.0)]
    names = {r.key: r.name for r in data.resources}
    wbs = {t.key: t.wbs for t in data.tasks}
    assert sorted((wbs[a.task], names[a.resource]) for a in data.assignments) == [
        ("1", "Alice"), ("2", "Alice"), ("2", "Dan"), ("3", "Alice Chen"), ("3", "zed"), ("4", "zed")]


def test_people_who_differ_only_by_case_stay_two(store, db_path, tmp_path):
    ok(db_path, "project", "new", "Twins", "--start", "2027-01-04")
    ok(db_path, "-p", "Twins", "resource", "add", "Alice", "--rate", "500")
    ok(db_path, "-p", "Twins", "resource", "add", "ALICE", "--rate", "700")
    plan = tmp_path / "plan.csv"
    plan.write_text('WBS,Name,Duration,Resources\n1,Build,5d,ALICE\n2,Test,3d,Alice\n3,Ship,1d,alice\n',
                    encoding="utf-8")
    r = ok(db_path, "import", str(plan), "--into", "Twins")
    assert "names matched" not in r.stdout
    assert ("note: 'alice' matches 2 of the project's people ('ALICE', 'Alice') but none exactly: "
            "added as a new person") in r.stdout
    data = get_plan_data(store, find_project(store, "Twins").id)
    names = {r.key: (r.name, r.cost_rate) for r in data.resources}
    wbs = {t.key: t.wbs for t in data.tasks}
    assert sorted((wbs[a.task], *names[a.resource]) for a in data.assignments) == [
        ("1", "ALICE", 700.0), ("2", "Alice", 500.0), ("3", "alice", 0.0)]


def test_a_new_project_from_a_csv_has_one_person_per_name_however_spelt(store, db_path, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text('WBS,Name,Duration,Resources\n1,Build,5d,Ana  Lima\n2,Test,3d,"ana lima, Bob"\n',
                    encoding="utf-8")
    r = ok(db_path, "import", str(plan))
    assert "warning: 2 resources created as people with no cost rate: Ana Lima, Bob\n" in r.stdout
    assert "'ana lima' as 'Ana Lima' (the file's first spelling)" in r.stdout
    data = get_plan_data(store, find_project(store, "plan").id)
    assert sorted(r.name for r in data.resources) == ["Ana Lima", "Bob"]
    assert len(data.assignments) == 3


DATED = """WBS,Name,Duration,Predecessors,Start
1,Build,5d,,2027-02-01
2,Test,3d,1,2027-02-08
"""


def test_a_csv_into_a_project_says_when_its_tasks_begin_on_another_date(db_path, tmp_path):
    """The project's start is kept and the plan moves to it: the import said "kept the start
    2027-01-04" but not that the file's tasks began a month later."""
    _shop(db_path)
    plan = tmp_path / "plan.csv"
    plan.write_text(DATED, encoding="utf-8")
    said = ("the file's tasks begin on 2027-02-01; the project start 2027-01-04 is kept "
            "(`pmtui project edit --start` changes it)\n")
    dry = ok(db_path, "import", str(plan), "--into", "Shop", "--dry-run")
    r = ok(db_path, "import", str(plan), "--into", "Shop")
    assert said in dry.stdout and said in r.stdout
    assert _shown(db_path)["start"] == "2027-01-04"
    # on the project's start, or with no Start column, there is nothing to say
    plan.write_text(DATED.replace("2027-02-01", "2027-01-04"), encoding="utf-8")
    assert "tasks begin on" not in ok(db_path, "import", str(plan), "--into", "Shop").stdout
    plan.write_text(PLAN, encoding="utf-8")
    assert "tasks begin on" not in ok(db_path, "import", str(plan), "--into", "Shop").stdout
    # a new project begins where the file's tasks do: nothing kept, nothing to say
    plan.write_text(DATED, encoding="utf-8")
    assert "tasks begin on" not in ok(db_path, "import", str(plan)).stdout
