"""Counts in messages take the noun in the number they need."""

from pmtui.models.wording import counted


def test_one_takes_the_singular_and_any_other_number_the_plural():
    assert [counted(n, "risk") for n in (0, 1, 2)] == ["0 risks", "1 risk", "2 risks"]
    assert counted(1, "note or update", "notes and updates") == "1 note or update"
    assert counted(3, "note or update", "notes and updates") == "3 notes and updates"
