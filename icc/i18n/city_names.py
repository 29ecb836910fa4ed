"""Finding a city from what a person typed: its id or its name, in any case and with or without accents;
the nearest names when nothing matches."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd


def fold(text: object) -> str:
    """Lower case, no accents, '_' as a space, single spaces: how headers and names are compared."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().replace("_", " ")
    return re.sub(r"\s+", " ", ascii_text).strip().lower()


def find_city(cities: pd.DataFrame, text: str) -> tuple[str | None, list[str]]:
    """(city_id, []) when `text` names one city of `cities` (columns city_id, name); else (None, up to three
    nearest city names)."""
    key = fold(text)
    by_key: dict[str, list[str]] = {}
    for city_id, name in zip(cities["city_id"], cities["name"]):
        for alias in {fold(city_id), fold(city_id.replace("-", " ")), fold(name)}:
            by_key.setdefault(alias, []).append(city_id)
    found = sorted(set(by_key.get(key, [])))
    if len(found) == 1:
        return found[0], []
    names = dict(zip(cities["city_id"], cities["name"]))
    if found:
        return None, [f"{names[city_id]} ({city_id})" for city_id in found]
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    nearest = list(dict.fromkeys(names[by_key[alias][0]] for alias in close))
    return None, nearest
