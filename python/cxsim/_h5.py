"""h5py, imported on first use and checked against the engine's HDF5 library.

The engine links the system libhdf5; h5py must use the same one (``make`` builds h5py from
source against it). Two copies in one process break dimension scales in ways that depend on
import order, so a mismatch is refused before h5py (or xarray's h5netcdf engine) touches a file.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


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
