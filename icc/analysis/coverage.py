"""How much of the network the Index covers: each city's newest assessment and its age, who never answered,
the largest moves between a city's last two assessments of one version, and results by country and by
national network (medians only within one Index version, from MIN_FOR_MEDIAN cities)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from icc.analysis import trends

AGE_CLASSES = ("recent", "older", "old", "never")  # under 2 years, 2 to 5, over 5, never assessed
AGE_LIMITS_YEARS = (2, 5)
MIN_FOR_MEDIAN = 3


def with_age(coverage: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The coverage rows with the age of each city's newest assessment in years (one decimal) and its class."""
    out = coverage.copy()
    dates = pd.to_datetime(out["newest_assessed_on"])
    out["age_years"] = ((pd.Timestamp(today) - dates).dt.days / 365.25).round(1)
    out["age_class"] = [
        "never" if pd.isna(age) else "recent" if age < AGE_LIMITS_YEARS[0] else
        "older" if age < AGE_LIMITS_YEARS[1] else "old" for age in out["age_years"]]
    return out


def summary(coverage: pd.DataFrame) -> dict[str, int]:
    counts = coverage["age_class"].value_counts()
    return {"cities": len(coverage), "assessed": int(len(coverage) - counts.get("never", 0)),
            **{age: int(counts.get(age, 0)) for age in AGE_CLASSES}}


def movers(trajectories: pd.DataFrame, count: int = 10) -> pd.DataFrame:
    """Each city's change between its last two assessments of the same Index version on the aggregate, those
    beyond the noise threshold, largest first."""
    changes = trends.trajectory_changes(trajectories)
    if changes.empty:
        return changes
    last = changes.sort_values("to").groupby("city_id", as_index=False).tail(1)
    moved = last[(last["from_version"] == last["to_version"]) & (last["arrow"] != "")]
    return moved.reindex(moved["change"].abs().sort_values(ascending=False, kind="stable").index).head(count)


def by_group(coverage: pd.DataFrame, group: pd.Series, version: str) -> pd.DataFrame:
    """Per group (a country, a national network): cities, cities with results, and the median of the newest
    aggregate among cities whose newest assessment uses `version` (from MIN_FOR_MEDIAN of them)."""
    frame = coverage.assign(group=group.values)
    rows = []
    for name, part in frame.groupby("group", sort=True):
        in_version = part[(part["newest_version"] == version) & part["latest_score"].notna()]
        rows.append({"group": name, "cities": len(part), "assessed": int((part["assessments"] > 0).sum()),
                     "median": in_version["latest_score"].median() if len(in_version) >= MIN_FOR_MEDIAN
                     else float("nan"), "median_cities": len(in_version)})
    return pd.DataFrame(rows, columns=["group", "cities", "assessed", "median", "median_cities"]).sort_values(
        ["assessed", "cities", "group"], ascending=[False, False, True], ignore_index=True)
