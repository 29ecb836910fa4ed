"""make loadtest: N browser sessions touring the pages at once against one server, for a bounded time.
Reports errors, page-ready p50/p95 (against a single session's) and the server's peak memory; exits
non-zero on any error. All traffic stays on loopback."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOUR = ["/", "/map", "/city?city=oslo", "/compare?cities=oslo,odesa,guro-gu-seoul", "/trends", "/areas",
        "/practices?q=school", "/visit?host=oslo&visitor=odesa", "/about"]
SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " const state = app && app.getAttribute('data-test-script-state');"
               " return !!state && state !== 'initial' && state !== 'running'; }")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (from /proc), in kB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its reaped children, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all cores spent busy so far (everything but idle and iowait), in seconds."""
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


async def page_ready(page, url: str) -> float:
    start = time.perf_counter()
    await page.goto(url, wait_until="domcontentloaded")
    await page.wait_for_selector("h1, [data-testid='stException']", timeout=120_000)
    await page.wait_for_function(SCRIPT_DONE, timeout=120_000)
    if await page.locator("[data-testid='stException']").count():
        raise RuntimeError(f"exception on {url}")
    return time.perf_counter() - start


async def session(browser, base: str, seconds: float, times: list, errors: list, offset: int) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    # The browsers share the machine's cores with the server: allow slow loads, count only failures.
    page.set_default_timeout(120_000)
    await asyncio.sleep(offset * 0.5)  # sessions arrive over a few seconds, as people do

    def watch(request):
        if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            errors.append(f"outside request: {request.url}")

    # Observed, not intercepted: Playwright turns the browser's HTTP cache off for routed pages, and every
    # navigation would then fetch Streamlit's 118 script files again (about 1 s of server CPU per page), which
    # real browsers do not do. The browser tests (tests/e2e) do intercept and block outside requests.
    page.on("request", watch)
    deadline = time.monotonic() + seconds
    step = offset
    while time.monotonic() < deadline:
        path = TOUR[step % len(TOUR)]
        try:
            times.append(await page_ready(page, base + path))
        except Exception as error:  # a timeout or an exception element counts as an error
            errors.append(f"{path}: {str(error)[:120]}")
        step += 1
    await context.close()


async def tour(base: str, sessions: int, seconds: float) -> tuple[list, list]:
    from playwright.async_api import async_playwright

    times, errors = [], []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, base, seconds, times, errors, index) for index in range(sessions)))
        await browser.close()
    return times, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                               "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://localhost:{port}"
    peak = [0]
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)

        async def watch_memory(stop: asyncio.Event):
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kb(server.pid))
                await asyncio.sleep(0.5)

        async def measured(sessions: int, seconds: float):
            stop = asyncio.Event()
            watcher = asyncio.create_task(watch_memory(stop))
            server_before, busy_before = cpu_seconds(server.pid), machine_busy_seconds()
            result = await tour(base, sessions, seconds)
            cpu[sessions] = (cpu_seconds(server.pid) - server_before, machine_busy_seconds() - busy_before)
            stop.set()
            await watcher
            return result

        cpu: dict[int, tuple[float, float]] = {}
        single, single_errors = asyncio.run(measured(1, min(30.0, args.seconds)))
        loaded, errors = asyncio.run(measured(args.sessions, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = single_errors + errors
    print(f"\nLoad test: {args.sessions} sessions x {args.seconds:.0f} s against one server ({os.cpu_count()} CPUs)")
    print(f"  single session: {len(single)} pages, page-ready p50 {statistics.median(single):.2f} s, "
          f"p95 {percentile(single, 0.95):.2f} s")
    if loaded:
        print(f"  {args.sessions} sessions:   {len(loaded)} pages, page-ready p50 {statistics.median(loaded):.2f} s, "
              f"p95 {percentile(loaded, 0.95):.2f} s")
    # The browsers run on the same cores as the server: split the machine's busy CPU time between them, and
    # give the server's CPU time per page, which does not depend on how many browsers share the machine.
    for sessions, pages in ((1, single), (args.sessions, loaded)):
        server_cpu, busy = cpu.get(sessions, (0.0, 0.0))
        if pages and busy:
            print(f"  CPU with {sessions} session(s): server {server_cpu:.0f} s of {busy:.0f} s busy "
                  f"({100 * server_cpu / busy:.0f} %; the rest is the browsers), "
                  f"server {1000 * server_cpu / len(pages):.0f} ms CPU per page")
    server_cpu, _ = cpu.get(args.sessions, (0.0, 0.0))
    if loaded and server_cpu:
        print(f"  server throughput without browsers on the machine: about {len(loaded) / server_cpu:.1f} "
              "pages/s per core it gets")
    print(f"  server peak memory: {peak[0] / 1024:.0f} MB RSS (target 600 MB)")
    print(f"  errors: {len(errors)}")
    for error in errors[:20]:
        print(f"    {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
