"""Maps: an interactive pydeck map (offline: no map provider, our own country outlines as the
basemap) and a static plotly map for print and export (topojson served locally)."""

from __future__ import annotations

import html
import json
import math
import os
import shutil
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from icc import site
from icc.charts import MEMBERSHIP_COLOURS, base_layout, hex_to_rgba
from icc.i18n import format as fmt, t
from icc.paths import BOUNDARIES, STATIC

CITY_LAYER_ID = "cities"
NEUTRAL_RADIUS_PX = 5.0
MISSING_COLOUR = [140, 140, 140, 200]
# Viridis stops: sequential and readable with colour-vision deficiencies.
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
EUROPE_VIEW = {"latitude": 49.0, "longitude": 12.0, "zoom": 3.0}


@lru_cache(maxsize=1)
def basemap_geojson() -> dict:
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


# The country outlines as a static file the browser fetches once and caches, rather than 600 kB inside every
# deck (every map view sent them again over the websocket).
BASEMAP_FILE = Path("basemap") / "countries.json"


def basemap_url() -> str:
    return site.versioned_static_url(BASEMAP_FILE.as_posix())


def publish_basemap(root: Path = STATIC) -> Path:
    """Copy the shipped outlines (data/boundaries) where the app serves static files, when missing or older."""
    target = root / BASEMAP_FILE
    if not target.exists() or target.stat().st_mtime < BOUNDARIES.stat().st_mtime:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{os.getpid()}.partial")
        shutil.copyfile(BOUNDARIES, staging)
        os.replace(staging, target)
    return target


def basemap_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer", data=basemap_url(), id="countries", stroked=True, filled=True,
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


# A city without the value the map is coloured by is drawn as an outline, not a grey fill: colour is never the
# only cue (grey and the scale's greens ran together under deuteranopia and protanopia).
HOLLOW = "hollow"
HOLLOW_FILL, HOLLOW_LINE = [0, 0, 0, 0], [77, 77, 77, 255]
SOLID_LINE = [255, 255, 255, 230]


def value_column(colour_by: str) -> str | None:
    return None if colour_by == "membership" else ("latest_score" if colour_by == "score" else "joined_year")


def point_colours(cities: pd.DataFrame, colour_by: str) -> list[list[int]]:
    if colour_by == "membership":
        return [hex_to_rgba(MEMBERSHIP_COLOURS[c]) for c in cities["membership_class"]]
    column = value_column(colour_by)
    low, high = colour_scale(cities, colour_by)
    return [HOLLOW_FILL if fmt.is_missing(value) else colour
            for value, colour in zip(cities[column], ramp(cities[column], low, high))]


def point_outlines(cities: pd.DataFrame, colour_by: str) -> list[list[int]]:
    column = value_column(colour_by)
    if column is None:
        return [SOLID_LINE] * len(cities)
    return [HOLLOW_LINE if fmt.is_missing(value) else SOLID_LINE for value in cities[column]]


def radius_px(population: object) -> float:
    """Screen radius by population (area grows with population); a neutral size where unknown."""
    if fmt.is_missing(population):
        return NEUTRAL_RADIUS_PX
    return round(min(4 + math.sqrt(float(population)) / 120, 20), 1)


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
        # Not Deck.__init__: it probes for pydeck's Jupyter extra on every call (about 5 % of a page view's
        # CPU under load). Streamlit reads only these attributes and to_json().
        self._spec, self._tooltip, self.layers, self.deck_widget, self.mapbox_key = spec, TOOLTIP, [], None, None

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
            get_line_color="outline", line_width_min_pixels=1.5, pickable=True, auto_highlight=True,
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
    items.append((HOLLOW, t(f"map.legend.missing.{colour_by}")))
    return items


def legend_html(items: list[tuple[str, str]]) -> str:
    swatches = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="width:12px;height:12px;border-radius:50%;display:inline-block;margin-right:5px;'
        + ('background:transparent;border:2px solid #4d4d4d;box-sizing:border-box"' if colour == HOLLOW else
           f'background:{colour};border:1px solid #fff;box-shadow:0 0 0 1px #767676"')
        + f'></span>{html.escape(label)}</span>'
        for colour, label in items
    )
    return f'<div style="font-size:0.9rem;line-height:1.8">{swatches}</div>'


EUROPE_EXTENT = (-25.0, 45.0, 34.0, 71.0)  # lon_min, lon_max, lat_min, lat_max
WORLD_EXTENT = (-170.0, 180.0, -50.0, 75.0)


def map_extent(cities: pd.DataFrame) -> tuple[float, float, float, float]:
    """Europe when every city is there; the world when cities elsewhere are shown."""
    lon_min, lon_max, lat_min, lat_max = EUROPE_EXTENT
    inside = cities["lon"].between(lon_min, lon_max) & cities["lat"].between(lat_min, lat_max)
    return EUROPE_EXTENT if inside.all() else WORLD_EXTENT


SEA_COLOUR = "#f7fbff"


def outline_traces(extent: tuple[float, float, float, float]) -> list[go.Scatter]:
    """The shipped country outlines (data/boundaries) as plain lines: no topojson, no tiles, no WebGL, so the
    map draws the same on screen, in an image, in a PDF and offline. Two traces: the land, then its holes (the
    White Sea inside Russia's outline) in the sea's colour over it: a filled outer ring alone drew them as land."""
    lon_min, lon_max, lat_min, lat_max = extent
    land, holes = ([], []), ([], [])
    for feature in basemap_geojson()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            longitudes = [point[0] for point in polygon[0]]
            if max(longitudes) - min(longitudes) > 180:  # crosses the date line: would draw a band across
                continue
            if not any(lon_min - 10 <= lon <= lon_max + 10 and lat_min - 10 <= lat <= lat_max + 10
                       for lon, lat in polygon[0]):
                continue
            for index, ring in enumerate(polygon):
                xs, ys = land if index == 0 else holes
                xs += [point[0] for point in ring] + [None]
                ys += [point[1] for point in ring] + [None]
    return [go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#c8c8c8", "width": 0.6}, fill="toself",
                       fillcolor=colour, hoverinfo="skip", showlegend=False)
            for (xs, ys), colour in ((land, "#efefeb"), (holes, SEA_COLOUR))]


def fit_to_extent(figure: go.Figure, extent: tuple[float, float, float, float]) -> None:
    """Longitude and latitude as x and y, squeezed by the cosine of the middle latitude (a plate carrée that
    keeps Europe's shape), no axes."""
    lon_min, lon_max, lat_min, lat_max = extent
    squeeze = 1 / max(0.3, math.cos(math.radians((lat_min + lat_max) / 2)))
    # constrain="domain": the plot narrows to keep the shape, rather than showing more than the extent.
    figure.update_xaxes(range=[lon_min, lon_max], visible=False, automargin=False, constrain="domain")
    figure.update_yaxes(range=[lat_min, lat_max], visible=False, automargin=False, scaleanchor="x",
                        scaleratio=squeeze, constrain="domain")
    figure.update_layout(plot_bgcolor=SEA_COLOUR)


def static_city_map(cities: pd.DataFrame, title: str, source: str, colour_by: str = "membership",
                    height: int = 560) -> go.Figure:
    """The cities as an image-friendly map (for print, export and WebGL-less views), coloured as on the
    interactive map, with its legend or colour scale inside the canvas."""
    extent = EUROPE_EXTENT
    figure = go.Figure(outline_traces(extent))
    sizes = [max(6, 2 * radius_px(p)) for p in cities["population"]]
    if colour_by == "membership":
        for membership_class, colour in MEMBERSHIP_COLOURS.items():
            part = cities["membership_class"] == membership_class
            if not part.any():
                continue
            figure.add_trace(go.Scatter(
                x=cities.loc[part, "lon"], y=cities.loc[part, "lat"], text=cities.loc[part, "name"], mode="markers",
                name=t(f"membership.{membership_class}"), hovertemplate="%{text}<extra></extra>",
                marker={"size": [size for size, keep in zip(sizes, part) if keep], "color": colour,
                        "line": {"width": 0.6, "color": "white"}}))
    else:
        column = "latest_score" if colour_by == "score" else "joined_year"
        low, high = colour_scale(cities, colour_by)
        known = cities[column].notna()
        if (~known).any():
            figure.add_trace(go.Scatter(
                x=cities.loc[~known, "lon"], y=cities.loc[~known, "lat"], text=cities.loc[~known, "name"],
                mode="markers", name=t(f"map.legend.missing.{colour_by}"), hovertemplate="%{text}<extra></extra>",
                marker={"size": 7, "symbol": "circle-open", "color": "#4d4d4d", "line": {"width": 1.5}}))
        figure.add_trace(go.Scatter(
            x=cities.loc[known, "lon"], y=cities.loc[known, "lat"], text=cities.loc[known, "name"], mode="markers",
            name=t(f"map.colour.{colour_by}"), showlegend=False,
            customdata=cities.loc[known, column], hovertemplate="%{text}: %{customdata:.0f}<extra></extra>",
            marker={"size": [size for size, keep in zip(sizes, known) if keep], "color": cities.loc[known, column],
                    "cmin": low, "cmax": high, "colorscale": "Viridis", "line": {"width": 0.6, "color": "white"},
                    "colorbar": {"title": {"text": t(f"map.colour.{colour_by}"), "side": "right"}, "thickness": 12,
                                 "len": 0.6, "x": 0.99, "xanchor": "right", "y": 0.5,
                                 "tickformat": "d"}}))
    layout = base_layout(title, source, height=height)
    layout["legend"] = {"orientation": "v", "x": 0.01, "y": 0.01, "xanchor": "left", "yanchor": "bottom",
                        "bgcolor": "rgba(255,255,255,0.85)", "bordercolor": "#ccc", "borderwidth": 1}
    figure.update_layout(**layout)
    fit_to_extent(figure, extent)
    if map_extent(cities) == WORLD_EXTENT:
        add_world_inset(figure, cities)
    return figure


def add_world_inset(figure: go.Figure, cities: pd.DataFrame) -> None:
    """Europe stays the main map; the cities elsewhere appear in a small world map in a corner, in the
    colours of the main map."""
    points = [trace for trace in figure.data if trace.mode == "markers"]
    figure.add_traces([trace.update(xaxis="x2", yaxis="y2") for trace in outline_traces(WORLD_EXTENT)])
    for trace in points:
        colour = trace.marker.color
        figure.add_trace(go.Scatter(x=trace.x, y=trace.y, mode="markers", xaxis="x2", yaxis="y2", showlegend=False,
                                    hoverinfo="skip", marker={"size": 4, "color": colour, "cmin": trace.marker.cmin,
                                                              "cmax": trace.marker.cmax, "colorscale":
                                                                  trace.marker.colorscale}))
    lon_min, lon_max, lat_min, lat_max = WORLD_EXTENT
    figure.update_layout(
        xaxis={"domain": [0, 0.64]},
        xaxis2={"domain": [0.66, 1.0], "range": [lon_min, lon_max], "visible": False, "anchor": "y2",
                "constrain": "domain"},
        yaxis2={"domain": [0.55, 1.0], "range": [lat_min, lat_max], "visible": False, "anchor": "x2",
                "scaleanchor": "x2", "scaleratio": 1.2, "constrain": "domain"})
    # The colour scale moves under the world map.
    for trace in points:
        if trace.marker.colorscale:
            trace.marker.colorbar.update(x=0.68, xanchor="left", y=0.02, yanchor="bottom", len=0.45)

# The age of a city's newest Index assessment: colour and shape both (colour is never the only cue).
AGE_STYLES = {"recent": ("#0072B2", "circle"), "older": ("#E69F00", "diamond"), "old": ("#D55E00", "square"),
              "never": ("#4d4d4d", "circle-open")}


def coverage_map(coverage: pd.DataFrame, labels: dict[str, str], title: str, source: str) -> go.Figure:
    """Every city coloured by how old its newest Index assessment is (`age_class`), cities never assessed as
    open circles; on the shipped outlines, so it draws the same on screen, in an image and in a PDF."""
    extent = map_extent(coverage) if len(coverage) else EUROPE_EXTENT
    height = 560 if extent == EUROPE_EXTENT else 400  # the world is wide: no blank band above and below it
    figure = go.Figure(outline_traces(extent))
    for age, (colour, symbol) in AGE_STYLES.items():
        part = coverage[coverage["age_class"] == age]
        if part.empty:
            continue
        figure.add_trace(go.Scatter(
            x=part["lon"], y=part["lat"], text=part["name"], mode="markers", name=f"{labels[age]} ({len(part)})",
            hovertemplate="%{text}<extra></extra>",
            marker={"size": 9, "color": colour, "symbol": symbol,
                    "line": {"width": 1.5 if symbol.endswith("-open") else 0.6,
                             "color": colour if symbol.endswith("-open") else "white"}}))
    layout = base_layout(title, source, height=height)
    layout["legend"] = {"orientation": "v", "x": 0.01, "y": 0.01, "xanchor": "left", "yanchor": "bottom",
                        "bgcolor": "rgba(255,255,255,0.85)", "bordercolor": "#ccc", "borderwidth": 1}
    figure.update_layout(**layout)
    fit_to_extent(figure, extent)
    return figure
