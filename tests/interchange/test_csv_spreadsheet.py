"""A CSV export opens in a spreadsheet as written: Excel reads a UTF-8 file as UTF-8 only when it
begins with a byte order mark, and without one showed 'Müller' as 'MÃ¼ller'."""

from __future__ import annotations

import csv
import io

import pytest

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
