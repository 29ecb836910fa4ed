"""What the city profile shows: the city, its assessments and practices, and for the chosen assessment the
comparison with the network and its peers, the peers and whom to learn from (data twin: `CityData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import peers, position, profile, trends
from icc.analysis.practices import markdown_title
from icc.i18n import format as fmt, t
from icc.store import demo_network
from icc.store.sessions import DataSession
from icc.views import city_facts
from icc.views.map_view import FAR_FUTURE, FAR_PAST, map_query_params
from icc.views.url_state import CityState, MapState


@dataclass
class AssessmentView:
    assessment: pd.Series
    previous: pd.Series | None  # the city's assessment before this one, if any
    changes: pd.DataFrame  # per area, since `previous` (trends.changes_since)
    position: pd.DataFrame  # per area: percentile and ranks in country and network (position.relative_position)
    version_areas: pd.DataFrame
    version_scores: pd.DataFrame
    comparison: pd.DataFrame
    peer_list: pd.DataFrame
    learning: pd.DataFrame
    practices: pd.DataFrame

    def practices_of(self, leader) -> pd.DataFrame:
        """The catalogue's practices of one city to learn from (a row of `learning`) in its area."""
        return self.practices[(self.practices["city_id"] == leader.city_id)
                              & (self.practices["harmonised_code"] == leader.harmonised_code)]


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
                             network_names=city_facts.network_names(networks, session.language))
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
    shown_at = assessments.index[assessments["assessment_id"] == assessment_id][0]
    previous = assessments.loc[shown_at + 1] if shown_at + 1 in assessments.index else None
    changes = (trends.changes_since(city_scores, session.query("assessment_scores",
                                                               assessment_id=previous["assessment_id"]),
                                    previous["version_id"] == version) if previous is not None else pd.DataFrame())
    standing = position.relative_position(city, version_scores, session.query("cities"))
    return AssessmentView(assessment, previous, changes, standing, version_areas, version_scores, comparison, found,
                          learning, practices)


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The radar's table twin, with translated column names set by the page's column_config."""
    numeric = ["score", "network_median", "peer_median", "gap_network", "gap_peers"]
    table = comparison[["name", *numeric, "rank_band", "network_n", "peer_n"]].copy()
    table[numeric] = table[numeric].astype(float)
    return table


def radar_labels() -> dict[str, str]:
    return {"network": t("profile.radar.network"), "peers": t("profile.radar.peers"),
            "band": t("profile.radar.band")}


def city_assessment_labels(session: DataSession, city_id: str) -> dict[str, str]:
    """The sidebar's choice of assessment: id -> 'Sep 2020 · Revised Index', newest first."""
    return {row.assessment_id: f"{fmt.partial_date(row.assessed_on, row.date_precision)} · "
            f"{t('version.short.' + row.version_id)}"
            for row in session.query("city_assessments", city_id=city_id).itertuples()}


# Peers shown for a city without Index results: by each of these, a few, those with results first.
UNSCORED_STRATEGIES = ("population", "diversity", "country", "network")
PEERS_PER_STRATEGY = 4


def unscored_peers(session: DataSession, city_id: str) -> pd.DataFrame:
    """Cities like one without Index results (similar size, diversity, same country, same national network)
    and what they are known for: their latest Index figure and their good practices."""
    city = session.query("city_detail", city_id=city_id).iloc[0]
    cities = session.query("cities")
    networks = session.query("networks")
    names = city_facts.network_names(networks, session.language)
    found = []
    for strategy in UNSCORED_STRATEGIES:
        peers_found = peers.find_peers(strategy, city, cities, network_names=names)
        if peers_found.empty:
            continue
        ranked = peers_found.merge(cities[["city_id", "latest_score"]], on="city_id", how="left")
        ranked = ranked.assign(_scored=ranked["latest_score"].notna()).sort_values(
            ["_scored", "distance", "name"], ascending=[False, True, True], na_position="last", kind="stable")
        found.append(ranked.head(PEERS_PER_STRATEGY).assign(basis=t(f"peers.strategy.{strategy}")))
    if not found:
        return pd.DataFrame(columns=["basis", "city_id", "name", "reason", "index", "practices"])
    table = pd.concat(found, ignore_index=True)
    known = cities.set_index("city_id")
    table["index"] = [city_facts.index_line(known.loc[city_id]) for city_id in table["city_id"]]
    practices = session.query("practices_of_cities", city_ids=sorted(set(table["city_id"])))
    titles = practices.groupby("city_id", observed=True)["title"].apply(lambda found: fmt.listing(found.head(2)))
    table["practices"] = table["city_id"].map(titles)  # missing where the catalogue has none
    return table[["basis", "city_id", "name", "reason", "index", "practices"]]


@dataclass
class CityData:
    city: pd.Series
    assessments: pd.DataFrame
    own_practices: pd.DataFrame
    assessment_id: str | None  # the one shown (the newest unless the state names another)
    view: AssessmentView | None  # None for a city without Index results
    similar: pd.DataFrame | None  # for a city without Index results: cities like it, and what they are known for
    location_query: dict | None = None  # map_cities parameters of the small map: the city's country
    network_names: dict[str, str] | None = None
    strengths_sentence: str = ""
    changes_sentence: str = ""
    membership_source: str = ""  # where the city's membership comes from: the curated files or a round

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {"city": self.city.to_frame().T, "assessments": self.assessments,
                  "practices": self.own_practices}
        if self.view is not None:
            frames |= {"areas": comparison_table(self.view.comparison), "peers": self.view.peer_list,
                       "learn_from": self.view.learning, "position": self.view.position,
                       "changes": self.view.changes}
        if self.similar is not None:
            frames |= {"similar_cities": self.similar}
        return frames


def city_data(session: DataSession, state: CityState) -> CityData:
    """Everything the profile of `state.city` draws (an id the page has resolved)."""
    assessments = session.query("city_assessments", city_id=state.city)
    known = assessments["assessment_id"].tolist()
    chosen = state.assessment if state.assessment in known else (known[0] if known else None)
    view = session.cached(assessment_view, state.city, chosen, state.peers, state.picked) if chosen else None
    city = session.query("city_detail", city_id=state.city).iloc[0]
    similar = session.cached(unscored_peers, state.city) if view is None else None
    strengths = changes = ""
    if view is not None:
        strengths = profile.strengths_sentence(city["name"], view.comparison)
        if view.previous is not None and not view.changes.empty:
            area_names = dict(zip(view.comparison["area_code"], view.comparison["name"]))
            changes = profile.changes_sentence(view.changes, area_names,
                                               view.previous["version_id"] == view.assessment["version_id"])
    networks = session.query("networks")
    return CityData(city, assessments, session.query("city_practices", city_id=state.city), chosen, view, similar,
                    map_query_params(MapState(countries=(city["country_iso2"],)), (FAR_PAST, FAR_FUTURE)),
                    city_facts.network_names(networks, session.language), strengths, changes, membership_source(city))


def membership_source(city: pd.Series) -> str:
    """'Membership: the curated files (...) and the coordinators' membership round of 30 November 2026.'"""
    sources = [t("city.membership_curated")] if city.get("membership_curated", True) else []
    rounds = city.get("membership_rounds")
    sources += [t("city.membership_round", date=fmt.partial_date(pd.Timestamp(day).date(), "day"))
                for day in (list(rounds) if rounds is not None else [])]
    return t("city.membership_source", sources=fmt.listing(sources))


# What the page says of its rules and offers as choices.
STRATEGIES = peers.STRATEGIES
MIN_CITIES_FOR_POSITION = position.MIN_CITIES_FOR_POSITION
MIN_CITIES_FOR_STATISTICS = profile.MIN_CITIES_FOR_STATISTICS
NOISE_THRESHOLD_POINTS = trends.NOISE_THRESHOLD_POINTS
GENERATED_DEFINITION = demo_network.GENERATED_DEFINITION
practice_title = markdown_title  # a practice's title as a markdown link to its first source
