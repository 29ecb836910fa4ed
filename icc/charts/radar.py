"""Radar charts of policy areas: fixed axis order, fixed 0-100 radius, short labels, gaps for missing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from icc.charts import SERIES_COLOURS, base_layout
from icc.i18n import format as fmt

DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "5px,2px", "2px,6px")
BAND_COLOUR = "rgba(120,120,120,0.18)"
NETWORK_COLOUR = "#666666"
PEER_COLOUR = "#E69F00"
CITY_COLOUR = "#0072B2"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    colour: str
    dash: str = "solid"
    width: float = 2.5
    markers: bool = True


def closed(values: list) -> list:
    """Repeat the first point so the outline closes; a missing value stays a gap (None)."""
    cleaned = [None if fmt.is_missing(value) else float(value) for value in values]
    return cleaned + cleaned[:1]


def polar_layout(font_size: int) -> dict:
    return {
        "radialaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100], "tickfont": {"size": 10},
                       "gridcolor": "#ddd", "angle": 90, "tickangle": 90},
        "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": font_size},
                        "gridcolor": "#e5e5e5"},
        "bgcolor": "white",
        # The top axis label stands above the circle: room for it under the legend.
        "domain": {"y": [0, 0.9]},
    }


def radar_chart(labels: list[str], full_names: list[str], series: list[Series], title: str, source: str,
                band: tuple[list[float], list[float]] | None = None, band_name: str = "",
                height: int = 520) -> go.Figure:
    """One polar chart: optional interquartile band, then each series as a closed outline."""
    theta = labels + labels[:1]
    hover_names = full_names + full_names[:1]
    figure = go.Figure()
    if band is not None:
        low, high = band
        if not any(fmt.is_missing(v) for v in [*low, *high]):
            figure.add_trace(go.Scatterpolar(
                r=closed(high) + closed(low)[::-1], theta=theta + theta[::-1], fill="toself", fillcolor=BAND_COLOUR,
                line={"width": 0}, name=band_name, hoverinfo="skip", mode="lines",
            ))
    for item in series:
        figure.add_trace(go.Scatterpolar(
            r=closed(item.values), theta=theta, name=item.name, mode="lines+markers" if item.markers else "lines",
            line={"color": item.colour, "dash": item.dash, "width": item.width}, connectgaps=False,
            marker={"size": 6}, customdata=hover_names,
            hovertemplate=f"<b>{item.name}</b><br>%{{customdata}}: %{{r:.0f}}<extra></extra>",
        ))
    # The top axis label sits above the polar area: leave room between it and the legend.
    layout = base_layout(title, source, height=height, legend_rows=3)
    layout["margin"].update({"l": 84, "r": 84})  # the longest side labels ("Competence") on a phone
    figure.update_layout(**layout, polar=polar_layout(12 if len(labels) <= 12 else 11))
    return figure


def comparison_radar(comparison: pd.DataFrame, city_name: str, labels: dict[str, str], title: str,
                     source: str) -> go.Figure:
    """The city against the network median (with its interquartile band) and the peer median."""
    areas = comparison[~comparison["is_aggregate"]]
    series = []
    if areas["network_median"].notna().any():
        series.append(Series(labels["network"], areas["network_median"].tolist(), NETWORK_COLOUR, "dash", 1.8, False))
    if areas["peer_median"].notna().any():
        series.append(Series(labels["peers"], areas["peer_median"].tolist(), PEER_COLOUR, "dot", 2.2, False))
    series.append(Series(city_name, areas["score"].tolist(), CITY_COLOUR, "solid", 3))
    band = None
    if areas["network_q1"].notna().all():
        band = (areas["network_q1"].tolist(), areas["network_q3"].tolist())
    return radar_chart(areas["short"].tolist(), areas["name"].tolist(), series, title, source, band,
                       labels["band"])


def cities_radar(wide: pd.DataFrame, title: str, source: str) -> go.Figure:
    """Up to eight cities overlaid: distinct colour-blind-safe colours and dash patterns.
    `wide` has one row per area (columns short, name) and one column per city (by display name)."""
    cities = [column for column in wide.columns if column not in ("area_code", "harmonised_code", "short", "name")]
    series = [Series(city, wide[city].tolist(), SERIES_COLOURS[i % len(SERIES_COLOURS)], DASHES[i % len(DASHES)])
              for i, city in enumerate(cities)]
    return radar_chart(wide["short"].tolist(), wide["name"].tolist(), series, title, source)


def small_multiples(wide: pd.DataFrame, title: str, source: str, columns: int = 2) -> go.Figure:
    """One small radar per city, same axes and scale, for comparing shapes without overlap."""
    cities = [column for column in wide.columns if column not in ("area_code", "harmonised_code", "short", "name")]
    # As many columns as cities up to `columns`, and wide gaps: one circle's right-hand labels ("Serv. publics")
    # stood on the next circle's left-hand ones ("Compétence").
    columns = max(1, min(columns, len(cities)))
    rows = (len(cities) + columns - 1) // columns
    figure = make_subplots(rows=rows, cols=columns, specs=[[{"type": "polar"}] * columns] * rows,
                           subplot_titles=cities, horizontal_spacing=0.24, vertical_spacing=0.14)
    theta = wide["short"].tolist()
    for i, city in enumerate(cities):
        figure.add_trace(go.Scatterpolar(
            r=closed(wide[city].tolist()), theta=theta + theta[:1], name=city, connectgaps=False,
            # A shape is filled only when it is whole: across a missing area the fill drew a score that is not
            # there (gaps are not zeros); with gaps, the scored areas are dots on the broken outline.
            fill="toself" if wide[city].notna().all() else "none", mode="lines+markers",
            marker={"size": 5, "color": SERIES_COLOURS[i % len(SERIES_COLOURS)]},
            line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "width": 2}, showlegend=False,
            customdata=wide["name"].tolist() + wide["name"].tolist()[:1],
            hovertemplate=f"<b>{city}</b><br>%{{customdata}}: %{{r:.0f}}<extra></extra>",
        ), row=i // columns + 1, col=i % columns + 1)
    layout = base_layout(title, source, height=340 * rows, legend_rows=0)
    # The outer subplots' axis labels stand outside their circles; the city names above them.
    layout["margin"].update({"l": 80, "r": 80, "t": layout["margin"]["t"] + 36})
    figure.update_layout(**{k: v for k, v in layout.items() if k != "annotations"})
    figure.update_polars(**{key: value for key, value in polar_layout(10).items() if key != "domain"})
    # The city names stand above each circle's top axis label, not on it.
    figure.update_annotations(yshift=28)
    figure.update_layout(annotations=list(figure.layout.annotations) + layout["annotations"])
    return figure
