"""Files in and out: MSPDI XML, CSV, JSON, iCalendar, Mermaid.

``read_file(path, fmt)`` gives an :class:`Imported` (PlanData, warnings, what was ignored);
``export_text(data, fmt)`` gives the text of a project in a format. The format comes from the
file's extension unless named. Nothing here writes to the database: services.bulk does, after
``check`` has scheduled the plan.
"""

from __future__ import annotations

from pathlib import Path

from pmtui.interchange.base import ExportFailed, ImportFailed, Imported
from pmtui.models.errors import BadValue, PmtuiError
from pmtui.models.wording import brief
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
            raise BadValue(f"format {brief(fmt)} is unknown: use one of {usable}")
        if not importing:
            _refuse_other_extension(Path(path), name)
    else:
        suffix = Path(path).suffix.lower()
        matches = [n for n, (exts, _i, _e) in FORMATS.items() if suffix in exts]
        if suffix == ".mpp":
            raise BadValue(f"{Path(path).name}: an .mpp file is MS Project's binary format; {_SAVE_AS_XML}")
        if not matches:
            raise BadValue(f"{Path(path).name}: cannot tell the format from {brief(suffix or 'no extension')}: "
                               f"give --format ({usable})")
        name = matches[0]
    _exts, can_import, can_export = FORMATS[name]
    if importing and not can_import:
        raise ImportFailed(f"{name} files can be exported but not imported")
    if not importing and not can_export:
        raise ExportFailed(f"{name} files can be imported but not exported")
    return name


_WORDS = {"mspdi": "MS Project XML", "csv": "CSV", "json": "JSON", "ics": "iCalendar", "mermaid": "Mermaid"}


def _refuse_other_extension(path: Path, name: str) -> None:
    """`pmtui export plan.xml -f csv` wrote CSV into a .xml file without a word: MS Project, a
    colleague and pmtui's own import then took it for XML, and the MS Project file it was
    perhaps imported from was overwritten. An extension of another format is refused before
    anything is written; one that names no format (.txt, none, a device) is the user's choice.
    An import keeps --format over the extension: that is how a misnamed file is read."""
    suffix = path.suffix.lower()
    if suffix in FORMATS[name][0]:
        return
    other = next((n for n, (exts, _i, _e) in FORMATS.items() if suffix in exts), None)
    if other is None:
        return
    raise BadValue(f"{path.name}: {suffix} is the extension of {_WORDS[other]} ({other}), and --format {name} "
                   f"would write {_WORDS[name]} into it: write to {path.stem}{FORMATS[name][0][0]}, or leave "
                   f"out --format to write {_WORDS[other]}; nothing was written")


def read_file(path: Path | str, fmt: str | None = None) -> Imported:
    with paused_gc():  # a 10,000-task file is hundreds of thousands of small objects
        try:
            return _read_file(path, fmt)
        except ImportFailed as exc:
            raise _other_format(Path(path), fmt) or exc from None


# what a file's first bytes say it is, for a file that failed to read as the format it was taken for
_KINDS = {"mspdi": "XML", "json": "JSON", "csv": "CSV", "mpp": "MS Project's binary .mpp format"}
_MPP = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file, as .mpp files are
_SAVE_AS_XML = "pmtui does not read it: in MS Project, File > Save As > XML Format, and import that file"


def _sniff(head: bytes) -> str | None:
    if head.startswith(_MPP):
        return "mpp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] == b"<":
        return "mspdi"
    if text[:1] in (b"{", b"["):
        return "json"
    first = text.split(b"\n", 1)[0].lower()
    if any(sep in first for sep in (b",", b";", b"\t")) and (b"wbs" in first or b"id" in first) and b"name" in first:
        return "csv"
    return None


def _other_format(path: Path, fmt: str | None) -> ImportFailed | None:
    """`plan.xml` holding a JSON export said "not well-formed XML: invalid token": true, but not
    what the file is nor how to import it. Looked at only when the reading failed, so no file
    that reads is judged by its first bytes."""
    try:
        name = detect_format(path, fmt, importing=True)
        with open(path, "rb") as fh:
            kind = _sniff(fh.read(512))
    except (OSError, PmtuiError):
        return None
    if kind is None or kind == name:
        return None
    said = f"{path.name} holds {_KINDS[kind]}, not {_KINDS[name]} (by its first bytes)"
    if kind == "mpp":
        return ImportFailed(f"{said}: {_SAVE_AS_XML}")
    return ImportFailed(f"{said}: import it with --format {kind}")


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
    raise ExportFailed(f"format {brief(fmt)} is unknown")


__all__ = ["FORMATS", "ImportFailed", "ExportFailed", "Imported", "detect_format", "read_file", "export_text"]
