"""Line and area charts over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from icc.charts import SCOPE_COLOURS, base_layout, city_colours


def growth_chart(growth: pd.DataFrame, labels: dict[str, str], title: str, source: str,
                 axis_year: str, axis_cities: str) -> go.Figure:
    """Cumulative cities by joined year, stacked: international programme and national networks."""
    figure = go.Figure()
    for scope in ("international", "national"):
        figure.add_trace(go.Scatter(
            x=growth["year"], y=growth[scope], name=labels[scope], mode="lines", stackgroup="growth",
            line={"color": SCOPE_COLOURS[scope], "width": 2},
            hovertemplate=f"{labels[scope]}: %{{y}}<extra>%{{x}}</extra>",
        ))
    figure.update_layout(**base_layout(title, source), hovermode="x unified")
    figure.update_xaxes(title=axis_year, dtick=2, showgrid=False)
    figure.update_yaxes(title=axis_cities, rangemode="tozero", gridcolor="#eee")
    return figure


VERSION_COLOURS = {"2009": "#56B4E9", "2019": "#0072B2", "harmonised": "#009E73"}


def network_trend_chart(parts: list[tuple[str, pd.DataFrame]], labels: dict[str, str], title: str, source: str,
                        axis_score: str, revision_year: int, revision_label: str) -> go.Figure:
    """Median per year with the interquartile band, one line per Index version (or one harmonised line);
    a vertical rule marks the revision. Blank medians (thin years) leave gaps."""
    figure = go.Figure()
    for key, part in parts:
        colour = VERSION_COLOURS.get(key, "#0072B2")
        figure.add_trace(go.Scatter(
            x=list(part["year"]) + list(part["year"][::-1]), y=list(part["q3"]) + list(part["q1"][::-1]),
            fill="toself", fillcolor="rgba(0,114,178,0.12)" if key != "2009" else "rgba(86,180,233,0.15)",
            line={"width": 0}, hoverinfo="skip", showlegend=False, name=f"{labels[key]} IQR", mode="lines",
        ))
        figure.add_trace(go.Scatter(
            x=part["year"], y=part["median"], name=labels[key], mode="lines+markers", connectgaps=False,
            line={"color": colour, "width": 3}, customdata=part["cities"],
            hovertemplate="%{x}: %{y:.0f} (n = %{customdata})<extra>" + labels[key] + "</extra>",
        ))
    figure.update_layout(**base_layout(title, source))
    figure.add_vline(x=revision_year - 0.5, line_dash="dot", line_color="#555")
    figure.add_annotation(x=revision_year - 0.5, y=98, text=revision_label, showarrow=False, xanchor="left",
                          yanchor="top", xshift=4, font={"size": 12, "color": "#555"})
    figure.update_xaxes(dtick=1, showgrid=False)
    figure.update_yaxes(title=axis_score, range=[0, 100], gridcolor="#eee")
    return figure


def trajectory_chart(scores: pd.DataFrame, harmonised: bool, title: str, source: str, axis_score: str,
                     colours: dict[str, str]) -> go.Figure:
    """Each city's score per assessment, in its colour of the view (`colours`: city id -> colour, see
    city_colours; the cities in that order); the line breaks at the Index revision unless harmonised."""
    figure = go.Figure()
    order = {city_id: position for position, city_id in enumerate(colours)}
    groups = sorted(scores.groupby("city_id", sort=False), key=lambda group: order.get(group[0], len(order)))
    fallback = city_colours([*colours, *(city_id for city_id, _ in groups)])  # cities not in `colours` follow
    for city_id, city in groups:
        city = city.sort_values("assessed_on")
        x, y = [], []
        previous_version = None
        for row in city.itertuples():
            if previous_version is not None and row.version_id != previous_version and not harmonised:
                x.append(None)
                y.append(None)
            x.append(row.assessed_on)
            y.append(row.score)
            previous_version = row.version_id
        figure.add_trace(go.Scatter(x=x, y=y, name=city["city_name"].iloc[0], mode="lines+markers",
                                    connectgaps=False, line={"color": colours.get(city_id) or fallback[city_id], "width": 2.5},
                                    hovertemplate="%{x|%Y-%m}: %{y:.0f}<extra>%{fullData.name}</extra>"))
    figure.update_layout(**base_layout(title, source))
    # Years only: month names would be English whatever the interface language (plotly's own locale).
    figure.update_xaxes(tickformat="%Y", dtick="M12", ticklabelmode="period", showgrid=False)
    figure.update_yaxes(title=axis_score, range=[0, 100], gridcolor="#eee")
    return figure


def activity_chart(joins: pd.DataFrame, assessed: pd.DataFrame, labels: dict[str, str], title: str,
                   source: str, axis_cities: str) -> go.Figure:
    """Cities joining per year (bars) and cities assessed per year (line): the network and its Index sample."""
    figure = go.Figure()
    figure.add_trace(go.Bar(x=joins["year"], y=joins["joined"], name=labels["joined"], marker_color="#E69F00"))
    per_year = assessed.groupby("year")["cities"].sum().reset_index()
    figure.add_trace(go.Scatter(x=per_year["year"], y=per_year["cities"], name=labels["assessed"],
                                mode="lines+markers", line={"color": "#0072B2", "width": 2.5}))
    figure.update_layout(**base_layout(title, source))
    figure.update_xaxes(dtick=2, showgrid=False)
    figure.update_yaxes(title=axis_cities, rangemode="tozero", gridcolor="#eee")
    return figure
