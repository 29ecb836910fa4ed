"""make loadtest: simulated sessions that speak Streamlit's websocket protocol tour the pages through the
proxy of `make serve`, with a think time, for a bounded time, on loopback. Measures the server, not browsers.

Every run works on a copy of the published data in bench/work/loadtest/ that holds back the newest
assessment of data/index_scores.csv; half-way through the run that assessment is imported back (its real,
sourced scores), and every worker must show it on its next page run.

Writes bench/results/loadtest-<time>.json and prints the figures: sessions, workers, think time, page views,
errors, page-ready p50/p95 (request sent to script finished), server CPU seconds per page view, peak RSS per
worker, the saturation throughput (page views/s at which p95 passes 2.5 s) for 1 and for 2 workers, and a
small Chromium run (page ready in a real browser, a slide change) to check the protocol figures against."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench.run import percentile
from icc import site
from icc.i18n import format as fmt
from icc.outputs import browser
from icc.paths import DATA, ROOT
from icc.serving import launcher
from icc.serving.protocol import PageError, ProtocolSession
from icc.store import db

WORK = ROOT / "bench" / "work" / "loadtest"
RESULTS = ROOT / "bench" / "results"
TOUR = [page.tour_path for page in site.PAGES]
P95_LIMIT = 2.5
RAMP_STEPS = [2, 4, 8, 12, 16, 24, 32, 48, 64, 96]
SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " const state = app && app.getAttribute('data-test-script-state');"
               " return !!state && state !== 'initial' && state !== 'running'; }")


# --- the data copy ------------------------------------------------------------------------------------------

@dataclass
class DataCopy:
    data_dir: Path
    database: Path
    store: Path
    round_file: Path
    held_back: str

    @property
    def environment(self) -> dict[str, str]:
        return {"ICC_PUBLISHED_DB": str(self.database), "ICC_IMPORT_STORE": str(self.store)}


def prepare_data() -> DataCopy:
    """The published data minus its newest assessment, built; that assessment as a round file to import."""
    shutil.rmtree(WORK, ignore_errors=True)
    data_dir = WORK / "data"
    shutil.copytree(DATA, data_dir, ignore=shutil.ignore_patterns("*.duckdb", "*.wal", "snapshots", "imports", ".*"))
    scores = pd.read_csv(data_dir / "index_scores.csv", dtype=str, keep_default_na=False)
    newest = scores.sort_values(["assessed_on", "assessment_id"]).iloc[-1]["assessment_id"]
    held = scores[scores["assessment_id"] == newest]
    scores[scores["assessment_id"] != newest].to_csv(data_dir / "index_scores.csv", index=False)
    round_file = WORK / "held-back-round.csv"
    pd.DataFrame({"city": held["city_id"], "country": "", "assessed_on": held["assessed_on"],
                  "index_version": held["version_id"], "area": held["area_code"], "score": held["score"],
                  "sample_avg": held["sample_avg"]}).to_csv(round_file, index=False)
    copy = DataCopy(data_dir, WORK / "icc.duckdb", WORK / "batches.duckdb", round_file, newest)
    run_cli("build", "--data", str(copy.data_dir), "--out", str(copy.database), "--store", str(copy.store))
    return copy


def run_cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "icc", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"python -m icc {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def index_figures(database: Path) -> int:
    with db.connect(database) as con:
        return int(db.run("source_counts", con=con)["index_figures"].iloc[0])


# --- processes ----------------------------------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- sessions -----------------------------------------------------------------------------------------------

@dataclass
class Tally:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_worker: dict[str, int] = field(default_factory=dict)


async def one_session(url: str, think: float, until: float, tally: Tally, rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(0, max(think, 1.0)))  # people arrive over a few seconds
    session = ProtocolSession(url)
    try:
        await session.open()
    except Exception as error:
        tally.errors.append(f"connect: {str(error)[:160]}")
        return
    step = rng.randrange(len(TOUR))
    try:
        while time.monotonic() < until:
            path = TOUR[step % len(TOUR)]
            try:
                view = await session.view(path)
                tally.seconds.append(view.seconds)
                tally.by_worker[view.worker] = tally.by_worker.get(view.worker, 0) + 1
            except (PageError, TimeoutError, OSError) as error:
                tally.errors.append(f"{path}: {str(error)[:160]}")
                return
            step += 1
            # Think times vary around the mean (exponential, capped), as readers do.
            await asyncio.sleep(min(rng.expovariate(1 / think), 4 * think) if think > 0 else 0)
    finally:
        await session.close()


async def load(url: str, sessions: int, think: float, seconds: float, seed: int = 7,
               during=None) -> Tally:
    tally = Tally()
    rng = random.Random(seed)
    until = time.monotonic() + seconds
    tasks = [one_session(url, think, until, tally, random.Random(rng.random())) for _ in range(sessions)]
    if during is not None:
        tasks.append(during())
    await asyncio.gather(*tasks)
    return tally


def measured(deployment: launcher.Deployment, run) -> tuple[Tally, dict]:
    """Run a load and read the processes' CPU and memory around it."""
    pids = [worker.process.pid for worker in deployment.workers]
    before = [cpu_seconds(pid) for pid in pids]
    proxy_before, own_before = cpu_seconds(deployment.proxy.pid), own_cpu_seconds()
    started = time.monotonic()
    tally = asyncio.run(run())
    elapsed = time.monotonic() - started
    views = max(len(tally.seconds), 1)
    worker_cpu = sum(cpu_seconds(pid) for pid in pids) - sum(before)
    return tally, {
        "elapsed_s": round(elapsed, 1),
        "page_views": len(tally.seconds),
        "throughput_views_per_s": round(len(tally.seconds) / elapsed, 2),
        "p50_s": round(statistics.median(tally.seconds), 3) if tally.seconds else None,
        "p95_s": round(percentile(tally.seconds, 0.95), 3) if tally.seconds else None,
        "errors": len(tally.errors),
        "server_cpu_s_per_view": round(worker_cpu / views, 3),
        "proxy_cpu_s_per_view": round((cpu_seconds(deployment.proxy.pid) - proxy_before) / views, 4),
        "load_generator_cpu_s_per_view": round((own_cpu_seconds() - own_before) / views, 3),
        "views_per_worker": {name or "direct": count for name, count in sorted(tally.by_worker.items())},
        "peak_rss_mb_per_worker": [round(peak_rss_mb(pid), 1) for pid in pids],
    }


# --- the import while loaded --------------------------------------------------------------------------------

async def data_page_texts(url: str) -> list[str]:
    session = ProtocolSession(url)
    await session.open()
    try:
        return (await session.view("/data")).texts
    finally:
        await session.close()


def shows_figures(texts: list[str], count: int) -> bool:
    return any(fmt.number(count) in text for text in texts)


def import_while_loaded(copy: DataCopy, deployment: launcher.Deployment, after_s: float, report: dict):
    async def run() -> None:
        await asyncio.sleep(after_s)
        before = index_figures(copy.database)
        started = time.monotonic()
        output = await asyncio.to_thread(run_cli, "import", str(copy.round_file), "--out", str(copy.database),
                                         "--store", str(copy.store), "--by", "loadtest")
        after = index_figures(copy.database)
        shown = {}
        for worker in deployment.workers:
            # The worker's very next page run, on a new session: the new figures or a failure.
            shown[f"w{worker.number}"] = shows_figures(await data_page_texts(worker.url), after)
        report.update({"held_back_assessment": copy.held_back, "index_figures_before": before,
                       "index_figures_after": after, "import_s": round(time.monotonic() - started, 2),
                       "import_output": output.strip().splitlines()[-1],
                       "every_worker_shows_new_data": all(shown.values()), "shown_by_worker": shown})
    return run


# --- saturation ---------------------------------------------------------------------------------------------

def saturation(workers: int, think: float, step_seconds: float, environment: dict) -> dict:
    """Raise the number of sessions step by step until page-ready p95 passes the limit; the saturation
    throughput is interpolated between the last step under it and the first over it."""
    deployment = launcher.Deployment(workers, launcher.free_port(), "127.0.0.1", WORK / f"serve-{workers}")
    deployment.environment.update(environment)
    steps = []
    try:
        deployment.start(say=lambda _: None)
        for sessions in RAMP_STEPS:
            _, figures = measured(deployment, lambda: load(deployment.url, sessions, think, step_seconds))
            figures["sessions"] = sessions
            steps.append(figures)
            print(f"    {workers} worker(s), {sessions:3d} sessions: {figures['throughput_views_per_s']:5.1f} views/s, "
                  f"p95 {figures['p95_s']} s, errors {figures['errors']}", flush=True)
            if figures["p95_s"] is None or figures["p95_s"] > P95_LIMIT or figures["errors"]:
                break
    finally:
        deployment.stop()
    return {"workers": workers, "steps": steps, "saturation_views_per_s": interpolate(steps)}


def interpolate(steps: list[dict]) -> float | None:
    under = [step for step in steps if step["p95_s"] is not None and step["p95_s"] <= P95_LIMIT]
    over = [step for step in steps if step["p95_s"] is None or step["p95_s"] > P95_LIMIT]
    if not under:
        return None
    low = under[-1]
    if not over or over[0]["p95_s"] is None:
        return low["throughput_views_per_s"]  # never saturated within the steps: a lower bound
    high = over[0]
    share = (P95_LIMIT - low["p95_s"]) / (high["p95_s"] - low["p95_s"])
    return round(low["throughput_views_per_s"]
                 + share * (high["throughput_views_per_s"] - low["throughput_views_per_s"]), 2)


# --- the browser check --------------------------------------------------------------------------------------

async def browser_check(url: str) -> dict:
    """One real browser, alone: page ready per page (first visit, then again with the browser's cache),
    beside the protocol client's figure for the same page, and a slide change in presentation mode."""
    from playwright.async_api import async_playwright

    protocol = {}
    session = ProtocolSession(url)
    await session.open()
    for path in TOUR:
        protocol[path] = round((await session.view(path)).seconds, 3)
    await session.close()
    pages = {}
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        context = await chromium.new_context(viewport={"width": 1280, "height": 720})
        tab = await context.new_page()
        for visit in ("first", "again"):
            for path in TOUR:
                start = time.perf_counter()
                await tab.goto(url + path, wait_until="domcontentloaded")
                await tab.wait_for_selector("h1", timeout=120_000)
                await tab.wait_for_function(SCRIPT_DONE, timeout=120_000)
                pages.setdefault(path, {})[visit] = round(time.perf_counter() - start, 3)
        await tab.goto(url + "/visit?host=oslo&visitor=odesa&present=1", wait_until="domcontentloaded")
        frame_selector = "[data-testid='stMain'] iframe[srcdoc*='section class']"
        await tab.wait_for_selector(frame_selector, timeout=120_000)
        frame = await (await tab.query_selector(frame_selector)).content_frame()
        await frame.wait_for_function("() => typeof show === 'function'", timeout=60_000)
        changes = []
        for _ in range(5):
            changes.append(await frame.evaluate("""() => new Promise(resolve => {
                const start = performance.now();
                document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}));
                requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
            })"""))
        await chromium.close()
    return {"page_ready_s": {path: {**pages[path], "protocol": protocol[path]} for path in TOUR},
            "slide_change_ms_max": round(max(changes), 1)}


# --- main ---------------------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--think", type=float, default=5.0, help="mean think time between page views (s)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ramp-seconds", type=float, default=20, help="length of each saturation step (0: skip)")
    parser.add_argument("--ramp-think", type=float, default=1.0, help="think time during the saturation steps")
    args = parser.parse_args()

    # Every simulated session comes from 127.0.0.1: lift the proxy's per-address bound on open sessions.
    os.environ[launcher.SOCKETS_ENV] = str(100_000)
    print(f"Preparing the data copy in {WORK} ...", flush=True)
    copy = prepare_data()
    report: dict = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpus": os.cpu_count(), "sessions": args.sessions,
                    "workers": args.workers, "think_s": args.think, "seconds": args.seconds, "tour": TOUR}
    deployment = launcher.Deployment(args.workers, launcher.free_port(), "127.0.0.1", WORK / "serve")
    deployment.environment.update(copy.environment)
    imported: dict = {}
    try:
        print(f"Starting {args.workers} worker(s) behind HAProxy ...", flush=True)
        deployment.start(say=lambda line: print("  " + line, flush=True))
        print(f"{args.sessions} sessions, think {args.think} s, {args.seconds:.0f} s; an import half-way ...",
              flush=True)
        tally, figures = measured(deployment, lambda: load(
            deployment.url, args.sessions, args.think, args.seconds,
            during=import_while_loaded(copy, deployment, args.seconds / 2, imported)))
        report.update(figures)
        report["error_samples"] = tally.errors[:20]
        report["import_during_load"] = imported
        print("Browser check (one Chromium, alone) ...", flush=True)
        report["browser"] = asyncio.run(browser_check(deployment.url))
    finally:
        deployment.stop()
    if args.ramp_seconds > 0:
        print("Saturation (sessions raised step by step until p95 passes 2.5 s):", flush=True)
        report["saturation"] = [saturation(workers, args.ramp_think, args.ramp_seconds, copy.environment)
                                for workers in (1, 2)]
        one, two = (step["saturation_views_per_s"] for step in report["saturation"])
        report["scaling_2_vs_1"] = round(two / one, 2) if one and two else None
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"loadtest-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1))
    print_summary(report, out)
    failed = report["errors"] or not imported.get("every_worker_shows_new_data")
    return 1 if failed else 0


def print_summary(report: dict, out: Path) -> None:
    print(f"\nLoad test ({report['cpus']} CPUs, protocol sessions through HAProxy, published data)")
    print(f"  {report['sessions']} sessions, {report['workers']} workers, think {report['think_s']} s, "
          f"{report['seconds']:.0f} s: {report['page_views']} page views, {report['errors']} errors")
    print(f"  page ready p50 {report['p50_s']} s, p95 {report['p95_s']} s (target p95 <= 2.5 s)")
    print(f"  server CPU per page view {report['server_cpu_s_per_view']} s (target <= 0.2 s); proxy "
          f"{report['proxy_cpu_s_per_view']} s; load generator {report['load_generator_cpu_s_per_view']} s")
    print(f"  peak RSS per worker {report['peak_rss_mb_per_worker']} MB (target <= 400 MB)")
    print(f"  views per worker {report['views_per_worker']}")
    imported = report.get("import_during_load", {})
    print(f"  import during the load: {imported.get('import_output')}; figures {imported.get('index_figures_before')}"
          f" -> {imported.get('index_figures_after')}; every worker shows them on its next run: "
          f"{imported.get('every_worker_shows_new_data')}")
    for path, figures in report["browser"]["page_ready_s"].items():
        print(f"  browser {path:45s} first {figures['first']:.2f} s, again {figures['again']:.2f} s, "
              f"protocol {figures['protocol']:.2f} s")
    print(f"  slide change (browser) max {report['browser']['slide_change_ms_max']} ms (target <= 150 ms)")
    for result in report.get("saturation", []):
        print(f"  saturation throughput, {result['workers']} worker(s): {result['saturation_views_per_s']} views/s")
    if report.get("scaling_2_vs_1"):
        print(f"  2 workers / 1 worker: {report['scaling_2_vs_1']}x (target >= 1.7x)")
    for error in report.get("error_samples", []):
        print(f"    error: {error}")
    print(f"  written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
