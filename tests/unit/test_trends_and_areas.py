"""Version breaks, noise threshold, thin data, heatmap order and correlations, on fixtures."""

import math

import pandas as pd
import pytest

from icc.analysis import areas, trends
from icc.charts import lines


def trend_rows(rows):
    return pd.DataFrame(rows, columns=["version_id", "year", "cities", "median", "q1", "q3"])


def test_thin_years_are_blanked_but_keep_their_count():
    series = trends.network_series(trend_rows([("2009", 2015, 2, 50, 40, 60), ("2009", 2016, 3, 55, 45, 65)]))
    assert math.isnan(series.loc[0, "median"]) and math.isnan(series.loc[0, "q1"])
    assert series.loc[0, "cities"] == 2 and series.loc[1, "median"] == 55
    assert trends.thin_years(series) == [2015]


def test_no_line_across_the_revision_unless_harmonised():
    series = trends.network_series(trend_rows([
        ("2009", 2017, 5, 50, 40, 60), ("2009", 2018, 5, 52, 40, 60),
        ("2009", 2019, 4, 53, 40, 60), ("2019", 2019, 6, 60, 50, 70), ("2019", 2020, 6, 62, 50, 70)]))
    separate = trends.segments(series, harmonised=False)
    assert [key for key, _ in separate] == ["2009", "2019"]
    assert separate[0][1]["year"].tolist() == [2017, 2018, 2019]
    joined = trends.segments(series, harmonised=True)
    assert [key for key, _ in joined] == ["harmonised"]
    part = joined[0][1]
    assert part["year"].tolist() == [2017, 2018, 2019, 2020]
    assert part.loc[part["year"] == 2019, "version_id"].item() == "2019"  # the newer version stands


def test_trend_chart_draws_one_line_per_version_and_marks_the_revision():
    series = trends.network_series(trend_rows([("2009", 2017, 5, 50, 40, 60), ("2019", 2020, 6, 62, 50, 70)]))
    figure = lines.network_trend_chart(trends.segments(series, False), {"2009": "old", "2019": "new"}, "T", "S",
                                       "Score", 2019, "Index revised")
    medians = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert [trace.name for trace in medians] == ["old", "new"]
    assert figure.layout.shapes[0].x0 == 2018.5
    assert "Index revised" in [annotation.text for annotation in figure.layout.annotations]


def assessments(rows):
    frame = pd.DataFrame(rows, columns=["city_id", "assessment_id", "version_id", "assessed_on", "score"])
    frame["city_name"] = frame["city_id"].str.title()
    frame["assessed_on"] = pd.to_datetime(frame["assessed_on"])
    return frame


def test_changes_in_points_with_noise_threshold_and_no_arrow_across_the_revision():
    frame = assessments([
        ("oslo", "o1", "2009", "2014-01-01", 60), ("oslo", "o2", "2009", "2017-01-01", 63),
        ("oslo", "o3", "2019", "2020-01-01", 80), ("oslo", "o4", "2019", "2023-01-01", 72),
    ])
    changes = trends.trajectory_changes(frame)
    assert changes["change"].tolist()[0] == 3 and changes["arrow"].tolist()[0] == ""  # below the noise threshold
    assert math.isnan(changes["change"].tolist()[1]) and changes["across_revision"].tolist()[1]
    assert changes["arrow"].tolist()[1] == ""
    assert changes["change"].tolist()[2] == -8 and changes["arrow"].tolist()[2] == "down"
    harmonised = trends.trajectory_changes(frame, harmonised=True)
    # Harmonised: the change across the revision is given in points, but an arrow would claim more than it can.
    assert harmonised["change"].tolist()[1] == 17 and harmonised["arrow"].tolist()[1] == ""
    assert harmonised["arrow"].tolist()[2] == "down"


def test_trajectory_line_breaks_at_the_revision():
    frame = assessments([("oslo", "o1", "2009", "2014-01-01", 60), ("oslo", "o3", "2019", "2020-01-01", 80)])
    broken = lines.trajectory_chart(frame, False, "T", "S", "Score", {}).data[0]
    assert list(broken.y) == [60, None, 80]
    joined = lines.trajectory_chart(frame, True, "T", "S", "Score", {}).data[0]
    assert list(joined.y) == [60, 80]


VERSION_AREAS = pd.DataFrame({"code": ["aggregate", "x", "y", "z"],
                              "group_code": ["composite", "core", "core", "core"]})


def version_scores(rows):
    frame = pd.DataFrame(rows, columns=["city_name", "area_code", "score"])
    frame["city_id"] = frame["city_name"].str.lower()
    frame["country_iso2"] = "NO"
    frame["assessed_on"] = pd.Timestamp("2020-01-01")
    frame["date_precision"] = "year"
    return frame


SCORES = version_scores(
    [(city, "aggregate", agg) for city, agg in [("Ash", 50), ("Birch", 80), ("Cedar", 65), ("Dogwood", 80)]]
    + [(city, "x", s) for city, s in [("Ash", 30), ("Birch", 90), ("Cedar", 60), ("Dogwood", 85)]]
    + [(city, "y", s) for city, s in [("Ash", 40), ("Birch", 85), ("Cedar", 55)]]
    + [(city, "z", s) for city, s in [("Ash", 35), ("Birch", 80), ("Cedar", 62), ("Dogwood", 90)]]
)


def test_ranking_shares_ties():
    ranking = areas.area_ranking(SCORES, "aggregate")
    assert ranking["city_name"].tolist() == ["Birch", "Dogwood", "Cedar", "Ash"]
    assert ranking["rank"].tolist() == [1, 1, 3, 4]
    assert ranking["rank_band"].tolist()[:2] == ["top quartile of 4", "top quartile of 4"]


@pytest.mark.parametrize(("order", "expected"), [
    ("score", ["Birch", "Dogwood", "Cedar", "Ash"]),
    ("name", ["Ash", "Birch", "Cedar", "Dogwood"]),
])
def test_heatmap_orders(order, expected):
    matrix, total = areas.heatmap_matrix(SCORES, VERSION_AREAS, order)
    assert list(matrix.index) == expected and total == 4
    assert list(matrix.columns) == ["x", "y", "z"]  # radar order, aggregate left out
    assert math.isnan(matrix.loc["Dogwood", "y"])  # missing stays missing


def test_heatmap_limit_keeps_the_highest_aggregates():
    matrix, total = areas.heatmap_matrix(SCORES, VERSION_AREAS, "name", limit=2)
    assert list(matrix.index) == ["Birch", "Dogwood"] and total == 4


def test_clustered_order_is_deterministic_and_puts_strong_profiles_first():
    matrix, _ = areas.heatmap_matrix(SCORES, VERSION_AREAS, "clustered")
    assert list(matrix.index)[0] in ("Birch", "Dogwood") and list(matrix.index)[-1] == "Ash"
    again, _ = areas.heatmap_matrix(SCORES.sample(frac=1, random_state=1), VERSION_AREAS, "clustered")
    assert list(again.index) == list(matrix.index)


def test_correlations_need_enough_cities():
    assert areas.area_correlations(SCORES, VERSION_AREAS).isna().all().all()
    correlated = areas.area_correlations(SCORES, VERSION_AREAS, minimum=3)
    assert correlated.loc["x", "z"] > 0.9


def test_year_range_filter():
    frame = pd.DataFrame({"year": [2012, 2015, 2020]})
    assert trends.in_years(frame, (2014, 2020))["year"].tolist() == [2015, 2020]
    assert trends.in_years(frame, ())["year"].tolist() == [2012, 2015, 2020]


def test_trajectory_dates_are_labelled_by_year_in_any_language():
    from icc.charts import lines

    frame = assessments([("oslo", "o1", "2009", "2014-01-01", 60), ("oslo", "o2", "2009", "2017-07-01", 63)])
    figure = lines.trajectory_chart(frame.assign(city_name="Oslo"), False, "t", "s", "Score", {})
    assert figure.layout.xaxis.tickformat == "%Y" and figure.layout.xaxis.dtick == "M12"
