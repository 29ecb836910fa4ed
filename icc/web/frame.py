"""The frame around every page (Streamlit's st.navigation, run by dashboard.py at every page view): the error
hook, the language and dataset of the address, the page settings, the sidebar with the navigation, the
demo badge, and the page's session. Pages draw inside it and take their session from `page_session()`."""

from __future__ import annotations

import contextvars
import functools
import html
import json
import logging
import uuid

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from icc import settings, site
from icc.charts import maps
from icc.i18n import LANGUAGES, set_dataset, set_language, t
from icc.outputs import browser, renderer, twins
from icc.paths import STATIC
from icc.store import db
from icc.views.url_state import SharedState
from icc.web import components, links
from icc.web.shell import DATASETS, Session, session_database

# Less empty space above the title, so a 720 px projector shows the content. Contrast (WCAG 2.1 AA): the
# theme's captions (#828180 at opacity 0.6, 3.9:1) and links inside them (2.96:1) in ink that reads at 7:1; a visible focus
# ring (2 px, primary blue, 6.4:1 on white) on everything the keyboard reaches.
PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #595959 !important; }
[data-testid="stCaptionContainer"] a, [data-testid="stMarkdownContainer"] a { color: #1f5fa8 !important; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible, summary:focus-visible,
[role="radio"]:focus-visible, [role="option"]:focus-visible, [role="slider"]:focus-visible {
    outline: 2px solid #1f5fa8 !important; outline-offset: 2px !important; }
.icc-sidebar-title { font-weight: 700; font-size: 1.1rem; margin: 0; }
/* Sections are H2 (headings in order) at the size subheaders had; metric labels wrap rather than end in "…". */
[data-testid="stMain"] h2 { font-size: 1.6rem !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
    overflow: visible !important; text-overflow: clip !important; height: auto !important; }
/* A table's own files are the buttons under it (marked when made from the demo, with a codebook): the grid's
   "Download as CSV" made an unmarked copy, labelled in English. */
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] { display: none !important; }
/* On a phone the headline figures sit two a row, compact, instead of eight full-width cards; a heatmap's cells
   are too narrow for their numbers (they ran into each other): the colour scale, the hover and the data table
   under the chart give them. */
@media (max-width: 640px) {
  .js-plotly-plot .heatmap-label { display: none !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) { flex-wrap: wrap !important; gap: 0.5rem !important; }
  [data-testid="stHorizontalBlock"]:has([data-testid="stMetric"]) > [data-testid="stColumn"] {
      flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important; width: auto !important; }
  [data-testid="stMetric"] { padding: 0.5rem 0.6rem !important; }
  [data-testid="stMetricValue"] { font-size: 1.5rem !important; }
}
"""
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


@functools.cache
def static_basemap() -> None:
    """Once per process: the maps' country outlines where the browser fetches them, and the renderer of chart
    images and PDFs started (in the background) so the first click on a file waits for no browser."""
    maps.publish_basemap()
    if settings.value("warm_renderer") and browser.available():
        renderer.RENDERER.start()


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
    static_basemap()
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
    st.set_page_config(page_title=f"{t('nav.' + page.key)} · {t('app.title')}",
                       page_icon=str(STATIC / "favicon.png"), layout="wide", initial_sidebar_state="auto")
    st.html(f"<style>{PAGE_CSS}</style>")
    # The document's language is the interface's (WCAG 3.1.1): Streamlit writes lang="en" whatever is shown.
    # Streamlit's own button that opens the navigation on a phone says "Expand sidebar" in English and shows only
    # "»": it is labelled in the interface's language, whenever Streamlit draws it.
    st.html(LANGUAGE_SCRIPT.replace("LANGUAGE", json.dumps(language))
            .replace("NAVIGATION", json.dumps(t("app.open_navigation")))
            .replace("TOOLBAR", json.dumps({english: t(f"app.toolbar.{english}") for english in STREAMLIT_TOOLBAR}))
            .replace("COLON", json.dumps(t("app.toolbar.colon"))), unsafe_allow_javascript=True)
    with st.sidebar:
        # Not a heading: the page's own title is its first heading (one H1, headings in order).
        st.html(f'<p class="icc-sidebar-title">{html.escape(t("app.title"))}</p>')
        draw_dataset_and_language(dataset, language)
        page_controls = st.container()
        link_slot = st.empty()
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
