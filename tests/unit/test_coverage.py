"""The Index's coverage of the network: the age of each city's newest assessment, who never answered, the
largest movers within one Index version, and medians by group only within one version and from three cities."""

import datetime as dt

import pandas as pd

from icc.analysis import coverage

TODAY = dt.date(2026, 11, 30)
CITIES = pd.DataFrame({
    "city_id": ["a", "b", "c", "d", "e"], "name": list("ABCDE"),
    "newest_assessed_on": pd.to_datetime(["2025-06-01", "2022-11-30", "2019-01-01", None, "2024-01-01"]),
    "newest_version": ["2019", "2019", "2009", None, "2019"], "latest_score": [60.0, 70.0, 50.0, None, 80.0],
    "assessments": [2, 1, 3, 0, 1], "country": ["NO", "NO", "NO", "NO", "IT"]})


def test_each_city_s_newest_assessment_is_aged_and_classed_and_never_is_never():
    aged = coverage.with_age(CITIES, TODAY).set_index("city_id")
    assert aged["age_class"].to_dict() == {"a": "recent", "b": "older", "c": "old", "d": "never", "e": "older"}
    assert aged.loc["a", "age_years"] == 1.5 and pd.isna(aged.loc["d", "age_years"])
    assert coverage.summary(aged.reset_index()) == {"cities": 5, "assessed": 4, "recent": 1, "older": 2, "old": 1,
                                                    "never": 1}


def test_medians_by_group_only_within_one_version_and_from_three_cities():
    aged = coverage.with_age(CITIES, TODAY)
    groups = coverage.by_group(aged, aged["country"], "2019").set_index("group")
    assert groups.loc["NO", "cities"] == 4 and groups.loc["NO", "assessed"] == 3
    assert pd.isna(groups.loc["NO", "median"]) and groups.loc["NO", "median_cities"] == 2  # c is 2009


def test_movers_are_the_last_change_within_one_version_beyond_the_noise():
    rows = [("a", "A", "2019", "2020-01-01", 40), ("a", "A", "2019", "2023-01-01", 60),
            ("b", "B", "2009", "2015-01-01", 50), ("b", "B", "2019", "2021-01-01", 80),
            ("c", "C", "2019", "2020-01-01", 50), ("c", "C", "2019", "2022-01-01", 52)]
    trajectories = pd.DataFrame(rows, columns=["city_id", "city_name", "version_id", "assessed_on", "score"]).assign(
        assessed_on=lambda f: pd.to_datetime(f["assessed_on"]), assessment_id=lambda f: f.index.astype(str),
        date_precision="day", area_code="aggregate")
    moved = coverage.movers(trajectories)
    assert moved["city_id"].tolist() == ["a"] and moved["change"].tolist() == [20]  # b crossed the revision
