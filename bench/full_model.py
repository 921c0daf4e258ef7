"""The full behavioural model: a year of the baseline with one million customers, one thread.

Reports calls per second per core, wall time, peak resident memory, and memory per customer
and per agent (from the growth of peak memory between runs of different sizes). The year is
run three times, each in a fresh process, and the median is reported with the range, because
a shared virtual machine's speed varies from minute to minute. Run with `make bench`; copy the
figures into docs/performance.md.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "baseline.toml"

CHILD = """
import json, resource, time, cxsim
s = cxsim.Scenario.load({path!r}).with_overrides({overrides!r})
t0, c0 = time.perf_counter(), time.process_time()
r = cxsim.run(s, replications=1, seed=1, threads=1)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
calls = float(r.replications["arrivals"].sum())
events = float(r.attrs["events"])
print(json.dumps({{"wall_s": wall, "cpu_s": cpu, "calls": calls, "events": events,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(**overrides) -> dict:
    code = CHILD.format(path=str(SCENARIO), overrides=overrides)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    years = [measure(**{"simulation.horizon_days": 365, "customers.count": 1_000_000}) for _ in range(3)]
    year = sorted(years, key=lambda y: y["wall_s"])[1]
    rates = sorted(y["calls"] / y["wall_s"] for y in years)
    small, large = (measure(**{"simulation.horizon_days": 7, "customers.count": n}) for n in (1_000_000, 5_000_000))
    per_customer = (large["peak_rss_mb"] - small["peak_rss_mb"]) * 2**20 / 4_000_000
    few, many = (measure(**{"simulation.horizon_days": 7, "customers.count": 100_000,
                            "agents.shifts.early.count": n}) for n in (35, 20_035))
    per_agent = (many["peak_rss_mb"] - few["peak_rss_mb"]) * 2**20 / 20_000
    print(json.dumps({
        "year_1M_customers": {"wall_s_median": round(year["wall_s"], 2), "cpu_s": round(year["cpu_s"], 2),
                              "calls": year["calls"], "events": year["events"],
                              "calls_per_s_median": round(statistics.median(rates)),
                              "calls_per_s_range": [round(rates[0]), round(rates[-1])],
                              "events_per_s_median": round(year["events"] / year["wall_s"]),
                              "peak_rss_mb": round(year["peak_rss_mb"], 1)},
        "bytes_per_customer": round(per_customer, 1),
        "bytes_per_agent_seat": round(per_agent, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
