"""pmtui.scheduling may import only the standard library and dateutil."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pmtui.scheduling

PACKAGE = Path(pmtui.scheduling.__file__).parent


def test_scheduling_imports_only_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"dateutil", "__future__"}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
