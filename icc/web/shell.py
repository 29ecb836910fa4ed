"""A page view's session: the dataset and language it shows, its read-only connection for this page run,
and the caches shared by all sessions of a worker (named queries, built views, map decks). The frame that
draws around every page is icc/web/frame.py."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pydeck as pdk
import streamlit as st

from icc.charts import maps
from icc.outputs.context_line import context_line
from icc.paths import DEMO_DB, PUBLISHED_DB
from icc.store import db, snapshots
from icc.views import map_view
from icc.views.url_state import DATASET_NAMES

DATASETS = dict(zip(DATASET_NAMES, (PUBLISHED_DB, DEMO_DB)))


@dataclass(frozen=True)
class Session:
    """A browser session's DataSession (icc/store/sessions.py), with Streamlit's caches and the sidebar."""
    dataset: str
    language: str
    con: duckdb.DuckDBPyConnection
    # The page's own sidebar controls go here: above the navigation, so they are seen without scrolling.
    sidebar: Any = None
    # The snapshot `con` reads: cache keys use it, so a result is never filed under a newer database.
    snapshot: str = ""

    @property
    def version(self) -> str:
        return self.snapshot or database_version(self.dataset)

    @property
    def is_demo(self) -> bool:
        return self.dataset == "demo"

    def published(self) -> Session:
        """The same session on the published data (About describes the real sources even in demo)."""
        if not self.is_demo:
            return self
        snapshot, con = session_database("published")
        return Session("published", self.language, con, self.sidebar, snapshot)

    def query(self, name: str, **params) -> pd.DataFrame:
        # A copy, so a page may add columns without touching the frame other sessions share.
        return cached_query(str(DATASETS[self.dataset]), self.version, name,
                            frozen(params), _con=self.con).copy()

    def chart_context(self, years=(), versions=()) -> str:
        """The line printed under an exported chart image (context_line)."""
        return context_line(self, years, versions)

    def cached(self, builder, *args):
        """builder(self, *args), computed once per database version, language and arguments (the city
        profile, the visit slides and the exports are too slow to rebuild on every click)."""
        return cached_build(str(DATASETS[self.dataset]), self.version, self.language,
                            f"{builder.__module__}.{builder.__qualname__}", args, _session=self, _builder=builder)

    def city_deck(self, query: str, params: dict, colour_by: str = "membership", highlight: tuple[str, ...] = (),
                  height: int = 560, view: tuple[float, float, float] | None = None) -> pdk.Deck:
        """The pydeck map of the cities a named query returns, serialised once per view and cached (the
        basemap alone is 600 kB of JSON); `view` is (latitude, longitude, zoom), else fitted to the cities."""
        spec = cached_deck_json(str(DATASETS[self.dataset]), self.version, self.language,
                                query, frozen(params), colour_by, highlight, height, view, _session=self)
        return maps.PrebuiltDeck(spec)


def clear_caches() -> None:
    """After an import or a rollback (the database version in the keys changes too; this frees the memory)."""
    st.cache_data.clear()
    cached_build.clear()
    cached_query.clear()


def frozen(params: dict) -> tuple:
    """Query parameters as a hashable, order-independent cache key (lists become tuples)."""
    return tuple(sorted((key, tuple(value) if isinstance(value, list) else value) for key, value in params.items()))


# cache_resource: every session reads the one object (cache_data unpickled a copy per read, about 4 % of a
# page view's CPU, and each open session kept its copies: 2 MB a session on the visit page). Pages and views
# therefore never change what they get from here in place (they use assign / copies).
@st.cache_resource(max_entries=256, show_spinner=False)
def cached_build(database: str, version: str, language: str, builder_name: str, args: tuple, _session: Session,
                 _builder):
    return _builder(_session, *args)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_deck_json(database: str, version: str, language: str, query: str, params: tuple, colour_by: str,
                     highlight: tuple[str, ...], height: int, view: tuple | None, _session: Session) -> str:
    cities = _session.query(query, **dict(params))
    view_state = pdk.ViewState(latitude=view[0], longitude=view[1], zoom=view[2]) if view else None
    return maps.city_deck(map_view.city_points(cities, language, colour_by), highlight=highlight, height=height,
                          view=view_state).to_json()


def database_version(dataset: str) -> str:
    """The snapshot the dataset's pointer names: changes with every build, import or rollback, so cached
    results never outlive their database and every session reopens on its next page run."""
    return snapshots.version(DATASETS[dataset])


# cache_resource, not cache_data: cache_data unpickles its value on every read, which for the city list at
# 10,000 cities (with its list columns) cost more than the query itself; Session.query hands out copies.
@st.cache_resource(max_entries=2048, show_spinner=False)
def cached_query(database: str, version: str, name: str, params: tuple, _con) -> pd.DataFrame:
    return db.run(name, con=_con, **{key: list(value) if isinstance(value, tuple) else value
                                     for key, value in params})


def session_connection(dataset: str) -> duckdb.DuckDBPyConnection:
    return session_database(dataset)[1]


# One connection per page run (Streamlit runs each in a thread of its own), not per browser session: a
# connection that has run queries holds about 1.5 MB, which with a connection per session grew a worker by
# 2 MB per open session (60 sessions: 420 MB). Connecting to an open database takes 0.03 ms.
_page_run = threading.local()


def session_database(dataset: str) -> tuple[str, duckdb.DuckDBPyConnection]:
    """(snapshot, connection): a read-only connection for this page run, on the snapshot the dataset points
    at when the run starts; the next run, after a build, import or rollback, opens the new one. Closed when
    the run's thread ends, so nothing holds an old snapshot open."""
    version = database_version(dataset)
    held = getattr(_page_run, "connections", {}).get(dataset)
    if held is None or held[0] != version:
        if not version:
            raise db.DatabaseMissing(f"{DATASETS[dataset]} does not exist yet: run `make build` (or `python -m icc build`)")
        if held is not None:
            held[1].close()
        held = (version, db.connect(Path(version)))
        _page_run.connections = {**getattr(_page_run, "connections", {}), dataset: held}
    return held


