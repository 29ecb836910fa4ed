"""What changed since a city's previous assessment: per area, largest first, noise and the revision said."""

import pandas as pd

from icc.analysis import profile, trends
from icc.i18n import set_language


def scores(rows):
    return pd.DataFrame(rows, columns=["area_code", "harmonised_code", "score"])


NOW = scores([("aggregate", "aggregate", 60), ("education", "education", 70), ("media", "media", 52),
              ("welcoming", None, 40), ("culture", "culture", None)])


def test_within_a_version_areas_match_by_code_and_the_threshold_marks_what_is_beyond_noise():
    before = scores([("aggregate", "aggregate", 58), ("education", "education", 55), ("media", "media", 60),
                     ("welcoming", None, 41), ("culture", "culture", 30)])
    changes = trends.changes_since(NOW, before, same_version=True)
    assert changes["area_code"].tolist() == ["education", "media", "aggregate", "welcoming"]  # largest first
    assert changes["change"].tolist() == [15, -8, 2, -1]
    assert changes["beyond_noise"].tolist() == [True, True, False, False]  # culture has no score now: left out


def test_across_the_revision_only_harmonised_areas_match_and_nothing_counts_as_beyond_noise():
    old_version = scores([("aggregate_2009", "aggregate", 70), ("education_2009", "education", 40),
                          ("welcoming_2009", None, 90)])
    changes = trends.changes_since(NOW, old_version, same_version=False)
    # The aggregate is made of other questions in each version: never set beside its namesake.
    assert changes["area_code"].tolist() == ["education"]
    assert not changes["beyond_noise"].any()


def test_the_sentence_names_rises_falls_and_the_steady_areas():
    set_language("en")
    names = {"education": "Education", "media": "Media", "aggregate": "Aggregate", "welcoming": "Welcoming"}
    before = scores([("aggregate", "aggregate", 58), ("education", "education", 55), ("media", "media", 60),
                     ("welcoming", None, 41)])
    sentence = profile.changes_sentence(trends.changes_since(NOW, before, True), names, True)
    # The aggregate apart: it is not one of the areas that rose or fell.
    assert sentence == "The aggregate Index moved +2 points, less than the noise threshold. Up in 1 area: " \
                       "Education (+15). Down in 1 area: Media (−8). 1 area moved less than the noise threshold."
    across = profile.changes_sentence(trends.changes_since(NOW, before, False), names, False)
    assert across.startswith("Across the revision, on 2 harmonised areas; largest differences: Education (+15)")


def test_a_count_of_areas_is_followed_by_as_many_names_largest_first():
    set_language("en")
    now = scores([(code, code, score) for code, score in
                  [("a", 50), ("b", 50), ("c", 50), ("d", 50), ("e", 50)]])
    before = scores([(code, code, score) for code, score in
                     [("a", 55), ("b", 60), ("c", 56), ("d", 57), ("e", 51)]])
    sentence = profile.changes_sentence(trends.changes_since(now, before, True), {}, True)
    assert sentence.startswith("Down in 4 areas: b (−10), d (−7), c (−6), a (−5).")


def test_across_the_revision_without_a_difference_the_sentence_says_so_without_an_empty_list():
    for language, expected in (("en", "Across the revision, on 1 harmonised area: the same scores in both "
                                      "versions."),
                               ("fr", "D'une version à l'autre, sur 1 domaine harmonisé : les mêmes scores dans "
                                      "les deux versions.")):
        set_language(language)
        now = scores([("aggregate", "aggregate", 85), ("education", "education", 70)])
        before = scores([("aggregate_2009", "aggregate", 85), ("education_2009", "education", 70)])
        sentence = profile.changes_sentence(trends.changes_since(now, before, False), {}, False)
        assert sentence == expected and ": ." not in sentence
    set_language("en")
