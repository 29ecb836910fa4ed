"""What the compare page shows: the cities' scores on one Index version, side by side, with the gaps and,
for two cities, head to head (data twin: `CompareData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from icc.analysis import compare
from icc.analysis.summary import head_to_head_summary
from icc.charts.dumbbell import dumbbell_chart
from icc.i18n import format as fmt, t
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
    axes: pd.DataFrame | None = None  # the radar's rows (compare.radar_rows)
    drawable: bool = False  # three or more areas shared: a radar can be drawn
    head_to_head_sentence: str = ""

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {"scores": self.result.wide, "gaps": self.gaps, "assessments": self.result.assessments}
        return frames | ({"head_to_head": self.head_to_head} if self.head_to_head is not None else {})


def compare_data(session: DataSession, state: CompareState) -> CompareData:
    scores, _ = comparison_scores(session, list(state.cities), state.version)
    result = compare.build_comparison(scores, list(state.cities))
    cities = compare.city_columns(result.wide)
    head_to_head = compare.head_to_head(result.wide, *cities) if len(cities) == 2 and not result.wide.empty else None
    return CompareData(result, cities, [c for c in state.cities if c not in set(scores["city_id"])],
                       compare.gap_table(result.wide) if len(cities) >= 2 else pd.DataFrame(), head_to_head,
                       compare.radar_rows(result.wide) if not result.wide.empty else None,
                       not result.wide.empty and compare.shared_axes(result.wide) >= 3,
                       head_to_head_summary(head_to_head, *cities) if head_to_head is not None else "")


# The Index versions a comparison may be asked for ('' = the version most of the cities share).
VERSION_CHOICES = compare.VERSION_CHOICES


def gap_label(first: str, second: str):
    def label(gap: float) -> str:
        if gap == 0:
            return t("compare.gap_level")
        return t("compare.gap_label", city=first if gap > 0 else second, points=fmt.number(abs(gap)))
    return label


def dumbbell_figure(head_to_head: pd.DataFrame, first: str, second: str,
                    colours: tuple[str, str] | None = None) -> go.Figure:
    """The two cities area by area, titled and sourced in the session's language."""
    options = {"colours": colours} if colours else {}
    return dumbbell_chart(head_to_head, first, second, t("compare.dumbbell_title", first=first, second=second),
                          t("compare.source"), t("axis.score"), gap_label(first, second), **options)
