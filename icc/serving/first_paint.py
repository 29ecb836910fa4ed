"""What the browser paints before the first script run: Streamlit's page (index.html) as it comes, with the
app's styles, its title and its language in the head, so nothing moves when the script's first messages arrive
(layout shift, measured by `make bench-visits`) and a screen reader hears the page's name in its language.

Before the script runs, Streamlit lays the page out centred and without the sidebar; the script then asks for
the wide layout and draws the sidebar (300 px from 769 px of width up; on narrower screens it is a drawer), and
everything moved. The head reserves the sidebar's place until it is drawn and lays the page out wide.

Then each element is drawn first as a 40 px placeholder while its code loads (Streamlit loads an element's code
when the page first needs it), and the page moved again as each took its size. The page's content is therefore
kept invisible (it is laid out, not shown) until the script is done and no placeholder of unknown size is left,
then shown at once; charts keep their placeholders, which have the chart's height. Never longer than
SETTLE_LIMIT_MS, whatever happens."""

from __future__ import annotations

import functools
import html
from pathlib import Path
from urllib.parse import parse_qs

import streamlit

from icc import site
from icc.i18n import LANGUAGES
from icc.web import page_head

SIDEBAR_PX, SIDEBAR_FROM_PX = 300, 769
RESERVE_CSS = f"""
[data-testid="stMainBlockContainer"] {{ max-width: none !important; }}
@media (min-width: {SIDEBAR_FROM_PX}px) {{
  [data-testid="stAppViewContainer"]:not(:has(> [data-testid="stSidebar"])) > div:has(> [data-testid="stMain"]) {{
      margin-left: {SIDEBAR_PX}px; }}
}}
"""
SETTLE_LIMIT_MS = 5000
SETTLE_SCRIPT = """<script>(() => {
  const root = document.documentElement;
  root.classList.add('icc-settling');
  const unknownSize = skeleton => skeleton.getBoundingClientRect().height <= 40;
  const settled = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    return !!state && state !== 'initial' && state !== 'running'
      && !Array.from(document.querySelectorAll('[data-testid="stSkeleton"]')).some(unknownSize);
  };
  const observer = new MutationObserver(() => { if (settled()) show(); });
  const show = () => { observer.disconnect(); root.classList.remove('icc-settling'); };
  observer.observe(root, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ['data-test-script-state']});
  setTimeout(show, LIMIT);
})();</script>""".replace("LIMIT", str(SETTLE_LIMIT_MS))
SETTLE_CSS = """
html.icc-settling [data-testid="stMain"], html.icc-settling [data-testid="stSidebarContent"] { visibility: hidden; }
"""
STREAMLIT_MEDIA = Path(streamlit.__file__).parent / "static" / "static" / "media"


@functools.cache
def icon_font() -> str:
    """Streamlit's icon font (its file name carries a content hash). Preloaded: until it arrives, an icon is
    drawn as its name ('category', 'map') and the line it sits in wraps and moves what follows."""
    found = sorted(STREAMLIT_MEDIA.glob("MaterialSymbols-Rounded.*.woff2"))
    return f"./static/media/{found[0].name}" if found else ""


def page_key(path: str) -> str:
    below = path.removeprefix(site.prefix()).strip("/")
    return next((page.key for page in site.PAGES if page.url_path == below), "overview")


def language_of(query_string: str) -> str:
    asked = parse_qs(query_string).get("lang", [""])[0]
    return asked if asked in LANGUAGES else LANGUAGES[0]


def head(path: str, language: str) -> str:
    font = icon_font()
    preload = f'<link rel="preload" href="{font}" as="font" type="font/woff2" crossorigin>' if font else ""
    return (f"<style id=\"icc-first-paint\">{page_head.PAGE_CSS}{RESERVE_CSS}{SETTLE_CSS}</style>{SETTLE_SCRIPT}{preload}"
            f"<title>{html.escape(page_head.page_title(page_key(path), language))}</title>")


def dress(document: str, path: str, query_string: str) -> str:
    """index.html with the app's head: language, title, styles."""
    language = language_of(query_string)
    document = document.replace('<html lang="en">', f'<html lang="{language}">', 1)
    document = document.replace("<title>Streamlit</title>", "", 1)
    return document.replace("</head>", head(path, language) + "</head>", 1)
