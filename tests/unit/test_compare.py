"""Comparing cities: same version, harmonised areas across versions, gap table, head-to-head."""

import pandas as pd
import pytest

from icc.analysis import compare
from icc.analysis.summary import head_to_head_summary
from icc.i18n import set_language

pytestmark = pytest.mark.usefixtures("english")


def score_rows(city, version, areas):
    rows = []
    for order, (code, harmonised, score) in enumerate(areas):
        rows.append({"city_id": city, "city_name": city.title(), "assessment_id": f"{city}-{version}",
                     "version_id": version, "assessed_on": pd.Timestamp("2020-01-01"), "date_precision": "year",
                     "area_code": code, "harmonised_code": harmonised, "display_order": order,
                     "short_en": code[:4], "short_fr": code[:4], "area_name_en": code, "area_name_fr": code,
                     "score": score})
    return rows


def test_same_version_keeps_every_area_and_missing_values():
    scores = pd.DataFrame(score_rows("oslo", "2019", [("commitment", "commitment", 80), ("interaction", "interaction", 60)])
                          + score_rows("bergen", "2019", [("commitment", "commitment", 70)]))
    result = compare.build_comparison(scores, ["oslo", "bergen"])
    assert not result.harmonised
    assert result.wide["area_code"].tolist() == ["commitment", "interaction"]
    assert result.wide["Oslo"].tolist() == [80, 60]
    assert pd.isna(result.wide["Bergen"].iloc[1])


def test_different_versions_compare_only_harmonised_areas():
    scores = pd.DataFrame(
        score_rows("oslo", "2019", [("media_communication", "media", 80), ("anti_discrimination", "anti_discrimination", 60)])
        + score_rows("odesa", "2009", [("media", "media", 50), ("governance", "governance", 40)]))
    result = compare.build_comparison(scores, ["oslo", "odesa"])
    assert result.harmonised
    assert result.wide["harmonised_code"].tolist() == ["media"]
    assert result.wide[["Oslo", "Odesa"]].iloc[0].tolist() == [80, 50]


def test_gap_table_sorted_by_spread_with_leader():
    wide = pd.DataFrame({"area_code": ["a", "b"], "harmonised_code": ["a", "b"], "short": ["A", "B"],
                         "name": ["Alpha", "Beta"], "Oslo": [50, 90], "Bergen": [55, 40]})
    table = compare.gap_table(wide)
    assert table["name"].tolist() == ["Beta", "Alpha"]
    assert table["spread"].tolist() == [50, 5] and table["leader"].tolist() == ["Oslo", "Bergen"]


def test_no_leader_without_two_scores_and_a_tie_is_level():
    set_language("en")
    wide = pd.DataFrame({"area_code": ["a", "b", "c"], "harmonised_code": ["a", "b", "c"], "short": ["A", "B", "C"],
                         "name": ["Alone", "Both full", "Apart"], "Guro-gu": [70, 100, 60], "Ansan": [None, 100, 50]})
    table = compare.gap_table(wide).set_index("name")
    assert pd.isna(table.loc["Alone", "spread"]) and pd.isna(table.loc["Alone", "leader"])
    assert table.loc["Both full", "spread"] == 0 and table.loc["Both full", "leader"] == "level"
    assert table.loc["Apart", "leader"] == "Guro-gu"


def test_head_to_head_gaps_and_sentence():
    wide = pd.DataFrame({"area_code": list("abcd"), "harmonised_code": list("abcd"), "short": list("ABCD"),
                         "name": list("ABCD"), "Host": [80, 60, 50, None], "Visitor": [70, 75, 50, 20]})
    table = compare.head_to_head(wide, "Host", "Visitor")
    assert table["name"].tolist() == ["A", "C", "B"]  # D has no score for Host
    assert table["gap"].tolist() == [10, 0, -15]
    assert table["ahead"].tolist() == ["Host", "level", "Visitor"]  # a tie has no winner
    assert head_to_head_summary(table, "Host", "Visitor") == (
        "Host is ahead in 1 area, most in A (10); Visitor is ahead in 1 area, most in B (15). "
        "Equal scores in 1 area. Gaps are in points.")


def test_head_to_head_says_the_aggregate_apart_from_the_areas():
    import pandas as pd

    from icc.analysis.summary import head_to_head_summary

    only_aggregate = pd.DataFrame({"name": ["Aggregate"], "short": ["Aggregate"], "area_code": ["aggregate"],
                                   "harmonised_code": ["aggregate"], "Oslo": [85.0], "Odesa": [72.0], "gap": [13.0],
                                   "ahead": ["Oslo"]})
    text = head_to_head_summary(only_aggregate, "Oslo", "Odesa")
    assert text == ("On the aggregate Index, Oslo is 13 points ahead (Oslo 85, Odesa 72). "
                    "No policy area is scored for both, so the areas cannot be compared.")
    assert "most in Aggregate" not in text
