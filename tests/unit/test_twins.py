"""Data twins: read-only JSON and CSV of the named queries, one folder per dataset and snapshot."""

import json

from icc.outputs import twins
from icc.store import db


def test_twins_are_written_for_a_snapshot_and_rewritten_only_when_it_changes(tiny_db, tmp_path):
    with db.connect(tiny_db) as con:
        twins.ensure_twins(con, "published", "/snapshots/icc-aaaa.duckdb", tmp_path)
        folder = twins.twin_folder("published", tmp_path)
        cities = json.loads((folder / "cities.json").read_text())
        assert cities["snapshot"] == "icc-aaaa.duckdb" and not cities["fictional"]
        assert len(cities["rows"]) == len(db.run("cities", con=con))
        assert {path.stem for path in folder.glob("*.csv")} == set(twins.TWIN_QUERIES)
        written = (folder / "cities.json").stat().st_mtime_ns
        twins.ensure_twins(con, "published", "/snapshots/icc-aaaa.duckdb", tmp_path)
        assert (folder / "cities.json").stat().st_mtime_ns == written  # same snapshot: left as it is
        twins.ensure_twins(con, "published", "/snapshots/icc-bbbb.duckdb", tmp_path)
        assert json.loads((folder / "cities.json").read_text())["snapshot"] == "icc-bbbb.duckdb"
    assert [path.name for path in folder.parent.iterdir()] == ["published"]  # no staging folder left behind


def test_the_listing_gives_each_twin_its_addresses_and_what_it_holds():
    listing = twins.twin_listing("demo")
    assert listing.set_index("query").loc["cities", "json"] == "/app/static/data/demo/cities.json"
    # Every named query without parameters, except the import's internal ones.
    assert "joined_year_range" in set(listing["query"]) and "import_cities" not in set(listing["query"])
    assert listing["description"].str.len().min() > 10


def test_the_listing_says_what_each_address_holds_in_the_reader_s_language():
    from icc.i18n import set_language

    for language, word in (("en", "cities"), ("fr", "villes")):
        set_language(language)
        listing = twins.twin_listing("published").set_index("query")
        assert not listing["description"].str.startswith("twin.").any()  # every address described
        assert not listing["description"].str.contains("NULL").any()
        assert word in listing.loc["cities_per_country", "description"].lower()
    set_language("en")
