"""Chart images handed on: PNG and SVG of a plotly figure with its source and context lines set under the
chart, rendered by kaleido and Debian's Chromium, fully offline (topojson from static/, no CDN)."""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

from icc.charts import without_source, wrap
from icc.outputs import legibility
from icc.outputs.renderer import RENDERER, RendererBusy


class ImageExportUnavailable(RuntimeError):
    """No browser for kaleido on this server: the app says so and still offers HTML and CSV."""


IMAGE_WIDTH = 1200
FOOTER_FONT_PX = 13
FOOTER_LINE_PX = 19
FOOTER_CHARS = 150  # about 1,150 px of 13 px text: the footer never runs past the image's edge
FOOTER_GAP_PX = 14


def image_parts(figure, context: str = ""):
    """(the chart without its source line, the footer lines): the source and the context line (dataset,
    build date, data years, Index versions) are set under the chart, where no axis label can run into them."""
    chart = go.Figure(figure)
    if chart.layout.title.text:  # the image is wider than most screens: one or two lines of title, not three
        title = re.sub(r"<br>", " ", chart.layout.title.text)
        extra_lines = wrap(title, 90).count("<br>") - chart.layout.title.text.count("<br>")
        # A printed image wants air above its title (on screen the page gives it).
        chart.update_layout(title_text=wrap(title, 90), title_pad_t=30,
                            margin_t=(chart.layout.margin.t or 100) + 14 + 22 * max(0, extra_lines),
                            height=(chart.layout.height or 450) + 14)
    chart, sources = without_source(chart)
    lines = [line for text in [*sources, context] if text for line in wrap(text, FOOTER_CHARS).split("<br>")]
    return chart, lines


def framed_svg(chart_svg: str, width: int, height: int, lines: list[str]) -> str:
    """The chart's SVG with the footer lines under it, in one SVG."""
    inner = re.sub(r"^<\?xml[^>]*>\s*", "", chart_svg.strip())
    footer = FOOTER_GAP_PX + FOOTER_LINE_PX * len(lines) if lines else 0
    texts = "".join(
        f'<text x="12" y="{height + FOOTER_GAP_PX + FOOTER_LINE_PX * (index + 1) - 5}" font-family="DejaVu Sans, '
        f'Arial, sans-serif" font-size="{FOOTER_FONT_PX}" fill="{"#555" if index < len(lines) - 1 else "#333"}">'
        f"{html.escape(line)}</text>" for index, line in enumerate(lines))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" '
            f'height="{height + footer}" viewBox="0 0 {width} {height + footer}">'
            f'<rect width="100%" height="100%" fill="white"/>{inner}{texts}</svg>')


class ImageRenderer:
    """Chart images from the process's warm renderer (renderer.py: one kaleido server for plotly -> SVG, one
    headless Chromium for SVG -> PNG, both kept between files); a `with` block, as a batch of images is written."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def images(self, figure, context: str = "") -> dict[str, bytes]:
        return RENDERER.run(lambda browser: render_images(browser, figure, context))

    def measure(self, svg: bytes) -> list[str]:
        """What does not read in an exported SVG (labels outside the canvas or on top of each other)."""
        return RENDERER.run(lambda browser: legibility.svg_problems(svg, browser))


def render_images(browser, figure, context: str) -> dict[str, bytes]:
    """On the renderer's thread: the SVG by kaleido, framed with its footer, and its PNG by Chromium."""
    chart, lines = image_parts(figure, context)
    height = int(chart.layout.height or 450)
    chart_svg = chart.to_image(format="svg", width=IMAGE_WIDTH, height=height).decode("utf-8")
    svg = framed_svg(chart_svg, IMAGE_WIDTH, height, lines)
    page = browser.new_page(device_scale_factor=2)
    try:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "about:"))
                   else route.abort())
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        png = page.locator("svg").first.screenshot(type="png")
    finally:
        page.close()
    return {"svg": svg.encode("utf-8"), "png": png}


def figure_images(figure, context: str = "") -> dict[str, bytes]:
    """PNG and SVG of a figure: its title, its plot, and under it the source and `context` lines, rendered
    offline with Debian's Chromium."""
    try:
        return ImageRenderer().images(figure, context)
    except RendererBusy:
        raise
    except Exception as error:
        raise ImageExportUnavailable(str(error)[:200]) from error
