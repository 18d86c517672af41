"""Counts in messages: "1 risk", "2 risks", never "2 risk(s)"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the number it takes; ``plural`` for a noun not made with -s."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
