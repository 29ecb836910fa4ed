"""Bar charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from icc.charts import MEMBERSHIP_COLOURS, base_layout

CLASS_ORDER = ("member", "both", "associated", "unknown")


def cities_per_country_chart(counts: pd.DataFrame, country_column: str, class_labels: dict[str, str],
                             title: str, source: str, axis_cities: str, top: int = 20) -> go.Figure:
    """Horizontal stacked bars: cities per country by membership class, largest first."""
    totals = counts.groupby(country_column)["cities"].sum().sort_values(ascending=False).head(top)
    order = list(totals.index[::-1])  # plotly draws the first category at the bottom
    figure = go.Figure()
    for membership_class in CLASS_ORDER:
        part = counts[counts["membership_class"] == membership_class].set_index(country_column)["cities"]
        part = part.reindex(order).fillna(0)
        figure.add_trace(go.Bar(
            y=order, x=part.values, name=class_labels[membership_class], orientation="h",
            marker_color=MEMBERSHIP_COLOURS[membership_class],
            hovertemplate=f"%{{y}}: %{{x}} ({class_labels[membership_class]})<extra></extra>",
        ))
    figure.update_layout(**base_layout(title, source, height=max(260, 22 * len(order) + 60), legend_rows=2),
                         barmode="stack")
    figure.update_xaxes(title=axis_cities, gridcolor="#eee")
    return figure
