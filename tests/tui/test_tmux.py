"""The real `pmtui` command in tmux, driven like a person would: open the demo, add a task,
see it, quit. Own tmux socket, own data dirs, and a timeout on every wait."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PMTUI = str(Path(sys.executable).with_name("pmtui"))


def wait_for(tmux, text: str, timeout: float = 20.0) -> str:
    end = time.monotonic() + timeout
    pane = ""
    while time.monotonic() < end:
        pane = tmux("capture-pane", "-p", "-t", "t").stdout
        if text in pane:
            return pane
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear within {timeout}s; the pane shows:\n{pane}")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_pmtui_in_tmux(tmp_path, size):
    env = dict(os.environ, PMTUI_DB=str(tmp_path / "demo.db"), TERM="xterm-256color")
    env.pop("TMUX", None)
    subprocess.run([PMTUI, "demo"], env=env, check=True, capture_output=True, timeout=60)
    sock = f"pmtui-test-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str):
        return subprocess.run(["tmux", "-L", sock, *args], env=env, capture_output=True, text=True, timeout=10)

    w, h = size
    try:
        started = tmux("new-session", "-d", "-s", "t", "-x", str(w), "-y", str(h), PMTUI)
        assert started.returncode == 0, started.stderr
        pane = wait_for(tmux, "CRM migration")
        wait_for(tmux, "Initiation")
        assert "Traceback" not in pane
        for key in ("Down", "Down", "a"):
            tmux("send-keys", "-t", "t", key)
        wait_for(tmux, "New task:")
        tmux("send-keys", "-t", "t", "-l", "Vendor shortlist")
        tmux("send-keys", "-t", "t", "Enter")
        pane = wait_for(tmux, "Vendor shortlist")
        line = next(ln for ln in pane.splitlines() if "Vendor shortlist" in ln)
        assert "1.3" in line
        tmux("send-keys", "-t", "t", "q")
        end = time.monotonic() + 10
        while time.monotonic() < end and tmux("has-session", "-t", "t").returncode == 0:
            time.sleep(0.1)
        assert tmux("has-session", "-t", "t").returncode != 0, "pmtui did not quit on q"
    finally:
        tmux("kill-server")
    out = subprocess.run([PMTUI, "task", "show", "1.3"], env=env, capture_output=True, text=True, timeout=60)
    assert "Vendor shortlist" in out.stdout


def test_why_at_80_columns_hangs_each_steps_lines_under_it(tmp_path):
    """`pmtui why 4.8` on an 80-column terminal wrapped each step of the chain back to the first
    column ('go-live) (FS) finishes 2027-01-20' under '4.8 Go/no-go decision starts … because
    4.7 Cutover rehearsal (mock'): nothing showed where a step began. A step now begins at the
    edge and its further lines are indented under it; `task show` does the same in its why."""
    import re

    env = dict(os.environ, PMTUI_DB=str(tmp_path / "demo.db"), TERM="xterm-256color")
    env.pop("TMUX", None)
    subprocess.run([PMTUI, "demo"], env=env, check=True, capture_output=True, timeout=60)
    for command, step, more in ((f"{PMTUI} why 4.8", r"\d+(\.\d+)* \S", "    "),
                                (f"{PMTUI} task show 4.8", r"  \d+(\.\d+)* \S", "      ")):
        # a server of its own for each command: a new session right after kill-server found the
        # old server still going down ('server exited unexpectedly')
        sock = f"pmtui-test-{uuid.uuid4().hex[:8]}"

        def tmux(*args: str, sock=sock):
            return subprocess.run(["tmux", "-L", sock, *args], env=env, capture_output=True, text=True, timeout=10)

        try:
            started = tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "50", f"{command}; echo END; sleep 30")
            assert started.returncode == 0, started.stderr
            pane = wait_for(tmux, "END")
            lines = pane.split("END")[0].splitlines()
            chain = lines[lines.index("why:") + 1:] if "why:" in lines else lines
            chain = [ln for ln in chain if ln.strip()]
            assert len(chain) > 10, pane
            assert re.match(step, chain[0]), pane
            for ln in chain:
                assert re.match(step, ln) or ln.startswith(more), pane
            assert sum(ln.startswith(more) for ln in chain) > 3, pane  # the long steps did wrap
        finally:
            tmux("kill-server")
