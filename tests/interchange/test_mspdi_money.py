"""MS Project XML holds amounts of money in hundredths of the currency unit (MS Project 2003's
sample plan: a cost per use of 15.00 is <CostPerUse>1500</CostPerUse>, and MPXJ reads it so).
A fixed cost of 950 was written as <FixedCost>950</FixedCost>, which MS Project and MPXJ open
as 9.50, and a file's <FixedCost>95000</FixedCost> came in as 95,000."""

from __future__ import annotations

from datetime import date

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import get_plan_data
from pmtui.services.demo import create_demo

from .test_bad_input import mspdi, task


def test_a_fixed_cost_in_the_file_is_read_in_currency_units(tmp_path):
    path = tmp_path / "money.xml"
    path.write_text(mspdi(task(1, "Catering", extra="<FixedCost>95050</FixedCost>"), task(2, "Free")),
                    encoding="utf-8")
    costs = {t.name: t.fixed_cost for t in read_file(path).data.tasks}
    assert costs == {"Catering": 950.5, "Free": 0.0}


def test_mpxj_reads_the_exported_fixed_cost_as_the_app_has_it(mpxj_reader, store, tmp_path):
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    text, _ = export_text(data, "mspdi")
    path = tmp_path / "demo.xml"
    path.write_text(text, encoding="utf-8")
    ours = {t.name: t.fixed_cost for t in data.tasks if t.fixed_cost}
    assert ours["Project kick-off workshop"] == 950
    pf = mpxj_reader().read(str(path))
    theirs = {str(t.getName()): float(t.getFixedCost().doubleValue()) for t in pf.getTasks()
              if t.getFixedCost() is not None and float(t.getFixedCost().doubleValue())}
    assert theirs == ours
    assert {t.name: t.fixed_cost for t in read_file(path).data.tasks if t.fixed_cost} == ours


def _bl(jt, field: str, number: int):
    """MPXJ's Baseline field is getBaselineStart(), Baseline1's getBaselineStart(1)."""
    return getattr(jt, f"getBaseline{field}")(*([number] if number else []))


def test_mpxj_reads_the_exported_baselines_as_variance_shows_them(mpxj_reader, store, db_path, tmp_path):
    """The demo's 'Approved plan' (MS Project's Baseline) and a second one saved after a task
    grew (Baseline1) reach MS Project with every task's dates, duration, work and cost, and the
    project's on the project summary task: the export left them out, so a plan handed to an MS
    Project user arrived with no baseline to track against."""
    from pmtui.services.baselines import save_baseline
    from pmtui.services.project_records import read_records
    from pmtui.services.tasks import edit_task
    from tests.foundation.helpers import cli

    project = create_demo(store, today=date(2026, 11, 23))
    edit_task(store, project.id, "3.2.3", duration=12)
    save_baseline(store, project.id, "Replan")
    path = tmp_path / "demo.xml"
    r = cli(db_path, "export", str(path))
    assert r.exit_code == 0, r.stderr
    with store.engine.connect() as conn:
        saved = {b["number"]: b for b in read_records(conn, project.id).baselines}
    assert sorted(saved) == [0, 1]
    pf = mpxj_reader().read(str(path))
    by_name = {str(t.getName()): t for t in pf.getTasks() if int(t.getUniqueID()) != 0}
    summary = next(t for t in pf.getTasks() if int(t.getUniqueID()) == 0)
    for number, b in saved.items():
        assert str(_bl(summary, "Finish", number))[:10] == b["finish"].isoformat()
        assert float(_bl(summary, "Cost", number).doubleValue()) == round(b["cost"], 2)
        for bt in b["tasks"]:
            jt = by_name[bt["name"]]
            assert (str(_bl(jt, "Start", number))[:10], str(_bl(jt, "Finish", number))[:10]) == (
                bt["start"].isoformat(), bt["finish"].isoformat()), (number, bt["wbs"])
            assert float(_bl(jt, "Duration", number).getDuration()) == bt["duration"], (number, bt["wbs"])
            assert abs(float(_bl(jt, "Cost", number).doubleValue()) - bt["cost"]) < 0.01, (number, bt["wbs"])
            assert abs(float(_bl(jt, "Work", number).getDuration()) - bt["work"] * 8) < 0.02, (number, bt["wbs"])
    grown = by_name[next(t["name"] for t in saved[1]["tasks"] if t["wbs"] == "3.2.3")]
    assert float(_bl(grown, "Duration", 1).getDuration()) == 12
    assert float(_bl(grown, "Duration", 0).getDuration()) != 12


def test_a_baseline_without_project_dates_is_written_for_its_tasks(store):
    # a pmtui JSON may hold a baseline with no start or finish of its own (its tasks have
    # theirs): the export took their working days apart and stopped with a traceback
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id, records=True)
    data.records.baselines[0].update(start=None, finish=None)
    text, _ = export_text(data, "mspdi")
    summary_task = text[text.index("<Task><UID>0</UID>"):text.index("</Task>")]
    assert "<Baseline>" not in summary_task
    assert text.count("<Baseline><Number>0</Number>") == len(data.tasks)
