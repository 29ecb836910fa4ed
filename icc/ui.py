"""Small Streamlit pieces several pages share (not charts: those live in icc/charts)."""

from __future__ import annotations

import streamlit as st

from icc.i18n import t


def coming_soon(page_key: str) -> None:
    st.title(t(f"nav.{page_key}"))
    st.info(t("common.coming", what=t(f"coming.{page_key}")), icon=":material/construction:")


def kpi_row(items: list[tuple[str, str, str | None]]) -> None:
    """A row of metrics: (label, value, help)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items):
        column.metric(label, value, help=help_text, border=True)
