"""Scenarios: a TOML file (or nested dicts) validated against the schema into an immutable value.

Reading and ``extends`` are in ``_read``, validation in ``_validate``, overrides in
``_overrides``, and the translation for the engine in ``_engine``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ._engine import engine_spec
from ._overrides import nested, parse_override, set_dotted
from ._read import read_resolved
from ._validate import validate
from .schema import ARRAYS, BY_KEY, PARAMS

__all__ = ["Scenario", "parse_override"]


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: every key of the schema resolved to a value (or None if unset).

    Create one with :meth:`Scenario.load` or :meth:`Scenario.from_dict`; derive variants with
    :meth:`with_overrides`. ``values`` is read-only; change a scenario through overrides.
    """

    values: Mapping[str, Any]
    source: str

    @classmethod
    def load(cls, path: str | Path) -> Scenario:
        """Read and validate a TOML scenario file, resolving ``extends`` chains."""
        path = Path(path)
        raw = read_resolved(path)
        raw.setdefault("name", path.stem)
        return cls.from_dict(raw, source=str(path))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], source: str = "<dict>") -> Scenario:
        """Validate a scenario given as nested dicts (the parsed TOML)."""
        return cls(MappingProxyType(validate(copy.deepcopy(dict(raw)), source)), source)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any], str]]:
        """Pickled as its values (a read-only mapping cannot be), so it travels to worker processes."""
        return _restore, (dict(self.values), self.source)

    @property
    def name(self) -> str:
        return self.values.get("name") or "scenario"

    def with_overrides(self, overrides: Mapping[str, Any]) -> Scenario:
        """A new scenario with dotted keys replaced, e.g. ``{"agents.count": 50}``.

        Entries of arrays of tables are addressed by name or index:
        ``{"call_types.billing.share": 0.3, "agents.shifts.0.count": 12}``.
        """
        raw = self.to_dict()
        for key, value in overrides.items():
            set_dotted(raw, key, value, self.source)
        return Scenario(MappingProxyType(validate(raw, self.source)), self.source)

    @property
    def warnings(self) -> list[str]:
        """Valid but questionable settings, one line each (the CLI prints them on stderr)."""
        out = []
        if self.values["workforce.enabled"] and self.values["agents.count"] is not None:
            out.append(f"{self.source}: agents.count with workforce.enabled: every agent works around the clock, "
                       "so exhaustion, absence and quits are not meaningful; use [[agents.shifts]]")
        types = self.values["call_types"]
        for section, what in (("service.", "handle_time"), ("callers.", "patience")):
            for key in (f"{what}_dist", f"mean_{what}_s", f"{what}_cv", f"{what}_table_s"):
                value = self.values[section + key]
                if types and value != BY_KEY[section + key].default and all(t.get(key) is not None for t in types):
                    out.append(f"{self.source}: {section}{key} = {value!r} is not used: every call type sets its own "
                               f"{key}")
        if self.values["customers.issues_per_month"] is not None and not self.values["customers.enabled"]:
            out.append(f"{self.source}: customers.issues_per_month without customers.enabled: ignored; the volume "
                       "is arrivals.*'s")
        return out + self._atypical()

    def _atypical(self) -> list[str]:
        """A warning for each value outside its key's typical range."""
        out = []
        for p in PARAMS:
            array, _, field = p.key.partition("[].")
            if field:
                named = [(f"{array}[{item.get('name') or i}].{field}", item.get(field))
                         for i, item in enumerate(self.values[array])]
            else:
                named = [(p.key, self.values[p.key])]
            for key, value in named:
                what = p.atypical(value)
                if what is not None:
                    out.append(f"{self.source}: {key} = {what}; it runs, but check the value and its unit")
        return out

    def to_dict(self) -> dict[str, Any]:
        """The scenario as nested dicts, unset keys left out (what a TOML file would hold)."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            if key in ARRAYS:
                nested(out, key, [{k: v for k, v in item.items() if v is not None} for item in value])
            elif value is not None:
                nested(out, key, value)
        return out

    def to_toml(self) -> str:
        """The resolved scenario as TOML text (every default filled in)."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())

    def engine_spec(self) -> dict[str, Any]:
        """The scenario as the engine takes it (nested dicts; see ``cxsim._engine``)."""
        return engine_spec(self.values)


def _restore(values: dict[str, Any], source: str) -> Scenario:
    return Scenario(MappingProxyType(values), source)
