"""pmtui's own light and dark themes. Colours are picked from the xterm 256-colour cube so they
look the same on a 256-colour terminal as on a true-colour one."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="pmtui-dark",
    primary="#5f87d7",
    secondary="#5fafaf",
    accent="#d7af5f",
    warning="#d7af00",
    error="#ff5f5f",
    success="#87af5f",
    foreground="#d0d0d0",
    background="#1c1c1c",
    surface="#262626",
    panel="#303030",
    dark=True,
    variables={
        "pm-critical": "#ff5f5f",
        "pm-changed": "#ffd75f",
        "pm-cursor-bg": "#005f87",
        "pm-done": "#87af5f",
        "footer-key-foreground": "#d7af5f",
    },
)

LIGHT = Theme(
    name="pmtui-light",
    primary="#005faf",
    secondary="#008787",
    accent="#875f00",
    warning="#af5f00",
    error="#d70000",
    success="#008700",
    foreground="#1c1c1c",
    background="#eeeeee",
    surface="#e4e4e4",
    panel="#d0d0d0",
    dark=False,
    variables={
        "pm-critical": "#d70000",
        "pm-changed": "#875f00",
        "pm-cursor-bg": "#afd7ff",
        "pm-done": "#008700",
        "footer-key-foreground": "#005faf",
    },
)

THEMES = (DARK, LIGHT)
