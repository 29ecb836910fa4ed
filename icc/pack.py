"""The offline pack: a study visit as one self-contained HTML file (plotly.js, styles, data and the
outline map embedded; no request leaves the machine when it is opened from disk) and as a PDF printed
from it by Chromium, one slide per page."""

from __future__ import annotations

import html
from pathlib import Path

import plotly.offline

from icc.i18n import t
from icc.outputs import GENERATOR_TAG
from icc.visit import Slide

# Debian's Chromium, with nothing that phones home (see ../shared/DESIGN.md).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

STYLE = """
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; background: #222; color: #222; }
.slide { box-sizing: border-box; width: 1280px; height: 720px; margin: 20px auto; padding: 36px 56px;
         background: white; overflow: hidden; display: none; position: relative; }
.slide.current { display: block; }
h1 { font-size: 40px; margin: 0 0 14px; }
p, li { font-size: 22px; line-height: 1.4; margin: 6px 0; }
table { border-collapse: collapse; font-size: 16px; margin-top: 10px; }
td, th { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
.figure { width: 100%; height: 470px; }
.footer { position: absolute; bottom: 14px; right: 28px; font-size: 14px; color: #777; }
.controls { text-align: center; color: #eee; font-size: 16px; }
.controls button { font-size: 18px; margin: 0 10px; }
@media print {
  @page { size: 1280px 720px; margin: 0; }
  body { background: white; }
  .slide { display: block !important; margin: 0; page-break-after: always; break-after: page; }
  .slide:last-of-type { page-break-after: auto; break-after: auto; }
  .controls { display: none; }
}
"""

SCRIPT = """
const slides = Array.from(document.querySelectorAll('.slide'));
let current = 0;
function show(index) {
  current = Math.max(0, Math.min(slides.length - 1, index));
  slides.forEach((slide, i) => slide.classList.toggle('current', i === current));
  document.getElementById('counter').textContent = (current + 1) + ' / ' + slides.length;
  slides[current].querySelectorAll('.figure').forEach(div => Plotly.Plots.resize(div));
}
document.addEventListener('keydown', e => {
  if (e.key === 'ArrowRight' || e.key === 'PageDown') show(current + 1);
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') show(current - 1);
});
window.addEventListener('beforeprint', () => slides.forEach(div =>
  div.querySelectorAll('.figure').forEach(f => Plotly.Plots.resize(f))));
show(0);
"""


def table_html(frame) -> str:
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape('' if value is None else str(value))}</td>"
                                    for value in row) + "</tr>" for row in frame.head(18).itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def slide_html(slide: Slide, index: int, total: int, title: str) -> tuple[str, str]:
    """(section HTML, script drawing its figure)."""
    parts = [f"<h1>{html.escape(slide.title)}</h1>"]
    parts += [f"<p>{html.escape(text)}</p>" for text in slide.paragraphs]
    if slide.bullets:
        parts.append("<ul>" + "".join(f"<li>{html.escape(text)}</li>" for text in slide.bullets) + "</ul>")
    script = ""
    if slide.figure is not None:
        height = 470 if slide.table is None else 330
        parts.append(f'<div class="figure" id="figure-{index}" style="height:{height}px"></div>')
        figure = slide.figure.to_json()
        script = (f"Plotly.newPlot('figure-{index}', ...(f => [f.data, f.layout])({figure}), "
                  "{displaylogo: false, responsive: true, staticPlot: false});")
    if slide.table is not None:
        parts.append(table_html(slide.table))
    parts.append(f'<div class="footer">{html.escape(title)} · {index + 1} / {total}</div>')
    return f'<section class="slide" id="slide-{index + 1}">{"".join(parts)}</section>', script


def pack_html(slides: list[Slide], title: str, language: str = "en") -> str:
    sections, scripts = zip(*(slide_html(slide, i, len(slides), title) for i, slide in enumerate(slides)))
    controls = (f'<div class="controls"><button onclick="show(current - 1)">{html.escape(t("visit.previous"))}'
                f'</button><span id="counter"></span><button onclick="show(current + 1)">'
                f'{html.escape(t("visit.next"))}</button></div>')
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">{GENERATOR_TAG}<title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style><script>{plotly.offline.get_plotlyjs()}</script></head><body>"
            f"{controls}{''.join(sections)}<script>{''.join(scripts)}{SCRIPT}</script></body></html>")


def write_pdf(html_path: Path, pdf_path: Path, width: str = "1280px", height: str = "720px") -> None:
    """Print an HTML file (the pack: one slide per page; a factsheet) with Debian's Chromium, with
    every request other than the file itself blocked. Runs in its own thread: Playwright's sync API refuses
    to start where an event loop is already running (a server, a notebook, another Playwright session)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_print_pdf, html_path, pdf_path, width, height).result()


def _print_pdf(html_path: Path, pdf_path: Path, width: str, height: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        page.goto(html_path.resolve().as_uri())
        page.wait_for_timeout(800)
        page.emulate_media(media="print")
        page.pdf(path=str(pdf_path), width=width, height=height, print_background=True,
                 margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
        browser.close()
