"""A scenario as TOML with a comment before each value (tomli_w writes no comments)."""

from __future__ import annotations

from typing import Any

import tomli_w

from .schema import WEEKDAYS

PER_LINE = 10  # numbers per line of a long list


def render(scenario: dict[str, Any], notes: dict[str, str], header: list[str]) -> str:
    """`scenario` (top-level keys, tables, arrays of tables) with `notes[dotted key]` as a comment
    above each value (an array entry's keys are dotted with its index: ``call_types.0.share``)."""
    lines = [f"# {h}" for h in header] + [""]
    tables = {k: v for k, v in scenario.items() if isinstance(v, dict)}
    arrays = {k: v for k, v in scenario.items() if isinstance(v, list) and v and isinstance(v[0], dict)}
    lines += _keys({k: v for k, v in scenario.items() if k not in tables and k not in arrays}, "", notes)
    for name, table in tables.items():
        lines += ["", f"[{name}]"] + _keys(table, f"{name}.", notes)
        lines += [f"# {name}.{k}: {n}" for k, n in _unwritten(notes, name, table)]
    for name, entries in arrays.items():
        for i, entry in enumerate(entries):
            lines += ["", f"[[{name}]]"] + _keys(entry, f"{name}.{i}.", notes)
    return "\n".join(lines) + "\n"


def _unwritten(notes: dict[str, str], section: str, table: dict[str, Any]) -> list[tuple[str, str]]:
    """Notes about keys of `section` that are not in the table (why they were left out)."""
    prefix = f"{section}."
    return [(k[len(prefix):], n) for k, n in notes.items()
            if k.startswith(prefix) and "." not in k[len(prefix):] and k[len(prefix):] not in table]


def _keys(table: dict[str, Any], prefix: str, notes: dict[str, str]) -> list[str]:
    lines = []
    for key, value in table.items():
        if prefix + key in notes:
            lines.append(f"# {notes[prefix + key]}")
        lines.append(f"{key} = {_value(value)}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], list):
        days = [f"  # {d}" for d in WEEKDAYS] if len(value) == 7 else [""] * len(value)
        rows = [f"    [{', '.join(_value(v) for v in row)}],{d}" for d, row in zip(days, value, strict=True)]
        return "[\n" + "\n".join(rows) + "\n]"
    if isinstance(value, list) and len(value) > PER_LINE:
        chunks = [", ".join(_value(v) for v in value[i:i + PER_LINE]) for i in range(0, len(value), PER_LINE)]
        return "[\n    " + ",\n    ".join(chunks) + ",\n]"
    return tomli_w.dumps({"x": value})[4:].rstrip("\n")
