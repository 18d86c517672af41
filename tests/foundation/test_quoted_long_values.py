"""A refusal quotes what it was given cut short (wording.brief: 60 characters, the last one …;
a path: wording.cut_path), so that a page pasted into a name, a date or --db gives one short
line with the reason in sight, not a screenful of the paste (or, for a path too long for the
file system, a traceback)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmtui.models.wording import cut_path
from tests.conftest import file_digest
from tests.foundation.helpers import cli

LONG = "x" * 5000
QUOTED = "'" + "x" * 59 + "…'"


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def plan(db_path, built_db):
    return built_db(f"{__name__}.plan", _plan, db_path)


def _plan(db_path):
    for args in [("project", "new", "Short", "--start", "2027-01-04"), ("task", "add", "Design", "--duration", "5d"),
                 ("resource", "add", "Ana"), ("baseline", "save", "Approved")]:
        ok(db_path, *args)


def refused(r, code: int, message: str) -> None:
    assert r.exit_code == code, r.stderr[:300]
    assert r.stderr == f"pmtui: {message}\n", r.stderr[:600]


@pytest.mark.parametrize("args, code, message", [
    (("project", "use", LONG), 1, f"no project named {QUOTED}; projects: Short"),
    (("-p", LONG, "task", "list"), 1, f"no project named {QUOTED}; projects: Short"),
    (("resource", "edit", LONG, "--rate", "1"), 1,
     f"no resource named {QUOTED} in this project; its resources: Ana"),
    (("resource", "load", LONG), 1, f"no resource named {QUOTED} in this project; its resources: Ana"),
    (("resource", "add", "Bob", "--kind", LONG), 2, None),
    (("baseline", "use", LONG), 1, f"no baseline {QUOTED} in this project; baselines: 'Approved'"),
    (("task", "add", "Build", "--deadline", LONG), 2, f"date {QUOTED} is not understood: use YYYY-MM-DD, e.g. 2027-01-04, or today, tomorrow, next friday, in 3 days"),
    (("project", "status-date", LONG), 2, f"date {QUOTED} is not understood: use YYYY-MM-DD, e.g. 2027-01-04, or today, tomorrow, next friday, in 3 days"),
    (("task", "edit", "1", "--duration", LONG), 2,
     f"duration {QUOTED} is not understood: use working days like 3d, 2w or 0"),
    (("task", "edit", "1", "--after", LONG), 2, None),
    (("assign", "1", "Ana", "--units", LONG), 2, f"units {QUOTED} are not understood: use a percentage like 50%"),
    (("calendar", "workdays", LONG), 2,
     f"working days {QUOTED} are not understood: use e.g. mon-fri or mon,tue,thu"),
], ids=["project-use", "project-option", "resource-edit", "resource-load", "resource-kind", "baseline", "deadline",
        "status-date", "duration", "predecessors", "units", "workdays"])
def test_a_long_value_is_quoted_cut_short_and_changes_nothing(plan, args, code, message):
    digest = file_digest(plan)
    r = cli(plan, *args)
    if message is None:  # worded elsewhere; what matters is that the paste is cut
        assert r.exit_code == code and r.stderr.count("\n") == 1 and "x" * 61 not in r.stderr, r.stderr[:300]
        assert "…" in r.stderr
    else:
        refused(r, code, message)
    assert file_digest(plan) == digest


def test_a_long_bad_csv_cell_is_quoted_cut_short(plan, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(f"WBS,Name,Duration\n1,Design,5d\n2,{'n' * 3000},{LONG}\n")
    r = cli(plan, "import", str(path))
    assert r.exit_code != 0
    line = r.stderr
    assert line.count("\n") == 1 and len(line) < 300, line[:400]
    assert QUOTED in line and line.startswith("pmtui: plan.csv line 3: duration ")


def test_a_long_bad_mspdi_value_is_quoted_cut_short(plan, tmp_path):
    text = Path("/work/shared/data/mspdi/p2003_sample_plan.xml").read_text()
    start = text.rindex("<Duration>") + len("<Duration>")  # the first is the project summary's
    end = text.index("</Duration>", start)
    path = tmp_path / "plan.xml"
    path.write_text(text[:start] + LONG + text[end:])
    r = cli(plan, "import", str(path))
    assert r.exit_code != 0
    assert r.stderr.count("\n") == 1 and len(r.stderr) < 300 and QUOTED in r.stderr, r.stderr[:400]


def test_a_long_bad_config_value_is_quoted_cut_short(plan):
    from pmtui.store import settings

    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(f'[rag]\nspi_amber = "{LONG}"\n')
    settings.reload()
    try:
        r = cli(plan, "status")
    finally:
        (folder / "config.toml").unlink()
        settings.reload()
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and len(r.stderr) < 300, r.stderr[:400]
    assert f"[rag] spi_amber = {QUOTED} must be" in r.stderr


@pytest.mark.parametrize("db, message", [
    (f"/tmp/{LONG}.db", "cannot open database {}: File name too long"),
    (f"/tmp/no-such-folder/{LONG}/", "cannot create database {}: a name ending in / is a folder; name the file, "
                                     "e.g. {}"),
    (f"postgresql://host:{LONG}/db", None),
    (f"nosuchdb+driver://{LONG}", None),
], ids=["too-long-for-the-file-system", "folder", "url-port", "url-kind"])
def test_a_long_bad_db_value_is_one_short_line_not_a_traceback(tmp_path, db, message):
    r = cli(tmp_path / "unused.db", "--db", db, "project", "list")
    assert r.exit_code != 0 and r.stderr.startswith("pmtui: ") and r.stderr.count("\n") == 1, r.stderr[:600]
    assert len(r.stderr) < 450 and "Traceback" not in r.stderr
    if message is not None:
        shown = cut_path(db)
        assert r.stderr == "pmtui: " + message.format(shown, cut_path(db + "pmtui.db")) + "\n", r.stderr


def test_an_output_path_too_long_is_refused_in_one_line(plan, tmp_path):
    r = cli(plan, "export", str(tmp_path / f"{LONG}.json"))
    assert r.exit_code != 0 and r.stderr.count("\n") == 1 and "File name too long" in r.stderr, r.stderr[:600]
    assert len(r.stderr) < 400


def test_a_path_is_quoted_whole_up_to_160_characters_and_cut_in_its_middle_past_them():
    assert cut_path("/home/ana/plans/erp.db") == "/home/ana/plans/erp.db"
    assert cut_path("a" * 160) == "a" * 160
    shown = cut_path("/" + "d" * 300 + "/plan.db")
    assert len(shown) == 160 and shown.startswith("/ddd") and shown.endswith("d/plan.db") and "…" in shown


@pytest.mark.parametrize("args, start", [
    ((LONG,), f"error: No such command {QUOTED}."),
    (("project", "list", LONG), "error: Got unexpected extra argument"),
    (("--" + LONG, "project", "list"), "error: No such option: --"),
], ids=["command", "extra-argument", "option"])
def test_the_command_line_parser_refusals_cut_the_paste_too(plan, args, start):
    r = cli(plan, *args)
    assert r.exit_code == 2 and r.stderr.startswith(f"pmtui: {start}"), r.stderr[:300]
    assert r.stderr.count("\n") == 1 and len(r.stderr) < 200 and "…" in r.stderr
