"""Imports only point down the layers of DESIGN.md (harlequin-style import hygiene)."""

from __future__ import annotations

import ast
from pathlib import Path

import pmtui

SRC = Path(pmtui.__file__).parent

# What each layer must never import (third-party UI / DB packages and higher pmtui layers).
FORBIDDEN = {
    "scheduling": ("textual", "rich", "sqlmodel", "sqlalchemy", "networkx", "pydantic", "typer",
                   "pmtui.models", "pmtui.store", "pmtui.services", "pmtui.interchange",
                   "pmtui.reports", "pmtui.cli", "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "models": ("textual", "typer", "pmtui.store", "pmtui.services", "pmtui.scheduling",
               "pmtui.interchange", "pmtui.reports", "pmtui.cli", "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "store": ("textual", "typer", "pmtui.services", "pmtui.scheduling", "pmtui.interchange",
              "pmtui.reports", "pmtui.cli", "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "services": ("textual", "typer", "rich", "pmtui.interchange", "pmtui.reports", "pmtui.cli",
                 "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "interchange": ("textual", "typer", "pmtui.cli", "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "reports": ("textual", "typer", "pmtui.cli", "pmtui.app", "pmtui.screens", "pmtui.widgets"),
    "cli": ("textual", "pmtui.screens", "pmtui.widgets"),
}
STDLIB_OK_FOR_SCHEDULING = {"dateutil"}


def imports_of(path: Path, lazy_ok: bool) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = []
    for node in ast.walk(tree):
        if lazy_ok and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _module_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    out = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_layers_import_only_downwards():
    problems = []
    for layer, banned in FORBIDDEN.items():
        folder = SRC / layer
        files = list(folder.rglob("*.py")) if folder.is_dir() else [SRC / f"{layer}.py"]
        for path in files:
            # The CLI may import the TUI lazily (inside a function), as STYLE.md asks.
            names = _module_level_imports(path) if layer == "cli" else imports_of(path, False)
            for name in names:
                if any(name == b or name.startswith(b + ".") for b in banned):
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []


def test_scheduling_needs_only_the_standard_library_and_dateutil():
    import sys

    for path in (SRC / "scheduling").rglob("*.py"):
        for name in imports_of(path, False):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top in STDLIB_OK_FOR_SCHEDULING or name.startswith("pmtui.scheduling"), (path, name)


def test_the_tui_uses_no_private_textual_module_but_the_footers():
    # pyproject pins Textual to the minor version whose internals the app relies on; each private
    # module imported is one more thing a Textual release may move without a word (held_keys ran
    # the bindings itself through textual._dispatch_key). The footer draws Textual's FooterKey,
    # which no public module exports.
    allowed = {("widgets/footer.py", "textual.widgets._footer")}
    problems = []
    for path in SRC.rglob("*.py"):
        for name in imports_of(path, lazy_ok=False):
            if name.startswith("textual.") and any(part.startswith("_") for part in name.split(".")):
                if (path.relative_to(SRC).as_posix(), name) not in allowed:
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert not problems, "\n".join(problems)


def test_no_tui_class_overrides_a_private_method_of_textual():
    # A method named as one of Textual's private ones replaces it without a word: DialogInput
    # overrode Input._on_key (and so depended on how Textual dispatches to it), and the stand-up
    # screen's _on_leave, meant for a person's leave, took the mouse's Leave events and crashed.
    import importlib
    import inspect
    import pkgutil

    problems = []
    for info in pkgutil.walk_packages(pmtui.__path__, "pmtui."):
        if not info.name.startswith(("pmtui.app", "pmtui.screens", "pmtui.widgets")):
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for name, value in vars(cls).items():
                if not name.startswith("_") or name.startswith("__") or not callable(value):
                    continue
                for base in cls.__mro__[1:]:
                    if base.__module__.split(".")[0] == "textual" and name in vars(base):
                        problems.append(f"{cls.__qualname__}.{name} overrides {base.__qualname__}.{name}")
                        break
    assert not problems, "\n".join(problems)
