"""Every reader (WCAG 2.1 AA, issue 21), measured in Chromium with tools nobody here wrote: axe-core's WCAG 2.1
A/AA rules on every page in both languages and both datasets (and on a phone), the document's language, a
name for every chart and map, no page that scrolls sideways on a phone."""

from __future__ import annotations

import pytest
from conftest import assert_no_exception, settle

from icc import site
from icc.paths import ROOT

pytestmark = pytest.mark.e2e

AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWS = [page.tour_path for page in site.PAGES]
RUN_AXE = "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations" \
          ".filter(v => v.impact === 'serious' || v.impact === 'critical')" \
          ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.html.slice(0, 160))}))"
CHART_NAMES = """() => Array.from(document.querySelectorAll(
  '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]')).map(chart => chart.getAttribute('aria-label'))"""


def address(path: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items() if value)
    return path + (("&" if "?" in path else "?") + query if query else "")


def serious_violations(tab) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: `make test` installs it (npm install axe-core)")
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate(RUN_AXE, WCAG_21_AA)


def open_view(tab, path: str) -> None:
    tab.goto(tab.base_url + path)
    tab.wait_for_selector("h1", timeout=90_000)
    settle(tab, 1500)
    assert_no_exception(tab)


@pytest.mark.parametrize("dataset", ["", "demo"], ids=["published", "demo"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_meets_wcag_21_aa_in_its_language_with_named_charts(page, language, dataset):
    found = {}
    for view in VIEWS:
        open_view(page, address(view, lang=language if language == "fr" else "", dataset=dataset))
        assert page.evaluate("document.documentElement.lang") == language, view
        names = page.evaluate(CHART_NAMES)
        assert all(name and len(name) > 10 for name in names), (view, names)
        violations = serious_violations(page)
        if violations:
            found[view] = violations
    assert found == {}


def test_on_a_phone_every_page_meets_wcag_21_aa_and_none_scrolls_sideways(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.base_url = server
    found, sideways = {}, []
    try:
        for view in VIEWS:
            open_view(tab, view)
            if tab.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
                sideways.append(view)
            violations = serious_violations(tab)
            if violations:
                found[view] = violations
        open_view(tab, "/?lang=fr")  # the navigation's button is named in the interface's language
        tab.wait_for_function("""() => { const b = document.querySelector('[data-testid="stExpandSidebarButton"]');
                                         return b && b.getAttribute('aria-label') === 'Ouvrir les pages et les réglages'; }""",
                              timeout=30_000)
    finally:
        context.close()
    assert found == {} and sideways == []


SLIDES_FRAME = "[data-testid='stMain'] iframe[srcdoc*='section class']"


def presenting(tab):
    tab.goto(tab.base_url + "/visit?host=oslo&visitor=odesa&present=1")
    tab.frame_locator(SLIDES_FRAME).locator(".slide.current").wait_for(timeout=90_000)
    frame = tab.locator(SLIDES_FRAME).element_handle().content_frame()
    frame.wait_for_function("() => typeof show === 'function'", timeout=60_000)
    return frame


def test_escape_and_the_slides_own_exit_leave_the_presentation_and_keys_reach_every_slide(page):
    frame = presenting(page)
    total = frame.evaluate("document.querySelectorAll('.slide').length")
    page.keyboard.press("End")
    assert frame.evaluate("document.querySelector('.slide.current').id") == f"slide-{total}"
    page.keyboard.press("Home")
    assert frame.evaluate("document.querySelector('.slide.current').id") == "slide-1"
    page.keyboard.press("Escape")
    page.wait_for_function("!location.search.includes('present=1')", timeout=30_000)
    page.wait_for_selector("h1", timeout=60_000)
    frame = presenting(page)
    frame.locator("#exit").click()
    page.wait_for_function("!location.search.includes('present=1')", timeout=30_000)


SWIPE_LEFT = """() => {
  const touch = x => new Touch({identifier: 1, target: document.body, screenX: x, clientX: x});
  document.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(300)], touches: [touch(300)]}));
  document.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(100)], touches: []}));
  return document.querySelector('.slide.current').id;
}"""


def test_on_a_phone_the_presentation_reads_and_swipes(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.base_url = server
    try:
        frame = presenting(tab)
        heading_px = frame.evaluate("parseFloat(getComputedStyle(document.querySelector('.slide.current h1')).fontSize)"
                                    " * (document.querySelector('.slide.current').getBoundingClientRect().width"
                                    " / document.querySelector('.slide.current').offsetWidth)")
        assert heading_px >= 20  # read at its size, not scaled to 0.3
        heights = frame.evaluate("Array.from(document.querySelectorAll('.controls button'))"
                                 ".map(b => b.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44
        assert frame.evaluate(SWIPE_LEFT) == "slide-2"
    finally:
        context.close()
