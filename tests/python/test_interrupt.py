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


def test_sigterm_stops_the_run_cleanly(tmp_path):
    out = tmp_path / "run.h5"
    proc = subprocess.Popen([sys.executable, "-c", "from cxsim.cli import main; main()", "run",
                             str(SCENARIOS / "erlang_a.toml"), "--set", "simulation.horizon_days=3000", "-r", "8",
                             "-o", str(out), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    sent = time.monotonic()
    proc.terminate()
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 5, "the engine did not stop promptly"
    assert proc.returncode == 128 + signal.SIGTERM, (proc.returncode, stderr)
    assert stderr.strip() == "terminated: no output written", stderr
    assert not out.exists() and not os.path.exists(f"{out}.partial")


def test_keyboard_interrupt_in_python_stops_the_engine_threads():
    # As in a notebook: the interrupt reaches Python, and cxsim.run returns (raising) only once
    # the C++ threads have stopped, long before its 400 replications would have finished.
    script = """
import os, signal, threading, time
import cxsim
sc = cxsim.Scenario.load(SCENARIO).with_overrides({"simulation.horizon_days": 60})
threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
t0 = time.monotonic()
try:
    cxsim.run(sc, replications=400, seed=1, threads=2)
except KeyboardInterrupt:
    print(f"interrupted after {time.monotonic() - t0:.1f} s, threads {threading.active_count()}")
""".replace("SCENARIO", repr(str(SCENARIOS / "erlang_a.toml")))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seconds = float(done.stdout.split()[2])
    assert seconds < 3.0, done.stdout
    assert done.stdout.strip().endswith("threads 1"), done.stdout  # the run's thread has ended too
