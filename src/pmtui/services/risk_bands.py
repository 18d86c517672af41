"""Risk bands (low / medium / high) of the 5×5 probability-impact matrix, from the `[risk]`
section of the config file.

    [risk]
    medium = 5    # a score (probability × impact) of 5 or more is medium
    high = 12     # a score of 12 or more is high; below `medium` is low

Both are whole scores from 1 to 25 with medium ≤ high (medium = high means no medium band).
The defaults split PMBOK's 5×5 grid the usual way: 1–4 low, 5–11 medium, 12–25 high.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmtui.models.errors import BadValue
from pmtui.models.wording import brief
from pmtui.store import settings
from pmtui.store.locations import config_file

SCALE = range(1, 6)
DEFAULT_MEDIUM = 5
DEFAULT_HIGH = 12
BANDS = ("low", "medium", "high")
# A letter per band, so that the matrix reads without colour (monochrome terminals, screen readers).
LETTERS = {"low": "L", "medium": "M", "high": "H"}


@dataclass(frozen=True)
class Bands:
    medium: int = DEFAULT_MEDIUM
    high: int = DEFAULT_HIGH

    def of(self, score: int) -> str:
        if score >= self.high:
            return "high"
        if score >= self.medium:
            return "medium"
        return "low"

    def letter(self, score: int) -> str:
        return LETTERS[self.of(score)]

    def cell(self, probability: int, impact: int) -> str:
        return self.of(probability * impact)


def _score(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"config file {config_file()}: [risk] {key} = {brief(value)} must be a whole score from 1 to 25")
    if not 1 <= value <= 25:
        raise BadValue(f"config file {config_file()}: [risk] {key} = {value} must be from 1 to 25")
    return value


def load_bands() -> Bands:
    """The thresholds the user configured, validated; the defaults where none are given."""
    conf = settings.section("risk")
    medium = _score(conf.get("medium", DEFAULT_MEDIUM), "medium")
    high = _score(conf.get("high", DEFAULT_HIGH), "high")
    if medium > high:
        raise BadValue(f"config file {config_file()}: [risk] medium = {medium} is above high = {high}")
    return Bands(medium, high)
