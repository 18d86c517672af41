"""The planner with a fixed clock, so the stand-up's time box is the same on every run."""

from __future__ import annotations

from pathlib import Path

import pmtui.app

from pmtui.app import PmtuiApp
from tests.standup.helpers import NINE


class StandupApp(PmtuiApp):
    CSS_PATH = str(Path(pmtui.app.__file__).with_name("pmtui.tcss"))

    def __init__(self, store, *, today, clock=lambda: NINE, **kw):
        super().__init__(store, today=today, **kw)
        self.clock = clock
