"""A scenario calibrated from a call log: every input the log can tell, estimated over a training
window (:mod:`cxsim.estimators`), written as a commented TOML file that ``cxsim run`` accepts
as it is. The behavioural layer (workforce, customers, recognition) stays at its documented
defaults: a call log does not show it. docs/calibration.md describes each step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import estimators as est
from .calllog import CallLog
from .errors import ScenarioError
from .schema import WEEKDAYS

CHOICES = {"patience": ("auto", "survival", "exponential", "lognormal"),
           "handle_time": ("auto", "lognormal", "empirical"),
           "redials": ("count", "model")}
SHORT_TYPE = "short"  # the short-call cluster's call type
PROFILE_P = 0.01  # a per-slot factor is written when Kruskal–Wallis finds variation at this level
PROFILE_PRIOR = 10  # calls' worth of expectation shrinking a slot's factor to 1
MIN_REDIALS = 30  # redials are modelled when this many are seen


def window(text: str, what: str) -> pd.DatetimeIndex:
    """The dates of ``START:END`` (inclusive, YYYY-MM-DD), or a one-line error naming `what`."""
    parts = str(text).split(":")
    try:
        if len(parts) != 2:
            raise ValueError
        start, end = (pd.Timestamp(p).normalize() for p in parts)
    except ValueError:
        raise ScenarioError(f"{what}: {text!r} is not START:END with dates as YYYY-MM-DD") from None
    if end < start:
        raise ScenarioError(f"{what}: {text!r} ends before it starts")
    return pd.date_range(start, end)


def in_window(log: CallLog, days: pd.DatetimeIndex, what: str) -> pd.DataFrame:
    """The calls arriving on `days`; a window without calls is a one-line error."""
    calls = log.calls[log.calls["arrival"].dt.normalize().isin(days)]
    if calls.empty:
        first, last = log.calls["arrival"].min(), log.calls["arrival"].max()
        raise ScenarioError(f"{log.source}: {what}: no calls from {days[0].date()} to {days[-1].date()}; the log "
                            f"runs from {first:%Y-%m-%d} to {last:%Y-%m-%d}")
    return calls


def read_roster(path: str | Path, slot_minutes: int) -> np.ndarray:
    """Agents on the phone per (weekday, slot) from a CSV with columns weekday (Mon … Sun), start
    (HH:MM, on a slot's start) and agents; slots not listed have none."""
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise ScenarioError(f"{path}: not a readable CSV roster ({str(e).splitlines()[0]})") from None
    for column in ("weekday", "start", "agents"):
        if column not in raw.columns:
            raise ScenarioError(f"{path}: column {column!r} is missing; a roster needs: weekday, start, agents")
    out = np.zeros((7, 1440 // slot_minutes))
    for row, r in raw.iterrows():
        where = f"{path}: row {row + 2}"
        if r["weekday"] not in WEEKDAYS:
            raise ScenarioError(f"{where}: weekday: {r['weekday']!r} is not one of " + ", ".join(WEEKDAYS))
        try:
            hours, minutes = (int(x) for x in r["start"].split(":"))
            start = hours * 60 + minutes
            if not (0 <= start < 1440 and start % slot_minutes == 0):
                raise ValueError
        except ValueError:
            raise ScenarioError(f"{where}: start: {r['start']!r} is not HH:MM at the start of a "
                                f"{slot_minutes}-minute slot") from None
        agents = pd.to_numeric(r["agents"], errors="coerce")
        if not (agents >= 0 and float(agents).is_integer()):
            raise ScenarioError(f"{where}: agents: {r['agents']!r} is not a whole number >= 0")
        out[WEEKDAYS.index(r["weekday"]), start // slot_minutes] = agents
    return out


@dataclass
class Calibration:
    """A calibrated scenario as nested tables (`scenario`) and, for each dotted key, the comment
    that says how it was estimated (`notes`); :meth:`toml` renders both."""

    scenario: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)

    def set(self, key: str, value: Any, note: str = "") -> None:
        """Set a dotted key (``section.key`` or ``call_types.<i>.key``) with its comment."""
        *path, last = key.split(".")
        table = self.scenario
        for part in path:
            table = table[int(part)] if isinstance(table, list) else table.setdefault(part, {})
        table[last] = value
        if note:
            self.notes[key] = note

    def toml(self) -> str:
        """The scenario as TOML, each value preceded by its comment."""
        from ._toml import render

        return render(self.scenario, self.notes, self.header)

    def write(self, path: str | Path) -> None:
        """Write the TOML whole or not at all."""
        from ._files import replaced

        with replaced(path) as tmp:
            tmp.write_text(self.toml(), encoding="utf-8")


def calibrate(log: CallLog, train: str, *, slot_minutes: int = 60, patience: str = "auto",
              handle_time: str = "auto", redials: str = "count", redial_window_h: float = 24.0,
              roster: str | Path | None = None, min_share: float = 0.01, threshold_s: float = 20.0,
              name: str | None = None) -> Calibration:
    """Calibrate a scenario from the calls of `log` arriving in `train` (``START:END``, at least a
    week). See docs/calibration.md for each estimator."""
    for option, value in (("patience", patience), ("handle_time", handle_time), ("redials", redials)):
        if value not in CHOICES[option]:
            raise ScenarioError(f"{option}: {value!r} is not allowed; allowed: " + ", ".join(CHOICES[option]))
    if slot_minutes <= 0 or 1440 % slot_minutes:
        raise ScenarioError(f"slot_minutes: {slot_minutes!r} must divide a day (1440 minutes)")
    days = window(train, "train")
    if len(days) < 7:
        raise ScenarioError(f"train: {train!r} spans {len(days)} days; a week (7 days) or more is needed to "
                            "estimate every weekday")
    calls = in_window(log, days, "train").reset_index(drop=True)
    c = Calibration({"name": name or "calibrated", "description": f"Calibrated from {Path(log.source).name}, "
                     f"{days[0].date()} to {days[-1].date()}, by cxsim calibrate."})
    c.header = [f"Calibrated by `cxsim calibrate` from {log.source}", f"training window {train}: {len(calls):,} calls",
                *(f"rows left out of the log: {n:,} {reason}" for reason, n in log.dropped.items() if n),
                "Each value's comment gives its estimator, sample size and 95% confidence interval",
                "(docs/calibration.md). Keys not written keep their documented defaults."]
    c.set("simulation.horizon_days", 7, "one week; change at will")
    c.set("simulation.interval_minutes", slot_minutes, "the calibration's slot")
    c.set("simulation.start_weekday", "Mon")
    c.set("simulation.service_level_threshold_s", float(threshold_s))
    c.set("calibration.log", str(log.source))
    c.set("calibration.train", f"{days[0].date()}:{days[-1].date()}")

    weight = _redials(c, calls, redial_window_h * 3600, redials == "model")
    label = _labels(calls, weight, min_share)
    _arrivals(c, calls, days, slot_minutes, weight, label)
    served = calls["outcome"] == "served"
    fits = {t: est.handle_time(calls.loc[served & (label == t), "handle_s"].to_numpy(), handle_time)
            for t in sorted(label.unique()) if (served & (label == t)).any()}
    _call_types(c, calls, label, weight, fits)
    _handle_profile(c, calls[served], label[served], fits, slot_minutes)
    _ivr(c, calls, label, weight, slot_minutes)
    _patience(c, calls, patience)
    _staffing(c, calls, days, slot_minutes, roster)
    return c


def _redials(c: Calibration, calls: pd.DataFrame, window_s: float, model: bool) -> np.ndarray:
    """Redial probability and delay, and each call's weight as a fresh call (est.redials). Counted
    (the default), redials stay in the arrivals and the model generates none; modelled, they
    leave the arrivals and the model generates them from its own abandonment."""
    r = est.redials(calls, window_s)
    if r is None or r.delay is None or r.delay.n < MIN_REDIALS:
        c.notes["callers.redial_probability"] = "not estimated: too few identified callers redial"
        return np.ones(len(calls))
    if not model:
        c.notes["callers.redial_probability"] = (
            f"{r.probability.value:.3f} of identified abandoners call again within {window_s / 3600:g} h (mean delay "
            f"{r.delay.value:.0f} s); counted in the arrivals, not generated (--redials model generates them)")
        return np.ones(len(calls))
    c.set("callers.redial_probability", round(r.probability.value, 4), r.probability.note())
    c.set("callers.redial_delay_dist", "exponential")
    c.set("callers.mean_redial_delay_s", round(r.delay.value, 1),
          r.delay.note(" s") + f"; window {window_s / 3600:g} h")
    return r.weight


def _labels(calls: pd.DataFrame, weight: np.ndarray, min_share: float) -> pd.Series:
    """Each call's type in the scenario: its type (small types pooled as "other"), or the
    short-call type for a served call in the short cluster."""
    types = calls["call_type"].astype(str).where(calls["call_type"].notna(), "default")
    label = est.type_map(types, est.type_shares(types, weight, min_share))
    served = calls["outcome"] == "served"
    short = est.short_calls(calls.loc[served, "handle_s"].to_numpy())
    if short is not None:
        label = label.where(~(served & (calls["handle_s"] < short.threshold_s)), SHORT_TYPE)
    return label


def _arrivals(c: Calibration, calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int,
              weight: np.ndarray, label: pd.Series) -> None:
    a = est.arrivals(calls, days, slot_minutes, weight)
    c.set("arrivals.weekly_profile", np.round(a.profile, 2).tolist(),
          f"fresh calls per {slot_minutes}-minute slot, mean over the window's dates of each weekday")
    c.set("arrivals.daily_volume", round(a.daily_volume.value, 1), a.daily_volume.note(" calls"))
    if a.volume_cv is not None:
        c.set("arrivals.daily_volume_cv", round(a.volume_cv.value, 4), a.volume_cv.note())
    else:
        c.notes["arrivals.daily_volume_cv"] = "not estimated: no weekday appears twice in the window"
    if len(a.special_days):
        c.header.append("special days left out of the profile (volume / its weekday's): " + ", ".join(
            f"{d.date()} ({r:.2f})" for d, r in a.special_days.items()))


def _call_types(c: Calibration, calls: pd.DataFrame, label: pd.Series, weight: np.ndarray,
                fits: dict[str, est.HandleTime]) -> None:
    shares = est.type_shares(label, weight, 0.0)
    c.scenario["call_types"] = []
    for i, (name, share) in enumerate(sorted(shares.items())):
        c.scenario["call_types"].append({"name": name})
        c.set(f"call_types.{i}.share", round(share.value, 5), share.note())
        fit = fits.get(name)
        if fit is None:
            continue
        c.set(f"call_types.{i}.handle_time_dist", fit.dist)
        if fit.dist == "lognormal":
            c.set(f"call_types.{i}.mean_handle_time_s", round(fit.mean.value, 1), fit.mean.note(" s"))
            c.set(f"call_types.{i}.handle_time_cv", round(fit.cv.value, 3), fit.cv.note())
        else:
            c.set(f"call_types.{i}.handle_time_table_s", fit.table,
                  f"{len(fit.table)} quantiles of the served calls' handle times; mean {fit.mean.note(' s')}")
    if SHORT_TYPE in shares:
        c.header.append(f"'{SHORT_TYPE}': the cluster of very short calls in the handle times (a two-lognormal "
                        "mixture), given its own call type")


def _handle_profile(c: Calibration, served: pd.DataFrame, label: pd.Series, fits: dict[str, est.HandleTime],
                    slot_minutes: int) -> None:
    """Handle time by time of day, pooled over weekdays (a week holds too few calls per weekday
    and slot)."""
    expected = label.map({t: f.mean.value for t, f in fits.items()}).to_numpy()
    _, slot = est.weekday_slot(served["arrival"], slot_minutes)
    factor, p = est.factors(served["handle_s"].to_numpy(), expected, slot, 1440 // slot_minutes, PROFILE_PRIOR)
    if p < PROFILE_P:
        c.set("service.handle_time_profile", [np.round(factor, 3).tolist()] * 7,
              f"handle time by time of day (all weekdays) over its type's mean (Kruskal–Wallis p = {p:.2g}), "
              f"shrunk to 1 by {PROFILE_PRIOR} calls")
    else:
        c.notes["service.handle_time_profile"] = f"not written: no variation by slot (Kruskal–Wallis p = {p:.2g})"


def _ivr(c: Calibration, calls: pd.DataFrame, label: pd.Series, weight: np.ndarray, slot_minutes: int) -> None:
    """An IVR of one level as long as the mean IVR time; containment per type and by time of day
    (pooled over weekdays: a week holds too few calls per weekday and slot)."""
    time = est.ivr_time(calls)
    contained = (calls["outcome"] == "contained").to_numpy()
    if time is None and not contained.any():
        return
    c.set("ivr.levels", 1, "the log's IVR as one level")
    if time is not None:
        c.set("ivr.seconds_per_level", round(time.value, 1), time.note(" s"))
    if not contained.any():
        return
    first = weight == 1  # fresh first attempts (redials skip self-service)
    rate = {}
    for i, t in enumerate(e["name"] for e in c.scenario["call_types"]):
        mine = first & (label == t).to_numpy()
        share = est.proportion(int(contained[mine].sum()), int(mine.sum()),
                               "calls ended in the IVR / calls of the type (Wilson interval)")
        rate[t] = share.value
        if share.value > 0:
            c.set(f"call_types.{i}.containment", round(share.value, 4), share.note())
    expected = label[first].map(rate).to_numpy()
    keep = expected > 0
    _, slot = est.weekday_slot(calls["arrival"][first][keep], slot_minutes)
    factor, p = est.factors(contained[first][keep].astype(float), expected[keep], slot, 1440 // slot_minutes,
                                 PROFILE_PRIOR)
    if p < PROFILE_P:
        c.set("ivr.containment_profile", [np.round(factor, 3).tolist()] * 7,
              f"containment by time of day (all weekdays) over its type's (Kruskal–Wallis p = {p:.2g}), shrunk to 1 by "
              f"{PROFILE_PRIOR} calls")


def _patience(c: Calibration, calls: pd.DataFrame, choice: str) -> None:
    off = calls[est.offered(calls)]
    fit = est.patience(off["wait_s"].to_numpy(), (off["outcome"] == "abandoned").to_numpy(), choice)
    aic = ", ".join(f"{k} {v:,.1f}" for k, v in fit.aic.items())
    why = (f"{fit.abandons:,} abandons among {fit.n:,} offered calls, served calls censored at their wait; "
           f"AIC {aic}; chosen: {fit.choice}")
    why += "; largest gap to Kaplan–Meier in standard errors: " + ", ".join(f"{k} {v:.1f}" for k, v in fit.z.items())
    c.set("callers.patience_dist", fit.choice, why)
    if fit.choice == "exponential":
        c.set("callers.mean_patience_s", round(fit.exponential.value, 1), fit.exponential.note(" s"))
    elif fit.choice == "lognormal":
        mean, cv = fit.lognormal
        c.set("callers.mean_patience_s", round(mean.value, 1), mean.note(" s"))
        c.set("callers.patience_cv", round(cv.value, 3), cv.note())
    else:
        times, surv = est.survival_curve(fit)
        c.set("callers.patience_survival_s", times, "Kaplan–Meier: waits (s) at which the curve is given")
        c.set("callers.patience_survival", surv,
              f"Kaplan–Meier survival P(patience > t), to where {est.MIN_AT_RISK} callers were still waiting; "
              "an exponential tail beyond")


def _staffing(c: Calibration, calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int,
              roster: str | Path | None) -> None:
    if roster is not None:
        agents = read_roster(roster, slot_minutes)
        note = f"agents on the phone per slot, from the roster {roster}"
    else:
        per_date, waited = est.agents_per_slot(calls, days, slot_minutes)
        agents = est.weekday_mean(per_date, days)
        note = ("agents talking while callers wait, per slot (the most talking at once where nobody waited), "
                f"mean over dates, rounded; callers waited in {np.mean(waited[per_date >= 1] > 0.05):.0%} of staffed "
                "slots")
    keys = staffing_keys(agents, slot_minutes)
    c.set("agents.staffing", keys["staffing"], note)
    c.set("agents.tour_min_hours", keys["tour_min_hours"], "tours as short as a slot, so the staffing is met exactly")


def staffing_keys(agents: np.ndarray, slot_minutes: int) -> dict[str, Any]:
    """The [agents] keys of a staffing of `agents` (7 × K, fractional) per slot: rounded to whole
    agents, with tours as short as a slot so that the table is met exactly."""
    return {"staffing": np.round(agents).astype(int).tolist(), "tour_min_hours": slot_minutes / 60}
