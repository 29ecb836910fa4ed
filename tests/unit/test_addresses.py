"""Every address the app writes comes from one builder (icc/site.py) and follows the server's prefix, as
datasette's tests of its url builder do: pages with their state, static files, the data twins."""

import pytest
from streamlit import config

from icc import site
from icc.outputs import twins
from icc.views import url_state, visit_slides


@pytest.fixture(params=["", "icc-explorer"], ids=["root", "prefix"])
def prefix(request):
    config.set_option("server.baseUrlPath", request.param)
    yield "/" + request.param if request.param else ""
    config.set_option("server.baseUrlPath", "")


def test_page_addresses_follow_the_prefix(prefix):
    assert site.page_url("overview") == prefix + "/"
    assert url_state.url_for("city", url_state.SharedState(language="fr"), url_state.CityState(city="oslo")) == \
        prefix + "/city?lang=fr&v=1&city=oslo"


def test_static_addresses_follow_the_prefix(prefix):
    assert visit_slides.plotly_url().split("?v=")[0] == prefix + "/app/static/vendor/plotly.min.js"
    assert twins.twin_url("demo", "cities", "csv") == prefix + "/app/static/data/demo/cities.csv"
    assert set(twins.twin_listing("published")["json"].str[: len(prefix) + 12]) == {prefix + "/app/static/"}


def test_every_page_has_one_address_and_the_overview_is_the_root():
    paths = [page.path for page in site.PAGES]
    assert len(set(paths)) == len(paths) and paths[0] == "/"
    assert all(page.script.startswith("pages/") for page in site.PAGES)
