"""A self-contained HTML report of a results file (a run, a comparison or an explanation): an
executive summary in words from the numbers, the chain from policy through mechanism to churn
and money with the paired effect at each link, the pathway waterfall, daily series with
replication bands, segment and call-type tables, money with lifetime value spelled out, the
assumptions that differ from the defaults (with what docs/model.md says of each) and provenance.
Figures are inline SVG and the styles inline: the file opens with no network and prints as is.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._html import details, e, page, short, svg, table, too_few
from ._words import CLEAR, CURRENCY, HEADLINE, currency_of, how_sure, interval, label, value
from .docs import model_sentence
from .files import open_any

if TYPE_CHECKING:
    from .compare import Comparison
    from .results import Results

# The chain a policy acts through, link by link: the KPIs shown at each.
CHAIN = (
    ("policy", ("compression", "aht_first_contact_s", "engagement_mean", "praise_forwarded", "zero_outs")),
    ("mechanism", ("fcr", "repeat_contact_rate", "abandon_rate", "asa_s", "exhaustion_mean",
                   "agent_attrition_rate_annual")),
    ("churn", ("customers_churned_service", "customer_churn_rate_annual")),
    ("money", ("cost_total", "revenue_lost", "lifetime_value_lost", "net_value")),
)
SERIES = ("abandon_rate", "fcr", "customer_churn_rate_annual", "engagement_mean")
MONEY = ("cost_labour", "cost_hiring", "cost_telephony", "cost_recognition", "cost_total", "revenue", "net_value",
         "revenue_lost", "lifetime_value_lost")


def report(path: str | Path, output: str | Path | None = None, explanations: Sequence[str | Path] = ()) -> Path:
    """Write the report of results file `path` (a run, comparison, explanation or experiment) to
    `output` (default: beside it, ``.html``), whole or not at all; returns the report's path.
    `explanations`: explanation files whose pathways a comparison's report shows, each of a
    scenario of the comparison against its base."""
    from ._files import replaced
    from .errors import ScenarioError
    from .explain import open_explanation

    path = Path(path)
    out = Path(output) if output is not None else path.with_suffix(".html")
    kind, opened = open_any(path)
    if explanations and kind != "comparison":
        raise ScenarioError(f"{path}: explanations go with a comparison file, this is a {kind} file")
    attached = [open_explanation(x) for x in explanations]
    for x, file in zip(attached, explanations, strict=True):
        if x.base != opened.names[0] or x.policy not in opened.names[1:]:
            raise ScenarioError(f"{file}: explains {x.policy} against {x.base}, not a scenario of {path} against "
                                f"its base {opened.names[0]}")
    if kind == "experiment":
        from .report_experiment import experiment_body

        body = experiment_body(opened, str(path))
    else:
        comparison = opened.comparison if kind == "explanation" else opened
        CURRENCY.set(currency_of(opened if kind == "run" else comparison.results[comparison.names[0]]))
        if kind == "comparison":
            body = _comparison(opened, "".join(_pathways(x) for x in attached))
        else:
            body = {"run": _run, "explanation": _explanation}[kind](opened)
    with replaced(out, ".tmp") as tmp:
        tmp.write_text(page(f"cxsim {kind}: {path.name}", body), encoding="utf-8")
    return out


def _run(r: Results) -> str:
    rows = r.summary()
    n = int(r.attrs["replications"])
    days = float(r.attrs["horizon_s"]) / 86400
    warmup = float(r.attrs["warmup_s"]) / 86400
    said = [f"{label(m)} is {interval(m, rows.loc[m, 'mean'], rows.loc[m, 'ci95_low'], rows.loc[m, 'ci95_high'])}"
            for m in HEADLINE if m in rows.index and not math.isnan(rows.loc[m, "mean"])]
    parts = [f"<h2>Summary</h2><p>{e(r.attrs.get('scenario_name', ''))}: {n} replications of {days:g} days, the "
             f"first {warmup:g} left out as warm-up. " + "; ".join(map(e, said)) + ".</p>",
             too_few(n),
             "<h2>The chain</h2>" + _chain_levels(rows),
             "<h2>Daily series</h2>" + _series(r),
             "<h2>Money</h2>" + _money({"": r}),
             _breakdowns({"": r}),
             "<h2>Assumptions</h2>" + assumptions(r.attrs["scenario_toml"]),
             "<h2>Provenance</h2>" + _provenance({r.attrs.get("scenario_name", ""): r})]
    return "".join(parts)


def _chain(triples: dict[str, tuple[float, float, float]], difference: bool) -> str:
    """The chain's links in a row, each with its KPIs' (mean, low, high)."""
    links = []
    for stage, metrics in CHAIN:
        shown = [f"<div>{e(m)}: {e(interval(m, *triples[m], difference))}</div>"
                 for m in metrics if m in triples and not math.isnan(triples[m][0])]
        links.append(f"<div class='link'><b>{stage}</b>{''.join(shown)}</div>")
    return "<div class='chain'>" + "<div class='arrow'>→</div>".join(links) + "</div>"


def _chain_levels(rows: Any) -> str:
    return _chain({str(m): (r["mean"], r["ci95_low"], r["ci95_high"]) for m, r in rows.iterrows()}, False)


def _chain_effects(c: Comparison, name: str) -> str:
    ds = c.dataset.sel(scenario=name)
    triples = {str(m): tuple(float(ds[k].sel(metric=m)) for k in ("diff", "diff_ci95_low", "diff_ci95_high"))
               for m in ds["metric"].values}
    return (f"<p>{e(name)} against {e(c.names[0])}: paired effect at each link, with its 95% interval.</p>"
            + _chain(triples, True))


def _series(runs: Any) -> str:
    from .plots import daily_figure

    daily = runs.results[runs.names[0]].daily if hasattr(runs, "names") else runs.daily
    shown = [m for m in SERIES if m in daily.data_vars and not bool(daily[m].isnull().all())]
    return svg(daily_figure(runs, shown), "Per simulated day: each scenario's mean over replications, the band its "
                                          "95% interval across replications; the warm-up is shaded.")


def _money(runs: dict[str, Results]) -> str:
    rows = []
    for m in MONEY:
        cells = [m]
        for r in runs.values():
            s = r.summary()
            cells.append(value(m, s.loc[m, "mean"]) if m in s.index else "–")
        rows.append(cells)
    names = [n or "mean" for n in runs]
    note = ("<p><b>Lifetime value is shown apart:</b> net_value is revenue less costs over the simulated period; it "
            "does not count what churned customers would have brought after it. lifetime_value_lost is their value "
            "over their expected remaining lifetime (money.customer_lifetime_months); revenue_lost the part of it "
            "inside the period.</p>")
    return table(["KPI", *names], rows) + note


def _breakdowns(runs: dict[str, Results]) -> str:
    out = []
    for name, r in runs.items():
        for title, frame in (("call type", r.call_type_summary()), ("customer segment", r.segment_summary())):
            if frame is None:
                continue
            header = [title, *map(str, frame.columns)]
            rows = [[str(i), *(f"{v:,.4g}" for v in row)] for i, row in frame.iterrows()]
            out.append(f"<h3>Per {title}{': ' + e(name) if name else ''} (mean over replications)</h3>"
                       + table(header, rows))
    return "<h2>Call types and segments</h2>" + "".join(out) if out else ""


def assumptions(scenario_toml: str) -> str:
    """Every key of the scenario (its TOML, resolved) whose value differs from its default, with
    what docs/model.md says of it."""
    from .scenario import Scenario
    from .schema import ARRAYS, BY_KEY

    scenario = Scenario.from_dict(tomllib.loads(scenario_toml))
    rows = []
    for key, v in scenario.values.items():
        if key in ARRAYS:  # tables of entries (call types, shifts, segments): listed as given
            if v:
                rows.append([key, f"{len(v)} entries: " + ", ".join(str(x.get("name", "")) for x in v), "none", "",
                             "docs/scenarios.md lists their keys"])
            continue
        p = BY_KEY[key]
        if not p.engine or v == p.default:
            continue
        rows.append([key, short(v), short(p.default), p.unit, model_sentence(key) or "–"])
    if not rows:
        return "<p>Every key at its default.</p>"
    return ("<p>Every scenario key that differs from its default (docs/scenarios.md), with what docs/model.md says "
            "of it: its equation's source or \"assumption\".</p>" + table(["key", "value", "default", "unit",
                                                                            "docs/model.md"], rows))


def written() -> str:
    """When the report was written."""
    return f"<p>Report written {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.</p>"


def _provenance(runs: dict[str, Results]) -> str:
    out = [written()]
    for name, r in runs.items():
        a = r.attrs
        facts = [["scenario", name], ["cxsim version", a.get("cxsim_version", "–")],
                 ["git revision", a.get("git_revision", "–")], ["root seed", a.get("root_seed", "–")],
                 ["replications", a.get("replications", "–")], ["run started (UTC)", a.get("started_utc", "–")]]
        out.append(table(["", ""], facts))
        if "scenario_toml" in a:
            out.append(details(f"scenario TOML of {name}", a["scenario_toml"]))
    return "".join(out)


def _comparison(c: Comparison, waterfall: str = "") -> str:
    n = c.replications
    lines = []
    for name in c.names[1:]:
        ds = c.dataset.sel(scenario=name)
        said = []
        for m in HEADLINE:
            d = ds.sel(metric=m)
            if math.isnan(float(d["diff"])):
                continue
            low, high = float(d["diff_ci95_low"]), float(d["diff_ci95_high"])
            said.append(f"{label(m)} by {interval(m, float(d['diff']), low, high, True)}{how_sure(low, high)}")
        lines.append(f"<p>Against {e(c.names[0])}, <b>{e(name)}</b> changes " + "; ".join(map(e, said)) + ".</p>")
    from .plots import comparison_figure

    parts = [f"<h2>Summary</h2><p>{len(c.names)} scenarios, {n} replications each under common random numbers "
             f"(seed {e(c.attrs.get('root_seed'))}): replication r of every scenario meets the same callers, so each "
             f"difference is paired by replication. {CLEAR}</p>" + "".join(lines),
             too_few(n),
             "<h2>The chain</h2>" + "".join(_chain_effects(c, name) for name in c.names[1:]),
             waterfall,
             "<h2>Effects</h2>" + svg(comparison_figure(c.dataset, [m for m in HEADLINE if m in c.dataset["metric"]]),
                                      "Paired difference from the base with its 95% interval."),
             "<h2>Daily series</h2>" + _series(c),
             "<h2>Money</h2>" + _money(c.results),
             _segment_differences(c),
             _breakdowns(c.results),
             "<h2>Assumptions</h2>" + "".join(f"<h3>{e(name)}</h3>{assumptions(r.attrs['scenario_toml'])}"
                                              for name, r in c.results.items()),
             "<h2>Provenance</h2>" + _provenance(c.results)]
    return "".join(parts)


def _segment_differences(c: Comparison) -> str:
    seg = c.segments
    if seg is None:
        return ""
    rows = []
    for name in c.names[1:]:
        for s in seg["segment"].values:
            for t in ("churned", "churn_rate", "value_monthly_churned"):
                d = seg.sel(scenario=name, segment=s, total=t)
                rows.append([f"{name}: {s}", t, f"{float(d['diff']):+,.4g}",
                             f"{float(d['diff_ci95_low']):+,.4g} to {float(d['diff_ci95_high']):+,.4g}"])
    return "<h2>Segments</h2>" + table(["scenario: segment", "total", "paired difference", "95% CI"], rows)


def _explanation(x: Any) -> str:
    return _comparison(x.comparison, _pathways(x))


def _pathways(x: Any) -> str:
    """The waterfalls of a policy's effects by channel (the first two headline KPIs it defines), and their table."""
    figures, rows = [], []
    defined = x.defined()
    for m in defined[:2]:
        parts = x.table(m)[["mean", "ci95_low", "ci95_high"]]
        figures.append(svg(x.figure(m), x.sentence(m)))
        for part, row in parts.iterrows():
            rows.append([m, part, interval(m, row["mean"], row["ci95_low"], row["ci95_high"], True)])
    first = x.table(defined[0])["mean"].abs()
    biggest = first.idxmax() if first.notna().any() else "–"
    text = (f"<h2>Pathways: {e(x.policy)}</h2><p>Each channel's contribution is its Shapley value over the "
            f"{len(x.channels)} "
            f"channels ({', '.join(x.channels)}): the policy was run with every combination of them held at the base's "
            f"values, under common random numbers. The largest part of the effect on {e(label(defined[0]))} goes "
            f"via <b>{e(biggest)}</b>; 'other' is what the policy does with every channel held. Parts add up to the "
            "total.</p>")
    return text + "".join(figures) + table(["KPI", "part", "contribution"], rows)
