"""Browser tests: the app served on a free port, driven by Debian's Chromium through Playwright.
Every request is routed; any that would leave loopback fails the test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from icc.paths import DEMO_DB, ROOT
from icc.serving.launcher import free_port, healthy
from icc.store import build, demo_network

CHROMIUM = os.environ.get("ICC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def wait_until_healthy(url: str, timeout: float = 240) -> None:  # healthy once warm (every page ran once)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if healthy(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the app did not become healthy at {url}")


@pytest.fixture(scope="session")
def server():
    if build.is_stale():
        build.build()
    if not DEMO_DB.exists():
        demo_network.write_demo()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
         "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}"
    try:
        wait_until_healthy(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def keep_on_loopback(tab) -> list[str]:
    """Route every request of `tab`: those that would leave the machine are aborted and listed (the list is
    returned, for the test to assert empty)."""
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
            return route.continue_()
        outside.append(url)
        return route.abort()

    tab.route("**/*", guard)
    return outside


@pytest.fixture
def page(browser, server):
    """A fresh page whose every request is checked; the test fails if any would leave the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    outside = keep_on_loopback(tab)
    tab.base_url = server
    yield tab
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def open_page(tab, path: str, wait_ms: int = 1200):
    """Go to an app path and wait until Streamlit has finished running the script."""
    tab.goto(tab.base_url + path)
    tab.wait_for_selector("[data-testid='stSidebar'], [data-testid='stException']", timeout=60_000)
    tab.wait_for_selector("h1, [data-testid='stException']", timeout=60_000)
    settle(tab, wait_ms)
    return tab


SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " const state = app && app.getAttribute('data-test-script-state');"
               " return !!state && state !== 'initial' && state !== 'running'; }")


def settle(tab, wait_ms: int = 1200):
    """Wait until Streamlit has finished running the page script, then let charts draw."""
    tab.wait_for_timeout(300)
    tab.wait_for_function(SCRIPT_DONE, timeout=90_000)
    tab.wait_for_timeout(wait_ms)


def screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def assert_no_exception(tab) -> None:
    """No traceback and no 'something went wrong' reference (what the server shows users instead)."""
    errors = tab.locator("[data-testid='stException']")
    assert errors.count() == 0, errors.first.inner_text()
    references = tab.get_by_text("give the administrator this reference")
    assert references.count() == 0, references.first.inner_text()
