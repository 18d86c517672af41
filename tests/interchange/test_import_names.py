"""The name an import gives its new project: a --name that is taken is refused as `project new`
refuses it (it became 'NAME (2)' without a word of why); a name taken from the file is made
unique, and the import says so in a line of its own."""

from __future__ import annotations

import pytest

from pmtui.interchange import read_file
from pmtui.models.errors import Conflict
from pmtui.services.bulk import create_project_from
from pmtui.services.projects import list_projects
from tests.conftest import file_digest
from tests.foundation.helpers import cli

SAMPLE = "/work/shared/data/mspdi/p2003_sample_plan.xml"
TAKEN = ("pmtui: a project named 'Test project' exists already: `--into 'Test project'` replaces its plan "
         "with the file's (undoable), or give another --name\n")


def test_a_name_given_that_is_taken_is_refused_and_nothing_is_written(store, project, db_path):
    names = sorted(p.name for p, _n, _c in list_projects(store))
    store.close()
    digest = file_digest(db_path)
    new = cli(db_path, "project", "new", "Test project")
    assert new.exit_code == 1 and TAKEN.startswith(new.stderr.rstrip("\n"))  # the same refusal, and a hint
    for dry in ((), ("--dry-run",)):
        r = cli(db_path, "import", SAMPLE, "--name", " Test project ", *dry)
        assert (r.exit_code, r.stdout, r.stderr) == (1, "", TAKEN)
        assert file_digest(db_path) == digest
    assert sorted(p.name for p, _n, _c in list_projects(store)) == names
    # the way out the hint names works
    r = cli(db_path, "import", SAMPLE, "--into", "Test project")
    assert r.exit_code == 0 and r.stdout.startswith("Replaced the contents of 'Test project'"), r.stderr
    r = cli(db_path, "import", SAMPLE, "--name", "Test project 2")
    assert r.exit_code == 0 and r.stdout.startswith("Imported p2003_sample_plan.xml as project 'Test project 2':")


def test_a_name_given_that_another_process_took_meanwhile_is_refused(store, project):
    # checked again where it is written: the CLI's check before reading the file may be stale
    data = read_file(SAMPLE).data
    with pytest.raises(Conflict, match=r"^a project named 'Test project' exists already: `--into 'Test project'`"):
        create_project_from(store, data, "Test project")
    assert sorted(p.name for p, _n, _c in list_projects(store)) == ["Test project"]


def test_a_name_from_the_file_that_is_taken_is_made_unique_and_said_so(store, project, db_path):
    first = cli(db_path, "import", SAMPLE).stdout.splitlines()
    assert first[0].startswith("Imported p2003_sample_plan.xml as project 'sample':")
    assert not any("exists already" in line for line in first)
    said = ("a project named 'sample' exists already, so this one {} named 'sample (2)' (`--into 'sample'` "
            "replaces that one's plan instead; `--name` gives another name)")
    store.close()
    digest = file_digest(db_path)
    dry = cli(db_path, "import", SAMPLE, "--dry-run").stdout.splitlines()
    assert dry[0].startswith("Would import p2003_sample_plan.xml as a new project 'sample (2)':")
    assert dry[1] == said.format("would be")
    assert file_digest(db_path) == digest
    real = cli(db_path, "import", SAMPLE).stdout.splitlines()
    assert real[0].startswith("Imported p2003_sample_plan.xml as project 'sample (2)':")
    assert real[1] == said.format("is")
    assert sum("exists already" in line for line in real) == 1
