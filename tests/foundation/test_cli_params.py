"""pmtui.cli.params: the values of string, whole-number and flag parameters are given as Typer's
own coercion (pydantic) gives them, without loading pydantic."""

from __future__ import annotations

import pytest
import typer
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from pmtui.cli.params import _Known, _knowable
from tests.foundation.helpers import cli
from tests.foundation.test_cli_startup import loaded


def _params() -> dict[str, object]:
    app = typer.Typer()

    @app.command()
    def one(name: str = typer.Argument(...), db: str = typer.Option(None, "--db"),
            limit: int = typer.Option(30, "--limit", min=1), score: int = typer.Option(0, "--score"),
            width: int = typer.Option(None, "--width", max=500), flag: bool = typer.Option(False, "--flag"),
            task: list[str] = typer.Option(None, "--task")) -> None:
        pass

    command = typer.main.get_command(app)
    return {p.name: p for p in command.params}


def _outcome(runtime, param, value):
    try:
        return "value", runtime.coerce(value, param=param, ctx=None)
    except BadParameter as exc:
        return "refused", exc.format_message()


@pytest.mark.parametrize("name, values", [
    ("name", ["Design", "", " x ", "\udcff", "a\x00b", "ünïcode ⚠", None]),
    ("db", [None, "plan.db", "--db"]),
    ("limit", [30, "5", "0", "-3", "007", "+5", " 5", "1_000", "5.0", "x", "", "99999999999999999999999", None]),
    ("score", [0, "0", "-0", "-12", "12", "3.5", "1e3", None]),
    ("width", [None, "80", "500", "501", "-1"]),
    ("flag", [None, True, False, "yes"]),
    ("task", [None, (), ("1.2",), ("1.2", "3"), ["4"]]),
])
def test_each_value_comes_out_as_typer_gives_it(name, values):
    param = _params()[name]
    assert _knowable(param)
    typer_own = build_runtime_param(param.type_descriptor)
    for value in values:
        ours = _Known(param.type_descriptor)
        expected = _outcome(typer_own, param, value)
        got = _outcome(ours, param, value)
        assert got == expected, (name, value)
        assert type(got[1]) is type(expected[1]), (name, value)


def test_a_command_loads_no_pydantic_for_its_options(tmp_path):
    # Typer's pydantic adapters were 40 % of what `pmtui task list` imported
    db = tmp_path / "demo.db"
    assert cli(db, "demo").exit_code == 0
    for argv in (["task", "list", "--json"], ["-p", "CRM migration", "task", "show", "2.3"], ["task", "list", "-h"]):
        code, modules, out = loaded("--db", str(db), *argv)
        assert code == 0 and out
        if argv[0] != "-p":  # a project named goes through the store, which has pydantic
            assert "pydantic" not in modules, argv
        assert "typer._adapters" not in modules or argv[0] == "-p"


def test_a_number_pydantic_reads_its_own_way_is_still_refused_as_before(tmp_path):
    db = tmp_path / "demo.db"
    assert cli(db, "demo").exit_code == 0
    code, _modules, _out = loaded("--db", str(db), "history", "-n", "0")
    assert code == 2
    done = cli(db, "history", "-n", "0")
    assert done.exit_code == 2 and "greater than or equal to 1" in done.stderr
