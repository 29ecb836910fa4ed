"""A server warms itself before it says it is healthy: the first run of a page imports its modules and fills
the caches (about 3 s on this machine), which would otherwise fall on the first visitor, and the renderer of
images and PDFs starts its two browsers. Until every page has run once and the renderer is warm,
`/_stcore/health` answers 503; the proxy of `make serve`, `make run`'s browser and the benchmarks wait
for 200 (Streamlit's own page polls the same address while it connects)."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time

from icc import site
from icc.outputs import renderer
from icc.serving.protocol import ProtocolSession

LOG = logging.getLogger("icc.serving")
TOUR = [page.tour_path for page in site.PAGES]  # each page with data in it
LISTEN_TIMEOUT_S = 120  # the server's own start (a loaded machine takes tens of seconds)
RENDERER_TIMEOUT_S = 120


class WarmStart:
    def __init__(self) -> None:
        self.warm = threading.Event()

    def begin(self, host: str, port: int) -> None:
        """Once the server listens on host:port, run every page once (in a thread: the tour speaks to the
        server, whose event loop must stay free to answer it)."""
        threading.Thread(target=self._tour, args=(host, port), name="icc-warm-start", daemon=True).start()

    def _tour(self, host: str, port: int) -> None:
        started = time.monotonic()
        try:
            wait_listening(host, port)
            asyncio.run(tour(f"http://{host}:{port}{site.prefix()}"))
            renderer.RENDERER.wait_warm(RENDERER_TIMEOUT_S)
            LOG.info("warm: every page ran once in %.1f s", time.monotonic() - started)
        except Exception:  # a page that fails here fails for its visitor too, who sees the reference
            LOG.exception("warm-up tour stopped; serving anyway")
        finally:
            self.warm.set()


def wait_listening(host: str, port: int) -> None:
    deadline = time.monotonic() + LISTEN_TIMEOUT_S
    while True:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


async def tour(url: str) -> None:
    session = ProtocolSession(url)
    await session.open()
    try:
        for path in TOUR:
            await session.view(path)
    finally:
        await session.close()
