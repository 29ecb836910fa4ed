"""What a page has before its script runs, for the frame (frame.py) and for the server that writes it into the
served page's head (serving/first_paint.py): the app's styles and the page's title. And what a process prepares
once before its first page: the basemap where the browser fetches it, the renderer started. (No Streamlit cache
here: the server imports this before Streamlit's runtime exists.)"""

from __future__ import annotations

import functools

from icc import settings
from icc.charts import maps
from icc.i18n import t
from icc.outputs import browser, renderer

# Less empty space above the title, so a 720 px projector shows the content. Contrast (WCAG 2.1 AA): the
# theme's captions (#828180 at opacity 0.6, 3.9:1) and links inside them (2.96:1) in ink that reads at 7:1; a
# visible focus ring (2 px, primary blue, 6.4:1 on white) on everything the keyboard reaches.
PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem !important; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #595959 !important; }
[data-testid="stCaptionContainer"] a, [data-testid="stMarkdownContainer"] a { color: #1f5fa8 !important; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible, summary:focus-visible,
[role="radio"]:focus-visible, [role="option"]:focus-visible, [role="slider"]:focus-visible {
    outline: 2px solid #1f5fa8 !important; outline-offset: 2px !important; }
.icc-sidebar-title { font-weight: 700; font-size: 1.1rem; margin: 0; }
.st-key-frame-head { display: none !important; }
/* A short table drawn as HTML (components.short_table): ruled rows, numbers to the right. */
.icc-table { overflow-x: auto; }
.icc-table table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.icc-table th { text-align: left; font-weight: 600; border-bottom: 2px solid #bbb; padding: 0.35rem 0.6rem; }
.icc-table td { border-bottom: 1px solid #e3e3e3; padding: 0.35rem 0.6rem; }
.icc-table td.number { text-align: right; }
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


def page_title(page_key: str, language: str | None = None) -> str:
    """The browser tab's name of a page: 'Overview · ICC Index Explorer' (also in the served page's head)."""
    return f"{t('nav.' + page_key, language)} · {t('app.title', language)}"


@functools.cache
def prepare_process() -> None:
    """Once per process: the maps' country outlines where the browser fetches them, and the renderer of chart
    images and PDFs started (in the background) so the first click on a file waits for no browser."""
    maps.publish_basemap()
    if settings.value("warm_renderer") and browser.available():
        renderer.RENDERER.start()
