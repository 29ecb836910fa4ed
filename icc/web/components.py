"""Small Streamlit pieces several pages share (not charts: those live in icc/charts)."""

from __future__ import annotations

import contextvars
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from icc.charts import SOURCE_NAME, alt_text, fit_legend, without_source
from icc.i18n import city_names, format as fmt, t
from icc.outputs import browser, chart_images, tables
from icc.outputs.citation import citation
from icc.web import links


def table(frame, key: str, column_config: dict | None = None, meanings: dict[str, str] | None = None,
          **dataframe_options) -> None:
    """A table with its downloads under it: CSV, XLSX with a codebook sheet, and the codebook as CSV. The
    files are written only when a button is clicked (Streamlit calls the function then). `meanings`
    explains columns the catalogue cannot know (one per city or per policy area)."""
    options = {"hide_index": True, "width": "stretch", **dataframe_options}
    shown, shown_config = with_missing_marked(frame, column_config or {})
    st.dataframe(shown, column_config=shown_config or None, **options)
    table_downloads(frame, key, column_config or {}, meanings or {})


def with_missing_marked(frame, column_config: dict):
    """The table as it is shown: the grid writes an empty cell as 'None', so every missing value becomes the
    one missing mark instead; a numeric column with gaps is shown as text in its own number format (the
    downloads keep the numbers and the empty cells)."""
    shown, config = frame.copy(), dict(column_config)
    for column in frame.columns:
        values = frame[column]
        if values.dtype == bool or not values.map(fmt.is_missing).any():
            continue
        setting = config.get(column)
        label = setting.get("label") if isinstance(setting, dict) else setting
        if pd.api.types.is_numeric_dtype(values):
            pattern = (setting.get("type_config") or {}).get("format") if isinstance(setting, dict) else None
            shown[column] = [t("common.missing") if fmt.is_missing(value) else
                             (pattern % value if pattern and "%" in pattern else fmt.number(value, 0 if float(value).is_integer() else 1))
                             for value in values]
            config[column] = st.column_config.TextColumn(label or column)
        else:
            shown[column] = [t("common.missing") if fmt.is_missing(value) else value for value in values]
    return shown, config


def in_this_view(function, *args):
    """`function(*args)` for a download made on click: Streamlit calls it later, on a server thread where the
    view's language and dataset (context variables) are unset, so it runs in a copy of the view's context (a
    demo table's CSV made outside it said nothing of being fictional)."""
    view = contextvars.copy_context()
    return lambda: view.copy().run(function, *args)


def table_downloads(frame, key: str, column_config: dict, meanings: dict[str, str]) -> None:
    book = tables.codebook({key: frame}, tables.column_labels(column_config), meanings)
    with st.container(horizontal=True):
        cite_button(t("cite.table", table=key.replace("-", " ").replace("_", " ")), "", f"cite_table_{key}")
        st.download_button(t("common.download_csv"), in_this_view(tables.table_csv, frame), f"{key}.csv",
                           "text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/download:")
        st.download_button(t("common.download_xlsx"), in_this_view(tables.to_xlsx, {key: frame}, book),
                           f"{key}.xlsx", tables.XLSX_MIME, key=f"xlsx_{key}", on_click="ignore",
                           icon=":material/download:")
        st.download_button(t("common.download_codebook"), in_this_view(tables.table_csv, book),
                           f"{key}-codebook.csv", "text/csv", key=f"codebook_{key}", on_click="ignore",
                           icon=":material/description:")


def kpi_row(items: list[tuple[str, str, str | None]]) -> None:
    """A row of metrics: (label, value, help)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items):
        column.metric(label, value, help=help_text, border=True)


# The gallery (icc/web/gallery.py) runs the pages and collects here every chart they draw, with its context.
CHART_RECORDER: list | None = None


def chart(figure, key: str, context: str, file_name: str | None = None, **plotly_options) -> None:
    """A plotly chart and, under it, its PNG/SVG downloads; `context` (dataset, data years, Index versions)
    is printed in the images, under the chart's own title and source."""
    if CHART_RECORDER is not None:
        CHART_RECORDER.append((figure, file_name or key.replace("_", "-"), context))
    plotly_chart(figure, key, **plotly_options)
    image_downloads(figure, file_name or key.replace("_", "-"), context)


# Chart text in ink that reads on white (Streamlit's theme draws ticks and axis titles at 3.7:1).
INK = "#333333"
# A legend is given the rows it needs on a phone's chart (a few wasted pixels on a wide screen, never a legend
# drawn over the title).
PHONE_CHART_PX = 350
# No modebar: it cost 8 Tab stops per chart and sat over titles on phones; the downloads under each chart
# and the table of its data are what it offered.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}


def plotly_chart(figure, key: str, **plotly_options) -> None:
    """A plotly chart as every page draws it: named for screen readers from its own data (alt_text), its text
    in readable ink, no modebar."""
    # The figure may be shared (cached views): style a copy. Its source line is set under it as a caption,
    # where it wraps at any width and no axis title runs into it.
    shown, sources = without_source(figure)
    fit_legend(shown, PHONE_CHART_PX)
    shown.update_layout(font_color=INK, legend_font_color=INK, title_font_color=INK)
    shown.update_xaxes(tickfont_color=INK, title_font_color=INK)
    shown.update_yaxes(tickfont_color=INK, title_font_color=INK)
    shown.update_polars(radialaxis_tickfont_color=INK, angularaxis_tickfont_color=INK)
    config = {**PLOTLY_CONFIG, **plotly_options.pop("config", {}), "displayModeBar": False}
    st.plotly_chart(shown, key=key, alt=alt_text.figure_alt(figure), config=config, **plotly_options)
    for source in sources:
        st.caption(source)


def prepared_key(name: str) -> str:
    """The session key of a file prepared on request (images, factsheet, pack): it names the view that made
    it (the page's query string, language and dataset included), so a file made for one city is never offered
    under another after the view changes."""
    return f"_prepared_{name}?{urlencode(sorted(st.query_params.to_dict().items()))}"


def image_downloads(figure, name: str, context: str = "") -> None:
    """PNG and SVG of the chart, one click each: the image is rendered when the button is clicked (Streamlit
    calls the function then), with the chart's title, and under it its source and `context` line."""
    title = figure.layout.title.text or name
    sources = [note.text for note in figure.layout.annotations if note.name == SOURCE_NAME]
    with st.container(horizontal=True):
        cite_button(title, sources[0] if sources else "", f"cite_chart_{name}", context)
        if not browser.available():
            st.caption(t("export.unavailable", error=browser.CHROMIUM_MISSING))
            return
        for kind, mime, label in (("png", "image/png", "export.png"), ("svg", "image/svg+xml", "export.svg")):
            st.download_button(t(label), in_this_view(rendered_image, figure, context, kind), f"{name}.{kind}", mime,
                               key=f"{kind}_{name}", on_click="ignore", icon=":material/image:")


def cite_button(title: str, source: str, key: str, context: str = "") -> None:
    """'Cite': the citation of a chart or table, ready to copy (title, source, dataset and build date, link)."""
    with st.popover(t("cite.button"), icon=":material/format_quote:", key=key):
        st.code(citation(title, source, context or links.citation_context(), links.view_link(
            st.query_params.to_dict())), language=None, wrap_lines=True)


def rendered_image(figure, context: str, kind: str) -> bytes:
    return chart_images.figure_images(figure, context)[kind]


def resolve_cities(session, requested: list[str], options: dict[str, str]) -> list[str]:
    """The city ids a link asks for: ids as they are, names or ids in another case or without accents
    resolved; each unknown one is said on the page with the nearest names (never dropped silently)."""
    found = []
    for text in requested:
        if text in options:
            found.append(text)
            continue
        city_id, nearest = city_names.find_city(session.query("cities"), text)
        if city_id:
            found.append(city_id)
        else:
            hint = t("city.unknown_nearest", names=", ".join(nearest)) if nearest else ""
            st.warning(t("city.unknown", city=text) + (" " + hint if hint else ""), icon=":material/help:")
    return found


def data_table(frame: pd.DataFrame, key: str, column_config: dict | None = None,
               meanings: dict[str, str] | None = None) -> None:
    """Every chart's 'data behind this chart': an expander with the table and its downloads."""
    with st.expander(t("common.data_behind")):
        table(frame, key, column_config, meanings=meanings)
