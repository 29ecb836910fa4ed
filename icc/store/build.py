"""Build a DuckDB file from validated tables: all or nothing.

The new database is written beside the target and published as a snapshot only once it is complete
(icc/store/snapshots.py), so a failed build (bad data, a crash, kill -9) leaves the previous database exactly as
it was, and half-written files of killed builds are removed by the next one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import duckdb
import pandas as pd

from icc.paths import DATA, IMPORT_STORE, PUBLISHED_DB, QUERIES
from icc.store import faults, import_batches, snapshots, source_files

# Table load order follows the foreign keys.
TABLE_ORDER = (
    "country", "network", "city", "membership", "index_version", "policy_area", "area_definition", "import_batch",
    "assessment", "score", "practice", "practice_city", "practice_area",
)
HASHED_SOURCES = ("schema.sql", "views.sql")


def data_hash(data_dir: Path = DATA, store: Path = IMPORT_STORE, include: tuple[str, ...] = (),
              exclude: tuple[str, ...] = ()) -> str:
    """A content hash of every input of the build: the bundled files, the schema and the applied batches."""
    digest = hashlib.sha256()
    digest.update(import_batches.fingerprint(store, include, exclude).encode())
    inputs = [data_dir / spec.file_name for spec in source_files.BUNDLE] + [QUERIES / name for name in HASHED_SOURCES]
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def stored_hash(target: Path) -> str | None:
    if not target.exists():
        return None
    try:
        with duckdb.connect(str(target), read_only=True) as con:
            rows = con.table("build_info").project("data_hash").fetchall()
    except duckdb.Error:
        return None
    return rows[0][0] if rows else None


def is_stale(data_dir: Path = DATA, target: Path = PUBLISHED_DB, store: Path = IMPORT_STORE) -> bool:
    return stored_hash(target) != data_hash(data_dir, store)


def published_tables(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Shape the validated bundle into the database tables."""
    scores = frames["index_scores"]
    areas = frames["policy_areas"]
    area_ids = areas.set_index(["version_id", "code"])["area_id"]
    assessments = scores.drop_duplicates("assessment_id")[
        ["assessment_id", "city_id", "version_id", "assessed_on", "date_precision", "sample_size", "source_url",
         "quoted_in"]
    ].assign(
        assessed_on=lambda f: f["assessed_on"].map(lambda text: source_files.parse_partial_date(text).start),
        batch_id=None,
    )
    score_rows = pd.DataFrame(
        {
            "assessment_id": scores["assessment_id"],
            "area_id": [area_ids[key] for key in zip(scores["version_id"], scores["area_code"])],
            "score": scores["score"],
            "sample_avg": scores["sample_avg"],
        }
    )
    return {
        "country": frames["countries"],
        "network": frames["networks"],
        "city": frames["cities"],
        "membership": frames["memberships"],
        "index_version": frames["index_versions"],
        "policy_area": areas,
        "area_definition": frames["area_definitions"],
        "assessment": assessments,
        "score": score_rows,
        "practice": frames["practices"].rename(columns={"source_url": "url"}),
        "practice_city": frames["practice_cities"],
        "practice_area": frames["practice_areas"],
    }


def write_database(target: Path, tables: dict[str, pd.DataFrame], dataset: str, content_hash: str) -> None:
    """Write `tables` into a new DuckDB file and atomically replace `target` with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_partials(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(partial)) as con:
            con.execute("BEGIN TRANSACTION")
            con.execute((QUERIES / "schema.sql").read_text(encoding="utf-8"))
            for name in TABLE_ORDER:
                frame = tables.get(name)
                if frame is None or frame.empty:
                    continue
                columns = con.table(name).columns
                # Columns a source does not have (the demo has no quotes) are empty; NOT NULL still guards the rest.
                con.from_df(frame.reindex(columns=columns)).insert_into(name)
            con.execute((QUERIES / "views.sql").read_text(encoding="utf-8"))
            build_info = pd.DataFrame(
                {"data_hash": [content_hash], "dataset": [dataset], "built_at": [dt.datetime.now()]}
            )
            con.from_df(build_info).insert_into("build_info")
            faults.checkpoint("write_database.in_transaction")
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        faults.checkpoint("write_database.written")
        snapshots.publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}.wal").unlink(missing_ok=True)


def remove_abandoned_partials(target: Path) -> None:
    """Half-written files (database, its WAL, a pointer being switched) of builds that were killed (their
    process is gone) are deleted."""
    for path in target.parent.glob(f".{target.name}.*"):
        pid = path.name.removeprefix(f".{target.name}.").split(".")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            path.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build(data_dir: Path = DATA, target: Path = PUBLISHED_DB, store: Path = IMPORT_STORE,
          include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> dict[str, int]:
    """Validate data_dir, lay the published batches (plus `include`, less `exclude`: see icc/store/publishing.py)
    over it and write the published database; returns row counts per table."""
    tables = import_batches.apply(published_tables(source_files.validate_bundle(data_dir)), store, include, exclude)
    write_database(target, tables, "published", data_hash(data_dir, store, include, exclude))
    return {name: len(frame) for name, frame in tables.items()}
