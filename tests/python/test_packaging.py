"""The package as a user installs it (issue 9): a wheel built with `pip wheel .`, installed in a
fresh virtual environment with PyPI's own h5py (which bundles a different HDF5 than the
engine's), gives a working `cxsim` command (its exports included) and cxsim, h5py and xarray in
one process.

Builds everything from scratch, the engine's static HDF5 included: a few minutes."""

import subprocess
import sys

from conftest import ROOT, SCENARIOS

USE = """
import sys
first = sys.argv[1]
if first == "h5py":
    import h5py, xarray as xr
    import cxsim
else:
    import cxsim
    import h5py, xarray as xr
r = cxsim.open_results(sys.argv[2])
assert r.summary().loc["offered", "mean"] > 0
with h5py.File(sys.argv[2], "r") as f:
    assert f["intervals/offered"].dims[1][0].name == "/intervals/interval"
ds = xr.open_dataset(sys.argv[2], group="daily", engine="h5netcdf")
assert "day" in ds.dims
print("ok", cxsim._core.hdf5_version(), h5py.version.hdf5_version)
"""


def test_a_wheel_installs_and_runs_in_a_fresh_venv(tmp_path):
    venv, wheels = tmp_path / "venv", tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin/python"), "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=1200)
    (wheel,) = wheels.glob("cxsim-*.whl")
    subprocess.run([*pip, "install", str(wheel)], check=True, timeout=600)

    out = tmp_path / "run.h5"
    cxsim = str(venv / "bin/cxsim")
    subprocess.run([cxsim, "run", str(SCENARIOS / "erlang_a.toml"), "--set", "simulation.horizon_days=2", "-r", "2",
                    "-o", str(out), "-q"], check=True, timeout=120)
    summary = subprocess.run([cxsim, "summary", str(out)], capture_output=True, text=True, timeout=120)
    assert summary.returncode == 0 and "offered" in summary.stdout, summary.stderr
    for fmt, where in (("parquet", tmp_path / "tables"), ("xlsx", tmp_path / "tables.xlsx")):  # its dependencies
        subprocess.run([cxsim, "export", str(out), "--format", fmt, "-o", str(where)], check=True, timeout=120)
    for first in ("h5py", "cxsim"):
        used = subprocess.run([str(venv / "bin/python"), "-c", USE, first, str(out)], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        assert used.returncode == 0 and used.stdout.startswith("ok"), used.stderr
