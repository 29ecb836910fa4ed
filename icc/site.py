"""The site: its pages, in navigation order, and every address the app writes, pages and static files alike.

One list of pages: the frame (dashboard.py) registers them with st.navigation, the sidebar lists them, the
warm-up, the load test and the tests tour them. One builder of addresses: everything is served under
Streamlit's `server.baseUrlPath` (a Council of Europe site may mount the app at /icc-explorer/), so every
address is built here with that prefix, as datasette's url_builder does; nothing else writes a '/' path.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from streamlit import config

from icc.paths import STATIC


@dataclass(frozen=True)
class Page:
    key: str  # names the page in the catalogue (nav.<key>) and in links
    script: str  # relative to the repository root
    icon: str
    # A published view a tour opens (the warm-up, the load test, the browser tests): the page with data in it.
    tour_query: str = ""

    @property
    def url_path(self) -> str:
        """The page's path below the prefix: '' for the overview, 'map' for pages/map.py."""
        return "" if self.key == "overview" else self.script.removeprefix("pages/").removesuffix(".py")

    @property
    def path(self) -> str:
        return "/" + self.url_path

    @property
    def tour_path(self) -> str:
        return self.path + (f"?{self.tour_query}" if self.tour_query else "")


PAGES = (
    Page("overview", "pages/overview.py", ":material/dashboard:"),
    Page("map", "pages/map.py", ":material/map:"),
    Page("city", "pages/city.py", ":material/location_city:", "city=oslo"),
    Page("compare", "pages/compare.py", ":material/compare_arrows:", "cities=oslo,odesa,guro-gu-seoul"),
    Page("trends", "pages/trends.py", ":material/show_chart:"),
    Page("areas", "pages/areas.py", ":material/category:"),
    Page("practices", "pages/practices.py", ":material/lightbulb:", "q=school"),
    Page("visit", "pages/visit.py", ":material/co_present:", "host=oslo&visitor=odesa"),
    Page("data", "pages/data.py", ":material/database:"),
    Page("about", "pages/about.py", ":material/info:"),
    Page("accessibility", "pages/accessibility.py", ":material/accessibility:"),
)
PAGE_KEYS = tuple(page.key for page in PAGES)


def page(key: str) -> Page:
    for candidate in PAGES:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no page '{key}'; pages: {', '.join(PAGE_KEYS)}")


def prefix() -> str:
    """'' or '/icc-explorer': the path the server is mounted under (Streamlit's server.baseUrlPath; '' for
    the command line and the gallery, which serve nothing)."""
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def page_url(key: str, query: str = "") -> str:
    """A page's address: '/icc-explorer/city?city=oslo' (or '/city?city=oslo' at the root)."""
    return prefix() + page(key).path + (f"?{query}" if query else "")


def static_url(relative: str) -> str:
    """A file of static/ as the browser fetches it: '/icc-explorer/app/static/basemap/countries.json'."""
    return f"{prefix()}/app/static/{relative.lstrip('/')}"


def versioned_static_url(relative: str) -> str:
    """A static file's address with its version: '/app/static/basemap/countries.json?v=3f2a9c01b7e4'. The
    server lets the browser keep such an address a year (serving/static_files.py): a new file is a new address."""
    path = STATIC / relative.lstrip("/")
    if not path.is_file():
        return static_url(relative)
    status = path.stat()
    return f"{static_url(relative)}?v={content_version(path, status.st_mtime_ns, status.st_size)}"


@functools.lru_cache(maxsize=16)
def content_version(path, modified_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
