"""Chart builders: DataFrame in, plotly figure or pydeck Deck out. They never query."""

from __future__ import annotations

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
MEMBERSHIP_COLOURS = {
    "member": "#0072B2",
    "both": "#009E73",
    "associated": "#E69F00",
    "unknown": "#8C8C8C",
}
SCOPE_COLOURS = {"international": "#0072B2", "national": "#E69F00"}
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "Source Sans, sans-serif"


def hex_to_rgba(colour: str, alpha: int = 220) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def base_layout(title: str, source: str, height: int = 380) -> dict:
    """Common layout: a title, the source line under the plot, readable type."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 60},
        "font": {"family": FONT, "size": 13},
        "annotations": [
            {"text": source, "xref": "paper", "yref": "paper", "x": 0, "y": -0.2, "showarrow": False,
             "xanchor": "left", "yanchor": "top", "font": {"size": 11, "color": "#666"}}
        ],
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        "plot_bgcolor": "white",
    }
