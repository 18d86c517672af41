"""Every command's help on an 80-column terminal: its example is one line that can be copied."""

from __future__ import annotations


def _commands(cmd, path=()):
    if hasattr(cmd, "commands"):
        for name, sub in cmd.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield path, cmd


def test_every_example_is_whole_on_one_line_at_80_columns(db_path):
    # 'pmtui task add … --after' on one line and "'2.1FS+2d,2.2'" on the next: pasted, the
    # example ran without its predecessors; `risk add`'s took three lines
    from typer.testing import CliRunner

    from pmtui.cli import app, command

    runner = CliRunner(env={"COLUMNS": "80"})
    checked = 0
    for path, cmd in _commands(command):
        if not cmd.epilog:
            continue
        out = runner.invoke(app, ["--db", str(db_path), *path, "--help"]).stdout
        lines = [line.strip() for line in out.splitlines()]
        for paragraph in cmd.epilog.split("\n\n"):
            assert paragraph.strip() in lines, (path, paragraph)
        checked += 1
    assert checked > 60
