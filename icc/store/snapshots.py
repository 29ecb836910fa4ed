"""Published databases as immutable snapshots behind a pointer.

`data/icc.duckdb` is a symbolic link to `data/snapshots/icc-<sha256 prefix>.duckdb`. A build writes a new
snapshot under a name of its own content and then switches the link in one `os.replace`, so:
- no reader ever sees a half-written file;
- a session (or a worker) that opens the pointer after the switch gets the new file: DuckDB hands back an
  already-open database for a path it knows, so reopening one path that was replaced in place kept serving
  the old data; a snapshot's path is never reused, so this cannot happen;
- sessions still reading the previous snapshot go on undisturbed until their next page run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from icc.store import faults

SNAPSHOT_FOLDER = "snapshots"
# Snapshots kept besides the current one: sessions of other workers may still be reading them.
KEEP_PREVIOUS = 3


def folder_of(target: Path) -> Path:
    return target.parent / SNAPSHOT_FOLDER


def resolve(target: Path) -> Path:
    """The snapshot file the pointer names now (the target itself when it is a plain file)."""
    return Path(os.path.realpath(target))


def version(target: Path) -> str:
    """A token that changes whenever the pointer is switched (for cache keys and connection reuse)."""
    return str(resolve(target)) if target.exists() else ""


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(written: Path, target: Path) -> Path:
    """Move the complete database file `written` into the snapshot folder under its content hash and point
    `target` at it atomically; returns the snapshot's path."""
    folder = folder_of(target)
    folder.mkdir(parents=True, exist_ok=True)
    snapshot = folder / f"{target.stem}-{content_hash(written)[:16]}{target.suffix}"
    os.replace(written, snapshot)
    faults.checkpoint("publish.before_switch")
    switch(target, snapshot)
    faults.checkpoint("publish.after_switch")
    prune(target)
    return snapshot


def switch(target: Path, snapshot: Path) -> None:
    link = target.with_name(f".{target.name}.{os.getpid()}.link")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(snapshot, target.parent), link)
    os.replace(link, target)


def snapshots_of(target: Path) -> list[Path]:
    folder = folder_of(target)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{target.stem}-*{target.suffix}"), key=lambda path: path.stat().st_mtime)


def prune(target: Path) -> None:
    """Delete all but the current and the few previous snapshots. A reader that still has a deleted one
    open keeps reading it (the file lives on until it is closed)."""
    current = resolve(target)
    older = [path for path in snapshots_of(target) if path != current]
    for path in older[: max(0, len(older) - KEEP_PREVIOUS)]:
        path.unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)
