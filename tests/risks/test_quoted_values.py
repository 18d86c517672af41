"""A refusal of a risk's or an issue's value quotes at most 60 characters of it, as the JSON
import does (models.wording.brief): a kind, a strategy or a score of 5,000 characters pasted by
mistake was quoted whole, and filled the terminal with the reason scrolled out of sight."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from pmtui.widgets.risk_form import RiskForm
from tests.conftest import copy_demo, file_digest
from tests.foundation.helpers import cli
from tests.risks.screen_app import TODAY, RiskApp
from tests.risks.test_screen import sync
from tests.tui.conftest import press, settle

PASTE = "x" * 5000
SHOWN = "'" + "x" * 59 + "…'"


@pytest.fixture
def demo(store, built_db):
    return copy_demo(built_db, store, TODAY).id  # create_demo(store, today=TODAY), built once


@pytest.mark.parametrize("args, message", [
    (("risk", "add", "Vendor late", "-P", "3", "-I", "4", "--kind", PASTE),
     f"risk kind {SHOWN} is unknown: use threat or opportunity"),
    (("risk", "edit", "R1", "--strategy", PASTE),
     f"strategy {SHOWN} does not fit a threat: use avoid, mitigate, transfer, accept, escalate"),
    (("risk", "add", "Vendor late", "-P", PASTE, "-I", "4"),
     f"probability {SHOWN} is not a number: use 1 (very low) to 5 (very high)"),
    (("risk", "show", PASTE), f"risk {SHOWN} is not an id: use a number like R3 or 3"),
    (("issue", "add", "Server down", "--kind", PASTE), f"issue kind {SHOWN} is unknown: use issue or blocker"),
    (("issue", "add", "Server down", "--severity", PASTE),
     f"severity {SHOWN} is not a number: use 1 (very low) to 5 (very high)"),
    (("risk", "list", "--sort", PASTE), f"sort {SHOWN} is unknown: use score, exposure, review"),
    (("risk", "list", "--kind", PASTE), f"risk kind {SHOWN} is unknown: use threat or opportunity"),
    (("risk", "matrix", "--kind", PASTE), f"risk kind {SHOWN} is unknown: use threat or opportunity"),
    (("risk", "edit", "R1", "--owner", "y" * 200),
     "no resource named '" + "y" * 59 + "…' in this project; its resources: "),
    # a task or a person named by what was typed, on a risk and in the stand-up
    (("risk", "link", "R1", PASTE), f"task {SHOWN} is not a WBS code (like 1.2) or an id (like #17)"),
    (("risk", "link", "R1", "#" + PASTE), f"task id '#{'x' * 58}…' is not a number: use #17 or a WBS code like 1.2"),
    (("risk", "link", "R1", "1." * 2000 + "1"), f"no task {'1.' * 29 + '1'}… in project 'CRM migration'"),
], ids=["kind", "strategy", "probability", "ref", "issue kind", "severity", "sort", "list kind", "matrix kind",
        "owner", "task", "task id", "wbs code"])
def test_the_cli_quotes_60_characters_of_a_refused_value(store, demo, db_path, args, message):
    digest = file_digest(db_path)
    r = cli(db_path, *args)
    assert r.exit_code != 0 and r.stderr.startswith(f"pmtui: {message}"), r.stderr[:300]
    assert len(r.stderr) < 400
    assert file_digest(db_path) == digest


def test_the_stand_up_quotes_60_characters_of_a_person_not_found(store, demo, db_path):
    assert cli(db_path, "standup", "start").exit_code == 0
    digest = file_digest(db_path)
    r = cli(db_path, "standup", "note", PASTE, "--today", "Tests")
    assert r.exit_code != 0 and r.stderr.startswith(f"pmtui: no person named {SHOWN} in project 'CRM migration'; ")
    assert len(r.stderr) < 400 and file_digest(db_path) == digest


@sync
async def test_the_risk_form_quotes_60_characters_of_a_refused_kind(store, demo):
    app = RiskApp(store, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, RiskForm)
        app.screen.query_one("#rf-title", Input).value = "Vendor late"
        app.screen.query_one("#rf-kind", Input).value = PASTE
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RiskForm)  # kept open, with the reason in view
        said = str(app.screen.query_one("#risk-form-error").render())
        assert said == f"risk kind {SHOWN} is unknown: use threat or opportunity"
