"""The status date through pmtui's JSON (written and read back) and CSV (no place for it: the
import says so and how to set it)."""

from __future__ import annotations

import json

from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def _status(db, project) -> str | None:
    return json.loads(ok(db, "-p", project, "project", "show", "--json").stdout)["status_date"]


def test_json_brings_the_status_date_back_and_says_so(db_path, tmp_path):
    ok(db_path, "demo")
    status = _status(db_path, "CRM migration")
    assert status
    path = tmp_path / "crm.json"
    ok(db_path, "export", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["project"]["status_date"] == status
    r = ok(db_path, "import", str(path), "--name", "Copy")
    assert f"status date {status} from the file's status date" in r.stdout
    assert _status(db_path, "Copy") == status
    # without one, nothing is said
    ok(db_path, "-p", "Copy", "project", "status-date", "none")
    ok(db_path, "-p", "Copy", "export", str(tmp_path / "none.json"))
    r = ok(db_path, "import", str(tmp_path / "none.json"), "--name", "Copy 2")
    assert "status date" not in r.stdout and _status(db_path, "Copy 2") is None


def test_csv_says_it_has_no_status_date_and_how_to_set_it(db_path, tmp_path):
    """The demo through CSV (tasks 60 %, 40 % … done, status date set) came back with no status
    date and nothing said: its progress counted as of the wall clock's today. Export says the
    status date is not written; import says the plan has none and how to set it."""
    ok(db_path, "demo")
    status = _status(db_path, "CRM migration")
    path = tmp_path / "crm.csv"
    r = ok(db_path, "export", str(path))
    assert f"the status date ({status})" in r.stdout
    r = ok(db_path, "import", str(path), "--name", "From CSV")
    assert ("no status date: CSV has no place for one, so the progress in it counts as of today; "
            "`pmtui project status-date YYYY-MM-DD` sets it") in r.stdout
    assert _status(db_path, "From CSV") is None
    ok(db_path, "-p", "From CSV", "project", "status-date", status)
    assert _status(db_path, "From CSV") == status


def test_a_csv_without_progress_says_nothing_of_a_status_date(db_path, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("WBS,Name,Duration,Percent complete\n1,Design,3d,0%\n2,Build,5d,\n", encoding="utf-8")
    r = ok(db_path, "import", str(path))
    assert "status date" not in r.stdout
