"""The published figures as the source files in data/ state them, read with pandas alone (not through the
build or the app's queries): tests compare what the pages show with these, so a data update changes both
and a wrong count in the build or a query does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from icc.paths import DATA


@dataclass(frozen=True)
class SourceFacts:
    cities: int
    countries: int
    national_networks: int
    cities_with_index: int
    published_figures: int
    newest_assessment: str  # 'Nov 2020', as a page writes a month
    first_year: int
    cities_in_first_year: int
    unknown_year: int
    top_country_iso2: str
    top_country_cities: int


@lru_cache(maxsize=1)
def source_facts() -> SourceFacts:
    cities = pd.read_csv(DATA / "cities.csv", dtype=str)
    memberships = pd.read_csv(DATA / "memberships.csv", dtype={"joined_year": "Int64"})
    scores = pd.read_csv(DATA / "index_scores.csv", dtype=str)
    joined = memberships.groupby("city_id")["joined_year"].min()
    first_year = int(joined.min())
    newest = max(scores["assessed_on"])  # ISO dates and months sort as text
    by_country = cities["country_iso2"].value_counts()
    return SourceFacts(
        cities=len(cities), countries=cities["country_iso2"].nunique(),
        national_networks=len(pd.read_csv(DATA / "networks.csv")),
        cities_with_index=scores["city_id"].nunique(), published_figures=len(scores),
        newest_assessment=newest if len(newest) == 4 else dt.date(int(newest[:4]), int(newest[5:7]), 1).strftime("%b %Y"),
        first_year=first_year, cities_in_first_year=int((joined == first_year).sum()),
        unknown_year=int(cities["city_id"].map(joined).isna().sum()),
        top_country_iso2=by_country.index[0], top_country_cities=int(by_country.iloc[0]))


def country_name(iso2: str, language: str = "en") -> str:
    countries = pd.read_csv(DATA / "countries.csv", dtype=str, keep_default_na=False).set_index("iso2")
    return countries.loc[iso2, f"name_{language}"]
