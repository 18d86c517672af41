"""The user's config file (TOML), read once per process. Each feature validates its own section
and falls back to its defaults; a file that is not valid TOML is reported, never half-used."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from pmtui.models.errors import BadValue
from pmtui.store.locations import config_file


@lru_cache(maxsize=1)
def read_config() -> dict[str, Any]:
    path = config_file()
    if not path.exists():
        return {}
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise BadValue(f"config file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise BadValue(f"cannot read config file {path}: {exc.strerror}") from None


def section(name: str) -> dict[str, Any]:
    """One table of the config file, e.g. section("risk") for [risk]; {} when absent."""
    value = read_config().get(name, {})
    if not isinstance(value, dict):
        raise BadValue(f"config file {config_file()}: [{name}] must be a table")
    return value


def reload() -> None:
    """Forget the cached file (tests write config files between runs)."""
    read_config.cache_clear()
