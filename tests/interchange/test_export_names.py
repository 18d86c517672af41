"""An export's --format and its file's extension: a file named for one format never receives
another (`pmtui export plan.xml -f csv` wrote CSV into plan.xml without a word)."""

from __future__ import annotations

import pytest

from pmtui.interchange import FORMATS
from tests.foundation.helpers import cli

PAIRS = [(name, ext, other) for other, (exts, _i, _e) in FORMATS.items() for ext in exts
         for name in FORMATS if name != other]


@pytest.mark.parametrize("fmt, ext, other", PAIRS, ids=[f"{f}-into{e}" for f, e, _o in PAIRS])
def test_a_format_into_a_file_named_for_another_is_refused_and_nothing_is_written(project, db_path, tmp_path,
                                                                                 fmt, ext, other):
    target = tmp_path / f"plan{ext}"
    target.write_text("the MS Project file the plan came from\n", encoding="utf-8")
    r = cli(db_path, "export", str(target), "--format", fmt)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert r.stderr.startswith(f"pmtui: plan{ext}: {ext} is the extension of "), r.stderr
    assert f"({other}), and --format {fmt} would write" in r.stderr
    assert f"write to plan{FORMATS[fmt][0][0]}, or leave out --format" in r.stderr
    assert r.stderr.rstrip().endswith("nothing was written") and r.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "the MS Project file the plan came from\n"


def test_the_message_names_both_formats_in_words(project, db_path, tmp_path):
    r = cli(db_path, "export", str(tmp_path / "plan.xml"), "-f", "csv")
    assert r.stderr == ("pmtui: plan.xml: .xml is the extension of MS Project XML (mspdi), and --format csv "
                        "would write CSV into it: write to plan.csv, or leave out --format to write "
                        "MS Project XML; nothing was written\n")
    assert not (tmp_path / "plan.xml").exists()


@pytest.mark.parametrize("name, fmt", [("plan.XML", "xml"), ("plan.mspdi", "mspdi"), ("plan.txt", "csv"),
                                       ("plan", "json"), ("plan.md", "mermaid"), ("cal.ical", "ics")])
def test_a_format_into_its_own_extension_or_one_of_no_format_is_written(project, db_path, tmp_path, name, fmt):
    r = cli(db_path, "export", str(tmp_path / name), "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / name).stat().st_size > 0


def test_an_import_still_takes_format_over_the_extension(project, db_path, tmp_path):
    # how a misnamed file is read: the import's own advice is "import it with --format json"
    assert cli(db_path, "export", str(tmp_path / "plan.json")).exit_code == 0
    misnamed = tmp_path / "plan.xml"
    misnamed.write_bytes((tmp_path / "plan.json").read_bytes())
    r = cli(db_path, "import", str(misnamed), "--format", "json")
    assert r.exit_code == 0, r.stderr
