"""The seal of a results file (sim/checksum.hpp), checked before h5py opens it.

The engine's HDF5 is private to it (static, its symbols hidden: cmake/hdf5.cmake), so h5py's
own HDF5 (PyPI's wheels bundle one) lives beside it in one process, in any import order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._files import replaced
from .errors import CorruptFileError


def check_file(path: Path, what: str) -> None:
    """Refuses a missing file (FileNotFoundError naming `what`) and one without cxsim's intact seal."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such {what} file")
    check_sealed(path)


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


@contextmanager
def sealed_output(path: Path, suffix: str = ".partial") -> Iterator[Path]:
    """Yields ``<path><suffix>`` to write; when the block ends normally, seals it and renames it
    to `path`; in any case no temporary file is left: a file is written whole or not at all."""
    with replaced(path, suffix) as tmp:
        yield tmp
        seal(tmp)
