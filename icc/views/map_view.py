"""What the map page shows: the query its URL state asks for, and one row per city for the map layer."""

from __future__ import annotations

import pandas as pd

from icc.charts import maps
from icc.views import city_facts
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
        "radius": [maps.radius_px(p) for p in cities["population"]],
    }).join(pd.DataFrame([city_facts.tooltip(row, language, compact) for row in cities.to_dict("records")],
                         columns=["tooltip_title", "tooltip_body"]))
