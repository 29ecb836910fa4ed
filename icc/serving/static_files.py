"""Static files compressed once per version, and the app's own (static/, served at /app/static/) cached by the
browser as long as their address says which version they are.

Streamlit serves its bundles (10 MB of script at a first visit) uncompressed, and compressed the app's files again
at every request; it gave the app's files no cache rule (the basemap is 650 kB of JSON, plotly.js 4.8 MB), so a
browser guessed how long to keep them. Here each body is compressed once and kept (by path and ETag, within a
bound in bytes). An app file's address with `?v=<content hash>` (site.versioned_static_url) is kept a year; any
other (the data twins, regenerated per snapshot) is revalidated on every use, answered 304 when unchanged."""

from __future__ import annotations

import gzip
from collections import OrderedDict

YEAR_S = 365 * 24 * 3600
COMPRESSIBLE = ("application/json", "application/javascript", "text/", "image/svg+xml")
MIN_COMPRESS_BYTES = 1024
CACHE_BYTES = 24_000_000  # compressed bodies kept: Streamlit's bundles (about 4 MB) and the app's files


def cache_control(query_string: str) -> str:
    versioned = any(part.startswith("v=") for part in query_string.split("&"))
    return f"public, max-age={YEAR_S}, immutable" if versioned else "no-cache"


def compressible(content_type: str, size: int) -> bool:
    return size >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE)


class CompressedBodies:
    """gzip of a file's body, made once per version (path and ETag) rather than on every request."""

    def __init__(self, capacity_bytes: int = CACHE_BYTES) -> None:
        self.capacity_bytes = capacity_bytes
        self.bodies: OrderedDict[str, bytes] = OrderedDict()

    def get(self, version: str, body: bytes) -> bytes:
        if version in self.bodies:
            self.bodies.move_to_end(version)
            return self.bodies[version]
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        self.bodies[version] = compressed
        while sum(map(len, self.bodies.values())) > self.capacity_bytes and len(self.bodies) > 1:
            self.bodies.popitem(last=False)
        return compressed
