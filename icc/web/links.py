"""Widgets whose state lives in the URL: initialised from the decoded page state, written back with
`sync_url` so that a copied link reopens the same view."""

from __future__ import annotations

import streamlit as st

from icc.web import url_state
from icc.web.shell import shared_params, show_view_link


def init(key: str, value) -> str:
    """Seed a keyed widget from the URL the first time the page shows it."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def sync_url(page_state) -> None:
    """Make the query string say exactly the shared parameters plus this page's state."""
    wanted = {**shared_params(), **url_state.encode(page_state)}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    show_view_link(wanted)


def page_state(state_class):
    return url_state.decode(state_class, st.query_params.to_dict())
