"""What the round report and the Data page's coverage view show: which cities have Index results and how old
they are, who never answered, the network at a glance, the largest movers, the newest members, and results by
country and national network (data twin: `RoundData.frames()`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from icc.analysis import coverage as coverage_analysis
from icc.charts import maps
from icc.i18n import format as fmt, t
from icc.store.sessions import DataSession
from icc.views.areas_view import areas_choices, version_glance
from icc.views.city_facts import network_names


@dataclass
class RoundData:
    today: dt.date
    version: str  # the newest Index version with assessments: medians are within it
    coverage: pd.DataFrame  # every city: newest assessment, its age and class
    counts: dict[str, int]
    glance: pd.DataFrame
    area_names: dict[str, str]
    movers: pd.DataFrame
    joiners: pd.DataFrame
    by_country: pd.DataFrame
    by_network: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"coverage": self.coverage, "glance": self.glance, "movers": self.movers,
                "newest_members": self.joiners, "by_country": self.by_country, "by_network": self.by_network}

    def coverage_table(self, language: str) -> pd.DataFrame:
        """The coverage as a reader's table: oldest results first, then the cities that never answered."""
        table = self.coverage.assign(order=self.coverage["age_class"].map(AGE_ORDER)).sort_values(
            ["order", "newest_assessed_on", "name"], na_position="last")
        return pd.DataFrame({
            "name": table["name"], "country": table[f"country_{language}"],
            "membership": table["membership_class"].map(lambda c: t(f"membership.{c}")),
            "newest": [t("round.never") if fmt.is_missing(date) else fmt.partial_date(date, precision)
                       for date, precision in zip(table["newest_assessed_on"], table["newest_precision"])],
            "version": [t(f"version.short.{v}") if isinstance(v, str) else t("common.missing")
                        for v in table["newest_version"]],
            "age_years": table["age_years"],
            "age": [t("round.never") if fmt.is_missing(age) else t("round.age_years", years=fmt.number(age, 1))
                    for age in table["age_years"]]})

    def coverage_figure(self):
        return maps.coverage_map(self.coverage, {age: t(f"round.age.{age}") for age in coverage_analysis.AGE_CLASSES},
                                 t("round.map_title", date=fmt.partial_date(self.today, "day")), t("map.source"))


AGE_ORDER = {age: position for position, age in enumerate(("old", "older", "recent", "never"))}


def round_data(session: DataSession, today: dt.date | None = None) -> RoundData:
    today = today or dt.date.today()
    found = coverage_analysis.with_age(session.query("coverage"), today)
    version = areas_choices(session, "").default_version
    choices = areas_choices(session, version)
    names = dict(zip(choices.version_areas["code"], choices.version_areas[f"name_{session.language}"]))
    assessed = found[found["assessments"] > 1]["city_id"].tolist()
    trajectories = session.query("city_trajectories", city_ids=assessed, harmonised_code="aggregate") \
        if assessed else pd.DataFrame()
    movers = coverage_analysis.movers(trajectories) if not trajectories.empty else pd.DataFrame()
    networks = network_names(session.query("networks"), session.language)
    members = found.explode("network_ids").dropna(subset=["network_ids"])
    return RoundData(
        today, version, found, coverage_analysis.summary(found), session.cached(version_glance, version), names,
        movers, session.query("newest_joiners", limit=10),
        coverage_analysis.by_group(found, found[f"country_{session.language}"], version),
        coverage_analysis.by_group(members, members["network_ids"].map(networks), version)
        if not members.empty else pd.DataFrame(columns=["group", "cities", "assessed", "median", "median_cities"]))
