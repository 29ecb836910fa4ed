"""What the map page asks the database for, given its URL state."""

from __future__ import annotations

from icc.web.url_state import MapState

FAR_PAST, FAR_FUTURE = 1900, 2100


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
