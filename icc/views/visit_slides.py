"""A study visit as slides: host and visitor side by side. The same slides feed the Streamlit
presentation and the self-contained offline pack (HTML, and PDF printed from it). `build_slides` is the
visit page's view data; `slide_frames` its data twin."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from icc import site
from icc.analysis import compare, trends
from icc.analysis.summary import head_to_head_summary
from icc.charts import bars, base_layout, city_colours, lines, radar
from icc.charts.maps import EUROPE_EXTENT, fit_to_extent, outline_traces
from icc.i18n import format as fmt, t
from icc.store.sessions import DataSession
from icc.views import city_facts
from icc.views.compare_view import comparison_scores, dumbbell_figure

LEAD_THRESHOLD = trends.NOISE_THRESHOLD_POINTS
MAX_LEADS = 6  # what fits on a slide; the gap table has the rest


@dataclass
class Slide:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None


def outline_map(cities: pd.DataFrame, highlight: dict[str, str], title: str, source: str) -> go.Figure:
    """The network's cities with the host and the visitor highlighted, on the shipped outlines (works in
    the offline pack, in print and in PDF)."""
    lon_min, lon_max, lat_min, lat_max = EUROPE_EXTENT
    for city_id in highlight:
        row = cities[cities["city_id"] == city_id].iloc[0]
        lon_min, lon_max = min(lon_min, row["lon"] - 5), max(lon_max, row["lon"] + 5)
        lat_min, lat_max = min(lat_min, row["lat"] - 4), max(lat_max, row["lat"] + 4)
    extent = (lon_min, lon_max, lat_min, lat_max)
    figure = go.Figure(outline_traces(extent))
    others = cities[~cities["city_id"].isin(highlight)]
    figure.add_trace(go.Scatter(x=others["lon"], y=others["lat"], mode="markers", name=t("visit.other_cities"),
                                marker={"size": 6, "color": "#8C8C8C"}, text=others["name"],
                                hovertemplate="%{text}<extra></extra>"))
    for city_id, colour in highlight.items():
        row = cities[cities["city_id"] == city_id]
        figure.add_trace(go.Scatter(x=row["lon"], y=row["lat"], mode="markers+text", name=row["name"].iloc[0],
                                    text=row["name"], textposition="top center", textfont={"size": 16},
                                    marker={"size": 18, "color": colour, "line": {"width": 2, "color": "white"}},
                                    hovertemplate="%{text}<extra></extra>"))
    figure.update_layout(**base_layout(title, source, height=460))
    fit_to_extent(figure, extent)
    return figure


def brief(session, city: pd.Series) -> Slide:
    assessments = session.query("city_assessments", city_id=city["city_id"])
    bullets = city_facts.as_lines(city_facts.city_facts(city, session.language))
    table = None
    if not assessments.empty:
        table = pd.DataFrame({
            t("col.date"): [fmt.partial_date(a, p) for a, p in zip(assessments["assessed_on"],
                                                                   assessments["date_precision"])],
            t("col.version"): [t(f"version.short.{v}") for v in assessments["version_id"]],
            t("col.aggregate"): [fmt.number(v) + city_facts.quoted_note(q) for v, q in zip(assessments["aggregate"],
                                                                               assessments["quoted_in"])],
            t("col.areas_reported"): assessments["areas_reported"].tolist(),
        })
    return Slide(f"brief-{city['city_id']}", city["name"], bullets=bullets, table=table)


def learning_bullets(session, h2h: pd.DataFrame, host: str, visitor: str, ids: dict[str, str]) -> list[str]:
    """Areas where one city leads by at least LEAD_THRESHOLD points, with the leader's good practices."""
    bullets = []
    leads = h2h[(h2h["gap"].abs() >= LEAD_THRESHOLD) & (h2h["area_code"] != "aggregate")]
    leads = leads.assign(size=leads["gap"].abs()).sort_values(["size", "name"], ascending=[False, True])
    for row in leads.head(MAX_LEADS).itertuples():
        leader, learner = (host, visitor) if row.gap > 0 else (visitor, host)
        practices = session.query("practices_for", city_ids=[ids[leader]], harmonised_codes=[row.harmonised_code])
        examples = fmt.listing(practices["title"].head(2)) if not practices.empty else ""
        text = t("visit.lead", leader=leader, learner=learner, area=row.name, gap=f"{abs(row.gap):.0f}")
        bullets.append(text + (f" {t('visit.examples', examples=examples)}" if examples else ""))
    return bullets


def learn_none(h2h: pd.DataFrame) -> str:
    """Why there is no area to learn from: no shared area at all, or none with a large enough gap."""
    shared_areas = h2h[h2h["area_code"] != "aggregate"] if not h2h.empty else h2h
    return t("visit.learn_none", threshold=int(LEAD_THRESHOLD)) if not shared_areas.empty \
        else t("visit.learn_no_areas")


def build_slides(session: DataSession, host_id: str, visitor_id: str) -> list[Slide]:
    host = session.query("city_detail", city_id=host_id).iloc[0]
    visitor = session.query("city_detail", city_id=visitor_id).iloc[0]
    names = {host_id: host["name"], visitor_id: visitor["name"]}
    colours = city_colours([host_id, visitor_id])  # the host's colour and the visitor's, on every slide
    ids = {host["name"]: host_id, visitor["name"]: visitor_id}
    cities = session.query("cities")
    demo_note = [t("app.demo_badge")] if session.is_demo else []
    slides = [Slide("title", t("visit.slide_title", host=host["name"], visitor=visitor["name"]),
                    paragraphs=[t("visit.subtitle"), *demo_note],
                    figure=outline_map(cities, colours,
                                       t("visit.map_title"), t("map.source")))]
    slides += [brief(session, host), brief(session, visitor)]

    scores, _ = comparison_scores(session, [host_id, visitor_id])
    result = compare.build_comparison(scores, [host_id, visitor_id]) if not scores.empty else None
    both = result is not None and len(compare.city_columns(result.wide)) == 2
    h2h = compare.head_to_head(result.wide, names[host_id], names[visitor_id]) if both else pd.DataFrame()
    if both:
        axes = compare.radar_rows(result.wide)
        paragraphs = [head_to_head_summary(h2h, names[host_id], names[visitor_id])]
        if result.harmonised:
            paragraphs.append(t("compare.harmonised", count=len(result.wide)))
        figure = (radar.cities_radar(axes, t("compare.h2h_title", first=names[host_id], second=names[visitor_id]),
                                     t("compare.source")) if compare.shared_axes(result.wide) >= 3 else None)
        # Chart labels keep each row on one line of a projected slide; the app's table has the full names.
        table = h2h[["short", names[host_id], names[visitor_id], "gap"]].rename(
            columns={"short": t("col.area"), "gap": t("col.gap_points", first=names[host_id])})
        if figure is None and not h2h.empty and (h2h["area_code"] == "aggregate").all():
            # Only the aggregate is shared: its two scores as bars, not a one-row table on an empty slide.
            row = h2h.iloc[0]
            figure = bars.two_scores_chart({names[host_id]: row[names[host_id]], names[visitor_id]:
                                            row[names[visitor_id]]}, {names[city]: colour for city, colour
                                                                      in colours.items()},
                                           t("visit.aggregate_title"), t("compare.source"), t("axis.score"))
            table = None
        slides.append(Slide("head-to-head", t("visit.h2h_heading"), paragraphs=paragraphs, figure=figure,
                            table=table))
        if (h2h["area_code"] != "aggregate").any():
            slides.append(Slide("area-by-area", t("visit.areas_heading"),
                                figure=dumbbell_figure(h2h, names[host_id], names[visitor_id],
                                                       (colours[host_id], colours[visitor_id]))))
    else:
        slides.append(Slide("head-to-head", t("visit.h2h_heading"), paragraphs=[t("visit.h2h_missing")]))

    trajectories = session.query("city_trajectories", city_ids=[host_id, visitor_id], harmonised_code="aggregate")
    if trajectories.empty:
        slides.append(Slide("trends", t("visit.trends_heading"), paragraphs=[t("visit.trends_missing")]))
    else:
        slides.append(Slide("trends", t("visit.trends_heading"), paragraphs=[t("trends.break_note")],
                            figure=lines.trajectory_chart(trajectories, False, t("visit.trends_title"),
                                                          t("trends.source"), t("axis.score"),
                                                          colours)))
    bullets = learning_bullets(session, h2h, names[host_id], names[visitor_id], ids) if both else []
    if bullets:
        slides.append(Slide("learn", t("visit.learn_heading"), bullets=bullets))
    closing = [t("visit.closing", host=host["name"], visitor=visitor["name"])]
    shared_areas = both and (h2h["area_code"] != "aggregate").any()
    if not bullets and (shared_areas or not both):
        # Why there is nothing to learn, on the last slide rather than on a slide of its own (when no area is
        # shared, the head-to-head sentence below says so already).
        closing.insert(0, learn_none(h2h))
    if both:
        closing.insert(0, head_to_head_summary(h2h, names[host_id], names[visitor_id]))
    slides.append(Slide("closing", t("visit.closing_heading"), paragraphs=closing))
    return slides


def slide_frames(slides: list[Slide]) -> dict[str, pd.DataFrame]:
    """Every table the slides show, by slide."""
    return {slide.key: slide.table for slide in slides if slide.table is not None}


def default_pair(session: DataSession) -> tuple[str, str]:
    """Two cities with Index results to start from (the two with the newest aggregate figures)."""
    cities = session.query("cities")
    with_results = cities[cities["latest_score"].notna()].sort_values(["latest_assessed_on", "city_id"],
                                                                        ascending=[False, True])
    chosen = list(with_results["city_id"].head(2)) + list(cities["city_id"].head(2))
    return chosen[0], next(c for c in chosen[1:] if c != chosen[0])


KEYBOARD_SCRIPT = """
<script>
(function () {
  // This iframe is recreated on every rerun and a listener dies with its frame: replace the old one.
  const doc = window.parent.document;
  if (doc.__iccSlideHandler) doc.removeEventListener('keydown', doc.__iccSlideHandler);
  doc.__iccSlideHandler = function (event) {
    const tag = (event.target && event.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA') return;
    const label = event.key === 'ArrowRight' || event.key === 'PageDown' ? 'next-slide'
      : event.key === 'ArrowLeft' || event.key === 'PageUp' ? 'previous-slide' : null;
    if (!label) return;
    const button = doc.querySelector('.st-key-' + label + ' button');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  };
  doc.addEventListener('keydown', doc.__iccSlideHandler);
})();
</script>
"""
def plotly_url() -> str:
    """plotly.js as the app serves it (copied from the plotly package into static/vendor/ by the Makefile)."""
    return site.versioned_static_url("vendor/plotly.min.js")

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
/* The slides' own controls have Exit (it clicks this button): this one stays for them, out of sight and out
   of the Tab order, so it covers no corner of a slide. The demo banner too: every slide carries the mark. */
[data-testid="stMain"] .st-key-exit-presentation, [data-testid="stMain"] .st-key-demo-banner {
    visibility: hidden; position: fixed; top: 0; left: 0; height: 0; overflow: hidden; }
/* The slides fill the screen: their own stage scales to it (16:9). */
[data-testid="stMain"] iframe { height: 100vh !important; width: 100vw !important; border: 0; display: block;
    position: fixed; top: 0; left: 0; z-index: 3; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
</style>
"""
