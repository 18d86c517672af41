"""`pmtui project rename` to the name the project has already said "Renamed 'E' to 'E'." while
nothing was written and nothing went into the history: a script's log claimed a change."""

from __future__ import annotations

from tests.foundation.helpers import cli


def test_renaming_to_the_same_name_says_nothing_changed(db_path):
    assert cli(db_path, "project", "new", "ERP", "--start", "2027-01-04").exit_code == 0
    r = cli(db_path, "project", "rename", "ERP")
    assert r.exit_code == 0 and r.stdout.strip() == "'ERP' has that name already: nothing changed.", r.stdout
    assert "Rename project" not in cli(db_path, "history").stdout
    r = cli(db_path, "project", "rename", "ERP 2027")
    assert r.stdout.strip() == "Renamed 'ERP' to 'ERP 2027'."
