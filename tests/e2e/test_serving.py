"""`make serve WORKERS=2`: two workers behind HAProxy on free ports, driven through the proxy in Chromium
(the websocket included), an import, and the new data seen from both workers on their next page run.

Runs on the tiny fictional bundle in a temporary folder (ICC_PUBLISHED_DB / ICC_IMPORT_STORE), so the
project's own data is never touched."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest
import websockets
from conftest import SCRIPT_DONE, assert_no_exception, free_port, keep_on_loopback
from fixtures import write_tiny_bundle

from bench.loadtest import index_figures
from icc.i18n import format as fmt
from icc.paths import ROOT
from icc.serving import launcher
from icc.serving.protocol import PageError, ProtocolSession
from icc.store import build

pytestmark = pytest.mark.e2e

# Small, so the test can reach it; the browsers and protocol sessions below stay under it.
SOCKETS_PER_CLIENT = 6
ROUND = "city,country,assessed_on,index_version,area,score,sample_avg\nbeta,,2022-05,2019,education,61,\n"


def wait_for(condition, what, timeout: float = 300, every: float = 0.3):
    """Poll until `condition()` is true; the deadline only guards against a hang (the machine may be busy)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what() if callable(what) else what}")


def http_status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method, data=b"x" if method == "PUT" else None),
                                    timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    data_dir = write_tiny_bundle(folder / "data")
    database, store = folder / "icc.duckdb", folder / "batches.duckdb"
    build.build(data_dir, database, store)
    port = free_port()
    environment = {**os.environ, "ICC_PUBLISHED_DB": str(database), "ICC_IMPORT_STORE": str(store),
                   launcher.SOCKETS_ENV: str(SOCKETS_PER_CLIENT)}
    log = (folder / "make-serve.log").open("wb")
    # `-o build`: serve the tiny database built above (make's own build would rebuild it from data/).
    process = subprocess.Popen(["make", "--no-print-directory", "-o", "build", "serve", "WORKERS=2", f"PORT={port}",
                                "ADDRESS=127.0.0.1"], cwd=ROOT, env=environment, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    state_file = launcher.RUN / f"serve-{port}" / "state.json"

    def started():
        if process.poll() is not None:
            raise AssertionError(f"make serve stopped: {(folder / 'make-serve.log').read_text()[-3000:]}")
        return state_file.exists() and json.loads(state_file.read_text())

    try:
        state = wait_for(started, "make serve to start two workers and the proxy")
        yield {"url": f"http://127.0.0.1:{port}", "state": state, "data_dir": data_dir, "database": database,
               "store": store, "folder": folder, "run_dir": state_file.parent}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=300)
        log.close()
    # make exits at once; the launcher then stops the proxy and the workers (which would also end with it).
    pids = [worker["pid"] for worker in state["workers"]] + [state["proxy_pid"]]
    wait_for(lambda: not any(running(pid) for pid in pids),
             lambda: f"the workers and the proxy to stop: {[pid for pid in pids if running(pid)]} still run")


def running(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def open_through_proxy(browser, url: str, path: str, worker: str | None = None):
    """A new browser (context), optionally holding the proxy's cookie for a worker, on a page of the app."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    if worker:
        context.add_cookies([{"name": "icc_worker", "value": worker, "url": url}])
    tab = context.new_page()
    outside, sockets = keep_on_loopback(tab), []
    tab.on("websocket", lambda socket: sockets.append(socket.url))
    tab.outside, tab.sockets = outside, sockets
    load(tab, url + path)
    return context, tab


def load(tab, address: str) -> None:
    tab.goto(address)
    tab.wait_for_selector("h1", timeout=120_000)
    tab.wait_for_function(SCRIPT_DONE, timeout=120_000)
    assert_no_exception(tab)


def worker_of(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "icc_worker")


def figures_sentence(tab) -> str:
    return tab.get_by_text("Index figures and").first.inner_text()


def test_two_workers_behind_the_proxy_serve_pages_and_both_show_an_import(served, browser):
    url, port = served["url"], urlparse(served["url"]).port
    first, first_tab = open_through_proxy(browser, url, "/data")
    other = "w2" if worker_of(first) == "w1" else "w1"
    second, second_tab = open_through_proxy(browser, url, "/data", worker=other)
    try:
        assert {worker_of(first), worker_of(second)} == {"w1", "w2"}  # sticky: the cookie keeps the worker
        for tab in (first_tab, second_tab):
            assert tab.outside == []
            assert any(socket == f"ws://127.0.0.1:{port}/_stcore/stream" for socket in tab.sockets)
        before = index_figures(served["database"])
        assert fmt.number(before) + " Index figures" in figures_sentence(first_tab)

        round_file = served["folder"] / "round.csv"
        round_file.write_text(ROUND, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "icc", "import", str(round_file), "--data",
                               str(served["data_dir"]), "--out", str(served["database"]), "--store",
                               str(served["store"]), "--by", "serving test"], cwd=ROOT, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        after = index_figures(served["database"])
        assert after == before + 1

        # Each worker's next page run shows the new snapshot (the same sessions, no restart).
        for context, tab in ((first, first_tab), (second, second_tab)):
            load(tab, url + "/data")
            assert fmt.number(after) + " Index figures" in figures_sentence(tab), worker_of(context)
            load(tab, url + "/city?city=beta")
            assert tab.get_by_text("May 2022").count() >= 1, worker_of(context)
    finally:
        first.close()
        second.close()

    access_log = (served["run_dir"] / "access.log").read_text()
    for worker in ("w1", "w2"):
        assert f"workers/{worker} " in access_log and "GET /_stcore/stream" in access_log


def test_serving_settings_refuse_an_upload_without_the_xsrf_token_and_keep_errors_in_the_logs(served):
    url = served["url"]
    assert http_status(f"{url}/_stcore/health") == 200
    assert http_status(f"{url}/_stcore/upload_file/some-session/some-file", method="PUT") == 403
    for worker in served["state"]["workers"]:
        assert Path(worker["log"]).exists()
        command = Path(f"/proc/{worker['pid']}/cmdline").read_bytes().split(b"\0")
        assert command[command.index(b"--server.address") + 1] == b"127.0.0.1"  # only the proxy is the way in
        assert Path(f"/proc/{worker['pid']}/cwd").resolve() == ROOT  # where .streamlit/config.toml hides details


def test_the_protocol_client_reads_what_a_page_says_and_reports_a_missing_page(served):
    async def tour():
        session = ProtocolSession(served["url"])
        await session.open()
        try:
            city = await session.view("/city?city=alpha")
            with pytest.raises(PageError, match="page not found"):
                await session.view("/no-such-page")
            return city
        finally:
            await session.close()

    # In a thread of its own: Playwright's synchronous API keeps an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        city = pool.submit(asyncio.run, tour()).result()
    assert city.worker in {"w1", "w2"}  # the proxy's sticky cookie, taken from the first answer
    assert any("Norway" in text for text in city.texts)
    assert city.received_bytes > 1000 and city.seconds > 0


def test_the_proxy_sends_security_headers_hides_metrics_and_names_no_server(served):
    with urllib.request.urlopen(served["url"] + "/", timeout=30) as response:
        headers = response.headers
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert headers["Server"] is None
    assert http_status(served["url"] + "/_stcore/metrics") == 404
    worker = served["state"]["workers"][0]
    assert http_status(f"http://127.0.0.1:{worker['port']}/_stcore/metrics") == 200  # on the machine itself


def test_one_client_address_cannot_hold_more_than_its_share_of_sessions(served):
    import websockets.sync.client as ws_client

    url = served["url"].replace("http://", "ws://") + "/_stcore/stream"
    held, refused = 0, None
    with contextlib.ExitStack() as sessions:
        for _ in range(SOCKETS_PER_CLIENT + 3):
            try:
                sessions.enter_context(ws_client.connect(url, subprotocols=["streamlit"], open_timeout=60))
                held += 1
            except websockets.exceptions.InvalidStatus as error:
                refused = error.response.status_code
                break
    assert refused == 429 and held <= SOCKETS_PER_CLIENT
    # Closed sessions are given back: a new one is accepted again.
    wait_for(lambda: reconnects(url), "a session to be accepted again after the others closed")


def reconnects(url: str) -> bool:
    import websockets.sync.client as ws_client

    try:
        with ws_client.connect(url, subprotocols=["streamlit"], open_timeout=60):
            return True
    except websockets.exceptions.InvalidStatus:
        return False
