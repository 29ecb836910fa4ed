"""Each page draws what one view-data function returns; the same function gives its data twin (frames)."""

import ast

import pandas as pd
import pytest

from icc.paths import ROOT
from icc.store import db
from icc.store.sessions import PlainSession
from icc.views import url_state
from icc.views.about_view import about_data
from icc.views.areas_view import areas_data
from icc.views.city_view import city_data
from icc.views.compare_view import compare_data
from icc.views.data_view import data_page_data
from icc.views.map_view import map_choices, map_data
from icc.views.overview_view import overview_data
from icc.views.practices_view import practices_data
from icc.views.trends_view import trends_data
from icc.views.visit_slides import build_slides, slide_frames

VIEW_FUNCTION_SUFFIX = "_data"
PAGES = sorted((ROOT / "pages").glob("*.py"))


def view_calls(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("icc.views") for alias in node.names}
    called = {node.func.id if isinstance(node.func, ast.Name) else node.func.attr
              for node in ast.walk(tree) if isinstance(node, ast.Call)
              and isinstance(node.func, (ast.Name, ast.Attribute))}
    # The visit page hands its view function to session.cached (it is referenced, not called).
    referenced = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "build_slides"}
    return {name for name in called if name.endswith(VIEW_FUNCTION_SUFFIX) and name in imported} | referenced


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_each_page_draws_from_one_view_data_function(path):
    assert len(view_calls(path)) == 1, view_calls(path)


@pytest.fixture
def session(tiny_db):
    with db.connect(tiny_db) as con:
        yield PlainSession(con, "en")


def assert_frames(frames: dict):
    assert frames and all(isinstance(frame, pd.DataFrame) for frame in frames.values())


def test_every_view_gives_its_frames_on_fixture_data(session):
    assert_frames(overview_data(session).frames())
    year_bounds = map_choices(session).year_bounds
    map_view = map_data(session, url_state.MapState(city="beta"), year_bounds)
    assert map_view.selected["name"] == "Beta" and len(map_view.cities) == len(session.query("cities"))
    assert_frames(map_view.frames())
    city = city_data(session, url_state.CityState(city="alpha"))
    assert city.assessment_id == city.assessments["assessment_id"].iloc[0] and city.view is not None
    assert {"areas", "peers", "learn_from"} <= set(city.frames())
    without = city_data(session, url_state.CityState(city="gamma")) if "gamma" in set(
        session.query("cities")["city_id"]) else None
    assert without is None or without.view is None
    compared = compare_data(session, url_state.CompareState(cities=("alpha", "beta")))
    assert compared.cities == ["Alpha", "Beta"] and compared.head_to_head is not None
    assert_frames(compared.frames())
    trends = trends_data(session, url_state.TrendsState(cities=("alpha",)))
    assert set(trends.trajectories["city_id"]) == {"alpha"}
    assert_frames(trends.frames())
    areas = areas_data(session, url_state.AreasState(version="2009", area="aggregate"))
    assert areas.ranking["city_id"].iloc[0] == "alpha" and areas.ranking["score"].is_monotonic_decreasing
    assert_frames(areas.frames())
    assert_frames(practices_data(session, url_state.PracticesState(text="desk")).frames())
    assert len(practices_data(session, url_state.PracticesState(text="desk")).found) == 1
    assert_frames(about_data(session, session).frames())
    assert_frames(data_page_data(session).frames())
    assert_frames(slide_frames(build_slides(session, "alpha", "beta")))


def test_a_city_without_results_gets_cities_like_it_with_what_they_are_known_for(session):
    unscored = session.query("cities").query("latest_score.isna()")["city_id"].iloc[0]
    data = city_data(session, url_state.CityState(city=unscored))
    assert data.view is None and data.similar is not None and "similar_cities" in data.frames()
    assert set(data.similar.columns) == {"basis", "city_id", "name", "reason", "index", "practices"}
    assert unscored not in set(data.similar["city_id"])


def test_about_names_the_linked_area_of_the_other_version_never_its_code():
    import pandas as pd

    from icc.views.about_view import linked_areas

    areas = pd.DataFrame({"version_id": ["2009", "2009", "2019", "2019"],
                          "harmonised_code": ["media", "governance", "media", "leadership"],
                          "name_en": ["Media", "Governance", "Media and communication", "Leadership"]})
    assert linked_areas(areas, "en") == ["Media and communication", None, "Media", None]
