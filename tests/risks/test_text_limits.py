"""Every text of a risk or an issue has a length limit, said with the length given ("category is 64
characters at most; you gave 10000"), held by one rule for the CLI, the risk form and a JSON
import (which takes whole, and says so, a text a backup held before the limits), changing nothing
when refused; text stored longer before the limit still loads, shows and survives an edit of
another field."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update
from textual.widgets import Input

from pmtui.models.errors import BadValue
from pmtui.models.risks import Issue, Risk
from pmtui.reports import render_report
from pmtui.services import risks as svc
from pmtui.services.risk_register import load_register
from pmtui.widgets.risk_form import RiskForm
from tests.conftest import copy_demo, file_digest
from tests.foundation.helpers import cli
from tests.risks.screen_app import TODAY, RiskApp
from tests.risks.test_screen import sync
from tests.tui.conftest import press, settle

LONG = 10_000
LIMITS = {"category": 64, "trigger": 500, "comment": 500, "description": 2000, "cause": 2000, "effect": 2000,
          "response": 2000}


@pytest.fixture
def demo(store, built_db):
    return copy_demo(built_db, store, TODAY).id  # create_demo(store, today=TODAY), built once


def _refused(db_path, args, message):
    digest = file_digest(db_path)
    r = cli(db_path, *args)
    assert (r.exit_code, r.stderr) == (2, f"pmtui: {message}\n"), args
    assert file_digest(db_path) == digest


@pytest.mark.parametrize("option, field", [
    ("--category", "category"), ("--description", "description"), ("--cause", "cause"), ("--effect", "effect"),
    ("--response", "response"), ("--trigger", "trigger"), ("--comment", "comment"),
])
def test_the_cli_refuses_each_text_of_a_risk_past_its_limit(store, demo, db_path, option, field):
    limit = LIMITS[field]
    for verb in (("risk", "add", "Vendor late", "-P", "3", "-I", "4"), ("risk", "edit", "R1", "-P", "1")):
        _refused(db_path, (*verb, option, "x" * LONG), f"{field} is {limit} characters at most; you gave {LONG}")
    # at the limit it is taken
    assert cli(db_path, "risk", "add", "Vendor late", "-P", "3", "-I", "4", option, "x" * limit).exit_code == 0


def test_the_cli_refuses_a_long_title_owner_comment_and_issue_texts(store, demo, db_path):
    _refused(db_path, ("risk", "add", "x" * 201, "-P", "3", "-I", "4"), "risk title is 200 characters at most; you gave 201")
    # the owner was looked for and its 10,000 characters written back in "no resource named …"
    _refused(db_path, ("risk", "add", "Vendor late", "-P", "3", "-I", "4", "--owner", "a" * LONG),
             f"owner is 200 characters at most (the name of a resource); you gave {LONG}")
    _refused(db_path, ("risk", "score", "R1", "3", "3", "--comment", "c" * 501), "comment is 500 characters at most; you gave 501")
    _refused(db_path, ("risk", "close", "R1", "--comment", "c" * 501), "comment is 500 characters at most; you gave 501")
    _refused(db_path, ("issue", "add", "i" * 201), "issue title is 200 characters at most; you gave 201")
    _refused(db_path, ("issue", "add", "Server down", "--description", "d" * 2001),
             "issue description is 2000 characters at most; you gave 2001")
    _refused(db_path, ("issue", "resolve", "I1", "--resolution", "r" * 2001),
             "issue resolution is 2000 characters at most; you gave 2001")
    _refused(db_path, ("risk", "raise", "R1", "--description", "d" * 2001),
             "issue description is 2000 characters at most; you gave 2001")


def test_a_category_is_one_line_of_plain_text(store, demo, db_path):
    _refused(db_path, ("risk", "edit", "R1", "--category", "Data\nVendor"), "category must be one line")
    # an escape sequence would recolour or clear the terminal of whoever lists the register
    _refused(db_path, ("risk", "edit", "R1", "--category", "\x1b[2JData"),
             "category contains the control character U+001B: it must be plain text")
    _refused(db_path, ("risk", "edit", "R1", "--title", "Vendor \x1b]0;owned\x07late"),
             "risk title contains the control character U+001B: it must be plain text")


@sync
async def test_the_risk_form_says_the_limit_and_stores_nothing(store, demo):
    app = RiskApp(store, demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        app.screen.query_one("#rf-category", Input).value = "c" * 300
        await press(pilot, *"Data centre move", "enter")
        assert "category is 64 characters at most; you gave 300" in str(app.screen.query_one("#risk-form-error").render())
        assert len(load_register(store, demo, TODAY).risks) == 14
        app.screen.query_one("#rf-category", Input).value = "Infrastructure"
        await press(pilot, "enter")
        assert [v.risk.category for v in load_register(store, demo, TODAY).risks if v.code == "R15"] == ["Infrastructure"]


def _stored_long(store, demo) -> None:
    """R1 as written before the limits: a category, a trigger and an effect far past them."""
    with store.engine.begin() as conn:
        conn.execute(update(Risk).where(Risk.project_id == demo, Risk.number == 1)
                     .values(category="C" * LONG, trigger="T" * LONG, effect="E" * LONG))
        conn.execute(update(Issue).where(Issue.project_id == demo, Issue.number == 1)
                     .values(description="D" * LONG))


def test_text_stored_longer_still_loads_shows_and_survives_other_edits(store, demo, db_path):
    _stored_long(store, demo)
    assert cli(db_path, "risk", "list").exit_code == 0
    shown = cli(db_path, "risk", "show", "R1")
    assert shown.exit_code == 0 and "C" * LONG in shown.stdout.replace("\n", "").replace(" ", "")
    assert cli(db_path, "issue", "list").exit_code == 0 and cli(db_path, "risk", "matrix").exit_code == 0
    assert "## Top risks" in render_report(store, demo)
    # an edit of another field keeps what is stored, untouched
    r = cli(db_path, "risk", "edit", "R1", "--owner", "none", "--title", "Partner staffing late")
    assert r.exit_code == 0, r.stderr
    risk = next(v.risk for v in load_register(store, demo, TODAY).risks if v.code == "R1")
    assert (risk.title, risk.category, risk.trigger, risk.owner_id) == ("Partner staffing late", "C" * LONG, "T" * LONG, None)
    # the same long text typed again is new input, and held to the limit
    _refused(db_path, ("risk", "edit", "R1", "--category", "C" * LONG), f"category is 64 characters at most; you gave {LONG}")
    assert cli(db_path, "risk", "edit", "R1", "--category", "Vendor").exit_code == 0
    # an issue raised from it takes the effect as the risk holds it
    issue = svc.raise_issue(store, demo, "R1", today=TODAY)
    assert issue.description == "E" * LONG
    with pytest.raises(BadValue, match="issue description is 2000 characters at most; you gave 2001"):
        svc.raise_issue(store, demo, "R2", description="d" * 2001, today=TODAY)


@sync
async def test_the_risk_screen_opens_and_edits_a_risk_stored_longer(store, demo):
    _stored_long(store, demo)
    app = RiskApp(store, demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        code = app.screen.selected_view().code
        with store.engine.begin() as conn:
            conn.execute(update(Risk).where(Risk.project_id == demo, Risk.number == int(code[1:]))
                         .values(category="C" * LONG))
        app.screen.reload()
        await settle(pilot)
        await press(pilot, "e")
        app.screen.query_one("#rf-title", Input).value = "Renamed"
        await press(pilot, "enter")
        assert not isinstance(app.screen, RiskForm)  # saved and closed, not refused
        risk = next(v.risk for v in load_register(store, demo, TODAY).risks if v.code == code)
        assert (risk.title, risk.category) == ("Renamed", "C" * LONG)


def test_an_import_holds_a_title_to_its_limit_and_names_the_record_briefly(store, demo, db_path, tmp_path):
    # the other texts a file may hold past their limits, as pmtui wrote them before there were
    # any: tests/interchange/test_json_long_text.py
    path = tmp_path / "crm.json"
    assert cli(db_path, "export", str(path)).exit_code == 0
    for where, value, message in (
        (("risks", 0, "title"), "t" * 300, "risks[0] '" + "t" * 59 + "…': risk title is 200 characters at most; you gave 300"),
    ):
        doc = json.loads(path.read_text())
        target = doc
        for p in where[:-1]:
            target = target[p]
        target[where[-1]] = value
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(doc))
        digest = file_digest(db_path)
        r = cli(db_path, "import", str(bad))
        assert r.exit_code != 0 and message in r.stderr and len(r.stderr) < 400, r.stderr[:400]
        assert file_digest(db_path) == digest
