"""The offline pack: a study visit as one self-contained HTML file (plotly.js, styles, data and the
outline map embedded; no request leaves the machine when it is opened from disk) and as a PDF printed
from it by Chromium (`browser.html_to_pdf`), one slide per page."""

from __future__ import annotations

import html

import plotly.offline

from icc.charts import without_source
from icc.i18n import format as fmt, t
from icc.outputs.context_line import fictional_mark
from icc.outputs.safe_paths import GENERATOR_TAG
from icc.views.visit_slides import Slide

STYLE = """
html, body { margin: 0; height: 100%; overflow: hidden; background: #222; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; }
/* One 1280x720 stage, scaled to fill the screen (1280x720, 1920x1080 ...) without scrolling; its content
   stops above a bottom band where the controls and the footer sit (the controls covered a chart's source and a
   table's last row). */
.slide { box-sizing: border-box; width: 1280px; height: 720px; padding: 30px 48px 62px; background: white;
         overflow: hidden; display: none; position: absolute; left: 50%; top: 50%;
         transform: translate(-50%, -50%) scale(var(--scale, 1)); }
.slide.current { display: flex; flex-direction: column; }
h1 { font-size: 40px; margin: 0 0 12px; line-height: 1.15; }
p, li { font-size: 22px; line-height: 1.35; margin: 4px 0; }
.body { flex: 1; min-height: 0; display: flex; gap: 24px; align-items: stretch; }
.body > .chart { flex: 1 1 52%; min-width: 0; display: flex; flex-direction: column; }
.chart > .figure { flex: 1; min-height: 0; }
.chart > .source { font-size: 13px; line-height: 1.3; color: #666; margin: 2px 0 0 8px; }
.body > table { flex: 0 1 48%; align-self: flex-start; }
table { border-collapse: collapse; font-size: 16px; }
td, th { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; } th { font-size: 15px; }
td.number { text-align: right; }
.footer { position: absolute; bottom: 12px; right: 28px; font-size: 14px; color: #595959; }
/* Controls a finger can hit (44 px, WCAG 2.5.5) and a counter that reads (#333 on white). */
.controls { position: fixed; bottom: 4px; left: 12px; z-index: 2; color: #333; font-size: 16px;
            background: rgba(255, 255, 255, 0.92); border-radius: 6px; padding: 2px 4px; }
.controls button { font-size: 15px; margin: 0 4px; min-height: 44px; min-width: 44px; padding: 0 12px; }
.controls button:focus-visible { outline: 2px solid #1f5fa8; outline-offset: 2px; }
/* On a phone a 1280x720 stage would be scaled to 0.3 (7 px text): the slide stacks instead, at reading size. */
@media screen and (max-width: 700px) {
  .slide { width: 100%; height: auto; min-height: 100vh; position: relative; left: 0; top: 0; transform: none;
           padding: 16px 16px 96px; }
  h1 { font-size: 26px; } p, li { font-size: 17px; }
  .body { flex-direction: column; }
  .chart > .figure { height: 320px; flex: none; }
  .footer { position: static; margin-top: 12px; }
}
@media print {
  @page { size: 1280px 720px; margin: 0; }
  html, body { height: auto; overflow: visible; background: white; }
  .slide { display: flex !important; flex-direction: column; position: relative; left: 0; top: 0; transform: none;
           page-break-after: always; break-after: page; }
  .slide:last-of-type { page-break-after: auto; break-after: auto; }
  .controls { display: none; }
}
"""

SCRIPT = """
const slides = Array.from(document.querySelectorAll('.slide'));
let current = 0;
// A swipe left or right changes the slide on a tablet or a phone.
let touchStart = null;
document.addEventListener('touchstart', e => { touchStart = e.changedTouches[0].screenX; }, {passive: true});
document.addEventListener('touchend', e => {
  if (touchStart === null) return;
  const moved = e.changedTouches[0].screenX - touchStart;
  touchStart = null;
  if (Math.abs(moved) > 50) show(current + (moved < 0 ? 1 : -1));
}, {passive: true});
function fit() {
  const scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
  document.documentElement.style.setProperty('--scale', scale);
}
function show(index) {
  current = Math.max(0, Math.min(slides.length - 1, index));
  slides.forEach((slide, i) => slide.classList.toggle('current', i === current));
  document.getElementById('counter').textContent = (current + 1) + ' / ' + slides.length;
  slides[current].querySelectorAll('.figure').forEach(div => Plotly.Plots.resize(div));
}
document.addEventListener('keydown', e => {
  if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') show(current + 1);
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') show(current - 1);
  if (e.key === 'Home') show(0);
  if (e.key === 'End') show(slides.length - 1);
});
window.addEventListener('resize', fit);
document.addEventListener('fullscreenchange', fit);
window.addEventListener('beforeprint', () => slides.forEach(div =>
  div.querySelectorAll('.figure').forEach(f => Plotly.Plots.resize(f))));
fit();
show(0);
"""


def cell(value) -> str:
    """A table cell as the screen writes it: whole numbers for scores and gaps, the missing mark for gaps."""
    if fmt.is_missing(value):
        return f"<td>{html.escape(t('common.missing'))}</td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="number">{value:.0f}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def table_html(frame) -> str:
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    rows = "".join("<tr>" + "".join(cell(value) for value in row) + "</tr>"
                   for row in frame.head(17).itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def slide_html(slide: Slide, index: int, total: int, title: str) -> tuple[str, str]:
    """(section HTML, script drawing its figure)."""
    parts = [f"<h1>{html.escape(slide.title)}</h1>"]
    parts += [f"<p>{html.escape(text)}</p>" for text in slide.paragraphs]
    if slide.bullets:
        parts.append("<ul>" + "".join(f"<li>{html.escape(text)}</li>" for text in slide.bullets) + "</ul>")
    script, body = "", []
    if slide.figure is not None:
        # The source line is set under the figure in HTML: inside the figure it sits at a fixed fraction of
        # the height the chart was built with, and on a slide of another height it ran into the axis title.
        figure, sources = without_source(slide.figure)
        # Fine print, like the source line inside a chart (the slide's reading text is its p and li).
        caption = "".join(f'<div class="source">{html.escape(text)}</div>' for text in sources)
        body.append(f'<div class="chart"><div class="figure" id="figure-{index}"></div>{caption}</div>')
        # The slide gives the figure its size (beside the table, under the text): the layout's own height
        # and title go; the slide's heading says what the figure shows.
        figure = figure.to_json()
        script = (f"(f => {{ f.layout.height = null; f.layout.autosize = true; "
                  f"f.layout.title = {{text: ''}}; f.layout.margin.t = Math.min(f.layout.margin.t, 60); "
                  f"f.layout.font = Object.assign({{}}, f.layout.font, {{size: 15}}); "
                  f"Plotly.newPlot('figure-{index}', f.data, f.layout, "
                  f"{{displaylogo: false, responsive: true}}); }})({figure});")
    if slide.table is not None:
        body.append(table_html(slide.table))
    if body:
        parts.append(f'<div class="body">{"".join(body)}</div>')
    # Every slide of the demo says it is fictional: a slide shown or copied on its own still cannot pass for
    # real data.
    mark = f"<strong>{html.escape(fictional_mark())}</strong> · " if fictional_mark() else ""
    parts.append(f'<div class="footer">{mark}{html.escape(title)} · {index + 1} / {total}</div>')
    return f'<section class="slide" id="slide-{index + 1}">{"".join(parts)}</section>', script


# In the app's presentation mode the slides run inside the page: they change in the browser (no server round
# trip), go full screen with the Fullscreen API, and keep the page's address on the slide shown.
PRESENTING_SCRIPT = """
const app = window.parent;
const fullscreenButton = document.getElementById('fullscreen');
fullscreenButton.addEventListener('click', () => {
  const root = app.document.documentElement;
  if (app.document.fullscreenElement) { app.document.exitFullscreen(); } else { root.requestFullscreen(); }
});
// Leaving goes through the app's own "Exit presentation" button: a frame may not navigate the page around it
// (the browser refused it as an unsafe navigation, so Escape and the slide's Exit did nothing).
function leave() {
  if (app.document.fullscreenElement) app.document.exitFullscreen();
  const button = app.document.querySelector('.st-key-exit-presentation button');
  if (button) button.click();
}
document.getElementById('exit').addEventListener('click', leave);
function presentKeys(e) {
  if (e.key === 'Escape' || e.key === 'Esc') {
    if (app.document.fullscreenElement) { app.document.exitFullscreen(); } else { leave(); }
  }
  if (e.key === 'f' || e.key === 'F') fullscreenButton.click();
}
document.addEventListener('keydown', presentKeys);
// Keys pressed while the page around the slides has the focus drive them too (one handler per page run).
if (app.document.__iccPresentKeys) app.document.removeEventListener('keydown', app.document.__iccPresentKeys);
app.document.__iccPresentKeys = e => {
  presentKeys(e);
  if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') show(current + 1);
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') show(current - 1);
  if (e.key === 'Home') show(0);
  if (e.key === 'End') show(slides.length - 1);
};
app.document.addEventListener('keydown', app.document.__iccPresentKeys);
const shown = show;
show = function (index) {
  shown(index);
  const url = new URL(app.location.href);
  url.searchParams.set('slide', current + 1);
  app.history.replaceState(app.history.state, '', url.toString());
};
show(START - 1);
window.focus();
"""


def pack_html(slides: list[Slide], title: str, language: str = "en", plotly_src: str | None = None,
              presenting: bool = False, start: int = 1) -> str:
    """The slides as one HTML document: self-contained (plotly.js inside) for the offline pack, or loading
    plotly.js from `plotly_src` when the app presents them (`presenting`, opening on slide `start`)."""
    sections, scripts = zip(*(slide_html(slide, i, len(slides), title) for i, slide in enumerate(slides)))
    extra = (f'<button id="fullscreen">{html.escape(t("visit.fullscreen"))}</button>'
             f'<button id="exit">{html.escape(t("visit.exit"))}</button>') if presenting else ""
    controls = (f'<div class="controls"><button onclick="show(current - 1)">{html.escape(t("visit.previous"))}'
                f'</button><span id="counter"></span><button onclick="show(current + 1)">'
                f'{html.escape(t("visit.next"))}</button>{extra}</div>')
    library = f'<script src="{html.escape(plotly_src)}"></script>' if plotly_src else \
        f"<script>{plotly.offline.get_plotlyjs()}</script>"
    behaviour = SCRIPT + (PRESENTING_SCRIPT.replace("START", str(int(start))) if presenting else "")
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">{GENERATOR_TAG}'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style>{library}</head><body>"
            f"{controls}{''.join(sections)}<script>{''.join(scripts)}{behaviour}</script></body></html>")
