"""Peer strategies on crafted cities: reasons, no self, determinism, missing data."""

import numpy as np
import pandas as pd
import pytest

from icc.analysis import peers

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def cities():
    return pd.DataFrame({
        "city_id": ["a", "b", "c", "d", "e", "f"],
        "name": ["Ash", "Birch", "Cedar", "Dogwood", "Elm", "Fir"],
        "country_iso2": ["IT", "IT", "ES", "IT", "NO", "ES"],
        "country_en": ["Italy", "Italy", "Spain", "Italy", "Norway", "Spain"],
        "country_fr": ["Italie", "Italie", "Espagne", "Italie", "Norvège", "Espagne"],
        "population": pd.array([150_000, 180_000, 120_000, 900_000, None, 199_999], dtype="Int64"),
        "foreign_share_pct": [12.0, 14.9, 15.0, None, 11.0, 3.0],
        "network_ids": [["it-net"], ["it-net"], ["es-net"], [], [], ["es-net", "it-net"]],
    })


def city(cities, city_id):
    return cities.set_index("city_id").loc[city_id].rename(city_id).to_frame().T.reset_index(
        names="city_id").iloc[0]


def test_population_band_excludes_self_and_explains(cities):
    found = peers.find_peers("population", city(cities, "a"), cities)
    assert found["city_id"].tolist() == ["b", "c", "f"]  # 100,000-200,000; sorted by name
    assert set(found["reason"]) == {"similar population (100,000-200,000 inhabitants)"}


def test_population_unknown_gives_no_peers(cities):
    assert peers.find_peers("population", city(cities, "e"), cities).empty


def test_diversity_band_says_definitions_differ(cities):
    found = peers.find_peers("diversity", city(cities, "a"), cities)
    assert found["city_id"].tolist() == ["b", "e"]  # 10-15 %; 15.0 belongs to the next band
    assert "definitions differ" in found["reason"].iloc[0]


def test_same_country(cities):
    found = peers.find_peers("country", city(cities, "c"), cities)
    assert found["city_id"].tolist() == ["f"] and found["reason"].iloc[0] == "same country (Spain)"


def test_same_network_names_the_network(cities):
    found = peers.find_peers("network", city(cities, "a"), cities, network_names={"it-net": "Rete"})
    assert found["city_id"].tolist() == ["b", "f"]
    assert set(found["reason"]) == {"same national network (Rete)"}
    assert peers.find_peers("network", city(cities, "d"), cities).empty


def test_picked_excludes_self(cities):
    found = peers.find_peers("picked", city(cities, "a"), cities, picked=("a", "c", "e"))
    assert found["city_id"].tolist() == ["c", "e"]


def scores_frame(rows):
    return pd.DataFrame(rows, columns=["city_id", "area_code", "score"])


def test_profile_distance_uses_shared_areas_only_and_needs_three():
    scores = scores_frame([
        ("a", "x", 50), ("a", "y", 60), ("a", "z", 70), ("a", "aggregate", 60),
        ("b", "x", 53), ("b", "y", 64), ("b", "z", 70), ("b", "aggregate", 10),  # aggregate ignored
        ("c", "x", 50), ("c", "y", 60),  # only two shared areas: left out
        ("d", "x", 60), ("d", "y", 70), ("d", "z", np.nan), ("d", "w", 10),  # two shared: left out
        ("e", "x", 40), ("e", "y", 50), ("e", "z", 60),
    ])
    distances = peers.profile_distances("a", scores).set_index("city_id")
    assert sorted(distances.index) == ["b", "e"]
    assert distances.loc["b", "distance"] == pytest.approx(np.sqrt((9 + 16 + 0) / 3))
    assert distances.loc["e", "distance"] == pytest.approx(10.0)


def test_profile_peers_are_closest_first_with_reason(cities):
    scores = scores_frame([(c, area, base + i) for c, base in [("a", 50), ("b", 52), ("c", 80), ("d", 49)]
                           for i, area in enumerate(["x", "y", "z"])])
    found = peers.find_peers("profile", city(cities, "a"), cities, scores=scores)
    assert found["city_id"].tolist() == ["d", "b", "c"]
    assert found["reason"].iloc[0] == "closest Index profile: 1.0 points apart on average over 3 areas"


def test_deterministic(cities):
    first = peers.find_peers("population", city(cities, "b"), cities)
    shuffled = cities.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(first, peers.find_peers("population", city(cities, "b"), shuffled))


def test_unknown_strategy(cities):
    with pytest.raises(ValueError, match="unknown peer strategy 'vibes'"):
        peers.find_peers("vibes", city(cities, "a"), cities)
