"""docs/model.md as the report quotes it: the sentence that states a key's default and its source.

The file is read where it is: beside the package in a source checkout (an editable install), or
inside it in an installed wheel (CMake installs it there), so it is written once.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MAX_CHARS = 320


@cache
def model_text() -> str:
    """docs/model.md's text ("" if neither place has it)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "docs" / "model.md", here / "model.md"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return ""


def model_sentence(key: str) -> str | None:
    """The first sentence of docs/model.md naming `key` in backticks, without its markdown."""
    needle = f"`{key}`"
    for paragraph in model_text().split("\n\n"):
        if needle not in paragraph:
            continue
        flat = " ".join(line.strip().lstrip("-|").strip() for line in paragraph.splitlines())
        for sentence in re.split(r"(?<=[.;:])\s+(?=[A-Z(*`])", flat):
            if needle in sentence:
                plain = re.sub(r"[`*]", "", sentence).strip()
                return plain if len(plain) <= MAX_CHARS else plain[:MAX_CHARS - 1] + "…"
    return None
