"""Network growth series and the generated sentences."""

import pandas as pd
import pytest

from icc.analysis.growth import cumulative_growth
from icc.analysis.summary import countries_summary, growth_summary
from icc.i18n import set_language

pytestmark = pytest.mark.usefixtures("english")


def test_growth_is_cumulative_per_scope_with_gaps_filled():
    joins = pd.DataFrame({
        "joined_year": pd.array([2008, 2010, 2010, None], dtype="Int64"),
        "joined_scope": ["international", "international", "national", None],
        "cities": [3, 2, 4, 5],
    })
    growth, unknown = cumulative_growth(joins)
    assert unknown == 5
    assert growth["year"].tolist() == [2008, 2009, 2010]
    assert growth["international"].tolist() == [3, 3, 5]
    assert growth["national"].tolist() == [0, 0, 4]
    assert growth["total"].tolist() == [3, 3, 9]
    assert growth["joined"].tolist() == [3, 0, 6]


def test_growth_with_no_known_year():
    joins = pd.DataFrame({"joined_year": pd.array([None], dtype="Int64"), "joined_scope": [None], "cities": [4]})
    growth, unknown = cumulative_growth(joins)
    assert growth.empty and unknown == 4
    assert growth_summary(growth, unknown) == "No joining year is known for any city (4 cities)."


def test_growth_summary_mentions_the_unknown_years():
    growth = pd.DataFrame({"year": [2008, 2010], "international": [3, 5], "national": [0, 4], "total": [3, 9]})
    sentence = growth_summary(growth, 2)
    assert sentence.startswith("The network grew from 3 cities in 2008 to 9 in 2010: 5 in the international")
    assert sentence.endswith("2 cities have no known joining year and are not in the curve.")


def test_countries_summary_names_the_leaders():
    counts = pd.DataFrame({"country_en": ["Italy", "Italy", "Spain", "Norway"], "country_fr": ["Italie"] * 4,
                           "membership_class": ["member", "associated", "member", "member"],
                           "cities": [1, 30, 18, 6]})
    assert countries_summary(counts) == ("The cities are spread over 3 countries; Italy has the most (31), "
                                         "followed by Spain (18) and Norway (6).")


def test_growth_of_the_tiny_fixture_database(tiny_con):
    from icc.store import db

    growth, unknown = cumulative_growth(db.run("membership_growth", con=tiny_con))
    # alpha 2008 (intl), beta 2010 (intl), gamma 2012 (national), delta 2011 (national); epsilon unknown.
    assert unknown == 1
    assert growth.set_index("year")["total"].to_dict() == {2008: 1, 2009: 1, 2010: 2, 2011: 3, 2012: 4}


def test_french_country_sentence_has_articles_and_agreement():
    import pandas as pd

    from icc.i18n import french

    counts = pd.DataFrame({"country_en": ["Italy", "Spain", "Portugal"], "country_fr": ["Italie", "Espagne", "Portugal"],
                           "cities": [31, 18, 18]})
    set_language("fr")
    try:
        text = countries_summary(counts)
    finally:
        set_language("en")
    assert text == ("Les villes sont réparties dans 3 pays ; l'Italie en compte le plus (31), "
                    "suivie de l'Espagne (18) et du Portugal (18).")
    assert [french.after_de(n) for n in ("Norvège", "Pays-Bas", "Israël", "Canada", "Chypre")] == [
        "de la Norvège", "des Pays-Bas", "d'Israël", "du Canada", "de Chypre"]
    assert french.followed_by("Portugal") == "suivi" and french.followed_by("Îles Féroé") == "suivies"
