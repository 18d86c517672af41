"""The database: where it lives, how it is opened and upgraded, and the journal.

``Store`` and ``open_store`` are imported on first use: SQLAlchemy is loaded with them, and the
app draws its first frame without it (see pmtui.store.quick).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.store.engine import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str):
    if name in __all__:
        from pmtui.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'pmtui.store' has no attribute {name!r}")
