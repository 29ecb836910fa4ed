"""Every input rule in one place: the bundled files in data/ and, later, coordinators' imports.

A table is described by a `TableSpec` (its columns, each with a parser that turns text into a
value or says what it expected). `read_table` checks one file; `validate_bundle` checks every file
and the links between them. Problems are collected, never raised one at a time, so a person fixing a
file sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from icc.i18n.format import is_missing
from icc.store import csv_files
from icc.store.csv_files import Problem, decode, expected

FIRST_YEAR = 1900


class ValidationError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {problem}" for problem in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")


Parser = Callable[[str], object]


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    file_name: str
    columns: tuple[Column, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    dtypes: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


# Parsers: each returns the value or raises ValueError with what it expected.


def text(value: str) -> str:
    return value


def pattern(regex: str, expected: str) -> Parser:
    compiled = re.compile(regex)

    def parse(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(expected)
        return value

    return parse


slug = pattern(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", "a lower-case id of letters, digits, '-' or '_' (e.g. 'reggio-emilia')")
iso2 = pattern(r"[A-Z]{2}", "a two-letter ISO 3166 country code such as 'NO'")
iso3 = pattern(r"[A-Z]{3}", "a three-letter ISO 3166 country code such as 'NOR'")
url = pattern(r"\S.*", "a source (URL or reference)")


def number(low: float | None = None, high: float | None = None, what: str = "a number") -> Parser:
    def parse(value: str) -> float:
        try:
            parsed = float(value)
        except ValueError:
            raise ValueError(what) from None
        if parsed != parsed or (low is not None and parsed < low) or (high is not None and parsed > high):
            raise ValueError(what)
        return parsed

    return parse


def integer(low: int | None = None, high: int | None = None, what: str = "a whole number") -> Parser:
    def parse(value: str) -> int:
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(what)
        parsed = int(value)
        if (low is not None and parsed < low) or (high is not None and parsed > high):
            raise ValueError(what)
        return parsed

    return parse


def year(max_years_ahead: int = 0) -> Parser:
    def parse(value: str) -> int:
        latest = dt.date.today().year + max_years_ahead
        return integer(FIRST_YEAR, latest, f"a four-digit year between {FIRST_YEAR} and {latest}")(value)

    return parse


def choice(*options: str) -> Parser:
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError("one of " + ", ".join(f"'{option}'" for option in options))
        return value

    return parse


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise ValueError("'true' or 'false'")
    return lowered == "true"


def partial_date(value: str) -> str:
    """A year, a year-month or a full ISO date, not in the future; kept as written."""
    expected = "a date as YYYY, YYYY-MM or YYYY-MM-DD, not in the future"
    try:
        parsed = parse_partial_date(value)
    except ValueError:
        raise ValueError(expected) from None
    if parsed.start > dt.date.today():
        raise ValueError(expected)
    return value


@dataclass(frozen=True)
class PartialDate:
    start: dt.date
    precision: str

    @property
    def key(self) -> str:
        """The date as written at its precision: '2020', '2020-11' or '2020-11-01' (part of an assessment id)."""
        return self.start.isoformat()[: {"year": 4, "month": 7}.get(self.precision, 10)]

    @property
    def end(self) -> dt.date:
        """The day after the period the date names."""
        if self.precision == "year":
            return self.start.replace(year=self.start.year + 1)
        if self.precision == "month":
            return (self.start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return self.start + dt.timedelta(days=1)

    def overlaps(self, other: PartialDate) -> bool:
        return self.start < other.end and other.start < self.end


def parse_partial_date(value: str) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD in the digits 0-9 only (Python's \\d would take ２０２０ or ٢٠٢٠ too, and
    the same date would then be written two ways)."""
    if re.fullmatch(r"[0-9]{4}", value):
        return PartialDate(dt.date(int(value), 1, 1), "year")
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return PartialDate(dt.date(int(value[:4]), int(value[5:7]), 1), "month")
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return PartialDate(dt.date.fromisoformat(value), "day")
    raise ValueError(value)


SCORE = number(0, 100, "a score between 0 and 100")
SCORES_SPEC = TableSpec(
    "index_scores.csv",
    (
        Column("assessment_id", slug),
        Column("city_id", slug),
        Column("version_id", text),
        Column("assessed_on", partial_date),
        Column("date_precision", choice("year", "month", "day")),
        Column("sample_size", integer(1, 100_000, "a positive whole number of cities"), required=False),
        Column("area_code", slug),
        Column("score", SCORE),
        Column("sample_avg", SCORE, required=False),
        Column("source_url", url),
        Column("quoted_in", text, required=False),
    ),
    unique=(("assessment_id", "area_code"),),
    dtypes={"sample_size": "Int64"},
)

BUNDLE: tuple[TableSpec, ...] = (
    TableSpec(
        "countries.csv",
        (Column("iso2", iso2), Column("iso3", iso3), Column("name_en", text), Column("name_fr", text),
         Column("source_url", url)),
        unique=(("iso2",), ("iso3",)),
    ),
    TableSpec(
        "networks.csv",
        (Column("network_id", slug), Column("name", text), Column("country_iso2", iso2),
         Column("founded_year", year(), required=False), Column("source_url", url)),
        unique=(("network_id",),),
        dtypes={"founded_year": "Int64"},
    ),
    TableSpec(
        "cities.csv",
        (
            Column("city_id", slug),
            Column("name", text),
            Column("country_iso2", iso2),
            Column("lat", number(-90, 90, "a latitude between -90 and 90")),
            Column("lon", number(-180, 180, "a longitude between -180 and 180")),
            Column("coord_source", text),
            Column("population", integer(1, 100_000_000, "a positive whole number of inhabitants"), required=False),
            Column("population_year", year(), required=False),
            Column("foreign_share_pct", number(0, 100, "a percentage between 0 and 100"), required=False),
            Column("foreign_share_definition", text, required=False),
            Column("source_url", url),
        ),
        unique=(("city_id",),),
        dtypes={"population": "Int64", "population_year": "Int64"},
    ),
    TableSpec(
        "memberships.csv",
        (
            Column("city_id", slug),
            Column("scope", choice("international", "national")),
            Column("network_id", slug, required=False),
            Column("status", choice("member", "associated", "unknown")),
            Column("joined_year", year(), required=False),
            Column("left_year", year(), required=False),
            Column("source_url", url),
        ),
        unique=(("city_id", "scope", "network_id"),),
        dtypes={"joined_year": "Int64", "left_year": "Int64"},
    ),
    TableSpec(
        "index_versions.csv",
        (
            Column("version_id", pattern(r"\d{4}", "a four-digit version id such as '2019'")),
            Column("label_en", text),
            Column("label_fr", text),
            Column("first_year", year()),
            Column("last_year", year(), required=False),
            Column("note_en", text),
            Column("note_fr", text),
            Column("source_url", url),
        ),
        unique=(("version_id",),),
        dtypes={"first_year": "Int64", "last_year": "Int64"},
    ),
    TableSpec(
        "policy_areas.csv",
        (
            Column("area_id", slug),
            Column("version_id", text),
            Column("code", slug),
            Column("name_en", text),
            Column("name_fr", text),
            Column("short_en", pattern(r".{1,14}", "a short label of at most 14 characters")),
            Column("short_fr", pattern(r".{1,14}", "a short label of at most 14 characters")),
            Column("group_code", choice("composite", "core", "lens", "optional")),
            Column("optional", boolean),
            Column("display_order", integer(0, 1000)),
            Column("harmonised_code", slug),
            Column("source_url", url),
        ),
        unique=(("area_id",), ("version_id", "code")),
        dtypes={"display_order": "Int64"},
    ),
    TableSpec(
        "area_definitions.csv",
        (Column("harmonised_code", slug), Column("definition_en", text), Column("definition_fr", text),
         Column("source_url", url), Column("wording", choice("source", "own"))),
        unique=(("harmonised_code",),),
    ),
    SCORES_SPEC,
    TableSpec(
        "practices.csv",
        (
            Column("practice_id", slug),
            Column("title", text),
            Column("summary", text),
            Column("year_from", year(), required=False),
            Column("year_to", year(max_years_ahead=10), required=False),
            Column("language_of_source", pattern(r"[a-z]{2}", "a two-letter language code such as 'en'")),
            Column("source_url", url),
        ),
        unique=(("practice_id",),),
        dtypes={"year_from": "Int64", "year_to": "Int64"},
    ),
    TableSpec(
        "practice_cities.csv",
        (Column("practice_id", slug), Column("city_id", slug, required=False),
         Column("city_name", text, required=False), Column("country_iso2", iso2)),
    ),
    TableSpec(
        "practice_areas.csv",
        (Column("practice_id", slug), Column("topic", text), Column("harmonised_code", slug, required=False),
         Column("basis", choice("source", "classified"))),
        unique=(("practice_id", "topic"),),
    ),
)


@dataclass
class Table:
    """A parsed file: its frame and, per row, the file line it came from (for messages)."""

    spec: TableSpec
    frame: pd.DataFrame
    lines: list[int]

    def line_of(self, row_position: int) -> int:
        return self.lines[row_position]


def read_table(raw: bytes, spec: TableSpec, file_name: str | None = None) -> tuple[Table | None, list[Problem]]:
    name = file_name or spec.file_name
    content, problems = decode(raw, name)
    if content is None:
        return None, problems
    if not content.strip():
        return None, [expected(name, None, None, None, "a header row: " + ", ".join(spec.column_names))]
    lines_and_cells = csv_files.rows(content)
    header = [cell.strip() for cell in next(lines_and_cells)[1]]
    missing = [column for column in spec.column_names if column not in header]
    if missing:
        return None, [expected(name, 1, column, None, "this column in the header row") for column in missing]
    positions = {column: header.index(column) for column in spec.column_names}
    records, lines = [], []
    for line, cells in lines_and_cells:
        if csv_files.is_blank(cells):
            continue
        record = {}
        for column in spec.columns:
            position = positions[column.name]
            value = cells[position].strip() if position < len(cells) else ""
            if value == "":
                if column.required:
                    problems.append(expected(name, line, column.name, "", "a value (this column is required)"))
                record[column.name] = None
                continue
            try:
                record[column.name] = column.parse(value)
            except ValueError as error:
                problems.append(expected(name, line, column.name, value, str(error)))
                record[column.name] = None
        records.append(record)
        lines.append(line)
    if not records:
        problems.append(expected(name, None, None, None, "at least one data row below the header"))
    frame = pd.DataFrame.from_records(records, columns=spec.column_names)
    for column, dtype in spec.dtypes.items():
        frame[column] = frame[column].astype(dtype)
    table = Table(spec, frame, lines)
    problems.extend(duplicate_problems(table, name))
    return table, problems


def duplicate_problems(table: Table, file_name: str) -> list[Problem]:
    problems = []
    for key in table.spec.unique:
        keyed = ((table.line_of(position), tuple(None if is_missing(value) else value for value in values))
                 for position, values in enumerate(table.frame[list(key)].itertuples(index=False, name=None)))
        keyed = ((line, values) for line, values in keyed if not (len(key) == 1 and values[0] is None))
        for line, earlier, values in csv_files.repeats(keyed):
            shown = ", ".join("" if value is None else str(value) for value in values)
            problems.append(expected(file_name, line, "+".join(key), shown,
                                     f"a unique value (already used on line {earlier})"))
    return problems


def foreign_key_problems(table: Table, column: str, known: Iterable, what: str,
                         key_columns: tuple[str, ...] | None = None) -> list[Problem]:
    """Rows whose `column` (or tuple of `key_columns`) is not among `known`."""
    known_set = set(known)
    columns = list(key_columns or (column,))
    problems = []
    for position, values in enumerate(table.frame[columns].itertuples(index=False, name=None)):
        if any(is_missing(value) for value in values):
            continue
        key = values if key_columns else values[0]
        if key not in known_set:
            problems.append(expected(table.spec.file_name, table.line_of(position), column,
                                    str(values[-1] if key_columns else values[0]), what))
    return problems


def cross_table_problems(tables: dict[str, Table]) -> list[Problem]:
    countries = set(tables["countries.csv"].frame["iso2"])
    cities = set(tables["cities.csv"].frame["city_id"])
    networks = set(tables["networks.csv"].frame["network_id"])
    versions = set(tables["index_versions.csv"].frame["version_id"])
    areas = tables["policy_areas.csv"].frame
    practices = set(tables["practices.csv"].frame["practice_id"])
    known_country = "a country code listed in countries.csv"
    problems = [
        *foreign_key_problems(tables["networks.csv"], "country_iso2", countries, known_country),
        *foreign_key_problems(tables["cities.csv"], "country_iso2", countries, known_country),
        *foreign_key_problems(tables["memberships.csv"], "city_id", cities, "a city_id listed in cities.csv"),
        *foreign_key_problems(tables["memberships.csv"], "network_id", networks,
                              "a network_id listed in networks.csv"),
        *foreign_key_problems(tables["policy_areas.csv"], "version_id", versions,
                              "a version_id listed in index_versions.csv"),
        *foreign_key_problems(tables["index_scores.csv"], "city_id", cities, "a city_id listed in cities.csv"),
        *foreign_key_problems(tables["index_scores.csv"], "version_id", versions,
                              "a version_id listed in index_versions.csv"),
        *foreign_key_problems(tables["index_scores.csv"], "area_code",
                              set(areas[["version_id", "code"]].itertuples(index=False, name=None)),
                              "a policy area of that Index version (see policy_areas.csv)",
                              key_columns=("version_id", "area_code")),
        *foreign_key_problems(tables["practice_cities.csv"], "practice_id", practices,
                              "a practice_id listed in practices.csv"),
        *foreign_key_problems(tables["practice_cities.csv"], "city_id", cities, "a city_id listed in cities.csv"),
        *foreign_key_problems(tables["practice_cities.csv"], "country_iso2", countries, known_country),
        *foreign_key_problems(tables["practice_areas.csv"], "practice_id", practices,
                              "a practice_id listed in practices.csv"),
        *foreign_key_problems(tables["practice_areas.csv"], "harmonised_code", set(areas["harmonised_code"]),
                              "a harmonised_code used in policy_areas.csv"),
        *foreign_key_problems(tables["area_definitions.csv"], "harmonised_code", set(areas["harmonised_code"]),
                              "a harmonised_code used in policy_areas.csv"),
    ]
    problems += national_membership_problems(tables["memberships.csv"])
    problems += assessment_consistency_problems(tables["index_scores.csv"])
    return problems


def national_membership_problems(table: Table) -> list[Problem]:
    frame = table.frame
    return [
        expected(table.spec.file_name, table.line_of(position), "network_id", "",
                "a network_id for a national membership")
        for position, (scope, network) in enumerate(zip(frame["scope"], frame["network_id"]))
        if scope == "national" and is_missing(network)
    ]


ASSESSMENT_FIELDS = ("city_id", "version_id", "assessed_on", "date_precision", "sample_size")


def assessment_consistency_problems(table: Table) -> list[Problem]:
    """Rows of one assessment must agree on its facts, and the precision must match the date."""
    problems, first_seen = [], {}
    frame = table.frame
    for position, row in enumerate(frame.to_dict("records")):
        line = table.line_of(position)
        date, precision = row["assessed_on"], row["date_precision"]
        if not is_missing(date) and not is_missing(precision) and parse_partial_date(date).precision != precision:
            problems.append(expected(table.spec.file_name, line, "date_precision", precision,
                                    f"'{parse_partial_date(date).precision}' for the date '{date}'"))
        facts = tuple(None if is_missing(row[name]) else row[name] for name in ASSESSMENT_FIELDS)
        earlier = first_seen.setdefault(row["assessment_id"], (facts, line))
        if earlier[0] != facts:
            for name, now, before in zip(ASSESSMENT_FIELDS, facts, earlier[0]):
                if now != before:
                    problems.append(expected(table.spec.file_name, line, name, "" if now is None else str(now),
                                            f"'{before}' as on line {earlier[1]} for the same assessment_id"))
    return problems


def validate_bundle(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Check every bundled file and their links; return the frames or raise ValidationError."""
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for spec in BUNDLE:
        path = data_dir / spec.file_name
        if not path.exists():
            problems.append(expected(spec.file_name, None, None, None, f"the file {path} to exist"))
            continue
        table, file_problems = read_table(path.read_bytes(), spec)
        problems += file_problems
        if table is not None:
            tables[spec.file_name] = table
    if not problems:
        problems += cross_table_problems(tables)
    if problems:
        raise ValidationError(problems)
    return {name.removesuffix(".csv"): table.frame for name, table in tables.items()}
