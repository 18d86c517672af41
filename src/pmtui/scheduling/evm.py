"""Earned value management, with the PMBOK Guide's formulas (6th ed., §7.4.2.2, Table 7-1).

    SV = EV − PV    CV = EV − AC    SPI = EV / PV    CPI = EV / AC
    EAC: "cpi" / "typical"   BAC / CPI                        (variances continue at today's CPI)
         "atypical"          AC + (BAC − EV)                  (the rest goes at the budgeted rate)
         "composite"         AC + (BAC − EV) / (CPI × SPI)    (a fixed deadline drives cost)
         "bottom-up"         AC + bottom-up ETC               (the rest re-estimated from the plan)
    ETC = EAC − AC    VAC = BAC − EAC
    TCPI to BAC = (BAC − EV) / (BAC − AC)    TCPI to EAC = (BAC − EV) / (EAC − AC)

An index whose denominator is zero is None ("not measurable yet"), never infinity. TCPI to BAC
is None too once the budget is spent (BAC − AC under half a cent): no efficiency finishes within a
budget already gone (PMBOK: the BAC is no longer attainable), and a sliver of budget left by
rounding (1,249.99 against 1,250) made it −57,999.67. An EAC that
needs a missing index falls back to AC + (BAC − EV), which is the budget while nothing is done.
PV is None where there is no baseline: PV is the baseline's budget for the work scheduled
(PMBOK's performance measurement baseline), so without one SV and SPI are None too. A plan
rescheduled from the status date is never behind itself, so its own dates would measure nothing.
PV is the budget spread linearly over the working days of each task (MS Project's default for
work and prorated fixed cost). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CENT = 0.005  # money below half a cent is nothing
EAC_METHODS = ("cpi", "typical", "atypical", "composite", "bottom-up")


@dataclass(frozen=True, slots=True)
class EarnedValue:
    bac: float
    pv: float | None
    ev: float
    ac: float
    sv: float | None
    cv: float
    spi: float | None
    cpi: float | None
    eac: float
    etc: float
    vac: float
    tcpi_bac: float | None
    tcpi_eac: float | None
    method: str  # the formula asked for
    used: str    # the one that gave the EAC: "atypical" where the asked one lacks an index

    @property
    def eac_label(self) -> str:
        """The EAC's formula as a reader should see it: the one asked for, or what stood in."""
        if self.used == self.method:
            return self.method
        needs = "a CPI and an SPI" if self.method == "composite" else "a CPI"
        # money spent and nothing earned gives a CPI of 0.00, shown beside a label that said
        # there was no CPI: BAC / 0 is what cannot be taken
        if self.cpi == 0 or (self.method == "composite" and self.spi == 0):
            return f"{self.used}: {self.method} needs {needs} above 0 (nothing earned yet)"
        return f"{self.used}: {self.method} needs {needs}"

    def whole(self) -> EarnedValue:
        """The figures as a reader sees them: money in whole units, and the differences taken
        between the figures shown. Each rounded on its own, EV 196,121.6 and PV 199,394.5 read
        196,122 and 199,395 beside an SV of -3,272 (-3,272.9), a sum that a reader checks and finds
        wrong. The indices stay those of the exact figures."""
        def r(v: float | None) -> float | None:
            return None if v is None else float(round(v))
        bac, pv, ev, ac, eac = r(self.bac), r(self.pv), r(self.ev), r(self.ac), r(self.eac)
        return replace(self, bac=bac, pv=pv, ev=ev, ac=ac, eac=eac, sv=None if pv is None else ev - pv,
                       cv=ev - ac, etc=eac - ac, vac=bac - eac)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


def _ratio(a: float, b: float) -> float | None:
    return a / b if abs(b) > 1e-9 else None


def estimate_at_completion(bac: float, ev: float, ac: float, spi: float | None, cpi: float | None,
                           method: str = "cpi", bottom_up_etc: float | None = None) -> tuple[float, str]:
    """(EAC, the formula that gave it)."""
    if method not in EAC_METHODS:
        raise ValueError(f"unknown EAC method {method!r}: use one of {', '.join(EAC_METHODS)}")
    atypical = ac + (bac - ev)
    if method in ("cpi", "typical") and cpi:
        return bac / cpi, method
    if method == "composite" and cpi and spi:
        return ac + (bac - ev) / (cpi * spi), method
    if method == "bottom-up":
        return ac + (bottom_up_etc if bottom_up_etc is not None else bac - ev), method
    return atypical, "atypical"


def earned_value(bac: float, pv: float | None, ev: float, ac: float, method: str = "cpi",
                 bottom_up_etc: float | None = None) -> EarnedValue:
    spi, cpi = (_ratio(ev, pv) if pv is not None else None), _ratio(ev, ac)
    eac, used = estimate_at_completion(bac, ev, ac, spi, cpi, method, bottom_up_etc)
    return EarnedValue(
        bac=bac, pv=pv, ev=ev, ac=ac, sv=ev - pv if pv is not None else None, cv=ev - ac, spi=spi, cpi=cpi,
        eac=eac, etc=eac - ac, vac=bac - eac,
        tcpi_bac=_ratio(bac - ev, bac - ac) if bac - ac >= CENT else None, tcpi_eac=_ratio(bac - ev, eac - ac),
        method=method, used=used,
    )


def planned_value(first_day: int, last_day: int, cost: float, status_day: int) -> float:
    """The part of ``cost`` planned to be spent by the end of working day ``status_day`` when
    it is spread evenly over working days first_day … last_day (inclusive day indexes). A
    milestone (last_day < first_day, or a single instant) is all-or-nothing on its day."""
    if status_day < first_day:
        return 0.0
    days = last_day - first_day + 1
    if days <= 0:
        return cost
    return cost * min(status_day - first_day + 1, days) / days
