"""A self-contained HTML report of a results file (a run, a comparison or an explanation): an
executive summary in words from the numbers, the chain from policy through mechanism to churn
and money with the paired effect at each link, the pathway waterfall, daily series with
replication bands, segment and call-type tables, money with lifetime value spelled out, the
assumptions that differ from the defaults (with what docs/model.md says of each) and provenance.
Figures are inline SVG and the styles inline: the file opens with no network and prints as is.
"""

from __future__ import annotations

import html
import io
import math
import tomllib
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._plot_units import unit_of
from .docs import model_sentence
from .files import open_any
from .schema import BY_KEY

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .compare import Comparison
    from .results import Results

# The money.currency of the results being shown (report() and Explanation.sentence set it).
CURRENCY: ContextVar[str] = ContextVar("currency", default=BY_KEY["money.currency"].default)
MIN_REPLICATIONS = 5  # below this a 95% interval means little (the command line warns too)
# The chain a policy acts through, link by link: the KPIs shown at each.
CHAIN = (
    ("policy", ("compression", "aht_first_contact_s", "engagement_mean", "praise_forwarded", "zero_outs")),
    ("mechanism", ("fcr", "repeat_contact_rate", "abandon_rate", "asa_s", "exhaustion_mean",
                   "agent_attrition_rate_annual")),
    ("churn", ("customers_churned_service", "customer_churn_rate_annual")),
    ("money", ("cost_total", "revenue_lost", "lifetime_value_lost", "net_value")),
)
SUMMARY = ("customer_churn_rate_annual", "fcr", "abandon_rate", "agent_attrition_rate_annual", "net_value")
# The effects an explanation's waterfalls show: the first two the file defines.
PATHWAYS = ("customer_churn_rate_annual", "net_value", "fcr", "abandon_rate", "asa_s")
SERIES = ("abandon_rate", "fcr", "customer_churn_rate_annual", "engagement_mean")
MONEY = ("cost_labour", "cost_hiring", "cost_telephony", "cost_recognition", "cost_total", "revenue", "net_value",
         "revenue_lost", "lifetime_value_lost")
STYLE = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:1px solid #999;margin-top:2.2rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}th,td{padding:.2rem .6rem;border-bottom:1px solid #ccc;
text-align:right}th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}figure svg{max-width:100%;
height:auto}figcaption{font-size:.85rem;color:#333}.warning{border:2px solid #000;padding:.6rem;background:#eee}
.chain{display:flex;flex-wrap:wrap;gap:.4rem;align-items:stretch}
.link{border:1px solid #333;padding:.4rem;flex:1 1 10rem}
.arrow{align-self:center;font-size:1.6rem}pre{white-space:pre-wrap;font-size:.8rem;background:#f4f4f4;padding:.5rem}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}}
"""


def report(path: str | Path, output: str | Path | None = None, explanations: Sequence[str | Path] = ()) -> Path:
    """Write the report of results file `path` to `output` (default: beside it, ``.html``),
    whole or not at all; returns the report's path. `explanations`: explanation files whose
    pathways a comparison's report shows, each of a scenario of the comparison against its base."""
    from ._files import replaced
    from .errors import ScenarioError
    from .explain import open_explanation

    path = Path(path)
    out = Path(output) if output is not None else path.with_suffix(".html")
    kind, opened = open_any(path)
    first = opened if kind == "run" else (opened.comparison if kind == "explanation" else opened)
    runs = [first] if kind == "run" else list(first.results.values())
    CURRENCY.set(currency_of(runs[0]))
    if explanations and kind != "comparison":
        raise ScenarioError(f"{path}: explanations go with a comparison file, this is a {kind} file")
    attached = [open_explanation(e) for e in explanations]
    for e, file in zip(attached, explanations, strict=True):
        if kind == "comparison" and (e.base != opened.names[0] or e.policy not in opened.names[1:]):
            raise ScenarioError(f"{file}: explains {e.policy} against {e.base}, not a scenario of {path} against "
                                f"its base {opened.names[0]}")
    if kind == "comparison":
        body = _comparison(opened, "".join(_pathways(e) for e in attached))
    else:
        body = {"run": _run, "explanation": _explanation}[kind](opened)
    title = f"cxsim {kind}: {path.name}"
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{_e(title)}</h1>{body}</body></html>")
    with replaced(out, ".tmp") as tmp:
        tmp.write_text(page, encoding="utf-8")
    return out


def currency_of(results: Results) -> str:
    """The money.currency of a run's scenario (its default for a file written before the key existed)."""
    money = tomllib.loads(results.attrs["scenario_toml"]).get("money", {})
    return str(money.get("currency", CURRENCY.get()))


def unit_attrs(metric: str) -> dict[str, str]:
    """The KPI's attributes as a file stores them: units, and the currency of a money KPI."""
    from . import _core

    for name, units, _, money in _core.metrics():
        if name == metric:
            return {"units": units, **({"currency": CURRENCY.get()} if money else {})}
    return {"units": ""}


def _e(x: Any) -> str:
    return html.escape(str(x))


def label(metric: str) -> str:
    """A KPI's name as prose says it: "customer churn rate (annual)", "aht (first contact)"."""
    words = metric.removesuffix("_s").replace("_", " ")
    for tail in (" annual", " first contact", " repeat"):
        if words.endswith(tail):
            words = f"{words.removesuffix(tail)} ({tail.strip()})"
    return words


def value(metric: str, x: float, attrs: dict[str, Any] | None = None, difference: bool = False) -> str:
    """A KPI's value in words' units: shares in % (differences in points), money with its currency."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    unit = unit_of(metric, attrs or unit_attrs(metric), difference)
    y = x * unit.factor
    text = f"{y:+,.3g}" if difference else f"{y:,.3g}"
    if abs(y) >= 1000:
        text = f"{y:+,.0f}" if difference else f"{y:,.0f}"
    return f"{text} {unit.text}" if unit.text != "number" else text


def _interval(metric: str, mean: float, low: float, high: float, difference: bool = False) -> str:
    if math.isnan(low):
        return value(metric, mean, difference=difference)
    return f"{value(metric, mean, difference=difference)} (95% CI {value(metric, low, difference=difference)} to " \
           f"{value(metric, high, difference=difference)})"


def _how_sure(low: float, high: float) -> str:
    if math.isnan(low):
        return "no interval (too few replications)"
    if low > 0 or high < 0:
        return "clear: the 95% interval excludes no change"
    return "not distinguishable from no change at 95%"


def _svg(fig: Figure, caption: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    svg = buffer.getvalue()
    return f"<figure>{svg[svg.index('<svg'):]}<figcaption>{_e(caption)}</figcaption></figure>"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _replications_warning(n: int) -> str:
    if n >= MIN_REPLICATIONS:
        return ""
    return (f"<p class='warning'><b>Too few replications:</b> {n} replications stand behind every interval here; "
            f"below {MIN_REPLICATIONS} a 95% interval means little. Run more (-r) before drawing conclusions.</p>")


def _run(r: Results) -> str:
    rows = r.summary()
    n = int(r.attrs["replications"])
    days = float(r.attrs["horizon_s"]) / 86400
    warmup = float(r.attrs["warmup_s"]) / 86400
    said = [f"{label(m)} is {_interval(m, rows.loc[m, 'mean'], rows.loc[m, 'ci95_low'], rows.loc[m, 'ci95_high'])}"
            for m in SUMMARY if m in rows.index and not math.isnan(rows.loc[m, "mean"])]
    parts = [f"<h2>Summary</h2><p>{_e(r.attrs.get('scenario_name', ''))}: {n} replications of {days:g} days, the "
             f"first {warmup:g} left out as warm-up. " + "; ".join(map(_e, said)) + ".</p>",
             _replications_warning(n),
             "<h2>The chain</h2>" + _chain_levels(rows),
             "<h2>Daily series</h2>" + _series(r),
             "<h2>Money</h2>" + _money({"": r}),
             _breakdowns({"": r}),
             "<h2>Assumptions</h2>" + _assumptions(r),
             "<h2>Provenance</h2>" + _provenance({r.attrs.get("scenario_name", ""): r})]
    return "".join(parts)


def _chain(triples: dict[str, tuple[float, float, float]], difference: bool) -> str:
    """The chain's links in a row, each with its KPIs' (mean, low, high)."""
    links = []
    for stage, metrics in CHAIN:
        shown = [f"<div>{_e(m)}: {_e(_interval(m, *triples[m], difference))}</div>"
                 for m in metrics if m in triples and not math.isnan(triples[m][0])]
        links.append(f"<div class='link'><b>{stage}</b>{''.join(shown)}</div>")
    return "<div class='chain'>" + "<div class='arrow'>→</div>".join(links) + "</div>"


def _chain_levels(rows: Any) -> str:
    return _chain({str(m): (r["mean"], r["ci95_low"], r["ci95_high"]) for m, r in rows.iterrows()}, False)


def _chain_effects(c: Comparison, name: str) -> str:
    ds = c.dataset.sel(scenario=name)
    triples = {str(m): tuple(float(ds[k].sel(metric=m)) for k in ("diff", "diff_ci95_low", "diff_ci95_high"))
               for m in ds["metric"].values}
    return (f"<p>{_e(name)} against {_e(c.names[0])}: paired effect at each link, with its 95% interval.</p>"
            + _chain(triples, True))


def _series(runs: Any) -> str:
    from .plots import daily_figure

    daily = runs.results[runs.names[0]].daily if hasattr(runs, "names") else runs.daily
    shown = [m for m in SERIES if m in daily.data_vars and not bool(daily[m].isnull().all())]
    return _svg(daily_figure(runs, shown), "Per simulated day: each scenario's mean over replications, the band its "
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
    return _table(["KPI", *names], rows) + note


def _breakdowns(runs: dict[str, Results]) -> str:
    out = []
    for name, r in runs.items():
        for title, table in (("call type", r.call_type_summary()), ("customer segment", r.segment_summary())):
            if table is None:
                continue
            header = [title, *map(str, table.columns)]
            rows = [[str(i), *(f"{v:,.4g}" for v in row)] for i, row in table.iterrows()]
            out.append(f"<h3>Per {title}{': ' + _e(name) if name else ''} (mean over replications)</h3>"
                       + _table(header, rows))
    return "<h2>Call types and segments</h2>" + "".join(out) if out else ""


def _assumptions(r: Results) -> str:
    """Every scenario key whose value differs from its default, with what docs/model.md says of it."""
    from .scenario import Scenario
    from .schema import ARRAYS, BY_KEY

    scenario = Scenario.from_dict(tomllib.loads(r.attrs["scenario_toml"]))
    rows = []
    for key, v in scenario.values.items():
        if key in ARRAYS:  # tables of entries (call types, shifts, segments): listed as given
            if v:
                rows.append([key, f"{len(v)} entries: " + ", ".join(str(e.get("name", "")) for e in v), "none", "",
                             "docs/scenarios.md lists their keys"])
            continue
        p = BY_KEY[key]
        if not p.engine or v == p.default:
            continue
        rows.append([key, _short(v), _short(p.default), p.unit, model_sentence(key) or "–"])
    if not rows:
        return "<p>Every key at its default.</p>"
    return ("<p>Every scenario key that differs from its default (docs/scenarios.md), with what docs/model.md says "
            "of it: its equation's source or \"assumption\".</p>" + _table(["key", "value", "default", "unit",
                                                                            "docs/model.md"], rows))


def _short(v: Any) -> str:
    text = str(v)
    return text if len(text) <= 60 else text[:57] + "…"


def _provenance(runs: dict[str, Results]) -> str:
    out = [f"<p>Report written {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.</p>"]
    for name, r in runs.items():
        a = r.attrs
        facts = [["scenario", name], ["cxsim version", a.get("cxsim_version", "–")],
                 ["git revision", a.get("git_revision", "–")], ["root seed", a.get("root_seed", "–")],
                 ["replications", a.get("replications", "–")], ["run started (UTC)", a.get("started_utc", "–")]]
        out.append(_table(["", ""], facts))
        if "scenario_toml" in a:
            out.append(f"<details><summary>scenario TOML of {_e(name)}</summary><pre>{_e(a['scenario_toml'])}</pre>"
                       "</details>")
    return "".join(out)


def _comparison(c: Comparison, waterfall: str = "") -> str:
    n = c.replications
    lines = []
    for name in c.names[1:]:
        ds = c.dataset.sel(scenario=name)
        said = []
        for m in SUMMARY:
            d = ds.sel(metric=m)
            if math.isnan(float(d["diff"])):
                continue
            low, high = float(d["diff_ci95_low"]), float(d["diff_ci95_high"])
            said.append(f"{label(m)} by {_interval(m, float(d['diff']), low, high, True)}, {_how_sure(low, high)}")
        lines.append(f"<p>Against {_e(c.names[0])}, <b>{_e(name)}</b> changes " + "; ".join(map(_e, said)) + ".</p>")
    from .plots import comparison_figure

    parts = [f"<h2>Summary</h2><p>{len(c.names)} scenarios, {n} replications each under common random numbers "
             f"(seed {_e(c.attrs.get('root_seed'))}): replication r of every scenario meets the same callers, so each "
             "difference is paired by replication.</p>" + "".join(lines),
             _replications_warning(n),
             "<h2>The chain</h2>" + "".join(_chain_effects(c, name) for name in c.names[1:]),
             waterfall,
             "<h2>Effects</h2>" + _svg(comparison_figure(c.dataset, [m for m in SUMMARY if m in c.dataset["metric"]]),
                                       "Paired difference from the base with its 95% interval."),
             "<h2>Daily series</h2>" + _series(c),
             "<h2>Money</h2>" + _money(c.results),
             _segment_differences(c),
             _breakdowns(c.results),
             "<h2>Assumptions</h2>" + "".join(f"<h3>{_e(name)}</h3>{_assumptions(r)}" for name, r in c.results.items()),
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
    return "<h2>Segments</h2>" + _table(["scenario: segment", "total", "paired difference", "95% CI"], rows)


def _explanation(e: Any) -> str:
    return _comparison(e.comparison, _pathways(e))


def _pathways(e: Any) -> str:
    """The waterfalls of a policy's effects by channel, and their table."""
    figures, rows = [], []
    defined = [m for m in PATHWAYS if not math.isnan(float(e.total["mean"].sel(metric=m)))]
    for m in defined[:2]:
        parts = e.table(m)[["mean", "ci95_low", "ci95_high"]]
        figures.append(_svg(e.figure(m), e.sentence(m)))
        for part, row in parts.iterrows():
            rows.append([m, part, _interval(m, row["mean"], row["ci95_low"], row["ci95_high"], True)])
    first = e.table(defined[0])["mean"].abs()
    biggest = first.idxmax() if first.notna().any() else "–"
    text = (f"<h2>Pathways: {_e(e.policy)}</h2><p>Each channel's contribution is its Shapley value over the "
            f"{len(e.channels)} "
            f"channels ({', '.join(e.channels)}): the policy was run with every combination of them held at the base's "
            f"values, under common random numbers. The largest part of the effect on {_e(label(defined[0]))} goes "
            f"via <b>{_e(biggest)}</b>; 'other' is what the policy does with every channel held. Parts add up to the "
            "total.</p>")
    return text + "".join(figures) + _table(["KPI", "part", "contribution"], rows)

