"""Map and overview pages on the published data, with state coming from the URL."""

import csv

import pytest
from helpers import deck_layers, plotly_figures, run_page, texts
from published_sources import country_name, source_facts

from icc.paths import DATA


@pytest.fixture(scope="module")
def published_cities():
    with (DATA / "cities.csv").open(encoding="utf-8") as handle:
        return {row["city_id"]: row for row in csv.DictReader(handle)}


def test_map_filters_come_from_the_url(published_cities):
    app = run_page("pages/map.py", country="IT,ES", status="associated")
    assert not app.exception
    assert app.sidebar.multiselect[0].value == ["IT", "ES"]
    assert app.sidebar.multiselect[2].value == ["associated"]
    shown = {row["city_id"] for row in deck_layers(app)["cities"]["data"]}
    assert shown and all(published_cities[city]["country_iso2"] in ("IT", "ES") for city in shown)
    assert "modena" not in shown  # Modena is an international member too ('both')
    assert f"Showing {len(shown)} cities in 2 countries" in texts(app)


def test_map_index_filter_shows_only_cities_with_results():
    app = run_page("pages/map.py", index="yes")
    shown = {row["city_id"] for row in deck_layers(app)["cities"]["data"]}
    assert len(shown) == 15 and {"oslo", "ansan", "guro-gu-seoul"} <= shown


def test_map_widgets_write_the_url():
    app = run_page("pages/map.py")
    assert not app.query_params.get("country")
    app.sidebar.multiselect[0].set_value(["NO"]).run()
    app.sidebar.radio[-1].set_value("score").run()
    assert app.query_params["country"] == "NO" and app.query_params["colour"] == "score"
    assert app.query_params["v"] == "1"


def test_map_city_panel_from_the_url():
    app = run_page("pages/map.py", city="bari")
    assert "Bari" in [element.value for element in app.header]
    assert "Associated (through a national network or the programme)" in texts(app)
    assert "No published Index results" in texts(app)
    ring = deck_layers(app)["highlight"]["data"]
    assert [row["city_id"] for row in ring] == ["bari"]


def test_map_with_no_match_says_so():
    app = run_page("pages/map.py", country="MX", status="associated")
    assert "No city matches these filters" in texts(app)
    assert not app.get("deck_gl_json_chart")


def test_map_on_demo_data_is_badged():
    app = run_page("pages/map.py", dataset="demo", colour="joined")
    assert not app.exception and "Fictional demo data" in texts(app)
    assert len(deck_layers(app)["cities"]["data"]) == 150


def test_overview_charts_and_summaries():
    app = run_page("pages/overview.py")
    figures = plotly_figures(app)
    growth = figures[0]
    assert [trace.name for trace in growth.data] == ["International programme", "National network"]
    assert growth.data[0].x[0] == 2008
    facts = source_facts()
    assert f"{facts.unknown_year} with unknown year" in growth.layout.title.text.replace("<br>", " ")
    assert f"The network grew from {facts.cities_in_first_year} cities in {facts.first_year}" in texts(app)
    countries = figures[1]
    top = country_name(facts.top_country_iso2)
    assert countries.data[0].orientation == "h" and countries.data[0].y[-1] == top
    assert f"{top} has the most ({facts.top_country_cities})" in texts(app)
    assert len(deck_layers(app)["cities"]["data"]) == facts.cities


def test_overview_in_french():
    app = run_page("pages/overview.py", lang="fr")
    facts = source_facts()
    assert f"Le réseau est passé de {facts.cities_in_first_year} villes en {facts.first_year}" in texts(app)
    assert plotly_figures(app)[1].data[0].y[-1] == "Italie"


def test_the_keyboard_reaches_a_citys_facts_by_the_list_under_the_map():
    app = run_page("pages/map.py", country="IT")
    chooser = next(box for box in app.selectbox if box.key == "map_city_facts")
    assert "Bari (Italy)" in chooser.options
    chooser.set_value("bari").run()
    assert "Bari" in [element.value for element in app.header]
