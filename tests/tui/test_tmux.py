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
