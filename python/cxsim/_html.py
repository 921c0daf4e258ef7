"""The pieces a self-contained HTML report is made of: the page with its inline styles (screen
and print), tables, figures as inline SVG, and the warning that intervals rest on too few runs.
Nothing refers outside the file: it opens with no network and prints as it is.
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING, Any

from ._words import MIN_RUNS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STYLE = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:1px solid #999;margin-top:2.2rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}th,td{padding:.2rem .6rem;border-bottom:1px solid #ccc;
text-align:left;vertical-align:top}td.n{text-align:right}figure{margin:1rem 0}figure svg{max-width:100%;
height:auto}figcaption{font-size:.85rem;color:#333}.warning{border:2px solid #000;padding:.6rem;background:#eee}
.chain{display:flex;flex-wrap:wrap;gap:.4rem;align-items:stretch}
.link{border:1px solid #333;padding:.4rem;flex:1 1 10rem}
.arrow{align-self:center;font-size:1.6rem}pre{white-space:pre-wrap;font-size:.8rem;background:#f4f4f4;padding:.5rem}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}figure,table{break-inside:avoid}}
"""


def e(x: Any) -> str:
    """`x` as HTML text."""
    return html.escape(str(x))


def page(title: str, body: str) -> str:
    """The whole HTML document."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{e(title)}</h1>{body}</body></html>")


def svg(fig: Figure, caption: str) -> str:
    """The figure inline, as SVG, with its caption."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return f"<figure>{text[text.index('<svg'):]}<figcaption>{e(caption)}</figcaption></figure>"


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A table; cells that are numbers (a value with its unit and interval included) align right."""
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td{NUMBER if _numeric(c) else ''}>{e(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


NUMBER = " class='n'"


def _numeric(cell: Any) -> bool:
    text = str(cell)
    return bool(text) and (text[0].isdigit() or text[0] in "+-–−.") and text != "–" or isinstance(cell, (int, float))


def too_few(n: int, what: str = "replications", option: str = "-r") -> str:
    """A warning when `n` runs (replications, draws) stand behind the intervals, or nothing."""
    if n >= MIN_RUNS:
        return ""
    return (f"<p class='warning'><b>Too few {what}:</b> {n} {what} stand behind every interval here; below "
            f"{MIN_RUNS} a 95% interval means little. Run more ({option}) before drawing conclusions.</p>")


def short(v: Any) -> str:
    """`v` as text of at most 60 characters."""
    text = str(v)
    return text if len(text) <= 60 else text[:57] + "…"


def details(summary: str, text: str) -> str:
    """`text` (a file's contents) folded under `summary`."""
    return f"<details><summary>{e(summary)}</summary><pre>{e(text)}</pre></details>"
