"""Study visit: slides for many host/visitor pairs, presentation mode and navigation through the URL."""

import random
import re

import duckdb
import pytest
from helpers import run_page, texts

from icc.paths import DEMO_DB


@pytest.fixture(scope="module")
def demo_city_ids():
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        return [row[0] for row in con.sql("select city_id from city order by city_id").fetchall()]


def test_twenty_random_pairs_on_demo_data(demo_city_ids):
    rng = random.Random(20)
    for _ in range(20):
        host, visitor = rng.sample(demo_city_ids, 2)
        slide = rng.randint(1, 7)
        app = run_page("pages/visit.py", dataset="demo", host=host, visitor=visitor, slide=str(slide))
        assert not app.exception, (host, visitor, slide, app.exception)
        assert app.sidebar.selectbox[0].value == host and app.sidebar.selectbox[1].value == visitor
        # Seven slides, and an eighth (area by area) when the two share a policy area.
        assert re.search(rf"\*\*{slide} / [78]\*\*", texts(app)), texts(app)


def test_slide_sequence_and_navigation_on_published_data():
    app = run_page("pages/visit.py", host="oslo", visitor="odesa")
    assert not app.exception
    assert app.header[0].value == "Oslo welcomes Odesa"
    app.button(key="next-slide").click().run()
    assert app.query_params["slide"] == "2"
    assert app.header[0].value == "Oslo"
    app.button(key="previous-slide").click().run()
    assert "slide" not in app.query_params


def test_presentation_mode_from_the_url():
    app = run_page("pages/visit.py", host="oslo", visitor="odesa", slide="4", present="1")
    assert not app.exception
    slides = app.get("iframe")[0].proto.srcdoc
    # All slides go to the browser at once (changing one needs no server round trip), opening on slide 4.
    # Nothing to learn between two cities without a shared area: said on the closing slide, not on its own.
    assert slides.count('<section class="slide"') == 6 and "show(4 - 1)" in slides
    assert "Head to head on the ICC Index" in slides
    # Oslo has a 2017 score of the same Index version as Odesa's: that one is compared, not its 2020 one.
    assert "On the aggregate Index, Oslo is 15 points ahead (Oslo 85, Odesa 70)." in slides
    assert "No policy area is scored for both" in slides and "different Index versions" not in slides
    assert '<script src="/app/static/vendor/plotly.min.js?v=' in slides  # served by the app (version named), no CDN
    assert app.button(key="exit-presentation")


def test_a_city_without_results_says_so_on_its_slides():
    app = run_page("pages/visit.py", host="bari", visitor="oslo", slide="4")
    assert "no published Index results in common" in texts(app)
