"""h5py, imported on first use and checked against the engine's HDF5 library.

The engine links the system libhdf5; h5py must use the same one (``make`` builds h5py from
source against it). Two copies in one process break dimension scales in ways that depend on
import order, so a mismatch is refused before h5py (or xarray's h5netcdf engine) touches a file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType

from .errors import CorruptFileError


@cache
def h5py() -> ModuleType:
    import h5py as module

    from . import _core

    if module.version.hdf5_version != _core.hdf5_version():
        raise ImportError(
            f"cxsim's engine uses HDF5 {_core.hdf5_version()} but h5py uses HDF5 "
            f"{module.version.hdf5_version}; rebuild h5py against the system library: "
            "HDF5_DIR=/usr/lib/x86_64-linux-gnu/hdf5/serial pip install --no-binary=h5py --force-reinstall h5py"
        )
    return module


def check_sealed(path: Path) -> None:
    """Refuses a file whose CRC-32 seal (written by cxsim when it closed the file) is missing
    or does not match, before any HDF5 library parses it: corrupted metadata can crash or hang
    libhdf5."""
    from . import _core

    seal = _core.check_seal(str(path))
    if seal == "missing":
        raise CorruptFileError(f"{path}: not a cxsim results file, or truncated (no cxsim checksum at its end)")
    if seal == "broken":
        raise CorruptFileError(f"{path}: corrupted (its bytes do not match the checksum cxsim wrote)")


def seal(path: Path) -> None:
    """Appends the CRC-32 seal to a file written and closed in Python."""
    from . import _core

    _core.seal_file(str(path))
