"""What a ``pmtui`` command loads before it does anything: only what it needs, as each command
is a process of its own (a PM's script runs dozens of them)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer

from tests.foundation.helpers import cli

_LOADED = textwrap.dedent("""
    import json, sys
    sys.argv = ["pmtui", *sys.argv[1:]]
    from pmtui.cli import main
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    sys.stdout.flush()
    print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
""")


def loaded(*argv: str) -> tuple[int, list[str], str]:
    """The exit code, the modules loaded and the output of ``pmtui ARGV`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["modules"], done.stdout


def _demo_plan(db: Path) -> None:
    assert cli(db, "demo").exit_code == 0


def _demo(built_db, tmp_path: Path) -> Path:
    """tmp_path/demo.db made by `pmtui demo`: made once per session and copied (built_db)."""
    return built_db("quick reads demo", _demo_plan, tmp_path / "demo.db")


def test_each_module_adds_the_commands_the_cli_says_it_does():
    import importlib

    from pmtui.cli import MODULES, app

    for name, names in MODULES.items():
        scratch = typer.Typer()
        importlib.import_module(f"pmtui.cli.{name}").register(scratch)
        added = [c.name for c in scratch.registered_commands] + [g.name for g in scratch.registered_groups]
        assert sorted(added) == sorted(names), name
    every = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert sorted(every) == sorted(n for names in MODULES.values() for n in names)


def test_a_command_loads_only_its_own_command_module(built_db, tmp_path):
    db = _demo(built_db, tmp_path)
    code, modules, out = loaded("--db", str(db), "task", "list")
    assert code == 0 and "1.1" in out
    assert [m for m in modules if m.startswith("pmtui.cli.")] == ["pmtui.cli.context", "pmtui.cli.params",
                                                                   "pmtui.cli.table_render", "pmtui.cli.tasks"]


@pytest.mark.parametrize("argv", [["task", "list"], ["task", "show", "2.3"], ["schedule"], ["why", "2.3"]])
def test_reading_the_plan_loads_no_database_layer(built_db, tmp_path, argv):
    # SQLAlchemy, SQLModel and the tables' models were half of `pmtui task list` on the demo plan
    db = _demo(built_db, tmp_path)
    code, modules, out = loaded("--db", str(db), *argv)
    assert code == 0 and out == cli(db, *argv).stdout
    assert not [m for m in modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic")]
    assert "pmtui.models.tables" not in modules


def test_a_plan_the_quick_read_declines_is_read_through_the_store(built_db, tmp_path):
    db = _demo(built_db, tmp_path)
    assert cli(db, "project", "new", "Second", "--start", "2027-01-04").exit_code == 0
    for argv in (["-p", "CRM migration", "task", "list"], ["task", "list"]):
        code, modules, out = loaded("--db", str(db), *argv)
        assert code == 0 and out == cli(db, *argv).stdout
        assert ("sqlalchemy" in modules) == (argv[0] == "-p")  # a project named: the store finds it
    assert "Second" in out and "No tasks yet" in out


@pytest.mark.parametrize("argv", [["--help"], ["no-such-command"], ["-h", "task", "list"]])
def test_help_and_unknown_commands_still_see_every_command(tmp_path, argv):
    code, modules, out = loaded("--db", str(tmp_path / "plan.db"), *argv)
    assert "pmtui.cli.interchange" in modules and "pmtui.cli.risks" in modules
    if argv == ["--help"]:
        assert code == 0 and "export" in out and "standup" in out


@pytest.mark.parametrize("argv, module", [
    (["task", "list"], "tasks"), (["link", "1", "2"], "tasks"), (["--db", "x.db", "status"], "tracking"),
    (["--db=x.db", "-p", "CRM", "evm"], "tracking"), (["-pCRM", "--project=CRM", "risk", "list"], "risks"),
    (["--db", "task", "list"], None), (["--help"], None), (["-h", "task"], None), ([], None), (["--db", "x"], None),
    (["tsk"], None), (["--", "task"], None),
])
def test_the_command_is_found_past_the_root_options(argv, module):
    from pmtui.cli import _module_of

    assert _module_of(argv) == module


@pytest.mark.parametrize("argv", [["--help"], ["status", "--help"], ["risk", "list", "--help"], ["export", "-h"],
                                  ["standup", "agenda", "--help"], ["resource"]])
def test_help_loads_no_database_layer(tmp_path, argv):
    # every command module imported its services, and SQLAlchemy, SQLModel and pydantic with
    # them: three quarters of `pmtui --help`
    code, modules, out = loaded("--db", str(tmp_path / "plan.db"), *argv)
    assert code == (2 if argv == ["resource"] else 0) and "Usage: pmtui" in out
    assert not [m for m in modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "pydantic")]
    assert not [m for m in modules if m.startswith(("pmtui.services.", "pmtui.interchange"))
                and m not in ("pmtui.services.plan", "pmtui.services.gc_pause", "pmtui.services.risk_bands",
                              "pmtui.services.finish_effect", "pmtui.services.as_of", "pmtui.services.why_span",
                              "pmtui.services.resource_load", "pmtui.services.gantt_layout")]
    assert not (tmp_path / "plan.db").exists()


def _loaded_with_errors(*argv: str) -> tuple[int, list[str], str, str]:
    done = subprocess.run([sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True, timeout=120)
    *errors, report = done.stderr.strip().splitlines()
    report = json.loads(report)
    return report["code"], report["modules"], done.stdout, "".join(e + "\n" for e in errors)


_READS = [["project", "list"], ["project", "list", "--json"], ["resource", "list"], ["resource", "list", "--json"],
          ["cost", "list"], ["cost", "list", "--json"], ["variance"], ["variance", "--json"],
          ["variance", "-b", "approved PLAN"], ["evm"], ["evm", "--json"], ["evm", "--eac", "typical"],
          ["variance", "-b", "nope"], ["evm", "-b", "nope"], ["evm", "--eac", "bogus", "-b", "nope"], ["evm", "--eac", " "],
          ["status"], ["status", "--json"], ["risk", "list"], ["risk", "list", "--json"],
          ["risk", "list", "--sort", "exposure", "--min-score", "5"], ["risk", "list", "--sort", "bogus"],
          ["issue", "list"], ["issue", "list", "--json"], ["resource", "load"], ["resource", "load", "--json", "--all"],
          ["resource", "leave", "list"], ["resource", "leave", "list", "--json"]]


@pytest.mark.parametrize("argv", _READS)
def test_reading_commands_load_no_database_layer(built_db, tmp_path, argv):
    # each loaded SQLAlchemy, SQLModel, pydantic and the table models to read what sqlite3 reads
    db = _demo(built_db, tmp_path)
    code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
    ran = cli(db, *argv)
    assert (code, out, err) == (ran.exit_code, ran.stdout, ran.stderr)
    assert not [m for m in modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "pydantic")]
    assert "pmtui.models.tables" not in modules


@pytest.mark.parametrize("argv", [["project", "list"], ["cost", "list"], ["variance"], ["evm", "--eac", "bogus"],
                                  ["status"], ["risk", "list"], ["resource", "load"]])
def test_a_database_the_quick_read_declines_gets_the_stores_answer(built_db, tmp_path, argv):
    db = _demo(built_db, tmp_path)
    for other in (["-p", "CRM migration"], ["--db", str(tmp_path / "new.db")]):
        code, modules, out, err = _loaded_with_errors("--db", str(db), *other, *argv)
        assert "sqlalchemy" in modules
        ran = _cli_with(db, other, argv)
        assert (code, out, err) == ran
    with sqlite3.connect(db) as conn:  # a newer pmtui's file: refused by the store, not read
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
    assert code == 1 and "newer pmtui" in err and out == "" and "sqlalchemy" in modules


def _cli_with(db, other: list[str], argv: list[str]) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from pmtui.cli import app

    result = CliRunner(env={"COLUMNS": "160"}).invoke(app, ["--db", str(db), *other, *argv], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("config", ['[evm]\neac = "bogus"\n[risk]\nmedium = 30\n', "[risk]\nmedium = 30\n"])
def test_a_bad_setting_is_refused_by_the_quick_read_as_by_the_store(built_db, tmp_path, config):
    import os

    db = _demo(built_db, tmp_path)
    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(config)
    for argv in (["status"], ["evm"], ["status", "--json"]):
        code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
        # the store's answer, with the project named (in-process, the settings are read once)
        store_code, store_modules, store_out, store_err = _loaded_with_errors("--db", str(db), "-p", "CRM migration",
                                                                              *argv)
        assert (code, out, err) == (store_code, store_out, store_err)
        if argv[0] == "status" or "eac" in config:  # `evm` has no risk bands
            assert code != 0 and "config file" in err
        assert "sqlalchemy" not in modules and "sqlalchemy" in store_modules


# -- the store's answer and the quick read's, side by side ---------------------------------------

def _busy(db: Path) -> None:
    """The demo plan in use: a stand-up under way, a blocker, a snapshot, a re-scored risk, a
    second baseline, a change undone."""
    for argv in (["demo"], ["standup", "start"], ["blocker", "3.2.3", "waiting for the SAP test system"],
                 ["status", "snapshot"], ["risk", "score", "R1", "5", "4", "--comment", "worse"],
                 ["baseline", "save", "Second"], ["task", "edit", "3.2.4", "--duration", "9d"], ["undo"]):
        assert cli(db, *argv).exit_code == 0, argv


def _gone(how: str):
    def make(db: Path) -> None:
        steps = [["demo"], ["project", "new", "Second", "--start", "2027-01-04"], ["task", "add", "X", "--duration", "3d"]]
        steps += [["project", "delete", "Second", "--yes"]] if how == "deleted" else [["undo"], ["undo", "--yes"]]
        for argv in steps:
            assert cli(db, *argv).exit_code == 0, argv

    return make


def _empty(db: Path) -> None:
    """A second project, new and current: no tasks, baselines nor snapshots."""
    for argv in (["demo"], ["project", "new", "Empty", "--start", "2027-01-04"]):
        assert cli(db, *argv).exit_code == 0, argv


_PLANS = {"demo": _demo_plan, "busy": _busy, "deleted": _gone("deleted"), "undone": _gone("undone"),
          "empty": _empty}


def _by_store(db: Path, argv: list[str], monkeypatch) -> tuple[int, str, str]:
    """What the command says when it reads through the store (State.quick declines)."""
    from pmtui.cli.context import State
    from pmtui.store import settings

    settings.reload()  # the config file of this test, not one an earlier test read
    try:
        with monkeypatch.context() as m:
            m.setattr(State, "quick", lambda self, read: None)
            ran = cli(db, *argv)
    finally:
        settings.reload()  # nor this one left to a later test
    return ran.exit_code, ran.stdout, ran.stderr


def _same_as_the_store(built_db, tmp_path, monkeypatch, plan: str, argv: list[str]) -> None:
    db = built_db(f"quick reads {plan}", _PLANS[plan], tmp_path / "plan.db")
    monkeypatch.setenv("COLUMNS", "160")  # the width the store's run (cli) is given
    code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
    assert (code, out, err) == _by_store(db, argv, monkeypatch)
    assert not [m for m in modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "pydantic")]
    assert "pmtui.models.tables" not in modules


@pytest.mark.parametrize("plan", ["demo", "busy", "deleted", "undone"])
@pytest.mark.parametrize("argv", [["history"], ["history", "--json"], ["history", "-n", "2"]])
def test_history_reads_what_the_store_reads(built_db, tmp_path, monkeypatch, plan, argv):
    # 0.74 s of which SQLAlchemy, SQLModel and pydantic were most: the journal, the project it
    # means (one deleted, or whose creation was undone, by the last change) and the calendar
    _same_as_the_store(built_db, tmp_path, monkeypatch, plan, argv)


@pytest.mark.parametrize("plan", ["demo", "busy", "deleted"])
@pytest.mark.parametrize("argv", [["standup", "agenda"], ["standup", "agenda", "--json"]])
def test_the_standup_agenda_reads_what_the_store_reads(built_db, tmp_path, monkeypatch, plan, argv):
    # 0.69 s: the plan, the open stand-up's day and the open blockers through the store, and
    # pydantic to check a [standup] section the config file did not have
    _same_as_the_store(built_db, tmp_path, monkeypatch, plan, argv)


@pytest.mark.parametrize("config", ['[standup]\nlookahead_days = 99\n',
                                    '[standup]\nlookahead_days = 10\norder = ["Jonas Berg", "Nobody"]\n'])
def test_a_standup_setting_is_checked_by_the_quick_read_as_by_the_store(built_db, tmp_path, monkeypatch, config):
    import os

    db = built_db("quick reads busy", _busy, tmp_path / "plan.db")
    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(config)
    for argv in (["standup", "agenda"], ["standup", "agenda", "--json"]):
        code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
        assert (code, out, err) == _by_store(db, argv, monkeypatch)
        assert (code != 0) == ("99" in config) and ("60" in err) == ("99" in config)
        # a good section is read as it is written; pydantic words what is wrong with a bad one
        # (a good one loaded it too, 0.1 s of every `standup agenda`)
        assert "sqlalchemy" not in modules and ("pydantic" in modules) == ("99" in config)


@pytest.mark.parametrize("plan", ["demo", "busy", "empty"])
@pytest.mark.parametrize("argv", [["baseline", "list"], ["baseline", "list", "--json"], ["status", "history"],
                                  ["status", "history", "--json"]])
def test_baselines_and_snapshots_are_read_as_the_store_reads_them(built_db, tmp_path, monkeypatch, plan, argv):
    # each loaded SQLAlchemy, SQLModel and pydantic for a handful of rows (0.73 s on the demo plan)
    _same_as_the_store(built_db, tmp_path, monkeypatch, plan, argv)


@pytest.mark.parametrize("plan", ["demo", "busy", "empty"])
@pytest.mark.parametrize("argv", [["risk", "show", "R1"], ["risk", "show", "2", "--json"], ["risk", "show", "R99"],
                                  ["risk", "show", "banana"], ["risk", "matrix"], ["risk", "matrix", "--kind", "opp"],
                                  ["risk", "matrix", "--json"], ["risk", "matrix", "--kind", "bogus"],
                                  ["risk", "list", "--kind", "opportunity"]])
def test_a_risk_and_the_matrix_are_read_as_the_store_reads_them(built_db, tmp_path, monkeypatch, plan, argv):
    # the register through the store, and pydantic for the risk rules, to read the kind given
    # and name the scale's words (0.86 s on the demo plan)
    _same_as_the_store(built_db, tmp_path, monkeypatch, plan, argv)


@pytest.mark.parametrize("argv", [["risk", "show", "R1"], ["risk", "show", "R99"], ["risk", "matrix"]])
def test_bad_risk_bands_are_refused_by_the_quick_read_as_by_the_store(built_db, tmp_path, monkeypatch, argv):
    import os

    db = built_db("quick reads demo", _PLANS["demo"], tmp_path / "plan.db")
    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("[risk]\nmedium = 30\n")
    code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
    assert (code, out, err) == _by_store(db, argv, monkeypatch)
    # an unknown risk is named first, as the store's path looks it up before the bands
    assert code != 0 and ("R99" in err if "R99" in argv else "medium = 30" in err)
    assert "sqlalchemy" not in modules


def _no_baseline(db: Path) -> None:
    for argv in (["demo"], ["baseline", "rm", "Approved plan"]):
        assert cli(db, *argv).exit_code == 0, argv


_PLANS["no baseline"] = _no_baseline


@pytest.mark.parametrize("plan", ["demo", "busy", "empty", "no baseline"])
@pytest.mark.parametrize("argv", [["gantt", "--today", "2026-12-01"], ["gantt", "--width", "80", "--critical"],
                                  ["gantt", "--baseline", "--today", "2026-12-01", "--width", "140"],
                                  ["gantt", "--zoom", "week", "--from", "2026-11-01", "--to", "2027-01-31"],
                                  ["gantt", "--to", "1990-01-01"]])
def test_the_gantt_chart_is_read_as_the_store_reads_it(built_db, tmp_path, monkeypatch, plan, argv):
    # 0.79 s on the demo plan, most of it SQLAlchemy, SQLModel and pydantic to read the plan
    _same_as_the_store(built_db, tmp_path, monkeypatch, plan, argv)


def test_the_gantt_svg_is_the_stores(built_db, tmp_path, monkeypatch):
    db = built_db("quick reads busy", _busy, tmp_path / "plan.db")
    argv = ["gantt", "--baseline", "--today", "2026-12-01", "--svg"]
    monkeypatch.setenv("COLUMNS", "160")
    code, modules, out, err = _loaded_with_errors("--db", str(db), *argv, str(tmp_path / "quick.svg"))
    assert (code, err) == (0, "") and "sqlalchemy" not in modules
    assert _by_store(db, [*argv, str(tmp_path / "store.svg")], monkeypatch)[0] == 0
    assert (tmp_path / "quick.svg").read_text() == (tmp_path / "store.svg").read_text()


def test_every_read_the_cli_benchmark_times_reads_through_sqlite3_alone(built_db, tmp_path):
    # the benchmark holds each of them to `task list`'s 0.4 s: loading SQLAlchemy, SQLModel and
    # pydantic alone takes more than that on this machine
    from benchmarks.bench_cli import READS

    db = _demo(built_db, tmp_path)
    for argv in READS:
        code, modules, out, err = _loaded_with_errors("--db", str(db), *argv)
        assert code == 0 and out and not err, argv
        assert not [m for m in modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "pydantic")], argv


_COLLECTIONS = textwrap.dedent("""
    import gc, json, sys
    sys.argv = ["pmtui", *sys.argv[1:]]
    from pmtui.launch import main
    before = sum(s["collections"] for s in gc.get_stats())
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    sys.stdout.flush()
    print(json.dumps({"code": code, "collections": sum(s["collections"] for s in gc.get_stats()) - before}),
          file=sys.stderr)
""")


@pytest.mark.parametrize("argv", [["task", "move", "2.3", "down"], ["task", "edit", "2.8", "-d", "4d"], ["link", "2.1", "2.4"]])
def test_an_edit_runs_without_the_collector(built_db, tmp_path, argv):
    # nearly everything a command makes lives until it ends: the collector ran about 200 times
    # in `pmtui task move` on 10,000 tasks (6 % of its instructions) to free a few hundred objects
    db = _demo(built_db, tmp_path)
    done = subprocess.run([sys.executable, "-c", _COLLECTIONS, "--db", str(db), *argv],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert report["collections"] == 0


@pytest.mark.parametrize("argv", [["task", "move", "2.3", "down"], ["task", "indent", "2.4"], ["task", "edit", "2.8", "-d", "4d"],
                                  ["link", "2.1", "2.4"], ["unlink", "2.3.1", "2.4"]])
def test_an_edit_of_the_plan_loads_no_model_of_risks_standups_or_baselines(built_db, tmp_path, argv):
    # they were 5 % of `pmtui task move` on 10,000 tasks; the journal loads them to undo
    db = _demo(built_db, tmp_path)
    code, modules, out = loaded("--db", str(db), *argv)
    assert code == 0, out
    assert "pmtui.models.tables" in modules
    assert not {"pmtui.models.risks", "pmtui.models.standup", "pmtui.models.tracking"} & set(modules)
    code, modules, out = loaded("--db", str(db), "undo")
    assert code == 0 and out.startswith("Undone:"), out
    assert "pmtui.models.all_tables" in modules
