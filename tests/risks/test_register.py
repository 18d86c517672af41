

def test_the_last_score_made_is_the_current_one_even_when_the_status_date_went_back(db_path):
    # scores are dated by the status date; moved back, a later score got an earlier date and
    # the trend, the total and the history took the earlier one for the newest
    from tests.foundation.helpers import cli

    for args in (("project", "new", "W", "--start", "2027-01-04"), ("task", "add", "A", "-d", "5d"),
                 ("project", "status-date", "2027-01-08"), ("risk", "add", "R", "-P", "3", "-I", "3"),
                 ("project", "status-date", "2027-01-15"), ("risk", "score", "R1", "5", "5"),
                 ("project", "status-date", "2027-01-11"), ("risk", "score", "R1", "1", "1")):
        assert cli(db_path, *args).exit_code == 0, args
    rows = cli(db_path, "risk", "list").stdout.splitlines()
    assert rows[1].split()[:4] == ["R1", "1", "L", "↓"]
    assert "1 open threats, total score 1;" in cli(db_path, "risk", "matrix").stdout
