"""Overrides: ``key=value`` text, and dotted keys set in nested tables (array entries by name or index)."""

from __future__ import annotations

import tomllib
from typing import Any

from .errors import ScenarioError
from .schema import ARRAYS


def parse_override(text: str, source: str = "--set") -> tuple[str, Any]:
    """Parse ``key=value``: the value as a TOML value, else as a plain string."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ScenarioError(f"{source}: '{text}' is not of the form key=value")
    try:
        return key, tomllib.loads(f"v = {value.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return key, value.strip()


def nested(out: dict[str, Any], key: str, value: Any) -> None:
    """Set ``out[a][b][c] = value`` for the dotted key ``a.b.c``, creating tables on the way."""
    *parents, last = key.split(".")
    for part in parents:
        out = out.setdefault(part, {})
    out[last] = value


def set_dotted(raw: dict[str, Any], key: str, value: Any, source: str) -> None:
    """Set a dotted key in nested tables; ``call_types.billing.share`` addresses the entry named
    billing (or ``agents.shifts.0.count`` the first entry) of an array of tables."""
    parts = key.split(".")
    node: Any = raw
    path = ""
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        path = f"{path}.{part}" if path else part
        if path in ARRAYS:
            items = node.setdefault(part, [])
            selector = parts[i + 1]
            match = [it for it in items if it.get("name") == selector]
            if not match and selector.isdigit() and int(selector) < len(items):
                match = [items[int(selector)]]
            if not match:
                names = [it.get("name", str(n)) for n, it in enumerate(items)]
                raise ScenarioError(f"{source}: --set {key}: no entry '{selector}' in {path} "
                                    f"(entries: {', '.join(map(str, names)) or 'none'})")
            node = match[0]
            i += 2
            continue
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ScenarioError(f"{source}: --set {key}: {path} is not a table")
        i += 1
    node[parts[-1]] = value
