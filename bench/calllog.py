"""How fast a call log is read, and how fast a scenario is calibrated from it.

The Anonymous Bank log (../shared/data/anonymous_bank, 17,456 rows) is repeated, each copy
shifted by two weeks, into a log of about a million rows in each format: the bank's own TSV,
and the generic CSV (ISO 8601 times). Each is read three times (``cxsim.calllog.read``, pandas)
and the best time kept; then a scenario is calibrated from the whole large log. Run with ``make bench``;
copy the figures into docs/performance.md.
"""

from __future__ import annotations

import platform
import tempfile
import time
from pathlib import Path

import pandas as pd

from cxsim import calllog
from cxsim.calibrate import calibrate

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT.parent / "shared" / "data" / "anonymous_bank" / "calls_1999-02-01_to_14.tsv"
COPIES = 58  # 58 × 17,456 rows ≈ 1.01 million


def best_of(n: int, f) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    raw = pd.read_csv(BANK, sep="\t", dtype=str, keep_default_na=False)
    date = pd.to_datetime(raw["date"], format="%y%m%d")
    copies = []
    for k in range(COPIES):
        copy = raw.copy()
        copy["date"] = (date + pd.Timedelta(days=14 * k)).dt.strftime("%y%m%d")
        copies.append(copy)
    big = pd.concat(copies, ignore_index=True)
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank.tsv"
        big.to_csv(bank, sep="\t", index=False)
        calls = calllog.read(bank).calls
        generic = Path(tmp) / "generic.csv"
        table = calls.drop(columns=["wait_s", "handle_s"])
        for column in ("arrival", "ivr_exit", "queue_entry", "queue_exit", "service_start", "service_end"):
            table[column] = table[column].dt.strftime("%Y-%m-%dT%H:%M:%S")
        table.to_csv(generic, index=False)
        print(f"{platform.processor() or platform.machine()}, pandas {pd.__version__}")
        for name, path, fmt in (("anonymous_bank TSV", bank, "anonymous_bank"), ("generic CSV", generic, "generic")):
            seconds = best_of(3, lambda p=path, f=fmt: calllog.read(p, f))
            print(f"read {name}: {len(big):,} rows in {seconds:.2f} s ({len(big) / seconds:,.0f} rows/s)")
        log = calllog.read(bank)
        first, last = log.calls["arrival"].min(), log.calls["arrival"].max()
        seconds = best_of(3, lambda: calibrate(log, f"{first:%Y-%m-%d}:{last:%Y-%m-%d}"))
        print(f"calibrate from all {len(log.calls):,} calls ({first:%Y-%m-%d} to {last:%Y-%m-%d}): {seconds:.2f} s")


if __name__ == "__main__":
    main()
