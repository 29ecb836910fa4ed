"""The demo generator: deterministic, fictional, plausible."""

import json

import duckdb
import numpy as np
import pandas as pd
import pytest
import shapely

from icc.paths import BOUNDARIES
from icc.store import demo_network


@pytest.fixture(scope="module")
def small_demo():
    return demo_network.generate(cities=60, years=12, seed=3)


def test_same_seed_same_tables(small_demo):
    again = demo_network.generate(cities=60, years=12, seed=3)
    for name, frame in small_demo.items():
        pd.testing.assert_frame_equal(frame.reset_index(drop=True), again[name].reset_index(drop=True))


def test_other_seed_other_network(small_demo):
    other = demo_network.generate(cities=60, years=12, seed=4)
    assert set(other["city"]["name"]) != set(small_demo["city"]["name"])


def test_no_demo_city_carries_a_real_city_name(small_demo):
    real = demo_network.real_city_names()
    assert "oslo" in real and "bergen" in real  # the check knows the real cities
    assert not {demo_network.fold(name) for name in small_demo["city"]["name"]} & real


def test_invented_names_skip_forbidden_ones():
    rng = np.random.default_rng(0)
    forbidden = {demo_network.fold(p + m + s) for p in demo_network.PREFIXES for m in demo_network.MIDDLES[:-1] for s in demo_network.SUFFIXES}
    names = demo_network.invent_names(10, rng, forbidden)
    assert all(demo_network.fold(name) not in forbidden for name in names)


def test_cities_lie_on_land_in_their_country(small_demo):
    cities = small_demo["city"]
    features = json.loads(BOUNDARIES.read_text())["features"]
    iso3 = dict(zip(small_demo["country"]["iso2"], small_demo["country"]["iso3"]))
    shapes = {f["properties"]["iso3"]: shapely.geometry.shape(f["geometry"]) for f in features}
    for _, city in cities.iterrows():
        shape = shapes[iso3[city["country_iso2"]]]
        # Coordinates are rounded to 4 decimals (about 10 m): allow that much at coastlines.
        assert shape.distance(shapely.Point(city["lon"], city["lat"])) < 0.001
        assert city["country_iso2"] in demo_network.EUROPE


def test_scores_use_both_versions_and_improve_over_time(small_demo):
    assessment = small_demo["assessment"]
    score = small_demo["score"].merge(assessment, on="assessment_id")
    assert set(assessment["version_id"]) == {"2009", "2019"}
    assert score["score"].between(0, 100).all()
    aggregate = score[score["area_id"].str.endswith("-aggregate")].copy()
    aggregate["year"] = pd.to_datetime(aggregate["assessed_on"]).dt.year
    by_year = aggregate.groupby("year")["score"].mean()
    assert by_year.iloc[-3:].mean() > by_year.iloc[:3].mean()


def test_areas_correlate_and_some_are_missing(small_demo):
    score = small_demo["score"]
    areas = small_demo["policy_area"]
    core_2019 = areas[(areas["version_id"] == "2019") & (areas["group_code"] != "composite")]["area_id"]
    wide = score[score["area_id"].isin(core_2019)].pivot(index="assessment_id", columns="area_id", values="score")
    correlations = wide.corr().to_numpy()[np.triu_indices(len(wide.columns), 1)]
    assert np.nanmean(correlations) > 0.2
    assert wide.isna().to_numpy().any()


def test_written_demo_database_is_marked_demo(tmp_path):
    target = tmp_path / "demo.duckdb"
    counts = demo_network.write_demo(target, cities=20, years=8, seed=1)
    assert counts["city"] == 20
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select dataset from build_info").fetchall() == [("demo",)]
        assert con.sql("select count(*) from city where coord_source <> 'generated (fictional city)'").fetchall() == [(0,)]


def test_no_demo_name_is_a_real_place_the_generator_could_form():
    real_places = [line for line in demo_network.REAL_PLACE_NAMES.read_text(encoding="utf-8").splitlines()
                   if line and not line.startswith("#")]
    assert "Rosenheim" in real_places and "Luneville" in real_places  # towns in Germany and France
    forbidden = demo_network.real_city_names()
    assert {demo_network.fold(name) for name in real_places} <= forbidden
    allowed = [name for name in demo_network.possible_names() if demo_network.fold(name) not in forbidden]
    chosen = demo_network.invent_names(len(allowed), np.random.default_rng(1), forbidden)
    assert not {demo_network.fold(name) for name in chosen} & forbidden
