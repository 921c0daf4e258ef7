"""The README's screenshots: one report of each kind (a run, a comparison with its pathways, an
explanation, an experiment), opened in headless Chromium with the network off and photographed
(the top of the page, where the summary in words and the chain are).

Run with ``make screenshots`` (a few minutes: small runs of the bundled scenarios); it writes
``docs/screenshots/<kind>.png`` and stops with an error if a report has a console error, an
external request or a figure that did not render.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import cxsim
from cxsim.browser import check_offline, launch

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
OUT = ROOT / "docs" / "screenshots"
SHORT = {"simulation.horizon_days": 56, "simulation.warmup_days": 14}
RUNS = {"replications": 5, "seed": 1}  # five: the report's intervals carry no warning
TOP = 1500  # pixels of the page kept, from its top, at the browser's 1280-pixel width


def results(d: Path) -> dict[str, tuple[Path, list[Path]]]:
    """Each kind's results file (and, for the comparison, its explanations), written into `d`."""
    base, aht, praise = (SCENARIOS / f"{name}.toml" for name in ("baseline", "aht_target", "praise_program"))
    cxsim.run(cxsim.Scenario.load(base).with_overrides(SHORT), output=d / "run.h5", **RUNS)
    cxsim.compare([base, aht, praise], overrides=SHORT, output=d / "comparison.h5", **RUNS)
    cxsim.explain(base, aht, overrides=SHORT, output=d / "explanation.h5", **RUNS)
    cxsim.explain(base, praise, overrides=SHORT, output=d / "praise.h5", **RUNS)
    exp = cxsim.Experiment.load(ROOT / "experiments" / "praise_robustness.toml")
    exp = exp.with_options(samples=8, replications=2, set={**exp.overrides, **SHORT})
    cxsim.sweep(exp, d / "experiment.h5", threads=True)
    return {"run": (d / "run.h5", []), "comparison": (d / "comparison.h5", [d / "explanation.h5", d / "praise.h5"]),
            "explanation": (d / "explanation.h5", []), "experiment": (d / "experiment.h5", [])}


def main() -> None:
    from PIL import Image

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, launch() as browser:
        d = Path(tmp)
        for kind, (path, explanations) in results(d).items():
            html = cxsim.report(path, d / f"{kind}.html", explanations)
            shot = d / f"{kind}.png"
            check = check_offline(html, shot, browser)
            if not check.ok:
                sys.exit(f"{kind}: the report did not render cleanly: {check}")
            with Image.open(shot) as page:
                top = page.crop((0, 0, page.width, min(page.height, TOP)))
                top.convert("RGB").quantize(colors=64).save(OUT / f"{kind}.png", optimize=True)
            print(OUT / f"{kind}.png")


if __name__ == "__main__":
    main()
