"""Bar charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from icc.charts import MEMBERSHIP_COLOURS, base_layout

CLASS_ORDER = ("member", "both", "associated", "unknown", "former")


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


def distribution_chart(scores: pd.DataFrame, title: str, source: str, axis_score: str,
                       highlight: list[str] | None = None) -> go.Figure:
    """Box plot with every city as a point (names on hover), on the fixed 0-100 scale."""
    # Every city as a point up to a few thousand; beyond that only the outliers (the page stays light).
    points = "all" if len(scores) <= 3_000 else "outliers"
    figure = go.Figure(go.Box(
        x=scores["score"], text=scores["city_name"], boxpoints=points, jitter=0.5, pointpos=0, orientation="h",
        marker={"color": "#0072B2", "size": 7, "opacity": 0.7}, line={"color": "#555"}, fillcolor="rgba(0,0,0,0)",
        hovertemplate="%{text}: %{x:.0f}<extra></extra>", name="",
    ))
    figure.update_layout(**base_layout(title, source, height=220, legend_rows=0), showlegend=False)
    figure.update_xaxes(title=axis_score, range=[0, 100], gridcolor="#eee")
    figure.update_yaxes(showticklabels=False)
    return figure


def heatmap_chart(matrix: pd.DataFrame, area_labels: dict[str, str], title: str, source: str,
                  zmin: float = 0, zmax: float = 100, colourscale: str = "Viridis", text_format: str = ".0f",
                  colour_title: str = "") -> go.Figure:
    """A cities x areas (or areas x areas) heatmap; missing cells stay blank, never zero."""
    figure = go.Figure(go.Heatmap(
        z=matrix.to_numpy(dtype=float), x=[area_labels.get(c, c) for c in matrix.columns],
        y=[area_labels.get(i, i) for i in matrix.index], zmin=zmin, zmax=zmax, colorscale=colourscale,
        hoverongaps=False, texttemplate="%{z:" + text_format + "}", textfont={"size": 10},
        colorbar={"title": {"text": colour_title, "side": "right"}, "thickness": 12},
    ))
    height = max(300, 22 * len(matrix) + 80)
    # Room under the plot for the slanted area labels, then the source line.
    figure.update_layout(**base_layout(title, source, height=height, legend_rows=0, bottom=150))
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})
    figure.update_xaxes(tickangle=-40, tickfont={"size": 11})
    return figure


def network_glance_chart(glance: pd.DataFrame, area_labels: dict[str, str], title: str, source: str,
                         axis_score: str, names: dict[str, str], count_label) -> go.Figure:
    """One row per policy area, best median at the top: the whole range as a thin line, the interquartile
    range as a thick bar, the median as a dot, and 'n cities' at the right. Areas without scores are left
    out (the page's table lists them)."""
    shown = glance[glance["cities"] > 0].iloc[::-1]  # plotly draws the first category at the bottom
    labels = [area_labels.get(code, code) for code in shown["area_code"]]
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=[value for low, high in zip(shown["low"], shown["high"]) for value in (low, high, None)],
        y=[label for label in labels for _ in range(3)], mode="lines", line={"color": "#BBBBBB", "width": 2},
        name=names["range"], hoverinfo="skip"))
    figure.add_trace(go.Scatter(
        x=[value for q1, q3 in zip(shown["q1"], shown["q3"]) for value in (q1, q3, None)],
        y=[label for label in labels for _ in range(3)], mode="lines", line={"color": "#56B4E9", "width": 10},
        name=names["iqr"], hoverinfo="skip"))
    figure.add_trace(go.Scatter(
        x=shown["median"], y=labels, mode="markers", marker={"color": "#0072B2", "size": 11,
                                                            "line": {"color": "white", "width": 1.5}},
        name=names["median"], customdata=shown[["cities", "q1", "q3", "low", "high"]].to_numpy(),
        hovertemplate="%{y}: %{x:.0f} (" + names["hover"] + ")<extra></extra>"))
    figure.add_trace(go.Scatter(
        x=[104] * len(shown), y=labels, mode="text", text=[count_label(int(n)) for n in shown["cities"]],
        textposition="middle right", textfont={"size": 11, "color": "#555"}, showlegend=False, hoverinfo="skip"))
    figure.update_layout(**base_layout(title, source, height=max(260, 30 * len(shown) + 40)))
    figure.update_xaxes(title=axis_score, range=[0, 125], tickvals=[0, 20, 40, 60, 80, 100], gridcolor="#eee")
    figure.update_yaxes(tickfont={"size": 12})
    return figure


def two_scores_chart(scores: dict[str, float], colours: dict[str, str], title: str, source: str,
                     axis_score: str) -> go.Figure:
    """Cities' aggregate scores as horizontal bars on the fixed 0-100 scale, each in its colour of the view and
    labelled with its score (a head-to-head with no shared policy area still has a picture)."""
    names = list(scores)[::-1]  # plotly draws the first category at the bottom
    figure = go.Figure(go.Bar(
        y=names, x=[scores[name] for name in names], orientation="h", marker_color=[colours[name] for name in names],
        text=[f"{scores[name]:.0f}" for name in names], textposition="outside", textfont={"size": 16},
        hovertemplate="%{y}: %{x:.0f}<extra></extra>", name=""))
    figure.update_layout(**base_layout(title, source, height=60 * len(names) + 80, legend_rows=0), showlegend=False)
    figure.update_xaxes(title=axis_score, range=[0, 105], tickvals=[0, 20, 40, 60, 80, 100], gridcolor="#eee")
    figure.update_yaxes(tickfont={"size": 16})
    return figure
