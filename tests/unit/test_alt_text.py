"""Every chart and map is named for a screen reader from its own data, in the interface's language."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from icc.charts import alt_text
from icc.i18n import set_language


@pytest.fixture(autouse=True)
def language():
    set_language("en")
    yield
    set_language("en")


def test_bars_name_their_highest_and_lowest():
    figure = go.Figure(go.Bar(x=["Italy", "Norway", "Spain"], y=[30, 1, 12], name="International member"),
                       layout={"title": {"text": "Cities per<br>country"}})
    assert alt_text.figure_alt(figure) == ("Cities per country. International member: 3 bars, highest Italy (30), "
                                           "lowest Norway (1).")


def test_a_radar_names_its_strongest_and_weakest_area_and_skips_gaps():
    figure = go.Figure(go.Scatterpolar(theta=["Education", "Business", "Media"], r=[80, None, 35], name="Oslo"),
                       layout={"title": {"text": "Oslo"}})
    assert "strongest in Education (80), weakest in Media (35)" in alt_text.figure_alt(figure)


def test_a_line_says_where_it_starts_and_ends_and_a_dot_plot_reads_across():
    line = go.Figure(go.Scatter(x=[2010, 2015, 2021], y=[40, 55, 72.5], mode="lines", name="Network median"))
    assert "from 40 in 2010 to 72.5 in 2021" in alt_text.figure_alt(line)
    dots = go.Figure(go.Scatter(x=[70, 90], y=["Neighbourh.", "Education"], mode="markers", name="Oslo"))
    assert "highest Education (90), lowest Neighbourh. (70)" in alt_text.figure_alt(dots)


def test_french_is_french():
    set_language("fr")
    figure = go.Figure(go.Bar(x=["Italie"], y=[3], name="Membre"), layout={"title": {"text": "Villes"}})
    assert alt_text.figure_alt(figure) == "Villes. Membre : Italie (3)."
    two = go.Figure(go.Bar(x=["Italie", "Norvège"], y=[3, 1], name="Membre"))
    assert "Membre : 2 barres, la plus haute Italie (3), la plus basse Norvège (1)" in alt_text.figure_alt(two)


def test_a_map_says_how_many_cities_where_and_of_which_kind():
    cities = pd.DataFrame({"country_iso2": ["NO", "IT", "IT"], "membership_class": ["member", "member", "associated"]})
    assert alt_text.map_alt(cities).startswith("Map of 3 cities in 2 countries: 2 International member, 1 Associated")
