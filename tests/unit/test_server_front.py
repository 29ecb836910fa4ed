"""The app's front (icc/serving/front.py) around a stand-in for Streamlit: the health check waits for the warm
start, every page is served with the app's head in its language, the app's static files are compressed and
cached by version. No server, no browser: ASGI calls in the test."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from icc import site
from icc.serving import first_paint, front, warm_start
from icc.web import page_head

INDEX = '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>Streamlit</title>\n  </head><body></body></html>'
BUNDLE = b"export function draw(){return 1}\n" * 400
BASEMAP = json.dumps({"type": "FeatureCollection", "features": [{"id": n} for n in range(500)]}).encode()


class StandIn:
    """Streamlit as the front sees it: the page for any address, a JSON static file of the app, a bundle of its
    own (kept a year), a health check; it compresses the app's files itself when asked (as Streamlit does)."""

    def __init__(self) -> None:
        self.requests = []

    async def __call__(self, scope, receive, send):
        self.requests.append(scope)
        path = scope["path"]
        if path.startswith("/app/static/"):
            status, body, headers = 200, BASEMAP, [(b"content-type", b"application/json"), (b"etag", b'"v1"')]
            if b"gzip" in dict(scope["headers"]).get(b"accept-encoding", b""):
                body, headers = gzip.compress(body), [*headers, (b"content-encoding", b"gzip")]
        elif path.startswith("/static/"):
            status, body, headers = 200, BUNDLE, [(b"content-type", b"text/javascript"),
                                                  (b"cache-control", b"public, immutable, max-age=31536000")]
        elif path == "/_stcore/health":
            status, body, headers = 200, b"ok", [(b"content-type", b"text/plain")]
        else:
            status, body, headers = 200, INDEX.encode(), [(b"content-type", b"text/html; charset=utf-8")]
        await send({"type": "http.response.start", "status": status,
                    "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def call(app, path: str, query: str = "", headers: dict | None = None) -> tuple[int, dict, bytes]:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query.encode(),
             "headers": [(name.encode(), value.encode()) for name, value in (headers or {}).items()]}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    # In a thread of its own: a test before may leave an event loop running in this one (Playwright's do).
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = sent[0]
    body = b"".join(message.get("body", b"") for message in sent[1:])
    return start["status"], {name.decode(): value.decode() for name, value in start["headers"]}, body


@pytest.fixture
def warm():
    return warm_start.WarmStart()


def test_the_health_check_says_503_until_every_page_has_run_once_then_streamlits_answer(warm):
    app = front.AppFront(StandIn(), warm)
    assert call(app, "/_stcore/health")[0] == 503
    warm.warm.set()
    assert call(app, "/_stcore/health")[:1] == (200,) and call(app, "/_stcore/health")[2] == b"ok"


def test_a_warm_start_whose_tour_fails_still_lets_the_server_serve(monkeypatch):
    def nobody_listens(host, port):
        raise OSError("connection refused")

    monkeypatch.setattr(warm_start, "wait_listening", nobody_listens)
    starting = warm_start.WarmStart()
    starting.begin("127.0.0.1", 9)
    assert starting.warm.wait(timeout=30)  # set by the tour's thread, failed or not


def test_every_page_is_served_in_the_language_of_its_address_with_its_title_and_the_apps_styles(warm):
    stand_in = StandIn()
    app = front.AppFront(stand_in, warm)
    status, headers, body = call(app, "/city", "city=oslo&lang=fr", {"accept-encoding": "gzip, br"})
    page = body.decode()
    assert status == 200 and int(headers["content-length"]) == len(body)
    assert '<html lang="fr">' in page and "Streamlit</title>" not in page
    assert re.search(r"<title>Profil de ville · Explorateur de l&#x27;Indice ICC</title>", page)
    assert page_head.PAGE_CSS in page and first_paint.RESERVE_CSS in page and "icc-settling" in page
    assert page.index("icc-first-paint") < page.index("</head>")
    # asked of Streamlit uncompressed, so the head could be written into it
    assert all(name != b"accept-encoding" for name, _ in stand_in.requests[-1]["headers"])


def test_an_address_without_a_known_language_or_page_gets_english_and_the_overview(warm):
    page = call(front.AppFront(StandIn(), warm), "/nowhere", "lang=xx")[2].decode()
    assert '<html lang="en">' in page and "<title>Overview · ICC Index Explorer</title>" in page


def test_a_static_file_with_its_version_in_the_address_is_kept_a_year_others_are_revalidated(warm):
    app = front.AppFront(StandIn(), warm)
    assert "immutable" in call(app, "/app/static/basemap/countries.json", "v=3f2a9c01b7e4")[1]["cache-control"]
    assert call(app, "/app/static/data/published/cities.json")[1]["cache-control"] == "no-cache"


def test_a_static_file_is_compressed_when_the_browser_accepts_it_and_decompresses_to_the_same_bytes(warm):
    app = front.AppFront(StandIn(), warm)
    status, headers, body = call(app, "/app/static/basemap/countries.json", "", {"accept-encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == BASEMAP and len(body) < len(BASEMAP) / 3
    assert int(headers["content-length"]) == len(body)
    plain = call(app, "/app/static/basemap/countries.json")
    ranged = call(app, "/app/static/basemap/countries.json", "", {"accept-encoding": "gzip", "range": "bytes=0-9"})
    assert plain[2] == BASEMAP and "content-encoding" not in plain[1] and "content-encoding" not in ranged[1]


def test_a_static_files_address_names_its_content(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "STATIC", tmp_path)
    (tmp_path / "vendor").mkdir()
    script = tmp_path / "vendor" / "plotly.min.js"
    script.write_text("one version", encoding="utf-8")
    first = site.versioned_static_url("vendor/plotly.min.js")
    script.write_text("another version, longer", encoding="utf-8")
    second = site.versioned_static_url("vendor/plotly.min.js")
    assert first.startswith("/app/static/vendor/plotly.min.js?v=") and first != second
    assert site.versioned_static_url("vendor/missing.js") == "/app/static/vendor/missing.js"


def test_streamlits_own_bundles_are_compressed_once_and_keep_their_years_cache(warm):
    stand_in = StandIn()
    app = front.AppFront(stand_in, warm)
    first = call(app, "/static/js/index.abc123.js", "", {"accept-encoding": "gzip"})
    again = call(app, "/static/js/index.abc123.js", "", {"accept-encoding": "gzip"})
    assert gzip.decompress(first[2]) == BUNDLE and again[2] == first[2]
    assert first[1]["cache-control"] == "public, immutable, max-age=31536000"
    assert len(app.compressed.bodies) == 1  # compressed once


def test_the_server_is_warm_only_once_every_page_ran_and_the_renderer_is_warm(monkeypatch):
    steps = []

    async def tour(url):
        steps.append(f"tour {url}")

    class Renderer:
        def wait_warm(self, timeout):
            steps.append("renderer warm")
            return True

    monkeypatch.setattr(warm_start, "wait_listening", lambda host, port: steps.append("listening"))
    monkeypatch.setattr(warm_start, "tour", tour)
    monkeypatch.setattr(warm_start.renderer, "RENDERER", Renderer())
    starting = warm_start.WarmStart()
    starting.begin("127.0.0.1", 8501)
    assert starting.warm.wait(timeout=30)
    assert steps == ["listening", "tour http://127.0.0.1:8501", "renderer warm"]
