"""What the good-practice catalogue shows: the entries matching the search and filters, with the facets the
sidebar offers (data twin: `PracticesData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import practices
from icc.i18n import t
from icc.store.sessions import DataSession
from icc.views.url_state import PracticesState

# What the pages say of the language of the practices they show.
source_language_note, title_language = practices.source_language_note, practices.title_language

# Not policy areas a practice is filed under.
NOT_PRACTICE_AREAS = ("aggregate", "intercultural_lens")


@dataclass
class PracticesChoices:
    areas: dict[str, str]  # code -> name of every area a practice may be tagged with (and anti-rumours)
    countries: dict[str, str]
    cities: dict[str, str]

    @property
    def filter_areas(self) -> list[str]:
        return [code for code in self.areas if code not in NOT_PRACTICE_AREAS]


def practices_choices(session: DataSession) -> PracticesChoices:
    facets = session.query("practice_facets")
    label = f"label_{session.language}"

    def facet(name: str) -> dict[str, str]:
        rows = facets[facets["facet"] == name]
        return dict(zip(rows["value"], rows[label]))

    areas = session.query("harmonised_areas")
    names = {**dict(zip(areas["harmonised_code"], areas[f"name_{session.language}"])),
             "anti_rumours": t("practices.anti_rumours")}
    return PracticesChoices(names, facet("country"), facet("city"))


@dataclass
class PracticesData:
    found: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"practices": self.found.drop(columns=["cities", "sources"])}


def tag_names(session: DataSession) -> dict[str, list[str]]:
    """Every name of each area in both languages (a search for 'éducation' finds education practices)."""
    areas = session.query("harmonised_areas")
    names = {row.harmonised_code: [row.name_en, row.name_fr, row.short_en, row.short_fr]
             for row in areas.itertuples()}
    return names | {"anti_rumours": [t("practices.anti_rumours", language=language) for language in ("en", "fr")]}


def practices_data(session: DataSession, state: PracticesState) -> PracticesData:
    candidates = session.query("practices_search", text="", area=state.area, country=state.country,
                               city_id=state.city, year_from=0, year_to=0)
    found = practices.matching(candidates, state.text, tag_names(session))
    # Each entry's source addresses, the first being its own page (practices.source_links).
    return PracticesData(found.assign(sources=found["url"].map(practices.source_links) if not found.empty else []))
