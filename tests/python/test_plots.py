"""The figures of cxsim.plots and `cxsim plot`: axes labelled with their units, uncertainty drawn
where the numbers say, series told apart without colour, and bad input refused."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.container import ErrorbarContainer
from matplotlib.patches import Rectangle
from scipy import stats

import cxsim
from conftest import SCENARIOS
from cxsim import plots
from cxsim._plot_units import unit_of
from cxsim.schema import BY_KEY

REPLICATIONS = 5
HORIZON_DAYS = 3  # erlang_a.toml warms up for 1 day


def erlang_a(**overrides):
    return cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(
        {"simulation.horizon_days": HORIZON_DAYS, **overrides})


@pytest.fixture(scope="module")
def run():
    return cxsim.run(erlang_a(), replications=REPLICATIONS, seed=3)


@pytest.fixture(scope="module")
def comparison():
    scenarios = [erlang_a(), erlang_a(name="more_agents", **{"agents.count": 15}),
                 erlang_a(name="fewer_agents", **{"agents.count": 13})]
    return cxsim.compare(scenarios, replications=REPLICATIONS, seed=3)


def t_interval(values):
    """Mean and 95% Student-t interval of `values` (one per replication)."""
    mean, sem = values.mean(), values.std(ddof=1) / np.sqrt(len(values))
    half = stats.t.ppf(0.975, len(values) - 1) * sem
    return mean, mean - half, mean + half


def band_at(ax, i, x):
    """The lower and upper edge of the `i`-th band (fill_between) of `ax` at `x`."""
    band = [c for c in ax.collections if isinstance(c, PolyCollection)][i]
    vertices = band.get_paths()[0].vertices
    at = vertices[np.isclose(vertices[:, 0], x)][:, 1]
    return at.min(), at.max()


def series_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def test_daily_figure_labels_units_draws_bands_and_marks_the_warm_up(comparison):
    fig = plots.daily_figure(comparison, ["abandon_rate", "asa_s"])
    share, seconds = fig.axes
    assert share.get_ylabel() == "abandon_rate (%)" and seconds.get_ylabel() == "asa_s (seconds)"
    assert "day" in seconds.get_xlabel() and "95%" in fig.get_suptitle()
    for ax, metric, factor in ((share, "abandon_rate", 100), (seconds, "asa_s", 1)):
        lines = series_lines(ax)
        assert [line.get_label() for line in lines] == comparison.names
        # Told apart without colour: each scenario has its own line style and marker.
        assert len({(line.get_linestyle(), line.get_marker()) for line in lines}) == len(lines)
        for i, name in enumerate(comparison.names):
            values = comparison.results[name].daily[metric].sel(day=2).values * factor
            mean, low, high = t_interval(values)
            assert lines[i].get_ydata()[2] == pytest.approx(mean)
            assert band_at(ax, i, 2) == pytest.approx((low, high))
        (warmup,) = [p for p in ax.patches if p.get_label().startswith("warm-up")]
        assert warmup.get_hatch()
        assert warmup.get_x() + warmup.get_width() == pytest.approx(0.5)  # one day of warm-up: day 0 shaded, not 1


def test_intraday_figure_is_the_mean_by_interval_of_the_day_after_the_warm_up(run):
    fig = plots.intraday_figure(run, ["service_level"])
    ax = fig.axes[0]
    assert ax.get_ylabel() == "service_level (%)" and "hour of the day" in ax.get_xlabel()
    intervals = run.intervals
    per_day = 86400 / intervals.attrs["interval_s"]
    after = intervals["service_level"].values[:, intervals.attrs["first_reported_interval"]:]
    by_slot = after.reshape(REPLICATIONS, -1, int(per_day)).mean(axis=1) * 100  # (replication, slot)
    line = series_lines(ax)[0]
    assert line.get_xdata()[0] == pytest.approx(0.5)  # the first hour's midpoint
    slot = 7
    mean, low, high = t_interval(by_slot[:, slot])
    assert line.get_ydata()[slot] == pytest.approx(mean)
    assert band_at(ax, 0, slot + 0.5) == pytest.approx((low, high))


def test_comparison_figure_is_a_forest_of_paired_differences_with_their_cis(comparison):
    metrics = ["abandon_rate", "asa_s", "cost_total"]
    fig = plots.comparison_figure(comparison.dataset, metrics)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in shown] == metrics
    assert [ax.get_xlabel() for ax in shown] == [
        "difference (percentage points)", "difference (seconds)", f"difference ({BY_KEY['money.currency'].default})"]
    assert "from erlang_a" in fig.get_suptitle() and "95%" in fig.get_suptitle()
    for ax, metric, factor in zip(shown, metrics, (100, 1, 1), strict=True):
        assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())  # the zero line
        bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert [b.get_label() for b in bars] == comparison.names[1:]
        assert len({b.lines[0].get_marker() for b in bars}) == len(bars)
        for bar, name in zip(bars, comparison.names[1:], strict=True):
            d = comparison.dataset.sel(scenario=name, metric=metric)
            segment = bar.lines[2][0].get_segments()[0]  # the horizontal error bar
            assert sorted(segment[:, 0]) == pytest.approx(
                [float(d["diff_ci95_low"]) * factor, float(d["diff_ci95_high"]) * factor])
            assert bar.lines[0].get_xdata()[0] == pytest.approx(float(d["diff"]) * factor)


def test_comparison_figure_says_when_a_kpi_is_not_defined(comparison):
    fig = plots.comparison_figure(comparison.dataset, ["fcr", "asa_s"])  # no customers, so no FCR
    undefined, defined = fig.axes[:2]
    assert [t.get_text() for t in undefined.texts] == ["not defined in these runs"] and not defined.texts


def pathways():
    parts = pd.DataFrame({"mean": [0.004, -0.0015, 0.002], "ci95_low": [0.003, -0.0025, 0.0005],
                          "ci95_high": [0.005, -0.0005, 0.0035]}, index=["resolution", "waits", "quits"])
    total = {"mean": 0.0052, "ci95_low": 0.0031, "ci95_high": 0.0073}
    parts.loc["other"] = [total["mean"] - parts["mean"].sum(), -0.001, 0.0015]  # the remainder
    return parts, total


def test_waterfall_bars_step_to_the_total_with_cis():
    parts, total = pathways()
    fig = plots.waterfall_figure(parts, total, "customer_churn_rate_annual", "1")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "effect (percentage points per year)"
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == len(parts) + 1
    *steps, whole = bars
    assert sum(b.get_height() for b in steps) == pytest.approx(whole.get_height())
    assert whole.get_y() == 0 and whole.get_height() == pytest.approx(total["mean"] * 100)
    ends = np.cumsum(parts["mean"].to_numpy()) * 100
    assert [b.get_y() for b in steps] == pytest.approx([0, *ends[:-1]])
    # Raising and lowering parts and the total differ by hatch, not only by shade.
    assert {steps[0].get_hatch(), steps[1].get_hatch(), whole.get_hatch()} == {"//", "\\\\", None}
    errors = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errors) == len(parts) + 1
    # Each part's interval is placed where its step starts, the total's from zero.
    rows = [*(row for _, row in parts.iterrows()), total]
    for bar, start, row in zip(errors, [0, *ends[:-1], 0], rows, strict=True):
        assert sorted(bar.lines[2][0].get_segments()[0][:, 1]) == pytest.approx(
            [start + row["ci95_low"] * 100, start + row["ci95_high"] * 100])


def test_money_shows_its_currency_code_or_says_currency_units(run, comparison):
    assert unit_of("net_value", {"units": "1", "currency": "EUR"}).text == "EUR"
    assert unit_of("net_value", {"units": "currency"}).text == "currency units"
    parts, total = pathways()
    assert plots.waterfall_figure(parts, total, "net_value", "1", currency="EUR").axes[0].get_ylabel() == "effect (EUR)"
    forest = plots.comparison_figure(comparison.dataset.assign_attrs(currency="EUR"), ["cost_total"])
    assert forest.axes[0].get_xlabel() == "difference (EUR)"
    daily = run.daily.copy()
    daily["cost_total"].attrs = {"units": "1", "currency": "EUR"}
    in_euros = cxsim.Results({"daily": lambda: daily}, dict, run.attrs)
    assert plots.daily_figure(in_euros, ["cost_total"]).axes[0].get_ylabel() == "cost_total (EUR)"


@pytest.mark.parametrize(("metric", "units", "text"), [
    ("fcr", "1", "%"), ("shrinkage", "1", "%"), ("customer_churn_rate_annual", "1", "% per year"),
    ("customers_churned", "1", "number"), ("csat_mean", "1", "number"), ("overtime_hours", "h", "hours")])
def test_shares_are_shown_in_percent_and_other_units_spelled_out(metric, units, text):
    assert unit_of(metric, {"units": units}).text == text


def cxsim_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "cxsim", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    where = tmp_path_factory.mktemp("plot")
    cxsim.run(erlang_a(), replications=2, seed=1, output=where / "run.h5")
    cxsim.compare([erlang_a(), erlang_a(name="more_agents", **{"agents.count": 15})], replications=2, seed=1,
                  output=where / "cmp.h5")
    return where


@pytest.mark.parametrize(("source", "kind"), [("run.h5", "daily"), ("run.h5", "intraday"), ("cmp.h5", "daily"),
                                              ("cmp.h5", "comparison")])
def test_cli_writes_a_png_of_each_kind(files, source, kind):
    out = files / f"{source}_{kind}.png"
    r = cxsim_cli("plot", source, "--kind", kind, "--metric", "abandon_rate", "--metric", "asa_s", "-o", out,
                  cwd=files)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(files.glob("*.tmp"))


@pytest.mark.parametrize(("args", "fragment"), [
    (("missing.h5", "--kind", "daily"), "missing.h5: no such results file"),
    (("run.h5", "--kind", "comparison"), "run.h5: --kind: 'comparison' needs a comparison file"),
    (("cmp.h5", "--kind", "daily", "--metric", "churn"), "cmp.h5: --metric: unknown KPI 'churn'"),
    (("run.h5", "--kind", "weekly"), "'weekly' is not one of 'daily', 'intraday', 'comparison'"),
])
def test_cli_refuses_bad_input_with_one_line_and_writes_nothing(files, args, fragment):
    out = files / "refused.png"
    r = cxsim_cli("plot", *args, "-o", out, cwd=files)
    assert r.returncode == 2
    assert fragment in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not out.exists() and not list(files.glob("*.tmp"))


def test_cli_refuses_an_output_that_is_not_a_figure_or_exists(files):
    r = cxsim_cli("plot", "run.h5", "--kind", "daily", "-o", "fig.txt", cwd=files)
    assert r.returncode == 2 and "-o: 'fig.txt' has no figure suffix; allowed: .png, .svg, .pdf" in r.stderr
    assert not (files / "fig.txt").exists()
    (files / "old.png").write_bytes(b"old")
    r = cxsim_cli("plot", "run.h5", "--kind", "daily", "-o", "old.png", cwd=files)
    assert r.returncode == 2 and "--overwrite" in r.stderr
    assert (files / "old.png").read_bytes() == b"old"
