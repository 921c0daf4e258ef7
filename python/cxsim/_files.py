"""Output files written whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
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


@contextmanager
def swapped_in(path: Path) -> Iterator[Path]:
    """Yields a path, with `path`'s name in a new hidden directory beside it, to write a file or a
    directory at; when the block ends normally, what was written takes the place of `path` (what
    was there, file or directory, is moved aside first and removed last); in any case nothing
    temporary is left."""
    work = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        new, old = work / "new" / path.name, work / "old"
        new.parent.mkdir()
        yield new
        there = path.exists() or path.is_symlink()
        if there:
            os.replace(path, old)
        try:
            os.replace(new, path)
        except OSError:
            if there:
                os.replace(old, path)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
