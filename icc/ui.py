"""Small Streamlit pieces several pages share (not charts: those live in icc/charts)."""

from __future__ import annotations

import streamlit as st

from icc.i18n import t


def coming_soon(page_key: str) -> None:
    st.title(t(f"nav.{page_key}"))
    st.info(t("common.coming", what=t(f"coming.{page_key}")), icon=":material/construction:")


def table(frame, key: str, column_config: dict | None = None, meanings: dict[str, str] | None = None,
          **dataframe_options) -> None:
    """A table with its downloads under it: CSV, XLSX with a codebook sheet, and the codebook as CSV. The
    files are written only when a button is clicked (Streamlit calls the function then). `meanings`
    explains columns the catalogue cannot know (one per city or per policy area)."""
    options = {"hide_index": True, "width": "stretch", **dataframe_options}
    st.dataframe(frame, column_config=column_config or None, **options)
    table_downloads(frame, key, column_config or {}, meanings or {})


def table_downloads(frame, key: str, column_config: dict, meanings: dict[str, str]) -> None:
    from functools import partial

    from icc import export

    book = export.codebook({key: frame}, export.column_labels(column_config), meanings)
    with st.container(horizontal=True):
        st.download_button(t("common.download_csv"), partial(export.table_csv, frame), f"{key}.csv", "text/csv",
                           key=f"csv_{key}", on_click="ignore", icon=":material/download:")
        st.download_button(t("common.download_xlsx"), partial(export.to_xlsx, {key: frame}, book), f"{key}.xlsx",
                           export.XLSX_MIME, key=f"xlsx_{key}", on_click="ignore", icon=":material/download:")
        st.download_button(t("common.download_codebook"), partial(export.table_csv, book), f"{key}-codebook.csv",
                           "text/csv", key=f"codebook_{key}", on_click="ignore", icon=":material/description:")


def kpi_row(items: list[tuple[str, str, str | None]]) -> None:
    """A row of metrics: (label, value, help)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items):
        column.metric(label, value, help=help_text, border=True)


def chart(figure, key: str, context: str, file_name: str | None = None, **plotly_options) -> None:
    """A plotly chart and, under it, its PNG/SVG downloads; `context` (dataset, data years, Index versions)
    is printed in the images, under the chart's own title and source."""
    st.plotly_chart(figure, key=key, **plotly_options)
    image_downloads(figure, file_name or key.replace("_", "-"), context)


def image_downloads(figure, name: str, context: str = "") -> None:
    """PNG and SVG of a chart on request (rendering takes a few seconds), with its title, source and context."""
    from icc import export

    key = f"_images_{name}"
    with st.popover(t("export.images"), icon=":material/image:"):
        if st.button(t("export.prepare_images"), key=f"prepare_{name}"):
            with st.spinner(t("export.rendering")):
                try:
                    st.session_state[key] = export.figure_images(figure, context)
                except export.ImageExportUnavailable as error:
                    st.session_state[key] = None
                    st.warning(t("export.unavailable", error=str(error)))
        images = st.session_state.get(key)
        if images:
            st.download_button(t("export.png"), images["png"], f"{name}.png", "image/png", key=f"png_{name}", on_click="ignore")
            st.download_button(t("export.svg"), images["svg"], f"{name}.svg", "image/svg+xml", key=f"svg_{name}",
                               on_click="ignore")
