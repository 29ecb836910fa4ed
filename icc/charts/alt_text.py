"""A text alternative for a chart, made from the figure's own data: its title, then per series what a sighted
reader takes from it (the highest and lowest bar, the start and end of a line, a radar's strongest and weakest
area), in the session's language. Screen readers announce it as the chart's name (st.plotly_chart(alt=...))."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from icc.i18n import format as fmt, t

MAX_SERIES = 8


def plain(text: object) -> str:
    """Chart text without its markup: '<br>' as a space, no tags."""
    return re.sub(r"<[^>]+>", "", str(text or "").replace("<br>", " ")).strip()


def number(value) -> str:
    return fmt.number(value, 0 if float(value).is_integer() else 1)


def listed(values) -> list:
    """A trace's values as a list (plotly hands tuples, lists or numpy arrays; None when absent)."""
    return [] if values is None else list(values)


def as_number(value) -> float | None:
    try:
        number_value = float(value)
    except (TypeError, ValueError):
        return None
    return None if fmt.is_missing(number_value) else number_value


def pairs(labels, values) -> list[tuple[str, float]]:
    """(label, value) where the value is a number (gaps and text left out)."""
    found = [(plain(label), as_number(value)) for label, value in zip(listed(labels), listed(values))]
    return [(label, value) for label, value in found if value is not None]


def is_numeric(values) -> bool:
    present = [value for value in listed(values) if value is not None]
    return bool(present) and all(as_number(value) is not None for value in present)


def series_sentence(trace) -> str | None:
    name = plain(getattr(trace, "name", "") or "")
    kind = trace.type
    text = described(trace, kind)
    return t("alt.series", name=name, text=text) if text and name else text


def described(trace, kind: str) -> str | None:
    prefix = ""
    if kind == "bar":
        horizontal = trace.orientation == "h"
        found = pairs(trace.y if horizontal else trace.x, trace.x if horizontal else trace.y)
        if not found:
            return None
        if len(found) == 1:
            return prefix + t("alt.one", label=found[0][0], value=number(found[0][1]))
        high, low = max(found, key=lambda p: p[1]), min(found, key=lambda p: p[1])
        return prefix + t("alt.bars", count=len(found), high=high[0], high_value=number(high[1]), low=low[0],
                          low_value=number(low[1]))
    if kind == "scatterpolar":
        found = pairs(trace.theta, trace.r)
        if not found:
            return None
        high, low = max(found, key=lambda p: p[1]), min(found, key=lambda p: p[1])
        return prefix + t("alt.radar", high=high[0], high_value=number(high[1]), low=low[0], low_value=number(low[1]))
    if kind == "heatmap":
        values = [value for row in listed(trace.z) for value in map(as_number, listed(row)) if value is not None]
        if not values:
            return None
        return prefix + t("alt.heatmap", rows=len(listed(trace.y)), columns=len(listed(trace.x)), low=number(min(values)),
                          high=number(max(values)))
    if kind == "scatter" and trace.x is not None and trace.y is not None:
        if not is_numeric(trace.y) and is_numeric(trace.x):  # a dot plot: categories down the side
            found = pairs(trace.y, trace.x)
            if not found:
                return None
            high, low = max(found, key=lambda p: p[1]), min(found, key=lambda p: p[1])
            return prefix + t("alt.dots", count=len(found), high=high[0], high_value=number(high[1]), low=low[0],
                              low_value=number(low[1]))
        found = pairs(trace.x, trace.y)
        if not found:
            return None
        if "lines" in (trace.mode or "lines") and len(found) > 1:
            (start, first), (end, last) = found[0], found[-1]
            return prefix + t("alt.line", start=start, first=number(first), end=end, last=number(last))
        return prefix + t("alt.points", count=len(found))
    return None


def figure_alt(figure: go.Figure) -> str:
    """'Cities per country. International member: highest Italy (30), lowest Norway (1). ...'"""
    sentences = [plain(figure.layout.title.text) or t("alt.chart")]
    described = [sentence for sentence in (series_sentence(trace) for trace in figure.data
                                           if trace.showlegend is not False or len(figure.data) == 1)
                 if sentence]
    sentences += described[:MAX_SERIES]
    if len(described) > MAX_SERIES:
        sentences.append(t("alt.more_series", count=len(described) - MAX_SERIES))
    return ". ".join(sentence.rstrip(".") for sentence in sentences) + "."


def map_alt(cities) -> str:
    """'Map of 166 cities in 38 countries: 56 International member, 97 Associated ...'."""
    classes = cities["membership_class"].value_counts() if "membership_class" in cities else {}
    legend = ", ".join(f"{int(count)} {t(f'membership.{name}')}" for name, count in classes.items())
    return t("alt.map", count=len(cities), countries=cities["country_iso2"].nunique() if len(cities) else 0,
             legend=t("alt.map_legend", classes=legend) if legend else "")
