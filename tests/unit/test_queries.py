"""Every named query runs against the tiny fixture database, and the runner's errors are clear."""

import pandas as pd
import pytest

from icc.analysis import compare
from icc.paths import ROOT
from icc.store import db

# Example parameters for each named query; a new query without an entry fails the coverage test.
EXAMPLE_PARAMS: dict[str, dict] = {
    "cities": {},
    "cities_per_country": {},
    "existing_scores": {"assessment_ids": ["alpha-2019-2020-09"]},
    "export_scores": {},
    "import_batches": {},
    "import_cities": {},
    "import_assessments": {},
    "import_countries": {},
    "import_memberships": {},
    "membership_as_of": {},
    "practice_facets": {},
    "practices_search": {"text": "desk", "area": "", "country": "", "city_id": "", "year_from": 0, "year_to": 0},
    "area_definition": {"harmonised_code": "education"},
    "assessments_per_year": {},
    "build_info": {},
    "coverage": {},
    "city_trajectories": {"city_ids": ["alpha"], "harmonised_code": "aggregate"},
    "harmonised_areas": {},
    "network_trend": {"harmonised_code": "aggregate"},
    "assessment_scores": {"assessment_id": "alpha-2019-2020-09"},
    "city_assessments": {"city_id": "alpha"},
    "city_detail": {"city_id": "beta"},
    "city_practices": {"city_id": "alpha"},
    "compare_assessments": {"city_ids": ["alpha", "delta"]},
    "compare_scores": {"assessment_ids": ["alpha-2019-2020-09", "delta-2009-2016-06"]},
    "practices_for": {"city_ids": ["alpha", "beta"], "harmonised_codes": ["education"]},
    "version_areas": {"version_id": "2019"},
    "version_scores": {"version_id": "2009"},
    "version_previous_scores": {"version_id": "2019"},
    "practices_of_cities": {"city_ids": ["alpha", "beta"]},
    "joined_year_range": {},
    "map_cities": {"countries": [], "networks": [], "statuses": [], "joined_from": 1900, "joined_to": 2100,
                   "keep_unknown_year": True, "has_index": "all"},
    "membership_growth": {},
    "newest_joiners": {"limit": 3},
    "index_versions": {},
    "networks": {},
    "overview_kpis": {},
    "policy_areas": {},
    "source_counts": {},
}


def test_every_named_query_has_an_example():
    assert sorted(EXAMPLE_PARAMS) == db.query_names()


@pytest.mark.parametrize("name", db.query_names())
def test_every_named_query_runs(tiny_con, name):
    frame = db.run(name, con=tiny_con, **EXAMPLE_PARAMS[name])
    assert len(frame.columns) > 0


def test_overview_kpis_count_the_fixture(tiny_con):
    row = db.run("overview_kpis", con=tiny_con).iloc[0]
    assert row["cities"] == 5
    assert row["countries"] == 3
    assert row["national_networks"] == 2
    assert row["international_members"] == 2  # alpha (member) and beta (both)
    assert row["associated_only"] == 2  # gamma and delta, through national networks
    assert row["members_in_both"] == 1
    assert row["status_unknown"] == 1
    assert row["cities_with_index"] == 3
    assert str(row["newest_assessment"])[:10] == "2020-09-01" and row["newest_precision"] == "month"


def test_cities_carry_membership_and_latest_aggregate(tiny_con):
    cities = db.run("cities", con=tiny_con).set_index("city_id")
    assert cities.loc["beta", "membership_class"] == "both"
    assert list(cities.loc["beta", "network_ids"]) == ["it-net"]
    assert cities.loc["alpha", "latest_score"] == 80 and cities.loc["alpha", "latest_version"] == "2019"
    assert bool(cities.loc["gamma", "has_index"]) is False
    assert cities.loc["gamma", "latest_score"] != cities.loc["gamma", "latest_score"]  # missing, not zero
    assert cities.loc["gamma", "joined_year"] == 2012


def test_unknown_query_name_lists_known_ones(tiny_con):
    with pytest.raises(db.QueryError, match=r"no query named 'nope'; known queries: (\w+, )*cities, "):
        db.run("nope", con=tiny_con)


@pytest.mark.parametrize("name", ["schema", "views", "../queries/cities", "Cities"])
def test_non_query_files_and_paths_are_not_runnable(tiny_con, name):
    with pytest.raises(db.QueryError, match="no query named"):
        db.run(name, con=tiny_con)


def test_missing_and_unknown_parameters_are_named(tiny_con, tmp_path, monkeypatch):
    (tmp_path / "by_country.sql").write_text("-- $ignored in comments\nSELECT * FROM city WHERE country_iso2 = $iso2")
    monkeypatch.setattr(db, "QUERIES", tmp_path)
    db.load_query.cache_clear()
    try:
        with pytest.raises(db.QueryError, match=r"missing parameter\(s\) iso2 \(it takes: iso2\)"):
            db.run("by_country", con=tiny_con)
        with pytest.raises(db.QueryError, match=r"unknown parameter\(s\) colour"):
            db.run("by_country", con=tiny_con, iso2="IT", colour="red")
        assert sorted(db.run("by_country", con=tiny_con, iso2="IT")["city_id"]) == ["beta", "gamma"]
    finally:
        db.load_query.cache_clear()


def test_read_only_connection_refuses_writes(tiny_con):
    with pytest.raises(Exception, match="read-only"):
        tiny_con.execute("DELETE FROM city")


def test_missing_database_says_how_to_build(tmp_path):
    with pytest.raises(db.DatabaseMissing, match="make build"):
        db.connect(tmp_path / "nothing.duckdb")


def map_params(**overrides):
    return {**EXAMPLE_PARAMS["map_cities"], **overrides}


@pytest.mark.parametrize(("overrides", "expected"), [
    ({}, ["alpha", "beta", "delta", "epsilon", "gamma"]),
    ({"countries": ["IT"]}, ["beta", "gamma"]),
    ({"networks": ["es-net"]}, ["delta"]),
    ({"statuses": ["both", "unknown"]}, ["beta", "epsilon"]),
    ({"has_index": "yes"}, ["alpha", "beta", "delta"]),
    ({"has_index": "no"}, ["epsilon", "gamma"]),
    ({"joined_from": 2010, "joined_to": 2011, "keep_unknown_year": False}, ["beta", "delta"]),
])
def test_map_filters(tiny_con, overrides, expected):
    assert db.run("map_cities", con=tiny_con, **map_params(**overrides))["city_id"].tolist() == expected


def test_newest_joiners_are_ordered_and_limited(tiny_con):
    assert db.run("newest_joiners", con=tiny_con, limit=2)["city_id"].tolist() == ["gamma", "delta"]


def test_version_scores_take_each_city_newest_assessment(tiny_con):
    scores = db.run("version_scores", con=tiny_con, version_id="2009")
    assert sorted(set(scores["assessment_id"])) == ["alpha-2009-2017", "beta-2009-2013", "delta-2009-2016-06"]


def test_city_assessments_newest_first_with_counts(tiny_con):
    frame = db.run("city_assessments", con=tiny_con, city_id="alpha")
    assert frame["assessment_id"].tolist() == ["alpha-2019-2020-09", "alpha-2009-2017"]
    assert frame["areas_reported"].tolist() == [1, 0] and frame["aggregate"].tolist() == [80, 85]


def test_practices_for_matches_city_and_area(tiny_con):
    frame = db.run("practices_for", con=tiny_con, city_ids=["alpha", "beta"], harmonised_codes=["education"])
    assert frame["practice_id"].tolist() == ["beta-schools"]


def test_a_comparison_uses_one_index_version_when_the_cities_share_one(tiny_con):
    """Alpha has a 2017 score (2009-2018 Index) and a 2020 one (revised); Delta only a 2016 one (2009-2018):
    Alpha's 2017 score is the one to set against Delta's, not its newer score of the other version."""
    assessments = db.run("compare_assessments", con=tiny_con, city_ids=["alpha", "delta"])
    assert compare.choose_assessments(assessments, ["alpha", "delta"]) == (
        ["alpha-2009-2017", "delta-2009-2016-06"], "2009")
    # Asked for the revised Index, Delta has none: it keeps its newest (the page then says 'harmonised').
    assert compare.choose_assessments(assessments, ["alpha", "delta"], "2019") == (
        ["alpha-2019-2020-09", "delta-2009-2016-06"], "2019")
    # A tie between versions goes to the newer one; a city without assessments is left out.
    alone = db.run("compare_assessments", con=tiny_con, city_ids=["alpha", "gamma"])
    assert compare.choose_assessments(alone, ["alpha", "gamma"]) == (["alpha-2019-2020-09"], "2019")
    frame = db.run("compare_scores", con=tiny_con, assessment_ids=["alpha-2009-2017", "delta-2009-2016-06"])
    assert sorted(set(frame["assessment_id"])) == ["alpha-2009-2017", "delta-2009-2016-06"]


def test_network_trend_counts_cities_per_year_and_version(tiny_con):
    frame = db.run("network_trend", con=tiny_con, harmonised_code="aggregate")
    rows = {(r.version_id, r.year): (r.cities, r.median) for r in frame.itertuples()}
    assert rows == {("2009", 2013): (1, 64), ("2009", 2016): (1, 72), ("2009", 2017): (1, 85),
                    ("2019", 2020): (1, 80)}


def test_trajectories_in_date_order(tiny_con):
    frame = db.run("city_trajectories", con=tiny_con, city_ids=["alpha"], harmonised_code="aggregate")
    assert frame["score"].tolist() == [85, 80] and frame["version_id"].tolist() == ["2009", "2019"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"text": "DESK"}, ["alpha-welcome"]),
    ({"area": "education"}, ["beta-schools"]),
    ({"country": "IT"}, ["beta-schools"]),
    ({"city_id": "alpha"}, ["alpha-welcome"]),
    ({"year_from": 2020}, []),
    ({}, ["alpha-welcome", "beta-schools"]),
])
def test_practice_search_filters(tiny_con, filters, expected):
    params = {"text": "", "area": "", "country": "", "city_id": "", "year_from": 0, "year_to": 0, **filters}
    assert db.run("practices_search", con=tiny_con, **params)["practice_id"].tolist() == expected


def test_materialised_scores_read_back_as_the_same_plain_text_as_the_joined_view(tiny_con):
    exported = db.run("export_scores", con=tiny_con)
    assert not [column for column, dtype in exported.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]
    joined = tiny_con.sql(
        "select d.city_id, d.city_name, d.country_iso2, d.assessment_id, d.version_id, d.area_code, d.score "
        "from score_detail d order by all").df()
    ours = exported[joined.columns].sort_values(list(joined.columns)).reset_index(drop=True)
    assert ours.astype(object).values.tolist() == joined.astype(object).values.tolist()


def test_existing_scores_returns_only_the_asked_assessments(tiny_con):
    frame = db.run("existing_scores", con=tiny_con, assessment_ids=["alpha-2009-2017", "no-such-assessment"])
    assert set(frame["assessment_id"]) == {"alpha-2009-2017"}
    assert db.run("existing_scores", con=tiny_con, assessment_ids=[]).empty


def test_text_from_enums_keeps_missing_values_missing():
    frame = pd.DataFrame({"code": pd.Categorical(["b", None, "a"], categories=["a", "b"]), "score": [1.0, 2.0, 3.0]})
    plain = db.text_from_enums(frame)
    assert not isinstance(plain["code"].dtype, pd.CategoricalDtype)
    assert plain["code"].tolist()[0::2] == ["b", "a"] and pd.isna(plain["code"].iloc[1])


def test_whole_network_reads_come_sorted_by_city_and_date_without_an_order_by(tiny_con):
    exported = db.run("export_scores", con=tiny_con)
    keys = list(zip(exported["city_id"], exported["assessed_on"]))
    assert keys == sorted(keys) and len(set(exported["city_id"])) > 1
    version = db.run("version_scores", con=tiny_con, version_id="2009")
    assert version["city_id"].tolist() == sorted(version["city_id"])


def test_previous_scores_are_each_citys_round_before_its_newest_in_the_version(tmp_path):
    from fixtures import TINY, write_tiny_bundle

    from icc.store import build

    earlier = ("alpha-2019-2019,alpha,2019,2019,year,20,education,50,,https://example.org/s,\n"
               "alpha-2019-2018,alpha,2019,2018,year,20,education,40,,https://example.org/s,\n")
    data_dir = write_tiny_bundle(tmp_path / "data", index_scores=TINY["index_scores.csv"] + earlier)
    target = tmp_path / "icc.duckdb"
    build.build(data_dir, target, tmp_path / "no-imports.duckdb")
    with db.connect(target) as con:
        previous = db.run("version_previous_scores", con=con, version_id="2019")
        assert previous.astype({"city_id": str, "area_code": str}).values.tolist() == [["alpha", "education", 50.0]]
        assert db.run("version_previous_scores", con=con, version_id="2009").empty  # one round per city


def test_the_benchmark_has_parameters_for_every_named_query(tiny_con):
    """`make bench` times every named query: a new query without bench parameters would break it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    params = bench.query_params(tiny_con)
    assert set(db.query_names()) <= set(params)
    for name in db.query_names():  # and each runs with them
        db.run(name, con=tiny_con, **params[name])
