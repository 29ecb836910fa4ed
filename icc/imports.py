"""The persistent store of coordinators' import batches (data/imports/batches.duckdb).

The bundled data can be rebuilt at any time; imported batches live here and are applied on top at
every build, the newest batch winning for an assessment it shares with the published data or an
older batch. Each write is one DuckDB transaction: a killed process leaves no half batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from icc import db
from icc.paths import IMPORT_STORE

# Tests set this to hold a transaction open, so that a kill -9 lands mid-commit.
PAUSE_ENV = "ICC_IMPORT_PAUSE_SECONDS"


def open_store(store: Path = IMPORT_STORE, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    store.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(store), read_only=read_only and store.exists())
    if not read_only:
        db.run_store("schema", con)
    return con


def save_batch(parsed, imported_by: str, store: Path = IMPORT_STORE) -> str:
    """Write a validated import as one new batch; returns its id."""
    if not parsed.valid:
        raise ValueError("an import with problems cannot be saved")
    batch_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    batch = pd.DataFrame([{"batch_id": batch_id, "file_name": parsed.file_name, "sha256": parsed.sha256,
                           "rows": parsed.rows, "imported_at": dt.datetime.now(), "imported_by": imported_by}])
    with open_store(store) as con:
        con.execute("BEGIN TRANSACTION")
        con.from_df(batch).insert_into("import_batch")
        assessments = parsed.assessments.assign(batch_id=batch_id)
        con.from_df(assessments[con.table("imported_assessment").columns]).insert_into("imported_assessment")
        if os.environ.get(PAUSE_ENV):
            time.sleep(float(os.environ[PAUSE_ENV]))
        scores = parsed.scores.assign(batch_id=batch_id)
        con.from_df(scores[con.table("imported_score").columns]).insert_into("imported_score")
        con.execute("COMMIT")
    return batch_id


def batches(store: Path = IMPORT_STORE) -> pd.DataFrame:
    if not store.exists():
        return pd.DataFrame(columns=["batch_id", "file_name", "sha256", "rows", "imported_at", "imported_by"])
    with open_store(store, read_only=True) as con:
        return con.table("import_batch").order("imported_at, batch_id").df()


def delete_batch(batch_id: str, store: Path = IMPORT_STORE) -> bool:
    """Roll a batch back (remove it from the store); True when it existed."""
    if batch_id not in set(batches(store)["batch_id"]):
        return False
    with open_store(store) as con:
        con.execute("BEGIN TRANSACTION")
        for statement in ("delete_scores", "delete_assessments", "delete_batch"):
            db.run_store(statement, con, batch_id=batch_id)
        con.execute("COMMIT")
    return True


def load(store: Path = IMPORT_STORE) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(batches, assessments, scores) of every batch, oldest first."""
    if not store.exists():
        empty = pd.DataFrame()
        return batches(store), empty, empty
    with open_store(store, read_only=True) as con:
        order = con.table("import_batch").order("imported_at, batch_id").df()
        assessments = con.table("imported_assessment").df()
        scores = con.table("imported_score").df()
    rank = {batch_id: index for index, batch_id in enumerate(order["batch_id"])}
    assessments["_order"] = assessments["batch_id"].map(rank)
    scores["_order"] = scores["batch_id"].map(rank)
    return order, assessments.sort_values("_order"), scores.sort_values("_order")


def fingerprint(store: Path = IMPORT_STORE) -> str:
    """Changes whenever a batch is added or rolled back (part of the build's staleness hash)."""
    listing = batches(store)
    return hashlib.sha256("|".join(listing["batch_id"] + ":" + listing["sha256"]).encode()).hexdigest()


def apply(tables: dict[str, pd.DataFrame], store: Path = IMPORT_STORE) -> dict[str, pd.DataFrame]:
    """The published tables with every imported batch laid over them (newest batch wins per assessment)."""
    order, assessments, scores = load(store)
    if order.empty:
        return tables
    # An assessment's scores come from the newest batch that has it.
    newest = assessments.drop_duplicates("assessment_id", keep="last")[["assessment_id", "batch_id"]]
    scores = scores.merge(newest, on=["assessment_id", "batch_id"])
    assessment_rows = newest.merge(assessments.drop(columns="_order"), on=["assessment_id", "batch_id"])
    replaced = set(assessment_rows["assessment_id"])
    published_assessments = tables["assessment"][~tables["assessment"]["assessment_id"].isin(replaced)]
    published_scores = tables["score"][~tables["score"]["assessment_id"].isin(replaced)]
    return {
        **tables,
        "import_batch": order,
        "assessment": pd.concat([published_assessments, assessment_rows], ignore_index=True),
        "score": pd.concat([published_scores, scores.drop(columns=["_order", "batch_id"])], ignore_index=True),
    }
