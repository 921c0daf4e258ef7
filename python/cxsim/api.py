"""Running scenarios from Python."""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import _core
from .errors import ScenarioError, ScenarioWarning
from .results import Results, from_core
from .scenario import Scenario

ProgressCallback = Callable[[int, int], None]


def output_path(output: str | Path | None, overwrite: bool) -> Path | None:
    """The output file as a Path, refusing one that exists (unless `overwrite`) or whose
    directory does not."""
    if output is None:
        return None
    if "\0" in str(output):
        raise FileNotFoundError(f"{str(output)!r}: an output path cannot contain a NUL byte")
    path = Path(output)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path}: exists; pass overwrite=True (--overwrite) to replace it")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path.parent}: output directory does not exist")
    if not os.access(path.parent, os.W_OK):
        raise FileNotFoundError(f"{path.parent}: output directory is not writable")
    return path


def run(
    scenario: Scenario | str | Path,
    replications: int = 10,
    seed: int = 0,
    threads: int = 0,
    output: str | Path | None = None,
    call_log: bool = False,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    customer_summary: bool = False,
    hold: Sequence[str] = (),
    reference: Scenario | None = None,
) -> Results:
    """Simulate ``replications`` independent replications of a scenario.

    Args:
        scenario: a :class:`Scenario` or the path of a TOML scenario file.
        replications: number of independent replications (>= 1).
        seed: root seed; replication r of any scenario draws from streams derived from
            (seed, r), so scenarios that differ only in a policy see the same callers.
        threads: worker threads (0: all cores). Results do not depend on it.
        output: HDF5 file to write (written as ``<output>.partial`` and renamed when
            complete); None keeps results in memory only.
        call_log: also record every call attempt in the file (needs ``output``).
        customer_summary: also record every customer at the end of each replication (needs
            ``output`` and customers on): churned and when, issues, contacts, unresolved, effort.
        overwrite: replace an existing ``output``.
        progress: called as ``progress(done, total)`` while the run goes (units: simulated
            replication-days).
        hold: channels (:func:`cxsim.explain.channels`) held at the `reference` scenario's
            values: the link carries what the reference would give it in the same run
            (docs/model.md, "Explaining a policy's effect").
        reference: the scenario whose values held channels take (needed with `hold`).

    Returns:
        The :class:`Results`; KPIs in seconds (``_s``) or as counts and ratios.
    """
    if not isinstance(scenario, Scenario):
        scenario = Scenario.load(scenario)
    for warning in scenario.warnings:
        warnings.warn(warning, ScenarioWarning, stacklevel=2)
    if replications < 1:
        raise ValueError(f"replications must be >= 1, got {replications}")
    if threads < 0:
        raise ValueError(f"threads must be >= 0, got {threads}")
    if not 0 <= seed < 2**64:
        raise ValueError(f"seed must be in [0, 2**64), got {seed}")
    if call_log and output is None:
        raise ValueError("call_log=True needs an output file (output=...)")
    if customer_summary and output is None:
        raise ValueError("customer_summary=True needs an output file (output=...)")
    known = [name for name, _, _ in _core.channels()]
    if any(h not in known for h in hold):
        raise ValueError(f"hold: unknown channel {next(h for h in hold if h not in known)!r}; one of {known}")
    if hold and reference is None:
        raise ValueError("hold needs a reference scenario (reference=...)")
    path = output_path(output, overwrite)

    attrs = {
        "scenario_name": scenario.name,
        "scenario_toml": scenario.to_toml(),
        "scenario_source": scenario.source,
    }
    spec = scenario.engine_spec()
    reference_spec = reference.engine_spec() if reference is not None else None
    state = _core.Progress()
    days = scenario.values["simulation.horizon_days"]
    state.set_total(replications * days)
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = _core.run(spec, replications, seed, threads, str(path) if path else "", call_log,
                                          customer_summary, attrs, state, reference=reference_spec, hold=list(hold))
        except BaseException as e:  # handed to the calling thread
            outcome["error"] = e
        finally:
            finished.set()

    # The run goes on in a thread so that Ctrl-C reaches Python. It is waited for on an Event,
    # not with Thread.join: a KeyboardInterrupt inside join can leave the thread marked as
    # stopped while the engine runs on, and the interpreter then exits under it.
    threading.Thread(target=work, name="cxsim-run", daemon=True).start()
    try:
        while not finished.wait(timeout=0.1):
            if progress:
                progress(state.done, state.total)
    except KeyboardInterrupt:
        state.cancel()  # the engine stops within a simulated day and removes its partial file
        while True:
            try:
                finished.wait()
                break
            except KeyboardInterrupt:  # a second Ctrl-C: still wait for the engine to stop
                continue
        raise
    if "error" in outcome:
        if isinstance(outcome["error"], _core.Overloaded):  # the scenario asks too much: bad input
            raise ScenarioError(f"{scenario.source}: {outcome['error']}") from None
        raise outcome["error"]
    return from_core(outcome["result"], path)  # the file holds the same groups: no re-read
