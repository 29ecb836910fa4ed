"""What the trends page shows: the network's median per year for one policy area, the chosen cities'
trajectories and changes, and the network's activity (data twin: `TrendsData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import trends
from icc.analysis.growth import cumulative_growth
from icc.store.sessions import DataSession
from icc.views.url_state import TrendsState


@dataclass
class TrendsChoices:
    areas: dict[str, str]  # harmonised code -> name in the session's language
    year_bounds: tuple[int, int]


def trends_choices(session: DataSession) -> TrendsChoices:
    areas = session.query("harmonised_areas")
    per_year = session.query("assessments_per_year")
    bounds = (int(per_year["year"].min()), int(per_year["year"].max())) if not per_year.empty else (2008, 2008)
    return TrendsChoices(dict(zip(areas["harmonised_code"], areas[f"name_{session.language}"])), bounds)


@dataclass
class TrendsData:
    series: pd.DataFrame  # the network per year and version (thin years flagged)
    trajectories: pd.DataFrame  # the chosen cities' scores over time
    changes: pd.DataFrame  # per city: first and last assessment and the change between them
    growth: pd.DataFrame
    unknown_year: int
    per_year: pd.DataFrame  # assessments per year
    segments: pd.DataFrame | None = None  # the network's lines as drawn (trends.segments)
    thin_years: list[int] | None = None  # years with too few cities to draw


    def frames(self) -> dict[str, pd.DataFrame]:
        return {"network_trend": self.series, "city_trajectories": self.trajectories, "city_changes": self.changes,
                "membership_growth": self.growth, "assessments_per_year": self.per_year}


def trends_data(session: DataSession, state: TrendsState) -> TrendsData:
    series = trends.in_years(trends.network_series(session.query("network_trend", harmonised_code=state.area)),
                             state.years)
    trajectories = pd.DataFrame()
    changes = pd.DataFrame()
    if state.cities:
        found = session.query("city_trajectories", city_ids=list(state.cities), harmonised_code=state.area)
        trajectories = trends.in_years(found.assign(year=found["assessed_on"].dt.year), state.years)
        if not trajectories.empty:
            changes = trends.trajectory_changes(trajectories, harmonised=state.harmonised)
    growth, unknown = cumulative_growth(session.query("membership_growth"))
    return TrendsData(series, trajectories, changes, growth, unknown, session.query("assessments_per_year"),
                      trends.segments(series, state.harmonised), trends.thin_years(series))


# The rules the page states under its charts.
MIN_CITIES_PER_POINT = trends.MIN_CITIES_PER_POINT
NOISE_THRESHOLD_POINTS = trends.NOISE_THRESHOLD_POINTS
REVISION_YEAR = trends.REVISION_YEAR
