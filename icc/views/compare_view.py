"""What the compare page shows: the cities' scores on one Index version, side by side, with the gaps and,
for two cities, head to head (data twin: `CompareData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import compare
from icc.store.sessions import DataSession
from icc.views.url_state import CompareState


def comparison_scores(session: DataSession, city_ids: list[str], version: str = "") -> tuple[pd.DataFrame, str]:
    """The scores a comparison of `city_ids` sets side by side (see compare.choose_assessments) and the version
    used."""
    ids, used = compare.choose_assessments(session.query("compare_assessments", city_ids=city_ids), city_ids, version)
    return session.query("compare_scores", assessment_ids=ids), used


@dataclass
class CompareData:
    result: compare.Comparison
    cities: list[str]  # the names with scores, in the order asked
    without_results: list[str]  # ids asked for that have no assessment to compare
    gaps: pd.DataFrame
    head_to_head: pd.DataFrame | None  # two cities only

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {"scores": self.result.wide, "gaps": self.gaps, "assessments": self.result.assessments}
        return frames | ({"head_to_head": self.head_to_head} if self.head_to_head is not None else {})


def compare_data(session: DataSession, state: CompareState) -> CompareData:
    scores, _ = comparison_scores(session, list(state.cities), state.version)
    result = compare.build_comparison(scores, list(state.cities))
    cities = compare.city_columns(result.wide)
    head_to_head = compare.head_to_head(result.wide, *cities) if len(cities) == 2 and not result.wide.empty else None
    return CompareData(result, cities, [c for c in state.cities if c not in set(scores["city_id"])],
                       compare.gap_table(result.wide) if len(cities) >= 2 else pd.DataFrame(), head_to_head)
