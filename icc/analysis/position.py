"""Where a city stands, area by area: its percentile among every city scored in the Index version, and its
rank within its country and its national network where at least three cities are scored there (as the OECD
regional well-being and EU regional competitiveness pages show a region among regions)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icc.analysis.ranks import MIN_FOR_RANK

MIN_CITIES_FOR_POSITION = MIN_FOR_RANK  # below it, a percentile or a rank says more about who answered


def percentile_of(score: float, scores: pd.Series) -> float:
    """The share of the other scored cities that score lower (ties count half), 0-100 to one decimal (the
    precision a reader or a file can use: 81.4, not 81.38686131386861); missing below MIN_CITIES_FOR_POSITION
    cities in all."""
    values = scores.dropna().to_numpy(dtype=float)
    if len(values) < MIN_CITIES_FOR_POSITION or np.isnan(score):
        return np.nan
    below = (values < score).sum()
    tied_others = (values == score).sum() - 1
    return round(100 * (below + tied_others / 2) / (len(values) - 1), 1)


def rank_within(score: float, scores: pd.Series) -> tuple[float, int]:
    """(shared rank, cities) in a group; the rank is missing below MIN_CITIES_FOR_POSITION cities."""
    values = scores.dropna().to_numpy(dtype=float)
    if len(values) < MIN_CITIES_FOR_POSITION or np.isnan(score):
        return np.nan, len(values)
    return float(1 + (values > score).sum()), len(values)


def relative_position(city: pd.Series, version_scores: pd.DataFrame, cities: pd.DataFrame) -> pd.DataFrame:
    """One row per area the city has a score in: score, cities scored, percentile; rank and size of its
    country's group and of its national network's (the network of the city's with most scored cities)."""
    scored = version_scores.dropna(subset=["score"]).astype({"city_id": str, "area_code": str})
    networks_of = {city_id: [] if ids is None else list(ids)
                   for city_id, ids in zip(cities["city_id"], cities["network_ids"])}
    members = {network: {other for other, ids in networks_of.items() if network in ids}
               for network in networks_of.get(city["city_id"], [])}
    own = scored[scored["city_id"] == city["city_id"]]
    rows = []
    for area in own.itertuples():
        everyone = scored[scored["area_code"] == area.area_code]
        country = everyone[everyone["country_iso2"].astype(str) == city["country_iso2"]]["score"]
        network_id, network_scores = None, pd.Series(dtype=float)
        for candidate, member_ids in members.items():
            in_network = everyone[everyone["city_id"].isin(member_ids)]["score"]
            if len(in_network) > len(network_scores):
                network_id, network_scores = candidate, in_network
        country_rank, country_n = rank_within(area.score, country)
        network_rank, network_n = rank_within(area.score, network_scores)
        rows.append({"area_code": area.area_code, "score": float(area.score), "cities": len(everyone),
                     "percentile": percentile_of(area.score, everyone["score"]),
                     "country_rank": country_rank, "country_n": country_n,
                     "network_id": network_id, "network_rank": network_rank, "network_n": network_n})
    return pd.DataFrame(rows, columns=["area_code", "score", "cities", "percentile", "country_rank", "country_n",
                                       "network_id", "network_rank", "network_n"])
