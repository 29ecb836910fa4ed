"""Import, roll back and rebuild as single steps from the user's point of view.

Each command holds one lock (beside the database) for its whole run, so two of them never interleave; it
waits for a running one and says so. The database pointer switch (icc/store/snapshots.py) is the moment a
command takes effect: an import is stored as 'pending' first and marked 'published' after the switch; a
rollback marks its batch 'rolling_back' and deletes it after the switch. `repair`, run at the start of every
command, finishes or undoes what a killed command left by asking the database which batches it shows.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from icc import settings
from icc.paths import DATA, IMPORT_STORE, PUBLISHED_DB
from icc.store import build, faults, import_batches

# How long a command waits for another one to finish (tests shorten it).
WAIT_ENV = settings.env_name("lock_wait_seconds")


def wait_seconds() -> float:
    return settings.value("lock_wait_seconds")


class Busy(RuntimeError):
    """Another import, rollback or build kept the lock for longer than we waited."""


class AlreadyImported(ValueError):
    """The very same file (same bytes) is already a published batch."""

    def __init__(self, batch):
        self.batch = batch
        super().__init__(f"this file was already imported as batch {batch['batch_id']} on "
                         f"{batch['imported_at']:%Y-%m-%d %H:%M} by {batch['imported_by']}; nothing was changed")


@dataclass(frozen=True)
class Paths:
    data_dir: Path = DATA
    target: Path = PUBLISHED_DB
    store: Path = IMPORT_STORE

    @property
    def lock_file(self) -> Path:
        return self.target.with_name(f".{self.target.name}.lock")


@contextlib.contextmanager
def exclusive(paths: Paths, on_wait=None) -> Iterator[list[str]]:
    """Hold the data lock; repairs half-done work first and yields what it repaired (sentences)."""
    paths.lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(paths.lock_file, "a+") as handle:
        deadline = time.monotonic() + wait_seconds()
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(f"another import, rollback or build is still running (lock {paths.lock_file}); "
                               "try again when it has finished") from None
                if on_wait and not told:
                    on_wait("waiting for another import, rollback or build to finish...")
                    told = True
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield repair(paths)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shown_batches(target: Path) -> set[str] | None:
    """The batch ids the database shows (None when there is no database yet)."""
    if not target.exists():
        return None
    with duckdb.connect(str(target.resolve()), read_only=True) as con:
        return {row[0] for row in con.table("import_batch").project("batch_id").fetchall()}


def repair(paths: Paths) -> list[str]:
    """Finish or undo a command that was killed half-way; returns a sentence per batch it settled."""
    build.remove_abandoned_partials(paths.target)
    listing = import_batches.batches(paths.store)
    unsettled = listing[listing["status"] != "published"]
    if unsettled.empty:
        return []
    shown = shown_batches(paths.target) or set()
    said = []
    for batch in unsettled.itertuples():
        if batch.batch_id in shown:
            import_batches.set_status(batch.batch_id, "published", paths.store)
            said.append(f"batch {batch.batch_id}: an interrupted rollback was undone (the data still shows it)"
                        if batch.status == "rolling_back" else
                        f"batch {batch.batch_id}: an interrupted import had been published; now recorded as such")
        else:
            import_batches.delete_batch(batch.batch_id, paths.store)
            said.append(f"batch {batch.batch_id}: an interrupted rollback was finished"
                        if batch.status == "rolling_back" else
                        f"batch {batch.batch_id}: an interrupted import was undone (it was never published)")
    return said


def commit(parsed, imported_by: str, paths: Paths = Paths(), replace: bool = False, on_wait=None) -> str:
    """Store the batch and publish the database that shows it, as one step; returns the batch id."""
    with exclusive(paths, on_wait=on_wait):
        listing = import_batches.batches(paths.store)
        same = listing[(listing["sha256"] == parsed.sha256) & (listing["status"] == "published")]
        if not same.empty:
            raise AlreadyImported(same.iloc[-1])
        batch_id = import_batches.save_batch(parsed, imported_by, paths.store, replace=replace, status="pending")
        try:
            build.build(paths.data_dir, paths.target, paths.store, include=(batch_id,))
        except BaseException:
            repair(paths)  # the batch goes if the database does not show it yet
            raise
        faults.checkpoint("commit.before_settle")
        import_batches.set_status(batch_id, "published", paths.store)
    return batch_id


def rollback(batch_id: str, paths: Paths = Paths(), on_wait=None) -> bool:
    """Publish the database without the batch, then forget it; False when there is no such batch."""
    with exclusive(paths, on_wait=on_wait):
        if batch_id not in set(import_batches.batches(paths.store)["batch_id"]):
            return False
        import_batches.set_status(batch_id, "rolling_back", paths.store)
        faults.checkpoint("rollback.marked")
        try:
            build.build(paths.data_dir, paths.target, paths.store, exclude=(batch_id,))
        except BaseException:
            repair(paths)  # the batch stays if the database still shows it
            raise
        faults.checkpoint("rollback.before_settle")
        import_batches.delete_batch(batch_id, paths.store)
    return True


def rebuild(paths: Paths = Paths(), if_stale: bool = False, on_wait=None) -> tuple[dict[str, int] | None, list[str]]:
    """(row counts, or None when it was up to date; repairs made)."""
    with exclusive(paths, on_wait=on_wait) as repaired:
        if if_stale and not build.is_stale(paths.data_dir, paths.target, paths.store):
            return None, repaired
        return build.build(paths.data_dir, paths.target, paths.store), repaired
