"""A CSV's Resources cell lists people with commas and units in brackets: a name that holds a
comma, a bracket or a quote is written in quotes, so that pmtui reads back the people it wrote."""

from __future__ import annotations

from pmtui.services.bulk import get_plan_data
from pmtui.services.projects import find_project
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def _people(store, project) -> dict[str, list[tuple[str, float]]]:
    data = get_plan_data(store, find_project(store, project).id)
    names = {r.key: r.name for r in data.resources}
    out: dict = {t.name: [] for t in data.tasks}
    by_key = {t.key: t.name for t in data.tasks}
    for a in data.assignments:
        out[by_key[a.task]].append((names[a.resource], a.units))
    return {k: sorted(v) for k, v in out.items()}


def test_names_with_commas_brackets_and_quotes_come_back_as_they_were(store, db_path, tmp_path):
    ok(db_path, "project", "new", "Names", "--start", "2027-01-04")
    ok(db_path, "task", "add", "Design", "--duration", "5d")
    ok(db_path, "task", "add", "Build", "--duration", "3d", "--after", "1")
    for name in ("Smith, John", "Zoë [ext]", 'Ann "AJ" Lee', "Bob"):
        ok(db_path, "resource", "add", name)
    ok(db_path, "assign", "1", "Smith, John")
    ok(db_path, "assign", "1", 'Ann "AJ" Lee', "--units", "50%")
    ok(db_path, "assign", "2", "Zoë [ext]")
    ok(db_path, "assign", "2", "Bob", "--units", "25%")
    path = tmp_path / "names.csv"
    ok(db_path, "export", str(path))
    r = ok(db_path, "import", str(path), "--name", "Back")
    assert "4 resources" in r.stdout and "4 assignments" in r.stdout
    assert _people(store, "Back") == _people(store, "Names") == {
        "Design": [('Ann "AJ" Lee', 0.5), ("Smith, John", 1.0)],
        "Build": [("Bob", 0.25), ("Zoë [ext]", 1.0)],
    }


def test_a_quoted_name_in_a_hand_made_csv_is_read_and_a_bad_one_named(db_path, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text('WBS,Name,Duration,Resources\n1,Design,5d,"""Smith, John""[50%], Ana Lima"\n', encoding="utf-8")
    r = ok(db_path, "import", str(path), "--dry-run")
    assert "2 resources" in r.stdout and "2 assignments" in r.stdout
    path.write_text('WBS,Name,Duration,Resources\n1,Design,5d,"""Smith"" John"\n', encoding="utf-8")
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 1
    assert "hand.csv line 2: resource '\"Smith\" John': a name in quotes ends with a quote" in r.stderr
    assert ok(db_path, "project", "list").stdout.startswith("No projects")  # the refused file made none
