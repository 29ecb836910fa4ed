"""Rank bands with ties, per-area comparison, strengths and weaknesses, whom to learn from, radar."""

import math

import pandas as pd
import pytest

from icc.analysis import profile, ranks
from icc.charts import radar

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(("score", "scores", "expected"), [
    (90, [90, 80, 70, 60], "top quartile of 4"),
    (80, [90, 80, 80, 60, 50, 40, 30, 20], "top quartile of 8"),  # tied at rank 2 of 8
    (60, [90, 80, 70, 60], "bottom quartile of 4"),
    (70, [70, 70, 70, 70], "top quartile of 4"),  # everyone tied shares the top
    (50, [90, 50, 40], "rank 2 of 3"),  # too few cities for quartiles
    (90, [90, 50], "2 cities scored: too few to rank"),  # a rank needs 3 cities, as the page says
])
def test_rank_bands(score, scores, expected):
    assert ranks.rank_band(score, scores) == expected


def test_ties_share_a_rank_and_missing_scores_do_not_count():
    assert ranks.rank_of(80, [90, 80, 80, float("nan"), 10]) == (2, 4)


AREAS = pd.DataFrame({
    "code": ["aggregate", "x", "y", "z", "w"],
    "harmonised_code": ["aggregate", "x", "y", "z", "w"],
    "name_en": ["Aggregate", "Ex", "Why", "Zed", "Double"], "name_fr": ["Agrégé", "Ix", "Igrec", "Zède", "Double"],
    "short_en": ["Agg", "X", "Y", "Z", "W"], "short_fr": ["Agg", "X", "Y", "Z", "W"],
    "group_code": ["composite", "core", "core", "core", "core"],
})


def version_scores(rows):
    frame = pd.DataFrame(rows, columns=["city_id", "area_code", "score"])
    frame["city_name"] = frame["city_id"].str.upper()
    frame["harmonised_code"] = frame["area_code"]
    return frame


NETWORK = version_scores(
    [("me", "x", 40), ("me", "y", 90), ("me", "z", 50), ("me", "aggregate", 60)]
    + [(c, "x", s) for c, s in [("p1", 80), ("p2", 70), ("p3", 60), ("o1", 95)]]
    + [(c, "y", s) for c, s in [("p1", 50), ("p2", 60), ("p3", 40), ("o1", 30)]]
    + [(c, "z", s) for c, s in [("p1", 50), ("p2", 50), ("o1", 90)]]
    + [(c, "aggregate", s) for c, s in [("p1", 60), ("p2", 60), ("p3", 50), ("o1", 70)]]
)
PEERS = ["p1", "p2", "p3"]


@pytest.fixture
def comparison():
    own = NETWORK[NETWORK["city_id"] == "me"]
    return profile.area_comparison("me", own, AREAS, NETWORK, PEERS + ["me"])


def test_comparison_excludes_the_city_from_medians(comparison):
    row = comparison.set_index("area_code").loc["x"]
    assert row["network_median"] == 75  # median of 80, 70, 60, 95 (not 40)
    assert row["peer_median"] == 70
    assert row["gap_peers"] == -30 and row["gap_network"] == -35
    assert row["rank_band"] == "bottom quartile of 5"


def test_thin_data_gives_no_median_and_missing_stays_missing(comparison):
    table = comparison.set_index("area_code")
    assert math.isnan(table.loc["z", "peer_median"])  # only two peers scored z
    assert table.loc["z", "peer_n"] == 2
    assert math.isnan(table.loc["w", "score"]) and math.isnan(table.loc["w", "network_median"])
    assert comparison["area_code"].tolist() == ["aggregate", "x", "y", "z", "w"]


def test_strengths_and_weaknesses_sentence(comparison):
    sentence = profile.strengths_sentence("Me", comparison)
    assert sentence == ("Compared with the median of its peers, ME is furthest ahead in Why (+40); "
                        "furthest behind in Ex (−30) (points).".replace("ME", "Me"))


def test_learn_from_prefers_peers_then_score(comparison):
    learning = profile.learn_from("me", comparison, NETWORK, PEERS)
    x = learning[learning["area_code"] == "x"]
    assert x["city_id"].tolist() == ["p1", "p2", "p3"]  # peers first, although o1 scores 95
    assert x["is_peer"].all()
    assert "me" not in set(learning["city_id"])


def test_radar_axes_order_range_and_gaps(comparison):
    figure = radar.comparison_radar(comparison, "Me", {"network": "N", "peers": "P", "band": "B"}, "T", "S")
    city = [trace for trace in figure.data if trace.name == "Me"][0]
    assert list(city.theta) == ["X", "Y", "Z", "W", "X"]  # fixed order, loop closed
    assert list(city.r) == [40, 90, 50, None, 40]  # the missing area is a gap, not zero
    assert city.connectgaps is False
    assert list(figure.layout.polar.radialaxis.range) == [0, 100]
    assert figure.layout.polar.angularaxis.direction == "clockwise"


def test_cities_radar_distinct_colours_and_dashes():
    wide = pd.DataFrame({"area_code": list("abc"), "harmonised_code": list("abc"), "short": list("ABC"),
                         "name": list("ABC"), **{f"City {i}": [10 * i, 20, 30] for i in range(8)}})
    figure = radar.cities_radar(wide, "T", "S")
    assert len({trace.line.color for trace in figure.data}) == 8
    assert len({trace.line.dash for trace in figure.data}) == 8


def test_ranks_of_all_match_one_by_one():
    scores = [90, 80, 80, float("nan"), 60, 100]
    assert ranks.ranks_of_all(scores)[:3] + ranks.ranks_of_all(scores)[4:] == [
        ranks.rank_of(s, scores)[0] for s in [90, 80, 80, 60, 100]]


def test_small_multiples_fill_a_shape_only_when_it_is_whole():
    wide = pd.DataFrame({"area_code": list("abcd"), "harmonised_code": list("abcd"), "short": list("ABCD"),
                         "name": list("ABCD"), "Whole": [40, 60, 80, 50], "Gappy": [40, None, 80, 50]})
    traces = {trace.name: trace for trace in radar.small_multiples(wide, "T", "S").data}
    assert traces["Whole"].fill == "toself"
    assert traces["Gappy"].fill in (None, "none") and list(traces["Gappy"].r) == [40, None, 80, 50, 40]


def test_the_dumbbell_shows_both_cities_on_a_tie_by_shape_as_well_as_colour():
    from icc.charts.dumbbell import dumbbell_chart

    rows = pd.DataFrame({"area_code": ["a", "b"], "short": ["A", "B"], "Guro-gu": [100.0, 70.0],
                         "Ansan": [100.0, 60.0], "gap": [0.0, 10.0]})
    figure = dumbbell_chart(rows, "Guro-gu", "Ansan", "T", "S", "Score", lambda gap: f"{gap:+.0f}")
    dots = {trace.name: trace.marker for trace in figure.data if trace.name in ("Guro-gu", "Ansan")}
    assert dots["Guro-gu"].symbol != dots["Ansan"].symbol
    assert dots["Ansan"].symbol.endswith("-open") and dots["Ansan"].size > dots["Guro-gu"].size  # a ring around


def test_a_city_keeps_its_colour_on_every_slide_of_a_visit(tiny_db):
    from icc.charts import SERIES_COLOURS
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import visit_slides

    with db.connect(tiny_db) as con:  # the host comes after the visitor in every alphabetical order
        slides = visit_slides.build_slides(PlainSession(con, "en"), "beta", "alpha")
    colours = {}
    for slide in slides:
        for trace in (slide.figure.data if slide.figure is not None else []):
            if trace.name in ("Alpha", "Beta"):
                colour = trace.line.color if trace.type == "scatter" and "lines" in (trace.mode or "") \
                    else trace.marker.color
                colours.setdefault(trace.name, set()).add((slide.key, colour))
    assert {colour for _, colour in colours["Beta"]} == {SERIES_COLOURS[0]}, colours
    assert {colour for _, colour in colours["Alpha"]} == {SERIES_COLOURS[1]}, colours
    assert len({key for key, _ in colours["Beta"]}) >= 2  # the map and the trend at least
