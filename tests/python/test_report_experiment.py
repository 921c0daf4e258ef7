"""cxsim report of an experiment (a sweep's results), and what the report reads from it: each
outcome under each policy, the effects across the draws, the sensitivity, provenance."""

import json
import re

import numpy as np
import pytest

import cxsim
from conftest import SCENARIOS, cxsim_main
from cxsim._words import how_sure, interval
from cxsim.report import report

QUEUE = {"simulation.horizon_days": 2, "agents.count": 12}
FACTORS = [{"key": "arrivals.calls_per_hour", "range": [150.0, 230.0]},
           {"key": "callers.mean_patience_s", "range": [120.0, 600.0]}]
LEVERS = [{"key": "policy.aht_target_s", "values": [120.0, 400.0]}]


def experiment(**options):
    defaults = {"replications": 2, "seed": 3, "sampler": "sobol", "samples": 4, "set": QUEUE}
    return cxsim.Experiment.from_options(SCENARIOS / "erlang_a.toml", FACTORS, LEVERS,
                                         ["abandon_rate", "asa_s"], **{**defaults, **options})


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    d = tmp_path_factory.mktemp("report_experiment")
    exp = experiment()
    cxsim.sweep(exp, d / "exp.h5", threads=True)
    return exp, d


def page(path):
    return path.read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_page_with_every_section(swept):
    exp, d = swept
    text = page(report(d / "exp.h5", d / "exp.html"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text) and "<script" not in text
    figures = re.findall(r"<figure>(.*?)</figure>", text, flags=re.S)
    assert len(figures) == 2 and all(f.lstrip().startswith("<svg") for f in figures)  # draws, sensitivity
    for section in ("Summary", "Outcomes by policy", "Effects against policy.aht_target_s=120.0",
                    "Across the uncertainties", "Sensitivity", "Assumptions", "Provenance"):
        assert f"<h2>{section}</h2>" in text
    assert "<h3>Uncertainties</h3>" in text and "<h3>Levers</h3>" in text and "<h3>Set at every point</h3>" in text
    assert cxsim._core.provenance()["git_revision"] in text and "experiment TOML" in text


def test_the_summary_says_each_effect_and_level_from_the_analyses(swept):
    exp, d = swept
    text = page(report(d / "exp.h5", d / "words.html"))
    effects = exp.robustness(d / "exp.h5")
    for outcome in ("abandon_rate", "asa_s"):
        r = effects.loc[("policy.aht_target_s=400.0", outcome)]
        said = interval(outcome, r["effect"], r["ci95_low"], r["ci95_high"], True)
        assert f"{said}{how_sure(r['ci95_low'], r['ci95_high'])}, lower in {r['share_lower']:.0%}" in text
    levels = exp.summary(d / "exp.h5")
    r = levels.loc[("policy.aht_target_s=120.0", "abandon_rate")]
    assert interval("abandon_rate", r["mean"], r["ci95_low"], r["ci95_high"]) in text
    assert "%" in interval("abandon_rate", r["mean"], r["ci95_low"], r["ci95_high"])  # a share in per cent
    top = exp.sensitivity(d / "exp.h5").loc[("asa_s", "policy.aht_target_s=120.0")]["ST"].idxmax()
    assert f"Of the uncertainties, {top} moves asa_s most under policy.aht_target_s=120.0" in text


def test_an_experiment_file_records_what_built_it(swept):
    _, d = swept
    results = cxsim.open_experiment(d / "exp.h5")
    assert {k: results.attrs[k] for k in ("cxsim_version", "git_revision")} == cxsim._core.provenance()


def test_the_summary_over_replications_matches_a_run_of_the_same_point(tmp_path):
    """One draw, one policy: the experiment's interval is over its replications, and replication r
    of a sweep's point draws the streams of replication r of a run, so both summaries agree."""
    exp = cxsim.Experiment.from_options(SCENARIOS / "erlang_a.toml", [], [], ["abandon_rate"], replications=5, seed=7,
                                        set={**QUEUE, "arrivals.calls_per_hour": 200.0})
    cxsim.sweep(exp, tmp_path / "one.h5", threads=True)
    level = exp.summary(tmp_path / "one.h5").loc[("base", "abandon_rate")]
    run = cxsim.run(exp.scenario_at({}), replications=5, seed=7).summary().loc["abandon_rate"]
    assert (level["over"], level["n"]) == ("replications", 5)
    np.testing.assert_allclose(level[["mean", "ci95_low", "ci95_high"]].to_numpy(dtype=float),
                               run[["mean", "ci95_low", "ci95_high"]].to_numpy(dtype=float), rtol=1e-12)
    text = page(report(tmp_path / "one.h5", tmp_path / "one.html"))
    assert "Too few" not in text and "<h2>Effects" not in text and "<h2>Sensitivity" not in text


def test_few_draws_are_flagged(tmp_path):
    exp = cxsim.Experiment.from_options(SCENARIOS / "erlang_a.toml", FACTORS, [], ["abandon_rate"], replications=2,
                                        seed=1, sampler="latin_hypercube", samples=3, set=QUEUE)
    cxsim.sweep(exp, tmp_path / "few.h5", threads=True)
    assert "Too few draws" in page(report(tmp_path / "few.h5", tmp_path / "few.html"))


def test_cxsim_summary_prints_each_outcome_under_each_policy(swept):
    exp, d = swept
    code, out, err = cxsim_main("summary", str(d / "exp.h5"), "--json")
    assert code == 0, err
    records = json.loads(out)
    levels = exp.summary(d / "exp.h5").reset_index()
    assert [(r["policy"], r["outcome"]) for r in records] == list(zip(levels["policy"], levels["outcome"], strict=True))
    assert [r["mean"] for r in records] == pytest.approx(levels["mean"].tolist())


def test_the_command_writes_the_report_and_refuses_what_it_cannot_show(swept, tmp_path):
    exp, d = swept
    code, out, err = cxsim_main("report", str(d / "exp.h5"), "-o", str(tmp_path / "cli.html"))
    assert code == 0 and out.strip() == str(tmp_path / "cli.html"), err
    code, _, err = cxsim_main("plot", str(d / "exp.h5"), "--kind", "daily", "-o", str(tmp_path / "x.png"))
    assert code == 2 and "an experiment file" in err and len(err.strip().splitlines()) == 1
    daily = cxsim.Experiment.from_options(SCENARIOS / "erlang_a.toml", [], [],
                                          [{"kpi": "abandon_rate", "aggregate": "daily"}], replications=2, set=QUEUE)
    cxsim.sweep(daily, tmp_path / "daily.h5", threads=True)
    code, _, err = cxsim_main("report", str(tmp_path / "daily.h5"), "-o", str(tmp_path / "daily.html"))
    assert code == 2 and "every outcome is daily" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "daily.html").exists()


def test_a_file_of_cxsim_that_holds_no_results_is_refused_in_one_line(tmp_path):
    import xarray as xr

    from cxsim._h5 import sealed_output

    with sealed_output(tmp_path / "other.h5") as tmp:
        xr.Dataset(attrs={"title": "cxsim optimisation"}).to_netcdf(tmp, engine="h5netcdf")
    for command in (["report"], ["summary"], ["export", "--format", "csv", "-o", str(tmp_path / "out")]):
        code, _, err = cxsim_main(*command[:1], str(tmp_path / "other.h5"), *command[1:])
        assert code == 2 and "is not a results file" in err and len(err.strip().splitlines()) == 1, err


def test_a_browser_with_the_network_off_renders_every_figure_without_errors(swept):
    from cxsim.browser import check_offline

    exp, d = swept
    shot = d / "browser_exp.png"
    check = check_offline(report(d / "exp.h5", d / "browser_exp.html"), shot)
    assert not check.errors and not check.external_requests
    assert len(check.figures) == 2 and all(f.rendered for f in check.figures)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
