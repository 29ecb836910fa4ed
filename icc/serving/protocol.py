"""A Streamlit session without a browser: it speaks the app's own websocket protocol (the protobuf messages
shipped in the `streamlit` package), so a load test measures the server and not the browsers.

A browser opening `/city?city=oslo` fetches the page (which sets the XSRF cookie and, behind the proxy, the
sticky-worker cookie), opens `/_stcore/stream` with those cookies and asks for a script run with the page's
name and query string; the page is ready when the server says the script finished. This does the same."""

from __future__ import annotations

import asyncio
import http.cookies
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# What the app shows users instead of a traceback (web/frame.report_error); counted as an error.
ERROR_REFERENCE = "give the administrator this reference"
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class PageError(RuntimeError):
    pass


@dataclass
class View:
    path: str
    seconds: float
    received_bytes: int
    worker: str
    texts: list[str] = field(default_factory=list)  # the markdown the page wrote (to check what it says)


@dataclass
class ProtocolSession:
    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    socket: object = None

    def _fetch_cookies(self) -> None:
        request = urllib.request.Request(self.base_url + "/", headers=self._cookie_header())
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())} if self.cookies \
            else {}

    @property
    def worker(self) -> str:
        """The worker the proxy keeps this session on (its sticky cookie), or '' without a proxy."""
        return self.cookies.get("icc_worker", "")

    async def open(self) -> None:
        await asyncio.to_thread(self._fetch_cookies)
        parts = urlsplit(self.base_url)
        ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        self.socket = await websockets.connect(
            ws_url, subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={**self._cookie_header(), "Origin": self.base_url},
            max_size=None, open_timeout=60, ping_interval=None)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def view(self, path: str, timeout: float = 120) -> View:
        """Ask for one page run, as a browser navigating to `path` does, and wait until it finished."""
        page, _, query = path.lstrip("/").partition("?")
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        message.rerun_script.page_script_hash = ""
        message.rerun_script.context_info.timezone = "Europe/Strasbourg"
        message.rerun_script.context_info.locale = "en-GB"
        message.rerun_script.context_info.url = self.base_url + path
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        received, texts = 0, []
        async with asyncio.timeout(timeout):
            while True:
                raw = await self.socket.recv()
                received += len(raw)
                reply = ForwardMsg()
                reply.ParseFromString(raw)
                kind = reply.WhichOneof("type")
                if kind == "delta":
                    check_element(reply, path)
                    if reply.delta.new_element.WhichOneof("type") == "markdown":
                        texts.append(reply.delta.new_element.markdown.body)
                elif kind == "page_not_found":
                    raise PageError(f"{path}: page not found")
                elif kind == "script_finished":
                    if reply.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue
                    if reply.script_finished not in FINISHED:
                        raise PageError(f"{path}: script finished with status {reply.script_finished}")
                    return View(path, time.perf_counter() - start, received, self.worker, texts)


def check_element(reply: ForwardMsg, path: str) -> None:
    if not reply.delta.HasField("new_element"):
        return
    element = reply.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        raise PageError(f"{path}: exception {element.exception.type}: {element.exception.message[:200]}")
    if kind == "alert" and element.alert.format == element.alert.ERROR and ERROR_REFERENCE in element.alert.body:
        raise PageError(f"{path}: {element.alert.body[:200]}")
