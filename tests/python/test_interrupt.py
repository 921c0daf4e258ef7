"""Ctrl-C during `cxsim run`: the engine stops promptly, the partial file is removed, one line
is printed and the exit code is 130, every time (issue 9: it aborted about 1 time in 15)."""

import os
import signal
import subprocess
import sys
import time

from conftest import SCENARIOS


def test_ctrl_c_stops_the_run_cleanly_every_time(tmp_path):
    out = tmp_path / "run.h5"
    args = [sys.executable, "-c", "from cxsim.cli import main; main()", "run", str(SCENARIOS / "erlang_a.toml"),
            "--set", "simulation.horizon_days=3000", "-r", "8", "-o", str(out), "--call-log", "-q"]
    for attempt in range(6):
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0 + 0.15 * attempt)  # at different points of the run
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
        assert time.monotonic() - sent < 5, "the engine did not stop promptly"
        assert proc.returncode == 130, (attempt, proc.returncode, stderr)
        assert stderr.strip() == "interrupted: no output written", stderr
        assert not out.exists() and not os.path.exists(f"{out}.partial"), attempt
