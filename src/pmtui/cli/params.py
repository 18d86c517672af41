"""Typer's values without pydantic, where the answer is known without it.

Typer 0.29 coerces the value of every parameter a command reads (``--db`` included, even when not
given) through a pydantic TypeAdapter built on first use: loading pydantic and building the
adapters was about 40 % of the imports of `pmtui task list` (typer._adapters and pydantic's plugin
loader, measured with ``python -X importtime``). Nearly all of pmtui's parameters are strings,
which that coercion hands back as they came, and a few are whole numbers. For those values the
result is given here; anything else (a number written another way, a value out of bounds, a
path) goes to Typer's own coercion, built then, with its own messages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# Digits pydantic reads as the same int (it also takes ' 5', '+5', '1_000', '5.0', left to it)
_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})")


class _Known:
    """Stands for Typer's RuntimeParam of one parameter (str, int, bool, list[str] or Path): the
    values above are answered here, the rest by Typer's, made on first need."""

    __slots__ = ("descriptor", "_typer")

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        annotation = self.descriptor.annotation
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        if annotation is str and type(value) is str and param.nargs == 1 and not param.multiple:
            return value
        if (annotation == list[str] and type(value) in (list, tuple) and param.multiple
                and all(type(v) is str for v in value)):
            return list(value)
        if annotation is int and param.nargs == 1 and not param.multiple:
            number = value if type(value) is int else (
                int(value) if type(value) is str and _PLAIN_INT.fullmatch(value) else None)
            info = self.descriptor.parameter_info
            if (number is not None and not info.clamp
                    and (info.min is None or number >= info.min) and (info.max is None or number <= info.max)):
                return number
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def _knowable(param: Any) -> bool:
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    return (descriptor.file_annotation is None and info.parser is None
            # a path: only its absence is answered here (`gantt` without --svg loaded pydantic)
            and descriptor.annotation in (str, int, bool, list[str], Path))


def install() -> None:
    """Coerce the values above without pydantic in every Typer command of this process.

    Done on the class, not on each command's parameters: the --help option of a command is made
    only when the command is parsed, and its value (None when not given) was coerced too.
    A Typer without this machinery (before 0.29) is left as it is."""
    try:
        from typer.core import _TyperParameter
    except ImportError:
        return
    own = getattr(_TyperParameter, "get_runtime_param", None)
    if own is None or getattr(own, "_pmtui", False):
        return

    def get_runtime_param(self):
        if self._runtime_param is None and _knowable(self):
            self._runtime_param = _Known(self.type_descriptor)
        return own(self)

    get_runtime_param._pmtui = True
    _TyperParameter.get_runtime_param = get_runtime_param
