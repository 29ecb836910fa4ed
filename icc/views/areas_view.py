"""What the policy-area page shows: with no area chosen, the network at a glance (every area of the version
by network median, with spread and change since the previous round); for one area, its definition,
distribution, ranking and leaders' practices; then the cities x areas heatmap and how the areas move together
(data twin: `AreasData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import areas, practices as practice_rules
from icc.i18n import localized
from icc.store.sessions import DataSession
from icc.views.url_state import AreasState

LEADERS = 3  # whose practices the page lists under the ranking


@dataclass
class AreasChoices:
    versions: list[str]
    default_version: str  # the newest version with assessments
    version_areas: pd.DataFrame  # the areas of the version asked for (the aggregate first)


def areas_choices(session: DataSession, version: str) -> AreasChoices:
    versions = session.query("index_versions")
    with_data = versions[versions["assessment_count"] > 0]["version_id"].tolist() or versions["version_id"].tolist()
    known = versions["version_id"].tolist()
    return AreasChoices(known, with_data[-1],
                        session.query("version_areas", version_id=version if version in known else with_data[-1]))


@dataclass
class AreasData:
    glance: pd.DataFrame | None  # every area, when none is chosen
    area: pd.Series | None  # the chosen area's row in version_areas
    definition: pd.DataFrame  # zero or one row
    ranking: pd.DataFrame
    leaders_practices: pd.DataFrame
    matrix: pd.DataFrame  # cities x areas
    total: int  # cities with scores (the matrix may show fewer)
    correlations: pd.DataFrame
    years: list[int]
    glance_sentence: str = ""  # the glance in one sentence, in the session's language

    def frames(self) -> dict[str, pd.DataFrame]:
        chosen = ({"network_at_a_glance": self.glance} if self.glance is not None else
                  {"ranking": self.ranking, "leaders_practices": self.leaders_practices})
        return chosen | {"heatmap": self.matrix.reset_index(), "correlations": self.correlations.reset_index()}


def version_glance(session: DataSession, version: str) -> pd.DataFrame:
    """Every area of the version by network median (areas.network_glance); cache it with session.cached."""
    return areas.network_glance(session.query("version_scores", version_id=version),
                                session.query("version_previous_scores", version_id=version),
                                session.query("version_areas", version_id=version))


def computed_areas(session: DataSession, version: str, area: str, order: str) -> dict:
    """The glance or the ranking, the matrix and the correlations, in one piece the session caches (slow at
    10,000 cities)."""
    scores = session.query("version_scores", version_id=version)
    version_areas = session.query("version_areas", version_id=version)
    matrix, total = areas.heatmap_matrix(scores, version_areas, order)
    glance = version_glance(session, version) if not area else None
    return {"glance": glance, "ranking": areas.area_ranking(scores, area or "aggregate"), "matrix": matrix,
            "total": total,
            "correlations": areas.area_correlations(scores, version_areas),
            "years": sorted(set(scores["assessed_on"].dt.year.dropna().astype(int)))}


def areas_data(session: DataSession, state: AreasState) -> AreasData:
    computed = session.cached(computed_areas, state.version, state.area, state.order)
    version_areas = session.query("version_areas", version_id=state.version)
    chosen = version_areas[version_areas["code"] == state.area]
    area = None if chosen.empty else chosen.iloc[0]
    ranking = computed["ranking"] if area is not None else computed["ranking"].iloc[0:0]
    # Countries by name, as everywhere a reader meets them (the query keeps the code).
    countries = session.query("cities").drop_duplicates("country_iso2").set_index("country_iso2")
    ranking = ranking.assign(country=ranking["country_iso2"].map(countries[f"country_{session.language}"])
                             .fillna(ranking["country_iso2"]))
    codes = [area["harmonised_code"]] if area is not None else []
    practices = session.query("practices_for", city_ids=ranking.head(LEADERS)["city_id"].tolist(),
                              harmonised_codes=codes)
    definition = session.query("area_definition", harmonised_code=codes[0] if codes else "")
    practices = practices.assign(title_markdown=[practice_rules.markdown_title(title, url) for title, url
                                                 in zip(practices["title"], practices["url"])])
    short = {row.code: localized(row._asdict(), "short") for row in version_areas.itertuples()}
    glance = computed["glance"]
    return AreasData(glance, area, definition, ranking, practices, computed["matrix"], computed["total"],
                     computed["correlations"], computed["years"],
                     areas.glance_sentence(glance, short) if glance is not None else "")


# The rules the page states under its charts.
MIN_CITIES_FOR_CHANGE = areas.MIN_CITIES_FOR_CHANGE
MIN_CITIES_FOR_CORRELATION = areas.MIN_CITIES_FOR_CORRELATION
