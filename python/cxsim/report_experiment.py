"""The report of an experiment (a sweep's results): what was varied, each outcome under each
policy, each policy's paired effect across the uncertainty sample and where it fails, the
sensitivity of the outcomes to the uncertainties, the assumptions (the base scenario's keys
that differ from their defaults, the experiment's settings and factors, with what docs/model.md
says of each) and provenance. :func:`cxsim.report.report` writes it into the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._html import details, e, short, svg, table, too_few
from ._words import CLEAR, CURRENCY, how_sure, interval, label
from .docs import model_sentence
from .errors import ScenarioError
from .experiment import Experiment
from .report import assumptions, written

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

    from .experiment import Outcome
    from .sampling import Factor


def experiment_body(results: xr.Dataset, source: str) -> str:
    """The report's sections for the experiment file `source`, opened as `results`."""
    from .analysis import policy_labels, scalar_outcomes

    exp = Experiment.from_toml(results.attrs["experiment"], source)
    CURRENCY.set(exp.scenario_at({}).values["money.currency"])
    outcomes = {o.name: o for o in scalar_outcomes(exp)}
    if not outcomes:
        raise ScenarioError(f"{source}: outcomes: every outcome is daily; a report needs one with aggregate \"run\", "
                            "\"final\" or \"annualised\" (export the daily ones: cxsim export)")
    labels = policy_labels(exp)
    levels = exp.summary(results)
    effects = exp.robustness(results) if len(labels) > 1 else None
    indices, why_not = _sensitivity(exp, results)
    draws = results.sizes["point"] // len(labels)  # every policy meets the same draws
    parts = ["<h2>Summary</h2>" + _summary(exp, labels, draws, levels, effects, indices, outcomes),
             too_few(draws, "draws", "samples") if exp.uncertainties else too_few(exp.replications),
             "<h2>Outcomes by policy</h2>" + _levels(levels, outcomes, results)]
    if effects is not None:
        parts.append(f"<h2>Effects against {e(labels[0])}</h2>" + _effects(effects, outcomes, results))
    if exp.uncertainties:
        from .plots import draws_figure

        parts.append("<h2>Across the uncertainties</h2>" + svg(
            draws_figure(exp, results), "Each point is one draw of the uncertainties, its outcome the mean over the "
                                        f"{exp.replications} replications; every policy meets the same draws."))
    if indices is not None:
        from .plots import sensitivity_figure

        parts.append("<h2>Sensitivity</h2>" + svg(sensitivity_figure(indices), _method(exp)) + _indices(indices))
    elif why_not:
        parts.append(f"<h2>Sensitivity</h2><p>{e(why_not)}</p>")
    daily = [o.name for o in exp.outcomes if o.aggregate == "daily"]
    if daily:
        parts.append(f"<p>Daily outcomes ({e(', '.join(daily))}) are in the file: <code>cxsim export</code> writes "
                     "them as tables.</p>")
    parts += ["<h2>Assumptions</h2>" + _settings(exp) + "<h3>The base scenario</h3>"
              + assumptions(exp.scenario.to_toml()),
              "<h2>Provenance</h2>" + _provenance(exp, results)]
    return "".join(parts)


def _sensitivity(exp: Experiment, results: xr.Dataset) -> tuple[pd.DataFrame | None, str]:
    """The sensitivity indices of a sobol or morris design, or why there are none ("" when the
    design was not made for them)."""
    from .analysis import ANALYSED_BY

    if exp.sampler not in ANALYSED_BY or not exp.uncertainties:
        return None, ""
    try:
        return exp.sensitivity(results), ""
    except ScenarioError as err:
        return None, str(err).split(": ", 1)[-1]


def _attrs(results: xr.Dataset, name: str) -> dict:
    return dict(results[name].attrs)


def _summary(exp: Experiment, labels: list[str], draws: int, levels: pd.DataFrame, effects: pd.DataFrame | None,
             indices: pd.DataFrame | None, outcomes: dict[str, Outcome]) -> str:
    varied = (f"{draws} draws of {len(exp.uncertainties)} uncertainties ({', '.join(f.key for f in exp.uncertainties)}"
              f"; {exp.sampler} design)" if exp.uncertainties else "one setting of the uncertain parameters")
    text = [f"<p>{e(exp.description) + ': ' if exp.description else ''}{len(labels)} "
            f"{'policy' if len(labels) == 1 else 'policies'} ({e('; '.join(labels))}) × {e(varied)}, "
            f"{exp.replications} replications each (seed {e(exp.seed)})."
            + (" Every policy meets the same draws and the same random numbers, so its effects are paired by draw. "
               + CLEAR if len(labels) > 1 else "") + "</p>"]
    if effects is None:
        said = [f"{label(o.kpi)} is " + interval(o.kpi, *levels.loc[(labels[0], name), ["mean", "ci95_low",
                                                                                       "ci95_high"]])
                for name, o in outcomes.items()]
        text.append(f"<p>Under {e(labels[0])}: " + "; ".join(map(e, said)) + ".</p>")
    else:
        for policy in labels[1:]:
            said = []
            for name, o in outcomes.items():
                r = effects.loc[(policy, name)]
                said.append(f"{label(o.kpi)} by {interval(o.kpi, r['effect'], r['ci95_low'], r['ci95_high'], True)}"
                            f"{how_sure(r['ci95_low'], r['ci95_high'])}, lower in {r['share_lower']:.0%} of the "
                            f"draws, higher in {r['share_higher']:.0%}")
            text.append(f"<p>Against {e(labels[0])}, <b>{e(policy)}</b> changes " + "; ".join(map(e, said)) + ".</p>")
    if indices is not None:
        text.append("<p>" + " ".join(e(_strongest(indices, name, policy)) for name in outcomes
                                     for policy in labels) + "</p>")
    return "".join(text)


def _strongest(indices: pd.DataFrame, outcome: str, policy: str) -> str:
    """The uncertainty that moves `outcome` most under `policy`, in a sentence."""
    rows = indices.loc[(outcome, policy)]
    column, what = ("ST", "its total-order Sobol index") if "ST" in rows.columns else ("mu_star", "Morris μ*")
    top = rows[column].idxmax()
    return (f"Of the uncertainties, {top} moves {outcome} most under {policy} ({what} {rows.loc[top, column]:.2g} ± "
            f"{rows.loc[top, column + '_conf']:.2g}).")


def _levels(levels: pd.DataFrame, outcomes: dict[str, Outcome], results: xr.Dataset) -> str:
    rows = [[policy, name, interval(outcomes[name].kpi, r["mean"], r["ci95_low"], r["ci95_high"],
                                    attrs=_attrs(results, name)), f"{r['n']} {r['over']}"]
            for (policy, name), r in levels.iterrows()]
    return ("<p>Each outcome's mean with its 95% interval over the draws of the uncertainties (each draw's value the "
            "mean of its replications).</p>" + table(["policy", "outcome", "mean (95% CI)", "over"], rows))


def _effects(effects: pd.DataFrame, outcomes: dict[str, Outcome], results: xr.Dataset) -> str:
    rows = []
    for (policy, name), r in effects.iterrows():
        rows.append([policy, name, interval(outcomes[name].kpi, r["effect"], r["ci95_low"], r["ci95_high"], True,
                                            _attrs(results, name)),
                     f"{r['share_lower']:.0%}", f"{r['share_higher']:.0%}", r["fails_where"] or "–"])
    return ("<p>Each policy's paired effect on each outcome, draw by draw, with its 95% interval over the draws; the "
            "share of draws in which it lowers and raises the outcome; and where its effect has the opposite sign "
            "of its mean (PRIM's box: the share of the draws inside that fail, and the share of all failures it "
            "holds).</p>" + table(["policy", "outcome", "paired effect (95% CI)", "lower in", "higher in",
                                   "fails where"], rows))


def _method(exp: Experiment) -> str:
    if exp.sampler == "sobol":
        return ("Sobol indices (Saltelli's design, SALib): S1 the share of the outcome's variance due to the "
                "uncertainty alone, ST with its interactions; 95% bootstrap intervals.")
    return ("Morris elementary effects (SALib): μ* the mean absolute change of the outcome over the uncertainty's "
            "range, σ their spread (non-linearity or interaction); 95% bootstrap interval of μ*.")


def _indices(indices: pd.DataFrame) -> str:
    columns = [c for c in indices.columns if c != "units"]
    rows = [[*index, *(f"{r[c]:.3g}" for c in columns)] for index, r in indices.iterrows()]
    return table(["outcome", "policy", "uncertainty", *columns], rows)


def _settings(exp: Experiment) -> str:
    """The experiment's fixed settings ([set]) and its factors, with what docs/model.md says of each key."""
    out = []
    if exp.overrides:
        out.append("<h3>Set at every point</h3>" + table(
            ["key", "value", "default", "docs/model.md"], [[k, short(v), *_documented(k)]
                                                           for k, v in exp.overrides.items()]))
    for title, factors in (("Uncertainties", exp.uncertainties), ("Levers", exp.levers)):
        if factors:
            out.append(f"<h3>{title}</h3>" + table(
                ["key", "values", "default", "docs/model.md"],
                [[f.key, _span(f), *_documented(f.key)] for f in factors]))
    return "".join(out)


def _span(f: Factor) -> str:
    if f.kind == "values":
        return ", ".join(map(str, f.values))
    shape = "".join(f", {k} {v:g}" for k, v in (("mode", f.mode), ("mean", f.mean), ("sd", f.sd)) if v is not None)
    return f"{f.low:g} to {f.high:g} ({f.distribution}{shape})"


def _documented(key: str) -> list[str]:
    """A key's default and what docs/model.md says of it (an array entry's key, such as
    ``call_types.billing.share``, as its schema row)."""
    from .experiment import schema_row

    p = schema_row(key)
    return ["–", "–"] if p is None else [short(p.default), model_sentence(p.key) or "–"]


def _provenance(exp: Experiment, results: xr.Dataset) -> str:
    a = results.attrs
    facts = [["experiment", exp.source], ["cxsim version", a.get("cxsim_version", "–")],
             ["git revision", a.get("git_revision", "–")], ["root seed", a.get("root_seed", "–")],
             ["points", results.sizes["point"]], ["replications per point", exp.replications]]
    return (written() + table(["", ""], facts) + details("experiment TOML (its base scenario resolved)",
                                                         a["experiment"]))
