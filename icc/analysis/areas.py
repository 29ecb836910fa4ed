"""One policy area across cities, and all areas across cities: ranking, heatmap order, correlations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icc.analysis import ranks
from icc.i18n import format as fmt, t

MIN_CITIES_FOR_CORRELATION = 10
HEATMAP_CITIES = 40


def area_ranking(version_scores: pd.DataFrame, area_code: str) -> pd.DataFrame:
    """Cities by score in one area, best first, with shared ranks and rank bands."""
    scores = version_scores[version_scores["area_code"] == area_code]
    table = scores[["city_id", "city_name", "country_iso2", "score", "assessed_on", "date_precision"]].copy()
    # Below MIN_FOR_RANK cities no rank is given (the band says why), as on the city page.
    table["rank"] = pd.array(ranks.ranks_of_all(table["score"]) if len(table) >= ranks.MIN_FOR_RANK
                             else [pd.NA] * len(table), dtype="Int64")
    table["rank_band"] = [ranks.band_label(rank, len(table)) for rank in table["rank"]]
    return table.sort_values(["rank", "score", "city_name"], ascending=[True, False, True]).reset_index(drop=True)


def score_matrix(version_scores: pd.DataFrame, version_areas: pd.DataFrame) -> pd.DataFrame:
    """Cities (rows, by name) x policy areas (columns, radar order), the aggregate left out."""
    areas = version_areas[version_areas["group_code"] != "composite"]["code"].tolist()
    scores = version_scores[version_scores["area_code"].isin(areas)]
    matrix = scores.pivot_table(index="city_name", columns="area_code", values="score", aggfunc="first")
    return matrix.reindex(columns=[a for a in areas if a in matrix.columns])


def cluster_order(matrix: pd.DataFrame) -> list:
    """Rows ordered along the first principal component, so similar profiles sit together; deterministic
    (the component's sign is fixed so that higher overall scores come first)."""
    if len(matrix) < 3:
        return list(matrix.index)
    filled = matrix.fillna(matrix.mean()).fillna(0).to_numpy(dtype=float)
    centred = filled - filled.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    projection = centred @ vt[0]
    if np.corrcoef(projection, filled.mean(axis=1))[0, 1] < 0:
        projection = -projection
    order = np.lexsort((matrix.index.to_numpy(), -projection))
    return list(matrix.index[order])


def heatmap_matrix(version_scores: pd.DataFrame, version_areas: pd.DataFrame, order: str,
                   limit: int = HEATMAP_CITIES) -> tuple[pd.DataFrame, int]:
    """The heatmap's rows: at most `limit` cities (highest aggregate first), ordered by aggregate score,
    by name, or clustered. Returns the matrix and how many cities there were in all."""
    matrix = score_matrix(version_scores, version_areas)
    aggregate = (version_scores[version_scores["area_code"] == "aggregate"].set_index("city_name")["score"]
                 .reindex(matrix.index))
    ranked = matrix.assign(_aggregate=aggregate.fillna(matrix.mean(axis=1)))
    ranked = ranked.reset_index().sort_values(["_aggregate", "city_name"], ascending=[False, True])
    top = ranked.head(limit).set_index("city_name").drop(columns="_aggregate")
    if order == "name":
        top = top.sort_index()
    elif order == "clustered":
        top = top.loc[cluster_order(top)]
    return top, len(matrix)


def area_correlations(version_scores: pd.DataFrame, version_areas: pd.DataFrame,
                      minimum: int = MIN_CITIES_FOR_CORRELATION) -> pd.DataFrame:
    """Pearson correlation between areas across cities, only where at least `minimum` cities have both."""
    matrix = score_matrix(version_scores, version_areas)
    return matrix.corr(min_periods=minimum)


# Fewer cities than this and a median change between rounds says more about who re-assessed than about the
# network: it is not given.
MIN_CITIES_FOR_CHANGE = 3


def network_glance(latest: pd.DataFrame, previous: pd.DataFrame, version_areas: pd.DataFrame) -> pd.DataFrame:
    """Every policy area of a version (the aggregate left out), best network median first: how many cities
    have a score, their median, interquartile range and whole range, and the median change since each
    city's previous assessment in the same version (only where at least MIN_CITIES_FOR_CHANGE cities have
    one; otherwise missing)."""
    areas = version_areas[version_areas["group_code"] != "composite"]
    scored = latest[latest["area_code"].isin(areas["code"]) & latest["score"].notna()]
    grouped = scored.groupby("area_code", observed=True)["score"]
    summary = pd.DataFrame({"cities": grouped.size(), "median": grouped.median(), "q1": grouped.quantile(0.25),
                            "q3": grouped.quantile(0.75), "low": grouped.min(), "high": grouped.max()})
    paired = scored.merge(previous.dropna(subset=["score"]), on=["city_id", "area_code"],
                          suffixes=("", "_before"))
    changes = (paired["score"] - paired["score_before"]).groupby(paired["area_code"], observed=True)
    summary["change_cities"] = changes.size()
    summary["change"] = changes.median().where(summary["change_cities"] >= MIN_CITIES_FOR_CHANGE)
    table = areas[["code", "harmonised_code"]].rename(columns={"code": "area_code"}).merge(
        summary.reset_index().astype({"area_code": str}), on="area_code", how="left")
    table["cities"] = table["cities"].fillna(0).astype(int)
    table["change_cities"] = table["change_cities"].fillna(0).astype(int)
    return table.sort_values(["median", "area_code"], ascending=[False, True], na_position="last",
                             ignore_index=True)


MIN_CITIES_FOR_MEDIAN = 3


def glance_sentence(glance: pd.DataFrame, labels: dict[str, str], named: int = 2) -> str:
    """'The network is strongest in A (72) and B (70) and weakest in C (38) and D (41)': the areas with the
    highest and lowest network medians, among areas scored by at least MIN_CITIES_FOR_MEDIAN cities (each
    named once; nothing is named when the medians do not differ)."""
    scored = glance[glance["cities"] >= MIN_CITIES_FOR_MEDIAN]
    if len(scored) < 2 * named or scored["median"].iloc[named - 1] <= scored["median"].iloc[-named]:
        if scored.empty:
            return t("areas.glance_sentence_none", minimum=MIN_CITIES_FOR_MEDIAN)
        return t("areas.glance_sentence_thin", count=len(scored), minimum=MIN_CITIES_FOR_MEDIAN)

    def listing(rows: pd.DataFrame) -> str:
        return t("common.and").join(f"{labels.get(row.area_code, row.area_code)} ({fmt.number(row.median)})"
                                    for row in rows.itertuples())

    return t("areas.glance_sentence", strong=listing(scored.head(named)), weak=listing(scored.tail(named)[::-1]))
