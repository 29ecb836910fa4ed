"""The dashboard as users meet it: real pages in Chromium, real clicks, nothing fetched from outside."""

import re
from pathlib import Path

import pytest
from conftest import assert_no_exception, open_page, screenshot, settle
from published_sources import source_facts

from icc import site

pytestmark = pytest.mark.e2e

# The heading each page's tour view opens with; every page of the one list (icc/site.py) has one.
HEADINGS = {"overview": "The Intercultural Cities network at a glance", "map": "Where the Intercultural Cities are",
            "city": "Oslo", "compare": "Compare cities", "trends": "Trends over time",
            "areas": "Policy areas: the network at a glance", "practices": "Good practices", "visit": "Study visit",
            "data": "Data", "about": "About the ICC Index Explorer", "accessibility": "Accessibility"}
PAGES = [(page.tour_path, HEADINGS[page.key]) for page in site.PAGES]


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=[path for path, _ in PAGES])
def test_every_page_renders_with_the_shared_sidebar(page, path, heading):
    open_page(page, path)
    assert_no_exception(page)
    assert heading in page.locator("h1").first.inner_text()
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Dataset", exact=True).wait_for(timeout=30_000)
    sidebar.get_by_role("link", name="About").wait_for(timeout=30_000)
    screenshot(page, "page" + (path.split("?")[0].replace("/", "_") or "_home"))


def test_overview_draws_its_charts_and_map(page):
    open_page(page, "/", wait_ms=1000)
    page.locator(".js-plotly-plot").nth(1).wait_for(timeout=60_000)
    page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(timeout=60_000)
    assert page.locator(".js-plotly-plot").count() >= 2
    assert page.locator("[data-testid='stDeckGlJsonChart'] canvas").count() >= 1
    assert page.get_by_text(f"{source_facts().cities:,}", exact=True).count() >= 1


def test_deep_link_with_parameters_opens_the_view(page):
    open_page(page, "/map?country=IT&status=associated&colour=score")
    assert_no_exception(page)
    assert page.get_by_text("cities in 1 country;").count() == 1
    assert "colour=score" in page.url


def test_clicking_a_city_on_the_map_opens_its_panel(page):
    # Iceland has one member city: the view centres on it, so it sits in the middle of the map.
    open_page(page, "/map?country=IS", wait_ms=6000)
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 6, y - 6)  # deck.gl picks on hover first, as a person's pointer would
    page.wait_for_timeout(300)
    page.mouse.move(x, y)
    page.wait_for_timeout(600)
    page.mouse.click(x, y)
    page.wait_for_url("**city=reykjavik**", timeout=20_000)
    settle(page, 1500)
    assert page.get_by_text("Reykjavík", exact=True).count() >= 1
    assert "city=reykjavik" in page.url
    assert page.get_by_role("link", name="Open the city profile").count() == 1
    screenshot(page, "map_city_panel")


def test_filtering_the_map_goes_into_the_url(page):
    open_page(page, "/map", wait_ms=2000)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stRadio']").filter(has_text="Index results").get_by_text("With", exact=True).click()
    page.wait_for_url("**index=yes**", timeout=20_000)
    settle(page)
    assert page.get_by_text("Showing 15 cities").count() == 1


def test_switching_language(page):
    open_page(page, "/about")
    page.locator("[data-testid='stSidebar']").get_by_text("Français", exact=True).click()
    page.wait_for_url("**lang=fr**", timeout=20_000)
    settle(page)
    assert page.locator("h1").first.inner_text() == "À propos de l'Explorateur de l'Indice ICC"
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Vue d'ensemble").click()
    settle(page)
    assert "lang=fr" in page.url
    assert "en un coup d'œil" in page.locator("h1").first.inner_text()


def test_choosing_a_city_and_changing_peers(page):
    open_page(page, "/city?dataset=demo")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    page.keyboard.type("a")
    page.keyboard.press("Enter")
    settle(page, 2500)
    assert_no_exception(page)
    assert "city=" in page.url
    sidebar.get_by_text("Closest Index profile").click()
    page.wait_for_url("**peers=profile**", timeout=20_000)
    settle(page, 2500)
    assert page.get_by_text("Fictional demo data").count() >= 1
    screenshot(page, "city_demo_profile_peers")


def test_compare_head_to_head_deep_link(page):
    open_page(page, "/compare?cities=oslo,odesa&mode=h2h&version=2019")
    assert_no_exception(page)
    assert page.get_by_text("different Index versions").count() == 1
    open_page(page, "/compare?cities=oslo,odesa&mode=h2h")
    assert page.get_by_text("On the aggregate Index, Oslo is 15 points ahead").count() == 1


def test_presentation_changes_slides_in_the_browser_full_screen_and_escape(page, browser, tmp_path):
    open_page(page, "/visit?host=oslo&visitor=guro-gu-seoul", wait_ms=2000)
    page.get_by_role("button", name="Present full screen").click()
    page.wait_for_function("location.search.includes('present=1')", timeout=30_000)
    # The slides' frame is the one holding the pack's sections (the previous view's keyboard frame may linger
    # while the page reruns).
    slides_frame = "[data-testid='stMain'] iframe[srcdoc*='section class']"
    slides = page.frame_locator(slides_frame)
    slides.locator(".slide.current").wait_for(timeout=60_000)
    frame = page.locator(slides_frame).element_handle().content_frame()
    frame.wait_for_function("() => typeof Plotly !== 'undefined' && typeof show === 'function'", timeout=60_000)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    # The slide fills the screen (16:9 stage scaled to the viewport), nothing scrolls, and its controls sit in
    # the slide's bottom band, under every line of its content.
    box = slides.locator(".slide.current").bounding_box()
    controls = slides.locator(".controls").bounding_box()
    content_bottom = frame.evaluate("""() => Math.max(...Array.from(document.querySelectorAll(
        '.slide.current h1, .slide.current p, .slide.current li, .slide.current tr, .slide.current .figure,'
        + ' .slide.current .source')).map(node => node.getBoundingClientRect().bottom))""")
    assert box["height"] >= 0.98 * 720 and content_bottom <= controls["y"] + 1
    assert controls["y"] + controls["height"] <= 720 and not page.evaluate(
        "() => document.scrollingElement.scrollHeight > window.innerHeight")
    # A key press changes the slide in the browser, within the key's own event (no server round trip can be
    # in between); `make loadtest` measures how long that takes.
    shown = frame.evaluate("""() => {
        document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));
        return document.querySelector('.slide.current').id;
    }""")
    assert shown == "slide-2"
    page.wait_for_function("location.search.includes('slide=2')", timeout=30_000)
    assert slides.locator(".slide.current h1").inner_text() == "Oslo"
    # Real full screen (Fullscreen API), and Escape leaves it.
    slides.locator("#fullscreen").click()
    page.wait_for_function("() => !!document.fullscreenElement", timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.fullscreenElement", timeout=10_000)
    screenshot(page, "visit_presentation")
    # The slides' own Exit (the page's button it clicks is out of sight and out of the Tab order).
    assert not page.get_by_role("button", name="Exit presentation").first.is_visible()
    slides.locator("#exit").click()
    page.wait_for_function("!location.search.includes('present=1')", timeout=30_000)
    settle(page)
    page.get_by_role("button", name="Prepare the offline pack").click()
    page.get_by_role("button", name="Download the pack (HTML)").wait_for(timeout=120_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the pack (HTML)").click()
    pack_path = tmp_path / "visit.html"
    download.value.save_as(pack_path)
    assert page.get_by_role("button", name="Download the slides (PDF)").count() == 1

    # Open the pack from disk with every network request blocked: all slides must draw.
    offline = browser.new_context(viewport={"width": 1300, "height": 800}, offline=True)
    tab = offline.new_page()
    outside = []
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
              else (outside.append(route.request.url), route.abort()))
    tab.goto(pack_path.as_uri())
    tab.wait_for_function("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                          ".every(f => f.querySelector('.main-svg'))", timeout=60_000)
    pack_slides = tab.locator("section.slide")
    assert pack_slides.count() == 6
    for index in range(6):
        current = tab.locator("section.slide.current")
        assert current.get_attribute("id") == f"slide-{index + 1}"
        for figure in current.locator(".figure").all():
            assert figure.locator(".main-svg").count() >= 1, f"slide {index + 1} figure not drawn"
        tab.keyboard.press("ArrowRight")
        tab.wait_for_function(f"() => document.querySelector('section.slide.current').id === "
                              f"'slide-{min(index + 2, 6)}'")
    offline.close()
    assert outside == []


def test_table_and_chart_downloads_in_the_browser(page, tmp_path):
    import io

    import pandas as pd

    page.context.set_default_timeout(60_000)
    open_page(page, "/about")
    with page.expect_download() as xlsx:
        page.get_by_role("button", name=re.compile(r"^XLSX")).first.click()
    sheets = pd.read_excel(io.BytesIO(open(xlsx.value.path(), "rb").read()), sheet_name=None)
    assert list(sheets)[-1] == "codebook" and len(sheets[list(sheets)[0]]) > 5
    assert "Same area in the other version" in sheets["codebook"]["label"].tolist()
    # The linked area by name, never a code (public_services).
    assert "Media and communication" in sheets[list(sheets)[0]]["linked"].tolist()
    assert "policy-areas-2009.xlsx" == xlsx.value.suggested_filename
    assert_no_exception(page)

    open_page(page, "/")
    with page.expect_download(timeout=90_000) as png:
        page.get_by_role("button", name="PNG image").first.click()
    assert open(png.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.locator("h1").first.inner_text().startswith("The Intercultural Cities network")


@pytest.mark.parametrize(("language", "mark"), [("en", "FICTIONAL"), ("fr", "FICTIF")])
def test_every_table_downloaded_from_the_demo_says_it_is_fictional(page, language, mark):
    """The files are made when the button is clicked, on a server thread: they still carry the view's dataset
    and language (they were unmarked and English)."""
    import io

    import pandas as pd

    page.context.set_default_timeout(60_000)
    open_page(page, f"/?dataset=demo&lang={language}")
    with page.expect_download() as csv:
        page.get_by_role("button", name="CSV", exact=True).first.click()
    table = pd.read_csv(csv.value.path())
    assert table.columns[0] == "dataset" and len(table) > 0
    assert table["dataset"].str.contains(mark).all()
    with page.expect_download() as xlsx:
        page.get_by_role("button", name=re.compile(r"^XLSX")).first.click()
    sheets = pd.read_excel(io.BytesIO(Path(xlsx.value.path()).read_bytes()), sheet_name=None)
    first = sheets[list(sheets)[0]]
    assert first.columns[0] == "dataset" and first["dataset"].str.contains(mark).all()
    codebook = sheets["codebook"].astype(str).to_string()
    assert ("fictif" if language == "fr" else "fictional") in codebook


FORBIDDEN = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\bNULL\b|\w\(s\)|: \.|\b0 (areas|domaines)\b")
REAL_SOURCES = re.compile(r"Council of Europe|as published|published (Index|result|source|data curated)|"
                          r"city sources|good-practice database", re.I)
READ_PAGE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const svgText = Array.from(main.querySelectorAll('svg text')).map(node => node.textContent);
  return main.innerText + '\\n' + svgText.join('\\n');
}"""
CHART_TEXT_FAULTS = (Path(__file__).with_name("chart_text_faults.js")).read_text(encoding="utf-8")
# Each page with the two cities a dataset's tour is about (the About page reads the same in both datasets),
# and the views of a page that draw other charts (head-to-head, one policy area).
TOUR_QUERIES = {"city": "city={city}", "compare": "cities={city},{other}", "trends": "cities={city},{other}",
                "visit": "host={city}&visitor={other}&slide=4"}
TOUR = [page.path + (f"?{TOUR_QUERIES[page.key]}" if page.key in TOUR_QUERIES else "")
        for page in site.PAGES if page.key != "about"] + ["/compare?cities={city},{other}&mode=h2h",
                                                          "/compare?cities={city},{other}&mode=multiples",
                                                          "/areas?area=education"]


@pytest.mark.parametrize(("dataset", "language", "size"), [
    ("published", "en", (1280, 900)), ("demo", "fr", (1280, 900)),
    ("published", "fr", (1920, 1080)), ("demo", "en", (1920, 1080))])
def test_a_tour_reads_true_in_the_browser(page, dataset, language, size):
    """What a reader sees (page text and the text drawn in charts): never None, nan, NULL, an empty list
    (': .'), '0 areas' or a plural in brackets; no chart text outside its chart or on another label; in the
    demo, never a real source credited for its figures."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    city, other = demo_pair() if dataset == "demo" else ("oslo", "odesa")
    for template in TOUR:
        path = template.format(city=city, other=other)
        path += ("&" if "?" in path else "?") + f"lang={language}" + ("&dataset=demo" if dataset == "demo" else "")
        open_page(page, path, wait_ms=1500)
        assert_no_exception(page)
        text = page.evaluate(READ_PAGE)
        assert FORBIDDEN.findall(text) == [], path
        assert page.evaluate(CHART_TEXT_FAULTS) == [], path
        if dataset == "demo":
            assert REAL_SOURCES.findall(text) == [], path


def demo_pair() -> tuple[str, str]:
    import duckdb

    from icc.paths import DEMO_DB

    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        return tuple(row[0] for row in con.sql("select city_id from assessment group by 1 "
                                               "order by count(*) desc, city_id limit 2").fetchall())


CHART_TEXT = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot'))
  .map(plot => Array.from(plot.querySelectorAll('svg text')).map(node => node.textContent))"""


def test_areas_without_an_area_show_one_chart_naming_every_area(page):
    import duckdb

    from icc.paths import DEMO_DB

    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        areas = {row[0] for row in con.sql("select short_en from policy_area where version_id = '2019' "
                                           "and group_code <> 'composite'").fetchall()}
    open_page(page, "/areas?dataset=demo", wait_ms=1500)
    assert_no_exception(page)
    page.locator("[data-testid='stMain'] .js-plotly-plot").first.wait_for(timeout=60_000)
    first_chart = page.evaluate(CHART_TEXT)[0]
    assert areas <= set(first_chart)
    assert page.locator("h1").first.inner_text() == "Policy areas: the network at a glance"


def test_visit_head_to_head_shows_the_dumbbell(page):
    host, visitor = demo_pair()
    open_page(page, f"/visit?dataset=demo&host={host}&visitor={visitor}&slide=5", wait_ms=1500)
    assert_no_exception(page)
    assert page.get_by_role("heading", name="Area by area").count() == 1
    page.locator("[data-testid='stMain'] .js-plotly-plot").first.wait_for(timeout=60_000)
    texts = [text for chart in page.evaluate(CHART_TEXT) for text in chart]
    assert any(re.fullmatch(r".+ \+\d+", text) for text in texts)  # the gaps are written beside the rows
    screenshot(page, "visit_dumbbell")


def test_a_published_city_without_scores_shows_peers_and_a_practice(page):
    open_page(page, "/city?city=bergen", wait_ms=1500)
    assert_no_exception(page)
    assert page.get_by_role("heading", name="Cities like Bergen").count() == 1
    assert page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").count() >= 1
    practice_links = page.locator("[data-testid='stMain'] a[href*='interculturalcities']")
    assert practice_links.count() >= 1


def test_the_data_twins_are_served_read_only_by_the_app(page):
    import json

    open_page(page, "/data?dataset=demo")  # the first page run writes the twins of the snapshot served
    assert_no_exception(page)
    for dataset, fictional in (("demo", True), ("published", False)):
        if dataset == "published":
            open_page(page, "/data")
        response = page.request.get(page.base_url + f"/app/static/data/{dataset}/cities.json")
        assert response.ok
        twin = json.loads(response.text())
        assert twin["fictional"] is fictional and twin["query"] == "cities" and len(twin["rows"]) >= 1
        csv_text = page.request.get(page.base_url + f"/app/static/data/{dataset}/cities.csv").text()
        assert csv_text.splitlines()[0].startswith("dataset,city_id" if fictional else "city_id")
