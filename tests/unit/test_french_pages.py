"""French that is French in generated text: a no-break space before ':' and ';', 'de' elided before a name
that starts with a vowel, the demo's networks named in French, and practices from an English catalogue
announced once."""

import pandas as pd
import pytest

from icc.analysis import practices
from icc.i18n import format as fmt, set_language, t
from icc.store import demo_network
from icc.views import city_facts

NBSP = "\u00a0"
CITY = pd.Series({"name": "Oslo", "country_en": "Norway", "country_fr": "Norvège", "membership_class": "member",
                  "network_names": ["Norwegian network"], "network_names_fr": ["Réseau norvégien", "Autre réseau"],
                  "joined_year": 2008, "population": 580000, "population_year": 2016, "latest_score": None})


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


def test_a_fact_is_labelled_with_a_no_break_space_before_the_colon_and_lists_take_one_before_semicolons(french):
    lines = city_facts.as_lines(city_facts.city_facts(CITY, "fr"))
    assert lines[0] == f"Pays{NBSP}: Norvège"
    assert f"Réseau norvégien{NBSP}; Autre réseau" in lines[2]
    assert f"**Pays**{NBSP}: Norvège" in city_facts.as_markdown(city_facts.city_facts(CITY, "fr"))


def test_english_keeps_its_own_punctuation():
    set_language("en")
    lines = city_facts.as_lines(city_facts.city_facts(CITY, "en"))
    assert lines[0] == "Country: Norway" and "Norwegian network" in lines[2]
    assert fmt.listing(["a", "b"]) == "a; b"


def test_de_is_elided_before_a_name_that_starts_with_a_vowel(french):
    assert "s'inspirer d'Esotingen" in t("visit.lead", leader="Esotingen", learner="Oslo", area="x", gap="3")
    assert "s'inspirer de Maramheim" in t("visit.lead", leader="Maramheim", learner="Oslo", area="x", gap="3")


def test_the_demo_networks_have_french_names():
    countries = pd.DataFrame({"iso2": ["FR", "PT"], "name_en": ["France", "Portugal"],
                              "name_fr": ["France", "Portugal"]})
    networks = demo_network.demo_networks(countries, pd.Series(["FR", "PT", "PT"]))
    assert networks.set_index("network_id")["name_fr"].to_dict() == {
        "demo-fr": "Réseau de démonstration de la France (fictif)",
        "demo-pt": "Réseau de démonstration du Portugal (fictif)"}


def test_practices_from_the_english_catalogue_are_announced_once_on_french_pages(french):
    assert practices.source_language_note(pd.Series(["en", "sq"]), "fr").startswith("Titres et résumés")
    assert practices.source_language_note(pd.Series(["en"]), "en") == ""
    assert practices.source_language_note(pd.Series([], dtype=str), "fr") == ""
    assert practices.title_language("sq", "fr") == " (titre en albanais, comme dans la source)"
    assert practices.title_language("en", "fr") == practices.title_language("fr", "fr") == ""
