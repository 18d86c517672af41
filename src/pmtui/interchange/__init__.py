"""Files in and out: MSPDI XML, CSV, JSON, iCalendar, Mermaid.

``read_file(path, fmt)`` gives an :class:`Imported` (PlanData, warnings, what was ignored);
``export_text(data, fmt)`` gives the text of a project in a format. The format comes from the
file's extension unless named. Nothing here writes to the database: services.bulk does, after
``check`` has scheduled the plan.
"""

from __future__ import annotations

from pathlib import Path

from pmtui.interchange.base import ExportFailed, ImportFailed, Imported
from pmtui.models.errors import BadValue
from pmtui.services.bulk import PlanData
from pmtui.services.gc_pause import paused_gc

# format -> (extensions, can import, can export)
FORMATS = {
    "mspdi": ((".xml", ".mspdi"), True, True),
    "csv": ((".csv",), True, True),
    "json": ((".json",), True, True),
    "ics": ((".ics", ".ical", ".icalendar"), False, True),
    "mermaid": ((".mmd", ".mermaid", ".md"), False, True),
}
ALIASES = {"xml": "mspdi", "msproject": "mspdi", "ical": "ics", "icalendar": "ics", "mmd": "mermaid"}


def detect_format(path: Path, fmt: str | None, *, importing: bool) -> str:
    # the formats this direction takes: an import offered ics and mermaid, then refused them
    usable = ", ".join(n for n, (_x, i, e) in FORMATS.items() if (i if importing else e))
    if fmt:
        name = ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
        if name not in FORMATS:
            raise BadValue(f"format {fmt!r} is unknown: use one of {usable}")
    else:
        suffix = Path(path).suffix.lower()
        matches = [n for n, (exts, _i, _e) in FORMATS.items() if suffix in exts]
        if not matches:
            raise BadValue(f"{Path(path).name}: cannot tell the format from {suffix or 'no extension'!r}: "
                               f"give --format ({usable})")
        name = matches[0]
    _exts, can_import, can_export = FORMATS[name]
    if importing and not can_import:
        raise ImportFailed(f"{name} files can be exported but not imported")
    if not importing and not can_export:
        raise ExportFailed(f"{name} files can be imported but not exported")
    return name


def read_file(path: Path | str, fmt: str | None = None) -> Imported:
    with paused_gc():  # a 10,000-task file is hundreds of thousands of small objects
        return _read_file(path, fmt)


def _read_file(path: Path | str, fmt: str | None) -> Imported:
    path = Path(path)
    name = detect_format(path, fmt, importing=True)
    if name == "mspdi":
        from pmtui.interchange.mspdi_reader import read_mspdi

        return read_mspdi(path)
    if name == "csv":
        from pmtui.interchange.csvfmt import read_csv

        return read_csv(path)
    from pmtui.interchange.jsonfmt import read_json

    return read_json(path)


def export_text(data: PlanData, fmt: str) -> tuple[str, list[str]]:
    """(text, notes about what the format could not carry)."""
    with paused_gc():
        return _export_text(data, fmt)


def _export_text(data: PlanData, fmt: str) -> tuple[str, list[str]]:
    data.number()
    sched = data.schedule()
    if fmt == "mspdi":
        from pmtui.interchange.mspdi_writer import write_mspdi

        return write_mspdi(data, sched)
    if fmt == "csv":
        from pmtui.interchange.csvfmt import write_csv

        return write_csv(data, sched)
    if fmt == "json":
        from pmtui.interchange.jsonfmt import write_json

        return write_json(data, sched)
    if fmt == "ics":
        from pmtui.interchange.ical import write_ics

        return write_ics(data, sched)
    if fmt == "mermaid":
        from pmtui.interchange.mermaid import write_mermaid

        return write_mermaid(data, sched)
    raise ExportFailed(f"format {fmt!r} is unknown")


__all__ = ["FORMATS", "ImportFailed", "ExportFailed", "Imported", "detect_format", "read_file", "export_text"]
