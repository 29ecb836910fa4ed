"""The persistent store of coordinators' import batches (data/imports/batches.duckdb).

The bundled data can be rebuilt at any time; imported batches live here and are laid over it at every
build, score by score: a batch adds and changes scores and removes none, unless it was imported as
"replace these assessments", which drops every earlier score of its assessments. Each write is one DuckDB
transaction. A batch is 'pending' while the database that shows it is being built, 'rolling_back' while the
database without it is being built, else 'published'; `icc.publishing` moves it between these states and
repairs what an interrupted command left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from icc import settings
from icc.paths import IMPORT_STORE
from icc.store import db, faults

BATCH_COLUMNS = ["batch_id", "file_name", "sha256", "rows", "imported_at", "imported_by", "status", "kind"]


class StoreBusy(RuntimeError):
    """Another process holds the import store open for writing for longer than we wait."""


def open_store(store: Path = IMPORT_STORE, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store; waits while another process has it open, then says so plainly."""
    store.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.value("lock_wait_seconds")
    while True:
        try:
            con = duckdb.connect(str(store), read_only=read_only and store.exists())
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() > deadline:
                raise StoreBusy(f"the import store {store} is in use by another process (an import, a rollback or "
                                f"a build); try again when it has finished") from None
            time.sleep(0.2)
    if not read_only:
        db.run_store("schema", con)
    return con


def save_batch(parsed, imported_by: str, store: Path = IMPORT_STORE, replace: bool = False,
               status: str = "published") -> str:
    """Write a validated import as one new batch; returns its id. `replace`: the batch's assessments drop
    every earlier score (the coordinator's explicit "replace these assessments")."""
    if not parsed.valid:
        raise ValueError("an import with problems cannot be saved")
    batch_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    kind = getattr(parsed, "kind", "index")
    batch = pd.DataFrame([{"batch_id": batch_id, "file_name": parsed.file_name, "sha256": parsed.sha256,
                           "rows": parsed.rows, "imported_at": dt.datetime.now(), "imported_by": imported_by,
                           "status": status, "kind": kind}])
    with open_store(store) as con:
        con.execute("BEGIN TRANSACTION")
        con.from_df(batch[con.table("import_batch").columns]).insert_into("import_batch")
        if kind == "membership":
            insert(con, "imported_city", parsed.cities, batch_id)
            faults.checkpoint("save_batch.in_transaction")
            insert(con, "imported_membership", parsed.memberships, batch_id)
        else:
            insert(con, "imported_assessment", parsed.assessments.assign(replace_scores=replace), batch_id)
            faults.checkpoint("save_batch.in_transaction")
            insert(con, "imported_score", parsed.scores, batch_id)
        con.execute("COMMIT")
    return batch_id


def insert(con, table: str, rows: pd.DataFrame, batch_id: str) -> None:
    if rows.empty:
        return
    rows = rows.assign(batch_id=batch_id)
    con.from_df(rows[con.table(table).columns]).insert_into(table)


def batches(store: Path = IMPORT_STORE) -> pd.DataFrame:
    if not store.exists():
        return pd.DataFrame(columns=BATCH_COLUMNS)
    with open_store(store, read_only=True) as con:
        listing = con.table("import_batch").order("imported_at, batch_id").df()
    # A store written before batches had a status (every batch then was published at once) or a kind.
    return listing.assign(status=listing.get("status", "published"), kind=listing.get("kind", "index"))[BATCH_COLUMNS]


def set_status(batch_id: str, status: str, store: Path = IMPORT_STORE) -> None:
    with open_store(store) as con:
        db.run_store("set_status", con, batch_id=batch_id, status=status)


def delete_batch(batch_id: str, store: Path = IMPORT_STORE) -> bool:
    """Remove a batch from the store in one transaction; True when it existed."""
    if batch_id not in set(batches(store)["batch_id"]):
        return False
    with open_store(store) as con:
        con.execute("BEGIN TRANSACTION")
        for statement in ("delete_scores", "delete_assessments", "delete_cities", "delete_memberships", "delete_batch"):
            db.run_store(statement, con, batch_id=batch_id)
            faults.checkpoint("delete_batch.in_transaction")
        con.execute("COMMIT")
    return True


def applied(listing: pd.DataFrame, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """The batches a build lays over the bundled data: the published ones, plus `include` (an import being
    published), less `exclude` (a rollback being published); oldest first."""
    chosen = (listing["status"] == "published") | listing["batch_id"].isin(include)
    return listing[chosen & ~listing["batch_id"].isin(exclude)]


def load(store: Path = IMPORT_STORE, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
    """(batches, assessments, scores, cities, memberships) of the applied batches, each row with `_order`
    (0 = oldest batch)."""
    listing = applied(batches(store), include, exclude)
    if listing.empty:
        return listing, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
    with open_store(store, read_only=True) as con:
        present = {row[0] for row in con.sql("select table_name from information_schema.tables").fetchall()}
        tables = {name: con.table(name).df() if name in present else pd.DataFrame(columns=["batch_id"])
                  for name in ("imported_assessment", "imported_score", "imported_city", "imported_membership")}
    rank = {batch_id: index for index, batch_id in enumerate(listing["batch_id"])}
    assessments = tables["imported_assessment"]
    if "replace_scores" not in assessments:  # a store written before replacing existed
        assessments["replace_scores"] = False

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        kept = frame[frame["batch_id"].isin(rank)]
        return kept.assign(_order=kept["batch_id"].map(rank)).sort_values("_order", kind="stable")

    return (listing, ordered(assessments), ordered(tables["imported_score"]), ordered(tables["imported_city"]),
            ordered(tables["imported_membership"]))


def fingerprint(store: Path = IMPORT_STORE, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> str:
    """Changes whenever the applied batches change (part of the build's staleness hash)."""
    listing = applied(batches(store), include, exclude)
    return hashlib.sha256("|".join(listing["batch_id"] + ":" + listing["sha256"]).encode()).hexdigest()


def apply(tables: dict[str, pd.DataFrame], store: Path = IMPORT_STORE, include: tuple[str, ...] = (),
          exclude: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """The published tables with the applied batches laid over them, score by score."""
    listing, assessments, scores, cities, memberships = load(store, include, exclude)
    if listing.empty:
        return tables
    merged = {**tables, "import_batch": listing.drop(columns=["status"])}
    if not assessments.empty:
        merged |= merge(tables["assessment"], tables["score"], assessments, scores)
    if not cities.empty or not memberships.empty:
        merged |= merge_memberships(tables["city"], tables["membership"], cities, memberships)
    return merged


MEMBERSHIP_KEY = ["city_id", "scope", "network_key"]


def merge_memberships(published_cities: pd.DataFrame, published_memberships: pd.DataFrame,
                      imported_cities: pd.DataFrame, imported_memberships: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Cities: a batch adds new ones and updates the figures of known ones (the newest batch wins). Memberships:
    one row per city, scope and network; the newest batch's row replaces the curated one (a status change, a
    left year), and rows no batch names stay as curated."""
    city_rows = pd.concat([published_cities.assign(_order=-1),
                           imported_cities.drop(columns="batch_id")], ignore_index=True)
    cities = (city_rows.sort_values("_order", kind="stable").drop_duplicates("city_id", keep="last")
              .drop(columns="_order"))
    rows = pd.concat([published_memberships.assign(_order=-1, batch_id=None), imported_memberships],
                     ignore_index=True)
    rows["network_key"] = rows["network_id"].fillna("")
    memberships = (rows.sort_values("_order", kind="stable").drop_duplicates(MEMBERSHIP_KEY, keep="last")
                   .drop(columns=["_order", "network_key"]))
    return {"city": cities.astype({"population": "Int64", "population_year": "Int64"}).reset_index(drop=True),
            "membership": memberships.astype({"joined_year": "Int64", "left_year": "Int64"}).reset_index(drop=True)}


def merge(published_assessments: pd.DataFrame, published_scores: pd.DataFrame, imported_assessments: pd.DataFrame,
          imported_scores: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Scores: for each (assessment, area) the newest batch's score wins and earlier ones stay where no batch
    has one, except before a batch that replaces the assessment. Assessment facts: the newest batch's, with the
    newest known sample size."""
    score_rows = pd.concat([published_scores.assign(_order=-1),
                            imported_scores.drop(columns="batch_id")], ignore_index=True)
    replacing = imported_assessments[imported_assessments["replace_scores"].fillna(False).astype(bool)]
    cut = replacing.groupby("assessment_id")["_order"].max()
    kept = score_rows["_order"] >= score_rows["assessment_id"].map(cut).fillna(-1)
    score_rows = (score_rows[kept].sort_values("_order", kind="stable")
                  .drop_duplicates(["assessment_id", "area_id"], keep="last").drop(columns="_order"))
    assessment_rows = pd.concat([published_assessments.assign(_order=-1),
                                 imported_assessments.drop(columns="replace_scores")], ignore_index=True)
    assessment_rows = assessment_rows.sort_values("_order", kind="stable")
    sample_sizes = assessment_rows.groupby("assessment_id")["sample_size"].last()  # last non-missing
    newest = assessment_rows.drop_duplicates("assessment_id", keep="last").drop(columns="_order")
    newest = newest.assign(sample_size=newest["assessment_id"].map(sample_sizes).astype("Int64"))
    return {"assessment": newest.reset_index(drop=True), "score": score_rows.reset_index(drop=True)}
