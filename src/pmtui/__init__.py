"""pmtui: a keyboard-driven terminal planner for IT project managers."""

__version__ = "0.1.0"
