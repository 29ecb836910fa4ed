"""What the overview shows: the headline figures, the membership growth, cities per country and the newest
joiners (its data twin: `OverviewData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis.growth import cumulative_growth
from icc.store.sessions import DataSession


@dataclass
class OverviewData:
    kpis: pd.Series
    newest_join_year: float | None
    cities: pd.DataFrame
    growth: pd.DataFrame
    unknown_year: int
    countries: pd.DataFrame
    joiners: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"headline_figures": self.kpis.to_frame().T, "membership_growth": self.growth,
                "cities_per_country": self.countries, "newest_joiners": self.joiners}


NEWEST_JOINERS = 12


def overview_data(session: DataSession) -> OverviewData:
    growth, unknown_year = cumulative_growth(session.query("membership_growth"))
    return OverviewData(
        kpis=session.query("overview_kpis").iloc[0],
        newest_join_year=session.query("joined_year_range").iloc[0]["last_year"],
        cities=session.query("cities"), growth=growth, unknown_year=unknown_year,
        countries=session.query("cities_per_country"),
        joiners=session.query("newest_joiners", limit=NEWEST_JOINERS))
