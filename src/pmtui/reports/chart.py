"""Trend charts for reports: an inline SVG (no scripts, no external resources) for HTML, and a
line of block characters for Markdown and terminals."""

from __future__ import annotations

from html import escape

from pmtui.models.wording import signed_days

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = hi - lo or 1.0
    return "".join(" " if v is None else BLOCKS[round((v - lo) / span * (len(BLOCKS) - 1))] for v in values)


def _points(values, x_of, y_of) -> str:
    return " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in enumerate(values) if v is not None)


def trend_svg(days: list[str], series: dict[str, list[float | None]], colours: dict[str, str],
              width: int = 640, height: int = 220) -> str:
    """A line chart of each series against the snapshot days, every series scaled to its own
    range and labelled with its first and last value (SPI and slip days share no unit)."""
    left, right, top, bottom = 40, 150, 16, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(days), 1)
    x_of = lambda i: left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)  # noqa: E731
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="Trend of the project over the snapshots">',
             f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#bbb"/>']
    for i, day in enumerate(days):
        if i in (0, n - 1) or n <= 6:
            parts.append(f'<text x="{x_of(i):.1f}" y="{height - 10}" font-size="10" text-anchor="middle">{escape(day)}</text>')
    for k, (name, values) in enumerate(series.items()):
        known = [v for v in values if v is not None]
        if not known:
            continue
        lo, hi = min(known), max(known)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        y_of = lambda v, lo=lo, hi=hi: top + plot_h - (v - lo) / (hi - lo) * plot_h  # noqa: E731
        colour = colours.get(name, "#333")
        pts = _points(values, x_of, y_of)
        if len(known) == 1:
            i = next(i for i, v in enumerate(values) if v is not None)
            parts.append(f'<circle cx="{x_of(i):.1f}" cy="{y_of(known[0]):.1f}" r="3" fill="{colour}"/>')
        else:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
        label = f"{name}: {first_last(values)}"
        parts.append(f'<text x="{width - right + 8}" y="{top + 14 + 18 * k}" font-size="11" fill="{colour}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def first_last(values: list[float | None]) -> str:
    """'+0d → +2d', '0.98 → 0.91': the first and last measured values (a snapshot taken before
    the baseline has no slip or SPI), as the chart's legend and the Markdown table both say."""
    known = [v for v in values if v is not None]
    return f"{_fmt(known[0])} → {_fmt(known[-1])}" if known else "n/a"


def _fmt(v: float) -> str:
    return signed_days(v) if isinstance(v, int) else f"{v:.2f}"
