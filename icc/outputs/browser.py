"""Debian's Chromium, the one browser behind every file the app prints (PDFs, chart PNGs), started with
nothing that phones home and with every request other than the document itself blocked."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
CHROMIUM_MISSING = "Debian's Chromium is not installed on this server (`make run` installs it)"


@dataclass(frozen=True)
class PageSize:
    width: str = ""
    height: str = ""
    from_css: bool = False  # the document's @page says the size and margins


SLIDE = PageSize("1280px", "720px")  # the study-visit pack: one 16:9 slide per page
A4 = PageSize(from_css=True)  # the factsheet


def available() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def html_to_pdf(html_text: str, page_size: PageSize = SLIDE) -> bytes:
    """Print an HTML document to PDF. Runs in its own thread: Playwright's sync API refuses to start where an
    event loop is already running (a server, a notebook, another Playwright session)."""
    with tempfile.TemporaryDirectory() as folder:
        html_path, pdf_path = Path(folder) / "document.html", Path(folder) / "document.pdf"
        html_path.write_text(html_text, encoding="utf-8")
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(_print_pdf, html_path, pdf_path, page_size).result()
        return pdf_path.read_bytes()


def _print_pdf(html_path: Path, pdf_path: Path, page_size: PageSize) -> None:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        page.goto(html_path.resolve().as_uri())
        page.emulate_media(media="print")
        # Every figure drawn at its printed size before printing (a condition, not a delay).
        page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach(f => Plotly.Plots.resize(f))")
        page.wait_for_function("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                               ".every(f => f.querySelector('.main-svg'))")
        if page_size.from_css:
            page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
        else:
            page.pdf(path=str(pdf_path), width=page_size.width, height=page_size.height, print_background=True,
                     margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
        chromium.close()
