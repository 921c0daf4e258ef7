"""Reading scenario files: TOML text, and ``extends`` chains laid over each other."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._validate import fail
from .errors import ScenarioError
from .schema import BY_KEY


def read_resolved(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file's tables laid over those of the scenario it ``extends`` (recursively): tables
    merge key by key; any other value, arrays of tables included, replaces the parent's."""
    raw = _read(path)
    parent = raw.pop("extends", None)
    if parent is None:
        return raw
    if not isinstance(parent, str):
        raise fail(str(path), "extends", parent, BY_KEY["extends"].allowed())
    if len(chain) >= MAX_EXTENDS:
        raise ScenarioError(f"{path}: extends: more than {MAX_EXTENDS} files in the chain")
    parent_path = (path.parent / parent).resolve()
    if parent_path in chain or parent_path == path.resolve():
        cycle = " -> ".join(p.name for p in (*chain, path.resolve(), parent_path))
        raise ScenarioError(f"{path}: extends: {parent!r} makes a cycle ({cycle})")
    if not parent_path.is_file():
        raise ScenarioError(f"{path}: extends: {parent!r} not found (looked for {parent_path})")
    base = read_resolved(parent_path, (*chain, path.resolve()))
    base.pop("name", None)  # a scenario is named after its own file unless it says otherwise
    base.pop("description", None)
    return _merge(base, raw)


# Longest extends chain followed: far beyond any real use, well within Python's recursion limit.
MAX_EXTENDS = 50


def _read(path: Path) -> dict[str, Any]:
    if "\0" in str(path):
        raise ScenarioError(f"{str(path)!r}: a scenario path cannot contain a NUL byte")
    try:
        if path.exists() and not path.is_dir() and not path.is_file():  # a FIFO or a device would block or never end
            raise ScenarioError(f"{path}: not a regular file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: scenario file not found") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, not a scenario file") from None
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
        raise ScenarioError(f"{path}: cannot read the scenario file ({reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML: {e}") from None
    except RecursionError:
        raise ScenarioError(f"{path}: not valid TOML: nested too deeply") from None


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
