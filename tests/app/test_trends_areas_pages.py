"""Trends and policy-area pages on published (thin) and demo data."""

import duckdb
import pytest
from helpers import plotly_figures, run_page, texts

from icc.paths import DEMO_DB


@pytest.fixture(scope="module")
def demo_cities():
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        return [row[0] for row in con.sql(
            "select city_id from assessment group by 1 order by count(*) desc, city_id limit 2").fetchall()]


def test_trends_on_published_data_say_what_is_thin():
    app = run_page("pages/trends.py")
    assert not app.exception
    shown = texts(app)
    assert "Years with fewer than 3 cities are not drawn: 2011, 2012, 2016, 2018." in shown
    assert "Choose cities in the sidebar" in shown
    medians = [trace for trace in plotly_figures(app)[0].data if trace.mode == "lines+markers"]
    old = medians[0]
    drawn = {year: value for year, value in zip(old.x, old.y) if value is not None and value == value}
    assert drawn == {2013: 64, 2017: 71.5}


def test_trends_on_published_single_area_has_no_median():
    app = run_page("pages/trends.py", area="interaction")
    assert "No year has at least 3 cities with a score in this area" in texts(app)


def test_trends_published_city_trajectory_breaks_at_the_revision():
    app = run_page("pages/trends.py", cities="oslo")
    figure = plotly_figures(app)[1]
    assert list(figure.data[0].y) == [85, None, 85]
    changes = next(frame.value for frame in app.dataframe if "shown" in frame.value.columns)
    assert changes["shown"].tolist() == ["not comparable (Index revised)"]


def test_trends_demo_with_cities_and_url_state(demo_cities):
    app = run_page("pages/trends.py", dataset="demo", area="education", cities=",".join(demo_cities))
    assert not app.exception
    network = plotly_figures(app)[0]
    assert {trace.name for trace in network.data if trace.mode == "lines+markers"} == {
        "ICC Index 2009-2018", "revised ICC Index"}
    app.sidebar.toggle[0].set_value(True).run()
    assert app.query_params["harmonised"] == "1"
    joined = plotly_figures(app)[0]
    assert [trace.name for trace in joined.data if trace.mode == "lines+markers"] == ["Both versions (harmonised)"]


def test_areas_on_published_data():
    app = run_page("pages/areas.py", area="aggregate")
    assert not app.exception
    assert app.title[0].value == "Aggregate ICC Index"
    assert "3 cities have a score; the median is 85, from 80 to 87 points." in texts(app)  # Oslo, Ansan, Guro-gu
    assert "Too few cities share scores" in texts(app)
    thin = run_page("pages/areas.py", area="interaction")
    assert "Only 2 cities have a score here" in texts(thin)
    assert not [figure for figure in plotly_figures(thin) if figure.data[0].type == "box"]


def test_areas_older_version_has_a_distribution():
    app = run_page("pages/areas.py", version="2009", area="aggregate")
    assert not app.exception
    figures = plotly_figures(app)
    assert figures[0].data[0].type == "box" and len(figures[0].data[0].x) == 12


def test_areas_demo_heatmap_and_correlations():
    app = run_page("pages/areas.py", dataset="demo", area="education", order="clustered")
    assert not app.exception
    assert app.title[0].value == "Education"
    kinds = [figure.data[0].type for figure in plotly_figures(app)]
    assert kinds == ["box", "heatmap", "heatmap"]
    assert app.query_params["order"] == "clustered"


def test_trends_year_range_from_the_url(demo_cities):
    app = run_page("pages/trends.py", dataset="demo", area="education", years="2019,2022")
    assert not app.exception
    assert app.sidebar.slider[0].value == (2019, 2022)
    network = plotly_figures(app)[0]
    years = {x for trace in network.data if trace.mode == "lines+markers" for x in trace.x}
    assert years == {2019, 2020, 2021, 2022}


def test_every_area_page_of_the_demo_draws_and_lists_its_leaders_practices():
    """Under the ranking, the leaders' practices in the area (the demo has practices for its cities)."""
    from icc.paths import DEMO_DB
    from icc.store import db

    listed = 0
    for version in ("2009", "2019"):
        with db.connect(DEMO_DB) as con:
            areas = db.run("version_areas", con=con, version_id=version)
        for code in ["aggregate", *areas.loc[areas["group_code"] != "composite", "code"]]:
            page = run_page("pages/areas.py", dataset="demo", version=version, area=code)
            assert not page.exception, (version, code)
            listed += "Good practices of the best performers" in texts(page)
    assert listed >= 1


def test_areas_without_an_area_show_the_network_at_a_glance():
    from icc.paths import DEMO_DB
    from icc.store import db

    app = run_page("pages/areas.py", dataset="demo")
    assert not app.exception
    assert app.title[0].value == "Policy areas: the network at a glance"
    with db.connect(DEMO_DB) as con:
        areas = db.run("version_areas", con=con, version_id="2019")
    expected = set(areas.loc[areas["group_code"] != "composite", "short_en"])
    glance = plotly_figures(app)[0]
    medians = next(trace for trace in glance.data if trace.name == "Network median")
    assert set(medians.y) == expected  # one chart naming every area of the version, once
    assert list(medians.x) == sorted(medians.x)  # best median at the top (plotly draws bottom-up)
    assert "The network is strongest in" in texts(app)
    table = next(frame.value for frame in app.dataframe if "open" in frame.value.columns)
    assert table["open"].str.contains("area=").all() and "dataset=demo" in table["open"].iloc[0]
    assert "area" not in app.query_params  # the glance is the page's default view

