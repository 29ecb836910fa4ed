"""What the app's server (server.py: Streamlit's, serving dashboard.py) adds in front of Streamlit: at start,
the basemap published and the renderer started, then every page run once, the health check saying 503 until
then (warm_start.py); the page served with the app's head (first_paint.py); the app's static files compressed
and cached (static_files.py). Everything else passes through untouched."""

from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.middleware import Middleware
from streamlit import config

from icc import site
from icc.serving import first_paint, static_files
from icc.serving.warm_start import WarmStart
from icc.web import page_head

HTML = b"text/html"


class AppFront:
    def __init__(self, app, warm_start: WarmStart) -> None:
        self.app, self.warm_start = app, warm_start
        self.compressed = static_files.CompressedBodies()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(site.prefix())
        if path == "/_stcore/health" and not self.warm_start.warm.is_set():
            await plain(send, 503, b"warming up")
        elif path.startswith(("/app/static/", "/static/")):
            await self.static_file(scope, receive, send, ours=path.startswith("/app/static/"))
        elif not path.startswith(("/_stcore/", "/media/", "/component/")):
            await self.page(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def page(self, scope, receive, send) -> None:
        """index.html (every page's address serves it) with the app's head; other answers as they are."""
        start, body = await collected(self.app, uncompressed(scope), receive)
        headers = dict(start["headers"])
        if start["status"] == 200 and headers.get(b"content-type", b"").startswith(HTML):
            body = first_paint.dress(body.decode("utf-8"), scope["path"],
                                     scope["query_string"].decode("latin-1")).encode("utf-8")
        await answer(send, start, body)

    async def static_file(self, scope, receive, send, ours: bool) -> None:
        """A static file, compressed when the browser takes it (once per version of the file); the app's own
        (`ours`) with its cache rule, Streamlit's with Streamlit's (a year: their names carry their hash)."""
        request = dict(scope["headers"])
        start, body = await collected(self.app, uncompressed(scope), receive)
        headers = dict(start["headers"])
        if ours:
            headers[b"cache-control"] = static_files.cache_control(
                scope["query_string"].decode("latin-1")).encode()
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if (start["status"] == 200 and b"gzip" in request.get(b"accept-encoding", b"") and b"range" not in request
                and static_files.compressible(content_type, len(body))):
            body = self.compressed.get(scope["path"] + headers.get(b"etag", b"").decode("latin-1"), body)
            headers[b"content-encoding"] = b"gzip"
            headers[b"vary"] = b"Accept-Encoding"
        await answer(send, {**start, "headers": list(headers.items())}, body)


def uncompressed(scope) -> dict:
    """The request as Streamlit gets it: asking for the body as it is (the front writes into it or compresses
    it once for all; Streamlit would compress it again at every request)."""
    return {**scope, "headers": [(name, value) for name, value in scope["headers"] if name != b"accept-encoding"]}


async def collected(app, scope, receive) -> tuple[dict, bytes]:
    """The inner app's answer, start and whole body."""
    start, chunks = {}, []

    async def keep(message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    return start, b"".join(chunks)


async def answer(send, start: dict, body: bytes) -> None:
    headers = [(name, value) for name, value in start["headers"] if name != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": start["status"], "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def plain(send, status: int, text: bytes) -> None:
    await answer(send, {"status": status, "headers": [(b"content-type", b"text/plain"),
                                                      (b"cache-control", b"no-cache")]}, text)


WARM_START = WarmStart()


def own_address() -> tuple[str, int]:
    """Where the warm-up tour reaches this server (any-address binds are reached on loopback)."""
    address = config.get_option("server.address") or "127.0.0.1"
    return ("127.0.0.1" if address in ("0.0.0.0", "::") else address), int(config.get_option("server.port"))


@asynccontextmanager
async def lifespan(app):
    page_head.prepare_process()
    WARM_START.begin(*own_address())
    yield None


MIDDLEWARE = [Middleware(AppFront, warm_start=WARM_START)]
