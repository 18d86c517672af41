"""Links on MS Project's project summary task (UID 0): pmtui has no task for it, so they are
dropped, and the import's warnings say which and why (they were dropped without a word)."""

from __future__ import annotations

import json

from tests.foundation.helpers import cli
from tests.interchange.test_bad_input import link, mspdi, task

SUMMARY = ("<Task><UID>0</UID><ID>0</ID><Name>Plan</Name><OutlineLevel>0</OutlineLevel>"
           "<Summary>1</Summary>{links}</Task>")


def _import(db_path, tmp_path, *tasks):
    path = tmp_path / "plan.xml"
    path.write_text(mspdi(*tasks), encoding="utf-8")
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_a_link_on_the_project_summary_task_is_named_as_dropped(project, db_path, tmp_path):
    out = _import(db_path, tmp_path, SUMMARY.format(links=link(2, kind=3)), task(1, "Kick-off"),
                  task(2, "Approval", link(1)))
    assert ("warning: the project summary task (UID 0) has a link from UID 2 'Approval' (SS): dropped, "
            "as pmtui keeps no project summary task (the project itself is not a task); link the tasks "
            "that must wait to UID 2 instead") in out
    assert "1 link," in out  # the link between the tasks is kept
    rows = json.loads(cli(db_path, "-p", "plan", "task", "list", "--json").stdout)
    assert [(t["name"], t["predecessors"]) for t in rows] == [("Kick-off", ""), ("Approval", "1")]


def test_a_link_from_the_project_summary_task_is_dropped_not_refused(project, db_path, tmp_path):
    # it was refused as "the predecessor task does not exist in the file", which it does
    out = _import(db_path, tmp_path, SUMMARY.format(links=""), task(1, "Kick-off", link(0)), task(2, "Approval"))
    assert ("warning: task UID 1 'Kick-off' <PredecessorLink> to UID 0: the predecessor is the project "
            "summary task, which pmtui has no task for (its dates are the whole plan's): link dropped") in out
    assert "2 tasks, 0 links" in out


def test_a_file_without_such_links_says_nothing_of_them(project, db_path, tmp_path):
    out = _import(db_path, tmp_path, SUMMARY.format(links=""), task(1, "Kick-off"), task(2, "Approval", link(1)))
    assert "warning" not in out and "project summary" not in out
