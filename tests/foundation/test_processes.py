"""Real processes: the installed `pmtui` command, and two writers on one database at once."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import file_digest

PMTUI = str(Path(sys.executable).with_name("pmtui"))


def run(*args, env=None, check=True):
    proc = subprocess.run([PMTUI, *args], capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_the_installed_command_end_to_end(db_path):
    run("--db", str(db_path), "demo")
    listing = json.loads(run("--db", str(db_path), "task", "list", "--json").stdout)
    assert len(listing) == 64
    proc = run("--db", str(db_path), "task", "add", "Oops", "--duration", "banana", check=False)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "pmtui: duration 'banana' is not understood: use working days like 3d, 2w or 0\n"
    assert run("--db", str(db_path), "--help").stdout.count("Example") == 0  # the root help lists commands
    module = subprocess.run([sys.executable, "-m", "pmtui", "--db", str(db_path), "project", "list"],
                            capture_output=True, text=True, timeout=60)
    assert module.returncode == 0 and "CRM migration" in module.stdout


def test_pmtui_db_environment_variable(tmp_path):
    env = {**os.environ, "PMTUI_DB": str(tmp_path / "env.db")}
    run("project", "new", "Env", "--start", "2027-01-04", env=env)
    assert (tmp_path / "env.db").exists()
    assert "Env" in run("project", "list", env=env).stdout


def test_database_errors_are_one_line(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 500)
    before = file_digest(junk)
    proc = run("--db", str(junk), "project", "list", check=False)
    assert proc.returncode == 1
    assert proc.stderr == f"pmtui: {junk} is not a pmtui database (not an SQLite file)\n"
    assert file_digest(junk) == before
    proc = run("--db", str(tmp_path / "missing" / "x.db"), "project", "list", check=False)
    assert proc.returncode == 1 and "folder" in proc.stderr and "does not exist" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


WRITER = """
import sys
from pmtui.store import open_store
from pmtui.services import tasks
store = open_store(sys.argv[1])
pid = int(sys.argv[2])
for i in range(200):
    tasks.add_task(store, pid, f"{sys.argv[3]} {i}", duration=1)
store.close()
"""


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(store, project, db_path):
    store.close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(project.id), name],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("left", "right")
    ]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    names = [r[0] for r in con.execute("select name from task where project_id = ?", (project.id,))]
    assert len(names) == 400
    assert {n.split()[0] for n in names} == {"left", "right"}
    positions = sorted(r[0] for r in con.execute("select position from task where parent_id is null"))
    assert positions == list(range(400))  # the WBS codes stayed consecutive: 1 … 400
    assert con.execute("select count(*) from journal where action = 'Add task'").fetchone() == (400,)
    con.close()


def test_an_empty_db_option_is_refused_not_the_default_database(tmp_path):
    """`pmtui --db "$PLAN" task add …` with PLAN unset wrote into the user's default plan."""
    env = {**os.environ, "PMTUI_DATA_DIR": str(tmp_path / "data")}
    for value in ("", " "):
        proc = subprocess.run([PMTUI, "--db", value, "project", "new", "Script", "--start", "2027-01-04"],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
        assert (proc.returncode, proc.stdout) == (2, "")
        assert proc.stderr == "pmtui: --db is empty: name a database file, or leave --db out for the default one\n"
    assert list(tmp_path.iterdir()) == []  # no default database made, no file named " "


def test_an_empty_project_option_is_refused_not_the_current_project(tmp_path):
    """`pmtui -p "$NAME" task add …` with NAME unset added the task to the current project."""
    from tests.conftest import file_digest
    from tests.foundation.helpers import cli

    db = tmp_path / "p.db"
    assert cli(db, "project", "new", "Current", "--start", "2027-01-04").exit_code == 0
    digest = file_digest(db)
    for value in ("", " "):
        r = cli(db, "-p", value, "task", "add", "Stray")
        assert (r.exit_code, r.stdout) == (2, "")
        assert r.stderr == "pmtui: --project is empty: name a project, or leave -p out for the current one\n"
    assert file_digest(db) == digest


def test_a_db_path_ending_in_a_slash_is_not_made_a_file(tmp_path):
    """`--db ~/plans/` made a database file named "plans" where the user meant a folder."""
    target = f"{tmp_path / 'plans'}/"
    proc = run("--db", target, "project", "new", "X", "--start", "2027-01-04", check=False)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (f"pmtui: cannot create database {target}: a name ending in / is a folder; "
                           f"name the file, e.g. {target}pmtui.db\n")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "plans").mkdir()  # an existing folder is named as one, as before
    proc = run("--db", target, "project", "list", check=False)
    assert proc.stderr == f"pmtui: cannot open database {tmp_path / 'plans'}: it is a folder, not a file\n"
