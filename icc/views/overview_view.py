"""What the overview shows: the headline figures, the membership growth, cities per country and the newest
joiners (its data twin: `OverviewData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis.areas import glance_sentence
from icc.analysis.growth import cumulative_growth
from icc.analysis.summary import countries_summary, growth_summary
from icc.i18n import format as fmt, t
from icc.store.sessions import DataSession
from icc.views.areas_view import areas_choices, version_glance


@dataclass
class OverviewData:
    kpis: pd.Series
    cities: pd.DataFrame
    growth: pd.DataFrame
    unknown_year: int
    countries: pd.DataFrame
    joiners: pd.DataFrame
    glance_version: str  # the newest Index version with assessments
    glance: pd.DataFrame  # its policy areas by network median (see areas.network_glance)
    area_labels: dict[str, str]  # short area names in the session's language
    # What the page says about them, in the session's language.
    areas_sentence: str = ""
    growth_sentence: str = ""
    countries_sentence: str = ""
    membership_note: str = ""  # as of when the membership is true

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"headline_figures": self.kpis.to_frame().T, "membership_growth": self.growth,
                "cities_per_country": self.countries, "newest_joiners": self.joiners,
                "network_at_a_glance": self.glance}


NEWEST_JOINERS = 12


def membership_note(session: DataSession) -> str:
    """As of when the membership shown is true: the curated files, or the newest membership round imported."""
    as_of = session.query("membership_as_of").iloc[0]
    if int(as_of["rounds"]) and not session.is_demo:
        return t("membership.as_of_round", date=fmt.partial_date(pd.Timestamp(as_of["last_round"]).date(), "day"))
    newest = session.query("joined_year_range").iloc[0]["last_year"]
    return t("membership.as_of", year=int(newest) if not fmt.is_missing(newest) else t("common.missing"))


def overview_data(session: DataSession) -> OverviewData:
    growth, unknown_year = cumulative_growth(session.query("membership_growth"))
    choices = areas_choices(session, "")
    version = choices.default_version
    glance = session.cached(version_glance, version)
    labels = dict(zip(choices.version_areas["code"], choices.version_areas[f"short_{session.language}"]))
    countries = session.query("cities_per_country")
    return OverviewData(
        kpis=session.query("overview_kpis").iloc[0],
        cities=session.query("cities"), growth=growth, unknown_year=unknown_year, countries=countries,
        joiners=session.query("newest_joiners", limit=NEWEST_JOINERS), glance_version=version, glance=glance,
        area_labels=labels, areas_sentence=glance_sentence(glance, labels),
        growth_sentence=growth_summary(growth, unknown_year), countries_sentence=countries_summary(countries),
        membership_note=membership_note(session))
