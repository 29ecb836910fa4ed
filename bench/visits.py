"""make bench-visits: what a person waits for at a first and a repeat visit of every page, beside Streamlit's
own floor (a bare page with one plotly chart and one pydeck map, served on the same machine in the same run):
time until the page is ready (script done, every chart drawn), bytes on the wire once loading settles, and the
layout shift; the median of three rounds (BENCH_ROUNDS; the overview's first round meets a fresh server, as the
floor's does). Prints a table and writes bench/results/visits-<time>.json. Loopback only."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import results_file

from icc import site
from icc.serving.launcher import free_port, healthy

ROOT = Path(__file__).resolve().parent.parent
FLOOR_PAGE = '''
import pandas as pd, plotly.express as px, pydeck as pdk, streamlit as st
st.title("Floor")
st.plotly_chart(px.bar(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), x="x", y="y"))
st.pydeck_chart(pdk.Deck(map_style=None, layers=[pdk.Layer("ScatterplotLayer", data=[{"p": [10, 50]}],
                                                           get_position="p", get_radius=50000)]))
'''
# A timeline kept by the page itself: every change of the script's state, of the charts drawn and of the maps
# with a canvas, and the layout shift. Streamlit loads its chart code lazily, so a chart's element appears after
# the script is done: "ready" is the first moment the page holds everything it finally holds.
TIMELINE = """window.__timeline = []; window.__shift = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) {
  if (!entry.hadRecentInput) window.__shift += entry.value; } }).observe({type: 'layout-shift', buffered: true});
let last = '';
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = (app && app.getAttribute('data-test-script-state')) || '';
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length;
  const maps = document.querySelectorAll('[data-testid="stDeckGlJsonChart"] canvas').length;
  const now = state + ' ' + charts + ' ' + maps;
  if (now !== last) { window.__timeline.push([performance.now(), state, charts, maps]); last = now; }
}).observe(document, {subtree: true, childList: true, attributes: true});"""
DONE = """() => { const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  return !!state && state !== 'initial' && state !== 'running'; }"""
# After the script is done, time for lazily loaded charts to appear (not counted).
SETTLE_MS = int(os.environ.get("BENCH_SETTLE_MS", 3000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
TARGET_RATIO, TARGET_SHIFT = 1.3, 0.1


def serve(script: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                                "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not healthy(f"http://localhost:{port}"):
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{script} did not start")
        time.sleep(0.3)
    return process


def visit(context, url: str) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(max(request.sizes()["responseBodySize"], 0)))
    page.goto(url)
    page.wait_for_timeout(300)
    page.wait_for_function(DONE, timeout=120_000)
    try:  # let what is still loading land (Streamlit may keep a request open)
        page.wait_for_load_state("networkidle", timeout=10_000)
    except PlaywrightTimeout:
        pass
    page.wait_for_timeout(SETTLE_MS)
    timeline, shift = page.evaluate("() => [window.__timeline, window.__shift]")
    page.close()
    return {"seconds": round(ready_ms(timeline) / 1000, 2), "bytes": sum(sizes), "layout_shift": round(shift, 3)}


def ready_ms(timeline: list) -> float:
    """Milliseconds from navigation to the first moment with the script done and the final charts and maps drawn."""
    _, _, charts, maps = timeline[-1]
    return next(at for at, state, drawn, canvases in timeline
                if state not in ("", "initial", "running") and drawn >= charts and canvases >= maps)


def measure(base: str, path: str, browser) -> dict:
    """The median of ROUNDS first visits (each in a new browser context: an empty cache) and of the repeat visit
    that follows each (the same context: its cache warm); bytes and layout shift of the median visit."""
    visits = {"first": [], "repeat": []}
    for _ in range(ROUNDS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(TIMELINE)
        visits["first"].append(visit(context, base + path))
        visits["repeat"].append(visit(context, base + path))
        context.close()
    return {kind: sorted(found, key=lambda one: one["seconds"])[len(found) // 2] for kind, found in visits.items()}


def run() -> dict:
    from playwright.sync_api import sync_playwright

    from icc.outputs import browser as chromium

    with tempfile.TemporaryDirectory() as folder:
        floor_script = Path(folder) / "floor.py"
        floor_script.write_text(FLOOR_PAGE, encoding="utf-8")
        floor_port, app_port = free_port(), free_port()
        floor, app = serve(floor_script, floor_port), serve(ROOT / "server.py", app_port)
        try:
            with sync_playwright() as playwright:
                browser = chromium.launch(playwright)
                results = {"floor": measure(f"http://localhost:{floor_port}", "/", browser)}
                for page in site.PAGES:
                    path = page.path + (f"?{page.tour_query}" if page.tour_query else "")
                    results[path] = measure(f"http://localhost:{app_port}", path, browser)
                browser.close()
        finally:
            for process in (floor, app):
                process.terminate()
                process.wait(timeout=30)
    return {"when": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(), "pages": results}


def main() -> int:
    report = run()
    floor = report["pages"]["floor"]
    print(f"\nFirst and repeat visits, {report['when']} ({report['cpus']} CPUs); floor: a bare Streamlit page\n")
    print(f"{'page':<42} {'first s':>8} {'x floor':>8} {'repeat s':>9} {'x floor':>8} {'MB first':>9} {'shift':>6}")
    for path, timing in report["pages"].items():
        first, repeat = (timing[visit]["seconds"] / floor[visit]["seconds"] for visit in ("first", "repeat"))
        within = first <= TARGET_RATIO and repeat <= TARGET_RATIO and timing["first"]["layout_shift"] <= TARGET_SHIFT
        mark = "" if path == "floor" else ("  ok" if within else "  over")
        print(f"{path[:42]:<42} {timing['first']['seconds']:>8.2f} {first:>8.2f} {timing['repeat']['seconds']:>9.2f} "
              f"{repeat:>8.2f} {timing['first']['bytes'] / 1e6:>9.1f} {timing['first']['layout_shift']:>6.3f}{mark}")
    print(f"\ntargets: first and repeat visit at most {TARGET_RATIO}x the floor's; layout shift at most {TARGET_SHIFT}")
    results_file.write("visits", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
