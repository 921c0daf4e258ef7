"""What the command line costs beyond the engine, and the full model's speed from the command line.

1. Erlang A (scenarios/erlang_a.toml, 400 days, one replication, one thread): the engine alone
   (``_core.run`` in this process, no file, imports done) against the whole ``cxsim run``
   command (a fresh process: start-up, imports, the scenario, the run, the HDF5 file).
2. The full model (scenarios/baseline.toml, a year, 1,000,000 customers, one replication, one
   thread): calls per second of the whole ``cxsim run`` command.

Each is timed five times, alternating, and the best run of each is kept (interference only
ever slows a run down). The command runs as a user's would, with Python's bytecode cache
(PYTHONDONTWRITEBYTECODE, set on this machine, is removed from its environment). Run with
``make bench``; copy the figures into docs/performance.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cxsim
from cxsim import _core

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("cxsim")
ERLANG = ["--set", "simulation.horizon_days=400"]
FULL = ["--set", "simulation.horizon_days=365", "--set", "customers.count=1000000"]


def engine_alone(scenario: Path, overrides: list[str]) -> float:
    pairs = dict(o.split("=", 1) for o in overrides if o != "--set")
    spec = cxsim.Scenario.load(scenario).with_overrides({k: int(v) for k, v in pairs.items()}).engine_spec()
    start = time.perf_counter()
    _core.run(spec, 1, 1, 1, "", False, False, {}, _core.Progress())
    return time.perf_counter() - start


def command(scenario: Path, overrides: list[str], out: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run([str(CLI), "run", str(scenario), *overrides, "-r", "1", "-j", "1", "-o", str(out),
                    "--overwrite", "-q"], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.h5"
        erlang = ROOT / "scenarios" / "erlang_a.toml"
        baseline = ROOT / "scenarios" / "baseline.toml"
        alone, whole, full = [], [], []
        for _ in range(5):
            alone.append(engine_alone(erlang, ERLANG))
            whole.append(command(erlang, ERLANG, out))
            full.append(command(baseline, FULL, out))
        calls = float(cxsim.open_results(out).replications["arrivals"].sum())
    print(json.dumps({
        "erlang_a_400_days": {"engine_alone_s": round(min(alone), 3), "cxsim_run_s": round(min(whole), 3),
                              "ratio": round(min(whole) / min(alone), 2)},
        "full_model_year_1M_customers": {"calls": calls, "cxsim_run_s": round(min(full), 2),
                                         "calls_per_s": round(calls / min(full))},
    }, indent=2))


if __name__ == "__main__":
    main()
