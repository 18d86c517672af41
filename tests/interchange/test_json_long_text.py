"""A pmtui JSON written before the risks' and issues' text limits imports back: a text past its
limit is taken whole and the import says so, naming the record and the field, for a new project,
--into and --dry-run alike; a title past its limit (which titles always had), a control character
or a second line in a category is still refused, and typed text stays limited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from pmtui.models.risks import Issue, Risk, RiskScore
from pmtui.store import open_store
from tests.conftest import file_digest
from tests.foundation.helpers import cli

LONG = 10_000


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def backup(db_path, tmp_path, built_db):
    """The demo's export after R3, R5 and I1 were given texts longer than a new one may have, as
    the store held them before the limits (and an export wrote them); the database built once
    per session and copied."""
    built_db(f"{__name__}.backup", _overlong, db_path)
    path = tmp_path / "backup.json"
    ok(db_path, "export", str(path))
    return db_path, path


def _overlong(db_path):
    ok(db_path, "demo")
    store = open_store(str(db_path))
    try:
        with store.engine.begin() as conn:
            conn.execute(update(Risk).where(Risk.number == 3).values(category="C" * 100, trigger="T" * 600))
            conn.execute(update(Risk).where(Risk.number == 5).values(description="D" * LONG))
            conn.execute(update(Issue).where(Issue.number == 1).values(resolution="R" * 2001))
            first = conn.execute(Risk.__table__.select().where(Risk.number == 3)).first()
            conn.execute(update(RiskScore).where(RiskScore.risk_id == first.id).values(comment="M" * 501))
    finally:
        store.close()


WARNINGS = [
    "warning: R3 category is 100 characters, above the 64 a new one may have: kept whole",
    "warning: R3 trigger is 600 characters, above the 500 a new one may have: kept whole",
    "warning: R5 description is 10000 characters, above the 2000 a new one may have: kept whole",
    "warning: I1 resolution is 2001 characters, above the 2000 a new one may have: kept whole",
]


def _warnings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("warning: ")]


def _texts(db, project):
    risks = {r["code"]: r for r in json.loads(ok(db, "-p", project, "risk", "list", "--json").stdout)}
    return (risks["R3"]["category"], risks["R3"]["trigger"], risks["R5"]["description"])


def test_a_backup_with_texts_past_the_limits_imports_whole_and_says_which(backup, tmp_path):
    db, path = backup
    doc = json.loads(path.read_text())
    day = next(r for r in doc["risks"] if r["number"] == 3)["scores"][0]["day"]
    expected = [*WARNINGS[:2], f"warning: R3 score of {day} comment is 501 characters, above the 500 a new one "
                "may have: kept whole", *WARNINGS[2:]]
    for args in (("--name", "Restored", "--dry-run"), ("--name", "Restored"), ("--into", "CRM migration", "--dry-run"),
                 ("--into", "CRM migration")):
        r = ok(db, "import", str(path), *args)
        assert _warnings(r.stdout) == expected, (args, r.stdout)
    for project in ("Restored", "CRM migration"):
        assert _texts(db, project) == ("C" * 100, "T" * 600, "D" * LONG)
    # and what came back exports as it went out: the round trip is whole
    again = tmp_path / "again.json"
    ok(db, "-p", "Restored", "export", str(again))
    back = json.loads(again.read_text())
    for section in ("risks", "issues"):
        assert [{k: v for k, v in x.items() if k not in ("owner", "tasks", "task", "created_at")} for x in back[section]] \
            == [{k: v for k, v in x.items() if k not in ("owner", "tasks", "task", "created_at")} for x in doc[section]]


def test_many_texts_past_the_limits_are_counted_past_twenty(backup, tmp_path):
    db, path = backup
    doc = json.loads(path.read_text())
    for r in doc["risks"]:
        r["effect"] = r["cause"] = "E" * 2001  # 28 more, 33 in all
    many = tmp_path / "many.json"
    many.write_text(json.dumps(doc))
    shown = _warnings(ok(db, "import", str(many), "--dry-run").stdout)
    assert len(shown) == 21 and shown[-1] == ("warning: and 13 more texts above the limits a new one may have: "
                                              "kept whole")


@pytest.mark.parametrize("where, value, message", [
    (("risks", 0, "category"), "C" * 100 + "\x1b[2J", "category contains the control character U+001B: it must be plain text"),
    (("risks", 0, "category"), "C" * 100 + "\nVendor", "category must be one line"),
    # titles were held to 200 characters before the other limits came: no pmtui file has a longer one
    (("risks", 0, "title"), "t" * 300, "risk title is 200 characters at most; you gave 300"),
    (("issues", 0, "title"), "i" * 201, "issue title is 200 characters at most; you gave 201"),
], ids=["escape-in-category", "two-line-category", "risk-title", "issue-title"])
def test_bad_text_is_still_refused_at_any_length(backup, tmp_path, where, value, message):
    db, path = backup
    doc = json.loads(path.read_text())
    section, i, field = where
    doc[section][i][field] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    digest = file_digest(db)
    for args in ((), ("--into", "CRM migration"), ("--dry-run",)):
        r = cli(db, "import", str(bad), *args)
        assert r.exit_code != 0 and message in r.stderr and r.stderr.count("\n") == 1, (args, r.stderr[:300])
    assert file_digest(db) == digest


def test_typed_text_stays_limited_after_a_restore(backup):
    db, path = backup
    ok(db, "import", str(path), "--name", "Restored")
    r = cli(db, "-p", "Restored", "risk", "edit", "R3", "--category", "C" * 100)
    assert (r.exit_code, r.stderr) == (2, "pmtui: category is 64 characters at most; you gave 100\n")
    # an edit of another field keeps the text restored whole
    ok(db, "-p", "Restored", "risk", "edit", "R3", "--title", "Renamed")
    assert _texts(db, "Restored")[0] == "C" * 100
