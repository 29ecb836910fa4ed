"""Membership rounds (issue 27) on the tiny bundle: a new city placed from the gazetteer, a status change, both
previewed, committed, seen by the map and the overview's counts, and rolled back; every refusal names its row
and field and changes nothing."""

import pytest
from fixtures import checksum

from icc.imports import any_round, membership_file
from icc.store import db, import_batches, publishing

HEADER = "city,country,status,scope,network,joined_year,left_year,lat,lon,source_url\n"
ROUND = HEADER + ("Trondheim,Norway,member,international,,2025,,,,https://example.org/trondheim\n"
                  "Epsilon,ES,associated,international,,2012,,,,https://example.org/epsilon\n")


def parse(paths, content, name="members.csv"):
    with db.connect(paths.target) as con:
        return any_round.parse_round(content.encode("utf-8"), name, any_round.references_from(con))


def problems(parsed):
    return [(problem.line, problem.column, problem.message) for problem in parsed.problems]


def test_a_membership_file_is_recognised_by_its_columns(paths):
    assert parse(paths, ROUND).kind == "membership"
    assert parse(paths, "city,country,assessed_on,index_version,area,score\nalpha,,2024,2019,education,50\n").kind \
        == "index"


def test_the_preview_names_the_new_city_where_it_is_placed_and_the_status_change(paths):
    parsed = parse(paths, ROUND)
    assert parsed.valid, parsed.problems
    changes = {(row.change, row.city): row for row in parsed.changes.itertuples()}
    new = changes[("new city", "Trondheim")]
    assert new.placed.startswith("63.4305, 10.3951 (Trondheim, NO, 216,518 inhabitants in the gazetteer)")
    status = changes[("status change", "Epsilon")]
    assert (status.before, status.after) == ("unknown", "associated")
    assert parsed.cities.set_index("city_id").loc["trondheim", "coord_source"].startswith("GeoNames")


def test_a_committed_round_reaches_the_map_and_the_counts_and_a_rollback_undoes_it(paths):
    with db.connect(paths.target) as con:
        cities_before = int(db.run("overview_kpis", con=con).iloc[0]["cities"])
    batch = publishing.commit(parse(paths, ROUND), "coordinator", paths)
    assert import_batches.batches(paths.store)["kind"].tolist() == ["membership"]
    every = {"countries": [], "networks": [], "statuses": [], "joined_from": 1900, "joined_to": 2100,
             "keep_unknown_year": True, "has_index": "all"}
    with db.connect(paths.target) as con:
        shown = db.run("map_cities", con=con, **every).set_index("city_id")
        assert int(db.run("overview_kpis", con=con).iloc[0]["cities"]) == cities_before + 1
        assert db.run("membership_as_of", con=con).iloc[0]["rounds"] == 1
        detail = db.run("city_detail", con=con, city_id="epsilon").iloc[0]
    assert (shown.loc["trondheim", "lat"], shown.loc["trondheim", "lon"]) == (63.4305, 10.3951)
    assert membership_file.inside_country(63.4305, 10.3951, "NOR")
    assert shown.loc["trondheim", "membership_class"] == "member"
    assert shown.loc["epsilon", "membership_class"] == "associated"
    assert len(detail["membership_rounds"]) == 1 and not detail["membership_curated"]
    publishing.rollback(batch, paths)
    with db.connect(paths.target) as con:
        shown = db.run("map_cities", con=con, **every).set_index("city_id")
        assert int(db.run("overview_kpis", con=con).iloc[0]["cities"]) == cities_before
    assert "trondheim" not in shown.index and shown.loc["epsilon", "membership_class"] == "unknown"


def test_a_leaver_is_shown_as_having_left(paths):
    publishing.commit(parse(paths, HEADER + "Alpha,NO,member,international,,2008,2024,,,https://example.org/a\n"),
                      "coordinator", paths)
    with db.connect(paths.target) as con:
        assert db.run("city_detail", con=con, city_id="alpha").iloc[0]["membership_class"] == "former"


@pytest.mark.parametrize(("row", "expected"), [
    ("Trondheim,Atlantis,member,international,,2025,,,,https://example.org/t", (2, "country", "unknown country")),
    ("Alpha,NO,member,international,,2018,2016,,,https://example.org/a",
     (2, "left_year", "the left year is before the joined year (2018)")),
    ("Trondheim,Norway,member,international,,2025,,40.4,-3.7,https://example.org/t",
     (2, "lat", "these coordinates are not in Norway")),
    ("Trondheim,Norway,member,international,,2005,,,,https://example.org/t",
     (2, "joined_year", "outside the programme's life (2008 to today)")),
    ("Trondheim,Norway,member,international,,2025,,,,", (2, "source_url", "every row needs its source")),
    ("Beta,IT,member,national,,2012,,,,https://example.org/b", (2, "network", "a national membership names its network")),
    ("Beta,IT,member,national,es-net,2012,,,,https://example.org/b", (2, "network", "this network is in Spain")),
    ("Beta,IT,member,worldwide,,2012,,,,https://example.org/b", (2, "scope", "unknown scope")),
    ("Belvedere,IT,member,international,,2020,,,,https://example.org/b",
     (2, "city", "several places of this name in the gazetteer")),
    ("Nowherevillezz,NO,member,international,,2020,,,,https://example.org/b",
     (2, "city", "not in the gazetteer for this country (places of 5,000 inhabitants or more)")),
])
def test_a_row_that_must_be_refused_names_its_row_and_field_and_changes_nothing(paths, row, expected):
    before = checksum(paths.target)
    parsed = parse(paths, HEADER + row + "\n")
    assert expected in problems(parsed)
    with pytest.raises(ValueError):
        import_batches.save_batch(parsed, "coordinator", paths.store)
    assert checksum(paths.target) == before and import_batches.batches(paths.store).empty


def test_an_ambiguous_or_unknown_place_lists_candidates(paths):
    ambiguous = parse(paths, HEADER + "Belvedere,IT,member,international,,2020,,,,https://example.org/b\n")
    assert ambiguous.problems[0].suggestion.count("inhabitants") >= 2 and "45.69, 11.7718" in ambiguous.problems[0].suggestion
    unknown = parse(paths, HEADER + "Trondhiem,NO,member,international,,2020,,,,https://example.org/b\n")
    assert "nearest: Trondheim" in unknown.problems[0].suggestion


def test_the_same_membership_twice_is_refused(paths):
    parsed = parse(paths, HEADER + "Beta,IT,member,international,,2012,,,,https://example.org/b\n" * 2)
    assert problems(parsed) == [(3, "city", "the same membership as line 2")]


def test_french_headers_and_values_are_read(paths):
    parsed = parse(paths, "ville,pays,statut,portée,réseau,année d'adhésion,source\n"
                          "Beta,Italie,membre,nationale,it-net,,https://example.org/b\n")
    assert parsed.valid, parsed.problems
    assert parsed.memberships[["city_id", "scope", "network_id", "status"]].values.tolist() == [
        ["beta", "national", "it-net", "member"]]
    assert parsed.changes["change"].tolist() == ["unchanged"] and membership_file.changes_nothing(parsed)
