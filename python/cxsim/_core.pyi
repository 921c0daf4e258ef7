"""Type stubs for cxsim's C++ engine module (wiring only; use the cxsim package).

The scenario spec crosses as nested dicts (``cxsim._engine``); its structs are generated from
the schema, so no spec class is bound here."""

from typing import Any

import numpy as np
import numpy.typing as npt

class Cancelled(Exception): ...

def engine_spec(spec: dict[str, Any]) -> dict[str, Any]: ...
def default_spec() -> dict[str, Any]: ...

class Progress:
    done: int
    total: int
    def set_total(self, total: int) -> None: ...
    def cancel(self) -> None: ...

class RunResult:
    replications: int
    intervals: int
    days: int
    first_reported_interval: int
    interval_s: float
    started_utc: str
    wall_time_s: float
    events: int
    segments: list[str]
    segment_totals: npt.NDArray[np.float64]  # (replication, segment, field)
    interval_metrics: npt.NDArray[np.float64]  # (metric, replication, interval)
    daily_metrics: npt.NDArray[np.float64]     # (metric, replication, day)
    run_metrics: npt.NDArray[np.float64]       # (metric, replication)
    summary: npt.NDArray[np.float64]           # (metric, [mean, std, ci_low, ci_high, n])
    agents: int
    agent_panel: npt.NDArray[np.float32]       # (replication, day, agent, field)
    daily_quartiles: npt.NDArray[np.float64]   # (6, replication, day): see quartile_names()

def run(spec: dict[str, Any], replications: int, seed: int, threads: int, output: str, call_log: bool,
        customer_summary: bool, attributes: dict[str, str], progress: Progress | None) -> RunResult: ...
def metrics() -> list[tuple[str, str, str]]: ...
def hdf5_version() -> str: ...
def quartile_names() -> list[str]: ...
def segment_fields() -> list[tuple[str, str, str]]: ...
