"""Published textbook examples with their published answers."""

from __future__ import annotations

from pmtui.scheduling import schedule

from .conftest import MONDAY, L, T


def _boundaries(result, tid, p0=0):
    """(ES, EF, LS, LF) as textbooks count them: start of day ES, end of day EF (so EF = ES + d)."""
    ts = result.tasks[tid]
    if ts.milestone:
        return None
    return ts.es - p0, ts.ef + 1 - p0, ts.ls - p0, ts.lf + 1 - p0


def test_heizer_render_milwaukee_paper(cal):
    """J. Heizer & B. Render, *Operations Management*, chapter 3 "Project Management", the
    Milwaukee Paper Manufacturing example (activities A-H, times in weeks, computed here as
    working days). Published: project 15, critical path A-C-E-G-H, and the schedule and slack
    table (ES, EF, LS, LF, slack): A 0 2 0 2 0; B 0 3 1 4 1; C 2 4 2 4 0; D 3 7 4 8 1;
    E 4 8 4 8 0; F 4 7 10 13 6; G 8 13 8 13 0; H 13 15 13 15 0. The network and path lengths also
    appear in e.g. https://www.solutioninn.com/-184578 (same data, "A C E G H (15 weeks)")."""
    names = dict(A=1, B=2, C=3, D=4, E=5, F=6, G=7, H=8)
    dur = dict(A=2, B=3, C=2, D=4, E=4, F=3, G=5, H=2)
    preds = dict(C="A", D="AB", E="C", F="C", G="DE", H="FG")
    tasks = [T(names[k], d, name=k) for k, d in dur.items()]
    links = [L(names[p], names[k]) for k, ps in preds.items() for p in ps]
    r = schedule(tasks, links, cal, MONDAY)
    published = {
        "A": (0, 2, 0, 2, 0), "B": (0, 3, 1, 4, 1), "C": (2, 4, 2, 4, 0), "D": (3, 7, 4, 8, 1),
        "E": (4, 8, 4, 8, 0), "F": (4, 7, 10, 13, 6), "G": (8, 13, 8, 13, 0), "H": (13, 15, 13, 15, 0),
    }
    for k, row in published.items():
        assert _boundaries(r, names[k]) + (r.tasks[names[k]].total_float,) == row, k
    assert r.finish_index - r.calendar.index_on_or_after(MONDAY) + 1 == 15
    assert r.critical_paths() == [[names[k] for k in "ACEGH"]]


def test_taylor_introduction_to_management_science_ch8():
    """B. W. Taylor III, *Introduction to Management Science*, chapter 8 "Project Management",
    solution to a network problem (activity-on-arrow, activity i-j follows every activity h-i;
    4-5 is a dummy), published ES, EF, LS, LF, slack:
    1-2 8 0 8 1 9 1; 1-3 10 0 10 0 10 0; 1-4 9 0 9 6 15 6; 2-5 6 8 14 9 15 1; 2-6 4 8 12 16 20 8;
    3-5 5 10 15 10 15 0; 4-5 0 9 9 15 15 6; 4-7 7 9 16 20 27 11; 5-7 12 15 27 15 27 0;
    5-8 15 15 30 16 31 1; 6-9 18 12 30 20 38 8; 7-8 4 27 31 27 31 0; 8-9 7 31 38 31 38 0;
    critical path 1-3-5-7-8-9 (chapter 8 solutions, as reproduced at
    https://ar.scribd.com/doc/47113515/TaylCh08)."""
    from datetime import date

    from pmtui.scheduling import WorkCalendar

    rows = """1-2 8 0 8 1 9 1; 1-3 10 0 10 0 10 0; 1-4 9 0 9 6 15 6; 2-5 6 8 14 9 15 1;
    2-6 4 8 12 16 20 8; 3-5 5 10 15 10 15 0; 4-5 0 9 9 15 15 6; 4-7 7 9 16 20 27 11;
    5-7 12 15 27 15 27 0; 5-8 15 15 30 16 31 1; 6-9 18 12 30 20 38 8; 7-8 4 27 31 27 31 0;
    8-9 7 31 38 31 38 0"""
    acts = {}
    for row in rows.split(";"):
        name, *nums = row.split()
        acts[name] = tuple(int(x) for x in nums)
    ids = {name: k for k, name in enumerate(acts, 1)}
    tasks = [T(ids[a], acts[a][0], name=a) for a in acts]
    links = [L(ids[a], ids[b]) for a in acts for b in acts if a.split("-")[1] == b.split("-")[0]]
    cal = WorkCalendar(anchor=date(2027, 1, 4))
    r = schedule(tasks, links, cal, date(2027, 1, 4))
    for a, (d, es, ef, ls, lf, slack) in acts.items():
        ts = r.tasks[ids[a]]
        assert ts.total_float == slack, a
        if d:
            assert _boundaries(r, ids[a]) == (es, ef, ls, lf), a
        else:  # the dummy is a milestone: dated the day before its boundary (DESIGN)
            assert (ts.es, ts.ls) == (es - 1, ls - 1), a
    assert r.critical_paths() == [[ids[a] for a in ("1-3", "3-5", "5-7", "7-8", "8-9")]]
    assert r.finish_index + 1 == 38
