"""One-sentence summaries generated from the data behind each chart."""

from __future__ import annotations

import pandas as pd

from icc import format as fmt
from icc.i18n import current_language, t


def growth_summary(growth: pd.DataFrame, unknown: int) -> str:
    if growth.empty:
        return t("summary.growth.none", unknown=unknown)
    first, last = growth.iloc[0], growth.iloc[-1]
    sentence = t("summary.growth", first_year=int(first["year"]), first=int(first["total"]),
                 last_year=int(last["year"]), last=int(last["total"]),
                 national=int(last["national"]), international=int(last["international"]))
    if unknown:
        sentence += " " + t("summary.growth.unknown", unknown=unknown)
    return sentence


def countries_summary(counts: pd.DataFrame) -> str:
    column = f"country_{current_language()}"
    totals = counts.groupby(column)["cities"].sum().sort_values(ascending=False, kind="stable")
    if totals.empty:
        return t("summary.countries.none")
    top = list(totals.head(3).items())
    leader, rest = top[0], top[1:]
    others = ", ".join(f"{name} ({count})" for name, count in rest)
    return t("summary.countries", countries=len(totals), leader=leader[0], count=int(leader[1]),
             others=others or t("common.missing"))


def map_summary(cities: pd.DataFrame) -> str:
    if cities.empty:
        return t("summary.map.none")
    return t("summary.map", cities=fmt.number(len(cities)), countries=cities["country_iso2"].nunique(),
             with_index=int(cities["has_index"].sum()))
