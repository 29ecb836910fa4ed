"""Ranks as bands with shared ties: 'top quartile of 42' says more, and less falsely, than '7th'."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from icc.i18n import t

QUARTILE_KEYS = ("rank.q1", "rank.q2", "rank.q3", "rank.q4")
MIN_FOR_QUARTILES = 4
MIN_FOR_RANK = 3  # fewer cities, and a rank says more about who answered than about the city


def rank_of(score: float, scores: Iterable[float]) -> tuple[int, int]:
    """(rank, n): 1 + how many score strictly higher, so tied cities share a rank."""
    values = [value for value in scores if value == value]
    return 1 + sum(1 for value in values if value > score), len(values)


def quartile(rank: int, n: int) -> int:
    """0 for the top quartile ... 3 for the bottom one, by position of the (shared) rank."""
    return min(int(4 * (rank - 1) / n), 3)


def rank_band(score: float, scores: Iterable[float]) -> str:
    return band_label(*rank_of(score, scores))


def ranks_of_all(scores) -> list[int]:
    """rank_of for every score at once (sorting once instead of comparing every pair: 10,000 cities)."""
    values = np.asarray(scores, dtype=float)
    ordered = np.sort(values[~np.isnan(values)])
    return (len(ordered) - np.searchsorted(ordered, values, side="right") + 1).tolist()


def band_label(rank: int, n: int) -> str:
    if n == 1:
        return t("rank.only")
    if n < MIN_FOR_RANK:
        return t("rank.too_few", n=n)
    if n < MIN_FOR_QUARTILES:
        return t("rank.of", rank=rank, n=n)
    return t(QUARTILE_KEYS[quartile(rank, n)], n=n)
