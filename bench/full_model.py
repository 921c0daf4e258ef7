"""The full behavioural model: a year of the baseline with one million customers, one thread.

The child reads only the summary, so neither pandas nor xarray is imported and the peak
resident memory is the simulation's.

Reports calls per second per core, wall time, peak resident memory, and memory per customer
and per agent (from the growth of peak memory between runs of different sizes). The year is
run five times, each in a fresh process: the best run is the code's speed (interference from
other work on the machine only ever slows a run down, as `timeit`'s documentation notes) and
the median shows what to expect on a busy machine. Run with `make bench`; copy the
figures into docs/performance.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "baseline.toml"

CHILD = """
import json, resource, time, cxsim
s = cxsim.Scenario.load({path!r}).with_overrides({overrides!r})
t0 = time.perf_counter()
r = cxsim.run(s, replications=1, seed=1, threads=1)
wall = time.perf_counter() - t0
calls = next(mean for metric, mean, *_ in r.summary_rows() if metric == "arrivals")  # one replication
events = float(r.attrs["events"])
print(json.dumps({{"wall_s": wall, "calls": calls, "events": events,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(**overrides) -> dict:
    code = CHILD.format(path=str(SCENARIO), overrides=overrides)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    years = sorted((measure(**{"simulation.horizon_days": 365, "customers.count": 1_000_000}) for _ in range(5)),
                   key=lambda y: y["wall_s"])
    best, median = years[0], years[2]
    small, large = (measure(**{"simulation.horizon_days": 7, "customers.count": n}) for n in (1_000_000, 5_000_000))
    per_customer = (large["peak_rss_mb"] - small["peak_rss_mb"]) * 2**20 / 4_000_000
    few, many = (measure(**{"simulation.horizon_days": 7, "customers.count": 100_000,
                            "agents.shifts.early.count": n}) for n in (35, 20_035))
    per_agent = (many["peak_rss_mb"] - few["peak_rss_mb"]) * 2**20 / 20_000
    print(json.dumps({
        "year_1M_customers": {"calls": best["calls"], "events": best["events"],
                              "wall_s": {"best": round(best["wall_s"], 2), "median": round(median["wall_s"], 2)},
                              "calls_per_s": {"best": round(best["calls"] / best["wall_s"]),
                                              "median": round(median["calls"] / median["wall_s"])},
                              "events_per_s": {"best": round(best["events"] / best["wall_s"]),
                                               "median": round(median["events"] / median["wall_s"])},
                              "peak_rss_mb": round(best["peak_rss_mb"], 1)},
        "bytes_per_customer": round(per_customer, 1),
        "bytes_per_agent_seat": round(per_agent, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
