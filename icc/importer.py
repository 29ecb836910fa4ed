"""Coordinator imports of Index rounds: parse -> validate (every problem at once) -> preview -> commit.

Accepted files:
- long CSV: city, country, assessed_on, index_version, area, score[, sample_avg]
- wide CSV or XLSX: one row per city assessment (city, country, assessed_on, index_version) and one column
  per policy area (EN or FR name, or short label).
UTF-8 with or without BOM, ',' or ';' delimiters, decimal comma or point. Nothing is written while any
error remains; a committed batch lives in its own store (data/imports/) and survives every rebuild.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from icc import validate

MAX_BYTES = 20 * 1024 * 1024
FORMULA_PREFIXES = ("=", "+", "-", "@")
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


def fold(text: object) -> str:
    """Lower case, no accents, '_' as a space, single spaces: how headers and names are compared."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().replace("_", " ")
    return re.sub(r"\s+", " ", ascii_text).strip().lower()


@dataclass(frozen=True)
class ImportProblem:
    row: int | None  # file line (CSV) or sheet row (XLSX); None for the whole file
    column: str | None
    value: str | None
    problem: str
    suggestion: str = ""


@dataclass
class Reference:
    """What an import is checked against: the cities and policy areas of the target database."""

    cities: pd.DataFrame  # city_id, name, country_iso2, country_en, country_fr
    areas: pd.DataFrame  # area_id, version_id, code, name_en, name_fr, short_en, short_fr


@dataclass
class ParsedImport:
    file_name: str
    sha256: str
    rows: int
    assessments: pd.DataFrame
    scores: pd.DataFrame
    problems: list[ImportProblem]

    @property
    def valid(self) -> bool:
        return not self.problems

    def report(self) -> pd.DataFrame:
        return pd.DataFrame([vars(problem) for problem in self.problems],
                            columns=["row", "column", "value", "problem", "suggestion"])


def neutralise(value: object) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe in exports."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def read_table(raw: bytes, file_name: str) -> tuple[pd.DataFrame | None, list[int], list[ImportProblem]]:
    """Cells as text with the file row of each record; problems for unreadable files."""
    if len(raw) > MAX_BYTES:
        return None, [], [ImportProblem(None, None, f"{len(raw) / 1e6:.1f} MB",
                                        "the file is larger than the 20 MB limit", "split the round into files")]
    if not raw.strip():
        return None, [], [ImportProblem(None, None, None, "the file is empty",
                                        "download a template from the Data page")]
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        try:
            frame = pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False)
        except Exception as error:  # openpyxl raises many kinds for damaged files
            return None, [], [ImportProblem(None, None, None, f"the spreadsheet cannot be read ({error})",
                                            "save it again as .xlsx")]
        return frame, [index + 2 for index in range(len(frame))], []
    content, problems = validate.decode(raw, file_name)
    if content is None:
        first = problems[0]
        return None, [], [ImportProblem(first.line, None, first.value, "the file is not UTF-8 text",
                                        "in your spreadsheet, save as 'CSV UTF-8'")]
    delimiter = ";" if content.splitlines()[0].count(";") > content.splitlines()[0].count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = next(reader)
    records, lines = [], []
    for cells in reader:
        if any(cell.strip() for cell in cells):
            records.append(cells + [""] * (len(header) - len(cells)))
            lines.append(reader.line_num)
    return pd.DataFrame([r[: len(header)] for r in records], columns=header, dtype=str), lines, []


def area_lookup(areas: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """Every way of naming an area (code, EN/FR names, short labels) -> [(version_id, code)]."""
    lookup: dict[str, list[tuple[str, str]]] = {}
    for row in areas.itertuples():
        for name in {row.code, row.code.replace("_", " "), row.name_en, row.name_fr, row.short_en, row.short_fr}:
            entry = (row.version_id, row.code)
            if entry not in lookup.setdefault(fold(name), []):
                lookup[fold(name)].append(entry)
    return lookup


def match_columns(header: list[str], areas: dict) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Map file headers to fields and to area columns; unknown headers are returned for reporting."""
    fields, area_columns, unknown = {}, {}, []
    for column in header:
        key = fold(column)
        field_name = next((name for name, aliases in HEADER_ALIASES.items() if key in {fold(a) for a in aliases}),
                          None)
        if field_name and field_name not in fields:
            fields[field_name] = column
        elif key in areas:
            area_columns[column] = key
        elif key:
            unknown.append(column)
    return fields, area_columns, unknown


def parse_number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    return float(cleaned)


class CityMatcher:
    def __init__(self, cities: pd.DataFrame):
        self.cities = cities
        self.by_id = set(cities["city_id"])
        self.by_name: dict[str, list[str]] = {}
        for row in cities.itertuples():
            self.by_name.setdefault(fold(row.name), []).append(row.city_id)
        self.country_of = dict(zip(cities["city_id"], cities["country_iso2"]))
        self.country_keys = {}
        for column in ("country_iso2", "country_en", "country_fr"):
            for iso2, name in zip(cities["country_iso2"], cities[column]):
                self.country_keys[fold(name)] = iso2

    def match(self, name: str, country: str) -> tuple[str | None, str, str]:
        """(city_id, problem, suggestion)."""
        if name in self.by_id:
            return name, "", ""
        candidates = self.by_name.get(fold(name), [])
        iso2 = self.country_keys.get(fold(country)) if country else None
        if country and iso2 is None:
            return None, f"unknown country '{country}'", "use the country's English or French name or ISO code"
        if iso2:
            candidates = [c for c in candidates if self.country_of[c] == iso2]
        if len(candidates) == 1:
            return candidates[0], "", ""
        if len(candidates) > 1:
            return None, "several cities have this name", "add the country column or use the city id"
        close = difflib.get_close_matches(fold(name), list(self.by_name), n=3, cutoff=0.6)
        names = [self.cities.set_index("city_id").loc[self.by_name[c][0], "name"] for c in close]
        return None, "unknown city", ("did you mean " + " / ".join(names) + "?") if names else "check the spelling"


def parse_date(text: str) -> tuple[validate.PartialDate | None, str]:
    try:
        parsed = validate.parse_partial_date(text.strip())
    except ValueError:
        return None, "not a date: use YYYY-MM-DD, YYYY-MM or YYYY"
    if parsed.start > dt.date.today():
        return None, "the date is in the future"
    return parsed, ""


def parse_import(raw: bytes, file_name: str, reference: Reference) -> ParsedImport:
    """Read and check a whole file; the result holds every problem, or clean tables ready to commit."""
    sha256 = hashlib.sha256(raw).hexdigest()
    frame, lines, problems = read_table(raw, file_name)
    empty = pd.DataFrame()
    if frame is None:
        return ParsedImport(file_name, sha256, 0, empty, empty, problems)
    areas = area_lookup(reference.areas)
    fields, area_columns, unknown = match_columns(list(frame.columns), areas)
    long_format = "area" in fields and "score" in fields
    required = (*REQUIRED, "area", "score") if long_format or not area_columns else REQUIRED
    for name in required:
        if name not in fields:
            problems.append(ImportProblem(1, name, None, "required column missing",
                                          "columns: " + ", ".join(HEADER_ALIASES[name][:3])))
    for column in unknown:
        close = difflib.get_close_matches(fold(column), list(areas) + list(HEADER_ALIASES), n=1, cutoff=0.7)
        problems.append(ImportProblem(1, column, column, "unknown column",
                                      f"did you mean '{close[0]}'?" if close else "remove it or rename it"))
    if problems:
        return ParsedImport(file_name, sha256, len(frame), empty, empty, problems)
    if frame.empty:
        return ParsedImport(file_name, sha256, 0, empty, empty,
                            [ImportProblem(None, None, None, "the file has a header but no rows", "")])

    cities = CityMatcher(reference.cities)
    area_ids = {(row.version_id, row.code): row.area_id for row in reference.areas.itertuples()}
    records = []  # (line, assessment key, area_id, score, sample_avg, sample_size, date)
    for position, row in enumerate(frame.to_dict("records")):
        line = lines[position]
        for column, value in row.items():
            if str(value).startswith(FORMULA_PREFIXES) and not re.fullmatch(r"[-+]?\d+([.,]\d+)?", str(value)):
                problems.append(ImportProblem(line, column, str(value), "formula-like cell (starts with =, +, - or @)",
                                              "type the value itself, not a formula"))
        city_text = str(row[fields["city"]]).strip()
        country_text = str(row.get(fields.get("country", ""), "")).strip() if "country" in fields else ""
        city_id, city_problem, city_hint = cities.match(city_text, country_text)
        if city_problem:
            problems.append(ImportProblem(line, fields["city"], city_text, city_problem, city_hint))
        version_text = str(row[fields["index_version"]]).strip()
        version = VERSION_ALIASES.get(fold(version_text))
        if version is None:
            problems.append(ImportProblem(line, fields["index_version"], version_text, "unknown Index version",
                                          "2009 (the 2009-2018 Index) or 2019 (the revised Index)"))
        date_text = str(row[fields["assessed_on"]]).strip()
        date, date_problem = parse_date(date_text)
        if date_problem:
            problems.append(ImportProblem(line, fields["assessed_on"], date_text, date_problem, ""))
        sample_size = None
        if "sample_size" in fields and str(row[fields["sample_size"]]).strip():
            text = str(row[fields["sample_size"]]).strip()
            if re.fullmatch(r"\d{1,6}", text) and int(text) > 0:
                sample_size = int(text)
            else:
                problems.append(ImportProblem(line, fields["sample_size"], text, "not a positive whole number", ""))
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
                close = difflib.get_close_matches(fold(area_text), list(areas), n=1, cutoff=0.7)
                problems.append(ImportProblem(line, column, str(area_text), "unknown policy area",
                                              f"did you mean '{close[0]}'?" if close else ""))
            elif version and code is None:
                problems.append(ImportProblem(line, column, str(area_text), f"this area is not in the {version} Index",
                                              "check the index_version column"))
            try:
                score = parse_number(score_text)
                if not 0 <= score <= 100:
                    raise ValueError
            except ValueError:
                problems.append(ImportProblem(line, fields.get("score", column), score_text,
                                              "score must be a number between 0 and 100", ""))
                score = None
            average = None
            if str(average_text).strip():
                try:
                    average = parse_number(str(average_text))
                    if not 0 <= average <= 100:
                        raise ValueError
                except ValueError:
                    problems.append(ImportProblem(line, fields["sample_avg"], str(average_text),
                                                  "sample average must be a number between 0 and 100", ""))
            if city_id and version and date and code and score is not None:
                records.append((line, (city_id, version, date_text), area_ids[(version, code)], score, average,
                                sample_size, date))
    problems += duplicate_problems(records)
    if problems:
        return ParsedImport(file_name, sha256, len(frame), empty, empty, problems)
    assessments, scores = tables_from(records)
    return ParsedImport(file_name, sha256, len(frame), assessments, scores, [])


def duplicate_problems(records: list) -> list[ImportProblem]:
    seen: dict[tuple, tuple[int, float]] = {}
    problems = []
    for line, key, area_id, score, *_ in records:
        earlier = seen.setdefault((key, area_id), (line, score))
        if earlier[0] == line:
            continue
        if earlier[1] == score:
            problems.append(ImportProblem(line, "score", str(score), f"duplicate of line {earlier[0]}",
                                          "remove one of the two rows"))
        else:
            problems.append(ImportProblem(line, "score", str(score),
                                          f"conflicts with line {earlier[0]} ({earlier[1]:g}) for the same assessment",
                                          "keep the right value only"))
    return problems


def assessment_id(city_id: str, version: str, date_text: str) -> str:
    return f"{city_id}-{version}-{date_text}"


def tables_from(records: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    assessments, scores = {}, []
    for _, (city_id, version, date_text), area_id, score, average, sample_size, date in records:
        key = assessment_id(city_id, version, date_text)
        assessments.setdefault(key, {"assessment_id": key, "city_id": city_id, "version_id": version,
                                     "assessed_on": date.start, "date_precision": date.precision,
                                     "sample_size": sample_size, "source_url": "coordinator import"})
        scores.append({"assessment_id": key, "area_id": area_id, "score": score, "sample_avg": average})
    frame = pd.DataFrame(list(assessments.values()))
    frame["sample_size"] = frame["sample_size"].astype("Int64")
    return frame, pd.DataFrame(scores)


def preview(parsed: ParsedImport, stored: pd.DataFrame) -> pd.DataFrame:
    """What a commit would do, per score: new assessment, new score, changed (old -> new) or unchanged.
    `stored`: the scores the database holds for the file's assessments (existing_scores)."""
    existing = stored.set_index(["assessment_id", "area_id"])["score"] if not stored.empty else pd.Series(dtype=float)
    known_assessments = set(stored["assessment_id"]) if not stored.empty else set()
    rows = []
    for score in parsed.scores.itertuples():
        old = existing.get((score.assessment_id, score.area_id))
        if score.assessment_id not in known_assessments:
            change = "new assessment"
        elif old is None:
            change = "new score"
        elif float(old) == float(score.score):
            change = "unchanged"
        else:
            change = "changed"
        rows.append({"assessment_id": score.assessment_id, "area_id": score.area_id, "old": old,
                     "new": score.score, "change": change})
    return pd.DataFrame(rows, columns=["assessment_id", "area_id", "old", "new", "change"])


def reference_from(con) -> Reference:
    from icc import db

    return Reference(db.run("import_cities", con=con), db.run("policy_areas", con=con))


def existing_scores(con, parsed: ParsedImport) -> pd.DataFrame:
    """The stored scores of the assessments a valid import would write (only those: the whole score table
    is half a million rows at 10,000 cities)."""
    from icc import db

    ids = sorted(set(parsed.scores["assessment_id"])) if not parsed.scores.empty else []
    return db.run("existing_scores", con=con, assessment_ids=ids)


def commit(parsed: ParsedImport, imported_by: str, data_dir=None, target=None, store=None) -> str:
    """Save the batch and rebuild the database with it. The rebuild replaces the database file in one
    move; if it fails, the batch is taken out of the store again and nothing has changed."""
    from icc import build, imports
    from icc.paths import DATA, IMPORT_STORE, PUBLISHED_DB

    data_dir, target, store = data_dir or DATA, target or PUBLISHED_DB, store or IMPORT_STORE
    batch_id = imports.save_batch(parsed, imported_by, store)
    try:
        build.build(data_dir, target, store)
    except Exception:
        imports.delete_batch(batch_id, store)
        raise
    return batch_id


def rollback(batch_id: str, data_dir=None, target=None, store=None) -> bool:
    from icc import build, imports
    from icc.paths import DATA, IMPORT_STORE, PUBLISHED_DB

    data_dir, target, store = data_dir or DATA, target or PUBLISHED_DB, store or IMPORT_STORE
    if not imports.delete_batch(batch_id, store):
        return False
    build.build(data_dir, target, store)
    return True
