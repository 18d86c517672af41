"""`pmtui import --dry-run` goes the real import's way, every check included, and writes nothing:
it refuses what the import refuses, with the same message and exit code."""

from __future__ import annotations

import json
from datetime import date

from pmtui.services.demo import create_demo
from tests.conftest import file_digest
from tests.foundation.helpers import cli

SAMPLE = "/work/shared/data/mspdi/p2003_sample_plan.xml"


def test_dry_run_into_a_project_with_risks_refuses_as_the_import_does(store, db_path, tmp_path):
    create_demo(store, today=date(2026, 11, 23))
    plan = tmp_path / "demo.json"
    assert cli(db_path, "export", str(plan)).exit_code == 0
    # without its records, the file would leave the project's risks tied to tasks it removes
    doc = json.loads(plan.read_text())
    for key in ("risks", "issues", "standups", "baselines", "snapshots"):
        del doc[key]
    plan.write_text(json.dumps(doc))
    store.close()
    digest = file_digest(db_path)
    dry = cli(db_path, "import", str(plan), "--into", "CRM migration", "--dry-run")
    assert file_digest(db_path) == digest
    real = cli(db_path, "import", str(plan), "--into", "CRM migration")
    assert real.exit_code == 1 and "14 risks, 27 risk-task links" in real.stderr
    assert (dry.exit_code, dry.stderr) == (real.exit_code, real.stderr)
    assert "Would import" not in dry.stdout
    assert file_digest(db_path) == digest


def test_dry_run_that_passes_writes_nothing_and_names_the_result(store, project, db_path):
    store.close()
    digest = file_digest(db_path)
    r = cli(db_path, "import", SAMPLE, "--into", "Test project", "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Would import p2003_sample_plan.xml into 'Test project': 19 tasks")
    assert "dry run: nothing written" in r.stdout
    assert file_digest(db_path) == digest
    assert cli(db_path, "import", SAMPLE).exit_code == 0
    digest = file_digest(db_path)
    r = cli(db_path, "import", SAMPLE, "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert "as a new project 'sample (2)'" in r.stdout  # the name the real import would give
    assert file_digest(db_path) == digest


def test_dry_run_of_a_file_with_its_register_writes_nothing(store, db_path, tmp_path):
    create_demo(store, today=date(2026, 11, 23))
    plan = tmp_path / "demo.json"
    assert cli(db_path, "export", str(plan)).exit_code == 0
    store.close()
    digest = file_digest(db_path)
    dry = cli(db_path, "import", str(plan), "--into", "CRM migration", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "Would import demo.json into 'CRM migration'" in dry.stdout and "14 risks, 1 issue" in dry.stdout
    assert file_digest(db_path) == digest
