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
