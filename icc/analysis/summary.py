"""One-sentence summaries generated from the data behind each chart."""

from __future__ import annotations

import pandas as pd

from icc.i18n import current_language, format as fmt, french, t


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
    (leader, count), rest = top[0], top[1:]
    if current_language() == "fr":  # articles and agreement: "L'Italie ..., suivie de l'Espagne et du Portugal"
        names = t("common.and").join(f"{french.after_de(name)} ({n})" for name, n in rest)
        leader_text, others = french.with_article(leader), f"{french.followed_by(leader)} {names}"
    else:
        leader_text = leader
        others = t("summary.countries.followed", names=t("common.and").join(f"{name} ({n})" for name, n in rest))
    return t("summary.countries", countries=len(totals), leader=leader_text, count=int(count),
             others=f", {others}" if rest else "")


def map_summary(cities: pd.DataFrame) -> str:
    if cities.empty:
        return t("summary.map.none")
    return t("summary.map", cities=fmt.number(len(cities)), countries=cities["country_iso2"].nunique(),
             with_index=int(cities["has_index"].sum()))


def head_to_head_summary(table: pd.DataFrame, first: str, second: str) -> str:
    """Who is ahead where, with the largest point gaps (never percentages)."""
    if table.empty:
        return t("summary.h2h.none", first=first, second=second)
    # The aggregate is said on its own: it is not one of the policy areas a city is ahead "in".
    aggregate = table[table["area_code"] == "aggregate"]
    table = table[table["area_code"] != "aggregate"]
    opening = ""
    if not aggregate.empty:
        row = aggregate.iloc[0]
        opening = (t("summary.h2h.aggregate_tie", score=f"{row[first]:.0f}") if row["gap"] == 0 else
                   t("summary.h2h.aggregate", leader=first if row["gap"] > 0 else second, gap=f"{abs(row['gap']):.0f}",
                     first=first, second=second, first_score=f"{row[first]:.0f}", second_score=f"{row[second]:.0f}"))
    if table.empty:
        return " ".join(filter(None, [opening, t("summary.h2h.no_areas")]))

    def side(city: str, rows: pd.DataFrame) -> str:
        if rows.empty:
            return t("summary.h2h.side_none", city=city)
        # Full area names: a sentence is read, not fitted on an axis ("Neighbourh." is a chart's label).
        top = ", ".join(f"{row.name} ({abs(row.gap):.0f})" for row in rows.head(3).itertuples())
        return t("summary.h2h.side", city=city, count=len(rows), top=top)

    ahead_first = table[table["gap"] > 0].sort_values("gap", ascending=False)
    ahead_second = table[table["gap"] < 0].sort_values("gap")
    ties = int((table["gap"] == 0).sum())
    sentence = fmt.listing([side(first, ahead_first), side(second, ahead_second)]) + "."
    return " ".join(filter(None, [opening, sentence, t("summary.h2h.ties", count=ties) if ties else ""]))
