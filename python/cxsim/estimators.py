"""Estimators of a scenario's inputs from a call log (a :class:`cxsim.calllog.CallLog`'s calls).

Each estimator takes the calls of a training window and returns values with the estimator's
name, its sample size and a 95% confidence interval (:class:`Estimate`); docs/calibration.md
states each method. Times of day are cut into *slots* of ``slot_minutes`` (K slots a day) and
a week's matrices are 7 rows (Monday first) of K slots, as the scenario's matrices are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

Z95 = stats.norm.ppf(0.975)


@dataclass(frozen=True)
class Estimate:
    """A fitted value, its 95% confidence interval, the sample it came from and how."""

    value: float
    low: float
    high: float
    n: int
    method: str

    def note(self, unit: str = "") -> str:
        """``method, n = …, 95% CI low–high unit``, for a comment beside the value."""
        return f"{self.method}, n = {self.n:,}, 95% CI {_g(self.low)}–{_g(self.high)}{unit}"


def _g(x: float) -> str:
    return f"{x:.4g}"


# -- time -------------------------------------------------------------------------------------

def date_slot(times: pd.Series, slot_minutes: int) -> tuple[pd.Series, pd.Series]:
    """The date (midnight) and the slot of the day of each time."""
    date = times.dt.normalize()
    return date.rename("date"), ((times - date).dt.total_seconds() // (slot_minutes * 60)).astype(int).rename("slot")


def weekday_slot(times: pd.Series, slot_minutes: int) -> tuple[np.ndarray, np.ndarray]:
    """The weekday (Monday 0) and the slot of the day of each time."""
    return times.dt.day_of_week.to_numpy(), date_slot(times, slot_minutes)[1].to_numpy()


def offer_time(calls: pd.DataFrame) -> pd.Series:
    """When each call reached the queue for an agent: the queue's entry, else the answer, else
    the IVR's exit, else the arrival."""
    return (calls["queue_entry"].fillna(calls["service_start"]).fillna(calls["ivr_exit"])
            .fillna(calls["arrival"]))


def offered(calls: pd.DataFrame) -> pd.Series:
    """The calls offered to agents: served or abandoned (not ended in the IVR)."""
    return calls["outcome"] != "contained"


def per_cell(values: np.ndarray, weekday: np.ndarray, slot: np.ndarray, slots: int) -> np.ndarray:
    """The sum of `values` in each (weekday, slot) cell, as a 7 × `slots` matrix."""
    out = np.zeros(7 * slots)
    np.add.at(out, weekday * slots + slot, values)
    return out.reshape(7, slots)


def dates_per_weekday(days: pd.DatetimeIndex) -> np.ndarray:
    """How many of `days` fall on each weekday."""
    return np.bincount(days.day_of_week, minlength=7)


# -- counts -----------------------------------------------------------------------------------

def poisson_mean(count: float, exposure: float, method: str) -> Estimate:
    """The rate of a Poisson count over `exposure`, with Garwood's exact interval."""
    low = stats.chi2.ppf(0.025, 2 * count) / 2 if count > 0 else 0.0
    high = stats.chi2.ppf(0.975, 2 * count + 2) / 2
    return Estimate(count / exposure, low / exposure, high / exposure, int(round(count)), method)


def proportion(successes: float, n: float, method: str) -> Estimate:
    """A share with Wilson's score interval."""
    if n <= 0:
        return Estimate(float("nan"), 0.0, 1.0, 0, method)
    p = successes / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * np.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), int(n), method)


def exponential_mean(events: int, exposure: float, n: int, method: str) -> Estimate:
    """The mean of an exponential from `events` over a total `exposure` (censored or not): its
    rate's exact Poisson interval, inverted."""
    rate = poisson_mean(events, exposure, method)
    return Estimate(1 / rate.value, 1 / rate.high, 1 / rate.low if rate.low > 0 else np.inf, n, method)


# -- arrivals ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Arrivals:
    """Fresh calls per (weekday, slot) and day (`profile`, 7 × K), the mean calls per day over
    the week, the day-to-day over-dispersion (None if no weekday has two dates) and the dates
    left out as special (their volume relative to their weekday's)."""

    profile: np.ndarray
    daily_volume: Estimate
    volume_cv: Estimate | None
    special_days: pd.Series


SPECIAL_DAY_Z = 4.0  # a date this many standard deviations from its weekday's mean is special


def arrivals(calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int,
             weight: np.ndarray | None = None) -> Arrivals:
    """Arrival counts per cell averaged over the dates of each weekday in `days` (a closed date
    counts as a day without calls). `weight` counts each call (1, or less for an estimated
    redial; default 1). Dates whose volume is more than SPECIAL_DAY_Z standard deviations from
    the other dates of their weekday (Poisson with the fitted over-dispersion) are left out."""
    slots = 1440 // slot_minutes
    w = np.ones(len(calls)) if weight is None else weight
    date = calls["arrival"].dt.normalize()
    daily = pd.Series(w, index=date.to_numpy()).groupby(level=0).sum().reindex(days, fill_value=0.0)
    special = _special_days(daily)
    kept = days[~days.isin(special.index)]
    keep = date.isin(kept).to_numpy()
    weekday, slot = weekday_slot(calls["arrival"][keep], slot_minutes)
    n_dates = dates_per_weekday(kept)
    profile = per_cell(w[keep], weekday, slot, slots) / np.maximum(n_dates, 1)[:, None]
    profile = np.clip(profile, 0.0, None)
    cv = _dispersion(daily[kept])
    return Arrivals(profile, _daily_volume(profile.sum() / 7, float(daily[kept].sum()), len(kept), cv), cv, special)


def _daily_volume(mean: float, total: float, n_days: int, cv: Estimate | None) -> Estimate:
    """The mean calls per day over the week: Poisson's exact interval, or with over-dispersion c
    the normal one of variance (m + c²m²)/D over D dates."""
    if cv is None:
        p = poisson_mean(total, n_days, "")
        return Estimate(mean, p.low, p.high, int(round(total)), "calls over the window's dates / dates "
                        "(Poisson interval)")
    m = total / n_days
    half = Z95 * np.sqrt((m + cv.value**2 * m * m) / n_days)
    return Estimate(mean, mean - half, mean + half, int(round(total)), "calls over the window's dates / dates "
                    "(interval with the over-dispersion)")


def _dispersion(daily: pd.Series) -> Estimate | None:
    """Over-dispersion of daily volumes: with day factors of mean 1 and CV c, a weekday's volume
    has variance m + c²m². Method of moments pooled over weekdays with two or more dates:
    c² = Σ(n_w − 1)(s²_w − m_w)/m_w² / Σ(n_w − 1); the interval from s² ~ σ²χ²_df/df."""
    groups = [g.to_numpy() for _, g in daily.groupby(daily.index.day_of_week) if len(g) >= 2 and g.mean() > 0]
    df = sum(len(g) - 1 for g in groups)
    if df == 0:
        return None
    ratio = sum((len(g) - 1) * g.var(ddof=1) / g.mean() ** 2 for g in groups) / df
    poisson = sum((len(g) - 1) / g.mean() for g in groups) / df
    c2 = ratio - poisson
    low, high = ratio * df / stats.chi2.ppf(0.975, df) - poisson, ratio * df / stats.chi2.ppf(0.025, df) - poisson
    return Estimate(float(np.sqrt(max(c2, 0.0))), float(np.sqrt(max(low, 0.0))), float(np.sqrt(max(high, 0.0))),
                    len(daily), "method of moments over the dates of each weekday, beyond Poisson")


def _special_days(daily: pd.Series) -> pd.Series:
    """Dates far from the other dates of their weekday (needs three or more of that weekday):
    their volume over the others' mean. The over-dispersion is the other dates' too, so that a
    special day does not hide itself by widening the spread."""
    out = {}
    for _, g in daily.groupby(daily.index.day_of_week):
        if len(g) < 3:
            continue
        for day, n in g.items():
            cv = _dispersion(daily.drop(day))
            c2 = cv.value**2 if cv else 0.0
            m = g.drop(day).mean()
            if m > 0 and abs(n - m) > SPECIAL_DAY_Z * np.sqrt(m + c2 * m * m):
                out[day] = n / m
    return pd.Series(out, dtype=float, name="volume ratio")


def type_shares(types: pd.Series, weight: np.ndarray, min_share: float) -> dict[str, Estimate]:
    """Each call type's share of fresh calls (Wilson interval); types below `min_share` are
    pooled as "other"."""
    counts = pd.Series(weight, index=types.astype(str).to_numpy()).groupby(level=0).sum()
    total = counts.sum()
    small = counts[counts / total < min_share]
    if len(small) > 1:
        counts = pd.concat([counts.drop(small.index), pd.Series({"other": small.sum()})])
    return {str(t): proportion(n, total, "calls of the type / calls (Wilson interval)") for t, n in counts.items()}


def type_map(types: pd.Series, shares: dict[str, Estimate]) -> pd.Series:
    """Each call's type as named in `shares` (small types as "other")."""
    t = types.astype(str)
    return t.where(t.isin(list(shares)), "other")


# -- handle time ------------------------------------------------------------------------------

@dataclass(frozen=True)
class HandleTime:
    """A fitted handle-time distribution: lognormal (mean and CV) or empirical (a table of
    quantiles); the mean and CV are given for both."""

    dist: str
    mean: Estimate
    cv: Estimate
    table: list[float] | None


TABLE_POINTS = 101  # an empirical distribution is written as this many quantiles


def lognormal_mle(x: np.ndarray) -> tuple[Estimate, Estimate]:
    """The lognormal's mean and CV by maximum likelihood (μ, σ of log x), with Cox's interval for
    the mean, log mean = μ + σ²/2 ± z√(σ²/n + σ⁴/(2(n − 1))), and the χ² interval of σ for the CV."""
    logs = np.log(x)
    n, mu, s2 = len(x), logs.mean(), logs.var(ddof=1)
    half = Z95 * np.sqrt(s2 / n + s2 * s2 / (2 * (n - 1)))
    mean = Estimate(float(np.exp(mu + s2 / 2)), float(np.exp(mu + s2 / 2 - half)), float(np.exp(mu + s2 / 2 + half)),
                    n, "lognormal maximum likelihood")
    s2_low, s2_high = (n - 1) * s2 / stats.chi2.ppf(0.975, n - 1), (n - 1) * s2 / stats.chi2.ppf(0.025, n - 1)
    cv = Estimate(*(float(np.sqrt(np.expm1(v))) for v in (s2, s2_low, s2_high)), n, "lognormal maximum likelihood")
    return mean, cv


def handle_time(x: np.ndarray, choice: str = "auto") -> HandleTime:
    """Handle times `x` (seconds; values under 1 s count as 1 s) as a lognormal or an empirical
    distribution. ``auto`` keeps the lognormal unless Kolmogorov–Smirnov rejects it at 1%."""
    x = np.maximum(np.asarray(x, dtype=float), 1.0)
    mean, cv = lognormal_mle(x)
    if choice == "auto":
        ks = stats.kstest(np.log(x), "norm", args=(np.log(x).mean(), np.log(x).std(ddof=1)))
        choice = "empirical" if ks.pvalue < 0.01 else "lognormal"
    if choice == "lognormal":
        return HandleTime("lognormal", mean, cv, None)
    n = len(x)
    se = x.std(ddof=1) / np.sqrt(n)
    m = Estimate(float(x.mean()), float(x.mean() - Z95 * se), float(x.mean() + Z95 * se), n, "sample mean")
    c = Estimate(float(x.std(ddof=1) / x.mean()), cv.low, cv.high, n, "sample CV (interval: lognormal)")
    table = np.quantile(x, np.linspace(0, 1, TABLE_POINTS))
    return HandleTime("empirical", m, c, [round(float(v), 1) for v in table])


@dataclass(frozen=True)
class ShortCalls:
    """A cluster of very short calls in the log-handle-time mixture: its share of served calls
    and the boundary below which a call belongs to it."""

    share: Estimate
    threshold_s: float


def short_calls(x: np.ndarray) -> ShortCalls | None:
    """A two-component normal mixture on log handle time, by EM; the short cluster is kept when
    the mixture's BIC beats one lognormal's by more than 10 and the lower component is small
    (under half the calls) and separated (its mean two of its own SDs below the other's, and the
    other's mean a SD of its own above the boundary). The boundary is where the two weighted
    densities cross."""
    y = np.log(np.maximum(np.asarray(x, dtype=float), 1.0))
    n = len(y)
    if n < 100:
        return None
    w, mu, sd = np.array([0.1, 0.9]), np.quantile(y, [0.05, 0.6]), np.array([y.std() / 2, y.std()])
    for _ in range(500):
        dens = w * stats.norm.pdf(y[:, None], mu, sd)
        r = dens / dens.sum(axis=1, keepdims=True)
        nk = r.sum(axis=0)
        new = nk / n, (r * y[:, None]).sum(axis=0) / nk
        sd = np.maximum(np.sqrt((r * (y[:, None] - new[1]) ** 2).sum(axis=0) / nk), 1e-3)
        done = np.allclose(new[1], mu, atol=1e-7)
        w, mu = new
        if done:
            break
    mixture = np.log((w * stats.norm.pdf(y[:, None], mu, sd)).sum(axis=1)).sum()
    single = stats.norm.logpdf(y, y.mean(), y.std()).sum()
    lo, hi = np.argsort(mu)
    if -2 * mixture + 5 * np.log(n) > -2 * single + 2 * np.log(n) - 10 or w[lo] >= 0.5:
        return None
    if mu[lo] + 2 * sd[lo] > mu[hi]:
        return None
    grid = np.linspace(mu[lo], mu[hi], 2000)
    cross = grid[np.argmax(w[lo] * stats.norm.pdf(grid, mu[lo], sd[lo]) < w[hi] * stats.norm.pdf(grid, mu[hi], sd[hi]))]
    if mu[hi] - sd[hi] < cross:
        return None
    short = int((y < cross).sum())
    return ShortCalls(proportion(short, n, "two-lognormal mixture (EM), calls below the boundary"),
                      float(np.exp(cross)))


def factors(observed: np.ndarray, expected: np.ndarray, group: np.ndarray, groups: int,
            prior: float) -> tuple[np.ndarray, float]:
    """Per group (a slot of the day, or of the week), observed / expected summed over the group's
    calls, shrunk to 1 by `prior` calls' worth of expectation: (Σ obs + prior·ē) / (Σ exp + prior·ē),
    ē the mean expectation (a group without calls: 1). Also the Kruskal–Wallis p-value of
    obs/exp across groups: whether it varies at all."""
    e_bar = float(expected.mean())
    factor = (np.bincount(group, observed, groups) + prior * e_bar) / (np.bincount(group, expected, groups)
                                                                        + prior * e_bar)
    samples = [g.to_numpy() for _, g in pd.Series(observed / expected).groupby(group) if len(g) >= 5]
    p = stats.kruskal(*samples).pvalue if len(samples) >= 2 else 1.0
    return factor, float(p)


# -- patience ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Patience:
    """Patience fitted to waits censored by service: the Kaplan–Meier curve (`times`, `survival`,
    its Greenwood standard error `se`, callers at risk), the exponential and lognormal censored
    maximum-likelihood fits with their AIC, and the choice."""

    times: np.ndarray
    survival: np.ndarray
    se: np.ndarray
    at_risk: np.ndarray
    exponential: Estimate
    lognormal: tuple[Estimate, Estimate]
    aic: dict[str, float]
    choice: str
    z: dict[str, float]  # each fit's largest distance from Kaplan–Meier, in Greenwood standard errors
    abandons: int
    n: int


MAX_Z = 3.5  # auto keeps a parametric fit within this many standard errors of Kaplan–Meier
MIN_AT_RISK = 20  # Kaplan–Meier is compared where at least this many callers are still waiting
CURVE_POINTS = 100  # a survival curve is written with at most this many points
SHORTEST_WAIT_S = 0.5  # an abandonment recorded at 0 s (the clock's resolution is 1 s)


def kaplan_meier(wait: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, ...]:
    """Product-limit estimate of S(t) = P(patience > t) at each distinct event time: S(t_j) =
    Π_{i≤j} (1 − d_i/n_i), with Greenwood's variance S² Σ d_i/(n_i(n_i − d_i)); n_i callers
    still waiting just before t_i (censored at their wait when served)."""
    order = np.argsort(wait, kind="stable")
    t, e = wait[order], event[order]
    times, first = np.unique(t, return_index=True)
    at_risk = len(t) - first
    deaths = np.add.reduceat(e.astype(float), first)
    keep = deaths > 0
    times, at_risk, deaths = times[keep], at_risk[keep], deaths[keep]
    surv = np.cumprod(1 - deaths / at_risk)
    with np.errstate(divide="ignore", invalid="ignore"):
        green = np.cumsum(np.where(at_risk > deaths, deaths / (at_risk * (at_risk - deaths)), 0.0))
    return times, surv, surv * np.sqrt(green), at_risk


def patience(wait: np.ndarray, abandoned: np.ndarray, choice: str = "auto") -> Patience:
    """Patience from the waits of offered calls: an abandoned call's wait is its patience, a
    served call's a lower bound (censored). `choice`: survival (the Kaplan–Meier curve),
    exponential, lognormal, or auto: the parametric fit of lower AIC unless Kaplan–Meier rejects
    it (a gap above MAX_Z Greenwood standard errors where MIN_AT_RISK callers are at risk), else
    the curve."""
    wait = np.asarray(wait, dtype=float)
    event = np.asarray(abandoned, dtype=bool)
    wait = np.where(event, np.maximum(wait, SHORTEST_WAIT_S), wait)
    d, exposure = int(event.sum()), float(wait.sum())
    if d == 0:
        raise ValueError("no abandoned calls: patience cannot be estimated")
    times, surv, se, at_risk = kaplan_meier(wait, event)
    exponential = exponential_mean(d, exposure, len(wait), "exponential censored maximum likelihood: total wait / "
                                   "abandons")
    (mean, cv), loglik_ln = _lognormal_censored(wait, event)
    loglik_exp = -d * np.log(exponential.value) - exposure / exponential.value
    aic = {"exponential": 2 - 2 * loglik_exp, "lognormal": 4 - 2 * loglik_ln}
    seen = (at_risk >= MIN_AT_RISK) & (se > 0)  # a curve at 0 has no error to compare with
    fitted = {"exponential": np.exp(-times / exponential.value),
              "lognormal": stats.lognorm.sf(times, *_lognormal_shape(mean.value, cv.value))}
    z = {k: float(np.max(np.abs(v - surv)[seen] / se[seen], initial=0.0)) for k, v in fitted.items()}
    if choice == "auto":
        best = min(aic, key=aic.get)
        choice = best if z[best] <= MAX_Z else "survival"
    return Patience(times, surv, se, at_risk, exponential, (mean, cv), aic, choice, z, d, len(wait))


def _lognormal_shape(mean: float, cv: float) -> tuple[float, int, float]:
    """scipy's (s, loc, scale) of the lognormal with this mean and CV."""
    s2 = np.log1p(cv * cv)
    return float(np.sqrt(s2)), 0, float(mean * np.exp(-s2 / 2))


def _lognormal_censored(wait: np.ndarray, event: np.ndarray) -> tuple[tuple[Estimate, Estimate], float]:
    """Lognormal patience by censored maximum likelihood over (μ, log σ): Σ_abandoned log f(t) +
    Σ_served log S(t) (served at once carry no information); the mean's and CV's intervals by the
    delta method on the inverse of the observed information."""
    y = np.log(wait[event])
    c = np.log(wait[~event & (wait > 0)])

    def nll(p: np.ndarray) -> float:
        mu, sigma = p[0], np.exp(p[1])
        return -(stats.norm.logpdf(y, mu, sigma).sum() + stats.norm.logsf(c, mu, sigma).sum())

    start = np.array([y.mean(), np.log(max(y.std(), 0.1))])
    fit = optimize.minimize(nll, start, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 4000})
    p = fit.x
    cov = np.linalg.inv(_hessian(nll, p))
    loglik = -fit.fun - y.sum()  # the density of t, not of log t
    mu, sigma = p[0], np.exp(p[1])

    def delta(value: float, grad: np.ndarray) -> tuple[float, float]:
        half = Z95 * float(np.sqrt(grad @ cov @ grad))
        return value - half, value + half

    mean = np.exp(mu + sigma**2 / 2)
    cv = np.sqrt(np.expm1(sigma**2))
    n = len(wait)
    method = "lognormal censored maximum likelihood"
    m_int = delta(mean, np.array([mean, mean * sigma**2]))
    cv_int = delta(cv, np.array([0.0, sigma**2 * np.exp(sigma**2) / cv]))
    return (Estimate(float(mean), *m_int, n, method), Estimate(float(cv), max(cv_int[0], 0.0), cv_int[1], n, method)), \
        float(loglik)


def _hessian(f, p: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """The Hessian of `f` at `p` by central differences."""
    k = len(p)
    out = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            out[i, j] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej) + f(p - ei - ej)) / (4 * h * h)
    return out


def survival_curve(fit: Patience) -> tuple[list[float], list[float]]:
    """The Kaplan–Meier curve thinned to at most CURVE_POINTS points (evenly spaced in survival),
    as the scenario's ``patience_survival_s`` and ``patience_survival``."""
    idx = np.unique(np.searchsorted(-fit.survival, -np.linspace(fit.survival[0], fit.survival[-1], CURVE_POINTS)))
    idx = np.unique(np.append(np.minimum(idx, len(fit.times) - 1), len(fit.times) - 1))
    return [round(float(t), 2) for t in fit.times[idx]], [round(float(s), 5) for s in fit.survival[idx]]


# -- redials ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Redials:
    """Callers who abandon and call again within the window: the probability (among identified
    abandoners), the mean delay from the abandonment to the next call (exponential), and each
    call's weight as a fresh call: 1, or 1 − 1/q for a detected redial, q the share of abandoners of
    the abandoned call's type that the log identifies (a detected redial stands for 1/q redials)."""

    probability: Estimate
    delay: Estimate | None
    weight: np.ndarray


def redials(calls: pd.DataFrame, window_s: float) -> Redials | None:
    """Redials: an identified caller's next call within `window_s` of their abandoning (None if
    the log identifies no abandoner)."""
    known = calls[calls["customer"].notna()].sort_values("arrival", kind="stable")
    ab = known["outcome"] == "abandoned"
    if not ab.any():
        return None
    by_caller = known.groupby("customer", sort=False)
    delay = (by_caller["arrival"].shift(-1) - known["queue_exit"].fillna(known["arrival"])).dt.total_seconds()
    redial = ab & (delay >= 0) & (delay <= window_s)
    redial_call = known.index.to_series().groupby(known["customer"], sort=False).shift(-1)[redial].astype(int)
    abandoned = calls["outcome"] == "abandoned"
    types = calls["call_type"].astype(str)
    q = (abandoned & calls["customer"].notna()).groupby(types).sum() / abandoned.groupby(types).sum()
    weight = np.ones(len(calls))
    origin = calls.index.get_indexer(redial_call.index)
    weight[calls.index.get_indexer(redial_call)] = 1 - 1 / types.iloc[origin].map(q).to_numpy()
    p = proportion(int(redial.sum()), int(ab.sum()), "identified abandoners calling again within the window "
                   "(Wilson interval)")
    d = delay[redial].to_numpy()
    mean = exponential_mean(len(d), float(d.sum()), len(d), "exponential maximum likelihood: mean delay") \
        if len(d) else None
    return Redials(p, mean, weight)


# -- IVR --------------------------------------------------------------------------------------

def ivr_time(calls: pd.DataFrame) -> Estimate | None:
    """Mean time in the IVR (arrival to IVR exit) of calls offered to agents; None without an IVR."""
    t = (calls["ivr_exit"] - calls["arrival"]).dt.total_seconds()[offered(calls)].dropna()
    if len(t) == 0 or t.mean() <= 0:
        return None
    se = t.std(ddof=1) / np.sqrt(len(t))
    return Estimate(float(t.mean()), float(t.mean() - Z95 * se), float(t.mean() + Z95 * se), len(t), "sample mean")


# -- staffing ---------------------------------------------------------------------------------

def agents_per_slot(calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int,
                    evidence_share: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Agents on the phone in each slot of each date (days × K): the time-average number of agents
    talking while at least one caller waits (agents are work-conserving, so all on the phone are
    busy then), blended with the most agents talking at once in the slot (a lower bound, the only
    evidence when nobody waited) as (T_q·b_q + τ·b_max)/(T_q + τ), T_q the time callers waited,
    τ = `evidence_share` of the slot. Also each slot's share of time with callers waiting."""
    slot_s = slot_minutes * 60.0
    n_slots = len(days) * (1440 // slot_minutes)
    origin = days[0]

    def seconds(t: pd.Series) -> np.ndarray:
        return (t - origin).dt.total_seconds().to_numpy()

    served = calls[calls["service_start"].notna()]
    queued = calls[calls["queue_entry"].notna()]
    cuts = np.arange(n_slots + 1) * slot_s  # every slot starts a piece, so each piece lies in one slot
    t = np.concatenate([seconds(served["service_start"]), seconds(served["service_end"]),
                        seconds(queued["queue_entry"]), seconds(queued["queue_exit"]), cuts])
    zeros_s, zeros_q, ones_s, ones_q = (np.zeros(len(served)), np.zeros(len(queued)), np.ones(len(served)),
                                        np.ones(len(queued)))
    busy = np.concatenate([ones_s, -ones_s, zeros_q, zeros_q, np.zeros(len(cuts))])
    wait = np.concatenate([zeros_s, zeros_s, ones_q, -ones_q, np.zeros(len(cuts))])
    order = np.lexsort((busy + wait, t))  # at a tie, ends before starts
    t, b, q = t[order], np.cumsum(busy[order]), np.cumsum(wait[order])
    length = np.diff(t, append=t[-1])
    inside = (t >= 0) & (t < n_slots * slot_s)
    cell = (t[inside] // slot_s).astype(int)
    length, b, waiting = length[inside], b[inside], q[inside] > 0
    t_q = np.bincount(cell, weights=length * waiting, minlength=n_slots)
    b_q = np.bincount(cell, weights=length * waiting * b, minlength=n_slots) / np.maximum(t_q, 1e-12)
    b_max = np.zeros(n_slots)
    np.maximum.at(b_max, cell, b)
    tau = evidence_share * slot_s
    shape = (len(days), 1440 // slot_minutes)
    return ((t_q * b_q + tau * b_max) / (t_q + tau)).reshape(shape), (t_q / slot_s).reshape(shape)


def weekday_mean(values: np.ndarray, days: pd.DatetimeIndex) -> np.ndarray:
    """A days × K array averaged over the dates of each weekday (7 × K; weekdays not in `days`: 0)."""
    out = np.zeros((7, values.shape[1]))
    np.add.at(out, days.day_of_week.to_numpy(), values)
    return out / np.maximum(dates_per_weekday(days), 1)[:, None]


def naive_agents(calls: pd.DataFrame, days: pd.DatetimeIndex, slot_minutes: int) -> np.ndarray:
    """The naive staffing: distinct agents who answered in each slot of each date (days × K)."""
    served = calls[calls["service_start"].notna() & calls["agent"].notna()]
    date, slot = date_slot(served["service_start"], slot_minutes)
    out = np.zeros((len(days), 1440 // slot_minutes))
    for (day, k), n in served.groupby([date, slot])["agent"].nunique().items():
        if day in days:
            out[days.get_loc(day), k] = n
    return out
