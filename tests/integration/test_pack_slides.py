"""The offline pack on a projector: every slide fits 16:9 at 1280x720 and 1920x1080 without scrolling, nothing
runs off its slide, its chart takes at least 40 % of the screen height and body text is at least 22 px at
720 p (33 px at 1080 p); numbers print as on screen."""

import subprocess
import sys

import duckdb
import pytest

from icc.outputs import browser as chromium
from icc.paths import DEMO_DB, ROOT

pytestmark = pytest.mark.integration

MEASURE = """() => {
  const slide = document.querySelector('.slide.current');
  const box = slide.getBoundingClientRect();
  const page = document.scrollingElement;
  const outside = Array.from(slide.querySelectorAll('h1, p, li, tr, .figure, .source')).filter(node => {
    const r = node.getBoundingClientRect();
    return r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1; })
    .map(node => (node.textContent || node.className).slice(0, 40));
  const figure = slide.querySelector('.figure');
  const text = slide.querySelector('p, li');
  return {scrolls: page.scrollHeight > window.innerHeight || page.scrollWidth > window.innerWidth,
          inside: box.top >= -1 && box.left >= -1 && box.bottom <= window.innerHeight + 1
                  && box.right <= window.innerWidth + 1,
          outside, figure: figure ? figure.getBoundingClientRect().height / window.innerHeight : null,
          text_px: text ? parseFloat(getComputedStyle(text).fontSize) * box.height / 720 : null,
          cells: Array.from(slide.querySelectorAll('td')).map(cell => cell.textContent)};
}"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        host, visitor = [row[0] for row in con.sql("select city_id from assessment group by 1 "
                                                    "order by count(*) desc, city_id limit 2").fetchall()]
    out = tmp_path_factory.mktemp("pack") / "visit.html"
    subprocess.run([sys.executable, "-m", "icc", "pack", "--host", host, "--visitor", visitor, "--dataset", "demo",
                    "--out", str(out)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    return out


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_every_slide_fits_the_projector(pack, width, height):
    from concurrent.futures import ThreadPoolExecutor

    # In a thread of its own: the browser tests' Playwright may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(check_slides, pack, width, height).result()


def check_slides(pack, width, height):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        page.goto(pack.as_uri())
        count = page.evaluate("() => document.querySelectorAll('.slide').length")
        # The two most assessed demo cities share policy areas: the area-by-area slide is there.
        assert count == 8
        assert "Area by area" in page.evaluate("() => Array.from(document.querySelectorAll('.slide h1'))"
                                               ".map(h => h.textContent)")
        figures = 0
        for index in range(count):
            page.evaluate(f"() => show({index})")
            page.wait_for_function("() => Array.from(document.querySelectorAll('.slide.current .js-plotly-plot'))"
                                   ".every(f => f.querySelector('.main-svg'))")
            seen = page.evaluate(MEASURE)
            assert not seen["scrolls"] and seen["inside"] and seen["outside"] == [], (index + 1, seen)
            assert seen["text_px"] is None or seen["text_px"] >= 22 * height / 720 - 0.5, (index + 1, seen)
            if seen["figure"] is not None:
                figures += 1
                assert seen["figure"] >= 0.4, (index + 1, seen)
            assert not [cell for cell in seen["cells"] if cell.endswith(".0") or cell in ("None", "nan")]
        assert figures >= 3
        browser.close()


def test_the_deck_in_powerpoint_has_native_charts_notes_and_the_fictional_mark_on_every_slide(tmp_path):
    """`icc pack --pptx` on the demo, in French: the deck python-pptx reopens has at least 6 slides, at least 3
    native charts with their data inside, speaker notes on every slide, the fictional mark on every slide,
    French text tagged as French, and nothing placed off its slide."""
    from pptx import Presentation

    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        host, visitor = [row[0] for row in con.sql("select city_id from assessment group by 1 "
                                                    "order by count(*) desc, city_id limit 2").fetchall()]
    deck = tmp_path / "visit.pptx"
    subprocess.run([sys.executable, "-m", "icc", "pack", "--host", host, "--visitor", visitor, "--dataset", "demo",
                    "--lang", "fr", "--out", str(tmp_path / "visit.html"), "--pptx", str(deck)], cwd=ROOT,
                   check=True, capture_output=True, timeout=300)
    presentation = Presentation(str(deck))
    slides = list(presentation.slides)
    assert len(slides) >= 6
    charts = [shape.chart for slide in slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 3 and all(any(series.values for series in chart.plots[0].series) for chart in charts)
    kinds = {str(chart.chart_type).split(" ")[0] for chart in charts}
    assert {"RADAR_MARKERS", "BAR_CLUSTERED", "XY_SCATTER_LINES"} <= kinds, kinds  # radar, dumbbell, trend
    for number, slide in enumerate(slides, start=1):
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text) > 40, number
        texts = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert "FICTIVES" in texts, number
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= presentation.slide_width + 1, (number, shape.name)
            assert shape.top + shape.height <= presentation.slide_height + 1, (number, shape.name)
    runs = [run for slide in slides for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert runs and all(run.font._rPr.get("lang") == "fr-FR" for run in runs)
    assert slides[0].shapes.title.text and "Visite d'étude" in slides[0].placeholders[1].text_frame.text
