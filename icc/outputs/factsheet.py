"""The city factsheet handed on: one A4 page (radar, facts, the area table, peers and practices, sources)
as HTML, printed to PDF by Chromium."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io

from icc.analysis import practices, profile
from icc.charts import radar
from icc.i18n import format as fmt, t
from icc.outputs import browser, renderer
from icc.outputs.safe_paths import GENERATOR_TAG
from icc.views import city_facts, city_view
from icc.views.city_view import AssessmentView

FACTSHEET_STYLE = """
@page { size: A4; margin: 12mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #222; font-size: 9.5pt; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 2.5mm 0 0.8mm; }
p, li, td, th { font-size: 9pt; line-height: 1.3; } ul { margin: 0.5mm 0; padding-left: 4.5mm; }
table { border-collapse: collapse; width: 100%; } th { text-align: left; background: #f2f2f2; font-weight: 600; }
td, th { border-bottom: 1px solid #ddd; padding: 0.45mm 1.5mm; } td { white-space: nowrap; }
.source { color: #555; font-size: 9pt; margin: 1mm 0; }
.demo { background: #fff4d6; padding: 1.5mm 3mm; font-weight: bold; margin: 1mm 0; }
.top { display: grid; grid-template-columns: 96mm 1fr; gap: 5mm; align-items: start; }
.figure { width: 96mm; height: 86mm; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.made { color: #444; font-size: 8.5pt; border-top: 1px solid #ccc; padding-top: 1.5mm; margin-top: 3mm; }
.made a { color: #1f5fa8; word-break: break-all; }
"""


def factsheet_html(title: str, facts: list[str], figure, table: pd.DataFrame | None, notes: list[str],
                   demo_note: str = "", sections: list[tuple[str, list[str]]] = (), language: str = "en",
                   made: str = "", link: str = "", beside: int = 1) -> str:
    """A city on one A4 page: its radar beside its facts and the summary, the area table with the page's own
    headings, then sections of bullet points: the first `beside` under the facts, beside the radar, the others
    two by two; the sources, and when and from what it was made, with the address of its view in the app."""
    def bullets(heading: str, lines: list[str]) -> str:
        return (f"<section><h2>{html.escape(heading)}</h2><ul>"
                + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul></section>") if lines else ""

    parts = [f"<h1>{html.escape(title)}</h1>"]
    if demo_note:
        parts.append(f'<p class="demo">{html.escape(demo_note)}</p>')
    side = bullets("", facts).replace("<h2></h2>", "") + "".join(bullets(*section) for section in sections[:beside])
    if figure is not None:
        # Side margins wide enough for the longest area label ("Leadership" was cut to "eadership").
        compact = go.Figure(figure).update_layout(title=None, height=None, width=None, font_size=9,
                                                  margin={"t": 62, "b": 24, "l": 72, "r": 72},
                                                  legend={"font": {"size": 9}, "y": 1.02, "yanchor": "bottom"})
        compact.layout.annotations = []  # the source line is printed under the page instead
        chart = plotly.io.to_html(compact, include_plotlyjs=True, full_html=False, config={"staticPlot": True},
                                  default_width="100%", default_height="100%")
        parts.append(f'<div class="top"><div class="figure">{chart}</div><div>{side}</div></div>')
    else:
        parts.append(side)
    if table is not None and not table.empty:
        parts.append(table.to_html(index=False, na_rep="—", float_format=lambda value: f"{value:.0f}",
                                   border=0))
    parts.append('<div class="columns">' + "".join(bullets(*section) for section in sections[beside:]) + "</div>")
    parts += [f'<p class="source">{html.escape(note)}</p>' for note in notes]
    if made or link:
        address = f' <a href="{html.escape(link)}">{html.escape(link)}</a>' if link else ""
        parts.append(f'<p class="made">{html.escape(made)}{address}</p>')
    return (f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">{GENERATOR_TAG}'
            f"<title>{html.escape(title)}</title><style>{FACTSHEET_STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>")


def factsheet_pdf(html_text: str) -> bytes:
    return renderer.html_to_pdf(html_text, browser.A4)


def city_factsheet_pdf(city: pd.Series, view: AssessmentView, date_label: str, language: str,
                       is_demo: bool, own_practices: pd.DataFrame | None = None, context: str = "",
                       link: str = "") -> bytes:
    """The one-page A4 factsheet of a city's selected assessment: facts, radar, its strongest and weakest
    areas, the area table with the page's headings, peers, the practices to look at and the city's own, and
    under them when it was made from which data (`context`, the build date in it) and its view's `link`."""
    facts = city_facts.as_lines(city_facts.city_facts(city, language))
    areas = view.comparison[~view.comparison["is_aggregate"]]
    figure = None
    if areas["score"].notna().sum() >= profile.MIN_CITIES_FOR_STATISTICS:
        figure = radar.comparison_radar(view.comparison, city["name"], city_view.radar_labels(),
                                        t("city.radar_title", city=city["name"], date=date_label), t("city.radar_source"))
    reported = city_view.comparison_table(view.comparison[view.comparison["score"].notna()])
    # Short area names keep each row on one line, so the whole table fits the page.
    table = reported.assign(name=view.comparison.loc[reported.index, "short"])[
        ["name", "score", "network_median", "peer_median", "gap_network", "rank_band"]]
    table = table.rename(columns={"name": t("col.area"), "score": t("col.score"),
                                  "network_median": t("col.network_median"), "peer_median": t("col.peer_median"),
                                  "gap_network": t("col.gap_network"), "rank_band": t("col.rank_band")})
    peers = [fmt.labelled(row.name, row.reason) for row in view.peer_list.head(4).itertuples()]
    examples = []
    for row in view.learning.drop_duplicates(["area"]).head(4).itertuples():
        found = view.practices_of(row)
        titles = fmt.listing(f"{example.title}" + ("" if fmt.is_missing(example.year_from)
                                                  else f" ({int(example.year_from)})") +
                           (f" {practices.source_links(example.url)[0]}" if practices.source_links(example.url) else "")
                           for example in found.head(2).itertuples())
        examples.append(fmt.labelled(row.area, f"{row.city_name} ({fmt.number(row.score)}/100)")
                        + (f" · {titles}" if titles else ""))
    if examples and all(" · " not in line for line in examples):  # said once, not after every line
        examples.append(t("factsheet.no_practice_any"))
    notes = [t("city.radar_source")]
    own = [] if own_practices is None else [
        example.title + ("" if fmt.is_missing(example.year_from) else f" ({int(example.year_from)})")
        + practices.title_language(getattr(example, "language_of_source", ""), language)
        for example in own_practices.head(4).itertuples()]
    if own and (language != practices.CATALOGUE_LANGUAGE):
        notes.append(practices.source_language_note(own_practices["language_of_source"], language))
    # The summary and the city's own practices beside the radar (room the facts leave), peers and whom to learn
    # from under the table: one A4 page.
    sections = [(t("factsheet.summary"), [profile.strengths_sentence(city["name"], view.comparison)]),
                (t("city.own_practices", city=city["name"]), own),
                (t("city.peers_heading"), peers), (t("city.learn_heading"), examples)]
    made = t("factsheet.made", date=fmt.partial_date(dt.date.today(), "day"), context=context)
    html_text = factsheet_html(f"{city['name']} · {date_label}", facts, figure, table, notes,
                               t("app.demo_badge") if is_demo else "", sections, language, made, link, beside=2)
    return factsheet_pdf(html_text)
