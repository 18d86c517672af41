"""Status reports in Markdown and HTML, built from templates a user can override."""

from pmtui.reports.render import render_report

__all__ = ["render_report"]
