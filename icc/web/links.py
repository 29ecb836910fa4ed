"""Links and the address bar: every page's state lives in the URL. Widgets are seeded from the decoded
state (`init`), the URL is rewritten from it (`sync_url`), and links to other pages are built from the target
page's state (`url_for`, `link_params` in url_state) plus the shared state read here."""

from __future__ import annotations

import contextvars
from urllib.parse import urlencode

import streamlit as st

from icc.i18n import t
from icc.views import url_state
from icc.views.url_state import SharedState

_LINK_SLOT: contextvars.ContextVar = contextvars.ContextVar("link_slot", default=None)
# The dataset line a citation carries (dataset, build date), set by the shell for each page run.
_CITATION_CONTEXT: contextvars.ContextVar = contextvars.ContextVar("citation_context", default="")


def set_citation_context(context: str) -> None:
    _CITATION_CONTEXT.set(context)


def citation_context() -> str:
    return _CITATION_CONTEXT.get()


def shared_state() -> SharedState:
    return url_state.decode(SharedState, st.query_params.to_dict())


def params_for(state=None) -> dict[str, str]:
    """Query parameters for st.page_link: the shared state and `state` (the target page's)."""
    return url_state.link_params(shared_state(), state)


def url_for(page_key: str, state=None) -> str:
    return url_state.url_for(page_key, shared_state(), state)


def set_shared(shared: SharedState) -> None:
    """Switch language or dataset: the page's own parameters stay, the shared ones are rewritten."""
    names = {"lang", "dataset"}
    kept = {key: value for key, value in st.query_params.to_dict().items() if key not in names}
    st.query_params.from_dict({**kept, **url_state.encode(shared)})


def init(key: str, value) -> str:
    """Seed a keyed widget from the URL the first time the page shows it."""
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def sync_url(page_state) -> None:
    """Make the query string say exactly the shared state plus this page's state."""
    wanted = params_for(page_state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def go_to(page_state) -> None:
    """Show this page in another state (a callback: the next run reads it from the URL)."""
    st.query_params.from_dict(params_for(page_state))


def page_state(state_class):
    return url_state.decode(state_class, st.query_params.to_dict())


def cities_left_out() -> list[str]:
    """The cities this address names beyond what a page can show (said on the page, never dropped silently)."""
    return url_state.cities_left_out(st.query_params.to_dict())


def view_link(params: dict[str, str]) -> str:
    """The full address of the current view (for copying into an e-mail or a slide)."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # no browser session (tests, bare mode)
        base = ""
    return base + (f"?{urlencode(params)}" if params else "")


def place_view_link(slot) -> None:
    """Where the sidebar shows the link to this view (set by the frame before the page runs)."""
    _LINK_SLOT.set(slot)


def draw_view_link() -> None:
    """The sidebar's 'link to this view', drawn after the page has set the address. The address and its copy
    button are drawn when the popover opens: the code block's highlighter is 1.5 MB of script the browser
    would otherwise load and run at every visit."""
    slot = _LINK_SLOT.get()
    if slot is None:
        return
    with slot, st.popover(t("app.view_link_button"), icon=":material/link:", key="view_link",
                          on_change="rerun") as popover:
        if popover.open:
            st.caption(t("app.view_link"))
            st.code(view_link(st.query_params.to_dict()), language=None, wrap_lines=True)
