"""cxsim report: one self-contained HTML file per results file, its contents generated from the
numbers, and bad input refused in one line."""

import re
import subprocess
import sys

import pytest

import cxsim
from conftest import SCENARIOS
from cxsim._words import number, value
from cxsim.report import report

QUEUE = {"simulation.horizon_days": 2, "agents.count": 12, "arrivals.calls_per_hour": 200.0}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    (d / "target.toml").write_text(f'extends = "{SCENARIOS / "erlang_a.toml"}"\n[policy]\naht_target_s = 120.0\n')
    base = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(QUEUE)
    cxsim.run(base, replications=5, seed=1, output=d / "run.h5")
    cxsim.compare([SCENARIOS / "erlang_a.toml", d / "target.toml"], replications=2, seed=1, overrides=QUEUE,
                  output=d / "cmp.h5")
    cxsim.explain(SCENARIOS / "erlang_a.toml", d / "target.toml", replications=2, seed=1, overrides=QUEUE,
                  output=d / "explain.h5")
    return d


def page(path):
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["run", "cmp", "explain"])
def test_every_kind_gives_one_self_contained_page(files, name):
    text = page(report(files / f"{name}.h5", files / f"{name}.html"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)  # nothing fetched from anywhere
    assert "<script" not in text and "<link" not in text
    figures = re.findall(r"<figure>(.*?)</figure>", text, flags=re.S)
    assert figures and all(f.lstrip().startswith("<svg") for f in figures)  # every figure inline
    for section in ("Summary", "The chain", "Daily series", "Money", "Assumptions", "Provenance"):
        assert f"<h2>{section}</h2>" in text
    assert cxsim.__version__ in text and "scenario TOML" in text


def test_the_summary_says_the_numbers_in_words(files):
    results = cxsim.open_results(files / "run.h5")
    rows = results.summary()
    text = page(report(files / "run.h5", files / "words.html"))
    mean, low, high = rows.loc["abandon_rate", ["mean", "ci95_low", "ci95_high"]]
    # The unit is said once, after the mean: "4.6 % (95% CI 3.97 to 5.22)".
    assert f"abandon rate is {value('abandon_rate', mean)} (95% CI {number('abandon_rate', low)} to " \
           f"{number('abandon_rate', high)})" in text
    assert value("abandon_rate", mean) == f"{number('abandon_rate', mean)} %"  # a share reads in per cent


def test_few_replications_are_flagged_and_enough_are_not(files):
    assert "Too few replications" in page(report(files / "cmp.h5", files / "few.html"))  # 2 replications
    assert "Too few replications" not in page(report(files / "run.h5", files / "enough.html"))  # 5


def test_assumptions_list_what_differs_from_the_defaults_with_its_source(files):
    from cxsim.schema import BY_KEY

    text = page(report(files / "run.h5", files / "assumptions.html"))
    section = text[text.index("<h2>Assumptions</h2>"):text.index("<h2>Provenance</h2>")]
    listed = re.findall(r"<tr><td>([\w.\[\]]+)</td>", section)
    scenario = cxsim.Scenario.load(SCENARIOS / "erlang_a.toml").with_overrides(QUEUE)
    differing = [k for k, v in scenario.values.items()
                 if k in BY_KEY and BY_KEY[k].engine and v != BY_KEY[k].default]
    assert sorted(listed) == sorted(differing) and "agents.count" in listed
    assert "<td>agents.count</td><td class='n'>12</td>" in section
    assert "default 7" in section  # docs/model.md's sentence on the horizon, quoted


def test_an_explanation_shows_its_pathways(files):
    text = page(report(files / "explain.h5", files / "pathways.html"))
    assert "<h2>Pathways: target</h2>" in text and "via capacity" in text
    assert "Lifetime value is shown apart" in text


def cli(*args):
    return subprocess.run([sys.executable, "-m", "cxsim", *args], capture_output=True, text=True)


def test_the_command_writes_the_report_and_prints_its_path(files):
    out = files / "cli.html"
    done = cli("report", str(files / "cmp.h5"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out) and out.is_file()


@pytest.mark.parametrize("args, message", [
    (["missing.h5"], "no such results file"),
    (["{d}/run.h5", "-o", "{d}/report.pdf"], "is not an .html file"),
    (["{d}/run.h5", "-o", "{d}/run.h5.html"], None),  # fine: writes it
])
def test_bad_input_is_one_line_and_exit_2(files, args, message):
    args = [a.format(d=files) for a in args]
    done = cli("report", *args)
    if message is None:
        assert done.returncode == 0, done.stderr
        done = cli("report", *args)  # again: the output now exists
        message = "exists"
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def browser():
    from cxsim.browser import launch

    with launch() as b:
        yield b


@pytest.mark.parametrize("name", ["run", "cmp", "explain"])
def test_a_browser_with_the_network_off_renders_every_figure_without_errors(files, browser, name):
    from cxsim.browser import check_offline

    html = report(files / f"{name}.h5", files / f"browser_{name}.html")
    shot = files / f"browser_{name}.png"
    check = check_offline(html, shot, browser)
    assert not check.errors and not check.external_requests
    assert check.figures and all(f.rendered for f in check.figures)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_report_prints_to_pdf(files):
    out = files / "cli.pdf"
    done = cli("report", str(files / "explain.h5"), "-o", str(files / "pdf.html"), "--pdf", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:5] == b"%PDF-"


def test_a_comparison_report_shows_the_pathways_of_its_explanations(files):
    text = page(report(files / "cmp.h5", files / "with.html", [files / "explain.h5"]))
    assert "<h2>Pathways: target</h2>" in text
    done = cli("report", str(files / "run.h5"), "-o", str(files / "wrong.html"), "--explanation",
               str(files / "explain.h5"))
    assert done.returncode == 2 and "go with a comparison file" in done.stderr
    assert not (files / "wrong.html").exists()
