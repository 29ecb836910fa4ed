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
    return htmls_to_pdfs([html_text], page_size)[0]


def htmls_to_pdfs(html_texts: list[str], page_size: PageSize = SLIDE, progress=None) -> list[bytes]:
    """Several documents printed by one browser (a report for every city: one start, not one per city);
    `progress(done, total)` is called after each."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, html_text in enumerate(html_texts):
            html_path = Path(folder) / f"document-{index}.html"
            html_path.write_text(html_text, encoding="utf-8")
            paths.append((html_path, html_path.with_suffix(".pdf")))
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(_print_pdfs, paths, page_size, progress).result()
        return [pdf_path.read_bytes() for _, pdf_path in paths]


def _print_pdfs(paths: list[tuple[Path, Path]], page_size: PageSize, progress=None) -> None:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        for done, (html_path, pdf_path) in enumerate(paths, start=1):
            _print_pdf(chromium, html_path, pdf_path, page_size)
            if progress is not None:
                progress(done, len(paths))
        chromium.close()


def _print_pdf(chromium, html_path: Path, pdf_path: Path, page_size: PageSize) -> None:
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
