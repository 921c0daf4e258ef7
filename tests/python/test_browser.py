"""Headless Chromium (cxsim.browser): the offline check catches what it should, and print to PDF.

Chromium is Debian's package, installed by `make test`: a missing one fails these tests, naming
the package, rather than skipping them."""

import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from matplotlib.image import imread

from cxsim import browser

RED_PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAAB"
           "JRU5ErkJggg==")  # one red pixel
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="red"/></svg>'


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module (a launch takes about a second)."""
    with browser.launch() as launched:
        yield launched


def page(tmp_path: Path, body: str) -> Path:
    """A self-contained HTML file with `body`."""
    path = tmp_path / "page.html"
    head = '<meta charset="utf-8"><title>t</title>'
    path.write_text(f"<!doctype html><html><head>{head}</head><body>\n{body}\n</body></html>")
    return path


def test_a_self_contained_page_passes_and_its_screenshot_shows_the_figures(tmp_path, chromium):
    html = page(tmp_path, f"<figure>{SVG}<figcaption>svg</figcaption></figure>"
                          f'<figure><img src="{RED_PNG}" width="30" height="30"><figcaption>png</figcaption></figure>')
    shot = tmp_path / "page.png"
    check = browser.check_offline(html, shot, chromium)
    assert check.errors == [] and check.external_requests == []
    assert check.figures == [browser.FigureCheck("svg", "svg", True), browser.FigureCheck("png", "img", True)]
    assert check.ok
    pixels = imread(shot)[..., :3]
    assert (pixels == [1.0, 0.0, 0.0]).all(axis=-1).sum() >= 120 * 60 + 30 * 30  # both figures drawn, in red
    assert not list(tmp_path.glob("*.partial"))


def test_an_external_image_is_reported_and_its_figure_did_not_render(tmp_path, chromium):
    html = page(tmp_path, '<figure><img src="https://example.com/x.png"><figcaption>remote</figcaption></figure>')
    check = browser.check_offline(html, None, chromium)
    assert check.external_requests == ["https://example.com/x.png"]
    assert check.figures == [browser.FigureCheck("remote", "img", False)]
    assert not check.ok


def test_an_external_request_is_blocked_not_sent(tmp_path, chromium):
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_error(404)

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        html = page(tmp_path, f'<img src="{url}/x.png"><script>fetch("{url}/data.json").catch(() => {{}})</script>')
        check = browser.check_offline(html, None, chromium)
    finally:
        server.shutdown()
    assert sorted(check.external_requests) == [f"{url}/data.json", f"{url}/x.png"]
    assert hits == []


def test_a_console_error_is_reported(tmp_path):
    html = page(tmp_path, '<script>console.error("boom")</script>')
    # The default path, which launches its own browser: in a thread of its own, since Playwright's
    # sync API allows one instance per thread and this module's browser may be open.
    with ThreadPoolExecutor(1) as thread:
        check = thread.submit(browser.check_offline, html).result()
    assert check.errors == ["boom"] and not check.ok


def test_an_uncaught_exception_is_reported(tmp_path, chromium):
    html = page(tmp_path, '<script>throw new Error("bang")</script>')
    check = browser.check_offline(html, None, chromium)
    assert len(check.errors) == 1 and "bang" in check.errors[0]
    assert not check.ok


def test_a_broken_image_a_collapsed_svg_and_an_empty_figure_did_not_render(tmp_path, chromium):
    html = page(tmp_path, '<figure><img src="data:image/png;base64,AAAA" width="30" height="30"><figcaption>broken'
                          '</figcaption></figure><figure id="collapsed"><svg width="0" height="0"></svg></figure>'
                          '<figure id="empty"></figure>')
    check = browser.check_offline(html, None, chromium)
    assert check.external_requests == []
    assert check.figures == [browser.FigureCheck("broken", "img", False),
                             browser.FigureCheck("collapsed", "svg", False),
                             browser.FigureCheck("empty", "none", False)]
    assert not check.ok


def test_print_pdf_writes_a_pdf(tmp_path):
    html = page(tmp_path, f"<h1>Report</h1><figure>{SVG}</figure>")
    browser.print_pdf(html, tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "report.pdf"]


def test_print_pdf_refuses_a_missing_page_and_writes_nothing(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"^\S*missing\.html: no such file to print$"):
        browser.print_pdf(tmp_path / "missing.html", tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []


def test_print_pdf_fails_in_one_line_when_chromium_cannot_write(tmp_path):
    html = page(tmp_path, "<h1>Report</h1>")
    with pytest.raises(browser.ChromiumError, match="could not print it to PDF") as failure:
        browser.print_pdf(html, tmp_path / "no-such-dir" / "report.pdf")
    assert "\n" not in str(failure.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_a_missing_chromium_names_the_debian_package(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(browser.ChromiumError, match="apt-get install chromium"):
        browser.chromium()
