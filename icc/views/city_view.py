"""Everything the city profile shows, gathered from named queries and the domain rules."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import peers
from icc.analysis import profile
from icc.i18n import t


@dataclass
class AssessmentView:
    assessment: pd.Series
    version_areas: pd.DataFrame
    version_scores: pd.DataFrame
    comparison: pd.DataFrame
    peer_list: pd.DataFrame
    learning: pd.DataFrame
    practices: pd.DataFrame


def city_options(session) -> dict[str, str]:
    """city_id -> 'Name (Country)' for pickers, sorted by name (built once per dataset and language: at
    10,000 cities, row by row, it was most of a page run)."""
    return session.cached(city_labels)


def city_labels(session) -> dict[str, str]:
    cities = session.query("cities")
    labels = cities["name"] + " (" + cities[f"country_{session.language}"].fillna("?") + ")"
    return dict(zip(cities["city_id"].tolist(), labels.tolist()))


def peer_list(session, strategy: str, city: pd.Series, version_scores: pd.DataFrame,
              picked: tuple[str, ...]) -> pd.DataFrame:
    cities = session.query("cities")
    networks = session.query("networks")
    found = peers.find_peers(strategy, city, cities, scores=version_scores, picked=picked,
                             network_names=dict(zip(networks["network_id"], networks["name"])))
    with_scores = set(version_scores["city_id"])
    found["has_scores"] = found["city_id"].isin(with_scores)
    return found


def assessment_view(session, city_id: str, assessment_id: str, strategy: str,
                    picked: tuple[str, ...]) -> AssessmentView:
    city = session.query("city_detail", city_id=city_id).iloc[0]
    assessments = session.query("city_assessments", city_id=city_id)
    assessment = assessments[assessments["assessment_id"] == assessment_id].iloc[0]
    version = assessment["version_id"]
    version_areas = session.query("version_areas", version_id=version)
    version_scores = session.query("version_scores", version_id=version)
    city_scores = session.query("assessment_scores", assessment_id=assessment["assessment_id"])
    found = peer_list(session, strategy, city, version_scores, picked)
    peer_ids = found["city_id"].tolist()
    comparison = profile.area_comparison(city["city_id"], city_scores, version_areas, version_scores, peer_ids)
    learning = profile.learn_from(city["city_id"], comparison, version_scores, peer_ids)
    practices = session.query("practices_for", city_ids=sorted(set(learning["city_id"])),
                              harmonised_codes=sorted(set(learning["harmonised_code"].dropna())))
    return AssessmentView(assessment, version_areas, version_scores, comparison, found, learning, practices)


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The radar's table twin, with translated column names set by the page's column_config."""
    numeric = ["score", "network_median", "peer_median", "gap_network", "gap_peers"]
    table = comparison[["name", *numeric, "rank_band", "network_n", "peer_n"]].copy()
    table[numeric] = table[numeric].astype(float)
    return table


def radar_labels() -> dict[str, str]:
    return {"network": t("profile.radar.network"), "peers": t("profile.radar.peers"),
            "band": t("profile.radar.band")}


def factsheet_bytes(city: pd.Series, view: AssessmentView, date_label: str, is_demo: bool) -> bytes:
    """The one-page A4 factsheet of a city's selected assessment: facts, radar, its strongest and weakest
    areas, the area table with the page's headings, peers and the practices to look at."""
    from icc.outputs import export
    from icc.analysis import practices
    from icc.analysis import profile
    from icc.i18n import format as fmt
    from icc.charts import radar
    from icc.views.city_facts import city_facts_lines

    facts = [line.replace("**", "").replace("\\", "") for line in city_facts_lines(city)]
    areas = view.comparison[~view.comparison["is_aggregate"]]
    figure = None
    if areas["score"].notna().sum() >= profile.MIN_CITIES_FOR_STATISTICS:
        figure = radar.comparison_radar(view.comparison, city["name"], radar_labels(),
                                        t("city.radar_title", city=city["name"], date=date_label), t("city.radar_source"))
    reported = comparison_table(view.comparison[view.comparison["score"].notna()])
    # Short area names keep each row on one line, so the whole table fits the page.
    table = reported.assign(name=view.comparison.loc[reported.index, "short"])[
        ["name", "score", "network_median", "peer_median", "gap_network", "rank_band"]]
    table = table.rename(columns={"name": t("col.area"), "score": t("col.score"),
                                  "network_median": t("col.network_median"), "peer_median": t("col.peer_median"),
                                  "gap_network": t("col.gap_network"), "rank_band": t("col.rank_band")})
    peers = [f"{row.name}: {row.reason}" for row in view.peer_list.head(4).itertuples()]
    examples = []
    for row in view.learning.drop_duplicates(["area"]).head(4).itertuples():
        found = view.practices[(view.practices["city_id"] == row.city_id)
                               & (view.practices["harmonised_code"] == row.harmonised_code)]
        titles = "; ".join(f"{example.title}" + ("" if fmt.is_missing(example.year_from)
                                                  else f" ({int(example.year_from)})") +
                           (f" {practices.source_links(example.url)[0]}" if practices.source_links(example.url) else "")
                           for example in found.head(2).itertuples())
        examples.append(f"{row.area}: {row.city_name} ({fmt.number(row.score)}/100)"
                        + (f" · {titles}" if titles else f" · {t('factsheet.no_practice')}"))
    notes = [t("city.radar_source"), t("city.foreign_share_note")]
    sections = [(t("factsheet.summary"), [profile.strengths_sentence(city["name"], view.comparison)]),
                (t("city.peers_heading"), peers), (t("city.learn_heading"), examples)]
    html_text = export.factsheet_html(f"{city['name']} · {date_label}", facts, figure, table, notes,
                                      t("app.demo_badge") if is_demo else "", sections)
    return export.factsheet_pdf(html_text)
