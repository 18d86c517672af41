"""The one place that decides where pmtui keeps its data and configuration.

Environment overrides let tests and shared-server users point pmtui anywhere:
``PMTUI_DB`` (a file path or SQLAlchemy URL), ``PMTUI_DATA_DIR``, ``PMTUI_CONFIG_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "pmtui"
DB_FILE = "pmtui.db"


def data_dir() -> Path:
    override = os.environ.get("PMTUI_DATA_DIR")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    override = os.environ.get("PMTUI_CONFIG_DIR")
    return Path(override).expanduser() if override else Path(platformdirs.user_config_dir(APP))


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    return data_dir() / DB_FILE


def requested_db(db: str | None = None) -> tuple[str | None, bool]:
    """What the user asked for (``--db`` first, then ``PMTUI_DB``), and whether it is the default."""
    value = db or os.environ.get("PMTUI_DB") or None
    if value:
        return value, False
    return str(default_db_path()), True


def make_private_dir(path: Path) -> None:
    """Create a folder (and missing parents) that only the user can enter."""
    if path.is_dir():
        return
    path.mkdir(parents=True, mode=0o700, exist_ok=True)
    # mkdir's mode is filtered by the umask; say it again so the folder is private whatever it is.
    os.chmod(path, 0o700)
