"""The app's own static files (static/, served at /app/static/): compressed once per file version, and cached by
the browser as long as their address says which version they are.

Streamlit serves its own bundles with content-hashed names and a year's cache, uncompressed; our files it served
with neither a cache rule nor compression (the basemap is 650 kB of JSON, plotly.js 4.8 MB), so a browser
guessed how long to keep them. An address with `?v=<content hash>` (site.versioned_static_url) is kept a year;
any other (the data twins, regenerated per snapshot) is revalidated on every use, answered 304 when unchanged."""

from __future__ import annotations

import gzip
from collections import OrderedDict

YEAR_S = 365 * 24 * 3600
COMPRESSIBLE = ("application/json", "application/javascript", "text/", "image/svg+xml")
MIN_COMPRESS_BYTES = 1024
CACHED_FILES = 32  # compressed bodies kept (keyed by the file's ETag): a few MB at most


def cache_control(query_string: str) -> str:
    versioned = any(part.startswith("v=") for part in query_string.split("&"))
    return f"public, max-age={YEAR_S}, immutable" if versioned else "no-cache"


def compressible(content_type: str, size: int) -> bool:
    return size >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE)


class CompressedBodies:
    """gzip of a file's body, made once per version (the ETag Streamlit gives it) rather than on every request."""

    def __init__(self, capacity: int = CACHED_FILES) -> None:
        self.capacity = capacity
        self.bodies: OrderedDict[str, bytes] = OrderedDict()

    def get(self, etag: str, body: bytes) -> bytes:
        if etag and etag in self.bodies:
            self.bodies.move_to_end(etag)
            return self.bodies[etag]
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if etag:
            self.bodies[etag] = compressed
            while len(self.bodies) > self.capacity:
                self.bodies.popitem(last=False)
        return compressed
