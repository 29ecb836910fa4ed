"""The round report for coordinators: the Index's coverage of the network (who has results, how old they are,
who never answered, on a map and in a table), the network at a glance, the largest movers since their
previous assessment, the newest members, and results by country and national network; A4 PDF and HTML."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from icc.analysis import trends
from icc.analysis.coverage import MIN_FOR_MEDIAN
from icc.i18n import format as fmt, t
from icc.outputs import browser, renderer
from icc.outputs.city_report import (
    document_html,
    esc,
    figure_html,
    for_printing,
    section,
    self_contained,
    table_html,
)
from icc.views.round_view import RoundData


def round_sections(data: RoundData, language: str) -> list[tuple[str, str, str]]:
    counts = data.counts
    sections = []
    coverage = (f"<p>{esc(t('round.coverage_sentence', **counts))}</p>"
                + figure_html(data.coverage_figure())
                + f'<p class="note">{esc(t("round.age_note"))}</p>'
                + table_html(data.coverage_table(language).drop(columns=["age_years"]),
                             {"name": t("col.city"), "country": t("col.country"), "membership": t("col.membership"),
                              "newest": t("round.col.newest"), "version": t("col.version"),
                              "age": t("round.col.age")}))
    sections.append(section("coverage", t("round.coverage_heading"), coverage))
    glance = data.glance[data.glance["cities"] > 0]
    if not glance.empty:
        shown = pd.DataFrame({"name": glance["area_code"].map(data.area_names), "cities": glance["cities"],
                              "median": glance["median"], "q1": glance["q1"], "q3": glance["q3"]})
        sections.append(section("glance", t("round.glance_heading", version=t(f"version.short.{data.version}")),
                                table_html(shown, {"name": t("col.area"), "cities": t("col.cities_scored"),
                                                   "median": t("col.network_median"), "q1": t("col.q1"),
                                                   "q3": t("col.q3")})
                                + f'<p class="note">{esc(t("round.glance_note"))}</p>'))
    if data.movers.empty:
        movers = f"<p>{esc(t('round.movers_none'))}</p>"
    else:
        moved = data.movers
        movers = table_html(pd.DataFrame({
            "city": moved["city_name"], "from": [fmt.partial_date(d, p) for d, p in zip(moved["from"], moved["from_precision"])],
            "to": [fmt.partial_date(d, p) for d, p in zip(moved["to"], moved["to_precision"])],
            "change": [f"{change:+.0f}" for change in moved["change"]]}),
            {"city": t("col.city"), "from": t("col.from"), "to": t("col.to"), "change": t("col.change_points")})
    sections.append(section("movers", t("round.movers_heading"),
                            movers + f'<p class="note">{esc(t("round.movers_note", threshold=fmt.number(trends.NOISE_THRESHOLD_POINTS)))}</p>'))
    joiners = data.joiners
    sections.append(section("members", t("round.members_heading"), table_html(pd.DataFrame({
        "name": joiners["name"], "country": joiners[f"country_{language}"], "joined": joiners["joined_year"],
        "scope": joiners["joined_scope"].map(lambda scope: t(f"scope.{scope}"))}),
        {"name": t("col.city"), "country": t("col.country"), "joined": t("col.joined"),
         "scope": t("col.joined_scope")}) if not joiners.empty else f"<p>{esc(t('overview.growth_empty'))}</p>"))
    headings = {"group": t("col.country"), "cities": t("round.col.cities"), "assessed": t("round.col.assessed"),
                "median": t("round.col.median", version=t(f"version.short.{data.version}")),
                "median_cities": t("round.col.median_cities")}
    sections.append(section("countries", t("round.countries_heading"),
                            table_html(data.by_country, headings)
                            + f'<p class="note">{esc(t("round.median_note", minimum=MIN_FOR_MEDIAN))}</p>'))
    sections.append(section("networks", t("round.networks_heading"),
                            table_html(data.by_network, {**headings, "group": t("col.network")})
                            if not data.by_network.empty else f"<p>{esc(t('round.networks_none'))}</p>"))
    return sections


def round_html(data: RoundData, language: str, made: str = "") -> str:
    return document_html(t("round.title"), t("round.subtitle", date=fmt.partial_date(data.today, "day")),
                         round_sections(data, language), language, made, with_contents=True)


def round_files(data: RoundData, language: str, context: str = "") -> tuple[str, bytes]:
    """(HTML, PDF) of the round report."""
    made = t("report.made", date=fmt.partial_date(dt.date.today(), "day"), context=context)
    html_text = round_html(data, language, made)
    return self_contained(html_text), renderer.html_to_pdf(for_printing(html_text), browser.A4)
