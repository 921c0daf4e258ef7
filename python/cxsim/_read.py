"""Reading scenario files: TOML text, and ``extends`` chains laid over each other."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._validate import fail, has_control
from .errors import ScenarioError
from .schema import ARRAYS, BY_KEY


def read_resolved(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file's tables laid over those of the scenario it ``extends`` (recursively): tables
    merge key by key, arrays of tables entry by entry by name (see ``_merge_entries``); any
    other value replaces the parent's."""
    raw = read_toml(path)
    parent = raw.pop("extends", None)
    if parent is None:
        return raw
    if not isinstance(parent, str) or has_control(parent):
        raise fail(str(path), "extends", parent, BY_KEY["extends"].allowed() + " without control characters")
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
    return _merge(base, raw, path)


# Longest extends chain followed: far beyond any real use, well within Python's recursion limit.
MAX_EXTENDS = 50


def read_toml(path: Path, what: str = "scenario") -> dict[str, Any]:
    """A TOML file's tables; a missing, unreadable or malformed file is one line naming it."""
    if "\0" in str(path):
        raise ScenarioError(f"{str(path)!r}: a {what} path cannot contain a NUL byte")
    try:
        if path.exists() and not path.is_dir() and not path.is_file():  # a FIFO or a device would block or never end
            raise ScenarioError(f"{path}: not a regular file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: {what} file not found") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a directory, not a {what} file") from None
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "not UTF-8 text"
        raise ScenarioError(f"{path}: cannot read the {what} file ({reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML: {e}") from None
    except RecursionError:
        raise ScenarioError(f"{path}: not valid TOML: nested too deeply") from None


def _merge(base: dict[str, Any], over: Mapping[str, Any], path: Path, prefix: str = "") -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        dotted = prefix + key
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, path, dotted + ".")
        elif dotted in ARRAYS and _tables(value) and _tables(out.get(key)):
            out[key] = _merge_entries(out[key], value, path, dotted)
        else:
            out[key] = value
    return out


def _tables(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) for e in value)


def _merge_entries(base: list[dict], over: list[dict], path: Path, array: str) -> list[dict]:
    """An array of tables laid over the parent's: an entry named as one of the parent's changes
    it key by key (``remove = true`` drops it), any other entry is added after the parent's."""
    out = [dict(e) for e in base]
    for i, entry in enumerate(over):
        entry = dict(entry)
        remove = entry.pop("remove", False)
        at = next((j for j, e in enumerate(out) if entry.get("name") and e.get("name") == entry["name"]), None)
        if remove is not False and (remove is not True or at is None):
            why = "no entry of that name in the scenario it extends" if remove is True else "must be true"
            raise ScenarioError(f"{path}: {array}[{i}].remove: {remove!r}: {why} (name {entry.get('name')!r})")
        if remove:
            del out[at]
        elif at is None:
            out.append(entry)
        else:
            out[at] = {**out[at], **entry}
    return out
