"""The warm renderer: one kaleido server and one headless Chromium per process, started at the first file asked
for (or at the app's start) and kept, making every chart image and every PDF (factsheet, reports, pack) one
after another from a bounded queue. A click no longer waits for a browser to start (3 s and more per image),
and two sessions no longer start and stop kaleido's process-wide server under each other."""

from __future__ import annotations

import atexit
import logging
import queue
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import plotly.io
from playwright.sync_api import sync_playwright

from icc.outputs import browser as chromium
from icc.paths import STATIC

LOG = logging.getLogger("icc.renderer")
MAX_WAITING = 16  # files asked for at once by a worker's sessions; more are refused with "busy, try again"
JOB_TIMEOUT_S = 300


class RendererBusy(RuntimeError):
    """The renderer's queue is full: the page says so rather than queueing a click for minutes."""


@dataclass
class Job:
    work: object  # work(browser) -> result, run on the renderer's thread
    done: threading.Event = field(default_factory=threading.Event)
    result: object = None
    error: BaseException | None = None


class WarmRenderer:
    def __init__(self, max_waiting: int = MAX_WAITING):
        self.jobs: queue.Queue[Job | None] = queue.Queue(maxsize=max_waiting)
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()
        self.ready = threading.Event()  # kaleido and Chromium started and once through a figure

    def start(self) -> None:
        """Start the browser and kaleido now (the app warms it at start), or do nothing if they run."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._serve, name="icc-renderer", daemon=True)
                self.thread.start()

    def wait_warm(self, timeout: float) -> bool:
        """Until the renderer, if started, is warm (the server says it is healthy only then: warming, its two
        browsers take both cores of a small machine from the first visitors)."""
        return self.thread is None or self.ready.wait(timeout)

    def run(self, work, timeout: float = JOB_TIMEOUT_S):
        """work(browser) on the renderer's thread (Playwright's objects belong to the thread that made them)."""
        self.start()
        job = Job(work)
        try:
            self.jobs.put(job, block=False)
        except queue.Full:
            raise RendererBusy(f"{self.jobs.maxsize} files are being made already: try again in a moment") from None
        if not job.done.wait(timeout):
            raise TimeoutError(f"the renderer did not answer within {timeout:.0f} s")
        if job.error is not None:
            raise job.error
        return job.result

    def stop(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join(timeout=20)

    def _serve(self) -> None:
        plotly.io.defaults.topojson = (STATIC / "topojson").resolve().as_uri() + "/"
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        playwright = sync_playwright().start()
        browser = None
        try:
            try:  # warm: both browsers started and once through a figure before the first click
                browser = chromium.launch(playwright)
                go.Figure(go.Bar(x=[1], y=[1])).to_image(format="svg", width=40, height=40)
            except Exception as error:  # no browser here: each file says so when it is asked for
                LOG.warning("the renderer could not warm up: %s", error)
            self.ready.set()
            while (job := self.jobs.get()) is not None:
                try:
                    if browser is None or not browser.is_connected():  # first use, or Chromium died: a new one
                        browser = chromium.launch(playwright)
                    job.result = job.work(browser)
                except BaseException as error:  # handed to the caller, the renderer goes on
                    job.error = error
                finally:
                    job.done.set()
        finally:
            try:
                if browser is not None:
                    browser.close()
                playwright.stop()
            finally:
                kaleido.stop_sync_server(silence_warnings=True)


RENDERER = WarmRenderer()
atexit.register(RENDERER.stop)


def html_to_pdf(html_text: str, page_size: chromium.PageSize = chromium.SLIDE) -> bytes:
    """Print an HTML document to PDF with the warm renderer."""
    return htmls_to_pdfs([html_text], page_size)[0]


def htmls_to_pdfs(html_texts: list[str], page_size: chromium.PageSize = chromium.SLIDE, progress=None) -> list[bytes]:
    """Several documents printed one after another by the warm renderer (a report for every city starts no
    browser per city, a click starts none); `progress(done, total)` is called after each."""
    pdfs = []
    with tempfile.TemporaryDirectory() as folder:
        for index, html_text in enumerate(html_texts):
            html_path = Path(folder) / f"document-{index}.html"
            html_path.write_text(html_text, encoding="utf-8")
            pdf_path = html_path.with_suffix(".pdf")
            RENDERER.run(lambda browser, html_path=html_path, pdf_path=pdf_path:
                         chromium.print_pdf(browser, html_path, pdf_path, page_size))
            pdfs.append(pdf_path.read_bytes())
            if progress is not None:
                progress(index + 1, len(html_texts))
    return pdfs
