"""Output files written whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced(path: str | Path, suffix: str = ".partial") -> Iterator[Path]:
    """Yields ``<path><suffix>`` to write; when the block ends normally, it is renamed to `path`;
    in any case no temporary file is left."""
    tmp = Path(f"{path}{suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
