"""A CSV export opens in a spreadsheet as written: Excel reads a UTF-8 file as UTF-8 only when it
begins with a byte order mark, and without one showed 'Müller' as 'MÃ¼ller'."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def test_the_export_begins_with_a_bom_and_reads_back(db_path, tmp_path):
    ok(db_path, "project", "new", "Übergabe", "--start", "2027-01-04")
    ok(db_path, "task", "add", "Müller-Abnahme", "--duration", "2d")
    path = tmp_path / "plan.csv"
    ok(db_path, "export", str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfWBS,Name,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][:3] == ["1", "Müller-Abnahme", "2d"] and rows[1][4:6] == ["2027-01-04", "2027-01-05"]
    r = ok(db_path, "import", str(path), "--name", "Back")
    assert "1 task" in r.stdout
    assert "Müller-Abnahme" in ok(db_path, "-p", "Back", "task", "list").stdout


EXCEL_DE = ("\ufeffWBS;Name;Duration;Predecessors;Start;Finish;Resources;Percent complete\r\n"
            "1;Design;5d;;2027-01-04;2027-01-08;Alice, Zed;40%\r\n"
            "2;Build;3d;1FS+2d;2027-01-13;2027-01-15;\"\"\"Smith, John\"\"[50%]\";\r\n"
            "3;Launch;0;2, 1;2027-01-15;2027-01-15;;\r\n")


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_csv_saved_by_excel_with_semicolons_or_tabs_is_read_as_with_commas(db_path, tmp_path, sep):
    """Excel separates cells with semicolons where the decimal mark is a comma (and in its
    "CSV UTF-8" there), with tabs in "Unicode Text": an export edited and saved there was refused,
    "no 'WBS' column in the header (found: WBS;Name;Duration;…)"."""
    path = tmp_path / "excel.csv"
    path.write_bytes(EXCEL_DE.replace(";", sep).encode("utf-8"))
    r = ok(db_path, "import", str(path), "--name", "Excel")
    assert "3 tasks, 3 links, 3 resources, 3 assignments" in r.stdout, r.stdout
    listed = ok(db_path, "-p", "Excel", "task", "list").stdout
    assert "2027-01-13" in listed and "Launch" in listed
    assert "Alice, Zed" in listed and "Smith, John" in listed


def _dates(db, project) -> dict[str, tuple[str, str | None]]:
    import json

    rows = json.loads(ok(db, "-p", project, "task", "list", "--json").stdout)
    return {t["name"]: (t["start"], t["deadline"]) for t in rows}


def test_dates_as_a_german_excel_saves_them_are_day_first(db_path, tmp_path):
    """Excel in Germany saves 2027-01-04 back as 04.01.2027: read through dateutil, that was
    April 1st, and the plan and its deadline moved three months without a word."""
    path = tmp_path / "de.csv"
    path.write_text("WBS;Name;Duration;Predecessors;Start;Finish;Deadline\n"
                    "1;Design;5d;;04.01.2027;08.01.2027;\n"
                    "2;Build;3d;1;11.01.2027;13.01.2027;05.02.2027\n", encoding="utf-8")
    ok(db_path, "import", str(path), "--name", "DE")
    assert _dates(db_path, "DE") == {"Design": ("2027-01-04", None), "Build": ("2027-01-11", "2027-02-05")}


def test_slashed_dates_take_the_order_the_files_other_dates_show(db_path, tmp_path):
    """04/01/2027 is 4 January in Britain and April 1st in the US: a day above 12 elsewhere in
    the file tells which order its spreadsheet wrote. With none, the date is refused, naming it,
    and nothing is imported."""
    uk = tmp_path / "uk.csv"
    uk.write_text("WBS,Name,Duration,Start,Finish,Deadline\n"
                  "1,Design,5d,04/01/2027,08/01/2027,\n2,Build,3d,11/01/2027,13/01/2027,05/02/2027\n", encoding="utf-8")
    ok(db_path, "import", str(uk), "--name", "UK")
    assert _dates(db_path, "UK")["Build"] == ("2027-01-04", "2027-02-05")
    us = tmp_path / "us.csv"
    us.write_text("WBS,Name,Duration,Start,Finish,Deadline\n"
                  "1,Design,5d,1/4/2027,1/8/2027,\n2,Build,3d,1/11/2027,1/13/2027,2/5/2027\n", encoding="utf-8")
    ok(db_path, "import", str(us), "--name", "US")
    assert _dates(db_path, "US")["Build"] == ("2027-01-04", "2027-02-05")
    before = file_digest(db_path)
    vague = tmp_path / "vague.csv"
    vague.write_text("WBS,Name,Duration,Deadline\n1,Design,5d,04/01/2027\n", encoding="utf-8")
    r = cli(db_path, "import", str(vague))
    assert r.exit_code == 1
    assert r.stderr.strip() == ("pmtui: vague.csv line 2: date '04/01/2027' could be 4 January or 1 April, and no "
                                "other date of the file tells which: write it as YYYY-MM-DD")
    both = tmp_path / "both.csv"
    both.write_text("WBS,Name,Duration,Deadline\n1,Design,5d,13/01/2027\n2,Build,1d,01/13/2027\n", encoding="utf-8")
    r = cli(db_path, "import", str(both))
    assert r.exit_code == 1
    assert "both.csv: its dates are in two orders: 13/01/2027 (line 2) is day first, 01/13/2027 (line 3)" in r.stderr
    assert file_digest(db_path) == before


def test_utf16_files_with_their_bom_are_read(db_path, tmp_path):
    """Excel's "Unicode Text" is UTF-16 with tabs, and Windows PowerShell's `pmtui export - -f json
    > plan.json` writes UTF-16: both were refused ("'utf-8' codec can't decode byte 0xff in
    position 0", or "not UTF-8 text (byte 0)") though their BOM says what they are."""
    ok(db_path, "project", "new", "Übergabe", "--start", "2027-01-04")
    ok(db_path, "task", "add", "Müller-Abnahme", "--duration", "2d")
    for fmt in ("json", "csv"):
        text = ok(db_path, "export", "-", "--format", fmt).stdout
        if fmt == "csv":
            text = text.replace(",", "\t")
        path = tmp_path / f"unicode.{fmt}"
        path.write_bytes(text.encode("utf-16"))
        r = ok(db_path, "import", str(path), "--name", f"From {fmt}")
        assert "1 task" in r.stdout
        assert "Müller-Abnahme" in ok(db_path, "-p", f"From {fmt}", "task", "list").stdout
    latin = tmp_path / "latin.csv"
    latin.write_bytes("WBS,Name\n1,Müller\n".encode("latin-1"))
    r = cli(db_path, "import", str(latin))
    assert r.exit_code == 1 and r.stderr.strip() == "pmtui: latin.csv: not UTF-8 text (byte 12): save the CSV as UTF-8"


def test_text_a_spreadsheet_would_take_for_a_formula_is_marked_as_text_and_read_back(db_path, tmp_path):
    """A note of bullets ('- call the vendor') opened in Excel as #NAME? and was saved back so;
    a task named '=HYPERLINK(…)' ran as a formula. Such cells get Excel's text mark, a leading
    ', which the import takes off again."""
    ok(db_path, "project", "new", "Cells", "--start", "2027-01-04")
    ok(db_path, "task", "add", '=HYPERLINK("http://x.test","go")', "--duration", "2d")
    ok(db_path, "task", "add", "'quoted' kick-off", "--duration", "1d", "--after", "1")
    ok(db_path, "task", "edit", "1", "--notes", "- call the vendor\n- sign the SOW")
    ok(db_path, "resource", "add", "@ops")
    ok(db_path, "assign", "1", "@ops")
    path = tmp_path / "cells.csv"
    ok(db_path, "export", str(path))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x.test","go")'
    assert rows[1][6] == "'@ops" and rows[1][11] == "'- call the vendor\n- sign the SOW"
    assert rows[2][1] == "'quoted' kick-off"  # no formula: left as it is
    ok(db_path, "import", str(path), "--name", "Back")
    import json

    back = json.loads(ok(db_path, "-p", "Back", "task", "show", "1", "--json").stdout)
    assert back["name"] == '=HYPERLINK("http://x.test","go")'
    assert back["notes"] == "- call the vendor\n- sign the SOW" and back["resources"] == "@ops"
    second = json.loads(ok(db_path, "-p", "Back", "task", "show", "2", "--json").stdout)
    assert second["name"] == "'quoted' kick-off"


def test_a_csv_written_to_stdout_has_no_bom_for_the_program_reading_it(db_path):
    ok(db_path, "project", "new", "Pipe", "--start", "2027-01-04")
    ok(db_path, "task", "add", "Design", "--duration", "2d")
    out = ok(db_path, "export", "-", "--format", "csv").stdout
    assert next(csv.DictReader(io.StringIO(out)))["WBS"] == "1"
