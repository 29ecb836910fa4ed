"""Line and area charts over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from icc.charts import SCOPE_COLOURS, base_layout


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
