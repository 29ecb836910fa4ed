"""A city's assessment against the network and its peers: per-area figures, strengths and
weaknesses, and whom to learn from. Pure functions over the frames the named queries return."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icc.analysis import ranks
from icc.i18n import current_language, t

MIN_CITIES_FOR_STATISTICS = 3
HIGHLIGHTED_AREAS = 3


def area_comparison(city_id: str, city_scores: pd.DataFrame, version_areas: pd.DataFrame,
                    version_scores: pd.DataFrame, peer_ids: list[str]) -> pd.DataFrame:
    """One row per policy area of the version (radar order): the city's score, the network's median and
    interquartile range and the peers' median (both without the city itself, and only from
    MIN_CITIES_FOR_STATISTICS cities up), the point gaps, and the city's rank band."""
    lang = current_language()
    areas = version_areas[version_areas["group_code"] != "composite"].copy()
    aggregate = version_areas[version_areas["code"] == "aggregate"]
    areas = pd.concat([aggregate, areas], ignore_index=True)
    own = city_scores.set_index("area_code")["score"]
    rows = []
    for area in areas.itertuples(index=False):
        everyone = version_scores[version_scores["area_code"] == area.code]
        network = everyone[everyone["city_id"] != city_id]["score"]
        peers = everyone[everyone["city_id"].isin(peer_ids) & (everyone["city_id"] != city_id)]["score"]
        score = own.get(area.code, np.nan)
        enough_network = len(network) >= MIN_CITIES_FOR_STATISTICS
        enough_peers = len(peers) >= MIN_CITIES_FOR_STATISTICS
        rows.append({
            "area_code": area.code,
            "harmonised_code": area.harmonised_code,
            "name": getattr(area, f"name_{lang}"),
            "short": getattr(area, f"short_{lang}"),
            "is_aggregate": area.code == "aggregate",
            "score": score,
            "network_n": len(network),
            "network_median": network.median() if enough_network else np.nan,
            "network_q1": network.quantile(0.25) if enough_network else np.nan,
            "network_q3": network.quantile(0.75) if enough_network else np.nan,
            "peer_n": len(peers),
            "peer_median": peers.median() if enough_peers else np.nan,
            "rank_band": ranks.rank_band(score, everyone["score"]) if score == score else "",
        })
    table = pd.DataFrame(rows)
    table["gap_network"] = table["score"] - table["network_median"]
    table["gap_peers"] = table["score"] - table["peer_median"]
    return table


def reference_gap(comparison: pd.DataFrame) -> tuple[pd.Series, str]:
    """Gaps against the peers where they can be computed for most areas, else against the network."""
    areas = comparison[~comparison["is_aggregate"]]
    if areas["gap_peers"].notna().sum() >= max(1, areas["score"].notna().sum() // 2):
        return areas["gap_peers"], "peers"
    return areas["gap_network"], "network"


def strengths_and_weaknesses(comparison: pd.DataFrame, count: int = HIGHLIGHTED_AREAS):
    """(strengths, weaknesses, basis): areas furthest above and below the reference, with gaps."""
    gaps, basis = reference_gap(comparison)
    named = pd.DataFrame({"short": comparison.loc[gaps.index, "name"], "gap": gaps}).dropna()
    strengths = named[named["gap"] > 0].sort_values(["gap", "short"], ascending=[False, True]).head(count)
    weaknesses = named[named["gap"] < 0].sort_values(["gap", "short"]).head(count)
    return strengths, weaknesses, basis


def signed_points(gap: float) -> str:
    return f"+{gap:.0f}" if gap > 0 else f"−{abs(gap):.0f}" if round(gap) < 0 else "0"


def strengths_sentence(city_name: str, comparison: pd.DataFrame) -> str:
    strengths, weaknesses, basis = strengths_and_weaknesses(comparison)
    if strengths.empty and weaknesses.empty:
        scored = int((~comparison["is_aggregate"] & comparison["score"].notna()).sum())
        if scored:
            return t("profile.sw.no_reference", city=city_name, count=scored, minimum=MIN_CITIES_FOR_STATISTICS)
        return t("profile.sw.none", city=city_name)

    def listing(frame: pd.DataFrame) -> str:
        return ", ".join(f"{row.short} ({signed_points(row.gap)})" for row in frame.itertuples())

    parts = []
    if not strengths.empty:
        parts.append(t("profile.sw.ahead", areas=listing(strengths)))
    if not weaknesses.empty:
        parts.append(t("profile.sw.behind", areas=listing(weaknesses)))
    return t(f"profile.sw.{basis}", city=city_name, details=t("profile.sw.and").join(parts))


def weakest_areas(comparison: pd.DataFrame, count: int = HIGHLIGHTED_AREAS) -> pd.DataFrame:
    """The city's weakest areas: largest gap below the reference, or lowest score without one."""
    areas = comparison[~comparison["is_aggregate"] & comparison["score"].notna()].copy()
    gaps, _ = reference_gap(comparison)
    areas["gap"] = gaps
    if areas["gap"].notna().any():
        return areas.dropna(subset=["gap"]).sort_values(["gap", "short"]).head(count)
    return areas.sort_values(["score", "short"]).head(count)


def learn_from(city_id: str, comparison: pd.DataFrame, version_scores: pd.DataFrame, peer_ids: list[str],
               per_area: int = 3) -> pd.DataFrame:
    """For each weakest area, the cities scoring highest there: peers first, then the rest."""
    rows = []
    for area in weakest_areas(comparison).itertuples():
        candidates = version_scores[(version_scores["area_code"] == area.area_code)
                                    & (version_scores["city_id"] != city_id)].copy()
        candidates = candidates[candidates["score"] > area.score]
        candidates["is_peer"] = candidates["city_id"].isin(peer_ids)
        best = candidates.sort_values(["is_peer", "score", "city_name"], ascending=[False, False, True])
        for leader in best.head(per_area).itertuples():
            rows.append({"area_code": area.area_code, "harmonised_code": area.harmonised_code, "area": area.name,
                         "own_score": area.score, "city_id": leader.city_id, "city_name": leader.city_name,
                         "score": leader.score, "is_peer": leader.is_peer})
    return pd.DataFrame(rows, columns=["area_code", "harmonised_code", "area", "own_score", "city_id", "city_name",
                                       "score", "is_peer"])


def changes_sentence(changes: pd.DataFrame, names: dict[str, str], same_version: bool, listed: int = 3) -> str:
    """What moved since the previous assessment, largest first: within a version, every area up and down by at
    least the noise threshold (a count is never followed by fewer names) and how many moved less; across the
    revision, the `listed` largest differences on the harmonised areas, said as such."""
    def listing(rows: pd.DataFrame, most: int | None = None) -> str:
        rows = rows.reindex(rows["change"].abs().sort_values(ascending=False, kind="stable").index)
        return ", ".join(f"{names.get(row.area_code, row.area_code)} ({signed_points(row.change)})"
                         for row in rows.head(most).itertuples())

    if not same_version:
        moved = changes[changes["change"] != 0]
        if moved.empty:
            return t("profile.changes.revision_same", count=len(changes))
        return t("profile.changes.revision", count=len(changes), areas=listing(moved, listed))
    # The aggregate is said on its own: it is not one of the policy areas that rose or fell.
    aggregate, changes = changes[changes["area_code"] == "aggregate"], changes[changes["area_code"] != "aggregate"]
    up, down = changes[changes["beyond_noise"] & (changes["change"] > 0)], changes[changes["beyond_noise"]
                                                                                  & (changes["change"] < 0)]
    parts = []
    if not aggregate.empty:
        row = aggregate.iloc[0]
        parts.append(t("profile.changes.aggregate" if row["beyond_noise"] else "profile.changes.aggregate_steady",
                       change=signed_points(row["change"]) if row["change"] else "0"))
    if not up.empty:
        parts.append(t("profile.changes.up", count=len(up), areas=listing(up)))
    if not down.empty:
        parts.append(t("profile.changes.down", count=len(down), areas=listing(down)))
    steady = len(changes) - len(up) - len(down)
    if steady:
        parts.append(t("profile.changes.steady", count=steady))
    return " ".join(parts)
