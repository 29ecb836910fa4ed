"""Where a city stands among all cities of its Index version and among cities like it (population band,
foreign-resident share band); no rank or percentile below three cities."""

import pandas as pd

from icc.analysis import standing

CITIES = pd.DataFrame({"city_id": ["a", "b", "c", "d", "e"],
                       "population": [120_000, 150_000, 180_000, 900_000, None],
                       "foreign_share_pct": [12.0, 30.0, 11.0, 14.0, 13.0]})
SCORES = pd.DataFrame({"city_id": ["a", "b", "c", "d", "e", "a", "b"],
                       "area_code": ["aggregate"] * 5 + ["education"] * 2,
                       "score": [70.0, 80.0, 60.0, 90.0, 70.0, 50.0, 40.0]})


def test_a_city_is_ranked_among_all_and_among_cities_of_its_bands():
    scopes = standing.scopes(CITIES.iloc[0], CITIES)
    assert [scope.key for scope in scopes] == ["all", "population", "foreign_share"]
    assert scopes[1].city_ids == {"a", "b", "c"}  # 100,000-200,000 inhabitants
    assert scopes[2].city_ids == {"a", "c", "d", "e"}  # 10-15 %
    table = standing.standing("a", SCORES, scopes).set_index(["area_code", "scope"])
    assert table.loc[("aggregate", "all"), "rank"] == 3 and table.loc[("aggregate", "all"), "cities"] == 5
    assert table.loc[("aggregate", "all"), "percentile"] == 37.5  # 1 lower, 1 tied of 4 others
    assert table.loc[("aggregate", "population"), "rank"] == 2  # behind b (80), ahead of c (60)
    assert table.loc[("aggregate", "foreign_share"), "rank"] == 2  # behind d, tied with e


def test_no_rank_below_three_cities_and_no_band_without_the_city_s_own_value():
    table = standing.standing("a", SCORES, standing.scopes(CITIES.iloc[0], CITIES)).set_index(["area_code", "scope"])
    assert pd.isna(table.loc[("education", "all"), "rank"]) and table.loc[("education", "all"), "cities"] == 2
    assert pd.isna(table.loc[("education", "all"), "percentile"])
    assert [scope.key for scope in standing.scopes(CITIES.iloc[4], CITIES)] == ["all", "foreign_share"]
