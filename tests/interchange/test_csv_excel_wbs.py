"""Excel takes a CSV cell holding a two-part WBS code for a number and saves 1.10 as 1.1 (1.20 as
1.2, 1.100 as 1.1): a plan exported by pmtui, opened in Excel and saved came back refused as
"WBS 1.1 appears twice". The rows are in outline order, numbered 1, 2, 3 … under each summary, so
a second 1.1 right after 1.9 can only be 1.10: such codes are rebuilt, and said. A predecessor
cell holding one such code alone was cut short too, and cannot be told from the real 1.1: it is
refused, saying how to write it."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from pmtui.interchange import export_text, read_file
from pmtui.interchange.base import ImportFailed
from pmtui.services.bulk import LinkData, PlanData, TaskData

from .helpers import canon, diff


def _plan(lone_link: bool = False) -> PlanData:
    """Phase 1 with 12 tasks (1.10 has a task under it), phase 2 with 21 tasks."""
    data = PlanData(name="Big", start=date(2027, 1, 4))
    data.tasks.append(TaskData(key="p1", name="Phase 1"))
    data.tasks += [TaskData(key=f"a{i}", name=f"A{i}", parent="p1", duration=1) for i in range(1, 11)]
    data.tasks.append(TaskData(key="a10x", name="A10 detail", parent="a10", duration=2))
    data.tasks += [TaskData(key=f"a{i}", name=f"A{i}", parent="p1", duration=1) for i in range(11, 13)]
    data.tasks.append(TaskData(key="p2", name="Phase 2"))
    data.tasks += [TaskData(key=f"b{i}", name=f"B{i}", parent="p2", duration=1) for i in range(1, 22)]
    data.links += [LinkData("a9", "a10"), LinkData("a10x", "b20", "SS", 1), LinkData("b19", "b20")]
    if lone_link:
        data.links.append(LinkData("a10", "b1"))  # a cell holding "1.10" alone
    return data


def _through_excel(text: str) -> str:
    """What Excel saves: every cell that reads as a number, written as the number."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        w.writerow([f"{float(c):g}" if c.count(".") == 1 and c.replace(".", "").isdigit() else c for c in row])
    return out.getvalue()


def _saved(tmp_path, data: PlanData):
    text, _ = export_text(data, "csv")
    mangled = _through_excel(text)
    assert "\n1.1,A10," in mangled and "\n2.2,B20," in mangled  # what Excel did
    path = tmp_path / "big.csv"
    path.write_text(mangled, encoding="utf-8")
    return path


def test_codes_excel_cut_short_are_rebuilt_from_the_rows_order(tmp_path):
    data = _plan()
    imp = read_file(_saved(tmp_path, data))
    assert imp.warnings == ["WBS codes a spreadsheet had cut short rebuilt from the rows' order (line 12 1.1 → 1.10, "
                            "line 26 2.1 → 2.10, line 36 2.2 → 2.20): Excel turns 1.10 into 1.1; format the WBS "
                            "column as Text to keep them"]
    imp.data.number()
    assert [t.name for t in imp.data.tasks if t.wbs in ("1.10", "1.10.1", "2.10", "2.20")] == [
        "A10", "A10 detail", "B10", "B20"]
    theirs, ours = canon(imp.data, skip=("resources",)), canon(data, skip=("resources",))
    theirs.pop("project"), ours.pop("project")
    assert theirs == ours, diff(theirs, ours)


def test_a_predecessor_cut_short_is_refused_with_what_to_write(tmp_path):
    with pytest.raises(ImportFailed) as exc:
        read_file(_saved(tmp_path, _plan(lone_link=True)))
    assert str(exc.value) == (
        "big.csv line 17: predecessor 1.1 could be 1.1 or 1.10: Excel turns a cell holding one code such as 1.10 "
        "into 1.1, as it did to this file's WBS codes. Write it as 1.10FS or 1.1FS (Excel leaves those alone) and "
        "import again, or export from pmtui again and format the columns as Text in Excel")


def test_a_repeated_code_that_cannot_be_rebuilt_says_what_excel_does(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("WBS,Name\n1,P\n1.1,A\n1.2,B\n1.1,C\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        read_file(path)
    assert str(exc.value) == (
        "dup.csv line 5: WBS 1.1 appears twice; if the file was saved by Excel, it turned a code such as 1.10 into "
        "1.1: export from pmtui again and format the WBS column as Text in Excel before saving, or type the codes back")
