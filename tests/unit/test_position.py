"""Relative position: percentiles among all scored cities, ranks within country and national network."""

import numpy as np
import pandas as pd

from icc.analysis import position


def test_percentiles_count_ties_half_and_need_three_cities():
    assert position.percentile_of(70, pd.Series([50, 70, 90])) == 50
    assert position.percentile_of(90, pd.Series([50, 70, 90])) == 100
    assert position.percentile_of(70, pd.Series([70, 70, 70, 10])) == 66.7  # 1 below, 2 ties: 2 of 3, one decimal
    assert np.isnan(position.percentile_of(70, pd.Series([70, 50])))  # two cities: no percentile
    assert np.isnan(position.percentile_of(70, pd.Series([70, None, 50])))


def test_ranks_are_shared_by_ties_and_need_three_cities():
    assert position.rank_within(70, pd.Series([90, 70, 70, 20])) == (2, 4)
    rank, n = position.rank_within(70, pd.Series([90, 70]))
    assert np.isnan(rank) and n == 2


def test_the_city_is_placed_in_its_country_and_its_largest_scored_network():
    scores = pd.DataFrame([(city, country, area, score) for city, country, area, score in [
        ("a", "NO", "education", 80), ("b", "NO", "education", 60), ("c", "NO", "education", 90),
        ("d", "IT", "education", 40), ("a", "NO", "media", 50), ("d", "IT", "media", 70)]],
        columns=["city_id", "country_iso2", "area_code", "score"])
    cities = pd.DataFrame({"city_id": ["a", "b", "c", "d"],
                           "network_ids": [["no-net", "small"], ["no-net"], ["no-net"], ["small"]]})
    found = position.relative_position(pd.Series({"city_id": "a", "country_iso2": "NO"}), scores, cities)
    education = found.set_index("area_code").loc["education"]
    assert education["percentile"] == 66.7 and education["cities"] == 4
    assert (education["country_rank"], education["country_n"]) == (2, 3)
    assert (education["network_id"], education["network_rank"], education["network_n"]) == ("no-net", 2, 3)
    media = found.set_index("area_code").loc["media"]  # two cities scored: no percentile, no ranks
    assert np.isnan(media["percentile"]) and np.isnan(media["country_rank"]) and media["country_n"] == 1
