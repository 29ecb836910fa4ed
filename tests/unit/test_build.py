"""The build validates every bundled file and is all or nothing."""

import hashlib
from pathlib import Path

import duckdb
import pytest
from fixtures import TINY, write_tiny_bundle

from icc.__main__ import main
from icc.store import build, source_files

STORE = Path("/nonexistent/icc-import-store.duckdb")  # no imported batches in these tests


def file_digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built(tmp_path):
    """A good database already in place, and a data folder to break."""
    data_dir = write_tiny_bundle(tmp_path / "data")
    target = tmp_path / "icc.duckdb"
    build.build(data_dir, target, STORE)
    return data_dir, target, file_digest(target)


def rebuild_fails(data_dir, target, digest, *, file, line, column, value, expected_fragment):
    with pytest.raises(source_files.ValidationError) as caught:
        build.build(data_dir, target, STORE)
    matching = [
        problem for problem in caught.value.problems
        if problem.file == file and problem.line == line and problem.column == column and problem.value == value
    ]
    assert matching, f"no problem at {file}:{line}:{column}={value!r} in {caught.value.problems}"
    assert expected_fragment in matching[0].message
    assert file in str(caught.value) and expected_fragment in str(caught.value)
    assert file_digest(target) == digest, "a failed build must leave the previous database untouched"
    return caught.value


def replace_line(content: str, old: str, new: str) -> str:
    assert old in content
    return content.replace(old, new, 1)


def test_good_bundle_builds_every_table(built):
    _, target, _ = built
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select count(*) from city").fetchall() == [(5,)]
        assert con.sql("select count(*) from assessment").fetchall() == [(4,)]
        assert con.sql("select count(*) from score").fetchall() == [(6,)]
        assert con.sql("select dataset from build_info").fetchall() == [("published",)]


def test_missing_column_is_named(built):
    data_dir, target, digest = built
    (data_dir / "cities.csv").write_text(TINY["cities.csv"].replace(",coord_source", ",coords", 1))
    rebuild_fails(data_dir, target, digest, file="cities.csv", line=1, column="coord_source", value=None,
                  expected_fragment="this column in the header row")


def test_unknown_country_code(built):
    data_dir, target, digest = built
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], "gamma,Gamma,IT", "gamma,Gamma,XX"))
    rebuild_fails(data_dir, target, digest, file="cities.csv", line=4, column="country_iso2", value="XX",
                  expected_fragment="country code listed in countries.csv")


def test_malformed_country_code(built):
    data_dir, target, digest = built
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], "gamma,Gamma,IT", "gamma,Gamma,Italy"))
    rebuild_fails(data_dir, target, digest, file="cities.csv", line=4, column="country_iso2", value="Italy",
                  expected_fragment="two-letter ISO 3166")


def test_duplicate_id(built):
    data_dir, target, digest = built
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], "gamma,Gamma", "beta,Gamma"))
    rebuild_fails(data_dir, target, digest, file="cities.csv", line=4, column="city_id", value="beta",
                  expected_fragment="unique value (already used on line 3)")


def test_score_outside_range(built):
    data_dir, target, digest = built
    content = replace_line(TINY["index_scores.csv"], "aggregate,64,", "aggregate,104,")
    (data_dir / "index_scores.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="index_scores.csv", line=5, column="score", value="104",
                  expected_fragment="between 0 and 100")


def test_non_numeric_score(built):
    data_dir, target, digest = built
    content = replace_line(TINY["index_scores.csv"], "aggregate,64,", "aggregate,sixty,")
    (data_dir / "index_scores.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="index_scores.csv", line=5, column="score", value="sixty",
                  expected_fragment="between 0 and 100")


def test_unknown_city_in_scores(built):
    data_dir, target, digest = built
    content = replace_line(TINY["index_scores.csv"], "beta-2009-2013,beta,", "beta-2009-2013,zeta,")
    (data_dir / "index_scores.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="index_scores.csv", line=5, column="city_id", value="zeta",
                  expected_fragment="city_id listed in cities.csv")


def test_area_not_in_that_index_version(built):
    data_dir, target, digest = built
    # 'governance' exists only in the 2009-2018 Index.
    content = replace_line(TINY["index_scores.csv"], "26,education,", "26,governance,")
    (data_dir / "index_scores.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="index_scores.csv", line=4, column="area_code", value="governance",
                  expected_fragment="policy area of that Index version")


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("lat", "95.0", "latitude between -90 and 90"),
    ("lon", "-190", "longitude between -180 and 180"),
])
def test_coordinates_out_of_range(built, column, value, expected):
    data_dir, target, digest = built
    old = "gamma,Gamma,IT,45.4,11.9"
    new = f"gamma,Gamma,IT,{value},11.9" if column == "lat" else f"gamma,Gamma,IT,45.4,{value}"
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], old, new))
    rebuild_fails(data_dir, target, digest, file="cities.csv", line=4, column=column, value=value,
                  expected_fragment=expected)


@pytest.mark.parametrize("bad_year", ["20x1", "1850", "3024"])
def test_bad_year(built, bad_year):
    data_dir, target, digest = built
    content = replace_line(TINY["memberships.csv"], "gamma,national,it-net,member,2012",
                           f"gamma,national,it-net,member,{bad_year}")
    (data_dir / "memberships.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="memberships.csv", line=5, column="joined_year", value=bad_year,
                  expected_fragment="four-digit year")


def test_future_assessment_date(built):
    data_dir, target, digest = built
    content = replace_line(TINY["index_scores.csv"], "beta,2009,2013,year", "beta,2009,2999,year")
    (data_dir / "index_scores.csv").write_text(content)
    rebuild_fails(data_dir, target, digest, file="index_scores.csv", line=5, column="assessed_on", value="2999",
                  expected_fragment="not in the future")


def test_empty_file(built):
    data_dir, target, digest = built
    (data_dir / "networks.csv").write_text("")
    rebuild_fails(data_dir, target, digest, file="networks.csv", line=None, column=None, value=None,
                  expected_fragment="a header row: network_id, name")


def test_header_only_file(built):
    data_dir, target, digest = built
    (data_dir / "practices.csv").write_text(TINY["practices.csv"].splitlines()[0] + "\n")
    rebuild_fails(data_dir, target, digest, file="practices.csv", line=None, column=None, value=None,
                  expected_fragment="at least one data row")


def test_wrong_encoding_names_the_line(built):
    data_dir, target, digest = built
    (data_dir / "countries.csv").write_bytes(TINY["countries.csv"].encode("latin-1"))
    rebuild_fails(data_dir, target, digest, file="countries.csv", line=2, column=None, value="byte 0xE8",
                  expected_fragment="UTF-8")


def test_byte_order_mark_is_accepted(built):
    data_dir, target, _ = built
    (data_dir / "countries.csv").write_bytes(b"\xef\xbb\xbf" + TINY["countries.csv"].encode("utf-8"))
    build.build(data_dir, target, STORE)
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select iso2 from country order by iso2").fetchall() == [("ES",), ("IT",), ("NO",)]


def test_every_problem_is_reported_at_once(built):
    data_dir, target, digest = built
    content = replace_line(TINY["index_scores.csv"], "aggregate,64,", "aggregate,-3,")
    content = replace_line(content, "commitment,90,", "commitment,x,")
    (data_dir / "index_scores.csv").write_text(content)
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], "60.39", "99"))
    with pytest.raises(source_files.ValidationError) as caught:
        build.build(data_dir, target, STORE)
    found = {(p.file, p.line, p.column) for p in caught.value.problems}
    assert {("index_scores.csv", 5, "score"), ("index_scores.csv", 7, "score"), ("cities.csv", 2, "lat")} <= found
    assert file_digest(target) == digest


def test_cli_build_exits_non_zero_and_keeps_database(built, capsys):
    data_dir, target, digest = built
    (data_dir / "cities.csv").write_text(replace_line(TINY["cities.csv"], "60.39", "north"))
    status = main(["build", "--data", str(data_dir), "--out", str(target), "--store", str(STORE)])
    assert status == 1
    err = capsys.readouterr().err
    assert "cities.csv, line 2, column 'lat': found 'north'" in err and "unchanged" in err
    assert file_digest(target) == digest


def test_if_stale_rebuilds_only_after_a_change(built, capsys):
    data_dir, target, digest = built
    assert main(["build", "--if-stale", "--data", str(data_dir), "--out", str(target), "--store", str(STORE)]) == 0
    assert "up to date" in capsys.readouterr().out and file_digest(target) == digest
    (data_dir / "networks.csv").write_text(TINY["networks.csv"].replace("Italian test network", "Rete test"))
    assert build.is_stale(data_dir, target, STORE)
    assert main(["build", "--if-stale", "--data", str(data_dir), "--out", str(target), "--store", str(STORE)]) == 0
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select name from network where network_id = 'it-net'").fetchall() == [("Rete test",)]


def test_crash_midway_leaves_previous_database(built, monkeypatch):
    data_dir, target, digest = built

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build.duckdb.DuckDBPyRelation, "insert_into", explode)
    with pytest.raises(RuntimeError):
        build.build(data_dir, target, STORE)
    assert file_digest(target) == digest
    assert not list(target.parent.glob(".icc.duckdb.*partial*"))
