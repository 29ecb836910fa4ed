"""Open the DuckDB files and run the named queries in queries/. No SQL lives anywhere else."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from icc.paths import PUBLISHED_DB, QUERIES
from icc.store import snapshots

PARAMETER = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")
NOT_NAMED_QUERIES = {"schema", "views"}


class QueryError(LookupError):
    """A named query is unknown or was called with the wrong parameters."""


class DatabaseMissing(FileNotFoundError):
    """The database file has not been built yet."""


def query_names() -> list[str]:
    return sorted(path.stem for path in QUERIES.glob("*.sql") if path.stem not in NOT_NAMED_QUERIES)


@lru_cache(maxsize=None)
def load_query(name: str, folder: str = "") -> tuple[str, frozenset[str]]:
    """The SQL text of a named query (in queries/, or a subfolder such as 'store') and its $parameters."""
    path = QUERIES / folder / f"{name}.sql"
    if (not folder and name in NOT_NAMED_QUERIES) or not re.fullmatch(r"[a-z0-9_]+", name) or not path.exists():
        known = query_names() if not folder else sorted(p.stem for p in (QUERIES / folder).glob("*.sql"))
        raise QueryError(f"no query named '{name}'; known queries: {', '.join(known)}")
    sql = path.read_text(encoding="utf-8")
    return sql, frozenset(PARAMETER.findall(COMMENT.sub("", sql)))


def connect(path: Path = PUBLISHED_DB, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the snapshot `path` points at now (see icc/store/snapshots.py)."""
    if read_only and not path.exists():
        raise DatabaseMissing(f"{path} does not exist yet: run `make build` (or `python -m icc build`)")
    return duckdb.connect(str(snapshots.resolve(path)), read_only=read_only)


_thread_local = threading.local()


def default_connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published database, one per thread (DuckDB connections are not
    thread-safe, and Streamlit runs sessions in threads)."""
    if getattr(_thread_local, "connection", None) is None:
        _thread_local.connection = connect(PUBLISHED_DB)
    return _thread_local.connection


def run(name: str, con: duckdb.DuckDBPyConnection | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with its $named parameters and return the rows as a DataFrame."""
    return text_from_enums(run_encoded(name, con, **params))


def run_encoded(name: str, con: duckdb.DuckDBPyConnection | None = None, **params) -> pd.DataFrame:
    """Like run, but ENUM text stays categorical: for readers that only write the rows out (the dataset
    export), where decoding half a million values would be wasted."""
    connection = con if con is not None else default_connection()
    return execute(connection, name, "", params).df()


def text_from_enums(frame: pd.DataFrame) -> pd.DataFrame:
    """ENUM columns (score_fact's dictionary-encoded text) arrive as categoricals; give them back as the plain
    text columns every other query returns, built by indexing the categories rather than row by row (about
    3x faster than fetching the same column as VARCHAR)."""
    encoded = [column for column in frame.columns if isinstance(frame[column].dtype, pd.CategoricalDtype)]
    if not encoded:
        return frame
    return pd.DataFrame({column: decoded(frame[column]) if column in encoded else frame[column]
                         for column in frame.columns}, index=frame.index)


def decoded(column: pd.Series) -> pd.Series:
    values = column.cat
    if len(values.categories) == 0:  # an ENUM with no values yet (no import batches): all missing, as VARCHAR gives
        return pd.Series(np.full(len(column), None, dtype=object), index=column.index, name=column.name)
    return pd.Series(values.categories.array.take(values.codes.to_numpy(), allow_fill=True), index=column.index,
                     name=column.name)


def run_store(name: str, con: duckdb.DuckDBPyConnection, **params) -> None:
    """Run a statement of queries/store/ (the import store) on `con`."""
    execute(con, name, "store", params)


def execute(connection: duckdb.DuckDBPyConnection, name: str, folder: str, params: dict):
    sql, needed = load_query(name, folder)
    missing, unknown = needed - params.keys(), params.keys() - needed
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing parameter(s) {', '.join(sorted(missing))}")
        if unknown:
            parts.append(f"unknown parameter(s) {', '.join(sorted(unknown))}")
        expected = ", ".join(sorted(needed)) or "none"
        raise QueryError(f"query '{name}': {'; '.join(parts)} (it takes: {expected})")
    return connection.execute(sql, params or None)
