"""Chart builders: DataFrame in, plotly figure or pydeck Deck out. They never query."""

from __future__ import annotations

import textwrap

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
