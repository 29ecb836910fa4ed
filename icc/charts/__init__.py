"""Chart builders: DataFrame in, plotly figure or pydeck Deck out. They never query."""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

# Okabe-Ito hues, told apart by lightness too: Okabe-Ito's green (#009E73) and the grey of "status unknown" have
# the same lightness and became one olive-grey under deuteranopia and protanopia; "both" is a darker green.
MEMBERSHIP_COLOURS = {
    "member": "#0072B2",
    "both": "#00664A",
    "associated": "#E69F00",
    "unknown": "#8C8C8C",
    "former": "#000000",  # left the programme (a membership round's left year)
}
SCOPE_COLOURS = {"international": "#0072B2", "national": "#E69F00"}
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "Source Sans, sans-serif"
SOURCE_MARGIN = 84  # px under the plot: axis title, then the source line
SOURCE_NAME = "source"  # the source line's annotation: image exports set it under the chart instead


def city_colours(city_ids) -> dict[str, str]:
    """One colour per city for every chart and slide of a view, by the city's place in the view (host first,
    then the visitor; the cities in the order they were chosen): a city never changes colour between charts."""
    return {city_id: SERIES_COLOURS[index % len(SERIES_COLOURS)] for index, city_id in enumerate(dict.fromkeys(city_ids))}


def hex_to_rgba(colour: str, alpha: int = 220) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def wrap(text: str, width: int = 48) -> str:
    """Plotly does not wrap titles: break long ones into lines."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def base_layout(title: str, source: str, height: int = 380, legend_rows: int = 1,
                bottom: int = SOURCE_MARGIN) -> dict:
    """Common layout: a wrapped title, the legend under it, the source line under the plot."""
    title_text = wrap(title)
    title_lines = title_text.count("<br>") + 1
    top = 24 + 22 * title_lines + 24 * legend_rows
    return {
        "title": {"text": title_text, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container",
                  "pad": {"t": 16, "l": 12}, "font": {"size": 16}},
        "height": height + top,
        "margin": {"l": 10, "r": 10, "t": top, "b": bottom},
        "font": {"family": FONT, "size": 13},
        # Axes take the room their tick labels and titles need (a fixed margin cut "80" to "0").
        # and stand off the axes, so the first year never sits on the "0" of the other axis.
        "xaxis": {"automargin": True, "ticklabelstandoff": 6},
        "yaxis": {"automargin": True, "ticklabelstandoff": 6},
        "annotations": [
            {"text": wrap(source, 110), "xref": "paper", "yref": "paper", "x": 0,
             "y": -(bottom - 4) / height, "showarrow": False, "name": SOURCE_NAME,
             "xanchor": "left", "yanchor": "bottom", "font": {"size": 11, "color": "#666"}}
        ],
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left",
                   "traceorder": "normal"},
        "plot_bgcolor": "white",
    }


def sources_of(figure) -> list[str]:
    """The chart's source line(s), as plain text."""
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", note.text)).strip()
            for note in figure.layout.annotations if note.name == SOURCE_NAME and note.text]


def without_source(figure) -> tuple[go.Figure, list[str]]:
    """(a copy of the chart without its source line and the room kept for it, the source texts as plain
    lines). Inside a figure the source sits at a fixed fraction of the height the chart was built with; where
    the axes take more room (long tick labels, a narrow screen) the axis title ran into it, and a long source
    was cut at the right edge. Screens, slides and images set it under the chart instead."""
    chart = go.Figure(figure)
    notes = list(chart.layout.annotations)
    sources = sources_of(chart)
    bottom = chart.layout.margin.b if chart.layout.margin.b is not None else 80
    # The axes' automargin takes what tick labels and axis titles need; a polar chart's bottom label stands
    # outside its circle and needs room of its own.
    kept_bottom = 48 if any(key.startswith("polar") for key in chart.layout.to_plotly_json()) else 16
    chart.layout.annotations = [note for note in notes if note.name != SOURCE_NAME]
    chart.update_layout(margin_b=kept_bottom, height=(chart.layout.height or 450) - max(0, bottom - kept_bottom))
    return chart, sources


LEGEND_ROW_PX = 24
LEGEND_SYMBOL_PX = 46  # the symbol, its gap and the space before the next entry
LEGEND_CHAR_PX = 7.2  # 13 px text, wide letters counted generously


def legend_rows(figure, width: int) -> int:
    """How many rows a horizontal legend of `figure` takes on a chart `width` px wide (0 without a legend)."""
    if figure.layout.showlegend is False:
        return 0
    names = [trace.name for trace in figure.data if trace.name and trace.showlegend is not False]
    if not names or (len(figure.data) == 1 and figure.layout.showlegend is not True):
        return 0
    rows, used = 1, 0.0
    for name in names:
        entry = LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * len(re.sub(r"<[^>]+>", "", name))
        if used and used + entry > width - 20:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def fit_legend(figure: go.Figure, width: int) -> go.Figure:
    """The room above the plot made to fit the title and as many legend rows as `width` needs: a legend that
    wrapped to a second row was drawn over the title's last line, and room kept for rows a legend does not
    need is blank."""
    title = figure.layout.title.text or ""
    rows = legend_rows(figure, width)
    # Without a legend the builder's own room stands (small multiples keep theirs for the cities' names).
    if figure.layout.legend.orientation != "h" or not title or figure.layout.margin.t is None or not rows:
        return figure
    top = 24 + 22 * (title.count("<br>") + 1) + LEGEND_ROW_PX * rows
    figure.update_layout(margin_t=top, height=(figure.layout.height or 450) + top - figure.layout.margin.t)
    return figure
