"""cxsim against Ciw on the Erlang-A scenario, in one invocation, on one core.

Prints calls simulated per second per core for both, their ratio, and the peak memory of
cxsim runs of two horizons (memory must not grow with the number of calls when the call log
is off). Run with `make bench`; copy the figures into docs/performance.md.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import ciw

import cxsim

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "erlang_a.toml"
CXSIM_DAYS = 400   # about 1.9 million calls
CIW_DAYS = 10      # about 48,000 calls: Ciw is much slower


def cxsim_rate(days: int) -> tuple[float, float]:
    scenario = cxsim.Scenario.load(SCENARIO).with_overrides(
        {"simulation.horizon_days": days, "simulation.warmup_days": 0})
    start = time.perf_counter()
    results = cxsim.run(scenario, replications=1, seed=1, threads=1)
    elapsed = time.perf_counter() - start
    calls = float(results.replications["arrivals"].sum())
    return calls / elapsed, calls


def ciw_rate(days: int) -> tuple[float, float]:
    s = cxsim.Scenario.load(SCENARIO).values
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=s["arrivals.calls_per_hour"] / 3600)],
        service_distributions=[ciw.dists.Exponential(rate=1 / s["service.mean_handle_time_s"])],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / s["callers.mean_patience_s"])],
        number_of_servers=[s["agents.count"]],
    )
    ciw.seed(1)
    start = time.perf_counter()
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(days * 86400)
    elapsed = time.perf_counter() - start
    calls = float(len(sim.get_all_records()))
    return calls / elapsed, calls


def peak_rss_mb(days: int) -> float:
    """Peak resident memory of a fresh process running `days` of the scenario."""
    code = (f"import cxsim, resource; s = cxsim.Scenario.load({str(SCENARIO)!r}).with_overrides("
            f"{{'simulation.horizon_days': {days}, 'simulation.warmup_days': 0}}); "
            "cxsim.run(s, replications=1, threads=1); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    cx_rate, cx_calls = cxsim_rate(CXSIM_DAYS)
    ciw_r, ciw_calls = ciw_rate(CIW_DAYS)
    short, long_ = peak_rss_mb(40), peak_rss_mb(CXSIM_DAYS)
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.system()} {platform.release()}",
        "cxsim_calls": cx_calls, "cxsim_calls_per_s": round(cx_rate),
        "ciw_version": ciw.__version__, "ciw_calls": ciw_calls, "ciw_calls_per_s": round(ciw_r),
        "ratio": round(cx_rate / ciw_r, 1),
        "peak_rss_mb_40_days": round(short, 1), f"peak_rss_mb_{CXSIM_DAYS}_days": round(long_, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
