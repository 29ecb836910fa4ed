"""The one interface views and outputs read data through: a session (its language, its dataset and a
read-only connection). The web shell's `Session` adds Streamlit's caches; `PlainSession` serves the command
line, the gallery and tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import duckdb
import pandas as pd

from icc.store import db


@runtime_checkable
class DataSession(Protocol):
    language: str
    dataset: str
    con: duckdb.DuckDBPyConnection

    @property
    def is_demo(self) -> bool: ...

    def query(self, name: str, **params) -> pd.DataFrame:
        """A named query (queries/<name>.sql) with its parameters."""

    def cached(self, builder: Callable[..., Any], *args) -> Any:
        """builder(session, *args), computed once per database, language and arguments where the session
        can keep it."""


@dataclass
class PlainSession:
    """A session without Streamlit: every query runs, nothing is kept between calls, unless it is given a
    `memo` (a dict) to keep each query's result for the run (a report for every city reads the same
    version's scores 138 times)."""
    con: duckdb.DuckDBPyConnection
    language: str = "en"
    dataset: str = "published"
    memo: dict | None = None

    @property
    def is_demo(self) -> bool:
        return self.dataset == "demo"

    def query(self, name: str, **params) -> pd.DataFrame:
        if self.memo is None:
            return db.run(name, con=self.con, **params)
        key = (name, repr(sorted(params.items())))
        if key not in self.memo:
            self.memo[key] = db.run(name, con=self.con, **params)
        return self.memo[key].copy()

    def cached(self, builder: Callable[..., Any], *args) -> Any:
        return builder(self, *args)
