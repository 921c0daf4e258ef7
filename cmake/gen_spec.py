"""Emits the engine's scenario spec structs from the schema (python/cxsim/schema.py).

Run by CMake at build time: ``python gen_spec.py SCHEMA_PY OUTPUT_HPP``. Standard library only.
Every engine key of the schema becomes a field of its section's struct, with the key's name,
a C++ type for its kind and the schema's default; each struct gets a ``visit`` function that
calls ``f(name, field)`` for every field in schema order, which the bindings use to fill a
spec from the scenario and to read it back (see docs/model.md, "Scenario keys in the engine").
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

CPP_TYPES = {"int": "std::int64_t", "float": "double", "bool": "bool", "str": "std::string",
             "currency": "std::string", "time": "double", "weekdays": "std::uint8_t",
             "float_list": "std::vector<double>", "matrix": "std::vector<std::vector<double>>"}


def load_schema(path: Path):
    spec = importlib.util.spec_from_file_location("cxsim_schema", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["cxsim_schema"] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


def enumerator(value: str) -> str:
    return value[:1].upper() + value[1:]


def split(key: str) -> tuple[str, str]:
    """(section, field): ``call_types[].share`` -> (``call_types``, ``share``)."""
    if "[]." in key:
        section, field = key.split("[].")
        return section, field
    section, _, field = key.rpartition(".")
    return section, field


def cpp_type(p, schema) -> str:
    if p.kind == "choice" and not set(p.choices) <= set(schema.ENUMS.get(p.enum, ())):
        raise ValueError(f"{p.key}: its choices must be values of an enum in ENUMS (enum={p.enum!r})")
    base = p.enum if p.kind == "choice" else CPP_TYPES[p.kind]
    return f"std::optional<{base}>" if p.default is None else base


def literal(p, schema) -> str:
    d = p.default
    if d is None:
        return "std::nullopt"
    if d is schema.REQUIRED:
        return "{}"
    if p.kind == "int":
        return str(int(d))
    if p.kind in ("float", "time"):
        return repr(float(d))
    if p.kind == "bool":
        return "true" if d else "false"
    if p.kind in ("str", "currency"):
        return json.dumps(d)
    if p.kind == "choice":
        return f"{p.enum}::{enumerator(d)}"
    if p.kind == "weekdays":
        return hex(sum(1 << schema.WEEKDAYS.index(x) for x in d))
    if p.kind == "float_list":
        return "{" + ", ".join(repr(float(x)) for x in d) + "}"
    raise ValueError(f"{p.key}: no C++ literal for a default of kind {p.kind}")


def generate(schema) -> str:
    fields: dict[str, list[tuple[str, str, str, str]]] = {s: [] for s in schema.STRUCTS}
    for p in schema.PARAMS:
        if not p.engine:
            continue
        section, name = split(p.key)
        if section not in schema.STRUCTS:
            raise ValueError(f"{p.key}: section {section!r} has no struct in STRUCTS")
        comment = f"{p.unit + '; ' if p.unit else ''}{p.description}"
        fields[section].append((cpp_type(p, schema), name, literal(p, schema), comment))
    # Each section is a member of its parent: an array of tables is a vector of its struct.
    for section in schema.STRUCTS:
        if not section:
            continue
        parent, _, name = section.rpartition(".")
        array = section in schema.ARRAYS
        member = f"std::vector<{schema.STRUCTS[section]}>" if array else schema.STRUCTS[section]
        what = "tables" if array else "table"
        fields[parent].append((member, name, "{}", f"the [{section}] {what}"))
    order = sorted(schema.STRUCTS, key=lambda s: -s.count(".") - (1 if s else 0))  # children before parents

    out = [
        "// The scenario spec: one struct per schema section, one field per key, the schema's defaults.",
        "// Generated from python/cxsim/schema.py by cmake/gen_spec.py at build time: do not edit.",
        "#pragma once",
        "",
        "#include <array>",
        "#include <cstdint>",
        "#include <optional>",
        "#include <string>",
        "#include <string_view>",
        "#include <vector>",
        "",
        "namespace cxsim::models {",
        "",
        "template <class E>",
        "struct EnumNames;  // the schema's spelling of each value, in order",
        "",
    ]
    for name, values in schema.ENUMS.items():
        out += [f"enum class {name} : std::uint8_t {{ {', '.join(enumerator(v) for v in values)} }};",
                "template <>",
                f"struct EnumNames<{name}> {{",
                f"  static constexpr std::array<std::string_view, {len(values)}> names{{"
                + ", ".join(json.dumps(v) for v in values) + "};",
                "};", ""]
    for section in order:
        struct = schema.STRUCTS[section]
        out.append(f"// [{section}]" if section else "// A whole scenario.")
        out.append(f"struct {struct} {{")
        for ctype, name, default, comment in fields[section]:
            out.append(f"  {ctype} {name} = {default};  // {comment}")
        out += ["", f"  bool operator==(const {struct}&) const = default;",
                "", "  // Calls f(name, field) for every field, in schema order.",
                "  template <class Self, class F>", "  static void visit(Self& self, F&& f) {"]
        out += [f'    f("{name}", self.{name});' for _, name, _, _ in fields[section]]
        out += ["  }", "};", ""]
    out += ["}  // namespace cxsim::models", ""]
    return "\n".join(out)


def main() -> None:
    schema_py, output = Path(sys.argv[1]), Path(sys.argv[2])
    text = generate(load_schema(schema_py))
    output.parent.mkdir(parents=True, exist_ok=True)
    if not output.exists() or output.read_text() != text:  # unchanged: no rebuild
        output.write_text(text)


if __name__ == "__main__":
    main()
