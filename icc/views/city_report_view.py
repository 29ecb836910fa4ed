"""What a city's Index report says ("<City>: results of the Intercultural Cities Index"), from the data only:
its facts and sources, its newest assessment's aggregate and every area against the network median and the
sample average, its rank and percentile among all cities scored in that version and among cities of
similar population and similar foreign-resident share, what changed since its previous assessment, its
strongest and weakest areas, and for each weak area the cities to learn from and their practices."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import profile, ranks, standing
from icc.i18n import format as fmt, t
from icc.store.sessions import DataSession
from icc.views import city_facts, city_view
from icc.views.city_view import AssessmentView


@dataclass
class CityReport:
    city: pd.Series
    assessment: pd.Series
    date_label: str
    view: AssessmentView
    scopes: list[standing.Scope]
    standing: pd.DataFrame  # standing.standing: per area and scope
    area_table: pd.DataFrame  # per area: name, score, network median, sample average, ranks per scope
    facts: list[str]
    sources: list[str]
    strengths_sentence: str
    changes_sentence: str
    ranking_sentences: list[str]
    city_scores: pd.DataFrame  # the assessment's own area scores and sample averages

    @property
    def name(self) -> str:
        return str(self.city["name"])


def cities_with_results(session: DataSession) -> list[str]:
    """Every city that has an Index assessment, by name."""
    cities = session.query("cities")
    return cities[cities["has_index"]].sort_values("name")["city_id"].tolist()


def rank_text(row) -> str:
    """'3 of 12 (percentile 82)', or why there is none ('2 cities scored: too few to rank')."""
    if pd.isna(row["rank"]):
        return t("report.rank_too_few", n=int(row["cities"]))
    return t("report.rank_of", rank=int(row["rank"]), n=int(row["cities"]),
             percentile=fmt.number(row["percentile"]))


def city_report(session: DataSession, city_id: str) -> CityReport | None:
    """The report of the city's newest assessment; None when the city has none."""
    assessments = session.query("city_assessments", city_id=city_id)
    if assessments.empty:
        return None
    city = session.query("city_detail", city_id=city_id).iloc[0]
    assessment = assessments.iloc[0]
    view = city_view.assessment_view(session, city_id, assessment["assessment_id"], "population", ())
    city_scores = session.query("assessment_scores", assessment_id=assessment["assessment_id"])
    # The city's newest assessment is its newest in that version too: the one version_scores holds for it.
    found_scopes = standing.scopes(city, session.query("cities"))
    table = standing.standing(city_id, view.version_scores, found_scopes)
    names = dict(zip(view.comparison["area_code"], view.comparison["name"]))
    medians = dict(zip(view.comparison["area_code"], view.comparison["network_median"]))
    samples = dict(zip(city_scores["area_code"], city_scores["sample_avg"]))
    rows = []
    for area_code, group in table.groupby("area_code", sort=False):
        by_scope = group.set_index("scope")
        row = {"area_code": area_code, "name": names.get(area_code, area_code),
               "score": group["score"].iloc[0], "network_median": medians.get(area_code),
               "sample_avg": samples.get(area_code)}
        for scope in found_scopes:
            row[f"rank_{scope.key}"] = rank_text(by_scope.loc[scope.key]) if scope.key in by_scope.index else ""
        rows.append(row)
    order = {code: position for position, code in enumerate(view.comparison["area_code"])}
    area_table = pd.DataFrame(rows).sort_values("area_code", key=lambda codes: codes.map(order)) \
        if rows else pd.DataFrame()
    date_label = fmt.partial_date(assessment["assessed_on"], assessment["date_precision"])
    changes = ""
    if view.previous is not None and not view.changes.empty:
        changes = profile.changes_sentence(view.changes, names,
                                           view.previous["version_id"] == assessment["version_id"])
    sources = [url for url in str(city["source_url"]).split(" ; ") if url]
    if assessment.get("source_url"):
        sources.insert(0, str(assessment["source_url"]))
    return CityReport(city, assessment, date_label, view, found_scopes, table, area_table,
                      city_facts.as_lines(city_facts.city_facts(city, session.language)),
                      list(dict.fromkeys(sources)), profile.strengths_sentence(city["name"], view.comparison),
                      changes, ranking_sentences(city["name"], table, found_scopes, assessment), city_scores)


def ranking_sentences(name: str, table: pd.DataFrame, found_scopes: list[standing.Scope],
                      assessment: pd.Series) -> list[str]:
    """The aggregate's place, in sentences: among all cities of the version, then among similar cities."""
    aggregate = table[table["area_code"] == "aggregate"].set_index("scope")
    sentences = []
    version = t(f"version.short.{assessment['version_id']}")
    for scope in found_scopes:
        if scope.key not in aggregate.index:
            continue
        row = aggregate.loc[scope.key]
        if pd.isna(row["rank"]):
            sentences.append(t(f"report.rank_sentence_few.{scope.key}", city=name, n=int(row["cities"]),
                               band=scope.label, version=version, minimum=ranks.MIN_FOR_RANK))
        else:
            sentences.append(t(f"report.rank_sentence.{scope.key}", city=name, rank=fmt.ordinal(row["rank"]),
                               n=int(row["cities"]), band=scope.label, version=version,
                               percentile=fmt.number(row["percentile"])))
    for key in ("population", "foreign_share"):
        if key not in {scope.key for scope in found_scopes}:  # the city's own value is not in the data
            sentences.append(t(f"report.rank_unknown.{key}", city=name))
    return sentences
