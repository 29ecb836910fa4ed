"""Peer finder: named strategies, each peer with the reason it was suggested.

Every strategy takes the city, the table of all cities (`cities` query) and, for profile distance,
the scores of one Index version (`version_scores` query). Results never include the city itself,
are sorted deterministically, and carry a `reason` a person can read.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from icc.i18n import current_language, format as fmt, t

STRATEGIES = ("population", "diversity", "country", "network", "profile", "picked")
DEFAULT_STRATEGY = "population"
POPULATION_BANDS = (0, 50_000, 100_000, 200_000, 500_000, 1_000_000, math.inf)
FOREIGN_SHARE_BANDS = (0.0, 5.0, 10.0, 15.0, 25.0, math.inf)
PROFILE_PEERS = 8
MIN_SHARED_AREAS = 3
PEER_COLUMNS = ["city_id", "name", "reason", "distance"]


def band_of(value: float, edges: tuple[float, ...]) -> tuple[float, float] | None:
    if fmt.is_missing(value):
        return None
    for low, high in zip(edges, edges[1:]):
        if low <= float(value) < high:
            return low, high
    return None


def band_label(band: tuple[float, float], unit: str = "") -> str:
    low, high = band
    if math.isinf(high):
        return t("peers.band.above", low=fmt.number(low), unit=unit)
    return t("peers.band.between", low=fmt.number(low), high=fmt.number(high), unit=unit)


def _result(frame: pd.DataFrame, reason: str | pd.Series, distance=np.nan) -> pd.DataFrame:
    out = frame[["city_id", "name"]].copy()
    out["reason"] = reason
    out["distance"] = distance
    return out.sort_values(["distance", "name", "city_id"], na_position="last").reset_index(drop=True)[PEER_COLUMNS]


def others(city: pd.Series, cities: pd.DataFrame) -> pd.DataFrame:
    return cities[cities["city_id"] != city["city_id"]]


def _same_band(city: pd.Series, cities: pd.DataFrame, column: str, edges: tuple[float, ...],
               reason_key: str, unit: str = "") -> pd.DataFrame:
    """Cities in the same band of `column` as the city (none when the city's own value is unknown)."""
    band = band_of(city[column], edges)
    if band is None:
        return _result(cities.iloc[:0], "")
    pool = others(city, cities)
    chosen = pool[pool[column].map(lambda value: band_of(value, edges) == band)]
    return _result(chosen, t(reason_key, band=band_label(band, unit)))


def by_population(city: pd.Series, cities: pd.DataFrame, **_) -> pd.DataFrame:
    return _same_band(city, cities, "population", POPULATION_BANDS, "peers.reason.population")


def by_diversity(city: pd.Series, cities: pd.DataFrame, **_) -> pd.DataFrame:
    return _same_band(city, cities, "foreign_share_pct", FOREIGN_SHARE_BANDS, "peers.reason.diversity", " %")


def by_country(city: pd.Series, cities: pd.DataFrame, **_) -> pd.DataFrame:
    pool = others(city, cities)
    chosen = pool[pool["country_iso2"] == city["country_iso2"]]
    country = city.get(f"country_{current_language()}", city["country_iso2"])
    return _result(chosen, t("peers.reason.country", country=country))


def by_network(city: pd.Series, cities: pd.DataFrame, network_names: dict[str, str] | None = None,
               **_) -> pd.DataFrame:
    own = set(city["network_ids"]) if city["network_ids"] is not None else set()
    if not own:
        return _result(cities.iloc[:0], "")
    pool = others(city, cities)
    shared = pool["network_ids"].map(lambda ids: sorted(own & set(ids if ids is not None else [])))
    chosen = pool[shared.map(bool)]
    names = network_names or {}
    reasons = shared[shared.map(bool)].map(
        lambda ids: t("peers.reason.network", network=fmt.listing(names.get(i, i) for i in ids)))
    return _result(chosen, reasons)


def profile_distances(city_id: str, scores: pd.DataFrame) -> pd.DataFrame:
    """Root-mean-square point gap between the city and every other city over the areas both report
    (the aggregate excluded); cities sharing fewer than MIN_SHARED_AREAS areas are left out."""
    areas = scores[scores["area_code"] != "aggregate"]
    wide = areas.pivot_table(index="city_id", columns="area_code", values="score", aggfunc="first")
    if city_id not in wide.index:
        return pd.DataFrame(columns=["city_id", "distance", "shared_areas"])
    own = wide.loc[city_id]
    rest = wide.drop(index=city_id)
    gaps = rest.sub(own, axis=1)
    shared = gaps.notna().sum(axis=1)
    distance = np.sqrt((gaps**2).sum(axis=1, min_count=1) / shared.replace(0, np.nan))
    result = pd.DataFrame({"city_id": rest.index, "distance": distance.values, "shared_areas": shared.values})
    return result[result["shared_areas"] >= MIN_SHARED_AREAS].reset_index(drop=True)


def by_profile(city: pd.Series, cities: pd.DataFrame, scores: pd.DataFrame | None = None, **_) -> pd.DataFrame:
    if scores is None or scores.empty:
        return _result(cities.iloc[:0], "")
    distances = profile_distances(city["city_id"], scores)
    chosen = cities.merge(distances, on="city_id")
    chosen = chosen.sort_values(["distance", "name", "city_id"]).head(PROFILE_PEERS)
    reasons = [t("peers.reason.profile", gap=fmt.number(d, 1), areas=int(n))
               for d, n in zip(chosen["distance"], chosen["shared_areas"])]
    return _result(chosen, pd.Series(reasons, index=chosen.index), chosen["distance"])


def by_pick(city: pd.Series, cities: pd.DataFrame, picked: tuple[str, ...] = (), **_) -> pd.DataFrame:
    pool = others(city, cities)
    return _result(pool[pool["city_id"].isin(picked)], t("peers.reason.picked"))


FINDERS: dict[str, Callable[..., pd.DataFrame]] = {
    "population": by_population,
    "diversity": by_diversity,
    "country": by_country,
    "network": by_network,
    "profile": by_profile,
    "picked": by_pick,
}


def find_peers(strategy: str, city: pd.Series, cities: pd.DataFrame, **context) -> pd.DataFrame:
    """Peers of `city` by the named strategy: columns city_id, name, reason, distance."""
    if strategy not in FINDERS:
        raise ValueError(f"unknown peer strategy '{strategy}'; known: {', '.join(STRATEGIES)}")
    return FINDERS[strategy](city, cities, **context)
