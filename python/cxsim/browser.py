"""Headless Chromium (Debian's package): a self-contained HTML report printed to PDF, and checked offline."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._files import replaced

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Request

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
LOCAL_SCHEMES = ("file:", "data:", "blob:")  # blob: URLs are objects the page made itself, never fetched
TIMEOUT_S = 60

# Each figure's image (the first <img> or <svg> inside it) and whether it was drawn.
FIGURES_JS = """() => Array.from(document.querySelectorAll("figure"), (figure) => {
  const label = (figure.querySelector("figcaption")?.textContent || figure.id || "").trim();
  const image = figure.querySelector("img, svg");
  if (!image) return {label, kind: "none", rendered: false};
  const box = image.getBoundingClientRect();
  const sized = box.width > 0 && box.height > 0;
  if (image.tagName.toLowerCase() !== "img") return {label, kind: "svg", rendered: sized};
  return {label, kind: "img", rendered: sized && image.complete && image.naturalWidth > 0};
})"""


class ChromiumError(OSError):
    """Chromium is missing or failed; the message is one line."""


@dataclass(frozen=True)
class FigureCheck:
    """A ``<figure>``: its caption (or id), its image's kind ("img", "svg", or "none") and whether it rendered."""

    label: str
    kind: str
    rendered: bool


@dataclass(frozen=True)
class PageCheck:
    """What a page did when opened offline: console and uncaught errors, the requests it tried to send
    off the machine (all blocked), and its figures."""

    errors: list[str]
    external_requests: list[str]
    figures: list[FigureCheck]

    @property
    def ok(self) -> bool:
        """No error, no external request, and every figure rendered."""
        return not self.errors and not self.external_requests and all(f.rendered for f in self.figures)


def chromium() -> str:
    """The path of the Chromium (or Chrome) executable on ``PATH``."""
    for name in NAMES:
        if path := shutil.which(name):
            return path
    raise ChromiumError("Chromium not found: install Debian's package 'chromium' (apt-get install chromium)")


def print_pdf(html: Path, pdf: Path) -> None:
    """Print `html` to `pdf` with headless Chromium, written whole or not at all.

    The network is off for the page (every host name fails to resolve), so the PDF is what an
    offline reader sees, and a missing resource fails at once instead of waiting for a timeout."""
    html, pdf = Path(html), Path(pdf)
    if not html.is_file():
        raise FileNotFoundError(f"{html}: no such file to print")
    with tempfile.TemporaryDirectory(prefix="cxsim-chromium-") as profile, replaced(pdf) as tmp:
        command = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            f"--user-data-dir={profile}", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer", f"--print-to-pdf={tmp.resolve()}", html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise ChromiumError(f"{html}: Chromium did not print within {TIMEOUT_S} s") from None
        if done.returncode != 0 or not tmp.is_file() or tmp.read_bytes()[:5] != b"%PDF-":
            last = re.sub(r"^\[[^]]*\] ", "", (done.stderr.strip().splitlines() or ["no message"])[-1])
            raise ChromiumError(f"{html}: Chromium could not print it to PDF (exit {done.returncode}: {last})")


@contextmanager
def launch() -> Iterator[Browser]:
    """The system Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def check_offline(html: Path, screenshot: Path | None = None, browser: Browser | None = None) -> PageCheck:
    """Open `html` with the network off and report its errors, external requests and figures.

    Every request that is not file:, data: or blob: is recorded and aborted, never sent. With
    `screenshot`, a full-page PNG is written there. `browser` reuses one from ``launch()`` (without
    it, one is launched; Playwright allows one ``launch()`` at a time in a thread)."""
    html = Path(html)
    if not html.is_file():
        raise FileNotFoundError(f"{html}: no such file to check")
    if browser is None:
        with launch() as own:
            return check_offline(html, screenshot, own)
    errors: list[str] = []
    external: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_request(request: Request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            external.append(request.url)

    context = browser.new_context(offline=True)
    try:
        context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.on("request", on_request)
        page.goto(html.resolve().as_uri(), wait_until="load")
        figures = [FigureCheck(**figure) for figure in page.evaluate(FIGURES_JS)]
        if screenshot is not None:
            with replaced(screenshot) as tmp:
                tmp.write_bytes(page.screenshot(full_page=True))
    finally:
        context.close()
    return PageCheck(errors, external, figures)
