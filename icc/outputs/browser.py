"""Debian's Chromium, the one browser behind every file the app prints (PDFs, chart PNGs), started with
nothing that phones home and with every request other than the document itself blocked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def print_pdf(chromium, html_path: Path, pdf_path: Path, page_size: PageSize) -> None:
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
    page.close()
