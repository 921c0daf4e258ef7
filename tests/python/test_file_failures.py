"""Results files under failure (issue 9): a full disk, a file-size limit, corrupted bytes.

Before: a full disk printed ~60 lines of HDF5's error stack from worker threads, left HDF5
holding a half-closed file that crashed the process at exit (and later runs in it), and a
results file with flipped bytes made `cxsim summary` segfault or hang inside libhdf5."""

import resource
import signal
import subprocess
import sys

import pytest

import cxsim
from conftest import ROOT, SCENARIOS
from cxsim.errors import CorruptFileError

SHORT = ["--set", "simulation.horizon_days=14", "--set", "simulation.warmup_days=7"]


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory) -> str:
    """A preload library that makes the disk hold CXSIM_TEST_DISK_BYTES of a .partial file."""
    lib = tmp_path_factory.mktemp("shim") / "enospc.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", str(ROOT / "tests/python/data/enospc.c"), "-o", str(lib),
                    "-ldl"], check=True)
    return str(lib)


def cxsim_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "from cxsim.cli import main; main()", *args]


def test_a_full_disk_is_one_line_and_leaves_no_file(full_disk, tmp_path):
    out = tmp_path / "out.h5"
    done = subprocess.run(cxsim_cmd("run", str(SCENARIOS / "baseline.toml"), *SHORT, "-r", "2", "--call-log",
                                    "-o", str(out), "-q"),
                          capture_output=True, text=True, timeout=300,
                          env={"LD_PRELOAD": full_disk, "CXSIM_TEST_DISK_BYTES": "300000", "PATH": "/usr/bin"})
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "HDF5-DIAG" not in done.stderr, done.stderr
    assert lines[0].startswith(f"error: cannot write {out}: ") and "No space left on device" in lines[0], lines
    assert list(tmp_path.iterdir()) == []


SCRIPT = """
import os, sys
import cxsim
sc = cxsim.Scenario.load({scenario!r}).with_overrides({{"simulation.horizon_days": 14,
                                                        "simulation.warmup_days": 7}})
for i in range(2):
    try:
        cxsim.run(sc, replications=2, seed=1, output=os.path.join({folder!r}, f"r{{i}}.h5"), call_log=True)
    except OSError as e:
        print("refused:", e)
{then}
r = cxsim.run(sc, replications=1, seed=1, output=os.path.join({folder!r}, "after.h5"))
print("after:", sorted(os.listdir({folder!r})))
"""


def test_a_full_disk_does_not_poison_the_process(full_disk, tmp_path):
    # Two runs fail on a full disk, space is freed, and a third run in the same process works;
    # the process then exits cleanly.
    script = SCRIPT.format(scenario=str(SCENARIOS / "baseline.toml"), folder=str(tmp_path),
                           then='os.environ["CXSIM_TEST_DISK_BYTES"] = str(10**9)')
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={"LD_PRELOAD": full_disk, "CXSIM_TEST_DISK_BYTES": "300000", "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("No space left on device") == 2, done.stdout
    assert "after: ['after.h5']" in done.stdout, done.stdout
    assert done.stderr == ""


def test_a_file_size_limit_does_not_crash_the_process(tmp_path):
    # Under a file-size limit even the metadata cannot be written back: HDF5 must never be
    # asked to close that file (a failed close crashes libhdf5 1.10 at exit).
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, resource.RLIM_INFINITY))

    script = SCRIPT.format(scenario=str(SCENARIOS / "baseline.toml"), folder=str(tmp_path), then="")
    script = script.replace(f'output=os.path.join({str(tmp_path)!r}, "after.h5")', "")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          preexec_fn=limit)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.count("File too large") == 2, done.stdout
    assert "after: []" in done.stdout and done.stderr == ""


@pytest.fixture(scope="module")
def results_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("sealed") / "r.h5"
    cxsim.run(SCENARIOS / "erlang_a.toml", replications=2, seed=1, output=path)
    return path


def test_every_corrupted_or_truncated_file_is_refused_before_hdf5_reads_it(results_file, tmp_path):
    # Flipped bytes anywhere (metadata, the global heap, raw data, the seal itself) or a cut
    # file: refused with one message, never a crash, a hang or silently wrong numbers.
    data = results_file.read_bytes()
    bad = tmp_path / "bad.h5"
    for k in range(60):
        at = k * len(data) // 60
        corrupted = bytearray(data)
        corrupted[at] ^= 0x5A
        bad.write_bytes(bytes(corrupted))
        with pytest.raises(CorruptFileError, match="corrupted"):
            cxsim.open_results(bad)
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError, match="truncated"):
        cxsim.open_results(bad)


def test_summary_of_a_corrupted_file_is_one_line_exit_2(results_file, tmp_path):
    data = bytearray(results_file.read_bytes())
    data[len(data) // 3] ^= 0xFF
    bad = tmp_path / "bad.h5"
    bad.write_bytes(bytes(data))
    done = subprocess.run(cxsim_cmd("summary", str(bad)), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: {bad}: corrupted (its bytes do not match the checksum cxsim wrote)"


def test_a_sealed_file_is_still_plain_hdf5_with_checksummed_metadata(results_file):
    # The seal sits past HDF5's end of allocation; the file format is 1.8's (superblock 2),
    # whose object headers and B-trees carry checksums for any other reader.
    h5py = pytest.importorskip("h5py")
    with h5py.File(results_file, "r") as f:
        assert f["summary"]["mean"].shape[0] > 0
        assert f.id.get_create_plist().get_version()[0] >= 2
