"""How the network grew: cumulative cities by joined year, by international vs national scope."""

from __future__ import annotations

import pandas as pd

SCOPES = ("international", "national")


def cumulative_growth(joins: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """From rows (joined_year, joined_scope, cities) to one row per year with the cumulative number of
    cities per scope and in total, plus how many cities have no known joined year (not in the series)."""
    known = joins.dropna(subset=["joined_year"])
    unknown = int(joins.loc[joins["joined_year"].isna(), "cities"].sum())
    if known.empty:
        return pd.DataFrame(columns=["year", *SCOPES, "total", "joined"]), unknown
    years = range(int(known["joined_year"].min()), int(known["joined_year"].max()) + 1)
    per_year = (
        known.pivot_table(index="joined_year", columns="joined_scope", values="cities", aggfunc="sum")
        .reindex(index=years, columns=list(SCOPES))
        .fillna(0)
        .astype(int)
    )
    growth = per_year.cumsum()
    growth["total"] = growth[list(SCOPES)].sum(axis=1)
    growth["joined"] = per_year.sum(axis=1)
    growth.index.name = "year"
    return growth.reset_index(), unknown
