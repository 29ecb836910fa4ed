"""What the map page shows: the query its URL state asks for, and one row per city for the map layer."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis.summary import map_summary
from icc.charts import maps
from icc.store.sessions import DataSession
from icc.views import city_facts
from icc.views.overview_view import membership_note
from icc.views.url_state import MapState

FAR_PAST, FAR_FUTURE = 1900, 2100
# Above this many cities a tooltip says only membership and the Index (the deck JSON stays small).
COMPACT_TOOLTIP_ABOVE = 3_000


def map_query_params(state: MapState, year_bounds: tuple[int, int]) -> dict:
    """Parameters of queries/map_cities.sql. Cities with no known joined year stay on the map unless the
    user narrowed the year range (a range cannot say anything about them)."""
    joined_from, joined_to = state.joined if state.joined else (FAR_PAST, FAR_FUTURE)
    full_range = not state.joined or (joined_from <= year_bounds[0] and joined_to >= year_bounds[1])
    return {
        "countries": list(state.countries),
        "networks": list(state.networks),
        "statuses": list(state.statuses),
        "joined_from": joined_from,
        "joined_to": joined_to,
        "keep_unknown_year": full_range,
        "has_index": state.has_index,
    }


def city_points(cities: pd.DataFrame, language: str, colour_by: str = "membership") -> pd.DataFrame:
    """One row per city with what the map layer draws: position, colour, radius and tooltip."""
    compact = len(cities) > COMPACT_TOOLTIP_ABOVE
    decimals = 3 if compact else 4  # 3 decimals is about 100 m: plenty at network zoom
    return pd.DataFrame({
        "city_id": cities["city_id"].to_numpy(),
        "lon": cities["lon"].round(decimals).to_numpy(),
        "lat": cities["lat"].round(decimals).to_numpy(),
        "colour": maps.point_colours(cities, colour_by),
        "outline": maps.point_outlines(cities, colour_by),
        "radius": [maps.radius_px(p) for p in cities["population"]],
    }).join(pd.DataFrame([city_facts.tooltip(row, language, compact) for row in cities.to_dict("records")],
                         columns=["tooltip_title", "tooltip_body"]))


@dataclass
class MapChoices:
    """What the sidebar's filters offer: every country and network, and the span of joining years."""
    countries: dict[str, str]
    networks: dict[str, str]
    year_bounds: tuple[int, int]


def map_choices(session: DataSession) -> MapChoices:
    cities = session.query("cities")
    networks = session.query("networks")
    bounds = session.query("joined_year_range").iloc[0]
    return MapChoices(dict(zip(cities["country_iso2"], cities[f"country_{session.language}"])),
                      city_facts.network_names(networks, session.language),
                      (int(bounds["first_year"]), int(bounds["last_year"])))


@dataclass
class MapData:
    query_params: dict
    cities: pd.DataFrame  # the cities the filters keep
    selected: pd.Series | None  # the city whose panel is open (any city, also one the filters hide)
    summary: str = ""  # the sentence above the map: how many cities, in how many countries
    membership_note: str = ""  # as of when the membership is true

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"map_cities": self.cities}


def map_data(session: DataSession, state: MapState, year_bounds: tuple[int, int]) -> MapData:
    query_params = map_query_params(state, year_bounds)
    selected = None
    if state.city:
        chosen = session.query("cities").query("city_id == @state.city")
        selected = None if chosen.empty else chosen.iloc[0]
    cities = session.query("map_cities", **query_params)
    return MapData(query_params, cities, selected, map_summary(cities), membership_note(session))
