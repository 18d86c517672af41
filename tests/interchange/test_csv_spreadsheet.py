"""A CSV export opens in a spreadsheet as written: Excel reads a UTF-8 file as UTF-8 only when it
begins with a byte order mark, and without one showed 'Müller' as 'MÃ¼ller'."""

from __future__ import annotations

import csv
import io

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
