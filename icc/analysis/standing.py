"""Where a city stands among the cities scored in its Index version, and among cities like it: of similar
population and of similar foreign-resident share (the revised Index's smaller sampling scales: "12th among
cities over 200,000 inhabitants"). A rank or a percentile is withheld below MIN_FOR_RANK cities."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.analysis import peers, position, ranks

SCOPES = ("all", "population", "foreign_share")
BAND_COLUMNS = {"population": ("population", peers.POPULATION_BANDS, ""),
                "foreign_share": ("foreign_share_pct", peers.FOREIGN_SHARE_BANDS, " %")}


@dataclass(frozen=True)
class Scope:
    key: str
    band: tuple[float, float] | None  # None: every city scored (or the city's own value is unknown)
    label: str  # '200,000-500,000 inhabitants' ('' for all cities)
    city_ids: frozenset[str] | None  # None: every city


def scopes(city: pd.Series, cities: pd.DataFrame) -> list[Scope]:
    """All cities, then the city's population band and its foreign-resident share band (where it has the
    value)."""
    found = [Scope("all", None, "", None)]
    for key, (column, edges, unit) in BAND_COLUMNS.items():
        band = peers.band_of(city.get(column), edges)
        if band is None:
            continue
        members = cities[cities[column].map(lambda value, edges=edges: peers.band_of(value, edges) == band)]
        found.append(Scope(key, band, peers.band_label(band, unit), frozenset(members["city_id"])))
    return found


def standing(city_id: str, version_scores: pd.DataFrame, city_scopes: list[Scope]) -> pd.DataFrame:
    """One row per area the city has a score in and per scope: score, rank (shared by ties), the number of
    cities scored there, percentile; rank and percentile missing below MIN_FOR_RANK cities."""
    own = version_scores[version_scores["city_id"] == city_id].set_index("area_code")["score"].dropna()
    rows = []
    for area_code, score in own.items():
        everyone = version_scores[version_scores["area_code"] == area_code].dropna(subset=["score"])
        for scope in city_scopes:
            pool = everyone if scope.city_ids is None else everyone[everyone["city_id"].isin(scope.city_ids)]
            rank, count = ranks.rank_of(float(score), pool["score"].astype(float))
            enough = count >= ranks.MIN_FOR_RANK
            rows.append({"area_code": area_code, "scope": scope.key, "score": float(score), "cities": count,
                         "rank": rank if enough else pd.NA,
                         "percentile": position.percentile_of(float(score), pool["score"].astype(float))
                         if enough else float("nan")})
    frame = pd.DataFrame(rows, columns=["area_code", "scope", "score", "cities", "rank", "percentile"])
    frame["rank"] = frame["rank"].astype("Int64")
    return frame
