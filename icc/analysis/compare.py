"""Comparing cities area by area: one table, a gap table sorted by spread, and head-to-head."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.i18n import current_language, t

AREA_COLUMNS = ("area_code", "harmonised_code", "short", "name")


@dataclass
class Comparison:
    wide: pd.DataFrame  # one row per area; AREA_COLUMNS then one column per city (display name)
    harmonised: bool  # True when the cities' assessments use different Index versions
    names: dict[str, str]  # city_id -> display name (column)
    assessments: pd.DataFrame  # one row per city: assessment, version, date


VERSION_CHOICES = ("", "2009", "2019")  # '' = the version most of the cities share


def choose_assessments(assessments: pd.DataFrame, order: list[str], version: str = "") -> tuple[list[str], str]:
    """(assessment ids, version used): each city's newest assessment in one Index version, so that no score
    is set against a score of the other version when both cities have one in the same version. `version`
    '' picks the version most cities have (the newer one on a tie); a city without an assessment in it
    keeps its newest one (the comparison then falls back to the harmonised areas, and says so)."""
    if assessments.empty:
        return [], version
    if not version:
        counts = assessments.drop_duplicates(["city_id", "version_id"])["version_id"].value_counts()
        version = max(counts.index, key=lambda v: (counts[v], v))
    chosen = []
    for city in order:
        own = assessments[assessments["city_id"] == city]
        if own.empty:
            continue
        in_version = own[own["version_id"] == version]
        chosen.append((in_version if not in_version.empty else own).iloc[0]["assessment_id"])
    return chosen, version


def build_comparison(scores: pd.DataFrame, order: list[str]) -> Comparison:
    """Areas as rows, cities as columns. Different Index versions: only harmonised areas, matched by code."""
    lang = current_language()
    areas_only = scores  # the aggregate stays in the tables; radar_rows() leaves it out of charts
    harmonised = scores["version_id"].nunique() > 1
    key = "harmonised_code" if harmonised else "area_code"
    present = [city for city in order if city in set(scores["city_id"])]
    names = dict(zip(scores["city_id"], scores["city_name"]))
    # Two cities may share a name (in different countries): keep columns distinct.
    labels = {city: names[city] if list(names.values()).count(names[city]) == 1 else f"{names[city]} ({city})"
              for city in present}
    pivot = areas_only.pivot_table(index=key, columns="city_id", values="score", aggfunc="first")
    if harmonised:
        pivot = pivot.dropna(how="any")  # only areas every version has
    describe = areas_only.sort_values(["version_id", "display_order"], ascending=[False, True]).drop_duplicates(key)
    describe = describe.set_index(key, drop=False)
    wide = pd.DataFrame({
        "area_code": describe.loc[pivot.index, "area_code"].values,
        "harmonised_code": describe.loc[pivot.index, "harmonised_code"].values,
        "short": describe.loc[pivot.index, f"short_{lang}"].values,
        "name": describe.loc[pivot.index, f"area_name_{lang}"].values,
        "_order": describe.loc[pivot.index, "display_order"].values,
    })
    for city in present:
        wide[labels[city]] = pivot[city].values if city in pivot.columns else float("nan")
    wide = wide.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    assessments = scores.drop_duplicates("city_id").set_index("city_id").loc[present].reset_index()
    return Comparison(wide, harmonised, labels, assessments)


def radar_rows(wide: pd.DataFrame) -> pd.DataFrame:
    """The policy areas without the aggregate: a radar axis per area."""
    return wide[wide["area_code"] != "aggregate"].reset_index(drop=True)


def shared_axes(wide: pd.DataFrame) -> int:
    """How many radar areas at least two of the cities have a score in: fewer than three makes no radar."""
    rows = radar_rows(wide)
    return int((rows[city_columns(rows)].notna().sum(axis=1) >= 2).sum())


def city_columns(wide: pd.DataFrame) -> list[str]:
    return [column for column in wide.columns if column not in AREA_COLUMNS]


def gap_table(wide: pd.DataFrame) -> pd.DataFrame:
    """Each area with every city's score, the spread (highest minus lowest) and who leads; widest first. With
    fewer than two scores in an area there is no spread and no leader (nothing to compare); a tie at the top
    is 'level', never a winner."""
    cities = city_columns(wide)
    table = wide[["name", *cities]].copy()
    table[cities] = table[cities].astype(float)
    values = table[cities]
    compared = values.notna().sum(axis=1) >= 2
    highest = values.max(axis=1)
    tied = values.eq(highest, axis=0).sum(axis=1) > 1
    table["spread"] = (highest - values.min(axis=1)).where(compared)
    table["leader"] = values.idxmax(axis=1).where(compared & ~tied, t("compare.gap_level")).where(compared)
    return table.sort_values(["spread", "name"], ascending=[False, True], na_position="last").reset_index(drop=True)


def head_to_head(wide: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Areas where both have a score, with the point gap (first minus second) and who is ahead."""
    both = wide.dropna(subset=[first, second])
    table = pd.DataFrame({"name": both["name"], "short": both["short"], "area_code": both["area_code"],
                          "harmonised_code": both["harmonised_code"], first: both[first], second: both[second]})
    table["gap"] = both[first] - both[second]
    table["ahead"] = table["gap"].map(lambda gap: first if gap > 0 else second if gap < 0 else t("compare.gap_level"))
    return table.sort_values(["gap", "name"], ascending=[False, True]).reset_index(drop=True)
