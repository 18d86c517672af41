"""The ``pmtui`` command line: a thin Typer layer over pmtui.services.

Every error is one line on stderr: exit code 2 when what was typed is malformed, 1 when the plan
cannot take the request. An edit to the values a thing has already is no error: it says "nothing
changed" on stdout and exits 0. The TUI is imported only when it starts.

``pmtui COMMAND`` imports and builds only the module of that command (see main): loading every
command module, and building all 78 commands' Typer (click) objects, was a good part of each
command's start-up. ``app``, ``command`` and ``run`` have every command, for tests and callers.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys

import typer
from typer.core import TyperGroup

from pmtui.cli import params
from pmtui.cli.context import state
from pmtui.models.errors import NothingChanged, PmtuiError
from pmtui.models.wording import QUOTED, cut


params.install()  # pydantic only for a value that needs it


class OneLineErrors(TyperGroup):
    """Turn every refusal into one line on stderr and an exit code, for scripts and people."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args=args, prog_name=prog_name or "pmtui", complete_var=complete_var,
                                  standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except NothingChanged as exc:
            # the plan holds what was asked for: the same outcome as the edit, for scripts
            sys.stdout.write(f"{exc.message.rstrip('.')}.\n")
            code = 0
        except PmtuiError as exc:
            code = _fail(exc.message, exc.exit_code)
        except typer.TyperException as exc:
            # Typer vendors click; its usage errors carry the context they happened in.
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                sys.stdout.write(ctx.get_help() + "\n")
                code = 2
            else:
                hint = f" (see `{ctx.command_path} --help`)" if ctx is not None and exc.exit_code == 2 else ""
                message = _cut_args(_negative(exc, args) or exc.format_message(), args)
                code = _fail(f"error: {message}{hint}", exc.exit_code)
        except typer.Exit as exc:
            code = exc.exit_code
        except typer.Abort:
            code = _fail("aborted", 1)
        except KeyboardInterrupt:
            code = _fail("interrupted", 130)
        if standalone_mode:
            sys.exit(code)
        return code


def _negative(exc: Exception, args) -> str | None:
    """`cost actual 1.2 -5` said "No such option: -5": a negative number where a value goes is
    read as an option (-20% as the option -2), so say what it is."""
    name = getattr(exc, "option_name", None)
    if type(exc).__name__ != "NoSuchOption" or not name or not re.fullmatch(r"-\d", name[:2]):
        return None
    typed = next((a for a in (sys.argv[1:] if args is None else args)
                  if isinstance(a, str) and a.startswith(name) and re.fullmatch(r"-\d[\d.,]*[%dw]?", a)), None)
    if typed is None:
        return None
    return f"{typed} is negative: no value given here can be below 0"


def _cut_args(message: str, args) -> str:
    """Typer's own refusals ("No such command 'X'", "Got unexpected extra argument (X)") quote
    what was typed whole: each long argument in them is cut as pmtui's messages cut a value."""
    for arg in sorted((a for a in (sys.argv[1:] if args is None else args) if isinstance(a, str) and len(a) > QUOTED),
                      key=len, reverse=True):
        message = message.replace(arg, cut(arg))
    return message


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"pmtui: {message}\n")
    sys.stderr.flush()
    return code


_app = typer.Typer(
    name="pmtui",
    cls=OneLineErrors,
    help="A keyboard-driven terminal planner for IT project managers.",
    epilog=("Exit codes: 0 done, also when an edit asks for the values already there (it says "
            "'nothing changed'); 1 the plan cannot take the request; 2 what was typed is malformed. "
            "Errors are one line on stderr, and on any of them nothing was changed."),
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@_app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="Database file or SQLAlchemy URL (default: $PMTUI_DB, else pmtui.db in the user data dir)."),
    project: str = typer.Option(None, "--project", "-p", help="Work on this project instead of the current one."),
) -> None:
    """A keyboard-driven terminal planner for IT project managers.

    Run without a command to open the planner on the last project used.
    """
    if project is not None and not project.strip():
        # a script's -p "$NAME" with NAME unset: the current project would take its changes
        from pmtui.models.errors import BadValue

        raise BadValue("--project is empty: name a project, or leave -p out for the current one")
    st = state(ctx)
    st.db, st.project_name = db, project
    ctx.call_on_close(st.close)
    if ctx.invoked_subcommand is None:
        from pmtui.cli.opening import open_planner

        open_planner(st)


# Each module adding commands, in the order they were always added (`pmtui --help` lists them so),
# with the top-level names it adds (a test checks them). A name not here loads every module.
MODULES = {
    "projects": ("project",),
    "tasks": ("link", "unlink", "task"),
    "resources": ("assign", "unassign", "resource"),
    "calendar": ("calendar",),
    "history": ("undo", "redo", "history"),
    "demo": ("demo",),
    "schedule": ("schedule", "why"),
    "gantt": ("gantt",),
    "risks": ("risk", "issue"),
    "tracking": ("variance", "evm", "report", "baseline", "cost", "status"),
    "standup": ("progress", "blocker", "standup"),
    "interchange": ("import", "export"),
}
_registered: list[str] = []


def _register(modules=tuple(MODULES)) -> None:
    if _registered and list(modules) != _registered:
        # every module now, after one alone: added again in their own order
        _app.registered_commands.clear()
        _app.registered_groups.clear()
        _registered.clear()
    if not _registered:
        for name in modules:
            importlib.import_module(f"pmtui.cli.{name}").register(_app)
        _registered.extend(modules)
        _one_line_summaries(_app)


def _module_of(argv: list[str]) -> str | None:
    """The module of the command ``argv`` runs, past the root's options; None when it is not
    plain which (no command, --help, a name no module has)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--db", "--project", "-p"):
            i += 2
        elif arg.startswith(("--db=", "--project=")) or (arg.startswith("-p") and not arg.startswith("--")):
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return next((m for m, names in MODULES.items() if arg in names), None)
    return None


def _one_line_summaries(typer_app: typer.Typer) -> None:
    """In rich markup mode Typer keeps the docstring's line breaks in a group's command list, so a
    summary wrapped in the source broke mid-sentence there; the command's own page reflows it."""
    for info in typer_app.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if doc and not info.short_help:
            info.short_help = " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())
    for group in typer_app.registered_groups:
        _one_line_summaries(group.typer_instance)


def __getattr__(name: str):
    """``app`` and ``command``: the CLI with every command, made on first use."""
    if name in ("app", "command"):
        _register()
        globals()["app"] = _app
        globals()["command"] = typer.main.get_command(_app)
        return globals()[name]
    raise AttributeError(f"module 'pmtui.cli' has no attribute {name!r}")


def run(argv: list[str] | None = None) -> int:
    """Run the CLI in this process and return its exit code (for tests and python -m pmtui)."""
    return __getattr__("command").main(args=argv, prog_name="pmtui", standalone_mode=False)


def main() -> None:
    """The ``pmtui`` command: only the module of the command typed is loaded (all for --help)."""
    argv = sys.argv[1:]
    module = _module_of(argv)
    if module is None or "command" in globals():
        sys.exit(run(argv))
    _register((module,))
    sys.exit(typer.main.get_command(_app).main(args=argv, prog_name="pmtui", standalone_mode=False))
