"""Refuse to run with two different HDF5 libraries in one process.

The engine links the system libhdf5; h5py must use the same one (``make`` builds h5py from
source against it). Two copies in one process break dimension scales in ways that depend on
import order, so a mismatch is reported at import instead.
"""

import h5py

from . import _core

if h5py.version.hdf5_version != _core.hdf5_version():
    raise ImportError(
        f"cxsim's engine uses HDF5 {_core.hdf5_version()} but h5py uses HDF5 "
        f"{h5py.version.hdf5_version}; rebuild h5py against the system library: "
        "HDF5_DIR=/usr/lib/x86_64-linux-gnu/hdf5/serial pip install --no-binary=h5py --force-reinstall h5py"
    )
