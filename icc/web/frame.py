"""The frame around every page (Streamlit's st.navigation, run by dashboard.py at every page view): the error
hook, the language and dataset of the address, the page settings, the sidebar with the navigation, the
demo badge, and the page's session. Pages draw inside it and take their session from `page_session()`."""

from __future__ import annotations

import contextvars
import html
import json
import logging
import uuid

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from icc import site
from icc.i18n import LANGUAGES, set_dataset, set_language, t
from icc.outputs import twins
from icc.paths import STATIC
from icc.store import db
from icc.views.url_state import SharedState
from icc.web import components, links, page_head
from icc.web.shell import DATASETS, Session, session_database

LANGUAGE_SCRIPT = """<script>
document.documentElement.lang = LANGUAGE;
window.__iccNavigationLabel = NAVIGATION;
window.__iccToolbar = TOOLBAR;
window.__iccToolbarColon = COLON;
function iccLabel() {
  // The sidebar scrolls on a phone: a keyboard must be able to reach it to scroll it (axe: scrollable-region).
  document.querySelectorAll('[data-testid="stSidebarContent"]:not([tabindex])').forEach(region =>
    region.setAttribute('tabindex', '0'));
  // The toolbar Streamlit puts over a chart or a table names its buttons in English: in the interface's language.
  document.querySelectorAll('[data-testid="stElementToolbar"] button[aria-label]').forEach(button => {
    const label = button.getAttribute('aria-label');
    for (const [english, local] of Object.entries(window.__iccToolbar)) {
      const named = label === english ? local
        : label.startsWith(english + ': ') ? local + window.__iccToolbarColon + label.slice(english.length + 2) : null;
      if (named !== null && named !== label) { button.setAttribute('aria-label', named); }
    }
  });
  document.querySelectorAll('[data-testid="stExpandSidebarButton"]').forEach(button => {
    if (button.getAttribute('aria-label') !== window.__iccNavigationLabel) {
      button.setAttribute('aria-label', window.__iccNavigationLabel);
      button.setAttribute('title', window.__iccNavigationLabel);
    }
  });
}
if (!window.__iccLabeller) {
  window.__iccLabeller = new MutationObserver(iccLabel);
  window.__iccLabeller.observe(document.body, {childList: true, subtree: true});
}
iccLabel();
</script>"""
# Streamlit's English names for the buttons over a chart or a table (catalogue keys app.toolbar.<name>).
# ("Download as CSV" is hidden by PAGE_CSS, which finds it by this English name: it keeps it.)
STREAMLIT_TOOLBAR = ("Fullscreen", "Close fullscreen", "Show/hide columns", "Search")
LOG = logging.getLogger("icc.web")
# Tests and the gallery run pages in-process and must see a page's exception, not a polite reference.
RAISE_PAGE_ERRORS = False
_SESSION: contextvars.ContextVar[Session | None] = contextvars.ContextVar("page_session", default=None)
_PAGE: contextvars.ContextVar[str] = contextvars.ContextVar("page_key", default="")


def report_error(error: Exception) -> bool:
    """An error in a page: the details go to the server's log under a short reference, the user reads the
    reference (to quote to the administrator), never a traceback or a server path."""
    if RAISE_PAGE_ERRORS:
        return False  # not handled: Streamlit records the exception
    reference = uuid.uuid4().hex[:8]
    LOG.error("page error %s", reference, exc_info=error)
    st.error(t("app.error", reference=reference), icon=":material/error:")
    return True  # handled: Streamlit shows nothing more


def page_session() -> Session:
    """The session of this page view (set by the frame before the page runs).

    With a pages/ folder beside the entry script, Streamlit runs the very first page view of a process the
    old way (the page's file alone, no frame) until some run has called st.navigation (AppTest, every run):
    the frame then runs that view in its place, within the same run (a rerun would lose a button's click)."""
    session = _SESSION.get()
    if session is None:
        PagesManager.uses_pages_directory = False
        run()
        st.stop()
    return session


def navigation():
    """Every page of site.PAGES registered with Streamlit (the sidebar draws its own links); the one the
    address names."""
    # No icon here: Streamlit would make it the tab's favicon, fetched from Google's font servers.
    registered = {page.key: st.Page(page.script, title=t(f"nav.{page.key}"),
                                    url_path=page.url_path or None, default=page.key == "overview")
                  for page in site.PAGES}
    current = st.navigation(list(registered.values()), position="hidden")
    key = next((key for key, registered_page in registered.items() if registered_page is current
                or registered_page.url_path == current.url_path), "overview")
    return site.page(key), current, registered


def install_error_hook() -> None:
    context = get_script_run_ctx()
    if context is not None:
        context.on_script_error = report_error


def run() -> None:
    page_head.prepare_process()
    install_error_hook()
    shared = links.shared_state()
    language, dataset = set_language(shared.language), shared.dataset
    # A link to the demo on a server that has not generated it: say so rather than show real data silently.
    demo_missing = dataset == "demo" and not DATASETS["demo"].exists()
    if demo_missing:
        dataset = "published"
    set_dataset(dataset)
    page, current, registered = navigation()
    _PAGE.set(page.key)
    st.set_page_config(page_title=page_head.page_title(page.key),
                       page_icon=str(STATIC / "favicon.png"), layout="wide", initial_sidebar_state="auto")
    # Kept out of the layout (the container is hidden): Streamlit draws an element's placeholder while its code
    # loads, and these two pushed the page down, then let it up again. The served page's head has the styles
    # from the first paint (serving/first_paint.py); this copy serves a run without that server (AppTest).
    with st.container(key="frame-head"):
        st.html(f"<style>{page_head.PAGE_CSS}</style>")
        # The document's language is the interface's (WCAG 3.1.1): Streamlit writes lang="en" whatever is shown.
        # Streamlit's own button that opens the navigation on a phone says "Expand sidebar" in English and shows
        # only "»": it is labelled in the interface's language, whenever Streamlit draws it.
        st.html(LANGUAGE_SCRIPT.replace("LANGUAGE", json.dumps(language))
                .replace("NAVIGATION", json.dumps(t("app.open_navigation")))
                .replace("TOOLBAR", json.dumps({english: t(f"app.toolbar.{english}")
                                                for english in STREAMLIT_TOOLBAR}))
                .replace("COLON", json.dumps(t("app.toolbar.colon"))), unsafe_allow_javascript=True)
    with st.sidebar:
        # Not a heading: the page's own title is its first heading (one H1, headings in order).
        st.html(f'<p class="icc-sidebar-title">{html.escape(t("app.title"))}</p>')
        draw_dataset_and_language(dataset, language)
        page_controls = st.container()
        link_slot = st.container()
        st.divider()
        for listed in site.PAGES:
            st.page_link(registered[listed.key], label=t(f"nav.{listed.key}"), icon=listed.icon,
                         query_params=links.params_for())
    links.place_view_link(link_slot)
    try:
        snapshot, con = session_database(dataset)
    except db.DatabaseMissing as missing:
        st.error(t("app.database_missing", path=str(missing)))
        st.stop()
    twins.ensure_twins(con, dataset, snapshot)
    session = Session(dataset, language, con, page_controls, snapshot)
    links.set_citation_context(session.chart_context())
    if dataset == "demo":
        # Keyed: the presentation hides it, its slides say "fictional" on every slide themselves.
        with st.container(key="demo-banner"):
            st.warning(t("app.demo_badge"), icon=":material/science:")
    if demo_missing:
        st.warning(t("app.demo_missing"), icon=":material/science:")
    token, files = _SESSION.set(session), components.collect_view_files()
    try:
        current.run()
        components.all_figures_download(page.key)
    finally:
        links.draw_view_link()  # after the page: it has set the address (also when it stopped early)
        _SESSION.reset(token)  # nothing of this view outlives it (the runner's thread may run the next one)
        components.reset_view_files(files)


def name_page(name: str) -> None:
    """The browser tab names what is shown: 'Oslo · City profile · ICC Index Explorer'."""
    page = _PAGE.get()
    st.set_page_config(page_title=f"{name} · {t('nav.' + page)} · {t('app.title')}" if page else name)


def draw_dataset_and_language(dataset: str, language: str) -> None:
    available = [name for name in DATASETS if name == "published" or DATASETS[name].exists()]
    chosen_dataset = st.radio(t("sidebar.dataset"), available, index=available.index(dataset)
                              if dataset in available else 0, format_func=lambda name: t(f"dataset.{name}"),
                              horizontal=True)
    chosen_language = st.radio(t("sidebar.language"), LANGUAGES, index=LANGUAGES.index(language),
                               format_func=lambda code: t(f"language.{code}"), horizontal=True)
    if chosen_dataset != dataset or chosen_language != language:
        links.set_shared(SharedState(chosen_language, chosen_dataset))
        st.rerun()
