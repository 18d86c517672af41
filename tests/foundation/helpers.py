"""Helpers for the foundation tests: a table dump to compare states, a CLI runner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import SQLModel

import pmtui.models.all_tables  # noqa: F401 - every table, for dump


def dump(store, *, journal: bool = False) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal dumps mean equal databases."""
    out = {}
    with store.engine.connect() as conn:
        for name, table in SQLModel.metadata.tables.items():
            if name == "journal" and not journal:
                continue
            out[name] = sorted(tuple(r) for r in conn.execute(select(table)))
    return out


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def cli(db, *args: str, input: str | None = None) -> Ran:
    from typer.testing import CliRunner

    from pmtui.cli import app

    # A fixed width: whatever terminal (or Textual capture) the worker inherited must not wrap tables.
    result = CliRunner(env={"COLUMNS": "160"}).invoke(app, ["--db", str(db), *args], input=input,
                                                             catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


def why_chain(stdout: str) -> list[str]:
    """The lines of `pmtui why` before its float lines (why_span.float_steps), which come last
    and begin "<task> has Nd of float" (or say that finished work has none)."""
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if " of float" in line or "finished work has no float" in line:
            return lines[:i]
    return lines
