"""What explaining a policy's effect costs, against comparing the same two scenarios (issue 12).

``cxsim.explain`` runs the base once and the policy under each of the 2**k combinations of its k
channels held or not: 2**k + 1 scenario-runs, against 2 for ``cxsim.compare`` of the base and
the policy, so the theoretical ratio explain / compare is (2**k + 1) / 2. Every run here has 60
simulated days (14 of them warm-up), 2 replications, seed 1.

1. The baseline against the strict AHT target (4 channels: resolution, strain, pressure_quits,
   capacity): compare and explain on 1 thread, their ratio against the theoretical 8.5; then
   both again on 2 threads, and the speed-up of explain from 1 to 2 threads.
2. The baseline against the praise programme (2 channels: engagement_service,
   engagement_quits): compare and explain on 1 thread, their ratio against 2.5.
3. The AHT target explained through its first 1, 2 and 3 channels only (``channels=[...]``; the
   others stay active, in "other"), on 1 thread: 3, 5 and 9 runs, the time nearly doubling per channel
   (from k to k + 1 channels, (2**(k+1) + 1) / (2**k + 1): 1.67, 1.80, 1.89 runs as many).
4. One run of the AHT target with every channel held at the baseline's values, against the
   plain run: what holding channels costs a run in itself.

Every measurement is run twice and the faster kept (interference only ever slows a run down);
compare, the denominator of every ratio and the cheapest, three times. A first explain of one
simulated day, untimed, imports what compare and explain use (xarray, scipy). The ratios come
from one invocation, so that a busy machine slows both sides alike. Run with
``make bench``; copy the figures into docs/performance.md.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

import cxsim
from cxsim.explain import runs_needed

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
BASE = SCENARIOS / "baseline.toml"
AHT = SCENARIOS / "aht_target.toml"
PRAISE = SCENARIOS / "praise_program.toml"
SMALL = {"simulation.horizon_days": 60, "simulation.warmup_days": 14}
COMMON = {"replications": 2, "seed": 1, "overrides": SMALL}


def scenario(path: Path) -> cxsim.Scenario:
    return cxsim.Scenario.load(path).with_overrides(SMALL)


def best_time(run, times: int = 2) -> tuple[float, object]:
    """The faster of `times` calls of `run`, and what it returned."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return best, out


def theory(k: int) -> float:
    """explain / compare if every scenario-run cost the same: (2**k + 1) runs against 2."""
    return ((1 << k) + 1) / 2


def pair(policy: Path, threads: int, label: str) -> tuple[float, float, list[str]]:
    """Times compare and explain of the baseline against `policy`; prints them and their ratio."""
    compare, _ = best_time(lambda: cxsim.compare([BASE, policy], threads=threads, **COMMON), times=3)
    explain, explanation = best_time(lambda: cxsim.explain(BASE, policy, threads=threads, **COMMON))
    k = len(explanation.channels)
    runs = runs_needed(scenario(BASE), scenario(policy))
    assert runs == (1 << k) + 1
    print(f"{label} {policy.stem}, k = {k}, {threads} thread{'s' * (threads > 1)}: compare (2 runs) {compare:.2f} s "
          f"({compare / 2:.2f} s per run), explain ({runs} runs) {explain:.2f} s ({explain / runs:.2f} s per run); "
          f"explain / compare {explain / compare:.2f} (theory {theory(k):.1f})")
    return compare, explain, explanation.channels


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; 60 days (14 warm-up), "
          f"2 replications, seed 1; best of 2")
    cxsim.explain(BASE, PRAISE, replications=1, overrides={"simulation.horizon_days": 1, "simulation.warmup_days": 0})
    aht_compare, aht_explain, chosen = pair(AHT, 1, "1.")
    aht_compare2, aht_explain2, _ = pair(AHT, 2, "1.")
    print(f"   speed-up from 1 to 2 threads: compare {aht_compare / aht_compare2:.2f}x, "
          f"explain {aht_explain / aht_explain2:.2f}x")
    pair(PRAISE, 1, "2.")

    previous = None
    for n in range(1, len(chosen)):
        subset = chosen[:n]
        seconds, _ = best_time(lambda s=subset: cxsim.explain(BASE, AHT, threads=1, channels=s, **COMMON))
        step = (f", {seconds / previous:.2f}x the {n - 1}-channel time (theory {theory(n) / theory(n - 1):.2f})"
                if previous else "")
        print(f"3. explain {AHT.stem} through {n} channel{'s' * (n > 1)} ({', '.join(subset)}; {(1 << n) + 1} runs): "
              f"{seconds:.2f} s, {seconds / aht_compare:.2f}x compare (theory {theory(n):.1f}){step}")
        previous = seconds
    k = len(chosen)
    print(f"   all {k} channels ({(1 << k) + 1} runs): {aht_explain:.2f} s, {aht_explain / previous:.2f}x the "
          f"{k - 1}-channel time (theory {theory(k) / theory(k - 1):.2f})")

    base, policy = scenario(BASE), scenario(AHT)
    run = {"replications": 2, "seed": 1, "threads": 1}
    plain, _ = best_time(lambda: cxsim.run(policy, **run))
    held, _ = best_time(lambda: cxsim.run(policy, **run, hold=chosen, reference=base))
    baseline, _ = best_time(lambda: cxsim.run(base, **run))
    print(f"4. one run of {AHT.stem}: plain {plain:.2f} s, every channel held {held:.2f} s "
          f"({held / plain:.2f}x); the baseline {baseline:.2f} s")


if __name__ == "__main__":
    main()
