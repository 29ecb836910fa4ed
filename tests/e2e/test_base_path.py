"""The app mounted under a prefix, as a Council of Europe site would mount it
(`streamlit run server.py --server.baseUrlPath icc-explorer`): every page, every sidebar link, the basemap,
the data twins and the presentation's plotly.js load under /icc-explorer/, and no request misses."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlparse

import pytest
from conftest import SCRIPT_DONE, assert_no_exception, keep_on_loopback, wait_until_healthy

from icc import site
from icc.paths import ROOT
from icc.serving.launcher import free_port

pytestmark = pytest.mark.e2e

PREFIX = "/icc-explorer"


@pytest.fixture(scope="module")
def mounted(server):  # `server` builds the databases the way the root-mounted tests do
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
                                "--server.headless", "true", "--server.baseUrlPath", PREFIX.strip("/")],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    origin = f"http://localhost:{port}"
    try:
        wait_until_healthy(origin + PREFIX)
        yield origin
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def tab(browser, mounted):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, missed = keep_on_loopback(page), []
    # Opened at /icc-explorer/map, Streamlit's own client first asks /icc-explorer/map/_stcore/health (and
    # host-config) to find where the server is mounted, and goes up one level on a 404: those probes are its own.
    page.on("response", lambda response: missed.append(f"{response.status} {response.url}")
            if response.status >= 400 and not re.search(r"/_stcore/(health|host-config)$", response.url) else None)
    page.origin, page.missed = mounted, missed
    yield page
    context.close()
    assert outside == []


def open_mounted(tab, path: str) -> None:
    tab.goto(tab.origin + PREFIX + path)
    tab.wait_for_selector("h1", timeout=120_000)
    tab.wait_for_function(SCRIPT_DONE, timeout=120_000)
    tab.wait_for_function(f"() => document.querySelectorAll(\"[data-testid='stSidebar'] a[href]\").length >= "
                          f"{len(site.PAGES)}", timeout=120_000)
    assert_no_exception(tab)


def test_every_page_and_sidebar_link_lives_under_the_prefix(tab):
    for page in site.PAGES:
        open_mounted(tab, page.tour_path)
        hrefs = tab.eval_on_selector_all("[data-testid='stSidebar'] a[href]", "links => links.map(a => a.href)")
        assert len(hrefs) >= len(site.PAGES), page.key
        assert all(urlparse(href).path.startswith(PREFIX + "/") for href in hrefs), (page.key, hrefs)
        in_page = tab.eval_on_selector_all("[data-testid='stMain'] a[href^='/']", "links => links.map(a => a.href)")
        assert all(urlparse(href).path.startswith(PREFIX + "/") for href in in_page), (page.key, in_page)
    assert tab.missed == [], tab.missed


def test_the_basemap_the_twins_and_plotly_load_under_the_prefix(tab):
    with tab.expect_response(lambda response: urlparse(response.url).path.endswith("/basemap/countries.json")) \
            as basemap:
        open_mounted(tab, "/map")
    assert basemap.value.ok and urlparse(basemap.value.url).path == PREFIX + "/app/static/basemap/countries.json"
    # named by its version, so kept a year; compressed by the server (a third of its bytes)
    assert "v=" in urlparse(basemap.value.url).query and "immutable" in basemap.value.headers["cache-control"]
    assert basemap.value.headers.get("content-encoding") == "gzip"

    open_mounted(tab, "/data")
    twin_links = tab.eval_on_selector_all("[data-testid='stMain'] a[href*='/app/static/data/']",
                                          "links => links.map(a => a.href)")
    listed = tab.locator("[data-testid='stMain']").inner_text()
    assert f"{PREFIX}/app/static/data/published/" in listed
    for href in twin_links or [tab.origin + PREFIX + "/app/static/data/published/cities.json"]:
        assert urlparse(href).path.startswith(PREFIX + "/app/static/data/")
        assert tab.request.get(href).ok, href

    with tab.expect_response(lambda response: urlparse(response.url).path.endswith("/vendor/plotly.min.js"),
                             timeout=120_000) as plotly:
        tab.goto(tab.origin + PREFIX + "/visit?host=oslo&visitor=odesa&present=1")  # the slides have no h1
    assert plotly.value.ok and urlparse(plotly.value.url).path == PREFIX + "/app/static/vendor/plotly.min.js"
    assert tab.missed == [], tab.missed
