"""Two cities area by area: one row per policy area, a dot for each city, the gap written beside it. Exact
where a radar with 15 or more spokes is hard to read."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from icc.charts import SERIES_COLOURS, base_layout


def dumbbell_chart(head_to_head: pd.DataFrame, first: str, second: str, title: str, source: str,
                   axis_score: str, gap_label, colours: tuple[str, str] = (SERIES_COLOURS[0], SERIES_COLOURS[1]),
                   label_column: str = "short") -> go.Figure:
    """`head_to_head` as compare.head_to_head gives it (one row per area both have, `gap` = first - second);
    the aggregate is left out. Rows run from the first city's largest lead (top) to the second's.
    `gap_label(gap)` writes the gap ('+12 Oslo')."""
    rows = head_to_head[head_to_head["area_code"] != "aggregate"].sort_values(["gap", label_column])
    labels = rows[label_column].tolist()
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=[value for a, b in zip(rows[first], rows[second]) for value in (a, b, None)],
        y=[label for label in labels for _ in range(3)], mode="lines", line={"color": "#BBBBBB", "width": 3},
        showlegend=False, hoverinfo="skip"))
    # The first city a filled dot, the second a ring around where its dot would be: on a tie both show (the
    # second dot hid the first), and the two differ by shape, not by colour alone.
    markers = ({"color": colours[0], "size": 12, "symbol": "circle", "line": {"color": "white", "width": 1.5}},
               {"color": colours[1], "size": 18, "symbol": "circle-open", "line": {"color": colours[1], "width": 3}})
    for city, marker in ((first, markers[0]), (second, markers[1])):
        figure.add_trace(go.Scatter(
            x=rows[city], y=labels, mode="markers", name=city, marker=marker,
            hovertemplate=f"{city} · %{{y}}: %{{x:.0f}}<extra></extra>"))
    # The gaps are the tick labels of a second axis on the right: the axes' automargin gives them the room they
    # need at any width (as text inside the plot they were cut at the chart's edge on a narrow column).
    figure.add_trace(go.Scatter(
        x=rows[first], y=labels, yaxis="y2", mode="markers", marker={"opacity": 0}, showlegend=False,
        hoverinfo="skip"))
    figure.update_layout(**base_layout(title, source, height=max(240, 28 * len(rows) + 40)))
    figure.update_layout(yaxis2={"overlaying": "y", "side": "right", "matches": "y", "tickmode": "array",
                                 "tickvals": labels, "ticktext": [gap_label(gap) for gap in rows["gap"]],
                                 "tickfont": {"size": 12, "color": "#333"}, "showgrid": False,
                                 "automargin": True, "ticklabelstandoff": 6})
    figure.update_xaxes(title=axis_score, range=[-2, 104], tickvals=[0, 20, 40, 60, 80, 100], gridcolor="#eee")
    figure.update_yaxes(tickfont={"size": 12})
    return figure
