"""Coordinator imports of Index rounds: parse -> validate (every problem at once) -> preview -> commit.

Accepted files:
- long CSV: city, country, assessed_on, index_version, area, score[, sample_avg]
- wide CSV or XLSX: one row per city assessment (city, country, assessed_on, index_version) and one column
  per policy area (EN or FR name, or short label).
UTF-8 with or without BOM, ',' or ';' delimiters, decimal comma or point. Nothing is written while any
error remains; a committed batch lives in its own store (data/imports/) and survives every rebuild.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from icc import settings
from icc.i18n import t
from icc.i18n.city_names import fold
from icc.i18n.format import FORMULA_PREFIXES
from icc.imports import assessments, xlsx_cells
from icc.store import csv_files, db, source_files
from icc.store.csv_files import Problem

# The one upload limit (a setting): the Data page's uploader and the workers of `make serve` take it from here.
UPLOAD_LIMIT_MB = settings.value("upload_limit_mb")
MAX_BYTES = UPLOAD_LIMIT_MB * 1024 * 1024
# Bounds checked before or while parsing, so no file can take minutes or gigabytes: a spreadsheet's unpacked
# size, rows, columns and cell length; and how many problems the report lists (the rest are counted by kind).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 1_000
MAX_LISTED_PROBLEMS = 200
# A spreadsheet's texts and cells are counted while it streams: a round never needs more of either.
MAX_SHARED_STRINGS = 200_000
MAX_CELLS = 1_000_000
FIRST_YEAR = 2008  # the Intercultural Cities programme began in 2008: no Index result is older
REQUIRED = ("city", "assessed_on", "index_version")
HEADER_ALIASES = {
    "city": ("city", "ville", "city_id", "municipality", "commune"),
    "country": ("country", "pays", "country_iso2", "iso2"),
    "assessed_on": ("assessed_on", "date", "assessment date", "date d'evaluation", "year", "annee"),
    "index_version": ("index_version", "version", "index version", "version de l'indice"),
    "area": ("area", "policy area", "domaine", "domaine d'action", "indicator", "indicateur"),
    "score": ("score", "city_score", "value", "valeur"),
    "sample_avg": ("sample_avg", "sample average", "moyenne de l'echantillon", "network average"),
    "sample_size": ("sample_size", "cities compared", "villes comparees"),
}
VERSION_ALIASES = {"2009": "2009", "2009-2018": "2009", "icc index 2009-2018": "2009", "old": "2009",
                   "2019": "2019", "revised": "2019", "revised icc index": "2019", "2019-": "2019",
                   "indice icc revise": "2019", "revised icc index (2019-)": "2019"}


def visible(value: str | None) -> str | None:
    """A cell's text with every character a reader cannot see named: 'oslo⟨U+200B ZERO WIDTH SPACE⟩'. A report
    that says "oslo: unknown city, did you mean Oslo?" would otherwise be a riddle."""
    if value is None:
        return None
    return "".join(f"⟨U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}⟩"
                   if unicodedata.category(c) in INVISIBLE or (unicodedata.category(c) == "Zs" and c != " ") else c
                   for c in value)


INVISIBLE = {"Cc", "Cf", "Co", "Cn", "Zl", "Zp"}


class ProblemLog:
    """Every problem is counted; the first MAX_LISTED_PROBLEMS are listed with their suggestions (working
    out a suggestion for 200,000 unknown cities would take minutes and help nobody)."""

    def __init__(self, problems: list[Problem] | None = None):
        self.listed: list[Problem] = []
        self.counts: dict[str, int] = {}
        for problem in problems or []:
            self.add(problem)

    @property
    def full(self) -> bool:
        return len(self.listed) >= MAX_LISTED_PROBLEMS

    def add(self, problem: Problem) -> None:
        shown = visible(problem.value)
        if shown != problem.value:
            problem = dataclasses.replace(problem, value=shown, suggestion=(
                problem.suggestion + ("; " if problem.suggestion else "") +
                "the cell holds characters that cannot be seen, shown here as ⟨…⟩: delete them"))
        kind = problem.message.split(" (")[0]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if not self.full:
            self.listed.append(problem)

    def __len__(self) -> int:
        return sum(self.counts.values())


@dataclass
class Reference:
    """What an import is checked against: the cities and policy areas of the target database."""

    cities: pd.DataFrame  # city_id, name, country_iso2, country_en, country_fr
    areas: pd.DataFrame  # area_id, version_id, code, name_en, name_fr, short_en, short_fr
    # assessment_id, city_id, version_id, assessed_on, date_precision: the stored ones (None: none stored)
    assessments: pd.DataFrame | None = None


class CheckedFile:
    """What every checked file answers: valid or not, how many problems, and the report listing them (its
    `problems` and `problem_counts` are the subclass's fields)."""

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def problem_total(self) -> int:
        return sum(self.problem_counts.values()) if self.problem_counts else len(self.problems)

    def report(self) -> pd.DataFrame:
        return pd.DataFrame([(problem.line, problem.column, problem.value, problem.message, problem.suggestion)
                             for problem in self.problems],
                            columns=["row", "column", "value", "problem", "suggestion"])


@dataclass
class ParsedImport(CheckedFile):
    file_name: str
    sha256: str
    rows: int
    assessments: pd.DataFrame
    scores: pd.DataFrame
    problems: list[Problem]
    # Problems per kind, all of them (`problems` lists the first MAX_LISTED_PROBLEMS only).
    problem_counts: dict[str, int] | None = None
    kind: str = "index"  # an Index round (membership_file.ParsedMembership is the other kind)


def problem_count_text(parsed: ParsedImport) -> str:
    """'3 problems' or '250,000 problems (the first 200 listed; 249,800 unknown city, ...)'."""
    total = parsed.problem_total
    text = f"{total:,} problem" + ("" if total == 1 else "s")
    if total > len(parsed.problems):
        kinds = ", ".join(f"{count:,} × {kind}" for kind, count in
                          sorted((parsed.problem_counts or {}).items(), key=lambda item: -item[1]))
        text += f" (the first {len(parsed.problems)} are listed; in all: {kinds})"
    return text


def read_upload(path) -> bytes:
    """A file's bytes, refusing to read more than the size limit (the parser then says it is too large)."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def read_table(raw: bytes, file_name: str) -> tuple[Table | None, list[int], list[Problem]]:
    """Cells as text with the file row of each record; problems for unreadable or oversized files."""
    if len(raw) > MAX_BYTES:
        return None, [], [Problem(None, None, None, f"more than {MAX_BYTES // 2**20} MB",
                                        "the file is larger than the 20 MB limit", "split the round into files")]
    if not raw.strip():
        return None, [], [Problem(None, None, None, None, "the file is empty",
                                        "download a template from the Data page")]
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        header, records, lines, problems = read_xlsx_cells(raw)
    else:
        header, records, lines, problems = read_csv_cells(raw, file_name)
    if problems:
        return None, [], problems
    return Table(header, records), lines, []


class Table:
    """A file's rows as text under its header. Not a DataFrame: a frame and its records as dicts held 90 MB more
    for a 100,000-row round; rows are turned into dicts one at a time, as they are checked."""

    def __init__(self, header: list[str], rows: list[list[str]]):
        self.columns, self.rows = list(header), rows

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows

    def records(self):
        for row in self.rows:
            yield dict(zip(self.columns, row))


def oversized(row: int, cells: list, header: list | None) -> Problem | None:
    """The first bound a row breaks: too many rows, columns or characters in a cell."""
    if row > MAX_ROWS + 1:
        return Problem(None, None, None, f"more than {MAX_ROWS:,} rows",
                             f"the file has more than {MAX_ROWS:,} data rows",
                       "split the round into files (blank rows count too)")
    if len(cells) > MAX_COLUMNS:
        return Problem(None, row, None, f"{len(cells)} columns", f"more than {MAX_COLUMNS} columns",
                             "keep the template's columns only")
    for position, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            column = header[position] if header and position < len(header) else None
            return Problem(None, row, column, cell[:40] + "…", f"a cell longer than {MAX_CELL_CHARS:,} characters",
                                 "check the cell: no Index value is this long")
    return None


def too_many_cells() -> Problem:
    return Problem(None, None, None, None, f"the file has more than {MAX_CELLS:,} cells", "split the round into files")


def read_csv_cells(raw: bytes, file_name: str):
    content, decoding = csv_files.decode(raw, file_name)
    if content is None:
        first = decoding[0]
        return None, [], [], [Problem(None, first.line, None, first.value, "the file is not UTF-8 text",
                                      "in your spreadsheet, save as 'CSV UTF-8'")]
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    header, records, lines = None, [], []
    cells_read = 0
    try:
        # Blank rows count towards the bound too: 20 MB of empty lines must not take a minute to skip.
        for count, (line, cells) in enumerate(csv_files.rows(content, delimiter), start=1):
            cells_read += len(cells)
            problem = oversized(count, cells, header) or (too_many_cells() if cells_read > MAX_CELLS else None)
            if problem:
                return None, [], [], [problem]
            if header is None:
                header = cells
            elif not csv_files.is_blank(cells):
                if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
                    return None, [], [], [Problem(None, line, None, delimiter.join(cells)[:60],
                                                  f"{len(cells)} cells where the header has {len(header)}",
                                                  "put text that contains the separator in double quotes")]
                records.append((cells + [""] * (len(header) - len(cells)))[: len(header)])
                lines.append(line)
    except csv_files.Unreadable as error:
        return None, [], [], [Problem(None, error.line, None, None, f"the CSV cannot be read ({error})",
                                      "check quotes and cell lengths, or save the file again as CSV")]
    return header or [], records, lines, []


def read_xlsx_cells(raw: bytes):
    """The first sheet's cells as the text Excel shows (xlsx_cells), in one bounded streaming pass; formulas
    with no saved value are problems."""
    try:
        sheet = xlsx_cells.read_sheet(raw, xlsx_cells.Bounds(MAX_UNPACKED_BYTES, MAX_ROWS, MAX_COLUMNS, MAX_CELLS,
                                                             MAX_SHARED_STRINGS, MAX_CELL_CHARS))
    except xlsx_cells.Refused as refused:
        return None, [], [], [refused.problem]
    header, records, lines, problems = None, [], [], []
    for number, cells in sheet.rows:
        problem = oversized(number, cells, header)
        if problem:
            return None, [], [], [problem]
        if header is None:
            header = cells
        else:
            if any(cell.strip() for cell in cells[len(header):]):
                extra = next(p for p in range(len(header), len(cells)) if cells[p].strip())
                return None, [], [], [Problem(None, number, None, cells[extra][:40],
                                              f"a value in column {extra + 1}, which has no header",
                                              "give the column a header or delete the value")]
            records.append((cells + [""] * (len(header) - len(cells)))[: len(header)])
            lines.append(number)
    for number, position, formula in sheet.unsaved_formulas:
        column = header[position - 1] if header and position <= len(header) else None
        problems.append(Problem(None, number, column, formula, "a formula with no saved value",
                                "open the file in a spreadsheet and save it again, or type the value"))
    return header or [], records, lines, problems


def area_lookup(areas: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """Every way of naming an area (code, EN/FR names, short labels) -> [(version_id, code)]."""
    lookup: dict[str, list[tuple[str, str]]] = {}
    for row in areas.itertuples():
        for name in {row.code, row.code.replace("_", " "), row.name_en, row.name_fr, row.short_en, row.short_fr}:
            entry = (row.version_id, row.code)
            if entry not in lookup.setdefault(fold(name), []):
                lookup[fold(name)].append(entry)
    return lookup


def match_columns(header: list[str], areas: dict) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Map file headers to fields and to area columns; problems for unknown headers and for two columns that
    name the same field or policy area (one of the two values would be lost)."""
    fields, area_columns, problems = {}, {}, []
    named_by: dict[tuple[str, str], str] = {}
    for column in header:
        key = fold(column)
        field_name = next((name for name, aliases in HEADER_ALIASES.items() if key in {fold(a) for a in aliases}),
                          None)
        if field_name:
            if field_name in fields:
                problems.append(Problem(None, 1, column, column, f"a second column for '{field_name}'",
                                              f"keep one of '{fields[field_name]}' and '{column}'"))
            fields.setdefault(field_name, column)
        elif key in areas:
            for option in areas[key]:
                earlier = named_by.setdefault(option, column)
                if earlier != column:
                    problems.append(Problem(None, 1, column, column,
                                                  f"a second column for the policy area '{option[1]}'",
                                                  f"keep one of '{earlier}' and '{column}'"))
                    break
            area_columns[column] = key
        elif key:
            close = difflib.get_close_matches(key, list(areas) + list(HEADER_ALIASES), n=1, cutoff=0.7)
            problems.append(Problem(None, 1, column, column, "unknown column",
                                          f"did you mean '{close[0]}'?" if close else "remove it or rename it"))
    return fields, area_columns, problems


NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?", re.ASCII)
PERCENT = re.compile(r"[\s\u00a0\u202f]*%$")


def parse_number(text: str) -> float:
    """A score as a person writes it: digits 0-9 with a decimal point or comma, optionally followed by '%'
    ("72 %" is 72 points: the Index is out of 100). Anything else, including 5_0, 1e2 and digits of other
    scripts, raises ValueError with what was wrong."""
    cleaned = PERCENT.sub("", text.strip())
    if any(character.isdigit() and not character.isascii() for character in cleaned):
        raise ValueError("it is written with digits other than 0-9: type the digits 0-9")
    if not NUMBER.fullmatch(cleaned):
        raise ValueError("write a number from 0 to 100 with the digits 0-9 and a decimal point or comma, "
                         "optionally followed by %")
    return float(cleaned.replace(",", ".")) + 0.0  # + 0.0: no '-0'


def number_text(value: float) -> str:
    """55 as '55', 72.5 as '72.5': as the screen shows scores."""
    return f"{value:g}"


class CityMatcher:
    def __init__(self, cities: pd.DataFrame):
        self.cities = cities
        self.by_id = set(cities["city_id"])
        self.by_name: dict[str, list[str]] = {}
        for row in cities.itertuples():
            self.by_name.setdefault(fold(row.name), []).append(row.city_id)
        self.country_of = dict(zip(cities["city_id"], cities["country_iso2"]))
        self.name_of = dict(zip(cities["city_id"], cities["name"]))
        self.country_name = dict(zip(cities["country_iso2"], cities["country_en"]))
        self.country_keys = {}
        for column in ("country_iso2", "country_en", "country_fr"):
            for iso2, name in zip(cities["country_iso2"], cities[column]):
                self.country_keys[fold(name)] = iso2

    def match(self, name: str, country: str, suggest: bool = True) -> tuple[str | None, str, str]:
        """(city_id, problem, suggestion); `suggest=False` skips the slow search for close names."""
        iso2 = self.country_keys.get(fold(country)) if country else None
        if country and iso2 is None:
            return None, f"unknown country '{country}'", "use the country's English or French name or ISO code"
        candidates = [name] if name in self.by_id else self.by_name.get(fold(name), [])
        if iso2 and candidates:
            elsewhere = [c for c in candidates if self.country_of[c] != iso2]
            candidates = [c for c in candidates if self.country_of[c] == iso2]
            if not candidates:
                where = " / ".join(f"{self.name_of[c]} is in {self.country_name[self.country_of[c]]}"
                                   for c in elsewhere)
                return None, f"no city of this name in {self.country_name.get(iso2, country)}", \
                    f"{where}: check the country column"
        if len(candidates) == 1:
            return candidates[0], "", ""
        if len(candidates) > 1:
            return None, "several cities have this name", "add the country column or use the city id"
        if not suggest:
            return None, "unknown city", ""
        close = difflib.get_close_matches(fold(name), list(self.by_name), n=3, cutoff=0.6)
        names = [self.name_of[self.by_name[c][0]] for c in close]
        return None, "unknown city", ("did you mean " + " / ".join(names) + "?") if names else "check the spelling"


def parse_date(text: str) -> tuple[source_files.PartialDate | None, str]:
    if any(character.isdigit() and not character.isascii() for character in text):
        return None, "the date is written with digits other than 0-9: type it as YYYY-MM-DD, YYYY-MM or YYYY"
    try:
        parsed = source_files.parse_partial_date(text.strip())
    except ValueError:
        return None, "not a date: use YYYY-MM-DD, YYYY-MM or YYYY"
    if parsed.start > dt.date.today():
        return None, "the date is in the future"
    if parsed.start.year < FIRST_YEAR:
        return None, f"the date is before {FIRST_YEAR}, when the programme began (dates from {FIRST_YEAR} to today)"
    return parsed, ""


def parse_import(raw: bytes, file_name: str, reference: Reference, table=None) -> ParsedImport:
    """Read and check a whole file; the result holds every problem, or clean tables ready to commit. `table`:
    what read_table gave for it already (any_round reads a file once)."""
    sha256 = hashlib.sha256(raw).hexdigest()
    frame, lines, read_problems = table if table is not None else read_table(raw, file_name)
    empty = pd.DataFrame()
    log = ProblemLog(read_problems)

    def failed(rows: int) -> ParsedImport:
        return ParsedImport(file_name, sha256, rows, empty, empty, log.listed, log.counts)

    if frame is None:
        return failed(0)
    areas = area_lookup(reference.areas)
    fields, area_columns, header_problems = match_columns(list(frame.columns), areas)
    for problem in header_problems:
        log.add(problem)
    long_format = "area" in fields and "score" in fields
    required = (*REQUIRED, "area", "score") if long_format or not area_columns else REQUIRED
    for name in required:
        if name not in fields:
            log.add(Problem(None, 1, name, None, "required column missing",
                                  "columns: " + ", ".join(HEADER_ALIASES[name][:3])))
    if len(log):
        return failed(len(frame))
    if frame.empty:
        log.add(Problem(None, None, None, None, "the file has a header but no rows", ""))
        return failed(0)
    cells = check_rows(frame, lines, fields, area_columns, long_format, reference, areas, log)
    ids, clashes = assessments.identify(cells, reference.assessments, dict(zip(reference.cities["city_id"],
                                                                                reference.cities["name"])))
    for problem in itertools.chain(clashes, assessments.fraction_problems(cells), duplicate_problems(cells)):
        log.add(problem)
    if len(log):
        return failed(len(frame))
    assessment_table, scores = assessments.tables(cells, ids)
    return ParsedImport(file_name, sha256, len(frame), assessment_table, scores, [], {})


class AreaNames:
    """'the 2019 Index areas: commitment, education, ...' per version, worked out once per import (a file of
    99,000 unknown areas asked for it 99,000 times)."""

    def __init__(self, reference: Reference):
        self.names = {version: ", ".join(group["code"]) for version, group in reference.areas.groupby("version_id")}

    def __call__(self, version: str) -> str:
        return self.names.get(version, "")


def check_rows(frame, lines, fields, area_columns, long_format, reference, areas, log) -> list[assessments.ScoreCell]:
    """Every row's problems into `log`; the valid score cells."""
    cities = CityMatcher(reference.cities)
    area_names = AreaNames(reference)
    area_ids = {(row.version_id, row.code): row.area_id for row in reference.areas.itertuples()}
    cells_found = []
    for position, row in enumerate(frame.records()):
        line = lines[position]
        for column, value in row.items():
            if str(value).startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(PERCENT.sub("", str(value))):
                log.add(Problem(None, line, column, str(value), "formula-like cell (starts with =, +, - or @)",
                                      "type the value itself, not a formula"))
        city_text = str(row[fields["city"]]).strip()
        country_text = str(row.get(fields.get("country", ""), "")).strip() if "country" in fields else ""
        city_id, city_problem, city_hint = cities.match(city_text, country_text, suggest=not log.full)
        if city_problem:
            log.add(Problem(None, line, fields["city"], city_text, city_problem, city_hint))
        version_text = str(row[fields["index_version"]]).strip()
        version = VERSION_ALIASES.get(fold(version_text))
        if version is None:
            log.add(Problem(None, line, fields["index_version"], version_text, "unknown Index version",
                                  "2009 (the 2009-2018 Index) or 2019 (the revised Index)"))
        date_text = str(row[fields["assessed_on"]]).strip()
        date, date_problem = parse_date(date_text)
        if date_problem:
            log.add(Problem(None, line, fields["assessed_on"], date_text, date_problem, ""))
        sample_size = None
        if "sample_size" in fields and str(row[fields["sample_size"]]).strip():
            text = str(row[fields["sample_size"]]).strip()
            if re.fullmatch(r"[0-9]{1,6}", text) and int(text) > 0:
                sample_size = int(text)
            else:
                log.add(Problem(None, line, fields["sample_size"], text, "not a positive whole number", ""))
        cells = ([(fields["area"], row[fields["area"]], row[fields["score"]],
                   row.get(fields.get("sample_avg"), "") if "sample_avg" in fields else "")]
                 if long_format else [(column, column, row[column], "") for column in area_columns])
        for column, area_text, score_text, average_text in cells:
            score_text = str(score_text).strip()
            if not long_format and score_text == "":
                continue  # a wide file leaves areas the city did not answer empty
            options = areas.get(fold(area_text), [])
            code = next((c for v, c in options if v == version), None)
            if not options:
                close = difflib.get_close_matches(fold(area_text), list(areas), n=1, cutoff=0.7) \
                    if not log.full else []
                valid = f"the {version} Index areas: {area_names(version)}" if version else ""
                log.add(Problem(None, line, column, str(area_text), "unknown policy area",
                                      (f"did you mean '{close[0]}'? " if close else "") + valid))
            elif version and code is None:
                log.add(Problem(None, line, column, str(area_text), f"this area is not in the {version} Index",
                                      f"check the index_version column; the {version} Index areas: "
                                      f"{area_names(version)}"))
            score_column = fields.get("score", column)
            score = checked_number(score_text, line, score_column, "score", log)
            average = checked_number(str(average_text), line, fields.get("sample_avg"), "sample average", log) \
                if str(average_text).strip() else None
            if city_id and version and date and code and score is not None:
                cells_found.append(assessments.ScoreCell(line, score_column, score_text, city_id, version, date,
                                                         area_ids[(version, code)], score, average, sample_size))
    return cells_found


def checked_number(text: str, line: int, column: str, what: str, log: ProblemLog) -> float | None:
    """A score-like number in 0..100, else a problem that says which of the rules it broke."""
    try:
        value = parse_number(text)
    except ValueError as error:
        log.add(Problem(None, line, column, text, f"the {what} is not a number", str(error)))
        return None
    if not 0 <= value <= 100:
        log.add(Problem(None, line, column, text, f"the {what} is outside the range 0 to 100",
                              f"{number_text(value)} is not a possible Index value"))
        return None
    return value


def duplicate_problems(cells: list[assessments.ScoreCell]) -> Iterator[Problem]:
    """A score given twice for the same assessment and area: the same value (a duplicate) or another one (one at
    a time: a file of 100,000 repeated rows would otherwise hold 100,000 problems at once)."""
    first: dict[tuple, assessments.ScoreCell] = {}
    for cell in cells:
        earlier = first.setdefault((cell.key, cell.area_id), cell)
        if earlier is cell:
            continue
        if earlier.score == cell.score:
            yield Problem(None, cell.line, "score", number_text(cell.score), f"duplicate of line {earlier.line}",
                          "remove one of the two rows")
        else:
            yield Problem(None, cell.line, "score", number_text(cell.score),
                          f"conflicts with line {earlier.line} ({number_text(earlier.score)}) for the same assessment",
                          "keep the right value only")


def preview(parsed: ParsedImport, stored: pd.DataFrame, replace: bool = False) -> pd.DataFrame:
    """What a commit would do, per score: new assessment, new score, changed (old -> new), unchanged, and, when
    the file replaces its assessments, removed (old -> none) for stored scores the file does not have.
    `stored`: the scores the database holds for the file's assessments (existing_scores)."""
    existing = {(row.assessment_id, row.area_id): (row.score, getattr(row, "sample_avg", None))
                for row in stored.itertuples()} if not stored.empty else {}
    known_assessments = set(stored["assessment_id"]) if not stored.empty else set()
    rows = []
    for score in parsed.scores.itertuples():
        old, old_average = existing.get((score.assessment_id, score.area_id), (None, None))
        if score.assessment_id not in known_assessments:
            change = "new assessment"
        elif old is None:
            change = "new score"
        elif float(old) == float(score.score) and same_number(old_average, score.sample_avg):
            change = "unchanged"  # a batch writes the sample average too: a new or missing one is a change
        else:
            change = "changed"
        rows.append({"line": score.line, "assessment_id": score.assessment_id, "area_id": score.area_id,
                     "cell": score.cell, "old": old, "new": score.score, "change": change})
    if replace and not stored.empty:
        in_file = set(zip(parsed.scores["assessment_id"], parsed.scores["area_id"]))
        rows += [{"line": None, "assessment_id": row.assessment_id, "area_id": row.area_id, "cell": None,
                  "old": row.score, "new": None, "change": "removed"}
                 for row in stored.itertuples() if (row.assessment_id, row.area_id) not in in_file]
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


# The preview shows each score's cell as written beside the value imported, so a rescaling cannot pass unseen.
PREVIEW_COLUMNS = ["line", "assessment_id", "area_id", "cell", "old", "new", "change"]


def same_number(first, second) -> bool:
    missing = [first is None or pd.isna(first), second is None or pd.isna(second)]
    return all(missing) or (not any(missing) and float(first) == float(second))


def changes_nothing(changes: pd.DataFrame) -> bool:
    """True when every score of the file is stored already, as it is: a commit would add an empty batch."""
    return bool(len(changes)) and (changes["change"] == "unchanged").all()


CHANGE_KINDS = ("new assessment", "new score", "changed", "unchanged", "removed")


def change_summary(parsed: ParsedImport, changes: pd.DataFrame) -> str:
    """'Valid: 1 assessment, 1 score. 1 changed.': the preview in a line, for the Data page and the CLI."""
    counts = changes["change"].value_counts()
    kinds = "; ".join(t(f"data.change.{kind}", count=int(counts[kind])) for kind in CHANGE_KINDS
                      if counts.get(kind, 0))
    return t("data.valid", assessments=len(parsed.assessments), scores=len(parsed.scores)) + f" {kinds}."


def reference_from(con) -> Reference:
    return Reference(db.run("import_cities", con=con), db.run("policy_areas", con=con),
                     db.run("import_assessments", con=con))


def existing_scores(con, parsed: ParsedImport) -> pd.DataFrame:
    """The stored scores of the assessments a valid import would write (only those: the whole score table
    is half a million rows at 10,000 cities)."""
    ids = sorted(set(parsed.scores["assessment_id"])) if not parsed.scores.empty else []
    return db.run("existing_scores", con=con, assessment_ids=ids)
