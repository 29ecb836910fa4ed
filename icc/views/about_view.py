"""What About shows: the Index versions and their policy areas, and what the published sources hold (the
demo describes the real sources too, and says so) (data twin: `AboutData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.store.sessions import DataSession
from icc.views.overview_view import membership_note


@dataclass
class AboutData:
    versions: pd.DataFrame
    areas: pd.DataFrame
    source_counts: pd.Series  # of the published data, whatever the session shows
    membership_note: str = ""  # as of when the published membership is true

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"index_versions": self.versions, "policy_areas": self.areas,
                "source_counts": self.source_counts.to_frame().T}


def about_data(session: DataSession, published: DataSession) -> AboutData:
    areas = session.query("policy_areas")
    return AboutData(session.query("index_versions"), areas.assign(linked=linked_areas(areas, session.language)),
                     published.query("source_counts").iloc[0], membership_note(published))


def linked_areas(areas: pd.DataFrame, language: str) -> list[str | None]:
    """For each area, the name of the area of the other Index version that shares its harmonised code (the two
    are compared across the revision); missing where none does."""
    names = areas[f"name_{language}"]
    linked = []
    for row, name in zip(areas.itertuples(), names):
        others = names[(areas["harmonised_code"] == row.harmonised_code) & (areas["version_id"] != row.version_id)]
        linked.append(others.iloc[0] if len(others) else None)
    return linked
