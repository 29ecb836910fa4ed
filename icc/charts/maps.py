"""Maps: an interactive pydeck map (offline: no map provider, our own country outlines as the
basemap) and a static plotly map for print and export (topojson served locally)."""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from icc import format as fmt
from icc.charts import MEMBERSHIP_COLOURS, base_layout, hex_to_rgba
from icc.i18n import current_language, t
from icc.paths import BOUNDARIES

CITY_LAYER_ID = "cities"
NEUTRAL_RADIUS_PX = 5.0
MISSING_COLOUR = [140, 140, 140, 200]
# Above this many cities the tooltip is cut to the essentials, to keep the websocket payload small.
COMPACT_TOOLTIP_ABOVE = 3_000
# Viridis stops: sequential and readable with colour-vision deficiencies.
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
EUROPE_VIEW = {"latitude": 49.0, "longitude": 12.0, "zoom": 3.0}
LOCAL_TOPOJSON_URL = "/app/static/topojson/"


@lru_cache(maxsize=1)
def basemap_geojson() -> dict:
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


def basemap_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer", data=basemap_geojson(), id="countries", stroked=True, filled=True,
        get_fill_color=[236, 236, 232, 255], get_line_color=[255, 255, 255, 255], line_width_min_pixels=0.6,
        pickable=False,
    )


def ramp(values: pd.Series, low: float, high: float) -> list[list[int]]:
    """Viridis colour for each value between low and high; grey where missing."""
    stops = np.array([hex_to_rgba(colour)[:3] for colour in VIRIDIS], dtype=float)
    span = (high - low) or 1.0
    colours = []
    for value in values:
        if fmt.is_missing(value):
            colours.append(MISSING_COLOUR)
            continue
        position = min(max((float(value) - low) / span, 0.0), 1.0) * (len(stops) - 1)
        left = int(math.floor(position))
        right = min(left + 1, len(stops) - 1)
        mix = stops[left] + (stops[right] - stops[left]) * (position - left)
        colours.append([int(round(channel)) for channel in mix] + [230])
    return colours


def colour_scale(cities: pd.DataFrame, colour_by: str) -> tuple[float, float]:
    if colour_by == "score":
        return 0.0, 100.0
    years = cities["joined_year"].dropna()
    return (float(years.min()), float(years.max())) if len(years) else (0.0, 1.0)


def point_colours(cities: pd.DataFrame, colour_by: str) -> list[list[int]]:
    if colour_by == "membership":
        return [hex_to_rgba(MEMBERSHIP_COLOURS[c]) for c in cities["membership_class"]]
    column = "latest_score" if colour_by == "score" else "joined_year"
    low, high = colour_scale(cities, colour_by)
    return ramp(cities[column], low, high)


def radius_px(population: object) -> float:
    """Screen radius by population (area grows with population); a neutral size where unknown."""
    if fmt.is_missing(population):
        return NEUTRAL_RADIUS_PX
    return round(min(4 + math.sqrt(float(population)) / 120, 20), 1)


def index_line(city) -> str:
    if fmt.is_missing(city.get("latest_score")):
        return t("map.tooltip.no_index")
    line = t("map.tooltip.index", score=fmt.number(city["latest_score"]),
             date=fmt.partial_date(city["latest_assessed_on"], city["latest_precision"]),
             version=t(f"version.short.{city['latest_version']}"))
    return line + quoted_note(city.get("latest_quoted_in"))


def quoted_note(quoted_in) -> str:
    """' · quoted in …' for a figure that a source about another city quotes (said wherever it is shown)."""
    return "" if fmt.is_missing(quoted_in) or not quoted_in else " · " + t("facts.quoted", source=quoted_in)


def tooltip_text(city, compact: bool) -> tuple[str, str]:
    """(title, body) of one city's tooltip, as plain text: Streamlit's map escapes every value it puts into
    the tooltip template (TOOLTIP), so markup written here would show as literal '<b>'."""
    country = city[f"country_{current_language()}"]
    lines = [t(f"membership.{city['membership_class']}")]
    if not compact:
        networks = list(city.get("network_names") if city.get("network_names") is not None else [])
        if networks:
            lines.append(t("map.tooltip.networks", networks="; ".join(networks)))
        joined = city.get("joined_year")
        lines.append(t("map.tooltip.joined", year=t("common.missing") if fmt.is_missing(joined) else int(joined)))
        population = city.get("population")
        if fmt.is_missing(population):
            lines.append(t("map.tooltip.population_missing"))
        else:
            year = city.get("population_year")
            year_text = "" if fmt.is_missing(year) else f" ({int(year)})"
            lines.append(t("map.tooltip.population", population=fmt.number(population), year=year_text))
    lines.append(index_line(city) if fmt.is_missing(city.get("latest_score"))
                 else f"{t('facts.index')}: {index_line(city)}")
    return f"{city['name']} · {country}", "\n".join(lines)


def city_points(cities: pd.DataFrame, colour_by: str = "membership") -> pd.DataFrame:
    """One row per city with what the map layer draws: position, colour, radius and tooltip."""
    compact = len(cities) > COMPACT_TOOLTIP_ABOVE
    decimals = 3 if compact else 4  # 3 decimals is about 100 m: plenty at network zoom
    return pd.DataFrame({
        "city_id": cities["city_id"].to_numpy(),
        "lon": cities["lon"].round(decimals).to_numpy(),
        "lat": cities["lat"].round(decimals).to_numpy(),
        "colour": point_colours(cities, colour_by),
        "radius": [radius_px(p) for p in cities["population"]],
    }).join(pd.DataFrame([tooltip_text(row, compact) for row in cities.to_dict("records")],
                         columns=["tooltip_title", "tooltip_body"]))


# The renderer HTML-escapes each {field} it substitutes: the markup here is the only markup in a tooltip.
TOOLTIP = {"html": "<b>{tooltip_title}</b><br/>{tooltip_body}",
           "style": {"backgroundColor": "white", "color": "#222", "fontSize": "13px", "border": "1px solid #ccc",
                     "maxWidth": "320px", "whiteSpace": "pre-line"}}


class CompactDeck(pdk.Deck):
    """Streamlit sends `to_json()` over the websocket; pydeck indents it, which triples the payload."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


class PrebuiltDeck(pdk.Deck):
    """A deck whose JSON was built (and cached) before: serialising 10,000 cities takes a second."""

    def __init__(self, spec: str):
        super().__init__(layers=[], map_provider=None, tooltip=TOOLTIP)
        self._spec = spec

    def to_json(self) -> str:
        return self._spec


def view_for(points: pd.DataFrame, default: dict = EUROPE_VIEW) -> pdk.ViewState:
    """Fit the view to the points; Europe when there are none or they span the world."""
    if points.empty:
        return pdk.ViewState(**default)
    lon_span = float(points["lon"].max() - points["lon"].min())
    lat_span = float(points["lat"].max() - points["lat"].min())
    if lon_span > 60 or lat_span > 40:
        return pdk.ViewState(**default)
    span = max(lon_span, lat_span * 1.6, 0.5)
    zoom = max(1.0, min(9.0, math.log2(360 / span) - 0.6))
    return pdk.ViewState(latitude=float(points["lat"].mean()), longitude=float(points["lon"].mean()), zoom=zoom)


def city_deck(points: pd.DataFrame, highlight: tuple[str, ...] = (), view: pdk.ViewState | None = None,
              height: int = 560) -> pdk.Deck:
    layers = [
        basemap_layer(),
        pdk.Layer(
            "ScatterplotLayer", data=points, id=CITY_LAYER_ID, get_position=["lon", "lat"], get_fill_color="colour",
            get_radius="radius", radius_units="'pixels'", stroked=True,
            get_line_color=[255, 255, 255, 230], line_width_min_pixels=0.8, pickable=True, auto_highlight=True,
        ),
    ]
    if highlight:
        chosen = points[points["city_id"].isin(highlight)]
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=chosen, id="highlight", get_position=["lon", "lat"], filled=False,
            stroked=True, get_radius="radius + 5", radius_units="'pixels'",
            get_line_color=[0, 0, 0, 255], line_width_min_pixels=3, pickable=False,
        ))
    return CompactDeck(
        layers=layers, initial_view_state=view or view_for(points), map_provider=None,
        tooltip=TOOLTIP,
        height=height,
        parameters={"cull": True},
    )


def legend_items(cities: pd.DataFrame, colour_by: str) -> list[tuple[str, str]]:
    """(CSS colour, label) pairs describing the point colours."""
    if colour_by == "membership":
        present = [c for c in MEMBERSHIP_COLOURS if c in set(cities["membership_class"])]
        return [(MEMBERSHIP_COLOURS[c], t(f"membership.{c}")) for c in present]
    low, high = colour_scale(cities, colour_by)
    items = []
    for position, colour in enumerate(VIRIDIS):
        value = low + (high - low) * position / (len(VIRIDIS) - 1)
        items.append((colour, f"{value:.0f}"))
    items.append(("rgb(140,140,140)", t("map.legend.missing")))
    return items


def legend_html(items: list[tuple[str, str]]) -> str:
    swatches = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="width:12px;height:12px;border-radius:50%;background:{colour};display:inline-block;'
        f'margin-right:5px;border:1px solid #fff;box-shadow:0 0 0 1px #bbb"></span>{html.escape(label)}</span>'
        for colour, label in items
    )
    return f'<div style="font-size:0.9rem;line-height:1.8">{swatches}</div>'


def static_city_map(cities: pd.DataFrame, title: str, source: str, scope: str = "europe",
                    height: int = 520) -> go.Figure:
    """The same cities as an image-friendly plotly map (for print, export and WebGL-less views)."""
    figure = go.Figure()
    for membership_class, colour in MEMBERSHIP_COLOURS.items():
        part = cities[cities["membership_class"] == membership_class]
        if part.empty:
            continue
        sizes = [2 * radius_px(p) for p in part["population"]]
        figure.add_trace(go.Scattergeo(
            lon=part["lon"], lat=part["lat"], text=part["name"], name=t(f"membership.{membership_class}"),
            mode="markers", marker={"size": sizes, "color": colour, "line": {"width": 0.6, "color": "white"}},
            hovertemplate="%{text}<extra></extra>",
        ))
    layout = base_layout(title, source, height=height)
    layout["margin"]["l"] = layout["margin"]["r"] = 0
    figure.update_layout(**layout)
    figure.update_geos(
        scope=scope, resolution=50, showcountries=True, countrycolor="white", showland=True,
        landcolor="#ecece8", showocean=True, oceancolor="#f7fbff", showframe=False,
        lataxis_range=[34, 71] if scope == "europe" else None, lonaxis_range=[-25, 45] if scope == "europe" else None,
    )
    return figure
