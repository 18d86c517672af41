"""The database: where it lives, how it is opened and upgraded, and the journal."""

from pmtui.store.engine import Store, open_store

__all__ = ["Store", "open_store"]
