"""An import's warnings quoted names whole, where its refusals cut them (wording.brief): a file
with 5,000-character names filled the terminal with one warning, and the lines after it (the
summary of what was ignored) scrolled away. Each name in a warning is now cut to 60 characters."""

from __future__ import annotations

import re

from tests.foundation.helpers import cli

LONG_TASK, LONG_PERSON = "T" * 5000, "P" * 5000


def _mspdi(path):
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
<Name>Long</Name><StartDate>2027-01-04T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay>
<Tasks>
<Task><UID>1</UID><ID>1</ID><Name>{LONG_TASK}</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>2</UID><ID>2</ID><Name>{LONG_TASK}</Name><OutlineLevel>2</OutlineLevel><Duration>PT40H0M0S</Duration></Task>
</Tasks>
<Resources>
<Resource><UID>1</UID><ID>1</ID><Name>{LONG_PERSON}</Name></Resource>
<Resource><UID>2</UID><ID>2</ID><Name>{LONG_PERSON}</Name></Resource>
</Resources>
<Assignments>
<Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
<Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
<Assignment><UID>3</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
</Assignments>
</Project>""", encoding="utf-8")
    return path


def _no_long_runs(text: str) -> None:
    # a name is quoted cut: 59 of its characters and an ellipsis
    assert not re.search(r"([TPQ])\1{59}", text), max(text.splitlines(), key=len)[:300]


def test_mspdi_warnings_cut_long_names(db_path, tmp_path):
    r = cli(db_path, "import", str(_mspdi(tmp_path / "long.xml")))
    assert r.exit_code == 0, r.stderr
    _no_long_runs(r.stdout)
    cut_p, cut_t = "P" * 59 + "…", "'" + "T" * 59 + "…'"
    # two resources of one 200-character name: the second's " (UID 2)" was cut off again, and
    # the import refused "two resources are named …"
    assert (f"warning: resource UID 2: a second resource named '{cut_p}': imported with '(UID 2)' after the name"
            in r.stdout.splitlines())
    assert (f"warning: assignment UID 1: {cut_p} on summary task UID 1 {cut_t}: pmtui assigns resources to "
            "tasks only, dropped") in r.stdout.splitlines()
    assert f"warning: assignment UID 3: {cut_p} is assigned to task UID 2 {cut_t} twice: kept once" \
        in r.stdout.splitlines()
    r = cli(db_path, "resource", "list", "--json")
    assert r.exit_code == 0
    assert sorted(len(x["name"]) for x in __import__("json").loads(r.stdout)) == [200, 200]


def test_csv_warnings_and_notes_cut_long_names(db_path, tmp_path):
    name = "P" * 200
    other = "Q" * 199 + "z"
    plan = tmp_path / "long.csv"
    plan.write_text(f'WBS,Name,Duration,Resources\n1,Phase,5d,{name}\n1.1,Work,5d,"{name}, {other.upper()} "\n',
                    encoding="utf-8")
    assert cli(db_path, "project", "new", "Into", "--start", "2027-01-04").exit_code == 0
    for person in (other, "R" * 200):
        assert cli(db_path, "resource", "add", person).exit_code == 0
    r = cli(db_path, "import", str(plan), "--into", "Into")
    assert r.exit_code == 0, r.stderr
    _no_long_runs(r.stdout)
    lines = r.stdout.splitlines()
    assert f"warning: line 2 ('Phase'): resource {'P' * 59}… on a summary row dropped" in lines
    assert f"warning: 1 resources created as people with no cost rate: {'P' * 59}…" in lines
    assert f"note: names matched ignoring case and spacing: '{'Q' * 59}…' as the project's '{'Q' * 59}…'" in lines
    assert any(line.startswith("kept the project's own") and line.endswith(f"unassigned ({'R' * 59}…)")
               for line in lines), lines
