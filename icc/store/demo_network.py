"""A deterministic fictional ICC network: the demo dataset, test fixtures and benchmark scales.

Cities have invented names and sit on land in European countries; everything about them
(population, membership, Index results) is generated. The Index structure (versions, policy
areas) and the countries are the real ones from data/, so charts look as they will on real data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from icc.i18n import french
from icc.i18n.city_names import fold
from icc.paths import BOUNDARIES, DATA, DEMO_DB
from icc.store import build, source_files

EUROPE = {
    "AL", "AT", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR",
    "HU", "IE", "IS", "IT", "LT", "LU", "LV", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS",
    "SE", "SI", "SK", "UA",
}
EUROPE_BOUNDS = (-11.0, 34.0, 36.0, 66.0)  # lon_min, lon_max, lat_min, lat_max
REVISION_YEAR = 2019
ASSESSMENT_INTERVAL_YEARS = 3
PREFIXES = [
    "Al", "Bel", "Cor", "Dal", "Es", "Fen", "Gar", "Hal", "Il", "Jor", "Kel", "Lun", "Mar", "Nor", "Ol",
    "Pel", "Quar", "Ros", "Sal", "Tor", "Ul", "Val", "Wen", "Yr", "Zel", "Bran", "Cal", "Dor", "Eld", "Fal",
    "Gran", "Hel", "Isk", "Kas", "Lor", "Mir", "Nav", "Ost", "Pra", "Riv",
]
MIDDLES = [
    "a", "e", "i", "o", "u", "an", "en", "in", "on", "ar", "er", "ir", "or", "al", "el", "il", "ol", "ad",
    "ed", "id", "av", "ev", "iv", "ov", "as", "es", "is", "os", "am", "em", "im", "om", "at", "et", "it",
    "ot", "ab", "eb", "ib", "ob",
]
SUFFIXES = [
    "mark", "burg", "vik", "ora", "ville", "stad", "heim", "ano", "ona", "ice", "grad", "mont", "dal",
    "ria", "holm", "ferd", "wick", "esa", "ingen", "aven",
]


# Real places (GeoNames, 500+ inhabitants, names and alternate names) that the generator could name:
# written by scripts/prepare_data.py (`make data`), which has the gazetteer; the generator never uses them.
REAL_PLACE_NAMES = DATA / "curation" / "demo_real_place_names.txt"


def possible_names() -> list[str]:
    return [p + m + s for p in PREFIXES for m in MIDDLES for s in SUFFIXES]


def real_city_names(data_dir: Path = DATA) -> set[str]:
    """Every city name in the real data and every real place the generator could name, folded, so no demo
    city can carry one."""
    cities = pd.read_csv(data_dir / "cities.csv", usecols=["name"])["name"]
    practices = pd.read_csv(data_dir / "practice_cities.csv", usecols=["city_name"])["city_name"].dropna()
    places = [line.strip() for line in REAL_PLACE_NAMES.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    return {fold(name) for name in [*pd.concat([cities, practices]), *places]}


def invent_names(count: int, rng: np.random.Generator, forbidden: set[str]) -> list[str]:
    names = [name for name in possible_names() if fold(name) not in forbidden]
    if count > len(names):
        raise ValueError(f"at most {len(names)} demo cities can be named")
    return [names[i] for i in rng.choice(len(names), size=count, replace=False)]


def land_points(count: int, rng: np.random.Generator, countries: pd.DataFrame) -> pd.DataFrame:
    """Random points on land in European countries, with the country each falls in."""
    features = json.loads(BOUNDARIES.read_text())["features"]
    iso2_by_iso3 = dict(zip(countries["iso3"], countries["iso2"]))
    shapes = [
        (iso2_by_iso3[f["properties"]["iso3"]], shapely.geometry.shape(f["geometry"]))
        for f in features
        if iso2_by_iso3.get(f["properties"]["iso3"]) in EUROPE
    ]
    for _, shape in shapes:
        shapely.prepare(shape)
    lon_min, lon_max, lat_min, lat_max = EUROPE_BOUNDS
    found_lon, found_lat, found_iso2 = [], [], []
    while len(found_lon) < count:
        lon = rng.uniform(lon_min, lon_max, size=count * 3)
        lat = rng.uniform(lat_min, lat_max, size=count * 3)
        owner = np.full(lon.shape, "", dtype=object)
        for iso2, shape in shapes:
            inside = shapely.contains_xy(shape, lon, lat) & (owner == "")
            owner[inside] = iso2
        keep = owner != ""
        found_lon += list(lon[keep])
        found_lat += list(lat[keep])
        found_iso2 += list(owner[keep])
    return pd.DataFrame({"lon": found_lon[:count], "lat": found_lat[:count], "country_iso2": found_iso2[:count]})


def demo_networks(countries: pd.DataFrame, city_countries: pd.Series) -> pd.DataFrame:
    """A national network in each of the ten countries with the most demo cities."""
    counts = city_countries.value_counts()
    busiest = sorted(counts.index, key=lambda iso2: (-counts[iso2], iso2))[:10]
    chosen = countries[countries["iso2"].isin(busiest)].sort_values("iso2")
    return pd.DataFrame(
        {
            "network_id": "demo-" + chosen["iso2"].str.lower(),
            "name": chosen["name_en"] + " demo network (fictional)",
            "name_fr": "Réseau de démonstration " + chosen["name_fr"].map(french.after_de) + " (fictif)",
            "country_iso2": chosen["iso2"],
            "founded_year": pd.array([2010] * len(chosen), dtype="Int64"),
            "source_url": "generated by icc.demo",
        }
    )


def generate(cities: int = 150, years: int = 15, seed: int = 7, data_dir: Path = DATA) -> dict[str, pd.DataFrame]:
    """All tables of a fictional network: the same seed gives the same tables."""
    rng = np.random.default_rng(seed)
    bundle = source_files.validate_bundle(data_dir)
    countries, versions, areas = bundle["countries"], bundle["index_versions"], bundle["policy_areas"]
    last_year = dt.date.today().year - 1
    first_year = last_year - years + 1

    points = land_points(cities, rng, countries)
    names = invent_names(cities, rng, real_city_names(data_dir))
    city_ids = [f"demo-{fold(name)}" for name in names]
    population = np.round(np.exp(rng.normal(11.8, 1.0, cities))).clip(8_000, 3_000_000).astype(int)
    city = pd.DataFrame(
        {
            "city_id": city_ids,
            "name": names,
            "country_iso2": points["country_iso2"],
            "lat": points["lat"].round(4),
            "lon": points["lon"].round(4),
            "coord_source": "generated (fictional city)",
            "population": pd.array(population, dtype="Int64"),
            "population_year": pd.array([last_year] * cities, dtype="Int64"),
            "foreign_share_pct": rng.uniform(2, 40, cities).round(1),
            "foreign_share_definition": GENERATED_DEFINITION,
            "source_url": "generated by icc.demo",
        }
    )
    network = demo_networks(countries, city["country_iso2"])
    membership = demo_memberships(city, network, rng, first_year, last_year)
    assessment, score = demo_assessments(city, membership, areas, rng, first_year, last_year)
    practice, practice_city, practice_area = demo_practices(city, areas, rng, first_year, last_year)
    return {
        "country": countries,
        "network": network,
        "city": city,
        "membership": membership,
        "index_version": versions,
        "policy_area": areas,
        "area_definition": bundle["area_definitions"],
        "assessment": assessment,
        "score": score,
        "practice": practice,
        "practice_city": practice_city,
        "practice_area": practice_area,
    }


# The demo's definition of its foreign-resident shares: a marker the interface words in its own language.
GENERATED_DEFINITION = "generated"
PRACTICE_KINDS = ("programme", "pilot project", "network", "charter", "forum", "training scheme")


def demo_practices(city: pd.DataFrame, areas: pd.DataFrame, rng: np.random.Generator, first_year: int,
                   last_year: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Fictional good practices for about a third of the cities, one to three each, so every page that
    shows practices has some in the demo; their titles and summaries say they are invented."""
    codes = areas.loc[~areas["code"].isin(["aggregate", "intercultural_lens"])].drop_duplicates("harmonised_code")
    practices, places, tags = [], [], []
    for row in city.itertuples():
        if rng.uniform() > 0.35:
            continue
        for number in range(int(rng.integers(1, 4))):
            area = codes.iloc[int(rng.integers(len(codes)))]
            kind = PRACTICE_KINDS[int(rng.integers(len(PRACTICE_KINDS)))]
            year = int(rng.integers(first_year, last_year + 1))
            practice_id = f"{row.city_id}-practice-{number + 1}"
            practices.append({"practice_id": practice_id, "title": f"{area['short_en']} {kind} in {row.name}",
                              "summary": f"Fictional example generated for the demo network: {row.name} runs a "
                                         f"{kind} on {area['name_en'].lower()}. It describes no real project.",
                              "year_from": year, "year_to": None, "language_of_source": "en",
                              "url": "generated by icc.demo"})
            places.append({"practice_id": practice_id, "city_id": row.city_id, "city_name": row.name,
                           "country_iso2": row.country_iso2})
            tags.append({"practice_id": practice_id, "topic": area["name_en"].lower(),
                         "harmonised_code": area["harmonised_code"], "basis": "source"})
    practice = pd.DataFrame(practices).astype({"year_from": "Int64", "year_to": "Int64"})
    return practice, pd.DataFrame(places), pd.DataFrame(tags)


def demo_memberships(city: pd.DataFrame, network: pd.DataFrame, rng: np.random.Generator,
                     first_year: int, last_year: int) -> pd.DataFrame:
    network_by_country = dict(zip(network["country_iso2"], network["network_id"]))
    # Growth accelerates over time, as the real network's did.
    span = last_year - first_year + 1
    joined = first_year + np.floor(span * rng.uniform(0, 1, len(city)) ** 0.7).astype(int)
    joined = np.minimum(joined, last_year)
    kind = rng.choice(["member", "associated", "both"], size=len(city), p=[0.45, 0.35, 0.2])
    rows = []
    for city_id, iso2, year, how in zip(city["city_id"], city["country_iso2"], joined, kind):
        national = network_by_country.get(iso2)
        if how != "member" and national is None:
            how = "member"
        base = {"city_id": city_id, "left_year": None, "source_url": "generated by icc.demo"}
        if how in ("member", "both"):
            rows.append({**base, "scope": "international", "network_id": None, "status": "member",
                         "joined_year": int(year)})
        if how in ("associated", "both"):
            rows.append({**base, "scope": "national", "network_id": national, "status": "member",
                         "joined_year": int(year) if how == "associated" else None})
    frame = pd.DataFrame(rows)
    for column in ("joined_year", "left_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def demo_assessments(city: pd.DataFrame, membership: pd.DataFrame, areas: pd.DataFrame,
                     rng: np.random.Generator, first_year: int, last_year: int):
    joined = membership.groupby("city_id")["joined_year"].min()
    ability = rng.normal(46, 11, len(city))
    pace = rng.normal(1.0, 0.6, len(city))  # points gained per year
    takes_optional = rng.uniform(0, 1, len(city)) < 0.6
    assessment_rows = []
    for position, city_id in enumerate(city["city_id"]):
        start = int(joined[city_id]) + int(rng.integers(0, 2))
        for year in range(start, last_year + 1, ASSESSMENT_INTERVAL_YEARS):
            month = int(rng.integers(1, 13))
            assessment_rows.append((position, city_id, year, month))
    if not assessment_rows:
        empty = pd.DataFrame(columns=["assessment_id"])
        return empty, empty
    positions = np.array([row[0] for row in assessment_rows])
    assessed_year = np.array([row[2] for row in assessment_rows])
    version = np.where(assessed_year >= REVISION_YEAR, "2019", "2009")
    assessment = pd.DataFrame(
        {
            "assessment_id": [f"{cid}-{y}-{m:02d}" for _, cid, y, m in assessment_rows],
            "city_id": [row[1] for row in assessment_rows],
            "version_id": version,
            "assessed_on": [dt.date(y, m, 1) for _, _, y, m in assessment_rows],
            "date_precision": "month",
            "source_url": "generated by icc.demo",
            "batch_id": None,
        }
    )
    # Comparison size: how many assessments of that version existed by then, as reports quote it.
    order = assessment.sort_values("assessed_on").groupby("version_id").cumcount() + 1
    assessment["sample_size"] = order.sort_index().astype("Int64")

    scores = []
    for version_id in ("2009", "2019"):
        rows = np.flatnonzero(version == version_id)
        version_areas = areas[(areas["version_id"] == version_id) & (areas["group_code"] != "composite")]
        version_areas = version_areas.sort_values("display_order")
        if len(rows) == 0:
            continue
        n_areas = len(version_areas)
        # Areas move together (a committed city does well across the board): a shared factor
        # plus area noise gives correlations around 0.5.
        shared = rng.normal(0, 1, (len(rows), 1))
        noise = rng.normal(0, 1, (len(rows), n_areas))
        area_offset = rng.normal(0, 8, n_areas)
        elapsed = assessed_year[rows] - first_year
        level = ability[positions[rows]] + pace[positions[rows]] * elapsed
        values = level[:, None] + area_offset[None, :] + 8 * shared + 10 * noise
        values = np.clip(np.round(values), 0, 100)
        present = rng.uniform(0, 1, values.shape) > 0.04
        optional = version_areas["optional"].to_numpy()
        present[:, optional] &= takes_optional[positions[rows]][:, None]
        frame = pd.DataFrame(np.where(present, values, np.nan), columns=version_areas["area_id"])
        frame["assessment_id"] = assessment["assessment_id"].to_numpy()[rows]
        long = frame.melt(id_vars="assessment_id", var_name="area_id", value_name="score").dropna()
        aggregate = long.groupby("assessment_id")["score"].mean().round().reset_index()
        aggregate["area_id"] = f"{version_id}-aggregate"
        parts = [long, aggregate]
        if version_id == "2009":
            lens_ids = set(version_areas.loc[version_areas["group_code"] == "lens", "area_id"])
            lens = long[long["area_id"].isin(lens_ids)].groupby("assessment_id")["score"].mean().round()
            parts.append(lens.reset_index().assign(area_id="2009-intercultural_lens"))
        scores.append(pd.concat(parts, ignore_index=True))
    score = pd.concat(scores, ignore_index=True)
    score["sample_avg"] = score.groupby("area_id")["score"].transform("mean").round(1)
    return assessment, score[["assessment_id", "area_id", "score", "sample_avg"]]


def write_demo(target: Path = DEMO_DB, cities: int = 150, years: int = 15, seed: int = 7,
               data_dir: Path = DATA) -> dict[str, int]:
    tables = generate(cities, years, seed, data_dir)
    build.write_database(target, tables, "demo", f"demo cities={cities} years={years} seed={seed}")
    return {name: len(frame) for name, frame in tables.items()}
