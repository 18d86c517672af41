"""The user's settings from ``config.toml`` (``pmtui.store.locations.config_file()``).

    [keys]
    "wbs.add_task" = "a"          # a binding id and the key(s) it should answer to
    "app.quit" = "q,ctrl+q"

    [ui]
    theme = "pmtui-light"         # or "pmtui-dark"

A file that cannot be read or has wrong values never stops the app: what was understood is used,
and each problem becomes one line the app shows in a notification.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pmtui.models.wording import brief
from pmtui.store.locations import config_file

THEMES = ("pmtui-dark", "pmtui-light")


@dataclass
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str = "pmtui-dark"
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    cfg = Config(path=path)
    if not path.exists():
        return cfg
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        cfg.problems.append(f"cannot read {path}: {exc.strerror}; using the default keys")
        return cfg
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        cfg.problems.append(f"{path} is not valid TOML ({exc}); using the default keys")
        return cfg
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        cfg.problems.append(f"{path}: [keys] must be a table of binding id = \"key\"")
        keys = {}
    for binding_id, value in keys.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            cfg.problems.append(f"{path}: key for {brief(binding_id)} must be a string like \"a\" or \"ctrl+n\"")
            continue
        cfg.keymap[str(binding_id)] = ",".join(k.strip() for k in value.split(",") if k.strip())
    ui = data.get("ui", {})
    if isinstance(ui, dict) and "theme" in ui:
        if ui["theme"] in THEMES:
            cfg.theme = ui["theme"]
        else:
            cfg.problems.append(f"{path}: theme {brief(ui['theme'])} is unknown; use one of {', '.join(THEMES)}")
    return cfg


def unknown_ids(cfg: Config, known: set[str]) -> list[str]:
    """Problems for binding ids in the file that no screen has (most likely a typo)."""
    return [
        f"{cfg.path}: no key with id {brief(bid)} (press ? to see the ids)"
        for bid in cfg.keymap if bid not in known
    ]
