"""Explaining a policy's effect: how much of it goes through each channel the lever acts on.

A channel is one link from a lever to what it moves (an AHT target's compression to resolution,
a praise programme's engagement to quits, ...; ``channels()`` lists them and docs/model.md,
"Explaining a policy's effect", says how each is held). Held, the link takes the value the base
scenario would give it in the same run. The policy is run under every combination of its
channels held or not, all under common random numbers with the base; each channel's
contribution is its Shapley value over channels, computed per replication, so that its 95%
interval is paired like a comparison's. The contributions and the effect with every channel
held ("other": what the lever does outside the channels, a programme's own costs say) add up to
the policy's total paired effect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import factorial, isnan
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _core
from ._h5 import check_file, sealed_output
from .api import ProgressCallback, output_path, run
from .compare import Comparison, _paired, read_comparison
from .errors import ScenarioError
from .scenario import Scenario

TITLE = "cxsim explanation"
OTHER = "other"  # the effect with every channel held
MAX_CHANNELS = 8  # 2**8 runs of the policy: more is a sweep, not an explanation

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import xarray as xr
    from matplotlib.figure import Figure


def channels() -> pd.DataFrame:
    """Every channel: its name, the lever whose effect it carries and the link it is, in words."""
    import pandas as pd

    return pd.DataFrame(_core.channels(), columns=["channel", "lever", "link"]).set_index("channel")


def shapley(values: Mapping[int, np.ndarray], n: int) -> list[np.ndarray]:
    """The Shapley value of each of `n` players in the game whose value on coalition S (a bit mask,
    bit i for player i) is ``values[S]``: φ_i = Σ_{S ∌ i} |S|!(n − |S| − 1)!/n! · (v(S ∪ {i}) − v(S)).
    The values may be arrays (one game per element); Σ φ_i = v(all) − v(none)."""
    out = []
    for i in range(n):
        bit = 1 << i
        phi = 0.0
        for s in range(1 << n):
            if s & bit:
                continue
            size = bin(s).count("1")
            phi = phi + factorial(size) * factorial(n - size - 1) / factorial(n) * (values[s | bit] - values[s])
        out.append(phi)
    return out


class Explanation:
    """A policy's paired effect on every KPI and its decomposition by channel.

    Attributes:
        comparison: the base and the policy as a :class:`cxsim.compare.Comparison` (series,
            segments, call types and paired differences of both).
        channels: the channels decomposed, in table order.
        kpis: DataArray of the policy's KPIs under each coalition of active channels, dims
            ``(coalition, replication, metric)``; ``coalition`` is a bit mask (bit i: channel i
            active, so the last is the policy itself and 0 every channel held), with the
            coordinate ``coalition_label`` naming the active channels.
        contributions: Dataset, dims ``(part, metric)``: ``mean``, ``ci95_low``, ``ci95_high`` of
            each channel's Shapley value and of ``other`` (the effect with every channel held),
            paired by replication; they add up to ``total``.
        total: Dataset, dim ``metric``: the policy's paired effect (``mean``, ``ci95_low``,
            ``ci95_high``) and ``units``.
    """

    def __init__(self, comparison: Comparison, channels: list[str], kpis: xr.DataArray):
        self.comparison = comparison
        self.channels = channels
        self.kpis = kpis
        self.total, self.contributions = _decompose(comparison, channels, kpis)

    @property
    def base(self) -> str:
        return self.comparison.names[0]

    @property
    def policy(self) -> str:
        return self.comparison.names[1]

    @property
    def replications(self) -> int:
        return self.comparison.replications

    def table(self, metric: str) -> pd.DataFrame:
        """One row per part (each channel, then ``other``): mean, ci95_low, ci95_high of its
        contribution to `metric`'s effect, plus the lever and link of each channel."""
        rows = self.contributions.sel(metric=metric)[["mean", "ci95_low", "ci95_high"]].to_dataframe()
        return rows.drop(columns="metric").join(channels()[["lever", "link"]])

    def figure(self, metric: str) -> Figure:
        """The waterfall of `metric`'s effect: each part's contribution with its 95% interval, then the total."""
        from .plots import waterfall_figure

        total = self.total.sel(metric=metric)
        return waterfall_figure(self.table(metric)[["mean", "ci95_low", "ci95_high"]],
                                {k: float(total[k]) for k in ("mean", "ci95_low", "ci95_high")}, metric,
                                str(total["units"].item()))

    def to_json(self, metrics: Sequence[str] | None = None) -> dict[str, Any]:
        """``{"base", "policy", "channels", "total": {metric: {mean, ci95_low, ci95_high}},
        "contributions": {part: {metric: {...}}}}`` (only `metrics`, in that order, if given)."""
        import numpy as np

        def triple(ds: xr.Dataset) -> dict[str, float | None]:
            return {k: None if np.isnan(v := float(ds[k])) else v for k in ("mean", "ci95_low", "ci95_high")}

        shown = list(metrics or self.total["metric"].values)
        return {
            "base": self.base, "policy": self.policy, "channels": self.channels,
            "total": {str(m): triple(self.total.sel(metric=m)) for m in shown},
            "contributions": {str(p): {str(m): triple(self.contributions.sel(part=p, metric=m)) for m in shown}
                              for p in self.contributions["part"].values},
        }

    def defined(self) -> list[str]:
        """The headline KPIs (cxsim._words.HEADLINE) whose effect these runs define, in that order."""
        from ._words import HEADLINE

        return [m for m in HEADLINE if not isnan(float(self.total["mean"].sel(metric=m)))]

    def sentence(self, metric: str) -> str:
        """The decomposition in words, in the KPI's units (a share's effect in percentage points,
        money in the scenarios' currency), the unit said once: "customer_churn_rate_annual +1.54
        percentage points per year (95% CI +1.46 to +1.62) = +4.91 via resolution + 0.608 via
        strain + … − 4.26 via capacity + 0 other"."""
        from ._words import CURRENCY, currency_of, interval, number

        token = CURRENCY.set(currency_of(self.comparison.results[self.base]))
        try:
            total = self.total.sel(metric=metric)
            parts = []
            for p in self.contributions["part"].values:
                x = float(self.contributions["mean"].sel(part=p, metric=metric))
                parts.append(f"{'+' if x >= 0 else '−'} {number(metric, abs(x), difference=True).lstrip('+')} "
                             f"{'other' if p == OTHER else 'via ' + str(p)}")
            said = interval(metric, *(float(total[k]) for k in ("mean", "ci95_low", "ci95_high")), difference=True)
            return f"{metric} {said} = " + " ".join(parts).removeprefix("+ ")
        finally:
            CURRENCY.reset(token)

    def write(self, path: Path) -> None:
        """The comparison of base and policy (as :meth:`Comparison.write`), then ``/explanation``:
        the coalitions' KPIs, the total and the contributions; whole or not at all."""
        with sealed_output(path) as partial:
            self.comparison.write_into(partial, TITLE, channels=",".join(self.channels))
            ds = self.kpis.to_dataset(name="kpis")
            ds.to_netcdf(partial, mode="a", group="explanation/coalitions", engine="h5netcdf")
            self.total.to_netcdf(partial, mode="a", group="explanation/total", engine="h5netcdf")
            self.contributions.to_netcdf(partial, mode="a", group="explanation/contributions", engine="h5netcdf")


def _decompose(comparison: Comparison, channels: list[str], kpis: xr.DataArray) -> tuple[xr.Dataset, xr.Dataset]:
    """The total paired effect and each part's Shapley contribution, mean and 95% interval."""
    import numpy as np
    import xarray as xr

    base = comparison.results[comparison.names[0]].replications.to_array("metric").transpose("replication", "metric")
    effect = {int(s): kpis.sel(coalition=s).transpose("replication", "metric").values - base.values
              for s in kpis["coalition"].values}
    n = len(channels)
    parts = [*shapley(effect, n), effect[0]]
    metrics = list(base["metric"].values)
    units = [comparison.dataset["units"].sel(metric=m).item() for m in metrics]

    def summarise(per_replication: np.ndarray) -> np.ndarray:
        return np.array([_paired(per_replication[:, j]) for j in range(len(metrics))])  # (metric, 3)

    total = summarise(effect[(1 << n) - 1])
    fields = ("mean", "ci95_low", "ci95_high")
    total_ds = xr.Dataset({k: ("metric", total[:, i]) for i, k in enumerate(fields)},
                          coords={"metric": metrics})
    total_ds["units"] = ("metric", units)
    stacked = np.stack([summarise(p) for p in parts])  # (part, metric, 3)
    contributions = xr.Dataset({k: (("part", "metric"), stacked[:, :, i]) for i, k in enumerate(fields)},
                               coords={"part": [*channels, OTHER], "metric": metrics})
    contributions["units"] = ("metric", units)
    for ds in (total_ds, contributions):
        ds.attrs["paired_by"] = "replication (common random numbers)"
        ds.attrs["confidence_level"] = 0.95
    contributions.attrs["method"] = "Shapley value over channels, per replication"
    return total_ds, contributions


def explain(
    base: Scenario | str | Path,
    policy: Scenario | str | Path,
    replications: int = 10,
    seed: int = 0,
    threads: int = 0,
    overrides: Mapping[str, Any] | None = None,
    channels: Sequence[str] | None = None,
    output: str | Path | None = None,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
) -> Explanation:
    """Decompose `policy`'s paired effect against `base` into the channels it acts through.

    Args:
        base, policy: Scenario objects or TOML paths (named after their file's stem).
        replications, seed, threads: as in :func:`cxsim.run`, shared by every run.
        overrides: dotted keys applied to both scenarios (``--set``).
        channels: the channels to decompose (default: every channel the two scenarios' levers
            put in play); any other channel in play stays active, its effect counted in
            ``other``. At most 8 (the policy runs 2**k times).
        output: HDF5 file for the explanation; None keeps it in memory.
        overwrite: replace an existing ``output``.
        progress: ``progress(done, total)`` in simulated replication-days.
    """
    loaded = []
    for s in (base, policy):
        scenario = s if isinstance(s, Scenario) else Scenario.load(s)
        name = scenario.name if isinstance(s, Scenario) else Path(s).stem
        loaded.append((name, scenario.with_overrides(overrides or {})))
    (base_name, base_sc), (policy_name, policy_sc) = loaded
    if base_name == policy_name:
        raise ScenarioError(f"the base and the policy need different names, both are {base_name!r}")
    chosen = _chosen(base_sc, policy_sc, channels)
    path = output_path(output, overwrite)
    n = len(chosen)
    days = policy_sc.values["simulation.horizon_days"]
    total = (1 + (1 << n)) * replications * days

    def step(i: int) -> ProgressCallback | None:
        return (lambda d, _t: progress(i * replications * days + d, total)) if progress else None

    common = {"replications": replications, "seed": seed, "threads": threads}
    results = {base_name: run(base_sc, **common, progress=step(0)),
               policy_name: run(policy_sc, **common, progress=step(1))}
    kpis = {(1 << n) - 1: results[policy_name].replications}
    for i, s in enumerate(range((1 << n) - 1)):
        held = [c for b, c in enumerate(chosen) if not s >> b & 1]
        kpis[s] = run(policy_sc, **common, hold=held, reference=base_sc, progress=step(2 + i)).replications
    comparison = Comparison([base_name, policy_name], results, {"root_seed": seed,
                                                                "overrides": repr(dict(overrides or {}))})
    explanation = Explanation(comparison, chosen, _stack(kpis, chosen))
    if path is not None:
        explanation.write(path)
    return explanation


def runs_needed(base: Scenario, policy: Scenario, channels: Sequence[str] | None = None) -> int:
    """The runs :func:`explain` makes: the base, and the policy under each of the 2**k combinations
    of its k channels held or not."""
    return 1 + (1 << len(_chosen(base, policy, channels)))


def _chosen(base: Scenario, policy: Scenario, asked: Sequence[str] | None) -> list[str]:
    """The channels to decompose (`asked`, or every channel in play), in table order, checked."""
    try:
        in_play = _core.channels_in_play(policy.engine_spec(), base.engine_spec())
    except ValueError as e:
        raise ScenarioError(f"{policy.source}: {e}") from None
    known = list(channels().index)
    for c in asked or ():
        if c not in known:
            raise ScenarioError(f"channels: unknown channel {c!r}; one of {', '.join(known)}")
        if c not in in_play:
            raise ScenarioError(f"channels: {c!r} is not in play: the scenarios' levers put in play "
                                f"{', '.join(in_play) or 'no channel'}")
    chosen = [c for c in in_play if asked is None or c in asked]
    if len(chosen) > MAX_CHANNELS:
        raise ScenarioError(f"{policy.source}: {len(chosen)} channels in play ({', '.join(chosen)}): choose at most "
                            f"{MAX_CHANNELS} with channels=... (--channels); the others stay active, in 'other'")
    return chosen


def _stack(kpis: Mapping[int, xr.Dataset], chosen: list[str]) -> xr.DataArray:
    """The coalitions' KPIs as one DataArray (coalition, replication, metric), each coalition
    labelled with its active channels."""
    import xarray as xr

    order = sorted(kpis)
    labels = ["+".join(c for b, c in enumerate(chosen) if s >> b & 1) or "none" for s in order]
    out = xr.concat([kpis[s].to_array("metric") for s in order], dim="coalition")
    return out.assign_coords(coalition=order, coalition_label=("coalition", labels)).transpose(
        "coalition", "replication", "metric")


def open_explanation(path: str | Path) -> Explanation:
    """An explanation file written by :func:`explain` or ``cxsim explain -o``; the contributions
    are computed again from the coalitions' KPIs it holds."""
    import xarray as xr

    path = Path(path)
    check_file(path, "explanation")
    comparison = read_comparison(path)
    chosen = [c for c in comparison.attrs.pop("channels").split(",") if c]
    with xr.open_dataset(path, group="explanation/coalitions", engine="h5netcdf") as ds:
        kpis = ds["kpis"].load()
    return Explanation(comparison, chosen, kpis)

