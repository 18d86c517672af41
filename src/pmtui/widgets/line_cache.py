"""A least-recently-used cache for the lines (and bars) a Line-API widget draws, that leaves no
garbage in reference cycles when it is cleared.

Textual's LRUCache links its entries into a ring of lists; ``clear()`` drops the ring whole, so
every line cached until then (a Strip with its seven caches and its segments) became garbage in
a cycle, freed only by a full collection. The WBS table clears its cache on every edit: at
10,000 tasks, where the app freezes the heap after each plan (see PmtuiApp._show_plan), that was
about 1,100 objects an edit kept until the next collection of frozen garbage. An OrderedDict
keeps the order in C, with no Python objects linking the entries: what is dropped is freed at
once by reference counting.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LineCache(Generic[K, V]):
    """The ``maxsize`` entries most recently set or read; ``get``, ``[key] = value``, ``clear``."""

    __slots__ = ("maxsize", "_entries")

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        entries = self._entries
        entries[key] = value
        entries.move_to_end(key)
        if len(entries) > self.maxsize:
            entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
