"""City profile and compare pages on published and demo data, state from the URL."""

import re

import duckdb
import pytest
from helpers import plotly_figures, run_page, texts

from icc.paths import DEMO_DB


@pytest.fixture(scope="module")
def demo_ids():
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        assessed = [row[0] for row in con.sql(
            "select city_id from assessment group by 1 order by count(*) desc, city_id limit 3").fetchall()]
        unassessed = con.sql("select city_id from city where city_id not in (select city_id from assessment) "
                             "order by city_id limit 1").fetchall()
    return assessed, [row[0] for row in unassessed]


def test_city_without_results_says_so():
    app = run_page("pages/city.py", city="bari")
    assert not app.exception
    assert app.title[0].value == "Bari"
    assert "No published Index results for Bari" in texts(app)
    assert not app.get("plotly_chart")
    assert app.get("deck_gl_json_chart"), "its map location is shown"


def test_city_with_aggregate_only_shows_the_figure_not_an_empty_radar():
    app = run_page("pages/city.py", city="oslo")
    assert not app.exception
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Aggregate (0-100)"] == "85 / 100"
    assert "This assessment reports only the aggregate score, no policy area" in texts(app)
    assert "0 policy area" not in texts(app)
    assert not app.get("plotly_chart")
    assert "Good practices from Oslo" in texts(app)


def test_city_older_assessment_from_url():
    app = run_page("pages/city.py", city="oslo", assessment="oslo-2009-2017")
    assert app.sidebar.selectbox[1].value == "oslo-2009-2017"
    assert {metric.value for metric in app.metric} == {"85 / 100"}
    assert "Policy areas (2017 · ICC Index 2009-2018)" in texts(app)


def test_city_with_several_published_areas_guro_gu():
    app = run_page("pages/city.py", city="guro-gu-seoul")
    assert not app.exception
    figure = plotly_figures(app)[0]
    city_trace = [trace for trace in figure.data if trace.name == "Guro-gu (Seoul)"][0]
    # The revised Index's 16 areas (welcoming newcomers is not confirmed in it), loop closed.
    assert len(city_trace.theta) == 17
    assert sum(r is not None for r in city_trace.r[:-1]) == 7  # the source reports seven areas
    assert list(figure.layout.polar.radialaxis.range) == [0, 100]


def test_no_city_chosen_asks_for_one():
    app = run_page("pages/city.py")
    assert "Choose a city in the sidebar" in texts(app)


def test_demo_city_has_radar_peers_and_learning(demo_ids):
    assessed, _ = demo_ids
    app = run_page("pages/city.py", dataset="demo", city=assessed[0], peers="profile")
    assert not app.exception
    figure = plotly_figures(app)[0]
    assert {trace.name for trace in figure.data} >= {"Network median", "Network interquartile range"}
    # Profile peers are chosen among assessed cities, so there are enough of them to be the reference.
    assert "Compared with the median of its peers" in texts(app)
    assert "Compared with the network median" not in texts(app)
    peer_table = next(frame.value for frame in app.dataframe if "reason" in frame.value.columns)
    assert "closest Index profile" in peer_table["reason"].iloc[0]
    assert "Whom to learn from" in texts(app)
    assert app.query_params["peers"] == "profile"


def test_demo_city_without_assessment(demo_ids):
    _, unassessed = demo_ids
    assert unassessed, "the demo generator leaves some cities unassessed, as in the real network"
    app = run_page("pages/city.py", dataset="demo", city=unassessed[0])
    assert "No Index results for" in texts(app) and "in the fictional demo network" in texts(app)
    assert "published" not in texts(app).lower()


def test_compare_needs_two_cities():
    app = run_page("pages/compare.py", cities="oslo")
    assert "Choose at least two cities" in texts(app)


def test_compare_uses_the_shared_index_version_and_says_which_assessments():
    app = run_page("pages/compare.py", cities="oslo,odesa,bari")
    assert not app.exception
    shown = texts(app)
    assert "No published Index results for: Bari (Italy)" in shown
    assert ("Oslo: 2017, ICC Index 2009-2018 · as quoted in Odesa's Index result page (2017); "
            "Odesa: 2017, ICC Index 2009-2018") in shown
    assert "different Index versions" not in shown


def test_compare_across_versions_when_asked_is_harmonised():
    app = run_page("pages/compare.py", cities="oslo,odesa", version="2019")
    assert not app.exception
    shown = texts(app)
    assert ("Oslo: Sep 2020, revised ICC Index · as quoted in Korean press articles on Ansan (September 2020); "
            "Odesa: 2017, ICC Index 2009-2018") in shown
    assert "different Index versions" in shown
    assert app.dataframe[0].value["name"].tolist() == ["Aggregate ICC Index"]


def test_compare_demo_overlay_and_head_to_head(demo_ids):
    assessed, _ = demo_ids
    overlay = run_page("pages/compare.py", dataset="demo", cities=",".join(assessed))
    assert not overlay.exception and len(plotly_figures(overlay)[0].data) == 3
    h2h = run_page("pages/compare.py", dataset="demo", cities=",".join(assessed[:2]), mode="h2h")
    assert not h2h.exception
    assert "is ahead in" in texts(h2h)
    assert h2h.query_params["mode"] == "h2h"


def test_an_unknown_city_in_a_link_is_named_with_the_nearest_ones():
    app = run_page("pages/city.py", city="atlantis")
    assert not app.exception
    assert "There is no city 'atlantis' in this dataset." in texts(app)
    app = run_page("pages/city.py", city="bergn")
    assert "Did you mean: Bergen" in texts(app)


def test_a_city_name_in_any_case_opens_its_profile():
    app = run_page("pages/city.py", city="OSLO")
    assert not app.exception and app.title[0].value == "Oslo"


def test_the_same_host_and_visitor_is_said_not_replaced_silently():
    app = run_page("pages/visit.py", opened=False, host="oslo", visitor="oslo")  # said at the link's first run
    assert not app.exception
    assert "The host and the visitor were the same city (Oslo (Norway))" in texts(app)


def test_a_city_with_area_scores_but_no_one_to_compare_with_says_exactly_that():
    app = run_page("pages/city.py", city="guro-gu-seoul")
    assert not app.exception
    assert "has 7 area scores, but fewer than 3 other cities are scored in the same areas" in texts(app)
    assert "has no area score" not in texts(app)
    assert app.get("plotly_chart")  # the radar of its own seven scores


def test_head_to_head_draws_a_dumbbell_beside_the_radar_with_every_shared_area(demo_ids):
    assessed, _ = demo_ids
    app = run_page("pages/compare.py", dataset="demo", cities=",".join(assessed[:2]), mode="h2h")
    assert not app.exception
    figures = plotly_figures(app)
    dumbbell = next(figure for figure in figures if "area by area" in figure.layout.title.text)
    dots = [trace for trace in dumbbell.data if trace.mode == "markers" and trace.showlegend is not False]
    assert len(dots) == 2 and len(dots[0].y) >= 1 and "Aggregate" not in dots[0].y
    # The gaps are the labels on the right, one per row, beside their area.
    gaps = dumbbell.layout.yaxis2.ticktext
    assert list(dumbbell.layout.yaxis2.tickvals) == list(dots[0].y)
    assert all(re.fullmatch(r".+ \+\d+|level", gap) for gap in gaps)


def test_a_city_without_results_shows_cities_like_it_and_what_they_are_known_for(demo_ids):
    _, unassessed = demo_ids
    app = run_page("pages/city.py", dataset="demo", city=unassessed[0])
    assert not app.exception
    assert "No Index results for" in texts(app) and "Cities like" in texts(app)
    similar = next(frame.value for frame in app.dataframe if "basis" in frame.value.columns)
    assert len(similar) >= 1 and set(similar["basis"]) <= {"Similar population", "Similar foreign-resident share",
                                                           "Same country", "Same national network"}
    assert similar["index"].str.contains("/100|No Index results").all()


def test_a_city_profile_says_where_it_stands_and_what_changed(demo_ids):
    assessed, _ = demo_ids
    app = run_page("pages/city.py", dataset="demo", city=assessed[0])
    assert not app.exception
    shown = texts(app)
    assert "stands" in shown and "What changed since" in shown
    standing = next(frame.value for frame in app.dataframe if "percentile" in frame.value.columns)
    percentiles = standing["percentile"].dropna()
    assert len(percentiles) >= 1 and percentiles.between(0, 100).all()
    changes = next(frame.value for frame in app.dataframe if "beyond_noise" in frame.value.columns)
    assert changes["change"].abs().is_monotonic_decreasing  # largest change first


def test_a_link_with_more_cities_than_a_comparison_holds_says_which_it_left_out():
    app = run_page("pages/compare.py", opened=False, cities="oslo,odesa,bergen,ansan,guro-gu-seoul,tampere,lisbon,"
                                                            "porto,barcelona,reggio-emilia")
    assert not app.exception
    warnings = " ".join(warning.value for warning in app.warning)
    assert "At most 8 cities are compared at once" in warnings and "barcelona; reggio-emilia" in warnings


def test_head_to_head_shows_its_table_once_and_every_citation_names_its_table_and_source(demo_ids):
    assessed, _ = demo_ids
    app = run_page("pages/compare.py", dataset="demo", cities=",".join(assessed[:2]), mode="h2h")
    assert not app.exception
    assert "Where the cities differ most" not in texts(app)  # the head-to-head table already is the gaps
    citations = [code.value for code in app.code if "consulted" in code.value]
    assert citations and not any("head to head" in text or "compare" in text.split(".")[0] for text in citations)
    table_citations = [text for text in citations if text.startswith("Table")]
    assert table_citations and all("area by area" in text or "scores by policy area" in text
                                   for text in table_citations)
    assert all("generated fictional demo network" in text for text in table_citations)  # the source is named


def test_whom_to_learn_from_is_a_list_not_a_chart(demo_ids):
    assessed, _ = demo_ids
    app = run_page("pages/city.py", dataset="demo", city=assessed[0])
    assert not app.exception
    labels = [expander.label for expander in app.expander]
    assert "Data behind this list" in labels
