"""The check of the [standup] section of config.toml (see pmtui.services.standup_agenda.StandupConfig)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class StandupSection(BaseModel):
    """What [standup] may hold, and the defaults of what it leaves out."""

    model_config = ConfigDict(extra="forbid")

    timebox_minutes: int = Field(15, ge=1, le=240)
    lookahead_days: int = Field(3, ge=0, le=60)
    order: list[str] | Literal["alphabetical"] = "alphabetical"
    percent_step: int = Field(10, ge=1, le=50)

    @field_validator("order", mode="before")
    @classmethod
    def _check_order(cls, v):
        if v == "alphabetical" or (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            return v
        raise ValueError('must be "alphabetical" or a list of names, e.g. ["Claire Dubois", "Jonas Berg"]')
