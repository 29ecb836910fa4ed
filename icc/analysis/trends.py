"""Trend rules: thin data is not drawn, no line crosses the Index revision unless the user asks for
harmonised areas, changes are in points, and arrows only above a noise threshold."""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_CITIES_PER_POINT = 3
NOISE_THRESHOLD_POINTS = 5.0
REVISION_YEAR = 2019


def network_series(trend: pd.DataFrame) -> pd.DataFrame:
    """The per-year statistics with medians and bands blanked where fewer than MIN_CITIES_PER_POINT cities
    stand behind them (the count stays, so the chart can say why)."""
    series = trend.copy()
    thin = series["cities"] < MIN_CITIES_PER_POINT
    for column in ("median", "q1", "q3"):
        series[column] = series[column].astype(float).where(~thin)
    series["thin"] = thin
    return series


def segments(series: pd.DataFrame, harmonised: bool) -> list[tuple[str, pd.DataFrame]]:
    """Lines to draw: one per Index version (never joined across the revision), or a single joined line
    when the user chose harmonised areas. For a year with both versions the newer one stands."""
    if harmonised:
        joined = series.sort_values(["year", "version_id"]).drop_duplicates("year", keep="last")
        return [("harmonised", joined.reset_index(drop=True))]
    return [(version, part.reset_index(drop=True)) for version, part in series.groupby("version_id", sort=True)]


def thin_years(series: pd.DataFrame) -> list[int]:
    return sorted(int(year) for year in series.loc[series["thin"], "year"].unique())


def trajectory_changes(scores: pd.DataFrame, threshold: float = NOISE_THRESHOLD_POINTS,
                       harmonised: bool = False) -> pd.DataFrame:
    """Change in points between each city's consecutive assessments. `arrow` is up/down only when the change
    reaches the noise threshold and both assessments use the same Index version: with harmonised areas a
    change across the revision is given in points, flagged `across_revision`, but never gets an arrow."""
    rows = []
    for city_id, city in scores.sort_values(["city_id", "assessed_on", "assessment_id"]).groupby("city_id"):
        previous = None
        for current in city.itertuples():
            if previous is not None:
                change = float(current.score) - float(previous.score)
                same_version = current.version_id == previous.version_id
                comparable = same_version or harmonised
                arrow = ""
                if same_version and abs(change) >= threshold:
                    arrow = "up" if change > 0 else "down"
                rows.append({"city_id": city_id, "city_name": current.city_name, "from": previous.assessed_on,
                             "to": current.assessed_on,
                             "from_precision": getattr(previous, "date_precision", "day"),
                             "to_precision": getattr(current, "date_precision", "day"),
                             "from_version": previous.version_id,
                             "to_version": current.version_id, "change": change if comparable else np.nan,
                             "across_revision": not same_version, "arrow": arrow})
            previous = current
    return pd.DataFrame(rows, columns=["city_id", "city_name", "from", "to", "from_precision", "to_precision",
                                       "from_version", "to_version", "change", "across_revision", "arrow"])


def in_years(frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Rows whose `year` lies in the chosen (first, last) range; all rows when no range is chosen."""
    if len(years) != 2:
        return frame
    return frame[frame["year"].between(years[0], years[1])].reset_index(drop=True)


def changes_since(current: pd.DataFrame, previous: pd.DataFrame, same_version: bool,
                  threshold: float = NOISE_THRESHOLD_POINTS) -> pd.DataFrame:
    """Per area, a city's change between two of its assessments (frames of area_code, harmonised_code, score),
    largest first. Within one Index version areas match by code and a change of at least `threshold` points
    is `beyond_noise`; across the revision only harmonised areas match, and no change counts as beyond noise
    (the questions changed) and the aggregate is left out."""
    key = "area_code" if same_version else "harmonised_code"
    if not same_version:  # the aggregate is made of other questions in each version: never compared across
        current = current[current["harmonised_code"] != "aggregate"]
    after = current.dropna(subset=[key, "score"])[list(dict.fromkeys([key, "area_code", "score"]))]
    before = previous.dropna(subset=[key, "score"])[[key, "score"]]
    paired = after.merge(before, on=key, suffixes=("", "_before"))
    table = pd.DataFrame({"area_code": paired["area_code"].astype(str), "before": paired["score_before"].astype(float),
                          "after": paired["score"].astype(float)})
    table["change"] = table["after"] - table["before"]
    table["beyond_noise"] = same_version & (table["change"].abs() >= threshold)
    order = table["change"].abs().sort_values(ascending=False, kind="stable").index
    return table.loc[order].reset_index(drop=True)
