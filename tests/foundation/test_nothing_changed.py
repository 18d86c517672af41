"""An edit to the values a thing has already: `task edit` and `risk edit` exited 1 (an error on
stderr), `resource`, `issue` and `project edit` exited 0 with "nothing changed" on stdout. A
script re-applying values from a spreadsheet under `set -e` stopped on some and not on others.
Every edit command now says "nothing changed" on stdout, exits 0 and writes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


@pytest.fixture
def planned(db_path):
    for args in (
        ("project", "new", "Web shop", "--start", "2027-01-04"),
        ("task", "add", "Design", "--duration", "5d"),
        ("task", "add", "Build", "--duration", "2w", "--after", "1FS+2d"),
        ("resource", "add", "Alice Chen", "--rate", "650"),
        ("risk", "add", "Vendor late", "-P", "3", "-I", "4"),
        ("issue", "add", "Rig down", "--severity", "3"),
        ("project", "status-date", "2027-01-06"),
        ("progress", "1", "40%"),
    ):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    return db_path


SAME = [
    (("task", "edit", "1", "--duration", "5d"), "1 Design: nothing changed, it already has those values.\n"),
    # clearing a deadline the task never had said "Updated", as if it had had one
    (("task", "edit", "1", "--deadline", "none"), "1 Design: nothing changed, it already has those values.\n"),
    (("task", "edit", "2", "--duration", "2w", "--after", "1FS+2d"),
     "2 Build: nothing changed, it already has those values.\n"),
    (("risk", "edit", "R1", "-P", "3"), "R1: nothing changed, it already has those values.\n"),
    (("progress", "1", "40%"), "1 Design: nothing changed, it already has those values.\n"),
    (("resource", "edit", "Alice Chen", "--rate", "650"), "'Alice Chen' has those values already: nothing changed.\n"),
    (("issue", "edit", "I1", "--severity", "3"), "I1 'Rig down' has those values already: nothing changed.\n"),
    (("project", "edit", "--start", "2027-01-04"),
     "'Web shop' starts 2027-01-04, currency EUR already: nothing changed.\n"),
    (("project", "rename", "Web shop"), "'Web shop' has that name already: nothing changed.\n"),
]


@pytest.mark.parametrize("args,said", SAME, ids=[" ".join(a) for a, _ in SAME])
def test_an_edit_to_the_same_values_exits_0_says_so_and_writes_nothing(planned, args, said):
    before = file_digest(planned)
    r = cli(planned, *args)
    assert (r.exit_code, r.stdout, r.stderr) == (0, said, "")
    assert file_digest(planned) == before


def test_the_exit_codes_are_in_the_help():
    from typer.testing import CliRunner

    from pmtui.cli import app

    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["--help"])
    assert "Exit codes: 0 done, also when an edit asks for the values already there (it says 'nothing changed')" in \
        " ".join(r.stdout.replace("│", " ").split())
