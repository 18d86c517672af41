"""Bad files: one line naming the file and the line or element, exit code 1, and the database
byte-for-byte unchanged."""

from __future__ import annotations


import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli

HEAD = '<?xml version="1.0"?>\n<Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name><StartDate>2027-01-04T08:00:00</StartDate>'


def task(uid, name, links="", extra=""):
    return (f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>1</OutlineLevel>"
            f"<Duration>PT8H0M0S</Duration>{extra}{links}</Task>")


def link(pred, kind=1, lag=0):
    return f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{kind}</Type><LinkLag>{lag}</LinkLag></PredecessorLink>"


def mspdi(*tasks):
    return HEAD + "<Tasks>" + "".join(tasks) + "</Tasks></Project>"


JSON_DOC = ('{"format": "pmtui", "version": 1, "project": {"name": "x", "start": "2027-01-04"}, '
            '"tasks": [{"id": 1, "name": "A", "duration": 1}, {"id": 2, "name": "B", "duration": 2}], '
            '"links": [{"pred": 1, "succ": 2, "type": "FS", "lag": 0}]}')

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol9;</Name></Project>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&x;</Name></Project>"""

CASES = {
    "bomb.xml": (BOMB, "bomb.xml: refused: the file declares XML entities"),
    "xxe.xml": (XXE, "xxe.xml: refused"),
    "broken.xml": (HEAD + "<Tasks><Task></Tasks>", "broken.xml: not well-formed XML: mismatched tag: line 2"),
    "root.xml": ('<?xml version="1.0"?><Gantt/>', "root.xml: root element is <Gantt>, not MS Project's <Project>"),
    "missing.xml": (mspdi(task(1, "A", link(99))), "missing.xml: task UID 1 'A' <PredecessorLink> to UID 99: the predecessor task does not exist"),
    "linktype.xml": (mspdi(task(1, "A"), task(2, "B", link(1, kind=7))), "linktype.xml: task UID 2 'B' <PredecessorLink> to UID 1: link <Type> 7 is unknown"),
    "cycle.xml": (mspdi(task(1, "A", link(2)), task(2, "B", link(1))), "cycle.xml: "),
    "date.xml": (mspdi(task(1, "A", extra="<ConstraintType>4</ConstraintType><ConstraintDate>2027-02-30T08:00:00</ConstraintDate>")),
                 "date.xml: task UID 1 'A': <ConstraintDate> '2027-02-30T08:00:00' is not a possible date"),
    "farfuture.xml": (mspdi(task(1, "A", extra="<ConstraintType>4</ConstraintType><ConstraintDate>2207-02-01T08:00:00</ConstraintDate>")),
                      "farfuture.xml: task UID 1 'A': the date 2207-02-01 is out of range: plan dates run from 1984-01-01 to 2149-12-31"),
    "inftype.xml": (mspdi(task(1, "A"), task(2, "B", link(1, kind="1e400"))),
                    "inftype.xml: task UID 2 'B' <PredecessorLink> to UID 1: <Type> '1e400' is not a finite number"),
    "nancost.xml": (mspdi(task(1, "A", extra="<FixedCost>nan</FixedCost>")),
                    "nancost.xml: task UID 1 'A': <FixedCost> 'nan' is not a finite number"),
    "hugedur.xml": (mspdi(task(1, "A").replace("PT8H0M0S", "PT100000000000000000000H0M0S")),
                    "hugedur.xml: task UID 1 'A': a duration of more than 100000 working days is not a plan"),
    "encoding.xml": ('<?xml version="1.0" encoding="UTF1e400"?><Project/>', "encoding.xml: not readable XML: unknown encoding: UTF1e400"),
    "ctype.xml": (mspdi(task(1, "A", extra="<ConstraintType>9</ConstraintType>")), "ctype.xml: task UID 1 'A': <ConstraintType> 9 is unknown"),
    "short.csv": ("WBS,Name,Duration,Predecessors\n1,A,2d,\n2,B\n", "short.csv line 3: 2 fields, the header has 4"),
    # cells past the header were dropped without a word: a stray column, or a comma not in quotes
    # that also moved the cells after it
    "long.csv": ("WBS,Name,Duration\n1,A,2d\n2,Design, build,3d\n3,C,1d,,\n4,D,1d,,x\n",
                 "long.csv lines 3, 5: more fields than the header's 3 (line 3 has 4, with '3d' past the header); "
                 "nothing was imported, as those cells belong to no column: give their column a header, "
                 "or put quotes around a cell that holds a comma"),
    "superscript.csv": ("WBS,Name,Duration,Predecessors\n²,A,2d,\n", "superscript.csv line 2: WBS '²' is not an outline code like 1.2"),
    "nowbs.csv": ("Name,Duration\nA,2d\n", "nowbs.csv line 1: no 'WBS' column"),
    "csvlink.csv": ("WBS,Name,Duration,Predecessors\n1,A,2d,\n2,B,1d,7FS\n", "csvlink.csv line 3: predecessor 7 is not a WBS code"),
    "csvcycle.csv": ("WBS,Name,Duration,Predecessors\n1,A,2d,2\n2,B,1d,1\n", "csvcycle.csv: "),
    "csvdur.csv": ("WBS,Name,Duration\n1,A,banana\n", "csvdur.csv line 2: duration 'banana' is not understood"),
    "lag.json": (JSON_DOC.replace('"lag": 0', '"lag": 1.5'), "lag.json: links[0]: lag 1.5 must be a whole number"),
    "inflag.json": (JSON_DOC.replace('"lag": 0', '"lag": 1e400'), "inflag.json: links[0]: lag inf must be a whole number"),
    "numname.json": (JSON_DOC.replace('"name": "B"', '"name": 5'), "numname.json: tasks[1] 5: name 5 must be text"),
    "nancost.json": (JSON_DOC.replace('"duration": 2', '"duration": 2, "fixed_cost": NaN'),
                     "nancost.json: tasks[1] 'B': fixed_cost nan must be a finite number"),
    "noday.json": (JSON_DOC.replace('"tasks"', '"calendar": {"exceptions": [{"day": null}]}, "tasks"'),
                   "noday.json: calendar exception 1: it has no day"),
    "oldday.json": (JSON_DOC.replace('"tasks"', '"calendar": {"exceptions": [{"day": "1066-10-14"}]}, "tasks"'),
                    "oldday.json: calendar 'Standard': the exception 1066-10-14 is out of range: plan dates run from 1984-01-01 to 2149-12-31"),
    "bad.json": ('{"format": "pmtui", "version": 1,', "bad.json line 1: not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_and_nothing_is_written(project, db_path, tmp_path, name):
    text, message = CASES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = file_digest(db_path)
    for extra in ([], ["--into", "Test project"]):
        # a hostile file (entity expansion, external entities) is refused before it is expanded
        r = cli(db_path, "import", str(path), *extra)
        assert r.exit_code == 1, (r.stdout, r.stderr)
        assert r.stderr.startswith(f"pmtui: {message}"), r.stderr
        assert r.stderr.count("\n") == 1
        assert file_digest(db_path) == before


def test_cycle_message_names_the_tasks(project, db_path, tmp_path):
    path = tmp_path / "cycle.xml"
    path.write_text(mspdi(task(1, "Alpha", link(2)), task(2, "Beta", link(1))))
    r = cli(db_path, "import", str(path))
    assert "Alpha" in r.stderr and "Beta" in r.stderr and "cycle" in r.stderr.lower()


def test_into_a_missing_project_changes_nothing(project, db_path):
    before = file_digest(db_path)
    r = cli(db_path, "import", "/work/shared/data/mspdi/p2007_all_link_types.xml", "--into", "Nope")
    assert r.exit_code == 1 and "no project named 'Nope'" in r.stderr
    assert file_digest(db_path) == before


@pytest.mark.parametrize("fmt", ["csv", "json", "mspdi"])
def test_a_device_given_by_mistake_is_refused_not_read_forever(fmt, db_path, monkeypatch):
    # `pmtui import /dev/zero --format csv` read for ever (and memory with it); the reading
    # stops past a bound far above any plan (made small here so that the test is quick)
    from pmtui.interchange import base
    from tests.foundation.helpers import cli

    monkeypatch.setattr(base, "MAX_IMPORT_BYTES", 4096)
    r = cli(db_path, "import", "/dev/zero", "--format", fmt)
    assert r.exit_code == 1 and r.stderr.startswith("pmtui: zero: larger than")
    assert "far more than any plan" in r.stderr and r.stderr.count("\n") == 1


@pytest.mark.parametrize("name, content, message", [
    ("plan.xml", JSON_DOC, "plan.xml holds JSON, not XML (by its first bytes): import it with --format json"),
    ("plan.json", "WBS,Name,Duration\n1,A,2d\n", "plan.json holds CSV, not JSON (by its first bytes): import it with --format csv"),
    ("plan.csv", mspdi(task(1, "A")), "plan.csv holds XML, not CSV (by its first bytes): import it with --format mspdi"),
    ("plan.xml", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     "plan.xml holds MS Project's binary .mpp format, not XML (by its first bytes): pmtui does not read it: "
     "in MS Project, File > Save As > XML Format"),
], ids=["json-as-xml", "csv-as-json", "xml-as-csv", "mpp-as-xml"])
def test_a_file_that_is_not_what_its_extension_says_is_named_for_what_it_is(project, db_path, tmp_path, name,
                                                                             content, message):
    # "plan.xml: not well-formed XML: invalid token" was true of a JSON export saved as .xml,
    # and did not say what the file was nor how to import it
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = file_digest(db_path)
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 1 and r.stderr.startswith(f"pmtui: {message}"), r.stderr
    assert file_digest(db_path) == before
    if "--format" in message:  # and the format it names reads it
        assert cli(db_path, "import", str(path), "--format", message.rsplit(" ", 1)[-1]).exit_code == 0


def test_an_mpp_file_is_refused_with_how_to_save_it_as_xml(project, db_path, tmp_path):
    path = tmp_path / "plan.mpp"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 2 and "File > Save As > XML Format" in r.stderr, r.stderr


def test_a_csv_column_without_a_header_is_named_with_its_rows(project, db_path, tmp_path):
    # a spreadsheet's stray column, saved with an empty header cell, lost its data without a word
    path = tmp_path / "stray.csv"
    path.write_text("WBS,Name,Duration,\n1,A,2d,\n2,B,3d,check with Ana\n3,C,1d,\n4,D,1d,n/a\n", encoding="utf-8")
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert "warning: column 4 has no header: its cells on lines 3, 5 ignored" in r.stdout
    assert "ignored: 1 unknown columns" in r.stdout


def test_empty_cells_past_a_csv_header_hold_nothing_and_are_read(project, db_path, tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("WBS,Name,Duration\n1,A,2d,,\n2,B,3d,\n", encoding="utf-8")
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert "2 tasks" in r.stdout and "warning" not in r.stdout


def test_a_folder_given_as_the_file_is_named_in_the_refusal(project, db_path, tmp_path, monkeypatch):
    # `pmtui import . --format mspdi` said "pmtui: : cannot be read: Is a directory"
    monkeypatch.chdir(tmp_path)
    before = file_digest(db_path)
    r = cli(db_path, "import", ".", "--format", "mspdi")
    assert r.exit_code == 1 and r.stderr == "pmtui: .: cannot be read: Is a directory\n"
    r = cli(db_path, "import", str(tmp_path), "--format", "csv")
    assert r.exit_code == 1 and r.stderr == f"pmtui: {tmp_path.name}: cannot be read: Is a directory\n"
    assert file_digest(db_path) == before


@pytest.mark.parametrize("typed, message", [
    ("", "project name is empty"),
    ("   ", "project name is empty"),
    ("x" * 201, "project name is longer than 200 characters"),
])
def test_a_bad_name_given_to_import_is_refused_as_project_new_refuses_it(project, db_path, tmp_path, typed, message):
    # `import plan.json --name ""` imported the plan under the file's name, and a 300-character
    # --name was cut to 194 characters without a word; `project new` refuses both
    path = tmp_path / "plan.json"
    path.write_text(JSON_DOC, encoding="utf-8")
    assert cli(db_path, "project", "new", typed, "--start", "2027-01-04").stderr == f"pmtui: {message}\n"
    before = file_digest(db_path)
    for extra in ([], ["--dry-run"]):
        r = cli(db_path, "import", str(path), "--name", typed, *extra)
        assert (r.exit_code, r.stderr) == (2, f"pmtui: {message}\n"), (r.stdout, r.stderr)
        assert file_digest(db_path) == before


def test_an_import_says_it_made_the_new_project_the_current_one(project, db_path, tmp_path):
    # The new project became the current one without a word: the next `pmtui progress 3.2 60%`,
    # meant for the live plan, went to the copy just imported to look at.
    path = tmp_path / "plan.json"
    path.write_text(JSON_DOC, encoding="utf-8")
    r = cli(db_path, "import", str(path), "--name", "Copy", "--dry-run")
    assert r.exit_code == 0 and "current" not in r.stdout  # nothing written, nothing switched
    r = cli(db_path, "import", str(path), "--name", "Copy")
    assert r.exit_code == 0, r.stderr
    assert ("'Copy' is now the current project: commands without --project work on it "
            "(`pmtui project use 'Test project'` goes back)") in r.stdout, r.stdout
    assert cli(db_path, "project", "show", "--json").stdout.count('"Copy"') == 1
