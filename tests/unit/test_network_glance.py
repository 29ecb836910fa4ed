"""The network at a glance: every area by network median, its spread, and the change between rounds."""

import pandas as pd

from icc.analysis import areas
from icc.i18n import set_language

VERSION_AREAS = pd.DataFrame({"code": ["aggregate", "education", "media", "culture"],
                              "harmonised_code": ["aggregate", "education", "media", "culture"],
                              "group_code": ["composite", "policy", "policy", "policy"]})


def scores(rows):
    return pd.DataFrame(rows, columns=["city_id", "area_code", "score"])


LATEST = scores([(city, "education", score) for city, score in zip("abcd", (40, 60, 60, 80))]
                + [(city, "media", score) for city, score in zip("abcd", (70, 90, 70, 80))]
                + [("a", "aggregate", 55)])


def test_areas_are_ranked_by_median_with_quartiles_range_and_count_and_ties_by_code():
    glance = areas.network_glance(LATEST, scores([]), VERSION_AREAS)
    assert glance["area_code"].tolist() == ["media", "education", "culture"]  # the aggregate is left out
    media = glance.iloc[0]
    assert (media["cities"], media["median"], media["low"], media["high"]) == (4, 75, 70, 90)
    assert (media["q1"], media["q3"]) == (70, 82.5)
    culture = glance.iloc[2]
    assert culture["cities"] == 0 and pd.isna(culture["median"])  # an area nobody scored stays, as missing
    tied = areas.network_glance(scores([("a", "media", 50), ("a", "education", 50)]), scores([]), VERSION_AREAS)
    assert tied["area_code"].tolist()[:2] == ["education", "media"]


def test_the_change_since_the_previous_round_needs_three_cities_with_one():
    two_before = scores([("a", "education", 30), ("b", "education", 70)])
    glance = areas.network_glance(LATEST, two_before, VERSION_AREAS).set_index("area_code")
    assert glance.loc["education", "change_cities"] == 2 and pd.isna(glance.loc["education", "change"])
    three_before = scores([("a", "education", 30), ("b", "education", 70), ("c", "education", 50)])
    glance = areas.network_glance(LATEST, three_before, VERSION_AREAS).set_index("area_code")
    assert glance.loc["education", "change"] == 10  # changes +10, -10, +10: median +10
    assert glance.loc["media", "change_cities"] == 0 and pd.isna(glance.loc["media", "change"])


def test_the_sentence_names_strengths_and_weaknesses_only_when_the_medians_say_something():
    set_language("en")
    labels = {"education": "Education", "media": "Media", "culture": "Culture", "language": "Language"}
    many = pd.DataFrame({"area_code": ["media", "education", "language", "culture"], "cities": [5, 5, 5, 5],
                         "median": [80.0, 60.0, 50.0, 40.0]})
    assert areas.glance_sentence(many, labels) == (
        "The network is strongest in Media (80) and Education (60) and weakest in Culture (40) and "
        "Language (50) (network medians, points out of 100).")
    thin = many.assign(cities=[5, 5, 2, 2])  # two areas with fewer than three cities
    assert "too little to name" in areas.glance_sentence(thin, labels)
    flat = many.assign(median=70.0)
    assert "too little to name" in areas.glance_sentence(flat, labels)
    none = many.assign(cities=[2, 2, 1, 0])  # no area scored by three cities: no "Only 0 areas"
    assert areas.glance_sentence(none, labels).startswith("No area has scores from at least 3 cities")
